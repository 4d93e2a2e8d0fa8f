"""Logging for keten's processes: one line per record, and one known library race kept quiet.

kafka-python 3.0.x closes a connection's socket while that connection's read loop may still be
waiting on it; the loop then calls `recv()` on `None` and logs "Error receiving network data"
with an AttributeError traceback. It happens only when keten itself closes a client (a relay's
producer at shutdown, the consumer that reads the broker's high watermarks): nothing is lost,
so that one record is dropped unless DEBUG is on. Every other kafka-python record stays.
"""

from __future__ import annotations

import logging
import os

FORMAT = "%(asctime)s %(name)s %(levelname)s %(message)s"
RACE_LOGGER = "kafka.net.transport"
RACE_TEXT = "'NoneType' object has no attribute 'recv'"


class ClosedSocketRace(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, AttributeError) and RACE_TEXT in str(error):
            return logging.getLogger(record.name).isEnabledFor(logging.DEBUG)
        return True


def configure() -> None:
    logging.basicConfig(level=os.environ.get("KETEN_LOG_LEVEL", "WARNING"), format=FORMAT)
    race = logging.getLogger(RACE_LOGGER)
    if not any(isinstance(existing, ClosedSocketRace) for existing in race.filters):
        race.addFilter(ClosedSocketRace())

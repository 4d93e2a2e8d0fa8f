"""The clock keten runs on: the system's, or, for end-to-end tests only, one set ahead by a file.

`KETEN_TEST_CLOCK_FILE` names a file holding a number of seconds (it may be absent: zero). Every
reading of the clock adds what the file says at that moment, so a test can let ten working days
pass for a running `keten serve`. It exists for tests: keten warns when it is set.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kernel.settings import Settings

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(UTC)


class ShiftedClock:
    """The system clock plus the seconds in a file, read at every call."""

    def __init__(self, offset_file: Path) -> None:
        self.offset_file = offset_file

    def __call__(self) -> datetime:
        try:
            seconds = float(self.offset_file.read_text().strip() or 0)
        except FileNotFoundError:
            seconds = 0.0
        return utcnow() + timedelta(seconds=seconds)


def clock_for(settings: Settings) -> Clock:
    if settings.test_clock_file is None:
        return utcnow
    log.warning(
        "KETEN_TEST_CLOCK_FILE is set: the clock runs ahead as %s says (tests only)", settings.test_clock_file
    )
    return ShiftedClock(settings.test_clock_file)

"""What happens to one record a consumer (a view or the matcher) is given.

- A record whose `ce_source` is not one of keten's applications is ignored: counted, and
  logged once per source. (Anyone who can write to the broker can still forge keten's own
  source; the broker's access control is what keeps them out, see README "Broker access".)
- A record of a type its handler changes nothing for (`Handler.types`) is passed by on the event
  loop, before it is decoded: no thread, no transaction (about a third of the records a consumer
  of the signals and matches topics is given). Its position is stored with the next record the
  handler applies; until then a restart reads it again and passes it by again.
- A record that does not decode (not JSON, a missing `ce_*` header) is a dead letter at once:
  trying again cannot change it.
- A record the consumer fails on is tried again a few times with a growing pause, then written
  as a dead letter: on `keten.deadletter.v1`, and in the consumer's own store in the
  transaction that moves it past the record (`kernel.deadletters`). The consumer goes on.
- A broker or database that is away is never the record's fault: the record waits for it.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any, Protocol

from aiokafka.errors import MessageSizeTooLargeError
from faststream.kafka import KafkaBroker

from kernel.cloudevents import SPEC_VERSION, RawRecord, ReceivedEvent
from kernel.contracts import DEADLETTER_TOPIC, RECORD_DEAD_LETTERED, consumer_source
from kernel.deadletters import DeadLetter, letter, published
from kernel.failures import ENVIRONMENT
from kernel.metrics import DEAD_LETTERED, FOREIGN_RECORDS

log = logging.getLogger("keten.consumers")

ATTEMPTS = 3  # a failing record is tried this often (pauses of 0.5 s and 1 s), then dead-lettered
BACKOFF_SECONDS = 0.5
UNDECODABLE = (KeyError, ValueError, TypeError)  # what ReceivedEvent.from_record raises
FOREIGN_SOURCES_LOGGED = 100  # bounded: a flood of made-up sources must not fill memory


class Handler(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def topics(self) -> tuple[str, ...]: ...
    @property
    def types(self) -> frozenset[str] | None:
        """The `ce_type`s the handler changes anything for; None: every record of its topics."""

    @property
    def gather_seconds(self) -> float:
        """How long records may gather after a ring before the consumer reads (`keten.doorbell`)."""

    def handle(self, event: ReceivedEvent) -> bool: ...
    def offsets(self) -> dict[tuple[str, int], tuple[int, str]]: ...
    def dead_letter(self, letter: DeadLetter) -> None: ...
    def open_letters(self) -> list[DeadLetter]: ...
    def replay(self, letter: DeadLetter) -> bool: ...
    def replay_failed(self, letter: DeadLetter, error_type: str) -> None: ...


class Delivery:
    def __init__(self, broker: KafkaBroker, sources: frozenset[str], attempts: int = ATTEMPTS) -> None:
        self.broker, self.sources, self.attempts = broker, sources, attempts
        self.backoff_seconds = BACKOFF_SECONDS
        self._attempts: dict[tuple[str, str, int, int], int] = {}
        self._foreign: set[str] = set()

    async def deliver(self, handler: Handler, record: Any) -> float | None:
        """Hands the record to the handler; None when the consumer may go on, else how long to
        pause before the record is delivered again."""
        raw = RawRecord(record.key, record.value, tuple((n, bytes(v)) for n, v in record.headers or ()))
        source = raw.header("ce_source")
        if source is not None and source not in self.sources:
            self._ignore(handler.name, source)
            return None
        if _passed_by(handler, raw.header("ce_type")):
            return None
        try:
            event = ReceivedEvent.from_record(record.topic, record.partition, record.offset, *raw_parts(raw))
        except UNDECODABLE as error:
            return await self._dead(handler, record, raw, type(error).__name__, 1)
        return await self._apply(handler, record, raw, event)

    async def _apply(
        self, handler: Handler, record: Any, raw: RawRecord, event: ReceivedEvent
    ) -> float | None:
        where = (handler.name, record.topic, record.partition, record.offset)
        try:
            await asyncio.to_thread(handler.handle, event)
        except ENVIRONMENT as error:
            log.warning("consumer %s: %s; the record waits", handler.name, type(error).__name__)
            return self.backoff_seconds
        # Any other failure of a handler on one record is that record's (a view's or the
        # matcher's bug for it): retried a few times, then a dead letter, so the rest goes on.
        except Exception as error:
            attempt = self._attempts[where] = self._attempts.get(where, 0) + 1
            if attempt < self.attempts:
                return float(self.backoff_seconds * 2 ** (attempt - 1))
            del self._attempts[where]
            return await self._dead(handler, record, raw, type(error).__name__, attempt)
        self._attempts.pop(where, None)
        return None

    async def _dead(
        self, handler: Handler, record: Any, raw: RawRecord, error_type: str, attempts: int
    ) -> float | None:
        dead = letter(handler.name, record.topic, record.partition, record.offset, raw, error_type, attempts)
        try:
            await self._publish(dead)
        except ENVIRONMENT as error:
            log.warning("consumer %s: dead letter not published (%s); the record waits", handler.name, error)
            return self.backoff_seconds
        await asyncio.to_thread(handler.dead_letter, dead)
        DEAD_LETTERED.labels(handler.name).inc()
        log.error(
            "consumer %s: dead letter %s for %s[%d]@%d (%s, sequence %s): %s after %d attempts; later "
            "records of its key wait until `keten deadletter replay`",
            *(handler.name, dead.letter_id, dead.topic, dead.partition, dead.offset, raw.header("ce_type")),
            *(dead.sequence, error_type, attempts),
        )
        return None

    async def _publish(self, dead: DeadLetter) -> None:
        headers = {
            "ce_specversion": SPEC_VERSION,
            "ce_id": dead.letter_id,
            "ce_source": consumer_source(dead.consumer),
            "ce_type": RECORD_DEAD_LETTERED,
            "ce_time": dead.at.isoformat(),
            "content-type": "application/json",
        }
        try:
            await self._send(dead, headers, with_value=True)
        except MessageSizeTooLargeError:  # the record and its letter together are too large
            await self._send(dead, headers, with_value=False)

    async def _send(self, dead: DeadLetter, headers: dict[str, str], with_value: bool) -> None:
        value = json.dumps(published(dead, with_value), separators=(",", ":")).encode()
        await self.broker.publish(value, DEADLETTER_TOPIC, key=dead.consumer.encode(), headers=headers)

    def _ignore(self, consumer: str, source: str) -> None:
        FOREIGN_RECORDS.labels(consumer).inc()
        if source not in self._foreign and len(self._foreign) < FOREIGN_SOURCES_LOGGED:
            self._foreign.add(source)
            log.warning(
                "consumers ignore records of ce_source %r: not one of keten's applications", source[:100]
            )


def _passed_by(handler: Handler, ce_type: str | None) -> bool:
    # A record without a type is not passed by: decoding makes it a dead letter.
    types = handler.types
    return types is not None and ce_type is not None and ce_type not in types


def raw_parts(raw: RawRecord) -> tuple[bytes | None, bytes | None, tuple[tuple[str, bytes], ...]]:
    return raw.key, raw.value, raw.headers

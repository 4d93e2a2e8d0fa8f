"""Records a consumer could not apply (DEAD) and the records of the same key waiting behind them
(HELD), kept in the consumer's own store.

A consumer writes a dead letter in the same transaction that moves its position past the
record, so it goes on atomically, and the letter outlives a broker that lost its topics. A
later record of the same stream (`ce_source|key`) is held, not applied: applied on top of a
state that misses the dead one, it could be wrong, and a view that saw it would drop the dead
one afterwards as old (it keeps the newest sequence per key). A replay applies the stream's
letters in sequence order, exactly once each: the view's order per key is the original one,
only later. Each letter keeps the record as read (key, value, headers): keten's records are
privacy-safe (pseudonyms, ids, sealed payloads); an exception's message is never kept.
"""

from __future__ import annotations

import base64
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from kernel.cloudevents import RawRecord, ReceivedEvent
from kernel.sqlstore import Cursor

DEAD, HELD, REPLAYED = "DEAD", "HELD", "REPLAYED"
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS consumer_deadletters (letter_id TEXT PRIMARY KEY, consumer TEXT NOT NULL, "
    "state TEXT NOT NULL, stream TEXT, ce_sequence BIGINT, topic TEXT NOT NULL, part INTEGER NOT NULL, "
    "record_offset BIGINT NOT NULL, record_key TEXT, record_value TEXT, record_headers TEXT NOT NULL, "
    "error_type TEXT, at TEXT NOT NULL, attempts INTEGER NOT NULL)",
    "CREATE INDEX IF NOT EXISTS consumer_deadletters_open ON consumer_deadletters (consumer, state, stream)",
)
_COLUMNS = (
    "letter_id, consumer, state, stream, ce_sequence, topic, part, record_offset, record_key, record_value, "
    "record_headers, error_type, at, attempts"
)


@dataclass(frozen=True)
class DeadLetter:
    letter_id: str
    consumer: str
    state: str  # DEAD, HELD or REPLAYED
    topic: str
    partition: int
    offset: int
    record: RawRecord
    error_type: str | None  # the exception's type; None for a HELD record
    at: datetime
    attempts: int

    @property
    def source(self) -> str | None:
        return self.record.header("ce_source")

    @property
    def sequence(self) -> int | None:
        found = self.record.header("ce_sequence")
        return int(found) if found is not None and found.isdigit() else None

    @property
    def stream(self) -> str | None:
        """`ce_source|key`, the stream a view or the matcher orders by; None when unknown."""
        key = self.record.key
        return f"{self.source}|{key.decode(errors='replace')}" if self.source and key is not None else None

    @property
    def last_event(self) -> str:
        """What a consumer's resume check expects of the record before its next offset."""
        return f"{self.source}|{self.record.header('ce_sequence')}"

    def event(self) -> ReceivedEvent:
        """The record decoded again; raises as the consumer did while it is undecodable."""
        raw = self.record
        return ReceivedEvent.from_record(
            self.topic, self.partition, self.offset, raw.key, raw.value, raw.headers
        )


def letter(
    consumer: str,
    topic: str,
    partition: int,
    offset: int,
    record: RawRecord,
    error_type: str | None,
    attempts: int,
) -> DeadLetter:
    state = DEAD if error_type is not None else HELD
    return DeadLetter(uuid.uuid4().hex[:12], consumer, state, topic, partition, offset, record, error_type,
                      datetime.now(UTC), attempts)  # fmt: skip


def held(consumer: str, event: ReceivedEvent) -> DeadLetter:
    """A record of a stream with a dead letter: it waits behind it."""
    return letter(consumer, event.topic, event.partition, event.offset, event.record(), None, 0)


def published(dead: DeadLetter, with_value: bool = True) -> dict[str, object]:
    """The letter as keten.deadletter.v1 carries it (schemas/events/RecordDeadLettered.json)."""
    raw = dead.record
    return {
        "letterId": dead.letter_id,
        "consumer": dead.consumer,
        "sourceTopic": dead.topic,
        "partition": dead.partition,
        "offset": dead.offset,
        "ceSource": dead.source,
        "ceType": raw.header("ce_type"),
        "ceSequence": dead.sequence,
        "key": None if raw.key is None else raw.key.decode(errors="replace"),
        "errorType": dead.error_type,
        "attempts": dead.attempts,
        "at": dead.at.isoformat(),
        "value": _text(raw.value) if with_value else None,
    }


class DeadLetters:
    """One consumer's letters; every call runs in the caller's transaction."""

    def __init__(self, consumer: str) -> None:
        self.consumer = consumer

    def add(self, cursor: Cursor, dead: DeadLetter) -> None:
        raw, places = dead.record, ", ".join("?" * 14)
        cursor.execute(
            f"INSERT INTO consumer_deadletters ({_COLUMNS}) VALUES ({places})",
            (dead.letter_id, self.consumer, dead.state, dead.stream, dead.sequence, dead.topic,
             dead.partition, dead.offset, _text(raw.key), _text(raw.value), _headers(raw),
             dead.error_type, dead.at.isoformat(), dead.attempts),
        )  # fmt: skip

    def open_streams(self, cursor: Cursor) -> dict[str, set[int]]:
        """Every stream with a dead or held record, and the sequences it keeps."""
        cursor.execute(
            "SELECT stream, ce_sequence FROM consumer_deadletters WHERE consumer = ? AND state IN (?, ?) "
            "AND stream IS NOT NULL",
            (self.consumer, DEAD, HELD),
        )
        found: dict[str, set[int]] = {}
        for stream, sequence in cursor.fetchall():
            found.setdefault(str(stream), set()).add(int(sequence) if sequence is not None else -1)
        return found

    def open(self, cursor: Cursor) -> list[DeadLetter]:
        """The dead and held letters, by stream and then in the stream's order."""
        cursor.execute(
            f"SELECT {_COLUMNS} FROM consumer_deadletters WHERE consumer = ? AND state IN (?, ?) "
            "ORDER BY stream, ce_sequence, record_offset",
            (self.consumer, DEAD, HELD),
        )
        return [_letter(row) for row in cursor.fetchall()]

    def is_open(self, cursor: Cursor, letter_id: str) -> bool:
        cursor.execute(
            "SELECT 1 FROM consumer_deadletters WHERE letter_id = ? AND state IN (?, ?)",
            (letter_id, DEAD, HELD),
        )
        return cursor.fetchone() is not None

    def replayed(self, cursor: Cursor, letter_id: str) -> None:
        cursor.execute("UPDATE consumer_deadletters SET state = ? WHERE letter_id = ?", (REPLAYED, letter_id))

    def failed_again(self, cursor: Cursor, letter_id: str, error_type: str) -> None:
        """A replay failed: the letter is DEAD (a held one too), its attempts counted."""
        cursor.execute(
            "UPDATE consumer_deadletters SET state = ?, error_type = ?, attempts = attempts + 1 "
            "WHERE letter_id = ?",
            (DEAD, error_type, letter_id),
        )


def _text(raw: bytes | None) -> str | None:
    return None if raw is None else base64.b64encode(raw).decode()


def _bytes(text: object) -> bytes | None:
    return None if text is None else base64.b64decode(str(text))


def _headers(raw: RawRecord) -> str:
    return json.dumps([[name, base64.b64encode(value).decode()] for name, value in raw.headers])


def _letter(row: tuple[object, ...]) -> DeadLetter:
    letter_id, consumer, state, _, _, topic, part, offset, key, value, headers, error_type, at, attempts = row
    pairs = tuple((str(name), base64.b64decode(value)) for name, value in json.loads(str(headers)))
    return DeadLetter(
        str(letter_id), str(consumer), str(state), str(topic), int(str(part)), int(str(offset)),
        RawRecord(_bytes(key), _bytes(value), pairs), None if error_type is None else str(error_type),
        datetime.fromisoformat(str(at)), int(str(attempts)),
    )  # fmt: skip

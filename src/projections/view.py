"""What every read model shares: rows and source position written in one transaction.

A view remembers, per ordering key, the highest relay sequence it applied. Within a key the
relay's sequence only grows, so a record seen again — a relay crash re-publishing its tail,
or the broker losing its topics and the relay starting over — is recognised and dropped.
The Kafka offset is stored too, but only to resume quickly; it is never trusted to dedupe.

A record the view cannot apply becomes a dead letter (`kernel.deadletters`) in the transaction
that moves the view past it; later records of its key are held, and a replay applies them all
in their order.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext

from kernel.cloudevents import ReceivedEvent
from kernel.contracts import stream_of
from kernel.deadletters import SCHEMA as DEADLETTERS_SCHEMA
from kernel.deadletters import DeadLetter, DeadLetters, held
from kernel.lease import advisory_key
from kernel.sqlstore import Cursor, Database
from projections import tracking

# Where to resume, and which record stood just before: a consumer trusts the offset only
# while that record is still there (a broker that lost its topics renumbers them).
_OFFSETS = (
    "CREATE TABLE IF NOT EXISTS view_resume ("
    "view TEXT NOT NULL, topic TEXT NOT NULL, part INTEGER NOT NULL, next_offset BIGINT NOT NULL, "
    "last_event TEXT NOT NULL, PRIMARY KEY (view, topic, part))"
)


# The matcher and the views someone waits for (mySignals, matches, the regie on a match card, the
# case views) get the cores first; a view nobody waits for reads this long after a ring, all the
# records of that time in one go.
GATHER_SECONDS = 0.1


class View(ABC):
    name: str
    topics: tuple[str, ...]
    tables: tuple[str, ...]
    # The types `apply` writes anything for; None: every type of its topics. A record of another
    # type is passed by (keten.delivery) and, in a batch, moves only the view's offset.
    types: frozenset[str] | None = None
    # How long records may gather after a relay's ring before this view reads them (`keten.doorbell`):
    # 0 for the views someone waits for in the moment of a write; `GATHER_SECONDS` for those read
    # later (the logbook, the mail, the access log).
    gather_seconds: float = 0.0

    def __init__(self, db: Database) -> None:
        self.db, self.letters = db, DeadLetters(self.name)
        with db.transaction() as cursor:
            for statement in (tracking.SCHEMA, _OFFSETS, *DEADLETTERS_SCHEMA, *self.schema()):
                cursor.execute(statement)

    @abstractmethod
    def schema(self) -> Sequence[str]:
        """CREATE TABLE statements of this view's own tables."""

    @abstractmethod
    def apply(self, cursor: Cursor, event: ReceivedEvent) -> None:
        """Writes the rows one event changes; the caller owns the transaction."""

    def handle(self, event: ReceivedEvent) -> bool:
        """Applies the event unless seen before; False for a duplicate."""
        return self.handle_batch([event]) == 1

    def handle_batch(self, events: Sequence[ReceivedEvent]) -> int:
        """Applies, in one transaction, every event not seen before; returns how many.

        A rebuild hands over a whole fetch at once: one commit per fetch instead of one per
        record. The rows, the per-key sequences and the offsets still change together.
        """
        applied, newest, last = 0, dict[str, int](), dict[tuple[str, int], ReceivedEvent]()
        keyed = [(stream_of(event.source, event.key), event) for event in events]
        streams = list(dict.fromkeys(stream for stream, _ in keyed))
        with self.holding(), self.db.transaction() as cursor:
            stuck = self.letters.open_streams(cursor)  # nearly always empty: one cheap query
            for stream in streams:
                self._claim(cursor, stream)
            seen = tracking.applied(cursor, self.name, streams)
            for stream, event in keyed:
                last[(event.topic, event.partition)] = event
                if self.types is not None and event.type not in self.types:
                    continue
                if stream in seen and seen[stream] >= event.sequence:
                    continue
                if stream in stuck:
                    self._hold(cursor, event, stuck[stream])
                    continue
                self.apply(cursor, event)
                seen[stream] = newest[stream] = event.sequence
                applied += 1
            tracking.track(cursor, self.name, newest)
            for event in last.values():
                marker = f"{event.source}|{event.sequence}"
                self._save_offset(cursor, event.topic, event.partition, event.offset, marker)
        return applied

    def holding(self) -> AbstractContextManager[None]:
        """What a batch holds while it is applied: a view that opens sealed payloads keeps its
        data keys for the batch."""
        return nullcontext()

    def _claim(self, cursor: Cursor, stream: str) -> None:
        """Waits, on PostgreSQL, while another consumer writes this stream: for a moment during
        a rebalance two processes may read one partition, and the second must then see the
        first's tracking instead of failing on its rows. (SQLite serialises every writer.)"""
        if self.db.dialect == "postgres":
            cursor.execute("SELECT pg_advisory_xact_lock(?)", (advisory_key(f"view|{self.name}|{stream}"),))

    def _hold(self, cursor: Cursor, event: ReceivedEvent, kept: set[int]) -> None:
        if event.sequence not in kept:  # held or dead already: the broker delivered it again
            self.letters.add(cursor, held(self.name, event))
            kept.add(event.sequence)

    def dead_letter(self, letter: DeadLetter) -> None:
        """Keeps the record as a dead letter and moves the view past it, in one transaction."""
        with self.db.transaction() as cursor:
            self.letters.add(cursor, letter)
            self._save_offset(cursor, letter.topic, letter.partition, letter.offset, letter.last_event)

    def open_letters(self) -> list[DeadLetter]:
        with self.db.transaction() as cursor:
            return self.letters.open(cursor)

    def replay(self, letter: DeadLetter) -> bool:
        """Applies a dead or held record, exactly once: the letter is closed in the transaction
        that applies it. False when it was closed already (another replay)."""
        event = letter.event()
        stream = stream_of(event.source, event.key)
        with self.db.transaction() as cursor:
            if not self.letters.is_open(cursor, letter.letter_id):
                return False
            seen = tracking.applied(cursor, self.name, [stream]).get(stream)
            if seen is None or seen < event.sequence:
                self.apply(cursor, event)
                tracking.track(cursor, self.name, {stream: event.sequence})
            self.letters.replayed(cursor, letter.letter_id)
        return True

    def replay_failed(self, letter: DeadLetter, error_type: str) -> None:
        with self.db.transaction() as cursor:
            self.letters.failed_again(cursor, letter.letter_id, error_type)

    def offsets(self) -> dict[tuple[str, int], tuple[int, str]]:
        """Per partition: the next offset, and `source|sequence` of the record before it."""
        with self.db.transaction() as cursor:
            cursor.execute(
                "SELECT topic, part, next_offset, last_event FROM view_resume WHERE view = ?", (self.name,)
            )
            return {(t, int(p)): (int(offset), last) for t, p, offset, last in cursor.fetchall()}

    def reset(self) -> None:
        """Drops every row and position: the next run rebuilds from offset 0."""
        with self.db.transaction() as cursor:
            for table in self.tables:
                cursor.execute(f"DELETE FROM {table}")
            cursor.execute("DELETE FROM view_tracking WHERE view = ?", (self.name,))
            cursor.execute("DELETE FROM view_resume WHERE view = ?", (self.name,))
            # A rebuild reads every record again: one that still fails becomes a letter again.
            cursor.execute("DELETE FROM consumer_deadletters WHERE consumer = ?", (self.name,))

    def _save_offset(self, cursor: Cursor, topic: str, partition: int, offset: int, last_event: str) -> None:
        # An upsert: two consumers of one partition (a rebalance) may save it at the same moment.
        cursor.execute(
            "INSERT INTO view_resume (view, topic, part, next_offset, last_event) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (view, topic, part) DO UPDATE "
            "SET next_offset = excluded.next_offset, last_event = excluded.last_event",
            (self.name, topic, partition, offset + 1, last_event),
        )

"""Feeds keten.signals.v1 to the matcher, and keeps the matcher's dead letters.

The matcher has no offset of its own: it reads the topic from the start and skips what its
tracking holds. A dead letter, kept in the matcher's own store, is what makes it skip a record
it could not apply; a later record of the same young person is held behind it (applied on top
of a match book that misses one signal, it could decide wrongly), until a replay applies them
in their order. The tracking makes each application happen once, a replay's too.
"""

from __future__ import annotations

from kernel.cloudevents import ReceivedEvent
from kernel.contracts import SIGNALS_TOPIC
from kernel.deadletters import SCHEMA, DeadLetter, DeadLetters, held
from kernel.sqlstore import Database
from matching.application import APPLIED, MatchingApplication


class MatcherHandler:
    name = "matcher"
    topics = (SIGNALS_TOPIC,)
    types = APPLIED  # informing changes no match book: passed by (keten.delivery)
    gather_seconds = 0.0  # on every match's path: reads as soon as a relay rings

    def __init__(self, app: MatchingApplication, db: Database) -> None:
        self.app, self.db, self.letters = app, db, DeadLetters(self.name)
        with db.transaction() as cursor:
            for statement in SCHEMA:
                cursor.execute(statement)

    def handle(self, event: ReceivedEvent) -> bool:
        if event.type not in APPLIED:
            return False  # changes no book: not held behind a dead letter either
        stream = f"{event.source}|{event.key}"
        # Read first, without the write lock: nearly always no record of anyone is held.
        with self.db.read() as cursor:
            stuck = stream in self.letters.open_streams(cursor)
        if stuck and self._held(stream, event):
            return False
        return self.app.process(event.source, event.sequence, event.type, event.data, event.time)

    def _held(self, stream: str, event: ReceivedEvent) -> bool:
        """Keeps the record behind its young person's dead letter, unless it was applied before."""
        with self.db.transaction() as cursor:
            kept = self.letters.open_streams(cursor).get(stream)
            if kept is None or self.app.processed(event.source, event.key, event.sequence):
                return False
            if event.sequence not in kept:
                self.letters.add(cursor, held(self.name, event))
            return True

    def offsets(self) -> dict[tuple[str, int], tuple[int, str]]:
        # The matcher keeps only its tracking; it re-reads the topic from the start and skips
        # what its tracking already holds (one indexed lookup per record).
        return {}

    def dead_letter(self, letter: DeadLetter) -> None:
        with self.db.transaction() as cursor:
            self.letters.add(cursor, letter)

    def open_letters(self) -> list[DeadLetter]:
        with self.db.transaction() as cursor:
            return self.letters.open(cursor)

    def replay(self, letter: DeadLetter) -> bool:
        """Applies a dead or held record once; its tracking refuses a second application."""
        event = letter.event()
        with self.db.transaction() as cursor:
            if not self.letters.is_open(cursor, letter.letter_id):
                return False
        self.app.process(event.source, event.sequence, event.type, event.data, event.time)
        with self.db.transaction() as cursor:
            self.letters.replayed(cursor, letter.letter_id)
        return True

    def replay_failed(self, letter: DeadLetter, error_type: str) -> None:
        with self.db.transaction() as cursor:
            self.letters.failed_again(cursor, letter.letter_id, error_type)

"""A record a view or the matcher cannot apply: a dead letter in the transaction that moves the
consumer past it, its key's later records held, and a replay that applies them in their order,
exactly once."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from tests.unit.regie_fixtures import regie
from tests.unit.test_matching_application import SOURCE, WITHDRAWN, a_subject, book_of, registered, withdrawn

from kernel.cloudevents import ReceivedEvent
from kernel.contracts import SIGNAL_REGISTERED
from kernel.deadletters import DEAD, HELD, letter
from kernel.sqlstore import Cursor, SQLiteDatabase
from matching.application import MatchingApplication
from matching.consumer import MatcherHandler
from projections.view import View

CASE, OTHER = "case-1", "case-2"


class Notes(View):
    """A view of one row per key; it fails on a record marked poison until it is fixed."""

    name, topics, tables = "notes", ("keten.cases.v1",), ("notes",)
    fixed = False

    def schema(self) -> Sequence[str]:
        return ("CREATE TABLE IF NOT EXISTS notes (key TEXT NOT NULL, sequence INTEGER NOT NULL)",)

    def apply(self, cursor: Cursor, event: ReceivedEvent) -> None:
        if event.data.get("poison") and not self.fixed:
            raise KeyError("a value the view cannot handle")
        cursor.execute("INSERT INTO notes (key, sequence) VALUES (?, ?)", (event.key, event.sequence))

    def rows(self) -> list[tuple[str, int]]:
        with self.db.transaction() as cursor:
            cursor.execute("SELECT key, sequence FROM notes ORDER BY rowid")
            return [(str(k), int(s)) for k, s in cursor.fetchall()]


def record(key: str, sequence: int, offset: int, **data: Any) -> ReceivedEvent:
    return ReceivedEvent(
        "/keten/cases", sequence, "keten.cases.Noted", key, data, "keten.cases.v1", 0, offset
    )


def dead(view: Notes, event: ReceivedEvent, attempts: int = 3) -> None:
    """What the consumer does once a record failed its attempts."""
    with pytest.raises(KeyError):
        view.handle(event)
    view.dead_letter(letter(view.name, event.topic, 0, event.offset, event.record(), "KeyError", attempts))


@pytest.fixture
def notes() -> Notes:
    return Notes(SQLiteDatabase(":memory:"))


def test_a_dead_letter_moves_the_view_past_it_and_holds_only_its_key(notes: Notes) -> None:
    notes.handle(record(CASE, 1, 0))
    dead(notes, record(CASE, 2, 1, poison=True))

    notes.handle(record(CASE, 3, 2))
    notes.handle(record(OTHER, 4, 3))

    assert notes.rows() == [(CASE, 1), (OTHER, 4)]
    assert notes.offsets()[("keten.cases.v1", 0)][0] == 4
    assert [(x.state, x.sequence, x.error_type) for x in notes.open_letters()] == [
        (DEAD, 2, "KeyError"), (HELD, 3, None),
    ]  # fmt: skip


def test_a_replay_applies_the_dead_record_and_those_held_behind_it_in_order_once(notes: Notes) -> None:
    notes.handle(record(CASE, 1, 0))
    dead(notes, record(CASE, 2, 1, poison=True))
    notes.handle(record(CASE, 3, 2))
    notes.fixed = True  # the cause is fixed

    letters = notes.open_letters()
    assert [notes.replay(x) for x in letters] == [True, True]
    assert [notes.replay(x) for x in letters] == [False, False]  # once only

    notes.handle(record(CASE, 4, 3))
    assert notes.rows() == [(CASE, 1), (CASE, 2), (CASE, 3), (CASE, 4)]
    assert notes.open_letters() == []


def test_a_record_delivered_again_is_neither_held_twice_nor_held_when_it_was_applied(notes: Notes) -> None:
    notes.handle(record(CASE, 1, 0))
    dead(notes, record(CASE, 2, 1, poison=True))
    notes.handle(record(CASE, 3, 2))

    # The broker lost its topics; the relay publishes everything again, at new offsets.
    for again in (record(CASE, 1, 10), record(CASE, 2, 11, poison=True), record(CASE, 3, 12)):
        notes.handle(again)

    assert [(x.state, x.sequence) for x in notes.open_letters()] == [(DEAD, 2), (HELD, 3)]
    assert notes.rows() == [(CASE, 1)]


def test_a_replay_that_fails_again_leaves_the_letter_dead_and_counts_it(notes: Notes) -> None:
    dead(notes, record(CASE, 2, 1, poison=True))
    [poison] = notes.open_letters()

    with pytest.raises(KeyError):
        notes.replay(poison)
    notes.replay_failed(poison, "KeyError")

    [still] = notes.open_letters()
    assert (still.state, still.attempts) == (DEAD, 4)


def test_a_rebuild_forgets_the_views_letters(notes: Notes) -> None:
    dead(notes, record(CASE, 2, 1, poison=True))

    notes.reset()

    assert notes.open_letters() == []


class Fragile(MatchingApplication):
    """The matcher with a bug for one signal, until it is fixed."""

    poison: str | None = None

    def process(
        self, source: str, sequence: int, ce_type: str, data: dict[str, Any], time: Any = None
    ) -> bool:
        if data["signalId"] == self.poison:
            raise RuntimeError("a bug for this one signal")
        return super().process(source, sequence, ce_type, data, time)


@pytest.fixture
def matcher() -> MatcherHandler:
    app = Fragile(regie(), env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    return MatcherHandler(app, SQLiteDatabase(":memory:"))


def signal_record(data: dict[str, Any], sequence: int, kind: str = SIGNAL_REGISTERED) -> ReceivedEvent:
    return ReceivedEvent(SOURCE, sequence, kind, data["subject"], data, "keten.signals.v1", 0, sequence)


def test_the_matcher_holds_a_young_persons_signals_behind_a_dead_one_and_replays_them_once(
    matcher: MatcherHandler,
) -> None:
    app = matcher.app
    assert isinstance(app, Fragile)
    subject, other = a_subject(), a_subject()
    first, second = registered(subject), registered(subject)
    app.poison = first["signalId"]
    with pytest.raises(RuntimeError):
        matcher.handle(signal_record(first, 1))
    matcher.dead_letter(
        letter("matcher", "keten.signals.v1", 0, 1, signal_record(first, 1).record(), "RuntimeError", 3)
    )

    assert not matcher.handle(signal_record(second, 2))  # held behind the dead one
    assert matcher.handle(signal_record(registered(other), 3))  # another young person goes on
    assert matcher.open_letters()[1].state == HELD

    app.poison = None  # the bug is fixed
    letters = matcher.open_letters()
    assert [matcher.replay(x) for x in letters] == [True, True]
    assert [matcher.replay(x) for x in letters] == [False, False]

    assert book_of(app, subject).match_id is not None  # both signals, in their order: a match
    assert not app.process(SOURCE, 2, SIGNAL_REGISTERED, second)  # tracked: never twice
    assert matcher.handle(signal_record(withdrawn(second), 4, WITHDRAWN))

"""Records of a type a handler changes nothing for are passed by before any thread or transaction.

The consumer decides from the `ce_type` header alone (`keten.delivery`); a view declares the
types its `apply` writes for (`View.types`). The declaration must never leave out a type the
view writes for: every public type of a view's topics that it does not declare is applied here
by hand, with no data at all: it must write no row and read no field of the data.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from kernel.cloudevents import ReceivedEvent
from kernel.deadletters import DeadLetter
from kernel.sqlstore import SQLiteDatabase
from keten.delivery import Delivery
from matching.application import APPLIED
from matching.consumer import MatcherHandler
from projections.handover_mail import HandoverMailView
from projections.match_mail import MatchMailView
from projections.matches import MatchesView
from projections.signal_logbook import SignalLogbookView
from projections.view import View

SOURCE = "/keten/matching"
SCHEMAS = Path(__file__).parents[2] / "schemas" / "events"


@dataclass
class Record:
    """What aiokafka hands a consumer, as far as the delivery reads it."""

    ce_type: str | None
    topic: str = "keten.matches.v1"
    partition: int = 0
    offset: int = 0
    key: bytes = b"k" * 64
    value: bytes = b"{}"

    @property
    def headers(self) -> list[tuple[str, bytes]]:
        headers = [("ce_source", SOURCE.encode()), ("ce_sequence", b"1"), ("ce_id", b"1")]
        headers += [("ce_specversion", b"1.0"), ("ce_time", b"2026-11-30T10:00:00+00:00")]
        return headers + ([("ce_type", self.ce_type.encode())] if self.ce_type is not None else [])


@dataclass
class Handler:
    types: frozenset[str] | None
    name: str = "fake"
    topics: tuple[str, ...] = ("keten.matches.v1",)
    handled: list[str] = field(default_factory=list)
    letters: list[DeadLetter] = field(default_factory=list)

    def handle(self, event: ReceivedEvent) -> bool:
        self.handled.append(event.type)
        return True

    def dead_letter(self, letter: DeadLetter) -> None:
        self.letters.append(letter)


class Broker:
    def __init__(self) -> None:
        self.published: list[str] = []

    async def publish(self, value: bytes, topic: str, **_: Any) -> None:
        self.published.append(topic)


def deliver(handler: Handler, record: Record) -> tuple[float | None, Broker]:
    broker = Broker()
    delivery = Delivery(broker, frozenset({SOURCE}))  # type: ignore[arg-type]
    return asyncio.run(delivery.deliver(handler, record)), broker  # type: ignore[arg-type]


def test_a_record_of_a_type_the_handler_does_not_apply_is_passed_by_unread() -> None:
    handler = Handler(types=frozenset({"keten.matching.MatchFound"}))

    assert deliver(handler, Record("keten.matching.CoordinatorProposed"))[0] is None
    assert handler.handled == [] and handler.letters == []

    deliver(handler, Record("keten.matching.MatchFound"))
    assert handler.handled == ["keten.matching.MatchFound"]


def test_a_handler_without_types_is_given_every_record() -> None:
    handler = Handler(types=None)

    deliver(handler, Record("keten.matching.CoordinatorProposed"))

    assert handler.handled == ["keten.matching.CoordinatorProposed"]


def test_a_record_without_a_type_is_not_passed_by_but_dead_lettered() -> None:
    handler = Handler(types=frozenset({"keten.matching.MatchFound"}))

    pause, broker = deliver(handler, Record(None))

    assert pause is None and handler.handled == []
    assert [letter.error_type for letter in handler.letters] == ["KeyError"]
    assert broker.published == ["keten.deadletter.v1"]


def test_the_matcher_is_given_only_what_changes_a_match_book() -> None:
    assert MatcherHandler.types == APPLIED


class Opener:
    def open_or_erased(self, key_id: str, sealed: str) -> str:
        raise AssertionError("a passed-by type must not open a payload")


def declaring_views() -> list[View]:
    views = [
        MatchesView(SQLiteDatabase(":memory:")),
        MatchMailView(SQLiteDatabase(":memory:")),
        SignalLogbookView(SQLiteDatabase(":memory:")),
        HandoverMailView(SQLiteDatabase(":memory:"), Opener()),
    ]
    assert all(view.types for view in views)
    return views


def public_types(topics: tuple[str, ...]) -> list[str]:
    contracts = [json.loads(path.read_text()) for path in sorted(SCHEMAS.glob("*.json"))]
    return [c["x-ce-type"] for c in contracts if c["x-topic"] in topics]


@pytest.mark.parametrize("view", declaring_views(), ids=lambda view: view.name)
def test_every_type_a_view_does_not_declare_writes_and_reads_nothing_in_it(view: View) -> None:
    undeclared = [t for t in public_types(view.topics) if t not in (view.types or ())]
    assert undeclared, "the view declares every type of its topics: it needs no declaration"
    with view.db.transaction() as cursor:
        before = view.db._conn.total_changes  # type: ignore[attr-defined]
        for number, ce_type in enumerate(undeclared):
            # No data at all: a view that writes for this type would fail on its first field.
            event = ReceivedEvent(SOURCE, number + 1, ce_type, "k" * 64, {}, view.topics[0], 0, number, None)
            view.apply(cursor, event)
        assert view.db._conn.total_changes == before  # type: ignore[attr-defined]


@pytest.mark.parametrize("view", declaring_views(), ids=lambda view: view.name)
def test_every_type_a_view_declares_is_one_of_its_topics(view: View) -> None:
    assert view.types is not None and view.types <= set(public_types(view.topics))


def test_a_passed_by_record_in_a_batch_moves_only_the_offset() -> None:
    view = MatchesView(SQLiteDatabase(":memory:"))
    proposed = ReceivedEvent(
        SOURCE, 1, "keten.matching.CoordinatorProposed", "k" * 64, {}, view.topics[0], 0, 0, None
    )

    assert not view.handle(proposed)

    assert view.offsets() == {("keten.matches.v1", 0): (1, f"{SOURCE}|1")}
    with view.db.transaction() as cursor:
        cursor.execute("SELECT COUNT(*) FROM view_tracking")
        assert cursor.fetchone()[0] == 0

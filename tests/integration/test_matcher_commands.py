"""The matcher takes commands while it consumes signals: on one SQLite store, from two processes
(two application instances), a command and a consumed signal that change the same book at once
are both kept: the one that loses the race is decided again on the fresh book."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

from tests.unit.regie_fixtures import regie

from domain.identity.model import Sector
from domain.multisignaal.matchbook import MatchBook
from kernel.contracts import SIGNAL_REGISTERED
from matching.application import MatchingApplication

SOURCE = "/keten/multisignaal"
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
TOWN = "ab" * 32


def registered(subject: str, minutes: int) -> dict[str, Any]:
    return {
        "signalId": str(uuid4()),
        "subject": subject,
        "organisationId": str(uuid4()),
        "professionalId": str(uuid4()),
        "municipalityRef": TOWN,
        "registeredAt": (T0 + timedelta(minutes=minutes)).isoformat(),
    }


def matcher(db: Path, sector_of: Any = None) -> MatchingApplication:
    env = {"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": str(db)}
    return MatchingApplication(regie(sector_of or (lambda organisation: Sector.OVERIG)), env=env)


def book_of(app: MatchingApplication, subject: str) -> MatchBook:
    book = app.get_aggregate(MatchBook.id_for(subject))
    assert isinstance(book, MatchBook)
    return book


def test_a_command_that_loses_the_race_to_a_signal_is_decided_again_and_both_are_kept(tmp_path: Path) -> None:
    db, subject = tmp_path / "matching.db", uuid4().hex * 2
    here, elsewhere = matcher(db), matcher(db)
    first, second, third = (registered(subject, n) for n in (0, 1, 2))
    here.process(SOURCE, 1, SIGNAL_REGISTERED, first)
    here.process(SOURCE, 2, SIGNAL_REGISTERED, second)
    match_id, school = book_of(here, subject).match_id, UUID(first["professionalId"])
    assert match_id is not None
    attempts: list[datetime] = []

    def confirm_while_another_process_joins(book: MatchBook, at: datetime) -> None:
        if not attempts:  # the other process records a third signal on this very book
            elsewhere.process(SOURCE, 3, SIGNAL_REGISTERED, third)
        attempts.append(at)
        book.confirm_contact(school, at)

    here._change(match_id, confirm_while_another_process_joins, participant=school)

    book = book_of(matcher(db), subject)
    assert len(attempts) == 2
    assert len(book.participants) == 3 and school in book.contacts


def test_a_signal_that_loses_the_race_to_a_command_is_applied_again_and_both_are_kept(tmp_path: Path) -> None:
    db, subject = tmp_path / "matching.db", uuid4().hex * 2
    elsewhere = matcher(db)
    first, second, third = (registered(subject, n) for n in (0, 1, 2))
    elsewhere.process(SOURCE, 1, SIGNAL_REGISTERED, first)
    elsewhere.process(SOURCE, 2, SIGNAL_REGISTERED, second)
    match_id, school = book_of(elsewhere, subject).match_id, UUID(first["professionalId"])
    assert match_id is not None
    lookups: list[UUID] = []

    def sector_while_another_process_confirms(organisation: UUID) -> Sector:
        # Asked while the third signal is being applied, before it is recorded.
        if not lookups:
            elsewhere.confirm_contact(match_id, school)
        lookups.append(organisation)
        return Sector.OVERIG

    here = matcher(db, sector_while_another_process_confirms)
    assert here.process(SOURCE, 3, SIGNAL_REGISTERED, third)

    book = book_of(matcher(db), subject)
    assert len(lookups) == 6  # two attempts, each ranking the three participants
    assert len(book.participants) == 3 and school in book.contacts

"""Match rules on one young person's match book: organisations, not signals, make a match."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from domain.multisignaal.matchbook import MatchBook, Participant

T0 = datetime(2026, 1, 12, 9, 30, tzinfo=UTC)


def new_book() -> MatchBook:
    subject = uuid4().hex * 2  # the shape of a pseudonym: 64 hex characters
    return MatchBook(MatchBook.id_for(subject), subject)


def participant(organisation_id: UUID | None = None, minutes: int = 0) -> Participant:
    return Participant(
        signal_id=uuid4(),
        organisation_id=organisation_id or uuid4(),
        professional_id=uuid4(),
        municipality_ref="ab" * 32,
        since=T0 + timedelta(minutes=minutes),
    )


def happened(book: MatchBook) -> list[Any]:
    """The match events raised since the last call; participant bookkeeping left out."""
    return [e for e in book.collect_events() if type(e).__name__.startswith("Match")]


def names(events: list[Any]) -> list[str]:
    return [type(e).__name__ for e in events]


def test_signals_of_two_organisations_make_a_match_with_both_participants() -> None:
    book = new_book()
    school, youth_care = participant(), participant(minutes=5)

    book.signal_registered(school)
    assert happened(book) == []
    book.signal_registered(youth_care)

    [found] = happened(book)
    assert type(found).__name__ == "MatchFound"
    assert found.participants == (school, youth_care)
    assert found.since == youth_care.since
    assert book.match_id == found.match_id


def test_signals_of_one_organisation_never_match_each_other() -> None:
    book, school = new_book(), uuid4()

    book.signal_registered(participant(school))
    book.signal_registered(participant(school, minutes=5))
    book.signal_registered(participant(school, minutes=10))

    assert happened(book) == []
    assert book.match_id is None


def test_a_third_organisation_joins_the_existing_match() -> None:
    book = new_book()
    book.signal_registered(participant())
    book.signal_registered(participant(minutes=5))
    [found] = happened(book)

    police = participant(minutes=10)
    book.signal_registered(police)

    [joined] = happened(book)
    assert type(joined).__name__ == "MatchJoined"
    assert joined.match_id == found.match_id
    assert joined.participant == police


def test_a_participant_leaves_while_two_organisations_remain() -> None:
    book = new_book()
    school, youth_care, police = participant(), participant(minutes=5), participant(minutes=10)
    for p in (school, youth_care, police):
        book.signal_registered(p)
    match_id = book.match_id
    happened(book)

    book.signal_ended(youth_care.signal_id, T0 + timedelta(days=1))

    [left] = happened(book)
    assert type(left).__name__ == "MatchLeft"
    assert (left.match_id, left.professional_id) == (match_id, youth_care.professional_id)
    assert left.at == T0 + timedelta(days=1)
    assert book.match_id == match_id


def test_a_colleague_leaving_does_not_end_the_match_of_their_organisation() -> None:
    book, school = new_book(), uuid4()
    mentor, teacher, youth_care = participant(school), participant(school, 1), participant(minutes=5)
    for p in (mentor, teacher, youth_care):
        book.signal_registered(p)
    happened(book)

    book.signal_ended(mentor.signal_id, T0 + timedelta(days=1))

    assert names(happened(book)) == ["MatchLeft"]


def test_the_match_ends_when_fewer_than_two_organisations_are_left() -> None:
    book, school = new_book(), uuid4()
    mentor, teacher, youth_care = participant(school), participant(school, 1), participant(minutes=5)
    for p in (mentor, teacher, youth_care):
        book.signal_registered(p)
    match_id = book.match_id
    happened(book)

    # Two signals remain, but both of the school: that is no match.
    book.signal_ended(youth_care.signal_id, T0 + timedelta(days=2))

    [ended] = happened(book)
    assert type(ended).__name__ == "MatchEnded"
    assert (ended.match_id, ended.at) == (match_id, T0 + timedelta(days=2))
    assert book.match_id is None


def test_a_new_pair_after_an_ended_match_is_a_new_match() -> None:
    book = new_book()
    school, youth_care = participant(), participant(minutes=5)
    book.signal_registered(school)
    book.signal_registered(youth_care)
    book.signal_ended(youth_care.signal_id, T0 + timedelta(days=1))
    [found, ended] = happened(book)

    police = participant(minutes=60 * 24 * 3)
    book.signal_registered(police)

    [again] = happened(book)
    assert type(again).__name__ == "MatchFound"
    assert again.match_id not in (found.match_id, ended.match_id)
    assert again.participants == (school, police)


def test_a_registration_seen_twice_and_an_unknown_or_repeated_end_change_nothing() -> None:
    book = new_book()
    school, youth_care = participant(), participant(minutes=5)
    book.signal_registered(school)
    book.signal_registered(youth_care)
    book.collect_events()

    book.signal_registered(youth_care)
    book.signal_ended(uuid4(), T0)
    assert book.collect_events() == []

    book.signal_ended(school.signal_id, T0)
    book.signal_ended(school.signal_id, T0)
    assert names(happened(book)) == ["MatchEnded"]

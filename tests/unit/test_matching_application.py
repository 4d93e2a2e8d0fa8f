"""The matcher consumes signal events once each: tracking per young person, stored with its effects."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

import pytest
from tests.unit.regie_fixtures import regie

from domain.multisignaal.matchbook import MatchBook
from kernel.contracts import INFORMING_DUE, SIGNAL_REGISTERED
from matching.application import MatchingApplication

POPO = {"PERSISTENCE_MODULE": "eventsourcing.popo"}
SOURCE = "/keten/multisignaal"
WITHDRAWN = "keten.multisignaal.SignalWithdrawn"
EXPIRED = "keten.multisignaal.SignalExpired"


def registered(subject: str) -> dict[str, Any]:
    return {
        "signalId": str(uuid4()),
        "subject": subject,
        "organisationId": str(uuid4()),
        "professionalId": str(uuid4()),
        "municipalityRef": "cd" * 32,
        "registeredAt": datetime(2026, 1, 12, 9, 30, tzinfo=UTC).isoformat(),
    }


def withdrawn(signal: dict[str, Any]) -> dict[str, Any]:
    return {
        "signalId": signal["signalId"],
        "subject": signal["subject"],
        "endedAt": datetime(2026, 2, 12, 9, 30, tzinfo=UTC).isoformat(),
        "reason": "RISK_GONE",
    }


def a_subject() -> str:
    return uuid4().hex * 2


@pytest.fixture
def matcher() -> MatchingApplication:
    return MatchingApplication(regie(), env=POPO)


def book_of(matcher: MatchingApplication, subject: str) -> MatchBook:
    book: object = matcher.repository.get(MatchBook.id_for(subject))
    assert isinstance(book, MatchBook)
    return book


def test_two_organisations_signalling_one_youth_are_matched(matcher: MatchingApplication) -> None:
    subject = a_subject()

    assert matcher.process(SOURCE, 3, SIGNAL_REGISTERED, registered(subject))
    assert matcher.process(SOURCE, 5, SIGNAL_REGISTERED, registered(subject))

    book = book_of(matcher, subject)
    assert book.match_id is not None and len(book.organisations) == 2
    assert matcher.subject_of(book.id) == subject


def test_a_withdrawal_ends_the_match(matcher: MatchingApplication) -> None:
    subject = a_subject()
    first = registered(subject)
    matcher.process(SOURCE, 1, SIGNAL_REGISTERED, first)
    matcher.process(SOURCE, 2, SIGNAL_REGISTERED, registered(subject))

    assert matcher.process(SOURCE, 4, WITHDRAWN, withdrawn(first))

    assert book_of(matcher, subject).match_id is None


def test_a_repeated_or_lower_sequence_of_the_same_youth_is_dropped_and_stores_nothing(
    matcher: MatchingApplication,
) -> None:
    subject = a_subject()
    matcher.process(SOURCE, 7, SIGNAL_REGISTERED, registered(subject))
    stored = matcher.recorder.max_notification_id()

    # The relay re-publishes its tail after a crash: the same sequence, and an older one.
    assert not matcher.process(SOURCE, 7, SIGNAL_REGISTERED, registered(subject))
    assert not matcher.process(SOURCE, 6, SIGNAL_REGISTERED, registered(subject))

    assert matcher.recorder.max_notification_id() == stored
    assert book_of(matcher, subject).match_id is None


def test_a_higher_sequence_of_the_same_youth_is_applied(matcher: MatchingApplication) -> None:
    subject = a_subject()
    matcher.process(SOURCE, 7, SIGNAL_REGISTERED, registered(subject))

    assert matcher.process(SOURCE, 8, SIGNAL_REGISTERED, registered(subject))

    assert book_of(matcher, subject).match_id is not None


def test_each_youth_is_tracked_on_its_own(matcher: MatchingApplication) -> None:
    # Sequences are the relay's notification ids: one youth's may be far ahead of another's
    # when they arrive on different partitions.
    ahead, behind = a_subject(), a_subject()
    matcher.process(SOURCE, 100, SIGNAL_REGISTERED, registered(ahead))

    assert matcher.process(SOURCE, 3, SIGNAL_REGISTERED, registered(behind))
    assert matcher.process(SOURCE, 4, SIGNAL_REGISTERED, registered(behind))

    assert book_of(matcher, behind).match_id is not None
    assert book_of(matcher, ahead).match_id is None


def test_an_expiry_ends_the_match_at_the_time_of_its_record(matcher: MatchingApplication) -> None:
    # An expiry's own time travels sealed (it may be a 23rd birthday); the record's time serves.
    subject = a_subject()
    first = registered(subject)
    matcher.process(SOURCE, 1, SIGNAL_REGISTERED, first)
    matcher.process(SOURCE, 2, SIGNAL_REGISTERED, registered(subject))
    expired = {"signalId": first["signalId"], "subject": subject, "endedAtSealed": "c2VhbGVk"}
    when = datetime(2027, 6, 1, 2, 0, tzinfo=UTC)

    assert matcher.process(SOURCE, 3, EXPIRED, expired, when)

    assert book_of(matcher, subject).match_id is None
    stored: list[Any] = [
        matcher.mapper.to_domain_event(n) for n in matcher.recorder.select_notifications(1, 100)
    ]
    [ended] = [e for e in stored if type(e).__name__ == "MatchEnded"]
    assert ended.at == when


def test_a_record_that_changes_no_book_is_passed_by_without_a_write(matcher: MatchingApplication) -> None:
    subject = a_subject()
    assert matcher.process(SOURCE, 3, SIGNAL_REGISTERED, registered(subject))
    stored = matcher.recorder.max_notification_id()

    informing = {"signalId": str(uuid4()), "subject": subject, "band": "UNDER_12"}
    assert not matcher.process(SOURCE, 4, INFORMING_DUE, informing)

    assert matcher.recorder.max_notification_id() == stored
    assert matcher.recorder.max_tracking_id(f"{SOURCE}|{subject}") == 3  # type: ignore[attr-defined]
    assert matcher.process(SOURCE, 5, SIGNAL_REGISTERED, registered(subject))  # the book goes on

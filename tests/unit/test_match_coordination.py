"""The matcher coordinates its matches: the covenant's proposal, who may change it, contact."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import pytest
from tests.unit.regie_fixtures import regie

from domain.errors import NotFound
from domain.identity.model import Sector
from domain.multisignaal.coordination import (
    CoordinationStatus,
    NotAParticipant,
    NotCoordinator,
    ProposalBasis,
)
from domain.multisignaal.covenant import CovenantRules
from domain.multisignaal.matchbook import MatchBook
from kernel.contracts import SIGNAL_REGISTERED, SIGNAL_WITHDRAWN
from matching.application import MatchingApplication

POPO = {"PERSISTENCE_MODULE": "eventsourcing.popo"}
SOURCE = "/keten/multisignaal"
MONDAY = datetime(2026, 5, 11, 9, 0, tzinfo=UTC)
TOWN, ELSEWHERE = "ab" * 32, "cd" * 32


class Story:
    def __init__(self, rules: CovenantRules | None = None) -> None:
        self.sectors: dict[UUID, Sector] = {}
        self.subject, self.sequence = uuid4().hex * 2, 0
        self.now = MONDAY
        kwargs: dict[str, Any] = {"rules": rules} if rules else {}
        sectors = lambda organisation: self.sectors.get(organisation, Sector.OVERIG)  # noqa: E731
        self.app = MatchingApplication(regie(sectors, clock=lambda: self.now, **kwargs), env=POPO)
        self.signals: dict[UUID, UUID] = {}  # professional -> signal

    def signal(self, sector: Sector, town: str = TOWN, minutes: int = 0) -> UUID:
        organisation, professional, signal = uuid4(), uuid4(), uuid4()
        self.sectors[organisation], self.signals[professional] = sector, signal
        since = MONDAY + timedelta(minutes=minutes)
        data = {
            "signalId": str(signal),
            "subject": self.subject,
            "organisationId": str(organisation),
            "professionalId": str(professional),
            "municipalityRef": town,
            "registeredAt": since.isoformat(),
        }
        self.feed(SIGNAL_REGISTERED, data)
        return professional

    def withdraw(self, professional: UUID) -> None:
        signal = str(self.signals[professional])
        data = {
            "signalId": signal,
            "subject": self.subject,
            "endedAt": self.now.isoformat(),
            "reason": "RISK_GONE",
        }
        self.feed(SIGNAL_WITHDRAWN, data)

    def feed(self, ce_type: str, data: dict[str, Any]) -> None:
        self.sequence += 1
        assert self.app.process(SOURCE, self.sequence, ce_type, data)

    @property
    def book(self) -> MatchBook:
        book = self.app.get_aggregate(MatchBook.id_for(self.subject))
        assert isinstance(book, MatchBook)
        return book

    @property
    def match_id(self) -> UUID:
        assert self.book.match_id is not None
        return self.book.match_id

    def events(self) -> list[str]:
        return [n.topic.rsplit(".", 1)[-1] for n in self.app.recorder.select_notifications(1, 1000)]


def test_the_match_is_found_with_its_contact_due_date_and_the_covenants_proposal() -> None:
    story = Story()
    story.signal(Sector.ONDERWIJS)
    care = story.signal(Sector.JEUGDHULP, minutes=5)

    lead = story.book.coordination
    assert lead is not None and (lead.professional_id, lead.status) == (care, CoordinationStatus.PROPOSED)
    assert lead.basis is ProposalBasis.DEFAULT_COVENANT
    [found] = [e for e in story.app.events.get(story.book.id) if type(e).__name__ == "MatchFound"]
    # Monday 11 May 2026: Hemelvaart (14th), its Friday (15th, KB) and 2e Pinksterdag (25th) skip.
    assert found.contact_due == date(2026, 5, 28)  # type: ignore[attr-defined]


def test_a_joiner_the_covenant_ranks_higher_takes_over_an_unanswered_proposal() -> None:
    story = Story()
    story.signal(Sector.ONDERWIJS)
    story.signal(Sector.JEUGDHULP, minutes=5)
    veilig_thuis = story.signal(Sector.VEILIG_THUIS, minutes=10)

    lead = story.book.coordination
    assert lead is not None and lead.professional_id == veilig_thuis
    assert story.events().count("CoordinatorProposed") == 2


def test_an_accepted_coordination_stays_when_someone_ranked_higher_joins() -> None:
    story = Story()
    story.signal(Sector.ONDERWIJS)
    care = story.signal(Sector.JEUGDHULP, minutes=5)
    story.app.accept_coordination(story.match_id, care)
    story.signal(Sector.VEILIG_THUIS, minutes=10)

    lead = story.book.coordination
    assert lead is not None and (lead.professional_id, lead.status) == (care, CoordinationStatus.ACCEPTED)


def test_when_the_coordinator_leaves_the_covenant_proposes_among_those_left() -> None:
    story = Story()
    school = story.signal(Sector.ONDERWIJS)
    story.signal(Sector.JGZ, minutes=1)
    care = story.signal(Sector.JEUGDHULP, minutes=5)
    story.app.accept_coordination(story.match_id, care)
    story.withdraw(care)

    lead = story.book.coordination
    assert lead is not None and lead.status is CoordinationStatus.PROPOSED
    assert lead.professional_id != school  # JGZ before ONDERWIJS in the default order


def test_a_municipality_with_a_covenant_of_its_own_is_followed() -> None:
    rules = CovenantRules(("VEILIG_THUIS",), {TOWN: ("ONDERWIJS", "JEUGDHULP")})
    story = Story(rules)
    school = story.signal(Sector.ONDERWIJS)
    story.signal(Sector.JEUGDHULP, minutes=5)

    lead = story.book.coordination
    assert lead is not None and lead.professional_id == school
    assert lead.basis is ProposalBasis.MUNICIPALITY_COVENANT


def test_the_municipality_most_signals_name_decides_which_covenant_applies() -> None:
    rules = CovenantRules(("JEUGDHULP",), {ELSEWHERE: ("ONDERWIJS",)})
    story = Story(rules)
    story.signal(Sector.ONDERWIJS, TOWN)
    story.signal(Sector.JEUGDHULP, ELSEWHERE, minutes=1)
    story.signal(Sector.JGZ, ELSEWHERE, minutes=2)

    lead = story.book.coordination
    assert lead is not None and lead.basis is ProposalBasis.MUNICIPALITY_COVENANT


def test_hand_over_assign_and_contact_are_checked_and_change_nothing_when_refused() -> None:
    story = Story()
    school = story.signal(Sector.ONDERWIJS)
    care = story.signal(Sector.JEUGDHULP, minutes=5)
    before = story.app.recorder.max_notification_id()
    with pytest.raises(NotCoordinator):
        story.app.hand_over_coordination(story.match_id, school, care)
    with pytest.raises(NotAParticipant):
        story.app.assign_coordinator(story.match_id, uuid4(), uuid4(), TOWN)
    with pytest.raises(NotFound):
        story.app.assign_coordinator(story.match_id, school, uuid4(), ELSEWHERE)
    with pytest.raises(NotFound):
        story.app.confirm_contact(uuid4(), school)
    assert story.app.recorder.max_notification_id() == before


def test_an_ended_match_takes_no_commands() -> None:
    story = Story()
    school = story.signal(Sector.ONDERWIJS)
    care = story.signal(Sector.JEUGDHULP, minutes=5)
    match_id = story.match_id
    story.withdraw(care)
    with pytest.raises(NotFound):
        story.app.confirm_contact(match_id, school)


def test_contact_is_confirmed_once_per_participant_at_the_clocks_time() -> None:
    story = Story()
    school = story.signal(Sector.ONDERWIJS)
    story.signal(Sector.JEUGDHULP, minutes=5)
    story.now = MONDAY + timedelta(days=2)
    first = story.app.confirm_contact(story.match_id, school)
    story.now += timedelta(days=1)
    again = story.app.confirm_contact(story.match_id, school)
    assert first.confirmed_at == again.confirmed_at == MONDAY + timedelta(days=2)
    assert story.events().count("ContactConfirmed") == 1

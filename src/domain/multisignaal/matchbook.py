"""The matcher's view of one young person: which organisations signal them right now, and, while
they match, who coordinates and who confirmed contact with the others.

A match exists while at least two active signals from different organisations concern the
same young person (Jw 7.1.2.3). Signals of one organisation never match each other. The
key is the young person's pseudonym; a gezinsmatch (same address or parent, which needs the
BRP) would key a book by household instead, with the same rules. Coordination and contact
(coordination.py, contact.py) belong to the match: they end with it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from uuid import UUID, uuid4, uuid5

from eventsourcing.domain import Aggregate, event

from domain.errors import NotFound
from domain.multisignaal.coordination import (
    Coordination,
    CoordinationStatus,
    ProposalBasis,
    check_accept,
    check_hand_over,
    check_participant,
)

_NAMESPACE = UUID("0b5e7c0e-3f7a-5e52-8a8e-1d6f4c2b9a73")


@dataclass(frozen=True)
class Participant:
    signal_id: UUID
    organisation_id: UUID
    professional_id: UUID
    municipality_ref: str
    since: datetime


class MatchBook(Aggregate):
    @event("Opened")
    def __init__(self, id: UUID, subject: str) -> None:
        self.subject = subject
        self.active: dict[UUID, Participant] = {}
        self.match_id: UUID | None = None
        self.coordination: Coordination | None = None
        self.contacts: dict[UUID, datetime] = {}  # professional -> when they confirmed contact

    @staticmethod
    def id_for(subject: str) -> UUID:
        return uuid5(_NAMESPACE, subject)

    @property
    def organisations(self) -> set[UUID]:
        return {p.organisation_id for p in self.active.values()}

    @property
    def participants(self) -> dict[UUID, Participant]:
        """The active participants by professional, in the order they signalled."""
        ordered = sorted(self.active.values(), key=lambda p: p.since)
        return {p.professional_id: p for p in ordered}

    @property
    def covenant_decides(self) -> bool:
        """No coordinator among the participants, or only the covenant's unanswered proposal."""
        lead = self.coordination
        if self.match_id is None:
            return False
        return lead is None or lead.professional_id not in self.participants or lead.by_covenant

    def open_match(self, match_id: UUID) -> UUID:
        """The match id if this book holds that match now; NOT_FOUND otherwise (ended, or never)."""
        if self.match_id is None or self.match_id != match_id:
            raise NotFound(f"no match {match_id}")
        return self.match_id

    def signal_registered(self, participant: Participant, contact_due: date | None = None) -> None:
        if participant.signal_id in self.active:
            return
        self._participant_added(participant)
        if self.match_id is not None:
            self._joined(self.match_id, participant, contact_due)
        elif len(self.organisations) >= 2:
            self._found(uuid4(), participant.since, tuple(self.active.values()), contact_due)

    def signal_ended(self, signal_id: UUID, at: datetime) -> None:
        participant = self.active.get(signal_id)
        if participant is None:
            return
        self._participant_removed(signal_id)
        if self.match_id is None:
            return
        if len(self.organisations) < 2:
            self._ended(self.match_id, at)
        else:
            self._left(self.match_id, participant.professional_id, at)

    def propose_coordinator(self, professional_id: UUID, basis: ProposalBasis, at: datetime) -> None:
        check_participant(professional_id, self.participants)
        organisation_id = self.participants[professional_id].organisation_id
        self._proposed(self._match, professional_id, organisation_id, basis, at)

    def accept_coordination(self, professional_id: UUID, at: datetime) -> None:
        check_accept(self.coordination, professional_id)
        self._accepted(self._match, professional_id, at)

    def hand_over_coordination(self, by: UUID, to: UUID, at: datetime) -> None:
        check_hand_over(self.coordination, by, to, self.participants)
        self._handed_over(self._match, by, to, self.participants[to].organisation_id, at)

    def assign_coordinator(self, to: UUID, by_regievoerder: UUID, at: datetime) -> None:
        check_participant(to, self.participants)
        self._assigned(self._match, to, self.participants[to].organisation_id, by_regievoerder, at)

    def confirm_contact(self, professional_id: UUID, at: datetime) -> datetime:
        """When the professional confirmed contact; a second confirmation changes nothing."""
        check_participant(professional_id, self.participants)
        if professional_id not in self.contacts:
            self._contact_confirmed(self._match, professional_id, at)
        return self.contacts[professional_id]

    @property
    def _match(self) -> UUID:
        if self.match_id is None:
            raise NotFound("this young person has no match")
        return self.match_id

    @event("ParticipantAdded")
    def _participant_added(self, participant: Participant) -> None:
        self.active[participant.signal_id] = participant

    @event("ParticipantRemoved")
    def _participant_removed(self, signal_id: UUID) -> None:
        del self.active[signal_id]

    @event("MatchFound")
    def _found(
        self,
        match_id: UUID,
        since: datetime,
        participants: tuple[Participant, ...],
        contact_due: date | None = None,  # absent from matches found before contact was tracked
    ) -> None:
        self.match_id, self.coordination, self.contacts = match_id, None, {}

    @event("MatchJoined")
    def _joined(self, match_id: UUID, participant: Participant, contact_due: date | None = None) -> None:
        pass

    @event("MatchLeft")
    def _left(self, match_id: UUID, professional_id: UUID, at: datetime) -> None:
        self.contacts.pop(professional_id, None)

    @event("MatchEnded")
    def _ended(self, match_id: UUID, at: datetime) -> None:
        self.match_id, self.coordination, self.contacts = None, None, {}

    @event("CoordinatorProposed")
    def _proposed(
        self, match_id: UUID, professional_id: UUID, organisation_id: UUID, basis: ProposalBasis, at: datetime
    ) -> None:
        status = CoordinationStatus.PROPOSED
        self.coordination = Coordination(professional_id, organisation_id, status, at, basis)

    @event("CoordinationAccepted")
    def _accepted(self, match_id: UUID, professional_id: UUID, at: datetime) -> None:
        assert self.coordination is not None
        self.coordination = replace(
            self.coordination, status=CoordinationStatus.ACCEPTED, since=at, basis=None
        )

    @event("CoordinationHandedOver")
    def _handed_over(
        self,
        match_id: UUID,
        from_professional_id: UUID,
        professional_id: UUID,
        organisation_id: UUID,
        at: datetime,
    ) -> None:
        self.coordination = Coordination(professional_id, organisation_id, CoordinationStatus.PROPOSED, at)

    @event("CoordinatorAssigned")
    def _assigned(
        self,
        match_id: UUID,
        professional_id: UUID,
        organisation_id: UUID,
        by_professional_id: UUID,
        at: datetime,
    ) -> None:
        self.coordination = Coordination(professional_id, organisation_id, CoordinationStatus.ASSIGNED, at)

    @event("ContactConfirmed")
    def _contact_confirmed(self, match_id: UUID, professional_id: UUID, at: datetime) -> None:
        self.contacts[professional_id] = at


class MatchRef(Aggregate):
    """Finds the book of a match from the match id, without revealing the young person."""

    @event("Created")
    def __init__(self, id: UUID, book_id: UUID) -> None:
        self.book_id = book_id

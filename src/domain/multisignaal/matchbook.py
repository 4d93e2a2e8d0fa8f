"""The matcher's view of one young person: which organisations signal them right now.

A match exists while at least two active signals from different organisations concern the
same young person (Jw 7.1.2.3). Signals of one organisation never match each other. The
key is the young person's pseudonym; a gezinsmatch (same address or parent, which needs the
BRP) would key a book by household instead, with the same rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID, uuid4, uuid5

from eventsourcing.domain import Aggregate, event

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

    @staticmethod
    def id_for(subject: str) -> UUID:
        return uuid5(_NAMESPACE, subject)

    @property
    def organisations(self) -> set[UUID]:
        return {p.organisation_id for p in self.active.values()}

    def signal_registered(self, participant: Participant) -> None:
        if participant.signal_id in self.active:
            return
        self._participant_added(participant)
        if self.match_id is not None:
            self._joined(self.match_id, participant)
        elif len(self.organisations) >= 2:
            self._found(uuid4(), participant.since, tuple(self.active.values()))

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

    @event("ParticipantAdded")
    def _participant_added(self, participant: Participant) -> None:
        self.active[participant.signal_id] = participant

    @event("ParticipantRemoved")
    def _participant_removed(self, signal_id: UUID) -> None:
        del self.active[signal_id]

    @event("MatchFound")
    def _found(self, match_id: UUID, since: datetime, participants: tuple[Participant, ...]) -> None:
        self.match_id = match_id

    @event("MatchJoined")
    def _joined(self, match_id: UUID, participant: Participant) -> None:
        pass

    @event("MatchLeft")
    def _left(self, match_id: UUID, professional_id: UUID, at: datetime) -> None:
        pass

    @event("MatchEnded")
    def _ended(self, match_id: UUID, at: datetime) -> None:
        self.match_id = None

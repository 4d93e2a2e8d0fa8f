"""Who coordinates a match, and the rules for changing it.

The covenant proposes a coordinator when a match is found (covenant.py). While that proposal
waits for an answer, a professional who joins the match and whom the covenant ranks higher is
proposed instead (keten's reading: the covenant's order is about the whole match). The
proposed professional accepts, or hands the coordination to another participant, who is then
proposed in turn; from then on people decide, not the covenant. The municipality's
regievoerder may assign any participant; that assignment stands as accepted. When the
coordinator's signal ends while the match goes on, the covenant proposes again among those
left. Only participants of the match can coordinate.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from uuid import UUID

from domain.errors import DomainError


class CoordinationStatus(Enum):
    PROPOSED = "PROPOSED"  # by the covenant, or handed over: waiting for the coordinator to accept
    ACCEPTED = "ACCEPTED"
    ASSIGNED = "ASSIGNED"  # by the regievoerder


class ProposalBasis(Enum):
    MUNICIPALITY_COVENANT = "MUNICIPALITY_COVENANT"  # the municipality's own order
    DEFAULT_COVENANT = "DEFAULT_COVENANT"


@dataclass(frozen=True)
class Coordination:
    professional_id: UUID
    organisation_id: UUID
    status: CoordinationStatus
    since: datetime
    basis: ProposalBasis | None = None  # set while the covenant's own proposal waits for an answer

    @property
    def by_covenant(self) -> bool:
        return self.status is CoordinationStatus.PROPOSED and self.basis is not None


def check_accept(coordination: Coordination | None, professional_id: UUID) -> None:
    if coordination is None or coordination.professional_id != professional_id:
        raise NotCoordinator("only the proposed coordinator can accept the coordination")
    if coordination.status is not CoordinationStatus.PROPOSED:
        raise CoordinationAlreadyAccepted("the coordination was accepted or assigned already")


def check_hand_over(
    coordination: Coordination | None, by: UUID, to: UUID, participants: Collection[UUID]
) -> None:
    if coordination is None or coordination.professional_id != by:
        raise NotCoordinator("only the coordinator can hand the coordination over")
    if to == by:
        raise NotAParticipant("hand the coordination to another participant of the match")
    check_participant(to, participants)


def check_participant(professional_id: UUID, participants: Collection[UUID]) -> None:
    if professional_id not in participants:
        raise NotAParticipant(f"professional {professional_id} takes no part in this match")


class NotCoordinator(DomainError):
    code = "NOT_COORDINATOR"


class CoordinationAlreadyAccepted(DomainError):
    code = "COORDINATION_ALREADY_ACCEPTED"


class NotAParticipant(DomainError):
    code = "NOT_A_PARTICIPANT"

"""Warme overdracht: Veilig Thuis proposes a handover to a receiving organisation, which
accepts or declines with a reason; a joint meeting with the betrokkenen is planned and held;
the receiver names the regisseur; completion transfers responsibility. Until then Veilig
Thuis stays responsible, and a step taken before its turn is refused.

`Case` methods, bound in `case.py`; their events are `Case.HandoverProposed` and so on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING
from uuid import UUID

from eventsourcing.domain import event

from domain.cases.phase import Phase
from domain.cases.sealing import Sealed
from domain.errors import DomainError

if TYPE_CHECKING:
    from domain.cases.case import Case


class ReceiverKind(Enum):
    LOKAAL_TEAM = "LOKAAL_TEAM"
    EXISTING_HELP = "EXISTING_HELP"
    MDT = "MDT"


class HandoverStatus(Enum):
    PROPOSED = "PROPOSED"
    ACCEPTED = "ACCEPTED"
    DECLINED = "DECLINED"
    COMPLETED = "COMPLETED"


@dataclass
class Handover:
    receiver_id: UUID
    kind: ReceiverKind
    proposed_at: datetime
    status: HandoverStatus = HandoverStatus.PROPOSED
    decline_reason: Sealed | None = None
    meeting_planned_for: datetime | None = None
    meeting_held_at: datetime | None = None
    regisseur_id: UUID | None = None

    @property
    def is_open(self) -> bool:
        return self.status in (HandoverStatus.PROPOSED, HandoverStatus.ACCEPTED)


def completed_handover(handovers: Sequence[Handover]) -> Handover | None:
    return next((h for h in handovers if h.status is HandoverStatus.COMPLETED), None)


def _open(case: Case) -> Handover:
    case.check_in_phase(Phase.HANDOVER)
    if not case.handovers or not case.handovers[-1].is_open:
        raise NoHandoverProposed(f"no handover of case {case.id} is waiting for an answer")
    return case.handovers[-1]


def _proposed(case: Case) -> Handover:
    handover = _open(case)
    if handover.status is not HandoverStatus.PROPOSED:
        raise HandoverAlreadyAnswered(f"the receiver answered the handover of case {case.id} already")
    return handover


def _accepted(case: Case) -> Handover:
    handover = _open(case)
    if handover.status is not HandoverStatus.ACCEPTED:
        raise HandoverNotAccepted(f"the receiver has not accepted the handover of case {case.id}")
    return handover


@event("HandoverProposed")
def propose_handover(self: Case, receiver_id: UUID, kind: ReceiverKind, at: datetime) -> None:
    self.check_in_phase(Phase.HANDOVER)
    if self.handovers and self.handovers[-1].is_open:
        raise HandoverAlreadyProposed(f"a handover of case {self.id} is still open")
    self.handovers.append(Handover(receiver_id, kind, at))


@event("HandoverAccepted")
def accept_handover(self: Case, at: datetime) -> None:
    _proposed(self).status = HandoverStatus.ACCEPTED


@event("HandoverDeclined")
def decline_handover(self: Case, reason: Sealed, at: datetime) -> None:
    handover = _proposed(self)
    handover.status, handover.decline_reason = HandoverStatus.DECLINED, reason


@event("JointMeetingPlanned")
def plan_joint_meeting(self: Case, planned_for: datetime, at: datetime) -> None:
    _accepted(self).meeting_planned_for = planned_for


@event("JointMeetingHeld")
def hold_joint_meeting(self: Case, at: datetime) -> None:
    handover = _accepted(self)
    if handover.meeting_planned_for is None:
        raise HandoverIncomplete("plan the joint meeting with the betrokkenen first")
    handover.meeting_held_at = at


@event("RegisseurNamed")
def name_regisseur(self: Case, regisseur_id: UUID, at: datetime) -> None:
    _accepted(self).regisseur_id = regisseur_id


@event("HandoverCompleted")
def complete_handover(self: Case, at: datetime) -> None:
    handover = _accepted(self)
    if handover.meeting_held_at is None or handover.regisseur_id is None:
        raise HandoverIncomplete("a warm handover needs the joint meeting held and a regisseur named")
    handover.status = HandoverStatus.COMPLETED
    self.phase = Phase.HANDED_OVER


class NoHandoverProposed(DomainError):
    code = "NO_HANDOVER_PROPOSED"


class HandoverAlreadyProposed(DomainError):
    code = "HANDOVER_ALREADY_PROPOSED"


class HandoverAlreadyAnswered(DomainError):
    code = "HANDOVER_ALREADY_ANSWERED"


class HandoverNotAccepted(DomainError):
    code = "HANDOVER_NOT_ACCEPTED"


class HandoverIncomplete(DomainError):
    code = "HANDOVER_INCOMPLETE"

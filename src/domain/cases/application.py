"""The cases application: Veilig Thuis advies and melding, from intake to close, and the
lokaal team's plan that may follow a warm handover.

Its commands live in three groups (`melding_commands`, `service_commands`,
`handover_commands`); each takes and returns plain values, seals every personal field
before it reaches an aggregate, and makes one `save()`.

The `deadlines` query scans this application's own notification log for the topics
`Case.Received` and `Case.Closed` (ids only, stored in clear), then loads each open case and
asks it what is due. That keeps the write side free of a second source of truth; a
Veilig Thuis-wide dashboard at scale reads a projection of `keten.cases.v1` instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.cases.advies_queries import AdviesQueries
from domain.cases.case import Case
from domain.cases.deadlines import Deadline, open_deadlines
from domain.cases.erasure import ErasureGround
from domain.cases.erasure_commands import ErasureCommands
from domain.cases.handover import HandoverStatus, ReceiverKind
from domain.cases.handover_commands import HandoverCommands
from domain.cases.intake import BetrokkeneRole, ConcernKind
from domain.cases.measures import EscalationTarget
from domain.cases.meldformulier import MeldingForm, PersonDetails
from domain.cases.melding_commands import MeldingCommands
from domain.cases.monitoring import MonitoringCheck
from domain.cases.onderzoek import Outcome
from domain.cases.phase import FollowUp
from domain.cases.plan import Plan, PlanEscalation
from domain.cases.service_commands import ServiceCommands
from domain.cases.signalling import withdrawal_reason
from domain.cases.terugkoppeling import Moment
from domain.cases.transfer import open_transfer
from domain.cases.transfer_commands import TransferCommands
from domain.cases.triage import TriageDecision
from domain.multisignaal.signal import WithdrawalReason

__all__ = ["CaseParties", "CasesApplication", "Deadline", "MeldingForm", "PersonDetails"]

_RECEIVED = f"{Case.__module__}:Case.Received"
_CLOSED = f"{Case.__module__}:Case.Closed"


@dataclass(frozen=True)
class CaseParties:
    """Who may act on a case: its Veilig Thuis, its melder, the receiver of its latest handover."""

    veilig_thuis_id: UUID
    melder_professional_id: UUID | None
    receiver_id: UUID | None  # of an open or completed handover; None when there is none
    transfer_to: UUID | None = None  # the Veilig Thuis an open transfer is proposed to


class CasesApplication(
    MeldingCommands, ServiceCommands, HandoverCommands, ErasureCommands, TransferCommands, AdviesQueries
):
    name = "cases"
    enum_types = (
        BetrokkeneRole,
        ConcernKind,
        TriageDecision,
        ReceiverKind,
        Moment,
        FollowUp,
        Outcome,
        MonitoringCheck,
        EscalationTarget,
        PlanEscalation,
        ErasureGround,
    )

    def deadlines(self, as_of: date) -> list[Deadline]:
        """Every open triage, V&V, Onderzoek, terugkoppeling and monitoring check, by due date."""
        due = [
            deadline for case_id in self._open_case_ids() for deadline in self._deadlines_of(case_id, as_of)
        ]
        return sorted(due, key=lambda deadline: (deadline.due, str(deadline.case_id)))

    def parties(self, case_id: UUID) -> CaseParties:
        case = self._get(Case, case_id)
        latest = case.handovers[-1] if case.handovers else None
        receiver = latest.receiver_id if latest and latest.status is not HandoverStatus.DECLINED else None
        transfer = open_transfer(case)
        transfer_to = transfer.to_id if transfer else None
        return CaseParties(case.veilig_thuis_id, case.intake.melder.professional_id, receiver, transfer_to)

    def plan_parties(self, plan_id: UUID) -> tuple[UUID, UUID]:
        """The case a plan belongs to, and the organisation that runs it."""
        plan = self._get(Plan, plan_id)
        return plan.case_id, plan.organisation_id

    def register_signals(self, case_id: UUID, signal_ids: list[UUID], professional_id: UUID) -> None:
        """Records the multisignaal signals Veilig Thuis registered for the case's children."""
        self._change(Case, case_id, lambda case, at: case.register_signals(signal_ids, professional_id, at))

    def signals_to_withdraw(self, case_id: UUID) -> tuple[dict[UUID, UUID], WithdrawalReason]:
        """The case's signals (signal id → its professional) and why closing withdraws them."""
        case = self._get(Case, case_id)
        return dict(case.signals), withdrawal_reason(case)

    def _deadlines_of(self, case_id: UUID, as_of: date) -> list[Deadline]:
        return open_deadlines(self._get(Case, case_id), as_of)

    def _open_case_ids(self) -> list[UUID]:
        open_ids: dict[UUID, None] = {}
        for notification in self.notifications_after(0, _RECEIVED, _CLOSED):
            case_id = UUID(str(notification.originator_id))
            if notification.topic == _RECEIVED:
                open_ids[case_id] = None
            else:
                open_ids.pop(case_id, None)
        return list(open_ids)

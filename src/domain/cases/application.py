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

from datetime import date
from uuid import UUID

from domain.cases.case import Case
from domain.cases.deadlines import Deadline, open_deadlines
from domain.cases.handover import ReceiverKind
from domain.cases.handover_commands import HandoverCommands
from domain.cases.intake import BetrokkeneRole, ConcernKind
from domain.cases.measures import EscalationTarget
from domain.cases.meldformulier import MeldingForm, PersonDetails
from domain.cases.melding_commands import MeldingCommands
from domain.cases.monitoring import MonitoringCheck
from domain.cases.onderzoek import Outcome
from domain.cases.phase import FollowUp
from domain.cases.plan import PlanEscalation
from domain.cases.service_commands import ServiceCommands
from domain.cases.terugkoppeling import Moment
from domain.cases.triage import TriageDecision

__all__ = ["CasesApplication", "Deadline", "MeldingForm", "PersonDetails"]

_RECEIVED = f"{Case.__module__}:Case.Received"
_CLOSED = f"{Case.__module__}:Case.Closed"


class CasesApplication(MeldingCommands, ServiceCommands, HandoverCommands):
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
    )

    def deadlines(self, as_of: date) -> list[Deadline]:
        """Every open triage, V&V, Onderzoek, terugkoppeling and monitoring check, by due date."""
        due = [
            deadline for case_id in self._open_case_ids() for deadline in self._deadlines_of(case_id, as_of)
        ]
        return sorted(due, key=lambda deadline: (deadline.due, str(deadline.case_id)))

    def _deadlines_of(self, case_id: UUID, as_of: date) -> list[Deadline]:
        return open_deadlines(self._get(Case, case_id), as_of)

    def _open_case_ids(self) -> list[UUID]:
        open_ids: dict[UUID, None] = {}
        start = 1
        while page := self.recorder.select_notifications(start, 1000, topics=[_RECEIVED, _CLOSED]):
            for notification in page:
                case_id = UUID(str(notification.originator_id))
                if notification.topic == _RECEIVED:
                    open_ids[case_id] = None
                else:
                    open_ids.pop(case_id, None)
            start = page[-1].id + 1
        return list(open_ids)

"""What Veilig Thuis still has to do on a case, and by when: the rows of the deadlines query."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING
from uuid import UUID

from domain.cases.monitoring import MonitoringCheck
from domain.cases.phase import Phase
from domain.cases.terugkoppeling import Moment

if TYPE_CHECKING:
    from domain.cases.case import Case


class DeadlineKind(Enum):
    TRIAGE = "TRIAGE"
    VOORWAARDEN_EN_VERVOLG = "VOORWAARDEN_EN_VERVOLG"
    ONDERZOEK = "ONDERZOEK"
    TERUGKOPPELING_AFTER_TRIAGE = "TERUGKOPPELING_AFTER_TRIAGE"
    TERUGKOPPELING_AFTER_ONDERZOEK = "TERUGKOPPELING_AFTER_ONDERZOEK"
    MONITORING_AFTER_3_MONTHS = "MONITORING_AFTER_3_MONTHS"
    MONITORING_AFTER_12_MONTHS = "MONITORING_AFTER_12_MONTHS"


TERUGKOPPELING = {
    Moment.AFTER_TRIAGE: DeadlineKind.TERUGKOPPELING_AFTER_TRIAGE,
    Moment.AFTER_ONDERZOEK: DeadlineKind.TERUGKOPPELING_AFTER_ONDERZOEK,
}
MONITORING = {
    MonitoringCheck.AFTER_3_MONTHS: DeadlineKind.MONITORING_AFTER_3_MONTHS,
    MonitoringCheck.AFTER_12_MONTHS: DeadlineKind.MONITORING_AFTER_12_MONTHS,
}


@dataclass(frozen=True)
class Deadline:
    case_id: UUID
    kind: DeadlineKind
    due: date
    overdue: bool  # the due date has passed: "uiterlijk" means the due day itself still counts


def open_deadlines(case: Case, as_of: date) -> list[Deadline]:
    if case.phase is Phase.CLOSED:
        return []
    return [Deadline(case.id, kind, due, as_of > due) for kind, due in _open_steps(case)]


def _open_steps(case: Case) -> list[tuple[DeadlineKind, date]]:
    steps = [(TERUGKOPPELING[moment], due) for moment, due in case.terugkoppeling_due.items()]
    if case.phase is Phase.TRIAGE:
        steps.append((DeadlineKind.TRIAGE, case.triage_due))
    service = case.voorwaarden_en_vervolg
    if service is not None and service.follow_up is None:
        steps.append((DeadlineKind.VOORWAARDEN_EN_VERVOLG, service.due))
    if case.onderzoek is not None and case.onderzoek.outcome is None:
        steps.append((DeadlineKind.ONDERZOEK, case.onderzoek.due))
    if case.monitoring is not None:
        steps += [(MONITORING[check], due) for check, due in case.monitoring.open_checks.items()]
    return steps

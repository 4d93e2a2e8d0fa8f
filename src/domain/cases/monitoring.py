"""Monitoring: Veilig Thuis checks at 3 and at 12 months whether safety holds. It follows
Voorwaarden & Vervolg, an Onderzoek, or a completed warm handover; both checks are scheduled,
with their due dates, when monitoring starts, and the last one ends it.

`Case` methods, bound in `case.py`; their events are `Case.MonitoringStarted` and so on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING

from eventsourcing.domain import event

from domain.cases import terms
from domain.cases.phase import Phase
from domain.cases.sealing import Sealed
from domain.errors import DomainError

if TYPE_CHECKING:
    from domain.cases.case import Case


class MonitoringCheck(Enum):
    AFTER_3_MONTHS = "AFTER_3_MONTHS"
    AFTER_12_MONTHS = "AFTER_12_MONTHS"


@dataclass(frozen=True)
class Finding:
    text: Sealed
    checked_at: datetime


@dataclass
class Monitoring:
    started_at: datetime
    due: dict[MonitoringCheck, date]
    findings: dict[MonitoringCheck, Finding] = field(default_factory=dict)

    @property
    def open_checks(self) -> dict[MonitoringCheck, date]:
        return {check: due for check, due in self.due.items() if check not in self.findings}


def enter_monitoring(case: Case, at: datetime) -> None:
    case._monitoring_started(at, terms.monitoring_due(at, 3), terms.monitoring_due(at, 12))


def start_monitoring(self: Case, at: datetime) -> None:
    """After a completed warm handover, Veilig Thuis may keep watch as well."""
    self.check_in_phase(Phase.HANDED_OVER)
    enter_monitoring(self, at)


@event("MonitoringStarted")
def monitoring_started(self: Case, at: datetime, after_3_months: date, after_12_months: date) -> None:
    due = {MonitoringCheck.AFTER_3_MONTHS: after_3_months, MonitoringCheck.AFTER_12_MONTHS: after_12_months}
    self.monitoring = Monitoring(at, due)
    self.phase = Phase.MONITORING


@event("MonitoringCheckDone")
def record_monitoring_check(self: Case, check: MonitoringCheck, finding: Sealed, at: datetime) -> None:
    self.check_in_phase(Phase.MONITORING)
    if self.monitoring is None or check not in self.monitoring.open_checks:
        raise MonitoringCheckNotOpen(f"the {check.value} check of case {self.id} is not open")
    self.monitoring.findings[check] = Finding(finding, at)
    if not self.monitoring.open_checks:
        self.phase = Phase.DONE


class MonitoringCheckNotOpen(DomainError):
    code = "MONITORING_CHECK_NOT_OPEN"

"""Monitoring: checks at 3 and 12 months, scheduled with their due dates on entry."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

from tests.unit.cases.casework import Refused, Steps

from domain.cases.application import CasesApplication
from domain.cases.monitoring import MonitoringCheck
from domain.cases.phase import Phase

AFTER_3, AFTER_12 = MonitoringCheck.AFTER_3_MONTHS, MonitoringCheck.AFTER_12_MONTHS


def test_entering_monitoring_schedules_both_checks_with_their_due_dates(steps: Steps) -> None:
    monitoring = steps.case(steps.in_monitoring()).monitoring

    assert monitoring is not None
    assert monitoring.due == {AFTER_3: date(2026, 6, 2), AFTER_12: date(2027, 3, 2)}


def test_the_twelve_month_check_ends_monitoring(app: CasesApplication, steps: Steps) -> None:
    case_id = steps.in_monitoring()

    app.record_monitoring_check(case_id, AFTER_3, "afspraken worden nagekomen")
    assert steps.case(case_id).phase is Phase.MONITORING
    app.record_monitoring_check(case_id, AFTER_12, "veiligheid blijft")

    case = steps.case(case_id)
    assert case.phase is Phase.DONE
    assert case.monitoring is not None and set(case.monitoring.findings) == {AFTER_3, AFTER_12}


def test_a_check_is_recorded_once(app: CasesApplication, steps: Steps, refused: Refused) -> None:
    case_id = steps.in_monitoring()
    app.record_monitoring_check(case_id, AFTER_3, "goed")

    refused("MONITORING_CHECK_NOT_OPEN", lambda: app.record_monitoring_check(case_id, AFTER_3, "nog eens"))


def test_veilig_thuis_may_monitor_after_a_completed_handover(app: CasesApplication, steps: Steps) -> None:
    case_id = steps.handed_over(uuid4(), uuid4())

    app.start_monitoring(case_id)

    assert steps.case(case_id).phase is Phase.MONITORING


def test_monitoring_after_a_handover_waits_for_its_completion(
    app: CasesApplication, steps: Steps, refused: Refused
) -> None:
    case_id = steps.accepted(uuid4())

    refused("WRONG_PHASE", lambda: app.start_monitoring(case_id))
    refused("WRONG_PHASE", lambda: app.record_monitoring_check(case_id, AFTER_3, "te vroeg"))

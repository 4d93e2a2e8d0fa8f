"""The deadlines query: every open step of every open case, with its due date and overdue flag."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

from tests.unit.cases.casework import Clock, Steps

from domain.cases.application import CasesApplication
from domain.cases.deadlines import DeadlineKind
from domain.cases.monitoring import MonitoringCheck
from domain.cases.onderzoek import Outcome
from domain.cases.phase import FollowUp
from domain.cases.terugkoppeling import Moment


def test_an_untriaged_melding_is_due_on_its_fifth_working_day_and_overdue_after(
    app: CasesApplication, steps: Steps
) -> None:
    case_id = steps.melding()

    [on_the_day] = app.deadlines(date(2026, 3, 9))
    [day_after] = app.deadlines(date(2026, 3, 10))

    assert (on_the_day.case_id, on_the_day.kind, on_the_day.due) == (
        case_id,
        DeadlineKind.TRIAGE,
        date(2026, 3, 9),
    )
    assert not on_the_day.overdue
    assert day_after.overdue


def test_services_terugkoppeling_and_monitoring_checks_are_listed_by_due_date(
    app: CasesApplication, steps: Steps, clock: Clock
) -> None:
    onderzoek = steps.in_onderzoek()
    clock.advance(days=1)
    voorwaarden = steps.in_voorwaarden_en_vervolg()
    app.send_terugkoppeling(voorwaarden, Moment.AFTER_TRIAGE, True)
    clock.advance(days=1)
    monitoring = steps.in_monitoring()
    app.send_terugkoppeling(monitoring, Moment.AFTER_TRIAGE, True)
    app.record_monitoring_check(monitoring, MonitoringCheck.AFTER_3_MONTHS, "goed")

    rows = [(d.case_id, d.kind, d.due) for d in app.deadlines(date(2026, 3, 4))]

    assert rows == [
        (onderzoek, DeadlineKind.TERUGKOPPELING_AFTER_TRIAGE, date(2026, 3, 9)),
        (onderzoek, DeadlineKind.ONDERZOEK, date(2026, 5, 11)),
        (voorwaarden, DeadlineKind.VOORWAARDEN_EN_VERVOLG, date(2026, 5, 12)),
        (monitoring, DeadlineKind.MONITORING_AFTER_12_MONTHS, date(2027, 3, 4)),
    ]


def test_the_terugkoppeling_after_an_onderzoek_is_a_deadline_of_its_own(
    app: CasesApplication, steps: Steps
) -> None:
    case_id = steps.in_onderzoek()
    app.send_terugkoppeling(case_id, Moment.AFTER_TRIAGE, True)
    app.conclude_onderzoek(case_id, Outcome.UNCERTAIN, FollowUp.HANDOVER)

    kinds = [d.kind for d in app.deadlines(date(2026, 3, 2))]

    assert kinds == [DeadlineKind.TERUGKOPPELING_AFTER_ONDERZOEK]


def test_a_closed_case_and_a_handed_over_case_owe_nothing(app: CasesApplication, steps: Steps) -> None:
    case_id = steps.handed_over(uuid4(), uuid4())
    app.send_terugkoppeling(case_id, Moment.AFTER_TRIAGE, True)
    assert app.deadlines(date(2026, 3, 2)) == []

    app.close_case(case_id, "overgedragen")

    assert app.deadlines(date(2026, 3, 2)) == []

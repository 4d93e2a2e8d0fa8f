"""Escalation to politie or Raad, and the huisverbod: 10 days, extended once by at most 18."""

from __future__ import annotations

from datetime import date

from tests.unit.cases.casework import Refused, Steps

from domain.cases.application import CasesApplication
from domain.cases.measures import EscalationTarget, Huisverbod

START = date(2026, 3, 2)


def test_an_escalation_is_recorded_with_its_reason(app: CasesApplication, steps: Steps) -> None:
    case_id = steps.in_onderzoek()

    app.escalate(case_id, EscalationTarget.RAAD_VOOR_DE_KINDERBESCHERMING, "ouders werken niet mee")
    app.escalate(case_id, EscalationTarget.POLITIE, "vader dreigt met geweld")

    escalations = steps.case(case_id).escalations
    assert [e.to for e in escalations] == [
        EscalationTarget.RAAD_VOOR_DE_KINDERBESCHERMING,
        EscalationTarget.POLITIE,
    ]
    assert all(e.reason.startswith("sealed:") for e in escalations)


def test_a_huisverbod_of_ten_days_is_recorded_even_before_triage(app: CasesApplication, steps: Steps) -> None:
    case_id = steps.melding(acute=True)

    app.impose_huisverbod(case_id, START, date(2026, 3, 12))

    assert steps.case(case_id).huisverboden == [Huisverbod(START, date(2026, 3, 12))]


def test_a_huisverbod_longer_than_ten_days_is_refused(
    app: CasesApplication, steps: Steps, refused: Refused
) -> None:
    case_id = steps.melding()

    refused("HUISVERBOD_PERIOD_INVALID", lambda: app.impose_huisverbod(case_id, START, date(2026, 3, 13)))
    refused("HUISVERBOD_PERIOD_INVALID", lambda: app.impose_huisverbod(case_id, START, START))


def test_a_huisverbod_is_extended_once_by_at_most_eighteen_days(
    app: CasesApplication, steps: Steps, refused: Refused
) -> None:
    case_id = steps.melding()
    app.impose_huisverbod(case_id, START, date(2026, 3, 12))

    refused("HUISVERBOD_EXTENSION_TOO_LONG", lambda: app.extend_huisverbod(case_id, date(2026, 3, 31)))
    refused("HUISVERBOD_PERIOD_INVALID", lambda: app.extend_huisverbod(case_id, date(2026, 3, 12)))
    app.extend_huisverbod(case_id, date(2026, 3, 30))
    refused("HUISVERBOD_ALREADY_EXTENDED", lambda: app.extend_huisverbod(case_id, date(2026, 3, 31)))

    huisverbod = steps.case(case_id).huisverboden[-1]
    assert (huisverbod.ends_on, huisverbod.extended_to) == (date(2026, 3, 12), date(2026, 3, 30))


def test_only_an_imposed_huisverbod_is_extended(
    app: CasesApplication, steps: Steps, refused: Refused
) -> None:
    case_id = steps.melding()

    refused("NO_HUISVERBOD", lambda: app.extend_huisverbod(case_id, date(2026, 3, 20)))


def test_a_new_huisverbod_starts_after_the_previous_one_ended(
    app: CasesApplication, steps: Steps, refused: Refused
) -> None:
    case_id = steps.melding()
    app.impose_huisverbod(case_id, START, date(2026, 3, 12))
    app.extend_huisverbod(case_id, date(2026, 3, 20))

    refused(
        "HUISVERBOD_IN_FORCE", lambda: app.impose_huisverbod(case_id, date(2026, 3, 20), date(2026, 3, 25))
    )
    app.impose_huisverbod(case_id, date(2026, 6, 1), date(2026, 6, 11))

    assert len(steps.case(case_id).huisverboden) == 2

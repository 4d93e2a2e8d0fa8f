"""Triage: every path of the decision tree, and what each decision starts."""

from __future__ import annotations

from datetime import date

import pytest
from tests.unit.cases.casework import Clock, Refused, Steps

from domain.cases.application import CasesApplication
from domain.cases.handover import ReceiverKind
from domain.cases.phase import Phase
from domain.cases.terugkoppeling import Moment
from domain.cases.triage import TriageDecision

CLOSE = TriageDecision.CLOSE
TO_BETROKKENEN = TriageDecision.HANDOVER_TO_BETROKKENEN
TO_LOKAAL_VELD = TriageDecision.HANDOVER_TO_LOKAAL_VELD
VV = TriageDecision.VOORWAARDEN_EN_VERVOLG
ONDERZOEK = TriageDecision.ONDERZOEK

# (acute unsafety, structural unsafety) → the decisions that fit the safety assessment
FITTING = {
    (True, True): {VV, ONDERZOEK},
    (True, False): {VV, ONDERZOEK},
    (False, True): {TO_LOKAAL_VELD, VV, ONDERZOEK},
    (False, False): {CLOSE, TO_BETROKKENEN, TO_LOKAAL_VELD, ONDERZOEK},
}
PATHS = [
    (acute, structural, decision, decision in FITTING[acute, structural])
    for acute, structural in FITTING
    for decision in TriageDecision
]
NEXT_PHASE = {
    CLOSE: Phase.DONE,
    TO_BETROKKENEN: Phase.DONE,
    TO_LOKAAL_VELD: Phase.HANDOVER,
    VV: Phase.VOORWAARDEN_EN_VERVOLG,
    ONDERZOEK: Phase.ONDERZOEK,
}


@pytest.mark.parametrize(("acute", "structural", "decision", "fits"), PATHS)
def test_every_path_of_the_triage_decision_tree(
    app: CasesApplication,
    steps: Steps,
    refused: Refused,
    acute: bool,
    structural: bool,
    decision: TriageDecision,
    fits: bool,
) -> None:
    case_id = steps.melding()

    def triage() -> None:
        app.triage(case_id, acute, structural, decision, ReceiverKind.MDT, "zoon en dochter komen dagelijks")

    if not fits:
        refused("TRIAGE_DECISION_NOT_ALLOWED", triage)
        return
    triage()
    case = steps.case(case_id)
    assert case.phase is NEXT_PHASE[decision]
    assert case.triage_outcome is not None
    assert case.triage_outcome.decision is decision


def test_voorwaarden_en_vervolg_and_onderzoek_run_ten_weeks_from_the_decision(steps: Steps) -> None:
    voorwaarden = steps.case(steps.triaged(VV)).voorwaarden_en_vervolg
    onderzoek = steps.case(steps.triaged(ONDERZOEK)).onderzoek

    assert voorwaarden is not None and voorwaarden.due == date(2026, 5, 11)
    assert onderzoek is not None and onderzoek.due == date(2026, 5, 11)


def test_ten_weeks_ending_on_a_feestdag_run_to_the_next_working_day(steps: Steps, clock: Clock) -> None:
    clock.advance(weeks=2)  # Monday 16 March: ten weeks later is 2e Pinksterdag

    onderzoek = steps.case(steps.triaged(ONDERZOEK)).onderzoek

    assert onderzoek is not None and onderzoek.due == date(2026, 5, 26)


def test_the_melder_is_owed_a_terugkoppeling_five_working_days_after_triage(steps: Steps) -> None:
    case = steps.case(steps.triaged(ONDERZOEK))

    assert case.terugkoppeling_due == {Moment.AFTER_TRIAGE: date(2026, 3, 9)}


def test_a_melding_is_triaged_once(app: CasesApplication, steps: Steps, refused: Refused) -> None:
    case_id = steps.triaged(ONDERZOEK)

    refused("TRIAGE_ALREADY_DONE", lambda: app.triage(case_id, False, True, VV))


@pytest.mark.parametrize("decision", [CLOSE, TO_BETROKKENEN, TO_LOKAAL_VELD])
def test_anonymity_promised_to_the_melder_leaves_only_onderzoek(
    app: CasesApplication, steps: Steps, refused: Refused, decision: TriageDecision
) -> None:
    case_id = steps.melding(anonymous=True, anonymity_reason="de melder is bedreigd")

    refused(
        "ANONYMITY_REQUIRES_ONDERZOEK",
        lambda: app.triage(case_id, False, False, decision, ReceiverKind.LOKAAL_TEAM, "afspraken"),
    )
    refused("ANONYMITY_REQUIRES_ONDERZOEK", lambda: app.triage(case_id, False, True, VV))
    app.triage(case_id, False, False, ONDERZOEK)
    assert steps.case(case_id).phase is Phase.ONDERZOEK


def test_a_handover_to_the_lokaal_veld_says_who_takes_over(
    app: CasesApplication, steps: Steps, refused: Refused
) -> None:
    case_id = steps.melding()

    refused("RECEIVER_KIND_REQUIRED", lambda: app.triage(case_id, False, False, TO_LOKAAL_VELD))


def test_a_handover_to_the_betrokkenen_rests_on_written_agreements(
    app: CasesApplication, steps: Steps, refused: Refused
) -> None:
    case_id = steps.melding()

    refused("AGREEMENTS_REQUIRED", lambda: app.triage(case_id, False, False, TO_BETROKKENEN))
    refused("AGREEMENTS_REQUIRED", lambda: app.triage(case_id, False, False, TO_BETROKKENEN, None, "  "))
    app.triage(case_id, False, False, TO_BETROKKENEN, None, "ouders bellen de huisarts bij nieuwe ruzie")
    outcome = steps.case(case_id).triage_outcome
    assert outcome is not None and outcome.agreements is not None

"""No personal field reaches the event store in the clear; each is sealed under its own key."""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid4

import pytest
from tests.unit.cases.casework import FakeSealer, Steps, child, parent, stored_states

from domain.cases.application import CasesApplication
from domain.cases.handover import ReceiverKind
from domain.cases.intake import BetrokkeneRole
from domain.cases.monitoring import MonitoringCheck
from domain.cases.onderzoek import Outcome
from domain.cases.phase import FollowUp
from domain.cases.terugkoppeling import Moment

PLAINTEXT = [
    "Sanne Jansen",
    "Mark Jansen",
    "111222333",
    "2015-05-01",
    "1985-11-23",
    "Buurvrouw Els",
    "06-12345678",
    "blauwe plekken",
    "Sanne vertelt",
    "Ik ben het niet eens",
    "geen alcohol",
    "dagelijks bezoek",
    "schoolverzuim",
    "verslaving vader",
]


def person_id(steps: Steps, case_id: UUID, role: BetrokkeneRole) -> UUID:
    return next(p for p, b in steps.case(case_id).betrokkenen.items() if b.role is role)


def run_a_whole_case(app: CasesApplication, steps: Steps) -> UUID:
    case_id = steps.in_onderzoek(
        melder_name="Buurvrouw Els",
        melder_contact="06-12345678",
        concerns="blauwe plekken op de armen",
        betrokkenen=[child(), parent()],
    )
    sanne, mark = (
        person_id(steps, case_id, BetrokkeneRole.CHILD),
        person_id(steps, case_id, BetrokkeneRole.PARENT),
    )
    app.send_terugkoppeling(case_id, Moment.AFTER_TRIAGE, True, None, "dagelijks bezoek blijft nodig")
    app.hear_person(case_id, sanne, "Sanne vertelt over de ruzies thuis")
    app.add_statement(case_id, mark, "Ik ben het niet eens met de melding")
    request = app.request_information(case_id, uuid4(), uuid4(), "schoolverzuim?")
    app.receive_information(case_id, request, "schoolverzuim van 12 dagen")
    app.consult_expert(case_id, "verslavingszorg", "verslaving vader waarschijnlijk")
    app.conclude_onderzoek(case_id, Outcome.VIOLENCE_ESTABLISHED, FollowUp.VOORWAARDEN_EN_VERVOLG)
    voorwaarde = app.set_voorwaarde(case_id, "geen alcohol in huis")
    app.record_compliance_check(case_id, voorwaarde, True, "geen alcohol gezien")
    app.end_voorwaarden_en_vervolg(case_id, FollowUp.MONITORING)
    app.record_monitoring_check(case_id, MonitoringCheck.AFTER_3_MONTHS, "dagelijks bezoek loopt")
    return case_id


def test_no_name_bsn_birth_date_or_free_text_is_stored_in_the_clear(
    app: CasesApplication, steps: Steps
) -> None:
    run_a_whole_case(app, steps)

    states = [state.decode() for state in stored_states(app)]
    assert len(states) > 15
    leaks = [text for text in PLAINTEXT for state in states if text in state]
    assert leaks == []


def test_a_persons_own_data_is_sealed_under_their_own_key(
    app: CasesApplication, steps: Steps, sealer: FakeSealer
) -> None:
    case_id = run_a_whole_case(app, steps)
    case = steps.case(case_id)
    sanne = case.betrokkenen[person_id(steps, case_id, BetrokkeneRole.CHILD)]

    assert sealer.open(str(sanne.person_id), sanne.name) == "Sanne Jansen"
    assert sanne.bsn is not None and sealer.open(str(sanne.person_id), sanne.bsn) == "111222333"
    assert sealer.open(str(sanne.person_id), sanne.birth_date) == "2015-05-01"
    hearing = case.onderzoek.hearings[0] if case.onderzoek else None
    assert hearing is not None and sealer.open(str(sanne.person_id), hearing.account).startswith("Sanne")
    statement = case.statements[0]
    assert sealer.open(str(statement.person_id), statement.text).startswith("Ik ben")


def test_erasing_one_persons_key_leaves_the_rest_of_the_file_readable(
    app: CasesApplication, steps: Steps, sealer: FakeSealer
) -> None:
    case_id = run_a_whole_case(app, steps)
    case = steps.case(case_id)
    sanne = case.betrokkenen[person_id(steps, case_id, BetrokkeneRole.CHILD)]

    # The case's own text opens with the case key, never with a person's key.
    assert sealer.open(str(case_id), case.intake.concerns) == "blauwe plekken op de armen"
    with pytest.raises(LookupError):
        sealer.open(str(case_id), sanne.name)


def test_a_citizen_melders_details_are_sealed_under_their_own_key(
    app: CasesApplication, steps: Steps, sealer: FakeSealer
) -> None:
    case_id = steps.melding(melder_name="Buurvrouw Els", melder_contact="06-12345678")

    melder = steps.case(case_id).intake.melder
    assert melder.person_id is not None and melder.name is not None and melder.contact is not None
    assert sealer.open(str(melder.person_id), melder.name) == "Buurvrouw Els"
    assert sealer.open(str(melder.person_id), melder.contact) == "06-12345678"


def test_a_plans_free_text_is_sealed_too(app: CasesApplication, steps: Steps) -> None:
    case_id = steps.handed_over(uuid4(), uuid4())
    plan_id = app.start_plan(case_id)

    app.set_goal(plan_id, "Sanne Jansen slaapt weer rustig")
    app.plan_action(plan_id, "Mark Jansen meldt zich bij verslavingszorg", uuid4(), date(2026, 4, 1))
    app.evaluate_plan(plan_id, "Sanne Jansen gaat weer naar school", True)
    app.close_plan(plan_id)

    assert not any("Jansen" in state.decode() for state in stored_states(app))


def test_the_melders_terugkoppeling_and_handover_reasons_are_sealed(
    app: CasesApplication, steps: Steps
) -> None:
    case_id = steps.in_handover()
    app.propose_handover(case_id, uuid4(), ReceiverKind.EXISTING_HELP)
    app.decline_handover(case_id, "de huisarts van Sanne Jansen is met pensioen")
    app.send_terugkoppeling(case_id, Moment.AFTER_TRIAGE, True, None, "bel Mark Jansen niet zelf")

    assert not any("Jansen" in state.decode() for state in stored_states(app))

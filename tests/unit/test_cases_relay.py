"""keten.cases.v1 as the relay maps it: ids, types, dates and ciphertext, keeping its contracts."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from uuid import UUID

import pytest
from jsonschema import Draft202012Validator
from tests.unit.cases.casework import child, melding_form, parent
from tests.unit.cases_fixtures import CasesPipeline

from domain.cases.application import CasesApplication
from domain.cases.handover import ReceiverKind
from domain.cases.triage import TriageDecision
from kernel.cloudevents import ce_value
from kernel.contracts import CASES_TOPIC
from relay.case_contracts import contracts
from relay.cases import public_event_types

EVENTS = Path(__file__).parents[2] / "schemas" / "events"
PLAINTEXT = (
    "Sanne Jansen",
    "Mark Jansen",
    "111222333",
    "2015-05-01",
    "1985-11-23",
    "blauwe plekken",
    "ontbijt",
)


def handed_over_with_a_plan(app: CasesApplication, pipeline: CasesPipeline) -> tuple[UUID, UUID]:
    case_id = app.receive_melding(melding_form(betrokkenen=[child(), parent()]))
    app.triage(case_id, False, True, TriageDecision.HANDOVER_TO_LOKAAL_VELD, ReceiverKind.LOKAAL_TEAM)
    receiver, regisseur = UUID(int=1), UUID(int=2)
    app.propose_handover(case_id, receiver, ReceiverKind.LOKAAL_TEAM)
    app.accept_handover(case_id)
    app.plan_joint_meeting(case_id, pipeline.clock() + timedelta(days=2))
    app.hold_joint_meeting(case_id)
    app.name_regisseur(case_id, regisseur)
    app.complete_handover(case_id)
    plan_id = app.start_plan(case_id)
    app.set_goal(plan_id, "ontbijt elke dag")
    return case_id, plan_id


@pytest.fixture
def pipeline() -> CasesPipeline:
    return CasesPipeline()


def validators() -> dict[str, Draft202012Validator]:
    schemas = [json.loads(path.read_text()) for path in EVENTS.glob("*.json")]
    return {s["x-ce-type"]: Draft202012Validator(s) for s in schemas if s["x-topic"] == CASES_TOPIC}


def test_every_record_keeps_its_contract_and_carries_no_personal_data_in_clear(
    pipeline: CasesPipeline,
) -> None:
    handed_over_with_a_plan(pipeline.app, pipeline)
    pipeline.app.give_advies("mag ik melden?", "ja", "bel terug", UUID(int=3))

    published = pipeline.publish()
    contract = validators()

    assert {e.type.removeprefix("keten.cases.") for e in published} >= {
        "Received",
        "PlanGoalSet",
        "AdviesGiven",
    }
    for event in published:
        assert event.topic == CASES_TOPIC
        contract[event.type].validate(event.data)
        value = ce_value(event).decode()
        assert not [text for text in PLAINTEXT if text in value], event.type


def test_the_payload_is_the_whole_event_sealed_with_the_cases_key(pipeline: CasesPipeline) -> None:
    case_id, _ = handed_over_with_a_plan(pipeline.app, pipeline)
    received = pipeline.publish()[0]

    payload = json.loads(pipeline.keystore.open(str(case_id), received.data["payload"]))

    assert received.key == received.data["caseId"] == str(case_id)
    assert set(payload) == {"intake", "received_at", "triage_due"}
    assert payload["triage_due"] == "2026-03-09"
    [first, _] = payload["intake"]["betrokkenen"]
    assert first["role"] == "CHILD"
    assert pipeline.keystore.open(first["person_id"], first["name"]) == "Sanne Jansen"


def test_a_plans_events_are_keyed_by_their_case_and_name_their_plan(pipeline: CasesPipeline) -> None:
    case_id, plan_id = handed_over_with_a_plan(pipeline.app, pipeline)

    plan_events = [e for e in pipeline.publish() if e.type.startswith("keten.cases.Plan")]

    assert [e.type for e in plan_events] == ["keten.cases.PlanStarted", "keten.cases.PlanGoalSet"]
    assert {(e.key, e.data["caseId"], e.data["planId"]) for e in plan_events} == {
        (str(case_id), str(case_id), str(plan_id))
    }


def test_an_advies_travels_under_its_own_id_and_key(pipeline: CasesPipeline) -> None:
    advies_id = pipeline.app.give_advies("mag ik melden?", "ja", "bel terug", UUID(int=3))

    [given] = pipeline.publish()

    assert (given.type, given.key, given.data["adviesId"]) == (
        "keten.cases.AdviesGiven",
        str(advies_id),
        str(advies_id),
    )
    assert "caseId" not in given.data
    assert json.loads(pipeline.keystore.open(str(advies_id), given.data["payload"]))["given_by"] == str(
        UUID(int=3)
    )


def test_a_record_of_an_erased_case_travels_without_its_payload(pipeline: CasesPipeline) -> None:
    case_id = pipeline.app.receive_melding(melding_form())
    pipeline.keystore.destroy(str(case_id), "2046-03-02")
    pipeline.mapper.seal = lambda key_id, text: None  # what the platform's seal does for a destroyed key

    [received] = pipeline.publish()

    assert received.data["payload"] is None
    validators()[received.type].validate(received.data)


def test_the_committed_schemas_are_the_generated_ones_one_per_public_event() -> None:
    generated = contracts()

    assert {name: (EVENTS / name).read_text() for name in generated} == generated
    assert {f"keten.cases.{kind}" for kind in public_event_types()} == set(validators())


def test_the_family_guard_is_not_published(pipeline: CasesPipeline) -> None:
    handed_over_with_a_plan(pipeline.app, pipeline)

    published = pipeline.publish()
    recorded = pipeline.app.recorder.select_notifications(1, 100)

    assert len(recorded) - len(published) == 2  # Family.Registered and Family.PlanActivated
    assert all(not event.type.startswith("keten.cases.Family") for event in published)

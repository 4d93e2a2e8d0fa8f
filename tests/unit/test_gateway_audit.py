"""The auditor's caseHistory through the gateway: who may ask, what a shredded key reads as."""

from __future__ import annotations

from uuid import UUID

import pytest
from tests.unit.cases_fixtures import CasesGateway, Organisation
from tests.unit.test_gateway_cases import code, recorded_melding

from domain.identity.model import Role, Sector

HISTORY = """query ($caseId: ID!, $asOf: DateTime!) { caseHistory(caseId: $caseId, asOf: $asOf) {
  state { caseId version phase concerns concernKinds betrokkenen { personId role name birthDate } }
  timeline { version eventType at actor } } }"""
LATER = "2100-01-01T00:00:00+00:00"


@pytest.fixture
def auditor(gw: CasesGateway) -> Organisation:
    return gw.organisation("Inspectie", Sector.OVERIG, (Role.AUDITOR,))


async def test_an_auditor_replays_a_case_with_its_personal_fields_opened(
    gw: CasesGateway, vt: Organisation, school: Organisation, auditor: Organisation
) -> None:
    case_id, _ = await recorded_melding(gw, vt, school)

    history = (await gw.data(auditor.token, HISTORY, caseId=case_id, asOf=LATER))["caseHistory"]

    assert (history["state"]["caseId"], history["state"]["phase"]) == (case_id, "TRIAGE")
    assert {b["name"] for b in history["state"]["betrokkenen"]} == {"Sanne Jansen", "Mark Jansen"}
    assert [(e["version"], e["eventType"]) for e in history["timeline"]][:1] == [(1, "Case.Received")]
    lines = gw.gateway.access.view.search(client_id=case_id)
    assert [(line.kind, line.rule, line.user_id) for line in lines if line.rule.startswith("auditor")] == [
        ("READ", "auditor.case_history", str(auditor.professional_id))
    ]


async def test_a_shredded_person_reads_erased_and_the_rest_stays_readable(
    gw: CasesGateway, vt: Organisation, school: Organisation, auditor: Organisation
) -> None:
    case_id, _ = await recorded_melding(gw, vt, school)
    case = gw.pipeline.app.repository.get(UUID(case_id))
    child = case.intake.betrokkenen[0]
    gw.pipeline.keystore.destroy(str(child.person_id), "2026-12-01")

    state = (await gw.data(auditor.token, HISTORY, caseId=case_id, asOf=LATER))["caseHistory"]["state"]

    people = {b["personId"]: b for b in state["betrokkenen"]}
    assert (people[str(child.person_id)]["name"], people[str(child.person_id)]["birthDate"]) == (
        "[erased]",
        "[erased]",
    )
    assert "Mark Jansen" in {b["name"] for b in state["betrokkenen"]}
    assert state["concerns"].startswith("blauwe plekken")


async def test_only_an_auditor_asks_and_an_unknown_case_is_not_found(
    gw: CasesGateway, vt: Organisation, school: Organisation, auditor: Organisation
) -> None:
    case_id, _ = await recorded_melding(gw, vt, school)
    unknown = "00000000-0000-4000-8000-000000000000"

    assert code(await gw.run(vt.token, HISTORY, caseId=case_id, asOf=LATER)) == "FORBIDDEN"
    denied = [
        line for line in gw.gateway.access.view.search(client_id=case_id) if line.rule.startswith("auditor")
    ]
    assert [(line.kind, line.outcome) for line in denied] == [("DENIED", "DENIED")]
    assert code(await gw.run(auditor.token, HISTORY, caseId=unknown, asOf=LATER)) == "NOT_FOUND"
    assert (
        code(await gw.run(auditor.token, HISTORY, caseId=case_id, asOf="2000-01-01T00:00:00Z")) == "NOT_FOUND"
    )

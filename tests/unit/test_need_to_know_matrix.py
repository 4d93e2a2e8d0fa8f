"""The role x field x case-state matrix, generated from the need-to-know policy.

For each case audience, each field the policy lists for the type its query returns, and each
state a seeded case passes through: with that audience's token the field is there exactly
when the policy lets the audience see the case in that state; with every other audience's
token the case is not there at all (refused, or an empty answer)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

import pytest
from tests.unit.cases_fixtures import CasesGateway, Organisation, build_cases_gateway
from tests.unit.test_gateway_cases import PROPOSE, TRIAGE, recorded_melding, warm_handover_and_plan

from domain.identity.model import OrganisationKind, Role, Sector
from gateway.policy import audience

SCENARIOS = ("triage", "onderzoek", "proposed", "accepted", "completed")
# Per case audience: its query, the type it returns, whose token it is, and how to get its state.
QUERIES = {
    "vt_medewerker": ("case(id: $id)", "VeiligThuisCase", "vt"),
    "melder": ("myMeldingen", "MyMelding", "school"),
    "receiver_before_acceptance": ("handoverProposals", "HandoverProposal", "team"),
    "receiver_after_acceptance": ("handedOverCases", "HandedOverCase", "team"),
    "regisseur": ("regiePlans", "Plan", "regisseur"),
    "vertrouwensarts": ("consultedCase(id: $id)", "ConsultedCase", "arts"),
}
# The regisseur works at the receiving organisation: its cases are the regisseur's to see too.
SHARED = {("regisseur", "receiver_before_acceptance"), ("regisseur", "receiver_after_acceptance")}
HANDOVER = {"acuteUnsafety": False, "structuralUnsafety": True, "decision": "HANDOVER_TO_LOKAAL_VELD"}
ONDERZOEK = {"acuteUnsafety": True, "structuralUnsafety": False, "decision": "ONDERZOEK"}
INVOLVE = """mutation ($caseId: ID!, $arts: ID!) {
  involveVertrouwensarts(caseId: $caseId, vertrouwensartsId: $arts) }"""
STATE = """query ($id: ID!) { case(id: $id) { phase handover { status regisseurId } } }"""


@dataclass
class Seeded:
    gw: CasesGateway
    case_id: str
    tokens: dict[str, Organisation]
    states: dict[str, str]


async def seed(scenario: str) -> Seeded:
    gw = build_cases_gateway()
    vt = gw.organisation("Veilig Thuis", Sector.VEILIG_THUIS, (Role.VT_MEDEWERKER,))
    school = gw.organisation("School", Sector.ONDERWIJS, (Role.SIGNALLER,), OrganisationKind.SCHOOL)
    team = gw.organisation("Wijkteam", Sector.GEMEENTE, (Role.SIGNALLER,), OrganisationKind.LOKAAL_TEAM)
    arts = gw.organisation("Vertrouwensartsen", Sector.VEILIG_THUIS, (Role.VT_MEDEWERKER,))
    case_id, _ = await recorded_melding(gw, vt, school)
    await take_steps(gw, scenario, {"vt": vt, "team": team, "arts": arts}, case_id)
    tokens = {"vt": vt, "school": school, "team": team, "arts": arts}
    tokens["regisseur"] = await regisseur_of(gw, vt, team, case_id)
    states = await states_of(gw, vt, school, case_id)
    states["vertrouwensarts"] = states["vt_medewerker"] if scenario == "onderzoek" else "NONE"
    return Seeded(gw, case_id, tokens, states)


async def take_steps(gw: CasesGateway, scenario: str, by: dict[str, Organisation], case_id: str) -> None:
    vt, team = by["vt"], by["team"]
    if scenario == "onderzoek":
        await gw.data(vt.token, TRIAGE, caseId=case_id, input=ONDERZOEK)
        await gw.data(vt.token, INVOLVE, caseId=case_id, arts=str(by["arts"].professional_id))
    elif scenario != "triage":
        await gw.data(vt.token, TRIAGE, caseId=case_id, input={**HANDOVER, "receiverKind": "LOKAAL_TEAM"})
        await gw.data(vt.token, PROPOSE, caseId=case_id, to=str(team.id))
    if scenario in ("accepted", "completed"):
        await gw.data(team.token, f'mutation {{ acceptHandover(caseId: "{case_id}") }}')
    if scenario == "completed":
        await warm_handover_and_plan(gw, vt, team, case_id)


async def regisseur_of(gw: CasesGateway, vt: Organisation, team: Organisation, case_id: str) -> Organisation:
    """The professional named regisseur on the case; before one is named, a colleague at the team."""
    named = (await gw.data(vt.token, STATE, id=case_id))["case"]["handover"]
    if named is None or named["regisseurId"] is None:
        return gw.colleague(team, (Role.SIGNALLER,))
    professional_id = UUID(named["regisseurId"])
    return Organisation(team.id, gw.gateway.token_for(professional_id), professional_id)


async def states_of(gw: CasesGateway, vt: Organisation, school: Organisation, case_id: str) -> dict[str, str]:
    case = (await gw.data(vt.token, STATE, id=case_id))["case"]
    handover = (case["handover"] or {}).get("status", "NONE")
    named = (case["handover"] or {}).get("regisseurId")
    [mine] = (await gw.data(school.token, "{ myMeldingen { status } }"))["myMeldingen"]
    return {
        "vt_medewerker": case["phase"],
        "melder": mine["status"],
        "receiver_before_acceptance": handover,
        "receiver_after_acceptance": handover,
        "regisseur": handover if named else "NONE",
    }


def matrix() -> list[tuple[str, str, str]]:
    return [
        (name, field, scenario)
        for name, (_, type_name, _) in QUERIES.items()
        for field in sorted(audience(name).fields[type_name])
        for scenario in SCENARIOS
    ]


async def ask(seeded: Seeded, token_of: str, name: str, field: str) -> list[dict[str, Any]] | None:
    """The rows about the seeded case that this token gets from the audience's query."""
    root, _, _ = QUERIES[name]
    query = f"query ($id: ID!) {{ answer: {root} {{ {field} {selection(name, field)} }} }}"
    if "$id" not in root:
        query = query.replace("query ($id: ID!)", "query", 1)
    arguments = {"id": seeded.case_id} if "$id" in root else {}
    result = await seeded.gw.run(seeded.tokens[token_of].token, query, **arguments)
    if result.errors:
        assert result.errors[0].extensions["code"] in ("FORBIDDEN", "NOT_FOUND"), result.errors
        return None
    rows = result.data["answer"]
    rows = rows if isinstance(rows, list) else [rows]
    return [row for row in rows if row is not None]


def selection(name: str, field: str) -> str:
    from gateway.schema import schema

    _, type_name, _ = QUERIES[name]
    object_type: Any = schema._schema.get_type(type_name)
    named = object_type.fields[field].type
    while hasattr(named, "of_type"):
        named = named.of_type
    return "{ __typename }" if hasattr(named, "fields") else ""


@pytest.mark.parametrize(("name", "field", "scenario"), matrix())
async def test_a_field_is_visible_exactly_where_the_policy_says(name: str, field: str, scenario: str) -> None:
    seeded = await seed(scenario)
    _, _, own_token = QUERIES[name]
    allowed = audience(name).in_state(seeded.states[name])

    rows = await ask(seeded, own_token, name, field)

    if allowed:
        assert rows and all(field in row for row in rows), (name, field, seeded.states)
    else:
        assert not rows, (name, field, seeded.states)
    for other in seeded.tokens.keys() - {own_token}:
        if (other, name) in SHARED:
            continue
        assert not await ask(seeded, other, name, field), (name, field, other)

"""Case work through the gateway (schema.execute), on in-memory parts: who may take which
step, what each audience reads, and the codes a wrong step is refused with."""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID

import pytest
from tests.unit.cases_fixtures import CasesGateway, Organisation

from domain.identity.model import OrganisationKind, Role, Sector

CHILD = {"role": "CHILD", "name": "Sanne Jansen", "birthDate": "2015-05-01", "bsn": "111222333"}
PARENT = {"role": "PARENT", "name": "Mark Jansen", "birthDate": "1985-11-23"}
CONCERNS = "blauwe plekken op de armen"
TO_LOKAAL_TEAM = {
    "acuteUnsafety": False,
    "structuralUnsafety": True,
    "decision": "HANDOVER_TO_LOKAAL_VELD",
    "receiverKind": "LOKAAL_TEAM",
}

RECEIVE = """mutation ($input: MeldingInput!) { receiveMelding(input: $input) { caseId signalIds } }"""
CASE = """query ($id: ID!) { case(id: $id) {
  id phase acute triageDecision responsibleOrganisationId melderProfessionalId
  handover { receiverId kind status regisseurId }
  deadlines { kind due overdue } betrokkenen { id role name birthDate bsn }
  dossier { kind detail text } } }"""
TRIAGE = """mutation ($caseId: ID!, $input: TriageInput!) { triage(caseId: $caseId, input: $input) }"""
TERUGKOPPELING = """mutation ($caseId: ID!, $by: ID) {
  sendTerugkoppeling(caseId: $caseId, moment: AFTER_TRIAGE, followUp: true, takenOverBy: $by,
                     melderRole: "blijf de leerling volgen") }"""
MY_MELDINGEN = (
    """{ myMeldingen { caseId status takenOverBy terugkoppelingen { moment followUp melderRole } } }"""
)
PROPOSE = """mutation ($caseId: ID!, $to: ID!) {
  proposeHandover(caseId: $caseId, receiverId: $to, kind: LOKAAL_TEAM) }"""
HANDED_OVER = """{ handedOverCases { caseId status regisseurId plans { id status items { kind text } } } }"""


def melding(veilig_thuis: Organisation, **extra: Any) -> dict[str, Any]:
    return {
        "veiligThuisId": str(veilig_thuis.id),
        "betrokkenen": [CHILD, PARENT],
        "concerns": CONCERNS,
        "concernKinds": ["NEGLECT"],
        "familyInformed": True,
        **extra,
    }


@pytest.fixture
def lokaal_team(gw: CasesGateway) -> Organisation:
    return gw.organisation(
        "Wijkteam Tilburg", Sector.GEMEENTE, (Role.SIGNALLER,), OrganisationKind.LOKAAL_TEAM
    )


async def recorded_melding(gw: CasesGateway, vt: Organisation, school: Organisation) -> tuple[str, list[str]]:
    melder = {"professionalId": str(school.professional_id), "organisationId": str(school.id)}
    receipt = (await gw.data(vt.token, RECEIVE, input=melding(vt, melder=melder)))["receiveMelding"]
    return receipt["caseId"], receipt["signalIds"]


async def test_veilig_thuis_reads_its_case_with_the_personal_fields_opened(
    gw: CasesGateway, vt: Organisation, school: Organisation
) -> None:
    case_id, signals = await recorded_melding(gw, vt, school)

    case = (await gw.data(vt.token, CASE, id=case_id))["case"]

    assert len(signals) == 1  # the child, not the parent
    assert case["phase"] == "TRIAGE" and case["melderProfessionalId"] == str(school.professional_id)
    assert {b["name"] for b in case["betrokkenen"]} == {"Sanne Jansen", "Mark Jansen"}
    assert {b["bsn"] for b in case["betrokkenen"]} == {"111222333", None}
    assert {"kind": "CONCERNS", "detail": None, "text": CONCERNS} in case["dossier"]
    assert case["deadlines"] == [{"kind": "TRIAGE", "due": "2026-11-30", "overdue": False}]


async def test_a_case_of_another_veilig_thuis_answers_not_found_and_other_roles_are_forbidden(
    gw: CasesGateway, vt: Organisation, school: Organisation
) -> None:
    case_id, _ = await recorded_melding(gw, vt, school)
    elsewhere = gw.organisation("Veilig Thuis Utrecht", Sector.VEILIG_THUIS, (Role.VT_MEDEWERKER,))

    assert code(await gw.run(elsewhere.token, CASE, id=case_id)) == "NOT_FOUND"
    assert code(await gw.run(school.token, CASE, id=case_id)) == "FORBIDDEN"
    triage = {"acuteUnsafety": False, "structuralUnsafety": False, "decision": "CLOSE"}
    assert code(await gw.run(elsewhere.token, TRIAGE, caseId=case_id, input=triage)) == "NOT_FOUND"


async def test_a_professional_melder_sees_status_and_terugkoppeling_of_their_own_melding_only(
    gw: CasesGateway, vt: Organisation, school: Organisation, lokaal_team: Organisation
) -> None:
    case_id = (await gw.data(school.token, RECEIVE, input=melding(vt)))["receiveMelding"]["caseId"]
    await gw.data(vt.token, TRIAGE, caseId=case_id, input=TO_LOKAAL_TEAM)
    await gw.data(vt.token, TERUGKOPPELING, caseId=case_id, by=str(lokaal_team.id))

    mine = (await gw.data(school.token, MY_MELDINGEN))["myMeldingen"]

    assert mine == [
        {
            "caseId": case_id,
            "status": "TRIAGED",
            "takenOverBy": str(lokaal_team.id),
            "terugkoppelingen": [
                {"moment": "AFTER_TRIAGE", "followUp": True, "melderRole": "blijf de leerling volgen"}
            ],
        }
    ]
    assert (await gw.data(lokaal_team.token, MY_MELDINGEN))["myMeldingen"] == []
    assert "Sanne" not in json.dumps(mine) and CONCERNS not in json.dumps(mine)


async def test_a_melding_without_an_identified_melder_is_refused_and_stores_nothing(
    gw: CasesGateway, vt: Organisation
) -> None:
    result = await gw.run(vt.token, RECEIVE, input=melding(vt, melder={}))

    assert code(result) == "MELDER_REQUIRED"
    assert gw.pipeline.publish() == []


async def test_only_veilig_thuis_records_someone_elses_melding(
    gw: CasesGateway, vt: Organisation, school: Organisation
) -> None:
    melder = {"name": "buurvrouw", "contact": "06-1234"}
    assert code(await gw.run(school.token, RECEIVE, input=melding(vt, melder=melder))) == "FORBIDDEN"


async def test_the_receiver_sees_a_case_only_once_it_accepted_and_then_runs_the_plan_to_its_close(
    gw: CasesGateway, vt: Organisation, school: Organisation, lokaal_team: Organisation
) -> None:
    case_id, _ = await recorded_melding(gw, vt, school)
    await gw.data(vt.token, TRIAGE, caseId=case_id, input=TO_LOKAAL_TEAM)
    await gw.data(vt.token, PROPOSE, caseId=case_id, to=str(lokaal_team.id))

    assert (await gw.data(lokaal_team.token, HANDED_OVER))["handedOverCases"] == []
    proposals = (await gw.data(lokaal_team.token, "{ handoverProposals { caseId kind } }"))[
        "handoverProposals"
    ]
    assert proposals == [{"caseId": case_id, "kind": "LOKAAL_TEAM"}]
    assert (
        code(await gw.run(school.token, f'mutation {{ acceptHandover(caseId: "{case_id}") }}')) == "NOT_FOUND"
    )

    await gw.data(lokaal_team.token, f'mutation {{ acceptHandover(caseId: "{case_id}") }}')
    accepted = (await gw.data(lokaal_team.token, HANDED_OVER))["handedOverCases"]
    assert accepted == [{"caseId": case_id, "status": "ACCEPTED", "regisseurId": None, "plans": []}]

    plan_id = await warm_handover_and_plan(gw, vt, lokaal_team, case_id)
    [handed_over] = (await gw.data(lokaal_team.token, HANDED_OVER))["handedOverCases"]
    assert handed_over["status"] == "COMPLETED"
    assert handed_over["plans"] == [
        {
            "id": plan_id,
            "status": "CLOSED",
            "items": [
                {"kind": "GOAL", "text": "Sanne is veilig thuis"},
                {"kind": "EVALUATION", "text": "het gezin redt het zelf"},
            ],
        }
    ]


async def warm_handover_and_plan(gw: CasesGateway, vt: Organisation, team: Organisation, case_id: str) -> str:
    regisseur = gw.colleague(team, (Role.SIGNALLER,))
    await gw.data(
        vt.token,
        f'mutation {{ planJointMeeting(caseId: "{case_id}", plannedFor: "2026-11-25T10:00:00+00:00") }}',
    )
    await gw.data(team.token, f'mutation {{ holdJointMeeting(caseId: "{case_id}") }}')
    await gw.data(
        team.token,
        f'mutation {{ nameRegisseur(caseId: "{case_id}", regisseurId: "{regisseur.professional_id}") }}',
    )
    await gw.data(team.token, f'mutation {{ completeHandover(caseId: "{case_id}") }}')
    plan_id = (await gw.data(regisseur.token, f'mutation {{ startPlan(caseId: "{case_id}") }}'))["startPlan"]
    for step in (
        f'setGoal(planId: "{plan_id}", goal: "Sanne is veilig thuis")',
        f'evaluatePlan(planId: "{plan_id}", summary: "het gezin redt het zelf", selfReliant: true)',
        f'closePlan(planId: "{plan_id}")',
    ):
        await gw.data(regisseur.token, f"mutation {{ {step} }}")
    return str(plan_id)


async def test_a_handover_goes_only_to_an_organisation_of_its_kind(
    gw: CasesGateway, vt: Organisation, school: Organisation
) -> None:
    case_id, _ = await recorded_melding(gw, vt, school)
    await gw.data(vt.token, TRIAGE, caseId=case_id, input=TO_LOKAAL_TEAM)

    assert code(await gw.run(vt.token, PROPOSE, caseId=case_id, to=str(school.id))) == "RECEIVER_NOT_SUITABLE"


async def test_deadlines_list_the_open_steps_of_the_callers_veilig_thuis_with_an_overdue_flag(
    gw: CasesGateway, vt: Organisation, school: Organisation
) -> None:
    gw.pipeline.clock.advance(days=-10)  # received on Friday 13 November
    late, _ = await recorded_melding(gw, vt, school)
    gw.pipeline.clock.advance(days=10)  # today is Monday 23 November
    on_time, _ = await recorded_melding(gw, vt, school)

    deadlines = (await gw.data(vt.token, "{ deadlines { caseId kind due overdue } }"))["deadlines"]

    assert deadlines == [
        {"caseId": late, "kind": "TRIAGE", "due": "2026-11-20", "overdue": True},
        {"caseId": on_time, "kind": "TRIAGE", "due": "2026-11-30", "overdue": False},
    ]


async def test_one_answer_reads_the_day_once_however_many_deadlines_it_lists(
    gw: CasesGateway, vt: Organisation, school: Organisation
) -> None:
    reads = gw.gateway.count_clock_reads()

    async def listed_and_clock_reads() -> tuple[int, int]:
        before = reads[0]
        listed = len((await gw.data(vt.token, "{ deadlines { overdue } }"))["deadlines"])
        return listed, reads[0] - before

    await recorded_melding(gw, vt, school)
    one, clock_reads = await listed_and_clock_reads()
    for _ in range(3):
        await recorded_melding(gw, vt, school)

    # A day per row could straddle midnight within one answer.
    assert (one, await listed_and_clock_reads()) == (1, (4, clock_reads))


async def test_closing_a_case_whose_triage_found_no_concerns_withdraws_its_signals_as_unjustified(
    gw: CasesGateway, vt: Organisation, school: Organisation
) -> None:
    case_id, [signal_id] = await recorded_melding(gw, vt, school)
    triage = {"acuteUnsafety": False, "structuralUnsafety": False, "decision": "CLOSE"}
    await gw.data(vt.token, TRIAGE, caseId=case_id, input=triage)
    await gw.data(vt.token, TERUGKOPPELING, caseId=case_id, by=None)

    await gw.data(vt.token, f'mutation {{ closeCase(caseId: "{case_id}", reason: "geen zorgen") }}')

    signals = (await gw.data(vt.token, "{ mySignals { id status } }"))["mySignals"]
    assert signals == []  # the view is fed from keten.signals.v1, not played here
    multisignaal = gw.gateway.services.multisignaal
    signal = multisignaal.signal(UUID(signal_id), vt.professional_id)
    assert (signal.status.value, signal.archived_until) == ("WITHDRAWN", None)


def code(result: Any) -> str | None:
    return result.errors[0].extensions["code"] if result.errors else None

"""The regisseur and the vertrouwensarts, served with their own rows of the policy: the
regisseur reads the plans they now run (`regiePlans`), the vertrouwensarts the case they are
involved in, without BSN (`consultedCase`), each only while the policy's states allow."""

from __future__ import annotations

from uuid import UUID, uuid4

import pytest
from tests.unit.cases_fixtures import CasesGateway, Organisation
from tests.unit.test_gateway_cases import TRIAGE, code, recorded_melding, warm_handover_and_plan
from tests.unit.test_need_to_know_matrix import HANDOVER, PROPOSE

from domain.identity.model import OrganisationKind, Role, Sector

CONSULTED = """query ($id: ID!) {
  consultedCase(id: $id) { id phase betrokkenen { name birthDate } dossier { kind } } }"""
REGIE = "{ regiePlans { id status items { kind text } } }"
ONDERZOEK = {"acuteUnsafety": True, "structuralUnsafety": False, "decision": "ONDERZOEK"}


@pytest.fixture
def vt(gw: CasesGateway) -> Organisation:
    return gw.organisation("Veilig Thuis", Sector.VEILIG_THUIS, (Role.VT_MEDEWERKER,))


@pytest.fixture
def school(gw: CasesGateway) -> Organisation:
    return gw.organisation("School", Sector.ONDERWIJS, (Role.SIGNALLER,), OrganisationKind.SCHOOL)


async def test_the_involved_vertrouwensarts_reads_people_and_dossier_during_onderzoek_only(
    gw: CasesGateway, vt: Organisation, school: Organisation
) -> None:
    arts = gw.organisation("Veilig Thuis artsen", Sector.VEILIG_THUIS, (Role.VT_MEDEWERKER,))
    colleague = gw.colleague(arts, (Role.VT_MEDEWERKER,))
    case_id, _ = await recorded_melding(gw, vt, school)
    await gw.data(vt.token, TRIAGE, caseId=case_id, input=ONDERZOEK)
    assert code(await gw.run(arts.token, CONSULTED, id=case_id)) == "NOT_FOUND"  # not involved yet

    involve = 'mutation { involveVertrouwensarts(caseId: "%s", vertrouwensartsId: "%s") }'
    await gw.data(vt.token, involve % (case_id, arts.professional_id))
    seen = (await gw.data(arts.token, CONSULTED, id=case_id))["consultedCase"]

    assert (seen["phase"], seen["betrokkenen"][0]["name"]) == ("ONDERZOEK", "Sanne Jansen")
    assert (
        code(await gw.run(arts.token, "query ($id: ID!) { case(id: $id) { id } }", id=case_id)) == "NOT_FOUND"
    )
    assert code(await gw.run(colleague.token, CONSULTED, id=case_id)) == "NOT_FOUND"
    assert code(await gw.run(school.token, CONSULTED, id=case_id)) == "FORBIDDEN"
    conclude = 'mutation { concludeOnderzoek(caseId: "%s", outcome: NO_VIOLENCE) }'
    await gw.data(vt.token, conclude % case_id)
    assert code(await gw.run(arts.token, CONSULTED, id=case_id)) == "NOT_FOUND"  # the phase moved on


async def test_the_regisseur_reads_the_plans_they_run_and_no_one_else_at_the_team_does(
    gw: CasesGateway, vt: Organisation, school: Organisation
) -> None:
    team = gw.organisation("Wijkteam", Sector.GEMEENTE, (Role.SIGNALLER,), OrganisationKind.LOKAAL_TEAM)
    case_id, _ = await recorded_melding(gw, vt, school)
    await gw.data(vt.token, TRIAGE, caseId=case_id, input={**HANDOVER, "receiverKind": "LOKAAL_TEAM"})
    await gw.data(vt.token, PROPOSE, caseId=case_id, to=str(team.id))
    await gw.data(team.token, f'mutation {{ acceptHandover(caseId: "{case_id}") }}')
    plan_id = await warm_handover_and_plan(gw, vt, team, case_id)
    [handed] = (await gw.data(team.token, "{ handedOverCases { regisseurId } }"))["handedOverCases"]
    regisseur = gw.gateway.token_for(UUID(handed["regisseurId"]))

    [plan] = (await gw.data(regisseur, REGIE))["regiePlans"]

    assert (plan["id"], plan["status"], plan["items"][0]["text"]) == (
        plan_id,
        "CLOSED",
        "Sanne is veilig thuis",
    )
    for other in (team.token, vt.token, school.token):
        assert (await gw.data(other, REGIE))["regiePlans"] == []


async def test_consulted_cases_lists_the_arts_own_cases_by_id_and_phase_only_while_in_onderzoek(
    gw: CasesGateway, vt: Organisation, school: Organisation
) -> None:
    arts = gw.organisation("Veilig Thuis artsen", Sector.VEILIG_THUIS, (Role.VT_MEDEWERKER,))
    listed = "{ consultedCases { id phase } }"
    case_id, _ = await recorded_melding(gw, vt, school)
    await gw.data(vt.token, TRIAGE, caseId=case_id, input=ONDERZOEK)
    involve = 'mutation { involveVertrouwensarts(caseId: "%s", vertrouwensartsId: "%s") }'
    await gw.data(vt.token, involve % (case_id, arts.professional_id))

    assert (await gw.data(arts.token, listed))["consultedCases"] == [{"id": case_id, "phase": "ONDERZOEK"}]
    assert (await gw.data(vt.token, listed))["consultedCases"] == []
    assert code(await gw.run(school.token, listed)) == "FORBIDDEN"
    conclude = 'mutation { concludeOnderzoek(caseId: "%s", outcome: NO_VIOLENCE) }'
    await gw.data(vt.token, conclude % case_id)
    assert (await gw.data(arts.token, listed))["consultedCases"] == []


async def test_only_a_veilig_thuis_worker_can_be_involved_as_vertrouwensarts(
    gw: CasesGateway, vt: Organisation, school: Organisation
) -> None:
    case_id, _ = await recorded_melding(gw, vt, school)
    await gw.data(vt.token, TRIAGE, caseId=case_id, input=ONDERZOEK)
    involve = 'mutation { involveVertrouwensarts(caseId: "%s", vertrouwensartsId: "%s") }'
    team_worker = gw.colleague(vt, (Role.SIGNALLER,))  # of the Veilig Thuis, without its role
    dossier = "query ($id: ID!) { case(id: $id) { dossier { kind } } }"

    for nobody in (str(uuid4()), str(school.professional_id), str(team_worker.professional_id)):
        assert code(await gw.run(vt.token, involve % (case_id, nobody))) == "NOT_FOUND"
    kinds = [entry["kind"] for entry in (await gw.data(vt.token, dossier, id=case_id))["case"]["dossier"]]
    assert "VertrouwensartsInvolved" not in kinds  # nothing stored for any of them

    arts = gw.organisation("Veilig Thuis artsen", Sector.VEILIG_THUIS, (Role.VT_MEDEWERKER,))
    assert (await gw.data(vt.token, involve % (case_id, arts.professional_id)))["involveVertrouwensarts"]

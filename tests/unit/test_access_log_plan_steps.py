"""A plan's steps are logged: each step as a CHANGE of the family's case, a step refused to
another organisation as a DENIED attempt on the plan it named."""

from __future__ import annotations

from tests.unit.cases_fixtures import CasesGateway, Organisation
from tests.unit.test_access_log import lines
from tests.unit.test_gateway_cases import PROPOSE, TO_LOKAAL_TEAM, TRIAGE, code, recorded_melding

from domain.identity.model import OrganisationKind, Role, Sector

RULE = "receiver_after_acceptance.plan_step"


async def a_plan(gw: CasesGateway, vt: Organisation, school: Organisation) -> tuple[str, str, Organisation]:
    team = gw.organisation(
        "Wijkteam Tilburg", Sector.GEMEENTE, (Role.SIGNALLER,), OrganisationKind.LOKAAL_TEAM
    )
    case_id, _ = await recorded_melding(gw, vt, school)
    await gw.data(vt.token, TRIAGE, caseId=case_id, input=TO_LOKAAL_TEAM)
    await gw.data(vt.token, PROPOSE, caseId=case_id, to=str(team.id))
    for step in (
        f'acceptHandover(caseId: "{case_id}")',
        f'planJointMeeting(caseId: "{case_id}", plannedFor: "2026-11-25T10:00:00+00:00")',
        f'holdJointMeeting(caseId: "{case_id}")',
        f'nameRegisseur(caseId: "{case_id}", regisseurId: "{team.professional_id}")',
        f'completeHandover(caseId: "{case_id}")',
    ):
        await gw.data(team.token, f"mutation {{ {step} }}")
    plan_id = (await gw.data(team.token, f'mutation {{ startPlan(caseId: "{case_id}") }}'))["startPlan"]
    return case_id, str(plan_id), team


async def test_a_plan_step_is_a_change_of_the_case_and_a_refused_one_a_denied_attempt(
    gw: CasesGateway, vt: Organisation, school: Organisation
) -> None:
    case_id, plan_id, team = await a_plan(gw, vt, school)
    set_goal = f'mutation {{ setGoal(planId: "{plan_id}", goal: "Sanne is veilig thuis") }}'

    await gw.data(team.token, set_goal)
    assert code(await gw.run(school.token, set_goal)) == "NOT_FOUND"

    changes = [line for line in lines(gw, "CHANGE") if line.rule == RULE]
    assert [(line.client_id, line.user_id) for line in changes] == [(case_id, str(team.professional_id))]
    denied = [line for line in lines(gw, "DENIED") if line.rule == RULE]
    assert [(line.client_id, line.user_id) for line in denied] == [(plan_id, str(school.professional_id))]

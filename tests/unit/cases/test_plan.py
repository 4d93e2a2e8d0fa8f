"""The lokaal team's plan: one family, one plan, one regisseur."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID, uuid4

from tests.unit.cases.casework import Clock, Refused, Steps

from domain.cases.application import CasesApplication
from domain.cases.family import Family
from domain.cases.handover import ReceiverKind
from domain.cases.phase import Phase
from domain.cases.plan import Plan, PlanEscalation, PlanStatus
from domain.cases.terugkoppeling import Moment
from domain.cases.triage import TriageDecision

LOKAAL_TEAM = uuid4()


def plan_of(app: CasesApplication, plan_id: UUID) -> Plan:
    plan = app.repository.get(plan_id)
    assert isinstance(plan, Plan)
    return plan


def test_a_child_case_is_handed_over_warmly_and_its_plan_runs_to_its_close(
    app: CasesApplication, steps: Steps, clock: Clock
) -> None:
    # A school reports a child; triage hands the family to the lokaal team.
    case_id = steps.melding()
    app.triage(case_id, False, True, TriageDecision.HANDOVER_TO_LOKAAL_VELD, ReceiverKind.LOKAAL_TEAM)
    app.send_terugkoppeling(case_id, Moment.AFTER_TRIAGE, True, LOKAAL_TEAM, "blijf signaleren")

    # The warm handover: accepted, a joint meeting, a regisseur.
    regisseur = uuid4()
    app.propose_handover(case_id, LOKAAL_TEAM, ReceiverKind.LOKAAL_TEAM)
    app.accept_handover(case_id)
    app.plan_joint_meeting(case_id, clock() + timedelta(days=2))
    clock.advance(days=2)
    app.hold_joint_meeting(case_id)
    app.name_regisseur(case_id, regisseur)
    app.complete_handover(case_id)
    app.close_case(case_id, "warm overgedragen")

    # The regisseur runs the plan: goals, agreements, actions, evaluation, close.
    plan_id = app.start_plan(case_id)
    app.set_goal(plan_id, "Sanne voelt zich thuis veilig")
    app.make_agreement(plan_id, "vader belt de regisseur als het misgaat")
    action_id = app.plan_action(plan_id, "aanmelden opvoedondersteuning", regisseur, date(2026, 3, 20))
    app.complete_action(plan_id, action_id)
    app.evaluate_plan(plan_id, "gezin kan zelf verder", self_reliant=True)
    app.close_plan(plan_id)

    plan = plan_of(app, plan_id)
    assert (plan.organisation_id, plan.regisseur_id, plan.status) == (
        LOKAAL_TEAM,
        regisseur,
        PlanStatus.CLOSED,
    )
    assert plan.actions[action_id].completed_at == clock()
    assert steps.case(case_id).phase is Phase.CLOSED


def test_a_family_has_one_active_plan_at_a_time(
    app: CasesApplication, steps: Steps, refused: Refused
) -> None:
    case_id = steps.handed_over(LOKAAL_TEAM, uuid4())
    first = app.start_plan(case_id)

    refused("PLAN_ALREADY_ACTIVE", lambda: app.start_plan(case_id))

    app.evaluate_plan(first, "zelfredzaam", self_reliant=True)
    app.close_plan(first)
    second = app.start_plan(case_id)
    family = app.repository.get(Family.create_id(case_id))
    assert isinstance(family, Family) and family.active_plan_id == second


def test_a_plan_has_one_regisseur_and_a_new_one_replaces_the_old(app: CasesApplication, steps: Steps) -> None:
    first_regisseur, second_regisseur = uuid4(), uuid4()
    plan_id = app.start_plan(steps.handed_over(LOKAAL_TEAM, first_regisseur))
    assert plan_of(app, plan_id).regisseur_id == first_regisseur

    app.change_regisseur(plan_id, second_regisseur)

    assert plan_of(app, plan_id).regisseur_id == second_regisseur


def test_a_plan_starts_only_after_the_warm_handover_completed(
    app: CasesApplication, steps: Steps, refused: Refused
) -> None:
    case_id = steps.accepted(LOKAAL_TEAM)

    refused("HANDOVER_INCOMPLETE", lambda: app.start_plan(case_id))


def test_a_plan_closes_when_an_evaluation_finds_the_betrokkenen_can_go_on_themselves(
    app: CasesApplication, steps: Steps, refused: Refused
) -> None:
    plan_id = app.start_plan(steps.handed_over(LOKAAL_TEAM, uuid4()))
    refused("PLAN_NOT_READY_TO_CLOSE", lambda: app.close_plan(plan_id))

    app.evaluate_plan(plan_id, "nog veel spanning thuis", self_reliant=False)

    refused("PLAN_NOT_READY_TO_CLOSE", lambda: app.close_plan(plan_id))


def test_an_action_is_completed_once_and_must_exist(
    app: CasesApplication, steps: Steps, refused: Refused
) -> None:
    plan_id = app.start_plan(steps.handed_over(LOKAAL_TEAM, uuid4()))
    action_id = app.plan_action(plan_id, "schuldhulp aanvragen", uuid4(), date(2026, 4, 1))
    app.complete_action(plan_id, action_id)

    refused("ACTION_ALREADY_COMPLETED", lambda: app.complete_action(plan_id, action_id))
    refused("ACTION_NOT_FOUND", lambda: app.complete_action(plan_id, uuid4()))


def test_when_help_is_not_enough_the_plan_escalates_and_ends(
    app: CasesApplication, steps: Steps, refused: Refused
) -> None:
    case_id = steps.handed_over(LOKAAL_TEAM, uuid4())
    plan_id = app.start_plan(case_id)

    app.escalate_plan(plan_id, PlanEscalation.RAAD_VOOR_DE_KINDERBESCHERMING, "situatie verslechtert")

    plan = plan_of(app, plan_id)
    assert (plan.status, plan.escalated_to) == (
        PlanStatus.ESCALATED,
        PlanEscalation.RAAD_VOOR_DE_KINDERBESCHERMING,
    )
    refused("PLAN_ENDED", lambda: app.set_goal(plan_id, "te laat"))
    app.start_plan(case_id)  # the family may get a new plan after the escalation

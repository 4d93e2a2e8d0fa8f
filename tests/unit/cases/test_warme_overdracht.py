"""Warme overdracht: propose, accept or decline, meet jointly, name the regisseur, complete."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from uuid import UUID, uuid4

import pytest
from tests.unit.cases.casework import VEILIG_THUIS, Clock, Refused, Steps

from domain.cases.application import CasesApplication
from domain.cases.handover import HandoverStatus, ReceiverKind
from domain.cases.phase import Phase


def test_a_completed_warm_handover_transfers_responsibility_to_the_receiver(
    app: CasesApplication, steps: Steps, clock: Clock
) -> None:
    case_id = steps.in_handover()
    lokaal_team, regisseur = uuid4(), uuid4()

    # Veilig Thuis proposes; until the receiver has taken over, Veilig Thuis stays responsible.
    app.propose_handover(case_id, lokaal_team, ReceiverKind.LOKAAL_TEAM)
    app.accept_handover(case_id)
    assert steps.case(case_id).responsible_organisation == VEILIG_THUIS

    # The joint meeting with the betrokkenen, the regisseur, and completion.
    app.plan_joint_meeting(case_id, clock() + timedelta(days=2))
    clock.advance(days=2)
    app.hold_joint_meeting(case_id)
    app.name_regisseur(case_id, regisseur)
    app.complete_handover(case_id)

    case = steps.case(case_id)
    assert case.responsible_organisation == lokaal_team
    assert case.phase is Phase.HANDED_OVER
    assert case.handovers[-1].regisseur_id == regisseur
    assert case.handovers[-1].meeting_held_at == clock()


def test_a_declined_handover_leaves_veilig_thuis_free_to_propose_another(
    app: CasesApplication, steps: Steps
) -> None:
    case_id = steps.in_handover()
    first, second = uuid4(), uuid4()

    app.propose_handover(case_id, first, ReceiverKind.EXISTING_HELP)
    app.decline_handover(case_id, "geen capaciteit tot na de zomer")
    app.propose_handover(case_id, second, ReceiverKind.MDT)

    case = steps.case(case_id)
    assert [h.status for h in case.handovers] == [HandoverStatus.DECLINED, HandoverStatus.PROPOSED]
    assert case.handovers[0].decline_reason is not None
    assert case.responsible_organisation == VEILIG_THUIS


STEPS_AFTER_ACCEPTANCE: list[Callable[[CasesApplication, UUID], object]] = [
    lambda app, case_id: app.plan_joint_meeting(case_id, app.clock() + timedelta(days=1)),
    lambda app, case_id: app.hold_joint_meeting(case_id),
    lambda app, case_id: app.name_regisseur(case_id, uuid4()),
    lambda app, case_id: app.complete_handover(case_id),
]


@pytest.mark.parametrize("step", STEPS_AFTER_ACCEPTANCE)
def test_steps_that_need_acceptance_are_refused_before_it(
    app: CasesApplication, steps: Steps, refused: Refused, step: Callable[[CasesApplication, UUID], object]
) -> None:
    case_id = steps.in_handover()
    app.propose_handover(case_id, uuid4(), ReceiverKind.LOKAAL_TEAM)

    refused("HANDOVER_NOT_ACCEPTED", lambda: step(app, case_id))


def test_an_answer_needs_an_open_proposal(app: CasesApplication, steps: Steps, refused: Refused) -> None:
    case_id = steps.in_handover()
    refused("NO_HANDOVER_PROPOSED", lambda: app.accept_handover(case_id))

    app.propose_handover(case_id, uuid4(), ReceiverKind.LOKAAL_TEAM)
    app.decline_handover(case_id, "gezin woont buiten ons werkgebied")

    refused("NO_HANDOVER_PROPOSED", lambda: app.accept_handover(case_id))
    refused("NO_HANDOVER_PROPOSED", lambda: app.plan_joint_meeting(case_id, app.clock()))


def test_the_receiver_answers_once(app: CasesApplication, steps: Steps, refused: Refused) -> None:
    case_id = steps.accepted(uuid4())

    refused("HANDOVER_ALREADY_ANSWERED", lambda: app.accept_handover(case_id))
    refused("HANDOVER_ALREADY_ANSWERED", lambda: app.decline_handover(case_id, "toch niet"))


def test_one_handover_is_open_at_a_time(app: CasesApplication, steps: Steps, refused: Refused) -> None:
    case_id = steps.in_handover()
    app.propose_handover(case_id, uuid4(), ReceiverKind.LOKAAL_TEAM)

    refused("HANDOVER_ALREADY_PROPOSED", lambda: app.propose_handover(case_id, uuid4(), ReceiverKind.MDT))


def test_the_joint_meeting_is_planned_before_it_is_held(
    app: CasesApplication, steps: Steps, refused: Refused
) -> None:
    case_id = steps.accepted(uuid4())

    refused("HANDOVER_INCOMPLETE", lambda: app.hold_joint_meeting(case_id))


def test_completion_needs_the_joint_meeting_held_and_a_regisseur(
    app: CasesApplication, steps: Steps, refused: Refused, clock: Clock
) -> None:
    case_id = steps.accepted(uuid4())
    app.plan_joint_meeting(case_id, clock() + timedelta(days=1))
    app.name_regisseur(case_id, uuid4())
    refused("HANDOVER_INCOMPLETE", lambda: app.complete_handover(case_id))

    other_id = steps.accepted(uuid4())
    app.plan_joint_meeting(other_id, clock() + timedelta(days=1))
    app.hold_joint_meeting(other_id)
    refused("HANDOVER_INCOMPLETE", lambda: app.complete_handover(other_id))


def test_a_handover_is_proposed_only_when_the_case_is_up_for_handover(
    app: CasesApplication, steps: Steps, refused: Refused
) -> None:
    case_id = steps.in_onderzoek()

    refused("WRONG_PHASE", lambda: app.propose_handover(case_id, uuid4(), ReceiverKind.LOKAAL_TEAM))

"""Onderzoek: hearing, information from professionals, experts, the vertrouwensarts, conclusion."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid4

import pytest
from tests.unit.cases.casework import Clock, Refused, Steps, parent

from domain.cases.application import CasesApplication, PersonDetails
from domain.cases.intake import BetrokkeneRole, ConcernKind
from domain.cases.onderzoek import Outcome
from domain.cases.phase import FollowUp, Phase
from domain.cases.terugkoppeling import Moment
from domain.cases.triage import TriageDecision
from domain.cases.vertrouwensarts import vertrouwensarts_required

ELDERLY = [PersonDetails(BetrokkeneRole.ELDERLY, "Jan de Vries", date(1936, 2, 1))]


def child_of(steps: Steps, case_id: UUID) -> UUID:
    return next(p for p, b in steps.case(case_id).betrokkenen.items() if b.is_child)


def test_an_onderzoek_hears_asks_consults_and_concludes_no_violence(
    app: CasesApplication, steps: Steps
) -> None:
    case_id = steps.in_onderzoek()
    school, mentor = uuid4(), uuid4()

    # Evolve application state.
    app.hear_person(case_id, child_of(steps, case_id), "vertelt over ruzies, niet over slaan")
    request_id = app.request_information(case_id, mentor, school, "Hoe gaat het met Sanne op school?")
    app.receive_information(case_id, request_id, "Gaat goed, geen verzuim.")
    app.consult_expert(case_id, "FMEK", "plekken passen bij sport")
    app.conclude_onderzoek(case_id, Outcome.NO_VIOLENCE)

    # Query application state.
    case = steps.case(case_id)
    onderzoek = case.onderzoek
    assert onderzoek is not None
    assert len(onderzoek.hearings) == 1
    assert onderzoek.requests[request_id].answer is not None
    assert [c.expertise for c in onderzoek.consultations] == ["FMEK"]
    assert onderzoek.outcome is Outcome.NO_VIOLENCE
    assert case.phase is Phase.DONE
    assert case.terugkoppeling_due[Moment.AFTER_ONDERZOEK] == date(2026, 3, 9)


def test_each_information_request_and_each_answer_is_an_event_of_its_own(
    app: CasesApplication, steps: Steps
) -> None:
    case_id = steps.in_onderzoek()

    request_id = app.request_information(case_id, uuid4(), uuid4(), "Is het gezin bij jullie bekend?")
    app.receive_information(case_id, request_id, "Ja, sinds 2024.")

    topics = [n.topic.rsplit(".", 1)[-1] for n in app.recorder.select_notifications(start=1, limit=100)]
    assert topics[-2:] == ["InformationRequested", "InformationReceived"]


def test_an_answer_belongs_to_a_request_and_comes_once(
    app: CasesApplication, steps: Steps, refused: Refused
) -> None:
    case_id = steps.in_onderzoek()
    request_id = app.request_information(case_id, uuid4(), uuid4(), "Is er verzuim?")
    app.receive_information(case_id, request_id, "Nee.")

    refused("INFORMATION_REQUEST_NOT_FOUND", lambda: app.receive_information(case_id, uuid4(), "?"))
    refused("INFORMATION_ALREADY_RECEIVED", lambda: app.receive_information(case_id, request_id, "Toch wel."))


def test_only_betrokkenen_are_heard(app: CasesApplication, steps: Steps, refused: Refused) -> None:
    case_id = steps.in_onderzoek()

    refused("BETROKKENE_NOT_FOUND", lambda: app.hear_person(case_id, uuid4(), "een onbekende"))


@pytest.mark.parametrize(
    ("outcome", "follow_up", "phase"),
    [
        (Outcome.NO_VIOLENCE, None, Phase.DONE),
        (Outcome.UNCERTAIN, FollowUp.HANDOVER, Phase.HANDOVER),
        (Outcome.UNCERTAIN, FollowUp.MONITORING, Phase.MONITORING),
        (Outcome.VIOLENCE_ESTABLISHED, FollowUp.HANDOVER, Phase.HANDOVER),
        (Outcome.VIOLENCE_ESTABLISHED, FollowUp.MONITORING, Phase.MONITORING),
        (Outcome.VIOLENCE_ESTABLISHED, FollowUp.VOORWAARDEN_EN_VERVOLG, Phase.VOORWAARDEN_EN_VERVOLG),
    ],
)
def test_each_outcome_leads_to_its_follow_up(
    app: CasesApplication, steps: Steps, outcome: Outcome, follow_up: FollowUp | None, phase: Phase
) -> None:
    case_id = steps.in_onderzoek()

    app.conclude_onderzoek(case_id, outcome, follow_up)

    assert steps.case(case_id).phase is phase


@pytest.mark.parametrize(
    ("outcome", "follow_up"),
    [
        (Outcome.NO_VIOLENCE, FollowUp.MONITORING),
        (Outcome.UNCERTAIN, None),
        (Outcome.UNCERTAIN, FollowUp.VOORWAARDEN_EN_VERVOLG),
        (Outcome.VIOLENCE_ESTABLISHED, None),
    ],
)
def test_an_outcome_refuses_a_follow_up_that_does_not_fit(
    app: CasesApplication, steps: Steps, refused: Refused, outcome: Outcome, follow_up: FollowUp | None
) -> None:
    case_id = steps.in_onderzoek()

    refused("FOLLOW_UP_NOT_ALLOWED", lambda: app.conclude_onderzoek(case_id, outcome, follow_up))


def test_voorwaarden_en_vervolg_after_onderzoek_gets_its_own_ten_weeks(
    app: CasesApplication, steps: Steps, clock: Clock
) -> None:
    case_id = steps.in_onderzoek()
    clock.advance(weeks=3)

    app.conclude_onderzoek(case_id, Outcome.VIOLENCE_ESTABLISHED, FollowUp.VOORWAARDEN_EN_VERVOLG)

    service = steps.case(case_id).voorwaarden_en_vervolg
    assert service is not None and service.due == date(2026, 6, 1)


def test_a_concluded_onderzoek_takes_no_more_steps(
    app: CasesApplication, steps: Steps, refused: Refused
) -> None:
    case_id = steps.in_onderzoek()
    app.conclude_onderzoek(case_id, Outcome.UNCERTAIN, FollowUp.HANDOVER)

    refused("WRONG_PHASE", lambda: app.consult_expert(case_id, "GGZ", "te laat"))
    refused("WRONG_PHASE", lambda: app.conclude_onderzoek(case_id, Outcome.NO_VIOLENCE))


# What the melding says, and whether the Onderzoek may conclude without the vertrouwensarts.
TRIGGERS = [
    pytest.param({"concern_kinds": [ConcernKind.PHYSICAL_ABUSE]}, True, id="physical abuse"),
    pytest.param({"concern_kinds": [ConcernKind.SEXUAL_ABUSE]}, True, id="sexual abuse"),
    pytest.param({"concern_kinds": [ConcernKind.PSYCHIATRIC_PROBLEMS]}, True, id="psychiatric problems"),
    pytest.param({"concern_kinds": [ConcernKind.ADDICTION]}, True, id="addiction"),
    pytest.param({"concern_kinds": [ConcernKind.LIFE_THREATENING]}, True, id="life-threatening for a child"),
    pytest.param({"acute": True}, True, id="acute for a child"),
    pytest.param(
        {"concern_kinds": [ConcernKind.LIFE_THREATENING], "betrokkenen": [parent()]},
        False,
        id="life-threatening, no child",
    ),
    pytest.param({"concern_kinds": [ConcernKind.NEGLECT]}, False, id="neglect, not acute"),
    pytest.param({"concern_kinds": [ConcernKind.ELDER_ABUSE], "betrokkenen": ELDERLY}, False, id="elderly"),
]


@pytest.mark.parametrize(("form", "required"), TRIGGERS)
def test_the_vertrouwensarts_triggers(
    app: CasesApplication, steps: Steps, refused: Refused, form: dict[str, Any], required: bool
) -> None:
    case_id = steps.in_onderzoek(**form)

    if required:
        refused("VERTROUWENSARTS_REQUIRED", lambda: app.conclude_onderzoek(case_id, Outcome.NO_VIOLENCE))
        app.involve_vertrouwensarts(case_id, uuid4())
    app.conclude_onderzoek(case_id, Outcome.NO_VIOLENCE)

    assert steps.case(case_id).phase is Phase.DONE


def test_acute_unsafety_found_at_triage_needs_the_vertrouwensarts_for_a_child(
    app: CasesApplication, steps: Steps, refused: Refused
) -> None:
    case_id = steps.melding()
    app.triage(case_id, True, False, TriageDecision.ONDERZOEK)

    refused("VERTROUWENSARTS_REQUIRED", lambda: app.conclude_onderzoek(case_id, Outcome.NO_VIOLENCE))


def test_an_addiction_noted_during_onderzoek_needs_the_vertrouwensarts(
    app: CasesApplication, steps: Steps, refused: Refused
) -> None:
    case_id = steps.in_onderzoek()
    app.note_concern(case_id, ConcernKind.ADDICTION)

    refused("VERTROUWENSARTS_REQUIRED", lambda: app.conclude_onderzoek(case_id, Outcome.NO_VIOLENCE))


@pytest.mark.parametrize(
    ("concerns", "acute", "child_involved", "required"),
    [
        ({ConcernKind.PHYSICAL_ABUSE}, False, False, True),
        ({ConcernKind.ADDICTION}, False, False, True),
        ({ConcernKind.NEGLECT}, True, True, True),
        ({ConcernKind.NEGLECT}, True, False, False),
        ({ConcernKind.LIFE_THREATENING}, False, True, True),
        ({ConcernKind.EMOTIONAL_ABUSE}, False, True, False),
        (set(), False, False, False),
    ],
)
def test_the_vertrouwensarts_rule_in_itself(
    concerns: set[ConcernKind], acute: bool, child_involved: bool, required: bool
) -> None:
    assert vertrouwensarts_required(concerns, acute, child_involved) is required

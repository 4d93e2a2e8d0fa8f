"""Every text and list of case work has its limit, checked before anything is sealed or stored."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import pytest
from tests.unit.cases.casework import FakeSealer, Refused, Steps, child, melding_form, parent

from domain.cases.application import CasesApplication, PersonDetails
from domain.cases.intake import BetrokkeneRole, ConcernKind
from domain.cases.measures import EscalationTarget
from domain.cases.monitoring import MonitoringCheck
from domain.cases.plan import PlanEscalation
from domain.cases.triage import TriageDecision
from domain.validation import limits

ANYONE = lambda given_by: True  # noqa: E731 — the advies's worker is always a colleague here

TOO_LONG = "x" * (limits.ACCOUNT + 1)
TODAY = date(2026, 3, 2)  # the clock's day (casework.MONDAY_MORNING)


def person(**changes: Any) -> PersonDetails:
    return PersonDetails(
        **({"role": BetrokkeneRole.PARENT, "name": "Mark", "birth_date": date(1985, 1, 1)} | changes)
    )


BAD_FORMS: dict[str, tuple[dict[str, Any], str]] = {
    "concerns too long": ({"concerns": "x" * (limits.ACCOUNT + 1)}, "TOO_LONG"),
    "concerns blank": ({"concerns": "  \n "}, "TEXT_REQUIRED"),
    "concerns with a NUL": ({"concerns": "slaat\x00"}, "INVALID_TEXT"),
    "no betrokkenen": ({"betrokkenen": []}, "BETROKKENE_REQUIRED"),
    "26 betrokkenen": ({"betrokkenen": [parent()] * (limits.MAX_BETROKKENEN + 1)}, "TOO_MANY"),
    "a nameless betrokkene": ({"betrokkenen": [person(name=" ")]}, "TEXT_REQUIRED"),
    "a name with a newline": ({"betrokkenen": [person(name="Mark\n")]}, "INVALID_TEXT"),
    "a name too long": ({"betrokkenen": [person(name="x" * (limits.NAME + 1))]}, "TOO_LONG"),
    "a parent born tomorrow": (
        {"betrokkenen": [person(birth_date=TODAY + timedelta(days=1))]},
        "INVALID_BIRTH_DATE",
    ),
    "a child born in 2030": (
        {"betrokkenen": [person(role=BetrokkeneRole.CHILD, birth_date=date(2030, 1, 1))]},
        "INVALID_BIRTH_DATE",
    ),
    "a parent born in 1899": ({"betrokkenen": [person(birth_date=date(1899, 12, 31))]}, "INVALID_BIRTH_DATE"),
    "a BSN failing the elfproef": ({"betrokkenen": [child(bsn="111222334")]}, "INVALID_BSN"),
    "twelve concern kinds": ({"concern_kinds": [*ConcernKind, ConcernKind.NEGLECT]}, "TOO_MANY"),
    "a meldcode answer too long": (
        {"meldcode_steps": ["x" * (limits.ITEM + 1), None, None, None, None], "afwegingen": [True] * 5},
        "TOO_LONG",
    ),
    "six meldcode steps": (
        {"meldcode_steps": ["ja"] * 6, "afwegingen": [True] * 5},
        "MELDCODE_RECORD_INCOMPLETE",
    ),
    "a citizen melder's name too long": (
        {"melder_name": "x" * 201, "melder_contact": "06-12345678"},
        "TOO_LONG",
    ),
    "a citizen melder's contact with a tab": (
        {"melder_name": "Els", "melder_contact": "06\t123"},
        "INVALID_TEXT",
    ),
    "an anonymity reason too long": ({"anonymous": True, "anonymity_reason": "x" * 2001}, "TOO_LONG"),
}


@pytest.mark.parametrize(("changes", "code"), BAD_FORMS.values(), ids=BAD_FORMS.keys())
def test_a_malformed_melding_is_refused_before_anything_is_sealed_or_stored(
    app: CasesApplication, sealer: FakeSealer, refused: Refused, changes: dict[str, Any], code: str
) -> None:
    sealed: list[str] = []
    sealer.seal = lambda key_id, plaintext: sealed.append(key_id) or key_id  # type: ignore[method-assign]
    refused(code, lambda: app.receive_melding(melding_form(**changes)))
    refused(code, lambda: app.convert_advies_to_melding(uuid4(), melding_form(**changes), colleague=ANYONE))
    assert sealed == []


def test_a_melding_is_stored_trimmed_and_at_its_limits(steps: Steps, sealer: FakeSealer) -> None:
    longest = "😀" * limits.ACCOUNT
    unborn = person(role=BetrokkeneRole.CHILD, birth_date=TODAY + timedelta(weeks=42))
    case = steps.case(
        steps.melding(concerns=f"  {longest}\n", betrokkenen=[person(name=" Mark ")] * 24 + [unborn])
    )
    assert sealer.open(str(case.id), case.intake.concerns) == longest
    names = {sealer.open(str(b.person_id), b.name) for b in case.intake.betrokkenen}
    assert names == {"Mark"}


Command = Callable[[CasesApplication, UUID], object]
TOO_LONG_COMMANDS: dict[str, Command] = {
    "give_advies": lambda app, _: app.give_advies(TOO_LONG, "advies", "geen", uuid4()),
    "add_betrokkene": lambda app, case: app.add_betrokkene(case, person(name=TOO_LONG)),
    "add_statement": lambda app, case: app.add_statement(case, uuid4(), TOO_LONG),
    "triage": lambda app, case: app.triage(case, False, False, TriageDecision.CLOSE, None, TOO_LONG),
    "close_case": lambda app, case: app.close_case(case, TOO_LONG),
    "set_voorwaarde": lambda app, case: app.set_voorwaarde(case, TOO_LONG),
    "deploy_help": lambda app, case: app.deploy_help(case, uuid4(), TOO_LONG),
    "record_compliance_check": lambda app, case: app.record_compliance_check(case, uuid4(), True, TOO_LONG),
    "hear_person": lambda app, case: app.hear_person(case, uuid4(), TOO_LONG),
    "request_information": lambda app, case: app.request_information(case, uuid4(), uuid4(), TOO_LONG),
    "receive_information": lambda app, case: app.receive_information(case, uuid4(), TOO_LONG),
    "consult_expert (expertise)": lambda app, case: app.consult_expert(case, "x" * 201, "advies"),
    "consult_expert (advice)": lambda app, case: app.consult_expert(case, "GGZ", TOO_LONG),
    "record_monitoring_check": lambda app, case: app.record_monitoring_check(
        case, MonitoringCheck.AFTER_3_MONTHS, TOO_LONG
    ),
    "escalate": lambda app, case: app.escalate(case, EscalationTarget.POLITIE, TOO_LONG),
    "decline_handover": lambda app, case: app.decline_handover(case, TOO_LONG),
    "set_goal": lambda app, _: app.set_goal(uuid4(), TOO_LONG),
    "make_agreement": lambda app, _: app.make_agreement(uuid4(), TOO_LONG),
    "plan_action": lambda app, _: app.plan_action(uuid4(), TOO_LONG, uuid4(), TODAY),
    "evaluate_plan": lambda app, _: app.evaluate_plan(uuid4(), TOO_LONG, True),
    "escalate_plan": lambda app, _: app.escalate_plan(uuid4(), PlanEscalation.VEILIG_THUIS, TOO_LONG),
}


@pytest.mark.parametrize("command", TOO_LONG_COMMANDS.values(), ids=TOO_LONG_COMMANDS.keys())
def test_every_free_text_of_case_work_has_a_longest_length(
    app: CasesApplication, steps: Steps, refused: Refused, command: Command
) -> None:
    case_id = steps.melding()
    refused("TOO_LONG", lambda: command(app, case_id))


FAR_DAYS: dict[str, Command] = {
    "plan_action": lambda app, _: app.plan_action(uuid4(), "bellen", uuid4(), date(9999, 1, 1)),
    "impose_huisverbod": lambda app, case: app.impose_huisverbod(case, date(1, 1, 1), date(1, 1, 5)),
    "extend_huisverbod": lambda app, case: app.extend_huisverbod(case, date(9999, 12, 31)),
    "plan_joint_meeting": lambda app, case: app.plan_joint_meeting(case, datetime(9999, 1, 1)),
}


@pytest.mark.parametrize("command", FAR_DAYS.values(), ids=FAR_DAYS.keys())
def test_a_day_far_from_today_is_refused(
    app: CasesApplication, steps: Steps, refused: Refused, command: Command
) -> None:
    case_id = steps.melding()
    refused("INVALID_DATE", lambda: command(app, case_id))


def test_a_case_holds_at_most_fifty_betrokkenen(
    app: CasesApplication, steps: Steps, refused: Refused
) -> None:
    case_id = steps.melding(betrokkenen=[parent()] * limits.MAX_BETROKKENEN)
    for _ in range(limits.MAX_CASE_BETROKKENEN - limits.MAX_BETROKKENEN):
        app.add_betrokkene(case_id, parent())
    refused("TOO_MANY", lambda: app.add_betrokkene(case_id, parent()))


def test_a_plan_holds_at_most_a_hundred_goals(app: CasesApplication, steps: Steps, refused: Refused) -> None:
    regisseur = uuid4()
    plan_id = app.start_plan(steps.handed_over(uuid4(), regisseur))
    for number in range(limits.MAX_PLAN_ITEMS):
        app.set_goal(plan_id, f"doel {number}")
    refused("TOO_MANY", lambda: app.set_goal(plan_id, "nog een doel"))


def test_a_voorwaarden_en_vervolg_holds_at_most_a_hundred_voorwaarden(
    app: CasesApplication, steps: Steps, refused: Refused
) -> None:
    case_id = steps.in_voorwaarden_en_vervolg()
    for number in range(limits.MAX_VOORWAARDEN):
        app.set_voorwaarde(case_id, f"voorwaarde {number}")
    refused("TOO_MANY", lambda: app.set_voorwaarde(case_id, "nog een"))

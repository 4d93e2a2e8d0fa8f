"""The Case aggregate on its own: one stream per case, replayable, with stable error codes."""

from __future__ import annotations

import importlib
import pkgutil
from datetime import timedelta
from typing import Any
from uuid import uuid4

from tests.unit.cases.casework import MONDAY_MORNING, VEILIG_THUIS

import domain.cases
from domain.calendar import WorkingCalendar
from domain.cases.case import Case
from domain.cases.handover import ReceiverKind
from domain.cases.intake import Betrokkene, BetrokkeneRole, ConcernKind, Intake, Melder
from domain.cases.phase import FollowUp
from domain.cases.sealing import Sealed
from domain.cases.triage import TriageDecision, TriageOutcome
from domain.errors import DomainError


def new_case(calendar: WorkingCalendar) -> Case:
    intake = Intake(
        veilig_thuis_id=VEILIG_THUIS,
        melder=Melder(professional_id=uuid4(), organisation_id=uuid4()),
        betrokkenen=[Betrokkene(uuid4(), BetrokkeneRole.CHILD, Sealed("s:naam"), Sealed("s:datum"))],
        concerns=Sealed("s:zorgen"),
        concern_kinds=[ConcernKind.NEGLECT],
        acute=False,
        family_informed=True,
    )
    return Case.receive(uuid4(), intake, MONDAY_MORNING, calendar)


def test_a_case_replays_from_its_events_to_the_same_state(calendar: WorkingCalendar) -> None:
    case = new_case(calendar)
    at = MONDAY_MORNING + timedelta(days=1)
    case.triage(TriageOutcome(False, True, TriageDecision.VOORWAARDEN_EN_VERVOLG), at, calendar)
    case.set_voorwaarde(uuid4(), Sealed("s:voorwaarde"), at)
    case.end_voorwaarden_en_vervolg(FollowUp.HANDOVER, at, calendar)
    case.propose_handover(uuid4(), ReceiverKind.MDT, at)

    events = case.collect_events()
    replayed: Any = None
    for domain_event in events:
        replayed = domain_event.mutate(replayed)

    assert replayed == case


def test_every_step_is_an_event_on_the_cases_own_stream(calendar: WorkingCalendar) -> None:
    case = new_case(calendar)
    case.triage(TriageOutcome(False, True, TriageDecision.ONDERZOEK), MONDAY_MORNING, calendar)
    case.consult_expert("GGZ", Sealed("s:advies"), MONDAY_MORNING)

    events = case.collect_events()

    assert {e.originator_id for e in events} == {case.id}
    assert [type(e).__qualname__ for e in events] == [
        "Case.Received",
        "Case.Triaged",
        "Case.OnderzoekStarted",
        "Case.ExpertConsulted",
    ]
    assert {type(e).__module__ for e in events} == {"domain.cases.case"}


def domain_errors() -> list[type[DomainError]]:
    for module in pkgutil.iter_modules(domain.cases.__path__, "domain.cases."):
        importlib.import_module(module.name)
    found: list[type[DomainError]] = []
    pending = [DomainError]
    while pending:
        for subclass in pending.pop().__subclasses__():
            found.append(subclass)
            pending.append(subclass)
    return [e for e in found if e.__module__.startswith("domain.cases")]


def test_every_refusal_of_the_cases_domain_has_a_code_of_its_own() -> None:
    codes = [error.code for error in domain_errors()]

    assert len(codes) == len(set(codes))
    assert "BAD_REQUEST" not in codes
    assert {
        "TRIAGE_ALREADY_DONE",
        "MELDER_REQUIRED",
        "ANONYMITY_REASON_REQUIRED",
        "HANDOVER_NOT_ACCEPTED",
        "PLAN_ALREADY_ACTIVE",
        "CASE_CLOSED",
        "VERTROUWENSARTS_REQUIRED",
    } <= set(codes)

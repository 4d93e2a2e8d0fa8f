"""The steps a case page offers: every phase-bound step the table leaves out of a phase is one
the aggregate refuses in that phase, so the page hides only what could not succeed."""

from __future__ import annotations

import re
from collections.abc import Callable
from uuid import UUID, uuid4

import pytest
from tests.unit.cases.casework import Steps
from tests.unit.cases.test_closing import COMMANDS

from domain.cases.application import CasesApplication
from domain.cases.phase import Phase
from domain.cases.steps import BY_PHASE, open_steps
from domain.errors import DomainError

REACH: dict[Phase, Callable[[Steps], UUID]] = {
    Phase.TRIAGE: lambda steps: steps.melding(),
    Phase.VOORWAARDEN_EN_VERVOLG: lambda steps: steps.in_voorwaarden_en_vervolg(),
    Phase.ONDERZOEK: lambda steps: steps.in_onderzoek(),
    Phase.HANDOVER: lambda steps: steps.in_handover(),
    Phase.HANDED_OVER: lambda steps: steps.handed_over(uuid4(), uuid4()),
    Phase.MONITORING: lambda steps: steps.in_monitoring(),
}


def snake(step: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", step).lower()


@pytest.mark.parametrize("phase", REACH, ids=[p.value for p in REACH])
def test_a_phase_bound_step_left_out_of_a_phase_is_refused_there(
    app: CasesApplication, steps: Steps, phase: Phase
) -> None:
    case_id = REACH[phase](steps)
    assert steps.case(case_id).phase is phase
    hidden = {s for bound in BY_PHASE.values() for s in bound} - set(open_steps(phase))
    forced = [COMMANDS[snake(step)] for step in sorted(hidden) if snake(step) in COMMANDS]
    assert forced, "the test forces at least one hidden step"
    for command in forced:
        with pytest.raises(DomainError):
            command(app, case_id)


def test_a_closed_case_offers_no_step() -> None:
    assert open_steps(Phase.CLOSED) == ()


def test_closing_is_offered_after_triage_only() -> None:
    assert "closeCase" not in open_steps(Phase.TRIAGE)
    assert all("closeCase" in open_steps(p) for p in BY_PHASE if p is not Phase.TRIAGE)

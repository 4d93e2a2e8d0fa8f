"""The case views are built only from the event types the policy lists for their audiences:
what a view handles is in the policy, and an event type taken out of the policy never
reaches the view's tables (its payload is not even opened)."""

from __future__ import annotations

from dataclasses import replace
from uuid import UUID

import pytest
from tests.unit.cases.casework import melding_form
from tests.unit.cases_fixtures import CasesPipeline
from tests.unit.test_cases_views import MELDER, RECEIVER

from domain.cases.handover import ReceiverKind
from domain.cases.terugkoppeling import Moment
from domain.cases.triage import TriageDecision
from domain.policy import need_to_know
from projections import cases_melder, cases_receiver, cases_vt
from projections.cases_receiver import APPLY as RECEIVER_APPLY
from projections.cases_vt_steps import APPLY as VT_APPLY

PREFIX = "keten.cases."


def events_of(*audiences: str) -> set[str]:
    shipped = need_to_know.shipped_policy()
    return {event for name in audiences for event in shipped[name].events}


@pytest.mark.parametrize(
    ("module", "handled"),
    [
        (cases_vt, set(VT_APPLY)),
        (cases_receiver, set(RECEIVER_APPLY)),
        (cases_melder, {"Received", "Triaged", "Closed", "TerugkoppelingSent"}),
    ],
)
def test_every_event_type_a_view_handles_is_listed_for_its_audiences(
    module: object, handled: set[str]
) -> None:
    audiences: tuple[str, ...] = module.AUDIENCES  # type: ignore[attr-defined]
    assert {PREFIX + kind for kind in handled} <= events_of(*audiences)


def test_an_event_type_taken_out_of_the_policy_never_reaches_the_view(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shipped = need_to_know.shipped_policy()
    melder = shipped["melder"]
    narrowed_melder = replace(melder, events=melder.events - {PREFIX + "TerugkoppelingSent"})
    narrowed = replace(shipped, audiences={**shipped.audiences, "melder": narrowed_melder})
    monkeypatch.setattr("projections.cases_events.shipped_policy", lambda: narrowed)
    pipeline = CasesPipeline()
    case_id: UUID = pipeline.app.receive_melding(melding_form(melder_professional_id=MELDER))
    pipeline.app.triage(
        case_id, False, True, TriageDecision.HANDOVER_TO_LOKAAL_VELD, ReceiverKind.LOKAAL_TEAM
    )
    pipeline.app.send_terugkoppeling(case_id, Moment.AFTER_TRIAGE, True, RECEIVER, "blijf Sanne volgen")
    pipeline.publish()

    [mine] = pipeline.melder.of(str(MELDER))

    assert (mine.status, tuple(mine.terugkoppelingen), mine.taken_over_by) == ("TRIAGED", (), None)

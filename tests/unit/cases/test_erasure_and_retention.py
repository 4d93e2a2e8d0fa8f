"""Erasure on request (recorded, then the person's key destroyed) and the end of retention."""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid4

import pytest
from tests.unit.cases.casework import Clock, Refused, Steps, child, melding_form
from tests.unit.cases_fixtures import CasesPipeline

from domain.cases.application import CasesApplication, PersonDetails
from domain.cases.case import Case
from domain.cases.erasure import ErasureGround, ErasureRequest
from domain.cases.intake import BetrokkeneRole
from domain.cases.retention import retained_until
from domain.cases.terugkoppeling import Moment
from domain.cases.triage import TriageDecision
from keten.keystore import ERASED
from keten.retention import run_retention


class Shredded:
    def __init__(self) -> None:
        self.keys: list[str] = []

    def destroy(self, key_id: str, when: str) -> None:
        self.keys.append(key_id)


def first_child(app: CasesApplication, case_id: UUID) -> UUID:
    case = app.repository.get(case_id)
    assert isinstance(case, Case)
    return next(person for person, b in case.betrokkenen.items() if b.is_child)


def test_a_request_is_recorded_with_its_ground_and_a_deadline_three_months_on(
    app: CasesApplication, steps: Steps, clock: Clock
) -> None:
    case_id = steps.melding()
    person = first_child(app, case_id)

    deadline = app.request_erasure(case_id, person, ErasureGround.REQUEST)

    assert deadline == date(2026, 6, 2)
    assert steps.case(case_id).erasure_requests == {
        person: ErasureRequest(ErasureGround.REQUEST, clock(), date(2026, 6, 2))
    }


def test_a_grant_destroys_that_persons_key_and_only_that(app: CasesApplication, steps: Steps) -> None:
    case_id = steps.melding()
    person, shredder = first_child(app, case_id), Shredded()
    app.request_erasure(case_id, person, ErasureGround.REQUEST)

    app.grant_erasure(case_id, person, shredder)

    assert shredder.keys == [str(person)]
    assert steps.case(case_id).erasure_requests[person].granted_at is not None


def test_no_grant_without_a_request_and_no_request_for_a_stranger(
    app: CasesApplication, steps: Steps, refused: Refused
) -> None:
    case_id = steps.melding()
    shredder = Shredded()

    refused(
        "NO_OPEN_ERASURE_REQUEST", lambda: app.grant_erasure(case_id, first_child(app, case_id), shredder)
    )
    refused("PERSON_NOT_IN_CASE", lambda: app.request_erasure(case_id, uuid4(), ErasureGround.REQUEST))
    assert shredder.keys == []


@pytest.mark.parametrize(
    ("closed_on", "children", "until"),
    [
        (date(2026, 3, 5), [], date(2046, 3, 5)),
        (date(2026, 3, 5), [date(2015, 5, 1), date(2020, 1, 1)], date(2046, 3, 5)),
        # an unborn child (kindcheck: a pregnancy) turns 18 after the 20 years
        (date(2026, 3, 5), [date(2015, 5, 1), date(2028, 7, 1)], date(2046, 7, 1)),
        (date(2024, 2, 29), [], date(2044, 2, 29)),
    ],
)
def test_retention_is_20_years_after_closing_or_until_the_youngest_child_is_18(
    closed_on: date, children: list[date], until: date
) -> None:
    assert retained_until(closed_on, children) == until


def closed_case(pipeline: CasesPipeline, **form: object) -> UUID:
    app = pipeline.app
    case_id = app.receive_melding(melding_form(**form))
    app.triage(case_id, False, False, TriageDecision.CLOSE, None)
    app.send_terugkoppeling(case_id, Moment.AFTER_TRIAGE, False)
    app.close_case(case_id, "geen zorgen")
    return case_id


def test_a_retention_run_shreds_each_case_on_its_last_day_once() -> None:
    pipeline = CasesPipeline()  # the clock stands on 2 March 2026
    case_id = closed_case(pipeline)
    # An unborn child (kindcheck) is named by its due date; 20 years after closing still binds.
    unborn = PersonDetails(BetrokkeneRole.CHILD, "Baby Jansen", date(2026, 10, 1), None)
    pipeline.clock.advance(days=121)  # 1 July 2026
    later = closed_case(pipeline, betrokkenen=[child(), unborn])
    keys = pipeline.keystore

    assert run_retention(pipeline.app, keys, date(2046, 3, 1)) == []
    assert run_retention(pipeline.app, keys, date(2046, 3, 2)) == [case_id]
    assert run_retention(pipeline.app, keys, date(2046, 6, 30)) == []
    assert run_retention(pipeline.app, keys, date(2046, 7, 1)) == [later]
    case = pipeline.app.repository.get(case_id)
    assert keys.open_or_erased(str(case.id), case.intake.concerns) == ERASED
    assert {keys.open_or_erased(str(p), b.name) for p, b in case.betrokkenen.items()} == {ERASED}

"""Replaying a case as of a moment: snapshots of one lifecycle, written by hand."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

import eventsourcing.domain
import pytest
from tests.unit.cases.casework import Clock, FakeSealer, Steps

from domain.cases.application import CasesApplication
from domain.cases.replay import CaseAsOf, PersonAsOf, TimelineEntry, replay, snapshot
from domain.cases.sealing import Sealed
from domain.cases.terugkoppeling import Moment
from domain.cases.triage import TriageDecision
from domain.errors import NotFound

RECEIVED = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
TRIAGED = datetime(2026, 3, 3, 10, 0, tzinfo=UTC)
FED_BACK = datetime(2026, 3, 4, 11, 0, tzinfo=UTC)
CLOSED = datetime(2026, 3, 5, 12, 0, tzinfo=UTC)


@pytest.fixture
def lifecycle(app: CasesApplication, steps: Steps, clock: Clock, monkeypatch: pytest.MonkeyPatch) -> UUID:
    """Received, triaged (close), terugkoppeling sent, closed: one step a day at a set hour."""
    # Event timestamps come from eventsourcing's own clock; the test sets it to the app's.
    monkeypatch.setattr(eventsourcing.domain, "datetime_now_with_tzinfo", clock)
    clock.now = RECEIVED
    case_id = steps.melding()
    clock.now = TRIAGED
    app.triage(case_id, False, False, TriageDecision.CLOSE, None)
    clock.now = FED_BACK
    app.send_terugkoppeling(case_id, Moment.AFTER_TRIAGE, False)
    clock.now = CLOSED
    app.close_case(case_id, "geen zorgen over onveiligheid")
    return case_id


def as_of(app: CasesApplication, sealer: FakeSealer, case_id: UUID, moment: datetime) -> CaseAsOf:
    opened = replay(app, case_id, moment)
    return snapshot(opened.case, lambda key, sealed: sealer.open(str(key), Sealed(sealed)))


def expected(case_id: UUID, app: CasesApplication, **changes: object) -> CaseAsOf:
    case = app.repository.get(case_id)
    child, parent = case.intake.betrokkenen
    base = CaseAsOf(
        case_id=case_id,
        version=1,
        phase="TRIAGE",
        received_at=RECEIVED,
        veilig_thuis_id=case.intake.veilig_thuis_id,
        concern_kinds=["NEGLECT"],
        concerns="blauwe plekken op de armen, zegt thuis geslagen te worden",
        betrokkenen=[
            PersonAsOf(child.person_id, "CHILD", "Sanne Jansen", "2015-05-01"),
            PersonAsOf(parent.person_id, "PARENT", "Mark Jansen", "1985-11-23"),
        ],
        triage_decision=None,
        handovers=[],
        closing_reason=None,
    )
    return CaseAsOf(**(vars(base) | changes))  # type: ignore[arg-type]


def test_before_its_receipt_a_case_did_not_exist(app: CasesApplication, lifecycle: UUID) -> None:
    with pytest.raises(NotFound):
        replay(app, lifecycle, datetime(2026, 3, 2, 8, 59, tzinfo=UTC))


def test_on_the_day_of_receipt_the_case_waits_for_triage(
    app: CasesApplication, sealer: FakeSealer, lifecycle: UUID
) -> None:
    moment = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)

    assert as_of(app, sealer, lifecycle, moment) == expected(lifecycle, app)


def test_at_the_moment_of_an_event_that_event_counts(
    app: CasesApplication, sealer: FakeSealer, lifecycle: UUID
) -> None:
    assert as_of(app, sealer, lifecycle, FED_BACK) == expected(
        lifecycle, app, version=3, phase="DONE", triage_decision="CLOSE"
    )


def test_after_closing_the_case_shows_its_reason(
    app: CasesApplication, sealer: FakeSealer, lifecycle: UUID
) -> None:
    later = datetime(2026, 6, 1, tzinfo=UTC)

    assert as_of(app, sealer, lifecycle, later) == expected(
        lifecycle,
        app,
        version=4,
        phase="CLOSED",
        triage_decision="CLOSE",
        closing_reason="geen zorgen over onveiligheid",
    )


def test_the_timeline_lists_the_events_up_to_the_moment(app: CasesApplication, lifecycle: UUID) -> None:
    timeline = replay(app, lifecycle, datetime(2026, 3, 3, 23, 0, tzinfo=UTC)).timeline

    assert timeline == [
        TimelineEntry(1, "Case.Received", RECEIVED, None),
        TimelineEntry(2, "Case.Triaged", TRIAGED, None),
    ]

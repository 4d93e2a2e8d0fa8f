"""Fixtures for the cases tests: POPO persistence, the repo's holiday files, a fake sealer."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from tests.unit.cases.casework import MONDAY_MORNING, Clock, FakeSealer, Steps, stored_states

from domain.calendar import WorkingCalendar, load_calendar
from domain.cases.application import CasesApplication
from domain.errors import DomainError

HOLIDAYS = Path(__file__).parents[3] / "data" / "holidays"


@pytest.fixture(scope="session")
def calendar() -> WorkingCalendar:
    return load_calendar(HOLIDAYS)


@pytest.fixture
def sealer() -> FakeSealer:
    return FakeSealer()


@pytest.fixture
def clock() -> Clock:
    return Clock(MONDAY_MORNING)


@pytest.fixture
def app(sealer: FakeSealer, calendar: WorkingCalendar, clock: Clock) -> Iterator[CasesApplication]:
    application = CasesApplication(
        env={"PERSISTENCE_MODULE": "eventsourcing.popo"}, sealer=sealer, calendar=calendar, clock=clock
    )
    yield application
    application.close()


@pytest.fixture
def steps(app: CasesApplication, clock: Clock) -> Steps:
    return Steps(app, clock)


@pytest.fixture
def refused(app: CasesApplication) -> Callable[[str, Callable[[], object]], None]:
    """Asserts that a command is refused with the given code and stores nothing."""

    def check(code: str, command: Callable[[], object]) -> None:
        before = len(stored_states(app))
        with pytest.raises(DomainError) as refusal:
            command()
        assert refusal.value.code == code, refusal.value.message
        assert len(stored_states(app)) == before

    return check

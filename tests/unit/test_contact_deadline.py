"""The contact deadline after a match: 10 working days on the Atw calendar, in Dutch days."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from domain.calendar import WorkingCalendar, load_calendar
from domain.multisignaal.contact import contact_due, contact_overdue

HOLIDAYS = Path(__file__).parents[2] / "data" / "holidays"


@pytest.fixture(scope="module")
def calendar() -> WorkingCalendar:
    return load_calendar(HOLIDAYS)


@pytest.mark.parametrize(
    ("found", "due"),
    [
        # An ordinary fortnight: Monday 2 March 2026 -> Monday 16 March
        (datetime(2026, 3, 2, 10, 0, tzinfo=UTC), date(2026, 3, 16)),
        # Across Hemelvaart (Thursday 14 May 2026), the Friday after it (KB) and 2e Pinksterdag (25 May)
        (datetime(2026, 5, 11, 10, 0, tzinfo=UTC), date(2026, 5, 28)),
        # Across Koningsdag (Monday 27 April 2026) and Bevrijdingsdag (Tuesday 5 May 2026)
        (datetime(2026, 4, 24, 10, 0, tzinfo=UTC), date(2026, 5, 12)),
        # Across Christmas, Nieuwjaar and Friday 2 January 2026 (KB)
        (datetime(2025, 12, 22, 10, 0, tzinfo=UTC), date(2026, 1, 9)),
        # Found at 23:30 UTC on Sunday 1 March 2026 = Monday 00:30 in the Netherlands
        (datetime(2026, 3, 1, 23, 30, tzinfo=UTC), date(2026, 3, 16)),
    ],
)
def test_contact_is_due_on_the_tenth_working_day_after_the_match(
    calendar: WorkingCalendar, found: datetime, due: date
) -> None:
    assert contact_due(found, calendar) == due


def test_the_due_day_itself_still_counts_and_the_next_day_is_overdue() -> None:
    due = date(2026, 3, 16)
    assert not contact_overdue(due, date(2026, 3, 16))
    assert contact_overdue(due, date(2026, 3, 17))

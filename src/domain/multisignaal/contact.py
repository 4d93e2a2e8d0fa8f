"""Contact after a match: did the matched professionals reach each other?

The regievoerder checks that matched professionals made contact (Jw 7.1.3.2); the law names no
term. keten's: contact is due within 10 working days of the match (Mon-Fri minus the
Algemene termijnenwet days, domain/calendar.py), counted in Dutch days; the due day itself
still counts ("uiterlijk"), so a match is overdue from the working day after.
"""

from __future__ import annotations

from datetime import date, datetime

from domain.calendar import WorkingCalendar, dutch_date

CONTACT_WORKING_DAYS = 10


def contact_due(found_at: datetime, calendar: WorkingCalendar) -> date:
    """The 10th working day after the day the match was found."""
    return calendar.add_working_days(dutch_date(found_at), CONTACT_WORKING_DAYS)


def contact_overdue(due: date, today: date) -> bool:
    return today > due

"""Veilig Thuis's terms. Every due date is computed here when a step is taken, and stored in
that step's event, so a replay shows each deadline as it was set, even after a holiday file
or a term changes.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from domain.calendar import WorkingCalendar, add_months, dutch_date

TRIAGE_WORKING_DAYS = 5  # "uiterlijk binnen 5 werkdagen na ontvangst"; acute: the same day
SERVICE_TERM = timedelta(weeks=10)  # V&V and Onderzoek: judged within 10 weeks of the decision
# No legal term for the terugkoppeling was found; keten asks for it within 5 working days of
# the decision it reports, the term the family gets to hear of a melding.
TERUGKOPPELING_WORKING_DAYS = 5


def triage_due(received_at: datetime, acute: bool, calendar: WorkingCalendar) -> date:
    received_on = dutch_date(received_at)
    return received_on if acute else calendar.add_working_days(received_on, TRIAGE_WORKING_DAYS)


def service_due(decided_at: datetime, calendar: WorkingCalendar) -> date:
    """10 weeks after the decision; a term ending on a weekend or feestdag runs on (Atw art. 1)."""
    return calendar.first_working_day_from(dutch_date(decided_at) + SERVICE_TERM)


def terugkoppeling_due(decided_at: datetime, calendar: WorkingCalendar) -> date:
    return calendar.add_working_days(dutch_date(decided_at), TERUGKOPPELING_WORKING_DAYS)


def monitoring_due(started_at: datetime, months: int) -> date:
    """Monitoring checks are Veilig Thuis's own appointments, not legal terms: plain months."""
    return add_months(dutch_date(started_at), months)

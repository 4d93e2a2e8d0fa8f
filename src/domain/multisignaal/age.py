"""Age arithmetic for the verwijsindex: a 'jeugdige' is younger than 23 (Jw 7.1.1.1)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from domain.errors import DomainError
from domain.validation import InvalidBirthDate, check_birth_date

__all__ = ["InvalidBirthDate", "TooOld", "check_youth"]

AGE_LIMIT = 23


def birthday(birth_date: date, age: int) -> date:
    """The day one reaches `age`; born on 29 February, one ages on 1 March in other years."""
    year = birth_date.year + age
    if birth_date.month == 2 and birth_date.day == 29 and not calendar.isleap(year):
        return date(year, 3, 1)
    return birth_date.replace(year=year)


def age_on(birth_date: date, day: date) -> int:
    years = day.year - birth_date.year
    return years if birthday(birth_date, years) <= day else years - 1


def add_years(day: date, years: int) -> date:
    """Same calendar day `years` later; 29 February becomes 28 February (the period may not run over)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def check_youth(birth_date: date, today: date) -> date:
    """Returns the day the young person turns 23: the day every signal on them ends."""
    check_birth_date(birth_date, today)
    if age_on(birth_date, today) >= AGE_LIMIT:
        raise TooOld("the verwijsindex is for young people under 23")
    return birthday(birth_date, AGE_LIMIT)


def signal_expiry(registered_on: date, active_days: int | None, age_limit_on: date) -> date:
    """The planned removal date: the active period (default two years), never past two years
    after registration nor the 23rd birthday."""
    two_years = add_years(registered_on, 2)
    period_end = two_years if active_days is None else registered_on + timedelta(days=active_days)
    return min(period_end, two_years, age_limit_on)


class TooOld(DomainError):
    code = "TOO_OLD"

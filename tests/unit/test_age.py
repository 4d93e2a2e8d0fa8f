"""Age and expiry arithmetic: the 23rd birthday, leap days, and the two-year ceiling."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from domain.multisignaal.age import (
    InvalidBirthDate,
    TooOld,
    add_years,
    age_on,
    check_youth,
    signal_expiry,
)

LEAPLING = date(2004, 2, 29)
FAR_AWAY = date(2100, 1, 1)  # a 23rd birthday that does not limit the signal


@pytest.mark.parametrize(
    ("day", "age"),
    [
        (date(2026, 6, 14), 15),  # the day before the birthday
        (date(2026, 6, 15), 16),  # the birthday itself
        (date(2026, 12, 31), 16),
        (date(2027, 6, 14), 16),
    ],
)
def test_one_is_a_year_older_on_the_birthday_not_the_day_before(day: date, age: int) -> None:
    assert age_on(date(2010, 6, 15), day) == age


# Decision (age.birthday): born on 29 February, one ages on 1 March in common years, so the
# child born on 29 February 2004 is still 22 on 28 February 2027 and may still be signalled.
@pytest.mark.parametrize(
    ("day", "age"),
    [
        (date(2027, 2, 28), 22),
        (date(2027, 3, 1), 23),
        (date(2028, 2, 28), 23),
        (date(2028, 2, 29), 24),  # a leap year has the real birthday
    ],
)
def test_a_child_born_on_29_february_ages_on_1_march_in_common_years(day: date, age: int) -> None:
    assert age_on(LEAPLING, day) == age


def test_born_on_29_february_2004_the_youth_turns_23_on_1_march_2027() -> None:
    assert check_youth(LEAPLING, date(2027, 2, 28)) == date(2027, 3, 1)
    with pytest.raises(TooOld):
        check_youth(LEAPLING, date(2027, 3, 1))


def test_the_day_before_the_23rd_birthday_a_youth_may_still_be_signalled() -> None:
    assert check_youth(date(2004, 5, 17), date(2027, 5, 16)) == date(2027, 5, 17)


def test_on_the_23rd_birthday_a_youth_is_too_old() -> None:
    with pytest.raises(TooOld) as refused:
        check_youth(date(2004, 5, 17), date(2027, 5, 17))
    assert refused.value.code == "TOO_OLD"


def test_a_birth_date_in_the_future_is_refused() -> None:
    today = date(2026, 3, 1)
    with pytest.raises(InvalidBirthDate) as refused:
        check_youth(today + timedelta(days=1), today)
    assert refused.value.code == "INVALID_BIRTH_DATE"


def test_a_child_born_today_may_be_signalled_until_their_23rd_birthday() -> None:
    today = date(2026, 3, 1)
    assert check_youth(today, today) == date(2049, 3, 1)


def test_by_default_a_signal_runs_two_calendar_years() -> None:
    registered = date(2025, 1, 10)
    expires = signal_expiry(registered, None, FAR_AWAY)
    assert expires == date(2027, 1, 10)
    assert (expires - registered).days == 730  # no 29 February in between


def test_two_calendar_years_that_hold_a_29_february_are_731_days() -> None:
    assert signal_expiry(date(2027, 1, 10), None, FAR_AWAY) == date(2029, 1, 10)


@pytest.mark.parametrize("active_days", [731, 800, 10_000])
def test_an_active_period_longer_than_two_calendar_years_is_cut_to_two(active_days: int) -> None:
    assert signal_expiry(date(2025, 1, 10), active_days, FAR_AWAY) == date(2027, 1, 10)


def test_a_shorter_active_period_is_honoured() -> None:
    assert signal_expiry(date(2026, 1, 10), 365, FAR_AWAY) == date(2027, 1, 10)
    assert signal_expiry(date(2026, 1, 10), 90, FAR_AWAY) == date(2026, 4, 10)


def test_a_signal_never_runs_past_the_23rd_birthday() -> None:
    twenty_third = date(2027, 3, 1)
    assert signal_expiry(date(2026, 1, 10), None, twenty_third) == twenty_third
    assert signal_expiry(date(2026, 1, 10), 600, twenty_third) == twenty_third


def test_a_signal_registered_on_29_february_ends_on_28_february_two_years_later() -> None:
    assert signal_expiry(date(2028, 2, 29), None, FAR_AWAY) == date(2030, 2, 28)


@pytest.mark.parametrize(
    ("years", "expected"),
    [
        (1, date(2025, 2, 28)),  # never past the period: 28 February, not 1 March
        (4, date(2028, 2, 29)),
        (5, date(2029, 2, 28)),
    ],
)
def test_add_years_from_29_february_lands_on_28_february_in_common_years(years: int, expected: date) -> None:
    assert add_years(date(2024, 2, 29), years) == expected


def test_add_years_keeps_the_calendar_day() -> None:
    assert add_years(date(2026, 7, 31), 5) == date(2031, 7, 31)

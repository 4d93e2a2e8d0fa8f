"""Informing the young person and the parents (Jw 7.1.5): age bands, birthdays, postponements."""

from __future__ import annotations

from datetime import date

import pytest

from domain.multisignaal.informing import (
    InformBand,
    Informee,
    Informing,
    InformingIncomplete,
    InformingStatus,
    InvalidRevisitDate,
    PostponementReasonRequired,
    check_informed,
    check_postponement,
    inform_band,
)
from domain.validation import InputRefused

BORN = date(2014, 6, 15)
LEAPLING = date(2012, 2, 29)


@pytest.mark.parametrize(
    ("day", "band"),
    [
        (date(2026, 6, 14), InformBand.UNDER_12),  # the day before the 12th birthday
        (date(2026, 6, 15), InformBand.FROM_12_TO_15),  # the 12th birthday itself
        (date(2030, 6, 14), InformBand.FROM_12_TO_15),  # 15, the day before turning 16
        (date(2030, 6, 15), InformBand.FROM_16),  # the 16th birthday
        (date(2036, 6, 1), InformBand.FROM_16),  # 21
        (date(2014, 6, 15), InformBand.UNDER_12),  # the day of birth
    ],
)
def test_the_band_changes_on_the_birthday_not_the_day_before(day: date, band: InformBand) -> None:
    assert inform_band(BORN, day) is band


@pytest.mark.parametrize(
    ("day", "band"),
    [
        (date(2024, 2, 28), InformBand.UNDER_12),  # 2024 has a 29 February: the birthday is that day
        (date(2024, 2, 29), InformBand.FROM_12_TO_15),
        (date(2028, 2, 28), InformBand.FROM_12_TO_15),  # also a leap year: 16 on the 29th
        (date(2028, 2, 29), InformBand.FROM_16),
    ],
)
def test_born_on_29_february_one_enters_a_band_on_29_february_in_leap_years(
    day: date, band: InformBand
) -> None:
    assert inform_band(LEAPLING, day) is band


def test_born_on_29_february_one_enters_a_band_on_1_march_when_that_year_has_none() -> None:
    # 12 and 16 are multiples of four, so a leapling's 12th and 16th birthdays fall in leap
    # years, except across a century that is no leap year: born 29 February 2088, 12 in 2100.
    born = date(2088, 2, 29)
    assert inform_band(born, date(2100, 2, 28)) is InformBand.UNDER_12
    assert inform_band(born, date(2100, 3, 1)) is InformBand.FROM_12_TO_15


@pytest.mark.parametrize(
    ("band", "required"),
    [
        (InformBand.UNDER_12, {Informee.PARENT}),
        (InformBand.FROM_12_TO_15, {Informee.YOUTH, Informee.PARENT}),
        (InformBand.FROM_16, {Informee.YOUTH}),
    ],
)
def test_each_band_asks_for_its_own_people(band: InformBand, required: set[Informee]) -> None:
    assert band.required == required
    assert check_informed(band, required) == required


@pytest.mark.parametrize(
    ("band", "informed"),
    [
        (InformBand.UNDER_12, {Informee.YOUTH}),
        (InformBand.FROM_12_TO_15, {Informee.PARENT}),
        (InformBand.FROM_12_TO_15, {Informee.YOUTH}),
        (InformBand.FROM_16, {Informee.PARENT}),
        (InformBand.FROM_16, set()),
    ],
)
def test_informing_fewer_than_the_band_asks_is_refused(band: InformBand, informed: set[Informee]) -> None:
    with pytest.raises(InformingIncomplete) as refused:
        check_informed(band, informed)
    assert refused.value.code == "INFORMING_INCOMPLETE"


def test_informing_more_than_the_band_asks_is_allowed() -> None:
    both = {Informee.YOUTH, Informee.PARENT}
    assert check_informed(InformBand.UNDER_12, both) == both


TODAY, LAST = date(2026, 3, 2), date(2028, 3, 2)


def test_a_postponement_keeps_its_reason_and_a_revisit_date_within_the_signal() -> None:
    assert (
        check_postponement("  vader is gewelddadig  ", date(2026, 4, 1), TODAY, LAST)
        == "vader is gewelddadig"
    )


@pytest.mark.parametrize("reason", ["", "          ", "te kort"])
def test_a_postponement_without_a_motivation_is_refused(reason: str) -> None:
    with pytest.raises(PostponementReasonRequired):
        check_postponement(reason, date(2026, 4, 1), TODAY, LAST)


@pytest.mark.parametrize("revisit", [TODAY, date(2026, 3, 1), date(2028, 3, 3)])
def test_a_revisit_date_today_in_the_past_or_after_the_signal_ends_is_refused(revisit: date) -> None:
    with pytest.raises(InvalidRevisitDate) as refused:
        check_postponement("veiligheid van de melder", revisit, TODAY, LAST)
    assert refused.value.code == "INVALID_REVISIT_DATE"


def test_informing_is_owed_until_recorded_and_again_from_the_revisit_date() -> None:
    owed = Informing(InformBand.FROM_16)
    done = Informing(InformBand.FROM_16, InformingStatus.INFORMED, frozenset({Informee.YOUTH}))
    postponed = Informing(InformBand.FROM_16, InformingStatus.POSTPONED, revisit_on=date(2026, 4, 1))
    assert owed.owed_on(TODAY)
    assert not done.owed_on(TODAY)
    assert not postponed.owed_on(date(2026, 3, 31))
    assert postponed.owed_on(date(2026, 4, 1))


def test_a_postponement_reason_with_control_characters_or_too_long_is_refused() -> None:
    with pytest.raises(InputRefused) as control:
        check_postponement("vader is\x00 gewelddadig", date(2026, 4, 1), TODAY, LAST)
    with pytest.raises(InputRefused) as long:
        check_postponement("x" * 2001, date(2026, 4, 1), TODAY, LAST)
    assert (control.value.code, long.value.code) == ("INVALID_TEXT", "TOO_LONG")

"""Codes, addresses and dates: whole-value ASCII matches, so look-alikes never pass."""

from __future__ import annotations

from datetime import date

import pytest

from domain.validation import (
    InputRefused,
    check_birth_date,
    check_day,
    check_email,
    check_municipality_code,
    check_phone,
)

TODAY = date(2026, 3, 2)


def code_of(check: object, *args: object) -> str:
    with pytest.raises(InputRefused) as refused:
        check(*args)  # type: ignore[operator]
    return refused.value.code


@pytest.mark.parametrize("code", ["GM0363", "GM0000", "GM9999"])
def test_a_municipality_code_is_gm_and_four_ascii_digits(code: str) -> None:
    assert check_municipality_code(code) == code


LOOK_ALIKES = {
    "arabic-indic digits": "GM٠٣٦٣",
    "fullwidth digits": "GM０３６３",
    "a trailing newline": "GM0363\n",
    "a leading space": " GM0363",
    "a trailing space": "GM0363 ",
    "five digits": "GM03631",
    "lower case": "gm0363",
    "no GM": "0363",
    "empty": "",
    "a NUL": "GM0363\x00",
}


@pytest.mark.parametrize("code", LOOK_ALIKES.values(), ids=LOOK_ALIKES.keys())
def test_a_municipality_code_that_only_looks_right_is_invalid(code: str) -> None:
    assert code_of(check_municipality_code, code) == "INVALID_MUNICIPALITY"


@pytest.mark.parametrize("email", ["a@b.nl", "jan.de.vries+school@regenboog.example", "x_y@mail.gemeente.nl"])
def test_an_ordinary_email_address_is_accepted_as_it_is(email: str) -> None:
    assert check_email(email) == email


BAD_EMAILS = {
    "a trailing newline": "a@b.nl\n",
    "a space": "jan jansen@b.nl",
    "no @": "jan.jansen.school.nl",
    "no dot in the domain": "a@localhost",
    "two @": "a@b@c.nl",
    "non-ASCII": "jé@b.nl",
    "fullwidth @": "a＠b.nl",
    "a NUL": "a@b.nl\x00",
    "an empty local part": "@b.nl",
    "a dot at the start": ".a@b.nl",
    "65 characters before the @": "a" * 65 + "@b.nl",
}


@pytest.mark.parametrize("email", BAD_EMAILS.values(), ids=BAD_EMAILS.keys())
def test_a_malformed_email_address_is_invalid(email: str) -> None:
    assert code_of(check_email, email) == "INVALID_EMAIL"


def test_an_email_address_over_254_characters_is_too_long() -> None:
    assert code_of(check_email, "a@" + "b" * 250 + ".nl") == "TOO_LONG"


@pytest.mark.parametrize("phone", ["06-12345678", "+31 6 12345678", "(010) 123 4567", "0612345678"])
def test_a_phone_number_takes_digits_spaces_and_the_usual_signs(phone: str) -> None:
    assert check_phone(phone) == phone


@pytest.mark.parametrize("phone", ["bel mij", "06\n12345678", "12345", "06–12345678", "٠٦١٢٣٤٥٦٧٨"])
def test_anything_else_is_not_a_phone_number(phone: str) -> None:
    assert code_of(check_phone, phone) == "INVALID_PHONE"


def test_a_phone_number_over_32_characters_is_too_long() -> None:
    assert code_of(check_phone, "0" * 33) == "TOO_LONG"


def test_a_birth_date_lies_between_1900_and_today() -> None:
    assert check_birth_date(date(1900, 1, 1), TODAY) == date(1900, 1, 1)
    assert check_birth_date(TODAY, TODAY) == TODAY
    assert code_of(check_birth_date, date(1899, 12, 31), TODAY) == "INVALID_BIRTH_DATE"
    assert code_of(check_birth_date, date(2026, 3, 3), TODAY) == "INVALID_BIRTH_DATE"
    assert code_of(check_birth_date, date(2030, 1, 1), TODAY) == "INVALID_BIRTH_DATE"


def test_an_expected_birth_date_lies_at_most_42_weeks_ahead() -> None:
    due = date(2026, 12, 21)  # 294 days after 2 March 2026
    assert check_birth_date(due, TODAY, "birthDate", True) == due
    assert code_of(check_birth_date, date(2026, 12, 22), TODAY, "birthDate", True) == "INVALID_BIRTH_DATE"


def test_a_day_of_case_work_lies_between_1900_and_ten_years_ahead() -> None:
    assert check_day(date(2036, 3, 2), TODAY, "due") == date(2036, 3, 2)
    assert code_of(check_day, date(2036, 3, 3), TODAY, "due") == "INVALID_DATE"
    assert code_of(check_day, date(1, 1, 1), TODAY, "due") == "INVALID_DATE"
    assert code_of(check_day, date(9999, 12, 31), TODAY, "due") == "INVALID_DATE"

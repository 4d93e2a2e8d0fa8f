"""Codes and addresses: municipality codes, e-mail addresses, phone numbers, and dates.

Patterns match the whole value (`fullmatch`) over ASCII classes only: `\\d` and `$` would let
Arabic-Indic or fullwidth digits and a trailing newline through, and such a code looks the
same to a person while it matches nothing in the directory.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from domain.validation.errors import (
    InvalidBirthDate,
    InvalidDate,
    InvalidEmail,
    InvalidMunicipality,
    InvalidPhone,
    TooLong,
)

MUNICIPALITY_CODE = re.compile(r"GM[0-9]{4}")
# RFC 5321 limits: 64 characters before the @, 254 in all; dot-atoms only (no quoted parts).
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
EMAIL = re.compile(rf"{_ATOM}(\.{_ATOM})*@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")
MAX_EMAIL, MAX_LOCAL_PART = 254, 64
PHONE = re.compile(r"\+?[0-9(][0-9 ()./-]*[0-9]")
MAX_PHONE, MIN_PHONE_DIGITS = 32, 6
# Nobody alive was born before 1900; dates further from today are typing errors.
EARLIEST_DAY = date(1900, 1, 1)
YEARS_AHEAD = 10
# The kindcheck names an unborn child by its due date: at most 42 weeks of pregnancy ahead.
PREGNANCY_DAYS = 42 * 7


def check_municipality_code(code: str, field: str = "municipalityCode") -> str:
    if not MUNICIPALITY_CODE.fullmatch(code):
        raise InvalidMunicipality(field, "GM followed by 4 digits (0-9)")
    return code


def check_email(email: str, field: str = "email") -> str:
    if len(email) > MAX_EMAIL:
        raise TooLong(field, f"at most {MAX_EMAIL} characters")
    if not EMAIL.fullmatch(email) or email.index("@") > MAX_LOCAL_PART:
        raise InvalidEmail(field, "not an e-mail address")
    return email


def check_phone(phone: str, field: str = "phone") -> str:
    if len(phone) > MAX_PHONE:
        raise TooLong(field, f"at most {MAX_PHONE} characters")
    if not PHONE.fullmatch(phone) or sum(c.isdigit() for c in phone) < MIN_PHONE_DIGITS:
        raise InvalidPhone(field, f"digits (at least {MIN_PHONE_DIGITS}), spaces, + ( ) . / -")
    return phone


def check_birth_date(birth_date: date, today: date, field: str = "birthDate", expected: bool = False) -> date:
    """Refuses a birth date before 1900 or in the future; `expected` allows a pregnancy's due date."""
    if birth_date > today + timedelta(days=PREGNANCY_DAYS if expected else 0):
        raise InvalidBirthDate(field, "the birth date lies too far in the future")
    if birth_date < EARLIEST_DAY:
        raise InvalidBirthDate(field, f"the birth date lies before {EARLIEST_DAY.year}")
    return birth_date


def check_day(day: date, today: date, field: str) -> date:
    """A day of case work (a due date, a huisverbod): from 1900 to ten years ahead."""
    try:
        latest = today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:  # 29 February
        latest = today.replace(year=today.year + YEARS_AHEAD, day=28)
    if not EARLIEST_DAY <= day <= latest:
        raise InvalidDate(field, f"a day from {EARLIEST_DAY.year} up to {YEARS_AHEAD} years ahead")
    return day

"""Strict input for every command of every application, and so for every entrance to keten.

Each check returns the value to store (text trimmed) or raises a refusal with a stable code
and the field it refused (`errors`); applications run them before they seal or `save()`
anything, so a refused call stores and publishes nothing. `limits` lists every field.
"""

from __future__ import annotations

from domain.validation.codes import (
    check_birth_date,
    check_day,
    check_email,
    check_municipality_code,
    check_phone,
)
from domain.validation.errors import (
    InputRefused,
    InvalidBirthDate,
    InvalidDate,
    InvalidEmail,
    InvalidMunicipality,
    InvalidPhone,
    InvalidText,
    TextRequired,
    TooLong,
    TooMany,
)
from domain.validation.text import Text, check_count, check_room

__all__ = [
    "InputRefused",
    "InvalidBirthDate",
    "InvalidDate",
    "InvalidEmail",
    "InvalidMunicipality",
    "InvalidPhone",
    "InvalidText",
    "Text",
    "TextRequired",
    "TooLong",
    "TooMany",
    "check_birth_date",
    "check_count",
    "check_day",
    "check_email",
    "check_municipality_code",
    "check_phone",
    "check_room",
]

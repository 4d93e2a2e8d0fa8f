"""Refusals of malformed input: each names the field it refused, by the name clients send."""

from __future__ import annotations

from domain.errors import DomainError


class InputRefused(DomainError):
    """A field's value breaks its rule; `field` says which (a web form marks it)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field

    @property
    def extensions(self) -> dict[str, str]:
        return {"code": self.code, "field": self.field}


class TooLong(InputRefused):
    code = "TOO_LONG"


class TooMany(InputRefused):
    code = "TOO_MANY"


class InvalidText(InputRefused):
    code = "INVALID_TEXT"


class TextRequired(InputRefused):
    code = "TEXT_REQUIRED"


class InvalidMunicipality(InputRefused):
    code = "INVALID_MUNICIPALITY"


class InvalidEmail(InputRefused):
    code = "INVALID_EMAIL"


class InvalidPhone(InputRefused):
    code = "INVALID_PHONE"


class InvalidBirthDate(InputRefused):
    code = "INVALID_BIRTH_DATE"


class InvalidDate(InputRefused):
    code = "INVALID_DATE"

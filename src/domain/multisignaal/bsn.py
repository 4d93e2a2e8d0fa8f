"""The burgerservicenummer: nine digits that pass the elfproef."""

from __future__ import annotations

from domain.errors import DomainError

# Weights of the BSN elfproef: 9..2 for the first eight digits, -1 for the last.
_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def check_bsn(bsn: str) -> str:
    if len(bsn) != 9 or not bsn.isascii() or not bsn.isdigit():
        raise InvalidBsn("a BSN has exactly 9 digits")
    total = sum(int(digit) * weight for digit, weight in zip(bsn, _WEIGHTS, strict=True))
    if total % 11 != 0 or bsn == "000000000":
        raise InvalidBsn("this BSN fails the elfproef")
    return bsn


class InvalidBsn(DomainError):
    code = "INVALID_BSN"

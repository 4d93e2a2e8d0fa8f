"""Informing the young person and the parents of a signal (Jw 7.1.5.1).

Under 12: the parent (or guardian); from 12 up to 16: the young person and the parent; from
16: the young person. Informing may be put off only with a reason that is recorded (domain.md
§1, [VH]); keten also stores a date to revisit it, after which the informing is owed again.

The band is taken on the day of registration, from the birth date the professional gives, and
stored as a band only: the verwijsindex keeps no birth date (see record.py). A birthday that
falls between registration and informing does not move the band; informing more people than
the band asks for is allowed, fewer is refused.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from enum import Enum

from domain.errors import DomainError
from domain.multisignaal.age import age_on
from domain.validation.limits import POSTPONEMENT_REASON

MIN_REASON = 10  # characters: a motivation, not a tick in a box


class Informee(Enum):
    YOUTH = "YOUTH"
    PARENT = "PARENT"  # a parent or whoever has custody


class InformBand(Enum):
    UNDER_12 = "UNDER_12"
    FROM_12_TO_15 = "FROM_12_TO_15"
    FROM_16 = "FROM_16"

    @property
    def required(self) -> frozenset[Informee]:
        return _REQUIRED[self]


_REQUIRED = {
    InformBand.UNDER_12: frozenset({Informee.PARENT}),
    InformBand.FROM_12_TO_15: frozenset({Informee.YOUTH, Informee.PARENT}),
    InformBand.FROM_16: frozenset({Informee.YOUTH}),
}


class InformingStatus(Enum):
    OWED = "OWED"
    INFORMED = "INFORMED"
    POSTPONED = "POSTPONED"


@dataclass(frozen=True)
class Informing:
    band: InformBand
    status: InformingStatus = InformingStatus.OWED
    informed: frozenset[Informee] = frozenset()
    revisit_on: date | None = None

    def owed_on(self, day: date) -> bool:
        """Owed until recorded; a postponement is owed again from its revisit date."""
        if self.status is InformingStatus.POSTPONED:
            return self.revisit_on is not None and self.revisit_on <= day
        return self.status is InformingStatus.OWED


def inform_band(birth_date: date, on: date) -> InformBand:
    """The band on a given day: one enters a band on the birthday itself."""
    age = age_on(birth_date, on)
    if age < 12:
        return InformBand.UNDER_12
    return InformBand.FROM_12_TO_15 if age < 16 else InformBand.FROM_16


def check_informed(band: InformBand, informed: Collection[Informee]) -> frozenset[Informee]:
    missing = band.required - set(informed)
    if missing:
        names = ", ".join(sorted(m.value for m in missing))
        raise InformingIncomplete(f"for a young person {band.value} the law asks to inform: {names}")
    return frozenset(informed)


def check_postponement(reason: str, revisit_on: date, today: date, last_day: date) -> str:
    """A postponement needs its motivation and a revisit date after today, while the signal lasts."""
    text = POSTPONEMENT_REASON.check_optional(reason) or ""
    if len(text) < MIN_REASON:
        raise PostponementReasonRequired(
            f"a postponement needs its reason (at least {MIN_REASON} characters)"
        )
    if not today < revisit_on <= last_day:
        raise InvalidRevisitDate(f"the revisit date must lie after {today} and no later than {last_day}")
    return text


class InformingIncomplete(DomainError):
    code = "INFORMING_INCOMPLETE"


class PostponementReasonRequired(DomainError):
    code = "POSTPONEMENT_REASON_REQUIRED"


class InvalidRevisitDate(DomainError):
    code = "INVALID_REVISIT_DATE"

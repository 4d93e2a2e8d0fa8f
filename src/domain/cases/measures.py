"""Escalation and measures on a case, possible in every phase until it is closed.

Escalation goes to the politie or the Raad voor de Kinderbescherming, with a reason. A
tijdelijk huisverbod is the burgemeester's: keten records the dates the authority set and
refuses dates the law does not allow: at most 10 days, extendable once by at most 18 days.

`Case` methods, bound in `case.py`; their events are `Case.Escalated` and so on.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING

from eventsourcing.domain import event

from domain.cases.sealing import Sealed
from domain.errors import DomainError

if TYPE_CHECKING:
    from domain.cases.case import Case

HUISVERBOD_DAYS = 10
EXTENSION_DAYS = 18


class EscalationTarget(Enum):
    POLITIE = "POLITIE"
    RAAD_VOOR_DE_KINDERBESCHERMING = "RAAD_VOOR_DE_KINDERBESCHERMING"


@dataclass(frozen=True)
class Escalation:
    to: EscalationTarget
    reason: Sealed
    escalated_at: datetime


@dataclass(frozen=True)
class Huisverbod:
    starts_on: date
    ends_on: date
    extended_to: date | None = None

    @property
    def last_day(self) -> date:
        return self.extended_to or self.ends_on


@event("Escalated")
def escalate(self: Case, to: EscalationTarget, reason: Sealed, at: datetime) -> None:
    self.check_open()
    self.escalations.append(Escalation(to, reason, at))


@event("HuisverbodImposed")
def impose_huisverbod(self: Case, starts_on: date, ends_on: date, at: datetime) -> None:
    self.check_open()
    if not 0 < (ends_on - starts_on).days <= HUISVERBOD_DAYS:
        raise HuisverbodPeriodInvalid(f"a huisverbod runs for at most {HUISVERBOD_DAYS} days")
    if self.huisverboden and starts_on <= self.huisverboden[-1].last_day:
        raise HuisverbodInForce("the previous huisverbod is still in force on that day")
    self.huisverboden.append(Huisverbod(starts_on, ends_on))


@event("HuisverbodExtended")
def extend_huisverbod(self: Case, extended_to: date, at: datetime) -> None:
    self.check_open()
    if not self.huisverboden:
        raise NoHuisverbod(f"case {self.id} has no huisverbod to extend")
    current = self.huisverboden[-1]
    if current.extended_to is not None:
        raise HuisverbodAlreadyExtended("a huisverbod is extended once at most")
    extra_days = (extended_to - current.ends_on).days
    if extra_days <= 0:
        raise HuisverbodPeriodInvalid("an extension ends after the huisverbod it extends")
    if extra_days > EXTENSION_DAYS:
        raise HuisverbodExtensionTooLong(f"an extension adds at most {EXTENSION_DAYS} days")
    self.huisverboden[-1] = replace(current, extended_to=extended_to)


class HuisverbodPeriodInvalid(DomainError):
    code = "HUISVERBOD_PERIOD_INVALID"


class HuisverbodInForce(DomainError):
    code = "HUISVERBOD_IN_FORCE"


class NoHuisverbod(DomainError):
    code = "NO_HUISVERBOD"


class HuisverbodAlreadyExtended(DomainError):
    code = "HUISVERBOD_ALREADY_EXTENDED"


class HuisverbodExtensionTooLong(DomainError):
    code = "HUISVERBOD_EXTENSION_TOO_LONG"

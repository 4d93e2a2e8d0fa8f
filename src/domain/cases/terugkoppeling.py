"""Terugkoppeling: the melder hears back after the triage and after an Onderzoek (Wmo 4.1.1).

A `Case` method, bound in `case.py`; its event is `Case.TerugkoppelingSent`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING
from uuid import UUID

from eventsourcing.domain import event

from domain.cases.sealing import Sealed
from domain.errors import DomainError

if TYPE_CHECKING:
    from domain.cases.case import Case


class Moment(Enum):
    AFTER_TRIAGE = "AFTER_TRIAGE"
    AFTER_ONDERZOEK = "AFTER_ONDERZOEK"


@dataclass(frozen=True)
class Terugkoppeling:
    moment: Moment
    follow_up: bool  # whether anything follows at all
    taken_over_by: UUID | None  # the organisation that takes over; None: nobody professional
    melder_role: Sealed | None  # what is still asked of the melder, if anything
    sent_at: datetime


@event("TerugkoppelingSent")
def send_terugkoppeling(
    self: Case,
    moment: Moment,
    follow_up: bool,
    taken_over_by: UUID | None,
    melder_role: Sealed | None,
    sent_at: datetime,
) -> None:
    self.check_open()
    if moment not in self.terugkoppeling_due:
        raise TerugkoppelingNotDue(f"no terugkoppeling {moment.value} is due on case {self.id}")
    del self.terugkoppeling_due[moment]
    self.terugkoppelingen.append(Terugkoppeling(moment, follow_up, taken_over_by, melder_role, sent_at))


class TerugkoppelingNotDue(DomainError):
    code = "TERUGKOPPELING_NOT_DUE"

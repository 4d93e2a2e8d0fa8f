"""What is added to a case's dossier after receipt: a betrokkene found later (the kindcheck),
a concern noted along the way, and a betrokkene's own statement, which is never edited.

`Case` methods, bound in `case.py`; their events are `Case.BetrokkeneAdded` and so on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from uuid import UUID

from eventsourcing.domain import event

from domain.cases.intake import Betrokkene, ConcernKind
from domain.cases.sealing import Sealed
from domain.errors import DomainError
from domain.validation import check_room, limits

if TYPE_CHECKING:
    from domain.cases.case import Case


@dataclass(frozen=True)
class Statement:
    person_id: UUID
    text: Sealed
    added_at: datetime


def check_betrokkene(case: Case, person_id: UUID) -> None:
    if person_id not in case.betrokkenen:
        raise BetrokkeneNotFound(f"no betrokkene {person_id} in case {case.id}")


def check_room_for_betrokkene(case: Case) -> None:
    case.check_open()
    check_room(case.betrokkenen, "betrokkenen", limits.MAX_CASE_BETROKKENEN)


@event("BetrokkeneAdded")
def add_betrokkene(self: Case, betrokkene: Betrokkene, at: datetime) -> None:
    check_room_for_betrokkene(self)
    self.betrokkenen[betrokkene.person_id] = betrokkene


@event("ConcernNoted")
def note_concern(self: Case, kind: ConcernKind, at: datetime) -> None:
    self.check_open()
    self.concern_kinds.add(kind)


@event("StatementAdded")
def add_statement(self: Case, person_id: UUID, text: Sealed, at: datetime) -> None:
    self.check_open()
    check_betrokkene(self, person_id)
    self.statements.append(Statement(person_id, text, at))


class BetrokkeneNotFound(DomainError):
    code = "BETROKKENE_NOT_FOUND"

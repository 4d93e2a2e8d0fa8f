"""Voorwaarden & Vervolg: within 10 weeks Veilig Thuis sets safety conditions, sees help
deployed and checks compliance; the service ends in a handover or in monitoring.

`Case` methods, bound in `case.py`; their events are `Case.VoorwaardeSet` and so on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING
from uuid import UUID

from eventsourcing.domain import event

from domain.calendar import WorkingCalendar
from domain.cases.phase import FOLLOW_UP_PHASE, FollowUp, FollowUpNotAllowed, WrongPhase
from domain.cases.sealing import Sealed
from domain.errors import DomainError
from domain.validation import check_room, limits

if TYPE_CHECKING:
    from domain.cases.case import Case


@dataclass(frozen=True)
class Voorwaarde:
    text: Sealed
    set_at: datetime


@dataclass(frozen=True)
class Help:
    organisation_id: UUID
    description: Sealed
    deployed_at: datetime


@dataclass(frozen=True)
class ComplianceCheck:
    voorwaarde_id: UUID
    complied: bool
    note: Sealed | None
    checked_at: datetime


@dataclass
class VoorwaardenEnVervolg:
    due: date
    voorwaarden: dict[UUID, Voorwaarde] = field(default_factory=dict)
    help: list[Help] = field(default_factory=list)
    checks: list[ComplianceCheck] = field(default_factory=list)
    follow_up: FollowUp | None = None


def running(case: Case) -> VoorwaardenEnVervolg:
    case.check_open()
    service = case.voorwaarden_en_vervolg
    if service is None or service.follow_up is not None:
        raise WrongPhase(f"Voorwaarden & Vervolg is not running on case {case.id}")
    return service


@event("VoorwaardenEnVervolgStarted")
def voorwaarden_en_vervolg_started(self: Case, due: date, at: datetime) -> None:
    self.voorwaarden_en_vervolg = VoorwaardenEnVervolg(due)


@event("VoorwaardeSet")
def set_voorwaarde(self: Case, voorwaarde_id: UUID, text: Sealed, at: datetime) -> None:
    voorwaarden = running(self).voorwaarden
    check_room(voorwaarden, "voorwaarden", limits.MAX_VOORWAARDEN)
    voorwaarden[voorwaarde_id] = Voorwaarde(text, at)


@event("HelpDeployed")
def deploy_help(self: Case, organisation_id: UUID, description: Sealed, at: datetime) -> None:
    running(self).help.append(Help(organisation_id, description, at))


@event("ComplianceChecked")
def record_compliance_check(
    self: Case, voorwaarde_id: UUID, complied: bool, note: Sealed | None, at: datetime
) -> None:
    service = running(self)
    if voorwaarde_id not in service.voorwaarden:
        raise VoorwaardeNotFound(f"no voorwaarde {voorwaarde_id} on case {self.id}")
    service.checks.append(ComplianceCheck(voorwaarde_id, complied, note, at))


def end_voorwaarden_en_vervolg(
    self: Case, follow_up: FollowUp, at: datetime, calendar: WorkingCalendar
) -> None:
    service = running(self)
    if follow_up not in (FollowUp.HANDOVER, FollowUp.MONITORING):
        raise FollowUpNotAllowed("Voorwaarden & Vervolg ends in a handover or in monitoring")
    if not service.voorwaarden:
        raise VoorwaardenRequired("Voorwaarden & Vervolg ends only after safety conditions were set")
    self._voorwaarden_en_vervolg_ended(follow_up, at)
    self._start_phase(at, calendar)


@event("VoorwaardenEnVervolgEnded")
def voorwaarden_en_vervolg_ended(self: Case, follow_up: FollowUp, at: datetime) -> None:
    running(self).follow_up = follow_up
    self.phase = FOLLOW_UP_PHASE[follow_up]


class VoorwaardeNotFound(DomainError):
    code = "VOORWAARDE_NOT_FOUND"


class VoorwaardenRequired(DomainError):
    code = "VOORWAARDEN_REQUIRED"

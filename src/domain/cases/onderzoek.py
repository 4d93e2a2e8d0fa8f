"""Onderzoek: within 10 weeks Veilig Thuis hears the betrokkenen, asks professionals for
information (each request and each answer an event), consults experts and, where required,
the vertrouwensarts. It concludes: no violence → done; uncertain → handover or monitoring;
violence established → handover, monitoring or Voorwaarden & Vervolg.

Concluding without the vertrouwensarts is refused where `vertrouwensarts` requires one.

`Case` methods, bound in `case.py`; their events are `Case.PersonHeard` and so on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING
from uuid import UUID

from eventsourcing.domain import event

from domain.calendar import WorkingCalendar
from domain.cases import terms
from domain.cases.dossier import check_betrokkene
from domain.cases.phase import FOLLOW_UP_PHASE, FollowUp, FollowUpNotAllowed, Phase, WrongPhase
from domain.cases.sealing import Sealed
from domain.cases.terugkoppeling import Moment
from domain.cases.vertrouwensarts import check_vertrouwensarts_not_required
from domain.errors import DomainError

if TYPE_CHECKING:
    from domain.cases.case import Case


class Outcome(Enum):
    NO_VIOLENCE = "NO_VIOLENCE"
    UNCERTAIN = "UNCERTAIN"
    VIOLENCE_ESTABLISHED = "VIOLENCE_ESTABLISHED"


FOLLOW_UPS: dict[Outcome, frozenset[FollowUp | None]] = {
    Outcome.NO_VIOLENCE: frozenset({None}),
    Outcome.UNCERTAIN: frozenset({FollowUp.HANDOVER, FollowUp.MONITORING}),
    Outcome.VIOLENCE_ESTABLISHED: frozenset(FollowUp),
}


@dataclass(frozen=True)
class Hearing:
    person_id: UUID
    account: Sealed
    heard_at: datetime


@dataclass
class InformationRequest:
    professional_id: UUID
    organisation_id: UUID
    question: Sealed
    requested_at: datetime
    answer: Sealed | None = None
    answered_at: datetime | None = None


@dataclass(frozen=True)
class Consultation:
    expertise: str  # a discipline, such as "FMEK" or "GGZ"
    advice: Sealed
    consulted_at: datetime


@dataclass
class Onderzoek:
    due: date
    hearings: list[Hearing] = field(default_factory=list)
    requests: dict[UUID, InformationRequest] = field(default_factory=dict)
    consultations: list[Consultation] = field(default_factory=list)
    vertrouwensarts_id: UUID | None = None
    outcome: Outcome | None = None


def running(case: Case) -> Onderzoek:
    case.check_open()
    if case.onderzoek is None or case.onderzoek.outcome is not None:
        raise WrongPhase(f"no Onderzoek is running on case {case.id}")
    return case.onderzoek


@event("OnderzoekStarted")
def onderzoek_started(self: Case, due: date, at: datetime) -> None:
    self.onderzoek = Onderzoek(due)


@event("PersonHeard")
def hear_person(self: Case, person_id: UUID, account: Sealed, at: datetime) -> None:
    onderzoek = running(self)
    check_betrokkene(self, person_id)
    onderzoek.hearings.append(Hearing(person_id, account, at))


@event("InformationRequested")
def request_information(
    self: Case, request_id: UUID, professional_id: UUID, organisation_id: UUID, question: Sealed, at: datetime
) -> None:
    request = InformationRequest(professional_id, organisation_id, question, at)
    running(self).requests[request_id] = request


@event("InformationReceived")
def receive_information(self: Case, request_id: UUID, answer: Sealed, at: datetime) -> None:
    request = running(self).requests.get(request_id)
    if request is None:
        raise InformationRequestNotFound(f"no information request {request_id} on case {self.id}")
    if request.answer is not None:
        raise InformationAlreadyReceived(f"information request {request_id} was answered already")
    request.answer, request.answered_at = answer, at


@event("ExpertConsulted")
def consult_expert(self: Case, expertise: str, advice: Sealed, at: datetime) -> None:
    running(self).consultations.append(Consultation(expertise, advice, at))


@event("VertrouwensartsInvolved")
def involve_vertrouwensarts(self: Case, vertrouwensarts_id: UUID, at: datetime) -> None:
    running(self).vertrouwensarts_id = vertrouwensarts_id


def conclude_onderzoek(
    self: Case, outcome: Outcome, follow_up: FollowUp | None, at: datetime, calendar: WorkingCalendar
) -> None:
    onderzoek = running(self)
    if follow_up not in FOLLOW_UPS[outcome]:
        named = follow_up.value if follow_up else "nothing"
        raise FollowUpNotAllowed(f"an Onderzoek with outcome {outcome.value} cannot be followed by {named}")
    if onderzoek.vertrouwensarts_id is None:
        check_vertrouwensarts_not_required(self)
    self._onderzoek_concluded(outcome, follow_up, at, terms.terugkoppeling_due(at, calendar))
    self._start_phase(at, calendar)


@event("OnderzoekConcluded")
def onderzoek_concluded(
    self: Case, outcome: Outcome, follow_up: FollowUp | None, at: datetime, terugkoppeling_due: date
) -> None:
    running(self).outcome = outcome
    self.phase = Phase.DONE if follow_up is None else FOLLOW_UP_PHASE[follow_up]
    self.terugkoppeling_due[Moment.AFTER_ONDERZOEK] = terugkoppeling_due


class InformationRequestNotFound(DomainError):
    code = "INFORMATION_REQUEST_NOT_FOUND"


class InformationAlreadyReceived(DomainError):
    code = "INFORMATION_ALREADY_RECEIVED"

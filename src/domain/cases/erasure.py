"""A person's request to erase their data from a case, and its grant.

Wmo 2015 art. 5.3.5 lets a person ask Veilig Thuis to destroy their data; Veilig Thuis
decides within 3 months (domain.md §2). The request is an event with its legal ground and its
deadline; the grant is an event too, after which the application destroys the person's data
key ("crypto-shredding"): the events stay as they are, the person's sealed fields become
unreadable. A citizen melder may ask as well: their name and contact are sealed under their
own person id. A closed case accepts both: erasure outlives case work.

`Case` methods, bound in `case.py`; their events are `Case.ErasureRequested` and
`Case.ErasureGranted`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING
from uuid import UUID

from eventsourcing.domain import event

from domain.calendar import add_months, dutch_date
from domain.errors import DomainError

if TYPE_CHECKING:
    from domain.cases.case import Case

DECISION_MONTHS = 3


class ErasureGround(Enum):
    REQUEST = "REQUEST"  # the person asks (Wmo 2015 art. 5.3.5)
    NO_LONGER_NEEDED = "NO_LONGER_NEEDED"  # AVG art. 17(1)(a)
    UNLAWFUL = "UNLAWFUL"  # processed unlawfully, AVG art. 17(1)(d)


@dataclass(frozen=True)
class ErasureRequest:
    ground: ErasureGround
    requested_at: datetime
    deadline: date
    granted_at: datetime | None = None


def erasure_deadline(requested_at: datetime) -> date:
    return add_months(dutch_date(requested_at), DECISION_MONTHS)


def persons(case: Case) -> set[UUID]:
    """Everyone with data of their own in the case: the betrokkenen and a citizen melder."""
    melder = case.intake.melder.person_id
    return set(case.betrokkenen) | ({melder} if melder else set())


@event("ErasureRequested")
def request_erasure(self: Case, person_id: UUID, ground: ErasureGround, at: datetime, deadline: date) -> None:
    if person_id not in persons(self):
        raise PersonNotInCase(f"no person {person_id} in case {self.id}")
    if person_id in self.erasure_requests:
        raise ErasureAlreadyRequested(f"person {person_id} asked for erasure already")
    self.erasure_requests[person_id] = ErasureRequest(ground, at, deadline)


def check_open_request(case: Case, person_id: UUID) -> ErasureRequest:
    request = case.erasure_requests.get(person_id)
    if request is None or request.granted_at is not None:
        raise NoOpenErasureRequest(f"no open erasure request of person {person_id}")
    return request


@event("ErasureGranted")
def grant_erasure(self: Case, person_id: UUID, at: datetime) -> None:
    request = check_open_request(self, person_id)
    self.erasure_requests[person_id] = replace(request, granted_at=at)


class PersonNotInCase(DomainError):
    code = "PERSON_NOT_IN_CASE"


class ErasureAlreadyRequested(DomainError):
    code = "ERASURE_ALREADY_REQUESTED"


class NoOpenErasureRequest(DomainError):
    code = "NO_OPEN_ERASURE_REQUEST"

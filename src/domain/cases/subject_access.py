"""Subject access (AVG art. 15): what a case holds on one person, without third parties' data.

The export is the person's own part of the family file: their own details as a betrokkene
(or as a citizen melder), their own statements, what they said when heard, their erasure
request, and the case steps that concern them (type and time only). Another betrokkene's
name, BSN or statements, and the case's free text (which may speak of others), stay out.
Sealed fields are opened with the caller's opener: a shredded key reads "[erased]".
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from uuid import UUID

from domain.cases.case import Case
from domain.cases.erasure import ErasureRequest, PersonNotInCase, persons
from domain.cases.replay import Open
from domain.cases.sealing import Sealed
from domain.errors import NotFound

Json = dict[str, Any]


def subject_access(events: Iterable[Any], person_id: UUID, open_: Open) -> Json:
    """The export from the case's own events; NotFound without a case, PersonNotInCase without the person."""
    aggregate: Any = None
    steps: list[Json] = []
    for event in events:
        aggregate = event.mutate(aggregate)
        if _concerns(event, person_id):
            steps.append({"eventType": type(event).__qualname__, "at": event.timestamp.isoformat()})
    if not isinstance(aggregate, Case):
        raise NotFound("no case")
    if person_id not in persons(aggregate):
        raise PersonNotInCase(f"no person {person_id} in case {aggregate.id}")
    own = _own(aggregate, person_id, open_)
    return {"caseId": str(aggregate.id), "personId": str(person_id), **own, "steps": steps}


def _own(case: Case, person_id: UUID, open_: Open) -> Json:
    onderzoek = case.onderzoek
    hearings = [h for h in onderzoek.hearings if h.person_id == person_id] if onderzoek else []
    request = case.erasure_requests.get(person_id)
    return {
        "person": _details(case, person_id, open_),
        "statements": [
            {"at": s.added_at.isoformat(), "text": open_(person_id, s.text)}
            for s in case.statements
            if s.person_id == person_id
        ],
        "hearings": [
            {"at": h.heard_at.isoformat(), "account": open_(person_id, h.account)} for h in hearings
        ],
        "erasureRequest": None if request is None else _request(request),
    }


def _details(case: Case, person_id: UUID, open_: Open) -> Json:
    betrokkene = case.betrokkenen.get(person_id)
    if betrokkene is None:  # a citizen melder
        melder = case.intake.melder
        return {
            "role": "MELDER",
            "name": _opened(person_id, melder.name, open_),
            "contact": _opened(person_id, melder.contact, open_),
        }
    return {
        "role": betrokkene.role.value,
        "name": open_(person_id, betrokkene.name),
        "birthDate": open_(person_id, betrokkene.birth_date),
        "bsn": _opened(person_id, betrokkene.bsn, open_),
    }


def _opened(person_id: UUID, sealed: Sealed | None, open_: Open) -> str | None:
    return open_(person_id, sealed) if sealed else None


def _request(request: ErasureRequest) -> Json:
    granted = request.granted_at
    return {
        "ground": request.ground.value,
        "requestedAt": request.requested_at.isoformat(),
        "deadline": request.deadline.isoformat(),
        "grantedAt": granted.isoformat() if granted else None,
    }


def _concerns(event: Any, person_id: UUID) -> bool:
    """A step concerns the person when it names them, or receives them into the case."""
    if getattr(event, "person_id", None) == person_id:
        return True
    betrokkene = getattr(event, "betrokkene", None)
    if betrokkene is not None and betrokkene.person_id == person_id:
        return True
    intake = getattr(event, "intake", None)
    named = {b.person_id for b in intake.betrokkenen} | {intake.melder.person_id} if intake else set()
    return person_id in named

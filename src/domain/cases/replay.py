"""A case as it was at a moment: rebuilt from its own events up to then, never from a view.

An auditor asks "what did Veilig Thuis know on day X". The answer is the case's stream cut
at the first event recorded after X (event timestamps are when the event was recorded, so
this is what the store held then), plus the timeline of those events. Personal fields stay
sealed here; `snapshot` opens them with whatever opener the caller has — the key store, which
answers "[erased]" once a key was shredded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.application import Application

from domain.cases.case import Case
from domain.cases.sealing import Sealed
from domain.errors import NotFound

# Opens one sealed field under its key id (a case or person id).
Open = Callable[[UUID, Sealed], str]
_ACTOR_FIELDS = ("professional_id", "caller_professional_id", "given_by", "regisseur_id")


@dataclass(frozen=True)
class TimelineEntry:
    version: int
    event_type: str
    at: datetime
    actor: UUID | None  # only where the event names who acted


@dataclass(frozen=True)
class PersonAsOf:
    person_id: UUID
    role: str
    name: str
    birth_date: str


@dataclass(frozen=True)
class CaseAsOf:
    case_id: UUID
    version: int
    phase: str
    received_at: datetime
    veilig_thuis_id: UUID
    concern_kinds: list[str]
    concerns: str
    betrokkenen: list[PersonAsOf]
    triage_decision: str | None
    handovers: list[str]  # each handover's status, oldest first
    closing_reason: str | None


@dataclass(frozen=True)
class CaseReplay:
    case: Case
    timeline: list[TimelineEntry]


def replay(app: Application[UUID], case_id: UUID, as_of: datetime) -> CaseReplay:
    """The case from its events recorded at or before `as_of`; NotFound if none were."""
    aggregate: Any = None
    timeline: list[TimelineEntry] = []
    events: Iterable[Any] = app.events.get(case_id)
    for event in events:
        if event.timestamp > as_of:
            break  # a stream is in recorded order: nothing later can be earlier
        aggregate = event.mutate(aggregate)
        timeline.append(_entry(event))
    if not isinstance(aggregate, Case):
        raise NotFound(f"no case {case_id} as of {as_of.isoformat()}")
    return CaseReplay(aggregate, timeline)


def snapshot(case: Case, open_: Open) -> CaseAsOf:
    outcome, people = case.triage_outcome, case.betrokkenen.values()
    return CaseAsOf(
        case_id=case.id,
        version=case.version,
        phase=case.phase.value,
        received_at=case.received_at,
        veilig_thuis_id=case.veilig_thuis_id,
        concern_kinds=sorted(kind.value for kind in case.concern_kinds),
        concerns=open_(case.id, case.intake.concerns),
        betrokkenen=[_person(b.person_id, b.role.value, b.name, b.birth_date, open_) for b in people],
        triage_decision=outcome.decision.value if outcome else None,
        handovers=[handover.status.value for handover in case.handovers],
        closing_reason=open_(case.id, case.closing_reason) if case.closing_reason else None,
    )


def _person(person_id: UUID, role: str, name: Sealed, birth_date: Sealed, open_: Open) -> PersonAsOf:
    return PersonAsOf(person_id, role, open_(person_id, name), open_(person_id, birth_date))


def _entry(event: Any) -> TimelineEntry:
    actor = next((getattr(event, name) for name in _ACTOR_FIELDS if getattr(event, name, None)), None)
    return TimelineEntry(event.originator_version, type(event).__qualname__, event.timestamp, actor)

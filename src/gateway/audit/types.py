"""What an auditor reads of a case as it was: its state then, and the timeline up to then.

Personal fields are opened at read time with the key store; a shredded key reads "[erased]".
Phase, decision and statuses travel as their domain values: an audit report quotes them.
"""

from __future__ import annotations

from datetime import datetime

import strawberry

from domain.cases import replay


@strawberry.type
class PersonThen:
    person_id: strawberry.ID
    role: str
    name: str
    birth_date: str

    @classmethod
    def of(cls, person: replay.PersonAsOf) -> PersonThen:
        return cls(
            person_id=strawberry.ID(str(person.person_id)),
            role=person.role,
            name=person.name,
            birth_date=person.birth_date,
        )


@strawberry.type
class CaseThen:
    case_id: strawberry.ID
    version: int
    phase: str
    received_at: datetime
    veilig_thuis_id: strawberry.ID
    concern_kinds: list[str]
    concerns: str
    betrokkenen: list[PersonThen]
    triage_decision: str | None
    handovers: list[str] = strawberry.field(description="Each handover's status, oldest first.")
    closing_reason: str | None

    @classmethod
    def of(cls, case: replay.CaseAsOf) -> CaseThen:
        return cls(
            case_id=strawberry.ID(str(case.case_id)),
            version=case.version,
            phase=case.phase,
            received_at=case.received_at,
            veilig_thuis_id=strawberry.ID(str(case.veilig_thuis_id)),
            concern_kinds=case.concern_kinds,
            concerns=case.concerns,
            betrokkenen=[PersonThen.of(person) for person in case.betrokkenen],
            triage_decision=case.triage_decision,
            handovers=case.handovers,
            closing_reason=case.closing_reason,
        )


@strawberry.type
class TimelineEvent:
    version: int
    event_type: str
    at: datetime
    actor: strawberry.ID | None = strawberry.field(description="Who acted, where the event names it.")

    @classmethod
    def of(cls, entry: replay.TimelineEntry) -> TimelineEvent:
        actor = strawberry.ID(str(entry.actor)) if entry.actor else None
        return cls(version=entry.version, event_type=entry.event_type, at=entry.at, actor=actor)


@strawberry.type
class CaseHistory:
    state: CaseThen
    timeline: list[TimelineEvent]

"""What Veilig Thuis reads of its cases: phase, dates, deadlines, handover, the opened dossier.

Sealed fields are opened here, at read time, with the key store; a destroyed key reads as
"[erased]", so erasure needs no rebuild of a view.
"""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from domain.cases import deadlines, handover, phase, triage
from domain.cases.intake import BetrokkeneRole as DomainRole
from gateway.cases.enums import (
    BetrokkeneRole,
    CasePhase,
    DeadlineKind,
    HandoverStatus,
    ReceiverKind,
    TriageDecision,
)
from gateway.cases.readmodels import BetrokkeneRow, DeadlineRow, DossierRow, Opener, VtCaseRow


def opened(opener: Opener, key_id: str | None, sealed: str | None) -> str | None:
    return opener.open_or_erased(key_id, sealed) if key_id and sealed else None


@strawberry.type
class Deadline:
    case_id: strawberry.ID
    kind: DeadlineKind  # type: ignore[valid-type]
    due: date
    overdue: bool = strawberry.field(description="The due day has passed; on the day itself it is not.")

    @classmethod
    def of(cls, row: DeadlineRow, today: date) -> Deadline:
        kind = deadlines.DeadlineKind(row.kind)
        return cls(case_id=strawberry.ID(row.case_id), kind=kind, due=row.due, overdue=today > row.due)


@strawberry.type
class Betrokkene:
    id: strawberry.ID
    role: BetrokkeneRole  # type: ignore[valid-type]
    name: str
    birth_date: str
    bsn: str | None

    @classmethod
    def of(cls, row: BetrokkeneRow, opener: Opener) -> Betrokkene:
        def open_(sealed: str) -> str:
            return opener.open_or_erased(row.person_id, sealed)

        bsn = open_(row.bsn) if row.bsn else None
        return cls(
            id=strawberry.ID(row.person_id),
            role=DomainRole(row.role),
            name=open_(row.name),
            birth_date=open_(row.birth_date),
            bsn=bsn,
        )


@strawberry.type
class DossierEntry:
    kind: str = strawberry.field(description="The step (Received, Triaged, …) or a part of the intake.")
    at: datetime
    detail: str | None = strawberry.field(description="A decision, kind or id; never personal data.")
    person_id: strawberry.ID | None
    text: str | None

    @classmethod
    def of(cls, row: DossierRow, opener: Opener) -> DossierEntry:
        person = strawberry.ID(row.person_id) if row.person_id else None
        text = opened(opener, row.key_id, row.sealed)
        return cls(kind=row.kind, at=row.at, detail=row.detail, person_id=person, text=text)


@strawberry.type
class CaseHandover:
    receiver_id: strawberry.ID
    kind: ReceiverKind  # type: ignore[valid-type]
    status: HandoverStatus  # type: ignore[valid-type]
    regisseur_id: strawberry.ID | None
    meeting_planned_for: datetime | None

    @classmethod
    def of(cls, row: VtCaseRow) -> CaseHandover | None:
        if row.handover_receiver_id is None or row.handover_kind is None or row.handover_status is None:
            return None
        regisseur = strawberry.ID(row.regisseur_id) if row.regisseur_id else None
        return cls(
            receiver_id=strawberry.ID(row.handover_receiver_id),
            kind=handover.ReceiverKind(row.handover_kind),
            status=handover.HandoverStatus(row.handover_status),
            regisseur_id=regisseur,
            meeting_planned_for=row.meeting_planned_for,
        )


@strawberry.type
class VeiligThuisCase:
    id: strawberry.ID
    phase: CasePhase  # type: ignore[valid-type]
    received_at: datetime
    acute: bool
    triage_decision: TriageDecision | None  # type: ignore[valid-type]
    responsible_organisation_id: strawberry.ID
    melder_professional_id: strawberry.ID | None
    melder_organisation_id: strawberry.ID | None
    anonymous: bool = strawberry.field(description="The melder stays unknown to the family.")
    handover: CaseHandover | None
    closed_at: datetime | None
    deadlines: list[Deadline]
    betrokkenen: list[Betrokkene]
    dossier: list[DossierEntry]

    @classmethod
    def of(cls, row: VtCaseRow, opener: Opener, today: date) -> VeiligThuisCase:
        def optional_id(value: str | None) -> strawberry.ID | None:
            return strawberry.ID(value) if value else None

        return cls(
            id=strawberry.ID(row.id),
            phase=phase.Phase(row.phase),
            received_at=row.received_at,
            acute=row.acute,
            triage_decision=triage.TriageDecision(row.triage_decision) if row.triage_decision else None,
            responsible_organisation_id=strawberry.ID(row.responsible_id),
            melder_professional_id=optional_id(row.melder_professional_id),
            melder_organisation_id=optional_id(row.melder_organisation_id),
            anonymous=row.anonymous,
            handover=CaseHandover.of(row),
            closed_at=row.closed_at,
            deadlines=[Deadline.of(d, today) for d in row.deadlines],
            betrokkenen=[Betrokkene.of(b, opener) for b in row.betrokkenen],
            dossier=[DossierEntry.of(entry, opener) for entry in row.dossier],
        )

"""What a melder and a receiving organisation read: status and feedback; accepted cases and plans."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from domain.cases import handover, plan, terugkoppeling
from gateway.cases.audience_rows import (
    HandedOverRow,
    MeldingRow,
    PlanItemRow,
    PlanRow,
    ProposalRow,
    TerugkoppelingRow,
)
from gateway.cases.enums import (
    HandoverStatus,
    MeldingStatus,
    PlanEscalation,
    PlanItemKind,
    PlanStatus,
    ReceiverKind,
    TerugkoppelingMoment,
)
from gateway.cases.readmodels import Opener


def _id(value: str | None) -> strawberry.ID | None:
    return strawberry.ID(value) if value else None


@strawberry.type
class Terugkoppeling:
    moment: TerugkoppelingMoment  # type: ignore[valid-type]
    follow_up: bool
    taken_over_by: strawberry.ID | None
    melder_role: str | None = strawberry.field(description="What Veilig Thuis still asks of the melder.")
    sent_at: datetime

    @classmethod
    def of(cls, row: TerugkoppelingRow, case_id: str, opener: Opener) -> Terugkoppeling:
        role = opener.open_or_erased(case_id, row.melder_role) if row.melder_role else None
        moment = terugkoppeling.Moment(row.moment)
        return cls(
            moment=moment,
            follow_up=row.follow_up,
            taken_over_by=_id(row.taken_over_by),
            melder_role=role,
            sent_at=row.sent_at,
        )


@strawberry.type(description="The caller's own melding: its status and the feedback sent, never its content.")
class MyMelding:
    case_id: strawberry.ID
    received_at: datetime
    status: MeldingStatus
    taken_over_by: strawberry.ID | None
    terugkoppelingen: list[Terugkoppeling]

    @classmethod
    def of(cls, row: MeldingRow, opener: Opener) -> MyMelding:
        sent = [Terugkoppeling.of(t, row.case_id, opener) for t in row.terugkoppelingen]
        return cls(
            case_id=strawberry.ID(row.case_id),
            received_at=row.received_at,
            status=MeldingStatus(row.status),
            taken_over_by=_id(row.taken_over_by),
            terugkoppelingen=sent,
        )


@strawberry.type(description="A handover proposed to the caller's organisation: ids only, until accepted.")
class HandoverProposal:
    case_id: strawberry.ID
    kind: ReceiverKind  # type: ignore[valid-type]
    proposed_at: datetime

    @classmethod
    def of(cls, row: ProposalRow) -> HandoverProposal:
        kind = handover.ReceiverKind(row.kind)
        return cls(case_id=strawberry.ID(row.case_id), kind=kind, proposed_at=row.proposed_at)


@strawberry.type
class PlanItem:
    kind: PlanItemKind
    id: strawberry.ID | None
    text: str
    owner_id: strawberry.ID | None
    due: date | None
    self_reliant: bool | None
    at: datetime
    completed_at: datetime | None

    @classmethod
    def of(cls, row: PlanItemRow, plan_id: str, opener: Opener) -> PlanItem:
        text = opener.open_or_erased(plan_id, row.sealed)
        return cls(
            kind=PlanItemKind(row.kind),
            id=_id(row.item_id),
            text=text,
            owner_id=_id(row.owner_id),
            due=row.due,
            self_reliant=row.self_reliant,
            at=row.at,
            completed_at=row.completed_at,
        )


@strawberry.type
class Plan:
    id: strawberry.ID
    regisseur_id: strawberry.ID
    status: PlanStatus  # type: ignore[valid-type]
    started_at: datetime
    escalated_to: PlanEscalation | None  # type: ignore[valid-type]
    items: list[PlanItem]

    @classmethod
    def of(cls, row: PlanRow, opener: Opener) -> Plan:
        escalated = plan.PlanEscalation(row.escalated_to) if row.escalated_to else None
        items = [PlanItem.of(item, row.id, opener) for item in row.items]
        return cls(
            id=strawberry.ID(row.id),
            regisseur_id=strawberry.ID(row.regisseur_id),
            status=plan.PlanStatus(row.status),
            started_at=row.started_at,
            escalated_to=escalated,
            items=items,
        )


@strawberry.type(description="A case whose handover the caller's organisation accepted, and its plan.")
class HandedOverCase:
    case_id: strawberry.ID
    kind: ReceiverKind  # type: ignore[valid-type]
    status: HandoverStatus  # type: ignore[valid-type]
    accepted_at: datetime
    meeting_planned_for: datetime | None
    meeting_held_at: datetime | None
    regisseur_id: strawberry.ID | None
    completed_at: datetime | None
    plans: list[Plan]

    @classmethod
    def of(cls, row: HandedOverRow, opener: Opener) -> HandedOverCase:
        return cls(
            case_id=strawberry.ID(row.case_id),
            kind=handover.ReceiverKind(row.kind),
            status=handover.HandoverStatus(row.status),
            accepted_at=row.accepted_at,
            meeting_planned_for=row.meeting_planned_for,
            meeting_held_at=row.meeting_held_at,
            regisseur_id=_id(row.regisseur_id),
            completed_at=row.completed_at,
            plans=[Plan.of(p, opener) for p in row.plans],
        )

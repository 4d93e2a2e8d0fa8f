"""The rows a receiving organisation reads: proposals to answer, accepted cases and their plans."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from kernel.sqlstore import Cursor, Database


@dataclass(frozen=True)
class ProposalRow:
    case_id: str
    kind: str
    proposed_at: datetime


@dataclass(frozen=True)
class PlanItemRow:
    kind: str  # GOAL, AGREEMENT, ACTION or EVALUATION
    item_id: str | None  # an action's id
    sealed: str  # under the plan's key
    owner_id: str | None
    due: date | None
    self_reliant: bool | None
    at: datetime
    completed_at: datetime | None


@dataclass(frozen=True)
class PlanRow:
    id: str
    regisseur_id: str
    status: str
    started_at: datetime
    escalated_to: str | None
    items: tuple[PlanItemRow, ...]


@dataclass(frozen=True)
class HandedOverRow:
    case_id: str
    kind: str
    status: str  # ACCEPTED or COMPLETED
    accepted_at: datetime
    meeting_planned_for: datetime | None
    meeting_held_at: datetime | None
    regisseur_id: str | None
    completed_at: datetime | None
    plans: tuple[PlanRow, ...]


class ReceiverCasesReader:
    db: Database

    def proposals(self, organisation_id: str) -> list[ProposalRow]:
        with self.db.read() as cursor:
            cursor.execute(
                "SELECT case_id, kind, proposed_at FROM receiver_proposals WHERE organisation_id = ? "
                "ORDER BY proposed_at",
                (organisation_id,),
            )
            return [ProposalRow(case_id, kind, _dt(at)) for case_id, kind, at in cursor.fetchall()]

    def handed_over(self, organisation_id: str) -> list[HandedOverRow]:
        with self.db.read() as cursor:
            cursor.execute(
                "SELECT case_id, kind, status, accepted_at, meeting_planned_for, meeting_held_at, "
                "regisseur_id, completed_at FROM receiver_cases WHERE organisation_id = ? "
                "ORDER BY accepted_at",
                (organisation_id,),
            )
            found = cursor.fetchall()
            return [_handed_over(row, _plans(cursor, row[0])) for row in found]

    def regie(self, professional_id: str, states: frozenset[str]) -> list[tuple[str, PlanRow]]:
        """(case id, plan) of every plan the professional is now the regisseur of, in a case
        whose handover is in one of the states; a regisseur replaced no longer finds it."""
        with self.db.read() as cursor:
            cursor.execute(
                "SELECT p.case_id, c.status, p.plan_id, p.regisseur_id, p.status, p.started_at, "
                "p.escalated_to FROM receiver_plans p JOIN receiver_cases c ON c.case_id = p.case_id "
                "WHERE p.regisseur_id = ? ORDER BY p.started_at",
                (professional_id,),
            )
            found = [row for row in cursor.fetchall() if row[1] in states]
            return [
                (case, PlanRow(pid, reg, st, _dt(at), to, _items(cursor, pid)))
                for case, _, pid, reg, st, at, to in found
            ]


def _handed_over(row: tuple[str, ...], plans: tuple[PlanRow, ...]) -> HandedOverRow:
    case_id, kind, status, accepted, planned, held, regisseur, completed = row
    return HandedOverRow(
        case_id, kind, status, _dt(accepted), _opt(planned), _opt(held), regisseur, _opt(completed), plans
    )


def _plans(cursor: Cursor, case_id: str) -> tuple[PlanRow, ...]:
    cursor.execute(
        "SELECT plan_id, regisseur_id, status, started_at, escalated_to FROM receiver_plans "
        "WHERE case_id = ? ORDER BY started_at",
        (case_id,),
    )
    found = cursor.fetchall()
    return tuple(
        PlanRow(pid, reg, status, _dt(at), to, _items(cursor, pid)) for pid, reg, status, at, to in found
    )


def _items(cursor: Cursor, plan_id: str) -> tuple[PlanItemRow, ...]:
    cursor.execute(
        "SELECT kind, item_id, sealed, owner_id, due, self_reliant, at, completed_at "
        "FROM receiver_plan_items WHERE plan_id = ? ORDER BY position",
        (plan_id,),
    )
    return tuple(
        PlanItemRow(
            kind,
            item_id,
            sealed,
            owner,
            date.fromisoformat(due) if due else None,
            None if reliant is None else bool(reliant),
            _dt(at),
            _opt(completed),
        )
        for kind, item_id, sealed, owner, due, reliant, at, completed in cursor.fetchall()
    )


def _opt(value: str | None) -> datetime | None:
    return _dt(value) if value else None


def _dt(value: str) -> datetime:
    return datetime.fromisoformat(value)

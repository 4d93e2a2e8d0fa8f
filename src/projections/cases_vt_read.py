"""The rows Veilig Thuis reads from its case view: a case with its sealed dossier, deadlines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from kernel.sqlstore import Cursor, Database

INVOLVED = "VertrouwensartsInvolved"
_CASE_COLUMNS = (
    "case_id, veilig_thuis_id, phase, received_at, acute, triage_decision, responsible_id, "
    "melder_professional_id, melder_organisation_id, anonymous, handover_receiver_id, handover_kind, "
    "handover_status, regisseur_id, meeting_planned_for, closed_at"
)


@dataclass(frozen=True)
class DeadlineRow:
    case_id: str
    kind: str
    due: date


@dataclass(frozen=True)
class BetrokkeneRow:
    person_id: str  # also the id of the key that opens name, birth date and BSN
    role: str
    name: str
    birth_date: str
    bsn: str | None


@dataclass(frozen=True)
class DossierRow:
    kind: str
    at: datetime
    detail: str | None
    person_id: str | None
    key_id: str | None
    sealed: str | None


@dataclass(frozen=True)
class VtCaseRow:
    id: str
    veilig_thuis_id: str
    phase: str
    received_at: datetime
    acute: bool
    triage_decision: str | None
    responsible_id: str
    melder_professional_id: str | None
    melder_organisation_id: str | None
    anonymous: bool
    handover_receiver_id: str | None
    handover_kind: str | None
    handover_status: str | None
    regisseur_id: str | None
    meeting_planned_for: datetime | None
    closed_at: datetime | None
    deadlines: tuple[DeadlineRow, ...]
    betrokkenen: tuple[BetrokkeneRow, ...]
    dossier: tuple[DossierRow, ...]


class VeiligThuisCasesReader:
    db: Database

    def case(self, case_id: str) -> VtCaseRow | None:
        with self.db.read() as cursor:
            cursor.execute(f"SELECT {_CASE_COLUMNS} FROM vt_cases WHERE case_id = ?", (case_id,))
            row = cursor.fetchone()
            if row is None:
                return None
            return _case(row, _deadlines(cursor, "case_id", case_id), *_sealed(cursor, case_id))

    def consulted_by(self, professional_id: str) -> list[str]:
        """The cases this professional was ever involved on as vertrouwensarts (the caller checks
        that they still are: a later involvement names someone else)."""
        with self.db.read() as cursor:
            cursor.execute(
                "SELECT DISTINCT case_id FROM vt_dossier WHERE kind = ? AND detail = ? ORDER BY case_id",
                (INVOLVED, professional_id),
            )
            return [case_id for (case_id,) in cursor.fetchall()]

    def deadlines(self, veilig_thuis_id: str) -> list[DeadlineRow]:
        """Every open deadline of a Veilig Thuis organisation, earliest first."""
        with self.db.read() as cursor:
            return list(_deadlines(cursor, "veilig_thuis_id", veilig_thuis_id))


def _deadlines(cursor: Cursor, column: str, value: str) -> tuple[DeadlineRow, ...]:
    cursor.execute(
        f"SELECT case_id, kind, due FROM vt_deadlines WHERE {column} = ? ORDER BY due, case_id, kind",
        (value,),
    )
    return tuple(
        DeadlineRow(case_id, kind, date.fromisoformat(due)) for case_id, kind, due in cursor.fetchall()
    )


def _sealed(cursor: Cursor, case_id: str) -> tuple[tuple[BetrokkeneRow, ...], tuple[DossierRow, ...]]:
    cursor.execute(
        "SELECT person_id, role, name, birth_date, bsn FROM vt_betrokkenen WHERE case_id = ? "
        "ORDER BY position",
        (case_id,),
    )
    betrokkenen = tuple(BetrokkeneRow(*row) for row in cursor.fetchall())
    cursor.execute(
        "SELECT kind, at, detail, person_id, key_id, sealed FROM vt_dossier WHERE case_id = ? "
        "ORDER BY version, part",
        (case_id,),
    )
    dossier = tuple(DossierRow(k, _dt(at), d, p, key, s) for k, at, d, p, key, s in cursor.fetchall())
    return betrokkenen, dossier


def _case(row: Any, *parts: Any) -> VtCaseRow:
    values = list(row)
    for index in (3, 14, 15):
        values[index] = _dt(values[index]) if values[index] else None
    values[4], values[9] = bool(values[4]), bool(values[9])
    return VtCaseRow(*values, *parts)


def _dt(value: str) -> datetime:
    return datetime.fromisoformat(value)

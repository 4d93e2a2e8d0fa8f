"""Transfers between Veilig Thuis regions in Veilig Thuis's view: the proposal the receiving
Veilig Thuis sees (ids and times only), and, once complete, the case moving to it.

Until the transfer completes, the case's rows stay the sender's; with `TransferCompleted` the
case, its deadlines and its dossier become the receiver's (the rows are keyed by case, and the
gateway lets a Veilig Thuis read the cases whose `veilig_thuis_id` is its own).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from kernel.sqlstore import Cursor, Database
from projections.cases_events import CaseEvent, when

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS vt_transfers (case_id TEXT PRIMARY KEY, from_id TEXT NOT NULL, "
    "to_id TEXT NOT NULL, status TEXT NOT NULL, proposed_at TEXT NOT NULL, meeting_held_at TEXT)",
)


def proposed(cursor: Cursor, ev: CaseEvent) -> None:
    cursor.execute("DELETE FROM vt_transfers WHERE case_id = ?", (ev.case_id,))
    cursor.execute(
        "INSERT INTO vt_transfers (case_id, from_id, to_id, status, proposed_at) "
        "SELECT case_id, veilig_thuis_id, ?, 'PROPOSED', ? FROM vt_cases WHERE case_id = ?",
        (ev.payload["to_id"], when(ev), ev.case_id),
    )


def status(value: str) -> Callable[[Cursor, CaseEvent], None]:
    def apply(cursor: Cursor, ev: CaseEvent) -> None:
        cursor.execute("UPDATE vt_transfers SET status = ? WHERE case_id = ?", (value, ev.case_id))

    return apply


def meeting_held(cursor: Cursor, ev: CaseEvent) -> None:
    cursor.execute("UPDATE vt_transfers SET meeting_held_at = ? WHERE case_id = ?", (when(ev), ev.case_id))


def completed(cursor: Cursor, ev: CaseEvent) -> None:
    status("COMPLETED")(cursor, ev)
    cursor.execute(
        "UPDATE vt_cases SET responsible_id = (SELECT to_id FROM vt_transfers t WHERE t.case_id = ?) "
        "WHERE case_id = ? AND responsible_id = veilig_thuis_id",
        (ev.case_id, ev.case_id),
    )
    for table in ("vt_cases", "vt_deadlines"):
        cursor.execute(
            f"UPDATE {table} SET veilig_thuis_id = (SELECT to_id FROM vt_transfers t WHERE t.case_id = ?) "
            "WHERE case_id = ?",
            (ev.case_id, ev.case_id),
        )


APPLY: dict[str, Callable[[Cursor, CaseEvent], None]] = {
    "TransferProposed": proposed,
    "TransferAccepted": status("ACCEPTED"),
    "TransferDeclined": status("DECLINED"),
    "TransferMeetingHeld": meeting_held,
    "TransferCompleted": completed,
}


@dataclass(frozen=True)
class TransferRow:
    case_id: str
    from_id: str
    status: str
    proposed_at: datetime
    meeting_held_at: datetime | None


class TransferReader:
    db: Database

    def transfers_to(self, veilig_thuis_id: str) -> list[TransferRow]:
        """The open transfers proposed to a Veilig Thuis (not yet completed nor declined)."""
        with self.db.read() as cursor:
            cursor.execute(
                "SELECT case_id, from_id, status, proposed_at, meeting_held_at FROM vt_transfers "
                "WHERE to_id = ? AND status IN ('PROPOSED', 'ACCEPTED') ORDER BY proposed_at",
                (veilig_thuis_id,),
            )
            rows = cursor.fetchall()
        return [
            TransferRow(
                str(c), str(f), str(s), datetime.fromisoformat(p), datetime.fromisoformat(m) if m else None
            )
            for c, f, s, p, m in rows
        ]

"""A professional melder's own meldingen: status and the terugkoppelingen sent — never content.

Only meldingen made by a professional get a row (a citizen melder has no login); only the
status, the dates and what Veilig Thuis fed back reach this table. The melder's role in a
terugkoppeling is addressed to the melder, and stays sealed under the case's key until read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from kernel.cloudevents import ReceivedEvent
from kernel.contracts import CASES_TOPIC
from kernel.sqlstore import Cursor, Database
from projections.cases_columns import MELDER, blank
from projections.cases_events import CaseEvent, Opener, OpensPayloads, dig, read
from projections.view import View


@dataclass(frozen=True)
class TerugkoppelingRow:
    moment: str
    follow_up: bool
    taken_over_by: str | None
    melder_role: str | None  # sealed under the case id
    sent_at: datetime


@dataclass(frozen=True)
class MeldingRow:
    case_id: str
    received_at: datetime
    status: str  # RECEIVED, TRIAGED or CLOSED
    taken_over_by: str | None  # as the latest terugkoppeling told the melder
    terugkoppelingen: tuple[TerugkoppelingRow, ...]


# The need-to-know audiences this view serves: it opens only the event types they may see.
AUDIENCES = ("melder",)


class MyMeldingenView(OpensPayloads, View):
    name = "my_meldingen"
    topics = (CASES_TOPIC,)
    tables = ("my_meldingen", "my_terugkoppelingen")

    def __init__(self, db: Database, opener: Opener) -> None:
        self.opener = opener
        super().__init__(db)

    def schema(self) -> Sequence[str]:
        return (
            "CREATE TABLE IF NOT EXISTS my_meldingen (case_id TEXT PRIMARY KEY, "
            "professional_id TEXT NOT NULL, received_at TEXT, status TEXT NOT NULL, "
            "taken_over_by TEXT)",
            "CREATE TABLE IF NOT EXISTS my_terugkoppelingen (case_id TEXT NOT NULL, moment TEXT NOT NULL, "
            "follow_up INTEGER, taken_over_by TEXT, melder_role TEXT, sent_at TEXT, "
            "PRIMARY KEY (case_id, moment))",
        )

    def apply(self, cursor: Cursor, event: ReceivedEvent) -> None:
        ev = read(event, self.opener, AUDIENCES)
        if ev is None or ev.plan_id is not None or not ev.payload:
            return
        if ev.kind == "Received":
            _received(cursor, ev)
        elif ev.kind in ("Triaged", "Closed"):
            status = "TRIAGED" if ev.kind == "Triaged" else "CLOSED"
            cursor.execute("UPDATE my_meldingen SET status = ? WHERE case_id = ?", (status, ev.case_id))
        elif ev.kind == "TerugkoppelingSent":
            _terugkoppeling(cursor, ev)
        blank(cursor, MELDER)

    def of(self, professional_id: str) -> list[MeldingRow]:
        with self.db.read() as cursor:
            cursor.execute(
                "SELECT case_id, received_at, status, taken_over_by FROM my_meldingen "
                "WHERE professional_id = ? ORDER BY received_at",
                (professional_id,),
            )
            found = cursor.fetchall()
            return [
                MeldingRow(
                    case_id, datetime.fromisoformat(at), status, by, _terugkoppelingen(cursor, case_id)
                )
                for case_id, at, status, by in found
            ]


def _received(cursor: Cursor, ev: CaseEvent) -> None:
    professional_id = dig(ev.payload, "intake.melder.professional_id")
    if professional_id:
        cursor.execute(
            "INSERT INTO my_meldingen (case_id, professional_id, received_at, status) VALUES (?, ?, ?, ?)",
            (ev.case_id, professional_id, ev.payload["received_at"], "RECEIVED"),
        )


def _terugkoppeling(cursor: Cursor, ev: CaseEvent) -> None:
    cursor.execute("SELECT 1 FROM my_meldingen WHERE case_id = ?", (ev.case_id,))
    if cursor.fetchone() is None:
        return
    payload = ev.payload
    cursor.execute(
        "INSERT INTO my_terugkoppelingen (case_id, moment, follow_up, taken_over_by, melder_role, sent_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (
            ev.case_id,
            payload["moment"],
            payload["follow_up"],
            payload["taken_over_by"],
            payload["melder_role"],
            payload["sent_at"],
        ),
    )
    if payload["taken_over_by"]:
        cursor.execute(
            "UPDATE my_meldingen SET taken_over_by = ? WHERE case_id = ?",
            (payload["taken_over_by"], ev.case_id),
        )


def _terugkoppelingen(cursor: Cursor, case_id: str) -> tuple[TerugkoppelingRow, ...]:
    cursor.execute(
        "SELECT moment, follow_up, taken_over_by, melder_role, sent_at FROM my_terugkoppelingen "
        "WHERE case_id = ? ORDER BY sent_at",
        (case_id,),
    )
    return tuple(
        TerugkoppelingRow(moment, bool(follow_up), by, role, datetime.fromisoformat(at))
        for moment, follow_up, by, role, at in cursor.fetchall()
    )

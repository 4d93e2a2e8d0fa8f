"""Each professional's own signals (mySignals): status and dates, nothing of anyone else.

The removal date and an expiry's end time are sealed with the young person's key; the view
keeps them sealed and opens them when read, so destroying that key (`keten.youth_keys`)
leaves them unreadable here too. A row built by an earlier version holds them in clear until
`keten rebuild my_signals`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Protocol

from domain.multisignaal.informing import Informing
from kernel.cloudevents import ReceivedEvent
from kernel.contracts import SIGNAL_ENDED, SIGNAL_REGISTERED, SIGNAL_WITHDRAWN, SIGNALS_TOPIC
from kernel.sqlstore import Cursor, Database
from projections.signals_informing import KINDS as INFORMING_KINDS
from projections.signals_informing import SCHEMA as INFORMING_SCHEMA
from projections.signals_informing import apply_informing, informing_of
from projections.view import View

# Between the pseudonym and the sealed text: in no base64, pseudonym or ISO time, so a time
# stored in clear (a withdrawal's, or any by an earlier version) still reads as one.
SEALED_MARK = "|"


class Opener(Protocol):
    def open_or_erased(self, key_id: str, sealed: str) -> str: ...


@dataclass(frozen=True)
class SignalRow:
    id: str
    status: str
    registered_at: datetime
    expires_on: date | None  # None once the young person's key is shredded
    ended_at: datetime | None
    informing: Informing | None = None  # None: registered before informing was tracked, or shredded


class MySignalsView(View):
    name = "my_signals"
    topics = (SIGNALS_TOPIC,)
    tables = ("my_signals", "my_signal_informing")

    def __init__(self, db: Database, opener: Opener) -> None:
        self.opener = opener
        super().__init__(db)

    def schema(self) -> Sequence[str]:
        return (
            "CREATE TABLE IF NOT EXISTS my_signals ("
            "signal_id TEXT PRIMARY KEY, professional_id TEXT NOT NULL, status TEXT NOT NULL, "
            "registered_at TEXT NOT NULL, expires_on TEXT, ended_at TEXT)",
            INFORMING_SCHEMA,
        )

    def apply(self, cursor: Cursor, event: ReceivedEvent) -> None:
        data = event.data
        if event.type == SIGNAL_REGISTERED:
            cursor.execute(
                "INSERT INTO my_signals (signal_id, professional_id, status, registered_at, expires_on) "
                "VALUES (?, ?, 'ACTIVE', ?, ?)",
                (
                    data["signalId"],
                    data["professionalId"],
                    data["registeredAt"],
                    _kept_sealed(data, "expiresOnSealed"),
                ),
            )
        elif event.type in INFORMING_KINDS:
            apply_informing(cursor, event, _kept_sealed)
        elif event.type in SIGNAL_ENDED:
            status = "WITHDRAWN" if event.type == SIGNAL_WITHDRAWN else "EXPIRED"
            ended = data.get("endedAt") or _kept_sealed(data, "endedAtSealed")
            cursor.execute(
                "UPDATE my_signals SET status = ?, ended_at = ? WHERE signal_id = ?",
                (status, ended, data["signalId"]),
            )

    def of(self, professional_id: str, status: str | None = None) -> list[SignalRow]:
        sql = (
            "SELECT signal_id, status, registered_at, expires_on, ended_at "
            "FROM my_signals WHERE professional_id = ?"
        )
        params: list[str] = [professional_id]
        if status:
            sql, params = sql + " AND status = ?", [*params, status]
        with self.db.read() as cursor:
            cursor.execute(sql + " ORDER BY registered_at", params)
            rows = cursor.fetchall()
            informing = informing_of(cursor, [str(r[0]) for r in rows], self.opened_text)
        return [replace(self._row(r), informing=informing.get(str(r[0]))) for r in rows]

    def _row(self, row: Sequence[str | None]) -> SignalRow:
        signal_id, status, registered, expires, ended = row
        expires, ended = self.opened(expires), self.opened(ended)
        return SignalRow(
            id=str(signal_id),
            status=str(status),
            registered_at=datetime.fromisoformat(str(registered)),
            expires_on=date.fromisoformat(expires) if expires else None,
            ended_at=datetime.fromisoformat(ended) if ended else None,
        )

    def opened_text(self, stored: str | None) -> str | None:
        """A sealed text as stored (`subject|sealed`), opened now; None once shredded."""
        if stored is None or SEALED_MARK not in stored:
            return stored
        subject, _, sealed = stored.partition(SEALED_MARK)
        text = self.opener.open_or_erased(f"youth:{subject}", sealed)
        return None if text.startswith("[") else text

    def opened(self, stored: str | None) -> str | None:
        """A date or time as stored: in clear, or `subject:sealed` opened now (None once shredded)."""
        if stored is None:
            return None
        if SEALED_MARK in stored:
            subject, _, sealed = stored.partition(SEALED_MARK)
            stored = self.opener.open_or_erased(f"youth:{subject}", sealed)
        return stored if stored[:1].isdigit() else None


def _kept_sealed(data: dict[str, str], field: str) -> str:
    """The young person's sealed date stays sealed in the view: shredding their key reaches it."""
    return f"{data['subject']}{SEALED_MARK}{data[field]}"

"""The access log as an auditor reads it: one row per access line from keten.access.v1.

Rows are only ever inserted: an access line is immutable, as is the event it comes from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from kernel.cloudevents import ReceivedEvent
from kernel.contracts import ACCESS_TOPIC
from kernel.sqlstore import Cursor
from projections.view import GATHER_SECONDS, View

_COLUMNS = (
    "access_id, kind, at, client_id, user_id, responsible_id, client_address, token_id, rule, "
    "outcome, reason_sealed"
)

_KEYS = (
    "accessId",
    "kind",
    "at",
    "clientId",
    "userId",
    "responsibleId",
    "clientAddress",
    "tokenId",
    "rule",
    "outcome",
    "reasonSealed",
)


@dataclass(frozen=True)
class AccessRow:
    access_id: str
    kind: str
    at: datetime
    client_id: str
    user_id: str
    responsible_id: str
    client_address: str
    token_id: str
    rule: str
    outcome: str
    reason_sealed: str | None


class AccessLogView(View):
    name = "access_log"
    topics = (ACCESS_TOPIC,)
    tables = ("access_log",)
    gather_seconds = GATHER_SECONDS  # read by auditors, never by the reader it logs

    def schema(self) -> Sequence[str]:
        return (
            "CREATE TABLE IF NOT EXISTS access_log (access_id TEXT PRIMARY KEY, kind TEXT NOT NULL, "
            "at TEXT NOT NULL, client_id TEXT NOT NULL, user_id TEXT NOT NULL, "
            "responsible_id TEXT NOT NULL, client_address TEXT NOT NULL, token_id TEXT NOT NULL, "
            "rule TEXT NOT NULL, outcome TEXT NOT NULL, reason_sealed TEXT)",
            "CREATE INDEX IF NOT EXISTS access_log_client ON access_log (client_id, at)",
            "CREATE INDEX IF NOT EXISTS access_log_user ON access_log (user_id, at)",
        )

    def apply(self, cursor: Cursor, event: ReceivedEvent) -> None:
        values = tuple(event.data[key] for key in _KEYS)
        marks = ", ".join("?" for _ in _KEYS)
        cursor.execute(f"INSERT INTO access_log ({_COLUMNS}) VALUES ({marks})", values)

    def search(self, client_id: str | None = None, user_id: str | None = None) -> list[AccessRow]:
        """Lines of one client and/or one user, oldest first; all lines when neither is given."""
        where, args = _filters(("client_id", client_id), ("user_id", user_id))
        return self._select(where, args)

    def of_clients(self, client_ids: Sequence[str]) -> list[AccessRow]:
        if not client_ids:
            return []
        marks = ", ".join("?" for _ in client_ids)
        return self._select(f"WHERE client_id IN ({marks})", tuple(client_ids))

    def break_the_glass(self) -> list[AccessRow]:
        return self._select("WHERE kind = ?", ("BREAK_THE_GLASS",))

    def _select(self, where: str, args: tuple[str, ...]) -> list[AccessRow]:
        with self.db.read() as cursor:
            cursor.execute(f"SELECT {_COLUMNS} FROM access_log {where} ORDER BY at, access_id", args)
            return [_row(values) for values in cursor.fetchall()]


def _filters(*pairs: tuple[str, str | None]) -> tuple[str, tuple[str, ...]]:
    given = [(column, value) for column, value in pairs if value is not None]
    if not given:
        return "", ()
    return "WHERE " + " AND ".join(f"{column} = ?" for column, _ in given), tuple(v for _, v in given)


def _row(values: Sequence[str]) -> AccessRow:
    access_id, kind, at, *rest = values
    return AccessRow(access_id, kind, datetime.fromisoformat(at), *rest)

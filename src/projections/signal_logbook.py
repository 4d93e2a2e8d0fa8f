"""The verwijsindex logboek (Jw 7.1.2.3 f): who registered, withdrew or was notified of a
signal (a match), and when — built from keten.signals.v1 and keten.matches.v1.

Rows name the young person only by pseudonym and the municipality only by its keyed
reference. An automatic expiry may fall on the 23rd birthday, so its day is not kept (the
signals topic carries it sealed for that reason): the row says only that it expired.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kernel.cloudevents import ReceivedEvent
from kernel.contracts import (
    MATCHES_PREFIX,
    MATCHES_TOPIC,
    PARTICIPANTS_ADDED,
    SIGNAL_ENDED,
    SIGNAL_REGISTERED,
    SIGNALS_TOPIC,
)
from kernel.sqlstore import Cursor
from projections.view import GATHER_SECONDS, View

_COLUMNS = (
    "entry, action, at, subject, signal_id, match_id, professional_id, organisation_id, municipality_ref"
)


@dataclass(frozen=True)
class LogbookRow:
    entry: str
    action: str  # REGISTERED | WITHDRAWN | EXPIRED | NOTIFIED
    at: datetime | None
    subject: str | None
    signal_id: str | None
    match_id: str | None
    professional_id: str
    organisation_id: str
    municipality_ref: str


class SignalLogbookView(View):
    name = "signal_logbook"
    topics = (SIGNALS_TOPIC, MATCHES_TOPIC)
    tables = ("signal_logbook",)
    types = frozenset(
        {SIGNAL_REGISTERED, *SIGNAL_ENDED, *(MATCHES_PREFIX + kind for kind in PARTICIPANTS_ADDED)}
    )
    gather_seconds = GATHER_SECONDS  # read by the regievoerder and auditors, not while signalling

    def schema(self) -> Sequence[str]:
        return (
            "CREATE TABLE IF NOT EXISTS signal_logbook (entry TEXT PRIMARY KEY, action TEXT NOT NULL, "
            "at TEXT, subject TEXT, signal_id TEXT, match_id TEXT, professional_id TEXT NOT NULL, "
            "organisation_id TEXT NOT NULL, municipality_ref TEXT NOT NULL)",
            "CREATE INDEX IF NOT EXISTS signal_logbook_subject ON signal_logbook (subject)",
            "CREATE INDEX IF NOT EXISTS signal_logbook_municipality ON signal_logbook (municipality_ref)",
        )

    def apply(self, cursor: Cursor, event: ReceivedEvent) -> None:
        kind, data = event.type.rsplit(".", 1)[-1], event.data
        entry = f"{event.source}|{event.sequence}"
        if kind == "SignalRegistered":
            who = (data["professionalId"], data["organisationId"], data["municipalityRef"])
            _insert(cursor, f"{entry}|r", "REGISTERED", data["registeredAt"], data, None, who)
        elif kind in ("SignalWithdrawn", "SignalExpired"):
            action, at = ("WITHDRAWN", data["endedAt"]) if kind == "SignalWithdrawn" else ("EXPIRED", None)
            _insert(cursor, f"{entry}|e", action, at, data, None, _registrant(cursor, data["signalId"]))
        elif kind in PARTICIPANTS_ADDED:
            participants = data["participants"] if kind == "MatchFound" else [data["participant"]]
            for n, p in enumerate(participants):
                who = (p["professionalId"], p["organisationId"], p["municipalityRef"])
                subject = {"subject": event.subject}
                _insert(cursor, f"{entry}|{n}", "NOTIFIED", p["since"], subject, data["matchId"], who)

    def search(self, subject: str | None = None, municipality_ref: str | None = None) -> list[LogbookRow]:
        given = [(c, v) for c, v in (("subject", subject), ("municipality_ref", municipality_ref)) if v]
        where = " AND ".join(f"{column} = ?" for column, _ in given) or "1 = 1"
        with self.db.read() as cursor:
            cursor.execute(
                f"SELECT {_COLUMNS} FROM signal_logbook WHERE {where} ORDER BY at, entry",
                tuple(value for _, value in given),
            )
            return [_row(values) for values in cursor.fetchall()]


def _registrant(cursor: Cursor, signal_id: str) -> tuple[str, str, str]:
    cursor.execute(
        "SELECT professional_id, organisation_id, municipality_ref FROM signal_logbook "
        "WHERE signal_id = ? AND action = 'REGISTERED'",
        (signal_id,),
    )
    found = cursor.fetchone()
    return (found[0], found[1], found[2]) if found else ("-", "-", "-")


def _insert(
    cursor: Cursor,
    entry: str,
    action: str,
    at: str | None,
    data: dict[str, Any],
    match_id: str | None,
    who: tuple[str, str, str],
) -> None:
    cursor.execute(
        f"INSERT INTO signal_logbook ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (entry, action, at, data.get("subject"), data.get("signalId"), match_id, *who),
    )


def _row(values: Sequence[Any]) -> LogbookRow:
    entry, action, at, *rest = values
    return LogbookRow(entry, action, datetime.fromisoformat(at) if at else None, *rest)

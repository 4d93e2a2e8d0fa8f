"""The regie of matches: who coordinates each match, and who confirmed contact since when.

Built from keten.matches.v1. A participant's row carries their contact due date (10 working
days after they joined the match) and when they confirmed contact; the coordination row who
coordinates, in which status, since when. Professionals see the coordination of their own
matches; the regievoerder sees everything of the matches whose signals name the municipality.
Rows of matches found before coordination existed (`keten rebuild match_regie` fills none)
carry no due date and no coordinator.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from kernel.cloudevents import ReceivedEvent
from kernel.contracts import MATCHES_PREFIX, MATCHES_TOPIC
from kernel.sqlstore import Cursor
from projections.match_regie_read import MatchRegieQueries
from projections.view import View


class MatchRegieView(MatchRegieQueries, View):
    name = "match_regie"
    topics = (MATCHES_TOPIC,)
    tables = ("regie_participants", "regie_coordination")

    def schema(self) -> Sequence[str]:
        return (
            "CREATE TABLE IF NOT EXISTS regie_participants ("
            "match_id TEXT NOT NULL, professional_id TEXT NOT NULL, organisation_id TEXT NOT NULL, "
            "municipality_ref TEXT NOT NULL, since TEXT NOT NULL, contact_due TEXT, confirmed_at TEXT, "
            "PRIMARY KEY (match_id, professional_id))",
            "CREATE INDEX IF NOT EXISTS regie_participants_municipality "
            "ON regie_participants (municipality_ref)",
            "CREATE INDEX IF NOT EXISTS regie_participants_professional "
            "ON regie_participants (professional_id)",
            "CREATE TABLE IF NOT EXISTS regie_coordination ("
            "match_id TEXT PRIMARY KEY, professional_id TEXT NOT NULL, organisation_id TEXT NOT NULL, "
            "status TEXT NOT NULL, since TEXT NOT NULL)",
        )

    def apply(self, cursor: Cursor, event: ReceivedEvent) -> None:
        handler = _HANDLERS.get(event.type.removeprefix(MATCHES_PREFIX))
        if handler is not None:
            handler(cursor, event.data, event)


def _found(cursor: Cursor, data: dict[str, Any], event: ReceivedEvent) -> None:
    for participant in data["participants"]:
        _join(cursor, data["matchId"], participant, data.get("contactDue"))


def _joined(cursor: Cursor, data: dict[str, Any], event: ReceivedEvent) -> None:
    _join(cursor, data["matchId"], data["participant"], data.get("contactDue"))


def _join(cursor: Cursor, match_id: str, participant: dict[str, str], due: str | None) -> None:
    cursor.execute(
        "INSERT INTO regie_participants (match_id, professional_id, organisation_id, municipality_ref, "
        "since, contact_due) VALUES (?, ?, ?, ?, ?, ?)",
        (
            match_id,
            participant["professionalId"],
            participant["organisationId"],
            participant["municipalityRef"],
            participant["since"],
            due,
        ),
    )


def _left(cursor: Cursor, data: dict[str, Any], event: ReceivedEvent) -> None:
    cursor.execute(
        "DELETE FROM regie_participants WHERE match_id = ? AND professional_id = ?",
        (data["matchId"], data["professionalId"]),
    )


def _ended(cursor: Cursor, data: dict[str, Any], event: ReceivedEvent) -> None:
    for table in ("regie_participants", "regie_coordination"):
        cursor.execute(f"DELETE FROM {table} WHERE match_id = ?", (data["matchId"],))


def _coordinator(status: str) -> Callable[[Cursor, dict[str, Any], ReceivedEvent], None]:
    def handle(cursor: Cursor, data: dict[str, Any], event: ReceivedEvent) -> None:
        # A proposal carries no time of its own (see relay/matches.py): the record's time serves.
        since = data.get("at") or (event.time.isoformat() if event.time else "")
        cursor.execute("DELETE FROM regie_coordination WHERE match_id = ?", (data["matchId"],))
        cursor.execute(
            "INSERT INTO regie_coordination (match_id, professional_id, organisation_id, status, since) "
            "VALUES (?, ?, ?, ?, ?)",
            (data["matchId"], data["professionalId"], data.get("organisationId", ""), status, since),
        )

    return handle


def _accepted(cursor: Cursor, data: dict[str, Any], event: ReceivedEvent) -> None:
    cursor.execute(
        "UPDATE regie_coordination SET status = 'ACCEPTED', since = ? WHERE match_id = ?",
        (data["at"], data["matchId"]),
    )


def _confirmed(cursor: Cursor, data: dict[str, Any], event: ReceivedEvent) -> None:
    cursor.execute(
        "UPDATE regie_participants SET confirmed_at = ? WHERE match_id = ? AND professional_id = ?",
        (data["at"], data["matchId"], data["professionalId"]),
    )


_HANDLERS: dict[str, Callable[[Cursor, dict[str, Any], ReceivedEvent], None]] = {
    "MatchFound": _found,
    "MatchJoined": _joined,
    "MatchLeft": _left,
    "MatchEnded": _ended,
    "CoordinatorProposed": _coordinator("PROPOSED"),
    "CoordinationHandedOver": _coordinator("PROPOSED"),
    "CoordinatorAssigned": _coordinator("ASSIGNED"),
    "CoordinationAccepted": _accepted,
    "ContactConfirmed": _confirmed,
}

"""Matches as each audience may see them: ids of counterparts and times — never a subject.

A professional sees the matches they take part in, with the professionals of *other*
organisations as counterparts. A regievoerder sees the matches whose signals name their
municipality (by its keyed reference), with every participant as counterpart. Contact
details are not copied here; the gateway resolves them from the directory when asked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kernel.cloudevents import ReceivedEvent
from kernel.contracts import MATCHES_PREFIX, MATCHES_TOPIC
from kernel.sqlstore import Cursor
from projections.view import View


@dataclass(frozen=True)
class CounterpartRow:
    organisation_id: str
    professional_id: str
    since: datetime


_KINDS = ("MatchFound", "MatchJoined", "MatchLeft", "MatchEnded")  # what changes who is in a match


@dataclass(frozen=True)
class MatchRow:
    id: str
    since: datetime
    counterparts: tuple[CounterpartRow, ...]


class MatchesView(View):
    name = "matches"
    topics = (MATCHES_TOPIC,)
    tables = ("matches", "match_participants")
    types = frozenset(MATCHES_PREFIX + kind for kind in _KINDS)

    def schema(self) -> Sequence[str]:
        return (
            "CREATE TABLE IF NOT EXISTS matches ("
            "match_id TEXT PRIMARY KEY, since TEXT NOT NULL, ended_at TEXT)",
            "CREATE TABLE IF NOT EXISTS match_participants ("
            "match_id TEXT NOT NULL, professional_id TEXT NOT NULL, organisation_id TEXT NOT NULL, "
            "municipality_ref TEXT NOT NULL, since TEXT NOT NULL, PRIMARY KEY (match_id, professional_id))",
            "CREATE INDEX IF NOT EXISTS match_participants_professional "
            "ON match_participants (professional_id)",
            "CREATE INDEX IF NOT EXISTS match_participants_municipality "
            "ON match_participants (municipality_ref)",
        )

    def apply(self, cursor: Cursor, event: ReceivedEvent) -> None:
        data, kind = event.data, event.type.removeprefix(MATCHES_PREFIX)
        if kind not in _KINDS:
            return  # a coordinator's or a contact's news: not who is in the match
        match_id = data["matchId"]
        if kind == "MatchFound":
            cursor.execute("INSERT INTO matches (match_id, since) VALUES (?, ?)", (match_id, data["since"]))
            for participant in data["participants"]:
                _add(cursor, match_id, participant)
        elif kind == "MatchJoined":
            _add(cursor, match_id, data["participant"])
        elif kind == "MatchLeft":
            cursor.execute(
                "DELETE FROM match_participants WHERE match_id = ? AND professional_id = ?",
                (match_id, data["professionalId"]),
            )
        elif kind == "MatchEnded":
            ended = event.time.isoformat() if event.time else "ended"
            cursor.execute("UPDATE matches SET ended_at = ? WHERE match_id = ?", (ended, match_id))
            cursor.execute("DELETE FROM match_participants WHERE match_id = ?", (match_id,))

    def for_professional(self, professional_id: str) -> list[MatchRow]:
        mine_where = (
            "JOIN match_participants p ON p.match_id = m.match_id "
            "WHERE p.professional_id = ? AND m.ended_at IS NULL"
        )
        with self.db.read() as cursor:
            cursor.execute(
                "SELECT m.match_id, m.since, p.organisation_id, p.since "
                f"FROM matches m {mine_where} ORDER BY m.since",
                (professional_id,),
            )
            mine = cursor.fetchall()
            participants = _participants(
                cursor, f"SELECT m.match_id FROM matches m {mine_where}", professional_id
            )
            return [
                MatchRow(
                    match_id,
                    max(_dt(match_since), _dt(own_since)),
                    _counterparts(participants.get(match_id, ()), exclude_organisation=own_org),
                )
                for match_id, match_since, own_org, own_since in mine
            ]

    def for_municipality(self, municipality_ref: str) -> list[MatchRow]:
        found_where = (
            "JOIN match_participants p ON p.match_id = m.match_id "
            "WHERE p.municipality_ref = ? AND m.ended_at IS NULL"
        )
        with self.db.read() as cursor:
            cursor.execute(
                f"SELECT DISTINCT m.match_id, m.since FROM matches m {found_where} ORDER BY m.since",
                (municipality_ref,),
            )
            found = cursor.fetchall()
            participants = _participants(
                cursor, f"SELECT m.match_id FROM matches m {found_where}", municipality_ref
            )
            return [
                MatchRow(mid, _dt(since), _counterparts(participants.get(mid, ()))) for mid, since in found
            ]


Participant = tuple[str, str, Any]  # organisation id, professional id, since (as stored)


def _participants(cursor: Cursor, matches: str, argument: str) -> dict[str, list[Participant]]:
    """Every participant of the matches the subquery selects, per match, in one statement (not
    one per match: a list of 20 matches was 21 statements)."""
    cursor.execute(
        "SELECT match_id, organisation_id, professional_id, since FROM match_participants "
        f"WHERE match_id IN ({matches}) ORDER BY match_id, since, professional_id",
        (argument,),
    )
    per_match: dict[str, list[Participant]] = {}
    for match_id, organisation_id, professional_id, since in cursor.fetchall():
        per_match.setdefault(match_id, []).append((organisation_id, professional_id, since))
    return per_match


def _counterparts(
    participants: Sequence[Participant], exclude_organisation: str | None = None
) -> tuple[CounterpartRow, ...]:
    return tuple(
        CounterpartRow(org, prof, _dt(since))
        for org, prof, since in participants
        if org != exclude_organisation
    )


def _add(cursor: Cursor, match_id: str, participant: dict[str, Any]) -> None:
    cursor.execute(
        "INSERT INTO match_participants "
        "(match_id, professional_id, organisation_id, municipality_ref, since) VALUES (?, ?, ?, ?, ?)",
        (
            match_id,
            participant["professionalId"],
            participant["organisationId"],
            participant["municipalityRef"],
            participant["since"],
        ),
    )


def _dt(value: str) -> datetime:
    return datetime.fromisoformat(value)

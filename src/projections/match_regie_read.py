"""Reading the regie of matches: the coordination of one match, and a municipality's matches with
their contacts, or only those where contact is overdue."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from domain.multisignaal.contact import contact_overdue
from kernel.sqlstore import Cursor, Database


@dataclass(frozen=True)
class CoordinationRow:
    professional_id: str
    organisation_id: str
    status: str
    since: datetime | None


@dataclass(frozen=True)
class ParticipantContactRow:
    professional_id: str
    organisation_id: str
    since: datetime
    contact_due: date | None  # None: found before contact was tracked
    confirmed_at: datetime | None

    def overdue_on(self, today: date) -> bool:
        return (
            self.confirmed_at is None
            and self.contact_due is not None
            and contact_overdue(self.contact_due, today)
        )


@dataclass(frozen=True)
class RegieMatchRow:
    id: str
    since: datetime
    coordination: CoordinationRow | None
    participants: tuple[ParticipantContactRow, ...]

    def overdue_on(self, today: date) -> bool:
        return any(p.overdue_on(today) for p in self.participants)


class MatchRegieQueries:
    db: Database

    def coordination(self, match_id: str) -> CoordinationRow | None:
        with self.db.read() as cursor:
            return _coordination(cursor, match_id)

    def for_municipality(self, municipality_ref: str) -> list[RegieMatchRow]:
        with self.db.read() as cursor:
            cursor.execute(
                "SELECT DISTINCT match_id FROM regie_participants WHERE municipality_ref = ?",
                (municipality_ref,),
            )
            ids = [str(row[0]) for row in cursor.fetchall()]
            found = [_match(cursor, match_id) for match_id in ids]
        return sorted(found, key=lambda row: row.since)

    def without_contact(self, municipality_ref: str, today: date) -> list[RegieMatchRow]:
        """The municipality's matches where a participant has not confirmed contact past the due day."""
        return [row for row in self.for_municipality(municipality_ref) if row.overdue_on(today)]


def _match(cursor: Cursor, match_id: str) -> RegieMatchRow:
    cursor.execute(
        "SELECT professional_id, organisation_id, since, contact_due, confirmed_at FROM regie_participants "
        "WHERE match_id = ? ORDER BY since, professional_id",
        (match_id,),
    )
    participants = tuple(_participant(row) for row in cursor.fetchall())
    since = min(p.since for p in participants)
    return RegieMatchRow(match_id, since, _coordination(cursor, match_id), participants)


def _participant(row: Sequence[str | None]) -> ParticipantContactRow:
    professional, organisation, since, due, confirmed = row
    return ParticipantContactRow(
        str(professional),
        str(organisation),
        datetime.fromisoformat(str(since)),
        date.fromisoformat(due) if due else None,
        datetime.fromisoformat(confirmed) if confirmed else None,
    )


def _coordination(cursor: Cursor, match_id: str) -> CoordinationRow | None:
    cursor.execute(
        "SELECT professional_id, organisation_id, status, since FROM regie_coordination WHERE match_id = ?",
        (match_id,),
    )
    row = cursor.fetchone()
    if row is None:
        return None
    professional, organisation, status, since = row
    return CoordinationRow(
        str(professional), str(organisation), str(status), datetime.fromisoformat(since) if since else None
    )

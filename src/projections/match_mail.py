"""Whom to mail about a match: one row per participant of a new or joined match, sent once.

The mailer consumes keten.matches.v1 like a view: a MatchFound or MatchJoined adds a row per
participant to its outbox in the transaction that records its position, and the primary key
(match, professional) keeps it to one per participant however often the record comes again
(a relay re-publishing, a restart). A sender (`keten.mail`) sends what is due and marks it
sent; sending is never inside the consumer's transaction, so a mail server that is away holds
up only the mails. Its store is its own, and no rebuild resets it: a rebuild would mail again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from kernel.cloudevents import ReceivedEvent
from kernel.contracts import MATCHES_PREFIX, MATCHES_TOPIC, PARTICIPANTS_ADDED
from kernel.sqlstore import Cursor
from projections.view import GATHER_SECONDS, View

RETRY_AFTER = timedelta(seconds=30)
# A match older than this when the mailer first reads it is not mailed: a mailer started on an
# installation with a history must not mail every match there ever was.
NEWS_FOR = timedelta(days=1)


@dataclass(frozen=True)
class DueMail:
    match_id: str
    professional_id: str
    attempts: int


class MatchMailView(View):
    name = "match_mail"
    topics = (MATCHES_TOPIC,)
    tables = ("match_mail_outbox",)
    types = frozenset(MATCHES_PREFIX + kind for kind in PARTICIPANTS_ADDED)  # what is mailed
    gather_seconds = GATHER_SECONDS  # its mails go out at the sender's next round, not at once

    def schema(self) -> Sequence[str]:
        return (
            "CREATE TABLE IF NOT EXISTS match_mail_outbox (match_id TEXT NOT NULL, "
            "professional_id TEXT NOT NULL, due_at DOUBLE PRECISION NOT NULL, sent_at DOUBLE PRECISION, "
            "attempts INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (match_id, professional_id))",
            "CREATE INDEX IF NOT EXISTS match_mail_due ON match_mail_outbox (sent_at, due_at)",
        )

    def apply(self, cursor: Cursor, event: ReceivedEvent) -> None:
        kind, data = event.type.removeprefix(MATCHES_PREFIX), event.data
        if kind not in PARTICIPANTS_ADDED:
            return  # an ended match, or one left, sends nothing
        participants = data["participants"] if kind == "MatchFound" else [data["participant"]]
        happened = event.time or datetime.now(UTC)
        if happened < datetime.now(UTC) - NEWS_FOR:
            return
        due = happened.timestamp()
        for participant in participants:
            cursor.execute(
                "INSERT INTO match_mail_outbox (match_id, professional_id, due_at) VALUES (?, ?, ?) "
                "ON CONFLICT (match_id, professional_id) DO NOTHING",
                (data["matchId"], participant["professionalId"], due),
            )

    def due(self, now: datetime, limit: int = 50) -> list[DueMail]:
        with self.db.read() as cursor:
            cursor.execute(
                "SELECT match_id, professional_id, attempts FROM match_mail_outbox "
                "WHERE sent_at IS NULL AND due_at <= ? ORDER BY due_at LIMIT ?",
                (now.timestamp(), limit),
            )
            return [DueMail(m, p, int(a)) for m, p, a in cursor.fetchall()]

    def claim(self, mail: DueMail, now: datetime) -> bool:
        """Takes the mail for this sender for a while; False when another sender took it (two
        mailer processes share the outbox, and a mail goes out once)."""
        with self.db.transaction() as cursor:
            cursor.execute(
                "UPDATE match_mail_outbox SET due_at = ? "
                "WHERE match_id = ? AND professional_id = ? AND sent_at IS NULL AND due_at <= ?",
                ((now + RETRY_AFTER).timestamp(), mail.match_id, mail.professional_id, now.timestamp()),
            )
            return bool(cursor.rowcount == 1)

    def sent(self, mail: DueMail, now: datetime) -> None:
        with self.db.transaction() as cursor:
            cursor.execute(
                "UPDATE match_mail_outbox SET sent_at = ? WHERE match_id = ? AND professional_id = ?",
                (now.timestamp(), mail.match_id, mail.professional_id),
            )

    def failed(self, mail: DueMail, now: datetime) -> None:
        """Tries again later, each time a little later (30 s, 60 s, … at most an hour)."""
        wait = min(RETRY_AFTER * (2**mail.attempts), timedelta(hours=1))
        with self.db.transaction() as cursor:
            cursor.execute(
                "UPDATE match_mail_outbox SET attempts = attempts + 1, due_at = ? "
                "WHERE match_id = ? AND professional_id = ?",
                ((now + wait).timestamp(), mail.match_id, mail.professional_id),
            )

    def reset(self) -> None:
        raise RuntimeError("the match mailer is never rebuilt: every participant would be mailed again")

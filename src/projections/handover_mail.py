"""Whom to mail about a proposed handover: one row per proposal, to the receiving organisation.

The mailer consumes keten.cases.v1 beside the match mail: a HandoverProposed adds a row (case,
organisation) in the transaction that records its position; the primary key keeps it to one
however often the record comes again. The receiver is read from the opened payload (the
`receiver_before_acceptance` audience's event) and nothing else of it is kept: the mail says
only that a handover is waiting. Its store is the mailer's own, and never rebuilt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from kernel.cloudevents import ReceivedEvent
from kernel.contracts import CASES_PREFIX, CASES_TOPIC
from kernel.sqlstore import Cursor, Database
from projections.cases_events import Opener, OpensPayloads, read
from projections.match_mail import NEWS_FOR, RETRY_AFTER
from projections.view import GATHER_SECONDS, View

AUDIENCE = ("receiver_before_acceptance",)


@dataclass(frozen=True)
class DueHandoverMail:
    case_id: str
    organisation_id: str
    attempts: int


class HandoverMailView(OpensPayloads, View):
    name = "handover_mail"
    topics = (CASES_TOPIC,)
    tables = ("handover_mail_outbox",)
    types = frozenset({CASES_PREFIX + "HandoverProposed"})  # the one event that sends a mail
    gather_seconds = GATHER_SECONDS  # its mails go out at the sender's next round, not at once

    def __init__(self, db: Database, opener: Opener) -> None:
        self.opener = opener
        super().__init__(db)

    def schema(self) -> Sequence[str]:
        return (
            "CREATE TABLE IF NOT EXISTS handover_mail_outbox (case_id TEXT NOT NULL, "
            "organisation_id TEXT NOT NULL, due_at DOUBLE PRECISION NOT NULL, sent_at DOUBLE PRECISION, "
            "attempts INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (case_id, organisation_id))",
        )

    def apply(self, cursor: Cursor, event: ReceivedEvent) -> None:
        ev = read(event, self.opener, AUDIENCE)
        if ev is None or ev.kind != "HandoverProposed" or not ev.payload.get("receiver_id"):
            return
        happened = event.time or datetime.now(UTC)
        if happened < datetime.now(UTC) - NEWS_FOR:
            return  # a mailer started on an old installation mails no old proposal
        cursor.execute(
            "INSERT INTO handover_mail_outbox (case_id, organisation_id, due_at) VALUES (?, ?, ?) "
            "ON CONFLICT (case_id, organisation_id) DO NOTHING",
            (ev.case_id, str(ev.payload["receiver_id"]), happened.timestamp()),
        )

    def due(self, now: datetime, limit: int = 50) -> list[DueHandoverMail]:
        with self.db.read() as cursor:
            cursor.execute(
                "SELECT case_id, organisation_id, attempts FROM handover_mail_outbox "
                "WHERE sent_at IS NULL AND due_at <= ? ORDER BY due_at LIMIT ?",
                (now.timestamp(), limit),
            )
            return [DueHandoverMail(c, o, int(a)) for c, o, a in cursor.fetchall()]

    def claim(self, mail: DueHandoverMail, now: datetime) -> bool:
        """Takes the mail for this sender for a while; False when another sender has it."""
        return self._update("due_at = ?", ((now + RETRY_AFTER).timestamp(),), mail, now, unsent_due=True)

    def sent(self, mail: DueHandoverMail, now: datetime) -> None:
        self._update("sent_at = ?", (now.timestamp(),), mail, now)

    def failed(self, mail: DueHandoverMail, now: datetime) -> None:
        wait = min(RETRY_AFTER * (2**mail.attempts), timedelta(hours=1))
        self._update("attempts = attempts + 1, due_at = ?", ((now + wait).timestamp(),), mail, now)

    def _update(
        self,
        setting: str,
        values: tuple[float, ...],
        mail: DueHandoverMail,
        now: datetime,
        unsent_due: bool = False,
    ) -> bool:
        where = " AND sent_at IS NULL AND due_at <= ?" if unsent_due else ""
        args = (*values, mail.case_id, mail.organisation_id, *((now.timestamp(),) if unsent_due else ()))
        with self.db.transaction() as cursor:
            cursor.execute(
                f"UPDATE handover_mail_outbox SET {setting} WHERE case_id = ? AND organisation_id = ?{where}",
                args,
            )
            return bool(cursor.rowcount == 1)

    def reset(self) -> None:
        raise RuntimeError("the handover mailer is never rebuilt: every receiver would be mailed again")

"""The daily digest for Veilig Thuis: per organisation, once a day from 07:00 Dutch time, one
message to its VT_MEDEWERKERs with how many open deadlines fall due within 2 working days (and
how many are overdue), by kind, and a link to the werkvoorraad: counts and a link, no case.

A ledger row (organisation, day) in the mailer's store claims the day before the message goes,
so two mailers send it once; a failed send gives the day back, to be tried again.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID
from zoneinfo import ZoneInfo

from domain.calendar import WorkingCalendar, dutch_date
from domain.identity.application import IdentityApplication
from domain.identity.model import Role, Sector
from gateway.cases.readmodels import DeadlineRow
from kernel.sqlstore import Database
from keten.mail import Postbox, digest_mail
from keten.roles.mailing import SEND_FAILURES

log = logging.getLogger("keten.mail")
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
FROM_HOUR = 7  # Dutch time: the digest is there when the working day starts
WITHIN_WORKING_DAYS = 2
LEDGER = (
    "CREATE TABLE IF NOT EXISTS deadline_digests (organisation_id TEXT NOT NULL, day TEXT NOT NULL, "
    "PRIMARY KEY (organisation_id, day))",
)


@dataclass(frozen=True)
class Digest:
    due_soon: Counter[str]  # by deadline kind
    overdue: int


class DigestLedger:
    def __init__(self, db: Database) -> None:
        self.db = db
        with db.transaction() as cursor:
            for statement in LEDGER:
                cursor.execute(statement)

    def claim(self, organisation_id: str, day: date) -> bool:
        with self.db.transaction() as cursor:
            cursor.execute(
                "INSERT INTO deadline_digests (organisation_id, day) VALUES (?, ?) ON CONFLICT DO NOTHING",
                (organisation_id, day.isoformat()),
            )
            return bool(cursor.rowcount == 1)

    def give_back(self, organisation_id: str, day: date) -> None:
        with self.db.transaction() as cursor:
            cursor.execute(
                "DELETE FROM deadline_digests WHERE organisation_id = ? AND day = ?",
                (organisation_id, day.isoformat()),
            )


def digest_of(deadlines: Sequence[DeadlineRow], today: date, calendar: WorkingCalendar) -> Digest:
    horizon = calendar.add_working_days(today, WITHIN_WORKING_DAYS)
    return Digest(
        Counter(d.kind for d in deadlines if d.due <= horizon), sum(d.due < today for d in deadlines)
    )


@dataclass
class DigestSender:
    identity: IdentityApplication
    deadlines: Callable[[str], Sequence[DeadlineRow]]  # the Veilig Thuis view, by organisation
    ledger: DigestLedger
    calendar: WorkingCalendar
    postbox: Postbox
    base_url: str
    sender: str
    # The day this process went through every organisation: the mailer asks twice a second,
    # the directory is read once a day.
    done: date | None = None
    failed: bool = False  # a send failed today: go through again later

    def send_due(self, now: datetime) -> int:
        """Sends today's digests not sent yet (none before 07:00); returns how many went."""
        today = dutch_date(now)
        if self.done == today or dutch_hour(now) < FROM_HOUR or not self.calendar.is_working_day(today):
            return 0
        organisations = [o for o in self.identity.organisations() if o.sector is Sector.VEILIG_THUIS]
        self.failed = False
        sent = sum(self._one(str(o.id), today) for o in organisations)
        self.done = None if self.failed else today
        return sent

    def _one(self, organisation_id: str, today: date) -> int:
        digest = digest_of(self.deadlines(organisation_id), today, self.calendar)
        workers = self.identity.professionals_of(UUID(organisation_id))
        addresses = [p.email for p in workers if Role.VT_MEDEWERKER in p.roles]
        if not digest.due_soon or not addresses or not self.ledger.claim(organisation_id, today):
            return 0
        try:
            where = self.postbox.send(digest_mail(addresses, digest.due_soon, digest.overdue, self.base_url,
                                                  self.sender))  # fmt: skip
        except SEND_FAILURES as error:
            log.warning("deadline digest of %s not sent (%s)", organisation_id, type(error).__name__)
            self.ledger.give_back(organisation_id, today)
            self.failed = True
            return 0
        log.log(self.postbox.log_level, "deadline digest of %s: %s", organisation_id, where)
        return 1


def dutch_hour(now: datetime) -> int:
    return now.astimezone(AMSTERDAM).hour

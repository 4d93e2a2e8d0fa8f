"""Server-side sessions in keten's store: every gateway process on the store shares them.

The cookie holds a random token; the table its SHA-256, the professional, the CSRF token and
two times. A session ends after 15 minutes without a request or 8 hours after sign-in,
whichever comes first (README "Sign-in"), and at sign-out.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.errors import DomainError
from gateway.web.links import digest
from kernel.sqlstore import Database

IDLE = timedelta(minutes=15)
ABSOLUTE = timedelta(hours=8)
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS web_sessions (token_hash TEXT PRIMARY KEY, session_id TEXT NOT NULL, "
    "professional_id TEXT NOT NULL, csrf TEXT NOT NULL, started_at DOUBLE PRECISION NOT NULL, "
    "seen_at DOUBLE PRECISION NOT NULL)",
    "CREATE INDEX IF NOT EXISTS web_sessions_seen ON web_sessions (seen_at)",
)


@dataclass(frozen=True)
class Session:
    session_id: str  # in the access log as the access point's token id; never the cookie
    professional_id: str
    csrf: str


class Sessions:
    def __init__(self, db: Database, idle: timedelta = IDLE, absolute: timedelta = ABSOLUTE) -> None:
        self.db, self.idle, self.absolute = db, idle, absolute
        with db.transaction() as cursor:
            for statement in SCHEMA:
                cursor.execute(statement)

    def start(self, professional_id: str, now: datetime) -> tuple[str, Session]:
        """A new session; returns the cookie's token (only ever in clear here) and the session."""
        token = secrets.token_urlsafe(32)
        # The session's id is shaped like a token id (32 hex): the access log's lines carry it.
        session = Session(uuid.uuid4().hex, professional_id, secrets.token_urlsafe(32))
        at = now.timestamp()
        with self.db.transaction() as cursor:
            # Sessions that ended by time go now: the table holds only live ones.
            cursor.execute(
                "DELETE FROM web_sessions WHERE seen_at <= ? OR started_at <= ?",
                ((now - self.idle).timestamp(), (now - self.absolute).timestamp()),
            )
            cursor.execute(
                "INSERT INTO web_sessions VALUES (?, ?, ?, ?, ?, ?)",
                (digest(token), session.session_id, professional_id, session.csrf, at, at),
            )
        return token, session

    def resume(self, token: str, now: datetime, touch: bool = True) -> Session:
        """The live session of the token, seen now (unless `touch` is off: a page listening for
        updates is no activity); SESSION_EXPIRED when idle or too old."""
        with self.db.transaction() as cursor:
            cursor.execute(
                "SELECT session_id, professional_id, csrf, started_at, seen_at FROM web_sessions "
                "WHERE token_hash = ?",
                (digest(token),),
            )
            row = cursor.fetchone()
            if row is None:
                raise SessionExpired("no session; sign in")
            if row[4] <= (now - self.idle).timestamp() or row[3] <= (now - self.absolute).timestamp():
                cursor.execute("DELETE FROM web_sessions WHERE token_hash = ?", (digest(token),))
                raise SessionExpired("the session has ended; sign in again")
            if touch:
                cursor.execute(
                    "UPDATE web_sessions SET seen_at = ? WHERE token_hash = ?",
                    (now.timestamp(), digest(token)),
                )
            return Session(row[0], row[1], row[2])

    def alive(self, token: str, now: datetime) -> bool:
        """Whether the session still holds, without counting this as activity (a page that
        listens for updates does not keep its professional signed in)."""
        with self.db.read() as cursor:
            cursor.execute(
                "SELECT started_at, seen_at FROM web_sessions WHERE token_hash = ?", (digest(token),)
            )
            row = cursor.fetchone()
        return (
            row is not None
            and row[1] > (now - self.idle).timestamp()
            and row[0] > (now - self.absolute).timestamp()
        )

    def end(self, token: str) -> None:
        with self.db.transaction() as cursor:
            cursor.execute("DELETE FROM web_sessions WHERE token_hash = ?", (digest(token),))


class SessionExpired(DomainError):
    code = "SESSION_EXPIRED"

"""One-time links: an activation (72 h: set a password, enrol TOTP) or a demo sign-in (1 h).

A link is a random token in its URL; the store keeps only its SHA-256, so reading the table
gives no working link. Using a link marks it used in the same transaction that reads it.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from domain.errors import DomainError
from kernel.sqlstore import Cursor

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS web_links (link_hash TEXT PRIMARY KEY, purpose TEXT NOT NULL, "
    "professional_id TEXT NOT NULL, expires_at DOUBLE PRECISION NOT NULL, "
    "used_at DOUBLE PRECISION, pending_secret TEXT)",
)


class Purpose(Enum):
    ACTIVATE = "activate"
    SIGN_IN = "sign_in"


VALID_FOR = {Purpose.ACTIVATE: timedelta(hours=72), Purpose.SIGN_IN: timedelta(hours=1)}
PATHS = {Purpose.ACTIVATE: "/activeren/", Purpose.SIGN_IN: "/link/"}


@dataclass(frozen=True)
class Link:
    professional_id: str
    pending_secret: str | None  # an activation's sealed TOTP secret, once its page was shown


def new_link(cursor: Cursor, purpose: Purpose, professional_id: str, now: datetime) -> str:
    """Stores a fresh link; returns its token (the only time it exists in clear)."""
    token = secrets.token_urlsafe(32)
    expires = (now + VALID_FOR[purpose]).timestamp()
    cursor.execute(
        "INSERT INTO web_links (link_hash, purpose, professional_id, expires_at) VALUES (?, ?, ?, ?)",
        (digest(token), purpose.value, professional_id, expires),
    )
    return token


def open_link(cursor: Cursor, purpose: Purpose, token: str, now: datetime) -> Link:
    """The unused, unexpired link of the token; refuses every other (LINK_UNKNOWN, LINK_EXPIRED)."""
    cursor.execute(
        "SELECT professional_id, expires_at, used_at, pending_secret FROM web_links "
        "WHERE link_hash = ? AND purpose = ?",
        (digest(token), purpose.value),
    )
    row = cursor.fetchone()
    if row is None or row[2] is not None:
        raise LinkUnknown("this link is unknown or was used already")
    if row[1] <= now.timestamp():
        raise LinkExpired("this link has expired; ask for a new one")
    return Link(row[0], row[3])


def use_link(cursor: Cursor, token: str, now: datetime) -> None:
    cursor.execute("UPDATE web_links SET used_at = ? WHERE link_hash = ?", (now.timestamp(), digest(token)))


def keep_secret(cursor: Cursor, token: str, sealed_secret: str) -> bool:
    """Keeps an activation's TOTP secret unless one was kept already; says whether it did."""
    cursor.execute(
        "UPDATE web_links SET pending_secret = ? WHERE link_hash = ? AND pending_secret IS NULL",
        (sealed_secret, digest(token)),
    )
    return cursor.rowcount == 1


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class LinkUnknown(DomainError):
    code = "LINK_UNKNOWN"


class LinkExpired(DomainError):
    code = "LINK_EXPIRED"

"""The hash chain of each stream of an application, recorded as the relay publishes it.

hash_n = SHA-256(hash_{n-1} || originator id, version and topic || the stored state bytes),
with hash_0 = 32 zero bytes. The state is hashed exactly as stored (compressed and encrypted),
so the chain proves the bytes on disk, and a verifier needs no key to check it.

Rows are written before the records are produced and never overwritten: a relay that
re-publishes (after a crash, or a broker that lost its topics) finds the recorded link and
keeps it, so a later change of the stored bytes cannot re-record itself as the truth. Each
row carries its notification id, so a verifier walks the log and the chain side by side.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol
from uuid import UUID

from kernel.cloudevents import PublicEvent
from kernel.sqlstore import Cursor, Database

GENESIS = "00" * 32
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS case_chain ("
    "notification_id BIGINT PRIMARY KEY, stream TEXT NOT NULL, version BIGINT NOT NULL, "
    "hash TEXT NOT NULL)"
)
_INDEX = "CREATE UNIQUE INDEX IF NOT EXISTS case_chain_stream ON case_chain (stream, version)"


class StoredLike(Protocol):
    """What a notification and a stored event share."""

    @property
    def originator_id(self) -> UUID | str: ...
    @property
    def originator_version(self) -> int: ...
    @property
    def topic(self) -> str: ...
    @property
    def state(self) -> bytes: ...


class NotificationLike(StoredLike, Protocol):
    @property
    def id(self) -> int: ...


def link(previous: str, stored: StoredLike) -> str:
    return chain_hash(
        previous, str(stored.originator_id), stored.originator_version, stored.topic, stored.state
    )


def chain_hash(previous: str, stream: str, version: int, topic: str, state: bytes) -> str:
    """`link`, for a caller that has the stream id as text already."""
    return next_digest(bytes.fromhex(previous), stream, version, topic, state).hex()


def next_digest(previous: bytes, stream: str, version: int, topic: str, state: bytes) -> bytes:
    """The link as raw bytes, from the previous one as raw bytes: what a walk over the whole log
    carries from event to event (no hex round trip, no copy of the state)."""
    hasher = hashlib.sha256(previous)
    # Id, version and topic hold no newline, so this framing is unambiguous.
    hasher.update(f"{stream}\n{version}\n{topic}\n".encode())
    hasher.update(state)
    return hasher.digest()


def stamp(public: PublicEvent, head: str) -> PublicEvent:
    """The record with the chain head of its stream after this event."""
    return replace(public, data={**public.data, "chainHead": head})


class CaseChain:
    def __init__(self, db: Database) -> None:
        self.db = db
        with db.transaction() as cursor:
            cursor.execute(_SCHEMA)
            cursor.execute(_INDEX)

    def extend(self, batch: Sequence[NotificationLike]) -> dict[int, str]:
        """Records the link of every notification not recorded yet; notification id → head."""
        heads: dict[int, str] = {}
        latest: dict[str, str] = {}  # this batch's heads, so a stream's next link needs no read
        with self.db.transaction() as cursor:
            for notification in batch:
                stream = str(notification.originator_id)
                head = _recorded(cursor, notification.id) or _record(cursor, notification, latest.get(stream))
                heads[notification.id] = latest[stream] = head
        return heads

    def between(self, first: int, last: int) -> dict[int, tuple[str, int, str]]:
        """Recorded links with first <= notification id <= last: id → (stream, version, hash)."""
        with self.db.read() as cursor:
            cursor.execute(
                "SELECT notification_id, stream, version, hash FROM case_chain "
                "WHERE notification_id >= ? AND notification_id <= ?",
                (first, last),
            )
            return {int(n): (str(s), int(v), str(h)) for n, s, v, h in cursor.fetchall()}

    def hashes_between(self, first: int, last: int) -> dict[int, str]:
        """As `between`, the hashes only: what a verification compares, row by row."""
        with self.db.read() as cursor:
            cursor.execute(
                "SELECT notification_id, hash FROM case_chain "
                "WHERE notification_id >= ? AND notification_id <= ?",
                (first, last),
            )
            return dict(cursor.fetchall())

    def recorded_link(self, stream: str, version: int) -> str | None:
        with self.db.read() as cursor:
            cursor.execute("SELECT hash FROM case_chain WHERE stream = ? AND version = ?", (stream, version))
            row = cursor.fetchone()
        return str(row[0]) if row else None

    def of_stream(self, stream: str) -> dict[int, str]:
        """Recorded links of one stream: version → hash."""
        with self.db.read() as cursor:
            cursor.execute("SELECT version, hash FROM case_chain WHERE stream = ?", (stream,))
            return {int(v): str(h) for v, h in cursor.fetchall()}

    def last_recorded(self) -> int:
        with self.db.read() as cursor:
            cursor.execute("SELECT MAX(notification_id) FROM case_chain")
            row = cursor.fetchone()
        return int(row[0]) if row and row[0] is not None else 0


def _recorded(cursor: Cursor, notification_id: int) -> str | None:
    cursor.execute("SELECT hash FROM case_chain WHERE notification_id = ?", (notification_id,))
    row = cursor.fetchone()
    return str(row[0]) if row else None


def _record(cursor: Cursor, notification: NotificationLike, previous: str | None) -> str:
    stream, version = str(notification.originator_id), notification.originator_version
    head = link(previous or _previous(cursor, stream, version), notification)
    cursor.execute(
        "INSERT INTO case_chain (notification_id, stream, version, hash) VALUES (?, ?, ?, ?)",
        (notification.id, stream, version, head),
    )
    return head


def _previous(cursor: Cursor, stream: str, version: int) -> str:
    if version <= 1:
        return GENESIS
    cursor.execute("SELECT hash FROM case_chain WHERE stream = ? AND version = ?", (stream, version - 1))
    row = cursor.fetchone()
    # The relay publishes in log order, so the previous link is always recorded before.
    return str(row[0]) if row else GENESIS

"""Rate limits over a sliding window: failed authentications per address, signals per professional.

A `Throttle` counts hits per key in `Hits`. `SqlHits` keeps them in a table of the kernel's
Database, so every gateway process on the same store shares the count (and a restart forgets
nothing); `MemoryHits` keeps them in this process only, for tests and tools.
"""

from __future__ import annotations

import math
import threading
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

from domain.errors import DomainError
from kernel.sqlstore import Database

# `at` in seconds since the epoch: compared as numbers on SQLite and PostgreSQL alike. DOUBLE
# PRECISION, not REAL: PostgreSQL's REAL has 24 bits, which round today's epoch to 128 s.
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS throttle_hits "
    "(scope TEXT NOT NULL, hit_key TEXT NOT NULL, at DOUBLE PRECISION NOT NULL)",
    "CREATE INDEX IF NOT EXISTS throttle_hits_key ON throttle_hits (scope, hit_key, at)",
    "CREATE INDEX IF NOT EXISTS throttle_hits_age ON throttle_hits (scope, at)",
)


class Hits(Protocol):
    def since(self, scope: str, key: str, since: datetime) -> list[datetime]:
        """The key's hits after `since`, oldest first."""
        ...

    def add(self, scope: str, key: str, at: datetime, forget_before: datetime) -> None:
        """Counts a hit; hits of the scope before `forget_before` may be dropped."""
        ...


@dataclass(frozen=True)
class RateLimit:
    count: int
    window: timedelta


class Throttle:
    def __init__(self, hits: Hits, scope: str, limit: RateLimit) -> None:
        self.hits, self.scope, self.limit = hits, scope, limit

    def check(self, key: str, now: datetime) -> None:
        """Refuses once the key has its limit of hits within the window before `now`."""
        recent = self.hits.since(self.scope, key, now - self.limit.window)
        if len(recent) >= self.limit.count:
            free_at = recent[len(recent) - self.limit.count] + self.limit.window
            raise RateLimited(self.scope, max(1, math.ceil((free_at - now).total_seconds())))

    def hit(self, key: str, now: datetime) -> None:
        self.hits.add(self.scope, key, now, now - self.limit.window)


class RateLimited(DomainError):
    code = "RATE_LIMITED"

    def __init__(self, scope: str, retry_after: int) -> None:
        super().__init__(f"too many {scope}; try again in {retry_after} s")
        self.retry_after = retry_after

    @property
    def extensions(self) -> dict[str, str]:
        return {"code": self.code, "retryAfter": str(self.retry_after)}


class SqlHits:
    def __init__(self, db: Database) -> None:
        self.db = db
        with db.transaction() as cursor:
            for statement in _SCHEMA:
                cursor.execute(statement)

    def since(self, scope: str, key: str, since: datetime) -> list[datetime]:
        with self.db.read() as cursor:
            cursor.execute(
                "SELECT at FROM throttle_hits WHERE scope = ? AND hit_key = ? AND at > ? ORDER BY at",
                (scope, key, since.timestamp()),
            )
            return [datetime.fromtimestamp(at, UTC) for (at,) in cursor.fetchall()]

    def add(self, scope: str, key: str, at: datetime, forget_before: datetime) -> None:
        with self.db.transaction() as cursor:
            # Every key's old hits go, so a flood of one-off addresses does not pile up.
            cursor.execute(
                "DELETE FROM throttle_hits WHERE scope = ? AND at <= ?", (scope, forget_before.timestamp())
            )
            cursor.execute(
                "INSERT INTO throttle_hits (scope, hit_key, at) VALUES (?, ?, ?)",
                (scope, key, at.timestamp()),
            )


class MemoryHits:
    def __init__(self) -> None:
        self._hits: dict[tuple[str, str], list[datetime]] = defaultdict(list)
        self._lock = threading.Lock()

    def since(self, scope: str, key: str, since: datetime) -> list[datetime]:
        with self._lock:
            return [at for at in self._hits[(scope, key)] if at > since]

    def add(self, scope: str, key: str, at: datetime, forget_before: datetime) -> None:
        with self._lock:
            kept = [hit for hit in self._hits[(scope, key)] if hit > forget_before]
            self._hits[(scope, key)] = [*kept, at]


AUTHENTICATION_FAILURES = RateLimit(60, timedelta(minutes=1))  # per client address
SIGNAL_REGISTRATIONS = RateLimit(60, timedelta(hours=1))  # per professional
SIGN_IN_FAILURES = RateLimit(5, timedelta(minutes=15))  # per web account (its e-mail address)


@dataclass(frozen=True)
class Throttles:
    """The gateway's rate limits; README "Throttling" gives the defaults and why."""

    authentication: Throttle
    signals: Throttle
    sign_ins: Throttle

    @classmethod
    def over(
        cls,
        hits: Hits,
        authentication: RateLimit = AUTHENTICATION_FAILURES,
        signals: RateLimit = SIGNAL_REGISTRATIONS,
        sign_ins: RateLimit = SIGN_IN_FAILURES,
    ) -> Throttles:
        return cls(
            Throttle(hits, "failed authentications", authentication),
            Throttle(hits, "signal registrations", signals),
            Throttle(hits, "failed sign-ins", sign_ins),
        )

    @classmethod
    def in_memory(cls) -> Throttles:
        return cls.over(MemoryHits())

"""Active/standby: a lease that one process of a role holds while the others wait for it.

On PostgreSQL the lease is a session-level advisory lock on a connection of its own; on the
embedded SQLite default it is an exclusive `flock` on a file in the data dir. Both are
released by the server or the kernel when the holder dies, even on SIGKILL, so a standby
takes over as soon as it next asks. The holder checks its lease before each unit of work
(`held`): a PostgreSQL session that was cut loses its lock, and the work must stop with it.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from pathlib import Path
from typing import Any, Protocol


class Lease(Protocol):
    name: str

    def acquire(self) -> bool:
        """Takes the lease if no one holds it; True while this process holds it."""

    def held(self) -> bool:
        """Still ours: False once the lease was lost (the holder must stop its work)."""

    def release(self) -> None: ...


class FileLease:
    """An exclusive flock: one holder per file among the processes of one machine."""

    def __init__(self, path: Path, name: str) -> None:
        self.path, self.name = path, name
        self._fd: int | None = None

    def acquire(self) -> bool:
        if self._fd is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def held(self) -> bool:
        return self._fd is not None  # a flock is not lost while the process lives

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the flock
            self._fd = None


class PostgresLease:
    """`pg_try_advisory_lock` on a connection of its own, keyed by schema and lease name."""

    def __init__(self, dsn: str, schema: str | None, name: str) -> None:
        self.dsn, self.name = dsn, name
        self.key = advisory_key(f"{schema or 'public'}:{name}")
        self._conn: Any = None

    def acquire(self) -> bool:
        import psycopg

        if self._conn is not None:
            return self.held()
        try:
            conn = psycopg.connect(self.dsn, autocommit=True)
        except psycopg.OperationalError:
            return False  # the server is away or full: stand by, and ask again at the next poll
        row = conn.execute("SELECT pg_try_advisory_lock(%s)", (self.key,)).fetchone()
        if row is not None and row[0]:
            self._conn = conn
            return True
        conn.close()
        return False

    def held(self) -> bool:
        import psycopg

        if self._conn is None:
            return False
        try:
            # The lock lives as long as this session: a session that still answers still holds it.
            self._conn.execute("SELECT 1")
        except psycopg.Error:
            self._drop()
            return False
        return True

    def release(self) -> None:
        if self._conn is not None:
            self._drop()  # ending the session releases the lock

    def _drop(self) -> None:
        conn, self._conn = self._conn, None
        conn.close()


def advisory_key(text: str) -> int:
    """A stable signed 64-bit key: advisory locks are per database, so the schema is in it."""
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big", signed=True)

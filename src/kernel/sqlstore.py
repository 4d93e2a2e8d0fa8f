"""One small SQL gateway shared by the relay, the views and the key store.

The same statements run on SQLite (embedded default) and PostgreSQL (at scale): statements are
written with `?` placeholders and translated for psycopg. Every write happens in one
transaction so a view's rows and its source position can never disagree.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol


class Cursor(Protocol):
    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any: ...
    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> Any: ...
    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...

    @property
    def rowcount(self) -> int: ...


class Database(Protocol):
    dialect: str

    def transaction(self) -> Any: ...
    def read(self) -> Any: ...
    def close(self) -> None: ...


class SQLiteDatabase:
    dialect = "sqlite"

    def __init__(self, path: Path | str, durable: bool = True) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        # One connection guarded by a lock: SQLite serialises writers anyway, and the
        # gateway, relay and consumers of one process share it from several threads.
        self._conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA busy_timeout=10000")
        if not durable:
            # WAL + NORMAL stays consistent on a crash but may lose the last commits on power
            # loss: right for read models, whose rows and source position roll back together
            # and are read again from Kafka. Never for the key store.
            self._conn.execute("PRAGMA synchronous=NORMAL")
        self._lock = threading.RLock()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Cursor]:
        with self._lock:
            cursor = self._conn.cursor()
            cursor.execute("BEGIN IMMEDIATE")
            try:
                yield cursor
            except BaseException:
                cursor.execute("ROLLBACK")
                raise
            cursor.execute("COMMIT")

    @contextmanager
    def read(self) -> Iterator[sqlite3.Cursor]:
        """A read needs no write lock: in WAL mode it sees the last commit and blocks no one.
        Its statements see one snapshot (a deferred transaction), so a reader of several rows
        never mixes two commits of another process; inside a transaction, it is that one's."""
        with self._lock:
            cursor = self._conn.cursor()
            if self._conn.in_transaction:
                yield cursor
                return
            cursor.execute("BEGIN")
            try:
                yield cursor
            finally:
                cursor.execute("COMMIT")  # ends the snapshot; a read has nothing to undo

    def close(self) -> None:
        self._conn.close()


class PostgresDatabase:
    dialect = "postgres"

    def __init__(self, dsn: str, schema: str | None = None) -> None:
        import psycopg

        self._conn = psycopg.connect(dsn, autocommit=False)
        self._lock = threading.RLock()
        if schema:
            with self._conn.cursor() as cursor:
                cursor.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
                cursor.execute(f'SET search_path TO "{schema}"')
            self._conn.commit()

    @contextmanager
    def transaction(self) -> Iterator[_PgCursor]:
        with self._lock, self._conn.transaction(), self._conn.cursor() as cursor:
            yield _PgCursor(cursor)

    def read(self) -> Any:
        return self.transaction()

    def close(self) -> None:
        self._conn.close()


class _PgCursor:
    """Translates `?` placeholders and SQLite's upsert dialect where they differ."""

    def __init__(self, cursor: Any) -> None:
        self._cursor = cursor

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        # SQLite stores a bool as 0/1 in an INTEGER column; PostgreSQL refuses a bool there.
        values = tuple(int(value) if isinstance(value, bool) else value for value in params)
        # A literal % (LIKE 'MONITORING%') is a placeholder character to psycopg: double it.
        return self._cursor.execute(_pg(sql), values)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> Any:
        values = [tuple(int(v) if isinstance(v, bool) else v for v in row) for row in rows]
        return self._cursor.executemany(_pg(sql), values)

    def fetchone(self) -> Any:
        return self._cursor.fetchone()

    def fetchall(self) -> list[Any]:
        return list(self._cursor.fetchall())

    @property
    def rowcount(self) -> int:
        return int(self._cursor.rowcount)


def _pg(sql: str) -> str:
    return sql.replace("%", "%%").replace("?", "%s")


def postgres_dsn_from_env(env: dict[str, str]) -> str:
    """The DSN from eventsourcing's own POSTGRES_* variables, so one setting serves both."""
    parts = {
        "dbname": env.get("POSTGRES_DBNAME", "keten"),
        "host": env.get("POSTGRES_HOST", "127.0.0.1"),
        "port": env.get("POSTGRES_PORT", "5432"),
        "user": env.get("POSTGRES_USER", "postgres"),
    }
    if env.get("POSTGRES_PASSWORD"):
        parts["password"] = env["POSTGRES_PASSWORD"]
    return " ".join(f"{key}={value}" for key, value in parts.items())

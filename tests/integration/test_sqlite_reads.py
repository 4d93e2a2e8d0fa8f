"""A read of keten's own SQLite tables sees one snapshot and takes no write lock: a gateway
answering from a view neither waits for a projector process that is writing, nor makes it wait,
nor mixes two of its commits in one answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from kernel.sqlstore import SQLiteDatabase
from projections.matches import MatchesView

QUICK_MS = 100  # how long a connection here waits for a lock before it gives up


def opened(path: Path) -> SQLiteDatabase:
    db = SQLiteDatabase(path)
    db._conn.execute(f"PRAGMA busy_timeout={QUICK_MS}")
    return db


@pytest.fixture
def two(tmp_path: Path) -> tuple[SQLiteDatabase, SQLiteDatabase]:
    """Two connections to one file, as the gateway and a projector process hold them."""
    reader, writer = opened(tmp_path / "views.db"), opened(tmp_path / "views.db")
    with writer.transaction() as cursor:
        cursor.execute("CREATE TABLE rows (n INTEGER)")
    return reader, writer


def count(cursor: object) -> int:
    cursor.execute("SELECT COUNT(*) FROM rows")  # type: ignore[attr-defined]
    return int(cursor.fetchone()[0])  # type: ignore[attr-defined]


def test_a_read_sees_one_snapshot_while_another_process_commits(
    two: tuple[SQLiteDatabase, SQLiteDatabase],
) -> None:
    reader, writer = two
    with reader.read() as cursor:
        before = count(cursor)
        with writer.transaction() as writing:  # commits while the read is open: no waiting
            writing.execute("INSERT INTO rows VALUES (1)")
        assert count(cursor) == before == 0
    with reader.read() as cursor:
        assert count(cursor) == 1


def test_a_read_inside_a_transaction_is_that_transactions(
    two: tuple[SQLiteDatabase, SQLiteDatabase],
) -> None:
    reader, _ = two
    with reader.transaction() as cursor:
        cursor.execute("INSERT INTO rows VALUES (1)")
        with reader.read() as nested:
            assert count(nested) == 1


def test_a_view_answers_while_another_process_holds_the_write_lock(tmp_path: Path) -> None:
    view = MatchesView(opened(tmp_path / "views.db"))
    projector = opened(tmp_path / "views.db")

    with projector.transaction() as writing:
        writing.execute("INSERT INTO matches (match_id, since) VALUES ('m', '2026-01-01T00:00:00+00:00')")
        assert view.for_professional("someone") == []  # refused as "locked" when it took the lock

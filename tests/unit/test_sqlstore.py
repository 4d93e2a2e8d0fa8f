"""The one SQL dialect keten writes, as PostgreSQL receives it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kernel.sqlstore import _PgCursor


class Psycopg:
    """Remembers what a psycopg cursor was asked to run."""

    def __init__(self) -> None:
        self.ran: list[tuple[str, tuple[Any, ...]]] = []

    def execute(self, sql: str, params: Sequence[Any]) -> None:
        self.ran.append((sql, tuple(params)))


def test_placeholders_become_psycopgs_and_a_literal_percent_stays_literal() -> None:
    psycopg = Psycopg()

    _PgCursor(psycopg).execute("SELECT 1 FROM t WHERE a = ? AND kind LIKE 'MONITORING%'", ("x",))

    assert psycopg.ran == [("SELECT 1 FROM t WHERE a = %s AND kind LIKE 'MONITORING%%'", ("x",))]


def test_a_bool_is_written_as_sqlite_writes_it_into_an_integer_column() -> None:
    psycopg = Psycopg()

    _PgCursor(psycopg).execute("INSERT INTO t (acute, anonymous, n) VALUES (?, ?, ?)", (True, False, 3))

    assert psycopg.ran[0][1] == (1, 0, 3)
    assert [type(value) for value in psycopg.ran[0][1]] == [int, int, int]

"""Where the relay stands in each application's notification log."""

from __future__ import annotations

from dataclasses import dataclass

from kernel.sqlstore import Database

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS relay_positions ("
    "application TEXT PRIMARY KEY, notification_id BIGINT NOT NULL, published BIGINT NOT NULL)"
)


@dataclass(frozen=True)
class Position:
    notification_id: int  # the last notification published (0: none yet)
    published: int  # records produced since the broker last held everything


class RelayPositions:
    def __init__(self, db: Database) -> None:
        self._db = db
        with db.transaction() as cursor:
            cursor.execute(_SCHEMA)

    def get(self, application: str) -> Position:
        with self._db.transaction() as cursor:
            cursor.execute(
                "SELECT notification_id, published FROM relay_positions WHERE application = ?",
                (application,),
            )
            row = cursor.fetchone()
        return Position(int(row[0]), int(row[1])) if row else Position(0, 0)

    def set(self, application: str, position: Position) -> None:
        with self._db.transaction() as cursor:
            cursor.execute("DELETE FROM relay_positions WHERE application = ?", (application,))
            cursor.execute(
                "INSERT INTO relay_positions (application, notification_id, published) VALUES (?, ?, ?)",
                (application, position.notification_id, position.published),
            )

"""Records the relay could not publish (parked) and the records waiting behind them (held).

A record is parked after bounded attempts, with the exception's type and a fixed reason (see
`relay.faults`). Every later record of the same ordering key (the Kafka key: a case id, a
pseudonym) or of the same stream is held behind it, so a case's or young person's order on Kafka
is never broken; records of every other key go on. Both live in `relay_parked`, next to
`relay_positions` in the relay's database: the relay's position moves past them, and on a
restart it knows again what it holds. `keten relay retry` asks the relay to try them again, in
their log order, once the cause is fixed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from kernel.sqlstore import Database

PARKED, HELD = "PARKED", "HELD"
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS relay_parked ("
    "application TEXT NOT NULL, notification_id BIGINT NOT NULL, ordering_key TEXT, "
    "stream TEXT NOT NULL, state TEXT NOT NULL, error_type TEXT, reason TEXT NOT NULL, "
    "first_failed_at TEXT NOT NULL, attempts INTEGER NOT NULL, behind BIGINT, "
    "retry_requested INTEGER NOT NULL, "
    "PRIMARY KEY (application, notification_id))"
)
_COLUMNS = (
    "notification_id, ordering_key, stream, state, error_type, reason, first_failed_at, attempts, behind"
)


@dataclass(frozen=True)
class Stuck:
    """One parked or held record of an application's log."""

    notification_id: int
    ordering_key: str | None  # None when the record could not even be mapped
    stream: str  # the aggregate's id
    state: str  # PARKED or HELD
    error_type: str | None  # HELD: None
    reason: str
    first_failed_at: datetime
    attempts: int
    behind: int | None = None  # HELD: the parked record it waits behind

    @property
    def blocked_by(self) -> int:
        """The parked record that blocks this record's key and stream: itself, or the one ahead."""
        return self.behind if self.behind is not None else self.notification_id


def held_behind(notification_id: int, key: str | None, stream: str, ahead: int) -> Stuck:
    reason = f"held behind notification {ahead} of the same key or stream"
    return Stuck(notification_id, key, stream, HELD, None, reason, datetime.now(UTC), 0, ahead)


class ParkedRecords:
    def __init__(self, db: Database) -> None:
        self._db = db
        with db.transaction() as cursor:
            cursor.execute(_SCHEMA)

    def of(self, application: str) -> list[Stuck]:
        """Every parked and held record of the application, in log order."""
        with self._db.transaction() as cursor:
            cursor.execute(
                f"SELECT {_COLUMNS} FROM relay_parked WHERE application = ? ORDER BY notification_id",
                (application,),
            )
            return [_stuck(row) for row in cursor.fetchall()]

    def put(self, application: str, stuck: Stuck) -> None:
        """Parks or holds the record; a record stuck again keeps when it first failed."""
        with self._db.transaction() as cursor:
            cursor.execute(
                "SELECT first_failed_at, attempts FROM relay_parked WHERE application = ? "
                "AND notification_id = ?",
                (application, stuck.notification_id),
            )
            before = cursor.fetchone()
            first, attempts = (
                (before[0], int(before[1])) if before else (stuck.first_failed_at.isoformat(), 0)
            )
            cursor.execute(
                "DELETE FROM relay_parked WHERE application = ? AND notification_id = ?",
                (application, stuck.notification_id),
            )
            cursor.execute(
                f"INSERT INTO relay_parked (application, {_COLUMNS}, retry_requested) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                (application, stuck.notification_id, stuck.ordering_key, stuck.stream, stuck.state,
                 stuck.error_type, stuck.reason, first, attempts + stuck.attempts, stuck.behind),
            )  # fmt: skip

    def release(self, application: str, notification_id: int) -> None:
        """The record is published: it is neither parked nor held any more."""
        with self._db.transaction() as cursor:
            cursor.execute(
                "DELETE FROM relay_parked WHERE application = ? AND notification_id = ?",
                (application, notification_id),
            )

    def request_retry(self, application: str | None = None) -> int:
        """Marks the stuck records (of one application, or all) for another try, the held ones
        too, so a caller can wait until each was tried; returns how many are parked."""
        where, args = ("WHERE application = ?", (application,)) if application else ("", ())
        with self._db.transaction() as cursor:
            cursor.execute(f"UPDATE relay_parked SET retry_requested = 1 {where}", args)
            cursor.execute(
                f"SELECT COUNT(*) FROM relay_parked {where} {'AND' if where else 'WHERE'} state = ?",
                (*args, PARKED),
            )
            return int(cursor.fetchone()[0])

    def retry_requested(self, application: str) -> bool:
        with self._db.transaction() as cursor:
            cursor.execute(
                "SELECT COUNT(*) FROM relay_parked WHERE application = ? AND retry_requested = 1",
                (application,),
            )
            return int(cursor.fetchone()[0]) > 0


def _stuck(row: tuple[object, ...]) -> Stuck:
    nid, key, stream, state, error_type, reason, first, attempts, behind = row
    return Stuck(
        int(str(nid)), None if key is None else str(key), str(stream), str(state),
        None if error_type is None else str(error_type), str(reason),
        datetime.fromisoformat(str(first)), int(str(attempts)), None if behind is None else int(str(behind)),
    )  # fmt: skip

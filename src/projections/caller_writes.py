"""Read your own writes: what each caller wrote, and whether a view has applied it yet.

A gateway notes, per caller, the position of each write (the application's notification id,
which travels as `ce_sequence`, and the ordering key it travels under). A view tracks per key
the highest sequence it applied (`projections.view`), in the transaction of its rows, so "the
view has reached the caller's writes" is one query over both tables — whichever gateway
process took the write and whichever one answers the read, since both share this store.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from kernel.sqlstore import Database

# A write older than this has long reached every view (or is held by a dead letter, which
# waiting cannot mend): its note can go.
FORGET_AFTER = timedelta(hours=1)

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS caller_writes ("
    "caller TEXT NOT NULL, topic TEXT NOT NULL, stream TEXT NOT NULL, sequence BIGINT NOT NULL, "
    "noted_at DOUBLE PRECISION NOT NULL, PRIMARY KEY (caller, topic, stream))"
)


class CallerWrites:
    def __init__(self, db: Database) -> None:
        self.db = db
        with db.transaction() as cursor:
            cursor.execute(_SCHEMA)

    def note(self, caller: str, topic: str, stream: str, sequence: int, at: datetime) -> None:
        """Remembers the caller's write; a later write of the same key replaces an earlier one."""
        with self.db.transaction() as cursor:
            cursor.execute(
                "DELETE FROM caller_writes WHERE caller = ? AND noted_at < ?",
                (caller, (at - FORGET_AFTER).timestamp()),
            )
            cursor.execute(
                "INSERT INTO caller_writes (caller, topic, stream, sequence, noted_at) "
                "VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (caller, topic, stream) DO UPDATE "
                "SET sequence = excluded.sequence, noted_at = excluded.noted_at "
                "WHERE caller_writes.sequence < excluded.sequence",
                (caller, topic, stream, sequence, at.timestamp()),
            )

    def behind(self, caller: str, view: str, topics: tuple[str, ...]) -> int:
        """How many of the caller's writes on the view's topics the view has not applied yet."""
        marks = ", ".join("?" for _ in topics)
        with self.db.read() as cursor:
            cursor.execute(
                "SELECT COUNT(*) FROM caller_writes w "
                f"WHERE w.caller = ? AND w.topic IN ({marks}) AND NOT EXISTS ("
                "SELECT 1 FROM view_tracking t WHERE t.view = ? AND t.stream = w.stream "
                "AND t.sequence >= w.sequence)",
                (caller, *topics, view),
            )
            return int(cursor.fetchone()[0])

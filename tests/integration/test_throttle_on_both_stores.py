"""The throttle's hits keep their time to well under a second on both stores (PostgreSQL's REAL
would round today's epoch to 128 s, and a Retry-After with it)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.integration.platform_kit import Store

from gateway.throttle import SqlHits
from kernel.settings import Settings
from keten.bootstrap import open_database


def test_a_hit_is_read_back_at_the_time_it_was_counted(store: Store) -> None:
    db = open_database(Settings(data_dir=store.data_dir), "throttle")
    hits, now = SqlHits(db), datetime.now(UTC)

    hits.add("failed authentications", "127.0.0.1", now, now - timedelta(minutes=1))

    [at] = hits.since("failed authentications", "127.0.0.1", now - timedelta(minutes=1))
    assert abs((at - now).total_seconds()) < 0.001
    db.close()

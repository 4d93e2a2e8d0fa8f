"""Rate limits: a window of hits per key, held in a shared table or in memory alike."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gateway.throttle import Hits, MemoryHits, RateLimit, RateLimited, SqlHits, Throttle
from kernel.sqlstore import SQLiteDatabase

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
LIMIT = RateLimit(3, timedelta(minutes=1))


@pytest.fixture(params=["sql", "memory"])
def hits(request: pytest.FixtureRequest) -> Hits:
    return SqlHits(SQLiteDatabase(":memory:")) if request.param == "sql" else MemoryHits()


def retry_after(throttle: Throttle, key: str, now: datetime) -> int:
    with pytest.raises(RateLimited) as refused:
        throttle.check(key, now)
    assert refused.value.code == "RATE_LIMITED"
    return refused.value.retry_after


def test_a_key_is_refused_once_it_has_its_limit_within_the_window(hits: Hits) -> None:
    throttle = Throttle(hits, "failed authentications", LIMIT)
    for seconds in (0, 10, 20):
        throttle.check("10.0.0.1", NOW + timedelta(seconds=seconds))
        throttle.hit("10.0.0.1", NOW + timedelta(seconds=seconds))

    assert retry_after(throttle, "10.0.0.1", NOW + timedelta(seconds=30)) == 30
    throttle.check("10.0.0.2", NOW + timedelta(seconds=30))  # another key has its own count


def test_the_oldest_hit_leaving_the_window_lets_the_key_in_again(hits: Hits) -> None:
    throttle = Throttle(hits, "signal registrations", LIMIT)
    for seconds in (0, 10, 20):
        throttle.hit("p", NOW + timedelta(seconds=seconds))

    assert retry_after(throttle, "p", NOW + timedelta(seconds=59)) == 1
    throttle.check("p", NOW + timedelta(seconds=60))


def test_scopes_count_apart(hits: Hits) -> None:
    for _ in range(3):
        Throttle(hits, "a", LIMIT).hit("k", NOW)
    Throttle(hits, "b", LIMIT).check("k", NOW)


def test_every_process_on_the_same_store_shares_the_count(tmp_path: object) -> None:
    path = f"{tmp_path}/throttle.db"
    one, other = SQLiteDatabase(path), SQLiteDatabase(path)
    for _ in range(3):
        Throttle(SqlHits(one), "s", LIMIT).hit("k", NOW)
    assert retry_after(Throttle(SqlHits(other), "s", LIMIT), "k", NOW) == 60


def test_old_hits_of_every_key_are_forgotten() -> None:
    db = SQLiteDatabase(":memory:")
    throttle = Throttle(SqlHits(db), "s", LIMIT)
    for number in range(100):
        throttle.hit(f"address-{number}", NOW)
    throttle.hit("late", NOW + timedelta(minutes=2))
    with db.read() as cursor:
        cursor.execute("SELECT COUNT(*) FROM throttle_hits")
        assert cursor.fetchone()[0] == 1

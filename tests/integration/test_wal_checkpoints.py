"""SQLite's log checkpoints run in a thread of their own (`kernel.checkpoints`), so a commit of
a view or an event store rarely has to copy 1,000 pages of log into its file on the way."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from tests.integration.platform_kit import Clock, Store

from kernel.checkpoints import (
    INTERVAL_SECONDS,
    LONGEST_SECONDS,
    PENDING_PAGES,
    QUIET_INTERVAL_SECONDS,
    QUIET_SECONDS,
    WalCheckpointer,
)
from kernel.settings import Settings
from kernel.sqlstore import SQLiteDatabase
from keten.bootstrap import running_platform
from keten.broker import EmbeddedBroker
from keten.serve import pipeline

PAGE = 4096
AUTOCHECKPOINT_PAGES = 1000  # SQLite's default: the commit that takes the log past it copies it back
ROW = b"x" * 3000  # a few pages of log per commit
DEADLINE_SECONDS = 5.0
LOOKS = 60


def views(directory: Path) -> SQLiteDatabase:
    db = SQLiteDatabase(directory / "views.db", durable=False)
    with db.transaction() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS rows (n INTEGER PRIMARY KEY, body BLOB)")
    return db


def write(db: SQLiteDatabase, commits: int) -> None:
    for _ in range(commits):
        with db.transaction() as cursor:
            cursor.execute("INSERT INTO rows (body) VALUES (?)", (ROW,))


def log_pages(directory: Path) -> int:
    """The log's size in pages: it is reused from its start after a checkpoint, so its size is
    the furthest any commit took it."""
    return (directory / "views.db-wal").stat().st_size // PAGE


@pytest.mark.parametrize("looks", [True, False], ids=["with-looks", "without"])
def test_looks_keep_every_commit_far_from_sqlites_own_checkpoint(tmp_path: Path, looks: bool) -> None:
    db, checkpoints = views(tmp_path), WalCheckpointer(tmp_path)
    now, checkpointed = 0.0, 0
    try:
        for _ in range(LOOKS):  # 3,000 commits of ~3 pages: nine times SQLite's threshold
            write(db, 50)  # ~150 pages in one look's time, as the views' file while matching
            now += INTERVAL_SECONDS
            checkpointed += checkpoints.run_once(now) if looks else 0
        furthest = log_pages(tmp_path)  # before the last connection closes and removes the log
    finally:
        checkpoints.stop()
        db.close()
    if looks:
        assert furthest < AUTOCHECKPOINT_PAGES
        assert checkpointed < LOOKS / 2  # when the log should hold PENDING_PAGES, not at every look
    else:  # what the looks spare the commits: the log runs up to SQLite's own checkpoint
        assert furthest >= AUTOCHECKPOINT_PAGES


def test_a_look_passes_by_unchanged_logs_files_not_due_and_files_that_are_no_wal_database(
    tmp_path: Path,
) -> None:
    db, checkpoints = views(tmp_path), WalCheckpointer(tmp_path)
    (tmp_path / "junk.db").write_bytes(b"not a database")
    (tmp_path / "junk.db-wal").write_bytes(b"nor a log")
    (tmp_path / "notes.txt").write_text("not a store")
    try:
        write(db, 3)
        assert checkpoints.run_once(0.0) == 1  # views.db, first seen; junk.db fails quietly
        assert checkpoints.run_once(0.0) == 0  # nothing written since
        write(db, 1)
        assert checkpoints.run_once(0.0) == 0  # written, but not due yet
        assert checkpoints.run_once(INTERVAL_SECONDS) == 1
        assert checkpoints.run_once(100.0) == 0  # nothing written since, however long
        db.close()  # the last connection: SQLite checkpoints and removes the log
        (tmp_path / "views.db").unlink()
        assert checkpoints.run_once(200.0) == 0
        assert checkpoints.run_once(200.0 + QUIET_SECONDS) == 0
        # junk.db was refused and has not changed since: it keeps no one looking ten times a second
        assert checkpoints.next_look(200.0 + QUIET_SECONDS) == QUIET_INTERVAL_SECONDS
    finally:
        checkpoints.stop()
    assert not (tmp_path / "views.db").exists()  # a file gone is not made again
    assert (tmp_path / "junk.db").read_bytes() == b"not a database"


def test_the_next_checkpoint_is_due_when_the_log_should_hold_the_pending_pages_again() -> None:
    checkpoints = WalCheckpointer(Path("."))
    assert checkpoints._wait(PENDING_PAGES * 2, 1.0) == 0.5  # grew 1,000 pages a second
    assert checkpoints._wait(PENDING_PAGES * 100, 1.0) == INTERVAL_SECONDS  # never sooner than a look
    assert checkpoints._wait(10, 1.0) == LONGEST_SECONDS  # a slow file: still every LONGEST_SECONDS
    assert checkpoints._wait(0, 1.0) == LONGEST_SECONDS


def test_the_thread_looks_soon_while_logs_are_written_and_once_a_second_when_quiet(tmp_path: Path) -> None:
    db, checkpoints = views(tmp_path), WalCheckpointer(tmp_path)
    try:
        write(db, 1)
        checkpoints.run_once(10.0)  # found written: looks again soon
        assert checkpoints.next_look(10.0) == INTERVAL_SECONDS
        checkpoints.run_once(10.5)  # nothing written since
        assert checkpoints.next_look(10.5) == INTERVAL_SECONDS
        assert checkpoints.next_look(10.0 + QUIET_SECONDS) == QUIET_INTERVAL_SECONDS
        write(db, 1)
        checkpoints.run_once(20.0)
        assert checkpoints.next_look(20.0) == INTERVAL_SECONDS
    finally:
        checkpoints.stop()
        db.close()


def test_the_thread_copies_the_log_into_the_file_while_it_runs(tmp_path: Path) -> None:
    db = views(tmp_path)
    checkpoints = WalCheckpointer(tmp_path, interval=0.01)
    try:
        write(db, 5)  # the first look at a file checkpoints it
        before = (tmp_path / "views.db").stat().st_size  # the file grows only by a checkpoint
        checkpoints.start()
        assert checkpoints.running
        deadline = time.monotonic() + DEADLINE_SECONDS
        while (tmp_path / "views.db").stat().st_size <= before:
            assert time.monotonic() < deadline, "the thread copied nothing into the file"
            time.sleep(0.01)
    finally:
        checkpoints.stop()
        db.close()
    assert not checkpoints.running


def test_a_failing_thread_says_so_and_leaves_the_checkpoints_to_the_commits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    checkpoints = WalCheckpointer(tmp_path, interval=0.01)

    def broken(now: float | None = None) -> int:
        raise OSError("the data directory went away")

    monkeypatch.setattr(checkpoints, "run_once", broken)
    checkpoints.start()
    deadline = time.monotonic() + DEADLINE_SECONDS
    while checkpoints.running:
        assert time.monotonic() < deadline, "the thread did not end"
        time.sleep(0.01)
    checkpoints.stop()
    assert "checkpoints stopped" in caplog.text


def test_a_roles_platform_checkpoints_while_it_runs(sqlite_store: Store) -> None:
    settings = Settings(data_dir=sqlite_store.data_dir)
    with running_platform(settings) as platform:
        assert platform.checkpoints.running
    assert not platform.checkpoints.running


@pytest.mark.broker
async def test_keten_serves_pipeline_checkpoints_while_it_runs(
    fresh_broker: EmbeddedBroker, sqlite_store: Store
) -> None:
    platform = sqlite_store.bootstrap(Clock())
    assert not platform.checkpoints.running
    async with pipeline(platform, fresh_broker.bootstrap_servers):
        assert platform.checkpoints.running
    assert not platform.checkpoints.running

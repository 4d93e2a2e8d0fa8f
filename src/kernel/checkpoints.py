"""SQLite's WAL checkpoints, moved off the commit path.

In WAL mode SQLite copies the log back into the database file (a checkpoint) on the connection
whose COMMIT takes the log past 1,000 pages: that one commit writes and syncs about 4 MB and
takes 10-15 ms where the others take well under one. The views' file, where every view of
`keten serve` commits, got there about twice a second in the latency run, and such a commit was
the p99 of a match's row in the matches view. Here a thread checkpoints each SQLite file of the
data directory PASSIVE when its log should hold about `PENDING_PAGES` pages not yet copied: it
never waits for a reader or a writer, and once it has copied the whole log the next writer
starts the log again from its beginning, so no commit gets to 1,000 pages.

When "should" is learnt from the file itself: each checkpoint tells how many pages the log held,
so the pages per second since the one before say when the next is due (at least every
`INTERVAL_SECONDS`, at most every `LONGEST_SECONDS` while the file is written). So a file is
checkpointed about 1.4 times as often as SQLite would, not at every look: each checkpoint syncs
two files, and syncs slow the event stores' own sync on commit (checkpointing every changed file
ten times a second made those commits slower). The thread never opens the log or its index itself:
closing a file SQLite holds a lock on would drop that lock for the whole process.

Should the thread fall behind (a bulk rebuild writes faster), SQLite's own checkpoint on commit
still bounds the log: nothing depends on this thread but the tail latency, and no durability
setting changes.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("keten.checkpoints")

INTERVAL_SECONDS = 0.1  # how often the thread looks: the views' log grows ~200 pages meanwhile
LONGEST_SECONDS = 2.0  # a file written slowly is still checkpointed this often
PENDING_PAGES = 700  # below SQLite's own 1,000 by more than a look's growth
LogState = tuple[int, int]  # the log file's modification time (ns) and size, from stat()


@dataclass
class _Watched:
    connection: sqlite3.Connection
    checkpointed_at: float  # monotonic
    due: float  # monotonic: when the log should hold PENDING_PAGES
    log: LogState | None = None  # as at the last checkpoint: unchanged means nothing written


class WalCheckpointer:
    def __init__(
        self, directory: Path, interval: float = INTERVAL_SECONDS, pending_pages: int = PENDING_PAGES
    ) -> None:
        self.directory, self.interval, self.pending_pages = directory, interval, pending_pages
        self._watched: dict[Path, _Watched] = {}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def run_once(self, now: float | None = None) -> int:
        """One look at every file; returns how many it checkpointed."""
        now = time.monotonic() if now is None else now
        checkpointed = 0
        for database in sorted(self.directory.glob("*.db")):
            state = _log_state(database)
            watched = self._watched.get(database)
            if state is None:  # no log: not in WAL mode, not opened yet, or gone
                self._forget(database)
            elif watched is None or (state != watched.log and now >= watched.due):
                checkpointed += self._checkpoint(database, watched, state, now)
        return checkpointed

    def start(self) -> None:
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="keten-wal-checkpoints", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        for database in list(self._watched):
            self._forget(database)

    def _run(self) -> None:
        try:
            while not self._stop.wait(self.interval):
                self.run_once()
        except Exception:  # never silently: the commits checkpoint for themselves again, as before
            log.exception("SQLite's log checkpoints stopped; each commit that fills a log copies it back")

    def _checkpoint(self, database: Path, watched: _Watched | None, state: LogState, now: float) -> int:
        try:
            connection = watched.connection if watched else _open(database)
            busy, pages, copied = connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        except sqlite3.Error as error:  # gone meanwhile, or not a database: its own checkpoints remain
            log.debug("no checkpoint of %s: %s", database, error)
            self._forget(database)
            return 0
        # The first checkpoint of a file knows no rate yet: the next look checkpoints it again.
        wait = self._wait(pages, now - watched.checkpointed_at) if watched else self.interval
        # A log not copied whole (a reader still needed pages, another process checkpointing)
        # is not taken as seen: the next look that is due checkpoints it again.
        seen = state if not busy and copied == pages else None
        self._watched[database] = _Watched(connection, now, now + wait, seen)
        return 1

    def _wait(self, pages: int, seconds: float) -> float:
        """Until the log should hold `pending_pages` again, at the rate it grew since the last."""
        if pages <= 0:
            return LONGEST_SECONDS
        rate = pages / max(seconds, self.interval)
        return min(max(self.pending_pages / rate, self.interval), LONGEST_SECONDS)

    def _forget(self, database: Path) -> None:
        watched = self._watched.pop(database, None)
        if watched is not None:
            watched.connection.close()


def _open(database: Path) -> sqlite3.Connection:
    # mode=rw: a file that is not there is not created; timeout=0: never wait for a lock.
    return sqlite3.connect(
        f"file:{database}?mode=rw", uri=True, isolation_level=None, check_same_thread=False, timeout=0
    )


def _log_state(database: Path) -> LogState | None:
    try:  # stat, never open: see the module's docstring
        found = database.with_name(f"{database.name}-wal").stat()
    except OSError:
        return None
    return found.st_mtime_ns, found.st_size

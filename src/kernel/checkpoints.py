"""SQLite's WAL checkpoints, moved off the commit path.

In WAL mode SQLite copies the log back into the database file (a checkpoint) on the connection
whose COMMIT takes the log past 1,000 pages: that one commit writes and syncs about 4 MB and
takes 10-15 ms where the others take well under one. The views' file, where every view of
`keten serve` commits, got there about twice a second in the latency run, and such a commit was
the p99 of a match's row in the matches view. Here a thread checkpoints each SQLite file of the
data directory PASSIVE when its log should hold about `PENDING_PAGES` pages not yet copied: it
never waits for a reader or a writer, and once it has copied the whole log the next writer
starts the log again from its beginning, so a commit rarely gets to 1,000 pages.

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
import os
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("keten.checkpoints")

INTERVAL_SECONDS = 0.1  # how often the thread looks: the views' log grows ~200 pages meanwhile
LONGEST_SECONDS = 2.0  # a file written slowly is still checkpointed this often
# With no log written for this long the thread looks once a second: ten looks a second cost an
# idle `keten serve` ~0.5% of a core. A burst's first second may then reach SQLite's own
# checkpoint once, as without the thread.
QUIET_SECONDS, QUIET_INTERVAL_SECONDS = 1.0, 1.0
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
        self._watched: dict[str, _Watched] = {}  # by file name in the directory
        self._refused: dict[str, LogState] = {}  # not a database to SQLite, as its log then was
        self._written_at = 0.0  # monotonic: the last look that found a log written since its checkpoint
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def run_once(self, now: float | None = None) -> int:
        """One look at every file; returns how many it checkpointed."""
        now = time.monotonic() if now is None else now
        logs = _logs(self.directory)
        for gone in [name for name in self._watched if name not in logs]:
            self._forget(gone)  # no log any more: not in WAL mode, closed by its last connection, or gone
        self._refused = {name: state for name, state in self._refused.items() if logs.get(name) == state}
        checkpointed = 0
        for name, state in logs.items():
            watched = self._watched.get(name)
            if (watched is not None and state == watched.log) or name in self._refused:
                continue  # nothing written since its checkpoint, or since SQLite refused it
            self._written_at = now
            if watched is None or now >= watched.due:
                checkpointed += self._checkpoint(name, watched, state, now)
        return checkpointed

    def next_look(self, now: float) -> float:
        """Seconds until the thread looks again: soon while logs are written, else once a second."""
        return QUIET_INTERVAL_SECONDS if now - self._written_at >= QUIET_SECONDS else self.interval

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
        for name in list(self._watched):
            self._forget(name)

    def _run(self) -> None:
        try:
            while not self._stop.wait(self.next_look(time.monotonic())):
                self.run_once()
        except Exception:  # never silently: the commits checkpoint for themselves again, as before
            log.exception("SQLite's log checkpoints stopped; each commit that fills a log copies it back")

    def _checkpoint(self, name: str, watched: _Watched | None, state: LogState, now: float) -> int:
        try:
            connection = watched.connection if watched else _open(self.directory / name)
            busy, pages, copied = connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        except sqlite3.Error as error:  # gone meanwhile, or not a database: its own checkpoints remain
            log.debug("no checkpoint of %s: %s", name, error)
            self._forget(name)
            self._refused[name] = state  # not tried again, nor looked at often, until it changes
            return 0
        # The first checkpoint of a file knows no rate yet: the next look checkpoints it again.
        wait = self._wait(pages, now - watched.checkpointed_at) if watched else self.interval
        # A log not copied whole (a reader still needed pages, another process checkpointing)
        # is not taken as seen: the next look that is due checkpoints it again.
        seen = state if not busy and copied == pages else None
        self._watched[name] = _Watched(connection, now, now + wait, seen)
        return 1

    def _wait(self, pages: int, seconds: float) -> float:
        """Until the log should hold `pending_pages` again, at the rate it grew since the last."""
        if pages <= 0:
            return LONGEST_SECONDS
        rate = pages / max(seconds, self.interval)
        return min(max(self.pending_pages / rate, self.interval), LONGEST_SECONDS)

    def _forget(self, name: str) -> None:
        watched = self._watched.pop(name, None)
        if watched is not None:
            watched.connection.close()


def _open(database: Path) -> sqlite3.Connection:
    # mode=rw: a file that is not there is not created; timeout=0: never wait for a lock.
    return sqlite3.connect(
        f"file:{database}?mode=rw", uri=True, isolation_level=None, check_same_thread=False, timeout=0
    )


def _logs(directory: Path) -> dict[str, LogState]:
    """Every database file of the directory that has a log, with its log's state. One listing
    and a stat per log, keyed by name (no path objects): the look runs in every long-running
    process, ten times a second while logs are written (~0.1 ms for eleven files)."""
    try:
        with os.scandir(directory) as listing:
            entries = {entry.name: entry for entry in listing}
    except OSError:
        return {}
    logs: dict[str, LogState] = {}
    for name in entries:
        if name.endswith(".db") and (log_file := entries.get(f"{name}-wal")) is not None:
            try:  # stat, never open: see the module's docstring
                found = log_file.stat()
            except OSError:
                continue  # removed since the listing
            logs[name] = (found.st_mtime_ns, found.st_size)
    return logs

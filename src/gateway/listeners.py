"""How many live listeners one professional may hold open in one gateway process.

A `matchNotifications` subscription and a *Mijn matches* page's `/matches/live` stream each
read the matches view a few times a second, in the worker threads the access log's writes use
too. Without a bound, one client opening hundreds of them (on one socket, or many) would hold
up every other professional's answers, which wait for those writes. Past the bound a new
listener is refused (`TOO_MANY_LISTENERS`); those already open go on, and one that ends makes
room. Counted on the event loop, which runs every listener, so no lock is needed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from domain.errors import DomainError

LIMIT = 10  # a professional's open tabs and systems; far above what one person keeps open


class TooManyListeners(DomainError):
    code = "TOO_MANY_LISTENERS"


class Listeners:
    def __init__(self, limit: int = LIMIT) -> None:
        self.limit = limit
        self._open: Counter[str] = Counter()

    def has_room(self, professional_id: str) -> bool:
        return self._open[professional_id] < self.limit

    @contextmanager
    def listening(self, professional_id: str) -> Iterator[None]:
        """Holds one of the professional's places while the block runs; refuses past the limit."""
        if not self.has_room(professional_id):
            raise TooManyListeners(f"at most {self.limit} live listeners at once; close one first")
        self._open[professional_id] += 1
        try:
            yield
        finally:
            self._open[professional_id] -= 1
            if not self._open[professional_id]:
                del self._open[professional_id]

    def open(self, professional_id: str) -> int:
        return self._open[professional_id]

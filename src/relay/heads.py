"""The chain head of each stream a verification walks through, for a bounded number of streams.

A walk over the whole log meets every case once; keeping each head to the end would hold one
entry per case ever made. Past `HEADS` streams the heads are dropped, and a stream met again
continues from its recorded link of the version before: that link was checked against the
stored bytes when it was met (or it is missing, and then that is the break already reported,
or the tail the relay has not reached, which is pending and never compared).
"""

from __future__ import annotations

from collections.abc import Callable

from relay.chain import GENESIS

HEADS = 65_536  # streams kept; a stream met again after a drop costs one indexed read


class Heads:
    def __init__(self, recorded: Callable[[str, int], str | None], limit: int = HEADS) -> None:
        self.recorded, self.limit = recorded, limit
        self._heads: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._heads)

    def before(self, stream: str, version: int) -> str:
        """The head the event of this version links to."""
        head = self._heads.get(stream)
        if head is not None:
            return head
        if version <= 1:
            return GENESIS
        return self.recorded(stream, version - 1) or GENESIS

    def moved(self, stream: str, head: str) -> None:
        # Dropping all at once, not the least recent one by one: a walk meets a case's events
        # close together, and a plain dict keeps the per-event cost at two lookups.
        if len(self._heads) >= self.limit and stream not in self._heads:
            self._heads.clear()
        self._heads[stream] = head

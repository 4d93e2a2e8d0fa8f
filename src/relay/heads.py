"""The chain head of each stream a verification walks through, for a bounded number of streams.

A walk over the whole log meets every case once; keeping each head to the end would hold one
entry per case ever made. Past `HEADS` streams the heads are dropped, and a stream met again
continues from its recorded link of the version before: that link was checked against the
stored bytes when it was met (or it is missing, and then that is the break already reported,
or the tail the relay has not reached, which is pending and never compared).

A head is kept as the stream's id in text (hashed into every link) and the raw digest, keyed
by the id as the store gives it: the walk turns each stream's id into text once, not per event.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

HEADS = 65_536  # streams kept; a stream met again after a drop costs one indexed read
GENESIS_DIGEST = bytes(32)
Head = tuple[str, bytes]  # the stream id as text, the digest of its last link


class Heads:
    def __init__(self, recorded: Callable[[str, int], str | None], limit: int = HEADS) -> None:
        self.recorded, self.limit = recorded, limit
        self._heads: dict[Hashable, Head] = {}

    def __len__(self) -> int:
        return len(self._heads)

    def before(self, stream: Hashable, version: int) -> Head:
        """The head the event of this version links to."""
        head = self._heads.get(stream)
        if head is not None:
            return head
        text = str(stream)
        if version <= 1:
            return text, GENESIS_DIGEST
        link = self.recorded(text, version - 1)
        return text, bytes.fromhex(link) if link else GENESIS_DIGEST

    def moved(self, stream: Hashable, head: Head) -> None:
        # Dropping all at once, not the least recent one by one: a walk meets a case's events
        # close together, and a plain dict keeps the per-event cost at two lookups.
        if len(self._heads) >= self.limit and stream not in self._heads:
            self._heads.clear()
        self._heads[stream] = head

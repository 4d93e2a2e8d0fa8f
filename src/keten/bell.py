"""One consumer's doorbell (`keten.doorbell`): rung when its topics have something to read, with
the ends the broker acknowledged, so the consumer knows when it has read enough to pause."""

from __future__ import annotations

import asyncio
import time

from relay.relay import Ends

# An end a consumer was told of but its partition's fetches no longer reach, this long after
# the ring: the broker lost the topic and the relay published it again with fewer records
# (`keten.renumbered`). The consumer stops waiting for it rather than fetching on for ever.
UNREACHABLE_AFTER_SECONDS = 1.0


class Bell:
    """One consumer's: rung when its topics have something, with the ends to read up to."""

    def __init__(self, gather_seconds: float = 0.0) -> None:
        self.gather_seconds = gather_seconds  # how long records gather after a ring (keten.doorbell)
        self.rung = asyncio.Event()
        self.wanted: dict[tuple[str, int], tuple[int, float]] = {}  # end, when told (time.time)

    def ring(self, ends: Ends) -> None:
        told = time.time()
        for partition, end in ends.items():
            held = self.wanted.get(partition)
            if held is None or end > held[0]:
                self.wanted[partition] = (end, told)
        self.rung.set()

    def reached(self, partition: tuple[str, int], read: int, fetched_end: int, polled_ms: int | None) -> bool:
        """Whether the consumer has read up to the end it was told of for this partition."""
        held = self.wanted.get(partition)
        if held is not None and read < held[0]:
            end, told = held
            shown_lost = polled_ms is not None and polled_ms / 1000 >= told + UNREACHABLE_AFTER_SECONDS
            if not (shown_lost and fetched_end < end):
                return False
        self.wanted.pop(partition, None)
        return True

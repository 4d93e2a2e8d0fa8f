"""Aggregates found by what their first event fixed for good (the organisation a professional
works at, the address they were registered under, the worker who gave an advies), from an
application's notification log: read once per process, and afterwards only what is new.

Those facts never change after the event that records them, so the index is exact, and the
aggregates it names are then read one by one as always (their current state). Before it, each
such question read every aggregate of its kind in the country, per call. Another process's
registrations are seen at the next question: the index reads the log past where it stood.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterable
from typing import NamedTuple
from uuid import UUID


class Indexed(NamedTuple):
    notification_id: int
    aggregate_id: UUID
    keys: tuple[Hashable, ...]  # what the aggregate is found by


# The indexed events after a notification id, in log order.
ReadAfter = Callable[[int], Iterable[Indexed]]


class LogIndex:
    def __init__(self, read_after: ReadAfter) -> None:
        self._read_after = read_after
        self._lock = threading.Lock()  # the gateway's requests ask from several threads
        self._read_up_to = 0
        self._ids: dict[Hashable, list[UUID]] = {}

    def ids(self, key: Hashable) -> list[UUID]:
        """The aggregates found by this key, in the order the log recorded them."""
        with self._lock:
            for indexed in self._read_after(self._read_up_to):
                for found_by in indexed.keys:
                    self._ids.setdefault(found_by, []).append(indexed.aggregate_id)
                self._read_up_to = indexed.notification_id
            return list(self._ids.get(key, ()))

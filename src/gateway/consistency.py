"""Read your own writes, across gateway processes.

A write notes its position for the caller (`CallerWrites.note`); a query of a view built from
Kafka first waits, up to a deadline, until that view has applied every write the caller made
on its topics. The wait polls the shared store: the view may be built by a projector in
another process, and the write may have been taken by another gateway. After the deadline the
caller gets VIEW_BEHIND ("try again") rather than an answer that silently lacks their write.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from domain.errors import DomainError

POLL_SECONDS = 0.02


class ViewBehind(DomainError):
    code = "VIEW_BEHIND"


class CallerWrites(Protocol):
    def note(self, caller: str, topic: str, stream: str, sequence: int, at: datetime) -> None: ...
    def behind(self, caller: str, view: str, topics: tuple[str, ...]) -> int: ...


class TrackedView(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def topics(self) -> tuple[str, ...]: ...


class Consistency:
    """What a resolver uses: note a write, or wait for a view to show the caller's writes."""

    def __init__(self, writes: CallerWrites, clock: Callable[[], datetime], deadline_seconds: float) -> None:
        self.writes, self.clock, self.deadline_seconds = writes, clock, deadline_seconds

    def wrote(self, caller: str, topic: str, stream: str, sequence: int | None) -> None:
        if sequence is not None:
            self.writes.note(caller, topic, stream, sequence, self.clock())

    async def caught_up(self, caller: str, view: TrackedView) -> None:
        """Returns once the view has applied the caller's writes; VIEW_BEHIND after the deadline."""
        deadline = time.monotonic() + self.deadline_seconds
        while self.writes.behind(caller, view.name, view.topics):
            if time.monotonic() >= deadline:
                raise ViewBehind(
                    f"your latest changes are not in {view.name} yet "
                    f"(waited {self.deadline_seconds:g} s); try again in a moment"
                )
            await asyncio.sleep(POLL_SECONDS)

"""Waiting with a deadline, without losing a cancellation.

Python 3.11's `asyncio.wait_for` returns the awaited result when its task is cancelled in the
very moment that result arrives: the cancellation is lost, and a task told to stop goes on. A
consumer's pacing did just that when a ring met the end of `keten serve` — it paused its
consumer and waited for the next ring for ever, and the consumers never stopped. (3.12 rebuilt
`wait_for` on `asyncio.timeout`, which keeps the cancellation; so does this.)
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")


async def within(awaitable: Awaitable[T], seconds: float) -> T:
    """The awaitable's result; TimeoutError after `seconds`; a cancellation always propagates."""
    async with asyncio.timeout(seconds):
        return await awaitable


async def cancel_all(tasks: Sequence[asyncio.Task[Any]], seconds: float) -> set[asyncio.Task[Any]]:
    """Cancels the tasks and waits at most `seconds` for them to end; returns those still running
    (stopping must go on without a task that does not end)."""
    for task in tasks:
        task.cancel()
    if not tasks:
        return set()
    _, running = await asyncio.wait(tasks, timeout=seconds)
    return running

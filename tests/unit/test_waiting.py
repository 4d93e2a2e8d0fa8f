"""`keten.waiting.within`: a deadline that never swallows a cancellation."""

from __future__ import annotations

import asyncio
import contextlib
import time

import pytest

from keten.waiting import cancel_all, within


async def test_the_result_comes_back_before_the_deadline() -> None:
    assert await within(asyncio.sleep(0, result=7), 1.0) == 7


async def test_the_deadline_raises_timeout() -> None:
    with pytest.raises(TimeoutError):
        await within(asyncio.Event().wait(), 0.01)


async def test_a_cancellation_in_the_moment_the_result_arrives_is_kept() -> None:
    """Python 3.11's wait_for returns the result here and the task goes on as if not told to stop."""
    arrived = asyncio.Event()
    waiting = asyncio.create_task(within(arrived.wait(), 10.0))
    await asyncio.sleep(0)  # the task now waits

    arrived.set()
    waiting.cancel()

    with pytest.raises(asyncio.CancelledError):
        await waiting


async def test_stopping_goes_on_without_a_task_that_does_not_end() -> None:
    released = asyncio.Event()

    async def stubborn() -> None:
        while not released.is_set():
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.sleep(0.01)

    quick, slow = asyncio.create_task(asyncio.sleep(10)), asyncio.create_task(stubborn())
    await asyncio.sleep(0)
    started = time.monotonic()

    running = await cancel_all([quick, slow], 0.1)

    assert running == {slow} and quick.cancelled()
    assert time.monotonic() - started < 2.0
    released.set()
    await slow

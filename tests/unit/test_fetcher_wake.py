"""A ring makes the consumer's fetcher look again (`keten.fetcher_wake`): the future it waits on
for consumed records is set once, and anything without one is left alone."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

from keten.fetcher_wake import wake_fetcher


async def test_the_future_the_fetcher_waits_on_is_set() -> None:
    waiting = asyncio.get_running_loop().create_future()
    consumer = SimpleNamespace(_fetcher=SimpleNamespace(_wait_consume_future=waiting))

    wake_fetcher(consumer)
    wake_fetcher(consumer)  # already set: nothing more

    assert waiting.done() and waiting.result() is None


async def test_no_consumer_no_fetcher_or_no_future_is_left_alone() -> None:
    for consumer in (
        None,
        SimpleNamespace(),
        SimpleNamespace(_fetcher=SimpleNamespace(_wait_consume_future=None)),
    ):
        wake_fetcher(consumer)

"""Requests that end together store their access lines in one save; each still gets its own
outcome, and none gets its answer before its lines are stored."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence

import pytest

from gateway.access.group_commit import GroupCommit


class Store:
    """Records each save; a save holding a line "bad" fails as a whole, like one transaction."""

    def __init__(self) -> None:
        self.saves: list[list[str]] = []
        self.open = threading.Event()
        self.open.set()

    def record(self, lines: Sequence[str]) -> None:
        self.open.wait(5)
        if "bad" in lines:
            raise ValueError("a bad line")
        self.saves.append(list(lines))


async def test_requests_ending_while_a_save_runs_share_the_next_save() -> None:
    store = Store()
    together = GroupCommit(store.record)
    store.open.clear()  # the first save waits on the disk
    first = asyncio.create_task(together.record(["a"]))
    await asyncio.sleep(0.05)
    others = [asyncio.create_task(together.record([f"r{n}"])) for n in range(5)]
    await asyncio.sleep(0.05)
    store.open.set()

    await asyncio.gather(first, *others)

    assert store.saves == [["a"], ["r0", "r1", "r2", "r3", "r4"]]


async def test_no_request_returns_before_its_lines_are_stored() -> None:
    store = Store()
    together = GroupCommit(store.record)
    store.open.clear()
    waiting = asyncio.create_task(together.record(["a"]))

    await asyncio.sleep(0.1)

    assert not waiting.done() and store.saves == []
    store.open.set()
    await waiting
    assert store.saves == [["a"]]


async def test_a_bad_line_fails_only_its_own_request() -> None:
    store = Store()
    together = GroupCommit(store.record)
    store.open.clear()
    first = asyncio.create_task(together.record(["a"]))
    await asyncio.sleep(0.05)
    good, bad = asyncio.create_task(together.record(["b"])), asyncio.create_task(together.record(["bad"]))
    await asyncio.sleep(0.05)
    store.open.set()

    await first
    await good
    with pytest.raises(ValueError, match="a bad line"):
        await bad
    assert ["b"] in store.saves and all("bad" not in save for save in store.saves)


async def test_a_lone_failing_request_is_told_at_once() -> None:
    together = GroupCommit(Store().record)

    with pytest.raises(ValueError, match="a bad line"):
        await together.record(["bad"])

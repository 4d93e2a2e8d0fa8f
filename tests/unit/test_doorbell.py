"""The doorbell of `keten serve` on the embedded broker: consumers read while something was
published or received, pause when quiet, and still look now and then."""

from __future__ import annotations

import asyncio
import contextlib
import time

import pytest

from keten import doorbell as doorbell_module
from keten.doorbell import Doorbell

SIGNALS, MATCHES = "keten.signals.v1", "keten.matches.v1"


class FakeConsumer:
    """What the doorbell asks of an aiokafka consumer."""

    def __init__(self) -> None:
        self.assigned = {"signals-0", "signals-1"}
        self.stopped: set[str] = set()
        self.resumes = 0
        self.end = self.read = 7  # caught up
        self.listed, self.asked = 7, 0  # where ListOffsets says the partitions end

    def assignment(self) -> set[str]:
        return self.assigned

    def paused(self) -> set[str]:
        return set(self.stopped)

    def pause(self, *partitions: str) -> None:
        self.stopped |= set(partitions)

    def resume(self, *partitions: str) -> None:
        self.stopped -= set(partitions)
        self.resumes += 1

    def last_poll_timestamp(self, partition: str) -> int:
        return int(1000 * time.time()) + 1  # a fetch was answered just now

    def highwater(self, partition: str) -> int:
        return self.end

    async def position(self, partition: str) -> int:
        return self.read

    async def end_offsets(self, partitions: list[str]) -> dict[str, int]:
        self.asked += 1
        return {partition: self.listed for partition in partitions}


async def eventually(check: object, seconds: float = 2.0) -> None:
    deadline = asyncio.get_running_loop().time() + seconds
    while not check():  # type: ignore[operator]
        assert asyncio.get_running_loop().time() < deadline, "not in time"
        await asyncio.sleep(0.005)


async def test_quiet_consumers_pause_and_a_ring_from_another_thread_resumes_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    consumer, bell = FakeConsumer(), Doorbell()
    pacing = asyncio.create_task(bell.pace([(consumer, [SIGNALS])]))
    try:
        await eventually(lambda: consumer.stopped == consumer.assigned)

        await asyncio.to_thread(bell.ring, [SIGNALS])  # a relay thread published

        await eventually(lambda: not consumer.stopped)
        await eventually(lambda: consumer.stopped == consumer.assigned)  # quiet again
    finally:
        pacing.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await pacing


async def test_records_keep_the_consumers_reading() -> None:
    consumer, bell = FakeConsumer(), Doorbell()
    pacing = asyncio.create_task(bell.pace([(consumer, [SIGNALS])]))
    try:
        for _ in range(12):
            bell.ring_here([SIGNALS])  # a record arrived
            await asyncio.sleep(doorbell_module.ACTIVE_SECONDS / 4)
            assert not consumer.stopped
    finally:
        pacing.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await pacing


async def test_a_paused_consumer_looks_when_the_broker_holds_more_than_it_fetched(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(doorbell_module, "LOOK_EVERY_SECONDS", 0.01)
    consumer, bell = FakeConsumer(), Doorbell()
    pacing = asyncio.create_task(bell.pace([(consumer, [SIGNALS])]))
    try:
        await eventually(lambda: consumer.stopped == consumer.assigned and consumer.asked >= 5)
        resumed = consumer.resumes  # asked five times, nothing new: it stayed paused

        consumer.listed = 8  # another program wrote a record

        await eventually(lambda: consumer.resumes > resumed)
    finally:
        pacing.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await pacing
    assert resumed == 0


async def test_a_record_fetched_while_paused_and_dropped_is_still_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(doorbell_module, "LOOK_EVERY_SECONDS", 0.01)
    consumer, bell = FakeConsumer(), Doorbell()
    pacing = asyncio.create_task(bell.pace([(consumer, [SIGNALS])]))
    try:
        await eventually(lambda: consumer.stopped == consumer.assigned)

        # A fetch in flight when it paused saw a new record (its end moved) and dropped it.
        consumer.end = consumer.listed = 8

        await eventually(lambda: not consumer.stopped)
    finally:
        pacing.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await pacing


def test_a_ring_before_the_loop_runs_is_harmless() -> None:
    Doorbell().ring([SIGNALS])


async def test_a_ring_wakes_only_the_consumers_of_its_topics() -> None:
    signals, matches, bell = FakeConsumer(), FakeConsumer(), Doorbell()
    pacing = asyncio.create_task(bell.pace([(signals, [SIGNALS]), (matches, [MATCHES])]))
    try:
        await eventually(lambda: signals.stopped and matches.stopped)
        resumed = matches.resumes

        bell.ring_here([SIGNALS])

        await eventually(lambda: not signals.stopped)
        assert matches.stopped and matches.resumes == resumed
    finally:
        pacing.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await pacing


async def test_a_consumer_with_records_left_to_read_is_not_paused() -> None:
    consumer, bell = FakeConsumer(), Doorbell()
    consumer.read = 5  # two fetched records not yet handed over
    pacing = asyncio.create_task(bell.pace([(consumer, [SIGNALS])]))
    try:
        await asyncio.sleep(3 * doorbell_module.ACTIVE_SECONDS)
        assert not consumer.stopped

        consumer.read = 7

        await eventually(lambda: consumer.stopped == consumer.assigned)
    finally:
        pacing.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await pacing

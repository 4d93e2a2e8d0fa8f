"""The doorbell of `keten serve` on the embedded broker: consumers read while something was
published, up to the ends the relays were acknowledged, pause when quiet, and still
look now and then."""

from __future__ import annotations

import asyncio
import contextlib
import time
from types import SimpleNamespace

import pytest

from keten import bell as bell_module
from keten import doorbell as doorbell_module
from keten import doorbell_look
from keten.doorbell import Doorbell

SIGNALS, MATCHES = "keten.signals.v1", "keten.matches.v1"


class FakeConsumer:
    """What the doorbell asks of an aiokafka consumer."""

    def __init__(self) -> None:
        self.assigned = {(SIGNALS, 0), (SIGNALS, 1)}
        self.stopped: set[tuple[str, int]] = set()
        self.resumes = 0
        self.end = self.read = 7  # caught up
        self.listed, self.asked = 7, 0  # where ListOffsets says the partitions end

    def assignment(self) -> set[tuple[str, int]]:
        return self.assigned

    def paused(self) -> set[tuple[str, int]]:
        return set(self.stopped)

    def pause(self, *partitions: tuple[str, int]) -> None:
        self.stopped |= set(partitions)

    def resume(self, *partitions: tuple[str, int]) -> None:
        self.stopped -= set(partitions)
        self.resumes += 1

    def last_poll_timestamp(self, partition: tuple[str, int]) -> int:
        return int(1000 * time.time()) + 1  # a fetch was answered just now

    def highwater(self, partition: tuple[str, int]) -> int:
        return self.end

    async def position(self, partition: tuple[str, int]) -> int:
        return self.read

    async def end_offsets(self, partitions: list[tuple[str, int]]) -> dict[tuple[str, int], int]:
        self.asked += 1
        return {partition: self.listed for partition in partitions}

    def fetcher_asleep(self) -> None:
        """Its fetcher waits on consumed records (what `wake_fetcher` sets), as aiokafka's does."""
        self._fetcher = SimpleNamespace(_wait_consume_future=asyncio.get_running_loop().create_future())

    def fetcher_woken(self) -> bool:
        return bool(self._fetcher._wait_consume_future.done())


async def eventually(check: object, seconds: float = 2.0) -> None:
    deadline = asyncio.get_running_loop().time() + seconds
    while not check():  # type: ignore[operator]
        assert asyncio.get_running_loop().time() < deadline, "not in time"
        await asyncio.sleep(0.005)


async def paced(consumer: FakeConsumer, bell: Doorbell) -> asyncio.Task[None]:
    pacing = asyncio.create_task(bell.pace([(consumer, [SIGNALS], 0.0)]))
    await eventually(lambda: consumer.stopped == consumer.assigned)
    return pacing


async def stop(pacing: asyncio.Task[None]) -> None:
    pacing.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await pacing


async def test_quiet_consumers_pause_and_a_ring_from_another_thread_resumes_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    consumer, bell = FakeConsumer(), Doorbell()
    pacing = asyncio.create_task(bell.pace([(consumer, [SIGNALS], 0.0)]))
    try:
        await eventually(lambda: consumer.stopped == consumer.assigned)

        await asyncio.to_thread(bell.ring, {(SIGNALS, 0): 7})  # a relay thread published

        await eventually(lambda: not consumer.stopped)
        await eventually(lambda: consumer.stopped == consumer.assigned)  # quiet again
    finally:
        await stop(pacing)


async def test_rings_keep_the_consumers_reading() -> None:
    consumer, bell = FakeConsumer(), Doorbell()
    pacing = asyncio.create_task(bell.pace([(consumer, [SIGNALS], 0.0)]))
    try:
        for _ in range(12):
            bell.announce({(SIGNALS, 0): 7})  # a relay published
            await asyncio.sleep(doorbell_module.ACTIVE_SECONDS / 4)
            assert not consumer.stopped
    finally:
        await stop(pacing)


async def test_a_consumer_still_behind_wakes_its_fetcher_at_every_look_without_a_ring() -> None:
    """No record rings: a consumer behind the end it was told of must not wait for its fetcher's
    own look (seconds) if the fetcher slept through the resume (keten.fetcher_wake)."""
    consumer, bell = FakeConsumer(), Doorbell()
    pacing = await paced(consumer, bell)
    try:
        bell.announce({(SIGNALS, 0): 9})
        await eventually(lambda: not consumer.stopped)
        consumer.fetcher_asleep()  # after the ring's own wake: only a look can wake it now

        await eventually(consumer.fetcher_woken)
    finally:
        await stop(pacing)


async def test_a_paused_consumer_looks_when_the_broker_holds_more_than_it_fetched(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(doorbell_look, "LOOK_EVERY_SECONDS", 0.01)
    consumer, bell = FakeConsumer(), Doorbell()
    pacing = asyncio.create_task(bell.pace([(consumer, [SIGNALS], 0.0)]))
    try:
        await eventually(lambda: consumer.stopped == consumer.assigned and consumer.asked >= 5)
        resumed = consumer.resumes  # asked five times, nothing new: it stayed paused

        consumer.listed = 8  # another program wrote a record

        await eventually(lambda: consumer.resumes > resumed)
    finally:
        await stop(pacing)
    assert resumed == 0


async def test_a_record_fetched_while_paused_and_dropped_is_still_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(doorbell_look, "LOOK_EVERY_SECONDS", 0.01)
    consumer, bell = FakeConsumer(), Doorbell()
    pacing = asyncio.create_task(bell.pace([(consumer, [SIGNALS], 0.0)]))
    try:
        await eventually(lambda: consumer.stopped == consumer.assigned)

        # A fetch in flight when it paused saw a new record (its end moved) and dropped it.
        consumer.end = consumer.listed = 8

        await eventually(lambda: not consumer.stopped)
    finally:
        await stop(pacing)


def test_a_ring_before_the_loop_runs_is_harmless() -> None:
    Doorbell().ring({(SIGNALS, 0): 1})


async def test_a_ring_wakes_only_the_consumers_of_its_topics() -> None:
    signals, matches, bell = FakeConsumer(), FakeConsumer(), Doorbell()
    pacing = asyncio.create_task(bell.pace([(signals, [SIGNALS], 0.0), (matches, [MATCHES], 0.0)]))
    try:
        await eventually(lambda: signals.stopped and matches.stopped)
        resumed = matches.resumes

        bell.announce({(SIGNALS, 0): 7})

        await eventually(lambda: not signals.stopped)
        assert matches.stopped and matches.resumes == resumed
    finally:
        await stop(pacing)


async def test_a_consumer_with_records_left_to_read_is_not_paused() -> None:
    consumer, bell = FakeConsumer(), Doorbell()
    consumer.read = 5  # two fetched records not yet handed over
    pacing = asyncio.create_task(bell.pace([(consumer, [SIGNALS], 0.0)]))
    try:
        await asyncio.sleep(3 * doorbell_module.ACTIVE_SECONDS)
        assert not consumer.stopped

        consumer.read = 7

        await eventually(lambda: consumer.stopped == consumer.assigned)
    finally:
        await stop(pacing)


async def reads_until_it_stands_at(consumer: FakeConsumer, end: int) -> None:
    """Resumed, it keeps reading while its fetches still end where they did (the fake's 7), and
    pauses once its position is at `end`."""
    await eventually(lambda: not consumer.stopped)
    await asyncio.sleep(5 * doorbell_module.ACTIVE_SECONDS)
    assert not consumer.stopped

    consumer.end = consumer.read = end

    await eventually(lambda: consumer.stopped == consumer.assigned)


async def test_a_consumer_reads_up_to_the_end_a_relay_was_acknowledged_before_it_pauses() -> None:
    """A fetch answered after the ring may still have been made before the record was there (it
    shows the old end): only the position reaching the acknowledged end says it was read."""
    consumer, bell = FakeConsumer(), Doorbell()
    pacing = await paced(consumer, bell)
    try:
        bell.announce({(SIGNALS, 1): 9, (MATCHES, 0): 4})  # two records on partition 1

        await reads_until_it_stands_at(consumer, 9)
    finally:
        await stop(pacing)


async def test_an_end_the_partition_no_longer_reaches_is_given_up_after_a_while(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The broker lost the topic and the relay published it again with fewer records: the
    consumer pauses once its fetches have shown the shorter end for a while."""
    monkeypatch.setattr(bell_module, "UNREACHABLE_AFTER_SECONDS", 0.2)
    consumer, bell = FakeConsumer(), Doorbell()
    pacing = await paced(consumer, bell)
    try:
        started = time.monotonic()
        bell.announce({(SIGNALS, 0): 12})

        await eventually(lambda: not consumer.stopped)
        await eventually(lambda: consumer.stopped == consumer.assigned)
        assert time.monotonic() - started >= 0.2
    finally:
        await stop(pacing)


async def test_the_look_makes_a_consumer_read_up_to_the_listed_end(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(doorbell_look, "LOOK_EVERY_SECONDS", 0.01)
    consumer, bell = FakeConsumer(), Doorbell()
    pacing = await paced(consumer, bell)
    try:
        consumer.listed = 8  # another program wrote a record; no fetch has seen it yet

        await reads_until_it_stands_at(consumer, 8)
    finally:
        await stop(pacing)


async def test_pacing_stops_when_cancelled_in_the_moment_a_ring_arrives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`keten serve` stops its consumers by cancelling the pacing: a ring meeting that cancel must
    not keep the pacing going (it paused its consumer and waited for a ring for ever, and the
    consumers never stopped)."""
    monkeypatch.setattr(doorbell_module, "ACTIVE_SECONDS", 30.0)  # active: it waits for a ring
    consumer, bell = FakeConsumer(), Doorbell()
    pacing = asyncio.create_task(bell.pace([(consumer, [SIGNALS], 0.0)]))
    await eventually(lambda: not consumer.stopped)
    await asyncio.sleep(0.01)

    bell.announce({(SIGNALS, 0): 7})
    pacing.cancel()

    with contextlib.suppress(asyncio.CancelledError):
        await asyncio.wait_for(pacing, 2.0)
    await asyncio.sleep(0.05)
    others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    assert not others, "a consumer's pacing went on after the pacing was cancelled"


# --- consumers that let records gather (View.gather_seconds) ------------------------------------

GATHER = 0.2


async def test_a_gathering_consumer_reads_once_after_its_gather_time_for_all_rings_meanwhile() -> None:
    consumer, bell = FakeConsumer(), Doorbell()
    pacing = asyncio.create_task(bell.pace([(consumer, [SIGNALS], GATHER)]))
    try:
        await eventually(lambda: consumer.stopped == consumer.assigned)
        resumed, rung_at = consumer.resumes, time.monotonic()

        for end in (8, 9, 10):  # three writes within the gather time
            bell.announce({(SIGNALS, 0): end})
            await asyncio.sleep(GATHER / 10)
        assert consumer.stopped == consumer.assigned  # still gathering: no fetch yet

        await eventually(lambda: not consumer.stopped)
        assert time.monotonic() - rung_at >= GATHER
        assert consumer.resumes == resumed + 1  # one resume for the three rings

        consumer.end = consumer.read = 10  # read up to the last end it was told of
        await eventually(lambda: consumer.stopped == consumer.assigned)
    finally:
        await stop(pacing)


async def test_a_gathering_consumer_pauses_once_caught_up_while_rings_go_on_and_still_reads_them() -> None:
    """Rings keep a consumer that reads at once active; one that gathers pauses as soon as it has
    read up to the ends, and a steady stream of rings never keeps it from reading."""
    at_once, gathering, bell = FakeConsumer(), FakeConsumer(), Doorbell()
    pacing = asyncio.create_task(bell.pace([(at_once, [SIGNALS], 0.0), (gathering, [SIGNALS], GATHER)]))
    try:
        await eventually(lambda: at_once.stopped and gathering.stopped)
        seen: list[bool] = []  # the gathering consumer paused, at each ring
        ringing_until = time.monotonic() + 4 * GATHER
        while time.monotonic() < ringing_until:
            bell.announce({(SIGNALS, 0): 7})  # a write every few ms, each already read
            await asyncio.sleep(doorbell_module.ACTIVE_SECONDS / 4)
            assert not at_once.stopped
            seen.append(gathering.stopped == gathering.assigned)
        reading = seen.index(False)  # it read within its gather time, rings or not
        assert True in seen[reading:], "it stayed active while the rings went on"
        assert gathering.resumes >= 2  # and read again in a later gather time
    finally:
        await stop(pacing)

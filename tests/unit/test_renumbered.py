"""The renumber watch reads from the fetches' ends what a broker that lost a topic does to a
running consumer (the broker itself: tests/integration/test_relay.py)."""

from __future__ import annotations

import asyncio
from typing import Any

from aiokafka import TopicPartition

from keten.renumbered import RenumberWatch

P0, P1 = TopicPartition("keten.signals.v1", 0), TopicPartition("keten.signals.v1", 1)


class FakeConsumer:
    """What the watch asks of an aiokafka consumer: the last fetches' ends and its positions."""

    def __init__(self, ends: dict[TopicPartition, int | None], positions: dict[TopicPartition, int]) -> None:
        self.ends, self.positions = ends, positions

    def assignment(self) -> set[TopicPartition]:
        return set(self.ends)

    def highwater(self, partition: TopicPartition) -> int | None:
        return self.ends[partition]

    async def position(self, partition: TopicPartition) -> int:
        if partition not in self.positions:
            await asyncio.sleep(1)  # a position being reset: not known within the watch's wait
        return self.positions[partition]


class Listener:
    """A resume listener that moves the consumer to the offsets it was told to trust."""

    def __init__(self, consumer: FakeConsumer, trusted: int) -> None:
        self.subscriber: Any = type("Subscriber", (), {"consumer": consumer})()
        self.trusted, self.sought = trusted, list[set[TopicPartition]]()

    @property
    def name(self) -> str:
        return "my_signals"

    async def on_partitions_assigned(self, assigned: set[TopicPartition]) -> None:
        self.sought.append(assigned)
        for partition in assigned:
            self.subscriber.consumer.positions[partition] = self.trusted


def test_a_partition_that_ends_below_the_position_is_read_again_from_the_trusted_offset() -> None:
    consumer = FakeConsumer({P0: 3, P1: 9}, {P0: 7, P1: 9})
    listener = Listener(consumer, trusted=0)
    asyncio.run(RenumberWatch([listener]).look())
    assert listener.sought == [{P0}]
    assert consumer.positions == {P0: 0, P1: 9}


def test_healthy_partitions_and_unknown_ends_or_positions_are_left_alone() -> None:
    consumer = FakeConsumer({P0: 5, P1: None}, {P0: 5, P1: 8})
    pending = FakeConsumer({P0: 2}, {})
    listeners = [Listener(consumer, trusted=0), Listener(pending, trusted=0)]
    asyncio.run(RenumberWatch(listeners).look())
    assert [listener.sought for listener in listeners] == [[], []]


def test_a_trusted_offset_beyond_an_older_end_is_not_sought_again_until_a_fetch_tells_more() -> None:
    consumer = FakeConsumer({P0: 3}, {P0: 7})
    listener = Listener(consumer, trusted=5)  # the record before 5 is the one it saw
    watch = RenumberWatch([listener])

    async def looks() -> None:
        await watch.look()
        await watch.look()  # nothing fetched since: the same end, the sought position
        consumer.ends[P0] = 4  # a fetch at 5 answered: the partition ends at 4
        await watch.look()

    asyncio.run(looks())
    assert listener.sought == [{P0}, {P0}]


def test_a_consumer_not_started_is_skipped() -> None:
    listener = Listener(FakeConsumer({}, {}), trusted=0)
    listener.subscriber = None
    asyncio.run(RenumberWatch([listener]).look())
    assert listener.sought == []

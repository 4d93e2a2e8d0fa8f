"""A running consumer notices a partition that was renumbered under it, and reads it again.

A broker that lost its topics (a memory broker restarted, a topic deleted and created again)
numbers their records from 0 again, and the relay re-publishes what was lost. A consumer
that read on at its position would wait until the new partition passed it and then skip what
lies below: where the old partition held duplicates (a relay that crashed after producing)
the new one is shorter, so records saved after the loss land below that position. Kafka
answers a fetch beyond a partition's end with OffsetOutOfRange, and the consumer starts again
at the earliest offset; the embedded broker (Tansu 0.6) answers it with no records and the
partition's end, and the consumer would wait there.

The sign is in every fetch response: the partition's end (its high watermark) below the
consumer's position, which a healthy partition never shows. Then the consumer moves to its
handler's trusted offset (`keten.resume`) — 0 on a renumbered partition; handlers drop what
they applied before. The look is made every second from what the last fetches told, without
a request of its own; a partition that refills past the position before a fetch shows it
shorter is not noticed (README "Known limits").
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Any, Protocol

from aiokafka import TopicPartition

from keten.consumer_position import position_now

WATCH_SECONDS = 1.0
log = logging.getLogger("keten.consumers")


class Rereadable(Protocol):
    """A consumer's resume listener (`keten.consumers.Resume`)."""

    subscriber: Any

    @property
    def name(self) -> str: ...

    async def on_partitions_assigned(self, assigned: set[TopicPartition]) -> None: ...


class RenumberWatch:
    def __init__(self, resumes: Sequence[Rereadable]) -> None:
        self.resumes = resumes
        # Per consumer and partition, (end, position) after it was last sought here: a trusted
        # offset beyond an end fetched before the seek is not sought again until a fetch tells more.
        self._sought: dict[tuple[str, TopicPartition], tuple[int, int]] = {}

    async def run(self) -> None:
        """Looks every `WATCH_SECONDS` until cancelled."""
        while True:
            await asyncio.sleep(WATCH_SECONDS)
            await self.look()

    async def look(self) -> None:
        for resume in self.resumes:
            consumer = resume.subscriber.consumer if resume.subscriber is not None else None
            if consumer is not None and (renumbered := await self._renumbered(resume.name, consumer)):
                await self._read_again(resume, consumer, renumbered)

    async def _renumbered(self, name: str, consumer: Any) -> dict[TopicPartition, int]:
        """The partitions whose last fetch ended below the consumer's position, with that end."""
        found = {}
        for partition in consumer.assignment():
            end = consumer.highwater(partition)
            if end is None or (position := await position_now(consumer, partition)) is None:
                continue
            if end < position and self._sought.get((name, partition)) != (end, position):
                found[partition] = end
        return found

    async def _read_again(
        self, resume: Rereadable, consumer: Any, renumbered: dict[TopicPartition, int]
    ) -> None:
        log.warning(
            "consumer %s: %s ended below where it read (renumbered by the broker): reading again "
            "from the last record it can trust",
            *(resume.name, ", ".join(f"{tp.topic}[{tp.partition}]" for tp in sorted(renumbered))),
        )
        await resume.on_partitions_assigned(set(renumbered))
        for partition, end in renumbered.items():
            self._sought[(resume.name, partition)] = (end, await position_now(consumer, partition) or 0)

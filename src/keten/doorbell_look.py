"""The doorbell's safety net (`keten.doorbell`): records no relay of this process wrote are found
by asking, now and then, where every partition ends (one ListOffsets request for all)."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from typing import Any

from aiokafka.errors import KafkaError

from keten.bell import Bell
from keten.consumer_position import position_now
from keten.waiting import within

LOOK_EVERY_SECONDS = 0.5  # asks where the partitions end this often
LOOK_TIMEOUT_SECONDS = 2.0


async def look(paced: Sequence[tuple[Any, Bell]]) -> None:
    """Rings the consumers whose partitions hold more than they have read, now and then."""
    while True:
        await asyncio.sleep(LOOK_EVERY_SECONDS)
        for bell, ends in await _behind(paced):
            bell.ring(ends)


async def _behind(paced: Sequence[tuple[Any, Bell]]) -> list[tuple[Bell, dict[tuple[str, int], int]]]:
    consumers = [(consumer, bell) for consumer, bell in paced if consumer is not None]
    partitions = list({tp for consumer, _ in consumers for tp in consumer.assignment()})
    if not partitions:
        return []
    try:  # any consumer may ask for any partition's end
        ends = await within(consumers[0][0].end_offsets(partitions), LOOK_TIMEOUT_SECONDS)
    except (TimeoutError, KafkaError):
        return [(bell, {}) for _, bell in consumers]  # not known: every consumer looks for itself
    found = [(bell, await _unread(consumer, ends)) for consumer, bell in consumers]
    return [(bell, unread) for bell, unread in found if unread is not None]


async def _unread(consumer: Any, ends: Mapping[Any, int]) -> dict[tuple[str, int], int] | None:
    """The listed ends beyond where the consumer stands; None when there are none. Tansu lists a
    partition's end as its last batch's first offset + 1: more than where the consumer stands
    only when that batch, or a part of it, is not read (the fetch's end covers the rest)."""
    unread: dict[tuple[str, int], int] = {}
    for partition in consumer.assignment():
        listed = ends.get(partition)
        read = await position_now(consumer, partition)
        if read is None or listed is None:
            return {}
        if listed > read:
            unread[partition] = listed
    return unread or None

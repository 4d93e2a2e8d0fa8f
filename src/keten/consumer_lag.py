"""How far the consumers running in this process are behind their partitions.

Read from each consumer's own state: its position (the next record it will hand over) and the
partition's high watermark from its latest fetch, which a consumer refreshes every
`fetch_max_wait_ms` while it reads; only a partition no fetch has answered for yet costs a
request to the broker.
"""

from __future__ import annotations

import asyncio
from typing import Any

from aiokafka.errors import KafkaError

from kernel.metrics import CONSUMER_LAG
from keten.consumers import Consumers
from keten.waiting import within

WAIT_SECONDS = 2.0


async def consumer_lags(consumers: Consumers, bound: int) -> list[str]:
    """Sets each consumer's lag gauge; returns a line for each one beyond `bound` or not reading.
    All are asked at once, each for at most WAIT_SECONDS, so a check never hangs."""
    named = consumers.kafka_consumers()
    lags = await asyncio.gather(*(_lag(consumer) for _, consumer in named))
    found = []
    for (name, _), lag in zip(named, lags, strict=True):
        if lag is None:
            found.append(f"consumer {name}: not reading its partitions yet")
            continue
        CONSUMER_LAG.labels(name).set(lag)
        if lag > bound:
            found.append(f"consumer {name}: {lag} records not yet read (bound {bound})")
    return found


async def _lag(consumer: Any) -> int | None:
    """Records behind, summed over the consumer's partitions; None while a partition has no
    position yet or the broker does not say where it ends."""
    if consumer is None:
        return None
    try:
        return await within(_behind(consumer), WAIT_SECONDS)
    except (TimeoutError, KafkaError):
        return None


async def _behind(consumer: Any) -> int:
    # A partition the broker does not know (its topic not created yet) holds nothing to read.
    partitions = [
        p for p in consumer.assignment() if p.partition in (consumer.partitions_for_topic(p.topic) or ())
    ]
    ends = {partition: consumer.highwater(partition) for partition in partitions}
    unknown = [partition for partition, end in ends.items() if end is None]
    if unknown:  # not fetched yet (or nothing to fetch): ask the broker
        ends.update(await consumer.end_offsets(unknown))
    positions = await asyncio.gather(*(consumer.position(partition) for partition in partitions))
    return sum(
        max(0, ends[partition] - position) for partition, position in zip(partitions, positions, strict=True)
    )

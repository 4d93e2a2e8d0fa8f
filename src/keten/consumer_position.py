"""Where a running aiokafka consumer stands on a partition, asked without waiting for it."""

from __future__ import annotations

from typing import Any

from aiokafka import TopicPartition
from aiokafka.errors import IllegalStateError

from keten.waiting import within

POSITION_WAIT_SECONDS = 0.1


async def position_now(consumer: Any, partition: TopicPartition) -> int | None:
    """The consumer's position on the partition; None while it is being reset or the assignment
    changes (aiokafka's `position` waits for a reset, and a periodic look asks again next time)."""
    try:
        return int(await within(consumer.position(partition), POSITION_WAIT_SECONDS))
    except (TimeoutError, IllegalStateError):
        return None

"""The consumer roles: the matcher and the projector (all views, or some), fed from Kafka."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from keten.consumers import Consumers, Handler


@contextlib.asynccontextmanager
async def consuming(
    bootstrap_servers: str, partitions: int, handlers: list[Handler]
) -> AsyncIterator[Consumers]:
    """Feeds the handlers from Kafka until the block ends."""
    consumers = Consumers(bootstrap_servers, partitions, handlers)
    await consumers.start()
    try:
        yield consumers
    finally:
        await consumers.stop()

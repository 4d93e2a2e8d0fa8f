"""The consumer roles: the matcher and the projector (all views, or some), fed from Kafka."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from keten.consumers import Consumers
from keten.delivery import Handler


@contextlib.asynccontextmanager
async def consuming(
    bootstrap_servers: str, partitions: int, handlers: list[Handler], sources: frozenset[str]
) -> AsyncIterator[Consumers]:
    """Feeds the handlers from Kafka, records of keten's own `sources` only, until the block ends."""
    consumers = Consumers(bootstrap_servers, partitions, handlers, sources)
    await consumers.start()
    try:
        yield consumers
    finally:
        await consumers.stop()

"""The consumer roles: the matcher and the projector (all views, or some), fed from Kafka."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from keten.consumers import Consumers
from keten.delivery import Handler
from keten.doorbell import Doorbell


@contextlib.asynccontextmanager
async def consuming(
    bootstrap_servers: str,
    partitions: int,
    handlers: list[Handler],
    sources: frozenset[str],
    group: str | None = None,
    doorbell: Doorbell | None = None,
) -> AsyncIterator[Consumers]:
    """Feeds the handlers from Kafka, records of keten's own `sources` only, until the block ends;
    with `group`, instances of the role split the partitions (`keten.consumers`)."""
    consumers = Consumers(bootstrap_servers, partitions, handlers, sources, group=group, doorbell=doorbell)
    await consumers.start()
    try:
        yield consumers
    finally:
        await consumers.stop()

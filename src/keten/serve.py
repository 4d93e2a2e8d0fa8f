"""`keten serve`: every role in one process — broker, relays, consumers, sweeper, gateway.

Nothing here is a role of its own: serve composes the same parts as `keten gateway`,
`keten relay`, `keten matcher`, `keten projector` and `keten sweeper`, with the embedded
broker unless KAFKA_BOOTSTRAP_SERVERS is set. It stops in order: gateway and sweeper,
consumers, relays, then the broker.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from kernel.settings import Settings
from keten.bootstrap import Platform, bootstrap
from keten.consumers import Consumers
from keten.roles.consuming import consuming
from keten.roles.gateway import serve_gateway
from keten.roles.kafka import kafka
from keten.roles.lifecycle import together
from keten.roles.relaying import relaying
from keten.roles.sweeper import sweep_hourly


@contextlib.asynccontextmanager
async def pipeline(platform: Platform, bootstrap_servers: str) -> AsyncIterator[Consumers]:
    """Every relay and every consumer: what carries events from the stores to the views."""
    partitions = platform.settings.topic_partitions
    handlers = platform.built(platform.handlers)
    async with (
        relaying(platform, bootstrap_servers),
        consuming(bootstrap_servers, partitions, handlers, platform.sources()) as consumers,
    ):
        yield consumers


async def serve(settings: Settings, stop: asyncio.Event, on_ready: list[str] | None = None) -> None:
    platform = bootstrap(settings)

    def announce() -> None:
        for line in on_ready or ():
            print(line, flush=True)
        print(f"keten is ready: GraphiQL at http://{settings.host}:{settings.port}/graphql", flush=True)

    try:
        with kafka(settings) as bootstrap_servers:
            async with pipeline(platform, bootstrap_servers):
                services = platform.built(lambda: platform.services)
                gateway = serve_gateway(settings, services, stop, on_started=announce)
                await together(stop, sweep_hourly(platform, stop), gateway)
    finally:
        platform.close()

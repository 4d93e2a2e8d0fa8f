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
from dataclasses import dataclass

from kernel.settings import Settings
from keten.bootstrap import Platform, bootstrap
from keten.consumers import Consumers
from keten.doorbell import Doorbell
from keten.health import Watched, pipeline_health
from keten.roles.consuming import consuming
from keten.roles.gateway import serve_gateway
from keten.roles.kafka import kafka
from keten.roles.lifecycle import together
from keten.roles.mailing import mail_until
from keten.roles.relaying import relaying
from keten.roles.sweeper import sweep_hourly
from relay.relay import Relay

IDLE_POLL_SECONDS = 1.0  # a relay idle for a second looks for other processes' writes this often


@dataclass(frozen=True)
class Pipeline:
    relays: list[Relay]
    consumers: Consumers

    def watched(self) -> Watched:
        """Everything: the relays publishing here, every consumer and its dead letters."""
        handlers = self.consumers.handlers
        return Watched(lambda: self.relays, lambda: handlers, self.consumers, relays_running=True)


@contextlib.asynccontextmanager
async def pipeline(platform: Platform, bootstrap_servers: str) -> AsyncIterator[Pipeline]:
    """Every relay and every consumer: what carries events from the stores to the views."""
    partitions = platform.settings.topic_partitions
    handlers = platform.built(platform.handlers)
    # The embedded broker waits out every fetch: the relays here tell the consumers when to read.
    doorbell = Doorbell() if platform.settings.embedded_broker else None
    sources = platform.sources()
    platform.checkpoints.start()
    try:
        async with (
            relaying(platform, bootstrap_servers) as relays,
            consuming(bootstrap_servers, partitions, handlers, sources, doorbell=doorbell) as consumers,
        ):
            if doorbell is not None:  # one process: every save here wakes its relay (keten.roles.relaying)
                for relay in relays:
                    relay.on_published = doorbell.ring
                    relay.idle_poll_seconds = IDLE_POLL_SECONDS
            yield Pipeline(relays, consumers)
    finally:
        platform.checkpoints.stop()


async def serve(settings: Settings, stop: asyncio.Event, on_ready: list[str] | None = None) -> None:
    platform = bootstrap(settings)

    def announce() -> None:
        for line in on_ready or ():
            print(line, flush=True)
        url = f"http://{settings.host}:{settings.port}"
        print(f"keten is ready: the web pages at {url}/ and GraphiQL at {url}/graphql", flush=True)

    try:
        with kafka(settings) as bootstrap_servers:
            async with pipeline(platform, bootstrap_servers) as running:
                services = platform.built(lambda: platform.services)
                health = pipeline_health(settings, running.watched())
                gateway = serve_gateway(settings, services, stop, health, on_started=announce)
                mailing = mail_until(stop, platform.send_match_mail)
                await together(stop, sweep_hourly(platform, stop), mailing, gateway)
    finally:
        platform.close()

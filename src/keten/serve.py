"""`keten serve`: the whole platform in one process — broker, relays, consumers, gateway."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import threading
from collections.abc import AsyncIterator, Iterator

import uvicorn

from domain.base import KetenApplication
from gateway.app import build_asgi
from gateway.transport import LimitedTransport, TransportLimits
from kernel.settings import Settings
from keten.bootstrap import SCHEMAS_DIR, Platform, bootstrap
from keten.consumers import Consumers
from keten.youth_keys import sweep_verwijsindex

log = logging.getLogger("keten")


@contextlib.contextmanager
def kafka(settings: Settings):  # type: ignore[no-untyped-def]
    """The configured Kafka, or the embedded broker enforcing schemas/events."""
    if not settings.embedded_broker:
        yield settings.kafka_bootstrap_servers
        return
    from keten.broker import EmbeddedBroker
    from keten.schema_registry import build_registry

    work_dir = settings.data_dir / "broker"
    build_registry(SCHEMAS_DIR / "events", work_dir / "registry")
    broker = EmbeddedBroker(work_dir / "registry", work_dir, port=None)
    broker.start()
    try:
        yield broker.bootstrap_servers
    finally:
        broker.stop()


@contextlib.asynccontextmanager
async def pipeline(platform: Platform, bootstrap_servers: str) -> AsyncIterator[Consumers]:
    """Relays in threads (kafka-python is blocking), consumers on the event loop."""
    stop = threading.Event()
    relays = platform.relays(bootstrap_servers)
    for relay in relays:
        relay.ensure_topics()
    for relay in relays:
        if isinstance(relay.app, KetenApplication):
            relay.app.on_saved = relay.wake.set
    poll = platform.settings.relay_poll_seconds
    threads = [
        threading.Thread(target=r.run, args=(stop, poll), daemon=True, name=f"relay-{r.app.name}")
        for r in relays
    ]
    for thread in threads:
        thread.start()
    consumers = Consumers(bootstrap_servers, platform.settings.topic_partitions, platform.handlers())
    await consumers.start()
    try:
        yield consumers
    finally:
        await consumers.stop()
        stop.set()
        for relay in relays:
            relay.wake.set()
        for thread in threads:
            thread.join(timeout=10)


async def sweep_daily(platform: Platform, every_seconds: float = 3600.0) -> None:
    """Ends expired signals, purges archives and shreds finished records' keys; hourly, so a
    day's expiries land that day."""
    while True:
        result, shredded = await asyncio.to_thread(
            sweep_verwijsindex, platform.multisignaal, platform.keystore
        )
        if result.expired or result.purged or shredded:
            log.info(
                "sweep: %d signals expired, %d archives purged, %d youth keys destroyed",
                *(result.expired, result.purged, len(shredded)),
            )
        await asyncio.sleep(every_seconds)


class GatewayServer(uvicorn.Server):
    """uvicorn re-raises a caught SIGINT/SIGTERM when it stops serving, which would cut our
    own shutdown short (relays, consumers, the broker); here a signal only stops serving."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        handled = (signal.SIGINT, signal.SIGTERM)
        original = {sig: signal.signal(sig, self.handle_exit) for sig in handled}
        try:
            yield
        finally:
            for sig, handler in original.items():
                signal.signal(sig, handler)


async def serve(settings: Settings, on_ready: list[str] | None = None) -> None:
    platform = bootstrap(settings)
    ready = threading.Event()
    with kafka(settings) as bootstrap_servers:
        async with pipeline(platform, bootstrap_servers):
            sweeper = asyncio.create_task(sweep_daily(platform))
            limits = TransportLimits(settings.max_body_bytes, settings.request_timeout_seconds)
            config = uvicorn.Config(
                LimitedTransport(build_asgi(platform.services, ready.is_set), limits),
                host=settings.host,
                port=settings.port,
                log_level="warning",
                ws="websockets",
                ws_max_size=settings.max_body_bytes,
                lifespan="on",
            )
            server = GatewayServer(config)
            ready.set()
            for line in on_ready or ():
                print(line, flush=True)
            print(
                f"keten is ready: GraphiQL at http://{settings.host}:{settings.port}/graphql",
                flush=True,
            )
            try:
                await server.serve()
            finally:
                sweeper.cancel()
    platform.close()

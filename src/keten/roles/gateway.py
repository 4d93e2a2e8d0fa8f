"""The gateway role: GraphQL (and the web pages) over HTTP, on the platform's services."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterator

import uvicorn

from gateway.app import build_asgi
from gateway.context import Services
from gateway.health import Health
from gateway.transport import LimitedTransport, TransportLimits
from kernel.settings import Settings

STARTED_POLL_SECONDS = 0.02


class GatewayServer(uvicorn.Server):
    """uvicorn installs its own SIGINT/SIGTERM handlers and re-raises the signal when it stops;
    here the role's process owns the signals and stops the server through `stop`."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


async def serve_gateway(
    settings: Settings,
    services: Services,
    stop: asyncio.Event,
    health: Health | None = None,
    on_started: Callable[[], None] = lambda: None,
) -> None:
    """Serves until `stop` is set; `health` answers /readyz, `on_started` runs once listening."""
    limits = TransportLimits(settings.max_body_bytes, settings.request_timeout_seconds)
    config = uvicorn.Config(
        LimitedTransport(build_asgi(services, health), limits),
        host=settings.host,
        port=settings.port,
        log_level="warning",
        ws="websockets-sansio",
        ws_max_size=settings.max_body_bytes,
        lifespan="on",
    )
    await serve_until(GatewayServer(config), stop, "the gateway", on_started)


async def serve_until(
    server: uvicorn.Server, stop: asyncio.Event, what: str, on_started: Callable[[], None] = lambda: None
) -> None:
    """Serves until `stop` is set; `on_started` runs once listening. A server that never
    listened (the port taken) ends the role: serving nothing would look healthy to no one."""
    serving = asyncio.create_task(_serve(server))
    while not server.started and not serving.done():
        await asyncio.sleep(STARTED_POLL_SECONDS)
    if server.started:
        on_started()
    stopping = asyncio.create_task(stop.wait())
    await asyncio.wait([serving, stopping], return_when=asyncio.FIRST_COMPLETED)
    server.should_exit = True
    stopping.cancel()
    await serving
    if not server.started:
        config = server.config
        raise SystemExit(f"keten: {what} could not listen on {config.host}:{config.port}")


async def _serve(server: uvicorn.Server) -> None:
    try:
        await server.serve()
    except SystemExit:
        # uvicorn exits (code 3) when it cannot bind, from inside the task, which would end the
        # role with a bare traceback; `serve_until` says which server could not listen, and where.
        if server.started:
            raise

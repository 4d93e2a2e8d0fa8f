"""/healthz, /readyz and /metrics of a role without a gateway (`--metrics-port`): a relay,
matcher or projector process answers for what it runs (`keten.health`)."""

from __future__ import annotations

import asyncio
from typing import Any

import uvicorn

from gateway.health import Health, alive, metrics, readiness, respond
from keten.roles.gateway import GatewayServer, serve_until


def monitoring_app(health: Health) -> Any:
    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        path = scope.get("path", "")
        if path == "/healthz":
            await alive(send)
        elif path == "/readyz":
            await readiness(send, health)
        elif path == "/metrics":
            await metrics(send, health)
        else:
            await respond(send, 404, {"error": "not found; /healthz, /readyz and /metrics live here"})

    return app


async def serve_monitoring(host: str, port: int, health: Health, stop: asyncio.Event) -> None:
    """Serves until `stop` is set."""
    config = uvicorn.Config(monitoring_app(health), host=host, port=port, log_level="warning", lifespan="off")
    await serve_until(GatewayServer(config), stop, "/metrics")

"""`serve_until`: the gateway's and /metrics' uvicorn serve until the role's stop, and a port
that is taken ends the role with a sentence naming the server and the address."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator

import httpx
import pytest
import uvicorn

from gateway.health import NothingChecked
from keten.roles.gateway import GatewayServer, serve_until
from keten.roles.monitoring import monitoring_app, serve_monitoring


@pytest.fixture
def held_port() -> Iterator[int]:
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        held.listen()
        yield held.getsockname()[1]


async def test_a_taken_port_ends_the_role_naming_the_server_and_the_address(held_port: int) -> None:
    with pytest.raises(SystemExit, match=f"keten: /metrics could not listen on 127.0.0.1:{held_port}"):
        # Awaited in the test's own task: a SystemExit from another task would leave the loop.
        await serve_monitoring("127.0.0.1", held_port, NothingChecked(), asyncio.Event())


async def test_it_serves_once_listening_and_returns_when_stopped() -> None:
    config = uvicorn.Config(monitoring_app(NothingChecked()), host="127.0.0.1", port=0, lifespan="off")
    server, stop, listening = GatewayServer(config), asyncio.Event(), asyncio.Event()
    serving = asyncio.create_task(serve_until(server, stop, "/metrics", listening.set))
    await asyncio.wait_for(listening.wait(), 10)
    port = server.servers[0].sockets[0].getsockname()[1]
    async with httpx.AsyncClient() as client:
        assert (await client.get(f"http://127.0.0.1:{port}/healthz")).status_code == 200
    stop.set()
    await asyncio.wait_for(serving, 10)

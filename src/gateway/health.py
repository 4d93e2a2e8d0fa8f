"""/healthz, /readyz and /metrics: what an orchestrator and Prometheus ask the gateway.

- `/healthz`: the process is alive and answers (200 `alive`); nothing else is checked, so a
  restart is never ordered for a broker that is away.
- `/readyz`: 200 `ready` when the stores and the broker answer, every relay and consumer is
  within its lag bound and nothing is parked or dead-lettered; else 503 with what is wrong.
- `/metrics`: Prometheus text; the gauges are refreshed by the same check first.

What is checked is composed outside the gateway (`keten.health`), which knows the pipeline.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Protocol

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest


class Health(Protocol):
    async def problems(self) -> Sequence[str]:
        """What keeps keten from being ready, one short line each; empty when it is ready."""


class NothingChecked:
    """A gateway on its own, without a pipeline to look at: ready when it answers."""

    async def problems(self) -> Sequence[str]:
        return ()


async def alive(send: Any) -> None:
    await respond(send, 200, {"status": "alive"})


async def readiness(send: Any, health: Health) -> None:
    problems = list(await health.problems())
    if problems:
        await respond(send, 503, {"status": "not ready", "problems": problems})
    else:
        await respond(send, 200, {"status": "ready"})


async def metrics(send: Any, health: Health) -> None:
    await health.problems()  # sets the gauges
    await _send(send, 200, CONTENT_TYPE_LATEST.encode(), generate_latest())


async def respond(send: Any, status: int, body: dict[str, Any]) -> None:
    await _send(send, status, b"application/json", json.dumps(body).encode())


async def _send(send: Any, status: int, content_type: bytes, payload: bytes) -> None:
    headers = [(b"content-type", content_type), (b"content-length", str(len(payload)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})

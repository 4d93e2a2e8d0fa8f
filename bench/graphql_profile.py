"""(d), where a `myMatches` request's time goes: the gateway's ASGI app in process (httpx's ASGI
transport, one request at a time), its services wrapped so that every call of a part is timed.

The parts the issue names: the token check (signature, expiry, revocation), the view reads
(the matches and regie views and the identity directory the answer names), and the access
log write (the request's lines stored before it is answered). What is left is strawberry's
execution of the document and the HTTP handling around it.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

import httpx

from bench.stats import ms, percentile
from gateway.access.group_commit import GroupCommit
from gateway.access.readmodels import AccessLog
from gateway.app import build_asgi
from gateway.context import Services
from gateway.transport import LimitedTransport, TransportLimits
from keten.bootstrap import Platform

TOKEN, VIEWS, ACCESS = "token check", "view reads", "access log write"
PARTS = (TOKEN, VIEWS, ACCESS)
REST = "strawberry execution and HTTP"


@dataclasses.dataclass(frozen=True)
class Breakdown:
    requests: int
    totals: list[float]  # seconds per request
    parts: dict[str, float]  # seconds over all requests, per part
    access_lines: int  # stored per request


class Timed:
    """Every method call of `target` adds its time to `spent[part]`."""

    def __init__(self, target: Any, part: str, spent: dict[str, float]) -> None:
        self._target, self._part, self._spent = target, part, spent

    def __getattr__(self, name: str) -> Any:
        found = getattr(self._target, name)
        return timed(found, self._part, self._spent) if callable(found) else found


def timed(call: Callable[..., Any], part: str, spent: dict[str, float]) -> Callable[..., Any]:
    def measured(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return call(*args, **kwargs)
        finally:
            spent[part] += time.perf_counter() - started

    return measured


def profile_my_matches(platform: Platform, query: str, token: str, requests: int) -> Breakdown:
    spent: dict[str, float] = defaultdict(float)
    lines: list[int] = []
    services = _timed_services(platform.services, platform, spent, lines)
    app = LimitedTransport(build_asgi(services), TransportLimits())
    totals = asyncio.run(_requests(app, query, token, requests))
    return Breakdown(requests, totals, dict(spent), max(lines, default=0))


def _timed_services(
    services: Services, platform: Platform, spent: dict[str, float], lines: list[int]
) -> Services:
    def record(batch: Any) -> object:
        lines.append(len(batch))
        return platform.access.record(batch)

    store = timed(record, ACCESS, spent)
    return dataclasses.replace(
        services,
        verifier=Timed(services.verifier, TOKEN, spent),  # type: ignore[arg-type]
        matches=Timed(services.matches, VIEWS, spent),  # type: ignore[arg-type]
        match_regie=Timed(services.regie, VIEWS, spent),  # type: ignore[arg-type]
        identity=Timed(services.identity, VIEWS, spent),  # type: ignore[arg-type]
        access_log=AccessLog(record=store, view=services.access.view, together=GroupCommit(store)),
    )


async def _requests(app: Any, query: str, token: str, requests: int) -> list[float]:
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 40000))
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(transport=transport, base_url="http://keten") as client:
        totals = []
        for _ in range(requests):
            started = time.perf_counter()
            response = await client.post("/graphql", json={"query": query}, headers=headers)
            totals.append(time.perf_counter() - started)
            if response.status_code != 200 or response.json().get("errors"):
                raise RuntimeError(f"myMatches failed while profiling: {response.text[:300]}")
        return totals


def breakdown_lines(result: Breakdown) -> list[str]:
    total = sum(result.totals)
    parts = {part: result.parts.get(part, 0.0) for part in PARTS}
    parts[REST] = max(total - sum(parts.values()), 0.0)
    shares = ", ".join(
        f"{part} {ms(seconds / result.requests)} ({seconds / total:.0%})" for part, seconds in parts.items()
    )
    p50 = ms(percentile(result.totals, 50))
    return [
        f"graphql myMatches, where a request's time goes ({result.requests} requests in process, one at a "
        f"time, {result.access_lines} access lines stored per request): p50 {p50}; per request {shares}"
    ]

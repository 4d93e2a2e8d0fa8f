"""(e) The web pages beside GraphQL, in the same run: "Mijn matches" for a professional with 200
matches against the `myMatches` query with the same fields, and the "Signaal afgeven" round trip
(form POST, rendered answer) against the `registerSignal` mutation. Both faces run in this
process on the same platform, through the whole gateway ASGI app (httpx's ASGI transport, no
socket), one page request and one GraphQL request alternating, so both see the same state."""

from __future__ import annotations

import asyncio
import random
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import httpx

from bench.graphql_fill import matches_of
from bench.refs import unique_bsns, youth_birth_date
from bench.stack import MUNICIPALITY, embedded_broker, temp_dir
from bench.stats import ms, percentile
from gateway.app import build_asgi
from gateway.web.signals import REGISTER
from kernel.settings import Settings
from keten.bootstrap import Platform, bootstrap
from keten.progress import Progress
from keten.serve import pipeline

SETTLE_SECONDS = 120.0
MY_MATCHES = """query { myMatches { id since
  counterparts { professionalId since organisation { name sector } professional { name email phone } } } }"""
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@dataclass
class WebSamples:
    page_matches: list[float] = field(default_factory=list)
    graphql_matches: list[float] = field(default_factory=list)
    page_signal: list[float] = field(default_factory=list)
    graphql_signal: list[float] = field(default_factory=list)
    matches: int = 0


def run_web(requests: int, matches: int = 200, seed: int = 5) -> WebSamples:
    with temp_dir("keten-bench-web-") as work, embedded_broker(work / "broker") as broker:
        # Registrations are throttled per professional and hour; the bench registers hundreds.
        platform = bootstrap(Settings(data_dir=work / "data", signals_per_hour=100_000))
        try:
            token, settled = matches_of(platform, matches)
            return asyncio.run(_measure(platform, broker.bootstrap_servers, token, settled, requests, seed))
        finally:
            platform.close()


async def _measure(
    platform: Platform, servers: str, token: str, settled: Callable[[], bool], requests: int, seed: int
) -> WebSamples:
    async with pipeline(platform, servers):
        deadline = time.monotonic() + SETTLE_SECONDS
        while not settled():
            if time.monotonic() > deadline:
                raise TimeoutError("the matches view did not settle")
            await asyncio.sleep(0.2)
        transport = httpx.ASGITransport(app=build_asgi(platform.services))
        async with httpx.AsyncClient(transport=transport, base_url="http://keten.bench") as client:
            return await _both_faces(platform, client, token, requests, seed)


async def _both_faces(
    platform: Platform, client: httpx.AsyncClient, token: str, requests: int, seed: int
) -> WebSamples:
    samples, bearer = WebSamples(), {"Authorization": f"Bearer {token}"}
    mentor = platform.services.verifier.verify(token, platform.clock()).professional
    link = platform.services.web.accounts.sign_in_link(str(mentor), platform.clock())
    await client.get(link.removeprefix(platform.settings.base_url))
    csrf = CSRF.findall((await client.get("/signalen/nieuw")).text)[0]
    rng, today = random.Random(seed), platform.clock().date()
    bsns = iter(unique_bsns(rng, 2 * requests))
    progress = Progress("web pages and GraphQL, alternating", requests)
    for _ in range(requests):
        page = await _timed(client.get("/matches"), samples.page_matches)
        query = await _timed(
            client.post("/graphql", json={"query": MY_MATCHES}, headers=bearer), samples.graphql_matches
        )
        samples.matches = page.text.count("data-match=")
        assert len(query.json()["data"]["myMatches"]) == samples.matches, "both faces show the same"
        youth = {"birthDate": youth_birth_date(rng, today).isoformat(), "municipalityCode": MUNICIPALITY}
        form = {"csrf": csrf, "bsn": next(bsns), **youth}
        await _timed(client.post("/signalen/nieuw", data=form), samples.page_signal)
        mutation = {"query": REGISTER, "variables": {"input": {"bsn": next(bsns), **youth}}}
        await _timed(client.post("/graphql", json=mutation, headers=bearer), samples.graphql_signal)
        progress.advance()
    progress.close()
    return samples


async def _timed(request: Awaitable[httpx.Response], into: list[float]) -> httpx.Response:
    """Times the request from its first step (a coroutine does nothing until awaited)."""
    started = time.perf_counter()
    response = await request
    into.append(time.perf_counter() - started)
    refused = response.headers["content-type"].startswith("application/json") and response.json().get(
        "errors"
    )
    if response.status_code != 200 or refused:
        raise RuntimeError(f"bench request failed: {response.status_code} {response.text[:200]}")
    return response


def web_lines(samples: WebSamples) -> list[str]:
    count = len(samples.page_matches)
    return [
        f"web: {count} requests per face, page and GraphQL alternating in one process on one platform "
        "(gateway ASGI app over httpx's ASGI transport: no socket; access log stored before answering)",
        f"web Mijn matches page ({samples.matches} matches): {_p(samples.page_matches)}",
        f"web GraphQL myMatches, same fields ({samples.matches} matches): {_p(samples.graphql_matches)}",
        f"web Signaal afgeven round trip (form POST, rendered answer): {_p(samples.page_signal)}",
        f"web GraphQL registerSignal, same fields: {_p(samples.graphql_signal)}",
        f"web page/GraphQL p50 ratio: Mijn matches {_ratio(samples.page_matches, samples.graphql_matches)}, "
        f"Signaal afgeven {_ratio(samples.page_signal, samples.graphql_signal)}",
    ]


def _p(samples: list[float]) -> str:
    return f"p50 {ms(percentile(samples, 50))}, p99 {ms(percentile(samples, 99))}"


def _ratio(page: list[float], graphql: list[float]) -> str:
    return f"{percentile(page, 50) / percentile(graphql, 50):.2f}"

"""(h) Case pages beside the GraphQL queries that feed them: the werkvoorraad of a Veilig Thuis
with 1,000 open cases beside `deadlines`, and a case page with 200 dossier lines beside `case`.
Both through the gateway's own ASGI app (what `keten gateway` serves), in this process, one
request at a time, page and query alternating, so each pair meets the same machine state. The
page signs in by its session cookie, the query by its bearer token; both write the access log.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from uuid import UUID

import httpx

from bench.graphql_fill import _melding, deadlines_of
from bench.stack import embedded_broker, platform_in, temp_dir
from bench.stats import ms, percentile
from gateway.app import build_asgi
from gateway.web.cases.operations import CASE, DEADLINES
from gateway.web.page import SESSION_COOKIE
from keten.bootstrap import Platform
from keten.progress import Progress
from keten.serve import pipeline

WARMUP = 10
SETTLE_SECONDS = 300.0


@dataclass(frozen=True)
class PagePair:
    name: str
    page: list[float]
    query: list[float]


@dataclass(frozen=True)
class Fixture:
    token: str
    cookie: str
    case_id: UUID


def run_pages(requests: int, cases: int = 1000, lines: int = 200) -> list[PagePair]:
    with (
        temp_dir("keten-bench-pages-") as work,
        embedded_broker(work / "broker") as broker,
        platform_in(work / "data") as platform,
    ):
        fixture = _fill(platform, cases, lines)
        asyncio.run(_settle(platform, broker.bootstrap_servers, fixture, cases, lines))
        return asyncio.run(_measure(platform, fixture, requests))


def _fill(platform: Platform, cases: int, lines: int) -> Fixture:
    token, _ = deadlines_of(platform, cases)
    worker = platform.services.verifier.verify(token, platform.clock())
    assert worker.organisation_id is not None
    case_id = platform.cases.receive_melding(_melding(worker.organisation_id))
    [person] = platform.cases.repository.get(case_id).betrokkenen
    progress = Progress("dossier lines of one case", lines)
    for number in range(lines):
        platform.cases.add_statement(case_id, person, f"verklaring {number}")
        progress.advance()
    progress.close()
    cookie, _ = platform.services.web.sessions.start(str(worker.professional), platform.clock())
    return Fixture(token, cookie, case_id)


async def _settle(platform: Platform, servers: str, fixture: Fixture, cases: int, lines: int) -> None:
    vt_cases = platform.case_views[0]

    def settled() -> bool:
        row = vt_cases.case(str(fixture.case_id))
        return row is not None and len(row.dossier) >= lines and len(_deadlines(platform, fixture)) > cases

    async with pipeline(platform, servers):
        deadline = time.monotonic() + SETTLE_SECONDS
        while not settled():
            if time.monotonic() > deadline:
                raise TimeoutError("the case views did not settle")
            await asyncio.sleep(0.2)


def _deadlines(platform: Platform, fixture: Fixture) -> list[object]:
    worker = platform.services.verifier.verify(fixture.token, platform.clock())
    return list(platform.case_views[0].deadlines(str(worker.organisation_id)))


async def _measure(platform: Platform, fixture: Fixture, requests: int) -> list[PagePair]:
    transport = httpx.ASGITransport(app=build_asgi(platform.services))
    cookies, bearer = {SESSION_COOKIE: fixture.cookie}, {"Authorization": f"Bearer {fixture.token}"}
    async with httpx.AsyncClient(transport=transport, base_url="http://bench", cookies=cookies) as http:
        pairs = [
            ("werkvoorraad", "/werkvoorraad", {"query": DEADLINES}),
            (
                "case",
                f"/zaken/{fixture.case_id}",
                {"query": CASE, "variables": {"id": str(fixture.case_id)}},
            ),
        ]
        results = []
        for name, path, body in pairs:
            page, query = [], []
            progress = Progress(f"{name} and its query", WARMUP + requests)
            for number in range(WARMUP + requests):
                page_seconds = await _timed(http.get(path), "<h1>")
                query_seconds = await _timed(http.post("/graphql", json=body, headers=bearer), '"data"')
                if number >= WARMUP:
                    page.append(page_seconds)
                    query.append(query_seconds)
                progress.advance()
            progress.close()
            results.append(PagePair(name, page, query))
        return results


async def _timed(request: object, expected: str) -> float:
    started = time.perf_counter()
    response: httpx.Response = await request  # type: ignore[misc]
    elapsed = time.perf_counter() - started
    if response.status_code != 200 or expected not in response.text or '"errors"' in response.text:
        raise RuntimeError(f"unexpected answer {response.status_code}: {response.text[:300]}")
    return elapsed


def page_lines(pairs: list[PagePair], cases: int = 1000, lines: int = 200) -> list[str]:
    what = {
        "werkvoorraad": f"{cases:,} open cases, `deadlines`",
        "case": f"{lines} dossier lines, `case`",
    }
    out = []
    for pair in pairs:
        page50, query50 = percentile(pair.page, 50), percentile(pair.query, 50)
        out += [
            f"{pair.name} ({what[pair.name]}): {len(pair.page)} requests each, in process over ASGI, "
            "page and query alternating",
            f"{pair.name} page p50: {ms(page50)}, p99: {ms(percentile(pair.page, 99))}",
            f"{pair.name} GraphQL p50: {ms(query50)}, p99: {ms(percentile(pair.query, 99))}",
            f"{pair.name} page/GraphQL p50 ratio: {page50 / query50:.2f}",
        ]
    return out

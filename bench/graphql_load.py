"""(d) GraphQL under load: `myMatches` (a professional with 20 matches) and `deadlines` (a Veilig
Thuis with 1,000 open cases), 32 connections from `wrk`, against `keten gateway` and against a
bare ASGI app answering the very bytes the gateway answered, under the same server, one after
the other in the same run. The gateway does all it does in production: verifies the token,
reads the view, runs strawberry, and writes the access log of a read of personal data.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench.graphql_fill import deadlines_of, matches_of
from bench.graphql_profile import Breakdown, profile_my_matches
from bench.load import Load, post_script, run_load
from bench.stack import embedded_broker, platform_in, temp_dir
from keten.bootstrap import Platform
from keten.broker import free_loopback_port
from keten.progress import Progress
from keten.serve import pipeline

KETEN = Path(sys.executable).with_name("keten")
WARMUP_SECONDS = 2.0
SETTLE_SECONDS = 300.0
MY_MATCHES = "{ myMatches { id since counterparts { professionalId since organisation { name } professional { name email phone } } } }"  # noqa: E501
DEADLINES = "{ deadlines { caseId kind due overdue } }"


@dataclass(frozen=True)
class Scenario:
    name: str
    query: str
    token: str
    settled: Callable[[], bool]  # the view holds everything the scenario made


@dataclass(frozen=True)
class Comparison:
    name: str
    keten: Load
    bare: Load
    answer_bytes: int


@dataclass(frozen=True)
class GraphqlRun:
    comparisons: list[Comparison]
    breakdown: Breakdown  # where a myMatches request's time goes


PROFILED_REQUESTS = 200


def run_graphql(seconds: float, matches: int = 20, cases: int = 1000) -> GraphqlRun:
    with temp_dir("keten-bench-graphql-") as work, embedded_broker(work / "broker") as broker:
        data = work / "data"
        with platform_in(data) as platform:
            scenarios = [
                Scenario("myMatches", MY_MATCHES, *matches_of(platform, matches)),
                Scenario("deadlines", DEADLINES, *deadlines_of(platform, cases)),
            ]
            asyncio.run(_settle(platform, broker.bootstrap_servers, scenarios))
            breakdown = profile_my_matches(platform, MY_MATCHES, scenarios[0].token, PROFILED_REQUESTS)
        return GraphqlRun([_compare(work, data, scenario, seconds) for scenario in scenarios], breakdown)


async def _settle(platform: Platform, servers: str, scenarios: list[Scenario]) -> None:
    async with pipeline(platform, servers):
        deadline = time.monotonic() + SETTLE_SECONDS
        while not all(scenario.settled() for scenario in scenarios):
            if time.monotonic() > deadline:
                raise TimeoutError("the views did not settle")
            await asyncio.sleep(0.2)


def _compare(work: Path, data: Path, scenario: Scenario, seconds: float) -> Comparison:
    script = post_script(work, scenario.name, {"query": scenario.query}, scenario.token)
    port = free_loopback_port()
    url = f"http://127.0.0.1:{port}/graphql"
    with _server([str(KETEN), "gateway", "--data-dir", str(data), "--port", str(port)], port) as pid:
        answer = _answer(url, scenario)
        run_load(url, script, WARMUP_SECONDS, pid)
        keten = _measured(f"{scenario.name} on keten gateway", url, script, seconds, pid)
    body = work / f"{scenario.name}.json"
    body.write_bytes(answer)
    port = free_loopback_port()
    url = f"http://127.0.0.1:{port}/graphql"
    with _server([sys.executable, "-m", "bench.bare_app", str(port), str(body)], port) as pid:
        run_load(url, script, WARMUP_SECONDS, pid)
        bare = _measured(f"{scenario.name} on the bare app", url, script, seconds, pid)
    return Comparison(scenario.name, keten, bare, len(answer))


def _measured(label: str, url: str, script: Path, seconds: float, pid: int) -> Load:
    progress = Progress(label, 1)
    load = run_load(url, script, seconds, pid)
    progress.advance()
    progress.close()
    return load


def _answer(url: str, scenario: Scenario) -> bytes:
    headers = {"Authorization": f"Bearer {scenario.token}"}
    response = httpx.post(url, json={"query": scenario.query}, headers=headers, timeout=30)
    body = response.json()
    if response.status_code != 200 or body.get("errors") or not body["data"][scenario.name]:
        raise RuntimeError(f"{scenario.name}: unexpected answer {response.status_code} {response.text[:300]}")
    return response.content


@contextlib.contextmanager
def _server(command: list[str], port: int) -> Iterator[int]:
    """A server process on a port, until the block ends; yields its pid."""
    env = {**os.environ, "KETEN_LOG_LEVEL": "WARNING", "PYTHONPATH": str(Path(__file__).parents[1])}
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not _answers(port):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{command[:2]} did not start")
            time.sleep(0.1)
        yield process.pid
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _answers(port: int) -> bool:
    try:
        httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1.0)
        return True
    except httpx.TransportError:
        return False

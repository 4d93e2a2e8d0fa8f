"""(g) Scale-out: match latency and signals/s with 1 and with 2 `keten matcher` + `keten projector`
processes, side by side in one run, on PostgreSQL and the embedded broker (`bench.roles`).

Each configuration starts on a fresh schema and broker: a relay, a gateway and N matchers and
projectors. Throughput: `pairs` young people, each signalled by a school's and a care
provider's professional, sent in random order by 8 clients at once through the gateway;
signals/s counts from the first request until every match is in the first professional's
`myMatches`. Latency: young people one at a time on a quiet pipeline, from the start of the
second registration until the first professional's `myMatches` shows the match (polled every
5 ms over HTTP).
"""

from __future__ import annotations

import random
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import httpx

from bench.refs import unique_bsns, youth_birth_date
from bench.roles import roles_on_postgres
from keten.progress import Progress

CLIENTS = 8
POLL_SECONDS = 0.005
WAIT_SECONDS = 120.0
ORG = "mutation ($i: RegisterOrganisationInput!) { registerOrganisation(input: $i) { id } }"
PRO = "mutation ($i: RegisterProfessionalInput!) { registerProfessional(input: $i) { token } }"
SIGNAL = "mutation ($i: RegisterSignalInput!) { registerSignal(input: $i) { signal { id } } }"
MATCHES = "{ myMatches { id } }"


@dataclass
class ScaleResult:
    instances: int
    signals: int = 0
    answered_seconds: float = 0.0
    settled_seconds: float = 0.0
    latency: list[float] = field(default_factory=list)


@dataclass
class Gateway:
    http: httpx.Client
    url: str

    def data(self, token: str, query: str, **variables: Any) -> dict[str, Any]:
        body = self.http.post(
            f"{self.url}/graphql", json={"query": query, "variables": variables},
            headers={"Authorization": f"Bearer {token}"},
        ).json()  # fmt: skip
        if body.get("errors"):
            raise RuntimeError(body["errors"])
        data: dict[str, Any] = body["data"]
        return data


def run_scale(pairs: int, latency_youths: int, seed: int = 5) -> list[ScaleResult]:
    return [_one_configuration(n, pairs, latency_youths, random.Random(seed)) for n in (1, 2)]


def _one_configuration(instances: int, pairs: int, latency_youths: int, rng: random.Random) -> ScaleResult:
    result = ScaleResult(instances)
    with roles_on_postgres(instances) as (roles, url), httpx.Client(timeout=60.0) as http:
        gateway, admin = Gateway(http, url), roles.keten("token", "--admin")
        couples = _couples(gateway, admin, pairs + latency_youths, rng)
        _throughput(gateway, couples[:pairs], result)
        progress = Progress(f"match latency, {instances} matcher(s) and projector(s)", latency_youths)
        for couple in couples[pairs:]:
            result.latency.append(_one_match(gateway, couple))
            progress.advance()
        progress.close()
    return result


Couple = tuple[dict[str, str], str, str]  # the young person's input, the two professionals' tokens


def _couples(gateway: Gateway, admin: str, count: int, rng: random.Random) -> list[Couple]:
    school = gateway.data(
        admin, ORG, i={"name": "School", "sector": "ONDERWIJS", "municipalityCode": "GM0363"}
    )
    care = gateway.data(admin, ORG, i={"name": "Zorg", "sector": "JEUGDHULP", "municipalityCode": "GM0363"})
    today = date.today()
    youths = [
        {"bsn": bsn, "birthDate": youth_birth_date(rng, today).isoformat(), "municipalityCode": "GM0363"}
        for bsn in unique_bsns(rng, count)
    ]
    progress = Progress("professionals", 2 * count)

    def professional(number: int) -> str:
        organisation = (school, care)[number % 2]["registerOrganisation"]["id"]
        pro = {"organisationId": organisation, "name": f"P {number}", "email": f"p{number}@bench.example",
               "phone": "0612345678", "roles": ["SIGNALLER"]}  # fmt: skip
        token: str = gateway.data(admin, PRO, i=pro)["registerProfessional"]["token"]
        progress.advance()
        return token

    with ThreadPoolExecutor(CLIENTS) as pool:
        tokens = list(pool.map(professional, range(2 * count)))
    progress.close()
    return [(youth, tokens[2 * n], tokens[2 * n + 1]) for n, youth in enumerate(youths)]


def _throughput(gateway: Gateway, couples: list[Couple], result: ScaleResult) -> None:
    work = [(youth, token) for youth, first, second in couples for token in (first, second)]
    random.Random(7).shuffle(work)
    progress = Progress(f"signals, {result.instances} matcher(s) and projector(s)", len(work))
    started = time.perf_counter()

    def register(item: tuple[dict[str, str], str]) -> None:
        gateway.data(item[1], SIGNAL, i=item[0])
        progress.advance()

    with ThreadPoolExecutor(CLIENTS) as pool:
        list(pool.map(register, work))
    progress.close()
    result.signals, result.answered_seconds = len(work), time.perf_counter() - started
    waiting = {first for _, first, _ in couples}
    deadline = time.perf_counter() + WAIT_SECONDS
    while waiting and time.perf_counter() < deadline:
        waiting = {token for token in waiting if not gateway.data(token, MATCHES)["myMatches"]}
    if waiting:
        raise TimeoutError(f"{len(waiting)} matches not visible after {WAIT_SECONDS:.0f} s")
    result.settled_seconds = time.perf_counter() - started


def _one_match(gateway: Gateway, couple: Couple) -> float:
    youth, first, second = couple
    gateway.data(first, SIGNAL, i=youth)
    started = time.perf_counter()
    gateway.data(second, SIGNAL, i=youth)
    deadline = started + WAIT_SECONDS
    while not gateway.data(first, MATCHES)["myMatches"]:
        if time.perf_counter() > deadline:
            raise TimeoutError("a match did not become visible")
        time.sleep(POLL_SECONDS)
    return time.perf_counter() - started

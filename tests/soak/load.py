"""The soak's load: clients, each one professional, mixing writes, queries and bad requests.

Every write whose mutation answered goes into the `Ledger`: the end check demands all of it
visible. A write whose answer was lost (keten was killed mid-request) may or may not have
happened; the ledger records that it may have.
"""

from __future__ import annotations

import asyncio
import json
import random
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from tests.soak.population import Member, Population

REGISTER = (
    "mutation ($input: RegisterSignalInput!) { registerSignal(input: $input) { signal { id status } } }"
)
WITHDRAW = (
    "mutation ($id: ID!, $why: WithdrawalReason!) { withdrawSignal(signalId: $id, reason: $why) { id } }"
)
RECEIVE = "mutation ($input: MeldingInput!) { receiveMelding(input: $input) { caseId } }"
QUERIES = (
    "{ mySignals { id status } }",
    "{ myMatches { id } }",
    "{ me { id } }",
    "{ myMeldingen { caseId } }",
)
OVERSIZED = json.dumps({"query": "{ me { id } }", "variables": {"x": "x" * 300_000}}).encode()
LOST = "CONNECTION_LOST"  # no answer: keten was away


@dataclass
class Ledger:
    signals: dict[str, tuple[str, frozenset[str]]] = field(default_factory=dict)  # id: (owner, statuses)
    meldingen: dict[str, set[str]] = field(default_factory=dict)  # professional id: case ids


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    codes: Counter[str] = field(default_factory=Counter)


class Client:
    def __init__(
        self, http: httpx.AsyncClient, me: Member, population: Population, ledger: Ledger, tally: Tally
    ) -> None:
        self.http, self.me, self.population, self.ledger, self.tally = http, me, population, ledger, tally
        self.rng = random.Random()

    async def run(self, until: float) -> None:
        actions: list[Callable[[], Awaitable[None]]] = [
            self.register,
            self.withdraw,
            self.melding,
            self.query,
            self.bad,
        ]
        while time.monotonic() < until:
            await self.rng.choices(actions, weights=(35, 10, 10, 35, 10))[0]()

    async def register(self) -> None:
        code, data = await self.gql(REGISTER, input=self.rng.choice(self.population.youths))
        if code == "OK":
            signal = data["registerSignal"]["signal"]
            self.ledger.signals[signal["id"]] = (self.me.id, frozenset({signal["status"]}))

    async def withdraw(self) -> None:
        mine = [
            s
            for s, (owner, statuses) in self.ledger.signals.items()
            if owner == self.me.id and statuses == {"ACTIVE"}
        ]
        if not mine:
            return await self.query()
        signal_id = self.rng.choice(mine)
        code, _ = await self.gql(WITHDRAW, id=signal_id, why=self.rng.choice(("UNJUSTIFIED", "RISK_GONE")))
        if code in ("OK", "ALREADY_WITHDRAWN"):
            self.ledger.signals[signal_id] = (self.me.id, frozenset({"WITHDRAWN"}))
        elif code == LOST:
            self.ledger.signals[signal_id] = (self.me.id, frozenset({"ACTIVE", "WITHDRAWN"}))
        return None

    async def melding(self) -> None:
        child = {"role": "CHILD", "name": "Soak Kind", "birthDate": "2016-05-01"}
        melding = {
            "veiligThuisId": self.population.veilig_thuis.organisation_id,
            "betrokkenen": [child],
            "concerns": "zorgen uit de soak",
            "concernKinds": ["NEGLECT"],
            "familyInformed": True,
        }
        code, data = await self.gql(RECEIVE, input=melding)
        if code == "OK":
            self.ledger.meldingen.setdefault(self.me.id, set()).add(data["receiveMelding"]["caseId"])

    async def query(self) -> None:
        await self.gql(self.rng.choice(QUERIES))

    async def bad(self) -> None:
        kind = self.rng.randrange(4)
        if kind == 0:
            await self.post(OVERSIZED, self.me.token)
        elif kind == 1:
            await self.post(b'"hello"', self.me.token)
        elif kind == 2:
            await self.post(json.dumps({"query": "{ me { id } }"}).encode(), "x.y")
        else:
            await self.gql(REGISTER, input={**self.population.youths[0], "bsn": "123456789"})

    async def gql(self, query: str, **variables: Any) -> tuple[str, Any]:
        return await self.post(json.dumps({"query": query, "variables": variables}).encode(), self.me.token)

    async def post(self, body: bytes, token: str) -> tuple[str, Any]:
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        started = time.monotonic()
        try:
            response = await self.http.post("/graphql", content=body, headers=headers)
        except httpx.TransportError:
            self.tally.codes[LOST] += 1
            await asyncio.sleep(0.2)  # keten is restarting: do not spin
            return LOST, None
        self.tally.latencies.append(time.monotonic() - started)
        code, data = _outcome(response)
        self.tally.codes[code] += 1
        return code, data


def _outcome(response: httpx.Response) -> tuple[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return f"HTTP_{response.status_code}_NOT_JSON", None
    errors = body.get("errors") if isinstance(body, dict) else None
    if errors:
        return str(errors[0].get("extensions", {}).get("code", f"HTTP_{response.status_code}")), None
    return ("OK", body["data"]) if response.status_code == 200 else (f"HTTP_{response.status_code}", None)

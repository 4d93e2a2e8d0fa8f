"""The load of the scale-out test: professionals of several organisations signal young people
through two gateways at once; a registration that gets no answer (its gateway was killed) is
sent again through the other one, as a client would (registerSignal returns the professional's
active signal when it was stored after all)."""

from __future__ import annotations

import itertools
import random
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import httpx
from tests.e2e.agencies import (
    REGISTER_SIGNAL,
    Organisation,
    Professional,
    Youth,
    random_municipality,
    register_organisation,
    register_professional,
)
from tests.e2e.harness import wait_until
from tests.e2e.roles import GatewayProcess

RETRY_WITHIN = 60.0  # seconds: a registration is sent again until a gateway answers it
CLIENTS = 8


@dataclass(frozen=True)
class Story:
    """One young person and the professionals who signal them (two organisations, or one)."""

    youth: Youth
    professionals: tuple[Professional, ...]


@dataclass
class Load:
    stories: list[Story]
    answered: dict[tuple[str, str], str] = field(default_factory=dict)  # (professional, bsn) -> signal id
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def registrations(self) -> list[tuple[Professional, Youth]]:
        return [(p, story.youth) for story in self.stories for p in story.professionals]

    def progress(self) -> float:
        with self.lock:
            return len(self.answered) / len(self.registrations)


def people(gateway: GatewayProcess, paired: int, alone: int, organisations: int = 3) -> Load:
    """`paired` young people signalled by a school's and a care provider's professional each,
    `alone` by one school's professional only; every professional signals one young person."""
    code = random_municipality()
    schools = [register_organisation(gateway, "ONDERWIJS", code) for _ in range(organisations)]  # type: ignore[arg-type]
    cares = [register_organisation(gateway, "JEUGDHULP", code) for _ in range(organisations)]  # type: ignore[arg-type]

    def story(number: int) -> Story:
        chosen: list[Organisation] = [schools[number % organisations]]
        if number < paired:
            chosen.append(cares[number % organisations])
        signallers = tuple(register_professional(gateway, o, "SIGNALLER") for o in chosen)  # type: ignore[arg-type]
        return Story(Youth.random(code), signallers)

    with ThreadPoolExecutor(CLIENTS) as pool:
        return Load(list(pool.map(story, range(paired + alone))))


def run(load: Load, gateways: list[GatewayProcess]) -> None:
    """Every registration, by CLIENTS clients spread over the gateways, until each is answered."""
    work = load.registrations
    random.shuffle(work)
    turns = itertools.count()
    with ThreadPoolExecutor(CLIENTS) as pool, httpx.Client(timeout=30.0) as http:

        def register(item: tuple[Professional, Youth]) -> None:
            professional, youth = item
            first = next(turns) % len(gateways)
            order = itertools.cycle(gateways[first:] + gateways[:first])
            signal_id = wait_until(
                lambda: _register(http, next(order), professional, youth), RETRY_WITHIN, "an answer"
            )
            with load.lock:
                load.answered[(professional.id, youth.bsn)] = signal_id

        list(pool.map(register, work))


def _register(
    http: httpx.Client, gateway: GatewayProcess, professional: Professional, youth: Youth
) -> str | None:
    try:
        response = http.post(
            f"{gateway.url}/graphql",
            json={"query": REGISTER_SIGNAL, "variables": {"input": youth.as_input()}},
            headers={"Authorization": f"Bearer {professional.token}"},
        )
    except httpx.TransportError:
        return None  # killed or not back yet: the client tries the other gateway
    body: dict[str, Any] = response.json()
    assert not body.get("errors"), body["errors"]
    signal_id: str = body["data"]["registerSignal"]["signal"]["id"]
    return signal_id

"""Whether keten is ready, and the gauges of /metrics (`gateway.health` serves both).

Each process answers for what it can see. The relays' positions and parked records and the
consumers' dead letters live in the stores, so a gateway reads them for the whole platform;
a relay running in this process adds its broker's state, and consumers running in this process
add their lag. `keten serve` runs everything, so its /readyz covers the whole pipeline; a
`keten relay|matcher|projector` answers for itself on its `--metrics-port`.

A check reads the stores, so it runs at most once per `every_seconds`; requests in between get
the last answer (a flood of /readyz costs nothing).
"""

from __future__ import annotations

import asyncio
import functools
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kernel.deadletters import DEAD
from kernel.failures import ENVIRONMENT
from kernel.metrics import DEAD_LETTERS, READY, RELAY_HELD, RELAY_LAG, RELAY_PARKED
from kernel.settings import Settings
from keten.consumer_lag import consumer_lags
from keten.consumers import Consumers
from keten.delivery import Handler
from relay.relay import Relay
from relay.status import status_of

if TYPE_CHECKING:
    from keten.bootstrap import Platform

CHECK_EVERY_SECONDS = 1.0


@dataclass(frozen=True)
class LagBounds:
    relay: int  # records recorded but not yet published
    consumer: int  # records on Kafka not yet read


@dataclass
class Watched:
    """What one process looks at; built on first use (a store opens only when checked)."""

    relays: Callable[[], Sequence[Relay]] = lambda: ()
    handlers: Callable[[], Sequence[Handler]] = lambda: ()
    consumers: Consumers | None = None
    relays_running: bool = False  # the relays publish in this process: their broker state counts


class PipelineHealth:
    def __init__(
        self, watched: Watched, bounds: LagBounds, every_seconds: float = CHECK_EVERY_SECONDS
    ) -> None:
        self.watched, self.bounds, self.every_seconds = watched, bounds, every_seconds
        self._lock = asyncio.Lock()
        self._checked_at: float | None = None
        self._problems: list[str] = []

    async def problems(self) -> Sequence[str]:
        async with self._lock:
            now = time.monotonic()
            if self._checked_at is None or now - self._checked_at >= self.every_seconds:
                found = await asyncio.to_thread(self._from_stores)
                if self.watched.consumers is not None:
                    found += await consumer_lags(self.watched.consumers, self.bounds.consumer)
                self._problems, self._checked_at = found, time.monotonic()
                READY.set(0 if found else 1)
            return list(self._problems)

    def _from_stores(self) -> list[str]:
        try:
            relays, handlers = self.watched.relays(), self.watched.handlers()
            return [*self._relays(relays), *self._dead_letters(handlers)]
        except ENVIRONMENT as error:
            return [f"store: not readable ({type(error).__name__})"]

    def _relays(self, relays: Sequence[Relay]) -> list[str]:
        found = []
        for relay in relays:
            status = status_of(relay)
            RELAY_LAG.labels(relay.name).set(status.lag)
            RELAY_PARKED.labels(relay.name).set(status.parked)
            RELAY_HELD.labels(relay.name).set(status.held)
            if status.lag > self.bounds.relay:
                found.append(f"relay {relay.name}: more than {self.bounds.relay} events not yet published")
            if status.parked:
                found.append(
                    f"relay {relay.name}: {status.parked} parked, {status.held} held "
                    "(`keten relay status`, `keten relay retry`)"
                )
            if self.watched.relays_running and relay.broker_error is not None:
                found.append(f"broker: relay {relay.name} cannot publish ({relay.broker_error})")
        return found

    def _dead_letters(self, handlers: Sequence[Handler]) -> list[str]:
        found = []
        for handler in handlers:
            dead = sum(1 for letter in handler.open_letters() if letter.state == DEAD)
            DEAD_LETTERS.labels(handler.name).set(dead)
            if dead:
                found.append(
                    f"consumer {handler.name}: {dead} dead letters (`keten deadletter list`, "
                    "`keten deadletter replay`)"
                )
        return found


def pipeline_health(settings: Settings, watched: Watched) -> PipelineHealth:
    return PipelineHealth(watched, LagBounds(settings.ready_relay_lag, settings.ready_consumer_lag))


def from_the_stores(platform: Platform) -> Watched:
    """What a process that runs no pipeline of its own (a gateway) can see: every relay's
    position and parked records, every consumer's dead letters."""
    # Asked where they stand only: these relays never contact a broker.
    relays = functools.cache(lambda: platform.built(lambda: platform.relays("")))
    handlers = functools.cache(lambda: platform.built(platform.handlers))
    return Watched(relays=relays, handlers=handlers)

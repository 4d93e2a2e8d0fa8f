"""(a) Match latency on the embedded stack: real Tansu, SQLite, the real relays and consumers.

For each young person, one at a time: professional A of the school signals; we wait until
that signal has gone all the way through (the matcher has recorded it and A's mySignals shows
it), so the next step starts from a quiet pipeline. Then professional B of a jeugdhulp
organisation signals the same young person, and we time from the *start* of that call until
A's matches view shows B as counterpart: write, relay, Kafka, matcher, relay, Kafka, view.
Every young person gets a fresh pair of professionals, so each view query costs the same.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from bench.raw_hops import run_raw_hops
from bench.refs import unique_bsns, youth_birth_date
from bench.stack import MUNICIPALITY, embedded_broker, platform_in, register_organisation, temp_dir
from bench.stages import StageClock, stage_deltas, watch
from domain.identity.model import Sector
from keten.bootstrap import Platform
from keten.progress import Progress
from keten.serve import pipeline

# The bench looks again whenever a stage is stamped (a view committed, a record was handled),
# and at least this often: a look costs a view query under the pipeline's interpreter lock, and
# a 1 ms poll added up to a millisecond of its own to every sample.
POLL_SECONDS = 0.005
WAIT_TIMEOUT_SECONDS = 10.0
SIGNALS_SOURCE = "/keten/multisignaal"


@dataclass(frozen=True)
class Youth:
    bsn: str
    birth_date: date


@dataclass(frozen=True)
class Signaller:
    organisation_id: UUID
    professional_id: UUID


@dataclass
class LatencySamples:
    """Seconds per young person; warm-up young people are not in here."""

    match_visible: list[float] = field(default_factory=list)  # second signal start -> in A's matches
    first_call: list[float] = field(default_factory=list)  # first register_signal call
    second_call: list[float] = field(default_factory=list)  # second register_signal call
    first_settled: list[float] = field(default_factory=list)  # first start -> matcher + mySignals
    raw_hops: list[float] = field(default_factory=list)  # produce, consume, produce, consume
    stages: list[dict[str, float]] = field(default_factory=list)  # second signal: bench.stages


@dataclass(frozen=True)
class Step:
    youth: Youth
    first: Signaller
    second: Signaller


def run_latency(youths: int, warmup: int, seed: int = 3) -> LatencySamples:
    rng = random.Random(seed)
    with (
        temp_dir("keten-bench-latency-") as work,
        embedded_broker(work / "broker") as broker,
        platform_in(work / "data") as platform,
    ):
        steps = _steps(platform, rng, youths + warmup)
        samples = asyncio.run(_measure_on_pipeline(platform, broker.bootstrap_servers, steps, warmup))
        samples.raw_hops = run_raw_hops(broker.bootstrap_servers, youths)
        return samples


def _steps(platform: Platform, rng: random.Random, count: int) -> list[Step]:
    school = register_organisation(platform, "School", Sector.ONDERWIJS, count)
    care = register_organisation(platform, "Jeugdhulp", Sector.JEUGDHULP, count)
    today = platform.clock().date()
    return [
        Step(
            Youth(bsn, youth_birth_date(rng, today)),
            Signaller(school.id, school.professionals[number]),
            Signaller(care.id, care.professionals[number]),
        )
        for number, bsn in enumerate(unique_bsns(rng, count))
    ]


async def _measure_on_pipeline(
    platform: Platform, bootstrap_servers: str, steps: list[Step], warmup: int
) -> LatencySamples:
    clock = StageClock()
    async with pipeline(platform, bootstrap_servers) as running:
        watch(platform, running, clock)
        return await asyncio.to_thread(_measure, platform, steps, warmup, clock)


def _measure(platform: Platform, steps: list[Step], warmup: int, clock: StageClock) -> LatencySamples:
    samples = LatencySamples()
    progress = Progress("match latency (young people)", len(steps))
    for number, step in enumerate(steps):
        _one_youth(platform, step, samples if number >= warmup else LatencySamples(), clock)
        progress.advance()
    progress.close()
    return samples


def _one_youth(platform: Platform, step: Step, samples: LatencySamples, clock: StageClock) -> None:
    started = time.perf_counter()
    _register(platform, step.youth, step.first)
    samples.first_call.append(time.perf_counter() - started)
    subject = platform.services.pseudonymiser.subject(step.youth.bsn)
    _wait_until(lambda: _first_settled(platform, subject, step.first), "the first signal to settle", clock)
    samples.first_settled.append(time.perf_counter() - started)

    started = time.perf_counter()
    _register(platform, step.youth, step.second)
    samples.second_call.append(time.perf_counter() - started)
    _wait_until(lambda: _match_visible(platform, step.first, step.second), "the match to be visible", clock)
    visible = time.perf_counter()
    samples.match_visible.append(visible - started)
    samples.stages.append(stage_deltas(started, clock.taken(), visible))


def _register(platform: Platform, youth: Youth, signaller: Signaller) -> None:
    platform.multisignaal.register_signal(
        youth.bsn, youth.birth_date, MUNICIPALITY, signaller.organisation_id, signaller.professional_id
    )


def _first_settled(platform: Platform, subject: str, first: Signaller) -> bool:
    """The matcher recorded the signal (its tracking per young person) and mySignals shows it."""
    if not platform.my_signals.of(str(first.professional_id)):
        return False
    recorder = platform.matching.recorder
    tracked = recorder.max_tracking_id(f"{SIGNALS_SOURCE}|{subject}")  # type: ignore[attr-defined]
    return tracked is not None


def _match_visible(platform: Platform, first: Signaller, second: Signaller) -> bool:
    wanted = str(second.professional_id)
    return any(
        counterpart.professional_id == wanted
        for row in platform.matches.for_professional(str(first.professional_id))
        for counterpart in row.counterparts
    )


def _wait_until(condition: Callable[[], bool], what: str, clock: StageClock) -> None:
    deadline = time.perf_counter() + WAIT_TIMEOUT_SECONDS
    while True:
        seen = clock.count  # before the look: a stamp during it wakes the next wait at once
        if condition():
            return
        if time.perf_counter() > deadline:
            raise TimeoutError(f"waited {WAIT_TIMEOUT_SECONDS:.0f} s for {what}")
        clock.wait_after(seen, POLL_SECONDS)

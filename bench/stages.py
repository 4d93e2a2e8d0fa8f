"""(a) by stage: where the time between the second signal's save and the visible match goes.

The bench stamps the running pipeline through hooks production has anyway — an application's
`on_saved` (after its events are stored), a relay's `on_published` (after a pass, when the
doorbell rings), the producer's record futures (their callbacks run when the broker acks) — and
by wrapping the `handle` of the matcher and the matches view. Production's hot path gains
nothing. Every part runs in the bench process, so `time.perf_counter()` stamps taken in
different threads compare.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Sequence
from typing import Any

from bench.stats import ms, percentile
from keten.bootstrap import Platform
from keten.serve import Pipeline
from relay.faults import Fault
from relay.relay import Relay

# In the order a match travels; each figure is the time from the stage before.
STAGES = (
    ("multisignaal saved", "signal stored (register_signal's save)"),
    ("multisignaal acked", "signal record acked by the broker"),
    ("multisignaal relayed", "signals relay's pass done: position stored, doorbell rung"),
    ("matcher consumed", "matcher handed the record"),
    ("matching saved", "match stored with the matcher's tracking"),
    ("matching acked", "match record acked by the broker"),
    ("matching relayed", "matches relay's pass done: position stored, doorbell rung"),
    ("matches consumed", "matches view handed the record"),
    ("matches viewed", "match row committed in the view"),
)
WATCHED_HANDLERS = ("matcher", "matches")


class StageClock:
    """Stamps from any thread; `first_after` picks one young person's out of them."""

    def __init__(self) -> None:
        self._stamps: list[tuple[str, float]] = []  # list.append is atomic: no lock needed

    def stamp(self, stage: str) -> None:
        self._stamps.append((stage, time.perf_counter()))

    def first_after(self, started: float) -> dict[str, float]:
        """The first stamp of each stage at or after `started`; forgets every stamp."""
        stamps, self._stamps = self._stamps, []
        first: dict[str, float] = {}
        for stage, at in stamps:
            if at >= started and stage not in first:
                first[stage] = at
        return first


def watch(platform: Platform, running: Pipeline, clock: StageClock) -> None:
    """Installs the stamps on a running pipeline (`keten.serve.pipeline`)."""
    for app in (platform.multisignaal, platform.matching):
        app.on_saved = _before(functools.partial(clock.stamp, f"{app.name} saved"), app.on_saved)
    for relay in running.relays:
        _watch_relay(relay, clock)
    for handler in running.consumers.handlers:
        if handler.name in WATCHED_HANDLERS:
            _watch_handler(handler, clock)


def _watch_relay(relay: Relay, clock: StageClock) -> None:
    send, name = relay.producer.send, relay.name

    def sending(public: Any, notification: Any) -> Any:
        future = send(public, notification)
        if not isinstance(future, Fault):  # the callback runs in the producer's thread on the ack
            future.add_callback(lambda _: clock.stamp(f"{name} acked"))
        return future

    setattr(relay.producer, "send", sending)  # noqa: B010 - an instance's method, for this run
    relay.on_published = _before(functools.partial(clock.stamp, f"{name} relayed"), relay.on_published)


def _watch_handler(handler: Any, clock: StageClock) -> None:
    handle, name = handler.handle, handler.name

    def handling(event: Any) -> bool:
        clock.stamp(f"{name} consumed")
        done: bool = handle(event)
        if name != "matcher":  # the matcher's own save stamps "matching saved"
            clock.stamp(f"{name} viewed")
        return done

    setattr(handler, "handle", handling)  # noqa: B010


def _before(first: Callable[[], None], then: Callable[[], None] | None) -> Callable[[], None]:
    def both() -> None:
        first()
        if then is not None:
            then()

    return both


def stage_deltas(started: float, first: dict[str, float], visible: float) -> dict[str, float]:
    """Seconds from the stage before (the call's start for the first) to each stage and to visible."""
    deltas, before = {}, started
    for stage, _ in STAGES:
        if stage in first:
            deltas[stage], before = first[stage] - before, first[stage]
    deltas["visible"] = visible - before
    return deltas


def stage_lines(samples: Sequence[dict[str, float]]) -> list[str]:
    lines = [
        "match latency by stage (p50 / p99 of the time since the stage before; the first since the call):"
    ]
    for stage, what in (*STAGES, ("visible", "the bench's 1 ms poll saw the match in the view")):
        values = [sample[stage] for sample in samples if stage in sample]
        if values:
            p50, p99 = percentile(values, 50), percentile(values, 99)
            lines.append(f"  {stage:<21} {ms(p50):>9} / {ms(p99):>9}  {what} ({len(values)} samples)")
    return lines

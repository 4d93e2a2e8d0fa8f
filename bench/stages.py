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
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

from bench.stats import ms, percentile
from kernel.contracts import SIGNAL_REGISTERED
from keten.bootstrap import Platform
from keten.serve import Pipeline
from relay.faults import Fault
from relay.relay import Ends, Relay

# In the order a match travels: each stage is the first stamp after the stage it waits for
# (a consumer may fetch before the doorbell rang, but never before the broker acked).
STAGES = (
    ("multisignaal saved", "start", "signal stored (register_signal's save)"),
    ("multisignaal acked", "multisignaal saved", "signal record acked by the broker"),
    ("multisignaal relayed", "multisignaal acked", "signals relay rang the doorbell"),
    ("matcher consumed", "multisignaal acked", "matcher handed the SignalRegistered record"),
    ("matching saved", "matcher consumed", "match stored with the matcher's tracking"),
    ("matching acked", "matching saved", "match record acked by the broker"),
    ("matching relayed", "matching acked", "matches relay rang the doorbell"),
    ("matches consumed", "matching acked", "matches view handed the record"),
    ("matches viewed", "matches consumed", "match row committed in the view"),
)
WATCHED_HANDLERS = ("matcher", "matches", "my_signals")


class StageClock:
    """Stamps from any thread, taken after each young person; the bench waits for the next one."""

    def __init__(self) -> None:
        self._stamps: list[tuple[str, float]] = []  # list.append is atomic: no lock needed
        self._changed = threading.Condition()
        self.count = 0  # stamps so far: a waiter says which count it has seen

    def stamp(self, stage: str) -> None:
        self._stamps.append((stage, time.perf_counter()))
        with self._changed:
            self.count += 1
            self._changed.notify_all()

    def wait_after(self, seen: int, timeout: float) -> None:
        """Returns once a stamp after the `seen`-th was taken, or after `timeout` seconds."""
        with self._changed:
            self._changed.wait_for(lambda: self.count != seen, timeout)

    def taken(self) -> list[tuple[str, float]]:
        """Every stamp so far, forgotten here."""
        stamps, self._stamps = self._stamps, []
        return stamps


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

    def sending(public: Any, event_id: str, sequence: int) -> Any:
        future = send(public, event_id, sequence)
        if not isinstance(future, Fault):  # the callback runs in the producer's thread on the ack
            future.add_callback(lambda _: clock.stamp(f"{name} acked"))
        return future

    setattr(relay.producer, "send", sending)  # noqa: B010 - an instance's method, for this run
    published = relay.on_published

    def relayed(ends: Ends) -> None:
        clock.stamp(f"{name} relayed")
        published(ends)

    relay.on_published = relayed


def _watch_handler(handler: Any, clock: StageClock) -> None:
    handle, name = handler.handle, handler.name

    def handling(event: Any) -> bool:
        if name != "matcher" or event.type == SIGNAL_REGISTERED:  # not the InformingDue after it
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


def stage_deltas(started: float, stamps: list[tuple[str, float]], visible: float) -> dict[str, float]:
    """Seconds from the stage each stage waits for to it, and from the last to visible."""
    at, deltas = {"start": started}, {}
    for stage, after, _ in STAGES:
        if after in at and (found := [t for s, t in stamps if s == stage and t >= at[after]]):
            at[stage] = min(found)
            deltas[stage] = at[stage] - at[after]
    if "matches viewed" in at:
        deltas["visible"] = visible - at["matches viewed"]
    return deltas


def stage_lines(samples: Sequence[dict[str, float]]) -> list[str]:
    lines = ["match latency by stage (p50 / p99 of the time since the stage it waits for):"]
    for stage, after, what in (*STAGES, ("visible", "matches viewed", "the bench's next look saw it")):
        values = [sample[stage] for sample in samples if stage in sample]
        if values:
            p50, p99 = percentile(values, 50), percentile(values, 99)
            lines.append(f"  {stage:<20} {ms(p50):>9} / {ms(p99):>9}  since {after}: {what} ({len(values)})")
    return lines

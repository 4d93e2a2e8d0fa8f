"""The doorbell of `keten serve` against the embedded broker: paused consumers are woken by the
relays' ring (also when aiokafka's fetcher slept through the resume), and only the relays (and
the look) ring, not every record a consumer reads."""

from __future__ import annotations

import time
from typing import Any

import pytest
from tests.integration.platform_kit import Clock, Store, eventually
from tests.integration.test_relay import active_matches, both_signal, two_organisations

from keten import doorbell_look
from keten.bell import Bell
from keten.broker import EmbeddedBroker
from keten.doorbell import FETCHER_LOOK_MS, Doorbell
from keten.serve import pipeline

WOKEN_WITHIN_SECONDS = 2.0  # a ring's record through matcher and view, on a loaded machine


@pytest.mark.broker
async def test_paused_consumers_are_woken_by_the_ring_not_by_their_fetchers_look(
    fresh_broker: EmbeddedBroker, sqlite_store: Store
) -> None:
    """In one process the consumers pause once quiet, and their fetchers look at paused partitions
    only every FETCHER_LOOK_MS: a resume (the relays' ring) must wake them, or every match after a
    quiet moment would wait for that look."""
    assert WOKEN_WITHIN_SECONDS < FETCHER_LOOK_MS / 1000
    platform = sqlite_store.bootstrap(Clock())
    school, care = two_organisations(platform)
    worker = care.professionals[0]

    async with pipeline(platform, fresh_broker.bootstrap_servers) as running:
        consumers = [consumer for _, consumer in running.consumers.kafka_consumers()]
        for matches in range(1, 4):
            await eventually(lambda: all(c.paused() for c in consumers), what="every consumer paused")
            started = time.monotonic()
            both_signal(platform, school, care, 1)
            await eventually(lambda n=matches: len(active_matches(platform, worker)) == n, what="the match")
            assert time.monotonic() - started < WOKEN_WITHIN_SECONDS


@pytest.mark.broker
async def test_a_ring_wakes_a_fetcher_that_sleeps_through_its_partitions_resume(
    fresh_broker: EmbeddedBroker, sqlite_store: Store
) -> None:
    """aiokafka's fetcher can be left waiting on nothing but its look (`keten.fetcher_wake`): put
    every consumer's fetcher in that state, and a ring must still carry a match through."""
    platform = sqlite_store.bootstrap(Clock())
    school, care = two_organisations(platform)
    worker = care.professionals[0]

    async with pipeline(platform, fresh_broker.bootstrap_servers) as running:
        consumers = [consumer for _, consumer in running.consumers.kafka_consumers()]
        await eventually(lambda: all(c.paused() for c in consumers), what="every consumer paused")
        for consumer in consumers:
            await asleep_through_resumes(consumer)
        started = time.monotonic()
        both_signal(platform, school, care, 1)
        await eventually(lambda: len(active_matches(platform, worker)) == 1, what="the match")
        assert time.monotonic() - started < WOKEN_WITHIN_SECONDS


async def asleep_through_resumes(consumer: Any) -> None:
    """The state a fetch ending in the turn the fetcher is woken for something else leaves it in:
    it looks again while the node is still marked in flight (so it neither fetches nor waits on a
    resume), then the fetch's done callback unmarks the node."""
    fetcher = consumer._fetcher
    node = consumer._client.cluster.leader_for_partition(next(iter(consumer.assignment())))
    fetcher._in_flight.add(node)
    looked = fetcher._wait_consume_future
    fetcher._notify(looked)
    await eventually(lambda: fetcher._wait_consume_future is not looked, what="the fetcher looked again")
    fetcher._in_flight.discard(node)


@pytest.mark.broker
async def test_only_the_relays_ring_not_the_records_the_consumers_read(
    fresh_broker: EmbeddedBroker, sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A consumer that rang its topic's bell for every record it read kept all of that topic's
    consumers waking, fetching and checking: about seven rings per record, a quarter of the event
    loop's work while matching. The ends a relay's ring carries are enough to read by."""
    monkeypatch.setattr(doorbell_look, "LOOK_EVERY_SECONDS", 3600.0)  # no look rings meanwhile
    announcing = [False]
    rings = {"by a relay": 0, "otherwise": 0}
    announce, ring = Doorbell.announce, Bell.ring

    def announced(doorbell: Doorbell, ends: Any) -> None:
        announcing[0] = True
        try:
            announce(doorbell, ends)
        finally:
            announcing[0] = False

    def counted(bell: Bell, ends: Any) -> None:
        rings["by a relay" if announcing[0] else "otherwise"] += 1
        ring(bell, ends)

    monkeypatch.setattr(Doorbell, "announce", announced)
    monkeypatch.setattr(Bell, "ring", counted)
    platform = sqlite_store.bootstrap(Clock())
    school, care = two_organisations(platform)
    worker = care.professionals[0]

    async with pipeline(platform, fresh_broker.bootstrap_servers):
        both_signal(platform, school, care, 3)
        await eventually(lambda: len(active_matches(platform, worker)) == 3, what="the matches")

    assert rings["by a relay"] > 0
    assert rings["otherwise"] == 0


def test_only_the_views_nobody_waits_for_while_signalling_let_records_gather(sqlite_store: Store) -> None:
    """The matcher and every view a page or a read-your-writes wait shows right after a write read
    at once; the logbook (regievoerder, auditors), the mail outboxes and the access log gather."""
    platform = sqlite_store.bootstrap(Clock())
    gathering = {handler.name for handler in platform.handlers() if handler.gather_seconds}
    assert gathering == {"signal_logbook", "match_mail", "handover_mail", "access_log"}

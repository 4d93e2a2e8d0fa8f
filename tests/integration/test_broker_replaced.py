"""keten comes back on a broker that is not the one it left: stored positions that belong to
another incarnation of a topic are recognised, and every new record is applied.

- offsets stored far beyond the new broker's end (a cluster restored from a backup, a broker
  that restarted empty) are not trusted: the views read the new topics from their start, and a
  signal registered afterwards joins the match it belongs to;
- topics that appear only after the consumers started (created by the relay later) are read
  from their first record, by the consumer groups of `keten matcher`/`keten projector` and by
  `keten serve`'s own assignment alike; topics lost and created again while a group reads them
  too (a rejoin moves every member to its trusted offsets). `keten serve`'s own assignment
  has no rejoin: see README "Known limits".
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator

import pytest
from tests.integration.platform_kit import (
    Clock,
    Store,
    eventually,
    register_organisation,
    register_professional,
    relay_of,
    signal,
)
from tests.integration.test_relay import active_matches, both_signal, signal_statuses, two_organisations

from domain.identity.model import Sector
from keten.bootstrap import Platform
from keten.broker import EmbeddedBroker
from keten.consumers import Consumers

pytestmark = pytest.mark.broker

FAR_BEYOND = 1_000_000


@contextlib.asynccontextmanager
async def consuming(platform: Platform, servers: str, group: str | None) -> AsyncIterator[Consumers]:
    handlers = [h for h in platform.handlers() if h.name in ("matcher", "my_signals", "matches")]
    consumers = Consumers(
        servers, platform.settings.topic_partitions, handlers, platform.sources(), group=group
    )
    await consumers.start()
    try:
        yield consumers
    finally:
        await consumers.stop()


def publish(platform: Platform, servers: str) -> None:
    for app in ("multisignaal", "matching"):
        relay = relay_of(platform, servers, app)
        try:
            relay.check_broker()  # re-publishes from the start when the broker lost what it held
            relay.publish_pending()
        finally:
            relay.close()


async def published_until(platform: Platform, servers: str, done: object) -> None:
    """Publishes (the matcher's events too) until `done()` holds, as a running relay would."""

    async def check() -> bool:
        await asyncio.to_thread(publish, platform, servers)
        return bool(done())  # type: ignore[operator]

    def state() -> str:
        views = {h.name: h.offsets() for h in platform.handlers() if h.name in ("my_signals", "matches")}
        return f"every record applied; views at {views}"

    await eventually(check, timeout=60.0, what=state)


def settled(platform: Platform, worker: uuid.UUID, young_people: int) -> bool:
    """Both views hold every young person: the matches view and the worker's own signals (two
    consumers of their own; one may be a moment behind the other)."""
    return (
        len(active_matches(platform, worker)) == young_people
        and len(signal_statuses(platform, worker)) == young_people
    )


def group() -> str:
    return f"keten-test-{uuid.uuid4().hex[:8]}"


async def test_offsets_stored_far_beyond_a_new_brokers_end_are_not_trusted_and_every_new_record_is_applied(
    store: Store, fresh_broker: EmbeddedBroker
) -> None:
    servers, platform = fresh_broker.bootstrap_servers, store.bootstrap(Clock())
    school, care = two_organisations(platform)
    jgz = register_organisation(platform, "JGZ Kust", Sector.JGZ)
    nurse = register_professional(platform, jgz, "Verpleegkundige Cas", "cas@jgz-kust.example")
    worker = care.professionals[0]
    bsns = list(both_signal(platform, school, care, 6))
    async with consuming(platform, servers, group()):
        await published_until(platform, servers, lambda: len(active_matches(platform, worker)) == 6)
    # The positions of an older, longer incarnation of the topics.
    with platform.views_db.transaction() as cursor:
        cursor.execute("UPDATE view_resume SET next_offset = next_offset + ?", (FAR_BEYOND,))
    assert all(offset > FAR_BEYOND for offset, _ in platform.my_signals.offsets().values())

    await asyncio.to_thread(fresh_broker.restart)  # empty: its topics hold fewer records than stored
    signal(platform, bsns[0], jgz, nurse)  # joins an existing match
    both_signal(platform, school, care, 4)
    async with consuming(platform, servers, group()):
        await published_until(
            platform,
            servers,
            lambda: (
                len(active_matches(platform, worker)) == 10
                and active_matches(platform, nurse)
                and len(signal_statuses(platform, school.professionals[0])) == 10
                and len(signal_statuses(platform, nurse)) == 1
            ),
        )

    assert len(signal_statuses(platform, nurse)) == 1
    [(_, counterparts)] = active_matches(platform, nurse).items()
    assert counterparts == {str(school.professionals[0]), str(worker)}
    assert len(signal_statuses(platform, school.professionals[0])) == 10
    assert all(offset < FAR_BEYOND for offset, _ in platform.my_signals.offsets().values())


@pytest.mark.parametrize("assignment", ["group", "serve"])
async def test_topics_that_appear_after_the_consumers_started_are_read_from_their_first_record(
    sqlite_store: Store, fresh_broker: EmbeddedBroker, assignment: str
) -> None:
    servers, platform = fresh_broker.bootstrap_servers, sqlite_store.bootstrap(Clock())
    school, care = two_organisations(platform)
    worker = care.professionals[0]
    async with consuming(platform, servers, group() if assignment == "group" else None):
        both_signal(platform, school, care, 3)  # the relay creates the topics only now
        await published_until(platform, servers, lambda: settled(platform, worker, 3))

    assert len(signal_statuses(platform, worker)) == 3


async def test_topics_lost_and_created_again_while_a_group_reads_them_are_read_from_their_first_record(
    sqlite_store: Store, fresh_broker: EmbeddedBroker
) -> None:
    servers, platform = fresh_broker.bootstrap_servers, sqlite_store.bootstrap(Clock())
    school, care = two_organisations(platform)
    worker = care.professionals[0]
    both_signal(platform, school, care, 3)
    async with consuming(platform, servers, group()):
        await published_until(platform, servers, lambda: len(active_matches(platform, worker)) == 3)

        await asyncio.to_thread(fresh_broker.restart)  # lost while they run, created again below
        both_signal(platform, school, care, 4)
        await published_until(platform, servers, lambda: settled(platform, worker, 7))

    assert len(signal_statuses(platform, worker)) == 7

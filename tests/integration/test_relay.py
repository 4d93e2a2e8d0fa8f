"""The relay against a real Kafka-protocol broker (Tansu): order, headers, crashes, lost topics.

- every public event of the multisignaal log is on keten.signals.v1 once, in log order per key,
  as a binary-mode CloudEvent;
- a relay killed after producing a batch but before recording its position re-publishes that
  batch when it comes back: every event is on Kafka (some twice) and the matcher and the
  views still apply each one exactly once;
- a broker restart loses every topic: the relay notices and re-publishes, and the running
  consumers converge on the same views plus whatever happened meanwhile;
- a record lost with the broker goes back on the topic before anything newer of its young
  person (else consumers, deduping by the highest sequence per key, would drop it);
- views resuming from stored offsets after duplicates and a broker restart miss no new record.
- consumers running while a topic that held duplicates is lost and re-published shorter move
  back within it and skip none of the records saved after the loss.

Each test that needs a clean or restartable broker starts its own (`fresh_broker`); Tansu is
ready in milliseconds, though a restart with clients still connected takes its 5 s stop grace.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from uuid import UUID

import pytest
from tests.integration.platform_kit import (
    Clock,
    Organisation,
    Recorded,
    Store,
    end_offsets,
    event_names,
    eventually,
    headers_of,
    multisignaal_handlers,
    new_bsns,
    notifications,
    read_topic,
    register_organisation,
    register_professional,
    relay_of,
    signal,
)

from domain.identity.model import Sector
from domain.multisignaal.matchbook import MatchBook
from domain.multisignaal.signal import WithdrawalReason
from kernel.contracts import MATCHES_TOPIC, SIGNALS_TOPIC
from keten.bootstrap import Platform
from keten.broker import EmbeddedBroker
from keten.consumers import Consumers
from keten.serve import pipeline
from relay.positions import Position, RelayPositions
from relay.relay import Relay

CE_HEADERS = ("ce_id", "ce_source", "ce_type", "ce_specversion", "ce_time", "ce_subject", "ce_sequence")
SIGNAL_TYPES = {"SignalRegistered", "SignalWithdrawn", "SignalExpired", "InformingDue"}
MATCH_BOOK_TYPES = {"SignalRegistered", "SignalWithdrawn", "SignalExpired"}
SOURCE = "/keten/multisignaal"
RESTART_SECONDS = 60.0  # from a broker that lost its topics to views that show everything again


def two_organisations(platform: Platform) -> tuple[Organisation, Organisation]:
    school = register_organisation(platform, "Het Baken", Sector.ONDERWIJS)
    care = register_organisation(platform, "Jeugdhulp West", Sector.JEUGDHULP)
    register_professional(platform, school, "Mentor Ans", "ans@hetbaken.example")
    register_professional(platform, care, "Hulpverlener Bo", "bo@jeugdhulp-west.example")
    return school, care


def both_signal(platform: Platform, school: Organisation, care: Organisation, count: int) -> dict[str, UUID]:
    """Each young person signalled by both organisations; returns the school's signal per BSN."""
    school_signals = {}
    for bsn in new_bsns(count):
        school_signals[bsn] = signal(platform, bsn, school, school.professionals[0])
        signal(platform, bsn, care, care.professionals[0])
    return school_signals


def published(platform: Platform) -> dict[int, str]:
    """notification id -> event name, for every multisignaal event the relay must publish."""
    return {
        n.id: name
        for n, name in zip(
            notifications(platform, "multisignaal"), event_names(platform, "multisignaal"), strict=True
        )
        if name in SIGNAL_TYPES
    }


def sequences(records: list) -> Counter[int]:
    return Counter(int(headers_of(r)["ce_sequence"]) for r in records)


def signal_statuses(platform: Platform, professional: UUID) -> dict[str, str]:
    return {row.id: row.status for row in platform.my_signals.of(str(professional))}


def match_of(platform: Platform, bsn: str) -> str | None:
    """The young person's current match id, as the matcher (write side) knows it."""
    book = platform.matching.get_aggregate(MatchBook.id_for(platform.services.pseudonymiser.subject(bsn)))
    match_id = getattr(book, "match_id", None)
    return str(match_id) if match_id else None


def active_matches(platform: Platform, professional: UUID) -> dict[str, set[str]]:
    """match id -> the counterparts' professional ids, as the professional's view shows them."""
    return {
        row.id: {c.professional_id for c in row.counterparts}
        for row in platform.matches.for_professional(str(professional))
    }


# --- (a) every notification on the topic, in order, as a CloudEvent -----------------------------


@pytest.mark.broker
def test_every_signal_event_is_published_in_order_with_cloudevents_headers(
    embedded_broker: EmbeddedBroker, sqlite_store: Store
) -> None:
    clock = Clock()
    platform = sqlite_store.bootstrap(clock, signal_active_days=30)
    school, care = two_organisations(platform)
    third = register_organisation(platform, "JGZ Kust", Sector.JGZ)
    register_professional(platform, third, "Verpleegkundige Cas", "cas@jgz-kust.example")
    school_signals = both_signal(platform, school, care, 5)
    bsns = list(school_signals)
    signal(platform, bsns[0], third, third.professionals[0])
    for bsn in bsns[:2]:
        platform.multisignaal.withdraw_signal(
            school_signals[bsn], school.professionals[0], WithdrawalReason.RISK_GONE
        )
    clock.advance(days=31)
    late = new_bsns(1)[0]
    signal(platform, late, school, school.professionals[0])
    assert platform.multisignaal.sweep().expired == 9  # every active signal of the first day
    subjects = {platform.services.pseudonymiser.subject(bsn) for bsn in [*bsns, late]}
    expected = published(platform)
    relay = relay_of(platform, embedded_broker.bootstrap_servers, "multisignaal")
    relay.ensure_topics()

    try:
        assert relay.publish_pending() == len(expected)
        assert relay.publish_pending() == 0  # nothing is published twice
    finally:
        relay.close()

    # The session broker is shared: this test's records are those keyed by its young people.
    records = [
        r for r in read_topic(embedded_broker.bootstrap_servers, SIGNALS_TOPIC) if r.key.decode() in subjects
    ]
    assert sequences(records) == Counter(expected.keys())  # each notification exactly once
    log = notifications(platform, "multisignaal")
    record_id_of = {n.id: n.originator_id for n in log}
    version_of = {n.id: n.originator_version for n in log}
    by_key: dict[str, list[int]] = {}
    partitions: dict[str, set[int]] = {}
    for record in records:  # partition by partition, in offset order
        headers = headers_of(record)
        assert set(CE_HEADERS) <= set(headers), f"missing {set(CE_HEADERS) - set(headers)}"
        sequence = int(headers["ce_sequence"])
        assert headers["ce_specversion"] == "1.0"
        assert headers["ce_source"] == SOURCE
        assert headers["ce_type"] == "keten.multisignaal." + expected[sequence]
        assert headers["ce_id"] == f"{record_id_of[sequence]}:{version_of[sequence]}"
        assert headers["ce_subject"] == str(record_id_of[sequence])
        assert datetime.fromisoformat(headers["ce_time"]).tzinfo is not None
        assert headers.get("content-type") == "application/json"
        by_key.setdefault(record.key.decode(), []).append(sequence)
        partitions.setdefault(record.key.decode(), set()).add(record.partition)
    assert len({headers_of(r)["ce_id"] for r in records}) == len(records)
    assert all(len(found) == 1 for found in partitions.values()), "a key spread over partitions"
    for key, found in by_key.items():
        assert found == sorted(found), f"key {key[:8]}… out of order: {found}"
    assert set(by_key) == subjects


# --- (b) the relay dies between produce and recording its position -------------------------------


def dies_on_write(n: int) -> Callable[[RelayPositions, str, Position], None]:
    """RelayPositions.set that raises on its n-th call, as if the process died right there."""
    real_set = RelayPositions.set
    writes = 0

    def set_position(self: RelayPositions, application: str, position: Position) -> None:
        nonlocal writes
        writes += 1
        if writes == n:
            raise RuntimeError("relay killed after produce, before recording the position")
        real_set(self, application, position)

    return set_position


def published_with_duplicates(
    platform: Platform,
    servers: str,
    monkeypatch: pytest.MonkeyPatch,
    school: Organisation,
    care: Organisation,
) -> Relay:
    """Eight young people signalled by both, on the topic with duplicates: a relay crashed after
    producing a batch, before recording its position, and the next one published it again.
    Returns that next relay (open)."""
    both_signal(platform, school, care, 8)
    relay = relay_of(platform, servers, "multisignaal")
    relay.batch_size, relay.batches_in_flight = 10, 0
    relay.ensure_topics()
    with monkeypatch.context() as patch:
        patch.setattr(RelayPositions, "set", dies_on_write(2))
        with pytest.raises(RuntimeError):
            relay.publish_pending()
    relay.close()
    again = relay_of(platform, servers, "multisignaal")
    again.publish_pending()
    return again


def crash_on_position_write(relay: Relay, monkeypatch: pytest.MonkeyPatch, n: int) -> int:
    """Runs the relay until its n-th position write kills it; returns the position it recorded."""
    relay.ensure_topics()
    with monkeypatch.context() as patch:
        patch.setattr(RelayPositions, "set", dies_on_write(n))
        with pytest.raises(RuntimeError, match="relay killed"):
            relay.publish_pending()
    relay.close()
    return relay.positions.get(relay.app.name).notification_id


def publish_again(platform: Platform, servers: str) -> int:
    """A new relay, as a restarted process builds it, continues from the recorded position."""
    again = relay_of(platform, servers, "multisignaal")
    try:
        return again.publish_pending()
    finally:
        again.close()


async def consume(
    platform: Platform, servers: str, matches_relay: Relay | None = None
) -> dict[str, Recorded]:
    """Runs the matcher and the views until they have read every record; then stops them.

    With `matches_relay`, the matcher's events are published too and the matches view reads them.
    """
    handlers = multisignaal_handlers(platform)
    matcher, my_signals, matches = (handlers[name] for name in ("matcher", "my_signals", "matches"))
    consumers = Consumers(
        servers, platform.settings.topic_partitions, list(handlers.values()), platform.sources()
    )
    await consumers.start()
    try:
        ends = end_offsets(servers, SIGNALS_TOPIC)
        await eventually(
            lambda: matcher.caught_up(ends) and my_signals.caught_up(ends),
            what=lambda: (
                f"signals up to {ends}: matcher at {matcher.positions}, view at {my_signals.positions}"
            ),
        )
        if matches_relay is not None:
            try:
                assert await asyncio.to_thread(matches_relay.publish_pending) > 0
            finally:
                matches_relay.close()
            ends = end_offsets(servers, MATCHES_TOPIC)
            await eventually(lambda: matches.caught_up(ends), what="matches view")
    finally:
        await consumers.stop()
    assert not any(h.failures for h in handlers.values()), {n: h.failures for n, h in handlers.items()}
    return handlers


@pytest.mark.broker
def test_a_pipelined_relay_records_only_positions_of_acknowledged_batches(
    fresh_broker: EmbeddedBroker, sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches overlap (the next is sent while the broker acknowledges the last), yet a crash
    leaves the position at the end of a batch whose records, and all before, are on Kafka."""
    servers = fresh_broker.bootstrap_servers
    platform = sqlite_store.bootstrap(Clock())
    school, care = two_organisations(platform)
    both_signal(platform, school, care, 30)
    expected = published(platform)
    relay = relay_of(platform, servers, "multisignaal")
    relay.batch_size = 10
    assert relay.batches_in_flight > 0

    recorded_at = crash_on_position_write(relay, monkeypatch, 2)

    readable = relay.app.recorder.select_notifications(1, 1000, topics=relay.event_topics())
    batch_ends = [n.id for n in readable[9::10]] + [readable[-1].id]
    assert recorded_at in batch_ends
    on_kafka = sequences(read_topic(servers, SIGNALS_TOPIC))
    assert {s for s in expected if s <= recorded_at} <= set(on_kafka)

    assert publish_again(platform, servers) == sum(1 for s in expected if s > recorded_at)
    assert set(sequences(read_topic(servers, SIGNALS_TOPIC))) == set(expected)


@pytest.mark.broker
async def test_relay_killed_mid_stream_republishes_and_effects_apply_once(
    fresh_broker: EmbeddedBroker, sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    servers = fresh_broker.bootstrap_servers
    platform = sqlite_store.bootstrap(Clock())
    school, care = two_organisations(platform)
    school_signals = both_signal(platform, school, care, 12)
    for signal_id in list(school_signals.values())[:3]:
        platform.multisignaal.withdraw_signal(
            signal_id, school.professionals[0], WithdrawalReason.UNJUSTIFIED
        )
    expected = published(platform)
    assert len(expected) == 51  # 24 registrations, each with its InformingDue, and 3 withdrawals
    relay = relay_of(platform, servers, "multisignaal")
    relay.batch_size = 5  # notifications per batch (the relay reads only publishable ones)
    relay.batches_in_flight = 0  # one position write per batch, so the crash lands on batch three
    recorded_at = crash_on_position_write(relay, monkeypatch, 3)
    first_run = sequences(read_topic(servers, SIGNALS_TOPIC))
    unrecorded = {s for s in first_run if s > recorded_at}
    # Two batches of five notifications recorded.
    readable = relay.app.recorder.select_notifications(1, 10, topics=relay.event_topics())
    assert recorded_at == readable[-1].id
    assert unrecorded, "the dead relay produced records past its recorded position"
    assert max(first_run) < max(expected), "the dead relay had not finished"
    # Consumers take what is there, then stop too (their positions are stored with their rows).
    handlers = await consume(platform, servers)

    # A new relay, as a restarted process builds it, continues from the recorded position.
    assert publish_again(platform, servers) == sum(1 for s in expected if s > recorded_at)
    on_kafka = sequences(read_topic(servers, SIGNALS_TOPIC))
    assert set(on_kafka) == set(expected)  # every event is on Kafka …
    assert {s for s, n in on_kafka.items() if n == 2} == unrecorded  # … the unrecorded ones twice
    assert max(on_kafka.values()) == 2
    later = await consume(platform, servers, matches_relay=relay_of(platform, servers, "matching"))

    # The view applies every record once; the matcher those that change a match book, once.
    for name, kinds in (("matcher", MATCH_BOOK_TYPES), ("my_signals", SIGNAL_TYPES)):
        applied = Counter(handlers[name].applied() + later[name].applied())
        wanted = Counter((SOURCE, s) for s, kind in expected.items() if kind in kinds)
        assert applied == wanted, f"{name} applied {applied}"
    # The effects, counted where they landed.
    assert Counter(event_names(platform, "matching"))["MatchFound"] == 12
    assert Counter(event_names(platform, "matching"))["MatchEnded"] == 3
    assert Counter(signal_statuses(platform, school.professionals[0]).values()) == {
        "ACTIVE": 9,
        "WITHDRAWN": 3,
    }
    assert Counter(signal_statuses(platform, care.professionals[0]).values()) == {"ACTIVE": 12}
    assert len(active_matches(platform, care.professionals[0])) == 9
    assert all(
        found == {str(school.professionals[0])}
        for found in active_matches(platform, care.professionals[0]).values()
    )


# --- (c) the broker restarts and loses every topic ------------------------------------------------


@pytest.mark.broker
def test_check_broker_notices_lost_topics_and_the_relay_starts_over(
    fresh_broker: EmbeddedBroker, sqlite_store: Store
) -> None:
    servers = fresh_broker.bootstrap_servers
    platform = sqlite_store.bootstrap(Clock())
    school, care = two_organisations(platform)
    both_signal(platform, school, care, 4)
    expected = published(platform)
    relay = relay_of(platform, servers, "multisignaal")
    relay.ensure_topics()
    try:
        assert relay.publish_pending() == len(expected)
        assert relay.check_broker()

        fresh_broker.restart()

        assert read_topic(servers, SIGNALS_TOPIC) == []
        assert relay.check_broker() is False
        assert relay.positions.get("multisignaal") == Position(0, 0)
        assert relay.publish_pending() == len(expected)
        assert relay.check_broker()
    finally:
        relay.close()
    assert sequences(read_topic(servers, SIGNALS_TOPIC)) == Counter(expected.keys())


@pytest.mark.broker
def test_a_relay_tells_where_each_partition_now_ends(
    fresh_broker: EmbeddedBroker, sqlite_store: Store
) -> None:
    """The doorbell's ring says up to which offset the consumers must read before they pause:
    the offset after the last record the broker acknowledged, per partition."""
    platform = sqlite_store.bootstrap(Clock())
    school, care = two_organisations(platform)
    both_signal(platform, school, care, 7)
    relay = relay_of(platform, fresh_broker.bootstrap_servers, "multisignaal")
    relay.batch_size = 5  # several passes: each ring carries its own batches' ends
    told: list[dict[tuple[str, int], int]] = []
    relay.on_published = told.append
    relay.ensure_topics()
    try:
        assert relay.publish_pending() == len(published(platform))
    finally:
        relay.close()

    held: dict[tuple[str, int], int] = {}
    for record in read_topic(fresh_broker.bootstrap_servers, SIGNALS_TOPIC):
        held[(record.topic, record.partition)] = record.offset + 1
    assert len(told) > 1
    assert {partition: end for ends in told for partition, end in ends.items()} == held


@pytest.mark.broker
async def test_views_converge_after_the_broker_loses_its_topics(
    fresh_broker: EmbeddedBroker, sqlite_store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="keten.relay")
    servers = fresh_broker.bootstrap_servers
    platform = sqlite_store.bootstrap(Clock())
    school, care = two_organisations(platform)
    mentor, worker = school.professionals[0], care.professionals[0]

    async with pipeline(platform, servers):
        school_signals = both_signal(platform, school, care, 6)
        await eventually(lambda: len(active_matches(platform, worker)) == 6, what="six matches")
        # Each view is its own consumer: the matches shown say nothing of the signal views.
        await eventually(
            lambda: all(len(signal_statuses(platform, p)) == 6 for p in (mentor, worker)),
            what="six signals in both professionals' views",
        )
        signals_before = {p: signal_statuses(platform, p) for p in (mentor, worker)}
        matches_before = active_matches(platform, worker)

        await asyncio.to_thread(fresh_broker.restart)

        # Life goes on: a new young person for both, and one of the old signals withdrawn.
        (new_bsn, new_signal), *_ = both_signal(platform, school, care, 1).items()
        withdrawn_bsn, withdrawn = next(iter(school_signals.items()))
        ended = match_of(platform, withdrawn_bsn)
        platform.multisignaal.withdraw_signal(withdrawn, mentor, WithdrawalReason.RISK_GONE)
        # The same rows as before, plus what happened meanwhile.
        mentor_expected = {**signals_before[mentor], str(withdrawn): "WITHDRAWN", str(new_signal): "ACTIVE"}

        def converged() -> bool:
            new_match = match_of(platform, new_bsn)
            worker_signals = signal_statuses(platform, worker)
            return (
                signal_statuses(platform, mentor) == mentor_expected
                and len(worker_signals) == 7
                and worker_signals.items() >= signals_before[worker].items()
                and new_match is not None
                and set(active_matches(platform, worker)) == set(matches_before) - {ended} | {new_match}
            )

        # The relays find the loss by the clock (a check every 5 s, in a quiet second) and then
        # publish everything again, and every consumer reads it again: on a loaded machine (the
        # whole suite at once) that passed 20 s once, so this convergence gets a minute.
        await eventually(converged, timeout=RESTART_SECONDS, what="views after the broker restart")
        # The relay re-published everything the broker had lost.
        await eventually(
            lambda: set(sequences(read_topic(servers, SIGNALS_TOPIC))) == set(published(platform)),
            what="every signal event back on the topic",
        )

    relay_warnings = [m for m in caplog.messages if "re-publishing from the start" in m]
    assert any("multisignaal" in m for m in relay_warnings), relay_warnings
    assert any("matching" in m for m in relay_warnings), relay_warnings
    assert set(signal_statuses(platform, worker).values()) == {"ACTIVE"}
    assert all(found == {str(mentor)} for found in active_matches(platform, worker).values())
    # Re-published signals made no second match: six before, one new.
    assert Counter(event_names(platform, "matching"))["MatchFound"] == 7


@pytest.mark.broker
async def test_a_lost_record_is_published_again_before_anything_newer(
    fresh_broker: EmbeddedBroker, sqlite_store: Store
) -> None:
    """The broker loses a registration no consumer has read yet; then the counterpart signals.

    Consumers drop a record whose sequence is not above the last one applied for its key, so
    the relay must re-publish the lost registration before the newer one reaches the topic —
    otherwise the matcher applies the newer one first, drops the lost one, and misses the match.
    """
    servers = fresh_broker.bootstrap_servers
    platform = sqlite_store.bootstrap(Clock())
    school, care = two_organisations(platform)
    mentor, worker = school.professionals[0], care.professionals[0]
    (bsn,) = new_bsns(1)
    signal(platform, bsn, school, mentor)
    relay = relay_of(platform, servers, "multisignaal")
    relay.ensure_topics()
    assert relay.publish_pending() == 2  # the registration and whom it asks to inform
    relay.close()

    await asyncio.to_thread(fresh_broker.restart)  # lost before any consumer read it
    signal(platform, bsn, care, worker)

    async with pipeline(platform, servers):
        await eventually(
            lambda: match_of(platform, bsn) is not None and len(active_matches(platform, worker)) == 1,
            timeout=8,
            what="the match of the two signals",
        )
    signals = read_topic(servers, SIGNALS_TOPIC)
    assert [int(headers_of(r)["ce_sequence"]) for r in signals] == sorted(published(platform))


@pytest.mark.broker
async def test_views_resume_correctly_after_duplicates_and_a_broker_restart(
    fresh_broker: EmbeddedBroker, sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A view restarts after the broker lost topics that held duplicates (from a relay crash).

    Offsets on the re-published topic no longer mean the same records: where the old topic held
    duplicates the new one is shorter, so new records land below the stored offset. A view
    resumes at its stored offset only while the record before it is the one it saw
    (`keten.resume`); here it is not, so the view reads the new topic from 0 and misses nothing.
    """
    servers = fresh_broker.bootstrap_servers
    platform = sqlite_store.bootstrap(Clock())
    school, care = two_organisations(platform)
    mentor = school.professionals[0]
    again = published_with_duplicates(platform, servers, monkeypatch, school, care)
    assert max(sequences(read_topic(servers, SIGNALS_TOPIC)).values()) == 2
    await consume(platform, servers)  # the views store offsets past the duplicates
    assert len(signal_statuses(platform, mentor)) == 8

    again.close()
    fresh_broker.restart()  # e.g. `keten serve` restarted: the embedded broker starts empty
    assert again.check_broker() is False
    again.publish_pending()
    both_signal(platform, school, care, 40)
    again.publish_pending()
    again.close()
    await consume(platform, servers)

    assert len(signal_statuses(platform, mentor)) == 48  # none of the new signals skipped


@pytest.mark.broker
async def test_running_consumers_read_a_topic_renumbered_under_them_again(
    fresh_broker: EmbeddedBroker, sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The broker loses a topic that held duplicates while the consumers run, assigned their
    partitions themselves as in `keten serve` (no group to rejoin on the new broker).

    Re-published, the topic is shorter than where the consumers stand on the partitions that
    held duplicates; the embedded broker answers a fetch there with nothing, so a consumer
    that stayed would skip the records saved after the loss. `keten.renumbered` moves them back.
    """
    servers = fresh_broker.bootstrap_servers
    platform = sqlite_store.bootstrap(Clock())
    school, care = two_organisations(platform)
    mentor = school.professionals[0]
    again = published_with_duplicates(platform, servers, monkeypatch, school, care)
    consumers = Consumers(
        servers,
        platform.settings.topic_partitions,
        list(multisignaal_handlers(platform).values()),
        platform.sources(),
    )
    await consumers.start()
    try:
        await eventually(lambda: len(signal_statuses(platform, mentor)) == 8, what="eight signals")
        stood = await positions(consumers)
        await asyncio.to_thread(fresh_broker.restart)
        assert again.check_broker() is False
        again.publish_pending()
        shorter = end_offsets(servers, SIGNALS_TOPIC)
        assert any(stood[name][tp] > shorter.get(tp, 0) for name in stood for tp in stood[name])

        async def within_the_topic() -> bool:
            return all(
                at <= shorter.get(tp, 0)
                for now in (await positions(consumers)).values()
                for tp, at in now.items()
            )

        await eventually(within_the_topic, what="every consumer back within the renumbered topic")
        both_signal(platform, school, care, 3)
        again.publish_pending()
        await eventually(lambda: len(signal_statuses(platform, mentor)) == 11, what="the new signals")
    finally:
        await consumers.stop()
        again.close()


async def positions(consumers: Consumers) -> dict[str, dict[tuple[str, int], int]]:
    """Per handler, where its consumer stands on each signals partition."""
    return {
        name: {
            (tp.topic, tp.partition): await consumer.position(tp)
            for tp in consumer.assignment()
            if tp.topic == SIGNALS_TOPIC
        }
        for name, consumer in consumers.kafka_consumers()
    }

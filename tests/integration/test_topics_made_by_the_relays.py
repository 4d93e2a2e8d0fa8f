"""The relays own keten's topics: whoever created one first, it ends up with keten's partitions
and keeps every record, as the AsyncAPI document says.

Consumers that start before the relays create no topic (faststream's subscriber created a
missing topic with one partition, and consumers assigned keten's four then asked for the
leaders of three partitions that did not exist, in a loop, for as long as they ran). The
embedded broker still creates a topic when a consumer asks for its metadata, with its own
defaults; and on a real Kafka the default retention deletes records after a week, which a
rebuild (reading every topic from offset 0) would silently miss.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from kafka.admin import KafkaAdminClient, NewTopic
from tests.integration.platform_kit import Clock, Store

from kernel.contracts import KEPT_FOREVER, SIGNALS_TOPIC, TOPICS
from keten.broker import EmbeddedBroker
from keten.roles.consuming import consuming
from keten.roles.relaying import relaying
from relay.topics import kept_for

A_WEEK_MS = "604800000"  # a real Kafka's default retention
ASYNCAPI = Path(__file__).resolve().parents[2] / "schemas" / "asyncapi.json"


@pytest.mark.broker
async def test_consumers_started_first_leave_every_topic_to_the_relays(
    fresh_broker: EmbeddedBroker, sqlite_store: Store
) -> None:
    servers = fresh_broker.bootstrap_servers
    platform = sqlite_store.bootstrap(Clock())
    partitions = platform.settings.topic_partitions
    handlers = platform.built(platform.handlers)
    topics = sorted({topic for handler in handlers for topic in handler.topics})
    assert set(topics) == set(TOPICS)

    async with (
        consuming(servers, partitions, handlers, platform.sources()),
        relaying(platform, servers) as relays,
    ):
        for relay in relays:
            relay.ensure_topics()
        admin = KafkaAdminClient(bootstrap_servers=servers)
        try:
            described = {t["name"]: len(t["partitions"]) for t in admin.describe_topics(topics)}
            kept = kept_for(admin, topics)
        finally:
            admin.close()

    assert described == dict.fromkeys(topics, partitions)
    assert kept == dict.fromkeys(topics, KEPT_FOREVER)
    channels = json.loads(ASYNCAPI.read_text())["channels"]
    for topic in topics:  # the contract says what the broker was told
        configuration = channels[topic]["bindings"]["kafka"]["topicConfiguration"]
        assert {name: str(configuration[name]) for name in KEPT_FOREVER} == kept[topic]


@pytest.mark.broker
def test_a_topic_made_elsewhere_with_a_limited_retention_is_made_to_keep_every_record(
    fresh_broker: EmbeddedBroker, sqlite_store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    servers = fresh_broker.bootstrap_servers
    platform = sqlite_store.bootstrap(Clock())
    admin = KafkaAdminClient(bootstrap_servers=servers)
    try:
        admin.create_topics([NewTopic(SIGNALS_TOPIC, 4, 1, topic_configs={"retention.ms": A_WEEK_MS})])
        assert kept_for(admin, [SIGNALS_TOPIC]) == {SIGNALS_TOPIC: {"retention.ms": A_WEEK_MS}}
        (relay,) = [r for r in platform.relays(servers) if SIGNALS_TOPIC in r.topics]
        try:
            with caplog.at_level(logging.WARNING, logger="keten.relay"):
                relay.ensure_topics()
                relay.ensure_topics()  # once right, nothing more to change or say
        finally:
            relay.close()
        assert kept_for(admin, [SIGNALS_TOPIC]) == {SIGNALS_TOPIC: KEPT_FOREVER}
    finally:
        admin.close()
    changed = [m for m in caplog.messages if SIGNALS_TOPIC in m]
    assert changed == [
        f"topic {SIGNALS_TOPIC}: retention.ms={A_WEEK_MS}, now {KEPT_FOREVER}: it keeps every record"
    ]

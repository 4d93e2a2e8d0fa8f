"""Consumers that start before the relays create no topic: the relays create every topic with
keten's partitions. (faststream's subscriber created a missing topic with one partition, and
consumers assigned keten's four then asked for the leaders of three partitions that did not
exist, in a loop, for as long as they ran.)"""

from __future__ import annotations

import pytest
from kafka.admin import KafkaAdminClient
from tests.integration.platform_kit import Clock, Store

from keten.broker import EmbeddedBroker
from keten.roles.consuming import consuming
from keten.roles.relaying import relaying


@pytest.mark.broker
async def test_consumers_started_first_leave_every_topic_to_the_relays(
    fresh_broker: EmbeddedBroker, sqlite_store: Store
) -> None:
    servers = fresh_broker.bootstrap_servers
    platform = sqlite_store.bootstrap(Clock())
    partitions = platform.settings.topic_partitions
    handlers = platform.built(platform.handlers)
    topics = sorted({topic for handler in handlers for topic in handler.topics})

    async with (
        consuming(servers, partitions, handlers, platform.sources()),
        relaying(platform, servers) as relays,
    ):
        for relay in relays:
            relay.ensure_topics()
        admin = KafkaAdminClient(bootstrap_servers=servers)
        try:
            described = {t["name"]: len(t["partitions"]) for t in admin.describe_topics(topics)}
        finally:
            admin.close()

    assert described == dict.fromkeys(topics, partitions)

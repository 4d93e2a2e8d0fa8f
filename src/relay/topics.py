"""The relay's view of the broker: its topics exist and keep every record, and how many
records they hold."""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Sequence

from kafka import KafkaAdminClient, KafkaConsumer, TopicPartition
from kafka.admin import ConfigResource, ConfigResourceType, NewTopic
from kafka.errors import KafkaError, TopicAlreadyExistsError

from kernel import kafka_clients
from kernel.contracts import KEPT_FOREVER

HIGHWATER_TIMEOUT_SECONDS = 5.0
log = logging.getLogger("keten.relay")


def ensure_topics(bootstrap_servers: str, topics: Sequence[str], partitions: int) -> None:
    """Creates the missing topics with keten's partitions, and sees that every topic keeps all
    its records (`KEPT_FOREVER`).

    Others create keten's topics too: faststream for a consumer group that finds one missing,
    the embedded broker on a consumer's metadata request, an operator. Whoever made a topic, its
    retention is set here, before the relay publishes. A broker that will not tell or change a
    topic's settings (no right to, an old version) is logged, and the relay publishes all the same.
    """
    admin = kafka_clients.admin(bootstrap_servers)
    try:
        for topic in topics:
            with contextlib.suppress(TopicAlreadyExistsError):
                admin.create_topics([NewTopic(topic, partitions, 1, topic_configs=KEPT_FOREVER)])
        keep_forever(admin, topics)
    finally:
        admin.close()


def keep_forever(admin: KafkaAdminClient, topics: Sequence[str]) -> None:
    try:
        short = {topic: kept for topic, kept in kept_for(admin, topics).items() if kept != KEPT_FOREVER}
        if not short:
            return
        results = admin.alter_configs(
            [ConfigResource(ConfigResourceType.TOPIC, topic, configs=KEPT_FOREVER) for topic in short],
            incremental=True,  # only these settings; the topic's others stay as they are
            raise_on_unknown=False,  # the client's own check asks for settings some brokers never list
        )
    except (KafkaError, ValueError) as error:
        log.warning(
            "topics %s: retention not checked (%s); set %s yourself", ", ".join(topics), error, KEPT_FOREVER
        )
        return
    for topic, result in results.get("topic", {}).items():
        if result == "OK":
            was = ", ".join(f"{name}={value or 'the broker default'}" for name, value in short[topic].items())
            log.warning("topic %s: %s, now %s: it keeps every record", topic, was, KEPT_FOREVER)
        else:
            log.warning("topic %s: retention not set (%s); set %s yourself", topic, result, KEPT_FOREVER)


def kept_for(admin: KafkaAdminClient, topics: Sequence[str]) -> dict[str, dict[str, str | None]]:
    """Per topic, its value of each `KEPT_FOREVER` setting (None: not listed by the broker)."""
    described = admin.describe_configs(
        [ConfigResource(ConfigResourceType.TOPIC, topic) for topic in topics], config_filter="all"
    ).get("topic", {})
    return {
        topic: {name: (described.get(topic) or {}).get(name, {}).get("value") for name in KEPT_FOREVER}
        for topic in topics
    }


def records_held(bootstrap_servers: str, topics: Sequence[str]) -> int:
    """The sum of the high watermarks of the topics.

    Read from a fetch response, not from ListOffsets alone: the embedded broker (Tansu
    0.6) answers ListOffsets(latest) with the last batch's *base* offset + 1, which
    under-counts every batch of more than one record and made check_broker re-publish
    a healthy topic. Seeking just below the listed end keeps that fetch to one batch.
    """
    consumer = kafka_clients.consumer(bootstrap_servers, enable_auto_commit=False)
    try:
        listed = listed_ends(consumer, topics)
        filled = [tp for tp, end in listed.items() if end > 0]
        if filled:
            consumer.assign(filled)
            for tp in filled:
                consumer.seek(tp, listed[tp] - 1)
            deadline = time.monotonic() + HIGHWATER_TIMEOUT_SECONDS
            while any(consumer.highwater(tp) is None for tp in filled) and time.monotonic() < deadline:
                consumer.poll(timeout_ms=100)
        return sum(max(end, consumer.highwater(tp) or 0) if end else 0 for tp, end in listed.items())
    finally:
        consumer.close()


def listed_ends(consumer: KafkaConsumer, topics: Sequence[str]) -> dict[TopicPartition, int]:
    """Where each partition of the topics ends, as the broker lists it (ListOffsets), from the
    metadata the consumer holds."""
    partitions = [TopicPartition(t, p) for t in topics for p in consumer.partitions_for_topic(t) or ()]
    return dict(consumer.end_offsets(partitions)) if partitions else {}

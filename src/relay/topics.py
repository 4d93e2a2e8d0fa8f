"""The relay's view of the broker: its topics exist, and how many records they hold."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Sequence

from kafka import TopicPartition
from kafka.admin import NewTopic
from kafka.errors import TopicAlreadyExistsError

from kernel import kafka_clients

HIGHWATER_TIMEOUT_SECONDS = 5.0


def ensure_topics(bootstrap_servers: str, topics: Sequence[str], partitions: int) -> None:
    admin = kafka_clients.admin(bootstrap_servers)
    try:
        for topic in topics:
            with contextlib.suppress(TopicAlreadyExistsError):
                admin.create_topics([NewTopic(topic, partitions, 1)])
    finally:
        admin.close()


def records_held(bootstrap_servers: str, topics: Sequence[str]) -> int:
    """The sum of the high watermarks of the topics.

    Read from a fetch response, not from ListOffsets alone: the embedded broker (Tansu
    0.6) answers ListOffsets(latest) with the last batch's *base* offset + 1, which
    under-counts every batch of more than one record and made check_broker re-publish
    a healthy topic. Seeking just below the listed end keeps that fetch to one batch.
    """
    consumer = kafka_clients.consumer(bootstrap_servers, enable_auto_commit=False)
    try:
        partitions = [
            TopicPartition(topic, p) for topic in topics for p in consumer.partitions_for_topic(topic) or ()
        ]
        listed = consumer.end_offsets(partitions) if partitions else {}
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

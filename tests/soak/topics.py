"""Reading the soak's topics as an outsider: a whole topic, or from given offsets on."""

from __future__ import annotations

import json
from typing import Any

from kafka import KafkaConsumer, TopicPartition


def match_events(bootstrap_servers: str) -> list[tuple[bytes, str, str]]:
    """(key, type, match id) of every record on keten.matches.v1, once per event, in order."""
    once: dict[tuple[str, int], tuple[bytes, str, str]] = {}
    for record in topic_records(bootstrap_servers, "keten.matches.v1"):
        headers = {name: bytes(value).decode() for name, value in record.headers}
        kind = headers["ce_type"].rsplit(".", 1)[-1]
        once[(headers["ce_source"], int(headers["ce_sequence"]))] = (
            record.key,
            kind,
            _match_id(record.value),
        )
    return [once[sequence] for sequence in sorted(once)]


def topic_records(bootstrap_servers: str, topic: str, since: dict[int, int] | None = None) -> list[Any]:
    """Every record of one topic (from `since`, by partition), read to its end."""
    consumer = KafkaConsumer(bootstrap_servers=bootstrap_servers, enable_auto_commit=False, group_id=None)
    try:
        partitions = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or ())]
        consumer.assign(partitions)
        for partition in partitions:
            consumer.seek(partition, (since or {}).get(partition.partition, 0))
        end, found = consumer.end_offsets(partitions), []
        while any(consumer.position(p) < end[p] for p in partitions):
            for batch in consumer.poll(timeout_ms=500).values():
                found.extend(batch)
        return found
    finally:
        consumer.close()


def end_offsets(bootstrap_servers: str, topic: str) -> dict[int, int]:
    consumer = KafkaConsumer(bootstrap_servers=bootstrap_servers, enable_auto_commit=False, group_id=None)
    try:
        partitions = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or ()]
        return {p.partition: offset for p, offset in consumer.end_offsets(partitions).items()}
    finally:
        consumer.close()


def _match_id(value: bytes) -> str:
    return str(json.loads(value)["matchId"])

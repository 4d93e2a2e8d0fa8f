"""The rebuild's reader (aiokafka on a loop of its own) on the embedded broker: it reads each
partition from the offset it was given, hands records over with their place, and knows when it
reached the ends."""

from __future__ import annotations

from typing import Any

import pytest
from aiokafka.errors import KafkaConnectionError
from kafka import KafkaProducer
from kafka.admin import KafkaAdminClient, NewTopic

from keten.broker import EmbeddedBroker, free_loopback_port
from keten.rebuild_reads import POLL_MS, TopicReader

TOPIC = "reader.test.v1"


@pytest.fixture
def filled(fresh_broker: EmbeddedBroker) -> str:
    """Two partitions: five records in 0, three in 1."""
    servers = fresh_broker.bootstrap_servers
    admin = KafkaAdminClient(bootstrap_servers=servers)
    admin.create_topics([NewTopic(TOPIC, 2, 1)])
    admin.close()
    producer = KafkaProducer(bootstrap_servers=servers)
    for partition, count in ((0, 5), (1, 3)):
        for n in range(count):
            producer.send(TOPIC, f"{partition}-{n}".encode(), partition=partition, headers=[("h", b"v")])
    producer.flush()
    producer.close()
    return servers


def read_all(reader: TopicReader, ends: dict[tuple[str, int], int]) -> list[Any]:
    found: list[Any] = []
    for _ in range(40):  # a deadline in polls: the broker answers within one each
        if not reader.behind(ends):
            return found
        for records in reader.poll(timeout_ms=POLL_MS).values():
            found.extend(records)
    raise AssertionError(f"still behind after 40 polls, {len(found)} records read")


def test_each_partition_is_read_from_its_start_to_its_end_with_place_and_headers(filled: str) -> None:
    ends = {(TOPIC, 0): 5, (TOPIC, 1): 3}
    reader = TopicReader(filled, {(TOPIC, 0): 2, (TOPIC, 1): 0})
    try:
        assert reader.behind(ends)
        records = read_all(reader, ends)
    finally:
        reader.close()

    assert sorted((r.partition, r.offset, r.value) for r in records) == [
        (0, 2, b"0-2"), (0, 3, b"0-3"), (0, 4, b"0-4"), (1, 0, b"1-0"), (1, 1, b"1-1"), (1, 2, b"1-2"),
    ]  # fmt: skip
    assert {tuple(r.headers) for r in records} == {(("h", b"v"),)}


def test_a_broker_that_does_not_answer_is_an_error_at_once_not_a_hang() -> None:
    with pytest.raises(KafkaConnectionError):
        TopicReader(f"127.0.0.1:{free_loopback_port()}", {(TOPIC, 0): 0})

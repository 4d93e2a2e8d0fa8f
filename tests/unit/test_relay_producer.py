"""The relay's per-record shortcuts change no byte and no partition: the partition it picks is
kafka-python's default partitioner's, the value is the sorted compact JSON it always was."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import pytest
from kafka.partitioner.default import DefaultPartitioner

from kernel.cloudevents import PublicEvent, ce_headers, ce_value, loads
from relay.producer import key_hash


class Cluster:
    """What the default partitioner asks of kafka-python's cluster metadata."""

    def __init__(self, topic: str, count: int) -> None:
        self.topic, self.count = topic, count

    def topics(self) -> set[str]:
        return {self.topic}

    def partitions_for_topic(self, topic: str) -> set[int]:
        return set(range(self.count))

    def available_partitions_for_topic(self, topic: str) -> set[int]:
        return set(range(self.count))


@pytest.mark.parametrize("count", [1, 4, 12])
def test_the_relay_picks_the_partition_kafka_python_would(count: int) -> None:
    cluster = Cluster("keten.cases.v1", count)
    for key in [uuid.uuid4().hex.encode() for _ in range(200)] + [b"", b"youth:ab" * 8]:
        expected = DefaultPartitioner().partition("keten.cases.v1", key, key, None, None, cluster)
        assert key_hash(key) % count == expected


def test_the_value_is_compact_utf8_json_with_sorted_keys() -> None:
    event = PublicEvent(
        "t", "keten.x.Y", "k", "s", {"b": [1, "é"], "a": {"d": None, "c": 2}}, datetime.now(UTC)
    )

    assert (
        ce_value(event)
        == json.dumps(event.data, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode()
    )
    assert ce_value(event) == '{"a":{"c":2,"d":null},"b":[1,"é"]}'.encode()


@pytest.mark.parametrize(
    "value",
    [b'{"a":1}', b'{"a":NaN}', b'{"s":"\\ud800"}', b'[1.5,"\\u00e9",null,true]', '{"é":2}'.encode()],
)
def test_a_value_reads_as_json_reads_it(value: bytes) -> None:
    # orjson refuses NaN and a lone surrogate, which json reads: the fallback keeps them readable.
    assert repr(loads(value)) == repr(json.loads(value))


@pytest.mark.parametrize("value", [None, b"", b"{", b"\xff"])
def test_what_is_no_json_is_refused_as_json_refuses_it(value: bytes | None) -> None:
    with pytest.raises((TypeError, ValueError)):
        loads(value)


def test_the_headers_are_the_cloudevents_binary_mode_ones() -> None:
    when = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
    event = PublicEvent("t", "keten.x.Y", "k", "subject-1", {}, when)

    assert ce_headers(event, "id-1", "/keten/x", 7) == [
        ("ce_specversion", b"1.0"),
        ("ce_id", b"id-1"),
        ("ce_source", b"/keten/x"),
        ("ce_type", b"keten.x.Y"),
        ("ce_time", b"2026-11-30T12:00:00+00:00"),
        ("ce_subject", b"subject-1"),
        ("ce_sequence", b"7"),
        ("content-type", b"application/json"),
    ]

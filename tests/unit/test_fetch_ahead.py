"""A rebuild's reader thread, fed by a consumer made by hand: fetches in order, errors raised in
the caller's thread, and no thread left behind when the caller stops early."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any, NamedTuple

import pytest
from kafka import TopicPartition

from keten.fetch_ahead import fetched

SOURCE = "/keten/cases"
TP = TopicPartition("keten.cases.v1", 0)


class Record(NamedTuple):
    topic: str
    partition: int
    offset: int
    key: bytes
    value: bytes
    headers: list[tuple[str, bytes]]


def record(offset: int) -> Record:
    headers = [("ce_source", SOURCE.encode()), ("ce_type", b"keten.cases.Received"), ("ce_sequence", b"1")]
    return Record(TP.topic, TP.partition, offset, b"case", b'{"caseId": "c"}', headers)


class Consumer:
    """Hands out the fetches it was given, then nothing; or fails at the poll named."""

    def __init__(self, fetches: list[list[Record]], fail_at: int | None = None) -> None:
        self.fetches, self.fail_at, self.polls = iter(fetches), fail_at, 0

    def poll(self, timeout_ms: int) -> dict[TopicPartition, list[Record]]:
        self.polls += 1
        if self.polls == self.fail_at:
            raise ConnectionError("broker went away")
        return {TP: records} if (records := next(self.fetches, None)) else {}


def readers() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "rebuild-reader"]


def offsets(fetches: Iterator[Any]) -> list[list[int]]:
    return [[item.offset for item in fetch.decoded] for fetch in fetches]


def test_the_fetches_come_in_order_decoded_until_the_partitions_are_read() -> None:
    consumer = Consumer([[record(0), record(1)], [record(2)]])
    with fetched(consumer, lambda: consumer.polls < 2, frozenset({SOURCE})) as fetches:  # type: ignore[arg-type]
        assert offsets(fetches) == [[0, 1], [2]]
    assert readers() == []


def test_a_failing_poll_is_raised_in_the_callers_thread() -> None:
    consumer = Consumer([[record(0)]], fail_at=2)
    with (
        pytest.raises(ConnectionError),
        fetched(consumer, lambda: True, frozenset({SOURCE})) as fetches,  # type: ignore[arg-type]
    ):
        offsets(fetches)
    assert readers() == []


def test_a_caller_that_stops_early_leaves_no_reader_thread() -> None:
    consumer = Consumer([[record(n)] for n in range(100)])
    with fetched(consumer, lambda: True, frozenset({SOURCE})) as fetches:  # type: ignore[arg-type]
        assert next(fetches).records == 1
    assert readers() == []
    assert consumer.polls < 100  # it read only a few fetches ahead

"""A rebuild's reads, fed by a consumer made by hand: a poll's records per topic, in order, with
their own partition and offset; foreign records counted but not decoded; the end when caught up
or when the broker stays empty."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from kafka import TopicPartition

from keten.rebuild_reads import IDLE_POLLS, fetches

SOURCE = "/keten/cases"
CASES_0, CASES_1 = TopicPartition("keten.cases.v1", 0), TopicPartition("keten.cases.v1", 1)
SIGNALS_0 = TopicPartition("keten.signals.v1", 0)


class Record(NamedTuple):
    topic: str
    partition: int
    offset: int
    key: bytes
    value: bytes
    headers: list[tuple[str, bytes]]


def record(tp: TopicPartition, offset: int, source: str = SOURCE) -> Record:
    headers = [("ce_source", source.encode()), ("ce_type", b"keten.cases.Received"), ("ce_sequence", b"1")]
    return Record(tp.topic, tp.partition, offset, b"case", b'{"caseId": "c"}', headers)


class Consumer:
    """Hands out the polls it was given, then nothing."""

    def __init__(self, polls: list[dict[TopicPartition, list[Record]]]) -> None:
        self.polls, self.asked = iter(polls), 0

    def poll(self, timeout_ms: int) -> dict[TopicPartition, list[Record]]:
        self.asked += 1
        return next(self.polls, {})


def read(consumer: Consumer, behind: Any = lambda: True) -> list[tuple[str, int, list[tuple[int, int]]]]:
    found: Iterator[Any] = fetches(consumer, behind, frozenset({SOURCE}))  # type: ignore[arg-type]
    return [(f.topic, f.records, [(d.partition, d.offset) for d in f.decoded]) for f in found]


def test_a_polls_partitions_of_one_topic_come_as_one_fetch_each_record_keeping_its_place() -> None:
    consumer = Consumer(
        [
            {CASES_0: [record(CASES_0, 0), record(CASES_0, 1)], CASES_1: [record(CASES_1, 0)]},
            {SIGNALS_0: [record(SIGNALS_0, 7)], CASES_1: [record(CASES_1, 1)]},
        ]
    )

    assert read(consumer, behind=lambda: consumer.asked < 2) == [
        ("keten.cases.v1", 3, [(0, 0), (0, 1), (1, 0)]),
        ("keten.signals.v1", 1, [(0, 7)]),
        ("keten.cases.v1", 1, [(1, 1)]),
    ]


def test_a_foreign_record_is_counted_as_read_and_never_decoded() -> None:
    consumer = Consumer([{CASES_0: [record(CASES_0, 0, "/someone/else"), record(CASES_0, 1)]}])

    assert read(consumer, behind=lambda: consumer.asked < 1) == [("keten.cases.v1", 2, [(0, 1)])]


def test_reading_ends_when_the_broker_stays_empty_though_a_partition_should_hold_more() -> None:
    consumer = Consumer([{CASES_0: [record(CASES_0, 0)]}])

    assert read(consumer) == [("keten.cases.v1", 1, [(0, 0)])]
    assert consumer.asked == 1 + IDLE_POLLS

"""A rebuild's reads: each poll's records, per topic, decoded once for every view that reads it.

They are read in the rebuild's own thread. A reader thread used to fetch and decode the next
records while the views wrote, but both halves are Python under one interpreter lock: every SQL
statement that let go of the lock then waited behind the reader to get it back (the first two
statements of a view's batch took 0.6 and 2.9 ms instead of microseconds). Read in line, the
rebuild ran 10% faster on the same 50,000 events, and none of its time is spent waiting.

A poll hands over up to `POLL_RECORDS` records, and each view applies all of one topic's in one
transaction: its tracking and dead letters are read once per poll, not once per partition.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from kafka import KafkaConsumer

from keten.fetches import Decoded, decode

POLL_RECORDS = 2000  # records per poll, over the partitions it read (kafka-python's default: 500)
POLL_MS = 500
IDLE_POLLS = 10  # empty polls in a row before a partition that should hold more is given up


@dataclass(frozen=True)
class Fetch:
    topic: str
    records: int  # as read, foreign ones included
    decoded: list[Decoded]  # keten's own, each with its partition and offset


def fetches(consumer: KafkaConsumer, behind: Callable[[], bool], sources: frozenset[str]) -> Iterator[Fetch]:
    """Per poll, one fetch per topic, until `behind()` is false (or the broker stays empty)."""
    idle = 0
    while idle < IDLE_POLLS and behind():
        polled: dict[Any, list[Any]] = consumer.poll(timeout_ms=POLL_MS)
        idle = 0 if polled else idle + 1
        by_topic: dict[str, list[Any]] = {}
        for tp, records in polled.items():
            by_topic.setdefault(tp.topic, []).extend(records)
        for topic, records in by_topic.items():
            yield Fetch(topic, len(records), decode(records, sources))

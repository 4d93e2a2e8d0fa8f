"""A rebuild's reader thread: it fetches and decodes the next records while the views write the
last ones.

The views' SQL and the broker's socket release the GIL, so reading ahead in a thread of its own
overlaps the two halves of a rebuild instead of taking turns. At most `AHEAD` fetches wait:
memory stays bounded whatever the length of the topics. The consumer is used by the reader
thread only (kafka-python's consumer is not thread-safe), and the thread has ended before the
caller closes it.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from kafka import KafkaConsumer, TopicPartition

from keten.fetches import Decoded, decode

AHEAD = 4  # fetches decoded and waiting for the views
POLL_MS = 500
IDLE_POLLS = 10  # empty polls in a row before a partition that should hold more is given up
_PUT_WAIT_S = 0.1  # how often a blocked reader looks whether it was told to stop


@dataclass(frozen=True)
class Fetch:
    topic: str
    partition: int
    records: int  # as read, foreign ones included
    decoded: list[Decoded]


_END = object()


@contextmanager
def fetched(
    consumer: KafkaConsumer, behind: Callable[[], bool], sources: frozenset[str]
) -> Iterator[Iterator[Fetch]]:
    """The fetches until `behind()` is false (or the broker stays empty), read by a thread."""
    waiting: queue.Queue[object] = queue.Queue(maxsize=AHEAD)
    stop = threading.Event()
    reader = threading.Thread(
        target=_read, args=(consumer, behind, sources, waiting, stop), name="rebuild-reader", daemon=True
    )
    reader.start()
    try:
        yield _taken(waiting)
    finally:
        stop.set()
        reader.join()


def _taken(waiting: queue.Queue[object]) -> Iterator[Fetch]:
    while (item := waiting.get()) is not _END:
        if isinstance(item, BaseException):
            raise item
        assert isinstance(item, Fetch)
        yield item


def _read(
    consumer: KafkaConsumer,
    behind: Callable[[], bool],
    sources: frozenset[str],
    waiting: queue.Queue[object],
    stop: threading.Event,
) -> None:
    try:
        idle = 0
        while not stop.is_set() and idle < IDLE_POLLS and behind():
            batches: dict[TopicPartition, list] = consumer.poll(timeout_ms=POLL_MS)  # type: ignore[type-arg]
            idle = 0 if batches else idle + 1
            for tp, records in batches.items():
                _put(waiting, stop, Fetch(tp.topic, tp.partition, len(records), decode(records, sources)))
        _put(waiting, stop, _END)
    except BaseException as error:  # handed to the caller's thread, which raises it there
        _put(waiting, stop, error)


def _put(waiting: queue.Queue[object], stop: threading.Event, item: object) -> None:
    while not stop.is_set():
        try:
            waiting.put(item, timeout=_PUT_WAIT_S)
            return
        except queue.Full:
            continue

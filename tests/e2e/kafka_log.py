"""Reads every record on the `keten.*` topics, as an outsider with access to the broker would."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from kafka import KafkaConsumer, TopicPartition

Offsets = dict[TopicPartition, int]
READ_TIMEOUT = 10.0


@dataclass(frozen=True)
class Record:
    topic: str
    partition: int
    offset: int
    key: bytes
    value: bytes
    headers: tuple[tuple[str, bytes], ...]

    def raw(self) -> bytes:
        """Every byte of the record: key, value, header names and header values."""
        return b"\n".join(
            [self.key, self.value, *(name.encode() + b"=" + value for name, value in self.headers)]
        )

    def header(self, name: str) -> str:
        return next(value.decode() for key, value in self.headers if key == name)

    @property
    def type(self) -> str:
        return self.header("ce_type").rsplit(".", 1)[-1]

    @property
    def data(self) -> dict[str, Any]:
        parsed: dict[str, Any] = json.loads(self.value)
        return parsed


class KafkaLog:
    """Reads to the end rather than trusting ListOffsets: Tansu 0.6 answers it with the base offset
    of the last batch + 1, so a batch of several records looks shorter than it is."""

    def __init__(self, bootstrap_servers: str) -> None:
        self.bootstrap_servers = bootstrap_servers

    def end_offsets(self) -> Offsets:
        return self._read({})[1]

    def count(self) -> int:
        return len(self.records())

    def records(self, since: Offsets | None = None) -> list[Record]:
        """Every record on every keten.* topic (after `since`, when given), read to the end."""
        return self._read(since or {})[0]

    def records_of_type(self, *types: str) -> list[Record]:
        return [record for record in self.records() if record.type in types]

    def _read(self, since: Offsets) -> tuple[list[Record], Offsets]:
        with self._consumer() as consumer:
            partitions = self._partitions(consumer)
            if not partitions:
                return [], {}
            consumer.assign(partitions)
            for partition in partitions:
                consumer.seek(partition, since.get(partition, 0))
            found = self._read_to(consumer, consumer.end_offsets(partitions))
            return found, {partition: consumer.position(partition) for partition in partitions}

    @staticmethod
    def _read_to(consumer: KafkaConsumer, end: Offsets) -> list[Record]:
        found: list[Record] = []
        deadline = time.monotonic() + READ_TIMEOUT
        while any(consumer.position(p) < offset for p, offset in end.items()):
            assert time.monotonic() < deadline, f"could not read to the end offsets {end}"
            for batch in consumer.poll(timeout_ms=200).values():
                found.extend(_record(message) for message in batch)
        return sorted(found, key=lambda r: (r.topic, r.partition, r.offset))

    @staticmethod
    def _partitions(consumer: KafkaConsumer) -> list[TopicPartition]:
        topics = sorted(t for t in consumer.topics() if t.startswith("keten."))
        return [TopicPartition(t, p) for t in topics for p in sorted(consumer.partitions_for_topic(t) or ())]

    @contextmanager
    def _consumer(self) -> Iterator[KafkaConsumer]:
        consumer = KafkaConsumer(
            bootstrap_servers=self.bootstrap_servers, enable_auto_commit=False, group_id=None
        )
        try:
            yield consumer
        finally:
            consumer.close()


def _record(message: Any) -> Record:
    headers = tuple((name, bytes(value or b"")) for name, value in message.headers or ())
    return Record(
        message.topic, message.partition, message.offset, message.key or b"", message.value or b"", headers
    )

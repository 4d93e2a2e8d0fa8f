"""The relay's kafka-python producer: idempotent, acks=all, rebuilt after any failure.

It picks each record's partition itself, as kafka-python's default partitioner would (murmur2
of the key over the topic's partitions), remembering the hash of recent keys: a young person's
or a case's records come in runs, and the pure-Python murmur2 is a large part of a send.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from kafka import KafkaProducer
from kafka.errors import KafkaError
from kafka.partitioner.default import murmur2

from kernel import kafka_clients
from kernel.cloudevents import PublicEvent, ce_headers, ce_value
from relay.faults import Fault, refusal


class RecordProducer:
    def __init__(self, bootstrap_servers: str, source: str) -> None:
        self.bootstrap_servers, self.source = bootstrap_servers, source
        self._producer: KafkaProducer | None = None
        self._partitions: dict[str, int] = {}  # per topic, for this producer's life

    def send(self, public: PublicEvent, event_id: str, sequence: int) -> Any | Fault:
        """The record's future, or the fault when the producer refused the record itself
        before sending it (larger than it may send); other Kafka errors are raised."""
        headers = ce_headers(public, event_id, self.source, sequence)
        key = public.key.encode()
        try:
            producer = self._get()
            partition = key_hash(key) % self._partition_count(producer, public.topic)
            return producer.send(
                public.topic, key=key, value=ce_value(public), headers=headers, partition=partition
            )
        except KafkaError as error:
            if (fault := refusal(error)) is None:
                raise
            return fault

    def flush(self) -> None:
        if self._producer is not None:
            self._producer.flush()

    def discard(self) -> None:
        """After a failure: a failed kafka-python producer fails every later send too."""
        if self._producer is not None:
            self._producer.close(timeout=0)
            self._producer = None
            self._partitions.clear()

    def close(self) -> None:
        if self._producer is not None:
            self._producer.close(timeout=5)
            self._producer = None
            self._partitions.clear()

    def _get(self) -> KafkaProducer:
        if self._producer is None:
            self._producer = kafka_clients.producer(
                self.bootstrap_servers,
                enable_idempotence=True,
                acks="all",
                linger_ms=2,
                batch_size=256 * 1024,
                max_in_flight_requests_per_connection=5,
            )
        return self._producer

    def _partition_count(self, producer: KafkaProducer, topic: str) -> int:
        count = self._partitions.get(topic)
        if count is None:  # waits for the topic's metadata, as a send would
            count = self._partitions[topic] = len(producer.partitions_for(topic))
        return count


@lru_cache(maxsize=65536)
def key_hash(key: bytes) -> int:
    """kafka-python's default partitioner's hash of a key (Kafka's murmur2, positive)."""
    return int(murmur2(key)) & 0x7FFFFFFF

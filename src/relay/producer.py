"""The relay's kafka-python producer: idempotent, acks=all, rebuilt after any failure."""

from __future__ import annotations

from typing import Any

from eventsourcing.persistence import Notification
from kafka import KafkaProducer
from kafka.errors import KafkaError

from kernel import kafka_clients
from kernel.cloudevents import PublicEvent, ce_headers, ce_value
from relay.faults import Fault, refusal


class RecordProducer:
    def __init__(self, bootstrap_servers: str, source: str) -> None:
        self.bootstrap_servers, self.source = bootstrap_servers, source
        self._producer: KafkaProducer | None = None

    def send(self, public: PublicEvent, notification: Notification) -> Any | Fault:
        """The record's future, or the fault when the producer refused the record itself
        before sending it (larger than it may send); other Kafka errors are raised."""
        event_id = f"{notification.originator_id}:{notification.originator_version}"
        headers = ce_headers(public, event_id, self.source, notification.id)
        try:
            return self._get().send(
                public.topic, key=public.key.encode(), value=ce_value(public), headers=headers
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

    def close(self) -> None:
        if self._producer is not None:
            self._producer.close(timeout=5)
            self._producer = None

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

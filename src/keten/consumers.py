"""Runs the Kafka consumers (matcher and views) as faststream subscribers.

Each handler stores its own source position with its writes, so Kafka's committed offsets
are not the truth and no consumer group is needed: partitions are assigned directly (which
also avoids the embedded broker's group-join wait) and each subscriber is moved to the
offsets its handler stored. Starting lower is always safe — handlers drop what they have
seen — so a lost or reset topic is simply read again from the start.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from aiokafka import TopicPartition as AIOTopicPartition
from faststream import AckPolicy
from faststream.kafka import TopicPartition
from faststream.kafka.annotations import KafkaMessage
from faststream.message import StreamMessage
from kafka import KafkaConsumer
from kafka import TopicPartition as KafkaTopicPartition

from kernel import kafka_clients
from keten.delivery import ATTEMPTS, Delivery, Handler

log = logging.getLogger("keten.consumers")


class Consumers:
    def __init__(
        self,
        bootstrap_servers: str,
        partitions: int,
        handlers: list[Handler],
        sources: frozenset[str],
        attempts: int = ATTEMPTS,
    ) -> None:
        self.bootstrap_servers = bootstrap_servers
        self.broker = kafka_clients.broker(bootstrap_servers, logger=log, graceful_timeout=5)
        self.partitions = partitions
        self.handlers = handlers
        self.delivery = Delivery(self.broker, sources, attempts)
        self._subscribers = [self._subscribe(handler) for handler in handlers]

    def _subscribe(self, handler: Handler) -> Any:
        subscriber = self.broker.subscriber(
            partitions=[TopicPartition(t, p) for t in handler.topics for p in range(self.partitions)],
            auto_offset_reset="earliest",
            fetch_max_wait_ms=50,
            # No group and no commits: the handler's own stored position is the truth.
            ack_policy=AckPolicy.ACK_FIRST,
            # The record as it is: faststream's own decoding would skip a record that is not JSON.
            decoder=_raw_body,
        )

        @subscriber
        async def on_record(body: Any, message: KafkaMessage) -> None:
            record: Any = message.raw_message
            pause = await self.delivery.deliver(handler, record)
            if pause is not None:
                # Not past it: rewind so this record is delivered again after the pause.
                message.consumer.seek(AIOTopicPartition(record.topic, record.partition), record.offset)
                await asyncio.sleep(pause)

        return subscriber

    async def start(self) -> None:
        stored = [handler.offsets() for handler in self.handlers]
        trusted = await asyncio.to_thread(self._trusted, stored)
        await self.broker.start()
        for offsets, subscriber in zip(trusted, self._subscribers, strict=True):
            for (topic, partition), offset in offsets.items():
                subscriber.consumer.seek(AIOTopicPartition(topic, partition), offset)

    def _trusted(
        self, stored: list[dict[tuple[str, int], tuple[int, str]]]
    ) -> list[dict[tuple[str, int], int]]:
        """Keeps a stored offset only where the record before it is the one the handler saw;
        elsewhere the partition is read from 0 (handlers drop what they have seen)."""
        if not any(stored):
            return [{} for _ in stored]
        peek = kafka_clients.consumer(self.bootstrap_servers, enable_auto_commit=False)
        try:
            return [
                {
                    tp: offset
                    for tp, (offset, last) in offsets.items()
                    if _event_before(peek, tp, offset) == last
                }
                for offsets in stored
            ]
        finally:
            peek.close()

    async def stop(self) -> None:
        await self.broker.stop()

    def kafka_consumers(self) -> list[tuple[str, Any]]:
        """Each handler's name with its aiokafka consumer (None until started), for its lag."""
        return [(h.name, s.consumer) for h, s in zip(self.handlers, self._subscribers, strict=True)]


async def _raw_body(message: StreamMessage[Any]) -> bytes | None:
    body: bytes | None = message.body
    return body


def _event_before(peek: KafkaConsumer, topic_partition: tuple[str, int], offset: int) -> str | None:
    if offset <= 0:
        return None
    partition = KafkaTopicPartition(*topic_partition)
    peek.assign([partition])
    peek.seek(partition, offset - 1)
    for record in peek.poll(timeout_ms=2000, max_records=1).get(partition, []):
        if record.offset == offset - 1:
            headers = {name: bytes(value).decode() for name, value in record.headers or ()}
            return f"{headers.get('ce_source')}|{headers.get('ce_sequence')}"
    return None

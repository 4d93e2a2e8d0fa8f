"""The floor under (a): two raw Kafka hops on the same broker in the same run — produce, consume,
produce, consume — with keten's client settings (the relay's kafka-python producer, the
consumers' aiokafka fetch wait in `keten serve`), and nothing else: no store, no matcher, no view.
"""

from __future__ import annotations

import asyncio
import time
import uuid

from aiokafka import AIOKafkaConsumer, TopicPartition
from kafka import KafkaProducer
from kafka.admin import KafkaAdminClient, NewTopic

from keten.doorbell import FETCH_WAIT_MS

PRODUCER = {  # as relay.producer
    "enable_idempotence": True,
    "acks": "all",
    "linger_ms": 2,
    "max_in_flight_requests_per_connection": 5,
}


def run_raw_hops(bootstrap_servers: str, count: int) -> list[float]:
    """Seconds per two hops, `count` times."""
    topics = [f"bench.hop-{n}.{uuid.uuid4().hex[:8]}" for n in (1, 2)]
    admin = KafkaAdminClient(bootstrap_servers=bootstrap_servers)
    try:
        admin.create_topics([NewTopic(topic, 1, 1) for topic in topics])
    finally:
        admin.close()
    return asyncio.run(_hops(bootstrap_servers, topics, count))


async def _hops(bootstrap_servers: str, topics: list[str], count: int) -> list[float]:
    producer = KafkaProducer(bootstrap_servers=bootstrap_servers, **PRODUCER)
    consumers = [await _consumer(bootstrap_servers, topic) for topic in topics]
    try:
        samples = []
        for number in range(count):
            started = time.perf_counter()
            for topic, consumer in zip(topics, consumers, strict=True):
                value = f"{number}".encode()
                await asyncio.to_thread(lambda t=topic, v=value: producer.send(t, v).get(10))
                await consumer.getone()
            samples.append(time.perf_counter() - started)
        return samples
    finally:
        producer.close()
        for consumer in consumers:
            await consumer.stop()


async def _consumer(bootstrap_servers: str, topic: str) -> AIOKafkaConsumer:
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap_servers, fetch_max_wait_ms=FETCH_WAIT_MS, enable_auto_commit=False
    )
    await consumer.start()
    partition = TopicPartition(topic, 0)
    consumer.assign([partition])
    await consumer.seek_to_end(partition)
    return consumer

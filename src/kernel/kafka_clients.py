"""Every Kafka client keten makes, with the cluster's SASL/TLS options (`kernel.kafka_access`).

Nothing else in `src/` constructs a Kafka client (a test checks), so a new one cannot forget
the options.
"""

from __future__ import annotations

from typing import Any

from aiokafka import AIOKafkaConsumer
from faststream.kafka import KafkaBroker
from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer

from kernel.kafka_access import kafka_access


def producer(bootstrap_servers: str, **options: Any) -> KafkaProducer:
    return KafkaProducer(bootstrap_servers=bootstrap_servers, **options, **kafka_access().kafka_python())


def consumer(bootstrap_servers: str, **options: Any) -> KafkaConsumer:
    return KafkaConsumer(bootstrap_servers=bootstrap_servers, **options, **kafka_access().kafka_python())


def aio_consumer(bootstrap_servers: str, **options: Any) -> AIOKafkaConsumer:
    """aiokafka's consumer, made inside a running event loop (the rebuild's reader)."""
    return AIOKafkaConsumer(bootstrap_servers=bootstrap_servers, **options, **kafka_access().aiokafka())


def admin(bootstrap_servers: str, **options: Any) -> KafkaAdminClient:
    return KafkaAdminClient(bootstrap_servers=bootstrap_servers, **options, **kafka_access().kafka_python())


def broker(bootstrap_servers: str, **options: Any) -> KafkaBroker:
    """faststream's broker for the consumers (aiokafka underneath)."""
    return KafkaBroker(bootstrap_servers, security=kafka_access().faststream(), **options)

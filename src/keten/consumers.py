"""Runs the Kafka consumers (matcher and views) as faststream subscribers.

Each handler stores its own source position with its writes, so Kafka's committed offsets
are never the truth: whenever a consumer is given partitions it moves to the offsets its
handler stored (`keten.resume`), or to 0 where it has none it can trust. Starting lower is
always safe — handlers drop what they have seen — so a lost or reset topic is read again, at
start and, while running, once a fetch shows it renumbered (`keten.renumbered`).

Who reads which partition:
- `group` set (the `keten matcher` and `keten projector` roles): a Kafka consumer group per
  handler (`<group>.<handler>`), so instances split the partitions and take over a dead
  instance's within seconds (`keten.consumer_options`).
- `group` None (`keten serve`, tools): the only consumer of its handlers assigns itself every
  partition, which also avoids the group join's wait.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from aiokafka import ConsumerRebalanceListener
from aiokafka import TopicPartition as AIOTopicPartition
from faststream import AckPolicy
from faststream.kafka import Topic, TopicPartition
from faststream.kafka.annotations import KafkaMessage
from faststream.message import StreamMessage

from kernel import kafka_clients
from keten.consumer_options import FETCH, GROUP, METADATA_MAX_AGE_MS
from keten.delivery import ATTEMPTS, Delivery, Handler
from keten.doorbell import DOORBELL_METADATA_MAX_AGE_MS, FETCH_WAIT_MS, FETCHER_LOOK_MS, Doorbell
from keten.renumbered import RenumberWatch
from keten.resume import trusted_offsets
from keten.waiting import cancel_all

DOORBELL_FETCH: dict[str, Any] = {"fetch_max_wait_ms": FETCH_WAIT_MS, "consumer_timeout_ms": FETCHER_LOOK_MS}
log = logging.getLogger("keten.consumers")
STOP_SECONDS = 5.0  # how long stopping waits for the pacing and the renumber watch to end


class Consumers:
    def __init__(
        self,
        bootstrap_servers: str,
        partitions: int,
        handlers: list[Handler],
        sources: frozenset[str],
        attempts: int = ATTEMPTS,
        group: str | None = None,
        doorbell: Doorbell | None = None,
    ) -> None:
        self.bootstrap_servers, self.partitions, self.group = bootstrap_servers, partitions, group
        self.doorbell = doorbell  # see keten.doorbell
        self._tasks: list[asyncio.Task[None]] = []  # the doorbell's pacing, the renumber watch
        # With a doorbell (one process) the relays create every topic before they publish, and a
        # partition without a leader makes aiokafka ask for metadata at once: no need to ask often.
        max_age = METADATA_MAX_AGE_MS if doorbell is None else DOORBELL_METADATA_MAX_AGE_MS
        # No dependency injection: each record's handler takes the message as it is (the
        # injection was most of faststream's ~0.7 ms per record, on the one event loop).
        self.broker = kafka_clients.broker(
            bootstrap_servers, logger=log, graceful_timeout=5, metadata_max_age_ms=max_age, apply_types=False
        )
        self.handlers = handlers
        self.delivery = Delivery(self.broker, sources, attempts)
        self._resumes = [self._subscribe(handler) for handler in handlers]

    def _subscribe(self, handler: Handler) -> Resume:
        resume = Resume(self.bootstrap_servers, handler)
        if self.group is None:
            # Not declared here: faststream would create a missing topic with one partition, racing
            # the relays, which create it with keten's partitions (a consumer then waits forever
            # for the leaders of partitions that do not exist, asking for metadata in a loop).
            partitions = [
                TopicPartition(t, p, declare=False) for t in handler.topics for p in range(self.partitions)
            ]
            topics: tuple[Topic, ...] = ()
            where: dict[str, Any] = {"partitions": partitions}
        else:
            # A topic not there yet is created with keten's partitions (faststream's default is 1).
            topics = tuple(Topic(t, num_partitions=self.partitions) for t in handler.topics)
            where = {"group_id": f"{self.group}.{handler.name}", "listener": resume, **GROUP}
        subscriber = self.broker.subscriber(
            *topics,
            auto_offset_reset="earliest",
            # Commits (if any) are never read: the handler's own stored position is the truth.
            ack_policy=AckPolicy.ACK_FIRST,
            # The message as it is: faststream's own decoding would skip a record that is not JSON.
            decoder=_as_it_is,
            **(FETCH if self.doorbell is None else DOORBELL_FETCH),
            **where,
        )
        resume.subscriber = subscriber

        @subscriber
        async def on_record(message: KafkaMessage) -> None:
            record: Any = message.raw_message
            pause = await self.delivery.deliver(handler, record)
            if pause is not None:
                # Not past it: rewind so this record is delivered again after the pause.
                message.consumer.seek(AIOTopicPartition(record.topic, record.partition), record.offset)
                await asyncio.sleep(pause)

        return resume

    async def start(self) -> None:
        await self.broker.start()
        if self.group is None:  # no group to hand out partitions: this consumer took them all
            for resume in self._resumes:
                topics = resume.handler.topics
                await resume.on_partitions_assigned(
                    {AIOTopicPartition(t, p) for t in topics for p in range(self.partitions)}
                )
        if self.doorbell is not None:
            consumers = [
                (r.subscriber.consumer, r.handler.topics, r.handler.gather_seconds) for r in self._resumes
            ]
            self._tasks.append(asyncio.create_task(self.doorbell.pace(consumers)))
        self._tasks.append(asyncio.create_task(RenumberWatch(self._resumes).run()))

    async def stop(self) -> None:
        # Bounded: a task that does not end must not keep the consumers (and keten) from stopping.
        for task in await cancel_all(self._tasks, STOP_SECONDS):
            log.warning("consumers: %s did not stop within %.0f s; stopping without it", task, STOP_SECONDS)
        await self.broker.stop()

    def kafka_consumers(self) -> list[tuple[str, Any]]:
        """Each handler's name with its aiokafka consumer (None until started), for its lag."""
        return [(resume.handler.name, resume.subscriber.consumer) for resume in self._resumes]


class Resume(ConsumerRebalanceListener):  # type: ignore[misc]
    """Moves a consumer to its handler's trusted offsets whenever it is given partitions."""

    def __init__(self, bootstrap_servers: str, handler: Handler) -> None:
        self.bootstrap_servers, self.handler = bootstrap_servers, handler
        self.subscriber: Any = None

    @property
    def name(self) -> str:
        return self.handler.name

    async def on_partitions_revoked(self, revoked: set[AIOTopicPartition]) -> None:
        """Nothing to hand over: every applied record's position is stored already."""

    async def on_partitions_assigned(self, assigned: set[AIOTopicPartition]) -> None:
        wanted = [(tp.topic, tp.partition) for tp in assigned]
        offsets = await asyncio.to_thread(self._offsets, wanted)
        for (topic, partition), offset in offsets.items():
            self.subscriber.consumer.seek(AIOTopicPartition(topic, partition), offset)
        if assigned:
            log.info(
                "consumer %s reads %s", self.handler.name, ", ".join(f"{t}[{p}]" for t, p in sorted(wanted))
            )

    def _offsets(self, wanted: list[tuple[str, int]]) -> dict[tuple[str, int], int]:
        return trusted_offsets(self.bootstrap_servers, self.handler.offsets(), wanted)


async def _as_it_is(message: StreamMessage[Any]) -> StreamMessage[Any]:
    return message

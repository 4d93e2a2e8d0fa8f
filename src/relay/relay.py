"""Follows one application's notification log and publishes its public events to Kafka.

The event store is the outbox: the relay reads notifications in order from its last recorded
position, produces them (idempotent, acks=all), waits for every acknowledgement, and only
then records the new position. It never skips and never reorders; a crash re-publishes the
unrecorded tail and consumers drop the duplicates by (ce_source, ce_sequence). When the
broker has lost records (the embedded broker keeps topics in memory), the relay notices
that the topics hold fewer records than it published and starts over from the beginning.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from eventsourcing.application import Application
from eventsourcing.persistence import Notification
from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import KafkaAdminClient, NewTopic
from kafka.errors import KafkaError, TopicAlreadyExistsError

from kernel.cloudevents import PublicEvent, ce_headers, ce_value
from kernel.contracts import source_of
from relay.chain import CaseChain, stamp
from relay.positions import Position, RelayPositions

log = logging.getLogger("keten.relay")

Mapper = Callable[[Any], PublicEvent | None]
HIGHWATER_TIMEOUT_SECONDS = 5.0
MAX_BATCHES_IN_FLIGHT = 3  # bounds the producer's buffer: about 2,000 records each
ACK_TIMEOUT_SECONDS = 30.0


class Relay:
    def __init__(
        self,
        app: Application[Any],
        mapper: Mapper,
        topics: Iterable[str],
        positions: RelayPositions,
        bootstrap_servers: str,
        partitions: int,
        batch_size: int = 2000,
        chain: CaseChain | None = None,
    ) -> None:
        self.app, self.mapper, self.topics = app, mapper, tuple(topics)
        self.positions = positions
        self.bootstrap_servers, self.partitions = bootstrap_servers, partitions
        self.batch_size = batch_size
        self.batches_in_flight = MAX_BATCHES_IN_FLIGHT  # 0: each batch acknowledged before the next
        self.chain = chain  # records each stream's hash chain and stamps its head on the records
        self.source = source_of(app.name)
        self.wake = threading.Event()
        self._producer: KafkaProducer | None = None

    def publish_pending(self) -> int:
        """Publishes everything recorded so far; returns how many records were produced.

        Batches are pipelined: the next batch is read, mapped and handed to the producer while
        the broker still acknowledges the previous ones. A batch's position is recorded only
        once it and every batch before it are acknowledged, so a crash still re-publishes
        exactly the unacknowledged tail (the idempotent producer keeps the order).
        """
        position, total = self.positions.get(self.app.name), 0
        in_flight: deque[tuple[list[Any], Position]] = deque()
        try:
            while batch := self.app.recorder.select_notifications(
                position.notification_id + 1, self.batch_size, topics=self._event_topics()
            ):
                futures = self._send(batch)
                position = Position(batch[-1].id, position.published + len(futures))
                in_flight.append((futures, position))
                total += len(futures)
                self._settle(in_flight, wait=len(in_flight) > self.batches_in_flight)
            if in_flight:
                self._get_producer().flush()
                self._settle(in_flight, wait=True)
        except KafkaError:
            self._discard_producer()  # a failed kafka-python producer fails every later send too
            raise
        return total

    def _send(self, batch: Sequence[Notification]) -> list[Any]:
        """Hands the batch's public records to the producer; returns their futures."""
        producer = self._get_producer()
        heads = self.chain.extend(batch) if self.chain else {}
        events = [self.app.mapper.to_domain_event(notification) for notification in batch]
        prepare = getattr(self.mapper, "prepare", None)
        if prepare is not None:
            prepare(events)  # e.g. create the batch's data keys in one transaction
        futures = []
        for notification, event in zip(batch, events, strict=True):
            public = self.mapper(event)
            if public is None:
                continue
            if notification.id in heads:
                public = stamp(public, heads[notification.id])
            futures.append(
                producer.send(
                    public.topic,
                    key=public.key.encode(),
                    value=ce_value(public),
                    headers=ce_headers(public, self._event_id(notification), self.source, notification.id),
                )
            )
        return futures

    def _settle(self, in_flight: deque[tuple[list[Any], Position]], wait: bool) -> None:
        """Records the position of every leading batch whose records are all acknowledged.

        With `wait`, the oldest batch is waited for (bounding memory); a failed record raises
        its KafkaError and leaves the position at the last fully acknowledged batch.
        """
        settled: Position | None = None
        try:
            while in_flight:
                futures, position = in_flight[0]
                if not (wait and settled is None) and not all(future.is_done for future in futures):
                    break
                for future in futures:
                    future.get(
                        timeout=ACK_TIMEOUT_SECONDS
                    )  # at once when done; raises a failed record's error
                settled = position
                in_flight.popleft()
        finally:
            if settled is not None:
                self.positions.set(self.app.name, settled)

    def _event_topics(self) -> Sequence[str]:
        """Only the stored events the mapper can publish need reading and decrypting; a chained
        stream is read whole, because every event is a link."""
        if self.chain is not None:
            return ()
        return tuple(getattr(self.mapper, "event_topics", ()))

    def check_broker(self) -> bool:
        """True when the broker still holds at least what was published; else restart at 0."""
        position = self.positions.get(self.app.name)
        held = self._records_held()
        if held >= position.published:
            return True
        log.warning(
            "broker holds %d of %d published %s records: re-publishing from the start",
            held,
            position.published,
            self.app.name,
        )
        self._discard_producer()  # its producer id and sequences belong to the lost broker state
        self.ensure_topics()
        self.positions.set(self.app.name, Position(0, 0))
        return False

    def ensure_topics(self) -> None:
        admin = KafkaAdminClient(bootstrap_servers=self.bootstrap_servers)
        try:
            for topic in self.topics:
                with contextlib.suppress(TopicAlreadyExistsError):
                    admin.create_topics([NewTopic(topic, self.partitions, 1)])
        finally:
            admin.close()

    def run(self, stop: threading.Event, poll_seconds: float, check_seconds: float = 1.0) -> None:
        """The relay loop: publish, then sleep until woken by a save or the poll interval.

        The broker is checked before the first publish and after every Kafka error too: a
        broker that lost records (a restart of the embedded one) must get them back before
        anything newer, or consumers, which drop what is not newer than the last record they
        applied for a key, would drop the lost records for good.
        """
        idle, suspect = 0.0, True
        while not stop.is_set():
            try:
                if suspect:
                    self.check_broker()
                    suspect = False
                if self.publish_pending() == 0:
                    idle += poll_seconds
                if idle >= check_seconds:
                    idle = 0.0
                    self.check_broker()
            except KafkaError as error:
                suspect = True
                log.warning("relay %s: %s; retrying from the last recorded position", self.app.name, error)
                stop.wait(poll_seconds * 5)
            self.wake.wait(poll_seconds)
            self.wake.clear()
        self.close()

    def close(self) -> None:
        if self._producer is not None:
            self._producer.close(timeout=5)
            self._producer = None

    def _records_held(self) -> int:
        """The sum of the high watermarks of the relay's topics.

        Read from a fetch response, not from ListOffsets alone: the embedded broker (Tansu
        0.6) answers ListOffsets(latest) with the last batch's *base* offset + 1, which
        under-counts every batch of more than one record and made check_broker re-publish
        a healthy topic. Seeking just below the listed end keeps that fetch to one batch.
        """
        consumer = KafkaConsumer(bootstrap_servers=self.bootstrap_servers, enable_auto_commit=False)
        try:
            partitions = [
                TopicPartition(topic, p)
                for topic in self.topics
                for p in consumer.partitions_for_topic(topic) or ()
            ]
            listed = consumer.end_offsets(partitions) if partitions else {}
            filled = [tp for tp, end in listed.items() if end > 0]
            if filled:
                consumer.assign(filled)
                for tp in filled:
                    consumer.seek(tp, listed[tp] - 1)
                deadline = time.monotonic() + HIGHWATER_TIMEOUT_SECONDS
                while any(consumer.highwater(tp) is None for tp in filled) and time.monotonic() < deadline:
                    consumer.poll(timeout_ms=100)
            return sum(max(end, consumer.highwater(tp) or 0) if end else 0 for tp, end in listed.items())
        finally:
            consumer.close()

    def _get_producer(self) -> KafkaProducer:
        if self._producer is None:
            self._producer = KafkaProducer(
                bootstrap_servers=self.bootstrap_servers,
                enable_idempotence=True,
                acks="all",
                linger_ms=2,
                batch_size=256 * 1024,
                max_in_flight_requests_per_connection=5,
            )
        return self._producer

    def _discard_producer(self) -> None:
        if self._producer is not None:
            self._producer.close(timeout=0)
            self._producer = None

    @staticmethod
    def _event_id(notification: Notification) -> str:
        return f"{notification.originator_id}:{notification.originator_version}"

"""Follows one application's notification log and publishes its public events to Kafka.

The event store is the outbox: the relay reads notifications in order from its last recorded
position, produces them (idempotent, acks=all), waits for every acknowledgement, and only
then records the new position. It never reorders a key; a crash re-publishes the unrecorded
tail and consumers drop the duplicates by (ce_source, ce_sequence). When the broker has lost
records (the embedded broker keeps topics in memory), the relay notices that the topics hold
fewer records than it published and starts over from the beginning.

Nothing stalls on one record: a record that fails by itself (refused by the broker, unreadable,
unmappable) is tried a few times with a growing pause, then parked (`relay.stalls`); later
records of its key or stream are held behind it and every other key goes on. A broker that
is away parks nothing: the relay waits for it, as before (`relay.loop`).
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from eventsourcing.application import Application
from eventsourcing.persistence import Notification
from kafka.errors import KafkaError

from kernel.contracts import source_of
from relay import loop
from relay.broker_look import BrokerLook
from relay.chain import CaseChain
from relay.faults import BatchRefused, Fault, RecordFailed, refusal
from relay.parking import ParkedRecords
from relay.positions import Position, RelayPositions
from relay.producer import RecordProducer
from relay.records import Mapper, Ready, ready
from relay.stalls import ATTEMPTS, Stalls
from relay.topics import ensure_topics

log = logging.getLogger("keten.relay")

MAX_BATCHES_IN_FLIGHT = 3  # bounds the producer's buffer: about 2,000 records each
ACK_TIMEOUT_SECONDS = 30.0
BACKOFF_SECONDS = 0.5  # the first pause before a failed record is tried again; doubled each time
InFlight = deque[tuple[list["Sent"], Position]]
Ends = dict[tuple[str, int], int]  # (topic, partition) -> the offset after the last acknowledged record


@dataclass(frozen=True)
class Sent:
    notification_id: int
    key: str
    stream: str
    future: Any


class Relay:
    def __init__(
        self,
        app: Application[Any],
        mapper: Mapper,
        topics: Iterable[str],
        positions: RelayPositions,
        bootstrap_servers: str,
        partitions: int,
        parking: ParkedRecords,
        batch_size: int = 2000,
        chain: CaseChain | None = None,
        attempts: int = ATTEMPTS,
        backoff_seconds: float = BACKOFF_SECONDS,
    ) -> None:
        self.app, self.mapper, self.topics = app, mapper, tuple(topics)
        self.positions, self.parking = positions, parking
        self.bootstrap_servers, self.partitions = bootstrap_servers, partitions
        self.batch_size = batch_size
        self.batches_in_flight = MAX_BATCHES_IN_FLIGHT  # 0: each batch acknowledged before the next
        self.chain = chain  # records each stream's hash chain and stamps its head on the records
        self.stalls, self.backoff_seconds = Stalls(app.name, parking, attempts), backoff_seconds
        self.producer = RecordProducer(bootstrap_servers, source_of(app.name))
        self.look = BrokerLook(bootstrap_servers, self.topics)
        self.wake, self.stopping = threading.Event(), threading.Event()
        self.broker_error: str | None = None  # the last pass's broker failure, for readiness
        self._careful_until = 0  # up to this notification id, records go one at a time
        self.retry_checked_at = 0.0  # when the loop last looked for a retry request (monotonic)
        # As soon as records are acknowledged, before their position is stored (that commit is
        # durable, an fsync): consumers may read what the broker holds, up to these ends.
        self.on_published: Callable[[Ends], None] = lambda ends: None
        # Where every writer of this store wakes the relay itself (`keten serve`), it need not
        # look for other processes' writes as often once it has been idle for a while.
        self.idle_poll_seconds: float | None = None
        self.published_at = 0.0  # when a pass last published (monotonic)

    @property
    def name(self) -> str:
        return str(self.app.name)

    def publish_pending(self) -> int:
        """Publishes everything recorded so far; returns how many records were produced.

        Batches are pipelined: the next batch is read, mapped and handed to the producer while
        the broker still acknowledges the previous ones. A batch's position is recorded only
        once it and every batch before it are acknowledged, so a crash still re-publishes
        exactly the unacknowledged tail (the idempotent producer keeps the order).
        """
        try:
            return self._publish_carefully() + self._publish_pipelined()
        except (KafkaError, BatchRefused, RecordFailed):
            self.producer.discard()
            raise

    def _publish_pipelined(self) -> int:
        position, total = self.positions.get(self.name), 0
        in_flight: InFlight = deque()
        more = True
        while more and (batch := self._read(position, self.batch_size)):
            sent, failed = self._send(ready(self.app, self.mapper, self.chain, batch))
            last = failed.notification_id - 1 if failed else batch[-1].id
            position = Position(last, position.published + len(sent))
            in_flight.append((sent, position))
            total += len(sent)
            if failed:
                self._settle(in_flight, everything=True)
                raise failed
            # A short batch was the end of the log: flush now instead of reading it again (a save
            # meanwhile has set `wake`, so the next pass takes it up at once).
            more = len(batch) == self.batch_size
            self._settle(in_flight, wait=len(in_flight) > self.batches_in_flight)
        self._settle(in_flight, everything=True)
        return total

    def _publish_carefully(self) -> int:
        """After a refused batch: one record at a time, each acknowledged before the next, so
        the refused record is known exactly and nothing of its key overtakes it."""
        if self._careful_until == 0:  # nearly always: no position to read (a transaction)
            return 0
        position, total = self.positions.get(self.name), 0
        while position.notification_id < self._careful_until and (batch := self._read(position, 1)):
            produced = self.publish_one(batch[0])
            position = Position(batch[0].id, position.published + produced)
            self.positions.set(self.name, position)
            total += produced
        return total

    def publish_one(self, notification: Notification) -> int:
        """Publishes one record and waits for it; 1 when produced, 0 when stuck or not public."""
        sent, failed = self._send(ready(self.app, self.mapper, self.chain, [notification]))
        if failed:
            raise failed
        self.producer.flush()
        ends: Ends = {}
        for item in sent:
            try:
                _note_end(ends, item.future.get(timeout=ACK_TIMEOUT_SECONDS))
            except KafkaError as error:
                self.producer.discard()
                if (fault := refusal(error)) is None:
                    raise
                if again := self.stalls.failed(notification.id, item.key, item.stream, fault):
                    raise again from error
                return 0
        if ends:
            self.on_published(ends)
        return len(sent)

    def _send(self, batch: Sequence[Ready]) -> tuple[list[Sent], RecordFailed | None]:
        """Hands the batch's public records to the producer, holding what waits behind a stuck
        record; stops at a record that failed and is to be tried again after a pause."""
        sent: list[Sent] = []
        for item in batch:
            nid, key, stream = item.notification.id, item.key, item.stream
            if self.stalls.is_stuck(nid) or not (item.public or item.fault):
                continue  # stuck already (re-read after a broker loss), or nothing to publish
            if (ahead := self.stalls.ahead(stream, key)) is not None:
                self.stalls.hold(nid, key, stream, ahead)
                continue
            fault = item.fault or self._produce(item, sent)
            if fault and (failed := self.stalls.failed(nid, key, stream, fault)):
                return sent, failed
        return sent, None

    def _produce(self, item: Ready, sent: list[Sent]) -> Fault | None:
        assert item.public is not None
        future = self.producer.send(item.public, item.event_id, item.sequence)
        if isinstance(future, Fault):
            return future
        sent.append(Sent(item.notification.id, item.public.key, item.stream, future))
        return None

    def _settle(self, in_flight: InFlight, wait: bool = False, everything: bool = False) -> None:
        """Records the position of every leading batch whose records are all acknowledged.

        With `wait`, the oldest batch is waited for (bounding memory), with `everything` all of
        them. A refused record makes the relay go one record at a time over all it has read.
        """
        if everything and in_flight:
            self.producer.flush()
        settled: Position | None = None
        ends: Ends = {}
        try:
            while in_flight:
                sent, position = in_flight[0]
                if not (everything or (wait and settled is None)) and not all(s.future.is_done for s in sent):
                    break
                self._acknowledged(sent, in_flight[-1][1], ends)
                settled = position
                in_flight.popleft()
        finally:
            if ends:
                self.on_published(ends)
            if settled is not None:
                self.positions.set(self.name, settled)

    def _acknowledged(self, sent: list[Sent], last_read: Position, ends: Ends) -> None:
        for item in sent:
            try:
                _note_end(ends, item.future.get(timeout=ACK_TIMEOUT_SECONDS))  # at once when done
            except KafkaError as error:
                if refusal(error) is None:
                    raise
                self._careful_until = max(self._careful_until, last_read.notification_id)
                raise BatchRefused from error

    def _read(self, position: Position, limit: int) -> Sequence[Notification]:
        start = position.notification_id + 1
        return self.app.recorder.select_notifications(start, limit, topics=self.event_topics())

    def event_topics(self) -> Sequence[str]:
        """Only the stored events the mapper can publish need reading and decrypting; a chained
        stream is read whole, because every event is a link."""
        if self.chain is not None:
            return ()
        return tuple(getattr(self.mapper, "event_topics", ()))

    def retry_parked(self) -> int:
        """Tries every parked record again, and those held behind them, in log order; returns
        how many were published. What fails again is parked again (after its attempts)."""
        published = 0
        for stuck in self.stalls.forget():
            nid = stuck.notification_id
            (notification,) = self.app.recorder.select_notifications(nid, 1, stop=nid)
            published += loop.until_settled(self, notification)
            if not self.stalls.is_stuck(nid):
                self.parking.release(self.name, nid)
        return published

    def check_broker(self) -> bool:
        """True when the broker still holds at least what was published; else restart at 0."""
        position = self.positions.get(self.name)
        held = self.look.held_when_short(position.published)
        if held is None:
            return True
        log.warning(
            "broker holds %d of %d published %s records: re-publishing from the start",
            *(held, position.published, self.name),
        )
        self.producer.discard()  # its producer id and sequences belong to the lost broker state
        self.ensure_topics()
        self.positions.set(self.name, Position(0, 0))
        return False

    def ensure_topics(self) -> None:
        ensure_topics(self.bootstrap_servers, self.topics, self.partitions)

    def run(self, stop: threading.Event, poll_seconds: float, check_seconds: float = 1.0) -> None:
        """The relay loop (`relay.loop`) until `stop` is set."""
        loop.run(self, stop, poll_seconds, check_seconds)

    def close(self) -> None:
        self.look.close()
        self.producer.close()


def _note_end(ends: Ends, acknowledged: Any) -> None:
    """Notes where an acknowledged record's partition now ends (acks come in order per partition)."""
    ends[(acknowledged.topic, acknowledged.partition)] = acknowledged.offset + 1

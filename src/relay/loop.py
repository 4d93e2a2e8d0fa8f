"""The relay loop: publish, pause before trying a failed record again, wait out a broker that is
away, and try parked records again when `keten relay retry` asks for it."""

from __future__ import annotations

import logging
import threading
import time
from typing import TYPE_CHECKING

from eventsourcing.persistence import Notification
from kafka.errors import KafkaError

from relay.faults import BatchRefused, RecordFailed

if TYPE_CHECKING:
    from relay.relay import Relay

log = logging.getLogger("keten.relay")

# While idle, the broker is asked this often whether it still holds what was published: each
# check opens a Kafka connection, and the embedded broker loses its topics only when it dies.
BROKER_CHECK_SECONDS = 5.0
IDLE_AFTER_SECONDS = 1.0


def run(relay: Relay, stop: threading.Event, poll_seconds: float, check_seconds: float = 1.0) -> None:
    """Publishes, then sleeps until woken by a save or the poll interval.

    The broker is checked before the first publish and after every Kafka error too: a
    broker that lost records (a restart of the embedded one) must get them back before
    anything newer, or consumers, which drop what is not newer than the last record they
    applied for a key, would drop the lost records for good. A Kafka error is the broker's,
    never a record's: nothing is parked for it, the relay waits and starts again.
    """
    relay.stopping = stop  # a pause before the next attempt ends when keten stops
    checked_at, suspect = time.monotonic(), True
    interval = poll_seconds
    while not stop.is_set():
        try:
            checked_at = _turn(relay, suspect, checked_at, check_seconds)
            suspect, relay.broker_error = False, None
        except RecordFailed as failed:
            pause(relay, failed)
        except BatchRefused:
            continue  # at once: the next pass goes one record at a time to find the refused one
        except KafkaError as error:
            suspect, relay.broker_error = True, type(error).__name__
            log.warning("relay %s: %s; retrying from the last recorded position", relay.name, error)
            stop.wait(poll_seconds * 5)
        interval = _poll(relay, poll_seconds)
        relay.wake.wait(interval)
        relay.wake.clear()
    relay.close()


def _poll(relay: Relay, poll_seconds: float) -> float:
    """The relay's poll interval; longer when nothing was published for a second, if allowed."""
    slower, quiet = relay.idle_poll_seconds, time.monotonic() - relay.published_at
    return max(poll_seconds, slower) if slower is not None and quiet >= IDLE_AFTER_SECONDS else poll_seconds


def _turn(relay: Relay, suspect: bool, checked_at: float, check_seconds: float) -> float:
    """One pass; returns when the broker was last checked (monotonic)."""
    if suspect:
        relay.check_broker()
        checked_at = time.monotonic()
    if relay.publish_pending():
        relay.published_at = time.monotonic()  # (the doorbell rang on the acknowledgements)
    # Checked in a quiet moment only, by the clock: a check opens a Kafka connection (tens of
    # ms), and a record saved meanwhile would wait for it.
    now = time.monotonic()
    if (
        now - checked_at >= max(check_seconds, BROKER_CHECK_SECONDS)
        and now - relay.published_at >= IDLE_AFTER_SECONDS
    ):
        relay.check_broker()
        checked_at = time.monotonic()
    if time.monotonic() - relay.retry_checked_at >= check_seconds:
        relay.retry_checked_at = time.monotonic()  # a busy relay takes a retry up as soon
        if relay.parking.retry_requested(relay.name):
            _retry(relay)
    return checked_at


def _retry(relay: Relay) -> None:
    log.info("relay %s: trying its parked records again", relay.name)
    published = relay.retry_parked()  # each record rings the doorbell once acknowledged
    stuck = relay.parking.of(relay.name)
    log.info("relay %s: %d records published by the retry, %d still stuck", relay.name, published, len(stuck))


def publish_all(relay: Relay) -> int:
    """Publishes everything recorded so far, pausing on failing records until each is out or
    parked; returns how many records were produced. Kafka errors are raised."""
    before = relay.positions.get(relay.name).published
    while True:
        try:
            relay.publish_pending()
            return relay.positions.get(relay.name).published - before
        except RecordFailed as failed:
            pause(relay, failed)
        except BatchRefused:
            continue  # the next pass goes one record at a time to find the refused one


def until_settled(relay: Relay, notification: Notification) -> int:
    """Publishes one record, pausing between its attempts, until it is out or parked again."""
    while True:
        try:
            return relay.publish_one(notification)
        except RecordFailed as failed:
            pause(relay, failed)


def pause(relay: Relay, failed: RecordFailed) -> None:
    """Waits before the next attempt of a failed record: 0.5 s, then twice as long each time."""
    log.warning(
        "relay %s: notification %d failed (%s: %s), attempt %d of %d; trying again",
        *(relay.name, failed.notification_id, failed.fault.error_type, failed.fault.reason),
        *(failed.attempt, relay.stalls.attempts),
    )
    relay.stopping.wait(relay.backoff_seconds * 2 ** (failed.attempt - 1))

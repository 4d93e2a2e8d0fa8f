"""(b) Relay throughput against a raw kafka-python producer, on the same embedded broker.

An event store is filled with N signal registrations through the application (no relay
running). Then, alternately, twice each: the relay publishes everything from position 0
(`Relay.publish_pending()`, which reads, decrypts and maps the log, produces, waits for every
acknowledgement and records its position per batch), and a raw `KafkaProducer` with the
relay's own producer settings sends the very records the relay produced (same keys, values and
headers, read back from keten.signals.v1) to a fresh topic that the broker validates against
the same schema, flushing once at the end. Both timings include creating the producer.

Every relay run is a first publication: the relay makes each young person's data key when it
first seals for them (keten.keystore), so before each run the previous run's keys are deleted
from this throw-away store and every run pays for the same key creation.
"""

from __future__ import annotations

import random
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from kafka import KafkaConsumer, KafkaProducer
from kafka.admin import KafkaAdminClient, NewTopic

from bench.refs import unique_bsns, youth_birth_date
from bench.stack import MUNICIPALITY, Broker, embedded_broker, platform_in, register_organisation, temp_dir
from domain.identity.model import Sector
from kernel.contracts import SIGNALS_TOPIC
from keten.bootstrap import Platform, open_database
from keten.progress import Progress
from relay.positions import Position
from relay.relay import Relay

# The relay's producer settings that shape throughput; the raw producer copies their values.
PRODUCER_KEYS = (
    "enable_idempotence",
    "acks",
    "linger_ms",
    "batch_size",
    "max_in_flight_requests_per_connection",
    "compression_type",
    "max_request_size",
)
PROGRESS_EVERY = 1000


@dataclass(frozen=True)
class Record:
    key: bytes
    value: bytes
    headers: list[tuple[str, bytes]]


@dataclass
class ThroughputResult:
    registrations: int
    records: int = 0  # what one relay run publishes: each registration's public events
    relay_rates: list[float] = field(default_factory=list)  # records/s per run
    raw_rates: list[float] = field(default_factory=list)
    record_bytes: float = 0.0  # mean key + value + header bytes per record
    producer_settings: dict[str, Any] = field(default_factory=dict)


def run_throughput(registrations: int, runs: int, seed: int = 5) -> ThroughputResult:
    result = ThroughputResult(registrations)
    with (
        temp_dir("keten-bench-throughput-") as work,
        embedded_broker(work / "broker") as broker,
        platform_in(work / "data") as platform,
    ):
        _fill(platform, registrations, random.Random(seed))
        records: list[Record] = []
        for run in range(1, runs + 1):
            result.relay_rates.append(_time_relay(platform, broker, result))
            records = records or _read_back(broker, result.records)
            result.raw_rates.append(_time_raw(broker, records, result.producer_settings, run))
        result.record_bytes = sum(_size(r) for r in records) / len(records)
    return result


def _fill(platform: Platform, registrations: int, rng: random.Random) -> None:
    """Each young person signalled by two organisations: N registrations, N/2 young people."""
    school = register_organisation(platform, "School", Sector.ONDERWIJS, 1)
    care = register_organisation(platform, "Jeugdhulp", Sector.JEUGDHULP, 1)
    signallers = ((school.id, school.professionals[0]), (care.id, care.professionals[0]))
    today = platform.clock().date()
    progress = Progress("event store fill (registrations)", registrations)
    for bsn in unique_bsns(rng, (registrations + 1) // 2):
        birth_date = youth_birth_date(rng, today)
        for organisation_id, professional_id in signallers[: registrations - progress.done]:
            platform.multisignaal.register_signal(
                bsn, birth_date, MUNICIPALITY, organisation_id, professional_id
            )
            progress.advance()
    progress.close()


# --- the relay ------------------------------------------------------------------------------


def _time_relay(platform: Platform, broker: Broker, result: ThroughputResult) -> float:
    _forget_data_keys(platform)
    relay = _signals_relay(platform, broker)
    relay.ensure_topics()
    relay.positions.set(relay.app.name, Position(0, 0))
    with _relay_progress(relay):
        started = time.perf_counter()
        produced = relay.publish_pending()
        elapsed = time.perf_counter() - started
    result.producer_settings = result.producer_settings or _producer_settings(relay)
    relay.close()
    if produced < result.registrations or result.records not in (0, produced):
        raise RuntimeError(f"the relay produced {produced} records ({result.records} in the run before)")
    result.records = produced
    return produced / elapsed


def _signals_relay(platform: Platform, broker: Broker) -> Relay:
    return next(r for r in platform.relays(broker.bootstrap_servers) if r.app is platform.multisignaal)


def _forget_data_keys(platform: Platform) -> None:
    """Deletes (not shreds) the data keys, so the next relay run creates them as the first did."""
    platform.built(lambda: platform.keystore)  # built on first use: its table may not exist yet
    database = open_database(platform.settings, "keys")
    try:
        with database.transaction() as cursor:
            cursor.execute("DELETE FROM data_keys")
    finally:
        database.close()


def _producer_settings(relay: Relay) -> dict[str, Any]:
    config = relay.producer._get().config
    return {key: config[key] for key in PRODUCER_KEYS}


@contextmanager
def _relay_progress(relay: Relay) -> Iterator[None]:
    """Draws the relay's progress through the log from a side thread, four times a second.

    It reads the position through the relay's own connection (a lock, no SQLite contention).
    """
    total = relay.app.recorder.max_notification_id() or 0
    progress = Progress("relay publish_pending (notifications)", total)
    stop = threading.Event()

    def watch() -> None:
        while not stop.wait(0.25):
            progress.advance(relay.positions.get(relay.app.name).notification_id - progress.done)

    watcher = threading.Thread(target=watch, daemon=True, name="bench-relay-progress")
    watcher.start()
    try:
        yield
    finally:
        stop.set()
        watcher.join()
        progress.advance(total - progress.done)
        progress.close()


def _read_back(broker: Broker, expected: int) -> list[Record]:
    """The relay's records as the broker holds them, in the relay's order (ce_sequence)."""
    consumer = KafkaConsumer(
        SIGNALS_TOPIC,
        bootstrap_servers=broker.bootstrap_servers,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        consumer_timeout_ms=5000,
    )
    progress = Progress("read back keten.signals.v1", expected)
    found: dict[int, Record] = {}
    try:
        for message in consumer:
            headers = [(name, bytes(raw)) for name, raw in message.headers]
            found.setdefault(int(dict(headers)["ce_sequence"]), Record(message.key, message.value, headers))
            progress.advance()
            if len(found) >= expected:
                break
    finally:
        consumer.close()
        progress.close()
    if len(found) != expected:
        raise RuntimeError(f"read back {len(found)} distinct records, expected {expected}")
    return [found[sequence] for sequence in sorted(found)]


# --- the raw producer -----------------------------------------------------------------------


def _time_raw(broker: Broker, records: list[Record], settings: dict[str, Any], run: int) -> float:
    topic = _fresh_topic(broker, f"bench.raw-signals.{run}")
    progress = Progress(f"raw producer run {run} (records)", len(records))
    started = time.perf_counter()
    producer = KafkaProducer(bootstrap_servers=broker.bootstrap_servers, **settings)
    futures = []
    for number, record in enumerate(records, start=1):
        futures.append(producer.send(topic, key=record.key, value=record.value, headers=record.headers))
        if number % PROGRESS_EVERY == 0:
            progress.advance(PROGRESS_EVERY)
    producer.flush()
    for future in futures:
        future.get(timeout=0)
    elapsed = time.perf_counter() - started
    progress.advance(len(records) - progress.done)
    progress.close()
    producer.close()
    return len(records) / elapsed


def _fresh_topic(broker: Broker, topic: str) -> str:
    """A new topic with as many partitions as keten.signals.v1, validated by the same schema."""
    shutil.copyfile(broker.registry_dir / f"{SIGNALS_TOPIC}.json", broker.registry_dir / f"{topic}.json")
    admin = KafkaAdminClient(bootstrap_servers=broker.bootstrap_servers)
    try:
        partitions = len(admin.describe_topics([SIGNALS_TOPIC])[0]["partitions"])
        admin.create_topics([NewTopic(topic, partitions, 1)])
    finally:
        admin.close()
    return topic


def _size(record: Record) -> int:
    headers = sum(len(name) + len(value) for name, value in record.headers)
    return len(record.key) + len(record.value) + headers

"""(c) Audit speed: `keten audit verify --all` and `keten rebuild --all`, each against a raw read
of the same store / topic in the same run.

The history is generated straight through the cases application: each case is one melding
(its personal fields sealed, as in production) and nine `SignalsRegistered` events, saved at
once. The relay then publishes it all (recording the hash chain). Verify is set against
reading the same notifications without hashing; rebuild (every view, from offset 0) against
a plain read of every topic those views read, once, with the rebuild's own reader (aiokafka,
the same settings) and nothing done per record; kafka-python's plain read of the same topics
is printed beside it (the client the rebuild read with before).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from uuid import uuid4

from kafka import KafkaConsumer, TopicPartition

from bench.stack import embedded_broker, platform_in, temp_dir
from bench.stats import against_floor
from domain.cases.application import MeldingForm, PersonDetails
from domain.cases.case import Case
from domain.cases.intake import BetrokkeneRole, ConcernKind
from keten.bootstrap import Platform
from keten.parallel_verify import verify_all, workers_for
from keten.progress import Progress
from keten.rebuild import filled_ends, rebuild_views, republish, topics_of, views_of
from keten.rebuild_reads import FETCH_WAIT_MS, POLL_MS, TopicReader

EVENTS_PER_CASE = 10
PAGE = 1000
VEILIG_THUIS = uuid4()


@dataclass(frozen=True)
class AuditResult:
    events: int
    verify_rate: float  # `keten audit verify --all` as it runs: one process per core
    verify_one_rate: float  # the same walk in one process
    verify_workers: int
    store_read_rate: float
    rebuild_rate: float  # records read per second, each fed to every view that reads its topic
    topic_read_rate: float  # the rebuild's reader (aiokafka), nothing done per record
    kafka_python_read_rate: float  # kafka-python's consumer, the same topics
    views: int
    generate_seconds: float
    publish_seconds: float


def run_audit(events: int) -> AuditResult:
    with (
        temp_dir("keten-bench-audit-") as work,
        embedded_broker(work / "broker") as broker,
        platform_in(work / "data") as platform,
    ):
        started = time.perf_counter()
        total = generate(platform, events)
        generated = time.perf_counter()
        republish(platform, broker.bootstrap_servers)
        published = time.perf_counter()
        workers = workers_for(total)
        verify = _timed(lambda: _verify(platform, total, workers), total)
        verify_one = _timed(lambda: _verify(platform, total, 1), total)
        store = _timed(lambda: _read_store(platform), total)
        rebuilt = _rate(lambda: _rebuild_all(platform, broker.bootstrap_servers))
        raw = _rate(lambda: _read_topics(platform, broker.bootstrap_servers))
        kafka_python = _rate(lambda: _read_topics_kafka_python(platform, broker.bootstrap_servers))
        views = len(views_of(platform))
    return AuditResult(
        total,
        verify,
        verify_one,
        workers,
        store,
        rebuilt,
        raw,
        kafka_python,
        views,
        generated - started,
        published - generated,
    )


def melding() -> MeldingForm:
    child = PersonDetails(BetrokkeneRole.CHILD, "Bench Kind", date(2015, 5, 1), None)
    parent = PersonDetails(BetrokkeneRole.PARENT, "Bench Ouder", date(1985, 1, 1), None)
    return MeldingForm(
        veilig_thuis_id=VEILIG_THUIS,
        betrokkenen=[child, parent],
        concerns="zorgen over de thuissituatie",
        concern_kinds=[ConcernKind.NEGLECT],
        family_informed=True,
        melder_professional_id=uuid4(),
        melder_organisation_id=uuid4(),
    )


def generate(platform: Platform, events: int) -> int:
    app, progress = platform.cases, Progress("audit history (events)", events)
    for _ in range(max(events // EVENTS_PER_CASE, 1)):
        case: Case = app.repository.get(app.receive_melding(melding()))
        for _ in range(EVENTS_PER_CASE - 1):
            case.register_signals([uuid4()], uuid4(), datetime.now(UTC))
        app.save(case)
        progress.advance(EVENTS_PER_CASE)
    progress.close()
    return int(app.recorder.max_notification_id() or 0)


def _verify(platform: Platform, total: int, workers: int) -> None:
    """`keten audit verify --all` with `workers` processes (one: in this one)."""
    progress = Progress(f"verify --all ({workers} process{'es' if workers > 1 else ''})", total)
    result = verify_all(platform.settings, total, workers, progress, PAGE)
    progress.close()
    assert result.broken is None and result.pending == 0 and result.checked == total, result


def _read_store(platform: Platform) -> None:
    start = 1
    while page := platform.cases.recorder.select_notifications(start, PAGE):
        start = page[-1].id + 1


def _rebuild_all(platform: Platform, servers: str) -> int:
    """`keten rebuild --all`: every view reset, each topic read once and fed to its views."""
    return rebuild_views(list(views_of(platform).values()), servers, platform.sources())


def _read_topics(platform: Platform, servers: str) -> int:
    """Every topic the views read, once, with the rebuild's reader and nothing done per record."""
    peek = KafkaConsumer(bootstrap_servers=servers, enable_auto_commit=False)
    try:
        ends = filled_ends(peek, topics_of(views_of(platform).values()))
    finally:
        peek.close()
    reader, read, idle = TopicReader(servers, dict.fromkeys(ends, 0)), 0, 0
    try:
        while idle < 4 and reader.behind(ends):
            polled = sum(len(records) for records in reader.poll(timeout_ms=POLL_MS).values())
            read, idle = read + polled, 0 if polled else idle + 1
        return read
    finally:
        reader.close()


def _read_topics_kafka_python(platform: Platform, servers: str) -> int:
    """The same with kafka-python's consumer, the rebuild's reader before."""
    return sum(_read_topic(servers, topic) for topic in topics_of(views_of(platform).values()))


def _read_topic(servers: str, topic: str) -> int:
    consumer = KafkaConsumer(
        bootstrap_servers=servers, enable_auto_commit=False, fetch_max_wait_ms=FETCH_WAIT_MS
    )
    try:
        partitions = [TopicPartition(*tp) for tp in filled_ends(consumer, (topic,))]
        if not partitions:
            return 0
        consumer.assign(partitions)
        consumer.seek_to_beginning()
        read, idle = 0, 0
        while idle < 4 and any(consumer.position(tp) < (consumer.highwater(tp) or 1) for tp in partitions):
            batches = consumer.poll(timeout_ms=250)
            idle = 0 if batches else idle + 1
            read += sum(len(records) for records in batches.values())
        return read
    finally:
        consumer.close()


def _timed(work: Callable[[], None], count: int) -> float:
    started = time.perf_counter()
    work()
    return count / (time.perf_counter() - started)


def _rate(work: Callable[[], int]) -> float:
    started = time.perf_counter()
    count = work()
    return count / (time.perf_counter() - started)


def audit_lines(result: AuditResult) -> list[str]:
    return [
        f"audit: {result.events:,} case events ({EVENTS_PER_CASE} per case) in SQLite, generated in "
        f"{result.generate_seconds:,.0f} s and published to the embedded broker in "
        f"{result.publish_seconds:,.0f} s; verify and rebuild each set against a raw read in the same run",
        f"verify --all: {result.verify_rate:,.0f} events/s with {result.verify_workers} process(es), "
        f"one per core (the command's default); {result.verify_one_rate:,.0f} events/s in one process; "
        f"raw store read (one process): {result.store_read_rate:,.0f} events/s",
        f"rebuild --all: {result.rebuild_rate:,.0f} records/s read, each fed to every view that reads its "
        f"topic ({result.views} views); raw topic read (each topic once, the rebuild's reader: aiokafka, "
        f"record batches parsed in C): {result.topic_read_rate:,.0f} records/s; kafka-python's raw read "
        f"of the same topics (the rebuild's reader before): {result.kafka_python_read_rate:,.0f} records/s",
    ]


VERIFY_FLOOR, REBUILD_FLOOR = 0.8, 0.7  # issue 14


def audit_ratio_lines(result: AuditResult) -> list[str]:
    verify, rebuild = (
        result.verify_rate / result.store_read_rate,
        result.rebuild_rate / result.topic_read_rate,
    )
    one = result.verify_one_rate / result.store_read_rate
    return [
        f"verify/raw ratio: {against_floor(verify, VERIFY_FLOOR)} (one process: {one:.2f})",
        f"rebuild/raw ratio: {against_floor(rebuild, REBUILD_FLOOR)} "
        f"(against kafka-python's raw read: {result.rebuild_rate / result.kafka_python_read_rate:.2f})",
    ]

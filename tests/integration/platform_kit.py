"""Helpers shared by the integration tests: a settable clock, the directory, Kafka reads, waiting.

Nothing here sleeps for a fixed time to synchronise: `eventually` polls a condition until a
deadline and fails with a message that says what was still missing.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import time
from collections.abc import Awaitable, Callable
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from kafka import KafkaConsumer, TopicPartition
from kafka.consumer.fetcher import ConsumerRecord
from tests.random_refs import random_bsn

from domain.access.application import lines_of
from domain.identity.model import Role, Sector
from kernel.cloudevents import ReceivedEvent
from kernel.deadletters import DeadLetter
from kernel.settings import Settings
from keten.bootstrap import Platform, bootstrap
from keten.delivery import Handler
from relay.relay import Relay

MUNICIPALITY = "GM0363"
START = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
READ_TIMEOUT = 15.0


class Clock:
    """The platform's clock, set by the test."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class Organisation:
    id: UUID
    name: str
    professionals: list[UUID] = field(default_factory=list)


def register_organisation(platform: Platform, name: str, sector: Sector = Sector.JEUGDHULP) -> Organisation:
    return Organisation(platform.identity.register_organisation(name, sector, MUNICIPALITY), name)


def register_professional(
    platform: Platform,
    organisation: Organisation,
    name: str,
    email: str,
    phone: str | None = None,
    roles: tuple[Role, ...] = (Role.SIGNALLER,),
) -> UUID:
    professional_id = platform.identity.register_professional(organisation.id, name, email, phone, roles)
    organisation.professionals.append(professional_id)
    return professional_id


def register_with_role(platform: Platform, organisation: Organisation, role: Role) -> UUID:
    """A professional holding one role, e.g. the AUDITOR who runs `keten audit replay --by`."""
    number = len(organisation.professionals)
    email = f"{role.value.lower()}.{number}@{organisation.id.hex[:8]}.example"
    return register_professional(
        platform, organisation, f"{role.value.title()} {number}", email, roles=(role,)
    )


def access_lines(platform: Platform) -> list[Any]:
    """Every access line in the access log's event store, in order."""
    events = [platform.access.mapper.to_domain_event(n) for n in notifications(platform, "access")]
    return [access for event in events for _, access in lines_of(event)]


def youth_birth_date(clock: Callable[[], datetime], age: int = 15) -> date:
    today = clock().date()
    return today.replace(year=today.year - age)


def new_bsns(count: int) -> list[str]:
    bsns: set[str] = set()
    while len(bsns) < count:
        bsns.add(random_bsn())
    return sorted(bsns)


def signal(platform: Platform, bsn: str, organisation: Organisation, professional: UUID) -> UUID:
    registration = platform.multisignaal.register_signal(
        bsn, youth_birth_date(platform.clock), MUNICIPALITY, organisation.id, professional
    )
    return registration.signal.id


def close_platform(platform: Platform) -> None:
    """Closes the applications and keten's own databases (views, keys)."""
    platform.close()


def notifications(platform: Platform, app_name: str) -> list[Any]:
    app = getattr(platform, app_name)
    found: list[Any] = []
    start = 1
    while page := app.recorder.select_notifications(start, 500):
        found.extend(page)
        start = page[-1].id + 1
    return found


def event_names(platform: Platform, app_name: str) -> list[str]:
    """The class name of every event in an application's log, in order."""
    return [n.topic.rsplit(".", 1)[-1] for n in notifications(platform, app_name)]


def relay_of(platform: Platform, bootstrap_servers: str, app_name: str) -> Relay:
    """The relay of one application, as `platform.relays` builds it (the platform has more)."""
    (found,) = [r for r in platform.relays(bootstrap_servers) if r.app.name == app_name]
    return found


MULTISIGNAAL_HANDLERS = ("matcher", "my_signals", "matches")


def multisignaal_handlers(platform: Platform) -> dict[str, Recorded]:
    """The matcher and the multisignaal views, each wrapped to record what it was given."""
    return {h.name: Recorded(h) for h in platform.handlers() if h.name in MULTISIGNAAL_HANDLERS}


# --- Kafka ---------------------------------------------------------------------------------------


def read_topic(bootstrap_servers: str, topic: str, timeout: float = READ_TIMEOUT) -> list[ConsumerRecord]:
    """Every record a topic holds right now, partition by partition in offset order.

    "Right now" is each partition's high watermark from a fetch response: the embedded broker's
    ListOffsets answers the last batch's base offset + 1, short of the end of that batch.
    """
    consumer = KafkaConsumer(bootstrap_servers=bootstrap_servers, enable_auto_commit=False)
    try:
        partitions = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or ())]
        filled = [tp for tp, end in (consumer.end_offsets(partitions) if partitions else {}).items() if end]
        if not filled:
            return []
        consumer.assign(filled)
        consumer.seek_to_beginning(*filled)
        records: list[ConsumerRecord] = []
        deadline = time.monotonic() + timeout

        def behind() -> list[TopicPartition]:
            return [
                tp
                for tp in filled
                if consumer.highwater(tp) is None or consumer.position(tp) < consumer.highwater(tp)
            ]

        while behind():
            if time.monotonic() > deadline:
                pytest.fail(f"could not read {topic} to its end within {timeout}s: {behind()}")
            for batch in consumer.poll(timeout_ms=200).values():
                records.extend(batch)
        return sorted(records, key=lambda r: (r.partition, r.offset))
    finally:
        consumer.close()


def end_offsets(bootstrap_servers: str, *topics: str) -> dict[tuple[str, int], int]:
    """(topic, partition) -> the offset after its last record (the high watermark)."""
    ends: dict[tuple[str, int], int] = {}
    for topic in topics:
        for record in read_topic(bootstrap_servers, topic):
            ends[topic, record.partition] = max(ends.get((topic, record.partition), 0), record.offset + 1)
    return ends


def headers_of(record: ConsumerRecord) -> dict[str, str]:
    return {name: bytes(value).decode() for name, value in record.headers or ()}


def received(record: ConsumerRecord) -> ReceivedEvent:
    return ReceivedEvent.from_record(
        record.topic, record.partition, record.offset, record.key, record.value, record.headers
    )


# --- consumers -----------------------------------------------------------------------------------


class Recorded:
    """Wraps a consumer handler and remembers every record it was given and what it did."""

    def __init__(self, inner: Handler) -> None:
        self.inner = inner
        self.seen: list[tuple[str, int, str, bool]] = []  # (source, sequence, key, applied)
        # (topic, partition) -> next offset: where Consumers.start seeks it, then what it read.
        self.start: dict[tuple[str, int], int] = {tp: at for tp, (at, _) in inner.offsets().items()}
        self.positions: dict[tuple[str, int], int] = {}
        self.failures: list[BaseException] = []

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def topics(self) -> tuple[str, ...]:
        return self.inner.topics

    @property
    def types(self) -> frozenset[str] | None:
        # Given every record, so `caught_up` knows how far it read; the view itself still passes
        # by what it does not apply (`View.handle_batch`).
        return None

    @property
    def gather_seconds(self) -> float:
        return self.inner.gather_seconds

    def offsets(self) -> dict[tuple[str, int], tuple[int, str]]:
        return self.inner.offsets()

    def handle(self, event: ReceivedEvent) -> bool:
        try:
            applied = self.inner.handle(event)
        except BaseException as error:
            self.failures.append(error)
            raise
        self.seen.append((event.source, event.sequence, event.key, applied))
        self.positions[event.topic, event.partition] = event.offset + 1
        return applied

    def dead_letter(self, letter: DeadLetter) -> None:
        self.inner.dead_letter(letter)
        self.positions[letter.topic, letter.partition] = letter.offset + 1

    def open_letters(self) -> list[DeadLetter]:
        return self.inner.open_letters()

    def replay(self, letter: DeadLetter) -> bool:
        return self.inner.replay(letter)

    def replay_failed(self, letter: DeadLetter, error_type: str) -> None:
        self.inner.replay_failed(letter, error_type)

    def caught_up(self, ends: dict[tuple[str, int], int]) -> bool:
        """Whether this handler has been given every record up to the given end offsets.

        A partition it resumed exactly at its end counts; one it resumed past the end has
        to be read again (the consumer falls back to the earliest offset).
        """
        return all(
            self.positions.get(tp, 0) >= end if tp in self.positions else self.start.get(tp, 0) == end
            for tp, end in ends.items()
            if end > 0
        )

    def applied(self) -> list[tuple[str, int]]:
        return [(source, sequence) for source, sequence, _, done in self.seen if done]


async def eventually(
    check: Callable[[], Any] | Callable[[], Awaitable[Any]],
    timeout: float = 20.0,
    what: str | Callable[[], str] = "",
) -> Any:
    """Polls `check` (plain or async) until it returns a truthy value; fails after `timeout`.

    Async so that the event loop keeps running the consumers while the test waits.
    """
    deadline = time.monotonic() + timeout
    last: Any = None
    while True:
        last = check()
        if asyncio.iscoroutine(last):
            last = await last
        if last:
            return last
        if time.monotonic() > deadline:
            pytest.fail(f"not reached within {timeout}s: {what() if callable(what) else what or check}")
        await asyncio.sleep(0.02)


# --- the event store under test: SQLite files or one PostgreSQL schema ----------------------------


def postgres_params() -> dict[str, str]:
    """eventsourcing's own POSTGRES_* variables, defaulting to the server on these machines."""
    defaults = {
        "POSTGRES_DBNAME": "test",
        "POSTGRES_HOST": "127.0.0.1",
        "POSTGRES_PORT": "5432",
        "POSTGRES_USER": "postgres",
        "POSTGRES_PASSWORD": "",
    }
    return {name: os.environ.get(name, value) for name, value in defaults.items()}


def postgres_dsn(params: dict[str, str]) -> str:
    parts = {
        "dbname": params["POSTGRES_DBNAME"],
        "host": params["POSTGRES_HOST"],
        "port": params["POSTGRES_PORT"],
        "user": params["POSTGRES_USER"],
        "connect_timeout": "3",
    }
    if params["POSTGRES_PASSWORD"]:
        parts["password"] = params["POSTGRES_PASSWORD"]
    return " ".join(f"{name}={value}" for name, value in parts.items())


def reachable_postgres() -> tuple[dict[str, str], str]:
    """The server's POSTGRES_* parameters and DSN; fails the test (never skips) when it does not
    answer, since PostgreSQL is always there on the project's machines."""
    params = postgres_params()
    dsn = postgres_dsn(params)
    if (reason := postgres_unreachable(dsn)) is not None:
        where = f"{params['POSTGRES_HOST']}:{params['POSTGRES_PORT']}"
        pytest.fail(f"PostgreSQL at {where} unreachable: {reason}")
    return params, dsn


def postgres_unreachable(dsn: str) -> str | None:
    """Why the server cannot be used, or None when it answers."""
    import psycopg

    try:
        with psycopg.connect(dsn) as conn:
            conn.execute("SELECT 1")
    except psycopg.OperationalError as error:
        lines = str(error).strip().splitlines()
        return lines[0] if lines else type(error).__name__
    return None


@dataclass
class Store:
    """One event store for one test: `kind` is sqlite or postgres; PG runs in its own schema."""

    kind: str
    data_dir: Path
    schema: str | None = None
    dsn: str | None = None
    opened: list[Platform] = field(default_factory=list)

    def bootstrap(self, clock: Callable[[], datetime] | None = None, **settings: Any) -> Platform:
        platform = bootstrap(Settings(data_dir=self.data_dir, **settings), clock=clock or Clock())
        assert platform.settings.persistence_module == f"eventsourcing.{self.kind}"
        self.opened.append(platform)
        return platform

    def close(self, platform: Platform) -> None:
        if platform in self.opened:
            self.opened.remove(platform)
            close_platform(platform)

    def close_all(self) -> None:
        for platform in list(self.opened):
            self.close(platform)

    def event_tables(self) -> dict[str, str]:
        """Where each application's stored events live, by application name."""
        if self.kind == "sqlite":
            return {app: f"{self.data_dir / (app + '.db')}::stored_events" for app in APPS}
        return {app: f"{self.schema}.{app}_events" for app in APPS}

    def rows(self, app: str) -> list[tuple[Any, ...]]:
        """The raw rows of one application's stored events table, as the database holds them."""
        if self.kind == "sqlite":
            with closing(sqlite3.connect(self.data_dir / f"{app}.db")) as conn:
                return conn.execute("SELECT * FROM stored_events").fetchall()
        return self._pg_rows(f'SELECT * FROM "{self.schema}"."{app}_events"')

    def states(self, app: str) -> list[tuple[str, bytes]]:
        """(topic, state) of every stored event of one application, state as stored."""
        if self.kind == "sqlite":
            with closing(sqlite3.connect(self.data_dir / f"{app}.db")) as conn:
                rows = conn.execute("SELECT topic, state FROM stored_events").fetchall()
        else:
            rows = self._pg_rows(f'SELECT topic, state FROM "{self.schema}"."{app}_events"')
        return [(str(topic), bytes(state)) for topic, state in rows]

    def tables(self) -> set[str]:
        """Every table the store holds (PG: in its schema; SQLite: in the data dir's files)."""
        if self.kind == "sqlite":
            names: set[str] = set()
            for path in self.data_dir.glob("*.db"):
                with closing(sqlite3.connect(path)) as conn:
                    found = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
                names |= {f"{path.stem}.{name}" for (name,) in found}
            return names
        rows = self._pg_rows(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s", (self.schema,)
        )
        return {name for (name,) in rows}

    def everything(self) -> bytes:
        """Every byte the store keeps: SQLite files (with their WAL) or every row of the schema."""
        if self.kind == "sqlite":
            return b"".join(
                path.read_bytes()
                for path in sorted(self.data_dir.rglob("*"))
                if path.is_file() and "secrets" not in path.parts
            )
        chunks = []
        for table in sorted(self.tables()):
            for row in self._pg_rows(f'SELECT * FROM "{self.schema}"."{table}"'):
                chunks.append(as_bytes(row))
        return b"".join(chunks)

    def count(self, database: str, table: str) -> int:
        """Rows in one table, read-only: `database` names its SQLite file (`cases.db`); on
        PostgreSQL every table lives in the one schema, an event store's as `<app>_events`."""
        if self.kind == "sqlite":
            path = self.data_dir / database
            with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
                return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
        if table == "stored_events":
            table = f"{database.removesuffix('.db')}_events"
        return int(self._pg_rows(f'SELECT COUNT(*) FROM "{self.schema}"."{table}"')[0][0])

    def places(self) -> dict[str, bytes]:
        """Every place the store keeps bytes, with what it holds: SQLite files (the -wal files
        too: recent writes live there) or each table of the PostgreSQL schema."""
        if self.kind == "sqlite":
            return {path.name: path.read_bytes() for path in sorted(self.data_dir.glob("*.db*"))}
        return {table: self._table_bytes(table) for table in sorted(self.tables())}

    def server_env(self) -> dict[str, str]:
        """What `keten serve` needs in its environment to use this store."""
        if self.kind == "sqlite":
            return {"PERSISTENCE_MODULE": "eventsourcing.sqlite"}
        assert self.schema is not None
        # Few connections per application: other suites share the server (a serve holds ~20).
        pool = {"POSTGRES_POOL_SIZE": "1", "POSTGRES_MAX_OVERFLOW": "2"}
        store = {"PERSISTENCE_MODULE": "eventsourcing.postgres", "POSTGRES_SCHEMA": self.schema}
        return {**store, **postgres_params(), **pool}

    def drop(self) -> None:
        """Drops the PostgreSQL schema and everything in it (SQLite files go with their directory)."""
        if self.kind == "postgres":
            import psycopg

            assert self.dsn is not None
            with psycopg.connect(self.dsn, autocommit=True) as conn:
                conn.execute(f'DROP SCHEMA IF EXISTS "{self.schema}" CASCADE')

    def _table_bytes(self, table: str) -> bytes:
        return b"".join(as_bytes(row) for row in self._pg_rows(f'SELECT * FROM "{self.schema}"."{table}"'))

    def _pg_rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        import psycopg

        assert self.dsn is not None
        with psycopg.connect(self.dsn) as conn:
            return list(conn.execute(sql, params).fetchall())


APPS = ("identity", "multisignaal", "matching")


def as_bytes(row: tuple[Any, ...]) -> bytes:
    """A row's values as the bytes they are stored as: bytes stay bytes, the rest as text."""
    parts = []
    for value in row:
        if isinstance(value, bytes | bytearray | memoryview):
            parts.append(bytes(value))
        else:
            parts.append(str(value).encode())
    return b"\x00".join(parts)

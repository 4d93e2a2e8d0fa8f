"""Fixtures for the integration tests."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from tests.integration.platform_kit import Store, reachable_postgres

from keten.broker import BrokerBinaryNotFoundError, EmbeddedBroker, tansu_binary
from keten.schema_registry import build_registry

REPO_ROOT = Path(__file__).resolve().parents[2]
EVENT_SCHEMAS = REPO_ROOT / "schemas" / "events"


# --- embedded_broker: one Tansu for the session, enforcing schemas/events ----------------------


@pytest.fixture(scope="session")
def embedded_broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedBroker]:
    """A started embedded broker whose topics are checked against the repo's schemas/events.

    Tansu keeps topics in memory only; a test that calls restart() on it loses every topic of
    the session, so such a test starts a broker of its own instead.
    """
    try:
        tansu_binary()
    except BrokerBinaryNotFoundError as error:
        pytest.skip(f"embedded broker unavailable: {error}")
    work_dir = tmp_path_factory.mktemp("embedded-broker")
    registry = work_dir / "schema-registry"
    build_registry(EVENT_SCHEMAS, registry)
    with EmbeddedBroker(schema_dir=registry, work_dir=work_dir) as broker:
        yield broker


# --- fresh_broker: a Tansu of one test's own (free to restart; its topics start empty) ----------


@pytest.fixture
def fresh_broker(tmp_path: Path) -> Iterator[EmbeddedBroker]:
    """A started broker enforcing the repo's schemas/events, for one test only."""
    try:
        tansu_binary()
    except BrokerBinaryNotFoundError as error:
        pytest.skip(f"embedded broker unavailable: {error}")
    work_dir = tmp_path / "fresh-broker"
    registry = work_dir / "schema-registry"
    build_registry(EVENT_SCHEMAS, registry)
    with EmbeddedBroker(schema_dir=registry, work_dir=work_dir) as broker:
        yield broker


# --- the event store: SQLite files, or a PostgreSQL schema of one test's own ---------------------


@pytest.fixture
def postgres_schema(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, str]]:
    """Points eventsourcing and keten at a fresh schema `keten_test_<random>`; dropped afterwards.

    PostgreSQL is always there on the project's machines: a server that does not answer fails
    the test (with the reason) instead of skipping it, so a store can never drop out unnoticed.
    """
    params, dsn = reachable_postgres()
    schema = f"keten_test_{uuid.uuid4().hex[:12]}"
    for name, value in params.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("PERSISTENCE_MODULE", "eventsourcing.postgres")
    monkeypatch.setenv("POSTGRES_SCHEMA", schema)
    # Few connections per application: a test opens several platforms.
    monkeypatch.setenv("POSTGRES_POOL_SIZE", "1")
    monkeypatch.setenv("POSTGRES_MAX_OVERFLOW", "4")
    yield schema, dsn
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture(
    params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
)
def store(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """The same tests on both event stores, selected by PERSISTENCE_MODULE as in production."""
    data_dir = tmp_path / "data"
    if request.param == "postgres":
        schema, dsn = request.getfixturevalue("postgres_schema")
        opened = Store("postgres", data_dir, schema=schema, dsn=dsn)
    else:
        monkeypatch.setenv("PERSISTENCE_MODULE", "eventsourcing.sqlite")
        opened = Store("sqlite", data_dir)
    yield opened
    opened.close_all()


@pytest.fixture
def sqlite_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """The embedded default (SQLite files in a data dir), for tests about Kafka rather than storage."""
    monkeypatch.setenv("PERSISTENCE_MODULE", "eventsourcing.sqlite")
    opened = Store("sqlite", tmp_path / "data")
    yield opened
    opened.close_all()

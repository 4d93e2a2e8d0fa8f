"""End-to-end fixtures: per test module and store, a broker of our own and `keten serve` as a
subprocess on it. Every module runs twice: once on SQLite, once on PostgreSQL (a schema of its
own, dropped afterwards)."""

from __future__ import annotations

import uuid
from collections.abc import Generator, Iterator
from pathlib import Path

import httpx
import pytest
from tests.e2e.agencies import Agencies
from tests.e2e.harness import Keten, KetenServer
from tests.e2e.kafka_log import KafkaLog
from tests.integration.platform_kit import Store, reachable_postgres

from keten.broker import BrokerBinaryNotFoundError, EmbeddedBroker, tansu_binary
from keten.schema_registry import build_registry

EVENT_SCHEMAS = Path(__file__).resolve().parents[2] / "schemas" / "events"


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def e2e_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The event store and views of one module's `keten serve`: SQLite files, or a fresh
    PostgreSQL schema (PostgreSQL is always there on the project's machines: unreachable fails)."""
    data_dir = tmp_path_factory.mktemp(f"e2e-{request.param}") / "data"
    if request.param == "sqlite":
        yield Store("sqlite", data_dir)
        return
    _, dsn = reachable_postgres()
    store = Store("postgres", data_dir, schema=f"keten_e2e_{uuid.uuid4().hex[:12]}", dsn=dsn)
    try:
        yield store
    finally:
        store.drop()


@pytest.fixture(scope="module")
def keten(e2e_store: Store) -> Iterator[Keten]:
    """keten serve on a free port and a fresh store, with KAFKA_BOOTSTRAP_SERVERS at our own broker.

    Owning the broker lets a test read every record and restart it; it enforces schemas/events
    like the broker keten starts itself.
    """
    yield from serve_keten(e2e_store)


def serve_keten(e2e_store: Store, env: dict[str, str] | None = None) -> Iterator[Keten]:
    """Starts a broker and `keten serve` on the store (with `env` added) and stops both after."""
    try:
        tansu_binary()
    except BrokerBinaryNotFoundError as error:
        pytest.skip(f"embedded broker unavailable: {error}")
    root = e2e_store.data_dir.parent
    broker = EmbeddedBroker(schema_dir=build_registry_in(root / "broker"), work_dir=root / "broker")
    broker.start()
    server_env = {**e2e_store.server_env(), **(env or {})}
    server = KetenServer(e2e_store.data_dir, root, broker.bootstrap_servers, server_env)
    try:
        admin_token = server.admin_token()
        server.start()
        with httpx.Client(timeout=10.0) as http:
            yield Keten(server, broker, KafkaLog(broker.bootstrap_servers), admin_token, http, e2e_store)
    finally:
        if server.stop() not in (0, None):
            print(server.stderr_tail())
        broker.stop()


def build_registry_in(broker_dir: Path) -> Path:
    registry = broker_dir / "registry"
    build_registry(EVENT_SCHEMAS, registry)
    return registry


@pytest.fixture
def agencies(keten: Keten) -> Agencies:
    """Fresh organisations per test: a match carries no youth id, so each story needs its own people."""
    return Agencies.register(keten)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, object, object]:
    """A failed e2e test shows what the server said."""
    report = yield
    keten = getattr(item, "funcargs", {}).get("keten")
    if isinstance(report, pytest.TestReport) and report.failed and isinstance(keten, Keten):
        report.sections.append(("keten serve stderr", keten.server.stderr_tail()))
    return report

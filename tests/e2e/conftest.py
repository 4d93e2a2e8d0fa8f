"""End-to-end fixtures: per test module, a broker of our own and `keten serve` as a subprocess on it."""

from __future__ import annotations

from collections.abc import Generator, Iterator
from pathlib import Path

import httpx
import pytest
from tests.e2e.agencies import Agencies
from tests.e2e.harness import Keten, KetenServer
from tests.e2e.kafka_log import KafkaLog

from keten.broker import BrokerBinaryNotFoundError, EmbeddedBroker, tansu_binary
from keten.schema_registry import build_registry

EVENT_SCHEMAS = Path(__file__).resolve().parents[2] / "schemas" / "events"


@pytest.fixture(scope="module")
def keten(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Keten]:
    """keten serve on a free port and a fresh data dir, with KAFKA_BOOTSTRAP_SERVERS at our own broker.

    Owning the broker lets a test read every record and restart it; it enforces schemas/events
    like the broker keten starts itself.
    """
    try:
        tansu_binary()
    except BrokerBinaryNotFoundError as error:
        pytest.skip(f"embedded broker unavailable: {error}")
    root = tmp_path_factory.mktemp("e2e")
    broker = EmbeddedBroker(schema_dir=build_registry_in(root / "broker"), work_dir=root / "broker")
    broker.start()
    server = KetenServer(root / "data", root, broker.bootstrap_servers)
    try:
        admin_token = server.admin_token()
        server.start()
        with httpx.Client(timeout=10.0) as http:
            yield Keten(server, broker, KafkaLog(broker.bootstrap_servers), admin_token, http)
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

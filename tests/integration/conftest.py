"""Fixtures for the integration tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

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

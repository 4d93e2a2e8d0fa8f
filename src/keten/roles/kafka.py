"""Which Kafka a role talks to: the configured cluster, or the embedded broker keten starts."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from pathlib import Path

from kernel.settings import Settings

SCHEMAS_DIR = Path(__file__).resolve().parents[3] / "schemas"
KAFKA_WAIT_SECONDS = 60.0
KAFKA_POLL_SECONDS = 0.2


@contextlib.contextmanager
def kafka(settings: Settings, port: int | None = None) -> Iterator[str]:
    """The configured Kafka, or the embedded broker enforcing schemas/events (on `port`, or a free one)."""
    if not settings.embedded_broker:
        yield str(settings.kafka_bootstrap_servers)
        return
    from keten.broker import EmbeddedBroker
    from keten.schema_registry import build_registry

    work_dir = settings.data_dir / "broker"
    build_registry(SCHEMAS_DIR / "events", work_dir / "registry")
    broker = EmbeddedBroker(work_dir / "registry", work_dir, port=port)
    broker.start()
    try:
        yield broker.bootstrap_servers
    finally:
        broker.stop()


def configured_kafka(settings: Settings, role: str, wait_seconds: float = KAFKA_WAIT_SECONDS) -> str:
    """A role of its own needs a Kafka it shares with the others: the embedded broker runs
    inside `keten serve`, or on its own with `keten broker`.

    Roles started together (a Procfile, compose) may come up before the broker does: wait for
    one of the bootstrap servers to answer, for a while, rather than fail at once.
    """
    servers = settings.kafka_bootstrap_servers
    if servers is None:
        raise SystemExit(
            f"keten {role}: set KAFKA_BOOTSTRAP_SERVERS (a Kafka cluster, or `keten broker` on this machine)"
        )
    deadline = time.monotonic() + wait_seconds
    while not any(_answers(server) for server in servers.split(",")):
        if time.monotonic() >= deadline:
            raise SystemExit(f"keten {role}: no Kafka answers at {servers} after {wait_seconds:.0f}s")
        time.sleep(KAFKA_POLL_SECONDS)
    return servers


def _answers(server: str) -> bool:
    from keten.broker import broker_answers

    host, _, port = server.strip().rpartition(":")
    return broker_answers(host.strip("[]"), int(port))

"""The embedded stack of one benchmark: a Tansu broker and a platform in a temporary data dir."""

from __future__ import annotations

import contextlib
import logging
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from uuid import UUID

from domain.identity.model import Role, Sector
from kernel.settings import Settings
from keten.bootstrap import SCHEMAS_DIR, Platform, bootstrap
from keten.broker import EmbeddedBroker
from keten.progress import Progress
from keten.schema_registry import build_registry

MUNICIPALITY = "GM0363"


@dataclass(frozen=True)
class Broker:
    bootstrap_servers: str
    registry_dir: Path  # Tansu reads a topic's schema file here when the topic is produced to


@dataclass(frozen=True)
class Organisation:
    id: UUID
    professionals: tuple[UUID, ...]


def quiet_logs() -> None:
    """Keep the figures readable: kafka clients and faststream chat at INFO."""
    logging.basicConfig(level=logging.WARNING)
    for name in ("kafka", "aiokafka", "faststream", "keten"):
        logging.getLogger(name).setLevel(logging.ERROR)


@contextlib.contextmanager
def temp_dir(prefix: str) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix=prefix) as name:
        yield Path(name)


@contextlib.contextmanager
def embedded_broker(work_dir: Path) -> Iterator[Broker]:
    """Tansu enforcing schemas/events, exactly as `keten serve` starts it."""
    registry = work_dir / "registry"
    build_registry(SCHEMAS_DIR / "events", registry)
    with EmbeddedBroker(registry, work_dir, port=None) as broker:
        yield Broker(broker.bootstrap_servers, registry)


@contextlib.contextmanager
def platform_in(data_dir: Path) -> Iterator[Platform]:
    platform = bootstrap(Settings(data_dir=data_dir))
    try:
        yield platform
    finally:
        platform.close()


def register_organisation(platform: Platform, name: str, sector: Sector, professionals: int) -> Organisation:
    identity = platform.identity
    organisation_id = identity.register_organisation(name, sector, MUNICIPALITY)
    progress = Progress(f"professionals of {name}", professionals)
    ids = []
    for number in range(professionals):
        ids.append(_register_professional(platform, organisation_id, f"{name} {number}"))
        progress.advance()
    progress.close()
    return Organisation(organisation_id, tuple(ids))


def _register_professional(platform: Platform, organisation_id: UUID, name: str) -> UUID:
    email = f"{name.lower().replace(' ', '.')}@bench.example"
    return platform.identity.register_professional(
        organisation_id, name, email, "+31 20 000 0000", (Role.SIGNALLER,)
    )

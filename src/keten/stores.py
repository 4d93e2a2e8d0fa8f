"""Where each store lives: the event stores, keten's own tables, and the active/standby leases.

keten's own tables (views, relay positions, keys) live beside the event store: SQLite files
under the data dir by default, the same PostgreSQL schema at scale.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator

from eventsourcing.persistence import ApplicationRecorder, InfrastructureFactory
from eventsourcing.utils import Environment

from kernel.lease import FileLease, Lease, PostgresLease
from kernel.settings import Settings
from kernel.sqlstore import Database, PostgresDatabase, SQLiteDatabase, postgres_dsn_from_env
from keten.secrets import Secrets

# Only read models may trade the last commits on power loss for speed: they are rebuilt.
REBUILDABLE = frozenset({"views"})
SETUP_WAIT_SECONDS = 120.0
SETUP_POLL_SECONDS = 0.05


def on_postgres(settings: Settings) -> bool:
    return settings.persistence_module == "eventsourcing.postgres"


def open_database(settings: Settings, name: str) -> Database:
    """keten's own tables (views, relay positions, keys) live beside the event store."""
    if on_postgres(settings):
        return PostgresDatabase(postgres_dsn_from_env(dict(os.environ)), os.environ.get("POSTGRES_SCHEMA"))
    return SQLiteDatabase(settings.data_dir / f"{name}.db", durable=name not in REBUILDABLE)


def prepare_stores(settings: Settings) -> None:
    """The data dir, or the PostgreSQL schema, that every store of this installation uses."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    if on_postgres(settings):
        open_database(settings, "schema").close()  # creates POSTGRES_SCHEMA when missing


def open_lease(settings: Settings, name: str) -> Lease:
    """The lease of one active/standby role (a relay of one application, the sweeper)."""
    if on_postgres(settings):
        dsn = postgres_dsn_from_env(dict(os.environ))
        return PostgresLease(dsn, os.environ.get("POSTGRES_SCHEMA"), name)
    return FileLease(settings.data_dir / "leases" / f"{name}.lock", name)


@contextlib.contextmanager
def one_at_a_time(settings: Settings, wait_seconds: float = SETUP_WAIT_SECONDS) -> Iterator[None]:
    """Holds the installation's setup lease: processes started together build their stores one
    after the other. Creating tables is not safe in parallel — eventsourcing's first tracking
    row and PostgreSQL's CREATE TABLE IF NOT EXISTS both fail for the second of two at once."""
    lease = open_lease(settings, "setup")
    deadline = time.monotonic() + wait_seconds
    while not lease.acquire():
        if time.monotonic() >= deadline:
            raise TimeoutError(f"another keten process held the setup lease for {wait_seconds:.0f}s")
        time.sleep(SETUP_POLL_SECONDS)
    try:
        yield
    finally:
        lease.release()


def store_env(settings: Settings, name: str) -> dict[str, str]:
    """Where one application's events are stored, and nothing else."""
    env = {"PERSISTENCE_MODULE": settings.persistence_module}
    if settings.persistence_module == "eventsourcing.sqlite":
        env["SQLITE_DBNAME"] = str(settings.data_dir / f"{name}.db")
    return env


def open_recorder(settings: Settings, name: str) -> ApplicationRecorder:
    """One application's recorder without the application: its stored bytes as they are, for
    a process that reads them only (no key needed, no table created)."""
    env = {**os.environ, **store_env(settings, name), "CREATE_TABLE": "n"}
    return InfrastructureFactory.construct(Environment(name, env)).application_recorder()


IDENTITY_CACHE_AGGREGATES = 4096  # organisations and professionals: a directory, bounded


def app_env(settings: Settings, secrets: Secrets, name: str) -> dict[str, str]:
    """eventsourcing's settings for one application: its store, encrypted and compressed."""
    env = {
        **store_env(settings, name),
        "CIPHER_TOPIC": "eventsourcing.cryptography:AESCipher",
        "CIPHER_KEY": secrets.cipher_key,
        "COMPRESSOR_TOPIC": "eventsourcing.compressor:ZlibCompressor",
    }
    if name == "identity":
        # Every answer that shows a counterpart reads its professional and organisation (a
        # myMatches of 20 matches: 40 reads). Cached, each read is one query for newer events
        # (eventsourcing's fast-forward: a change by another process is seen at once) instead of
        # decrypting and replaying the aggregate; a command gets a deep copy.
        env["AGGREGATE_CACHE_MAXSIZE"] = str(IDENTITY_CACHE_AGGREGATES)
    return env

"""keten's roles as processes of their own on PostgreSQL (a fresh schema) and a Tansu of our own,
for the scale benchmark: `keten relay`, `keten gateway`, and N matchers and projectors."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from bench.stack import embedded_broker
from kernel.sqlstore import postgres_dsn_from_env
from keten.broker import free_loopback_port

KETEN = Path(sys.executable).with_name("keten")
READY_SECONDS = 120.0
# Few connections per process: the server's 100 are shared by everyone on this machine.
POOL = {"POSTGRES_POOL_SIZE": "1", "POSTGRES_MAX_OVERFLOW": "0"}
# The server on the project's machines, unless POSTGRES_* say otherwise.
SERVER = {
    "POSTGRES_DBNAME": "test",
    "POSTGRES_HOST": "127.0.0.1",
    "POSTGRES_PORT": "5432",
    "POSTGRES_USER": "postgres",
    "POSTGRES_PASSWORD": "",
}


@dataclass
class Roles:
    env: dict[str, str]
    data_dir: Path
    log_dir: Path
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def keten(self, *arguments: str) -> str:
        command = [str(KETEN), *arguments, "--data-dir", str(self.data_dir)]
        done = subprocess.run(command, env=self.env, check=False, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"keten {arguments[0]} failed:\n{done.stderr[-2000:]}")
        return done.stdout.strip()

    def start(self, name: str, *arguments: str) -> None:
        out = (self.log_dir / f"{name}.stdout").open("ab")
        err = (self.log_dir / f"{name}.stderr").open("ab")
        command = [str(KETEN), *arguments, "--data-dir", str(self.data_dir)]
        self.processes.append(subprocess.Popen(command, env=self.env, stdout=out, stderr=err))

    def wait_ready(self) -> None:
        deadline = time.monotonic() + READY_SECONDS
        logs = sorted(self.log_dir.glob("*.stdout"))
        while not all(b" is ready" in log.read_bytes() for log in logs):
            if time.monotonic() > deadline or any(p.poll() is not None for p in self.processes):
                raise RuntimeError(f"keten roles did not get ready; see {self.log_dir}")
            time.sleep(0.05)

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextlib.contextmanager
def roles_on_postgres(instances: int) -> Iterator[tuple[Roles, str]]:
    """A relay, a gateway and `instances` matchers and projectors (my_signals and matches); yields
    the roles and the gateway's URL."""
    server = {name: os.environ.get(name, default) for name, default in SERVER.items()}
    schema, dsn = f"keten_bench_{uuid.uuid4().hex[:10]}", postgres_dsn_from_env({**os.environ, **server})
    with (
        tempfile.TemporaryDirectory(prefix="keten-bench-scale-") as name,
        embedded_broker(Path(name) / "b") as broker,
    ):
        env = {k: v for k, v in os.environ.items() if not k.startswith("KETEN_")}
        env |= {"PERSISTENCE_MODULE": "eventsourcing.postgres", "POSTGRES_SCHEMA": schema, **server, **POOL}
        env |= {"KAFKA_BOOTSTRAP_SERVERS": broker.bootstrap_servers, "KETEN_SIGNALS_PER_HOUR": "100000"}
        roles = Roles(env, Path(name) / "data", Path(name))
        port = free_loopback_port()
        try:
            roles.keten("token", "--admin")  # creates the stores and the secrets once
            roles.start("relay", "relay")
            roles.start("gateway", "gateway", "--port", str(port))
            for number in range(instances):
                roles.start(f"matcher-{number}", "matcher")
                roles.start(f"projector-{number}", "projector", "--view", "my_signals", "--view", "matches")
            roles.wait_ready()
            yield roles, f"http://127.0.0.1:{port}"
        finally:
            roles.stop()
            with psycopg.connect(dsn, autocommit=True) as conn:
                conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')

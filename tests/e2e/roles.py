"""A harness for keten at scale: each role a process of its own (`keten gateway`, `keten relay`,
`keten matcher`, `keten projector`), on one store and a broker the test owns, each of which a
test can stop, kill -9 and start again."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from tests.e2e.conftest import build_registry_in
from tests.e2e.harness import CHATTER, KETEN, LOG_TAIL_LINES, STOP_TIMEOUT, GraphQLClient
from tests.integration.platform_kit import Store, reachable_postgres

from keten.broker import EmbeddedBroker, free_loopback_port

READY_TIMEOUT = 90.0  # a role waits for the setup lease while the others build their stores
READY = b" is ready"


class RoleProcess:
    """One `keten <role>` process; `start` returns once it printed that it is ready."""

    def __init__(self, name: str, arguments: list[str], env: dict[str, str], data_dir: Path, log_dir: Path):
        self.name, self.arguments, self.env, self.data_dir = name, arguments, env, data_dir
        self.stdout, self.stderr = log_dir / f"{name}.stdout", log_dir / f"{name}.stderr"
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    def launch(self) -> None:
        """Starts the process without waiting for it to be ready (see `ready`)."""
        command = [str(KETEN), *self.arguments, "--data-dir", str(self.data_dir)]
        self._ready_from = self.stdout.stat().st_size if self.stdout.exists() else 0
        with self.stdout.open("ab") as out, self.stderr.open("ab") as err:
            self.process = subprocess.Popen(
                command, env=self.env, stdin=subprocess.DEVNULL, stdout=out, stderr=err
            )
        self.starts += 1

    def ready(self, timeout: float = READY_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while READY not in self.stdout.read_bytes()[self._ready_from :]:
            assert self.process is not None
            if self.process.poll() is not None or time.monotonic() >= deadline:
                pytest.fail(f"keten {self.name} did not get ready\n{self.stderr_tail()}")
            time.sleep(0.05)

    def start(self) -> None:
        self.launch()
        self.ready()

    def kill(self) -> None:
        """kill -9: no cleanup of any kind, as a machine or an OOM killer would."""
        self._end(signal.SIGKILL)

    def stop(self) -> None:
        self._end(signal.SIGTERM)

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def _end(self, how: signal.Signals) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(how)
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def stderr_tail(self) -> str:
        text = self.stderr.read_bytes().decode(errors="replace") if self.stderr.exists() else ""
        lines = [line for line in text.splitlines() if not CHATTER.search(line)]
        return "\n".join([f"--- keten {self.name} stderr (tail) ---", *lines[-LOG_TAIL_LINES:]])


class GatewayProcess(RoleProcess, GraphQLClient):
    """A `keten gateway` on a port of its own, spoken to over HTTP like `tests.e2e.harness.Keten`."""

    def __init__(self, name: str, env: dict[str, str], data_dir: Path, log_dir: Path, admin_token: str):
        self.port = free_loopback_port()
        super().__init__(name, ["gateway", "--port", str(self.port)], env, data_dir, log_dir)
        self.url, self.admin_token = f"http://127.0.0.1:{self.port}", admin_token
        self.http = httpx.Client(timeout=30.0)


@dataclass
class Cluster:
    """keten as separate processes on one store and one broker; every process is stopped at the end."""

    store: Store
    broker: EmbeddedBroker
    log_dir: Path
    env: dict[str, str] = field(default_factory=dict)
    roles: list[RoleProcess] = field(default_factory=list)
    admin_token: str = ""

    def __post_init__(self) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("KETEN_", "POSTGRES_"))}
        env.pop("PERSISTENCE_MODULE", None)
        env.update(self.store.server_env())
        env["KAFKA_BOOTSTRAP_SERVERS"] = self.broker.bootstrap_servers
        env["KETEN_LOG_LEVEL"] = "INFO"
        # One connection per application's pool: nine processes share the server's 100 with
        # every other suite (README "Running at scale" counts them).
        env["POSTGRES_MAX_OVERFLOW"] = "0"
        self.env = {**env, **self.env}
        self.admin_token = self.cli("token", "--admin")

    def cli(self, *arguments: str) -> str:
        command = [str(KETEN), *arguments, "--data-dir", str(self.store.data_dir)]
        done = subprocess.run(command, check=False, env=self.env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout.strip()

    def role(self, name: str, *arguments: str) -> RoleProcess:
        process = RoleProcess(name, list(arguments), self.env, self.store.data_dir, self.log_dir)
        self.roles.append(process)
        return process

    def gateway(self, name: str) -> GatewayProcess:
        process = GatewayProcess(name, self.env, self.store.data_dir, self.log_dir, self.admin_token)
        self.roles.append(process)
        return process

    def start_all(self) -> None:
        """Launches every role at once, as a Procfile would, and waits until each is ready."""
        for process in self.roles:
            process.launch()
        for process in self.roles:
            process.ready()

    def stop_all(self) -> None:
        for process in reversed(self.roles):
            process.stop()
            if isinstance(process, GatewayProcess):
                process.http.close()

    def tails(self) -> str:
        return "\n".join(process.stderr_tail() for process in self.roles)

    def named(self, name: str) -> RoleProcess:
        (found,) = [process for process in self.roles if process.name == name]
        return found

    def gateways(self) -> list[GatewayProcess]:
        return [process for process in self.roles if isinstance(process, GatewayProcess)]


def store_at(root: Path, kind: str, prefix: str) -> Store:
    """A store of `kind` under `root`; on PostgreSQL a schema of its own (dropped at the end)."""
    if kind == "sqlite":
        return Store("sqlite", root / "data")
    _, dsn = reachable_postgres()
    return Store("postgres", root / "data", schema=f"keten_{prefix}_{uuid.uuid4().hex[:12]}", dsn=dsn)


@contextmanager
def running_cluster(root: Path, store: Store, add_roles: Callable[[Cluster], None]) -> Iterator[Cluster]:
    """A broker of the test's own and the roles `add_roles` adds, all started; all stopped after."""
    broker = EmbeddedBroker(schema_dir=build_registry_in(root / "broker"), work_dir=root / "broker")
    broker.start()
    cluster = Cluster(store, broker, root, env={"KETEN_SIGNALS_PER_HOUR": "1000"})
    try:
        add_roles(cluster)
        cluster.start_all()
        yield cluster
    finally:
        cluster.stop_all()
        broker.stop()
        store.drop()

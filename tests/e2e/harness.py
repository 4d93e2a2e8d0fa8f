"""The e2e harness: `keten serve` as a subprocess against a broker the tests own, driven over HTTP."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
from tests.e2e.kafka_log import KafkaLog
from tests.integration.platform_kit import Store

from keten.broker import EmbeddedBroker, free_loopback_port

KETEN = Path(sys.executable).with_name("keten")
START_TIMEOUT = 30.0
STOP_TIMEOUT = 15.0
LOG_TAIL_LINES = 40
CHATTER = re.compile(r" (aiokafka|kafka)\.\S+ INFO |keten\.consumers INFO ")

T = TypeVar("T")


def wait_until(predicate: Callable[[], T], timeout: float = 5.0, what: str = "", interval: float = 0.05) -> T:
    """Poll until the predicate returns something truthy, and return it; fail clearly on timeout."""
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result:
            return result
        if time.monotonic() >= deadline:
            pytest.fail(f"not within {timeout:.0f}s: {what or predicate.__name__} (last: {result!r})")
        time.sleep(interval)


class KetenServer:
    """One `keten serve` process; it can be stopped and started again on the same data dir and port."""

    def __init__(
        self,
        data_dir: Path,
        log_dir: Path,
        bootstrap_servers: str | None,
        store_env: dict[str, str] | None = None,
    ) -> None:
        self.data_dir, self.port = data_dir, free_loopback_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.stdout, self.stderr = log_dir / "keten.stdout", log_dir / "keten.stderr"
        self._env = {k: v for k, v in os.environ.items() if not k.startswith(("KETEN_", "POSTGRES_"))}
        # The store is the test's choice (SQLite by default), never the caller's environment.
        self._env.pop("PERSISTENCE_MODULE", None)
        self._env.pop("KAFKA_BOOTSTRAP_SERVERS", None)
        self._env.update(store_env or {})
        if bootstrap_servers is not None:  # else keten starts a broker of its own
            self._env["KAFKA_BOOTSTRAP_SERVERS"] = bootstrap_servers
        self._env.setdefault("KETEN_LOG_LEVEL", "INFO")
        # A record that fails by itself is tried as often as in production, with shorter pauses.
        self._env["KETEN_RELAY_BACKOFF_SECONDS"] = "0.05"
        self.process: subprocess.Popen[bytes] | None = None

    def admin_token(self) -> str:
        return self.cli("token", "--admin")

    def cli(self, *arguments: str) -> str:
        """A `keten` command on this server's data dir and settings (another process); its output."""
        command = [str(KETEN), *arguments, "--data-dir", str(self.data_dir)]
        done = subprocess.run(command, check=False, env=self._env, capture_output=True, text=True)
        if done.returncode != 0:
            error = subprocess.CalledProcessError(done.returncode, command, done.stdout, done.stderr)
            error.add_note(f"stderr (tail):\n{done.stderr[-2000:]}")
            raise error
        return done.stdout.strip()

    def start(self, timeout: float = START_TIMEOUT) -> None:
        command = [str(KETEN), "serve", "--data-dir", str(self.data_dir), "--port", str(self.port)]
        with self.stdout.open("ab") as out, self.stderr.open("ab") as err:
            self.process = subprocess.Popen(
                command, env=self._env, stdin=subprocess.DEVNULL, stdout=out, stderr=err
            )
        deadline = time.monotonic() + timeout
        while not self._healthy():
            if self.process.poll() is not None or time.monotonic() >= deadline:
                self.stop()
                pytest.fail(f"keten serve did not get ready on {self.url}\n{self.stderr_tail()}")
            time.sleep(0.05)

    def stop(self, how: signal.Signals = signal.SIGINT) -> int | None:
        """SIGINT, as an operator's Ctrl-C; killed when it does not exit in time. Returns the exit code."""
        process, self.process = self.process, None
        if process is None:
            return None
        if process.poll() is None:
            process.send_signal(how)
            try:
                process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
                print(f"keten serve ignored {how.name} for {STOP_TIMEOUT:.0f}s; killed\n{self.stderr_tail()}")
        return process.returncode

    def restart(self) -> int | None:
        code = self.stop()
        self.start()
        return code

    def stderr_text(self, since: int = 0) -> str:
        return self.stderr.read_bytes()[since:].decode(errors="replace") if self.stderr.exists() else ""

    def stderr_tail(self) -> str:
        """The last lines, without the Kafka clients' connection chatter."""
        lines = [line for line in self.stderr_text().splitlines() if not CHATTER.search(line)]
        return "\n".join(["--- keten serve stderr (tail) ---", *lines[-LOG_TAIL_LINES:]])

    def _healthy(self) -> bool:
        try:
            return httpx.get(f"{self.url}/healthz", timeout=1.0).status_code == 200
        except httpx.TransportError:
            return False


class GraphQLClient:
    """GraphQL over HTTP for whatever has a `url` and an `http` client: `keten serve` (`Keten`)
    and a `keten gateway` process of the scale harness (`tests.e2e.roles.GatewayProcess`)."""

    url: str
    http: httpx.Client

    def gql(self, token: str | None, query: str, **variables: Any) -> dict[str, Any]:
        """POST one GraphQL operation and return the JSON response (data and errors as sent)."""
        headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
        return self.post(query, variables, headers)

    def post(self, query: str, variables: dict[str, Any], headers: dict[str, str]) -> dict[str, Any]:
        response = self.http.post(
            f"{self.url}/graphql", json={"query": query, "variables": variables}, headers=headers
        )
        body: dict[str, Any] = response.json()
        return body

    def data(self, token: str | None, query: str, **variables: Any) -> dict[str, Any]:
        """Like gql, for a call that must succeed."""
        body = self.gql(token, query, **variables)
        assert not body.get("errors"), body["errors"]
        data: dict[str, Any] = body["data"]
        return data


@dataclass
class Keten(GraphQLClient):
    """What a test talks to: the running platform over HTTP, its Kafka topics, its store."""

    server: KetenServer
    broker: EmbeddedBroker
    kafka: KafkaLog
    admin_token: str
    http: httpx.Client
    store: Store

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def data_dir(self) -> Path:
        return self.server.data_dir


def error_code(body: dict[str, Any]) -> str | None:
    errors = body.get("errors") or []
    return errors[0].get("extensions", {}).get("code") if errors else None

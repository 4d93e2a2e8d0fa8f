"""The platform under soak: a broker the soak owns (so its topics outlive every kill) and
`keten serve` as a subprocess on a data dir of its own, killed with SIGKILL and started again."""

from __future__ import annotations

import signal
import time
from pathlib import Path

from tests.e2e.harness import KetenServer

from keten.broker import EmbeddedBroker
from keten.schema_registry import build_registry

EVENT_SCHEMAS = Path(__file__).resolve().parents[2] / "schemas" / "events"

# Throttles far above the soak's pace: it measures the platform, not the limits (tested apart);
# and no INFO line per consumed record, which would cost the server more than its work.
SOAK_ENV = {
    "KETEN_SIGNALS_PER_HOUR": "10000000",
    "KETEN_AUTH_FAILURE_LIMIT": "10000000",
    "KETEN_LOG_LEVEL": "WARNING",
}
# A restart reads what it missed first; on a machine shared with other work that can take a while.
RESTART_TIMEOUT = 180.0


class SoakPlatform:
    def __init__(self, root: Path) -> None:
        registry = root / "broker" / "registry"
        build_registry(EVENT_SCHEMAS, registry)
        self.broker = EmbeddedBroker(schema_dir=registry, work_dir=root / "broker")
        self.server: KetenServer | None = None
        self.root = root

    def start(self) -> None:
        self.broker.start()
        self.server = KetenServer(self.root / "data", self.root, self.broker.bootstrap_servers, SOAK_ENV)
        self.server.start()

    @property
    def url(self) -> str:
        assert self.server is not None
        return self.server.url

    def admin_token(self) -> str:
        assert self.server is not None
        return self.server.admin_token()

    def cli(self, *arguments: str) -> str:
        assert self.server is not None
        return self.server.cli(*arguments)

    def kill_and_restart(self) -> float:
        """SIGKILL, then the same data dir and port again; returns how long keten was away."""
        assert self.server is not None
        started = time.monotonic()
        self.server.stop(signal.SIGKILL)
        self.server.start(RESTART_TIMEOUT)
        return time.monotonic() - started

    def rss_mib(self) -> float:
        """Resident memory of the running `keten serve`, in MiB."""
        assert self.server is not None and self.server.process is not None
        status = Path(f"/proc/{self.server.process.pid}/status").read_text()
        kib = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
        return kib / 1024

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
        self.broker.stop()

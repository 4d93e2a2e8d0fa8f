"""(f) Idle CPU: `keten serve` and its embedded broker with nothing happening, over 30 s after
they settled, as a share of one core (user + system time of both processes)."""

from __future__ import annotations

import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from bench.graphql_load import KETEN, _server
from bench.load import _process_cpu
from bench.stack import temp_dir
from keten.broker import free_loopback_port

SETTLE_SECONDS = 5.0
TARGET = 0.03


@dataclass(frozen=True)
class Idle:
    seconds: float
    serve: float  # cores
    broker: float
    serve_rss: int  # bytes, at the end of the idle time


def run_idle(seconds: float = 30.0) -> Idle:
    with temp_dir("keten-bench-idle-") as work:
        port = free_loopback_port()
        command = [str(KETEN), "serve", "--data-dir", str(work / "data"), "--port", str(port)]
        with _server(command, port) as pid:
            time.sleep(SETTLE_SECONDS)
            broker = _children(pid)
            serve_before, broker_before = _process_cpu(pid), sum(_process_cpu(p) for p in broker)
            time.sleep(seconds)
            serve = _process_cpu(pid) - serve_before
            used_by_broker = sum(_process_cpu(p) for p in broker) - broker_before
            rss = rss_of(pid)
    return Idle(seconds, serve / seconds, used_by_broker / seconds, rss)


def idle_lines(idle: Idle) -> list[str]:
    together = idle.serve + idle.broker
    verdict = "met" if together <= TARGET else "MISSED"
    return [
        f"idle CPU over {idle.seconds:.0f} s (nothing happening, after {SETTLE_SECONDS:.0f} s to settle): "
        f"keten serve {idle.serve:.1%}, embedded broker {idle.broker:.1%}, together {together:.1%} of a core "
        f"(target <= {TARGET:.0%}: {verdict})",
        f"memory: keten serve idle RSS {idle.serve_rss / 2**20:,.0f} MiB",
    ]


def rss_of(pid: int | str = "self") -> int:
    """Resident memory of a process, in bytes (VmRSS of /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def _children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False).stdout
    return [int(child) for child in found.split()]

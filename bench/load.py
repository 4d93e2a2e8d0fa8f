"""A native load generator (Debian's `wrk`) against one server process: requests/s, p50/p99,
non-2xx answers, and the CPU the generator and the server used, so a reader can see which of
the two was the bottleneck."""

from __future__ import annotations

import json
import re
import resource
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

CONNECTIONS = 32
THREADS = 2  # wrk's own; C, event-driven: far cheaper per request than the Python server
_UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0}


@dataclass(frozen=True)
class Load:
    requests_per_second: float
    p50: float  # seconds
    p99: float
    requests: int
    failed: int  # non-2xx answers and socket errors
    generator_cpu: float  # cores the load generator used, on average
    server_cpu: float  # cores the server process used, on average


def wrk() -> str:
    found = shutil.which("wrk")
    if found is None:
        raise SystemExit("bench: wrk is not installed (make bench installs it: apt-get install -y wrk)")
    return found


def post_script(work: Path, name: str, body: dict[str, object], token: str) -> Path:
    script = work / f"{name}.lua"
    script.write_text(
        'wrk.method = "POST"\n'
        f"wrk.body = {json.dumps(json.dumps(body))}\n"
        'wrk.headers["Content-Type"] = "application/json"\n'
        f'wrk.headers["Authorization"] = "Bearer {token}"\n'
    )
    return script


def run_load(url: str, script: Path, seconds: float, server_pid: int) -> Load:
    command = [
        wrk(),
        f"-t{THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{seconds:.0f}s",
        "--latency",
        "-s",
        str(script),
        url,
    ]
    before, server_before = _children_cpu(), _process_cpu(server_pid)
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    generator, server = _children_cpu() - before, _process_cpu(server_pid) - server_before
    return _parse(done.stdout, seconds, generator, server)


def _parse(output: str, seconds: float, generator_cpu: float, server_cpu: float) -> Load:
    rate = float(_find(r"Requests/sec:\s+([\d.]+)", output))
    requests = int(_find(r"(\d+) requests in", output))
    failed = int(_find(r"Non-2xx or 3xx responses: (\d+)", output, "0"))
    failed += sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    p50, p99 = (_seconds(_find(rf"^\s+{pct}%\s+(\S+)", output)) for pct in ("50", "99"))
    return Load(rate, p50, p99, requests, failed, generator_cpu / seconds, server_cpu / seconds)


def _find(pattern: str, text: str, default: str | None = None) -> str:
    found = re.search(pattern, text, re.MULTILINE)
    if found is None:
        if default is None:
            raise RuntimeError(f"wrk said something else:\n{text}")
        return default
    return found.group(1)


def _seconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _process_cpu(pid: int) -> float:
    """User + system seconds of a running process (from /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return ticks / _clock_ticks()


def _clock_ticks() -> int:
    import os

    return os.sysconf("SC_CLK_TCK")

"""The machine line: CPU model, cores and Python, so figures are read against their host."""

from __future__ import annotations

import os
import platform
from pathlib import Path


def cpu_model() -> str:
    try:
        lines = Path("/proc/cpuinfo").read_text().splitlines()
    except OSError:
        return platform.processor() or "unknown cpu"
    for line in lines:
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return "unknown cpu"


def machine_line() -> str:
    cores = os.cpu_count() or 0
    return f"machine: {cpu_model()}, {cores} cores, Python {platform.python_version()}"


def load_average() -> str:
    """The 1-minute load average: other processes on the same cores skew every figure."""
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:
        return "unknown"

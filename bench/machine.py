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


def kafka_client_line() -> str:
    """kafka-python checks a CRC32C per record batch, in C only when the crc32c package is there:
    it moves the raw producer and raw reads more than the relay and rebuilds."""
    import kafka
    from kafka.record import util

    crc = "C (crc32c)" if util.crc32c_c is not None else "pure Python (crc32c not installed)"
    return f"kafka-python {kafka.__version__}, CRC32C in {crc}"

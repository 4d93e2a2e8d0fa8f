"""A plain progress bar with rate and ETA, for rebuilds, verification and benchmarks."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, label: str, total: int, stream: TextIO | None = None, width: int = 30) -> None:
        self.label, self.total, self.width = label, max(total, 0), width
        self.stream = stream or sys.stderr
        self.done = 0
        self.started = time.perf_counter()
        self._last_draw = 0.0

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = time.perf_counter()
        if now - self._last_draw >= 0.1 or self.done >= self.total:
            self._last_draw = now
            self._draw(now)

    def close(self) -> None:
        self._draw(time.perf_counter())
        self.stream.write("\n")
        self.stream.flush()

    @property
    def rate(self) -> float:
        elapsed = time.perf_counter() - self.started
        return self.done / elapsed if elapsed > 0 else 0.0

    def _draw(self, now: float) -> None:
        self.total = max(self.total, self.done)  # a total that was only an estimate (Kafka end offsets)
        fraction = min(self.done / self.total, 1.0) if self.total else 1.0  # nothing to do is done
        filled = int(fraction * self.width)
        rate = self.rate
        eta = (self.total - self.done) / rate if rate > 0 else float("inf")
        eta_text = f"{eta:5.1f}s" if eta != float("inf") else "  ?  "
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r{self.label} [{bar}] {self.done}/{self.total} {rate:,.0f}/s ETA {eta_text}")
        self.stream.flush()

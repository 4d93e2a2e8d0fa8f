"""Percentiles and the formatting of the printed figures."""

from __future__ import annotations

import math
from collections.abc import Sequence


def percentile(samples: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile: the smallest sample at or above pct percent of them."""
    if not samples:
        raise ValueError("no samples")
    ordered = sorted(samples)
    rank = max(math.ceil(pct / 100 * len(ordered)), 1)
    return ordered[rank - 1]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def rate(records_per_second: float) -> str:
    return f"{records_per_second:,.0f} records/s"


def against_floor(ratio: float, floor: float) -> str:
    """How a ratio is printed beside the floor it must reach (issue 14's floors)."""
    return f"{ratio:.2f} (floor >= {floor}: {'met' if ratio >= floor else 'MISSED'})"

"""The printed figures of (d): per query, keten and the bare app side by side, with the load
generator's and each server's CPU, and the ratio against its floor."""

from __future__ import annotations

from bench.graphql_load import Comparison, GraphqlRun
from bench.graphql_profile import breakdown_lines
from bench.load import CONNECTIONS, Load
from bench.stats import against_floor, ms

FLOORS = {"myMatches": 0.4}  # keten's requests/s over the bare app's


def graphql_lines(run: GraphqlRun | None) -> list[str]:
    if run is None:
        return []
    comparisons = run.comparisons
    lines = [
        f"graphql: {CONNECTIONS} connections from wrk (C, 2 threads), keten gateway (token check, view "
        "read, strawberry, access log stored before answering) against a bare ASGI app answering the "
        "same bytes under the same uvicorn, one after the other"
    ]
    for comparison in comparisons:
        lines += [
            f"graphql {comparison.name} ({comparison.answer_bytes:,} bytes) keten: {_load(comparison.keten)}",
            f"graphql {comparison.name} bare app: {_load(comparison.bare)}",
        ]
    return lines + breakdown_lines(run.breakdown) + [_ratio(comparison) for comparison in comparisons]


def _load(load: Load) -> str:
    return (
        f"{load.requests_per_second:,.0f} requests/s, p50 {ms(load.p50)}, p99 {ms(load.p99)}, "
        f"{load.failed} failed of {load.requests:,}; server CPU {load.server_cpu:.2f} cores, "
        f"wrk CPU {load.generator_cpu:.2f} cores"
    )


def _ratio(comparison: Comparison) -> str:
    ratio = comparison.keten.requests_per_second / comparison.bare.requests_per_second
    floor = FLOORS.get(comparison.name)
    shown = f"{ratio:.2f}" if floor is None else against_floor(ratio, floor)
    return f"graphql {comparison.name} keten/bare ratio: {shown}"

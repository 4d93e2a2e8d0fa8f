"""One soak run: the platform, its population, the clients and the kills, then the checks."""

from __future__ import annotations

import asyncio
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from tests.soak.load import LOST, Client, Ledger, Tally
from tests.soak.platform import SoakPlatform
from tests.soak.population import Population, populate
from tests.soak.verify import caught_up, doubled_matches, eventually, fresh_flow, relays_behind, unseen_writes

# Refusals the load provokes on purpose, and the answers lost while keten was killed.
EXPECTED = {
    "OK",
    "PAYLOAD_TOO_LARGE",
    "MALFORMED_REQUEST",
    "UNAUTHENTICATED",
    "INVALID_BSN",
    "ALREADY_WITHDRAWN",
    # mySignals waits for the caller's own last registerSignal (read your writes) up to its
    # deadline; right after a kill -9 the restarted views may need longer, and then the honest
    # answer is "try again". That the write is not lost is checked at the end, as for every write.
    "VIEW_BEHIND",
    LOST,
}
STALL_SECONDS, CATCH_UP_LIMIT, FRESH_FLOW_SECONDS = 60.0, 900.0, 60.0


@dataclass
class SoakReport:
    seconds: float
    clients: int
    downtimes: list[float]
    tally: Tally
    ledger: Ledger
    rss_mib: tuple[float, float]
    generator_cpu: float  # share of one core the load generator used
    matches_found: int = 0
    catch_up: float = 0.0  # seconds after the load until every answered write showed
    unseen: int = 0  # answered writes that never showed
    problems: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        latencies = sorted(self.tally.latencies)
        p50, p99 = (statistics.quantiles(latencies, n=100)[i] * 1000 for i in (49, 98))
        requests, lost = len(latencies), self.tally.codes[LOST]
        codes = ", ".join(f"{code} {n:,}" for code, n in self.tally.codes.most_common() if code != LOST)
        withdrawn = sum(1 for _, statuses in self.ledger.signals.values() if statuses == {"WITHDRAWN"})
        return [
            f"soak: {self.clients} clients for {self.seconds:.0f} s, keten serve killed (-9) "
            f"{len(self.downtimes)} times, away {', '.join(f'{d:.1f} s' for d in self.downtimes)}",
            f"requests answered: {requests:,} ({requests / self.seconds:.0f}/s), and {lost:,} attempts "
            f"while keten was away; load generator CPU {self.generator_cpu:.0%} of one core",
            f"answers by code: {codes}",
            f"latency (answered requests): p50 {p50:.1f} ms, p99 {p99:.1f} ms",
            f"memory of keten serve (RSS): {self.rss_mib[0]:.0f} MiB at start, "
            f"{self.rss_mib[1]:.0f} MiB at end",
            f"answered writes: {len(self.ledger.signals):,} signals ({withdrawn:,} withdrawn), "
            f"{sum(map(len, self.ledger.meldingen.values())):,} meldingen; "
            + (
                f"{self.unseen:,} never showed"
                if self.unseen
                else f"all showed {self.catch_up:.0f} s after the load"
            ),
            f"matches found on keten.matches.v1: {self.matches_found:,}",
            *(f"PROBLEM: {problem}" for problem in self.problems[:20]),
            "result: " + ("PASS" if self.passed else f"FAIL ({len(self.problems)} problems)"),
        ]


def run_soak(root: Path, seconds: float, clients: int = 32, kills: int = 2) -> SoakReport:
    platform = SoakPlatform(root)
    platform.start()
    try:
        population = populate(platform.url, platform.admin_token(), clients, youths=clients * 4)
        rss_start, ledger, tally = platform.rss_mib(), Ledger(), Tally()
        cpu, wall = time.process_time(), time.monotonic()
        downtimes = asyncio.run(_drive(platform, population, ledger, tally, seconds, kills))
        generator = (time.process_time() - cpu) / (time.monotonic() - wall)
        report = SoakReport(seconds, clients, downtimes, tally, ledger, (rss_start, 0.0), generator)
        _check(platform, population, report)
        report.rss_mib = (rss_start, platform.rss_mib())
        return report
    finally:
        platform.stop()


async def _drive(
    platform: SoakPlatform, population: Population, ledger: Ledger, tally: Tally, seconds: float, kills: int
) -> list[float]:
    start = time.monotonic()
    limits = httpx.Limits(max_connections=len(population.clients) + 4)
    async with httpx.AsyncClient(base_url=platform.url, timeout=30.0, limits=limits) as http:
        clients = [
            Client(http, member, population, ledger, tally).run(start + seconds)
            for member in population.clients
        ]
        results = await asyncio.gather(_killer(platform, start, seconds, kills), *clients)
    downtimes: list[float] = results[0]
    return downtimes


async def _killer(platform: SoakPlatform, start: float, seconds: float, kills: int) -> list[float]:
    downtimes = []
    for number in range(1, kills + 1):
        await asyncio.sleep(max(0.0, start + seconds * number / (kills + 1) - time.monotonic()))
        downtimes.append(await asyncio.to_thread(platform.kill_and_restart))
    return downtimes


def _check(platform: SoakPlatform, population: Population, report: SoakReport) -> None:
    unexpected = Counter({c: n for c, n in report.tally.codes.items() if c not in EXPECTED})
    report.problems += [f"{count} answers {code}" for code, count in unexpected.items()]
    with httpx.Client(base_url=platform.url, timeout=30.0) as http:
        missing, report.catch_up = caught_up(
            lambda: unseen_writes(http, population, report.ledger), STALL_SECONDS, CATCH_UP_LIMIT
        )
        report.problems += missing
        report.unseen = max(0, len(missing) - 1)
        servers = platform.broker.bootstrap_servers
        report.problems += fresh_flow(http, population, servers, time.monotonic() + FRESH_FLOW_SECONDS)
    status = lambda: relays_behind(platform.cli("relay", "status"))  # noqa: E731
    report.problems += eventually(status, time.monotonic() + FRESH_FLOW_SECONDS)
    report.matches_found, doubled = doubled_matches(platform.broker.bootstrap_servers)
    report.problems += doubled

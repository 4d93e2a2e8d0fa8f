"""Runs (a) match latency, (b) relay vs raw producer throughput, (c) audit verify and rebuild
against raw reads, (d) GraphQL under load against a bare ASGI app, (e) the web pages beside
the GraphQL queries they run, (f) idle CPU of keten serve, (g) scale-out with 1 and 2
matcher + projector processes and (h) the case pages beside their GraphQL queries; prints the figures.

Progress bars go to stderr while measuring; the figures go to stdout at the end, each on its
own line, the ratios last (the relay/raw ratio at the very end).
"""

from __future__ import annotations

import argparse
import gc
from collections.abc import Sequence

from bench.audit import audit_lines, audit_ratio_lines, run_audit
from bench.graphql_load import run_graphql
from bench.graphql_report import graphql_lines
from bench.idle import idle_lines, rss_of, run_idle
from bench.latency import LatencySamples, run_latency
from bench.machine import kafka_client_line, load_average, machine_line
from bench.pages import page_lines, run_pages
from bench.scale import ScaleResult, run_scale
from bench.stack import quiet_logs
from bench.stages import stage_lines
from bench.stats import against_floor, ms, percentile, rate
from bench.throughput import ThroughputResult, run_throughput
from bench.web import run_web, web_lines
from keten.collector import collect_less_often

MATCH_P50_TARGET_SECONDS = 0.015  # issue 14
MATCH_P99_TARGET_SECONDS = 0.040
RATIO_FLOOR = 0.8  # issue 14: the relay at least 0.8 x the raw producer


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--youths", type=int, default=1000, help="young people for (a), each signalled twice")
    parser.add_argument("--warmup", type=int, default=20, help="young people run first and not counted")
    parser.add_argument("--registrations", type=int, default=12_000, help="signals in the store for (b)")
    parser.add_argument("--runs", type=int, default=3, help="relay and raw runs, alternating, for (b)")
    parser.add_argument(
        "--graphql-seconds", type=float, default=15, help="load per server and query for (d); 0 skips (d)"
    )
    parser.add_argument(
        "--web-requests", type=int, default=100, help="requests per face (page, GraphQL) for (e); 0 skips (e)"
    )
    parser.add_argument(
        "--case-page-requests", type=int, default=200, help="requests per page and query for (h); 0 skips (h)"
    )
    parser.add_argument(
        "--audit-events", type=int, default=1_000_000, help="case events in the history for (c); 0 skips (c)"
    )
    parser.add_argument(
        "--scale-pairs",
        type=int,
        default=300,
        help="young people (2 signals each) for (g)'s signals/s; 0 skips (g)",
    )
    parser.add_argument(
        "--scale-latency", type=int, default=50, help="young people one at a time for (g)'s latency"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    collect_less_often()  # as every keten process does: the product as it runs, raw beside it
    quiet_logs()
    load_before = load_average()
    idle = run_idle()
    latency = run_latency(args.youths, args.warmup)
    rss = [("after (a), the latency run (its relays, consumers and views in this process)", rss_of())]
    throughput = run_throughput(args.registrations, args.runs)
    audit = run_audit(args.audit_events) if args.audit_events else None
    rss += [(f"after (c), {args.audit_events:,} events verified and rebuilt", rss_of())] if audit else []
    graphql = run_graphql(args.graphql_seconds) if args.graphql_seconds else None
    web = run_web(args.web_requests) if args.web_requests else None
    scale = run_scale(args.scale_pairs, args.scale_latency) if args.scale_pairs else None
    pages = run_pages(args.case_page_requests) if args.case_page_requests else []
    load = f"load average (1 min) at start: {load_before}, at end: {load_average()} (this benchmark: up to 2)"
    for line in [
        machine_line(),
        kafka_client_line(),
        f"garbage collector thresholds {gc.get_threshold()}: keten's (keten.collector), in every keten "
        "process and in this one",
        load,
        *idle_lines(idle),
        *(f"memory: the bench process's RSS {when}: {size / 2**20:,.0f} MiB" for when, size in rss),
        *latency_lines(latency, args.warmup),
        *throughput_lines(throughput),
        *(audit_lines(audit) if audit else []),
        *(audit_ratio_lines(audit) if audit else []),
        *graphql_lines(graphql),
        *(web_lines(web) if web else []),
        *(scale_lines(scale) if scale else []),
        *page_lines(pages),
        relay_ratio_line(throughput),
    ]:
        print(line, flush=True)


def latency_lines(samples: LatencySamples, warmup: int) -> list[str]:
    match = samples.match_visible
    p50, p99 = percentile(match, 50), percentile(match, 99)
    verdict50 = "met" if p50 <= MATCH_P50_TARGET_SECONDS else "MISSED"
    verdict99 = "met" if p99 <= MATCH_P99_TARGET_SECONDS else "MISSED"
    return [
        f"match latency: {len(match):,} young people, 2 signals each from 2 organisations, one at a time "
        f"({warmup} warm-up not counted); from the start of the 2nd register_signal to the match in "
        "the 1st professional's matches view, looked at again whenever a stage is stamped "
        "(at least every 5 ms)",
        f"match latency p50: {ms(p50)} (target <= {ms(MATCH_P50_TARGET_SECONDS)}: {verdict50})",
        f"match latency p99: {ms(p99)} (target <= {ms(MATCH_P99_TARGET_SECONDS)}: {verdict99})",
        f"match latency max: {ms(max(match))}",
        f"two raw Kafka hops (produce, consume, produce, consume; same broker, keten's client settings) "
        f"p50 {ms(percentile(samples.raw_hops, 50))}, p99 {ms(percentile(samples.raw_hops, 99))}",
        f"first signal register_signal call p50: {ms(percentile(samples.first_call, 50))}",
        f"first signal register_signal call p99: {ms(percentile(samples.first_call, 99))}",
        f"second signal register_signal call p50: {ms(percentile(samples.second_call, 50))}",
        f"second signal register_signal call p99: {ms(percentile(samples.second_call, 99))}",
        f"first signal through matcher and mySignals p50: {ms(percentile(samples.first_settled, 50))}",
        f"first signal through matcher and mySignals p99: {ms(percentile(samples.first_settled, 99))}",
        *stage_lines(samples.stages),
    ]


def throughput_lines(result: ThroughputResult) -> list[str]:
    relay, raw = max(result.relay_rates), max(result.raw_rates)
    runs = len(result.relay_rates)
    settings = ", ".join(f"{key}={value}" for key, value in result.producer_settings.items())
    return [
        f"throughput: {result.records:,} records ({result.registrations:,} registrations) of "
        f"{result.record_bytes:,.0f} bytes on average "
        f"(key + value + headers); relay and raw alternate, {runs} runs each, best of each reported; "
        "each relay run publishes from position 0 and creates each young person's data key",
        f"producer settings (relay's, copied by raw): {settings}",
        f"relay runs: {', '.join(rate(r) for r in result.relay_rates)}",
        f"raw producer runs: {', '.join(rate(r) for r in result.raw_rates)}",
        f"relay throughput: {rate(relay)}",
        f"raw producer throughput: {rate(raw)}",
    ]


def relay_ratio_line(result: ThroughputResult) -> str:
    ratio = max(result.relay_rates) / max(result.raw_rates)
    return f"relay/raw ratio: {against_floor(ratio, RATIO_FLOOR)}"


def scale_lines(results: list[ScaleResult]) -> list[str]:
    """(g) side by side: 1 and 2 matcher + projector processes on PostgreSQL."""
    lines = [
        "scale-out (PostgreSQL, embedded broker; relay, gateway and N `keten matcher` + N `keten projector` "
        "processes; 8 clients): signals/s from the first request until every match is visible"
    ]
    for result in results:
        lines.append(
            f"N={result.instances}: {result.signals:,} signals answered at "
            f"{result.signals / result.answered_seconds:,.0f}/s, all matches visible at "
            f"{result.signals / result.settled_seconds:,.0f} signals/s; match latency p50 "
            f"{ms(percentile(result.latency, 50))}, p99 {ms(percentile(result.latency, 99))} "
            f"({len(result.latency)} young people one at a time)"
        )
    one, two = results[0], results[-1]
    lines.append(
        f"scale-out ratio N=2/N=1 (signals/s to visible): {one.settled_seconds / two.settled_seconds:.2f}"
    )
    return lines

"""`keten relay [--app NAME]…` runs the relay role (`keten.cli.roles`); `keten relay status` and
`keten relay retry [--app NAME]`: see `relay.parking`.

Both work on the stores, with keten running or not. A retry marks the parked records; the
running relay (or the next `keten serve`) tries them again in their log order, with the records
held behind them, within about a second. The command waits for that and reports.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kernel.settings import Settings

if TYPE_CHECKING:
    from keten.bootstrap import Platform
    from relay.relay import Relay
    from relay.status import RelayStatus

POLL_SECONDS = 0.2


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from keten.cli.roles import add_metrics_port, run_relay

    relay = sub.add_parser(
        "relay", help="publish the applications' events to Kafka (active/standby); status, retry"
    )
    relay.add_argument("--app", action="append", help="only this application (repeatable)")
    relay.add_argument("--data-dir", type=Path)
    relay.set_defaults(command=run_relay)
    add_metrics_port(relay)
    commands = relay.add_subparsers(required=False)
    status = commands.add_parser("status", help="per application: position, head, lag, parked and held")
    status.add_argument("--data-dir", type=Path)
    status.set_defaults(command=_status)
    retry = commands.add_parser("retry", help="try the parked records again, once their cause is fixed")
    retry.add_argument("--app", help="only this application's (default: every application's)")
    retry.add_argument("--wait", type=float, default=30.0, help="seconds to wait for the relay (30)")
    retry.add_argument("--data-dir", type=Path)
    retry.set_defaults(command=_retry)


def _status(settings: Settings, args: argparse.Namespace) -> int:
    from keten.bootstrap import bootstrap

    platform = bootstrap(settings)
    try:
        print(report(_relays(platform, settings)))
    finally:
        platform.close()
    return 0


def _retry(settings: Settings, args: argparse.Namespace) -> int:
    from keten.bootstrap import bootstrap

    platform = bootstrap(settings)
    try:
        relays = _relays(platform, settings)
        names = [relay.name for relay in relays]
        if args.app is not None and args.app not in names:
            raise SystemExit(f"keten relay retry: no application {args.app!r}; one of {', '.join(names)}")
        chosen = [relay for relay in relays if args.app in (None, relay.name)]
        asked = sum(relays[0].parking.request_retry(relay.name) for relay in chosen)
        print(f"{asked} parked records asked to be tried again")
        if asked and (took := _taken_up(chosen, args.wait)) is None:
            print(f"no running relay took them up within {args.wait:.0f} s: `keten serve` does at its start")
        elif asked:
            print(f"tried again within {took:.1f} s")
        print(report(chosen))
    finally:
        platform.close()
    return 0


def _taken_up(relays: Sequence[Relay], wait: float) -> float | None:
    """Seconds until every asked record was tried again (published, or stuck again); None
    when that did not happen within `wait`."""
    start = time.monotonic()
    while any(relay.parking.retry_requested(relay.name) for relay in relays):
        if time.monotonic() - start > wait:
            return None
        time.sleep(POLL_SECONDS)
    return time.monotonic() - start


def _relays(platform: Platform, settings: Settings) -> list[Relay]:
    # These commands contact no broker: the relays are only asked where they stand.
    return platform.relays(settings.kafka_bootstrap_servers or "")


def report(relays: Sequence[Relay]) -> str:
    from relay.status import status_of

    statuses = [status_of(relay) for relay in relays]
    lines = [f"{'application':<14}{'position':>10}{'head':>10}{'lag':>8}{'parked':>8}{'held':>8}"]
    lines += [
        f"{s.application:<14}{s.position:>10}{s.head:>10}{s.lag:>8}{s.parked:>8}{s.held:>8}" for s in statuses
    ]
    return "\n".join(lines + [line for s in statuses for line in _stuck_lines(s)])


def _stuck_lines(status: RelayStatus) -> list[str]:
    return [
        f"  {status.application} notification {s.notification_id}: {s.state} "
        f"(key {s.ordering_key or 'unknown'}, stream {s.stream}, since {s.first_failed_at:%Y-%m-%d %H:%M:%S}Z"
        + (f", {s.attempts} attempts): {s.error_type}: {s.reason}" if s.error_type else f"): {s.reason}")
        for s in status.stuck
    ]

"""One command per role: `keten gateway|relay|matcher|projector|sweeper`, and `keten broker`
(`keten relay` is registered with its `status` and `retry` in `keten.cli.relay`).

Each is settings → platform → role, and runs until SIGINT or SIGTERM. The consumer roles and
the relay need a Kafka shared by every process (KAFKA_BOOTSTRAP_SERVERS); the gateway needs
only the stores.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kernel.settings import Settings
from keten.roles.lifecycle import run_until_signalled

if TYPE_CHECKING:
    from keten.health import Watched

    Commands = argparse._SubParsersAction[argparse.ArgumentParser]
CONSUMER_ROLES = {
    "matcher": "decide matches from keten.signals.v1 (instances split its partitions)",
    "projector": "build the read models from Kafka (instances split the partitions)",
    "mailer": "mail each participant of a match once (keten.matches.v1; SMTP from KETEN_SMTP_*)",
}


def add_commands(sub: Commands) -> None:
    gateway = _role(sub, "gateway", "serve GraphQL and the web pages on the shared stores", _gateway)
    gateway.add_argument("--host")
    gateway.add_argument("--port", type=int)
    for name, help_text in CONSUMER_ROLES.items():
        consumer = _role(sub, name, help_text, _consumer)
        consumer.set_defaults(role=name)
        add_metrics_port(consumer)
    projector = sub.choices["projector"]
    projector.add_argument("--view", action="append", help="only this view (repeatable)")
    _role(sub, "sweeper", "expire signals and shred finished records hourly (active/standby)", _sweeper)
    broker = _role(sub, "broker", "run the embedded Kafka-protocol broker on its own", _broker)
    broker.add_argument("--port", type=int, default=9092)


def _role(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str, help_text: str, command: object
) -> argparse.ArgumentParser:
    parser = sub.add_parser(name, help=help_text)
    parser.add_argument("--data-dir", type=Path)
    parser.set_defaults(command=command)
    return parser


def _gateway(settings: Settings, args: argparse.Namespace) -> int:
    from keten.bootstrap import running_platform
    from keten.health import from_the_stores, pipeline_health
    from keten.roles.gateway import serve_gateway

    async def main(stop: asyncio.Event) -> None:
        with running_platform(settings) as platform:
            url = f"http://{settings.host}:{settings.port}/graphql"
            services = platform.built(lambda: platform.services)
            health = pipeline_health(settings, from_the_stores(platform))
            await serve_gateway(settings, services, stop, health, on_started=_announce("gateway", url))

    return run_until_signalled(main)


def run_relay(settings: Settings, args: argparse.Namespace) -> int:
    """`keten relay`: its parser, with `status` and `retry`, is in `keten.cli.relay`."""
    from keten.bootstrap import running_platform
    from keten.health import Watched
    from keten.roles.kafka import configured_kafka
    from keten.roles.relaying import relaying

    servers = configured_kafka(settings, "relay")

    async def main(stop: asyncio.Event) -> None:
        with running_platform(settings) as platform:
            async with relaying(platform, servers, args.app) as relays:
                _announce("relay")()
                watched = Watched(relays=lambda: relays, relays_running=True)
                await _monitored(settings, args, watched, stop)

    return run_until_signalled(main)


def _consumer(settings: Settings, args: argparse.Namespace) -> int:
    from keten.bootstrap import running_platform
    from keten.health import Watched
    from keten.roles.consuming import consuming
    from keten.roles.kafka import configured_kafka
    from keten.roles.lifecycle import together
    from keten.roles.mailing import mail_until

    servers = configured_kafka(settings, args.role)

    async def main(stop: asyncio.Event) -> None:
        with running_platform(settings) as platform:
            handlers = platform.built(lambda: platform.consumers(args.role, getattr(args, "view", None)))
            sources, group = platform.sources(), settings.consumer_group_prefix
            async with consuming(servers, settings.topic_partitions, handlers, sources, group) as consumers:
                _announce(args.role)()
                watched = Watched(handlers=lambda: handlers, consumers=consumers)
                if args.role == "mailer":
                    await together(
                        stop,
                        mail_until(stop, platform.send_match_mail),
                        _monitored(settings, args, watched, stop),
                    )
                else:
                    await _monitored(settings, args, watched, stop)

    return run_until_signalled(main)


def _sweeper(settings: Settings, args: argparse.Namespace) -> int:
    from keten.bootstrap import running_platform
    from keten.roles.sweeper import sweep_hourly

    async def main(stop: asyncio.Event) -> None:
        with running_platform(settings) as platform:
            _announce("sweeper")()
            await sweep_hourly(platform, stop)

    return run_until_signalled(main)


def _broker(settings: Settings, args: argparse.Namespace) -> int:
    from keten.roles.kafka import kafka

    if not settings.embedded_broker:
        raise SystemExit("keten broker: KAFKA_BOOTSTRAP_SERVERS is set; there is a Kafka already")

    async def main(stop: asyncio.Event) -> None:
        with kafka(settings, port=args.port) as servers:
            print(f"keten broker is ready: KAFKA_BOOTSTRAP_SERVERS={servers}", flush=True)
            await stop.wait()

    return run_until_signalled(main)


def add_metrics_port(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--metrics-port", type=int, help="serve /healthz, /readyz and /metrics of this process on this port"
    )


async def _monitored(
    settings: Settings, args: argparse.Namespace, watched: Watched, stop: asyncio.Event
) -> None:
    """Waits for `stop`, serving this process's health on `--metrics-port` when asked to."""
    from keten.health import pipeline_health
    from keten.roles.monitoring import serve_monitoring

    if args.metrics_port is None:
        await stop.wait()
    else:
        await serve_monitoring(settings.host, args.metrics_port, pipeline_health(settings, watched), stop)


def _announce(role: str, where: str = "") -> Callable[[], None]:
    def announce() -> None:
        print(f"keten {role} is ready{': ' + where if where else ''}", flush=True)

    return announce

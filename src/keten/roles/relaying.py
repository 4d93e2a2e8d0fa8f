"""The relay role: one thread per application, each publishing only while it holds that
application's lease (active/standby), so two relays of one application never publish at once.

A standby asks for the lease every `STANDBY_POLL_SECONDS`; the holder's lease goes when its
process dies (the PostgreSQL session ends, the flock is dropped), so a standby takes over
within about that time. The active relay checks its lease every `LEASE_CHECK_SECONDS` and
stops publishing when it is gone.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import AsyncIterator, Iterable
from typing import TYPE_CHECKING

from kafka.errors import KafkaError

from domain.base import KetenApplication
from kernel.lease import Lease
from keten.stores import open_lease
from relay.relay import Relay

if TYPE_CHECKING:
    from keten.bootstrap import Platform

log = logging.getLogger("keten.relay")

STANDBY_POLL_SECONDS = 0.5
LEASE_CHECK_SECONDS = 0.5
JOIN_SECONDS = 10.0


@contextlib.asynccontextmanager
async def relaying(
    platform: Platform, bootstrap_servers: str, apps: Iterable[str] | None = None
) -> AsyncIterator[list[Relay]]:
    """Runs the relays (kafka-python is blocking: each in a thread) until the block ends."""
    relays = await asyncio.to_thread(platform.built, lambda: platform.relays(bootstrap_servers, apps))
    stop = threading.Event()
    threads = []
    for relay in relays:
        if isinstance(relay.app, KetenApplication):
            relay.app.on_saved = relay.wake.set  # a save in this process publishes at once
        lease = open_lease(platform.settings, f"relay-{relay.app.name}")
        args = (relay, lease, stop, platform.settings.relay_poll_seconds)
        threads.append(
            threading.Thread(target=active_or_standby, args=args, name=f"relay-{relay.app.name}", daemon=True)
        )
    for thread in threads:
        thread.start()
    try:
        yield relays
    finally:
        stop.set()
        for relay in relays:
            relay.wake.set()
        await asyncio.to_thread(_join, threads)


def active_or_standby(relay: Relay, lease: Lease, stop: threading.Event, poll_seconds: float) -> None:
    """Waits for the lease, publishes while holding it, and waits again if it is lost."""
    while not stop.is_set():
        if not lease.acquire():
            stop.wait(STANDBY_POLL_SECONDS)
            continue
        log.info("relay %s: active", relay.app.name)
        try:
            _publish_while_held(relay, lease, stop, poll_seconds)
        finally:
            lease.release()
        if not stop.is_set():
            log.warning("relay %s: lost its lease; standing by", relay.app.name)


def _publish_while_held(relay: Relay, lease: Lease, stop: threading.Event, poll_seconds: float) -> None:
    active = threading.Event()  # set when this process must stop publishing
    watch = threading.Thread(target=_watch, args=(relay, lease, stop, active), daemon=True)
    watch.start()
    try:
        relay.ensure_topics()
    except KafkaError as error:  # the loop below retries what matters: publishing
        log.warning("relay %s: topics not created (%s)", relay.app.name, error)
    relay.run(active, poll_seconds)
    active.set()
    watch.join()


def _watch(relay: Relay, lease: Lease, stop: threading.Event, active: threading.Event) -> None:
    while not active.is_set():
        if stop.wait(LEASE_CHECK_SECONDS) or not lease.held():
            active.set()
            relay.wake.set()


def _join(threads: list[threading.Thread]) -> None:
    for thread in threads:
        thread.join(timeout=JOIN_SECONDS)

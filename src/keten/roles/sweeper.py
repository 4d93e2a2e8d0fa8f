"""The sweeper role: ends expired signals, purges archives and shreds finished records' keys.

Hourly, so a day's expiries land that day; active/standby like a relay, so two sweepers never
expire the same signal at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING

from keten.stores import open_lease
from keten.waiting import within
from keten.youth_keys import sweep_verwijsindex

if TYPE_CHECKING:
    from keten.bootstrap import Platform

log = logging.getLogger("keten")

SWEEP_EVERY_SECONDS = 3600.0
STANDBY_POLL_SECONDS = 5.0


async def sweep_hourly(platform: Platform, stop: asyncio.Event) -> None:
    platform.built(lambda: (platform.multisignaal, platform.keystore))
    lease = open_lease(platform.settings, "sweeper")
    try:
        while not stop.is_set():
            held = await asyncio.to_thread(lease.acquire)
            if held:
                await asyncio.to_thread(_sweep, platform)
            wait = SWEEP_EVERY_SECONDS if held else STANDBY_POLL_SECONDS
            with contextlib.suppress(TimeoutError):
                await within(stop.wait(), wait)
    finally:
        lease.release()


def _sweep(platform: Platform) -> None:
    result, shredded = sweep_verwijsindex(platform.multisignaal, platform.keystore)
    if result.expired or result.purged or shredded:
        log.info(
            "sweep: %d signals expired, %d archives purged, %d youth keys destroyed",
            *(result.expired, result.purged, len(shredded)),
        )

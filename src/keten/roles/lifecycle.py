"""How a role's process lives: until SIGINT or SIGTERM, then every part stops in order."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable, Coroutine
from typing import Any

Role = Coroutine[Any, Any, None]


def run_until_signalled(main: Callable[[asyncio.Event], Role]) -> int:
    """Runs `main(stop)`; SIGINT and SIGTERM set `stop`, and main returns once its parts stopped."""

    async def runner() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await main(stop)

    asyncio.run(runner())
    return 0


async def together(stop: asyncio.Event, *roles: Role) -> None:
    """Runs roles side by side until `stop` is set or one of them ends; then stops them all.

    A role that ends on its own (a port already taken, a broken store) stops the others too,
    and its error is raised once they have stopped.
    """
    tasks = [asyncio.create_task(role) for role in roles]
    stopped = asyncio.create_task(stop.wait())
    await asyncio.wait([*tasks, stopped], return_when=asyncio.FIRST_COMPLETED)
    stop.set()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    stopped.cancel()
    for result in results:
        if isinstance(result, BaseException):
            raise result

"""Wakes an aiokafka consumer's fetcher, which can otherwise sleep through the doorbell's ring.

aiokafka's fetcher (0.14) marks a broker node as having a fetch in flight and unmarks it in the
fetch task's done callback. When the fetcher is woken for another reason in the very turn of the
event loop in which that fetch ends, it runs before the callback: it sees the fetch done, drops
it from its pending tasks, still finds the node marked, and so starts no fetch and waits on no
paused partition's resume — only on its look (`consumer_timeout_ms`: `FETCHER_LOOK_MS`, 5 s, in
`keten serve`) or on records being consumed, and there are none. A ring then resumes partitions
no one waits on, and the record waits out the look: seen on the first match after about a third
of `keten serve` starts (a test puts a fetcher in that state). So every ring also sets the
future the fetcher waits on for consumed records: it looks again at once, and by then the done
callback has run. Should aiokafka rename its internals, this does nothing and the look still
bounds the wait; a test checks the names it reads.
"""

from __future__ import annotations

from typing import Any


def wake_fetcher(consumer: Any) -> None:
    """Makes the consumer's fetcher look at its partitions again now (a no-op if it is already
    about to)."""
    fetcher = getattr(consumer, "_fetcher", None)
    waiting = getattr(fetcher, "_wait_consume_future", None)
    if waiting is not None and not waiting.done():
        waiting.set_result(None)

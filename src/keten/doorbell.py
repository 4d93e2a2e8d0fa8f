"""In `keten serve` on the embedded broker, the relays ring the consumers' doorbell.

The embedded broker (Tansu) never answers a fetch early when data arrives: a consumer waits
out `fetch_max_wait_ms` on every fetch, so a short wait is fast but busy (a fetch per consumer
and partition every few milliseconds, idle or not), and a long one is quiet but slow. In one
process the relays know when they have published; so the consumers fetch with a short wait
only while there is something to read — after a ring, or a record — and pause their
partitions (no fetch at all) once it has been quiet for `ACTIVE_SECONDS`. Records no relay of
this process wrote (another program's, a tool's) are still read: every `LOOK_EVERY_SECONDS` one
ListOffsets request asks where every partition ends, and rings the consumers of the partitions
that hold more than their last fetch saw (one request instead of every consumer fetching for a
while: that cost a few % of a core, idle). A relay rings only for its topics: the consumers of other topics
stay paused (nine consumers fetching every few milliseconds cost a core between them). A real
Kafka answers a long poll as soon as data arrives; there the consumers keep fetching as usual
and no doorbell is used.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Sequence
from typing import Any

from aiokafka.errors import IllegalStateError, KafkaError

from keten.consumer_position import position_now

FETCH_WAIT_MS = 5  # while active
ACTIVE_SECONDS = 0.15  # quiet this long after the last ring or record: pause
LOOK_EVERY_SECONDS = 0.5  # asks where the partitions end this often
LOOK_TIMEOUT_SECONDS = 2.0
DOORBELL_METADATA_MAX_AGE_MS = 30_000
# aiokafka's fetcher looks at its partitions every `consumer_timeout_ms` (200) even when all are
# paused: eleven consumers, five looks a second each (a quarter of an idle `keten serve`'s time
# holding the interpreter lock, in a profile). It is woken anyway when a paused partition is
# resumed (a ring), a fetch is answered or a position is sought, so with a doorbell the look is
# only a safety net and may be rare (a test checks that a ring wakes a paused consumer).
FETCHER_LOOK_MS = 5_000


class Doorbell:
    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._bells: dict[str, list[asyncio.Event]] = {}  # per topic: its consumers' bells

    def ring(self, topics: Sequence[str]) -> None:
        """From any thread (a relay's): something was published on these topics."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self.ring_here, tuple(topics))

    def ring_here(self, topics: Sequence[str]) -> None:
        """From the event loop (a consumer got a record): its topics' consumers stay active."""
        for topic in topics:
            for bell in self._bells.get(topic, ()):
                bell.set()

    async def pace(self, consumers: Sequence[tuple[Any, Sequence[str]]]) -> None:
        """Resumes each consumer when its topics' bell rings, pauses it when quiet; until cancelled."""
        self._loop = asyncio.get_running_loop()
        paced = [(consumer, self._bell(topics)) for consumer, topics in consumers]
        await asyncio.gather(_look(paced), *(_pace(consumer, bell) for consumer, bell in paced))

    def _bell(self, topics: Sequence[str]) -> asyncio.Event:
        bell = asyncio.Event()
        for topic in topics:
            self._bells.setdefault(topic, []).append(bell)
        return bell


async def _pace(consumer: Any, bell: asyncio.Event) -> None:
    try:
        while True:
            rung_ms = _now_ms()
            _resume(consumer)
            # Paused only once it has read all there is: a fetch answered since the last ring,
            # and nothing fetched left unread (a paused partition drops it).
            while True:
                if await _rung_within(bell, ACTIVE_SECONDS):
                    rung_ms = _now_ms()
                elif await _caught_up(consumer, rung_ms):
                    break
            _pause(consumer)
            await bell.wait()  # a relay of this process, or `_look`
            bell.clear()
    finally:
        _resume(consumer)  # whatever ends the pacing, never leave a consumer paused


async def _look(paced: Sequence[tuple[Any, asyncio.Event]]) -> None:
    """Rings the consumers whose partitions hold more than their last fetch saw, now and then."""
    while True:
        await asyncio.sleep(LOOK_EVERY_SECONDS)
        for bell in await _behind(paced):
            bell.set()


async def _behind(paced: Sequence[tuple[Any, asyncio.Event]]) -> list[asyncio.Event]:
    consumers = [(consumer, bell) for consumer, bell in paced if consumer is not None]
    partitions = list({tp for consumer, _ in consumers for tp in consumer.assignment()})
    if not partitions:
        return []
    try:  # any consumer may ask for any partition's end
        ends = await asyncio.wait_for(consumers[0][0].end_offsets(partitions), LOOK_TIMEOUT_SECONDS)
    except (TimeoutError, KafkaError):
        return [bell for _, bell in consumers]  # not known: every consumer looks for itself
    return [bell for consumer, bell in consumers if await _unread(consumer, ends)]


async def _unread(consumer: Any, ends: dict[Any, int]) -> bool:
    """Tansu lists a partition's end as its last batch's first offset + 1: more than where the
    consumer stands only when that batch, or a part of it, is not read."""
    for partition in consumer.assignment():
        listed = ends.get(partition)
        read = await position_now(consumer, partition)
        if read is None or listed is None or listed > read:
            return True
    return False


async def _rung_within(bell: asyncio.Event, seconds: float) -> bool:
    try:
        await asyncio.wait_for(bell.wait(), seconds)
    except TimeoutError:
        return False
    bell.clear()
    return True


async def _caught_up(consumer: Any, since_ms: int) -> bool:
    if consumer is None:
        return True
    for partition in consumer.assignment():
        polled, end = consumer.last_poll_timestamp(partition), consumer.highwater(partition)
        if polled is None or polled < since_ms or end is None:
            return False
        read = await position_now(consumer, partition)
        if read is None or read < end:
            return False
    return True


def _resume(consumer: Any) -> None:
    if consumer is not None and (paused := consumer.paused()):
        with contextlib.suppress(IllegalStateError):  # an assignment changing: next time
            consumer.resume(*paused)


def _pause(consumer: Any) -> None:
    if consumer is not None:
        with contextlib.suppress(IllegalStateError):  # an assignment changing: next time
            consumer.pause(*consumer.assignment())


def _now_ms() -> int:
    """A millisecond after now: a fetch answered in this very millisecond may predate the ring."""
    return int(1000 * time.time()) + 1

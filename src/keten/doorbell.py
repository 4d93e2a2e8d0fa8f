"""In `keten serve` on the embedded broker, the relays ring the consumers' doorbell.

The embedded broker (Tansu) never answers a fetch early when data arrives: a consumer waits
out `fetch_max_wait_ms` on every fetch, so a short wait is fast but busy (a fetch per consumer
and partition every few milliseconds, idle or not), and a long one is quiet but slow. In one
process the relays know when they have published, and where: each ring carries the offsets
the broker acknowledged. So a consumer fetches with a short wait only while there is
something to read, and pauses its partitions (no fetch at all) once it has read up to every
end it was told of (eleven consumers fetching every few milliseconds while anything moves
share two cores and one interpreter lock with the relays and the matcher). Records no relay of
this process wrote (another program's, a tool's) are still read: every `LOOK_EVERY_SECONDS` one
ListOffsets request asks where every partition ends, and rings the consumers of the partitions
that hold more than they have read (one request instead of every consumer fetching for a while: that
cost a few % of a core, idle). A relay rings only for its topics: the consumers of other
topics stay paused (nine consumers fetching every few milliseconds cost a core between them).
A real Kafka answers a long poll as soon as data arrives; there the consumers keep fetching as
usual and no doorbell is used.

Only the relays and the look ring. A consumer used to ring its topic's bell for every record it
read, to stay active: about seven rings per record among the consumers of a topic, each waking
a pacing task, a fetcher and a fetch — a quarter of the event loop's work while matching. The
ends a ring carries already say how far to read, so a consumer behind them stays active without.

Not every consumer reads at once. A view nobody waits for in the moment of a write (the signal
logbook, the mail, the access log: `View.gather_seconds`) lets records gather for a fixed time
after the first ring, reads up to every end it was told of, and pauses again at once: one
resume and a few fetches for all the writes of that time, instead of a fetch per write, so
the matcher and the views on a match's path have the cores while a match is on its way. The
time is fixed from the first ring, never stretched by later ones: a steady stream of writes
cannot keep such a view from reading.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence
from typing import Any

from aiokafka.errors import IllegalStateError

from keten.bell import Bell
from keten.consumer_position import position_now
from keten.doorbell_look import look
from keten.fetcher_wake import wake_fetcher
from keten.waiting import within
from relay.relay import Ends

FETCH_WAIT_MS = 5  # while active
# Quiet this long after the last ring or record, and caught up: pause. One fetch's wait: the
# ends a ring carries say when a consumer has read enough, so it need not keep fetching to be
# sure (150 ms, when a fetch answered after the ring was the sign, kept every consumer of a
# topic fetching all through a busy stretch; measured: match latency ~2.5 ms lower at p50).
ACTIVE_SECONDS = FETCH_WAIT_MS / 1000
DOORBELL_METADATA_MAX_AGE_MS = 30_000
# aiokafka's fetcher looks at its partitions every `consumer_timeout_ms` (200) even when all are
# paused: eleven consumers, five looks a second each (a quarter of an idle `keten serve`'s time
# holding the interpreter lock, in a profile). It is woken anyway when a paused partition is
# resumed, a fetch is answered or a position is sought, and every ring wakes it besides (it can
# miss a resume: keten.fetcher_wake), so with a doorbell the look is only a safety net and may
# be rare (tests check that a ring wakes a paused consumer, and one whose fetcher missed it).
FETCHER_LOOK_MS = 5_000


class Doorbell:
    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._bells: dict[str, list[Bell]] = {}  # per topic: its consumers' bells

    def ring(self, ends: Ends) -> None:
        """From any thread (a relay's): these partitions now end at these offsets."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self.announce, dict(ends))

    def announce(self, ends: Ends) -> None:
        """From the event loop: rings every consumer of the topics with the ends of each."""
        for topic in {topic for topic, _ in ends}:
            mine = {partition: end for partition, end in ends.items() if partition[0] == topic}
            for bell in self._bells.get(topic, ()):
                bell.ring(mine)

    async def pace(self, consumers: Sequence[tuple[Any, Sequence[str], float]]) -> None:
        """Resumes each consumer (with its topics and how long it lets records gather) when its
        topics' bell rings, pauses it when quiet; until cancelled."""
        self._loop = asyncio.get_running_loop()
        paced = [(consumer, self._bell(topics, gather)) for consumer, topics, gather in consumers]
        # A task group, not gather: cancelled, gather ends with its first cancelled child and
        # leaves the others running; the group ends when every consumer is resumed.
        async with asyncio.TaskGroup() as group:
            group.create_task(look(paced))
            for consumer, bell in paced:
                group.create_task(_pace(consumer, bell))

    def _bell(self, topics: Sequence[str], gather_seconds: float) -> Bell:
        bell = Bell(gather_seconds)
        for topic in topics:
            self._bells.setdefault(topic, []).append(bell)
        return bell


async def _pace(consumer: Any, bell: Bell) -> None:
    try:
        while True:
            _resume(consumer)
            wake_fetcher(consumer)  # it may sleep through the resume (keten.fetcher_wake)
            await _read_all(consumer, bell)
            _pause(consumer)
            await bell.rung.wait()  # a relay of this process, or the look
            if bell.gather_seconds:
                await asyncio.sleep(bell.gather_seconds)  # rings meanwhile only move the ends
            bell.rung.clear()
    finally:
        _resume(consumer)  # whatever ends the pacing, never leave a consumer paused


async def _read_all(consumer: Any, bell: Bell) -> None:
    """Returns once the consumer may pause: it has read all there is, up to every end it was
    told of, and nothing fetched is left unread (a paused partition drops it), looking at least
    once after one fetch's wait. One that reads at once stays while rings come; one that gathers
    goes as soon as it is there, to gather again. Rung, or still behind, at each look it wakes its
    fetcher: active, it may be asleep all the same (keten.fetcher_wake), and no record rings any
    more."""
    while True:
        rung = await _rung_within(bell, ACTIVE_SECONDS)
        if (bell.gather_seconds or not rung) and await _caught_up(consumer, bell):
            return
        wake_fetcher(consumer)


async def _rung_within(bell: Bell, seconds: float) -> bool:
    try:
        await within(bell.rung.wait(), seconds)
    except TimeoutError:
        return False
    bell.rung.clear()
    return True


async def _caught_up(consumer: Any, bell: Bell) -> bool:
    if consumer is None:
        return True
    for partition in consumer.assignment():
        end = consumer.highwater(partition)
        if end is None:  # no fetch answered yet: a backlog is not known not to be there
            return False
        read = await position_now(consumer, partition)
        if read is None or read < end:
            return False
        if not bell.reached(partition, read, end, consumer.last_poll_timestamp(partition)):
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

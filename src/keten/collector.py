"""How often keten's processes look for cyclic garbage: less often than CPython's default.

CPython starts a collection of its youngest objects every 700 container objects allocated
(net of those freed). A relay allocates several per record (the stored event decoded, its
public record, the headers, the producer's future), so publishing 24,000 records ran about
530 young collections, 48 of the middle generation and 4 full ones, each full one walking
every object the process holds: about a quarter of the relay's time (`make bench` relay runs
in one process, alternating: 11.6–13.2k records/s at 700, 16.0–17.0k at 10,000, 16.4–18.4k at
50,000; the raw producer beside it moved within its noise). keten's objects are nearly all
freed by reference counting the moment they are done with; a cycle is rare, so looking for
them less often keeps at most this many young objects waiting (a few MB), not a growing heap.
"""

from __future__ import annotations

import gc

YOUNG_THRESHOLD = 10_000


def collect_less_often() -> None:
    """Raises the young generation's threshold; the older generations' stay CPython's."""
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)

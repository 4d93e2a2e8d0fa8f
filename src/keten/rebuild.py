"""`keten rebuild VIEW | --all`: a view dropped and read again from Kafka, offset 0 to the end.

First every relay publishes what the broker lacks: a broker that lost its topics (the
embedded one keeps them in memory) gets everything again from the event store, which is the
truth. Then each view is reset and fed its topics from the beginning up to the end offsets
seen when it started, with a progress bar. `--resume` skips the reset and continues from the
view's stored offsets (a rebuild interrupted by Ctrl-C), where the record before each offset
is still the one the view saw; elsewhere it reads from 0 — the view drops what it has seen.

`--all` reads each topic once and hands every poll's records of a topic to each view that reads
that topic, in one transaction per view and poll: a rebuild costs one pass over Kafka, not one
per view (`keten.rebuild_reads`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from kafka import KafkaConsumer

from kernel import kafka_clients
from keten.bootstrap import Platform
from keten.fetches import Decoded, apply_fetch, held_together
from keten.progress import Progress
from keten.rebuild_reads import FETCH_WAIT_MS, Partition, TopicReader, fetches
from keten.resume import event_before
from projections.view import View
from relay.loop import publish_all
from relay.topics import listed_ends


def views_of(platform: Platform) -> dict[str, View]:
    """The read models: never the match mailer, whose outbox says who was mailed already."""
    return {view.name: view for view in platform.views()}


def republish(platform: Platform, bootstrap_servers: str) -> int:
    """Publishes whatever the broker lacks, from the event store; returns how many records."""
    total = 0
    for relay in platform.relays(bootstrap_servers):
        try:
            relay.ensure_topics()
            relay.check_broker()  # a broker that holds fewer records than published: start over
            total += publish_all(relay)  # a record that fails alone is parked, not a stop
        finally:
            relay.close()
    return total


def topics_of(views: Iterable[View]) -> tuple[str, ...]:
    """Every topic the views read, each once, in order."""
    return tuple(dict.fromkeys(topic for view in views for topic in view.topics))


def rebuild(view: View, bootstrap_servers: str, sources: frozenset[str], resume: bool = False) -> int:
    """Feeds the view its topics up to their current ends; returns the records read."""
    return rebuild_views([view], bootstrap_servers, sources, resume)


def rebuild_views(
    views: Sequence[View], bootstrap_servers: str, sources: frozenset[str], resume: bool = False
) -> int:
    """Feeds every view its topics up to their current ends, reading each topic once and
    handing each fetch to every view that reads the topic; returns the records read. Only
    records of keten's own `sources` are applied."""
    readers = {topic: [view for view in views if topic in view.topics] for topic in topics_of(views)}
    ends, starts = _where(bootstrap_servers, tuple(readers), views, resume)
    if not resume:
        for view in views:
            view.reset()
    if not ends:
        return 0  # nothing on the broker: the views stay empty (or as they were, resumed)
    first = {tp: min(starts[v.name].get(tp, 0) for v in readers[tp[0]]) for tp in ends}
    reader = TopicReader(bootstrap_servers, first)
    try:
        label = views[0].name if len(views) == 1 else f"--all ({len(views)} views)"
        progress = Progress(f"rebuild {label}", sum(ends.values()))
        return _read(reader, readers, starts, ends, progress, sources)
    finally:
        reader.close()


def _where(
    bootstrap_servers: str, topics: tuple[str, ...], views: Sequence[View], resume: bool
) -> tuple[dict[Partition, int], dict[str, dict[Partition, int]]]:
    """Each partition's listed end, and where each view starts (only a resumed one past 0)."""
    peek = kafka_clients.consumer(
        bootstrap_servers, enable_auto_commit=False, fetch_max_wait_ms=FETCH_WAIT_MS
    )
    try:
        ends = filled_ends(peek, topics)
        return ends, {view.name: _trusted_offsets(peek, view) if resume else {} for view in views}
    finally:
        peek.close()


def filled_ends(consumer: KafkaConsumer, topics: tuple[str, ...]) -> dict[Partition, int]:
    """The partitions holding records, with where the broker lists their ends."""
    return {(tp.topic, tp.partition): end for tp, end in listed_ends(consumer, topics).items() if end > 0}


def _trusted_offsets(consumer: KafkaConsumer, view: View) -> dict[Partition, int]:
    """The view's stored offsets whose record before is still the one it saw."""
    return {
        tp: offset
        for tp, (offset, last) in view.offsets().items()
        if event_before(consumer, tp, offset) == last
    }


def _read(
    reader: TopicReader,
    readers: dict[str, list[View]],
    starts: dict[str, dict[Partition, int]],
    ends: dict[Partition, int],
    progress: Progress,
    sources: frozenset[str],
) -> int:
    read = 0
    for fetch in fetches(reader, lambda: reader.behind(ends), sources):
        with held_together(readers[fetch.topic]):
            for view in readers[fetch.topic]:
                apply_fetch(view, _unseen(fetch.decoded, starts[view.name]))
        read += fetch.records
        progress.advance(fetch.records)
    progress.close()
    return read


def _unseen(decoded: list[Decoded], starts: dict[Partition, int]) -> list[Decoded]:
    """What a resumed view has not seen: each partition's records from its stored offset on."""
    if not starts:
        return decoded
    return [item for item in decoded if item.offset >= starts.get((item.topic, item.partition), 0)]

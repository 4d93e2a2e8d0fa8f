"""The hash chain and its verifier on an in-memory log: clean, altered, deleted, unrecorded."""

from __future__ import annotations

from dataclasses import dataclass, replace
from uuid import UUID, uuid4

from kernel.sqlstore import SQLiteDatabase
from keten.parallel_verify import combined, spans
from relay.chain import GENESIS, CaseChain, chain_hash, link, next_digest
from relay.verify import Break, Verification, Verifier

TOPIC = "domain.cases.case:Case.Triaged"


@dataclass(frozen=True)
class Stored:
    id: int
    originator_id: UUID
    originator_version: int
    topic: str
    state: bytes


class Log:
    def __init__(self, notifications: list[Stored]) -> None:
        self.notifications = notifications

    def select_notifications(self, start: int, limit: int, stop: int | None = None) -> list[Stored]:
        return [n for n in self.notifications if n.id >= start and (stop is None or n.id <= stop)][:limit]

    def select_events(self, originator_id: UUID) -> list[Stored]:
        return [n for n in self.notifications if n.originator_id == originator_id]

    def max_notification_id(self) -> int:
        return max(n.id for n in self.notifications)


def interleaved(streams: list[UUID], per_stream: int) -> list[Stored]:
    """Streams written in turns, as cases are worked on side by side."""
    rows = [(s, v) for v in range(1, per_stream + 1) for s in streams]
    return [Stored(i, s, v, TOPIC, f"{s}:{v}".encode()) for i, (s, v) in enumerate(rows, start=1)]


def chained(notifications: list[Stored]) -> tuple[Log, CaseChain]:
    chain = CaseChain(SQLiteDatabase(":memory:"))
    chain.extend(notifications[:4])  # the relay works in batches
    chain.extend(notifications[4:])
    return Log(list(notifications)), chain


def test_a_link_covers_the_previous_hash_and_the_stored_bytes() -> None:
    first = Stored(1, uuid4(), 1, TOPIC, b"x")

    assert link(GENESIS, first) != link(GENESIS, replace(first, state=b"y"))
    assert link(GENESIS, first) != link(link(GENESIS, first), first)


def test_extending_again_keeps_the_recorded_links() -> None:
    log, chain = chained(interleaved([uuid4(), uuid4()], 3))
    recorded = chain.between(1, 6)
    log.notifications[0] = replace(log.notifications[0], state=b"changed")

    chain.extend(log.notifications)

    assert chain.between(1, 6) == recorded


def test_a_clean_log_verifies_by_all_and_by_stream() -> None:
    streams = [uuid4(), uuid4(), uuid4()]
    log, chain = chained(interleaved(streams, 3))
    verifier = Verifier(log, chain, page_size=2)

    assert (verifier.all().checked, verifier.all().broken) == (9, None)
    assert [verifier.stream(s).checked for s in streams] == [3, 3, 3]


def test_an_altered_event_is_the_first_break() -> None:
    streams = [uuid4(), uuid4()]
    log, chain = chained(interleaved(streams, 3))
    recorded = chain.of_stream(str(streams[1]))[2]
    log.notifications[3] = replace(log.notifications[3], state=b"changed")  # stream 1, version 2

    broken = Verifier(log, chain, page_size=2).all().broken

    assert broken is not None
    assert (broken.stream, broken.version, broken.event_type, broken.expected) == (
        str(streams[1]),
        2,
        "Case.Triaged",
        recorded,
    )


def test_a_deleted_event_is_a_break_and_so_is_a_deleted_tail() -> None:
    streams = [uuid4(), uuid4()]
    log, chain = chained(interleaved(streams, 2))
    recorded = chain.of_stream(str(streams[0]))

    del log.notifications[2]  # stream 0, version 2
    assert Verifier(log, chain, page_size=2).all().broken == Break(str(streams[0]), 2, "?", recorded[2], None)
    assert Verifier(log, chain).stream(streams[0]).broken == Break(str(streams[0]), 2, "?", recorded[2], None)

    log2, chain2 = chained(interleaved(streams, 2))
    del log2.notifications[3]
    assert Verifier(log2, chain2, page_size=2).all().broken is not None


def test_events_after_the_last_link_are_pending_and_a_missing_link_before_it_is_a_break() -> None:
    stream = uuid4()
    notifications = interleaved([stream], 4)
    chain = CaseChain(SQLiteDatabase(":memory:"))
    chain.extend(notifications[:2])

    assert (
        Verifier(Log(notifications), chain).all().pending,
        Verifier(Log(notifications), chain).all().broken,
    ) == (
        2,
        None,
    )
    with chain.db.transaction() as cursor:
        cursor.execute("DELETE FROM case_chain WHERE notification_id = 1")
    broken = Verifier(Log(notifications), chain).all().broken
    assert broken is not None and (broken.version, broken.expected) == (1, None)


def test_a_walk_that_keeps_fewer_heads_than_streams_verifies_alike_and_finds_the_same_break() -> None:
    streams = [uuid4() for _ in range(5)]
    log, chain = chained(interleaved(streams, 4))  # each stream met again after four others

    clean = Verifier(log, chain, page_size=3, heads=2).all()
    assert (clean.checked, clean.pending, clean.broken) == (20, 0, None)

    log.notifications[12] = replace(log.notifications[12], state=b"changed")  # stream 2, version 3
    assert Verifier(log, chain, page_size=3, heads=2).all().broken == Verifier(log, chain).all().broken
    broken = Verifier(log, chain, page_size=3, heads=2).all().broken
    assert broken is not None and (broken.stream, broken.version) == (str(streams[2]), 3)


def test_a_walk_with_few_heads_still_breaks_on_a_stream_whose_earlier_link_was_altered_in_the_chain() -> None:
    stream, other = uuid4(), uuid4()
    log, chain = chained(interleaved([stream, other], 3))
    with chain.db.transaction() as cursor:  # the recorded link of version 1 rewritten to fit other bytes
        cursor.execute("UPDATE case_chain SET hash = ? WHERE notification_id = 1", ("ab" * 32,))

    broken = Verifier(log, chain, page_size=1, heads=1).all().broken

    assert broken is not None and (broken.stream, broken.version, broken.expected) == (
        str(stream),
        1,
        "ab" * 32,
    )


def test_the_raw_digest_a_walk_carries_is_the_link_in_hex() -> None:
    stream, state = "5f0c3b9e-8d8a-4a53-9d37-6a2b2f0e9b11", b"\x00stored bytes\n"
    first = chain_hash(GENESIS, stream, 1, "Case.Received", state)
    second = chain_hash(first, stream, 2, "Case.Triaged", state)

    carried = next_digest(
        next_digest(bytes(32), stream, 1, "Case.Received", state), stream, 2, "Case.Triaged", state
    )

    assert carried.hex() == second != first


def in_spans(log: Log, chain: CaseChain, cut: int) -> Verification:
    """The log walked as two processes walk it: up to `cut`, and after it."""
    verifier = Verifier(log, chain, page_size=2)
    return combined([verifier.span(1, cut), verifier.span(cut + 1, None)])


def test_a_log_walked_in_two_spans_gives_what_one_walk_gives_at_every_cut() -> None:
    streams = [uuid4(), uuid4(), uuid4()]
    log, chain = chained(interleaved(streams, 3))
    altered, _ = chained(interleaved(streams, 3))
    altered.notifications[5] = replace(altered.notifications[5], state=b"changed")  # stream 2, version 2

    for cut in range(0, 10):
        assert in_spans(log, chain, cut) == Verifier(log, chain).all()
        assert in_spans(altered, chain, cut) == Verifier(altered, chain).all()
    broken = in_spans(altered, chain, 3)
    assert broken.broken is not None and (broken.at, broken.checked) == (6, 5)


def test_an_event_deleted_at_the_end_of_a_span_is_a_break_there() -> None:
    streams = [uuid4(), uuid4()]
    log, chain = chained(interleaved(streams, 3))
    recorded = chain.of_stream(str(streams[1]))
    del log.notifications[3]  # notification 4: stream 1, version 2; the first span ends there

    first = Verifier(log, chain, page_size=2).span(1, 4)

    assert first.broken == Break(str(streams[1]), 2, "?", recorded[2], None) and first.at == 4
    assert in_spans(log, chain, 4) == Verifier(log, chain).all()


def test_a_later_span_starts_each_stream_from_its_recorded_link() -> None:
    stream = uuid4()
    log, chain = chained(interleaved([stream], 4))

    second = Verifier(log, chain).span(3, None)

    assert (second.checked, second.pending, second.broken) == (2, 0, None)


def test_spans_cover_the_log_once_and_the_last_is_open_to_its_end() -> None:
    assert spans(10, 1) == [(1, None)]
    assert spans(10, 3) == [(1, 4), (5, 8), (9, None)]
    assert spans(0, 2) == [(1, 1), (2, None)]

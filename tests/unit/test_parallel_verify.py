"""How `keten audit verify --all` shares the log among processes, and when it has its answer."""

from __future__ import annotations

from keten.parallel_verify import MIN_EVENTS_PER_WORKER, decided, workers_for
from relay.verify import Break, Verification

BROKEN = Verification(checked=3, broken=Break("s", 2, "Case.Triaged", "ab", "cd"), at=7)


def test_a_process_per_core_only_for_a_log_that_pays_for_their_start() -> None:
    assert workers_for(0, cores=2) == 1
    assert workers_for(2 * MIN_EVENTS_PER_WORKER - 1, cores=2) == 1
    assert workers_for(2 * MIN_EVENTS_PER_WORKER, cores=2) == 2
    assert workers_for(100 * MIN_EVENTS_PER_WORKER, cores=2) == 2
    assert workers_for(100 * MIN_EVENTS_PER_WORKER, cores=1) == 1


def test_the_answer_waits_for_every_span_before_the_first_break_and_no_span_after_it() -> None:
    clean = Verification(checked=5)

    assert not decided({}, 3)
    assert not decided({1: BROKEN}, 3)  # the first span may break earlier
    assert decided({0: clean, 1: BROKEN}, 3)  # the third cannot change the answer
    assert decided({0: BROKEN}, 3)
    assert not decided({0: clean, 2: clean}, 3)
    assert decided({0: clean, 1: clean, 2: clean}, 3)

"""The progress bar of rebuilds, verification and benchmarks: count, rate and ETA."""

from __future__ import annotations

import io

from keten.progress import Progress


def drawn(progress: Progress) -> str:
    stream = progress.stream
    assert isinstance(stream, io.StringIO)
    return stream.getvalue().rsplit("\r", 1)[-1]


def test_the_bar_shows_count_rate_and_eta() -> None:
    progress = Progress("verify --all", 4, io.StringIO(), width=4)
    progress.advance(2)
    progress.close()

    line = drawn(progress)
    assert line.startswith("verify --all [##--] 2/4 ")
    assert "/s ETA " in line and line.rstrip().endswith("s")


def test_an_empty_run_is_shown_done_not_as_zero_of_one() -> None:
    progress = Progress("rebuild matches", 0, io.StringIO(), width=4)
    progress.close()

    assert drawn(progress).startswith("rebuild matches [####] 0/0 ")


def test_an_estimated_total_grows_with_what_was_done() -> None:
    progress = Progress("rebuild vt_cases", 3, io.StringIO(), width=4)
    progress.advance(5)  # Kafka's listed end offsets may be lower than what a fetch finds
    progress.close()

    assert drawn(progress).startswith("rebuild vt_cases [####] 5/5 ")

"""The benchmark's match latency by stage: one young person's stamps, and the time each stage took."""

from __future__ import annotations

import time

import pytest
from bench.stages import StageClock, stage_deltas, stage_lines


def test_only_the_first_stamp_of_each_stage_after_the_start_counts_and_the_rest_is_forgotten() -> None:
    clock = StageClock()
    clock.stamp("matching saved")  # the first signal's pass, before the second started
    started = time.perf_counter()
    clock.stamp("multisignaal saved")
    clock.stamp("multisignaal saved")

    first = clock.first_after(started)

    assert list(first) == ["multisignaal saved"]
    assert first["multisignaal saved"] >= started
    assert clock.first_after(0.0) == {}


def test_each_stage_is_timed_from_the_stage_before_and_a_missing_one_is_left_out() -> None:
    first = {"multisignaal saved": 1.004, "multisignaal acked": 1.010, "matching saved": 1.015}

    deltas = stage_deltas(1.0, first, visible=1.040)

    assert deltas == pytest.approx(
        {"multisignaal saved": 0.004, "multisignaal acked": 0.006, "matching saved": 0.005, "visible": 0.025}
    )
    lines = stage_lines([deltas])
    assert any("matching saved" in line and "5.0 ms" in line for line in lines)
    assert not any("matcher consumed" in line for line in lines)

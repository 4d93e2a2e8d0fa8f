"""The benchmark's match latency by stage: each stage timed from the stage it waits for."""

from __future__ import annotations

from inspect import signature
from types import SimpleNamespace

import pytest
from bench.stages import StageClock, _watch_relay, stage_deltas, stage_lines

from relay.producer import RecordProducer


def test_the_stamps_are_taken_once() -> None:
    clock = StageClock()
    clock.stamp("multisignaal saved")

    assert [stage for stage, _ in clock.taken()] == ["multisignaal saved"]
    assert clock.taken() == []


def test_each_stage_is_the_first_stamp_after_the_stage_it_waits_for() -> None:
    stamps = [
        ("matching saved", 0.990),  # the first signal's InformingDue, before the second started
        ("multisignaal saved", 1.004),
        ("multisignaal acked", 1.010),
        ("matcher consumed", 1.011),  # fetched before the doorbell rang: still counted
        ("multisignaal relayed", 1.012),
        ("matching saved", 1.015),
        ("matching saved", 1.016),
    ]

    deltas = stage_deltas(1.0, stamps, visible=1.040)

    assert deltas == pytest.approx(
        {
            "multisignaal saved": 0.004,
            "multisignaal acked": 0.006,
            "multisignaal relayed": 0.002,
            "matcher consumed": 0.001,
            "matching saved": 0.004,
        }
    )


def test_a_stage_never_stamped_is_left_out_of_the_lines() -> None:
    lines = stage_lines([{"multisignaal saved": 0.004, "visible": 0.002}])

    assert any("multisignaal saved" in line and "4.0 ms" in line for line in lines)
    assert not any("matcher consumed" in line for line in lines)


def test_the_relay_watch_takes_the_producers_send_as_it_is() -> None:
    producer = RecordProducer("127.0.0.1:9", "/keten/bench")  # connects only on a real send
    relay = SimpleNamespace(producer=producer, name="multisignaal", on_published=lambda ends: None)

    _watch_relay(relay, StageClock())  # type: ignore[arg-type]

    watched = list(signature(relay.producer.send).parameters)
    assert watched == list(signature(RecordProducer.send).parameters)[1:]

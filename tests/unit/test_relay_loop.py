"""The relay loop asks the broker whether it still holds everything by the clock, in a quiet
moment: never because it was woken often, never right after it published."""

from __future__ import annotations

import threading
import time

import pytest

from relay import loop


class FakeRelay:
    """What the loop asks of a relay; each pass publishes what `pending` says."""

    name = "multisignaal"
    idle_poll_seconds = None

    def __init__(self, pending: list[int]) -> None:
        self.pending, self.checks, self.published_at, self.retry_checked_at = pending, 0, 0.0, 0.0
        self.wake, self.stopping = threading.Event(), threading.Event()
        self.parking = self
        self.broker_error: str | None = None

    def check_broker(self) -> bool:
        self.checks += 1
        return True

    def publish_pending(self) -> int:
        return self.pending.pop(0) if self.pending else 0

    def retry_requested(self, name: str) -> bool:
        return False


def test_many_wake_ups_without_records_do_not_add_up_to_a_broker_check() -> None:
    relay = FakeRelay([])
    checked_at = time.monotonic()

    for _ in range(200):  # woken by saves that publish nothing (the matcher's own book events)
        checked_at = loop._turn(relay, False, checked_at, 0.1)  # type: ignore[arg-type]

    assert relay.checks == 0


def test_a_quiet_relay_checks_once_the_check_interval_has_passed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loop, "BROKER_CHECK_SECONDS", 0.05)
    monkeypatch.setattr(loop, "IDLE_AFTER_SECONDS", 0.05)
    relay = FakeRelay([])
    checked_at = time.monotonic() - 1.0

    assert loop._turn(relay, False, checked_at, 0.01) > checked_at  # type: ignore[arg-type]
    assert relay.checks == 1


def test_a_relay_that_just_published_does_not_stop_for_a_check(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loop, "BROKER_CHECK_SECONDS", 0.05)
    relay = FakeRelay([3])
    checked_at = time.monotonic() - 1.0

    loop._turn(relay, False, checked_at, 0.01)  # type: ignore[arg-type]

    assert relay.checks == 0 and relay.published_at > checked_at


def test_a_suspect_broker_is_checked_before_anything_is_published() -> None:
    relay = FakeRelay([1])

    loop._turn(relay, True, time.monotonic(), 0.1)  # type: ignore[arg-type]

    assert relay.checks == 1

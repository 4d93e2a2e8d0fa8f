"""A relay's look at the broker keeps its client and counts again only when something changed:
with nothing published no client is made, a look that finds the ends and the published count
as the last complete count left them counts nothing, anything published since is counted, and
a broker that lost its topics is still noticed by the same relay."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from tests.integration.platform_kit import Store, relay_of
from tests.integration.test_relay import both_signal, two_organisations

from keten.broker import EmbeddedBroker, free_loopback_port
from relay import broker_look
from relay.broker_look import BrokerLook
from relay.relay import Relay


class Counting:
    """`records_held`, counted."""

    def __init__(self) -> None:
        self.counts = 0
        self._real = broker_look.records_held

    def __call__(self, *args: Any) -> int:
        self.counts += 1
        return self._real(*args)


@pytest.fixture
def counting(monkeypatch: pytest.MonkeyPatch) -> Counting:
    counted = Counting()
    monkeypatch.setattr(broker_look, "records_held", counted)
    return counted


@pytest.fixture
def published(fresh_broker: EmbeddedBroker, sqlite_store: Store) -> Iterator[tuple[Relay, Any]]:
    """The multisignaal relay after publishing three young people's signal pairs; and a way to
    add pairs."""
    platform = sqlite_store.bootstrap()
    school, care = two_organisations(platform)
    relay = relay_of(platform, fresh_broker.bootstrap_servers, "multisignaal")
    relay.ensure_topics()
    both_signal(platform, school, care, 3)
    relay.publish_pending()
    try:
        yield relay, lambda count: both_signal(platform, school, care, count)
    finally:
        relay.close()


def test_nothing_published_needs_no_look_at_all(counting: Counting) -> None:
    look = BrokerLook(f"127.0.0.1:{free_loopback_port()}", ("keten.signals.v1",))  # nobody listens

    assert look.held_when_short(0) is None
    assert counting.counts == 0


@pytest.mark.broker
def test_a_look_counts_again_only_when_ends_or_published_changed(
    published: tuple[Relay, Any], counting: Counting
) -> None:
    relay, signal_pairs = published
    assert relay.check_broker() and counting.counts == 1

    assert relay.check_broker() and relay.check_broker()
    assert counting.counts == 1  # nothing changed: the ends were asked, nothing counted

    signal_pairs(2)
    relay.publish_pending()
    assert relay.check_broker() and counting.counts == 2


@pytest.mark.broker
def test_the_same_relay_notices_a_broker_that_lost_its_topics_after_a_quiet_look(
    fresh_broker: EmbeddedBroker, published: tuple[Relay, Any], counting: Counting
) -> None:
    relay, _ = published
    assert relay.check_broker() and relay.check_broker()  # the second one on the kept client

    fresh_broker.restart()

    assert relay.check_broker() is False
    assert relay.positions.get("multisignaal").published == 0

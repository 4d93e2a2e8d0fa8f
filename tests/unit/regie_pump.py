"""The pipeline of a unit-test gateway without Kafka: signals to the matcher, its events to the views."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from tests.unit.feeds import received
from tests.unit.gateway_fixtures import Gateway

from domain.multisignaal.record import YouthRecord
from matching.application import MatchingApplication
from relay.matches import MatchesMapper
from relay.signals import SignalsMapper


class Unsealed:
    """The matcher reads no sealed field; here the sealed ones are only marked."""

    def seal(self, key_id: str, plaintext: str) -> str:
        return f"sealed:{key_id}"


def pump(gateway: Gateway) -> None:
    """Hands every signal event to the matcher and the professional's view (sealed with that view's
    key store, which opens them again), and every match event to the match views."""
    services = gateway.services
    matcher = services.matcher
    assert isinstance(matcher, MatchingApplication)
    sealer = getattr(services.my_signals, "opener", Unsealed())
    signals = SignalsMapper(sealer, lambda record: _subject(services.multisignaal, record))
    for sequence, event in _mapped(services.multisignaal, signals):
        matcher.process("/keten/multisignaal", sequence, event.type, event.data, event.time)
        services.my_signals.handle(received(event, sequence, "/keten/multisignaal"))  # type: ignore[attr-defined]
    for sequence, event in _mapped(matcher, MatchesMapper(matcher.subject_of)):
        for view in (services.matches, services.regie):
            view.handle(received(event, sequence, "/keten/matching"))  # type: ignore[union-attr]


def _subject(app: Any, record_id: UUID) -> str:
    first: YouthRecord = app.repository.get(record_id, version=1)
    return first.subject


def _mapped(app: Any, mapper: Any) -> list[tuple[int, Any]]:
    mapped = []
    for notification in app.recorder.select_notifications(1, 100_000):
        public = mapper(app.mapper.to_domain_event(notification))
        if public is not None:
            mapped.append((notification.id, public))
    return mapped

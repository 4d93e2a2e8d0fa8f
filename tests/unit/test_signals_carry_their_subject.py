"""The relay publishes a signal event from the event alone: stored events carry the pseudonym.

Events stored before they did have no `subject`; events are never changed, so the relay
looks those up in the record's first event, as it always did.
"""

from __future__ import annotations

import json
import os
from datetime import timedelta
from typing import Any
from uuid import UUID

from eventsourcing.persistence import StoredEvent
from tests.random_refs import random_bsn
from tests.unit.test_multisignaal_application import POPO, START, Clock, Professional, Scenario

from domain.multisignaal.application import MultisignaalApplication
from domain.multisignaal.pseudonym import Pseudonymiser
from domain.multisignaal.record import YouthRecord
from domain.multisignaal.signal import WithdrawalReason
from kernel.contracts import INFORMING_DUE, SIGNAL_EXPIRED, SIGNAL_REGISTERED, SIGNAL_WITHDRAWN
from relay.signals import SignalsMapper


class Sealer:
    def seal(self, key_id: str, plaintext: str) -> str:
        return "c2VhbGVk"


def no_reads(record_id: UUID) -> str:
    raise AssertionError(f"the relay read record {record_id} back to learn its subject")


def test_registered_withdrawn_and_expired_signals_publish_without_reading_the_store() -> None:
    clock = Clock(START)
    app = MultisignaalApplication(Pseudonymiser(os.urandom(32)), clock, 30, env=POPO)
    scenario, mentor, coach, bsn = Scenario(app, clock), Professional(), Professional(), random_bsn()
    withdrawn = scenario.register(mentor, bsn).signal.id
    scenario.register(coach, bsn)
    scenario.withdraw(mentor, withdrawn, WithdrawalReason.RISK_GONE)
    clock.set(START + timedelta(days=31))
    app.sweep()  # the coach's signal expires
    mapper, subject = SignalsMapper(Sealer(), no_reads), app.pseudonymiser.subject(bsn)

    published = [p for p in map(mapper, scenario.stored()) if p is not None]

    assert [p.type for p in published] == [
        SIGNAL_REGISTERED,
        INFORMING_DUE,  # whom the mentor's signal asks to inform
        SIGNAL_REGISTERED,
        INFORMING_DUE,
        SIGNAL_WITHDRAWN,
        SIGNAL_EXPIRED,
    ]
    assert {p.key for p in published} == {p.data["subject"] for p in published} == {subject}


def test_a_signal_stored_before_events_carried_the_subject_still_publishes() -> None:
    clock = Clock(START)
    app = MultisignaalApplication(Pseudonymiser(os.urandom(32)), clock, None, env=POPO)
    bsn = random_bsn()
    Scenario(app, clock).register(Professional(), bsn)
    registered = next(n for n in app.recorder.select_notifications(1, 10) if n.topic.endswith("Registered"))
    old = app.mapper.to_domain_event(without_subject(registered))
    looked_up: list[UUID] = []

    def subject_of(record_id: UUID) -> str:
        looked_up.append(record_id)
        first: YouthRecord = app.repository.get(record_id, version=1)
        return first.subject

    published = SignalsMapper(Sealer(), subject_of)(old)

    assert not hasattr(old, "subject")
    assert published is not None and published.key == app.pseudonymiser.subject(bsn)
    assert looked_up == [old.originator_id]


def without_subject(stored: Any) -> StoredEvent:
    """The stored form an earlier keten wrote: the same event without its `subject`."""
    state = json.loads(stored.state)
    state.pop("subject")
    return StoredEvent(
        stored.originator_id, stored.originator_version, stored.topic, json.dumps(state).encode()
    )

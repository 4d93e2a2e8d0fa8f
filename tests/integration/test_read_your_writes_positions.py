"""Read your own writes, on both stores: a registration returns the position of its
SignalRegistered event, and a query waits until the view it reads has applied every write its
caller noted — or answers VIEW_BEHIND once the deadline has passed."""

from __future__ import annotations

import asyncio

import pytest
from tests.integration.platform_kit import (
    MUNICIPALITY,
    Clock,
    Store,
    new_bsns,
    register_organisation,
    register_professional,
    relay_of,
    youth_birth_date,
)
from tests.integration.test_shared_partitions import as_consumed

from domain.identity.model import Sector
from gateway.consistency import Consistency, ViewBehind
from kernel.contracts import SIGNALS_TOPIC, source_of, stream_of

DEADLINE = 0.3  # seconds: nothing feeds the view in this test, so the wait must give up


def test_a_query_waits_for_the_callers_own_writes_and_only_for_them(store: Store) -> None:
    platform = store.bootstrap(Clock())
    school = register_organisation(platform, "Het Baken", Sector.ONDERWIJS)
    mentor = register_professional(platform, school, "Mentor Ans", "ans@hetbaken.example")
    other = register_professional(platform, school, "Mentor Bas", "bas@hetbaken.example")
    (bsn,) = new_bsns(1)
    registration = platform.multisignaal.register_signal(
        bsn, youth_birth_date(platform.clock), MUNICIPALITY, school.id, mentor
    )
    consistency = Consistency(platform.caller_writes, platform.clock, DEADLINE)
    stream = stream_of(source_of("multisignaal"), platform.pseudonymiser.subject(bsn))
    consistency.wrote(str(mentor), SIGNALS_TOPIC, stream, registration.position)
    view = platform.my_signals

    # Nothing has reached the view: the mentor's query gives up; another professional's does not wait.
    with pytest.raises(ViewBehind) as behind:
        asyncio.run(consistency.caught_up(str(mentor), view))
    assert behind.value.code == "VIEW_BEHIND"
    asyncio.run(consistency.caught_up(str(other), view))

    # The view applies the records, up to and including the registration: the wait is over.
    for record in as_consumed(platform, relay_of(platform, "127.0.0.1:9", "multisignaal")):
        if record.sequence <= (registration.position or 0):
            view.handle(record)
    asyncio.run(consistency.caught_up(str(mentor), view))
    assert [row.id for row in view.of(str(mentor))] == [str(registration.signal.id)]


def test_the_position_is_the_signal_registered_event_and_none_when_nothing_was_written(store: Store) -> None:
    platform = store.bootstrap(Clock())
    school = register_organisation(platform, "Het Baken", Sector.ONDERWIJS)
    mentor = register_professional(platform, school, "Mentor Ans", "ans@hetbaken.example")
    (bsn,) = new_bsns(1)
    register = platform.multisignaal.register_signal
    first = register(bsn, youth_birth_date(platform.clock), MUNICIPALITY, school.id, mentor)

    (written,) = [
        n
        for n in platform.multisignaal.recorder.select_notifications(1, 100)
        if n.topic.endswith("SignalRegistered")
    ]
    assert first.position == written.id
    # Registering again returns the active signal and writes nothing: nothing to wait for.
    assert register(bsn, youth_birth_date(platform.clock), MUNICIPALITY, school.id, mentor).position is None

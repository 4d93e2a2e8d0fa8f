"""The verwijsindex by crypto-shredding: a record with nothing left to keep loses its key."""

from __future__ import annotations

import os
from datetime import date
from uuid import UUID

import pytest
from tests.random_refs import random_bsn
from tests.unit.test_multisignaal_application import CHILD, POPO, START, Clock, Professional, Scenario

from domain.multisignaal.application import MultisignaalApplication
from domain.multisignaal.pseudonym import Pseudonymiser
from domain.multisignaal.record import YouthRecord
from domain.multisignaal.signal import WithdrawalReason
from kernel.cloudevents import ReceivedEvent
from kernel.sqlstore import SQLiteDatabase
from keten.keystore import KeyStore
from keten.youth_keys import SHREDDED, YouthSealer, sweep_verwijsindex
from projections.signals import MySignalsView
from relay.signals import SignalsMapper, subject_key


class Verwijsindex(Scenario):
    """The application, its relay's mapper and the mySignals view, on one key store."""

    def __init__(self, clock: Clock) -> None:
        super().__init__(MultisignaalApplication(Pseudonymiser(os.urandom(32)), clock, None, env=POPO), clock)
        self.keys = KeyStore(SQLiteDatabase(":memory:"), os.urandom(32))
        self.mapper = SignalsMapper(YouthSealer(self.keys), self._subject_of)
        self.view = MySignalsView(SQLiteDatabase(":memory:"), self.keys)
        self.position = 0

    def publish(self) -> list[ReceivedEvent]:
        received, batch = [], self.app.recorder.select_notifications(self.position + 1, 10_000)
        events = [self.app.mapper.to_domain_event(n) for n in batch]
        self.mapper.prepare(events)  # as the relay does: the batch's keys in one go
        for n, domain_event in zip(batch, events, strict=True):
            self.position = n.id
            public = self.mapper(domain_event)
            if public is not None:
                event = ReceivedEvent(
                    "/keten/multisignaal", n.id, public.type, public.key, public.data, public.topic, 0, n.id
                )
                self.view.handle(event)
                received.append(event)
        return received

    def _subject_of(self, record_id: UUID) -> str:
        record = self.app.repository.get(record_id, version=1)
        assert isinstance(record, YouthRecord)
        return record.subject


@pytest.fixture
def index() -> Verwijsindex:
    return Verwijsindex(Clock(START))


def test_turning_23_destroys_the_youth_key_and_my_signals_shows_no_removal_date(index: Verwijsindex) -> None:
    mentor, bsn = Professional(), random_bsn()
    signal = index.register(mentor, bsn, birth_date=date(2004, 3, 10)).signal
    index.publish()
    [before] = index.view.of(str(mentor.id))
    assert before.expires_on == date(2027, 3, 10)

    index.clock.set(date(2027, 3, 10))
    result, shredded = sweep_verwijsindex(index.app, index.keys)
    index.publish()

    subject = index.app.pseudonymiser.subject(bsn)
    assert (result.expired, shredded) == (1, [subject])
    assert index.keys.is_destroyed(subject_key(subject))
    [after] = index.view.of(str(mentor.id))
    assert (after.id, after.status, after.expires_on, after.ended_at) == (
        str(signal.id),
        "EXPIRED",
        None,
        None,
    )
    assert sweep_verwijsindex(index.app, index.keys)[1] == []  # destroyed once, its date kept


def test_the_archive_purge_destroys_the_key_when_no_signal_is_active(index: Verwijsindex) -> None:
    mentor, bsn = Professional(), random_bsn()
    signal = index.register(mentor, bsn, birth_date=CHILD).signal
    index.clock.set(date(2026, 2, 1))
    index.withdraw(mentor, signal.id, WithdrawalReason.RISK_GONE)
    index.publish()
    subject = index.app.pseudonymiser.subject(bsn)

    index.clock.set(date(2031, 1, 31))
    assert sweep_verwijsindex(index.app, index.keys)[1] == []  # the archive is still kept
    index.clock.set(date(2031, 2, 1))
    result, shredded = sweep_verwijsindex(index.app, index.keys)

    assert (result.purged, shredded) == (1, [subject])
    assert index.view.of(str(mentor.id))[0].expires_on is None


def test_an_active_signal_keeps_the_key_and_a_reopened_record_travels_without_dates(
    index: Verwijsindex,
) -> None:
    mentor, other, bsn = Professional(), Professional(), random_bsn()
    first, second = index.register(mentor, bsn).signal, index.register(other, bsn).signal
    index.withdraw(mentor, first.id, WithdrawalReason.UNJUSTIFIED)
    index.publish()
    assert sweep_verwijsindex(index.app, index.keys)[1] == []  # another signal is still active

    index.withdraw(other, second.id, WithdrawalReason.UNJUSTIFIED)
    index.publish()
    assert len(sweep_verwijsindex(index.app, index.keys)[1]) == 1  # all ended, nothing archived
    newcomer = Professional()
    index.register(newcomer, bsn)

    published = index.publish()
    assert [e.data["expiresOnSealed"] for e in published if "expiresOnSealed" in e.data] == [SHREDDED]
    assert [e.data["bandSealed"] for e in published if "bandSealed" in e.data] == [SHREDDED]
    assert index.view.of(str(newcomer.id))[0].expires_on is None

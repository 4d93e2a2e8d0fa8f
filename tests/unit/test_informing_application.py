"""Informing of a signal through the multisignaal application: the band stored at registration (and
no birth date), whom was informed, postponements, and refusals that store nothing."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from uuid import UUID, uuid4

import pytest
from tests.random_refs import random_bsn

from domain.errors import NotFound
from domain.multisignaal.application import MultisignaalApplication
from domain.multisignaal.informing import (
    InformBand,
    Informee,
    InformingIncomplete,
    InformingStatus,
    InvalidRevisitDate,
    PostponementReasonRequired,
)
from domain.multisignaal.pseudonym import Pseudonymiser
from domain.multisignaal.record import AlreadyWithdrawn
from domain.multisignaal.signal import WithdrawalReason

POPO = {"PERSISTENCE_MODULE": "eventsourcing.popo"}
NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
ELEVEN = date(2014, 6, 15)  # 11 on 2 March 2026
FOURTEEN = date(2011, 6, 15)
SEVENTEEN = date(2008, 6, 15)


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def app(clock: Clock) -> MultisignaalApplication:
    return MultisignaalApplication(Pseudonymiser(os.urandom(32)), clock, None, env=POPO)


def register(
    app: MultisignaalApplication, birth_date: date, professional: UUID | None = None
) -> tuple[UUID, UUID]:
    professional = professional or uuid4()
    registration = app.register_signal(random_bsn(), birth_date, "GM0363", uuid4(), professional)
    return registration.signal.id, professional


@pytest.mark.parametrize(
    ("birth_date", "band"),
    [(ELEVEN, InformBand.UNDER_12), (FOURTEEN, InformBand.FROM_12_TO_15), (SEVENTEEN, InformBand.FROM_16)],
)
def test_registration_stores_the_age_band_and_no_birth_date(
    app: MultisignaalApplication, birth_date: date, band: InformBand
) -> None:
    registration = app.register_signal(random_bsn(), birth_date, "GM0363", uuid4(), uuid4())
    assert registration.informing is not None
    assert (registration.informing.band, registration.informing.status) == (band, InformingStatus.OWED)
    stored = b"".join(n.state for n in app.recorder.select_notifications(1, 100))
    for form in (birth_date.isoformat(), birth_date.strftime("%Y%m%d"), birth_date.strftime("%d-%m-%Y")):
        assert form.encode() not in stored


def test_the_signals_professional_records_whom_they_informed(app: MultisignaalApplication) -> None:
    signal, professional = register(app, FOURTEEN)
    done = app.record_informing(signal, professional, [Informee.PARENT, Informee.YOUTH])
    assert (done.status, done.informed) == (InformingStatus.INFORMED, {Informee.PARENT, Informee.YOUTH})
    assert not done.owed_on(NOW.date())


def test_informing_fewer_than_the_band_asks_is_refused_and_stores_nothing(
    app: MultisignaalApplication,
) -> None:
    signal, professional = register(app, FOURTEEN)
    before = app.recorder.max_notification_id()
    with pytest.raises(InformingIncomplete):
        app.record_informing(signal, professional, [Informee.PARENT])
    assert app.recorder.max_notification_id() == before


def test_someone_elses_signal_does_not_exist_for_informing(app: MultisignaalApplication) -> None:
    signal, _ = register(app, SEVENTEEN)
    with pytest.raises(NotFound):
        app.record_informing(signal, uuid4(), [Informee.YOUTH])
    with pytest.raises(NotFound):
        app.postpone_informing(signal, uuid4(), "de jongere is in gevaar", date(2026, 4, 1))


def test_a_postponement_keeps_its_reason_and_is_owed_again_on_its_revisit_date(
    app: MultisignaalApplication, clock: Clock
) -> None:
    signal, professional = register(app, ELEVEN)
    later = app.postpone_informing(signal, professional, "  moeder is de pleger  ", date(2026, 4, 1))
    assert (later.status, later.revisit_on) == (InformingStatus.POSTPONED, date(2026, 4, 1))
    assert not later.owed_on(date(2026, 3, 31)) and later.owed_on(date(2026, 4, 1))
    [postponed] = [
        e
        for e in app.events.get(app.get_aggregate(signal).record_id)
        if type(e).__name__ == "InformingPostponed"
    ]  # type: ignore[union-attr]
    assert postponed.reason == "moeder is de pleger"  # type: ignore[attr-defined]

    clock.now += timedelta(days=30)  # the revisit date came: informed after all
    assert app.record_informing(signal, professional, [Informee.PARENT]).status is InformingStatus.INFORMED


@pytest.mark.parametrize(
    ("reason", "revisit", "refusal"),
    [
        ("kort", date(2026, 4, 1), PostponementReasonRequired),
        ("de jongere is in gevaar", date(2026, 3, 2), InvalidRevisitDate),
        ("de jongere is in gevaar", date(2028, 3, 3), InvalidRevisitDate),  # past the removal date
    ],
)
def test_a_bad_postponement_is_refused_and_stores_nothing(
    app: MultisignaalApplication, reason: str, revisit: date, refusal: type[Exception]
) -> None:
    signal, professional = register(app, SEVENTEEN)
    before = app.recorder.max_notification_id()
    with pytest.raises(refusal):
        app.postpone_informing(signal, professional, reason, revisit)
    assert app.recorder.max_notification_id() == before


def test_an_ended_signal_takes_no_informing(app: MultisignaalApplication) -> None:
    signal, professional = register(app, SEVENTEEN)
    app.withdraw_signal(signal, professional, WithdrawalReason.UNJUSTIFIED)
    with pytest.raises(AlreadyWithdrawn):
        app.record_informing(signal, professional, [Informee.YOUTH])


def test_registering_the_same_signal_again_returns_its_informing(app: MultisignaalApplication) -> None:
    bsn, professional = random_bsn(), uuid4()
    first = app.register_signal(bsn, SEVENTEEN, "GM0363", uuid4(), professional)
    app.record_informing(first.signal.id, professional, [Informee.YOUTH])
    again = app.register_signal(bsn, SEVENTEEN, "GM0363", uuid4(), professional)
    assert again.informing is not None and again.informing.status is InformingStatus.INFORMED

"""The multisignaal application on POPO persistence, driven by a clock the test sets by hand."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any
from uuid import UUID, uuid4

import pytest
from tests.random_refs import random_bsn

from domain.errors import DomainError, NotFound
from domain.multisignaal.application import MultisignaalApplication, Registration
from domain.multisignaal.pseudonym import Pseudonymiser
from domain.multisignaal.record import AlreadyWithdrawn
from domain.multisignaal.signal import ExpiryCause, SignalStatus, WithdrawalReason

POPO = {"PERSISTENCE_MODULE": "eventsourcing.popo"}
START = date(2026, 1, 12)
CHILD = date(2012, 5, 1)  # 13 at the start: neither the age limit nor the archive limit bites
MUNICIPALITY = "GM0363"


class Clock:
    """The application's clock: whatever day the test says it is, at half past nine."""

    def __init__(self, day: date) -> None:
        self.set(day)

    def set(self, day: date) -> None:
        self.now = datetime.combine(day, time(9, 30), tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@dataclass(frozen=True)
class Professional:
    organisation_id: UUID = field(default_factory=uuid4)
    id: UUID = field(default_factory=uuid4)

    def colleague(self) -> Professional:
        return Professional(self.organisation_id)


@dataclass
class Scenario:
    app: MultisignaalApplication
    clock: Clock

    def register(
        self, who: Professional, bsn: str, birth_date: date = CHILD, municipality: str = MUNICIPALITY
    ) -> Registration:
        return self.app.register_signal(bsn, birth_date, municipality, who.organisation_id, who.id)

    def withdraw(self, who: Professional, signal_id: UUID, reason: WithdrawalReason) -> None:
        self.app.withdraw_signal(signal_id, who.id, reason)

    def stored(self) -> list[Any]:
        notifications = self.app.recorder.select_notifications(1, 10_000)
        return [self.app.mapper.to_domain_event(n) for n in notifications]

    def stored_count(self) -> int:
        return self.app.recorder.max_notification_id() or 0


@pytest.fixture
def scenario() -> Scenario:
    clock = Clock(START)
    return Scenario(MultisignaalApplication(Pseudonymiser(os.urandom(32)), clock, None, env=POPO), clock)


def test_a_registered_signal_is_active_until_two_years_later(scenario: Scenario) -> None:
    registration = scenario.register(Professional(), random_bsn())

    assert registration.signal.status is SignalStatus.ACTIVE
    assert registration.signal.registered_at == scenario.clock.now
    assert registration.signal.expires_on == date(2028, 1, 12)
    assert registration.earlier_signals == ()


def test_a_shorter_active_period_setting_shortens_the_signal() -> None:
    clock = Clock(START)
    app = MultisignaalApplication(Pseudonymiser(os.urandom(32)), clock, 365, env=POPO)

    registration = app.register_signal(random_bsn(), CHILD, MUNICIPALITY, uuid4(), uuid4())

    assert registration.signal.expires_on == date(2027, 1, 12)


def test_the_same_professional_signalling_the_same_youth_again_gets_the_same_signal(
    scenario: Scenario,
) -> None:
    mentor, bsn = Professional(), random_bsn()
    first = scenario.register(mentor, bsn)
    stored = scenario.stored_count()

    # A day later the mentor, forgetting, signals the same young person again.
    scenario.clock.set(date(2026, 1, 13))
    again = scenario.register(mentor, bsn)

    assert again.signal.id == first.signal.id
    assert again.signal.registered_at == first.signal.registered_at
    assert scenario.stored_count() == stored


def test_two_professionals_of_one_organisation_each_get_their_own_signal(scenario: Scenario) -> None:
    mentor, bsn = Professional(), random_bsn()

    first = scenario.register(mentor, bsn)
    second = scenario.register(mentor.colleague(), bsn)

    assert first.signal.id != second.signal.id
    assert second.signal.status is SignalStatus.ACTIVE


def test_a_professional_cannot_withdraw_another_professionals_signal(scenario: Scenario) -> None:
    mentor, youth_worker = Professional(), Professional()
    signal = scenario.register(mentor, random_bsn()).signal

    with pytest.raises(NotFound) as refused:
        scenario.withdraw(youth_worker, signal.id, WithdrawalReason.UNJUSTIFIED)
    with pytest.raises(NotFound):
        scenario.withdraw(mentor.colleague(), signal.id, WithdrawalReason.UNJUSTIFIED)

    assert refused.value.code == "NOT_FOUND"
    assert scenario.app.signal(signal.id, mentor.id).status is SignalStatus.ACTIVE


def test_withdrawing_an_unknown_signal_is_not_found(scenario: Scenario) -> None:
    with pytest.raises(NotFound):
        scenario.withdraw(Professional(), uuid4(), WithdrawalReason.RISK_GONE)


def test_a_signal_is_withdrawn_only_once(scenario: Scenario) -> None:
    mentor = Professional()
    signal = scenario.register(mentor, random_bsn()).signal
    scenario.withdraw(mentor, signal.id, WithdrawalReason.RISK_GONE)
    stored = scenario.stored_count()

    with pytest.raises(AlreadyWithdrawn) as refused:
        scenario.withdraw(mentor, signal.id, WithdrawalReason.UNJUSTIFIED)

    assert refused.value.code == "ALREADY_WITHDRAWN"
    assert scenario.stored_count() == stored
    assert scenario.app.signal(signal.id, mentor.id).status is SignalStatus.WITHDRAWN


def test_a_signal_withdrawn_as_risk_gone_is_shown_once_to_the_next_other_professional(
    scenario: Scenario,
) -> None:
    mentor, youth_worker, nurse, bsn = Professional(), Professional(), Professional(), random_bsn()
    earlier = scenario.register(mentor, bsn).signal

    # The mentor sees the risk is gone; a month later the worry is back.
    scenario.clock.set(date(2026, 2, 12))
    scenario.withdraw(mentor, earlier.id, WithdrawalReason.RISK_GONE)
    scenario.clock.set(date(2026, 3, 12))
    own = scenario.register(mentor, bsn)

    # The mentor is not shown their own archived signal, so it is still there for others.
    assert own.earlier_signals == ()

    # The youth worker is the next other professional: they see it, with its period.
    shown = scenario.register(youth_worker, bsn).earlier_signals
    assert [s.id for s in shown] == [earlier.id]
    assert shown[0].organisation_id == earlier.organisation_id
    assert shown[0].professional_id == mentor.id
    assert shown[0].registered_at == datetime.combine(START, time(9, 30), tzinfo=UTC)
    assert shown[0].ended_at == datetime.combine(date(2026, 2, 12), time(9, 30), tzinfo=UTC)

    # Once is once: neither the next professional nor the youth worker again sees it.
    assert scenario.register(nurse, bsn).earlier_signals == ()
    assert scenario.register(youth_worker, bsn).earlier_signals == ()


def test_a_signal_withdrawn_as_unjustified_is_never_archived_nor_shown(scenario: Scenario) -> None:
    mentor, bsn = Professional(), random_bsn()
    signal = scenario.register(mentor, bsn).signal

    scenario.withdraw(mentor, signal.id, WithdrawalReason.UNJUSTIFIED)

    assert scenario.app.signal(signal.id, mentor.id).archived_until is None
    assert scenario.register(Professional(), bsn).earlier_signals == ()


def test_the_sweep_expires_a_signal_on_its_expiry_day_and_archives_it(scenario: Scenario) -> None:
    mentor, bsn = Professional(), random_bsn()
    signal = scenario.register(mentor, bsn).signal

    # The day before it is due, the sweep leaves it alone.
    scenario.clock.set(date(2028, 1, 11))
    assert scenario.app.sweep().expired == 0

    scenario.clock.set(date(2028, 1, 12))
    assert scenario.app.sweep().expired == 1

    expired = scenario.app.signal(signal.id, mentor.id)
    assert expired.status is SignalStatus.EXPIRED
    assert expired.archived_until == date(2033, 1, 12)
    assert [e.cause for e in scenario.stored() if type(e).__name__ == "SignalExpired"] == [ExpiryCause.PERIOD]
    # Expired by its period, it is archived: the next professional is shown it.
    assert [s.id for s in scenario.register(Professional(), bsn).earlier_signals] == [signal.id]
    assert scenario.app.sweep().expired == 0


def test_a_youth_turning_23_before_the_period_ends_expires_the_signal_unarchived(
    scenario: Scenario,
) -> None:
    mentor = Professional()
    signal = scenario.register(mentor, random_bsn(), birth_date=date(2004, 3, 10)).signal
    assert signal.expires_on == date(2027, 3, 10)

    scenario.clock.set(date(2027, 3, 10))
    assert scenario.app.sweep().expired == 1

    expired = scenario.app.signal(signal.id, mentor.id)
    assert expired.status is SignalStatus.EXPIRED
    assert expired.archived_until is None
    assert [e.cause for e in scenario.stored() if type(e).__name__ == "SignalExpired"] == [
        ExpiryCause.AGE_LIMIT
    ]


def test_an_archive_is_purged_five_years_after_the_signal_ended(scenario: Scenario) -> None:
    mentor = Professional()
    signal = scenario.register(mentor, random_bsn()).signal
    scenario.clock.set(date(2026, 2, 1))
    scenario.withdraw(mentor, signal.id, WithdrawalReason.RISK_GONE)
    assert scenario.app.signal(signal.id, mentor.id).archived_until == date(2031, 2, 1)

    scenario.clock.set(date(2031, 1, 31))
    assert scenario.app.sweep().purged == 0
    scenario.clock.set(date(2031, 2, 1))
    assert scenario.app.sweep().purged == 1

    assert scenario.app.signal(signal.id, mentor.id).archived_until is None
    assert scenario.app.sweep().purged == 0


def test_an_archive_is_purged_at_23_when_that_comes_before_five_years(scenario: Scenario) -> None:
    mentor, twenty_third = Professional(), date(2031, 6, 1)
    signal = scenario.register(mentor, random_bsn(), birth_date=date(2008, 6, 1)).signal
    scenario.clock.set(date(2027, 1, 12))
    scenario.withdraw(mentor, signal.id, WithdrawalReason.RISK_GONE)
    assert scenario.app.signal(signal.id, mentor.id).archived_until == twenty_third

    scenario.clock.set(date(2031, 5, 31))
    assert scenario.app.sweep().purged == 0
    scenario.clock.set(twenty_third)
    assert scenario.app.sweep().purged == 1

    assert scenario.app.signal(signal.id, mentor.id).archived_until is None


@pytest.mark.parametrize(
    ("bsn", "birth_date", "municipality", "code"),
    [
        pytest.param("123456789", CHILD, MUNICIPALITY, "INVALID_BSN", id="bsn"),
        pytest.param(None, date(2026, 1, 13), MUNICIPALITY, "INVALID_BIRTH_DATE", id="birth date"),
        pytest.param(None, date(2003, 1, 12), MUNICIPALITY, "TOO_OLD", id="too old"),
        pytest.param(None, CHILD, "0363", "INVALID_MUNICIPALITY", id="municipality"),
        pytest.param(None, CHILD, "GM363", "INVALID_MUNICIPALITY", id="three digits"),
        pytest.param(None, CHILD, "GM٠٣٦٣", "INVALID_MUNICIPALITY", id="arabic-indic digits"),
        pytest.param(None, CHILD, "GM０３６３", "INVALID_MUNICIPALITY", id="fullwidth digits"),
        pytest.param(None, CHILD, "GM0363\n", "INVALID_MUNICIPALITY", id="trailing newline"),
        pytest.param(None, date(1899, 12, 31), MUNICIPALITY, "INVALID_BIRTH_DATE", id="before 1900"),
    ],
)
def test_a_refused_registration_stores_nothing(
    scenario: Scenario, bsn: str | None, birth_date: date, municipality: str, code: str
) -> None:
    # The young person already has a record, with an archived signal not yet shown.
    youth, mentor = random_bsn(), Professional()
    earlier = scenario.register(mentor, youth).signal
    scenario.withdraw(mentor, earlier.id, WithdrawalReason.RISK_GONE)
    stored = scenario.stored_count()

    youth_worker = Professional()
    with pytest.raises(DomainError) as refused:
        scenario.register(youth_worker, bsn or youth, birth_date, municipality)

    assert refused.value.code == code
    assert scenario.stored_count() == stored
    # The refusal did not use up the archived signal's one showing.
    assert [s.id for s in scenario.register(youth_worker, youth).earlier_signals] == [earlier.id]


def test_the_event_store_holds_no_bsn_nor_municipality_code_in_clear(scenario: Scenario) -> None:
    mentor, bsn = Professional(), random_bsn()
    signal = scenario.register(mentor, bsn).signal
    scenario.register(Professional(), bsn)
    scenario.withdraw(mentor, signal.id, WithdrawalReason.RISK_GONE)
    scenario.clock.set(date(2028, 1, 12))
    scenario.app.sweep()

    notifications = scenario.app.recorder.select_notifications(1, 10_000)
    assert len(notifications) >= 6
    for notification in notifications:
        assert bsn.encode() not in notification.state
        assert MUNICIPALITY.encode() not in notification.state

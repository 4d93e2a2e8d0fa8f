"""Which failures park a record, and what parking means: bounded attempts, a reason without
values, the record's key and stream held, and all of it remembered across a restart."""

from __future__ import annotations

import sqlite3

import psycopg
import pytest
from kafka.errors import (
    BrokerNotAvailableError,
    InvalidRecordError,
    KafkaConnectionError,
    KafkaTimeoutError,
    MessageSizeTooLargeError,
)

from kernel.sqlstore import SQLiteDatabase
from relay.faults import UNMAPPABLE, Fault, of_record, refusal
from relay.parking import HELD, PARKED, ParkedRecords
from relay.stalls import Stalls

REFUSED = Fault("InvalidRecordError", "the broker refused the record (it breaks its topic's schema)")
CASE, OTHER_CASE, PLAN = "case-1", "case-2", "plan-of-case-1"


@pytest.fixture
def parking() -> ParkedRecords:
    return ParkedRecords(SQLiteDatabase(":memory:"))


@pytest.mark.parametrize(
    "error", [MessageSizeTooLargeError("1937812 bytes"), InvalidRecordError()], ids=lambda e: type(e).__name__
)
def test_a_record_the_broker_refuses_is_the_records_fault(error: Exception) -> None:
    fault = refusal(error)

    assert fault is not None and fault.error_type == type(error).__name__
    assert "1937812" not in fault.reason


@pytest.mark.parametrize(
    "error",
    [KafkaTimeoutError(), BrokerNotAvailableError(), KafkaConnectionError()],
    ids=lambda e: type(e).__name__,
)
def test_a_broker_that_is_away_is_never_a_records_fault(error: Exception) -> None:
    assert refusal(error) is None
    assert of_record(error, UNMAPPABLE) is None


@pytest.mark.parametrize(
    "error",
    [sqlite3.OperationalError("database is locked"), psycopg.OperationalError("server closed")],
    ids=lambda e: type(e).__name__,
)
def test_a_database_that_is_away_is_never_a_records_fault(error: Exception) -> None:
    assert of_record(error, UNMAPPABLE) is None


def test_a_mappers_failure_keeps_its_type_but_never_its_message() -> None:
    fault = of_record(KeyError("Sanne Jansen"), UNMAPPABLE)

    assert fault == Fault("KeyError", UNMAPPABLE)


def test_a_record_is_tried_a_bounded_number_of_times_then_parked(parking: ParkedRecords) -> None:
    stalls = Stalls("cases", parking, attempts=3)

    tries = [stalls.failed(12, CASE, CASE, REFUSED) for _ in range(3)]

    assert [failed.attempt if failed else None for failed in tries] == [1, 2, None]
    [parked] = parking.of("cases")
    assert (parked.notification_id, parked.state, parked.ordering_key, parked.attempts) == (
        12,
        PARKED,
        CASE,
        3,
    )
    assert (parked.error_type, parked.reason) == (REFUSED.error_type, REFUSED.reason)


def test_a_parked_record_holds_its_key_and_stream_and_nothing_else(parking: ParkedRecords) -> None:
    stalls = Stalls("cases", parking, attempts=1)
    stalls.failed(12, CASE, CASE, REFUSED)

    assert stalls.ahead(PLAN, CASE) == 12  # a plan's event travels under its case's key
    assert stalls.ahead(CASE, None) == 12  # an event of its stream whose key is unknown
    assert stalls.ahead(OTHER_CASE, OTHER_CASE) is None


def test_a_held_record_says_what_it_waits_behind_and_blocks_its_stream_too(
    parking: ParkedRecords,
) -> None:
    stalls = Stalls("cases", parking, attempts=1)
    stalls.failed(12, CASE, CASE, REFUSED)

    stalls.hold(14, CASE, PLAN, ahead=12)

    held = parking.of("cases")[1]
    assert (held.notification_id, held.state, held.error_type) == (14, HELD, None)
    assert "notification 12" in held.reason
    assert stalls.ahead(PLAN, None) == 12


def test_what_is_stuck_is_known_again_after_a_restart(parking: ParkedRecords) -> None:
    Stalls("cases", parking, attempts=1).failed(12, CASE, CASE, REFUSED)

    after_restart = Stalls("cases", parking)

    assert after_restart.is_stuck(12)
    assert after_restart.ahead(CASE, CASE) == 12
    assert Stalls("multisignaal", parking).ahead(CASE, CASE) is None


def test_parked_again_it_keeps_when_it_first_failed_and_counts_every_attempt(parking: ParkedRecords) -> None:
    stalls = Stalls("cases", parking, attempts=2)
    for _ in range(2):
        stalls.failed(12, CASE, CASE, REFUSED)
    first = parking.of("cases")[0]

    stalls.forget()
    for _ in range(2):
        stalls.failed(12, CASE, CASE, REFUSED)

    [again] = parking.of("cases")
    assert (again.first_failed_at, again.attempts) == (first.first_failed_at, 4)


def test_a_retry_is_asked_for_parked_records_of_one_application(parking: ParkedRecords) -> None:
    Stalls("cases", parking, attempts=1).failed(12, CASE, CASE, REFUSED)
    Stalls("cases", parking).hold(14, CASE, CASE, ahead=12)
    Stalls("access", parking, attempts=1).failed(3, "client", "record", REFUSED)

    assert parking.request_retry("cases") == 1  # the parked one; what is held follows it
    assert parking.retry_requested("cases")
    assert not parking.retry_requested("access")
    assert parking.request_retry() == 2

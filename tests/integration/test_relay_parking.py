"""The relay never stalls on one record, against the real broker.

- a record the broker refuses (here: a broker whose registry lacks one event type) is tried a
  few times, then parked; the young person's later records wait behind it, everyone else's go
  on; once the broker knows the contract again, a retry publishes them in their order;
- a record too large to send (kafka-python refuses it before sending) is parked the same way,
  its case waits, other cases go on; after the fix the case's records carry exactly the chain
  heads the audit recorded, and the chain verifies;
- a mapper that fails on one event parks that event with its exception's type and a fixed
  reason, never the exception's message;
- a broker that is away parks nothing.
"""

from __future__ import annotations

import logging
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from kafka.errors import KafkaTimeoutError
from tests.e2e.harness import wait_until
from tests.integration.platform_kit import (
    Store,
    headers_of,
    new_bsns,
    read_topic,
    register_organisation,
    register_professional,
    relay_of,
    signal,
)
from tests.unit.cases.casework import melding_form

from domain.cases.triage import TriageDecision
from domain.multisignaal.signal import WithdrawalReason
from kernel.cloudevents import PublicEvent
from kernel.contracts import CASES_TOPIC, SIGNALS_TOPIC
from keten.bootstrap import Platform
from keten.broker import EmbeddedBroker
from keten.schema_registry import build_registry
from relay.chain import CaseChain
from relay.loop import publish_all
from relay.parking import HELD, PARKED
from relay.relay import Relay
from relay.verify import Verifier

EVENT_SCHEMAS = Path(__file__).resolve().parents[2] / "schemas" / "events"
SECRET = "Sanne Jansen"


@pytest.fixture
def forgetful_broker(tmp_path: Path) -> Iterator[tuple[EmbeddedBroker, Path]]:
    """A broker whose registry lacks SignalWithdrawn: it refuses every withdrawal. Writing the
    full registry again fixes it (Tansu reads the schema files on every produce)."""
    events = tmp_path / "events"
    shutil.copytree(EVENT_SCHEMAS, events)
    (events / "SignalWithdrawn.json").unlink()
    registry = tmp_path / "registry"
    build_registry(events, registry)
    with EmbeddedBroker(schema_dir=registry, work_dir=tmp_path / "broker") as broker:
        yield broker, registry


def quick(relay: Relay) -> Relay:
    """Two attempts, short pauses: the schedule is the same, only shorter."""
    relay.stalls.attempts, relay.backoff_seconds = 2, 0.01
    relay.ensure_topics()
    return relay


def by_key(records: list[Any]) -> dict[str, list[tuple[int, str]]]:
    """Per key, in offset order: (ce_sequence, event type) of each record, a duplicate once
    (a refused batch may have been stored in part: consumers drop what they have seen)."""
    found: dict[str, list[tuple[int, str]]] = {}
    for record in sorted(records, key=lambda r: (r.partition, r.offset)):
        headers = headers_of(record)
        seen = found.setdefault(record.key.decode(), [])
        entry = (int(headers["ce_sequence"]), headers["ce_type"].rsplit(".", 1)[-1])
        if entry not in seen:
            seen.append(entry)
    return found


def types(entries: list[tuple[int, str]]) -> list[str]:
    assert [sequence for sequence, _ in entries] == sorted(sequence for sequence, _ in entries)
    return [kind for _, kind in entries]


def test_a_record_the_broker_refuses_is_parked_and_only_its_young_person_waits(
    store: Store, forgetful_broker: tuple[EmbeddedBroker, Path]
) -> None:
    broker, registry = forgetful_broker
    platform = store.bootstrap()
    school, care = register_organisation(platform, "Het Baken"), register_organisation(platform, "Zorg")
    register_professional(platform, school, "Mentor Ans", "ans@hetbaken.example")
    register_professional(platform, care, "Hulpverlener Bo", "bo@zorg.example")
    youth, other = new_bsns(2)
    first = signal(platform, youth, school, school.professionals[0])
    platform.multisignaal.withdraw_signal(first, school.professionals[0], WithdrawalReason.RISK_GONE)
    signal(platform, youth, care, care.professionals[0])  # waits behind the withdrawal
    signal(platform, other, school, school.professionals[0])  # later in the log: goes on
    relay = quick(relay_of(platform, broker.bootstrap_servers, "multisignaal"))
    subject, someone_else = (platform.services.pseudonymiser.subject(bsn) for bsn in (youth, other))

    publish_all(relay)

    published = by_key(read_topic(broker.bootstrap_servers, SIGNALS_TOPIC))
    # Each registration also says whom to inform (InformingDue, issue 15).
    assert {key: types(entries) for key, entries in published.items()} == {
        subject: ["SignalRegistered", "InformingDue"],
        someone_else: ["SignalRegistered", "InformingDue"],
    }
    parked, *held = relay.parking.of("multisignaal")
    assert (parked.state, parked.error_type, parked.ordering_key, parked.attempts) == (
        PARKED, "InvalidRecordError", subject, 2,
    )  # fmt: skip
    assert [(h.state, h.behind, h.ordering_key) for h in held] == [
        (HELD, parked.notification_id, subject)
    ] * 2

    build_registry(EVENT_SCHEMAS, registry)  # the cause is fixed
    relay.parking.request_retry("multisignaal")
    relay.retry_parked()

    assert types(by_key(read_topic(broker.bootstrap_servers, SIGNALS_TOPIC))[subject]) == [
        "SignalRegistered", "InformingDue", "SignalWithdrawn", "SignalRegistered", "InformingDue",
    ]  # fmt: skip
    assert relay.parking.of("multisignaal") == []
    relay.close()


class Oversized:
    """Maps as the real mapper does, but makes one case's first record 2 MB."""

    def __init__(self, mapper: Any, case_id: UUID) -> None:
        self.mapper, self.case_id = mapper, str(case_id)

    def __call__(self, event: Any) -> PublicEvent | None:
        public = self.mapper(event)
        if public is not None and public.key == self.case_id and public.data["version"] == 1:
            return PublicEvent(public.topic, public.type, public.key, public.subject,
                               {**public.data, "padding": "x" * 2_000_000}, public.time)  # fmt: skip
        return public


def two_cases(platform: Platform) -> tuple[UUID, UUID]:
    stuck = platform.cases.receive_melding(melding_form())
    platform.cases.triage(stuck, False, True, TriageDecision.ONDERZOEK)
    other = platform.cases.receive_melding(melding_form())
    return stuck, other


def test_a_record_too_large_to_send_is_parked_and_its_case_keeps_its_chain(
    sqlite_store: Store, fresh_broker: EmbeddedBroker
) -> None:
    platform = sqlite_store.bootstrap()
    stuck, other = two_cases(platform)
    relay = quick(relay_of(platform, fresh_broker.bootstrap_servers, "cases"))
    mapper, relay.mapper = relay.mapper, Oversized(relay.mapper, stuck)

    publish_all(relay)

    published = by_key(read_topic(fresh_broker.bootstrap_servers, CASES_TOPIC))
    assert set(published) == {str(other)}
    assert [(s.state, s.error_type) for s in relay.parking.of("cases")] == [
        (PARKED, "MessageSizeTooLargeError"), (HELD, None), (HELD, None),  # Triaged, OnderzoekStarted
    ]  # fmt: skip

    relay.mapper = mapper  # the cause is fixed
    relay.retry_parked()

    records = [
        r for r in read_topic(fresh_broker.bootstrap_servers, CASES_TOPIC) if r.key == str(stuck).encode()
    ]
    kinds = [headers_of(r)["ce_type"].removeprefix("keten.cases.") for r in records]
    assert kinds == ["Received", "Triaged", "OnderzoekStarted"]
    chain = relay.chain
    assert isinstance(chain, CaseChain)
    recorded = chain.of_stream(str(stuck))
    assert [record_head(r) for r in records] == [recorded[1], recorded[2], recorded[3]]
    assert Verifier(platform.cases.recorder, chain).all().broken is None
    relay.close()


def record_head(record: Any) -> str:
    import json

    head: str = json.loads(record.value)["chainHead"]
    return head


class Failing:
    """Maps as the real mapper does, but fails on one case with a message that names a person."""

    def __init__(self, mapper: Any, case_id: UUID) -> None:
        self.mapper, self.case_id = mapper, case_id

    def __call__(self, event: Any) -> PublicEvent | None:
        if event.originator_id == self.case_id:
            raise ValueError(f"cannot map the melding about {SECRET}")
        return self.mapper(event)


def test_an_event_the_mapper_cannot_map_is_parked_without_the_exceptions_message(
    sqlite_store: Store, fresh_broker: EmbeddedBroker, caplog: pytest.LogCaptureFixture
) -> None:
    platform = sqlite_store.bootstrap()
    stuck, other = two_cases(platform)
    relay = quick(relay_of(platform, fresh_broker.bootstrap_servers, "cases"))
    relay.mapper = Failing(relay.mapper, stuck)

    with caplog.at_level(logging.INFO):
        publish_all(relay)

    assert set(by_key(read_topic(fresh_broker.bootstrap_servers, CASES_TOPIC))) == {str(other)}
    parked, *held = relay.parking.of("cases")
    assert (parked.error_type, parked.ordering_key, parked.stream) == ("ValueError", None, str(stuck))
    assert [(h.state, h.stream) for h in held] == [(HELD, str(stuck))] * 2
    assert SECRET not in repr(relay.parking.of("cases"))
    assert SECRET not in caplog.text
    assert "parked notification" in caplog.text
    relay.close()


class AwayBroker:
    """A producer whose broker does not answer: every send times out."""

    def send(self, public: PublicEvent, event_id: str, sequence: int) -> Any:
        raise KafkaTimeoutError("Failed to update metadata after 60.0 secs.")

    def discard(self) -> None: ...


def test_a_broker_that_is_away_parks_nothing(sqlite_store: Store) -> None:
    platform = sqlite_store.bootstrap()
    two_cases(platform)
    relay = relay_of(platform, "127.0.0.1:9", "cases")
    relay.producer = AwayBroker()  # type: ignore[assignment]

    for _ in range(relay.stalls.attempts + 1):
        with pytest.raises(KafkaTimeoutError):
            relay.publish_pending()

    assert relay.parking.of("cases") == []


def test_the_running_relay_takes_up_a_retry_and_tries_the_held_records_too(
    sqlite_store: Store, fresh_broker: EmbeddedBroker
) -> None:
    platform = sqlite_store.bootstrap()
    stuck, _ = two_cases(platform)
    relay = quick(relay_of(platform, fresh_broker.bootstrap_servers, "cases"))
    mapper, relay.mapper = relay.mapper, Failing(relay.mapper, stuck)
    stop = threading.Event()
    running = threading.Thread(target=relay.run, args=(stop, 0.01))
    running.start()
    try:
        wait_until(lambda: len(relay.parking.of("cases")) == 3, 20.0, "the parked record and two held")
        relay.mapper = mapper  # the cause is fixed

        assert relay.parking.request_retry("cases") == 1

        wait_until(lambda: relay.parking.of("cases") == [], 20.0, "every stuck record published")
    finally:
        stop.set()
        running.join(timeout=10)
    kinds = types(by_key(read_topic(fresh_broker.bootstrap_servers, CASES_TOPIC))[str(stuck)])
    assert kinds == ["Received", "Triaged", "OnderzoekStarted"]

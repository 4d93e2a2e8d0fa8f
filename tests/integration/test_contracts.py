"""The public event contracts (schemas/events) against what the relay actually produces.

A realistic flow runs through the real relay and the real matcher on the embedded broker:
three organisations signal the same young person (a match is found and joined), one
withdraws (it leaves the match), a sweep expires the others (the match ends). Then:

- every record produced validates against the schema whose `x-ce-type` is its `ce_type`
  header (JSON Schema 2020-12 with format checking), on the topic the schema names;
- every `ce_type` seen has a schema, and every schema of the two topics the flow feeds is
  produced at least once (none stale);
- the broker itself refuses a record that breaks the keten.signals.v1 contract.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from kafka import KafkaProducer
from kafka.consumer.fetcher import ConsumerRecord
from kafka.errors import InvalidRecordError
from tests.integration.platform_kit import (
    MUNICIPALITY,
    Clock,
    Store,
    headers_of,
    new_bsns,
    read_topic,
    received,
    register_organisation,
    register_professional,
    relay_of,
    signal,
)

from domain.identity.model import Sector
from domain.multisignaal.informing import Informee
from domain.multisignaal.matchbook import MatchBook
from domain.multisignaal.signal import WithdrawalReason
from kernel.contracts import MATCHES_TOPIC, SIGNALS_TOPIC
from keten.broker import EmbeddedBroker
from matching.consumer import MatcherHandler

FLOW_TOPICS = (SIGNALS_TOPIC, MATCHES_TOPIC)
EVENT_SCHEMAS = Path(__file__).resolve().parents[2] / "schemas" / "events"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")

# jsonschema checks `date-time` only with rfc3339-validator installed; it is not, so without this
# the format would pass silently. `uuid` is checked by jsonschema itself.
FORMATS = FormatChecker()


@FORMATS.checks("date-time", raises=ValueError)
def is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not RFC3339.match(value):
        return False
    datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))  # a real day and time
    return True


@dataclass(frozen=True)
class Contract:
    path: Path
    topic: str
    ce_type: str
    validator: Draft202012Validator


def load_contracts() -> dict[str, Contract]:
    contracts = {}
    for path in sorted(EVENT_SCHEMAS.glob("*.json")):
        schema = json.loads(path.read_text())
        Draft202012Validator.check_schema(schema)
        ce_type = schema["x-ce-type"]
        assert ce_type not in contracts, f"{ce_type} declared twice"
        contracts[ce_type] = Contract(
            path, schema["x-topic"], ce_type, Draft202012Validator(schema, format_checker=FORMATS)
        )
    return contracts


@dataclass
class Flow:
    records: list[ConsumerRecord]
    signal_registered: dict[str, Any]  # one SignalRegistered value as produced
    bsn: str


@pytest.fixture(scope="module")
def flow(
    embedded_broker: EmbeddedBroker, tmp_path_factory: pytest.TempPathFactory
) -> Flow:  # module-scoped: the flow is run once, then looked at by each test
    with pytest.MonkeyPatch.context() as env:
        env.setenv("PERSISTENCE_MODULE", "eventsourcing.sqlite")
        store = Store("sqlite", tmp_path_factory.mktemp("contracts") / "data")
        try:
            return run_flow(store, embedded_broker.bootstrap_servers)
        finally:
            store.close_all()


def run_flow(store: Store, servers: str) -> Flow:
    clock = Clock()
    platform = store.bootstrap(clock, signal_active_days=60)
    organisations = [
        register_organisation(platform, "Het Baken", Sector.ONDERWIJS),
        register_organisation(platform, "Jeugdhulp West", Sector.JEUGDHULP),
        register_organisation(platform, "JGZ Kust", Sector.JGZ),
    ]
    for n, organisation in enumerate(organisations):
        register_professional(
            platform, organisation, f"Professional {n}", f"p{n}@keten.example", "0101234567"
        )
    school, care, jgz = organisations
    bsn, other = new_bsns(2)
    subjects = {platform.services.pseudonymiser.subject(b) for b in (bsn, other)}
    school_signal = signal(platform, bsn, school, school.professionals[0])
    clock.advance(days=1)
    care_signal = signal(platform, bsn, care, care.professionals[0])  # MatchFound, CoordinatorProposed
    signal(platform, bsn, jgz, jgz.professionals[0])  # MatchJoined (JGZ ranks after jeugdhulp)
    signal(platform, other, care, care.professionals[0])

    signals_relay = relay_of(platform, servers, "multisignaal")
    matches_relay = relay_of(platform, servers, "matching")
    matcher = platform.matcher
    try:
        signals_relay.ensure_topics()
        publish_and_match(signals_relay, matcher, servers, subjects)
        coordinate(platform, subjects, school, care, jgz)
        inform(platform, school_signal, school, care_signal, care)
        clock.advance(days=1)
        platform.multisignaal.withdraw_signal(
            school_signal, school.professionals[0], WithdrawalReason.RISK_GONE
        )
        clock.advance(days=60)
        assert platform.multisignaal.sweep().expired == 3  # care and jgz on bsn (MatchLeft, MatchEnded)
        signal_records = publish_and_match(signals_relay, matcher, servers, subjects)
        matches_relay.ensure_topics()
        matches_relay.publish_pending()
    finally:
        signals_relay.close()
        matches_relay.close()
    match_records = mine(read_topic(servers, MATCHES_TOPIC), subjects)
    registered = json.loads(signal_records[0].value)
    assert headers_of(signal_records[0])["ce_type"].endswith("SignalRegistered")
    return Flow(signal_records + match_records, registered, bsn)


def publish_and_match(
    relay: Any, matcher: MatcherHandler, servers: str, subjects: set[str]
) -> list[ConsumerRecord]:
    """Publishes the signal events so far and lets the matcher read them (it skips what it saw)."""
    relay.publish_pending()
    # The matcher reads what is on the topic (this flow's young people: the broker is shared).
    records = mine(read_topic(servers, SIGNALS_TOPIC), subjects)
    for record in records:
        matcher.handle(received(record))
    return records


def coordinate(platform: Any, subjects: set[str], school: Any, care: Any, jgz: Any) -> None:
    """Every coordination and contact step on the match: accepted, handed over, assigned, confirmed."""
    matching = platform.matching
    [match_id] = {book.match_id for book in map(matching.get_aggregate, map(MatchBook.id_for, subjects))
                  if isinstance(book, MatchBook) and book.match_id}  # fmt: skip
    matching.accept_coordination(match_id, care.professionals[0])
    matching.hand_over_coordination(match_id, care.professionals[0], jgz.professionals[0])
    ref = platform.services.pseudonymiser.municipality(MUNICIPALITY)
    matching.assign_coordinator(match_id, school.professionals[0], uuid4(), ref)
    matching.confirm_contact(match_id, jgz.professionals[0])


def inform(platform: Any, school_signal: UUID, school: Any, care_signal: UUID, care: Any) -> None:
    """The school informed the young person and the parents; youth care puts it off."""
    everyone = [Informee.YOUTH, Informee.PARENT]
    platform.multisignaal.record_informing(school_signal, school.professionals[0], everyone)
    revisit = platform.clock().date() + timedelta(days=14)
    platform.multisignaal.postpone_informing(
        care_signal, care.professionals[0], "veiligheid van de melder", revisit
    )


def mine(records: list[ConsumerRecord], subjects: set[str]) -> list[ConsumerRecord]:
    return [r for r in records if r.key is not None and r.key.decode() in subjects]


def ce_type(record: ConsumerRecord) -> str:
    return headers_of(record)["ce_type"]


# --- what was produced keeps the contracts ------------------------------------------------------


@pytest.mark.broker
def test_every_produced_record_validates_against_its_schema(flow: Flow) -> None:
    contracts = load_contracts()
    assert len(flow.records) >= 10

    for record in flow.records:
        contract = contracts.get(ce_type(record))
        assert contract is not None, f"no schema in schemas/events for ce_type {ce_type(record)}"
        assert record.topic == contract.topic, f"{contract.ce_type} on {record.topic}"
        value = json.loads(record.value)
        errors = [e.message for e in contract.validator.iter_errors(value)]
        assert errors == [], f"{contract.path.name} refuses {value}: {errors}"


@pytest.mark.broker
def test_every_schema_of_the_flows_topics_is_produced(flow: Flow) -> None:
    """None of keten.signals.v1's or keten.matches.v1's schemas is stale (other topics have flows
    of their own)."""
    produced = {ce_type(record) for record in flow.records}
    declared = {c.ce_type for c in load_contracts().values() if c.topic in FLOW_TOPICS}

    assert declared - produced == set(), "schemas that nothing produces: stale"
    assert produced - declared == set(), "produced without a schema"


@pytest.mark.broker
def test_no_record_carries_the_bsn(flow: Flow) -> None:
    for record in flow.records:
        raw = record.value + b"".join(bytes(v) for _, v in record.headers) + (record.key or b"")
        assert flow.bsn.encode() not in raw


def test_format_checking_is_on() -> None:
    """Formats are checked, not only annotated: a naive time or a bad uuid breaks a contract."""
    schema = {
        "type": "object",
        "properties": {
            "id": {"type": "string", "format": "uuid"},
            "at": {"type": "string", "format": "date-time"},
        },
    }
    validator = Draft202012Validator(schema, format_checker=FORMATS)
    good = {"id": "0b5e7c0e-3f7a-4e52-8a8e-1d6f4c2b9a73", "at": "2025-03-03T09:00:00.123456+00:00"}

    assert validator.is_valid(good)
    assert validator.is_valid({**good, "at": "2025-03-03T09:00:00Z"})
    assert not validator.is_valid({**good, "at": "2025-03-03T09:00:00"})  # no offset
    assert not validator.is_valid({**good, "at": "2025-02-30T09:00:00+00:00"})  # no such day
    assert not validator.is_valid({**good, "at": "2025-03-03"})
    assert not validator.is_valid({**good, "id": "0b5e7c0e-3f7a-4e52-8a8e-1d6f4c2b9a7"})


# --- the broker enforces the contract -----------------------------------------------------------


@pytest.mark.broker
def test_the_broker_refuses_a_signal_registered_with_a_bsn(
    embedded_broker: EmbeddedBroker, flow: Flow
) -> None:
    leaky = {**flow.signal_registered, "bsn": flow.bsn}
    assert not load_contracts()["keten.multisignaal.SignalRegistered"].validator.is_valid(leaky)
    # A producer of its own: after one refused record an idempotent producer fails every send.
    producer = KafkaProducer(
        bootstrap_servers=embedded_broker.bootstrap_servers,
        acks="all",
        enable_idempotence=True,
        max_block_ms=5000,
        request_timeout_ms=5000,
    )
    try:
        with pytest.raises(InvalidRecordError) as refused:
            producer.send(
                SIGNALS_TOPIC,
                key=flow.signal_registered["subject"].encode(),
                value=json.dumps(leaky).encode(),
            ).get(timeout=10)
    finally:
        producer.close(timeout=5)

    assert refused.value.errno == 87
    after = read_topic(embedded_broker.bootstrap_servers, SIGNALS_TOPIC)
    assert not any(flow.bsn.encode() in record.value for record in after)

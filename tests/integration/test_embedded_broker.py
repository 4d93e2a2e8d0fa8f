"""The embedded broker (real Tansu, real kafka-python) and the schema registry built for it.

The contract tests use two small example event schemas of their own, written into a temp
dir, so they do not depend on the real `schemas/events` (only the shared fixture does).
Every expectation about a refused record uses a fresh producer: after one refused record an
idempotent kafka-python producer fails every later send (pinned below).
"""

from __future__ import annotations

import ipaddress
import json
import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
from kafka.consumer.fetcher import ConsumerRecord
from kafka.errors import InvalidRecordError
from kafka.producer.future import RecordMetadata

from keten import broker as broker_module
from keten.broker import (
    HOST,
    BrokerBinaryNotFoundError,
    EmbeddedBroker,
    PortInUseError,
    broker_answers,
    port_is_free,
)
from keten.schema_registry import RegistryBuildError, build_registry, load_event_schemas

REPO_EVENT_SCHEMAS = Path(__file__).resolve().parents[2] / "schemas" / "events"
SIGNALS_TOPIC = "test.signals.v1"
FREE_TOPIC = "test.free.v1"
PSEUDONYM = "ab" * 32
SEND_TIMEOUT = 10.0
FETCH_TIMEOUT = 10.0

SIGNAL_REGISTERED: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://keten.test/events/SignalRegistered.json",
    "x-topic": SIGNALS_TOPIC,
    "x-ce-type": "test.SignalRegistered",
    "type": "object",
    "required": ["signal_id", "youth", "registered_at"],
    "additionalProperties": False,
    "properties": {
        "signal_id": {"type": "string", "minLength": 1},
        # Through $ref on purpose: Tansu would ignore it inside the anyOf; the build inlines it.
        "youth": {"$ref": "#/$defs/pseudonym"},
        "registered_at": {"type": "string", "format": "date-time"},
    },
    "$defs": {"pseudonym": {"type": "string", "pattern": "^[0-9a-f]{64}$"}},
}
SIGNAL_ENDED: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "x-topic": SIGNALS_TOPIC,
    "x-ce-type": "test.SignalEnded",
    "type": "object",
    "required": ["signal_id", "reason_code"],
    "additionalProperties": False,
    "properties": {
        "signal_id": {"type": "string", "minLength": 1},
        "reason_code": {"enum": ["expired", "withdrawn"]},
    },
}
VALID_REGISTERED = {"signal_id": "s-1", "youth": PSEUDONYM, "registered_at": "2025-01-02T03:04:05Z"}
VALID_ENDED = {"signal_id": "s-1", "reason_code": "expired"}


# --- helpers ------------------------------------------------------------------------------------


def write_events(events_dir: Path, schemas: dict[str, dict[str, Any]]) -> Path:
    events_dir.mkdir(parents=True, exist_ok=True)
    for name, schema in schemas.items():
        (events_dir / name).write_text(json.dumps(schema))
    return events_dir


def new_producer(bootstrap_servers: str) -> KafkaProducer:
    # The relay's settings: idempotent, acks=all.
    return KafkaProducer(
        bootstrap_servers=bootstrap_servers,
        acks="all",
        enable_idempotence=True,
        max_block_ms=5000,
        request_timeout_ms=5000,
    )


def produce(
    bootstrap_servers: str,
    topic: str,
    value: bytes,
    key: bytes | None = None,
    headers: list[tuple[str, bytes]] | None = None,
) -> RecordMetadata:
    """Send one record with a producer of its own and wait for the broker's answer."""
    producer = new_producer(bootstrap_servers)
    try:
        future = producer.send(topic, value=value, key=key, headers=headers or [])
        metadata: RecordMetadata = future.get(timeout=SEND_TIMEOUT)
        return metadata
    finally:
        producer.close(timeout=5)


def as_json(value: dict[str, Any]) -> bytes:
    return json.dumps(value).encode()


def fetch(bootstrap_servers: str, metadata: RecordMetadata) -> ConsumerRecord:
    """Read back the record at metadata's partition and offset, polling until a deadline."""
    consumer = KafkaConsumer(bootstrap_servers=bootstrap_servers, enable_auto_commit=False)
    partition = TopicPartition(metadata.topic, metadata.partition)
    consumer.assign([partition])
    consumer.seek(partition, metadata.offset)
    deadline = time.monotonic() + FETCH_TIMEOUT
    try:
        while time.monotonic() < deadline:
            for records in consumer.poll(timeout_ms=200).values():
                for record in records:
                    if record.offset == metadata.offset:
                        return record
    finally:
        consumer.close()
    pytest.fail(f"record {metadata} not fetched within {FETCH_TIMEOUT}s")


def topic_names(bootstrap_servers: str) -> set[str]:
    # The admin client's metadata request does not auto-create topics, unlike a producer's.
    admin = KafkaAdminClient(bootstrap_servers=bootstrap_servers)
    try:
        return set(admin.list_topics())
    finally:
        admin.close()


def process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture
def held_port() -> Iterator[int]:
    """A loopback port that something else listens on (and never answers Kafka)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        sock.listen()
        yield sock.getsockname()[1]


@pytest.fixture
def broker(tmp_path: Path) -> Iterator[EmbeddedBroker]:
    """A broker without schemas, for one test (free to stop or restart it)."""
    embedded = EmbeddedBroker(schema_dir=None, work_dir=tmp_path / "broker")
    yield embedded
    embedded.stop()


@pytest.fixture(scope="module")
def contract_broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedBroker]:
    """A broker enforcing the two example schemas on SIGNALS_TOPIC; FREE_TOPIC has none."""
    work_dir = tmp_path_factory.mktemp("contract-broker")
    events = write_events(
        work_dir / "events",
        {"signal_registered.json": SIGNAL_REGISTERED, "signal_ended.json": SIGNAL_ENDED},
    )
    registry = work_dir / "registry"
    build_registry(events, registry)
    with EmbeddedBroker(schema_dir=registry, work_dir=work_dir) as embedded:
        yield embedded


# --- lifecycle ----------------------------------------------------------------------------------


@pytest.mark.broker
def test_starts_and_stops_cleanly(broker: EmbeddedBroker) -> None:
    broker.start()
    pid, port = broker.pid, broker.port
    assert pid is not None
    assert broker.bootstrap_servers == f"127.0.0.1:{port}"
    assert broker_answers(HOST, port)
    assert "listening on" in broker.log_path.read_text()

    broker.stop()

    assert broker.pid is None
    assert not process_exists(pid)
    assert not broker_answers(HOST, port)
    assert port_is_free(port)
    broker.stop()  # idempotent


def listening_addresses(port: int) -> set[str]:
    """Every local address a socket listens on at this port (from /proc/net/tcp and tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, _, hex_port = local.rpartition(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(_address(address))
    return found


def _address(hex_address: str) -> str:
    raw = bytes.fromhex(hex_address)
    # /proc prints each 32-bit word in host order (little-endian here)
    words = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
    return str(ipaddress.ip_address(words))


def other_addresses() -> list[str]:
    """This machine's IPv4 address toward the outside (where another machine would connect),
    found by the route a datagram would take (nothing is sent); none without such a route."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))
        except OSError:
            return []
        address = str(probe.getsockname()[0])
    return [] if ipaddress.ip_address(address).is_loopback else [address]


@pytest.mark.broker
def test_the_embedded_broker_listens_on_loopback_only(broker: EmbeddedBroker) -> None:
    broker.start()

    assert listening_addresses(broker.port) == {"127.0.0.1"}
    for address in other_addresses():
        with pytest.raises(OSError), socket.create_connection((address, broker.port), timeout=2):
            pass


@pytest.mark.broker
def test_context_manager_starts_and_stops(tmp_path: Path) -> None:
    with EmbeddedBroker(schema_dir=None, work_dir=tmp_path) as embedded:
        port = embedded.port
        assert broker_answers(HOST, port)
    assert not embedded.is_running()
    assert port_is_free(port)


@pytest.mark.broker
def test_produce_and_fetch_round_trip_with_headers(broker: EmbeddedBroker) -> None:
    broker.start()
    headers = [("ce_type", b"test.SignalRegistered"), ("ce_sequence", b"42")]

    metadata = produce(
        broker.bootstrap_servers, FREE_TOPIC, b'{"n": 1}', key=PSEUDONYM.encode(), headers=headers
    )
    record = fetch(broker.bootstrap_servers, metadata)

    assert record.value == b'{"n": 1}'
    assert record.key == PSEUDONYM.encode()
    assert list(record.headers) == headers


@pytest.mark.broker
def test_restart_keeps_the_port_and_loses_every_topic(broker: EmbeddedBroker) -> None:
    """Tansu stores topics in memory: after a restart the relay must re-publish."""
    broker.start()
    produce(broker.bootstrap_servers, "test.lost.v1", b"{}")
    assert "test.lost.v1" in topic_names(broker.bootstrap_servers)
    port, pid = broker.port, broker.pid

    broker.restart()

    assert broker.port == port
    assert broker.pid != pid
    assert "test.lost.v1" not in topic_names(broker.bootstrap_servers)
    # A fresh producer works on the restarted broker; the topic starts again at offset 0.
    assert produce(broker.bootstrap_servers, "test.lost.v1", b"{}").offset == 0


@pytest.mark.broker
def test_refuses_a_port_that_is_taken(tmp_path: Path, held_port: int) -> None:
    with pytest.raises(PortInUseError, match=str(held_port)):
        EmbeddedBroker(schema_dir=None, work_dir=tmp_path, port=held_port).start()


@pytest.mark.broker
def test_start_error_quotes_the_tansu_log(
    tmp_path: Path, held_port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Skip our own port check so Tansu itself meets the taken port and exits.
    monkeypatch.setattr(broker_module, "port_is_free", lambda port: True)
    embedded = EmbeddedBroker(schema_dir=None, work_dir=tmp_path, port=held_port)

    with pytest.raises(PortInUseError, match="AddrInUse") as raised:
        embedded.start()

    assert str(embedded.log_path) in str(raised.value)
    assert not embedded.is_running()


@pytest.mark.broker
def test_a_free_port_taken_meanwhile_is_replaced(
    tmp_path: Path, held_port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    ports = iter([held_port, broker_module.free_loopback_port()])
    monkeypatch.setattr(broker_module, "free_loopback_port", lambda: next(ports))

    with EmbeddedBroker(schema_dir=None, work_dir=tmp_path) as embedded:
        assert embedded.port != held_port
        assert broker_answers(HOST, embedded.port)


def test_missing_binary_names_the_embedded_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(broker_module.importlib.util, "find_spec", lambda name: None)

    with pytest.raises(BrokerBinaryNotFoundError, match=r"keten\[embedded\]"):
        EmbeddedBroker(schema_dir=None, work_dir=tmp_path).start()


# --- the broker enforces the contracts ----------------------------------------------------------


@pytest.mark.broker
@pytest.mark.parametrize("value", [VALID_REGISTERED, VALID_ENDED], ids=["registered", "ended"])
def test_accepts_a_record_that_keeps_its_topic_contract(
    contract_broker: EmbeddedBroker, value: dict[str, Any]
) -> None:
    metadata = produce(contract_broker.bootstrap_servers, SIGNALS_TOPIC, as_json(value))

    assert fetch(contract_broker.bootstrap_servers, metadata).value == as_json(value)


@pytest.mark.broker
@pytest.mark.parametrize(
    "value",
    [
        {**VALID_REGISTERED, "youth": "999999999"},  # a BSN where the pseudonym goes ($ref)
        {key: v for key, v in VALID_REGISTERED.items() if key != "registered_at"},
        {**VALID_REGISTERED, "reason": "free text"},  # additionalProperties: false
        {**VALID_ENDED, "reason_code": "because"},  # enum
        {"signal_id": 1, "reason_code": "expired"},  # type
        {"something": "else"},  # matches no event of the topic
    ],
    ids=["pattern-via-ref", "missing-field", "extra-field", "enum", "type", "no-event"],
)
def test_refuses_a_record_that_breaks_its_topic_contract(
    contract_broker: EmbeddedBroker, value: dict[str, Any]
) -> None:
    with pytest.raises(InvalidRecordError) as refused:
        produce(contract_broker.bootstrap_servers, SIGNALS_TOPIC, as_json(value))

    assert refused.value.errno == 87


@pytest.mark.broker
def test_non_json_is_refused_on_a_topic_with_a_schema(contract_broker: EmbeddedBroker) -> None:
    with pytest.raises(InvalidRecordError):
        produce(contract_broker.bootstrap_servers, SIGNALS_TOPIC, b"not json")


@pytest.mark.broker
def test_non_json_is_accepted_on_a_topic_without_a_schema(
    contract_broker: EmbeddedBroker,
) -> None:
    metadata = produce(contract_broker.bootstrap_servers, FREE_TOPIC, b"not json")

    assert fetch(contract_broker.bootstrap_servers, metadata).value == b"not json"


@pytest.mark.broker
def test_format_is_not_enforced_by_the_broker(contract_broker: EmbeddedBroker) -> None:
    """`format` is an annotation for Tansu: contracts that must hold use `pattern` too."""
    value = {**VALID_REGISTERED, "registered_at": "not a time"}

    assert produce(contract_broker.bootstrap_servers, SIGNALS_TOPIC, as_json(value)).offset >= 0


@pytest.mark.broker
def test_a_refused_record_poisons_an_idempotent_producer(contract_broker: EmbeddedBroker) -> None:
    """Why the relay rebuilds its producer after a send error (and tests use one per send)."""
    producer = new_producer(contract_broker.bootstrap_servers)
    try:
        producer.send(SIGNALS_TOPIC, as_json(VALID_ENDED)).get(timeout=SEND_TIMEOUT)
        with pytest.raises(InvalidRecordError):
            producer.send(SIGNALS_TOPIC, b"not json").get(timeout=SEND_TIMEOUT)
        with pytest.raises(InvalidRecordError):
            producer.send(SIGNALS_TOPIC, as_json(VALID_ENDED)).get(timeout=SEND_TIMEOUT)
    finally:
        producer.close(timeout=5)

    assert produce(contract_broker.bootstrap_servers, SIGNALS_TOPIC, as_json(VALID_ENDED))


@pytest.mark.broker
def test_shared_fixture_enforces_the_repo_schemas(embedded_broker: EmbeddedBroker) -> None:
    topics = {event.topic for event in load_event_schemas(REPO_EVENT_SCHEMAS)}

    assert embedded_broker.schema_dir is not None
    assert {path.stem for path in embedded_broker.schema_dir.glob("*.json")} == topics
    assert broker_answers(HOST, embedded_broker.port)


# --- building the registry (no broker) ----------------------------------------------------------


def test_build_registry_writes_one_any_of_per_topic(tmp_path: Path) -> None:
    other = {**SIGNAL_ENDED, "x-topic": "test.matches.v1", "x-ce-type": "test.MatchFound"}
    events = write_events(
        tmp_path / "events",
        {"a.json": SIGNAL_REGISTERED, "b.json": SIGNAL_ENDED, "c.json": other},
    )

    written = build_registry(events, tmp_path / "registry")

    assert written == {
        SIGNALS_TOPIC: tmp_path / "registry" / f"{SIGNALS_TOPIC}.json",
        "test.matches.v1": tmp_path / "registry" / "test.matches.v1.json",
    }
    topic = json.loads(written[SIGNALS_TOPIC].read_text())
    branches = topic["properties"]["value"]["anyOf"]
    assert len(branches) == 2
    dumped = json.dumps(branches)
    for gone in ("x-topic", "x-ce-type", "$schema", "$id", "$defs", "$ref"):
        assert gone not in dumped
    # Branches are sorted by ce type: SignalEnded, then SignalRegistered.
    assert branches[1]["properties"]["youth"] == {"type": "string", "pattern": "^[0-9a-f]{64}$"}


def test_built_schema_means_what_the_event_schemas_mean(tmp_path: Path) -> None:
    events = write_events(tmp_path / "events", {"a.json": SIGNAL_REGISTERED, "b.json": SIGNAL_ENDED})
    written = build_registry(events, tmp_path / "registry")
    value_schema = json.loads(written[SIGNALS_TOPIC].read_text())["properties"]["value"]
    validator = Draft202012Validator(value_schema)

    assert validator.is_valid(VALID_REGISTERED)
    assert validator.is_valid(VALID_ENDED)
    assert not validator.is_valid({**VALID_REGISTERED, "youth": "999999999"})
    assert not validator.is_valid({**VALID_ENDED, "extra": 1})


def test_ref_with_siblings_keeps_both(tmp_path: Path) -> None:
    schema = {
        **SIGNAL_ENDED,
        "properties": {"code": {"$ref": "#/$defs/code", "maxLength": 3}},
        "$defs": {"code": {"type": "string", "pattern": "^[a-z]+$"}},
    }
    events = write_events(tmp_path / "events", {"a.json": schema})
    written = build_registry(events, tmp_path / "registry")
    branch = json.loads(written[SIGNALS_TOPIC].read_text())["properties"]["value"]["anyOf"][0]

    assert branch["properties"]["code"] == {
        "allOf": [{"type": "string", "pattern": "^[a-z]+$"}, {"maxLength": 3}]
    }


def test_build_registry_removes_topics_that_are_gone(tmp_path: Path) -> None:
    registry = tmp_path / "registry"
    registry.mkdir()
    (registry / "test.old.v1.json").write_text("{}")
    events = write_events(tmp_path / "events", {"a.json": SIGNAL_ENDED})

    build_registry(events, registry)

    assert sorted(path.name for path in registry.iterdir()) == [f"{SIGNALS_TOPIC}.json"]


@pytest.mark.parametrize(
    ("schema", "message"),
    [
        ({**SIGNAL_ENDED, "x-topic": None}, "x-topic"),
        ({**SIGNAL_ENDED, "x-ce-type": ""}, "x-ce-type"),
        ({**SIGNAL_ENDED, "x-topic": "../escape"}, "not a Kafka topic name"),
        ({**SIGNAL_ENDED, "type": "thing"}, "not a valid JSON Schema"),
        ({**SIGNAL_ENDED, "properties": {"a": {"$ref": "other.json#/x"}}}, "only local"),
        ({**SIGNAL_ENDED, "properties": {"a": {"$ref": "#/$defs/nope"}}}, "points to nothing"),
        (
            {
                **SIGNAL_ENDED,
                "properties": {"tree": {"$ref": "#/$defs/node"}},
                "$defs": {"node": {"properties": {"child": {"$ref": "#/$defs/node"}}}},
            },
            "recursive",
        ),
    ],
    ids=["no-topic", "no-type", "bad-topic", "invalid", "remote-ref", "dangling-ref", "cycle"],
)
def test_build_registry_refuses_a_bad_event_schema(
    tmp_path: Path, schema: dict[str, Any], message: str
) -> None:
    events = write_events(tmp_path / "events", {"bad.json": schema})

    with pytest.raises(RegistryBuildError, match=message):
        build_registry(events, tmp_path / "registry")


def test_build_registry_refuses_a_ce_type_declared_twice(tmp_path: Path) -> None:
    events = write_events(tmp_path / "events", {"a.json": SIGNAL_ENDED, "b.json": SIGNAL_ENDED})

    with pytest.raises(RegistryBuildError, match=r"already declared by a\.json"):
        build_registry(events, tmp_path / "registry")

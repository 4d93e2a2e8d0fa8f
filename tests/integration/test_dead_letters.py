"""Consumers never stall on one record, against the real broker and both stores.

- a record a view cannot apply is tried a few times, then lands on keten.deadletter.v1 (with
  its consumer, topic, partition, offset, ce_* headers, key, error type and the record itself)
  and in the view's own store; the view goes on with other keys, holds the poisoned key's later
  records, and a replay applies them all, in order, once the cause is fixed;
- a record that does not decode is a dead letter at once, without retries;
- a record of a source that is not keten's is ignored and counted.
"""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from kafka import KafkaProducer
from tests.integration.platform_kit import (
    Organisation,
    Store,
    eventually,
    headers_of,
    new_bsns,
    read_topic,
    received,
    register_organisation,
    register_professional,
    relay_of,
    signal,
)

from domain.multisignaal.signal import WithdrawalReason
from kernel.cloudevents import ReceivedEvent
from kernel.contracts import DEADLETTER_TOPIC, SIGNALS_TOPIC
from kernel.deadletters import DEAD, HELD, letter
from kernel.metrics import FOREIGN_RECORDS
from kernel.sqlstore import Cursor
from keten.bootstrap import Platform
from keten.broker import EmbeddedBroker
from keten.cli import main
from keten.consumers import Consumers
from keten.replay import replay
from projections.signals import MySignalsView


class Poisoned(MySignalsView):
    """The signals view with a bug for one young person, until it is fixed."""

    broken, subject = True, ""

    def apply(self, cursor: Cursor, event: ReceivedEvent) -> None:
        if self.broken and event.key == self.subject:
            raise RuntimeError("a bug for this young person")
        super().apply(cursor, event)


def held_types(view: MySignalsView) -> set[str]:
    return {
        str(x.record.header("ce_type")).rsplit(".", 1)[-1] for x in view.open_letters() if x.state == HELD
    }


def registrations(records: list[Any]) -> list[Any]:
    return [r for r in records if headers_of(r)["ce_type"].endswith("SignalRegistered")]


def statuses(platform: Platform, school: Organisation) -> dict[str, str]:
    return {row.id: row.status for row in platform.my_signals.of(str(school.professionals[0]))}


def publish(platform: Platform, servers: str) -> None:
    relay = relay_of(platform, servers, "multisignaal")
    try:
        relay.ensure_topics()
        relay.publish_pending()
    finally:
        relay.close()


async def running(consumers: Consumers, check: Any, what: str) -> None:
    await consumers.start()
    try:
        await eventually(check, what=what)
    finally:
        await consumers.stop()


async def test_a_poison_record_is_dead_lettered_the_rest_goes_on_and_a_replay_applies_it(
    store: Store, fresh_broker: EmbeddedBroker
) -> None:
    servers, platform = fresh_broker.bootstrap_servers, store.bootstrap()
    school = register_organisation(platform, "Het Baken")
    register_professional(platform, school, "Mentor Ans", "ans@hetbaken.example")
    poisoned_bsn, other_bsn = new_bsns(2)
    poisoned = signal(platform, poisoned_bsn, school, school.professionals[0])
    publish(platform, servers)
    subject = platform.services.pseudonymiser.subject(poisoned_bsn)
    view = Poisoned(platform.my_signals.db, platform.keystore)
    view.subject = subject
    consumers = Consumers(servers, platform.settings.topic_partitions, [view], platform.sources())
    consumers.delivery.backoff_seconds = 0.01

    other = signal(platform, other_bsn, school, school.professionals[0])
    platform.multisignaal.withdraw_signal(poisoned, school.professionals[0], WithdrawalReason.RISK_GONE)
    publish(platform, servers)
    await running(
        consumers,
        lambda: held_types(view) >= {"SignalWithdrawn"} and str(other) in statuses(platform, school),
        "the poisoned signal dead, its withdrawal held, the other signal applied",
    )

    [letter] = [json.loads(r.value) for r in read_topic(servers, DEADLETTER_TOPIC)]
    [record] = [r for r in read_topic(servers, SIGNALS_TOPIC) if r.key == subject.encode()][:1]
    assert {k: letter[k] for k in ("consumer", "sourceTopic", "partition", "offset", "key", "errorType")} == {
        "consumer": "my_signals", "sourceTopic": SIGNALS_TOPIC, "partition": record.partition,
        "offset": record.offset, "key": subject, "errorType": "RuntimeError",
    }  # fmt: skip
    assert (letter["ceSequence"], letter["attempts"]) == (int(headers_of(record)["ce_sequence"]), 3)
    assert base64.b64decode(letter["value"]) == record.value
    assert "a bug" not in json.dumps(letter)  # the type, never the message
    states = [x.state for x in view.open_letters()]
    assert states[0] == DEAD and set(states[1:]) == {HELD}  # the withdrawal, and whom to inform
    assert str(poisoned) not in statuses(platform, school)

    view.broken = False  # the cause is fixed
    result = replay([view])

    assert (result.applied, result.failed) == (len(states), [])
    assert statuses(platform, school) == {str(poisoned): "WITHDRAWN", str(other): "ACTIVE"}
    assert view.open_letters() == []


def copy_of(servers: str, record: Any, headers: dict[str, bytes | None]) -> None:
    """The record written again by someone else, with some headers changed (None: dropped)."""
    changed = {**dict(record.headers), **headers}
    producer = KafkaProducer(bootstrap_servers=servers)
    try:
        kept = [(name, value) for name, value in changed.items() if value is not None]
        producer.send(record.topic, key=record.key, value=record.value, headers=kept).get(timeout=10)
    finally:
        producer.close()


async def test_an_undecodable_record_is_dead_at_once_and_a_foreign_one_is_ignored(
    sqlite_store: Store, fresh_broker: EmbeddedBroker
) -> None:
    servers, platform = fresh_broker.bootstrap_servers, sqlite_store.bootstrap()
    school = register_organisation(platform, "Het Baken")
    register_professional(platform, school, "Mentor Ans", "ans@hetbaken.example")
    signal(platform, new_bsns(1)[0], school, school.professionals[0])
    publish(platform, servers)
    [original] = registrations(read_topic(servers, SIGNALS_TOPIC))
    copy_of(servers, original, {"ce_source": b"/elsewhere", "ce_sequence": b"999"})  # a schema-valid fake
    copy_of(servers, original, {"ce_sequence": None})  # keten's source, no sequence: undecodable
    view = platform.my_signals
    foreign_before = FOREIGN_RECORDS.labels("my_signals")._value.get()
    consumers = Consumers(servers, platform.settings.topic_partitions, [view], platform.sources())

    await running(consumers, view.open_letters, "the undecodable record dead-lettered")

    [dead] = view.open_letters()
    last = max(r.offset for r in read_topic(servers, SIGNALS_TOPIC) if r.partition == original.partition)
    assert (dead.error_type, dead.attempts, dead.offset) == ("KeyError", 1, last)
    assert dead.source == "/keten/multisignaal"
    assert FOREIGN_RECORDS.labels("my_signals")._value.get() == foreign_before + 1
    assert len(view.of(str(school.professionals[0]))) == 1  # the original only
    assert [json.loads(r.value)["offset"] for r in read_topic(servers, DEADLETTER_TOPIC)] == [last]


@pytest.fixture(autouse=True)
def _schemas_of_every_topic(fresh_broker: EmbeddedBroker) -> None:
    """The broker enforces keten.deadletter.v1's contract like every other topic's."""
    assert fresh_broker.schema_dir is not None
    assert (fresh_broker.schema_dir / f"{DEADLETTER_TOPIC}.json").exists()


def test_keten_deadletter_lists_and_replays_from_the_consumers_stores(
    sqlite_store: Store, fresh_broker: EmbeddedBroker, capsys: pytest.CaptureFixture[str]
) -> None:
    servers, platform = fresh_broker.bootstrap_servers, sqlite_store.bootstrap()
    school = register_organisation(platform, "Het Baken")
    register_professional(platform, school, "Mentor Ans", "ans@hetbaken.example")
    registered = signal(platform, new_bsns(1)[0], school, school.professionals[0])
    publish(platform, servers)
    [record] = registrations(read_topic(servers, SIGNALS_TOPIC))
    raw = received(record).record()
    dead = letter("my_signals", record.topic, record.partition, record.offset, raw, "RuntimeError", 3)
    platform.my_signals.dead_letter(dead)
    data_dir = ["--data-dir", str(sqlite_store.data_dir)]

    assert main(["deadletter", "list", *data_dir]) == 0
    listed = capsys.readouterr().out
    assert main(["deadletter", "replay", "--view", "my_signals", *data_dir]) == 0
    replayed = capsys.readouterr().out
    assert main(["deadletter", "list", *data_dir]) == 0

    assert "1 dead or held records" in listed and "RuntimeError" in listed
    assert "1 records replayed" in replayed
    assert capsys.readouterr().out.startswith("0 dead or held records")
    assert str(registered) in statuses(platform, school)

"""Only keten's own records reach a view, over HTTP; what cannot be applied is a dead letter.

Anyone on this machine can write to the embedded broker (it listens on loopback, without
authentication). A schema-valid `MatchFound` from another source — the finding: a local process
made a match appear in a professional's `myMatches` — is now ignored. A record that carries
keten's source but does not decode becomes a dead letter, listed by `keten deadletter list`
from the consumers' own stores, also after the broker lost every topic.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from kafka import KafkaProducer
from tests.e2e.agencies import Agencies, my_matches, signal
from tests.e2e.harness import Keten, wait_until
from tests.e2e.kafka_log import Record

pytestmark = pytest.mark.e2e


def written_by_someone_else(
    keten: Keten, record: Record, data: dict[str, Any], **headers: bytes | None
) -> None:
    """The record written again by another local process, with its data and some headers changed."""
    changed = {**dict(record.headers), **headers}
    producer = KafkaProducer(bootstrap_servers=keten.broker.bootstrap_servers)
    try:
        kept = [(name, value) for name, value in changed.items() if value is not None]
        value = json.dumps(data).encode()
        producer.send(record.topic, key=uuid.uuid4().hex.encode() * 2, value=value, headers=kept).get(10)
    finally:
        producer.close()


def listed(keten: Keten) -> str | None:
    letters = keten.server.cli("deadletter", "list")
    return letters if "KeyError" in letters else None


def test_a_fake_of_another_source_is_ignored_and_a_broken_record_is_a_dead_letter_that_outlives_the_broker(
    keten: Keten, agencies: Agencies
) -> None:
    youth = agencies.youth()
    signal(keten, agencies.mentor, youth)
    signal(keten, agencies.youth_worker, youth)
    found = wait_until(lambda: keten.kafka.records_of_type("MatchFound"), 10.0, "a real match")[-1]
    fake = {**found.data, "matchId": str(uuid.uuid4())}

    written_by_someone_else(keten, found, fake, ce_source=b"/someone/else", ce_sequence=b"999999")
    written_by_someone_else(keten, found, {**fake, "matchId": str(uuid.uuid4())}, ce_sequence=None)

    letters = wait_until(lambda: listed(keten), 15.0, "the broken record in `keten deadletter list`")
    assert "keten.matching.MatchFound" in letters and "matches" in letters
    assert fake["matchId"] not in [match["id"] for match in my_matches(keten, agencies.mentor)]
    assert "consumers ignore records of ce_source '/someone/else'" in keten.server.stderr_text()

    keten.broker.restart()  # every topic lost; the consumers' stores keep their letters

    assert keten.server.cli("deadletter", "list") == letters

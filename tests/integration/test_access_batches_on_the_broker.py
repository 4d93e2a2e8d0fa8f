"""A request's access lines are one stored event; on the real broker they are one record per
line, each with its own ce_id and ce_sequence, and every line reaches the auditor's view — two
lines about one client in one batch too (the consumers dedupe by key and sequence)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from uuid import uuid4

from tests.integration.platform_kit import Store, headers_of, read_topic, received, relay_of

from domain.access.model import Access, AccessKind, Outcome
from kernel.contracts import ACCESS_TOPIC, RECORDS_PER_EVENT
from keten.broker import EmbeddedBroker


def access(client_id: str, kind: AccessKind) -> Access:
    at = datetime.now(UTC)
    return Access(
        kind,
        at,
        client_id,
        str(uuid4()),
        str(uuid4()),
        "-",
        uuid4().hex,
        "signaller.my_matches",
        Outcome.ALLOWED,
    )


def test_a_batch_is_one_record_per_line_on_the_broker_and_every_line_reaches_the_view(
    embedded_broker: EmbeddedBroker, store: Store
) -> None:
    platform = store.bootstrap()
    client, other = str(uuid4()), str(uuid4())  # this test's own keys on the shared broker
    ids = platform.access.record(
        [access(client, AccessKind.READ), access(client, AccessKind.CHANGE), access(other, AccessKind.READ)]
    )
    relay = relay_of(platform, embedded_broker.bootstrap_servers, "access")
    relay.ensure_topics()
    try:
        assert relay.publish_pending() == 3
    finally:
        relay.close()

    records = [
        r
        for r in read_topic(embedded_broker.bootstrap_servers, ACCESS_TOPIC)
        if r.key.decode() in {client, other}
    ]
    headers = [headers_of(r) for r in records]
    [notification] = platform.access.recorder.select_notifications(1, 10)
    assert sorted(json.loads(r.value)["accessId"] for r in records) == sorted(str(i) for i in ids)
    assert sorted(int(h["ce_sequence"]) for h in headers) == [
        notification.id * RECORDS_PER_EVENT + line for line in range(3)
    ]
    assert len({h["ce_id"] for h in headers}) == 3
    for record in records:
        platform.access_log.handle(received(record))
    assert sorted(row.kind for row in platform.access_log.search(client)) == ["CHANGE", "READ"]
    assert [row.kind for row in platform.access_log.search(other)] == ["READ"]
    store.close(platform)

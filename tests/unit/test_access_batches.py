"""The access log stores a request's lines as one event (a batch) and the relay publishes one
record per line, numbered so that every line reaches the views — two lines about one client in
one batch too (two requests stored together)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

import pytest
from tests.unit.access_fixtures import POPO, AccessPipeline

from domain.access.application import AccessLogApplication, fresh_ids, lines_of
from domain.access.model import LINES_PER_BATCH, Access, AccessBatch, AccessKind, AccessRecord, Outcome
from kernel.cloudevents import PublicEvent
from kernel.contracts import RECORDS_PER_EVENT
from relay.access import AccessMapper
from relay.records import ready

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def line(client_id: str, kind: AccessKind = AccessKind.READ) -> Access:
    return Access(kind, NOW, client_id, "user", "organisation", "-", "token", "rule", Outcome.ALLOWED)


def stored(app: AccessLogApplication) -> list[Any]:
    return [app.mapper.to_domain_event(n) for n in app.recorder.select_notifications(1, 10_000)]


def test_a_requests_lines_are_one_stored_event_each_line_with_its_own_id() -> None:
    app = AccessLogApplication(env=POPO)
    accesses = [line(f"client-{n}") for n in range(20)]

    ids = app.record(accesses)

    [event] = stored(app)
    assert [(str(i), a) for i, a in lines_of(event)] == [
        (str(i), a) for i, a in zip(ids, accesses, strict=True)
    ]
    assert len(set(ids)) == 20


def test_more_lines_than_a_batch_holds_are_several_batches_in_one_save() -> None:
    app = AccessLogApplication(env=POPO)

    ids = app.record([line(f"client-{n}") for n in range(LINES_PER_BATCH + 3)])

    events = stored(app)
    assert [len(lines_of(event)) for event in events] == [LINES_PER_BATCH, 3]
    assert [i for event in events for i, _ in lines_of(event)] == ids


def test_line_and_batch_ids_are_distinct_random_version_4_uuids() -> None:
    app = AccessLogApplication(env=POPO)

    line_ids = app.record([line(f"client-{n}") for n in range(LINES_PER_BATCH + 3)])

    batch_ids = [event.originator_id for event in stored(app)]
    ids = [*line_ids, *batch_ids]
    assert len(set(ids)) == len(ids) == LINES_PER_BATCH + 5
    assert {(i.version, i.variant) for i in ids} == {(4, "specified in RFC 4122")}
    assert fresh_ids(0) == []
    assert len({i.int >> 64 for i in fresh_ids(1000)}) == 1000  # no two share even their first half


def test_a_batch_needs_lines_each_with_an_id_and_no_more_than_it_holds() -> None:
    with pytest.raises(ValueError):
        AccessBatch(id=uuid4(), line_ids=[], lines=[])
    with pytest.raises(ValueError):
        AccessBatch(id=uuid4(), line_ids=[uuid4()], lines=[line("a"), line("b")])
    many = [line("a")] * (LINES_PER_BATCH + 1)
    with pytest.raises(ValueError):
        AccessBatch(id=uuid4(), line_ids=[uuid4() for _ in many], lines=many)
    assert LINES_PER_BATCH <= RECORDS_PER_EVENT  # the relay can number every line of a batch


def test_the_relay_numbers_a_batchs_records_and_keeps_a_single_records_number() -> None:
    app = AccessLogApplication(env=POPO)
    app.save(AccessRecord(id=uuid4(), access=line("stored-before-batches")))  # history stays
    app.record([line("client-1"), line("client-2")])
    mapper = AccessMapper(lambda key, text: "sealed")

    single, first, second = ready(app, mapper, None, app.recorder.select_notifications(1, 10))

    assert (single.sequence, single.event_id.count(":")) == (1, 1)
    assert [first.sequence, second.sequence] == [2 * RECORDS_PER_EVENT, 2 * RECORDS_PER_EVENT + 1]
    assert [first.event_id.rsplit(":", 1)[1], second.event_id.rsplit(":", 1)[1]] == ["0", "1"]
    assert [r.public.data["clientId"] for r in (single, first, second) if r.public] == [
        "stored-before-batches",
        "client-1",
        "client-2",
    ]


def test_two_lines_about_one_client_in_one_batch_both_reach_the_view() -> None:
    pipeline = AccessPipeline()

    pipeline.record([line("case-1"), line("case-1", AccessKind.CHANGE), line("case-2")])

    assert sorted(row.kind for row in pipeline.view.search("case-1")) == ["CHANGE", "READ"]
    assert len(pipeline.view.search()) == 3


def test_an_event_mapped_to_more_records_than_can_be_numbered_is_that_events_fault() -> None:
    app = AccessLogApplication(env=POPO)
    app.record([line("client")])
    public = PublicEvent("topic", "type", "key", "subject", {}, NOW)

    [item] = ready(
        app, lambda event: [public] * (RECORDS_PER_EVENT + 1), None, app.recorder.select_notifications(1, 1)
    )

    assert item.public is None and item.fault is not None and item.fault.error_type == "TooManyRecords"

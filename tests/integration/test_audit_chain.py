"""The hash chain of the case streams: recorded as the relay publishes, carried on every
keten.cases.v1 record, and recomputed by `keten audit verify`, which finds one altered byte."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from uuid import UUID

import pytest
from tests.integration.platform_kit import Store, read_topic, relay_of
from tests.unit.cases.casework import melding_form

from domain.cases.terugkoppeling import Moment
from domain.cases.triage import TriageDecision
from kernel.contracts import CASES_TOPIC
from keten.bootstrap import Platform, open_database
from keten.broker import EmbeddedBroker
from keten.cli import main
from keten.parallel_verify import verify_all as verify_in_processes
from relay.chain import CaseChain
from relay.verify import Verification, Verifier

EVENTS_PER_CASE = 4


def lifecycle(platform: Platform) -> UUID:
    """Received, Triaged, TerugkoppelingSent, Closed."""
    app = platform.cases
    case_id = app.receive_melding(melding_form())
    app.triage(case_id, False, False, TriageDecision.CLOSE, None)
    app.send_terugkoppeling(case_id, Moment.AFTER_TRIAGE, False)
    app.close_case(case_id, "geen zorgen over onveiligheid")
    return case_id


@pytest.fixture
def published(store: Store, embedded_broker: EmbeddedBroker) -> tuple[Platform, list[UUID]]:
    """Three closed cases, published by the relay to the broker (which enforces the schemas)."""
    platform = store.bootstrap()
    case_ids = [lifecycle(platform) for _ in range(3)]
    relay = relay_of(platform, embedded_broker.bootstrap_servers, "cases")
    relay.publish_pending()
    relay.close()
    return platform, case_ids


def verify_all(platform: Platform) -> Verification:
    chain = CaseChain(open_database(platform.settings, "relay"))
    return Verifier(platform.cases.recorder, chain, page_size=5).all()


def flip_one_byte(store: Store, case_id: UUID, version: int) -> None:
    """Changes one byte of one stored event's state, in the database itself."""
    if store.kind == "sqlite":
        where = "originator_id = ? AND originator_version = ?"
        with closing(sqlite3.connect(store.data_dir / "cases.db")) as conn:
            (state,) = conn.execute(
                f"SELECT state FROM stored_events WHERE {where}", (case_id.hex, version)
            ).fetchone()
            changed = conn.execute(
                f"UPDATE stored_events SET state = ? WHERE {where}", (flipped(state), case_id.hex, version)
            )
            assert changed.rowcount == 1
            conn.commit()
        return
    import psycopg

    assert store.dsn is not None
    table = f'"{store.schema}".cases_events'
    with psycopg.connect(store.dsn) as conn:
        where = "originator_id = %s AND originator_version = %s"
        (state,) = conn.execute(f"SELECT state FROM {table} WHERE {where}", (case_id, version)).fetchone()
        changed = conn.execute(
            f"UPDATE {table} SET state = %s WHERE {where}", (flipped(state), case_id, version)
        )
        assert changed.rowcount == 1


def flipped(state: bytes) -> bytes:
    raw = bytearray(state)
    raw[len(raw) // 2] ^= 0x01
    return bytes(raw)


def test_every_case_record_carries_the_recorded_head_of_its_stream(
    published: tuple[Platform, list[UUID]], embedded_broker: EmbeddedBroker
) -> None:
    platform, case_ids = published
    chain = CaseChain(open_database(platform.settings, "relay"))
    records = [json.loads(r.value) for r in read_topic(embedded_broker.bootstrap_servers, CASES_TOPIC)]

    for case_id in case_ids:
        carried = {r["version"]: r["chainHead"] for r in records if r.get("caseId") == str(case_id)}
        assert carried == chain.of_stream(str(case_id))
        assert len(carried) == EVENTS_PER_CASE


def test_untouched_data_verifies(published: tuple[Platform, list[UUID]]) -> None:
    platform, _ = published

    result = verify_all(platform)

    assert (result.broken, result.checked, result.pending) == (None, 3 * EVENTS_PER_CASE, 0)
    assert main(["audit", "verify", "--all", "--data-dir", str(platform.settings.data_dir)]) == 0


def test_one_altered_byte_breaks_the_chain_at_exactly_that_event(
    published: tuple[Platform, list[UUID]], store: Store
) -> None:
    platform, case_ids = published
    recorded = CaseChain(open_database(platform.settings, "relay")).of_stream(str(case_ids[1]))

    flip_one_byte(store, case_ids[1], 2)

    broken = verify_all(platform).broken
    assert broken is not None
    assert (broken.stream, broken.version, broken.event_type) == (str(case_ids[1]), 2, "Case.Triaged")
    assert broken.expected == recorded[2] and broken.found not in (None, recorded[2])
    verifier = Verifier(platform.cases.recorder, CaseChain(open_database(platform.settings, "relay")))
    assert verifier.stream(case_ids[1]).broken == broken
    assert verifier.stream(case_ids[0]).broken is None
    data_dir = str(platform.settings.data_dir)
    assert main(["audit", "verify", "--all", "--data-dir", data_dir]) == 1
    assert main(["audit", "verify", "--case", str(case_ids[2]), "--data-dir", data_dir]) == 0


def test_events_not_published_yet_are_pending_not_broken(published: tuple[Platform, list[UUID]]) -> None:
    platform, _ = published
    lifecycle(platform)

    result = verify_all(platform)

    assert (result.broken, result.pending) == (None, EVENTS_PER_CASE)


def test_two_processes_verify_what_one_walk_verifies_and_break_at_the_same_event(
    published: tuple[Platform, list[UUID]], store: Store
) -> None:
    platform, case_ids = published
    total = 3 * EVENTS_PER_CASE
    clean = verify_in_processes(platform.settings, total, workers=2, page_size=5)
    assert (clean.broken, clean.checked, clean.pending) == (None, total, 0)

    flip_one_byte(store, case_ids[2], 3)  # in the second process's span

    broken = verify_in_processes(platform.settings, total, workers=2, page_size=5)
    assert broken == verify_all(platform) and broken.broken is not None
    assert (broken.broken.stream, broken.broken.version) == (str(case_ids[2]), 3)
    data_dir = str(platform.settings.data_dir)
    assert main(["audit", "verify", "--all", "--workers", "2", "--data-dir", data_dir]) == 1
    with pytest.raises(SystemExit, match="--workers must be at least 1"):
        main(["audit", "verify", "--all", "--workers", "0", "--data-dir", data_dir])

"""Nothing stalls on one record, over HTTP: a case record the broker refuses is parked, that
case waits, later cases go on, and `keten relay retry` publishes it once the cause is fixed.

The broker here refuses one event type (its registry lacks `keten.cases.Triaged`), a cause
that stays possible whatever keten itself accepts: the contract on the broker and keten's own
may differ. Fixing the registry is fixing the cause.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.e2e.cases_session import Member, case_when, organisation, step
from tests.e2e.harness import Keten, wait_until

from kernel.contracts import CASES_TOPIC
from keten.schema_registry import build_registry, load_event_schemas, topic_schema

pytestmark = pytest.mark.e2e

EVENT_SCHEMAS = Path(__file__).resolve().parents[2] / "schemas" / "events"
RECEIVE = "mutation ($input: MeldingInput!) { receiveMelding(input: $input) { caseId } }"
TRIAGE = "mutation ($id: ID!, $input: TriageInput!) { triage(caseId: $id, input: $input) }"
ONDERZOEK = {"acuteUnsafety": False, "structuralUnsafety": True, "decision": "ONDERZOEK"}


@pytest.fixture
def refusing_triage(keten: Keten) -> Iterator[None]:
    """The broker refuses every triage until the test ends (or fixes it itself)."""
    registry = keten.broker.schema_dir
    assert registry is not None
    kept = [e for e in load_event_schemas(EVENT_SCHEMAS) if e.topic == CASES_TOPIC]
    kept = [e for e in kept if e.ce_type != "keten.cases.Triaged"]
    (registry / f"{CASES_TOPIC}.json").write_text(json.dumps(topic_schema(kept)))
    try:
        yield
    finally:
        build_registry(EVENT_SCHEMAS, registry)


def melding(vt: Member, child: str) -> dict[str, object]:
    return {
        "veiligThuisId": vt.organisation_id,
        "betrokkenen": [{"role": "CHILD", "name": child, "birthDate": "2015-06-01"}],
        "concerns": "komt vaak te laat en hongerig op school",
        "concernKinds": ["NEGLECT"],
        "familyInformed": True,
    }


def test_a_case_record_the_broker_refuses_is_parked_other_cases_go_on_and_a_retry_publishes_it(
    keten: Keten, refusing_triage: None
) -> None:
    [vt] = organisation(keten, "VEILIG_THUIS", "VEILIG_THUIS", "VT_MEDEWERKER")
    [mentor] = organisation(keten, "ONDERWIJS", "SCHOOL", "SIGNALLER")
    stuck = step(keten, mentor, RECEIVE, input=melding(vt, "Lotte Visser"))["caseId"]
    case_when(keten, vt, stuck, "the first melding reaches Veilig Thuis", phase="TRIAGE")

    step(keten, vt, TRIAGE, id=stuck, input=ONDERZOEK)
    status = wait_until(lambda: parked(keten), timeout=20.0, what="the refused triage parked")
    later = step(keten, mentor, RECEIVE, input=melding(vt, "Daan Visser"))["caseId"]

    case_when(keten, vt, later, "a later case goes on", phase="TRIAGE")
    assert "InvalidRecordError" in status and f"key {stuck}" in status
    assert "HELD" in keten.server.cli("relay", "status")  # OnderzoekStarted waits behind Triaged
    assert "parked notification" in keten.server.stderr_text()
    case_when(keten, vt, stuck, "the parked case stays where the view last saw it", phase="TRIAGE")

    build_registry(EVENT_SCHEMAS, keten.broker.schema_dir)  # the cause is fixed
    retried = keten.server.cli("relay", "retry", "--app", "cases")

    assert "1 parked records asked to be tried again" in retried
    assert "PARKED" not in retried and "HELD" not in retried, retried
    case_when(keten, vt, stuck, "the retried triage reaches the view", phase="ONDERZOEK")


def parked(keten: Keten) -> str | None:
    status = keten.server.cli("relay", "status")
    return status if "PARKED" in status else None

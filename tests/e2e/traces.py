"""Proof that a refused call left no trace: no stored event, no data key, no record on Kafka."""

from __future__ import annotations

from typing import Any

from tests.e2e.agencies import REGISTER_SIGNAL, Professional, Youth, my_signals, signal
from tests.e2e.cases_session import Member
from tests.e2e.harness import Keten, error_code, wait_until


def count_rows(keten: Keten, database: str, table: str) -> int:
    """Rows in one of keten's tables (SQLite file or PostgreSQL schema); stores are written
    before a mutation answers."""
    return keten.store.count(database, table)


def stored_signal_events(keten: Keten) -> int:
    return count_rows(keten, "multisignaal.db", "stored_events")


def assert_refused_without_trace(
    keten: Keten, caller: Professional, input_: dict[str, str], code: str, witness: Professional
) -> None:
    stored = stored_signal_events(keten)
    offsets = keten.kafka.end_offsets()
    signals_before = my_signals(keten, caller)

    assert error_code(keten.gql(caller.token, REGISTER_SIGNAL, input=input_)) == code
    assert stored_signal_events(keten) == stored

    # Publishing is asynchronous, but the relay follows one ordered log: a witness signal
    # registered now reaches Kafka after anything the refused call could have caused.
    witness_signal = signal(keten, witness, Youth.random(witness.organisation.municipality_code))
    wait_until(lambda: witness_signal in my_signals(keten, witness), 5.0, "the witness signal")
    records = keten.kafka.records(since=offsets)
    published = [(r.type, r.data.get("signalId")) for r in records if r.topic != "keten.access.v1"]
    # The witness's registration and whom it asks to inform: nothing of the refused call.
    assert published == [("SignalRegistered", witness_signal), ("InformingDue", witness_signal)]
    # The access log holds the witness's registration, and nothing of the refused call.
    accessed = [r.data["userId"] for r in records if r.topic == "keten.access.v1"]
    assert str(caller.id) not in accessed
    assert my_signals(keten, caller) == signals_before


RECEIVE_MELDING = "mutation ($input: MeldingInput!) { receiveMelding(input: $input) { caseId signalIds } }"


def assert_melding_refused_without_trace(
    keten: Keten, melder: Member, input_: dict[str, Any], code: str, witness: Member
) -> None:
    """Refused: no case event, no data key, no record on Kafka, no access line of the melder."""
    stored, keys = count_rows(keten, "cases.db", "stored_events"), count_rows(keten, "keys.db", "data_keys")
    offsets = keten.kafka.end_offsets()

    assert error_code(keten.gql(melder.token, RECEIVE_MELDING, input=input_)) == code
    assert count_rows(keten, "cases.db", "stored_events") == stored
    assert count_rows(keten, "keys.db", "data_keys") == keys

    # The relay follows one ordered log: the witness's melding reaches Kafka after anything
    # the refused call could have caused.
    witness_case = keten.data(witness.token, RECEIVE_MELDING, input=melding(witness.organisation_id))
    case_id = witness_case["receiveMelding"]["caseId"]
    on_cases = lambda: [r for r in keten.kafka.records(since=offsets) if r.topic == "keten.cases.v1"]  # noqa: E731
    wait_until(lambda: any(r.data.get("caseId") == case_id for r in on_cases()), 10.0, "the witness melding")
    assert {r.data.get("caseId") for r in on_cases()} == {case_id}
    accessed = [r.data["userId"] for r in keten.kafka.records(since=offsets) if r.topic == "keten.access.v1"]
    assert melder.id not in accessed


def melding(veilig_thuis_id: str, **changes: Any) -> dict[str, Any]:
    """A valid meldformulier as GraphQL input; `changes` replace its fields."""
    child = {"role": "CHILD", "name": "Noor Bakker", "birthDate": "2016-02-29"}
    return {
        "veiligThuisId": veilig_thuis_id,
        "betrokkenen": [child],
        "concerns": "blauwe plekken, zegt thuis geslagen te worden",
        "concernKinds": ["PHYSICAL_ABUSE"],
        "familyInformed": True,
    } | changes

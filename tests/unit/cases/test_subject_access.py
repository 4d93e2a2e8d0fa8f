"""Subject access: a person's own part of the file, none of another betrokkene's data."""

from __future__ import annotations

import json
from uuid import UUID, uuid4

import pytest
from tests.unit.cases.casework import FakeSealer, Steps
from tests.unit.cases.test_privacy import person_id, run_a_whole_case

from domain.cases.application import CasesApplication
from domain.cases.erasure import ErasureGround, PersonNotInCase
from domain.cases.intake import BetrokkeneRole
from domain.cases.replay import Open
from domain.cases.sealing import Sealed
from domain.cases.subject_access import subject_access
from keten.keystore import ERASED


def opener(sealer: FakeSealer, shredded: frozenset[UUID] = frozenset()) -> Open:
    def open_(key_id: UUID, sealed: Sealed) -> str:
        return ERASED if key_id in shredded else sealer.open(str(key_id), sealed)

    return open_


def test_the_export_holds_the_persons_own_data_and_none_of_another_betrokkene(
    app: CasesApplication, steps: Steps, sealer: FakeSealer
) -> None:
    case_id = run_a_whole_case(app, steps)
    sanne = person_id(steps, case_id, BetrokkeneRole.CHILD)

    export = subject_access(app.events.get(case_id), sanne, opener(sealer))

    assert export["person"] == {
        "role": "CHILD",
        "name": "Sanne Jansen",
        "birthDate": "2015-05-01",
        "bsn": "111222333",
    }
    assert [h["account"] for h in export["hearings"]] == ["Sanne vertelt over de ruzies thuis"]
    assert export["statements"] == []
    assert [s["eventType"] for s in export["steps"]] == ["Case.Received", "Case.PersonHeard"]
    text = json.dumps(export)
    for third_party in ("Mark Jansen", "Ik ben het niet eens", "Buurvrouw Els", "blauwe plekken"):
        assert third_party not in text


def test_a_parent_gets_their_own_statement_and_an_erased_person_reads_erased(
    app: CasesApplication, steps: Steps, sealer: FakeSealer
) -> None:
    case_id = run_a_whole_case(app, steps)
    mark = person_id(steps, case_id, BetrokkeneRole.PARENT)
    app.request_erasure(case_id, mark, ErasureGround.REQUEST)

    export = subject_access(app.events.get(case_id), mark, opener(sealer, frozenset({mark})))

    assert (export["person"]["name"], export["person"]["birthDate"]) == (ERASED, ERASED)
    assert [s["text"] for s in export["statements"]] == [ERASED]
    assert export["erasureRequest"]["ground"] == "REQUEST"
    assert "Case.ErasureRequested" in {s["eventType"] for s in export["steps"]}


def test_a_stranger_to_the_case_gets_no_export(
    app: CasesApplication, steps: Steps, sealer: FakeSealer
) -> None:
    case_id = steps.melding()

    with pytest.raises(PersonNotInCase):
        subject_access(app.events.get(case_id), uuid4(), opener(sealer))

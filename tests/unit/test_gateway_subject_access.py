"""subjectAccessExport through the gateway: Veilig Thuis answers, the read is logged as EXPORT."""

from __future__ import annotations

import json
from uuid import UUID

from tests.unit.cases_fixtures import CasesGateway, Organisation
from tests.unit.test_gateway_cases import code, recorded_melding

from domain.cases.case import Case

EXPORT = "query ($caseId: ID!, $personId: ID!) { subjectAccessExport(caseId: $caseId, personId: $personId) }"


def the_child(gw: CasesGateway, case_id: str) -> UUID:
    case = gw.pipeline.app.repository.get(UUID(case_id))
    assert isinstance(case, Case)
    return next(person for person, b in case.betrokkenen.items() if b.is_child)


async def test_veilig_thuis_exports_one_persons_data_and_the_read_is_logged_as_export(
    gw: CasesGateway, vt: Organisation, school: Organisation
) -> None:
    case_id, _ = await recorded_melding(gw, vt, school)
    child = the_child(gw, case_id)

    text = (await gw.data(vt.token, EXPORT, caseId=case_id, personId=str(child)))["subjectAccessExport"]

    export = json.loads(text)
    assert (export["personId"], export["person"]["name"]) == (str(child), "Sanne Jansen")
    assert "Mark Jansen" not in text
    lines = gw.gateway.access.view.search(client_id=case_id)
    assert [(line.kind, line.rule) for line in lines if line.kind == "EXPORT"] == [
        ("EXPORT", "vt_medewerker.subject_access_export")
    ]


async def test_a_shredded_person_exports_erased(
    gw: CasesGateway, vt: Organisation, school: Organisation
) -> None:
    case_id, _ = await recorded_melding(gw, vt, school)
    child = the_child(gw, case_id)
    gw.pipeline.keystore.destroy(str(child), "2026-12-01")

    text = (await gw.data(vt.token, EXPORT, caseId=case_id, personId=str(child)))["subjectAccessExport"]

    assert json.loads(text)["person"] | {"role": "CHILD"} == {
        "role": "CHILD",
        "name": "[erased]",
        "birthDate": "[erased]",
        "bsn": "[erased]",
    }


async def test_another_role_is_refused_and_the_attempt_logged(
    gw: CasesGateway, vt: Organisation, school: Organisation
) -> None:
    case_id, _ = await recorded_melding(gw, vt, school)
    child = str(the_child(gw, case_id))

    assert code(await gw.run(school.token, EXPORT, caseId=case_id, personId=child)) == "FORBIDDEN"
    lines = gw.gateway.access.view.search(client_id=case_id)
    assert ("DENIED", "vt_medewerker.subject_access_export") in {(line.kind, line.rule) for line in lines}

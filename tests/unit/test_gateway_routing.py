"""A melding without a chosen Veilig Thuis goes to the Veilig Thuis of the family's gemeente's region."""

from __future__ import annotations

from typing import Any

import pytest
from tests.unit.cases_fixtures import CasesGateway, Organisation
from tests.unit.test_gateway_cases import CASE, RECEIVE, code, melding

from domain.identity.model import Role, Sector


def vt_in(gw: CasesGateway, name: str, municipality: str) -> Organisation:
    return gw.organisation(name, Sector.VEILIG_THUIS, (Role.VT_MEDEWERKER,), municipality=municipality)


def unrouted(gw: CasesGateway, municipality: str | None, vt: Organisation) -> dict[str, Any]:
    form = melding(vt, municipalityCode=municipality)
    del form["veiligThuisId"]
    return form


async def test_a_melding_without_a_chosen_veilig_thuis_reaches_the_one_of_the_familys_region(
    gw: CasesGateway,
) -> None:
    groningen, tilburg = (
        vt_in(gw, "Veilig Thuis Groningen", "GM0014"),
        vt_in(gw, "Veilig Thuis Midden-Brabant", "GM0855"),
    )
    school = gw.organisation(
        "Het Hogeland College", Sector.ONDERWIJS, (Role.SIGNALLER,), municipality="GM1966"
    )

    receipt = (await gw.data(school.token, RECEIVE, input=unrouted(gw, "GM1966", groningen)))[
        "receiveMelding"
    ]

    case = (await gw.data(groningen.token, CASE, id=receipt["caseId"]))["case"]
    assert case["phase"] == "TRIAGE"
    assert code(await gw.run(tilburg.token, CASE, id=receipt["caseId"])) == "NOT_FOUND"


@pytest.mark.parametrize(
    ("municipality", "expected"),
    [
        (None, "MUNICIPALITY_REQUIRED"),
        ("GM0457", "UNKNOWN_MUNICIPALITY"),  # Weesp: part of Amsterdam since 2022
        ("GM0363", "NO_VEILIG_THUIS_IN_REGION"),  # Amsterdam: no Veilig Thuis registered there
        ("0363", "INVALID_MUNICIPALITY"),
    ],
)
async def test_a_melding_that_cannot_be_routed_is_refused_and_stores_nothing(
    gw: CasesGateway, municipality: str | None, expected: str
) -> None:
    groningen = vt_in(gw, "Veilig Thuis Groningen", "GM0014")
    school = gw.organisation("School", Sector.ONDERWIJS, (Role.SIGNALLER,))
    before = gw.pipeline.app.recorder.max_notification_id()
    assert code(await gw.run(school.token, RECEIVE, input=unrouted(gw, municipality, groningen))) == expected
    assert gw.pipeline.app.recorder.max_notification_id() == before


async def test_several_veilig_thuis_organisations_in_one_region_ask_the_melder_to_choose(
    gw: CasesGateway,
) -> None:
    first = vt_in(gw, "Veilig Thuis Groningen", "GM0014")
    vt_in(gw, "Veilig Thuis Groningen Noord", "GM1966")
    school = gw.organisation("School", Sector.ONDERWIJS, (Role.SIGNALLER,))
    refused = await gw.run(school.token, RECEIVE, input=unrouted(gw, "GM0014", first))
    assert code(refused) == "SEVERAL_VEILIG_THUIS_IN_REGION"
    chosen = await gw.data(school.token, RECEIVE, input=melding(first, municipalityCode="GM0014"))
    assert chosen["receiveMelding"]["caseId"]

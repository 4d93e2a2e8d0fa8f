"""The vertrouwensarts on the pages ("Mijn consulten", the consulted case) and the melder's
"Wie las mijn meldingen", over ASGI on in-memory parts: each page runs its GraphQL query, so
it refuses and logs as the query does, and shows only what the policy lets its audience see."""

from __future__ import annotations

import re

import pytest
from tests.unit.case_web_fixtures import CaseWeb, Person
from tests.unit.web_fixtures import Browser

from domain.access.model import AccessKind
from domain.identity.model import OrganisationKind, Role, Sector
from gateway.web.messages import MESSAGES

CHILD = {"b0_role": "CHILD", "b0_name": "Sanne Jansen", "b0_birthDate": "2015-05-01", "b0_bsn": "111222333"}
MELDING = {
    **CHILD,
    "rows": "3",
    "concern_NEGLECT": "ja",
    "concerns": "blauwe plekken",
    "familyInformed": "ja",
}
CONSULT_LINK = re.compile(r'href="/consulten/([0-9a-f-]{36})"')


@pytest.fixture
def arts(cw: CaseWeb, vt: Person) -> Person:
    return cw.colleague(vt, (Role.VT_MEDEWERKER,))


async def in_onderzoek(cw: CaseWeb, vt: Person, involve: Person | None = None) -> tuple[Browser, str]:
    """Veilig Thuis records a melding, triages it to onderzoek and involves the vertrouwensarts."""
    browser = await cw.signed_in(vt)
    await browser.get("/melding")
    recording = {
        "veiligThuisId": str(vt.organisation_id),
        "melder_name": "buurvrouw",
        "melder_contact": "06-1",
    }
    answer = await browser.post("/melding", {**MELDING, **recording})
    case_id = answer.headers["location"].removeprefix("/zaken/")
    cw.publish()
    await browser.get(f"/zaken/{case_id}?acuut=nee&structureel=ja")
    triage = {"acuteUnsafety": "nee", "structuralUnsafety": "ja", "decision": "ONDERZOEK"}
    assert (await browser.post(f"/zaken/{case_id}/stap/triage", triage)).status_code == 303
    if involve is not None:
        await browser.get(f"/zaken/{case_id}")
        step = f"/zaken/{case_id}/stap/involveVertrouwensarts"
        assert (await browser.post(step, {"vertrouwensartsId": str(involve.id)})).status_code == 303
    cw.publish()
    return browser, case_id


async def test_my_consulten_lists_the_case_the_arts_is_involved_in(
    cw: CaseWeb, vt: Person, arts: Person
) -> None:
    _, case_id = await in_onderzoek(cw, vt, involve=arts)

    page = await (await cw.signed_in(arts)).get("/consulten")

    assert page.status_code == 200 and CONSULT_LINK.findall(page.text) == [case_id]
    assert "Onderzoek" in page.text


async def test_a_worker_not_involved_lists_no_consult_and_is_refused_the_case(
    cw: CaseWeb, vt: Person, arts: Person
) -> None:
    _, case_id = await in_onderzoek(cw, vt, involve=arts)
    other = await cw.signed_in(cw.colleague(vt, (Role.VT_MEDEWERKER,)))

    listed, page = await other.get("/consulten"), await other.get(f"/consulten/{case_id}")

    assert CONSULT_LINK.findall(listed.text) == []
    assert page.status_code == 404 and MESSAGES["NOT_FOUND"] in page.text
    assert "Sanne" not in page.text and "blauwe plekken" not in page.text


async def test_an_arts_replaced_by_a_later_involvement_no_longer_sees_the_case(
    cw: CaseWeb, vt: Person, arts: Person
) -> None:
    browser, case_id = await in_onderzoek(cw, vt, involve=arts)
    successor = cw.colleague(vt, (Role.VT_MEDEWERKER,))
    await browser.get(f"/zaken/{case_id}")
    step = f"/zaken/{case_id}/stap/involveVertrouwensarts"
    assert (await browser.post(step, {"vertrouwensartsId": str(successor.id)})).status_code == 303
    cw.publish()
    doctor = await cw.signed_in(arts)

    listed, page = await doctor.get("/consulten"), await doctor.get(f"/consulten/{case_id}")

    assert CONSULT_LINK.findall(listed.text) == [] and page.status_code == 404
    assert CONSULT_LINK.findall((await (await cw.signed_in(successor)).get("/consulten")).text) == [case_id]


async def test_the_consulted_case_shows_people_without_bsn_and_the_dossier(
    cw: CaseWeb, vt: Person, arts: Person
) -> None:
    _, case_id = await in_onderzoek(cw, vt, involve=arts)
    browser = await cw.signed_in(arts)
    cw.web.lines.clear()

    page = await browser.get(f"/consulten/{case_id}")

    assert page.status_code == 200 and "Sanne Jansen" in page.text and "blauwe plekken" in page.text
    assert "111222333" not in page.text
    assert [(line.kind, line.client_id, line.rule) for line in cw.web.lines] == [
        (AccessKind.READ, case_id, "vertrouwensarts.consulted_case")
    ]


async def test_the_consulted_case_is_refused_once_the_onderzoek_is_concluded(
    cw: CaseWeb, vt: Person, arts: Person
) -> None:
    browser, case_id = await in_onderzoek(cw, vt, involve=arts)
    await browser.get(f"/zaken/{case_id}")
    done = await browser.post(f"/zaken/{case_id}/stap/concludeOnderzoek", {"outcome": "NO_VIOLENCE"})
    assert done.status_code == 303, done.text
    cw.publish()
    doctor = await cw.signed_in(arts)

    listed, page = await doctor.get("/consulten"), await doctor.get(f"/consulten/{case_id}")

    assert CONSULT_LINK.findall(listed.text) == []
    assert page.status_code == 404 and "Sanne" not in page.text


async def test_the_arts_records_advice_which_lands_in_the_dossier(
    cw: CaseWeb, vt: Person, arts: Person
) -> None:
    _, case_id = await in_onderzoek(cw, vt, involve=arts)
    doctor = await cw.signed_in(arts)
    await doctor.get(f"/consulten/{case_id}")

    advice = {"expertise": "Vertrouwensarts", "advice": "Letsel past niet bij de uitleg"}
    sent = await doctor.post(f"/consulten/{case_id}/advies", advice)
    cw.publish()

    assert sent.status_code == 303
    page = await doctor.get(sent.headers["location"])
    assert "Letsel past niet bij de uitleg" in page.text and "Vastgelegd" in page.text


async def test_empty_advice_is_refused_next_to_its_field(cw: CaseWeb, vt: Person, arts: Person) -> None:
    _, case_id = await in_onderzoek(cw, vt, involve=arts)
    doctor = await cw.signed_in(arts)
    await doctor.get(f"/consulten/{case_id}")

    page = await doctor.post(f"/consulten/{case_id}/advies", {"expertise": "Vertrouwensarts", "advice": ""})

    assert page.status_code == 400 and 'id="consult-advice-error"' in page.text


async def test_the_melder_sees_which_organisation_read_the_melding_and_not_themself(
    cw: CaseWeb, vt: Person
) -> None:
    school = cw.organisation("De Regenboog", Sector.ONDERWIJS, (Role.SIGNALLER,), OrganisationKind.SCHOOL)
    mentor = await cw.signed_in(school)
    await mentor.get("/melding")
    await mentor.post("/melding", {**MELDING, "veiligThuisId": str(vt.organisation_id)})
    cw.publish()
    await mentor.get("/mijn-meldingen")  # the melder's own read is not listed
    worker = await cw.signed_in(vt)
    case_id = str(cw.pipeline.published[0].subject)
    assert (await worker.get(f"/zaken/{case_id}")).status_code == 200

    page = await mentor.get("/mijn-meldingen/inzage")

    assert page.status_code == 200
    rows = re.findall(r"<tr><td>.*?</tr>", page.text, re.S)
    assert len(rows) == 1 and "Veilig Thuis Brabant" in rows[0] and "Ingezien" in rows[0]
    assert "Sanne" not in page.text and "De Regenboog" not in page.text


async def test_mijn_meldingen_links_to_who_read_them(cw: CaseWeb) -> None:
    school = cw.organisation("De Regenboog", Sector.ONDERWIJS, (Role.SIGNALLER,))

    page = await (await cw.signed_in(school)).get("/mijn-meldingen")

    assert 'href="/mijn-meldingen/inzage"' in page.text

"""An advies becomes Veilig Thuis's own melding on a page (`convertAdviesToMelding`): the worker
finds it under "Mijn adviezen", fills the meldformulier and lands on the new case; errors stand
next to their fields with the input kept; another worker's advies and a melder are refused."""

from __future__ import annotations

import re

from tests.unit.case_web_fixtures import CaseWeb, Person
from tests.unit.web_fixtures import Browser

from domain.access.model import AccessKind
from domain.identity.model import Role, Sector
from gateway.web.messages import MESSAGES

ADVIES = {"question": "Buurman hoort elke nacht geschreeuw", "advice": "Bel bij acuut gevaar 112",
          "followUp": "Belt terug na het weekend"}  # fmt: skip
CHILD = {"b0_role": "CHILD", "b0_name": "Sanne Jansen", "b0_birthDate": "2015-05-01"}
MELDING = {**CHILD, "rows": "3", "concern_NEGLECT": "ja", "concerns": "geschreeuw", "familyInformed": "ja"}
CONVERT_LINK = re.compile(r'href="/advies/([0-9a-f-]{36})/melding"')


async def given(cw: CaseWeb, vt: Person) -> tuple[Browser, str]:
    browser = await cw.signed_in(vt)
    await browser.get("/advies")
    page = await browser.post("/advies", ADVIES)
    assert page.status_code == 200, page.text
    return browser, CONVERT_LINK.findall(page.text)[0]


async def test_my_adviezen_lists_the_question_with_a_link_to_convert_it(cw: CaseWeb, vt: Person) -> None:
    browser, advies_id = await given(cw, vt)

    page = await browser.get("/advies")

    assert "Buurman hoort elke nacht geschreeuw" in page.text
    assert CONVERT_LINK.findall(page.text) == [advies_id]


async def test_converting_an_advies_opens_the_new_case_with_its_people(cw: CaseWeb, vt: Person) -> None:
    browser, advies_id = await given(cw, vt)
    form = await browser.get(f"/advies/{advies_id}/melding")
    assert form.status_code == 200 and "Advies omzetten in melding" in form.text

    sent = await browser.post(f"/advies/{advies_id}/melding", MELDING)
    cw.publish()

    assert sent.status_code == 303 and sent.headers["location"].startswith("/zaken/")
    case = await browser.get(sent.headers["location"])
    assert case.status_code == 200 and "Sanne Jansen" in case.text
    listed = await browser.get("/advies")
    assert CONVERT_LINK.findall(listed.text) == []
    assert f'href="{sent.headers["location"]}"' in listed.text


async def test_a_melding_without_concerns_is_refused_next_to_the_field_with_input_kept(
    cw: CaseWeb, vt: Person
) -> None:
    browser, advies_id = await given(cw, vt)
    await browser.get(f"/advies/{advies_id}/melding")

    page = await browser.post(f"/advies/{advies_id}/melding", {**MELDING, "concerns": ""})

    assert page.status_code == 400
    assert 'id="concerns-error"' in page.text
    assert 'value="Sanne Jansen"' in page.text
    cw.publish()
    assert [e for e in cw.pipeline.published if "Received" in str(e.type)] == []


async def test_another_workers_advies_is_refused_as_not_found(cw: CaseWeb, vt: Person) -> None:
    _, advies_id = await given(cw, vt)
    colleague = await cw.signed_in(cw.colleague(vt, (Role.VT_MEDEWERKER,)))

    page = await colleague.get(f"/advies/{advies_id}/melding")

    assert page.status_code == 404 and MESSAGES["NOT_FOUND"] in page.text
    assert "Buurman" not in page.text


async def test_a_melder_is_refused_the_adviezen_as_graphql_refuses(cw: CaseWeb, vt: Person) -> None:
    _, advies_id = await given(cw, vt)
    school = cw.organisation("De Regenboog", Sector.ONDERWIJS, (Role.SIGNALLER,))
    mentor = await cw.signed_in(school)

    listed, form = await mentor.get("/advies"), await mentor.get(f"/advies/{advies_id}/melding")

    assert (listed.status_code, form.status_code) == (403, 403)
    assert MESSAGES["FORBIDDEN"] in form.text and "Buurman" not in form.text


async def test_reading_my_adviezen_leaves_a_read_line_per_advies(cw: CaseWeb, vt: Person) -> None:
    browser, advies_id = await given(cw, vt)
    cw.web.lines.clear()

    await browser.get("/advies")

    assert [(line.kind, line.client_id, line.rule) for line in cw.web.lines] == [
        (AccessKind.READ, advies_id, "vt_medewerker.my_adviezen")
    ]

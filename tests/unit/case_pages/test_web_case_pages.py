"""Veilig Thuis and the melder on the case pages (over ASGI, in-memory parts): the pages run the
same operations as GraphQL, offer only the steps the phase allows, answer a forced step with
the domain's code as a Dutch sentence, store nothing then, and leave GraphQL's access lines."""

from __future__ import annotations

import re
from datetime import timedelta

from tests.unit.case_web_fixtures import CaseWeb, Person
from tests.unit.web_fixtures import Browser

from domain.access.model import AccessKind
from domain.identity.model import OrganisationKind, Role, Sector
from gateway.web.messages import MESSAGES

CHILD = {"b0_role": "CHILD", "b0_name": "Sanne Jansen", "b0_birthDate": "2015-05-01", "b0_bsn": "111222333"}
PARENT = {"b1_role": "PARENT", "b1_name": "Mark Jansen", "b1_birthDate": "1985-11-23"}
MELDING = {**CHILD, **PARENT, "concern_NEGLECT": "ja", "concerns": "blauwe plekken", "familyInformed": "ja"}
CASE_LINK = re.compile(r'href="/zaken/([0-9a-f-]{36})"')


async def recorded(cw: CaseWeb, vt: Person) -> tuple[Browser, str]:
    """Veilig Thuis records a melding on the page; the browser lands on the new case."""
    browser = await cw.signed_in(vt)
    await browser.get("/melding")
    recording = {"rows": "3", "veiligThuisId": str(vt.organisation_id), "melder_name": "buurvrouw",
                 "melder_contact": "06-12345678"}  # fmt: skip
    answer = await browser.post("/melding", {**MELDING, **recording})
    assert answer.status_code == 303, answer.text
    cw.publish()
    return browser, answer.headers["location"].removeprefix("/zaken/")


async def test_the_werkvoorraad_lists_the_triage_deadline_and_links_the_case(cw: CaseWeb, vt: Person) -> None:
    browser, case_id = await recorded(cw, vt)

    page = await browser.get("/werkvoorraad")

    assert page.status_code == 200
    assert CASE_LINK.findall(page.text) == [case_id]
    assert "Triage" in page.text and "Op tijd" in page.text
    filtered = await browser.get("/werkvoorraad?soort=ONDERZOEK")
    assert CASE_LINK.findall(filtered.text) == []


async def test_an_overdue_deadline_is_marked_in_words_not_by_colour_alone(cw: CaseWeb, vt: Person) -> None:
    await recorded(cw, vt)
    cw.web.clock.now += timedelta(days=10)  # past the 5 working days of triage

    page = await (await cw.signed_in(vt)).get("/werkvoorraad")

    assert "Te laat" in page.text


async def test_the_case_page_shows_the_people_and_offers_only_triage_steps(cw: CaseWeb, vt: Person) -> None:
    browser, case_id = await recorded(cw, vt)

    page = await browser.get(f"/zaken/{case_id}")

    assert page.status_code == 200
    assert "Sanne Jansen" in page.text and "111222333" in page.text and "blauwe plekken" in page.text
    assert 'id="stap-triage"' in page.text
    assert 'id="stap-hearPerson"' not in page.text and 'id="stap-closeCase"' not in page.text


async def test_triage_offers_only_the_decisions_the_assessment_allows(cw: CaseWeb, vt: Person) -> None:
    browser, case_id = await recorded(cw, vt)

    page = await browser.get(f"/zaken/{case_id}?acuut=ja&structureel=nee")

    decisions = set(re.findall(r'name="decision" value="([A-Z_]+)"', page.text))
    assert decisions == {"VOORWAARDEN_EN_VERVOLG", "ONDERZOEK"}


async def test_a_forced_step_answers_the_domains_code_as_dutch_and_stores_nothing(
    cw: CaseWeb, vt: Person
) -> None:
    browser, case_id = await recorded(cw, vt)
    await browser.get(f"/zaken/{case_id}")
    events_before = len(cw.pipeline.published)

    answer = await browser.post(f"/zaken/{case_id}/stap/closeCase", {"reason": "al klaar"})

    assert answer.status_code == 400
    assert MESSAGES["WRONG_PHASE"] in answer.text
    cw.publish()
    assert len(cw.pipeline.published) == events_before


async def test_a_triage_on_the_page_moves_the_case_to_the_onderzoek_steps(cw: CaseWeb, vt: Person) -> None:
    browser, case_id = await recorded(cw, vt)
    await browser.get(f"/zaken/{case_id}?acuut=nee&structureel=ja")

    done = await browser.post(f"/zaken/{case_id}/stap/triage", {"acuteUnsafety": "nee",
                              "structuralUnsafety": "ja", "decision": "ONDERZOEK"})  # fmt: skip
    cw.publish()

    assert done.status_code == 303
    page = await browser.get(done.headers["location"])
    assert "Onderzoek" in page.text and 'id="stap-hearPerson"' in page.text
    assert 'id="stap-triage"' not in page.text


async def test_another_veilig_thuis_is_refused_as_graphql_refuses_and_sees_nothing(
    cw: CaseWeb, vt: Person
) -> None:
    _, case_id = await recorded(cw, vt)
    other = cw.organisation("Veilig Thuis Utrecht", Sector.VEILIG_THUIS, (Role.VT_MEDEWERKER,))
    stranger = await cw.signed_in(other)

    page = await stranger.get(f"/zaken/{case_id}")

    assert page.status_code == 404
    assert MESSAGES["NOT_FOUND"] in page.text
    assert "Sanne" not in page.text and "blauwe plekken" not in page.text
    assert "Toch inzien" in page.text  # break-the-glass is offered, with a reason


async def test_the_case_page_leaves_the_read_line_the_case_query_leaves(cw: CaseWeb, vt: Person) -> None:
    browser, case_id = await recorded(cw, vt)
    cw.web.lines.clear()

    await browser.get(f"/zaken/{case_id}")

    assert [(line.kind, line.client_id, line.rule) for line in cw.web.lines] == [
        (AccessKind.READ, case_id, "vt_medewerker.case")
    ]
    assert cw.web.lines[0].user_id == str(vt.id)


async def test_break_the_glass_needs_a_reason_and_is_logged_with_it(cw: CaseWeb, vt: Person) -> None:
    _, case_id = await recorded(cw, vt)
    other = cw.organisation("Veilig Thuis Utrecht", Sector.VEILIG_THUIS, (Role.VT_MEDEWERKER,))
    stranger = await cw.signed_in(other)
    await stranger.get(f"/zaken/{case_id}")

    short = await stranger.post(f"/zaken/{case_id}/inzage", {"reason": "kort"})
    assert short.status_code == 400 and "Sanne" not in short.text
    opened = await stranger.post(f"/zaken/{case_id}/inzage", {"reason": "acute dreiging gemeld door politie"})

    assert opened.status_code == 200 and "Sanne Jansen" in opened.text
    glass = [line for line in cw.web.lines if line.kind is AccessKind.BREAK_THE_GLASS]
    assert [(line.client_id, line.user_id) for line in glass] == [(case_id, str(other.id))]


async def test_a_melder_sees_status_and_terugkoppeling_only(cw: CaseWeb, vt: Person) -> None:
    school = cw.organisation("De Regenboog", Sector.ONDERWIJS, (Role.SIGNALLER,), OrganisationKind.SCHOOL)
    mentor = await cw.signed_in(school)
    await mentor.get("/melding")
    sent = await mentor.post("/melding", {**MELDING, "rows": "3", "veiligThuisId": str(vt.organisation_id)})
    assert sent.status_code == 303 and sent.headers["location"].startswith("/mijn-meldingen")
    cw.publish()

    page = await mentor.get(sent.headers["location"])

    assert "Ontvangen" in page.text
    assert "Sanne" not in page.text and "blauwe plekken" not in page.text
    refused = await mentor.get(f"/zaken/{_case_of(page.text, cw)}")
    assert refused.status_code == 403 and "Sanne" not in refused.text


async def test_a_melding_without_a_reason_for_anonymity_is_refused_next_to_that_field_with_input_kept(
    cw: CaseWeb, vt: Person
) -> None:
    school = cw.organisation("De Regenboog", Sector.ONDERWIJS, (Role.SIGNALLER,))
    mentor = await cw.signed_in(school)
    await mentor.get("/melding")

    page = await mentor.post("/melding", {**MELDING, "rows": "3", "anonymous": "ja",
                                          "veiligThuisId": str(vt.organisation_id)})  # fmt: skip

    assert page.status_code == 400
    assert 'id="anonymityReason-error"' in page.text
    assert MESSAGES["ANONYMITY_REASON_REQUIRED"] in page.text
    assert 'value="Sanne Jansen"' in page.text
    cw.publish()
    assert cw.pipeline.published == []


def _case_of(_: str, cw: CaseWeb) -> str:
    return str(cw.pipeline.published[0].subject)

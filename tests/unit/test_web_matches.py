"""Mijn matches, its live stream, and the regievoerder's pages — refused to a signaller."""

from __future__ import annotations

from datetime import timedelta

import pytest
from tests.unit.web_fixtures import Browser, WebGateway, build_web_gateway
from tests.unit.web_fixtures import pump_all as pump

from domain.identity.model import Role
from gateway.web import matches

FORM = {"bsn": "111222333", "birthDate": "2015-01-01", "municipalityCode": "GM0363"}


@pytest.fixture
def web() -> WebGateway:
    return build_web_gateway()


async def signal(web: WebGateway, organisation: str) -> Browser:
    browser = web.browser()
    await browser.sign_in_as(web.professional(organisation))
    await browser.get("/signalen/nieuw")
    assert (await browser.post("/signalen/nieuw", FORM)).status_code == 200
    return browser


async def test_both_signallers_see_each_others_contact_details_and_the_read_is_logged(
    web: WebGateway,
) -> None:
    school, jeugdhulp = await signal(web, "De Regenboog"), await signal(web, "Jeugdhulp Noord")
    pump(web.gateway)
    web.lines.clear()
    page = await school.get("/matches")
    assert "Jeugdhulp Noord" in page.text and "jeugdhulp.noord@example.org" in page.text
    assert "06-12345678" in page.text and "De Regenboog mw" not in page.text.split("<main")[1]
    assert [line.rule for line in web.lines] == ["signaller.my_matches"]
    assert "De Regenboog" in (await jeugdhulp.get("/matches")).text


async def test_the_live_stream_says_only_that_the_matches_changed(
    web: WebGateway, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(matches, "LIVE_SECONDS", 0.3)
    school = await signal(web, "De Regenboog")
    page = await school.get("/matches")
    known = page.text.split('data-known="')[1].split('"')[0]
    quiet = await school.get(f"/matches/live?known={known}")
    assert quiet.headers["content-type"].startswith("text/event-stream") and "event:" not in quiet.text
    await signal(web, "Jeugdhulp Noord")
    pump(web.gateway)
    changed = await school.get(f"/matches/live?known={known}")
    assert "event: changed\ndata: -" in changed.text
    assert "Jeugdhulp" not in changed.text and "111222333" not in changed.text


async def test_listening_for_matches_does_not_keep_a_session_alive(web: WebGateway) -> None:
    school = await signal(web, "De Regenboog")
    answers = []
    for _ in range(3):
        web.clock.now += timedelta(minutes=6)
        answers.append((await school.get("/matches/live?known=x")).status_code)
    assert answers == [200, 200, 303]  # 18 minutes after the last page: idle, however often it listened
    assert school.last is not None and school.last.headers["location"] == "/aanmelden?verlopen=1"


async def test_the_regievoerder_sees_the_municipalitys_matches_and_the_logbook(web: WebGateway) -> None:
    await signal(web, "De Regenboog")
    await signal(web, "Jeugdhulp Noord")
    pump(web.gateway)
    regie = web.browser()
    await regie.sign_in_as(web.professional("Gemeente", (Role.REGIEVOERDER,)))
    page = await regie.get("/gemeente/matches")
    assert page.status_code == 200 and "Jeugdhulp Noord mw" in page.text and "De Regenboog mw" in page.text
    logbook = await regie.get("/gemeente/logboek")
    assert (
        logbook.status_code == 200 and "Signaal afgegeven" in logbook.text and "111222333" not in logbook.text
    )


async def test_a_signaller_opening_a_regievoerder_page_is_refused_clearly(web: WebGateway) -> None:
    school = await signal(web, "De Regenboog")
    for path in ("/gemeente/matches", "/gemeente/logboek"):
        refused = await school.get(path)
        assert refused.status_code == 403, path
        assert "U heeft geen toegang tot deze pagina" in refused.text

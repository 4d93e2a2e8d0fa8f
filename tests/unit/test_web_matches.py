"""Mijn matches, its live stream, and the regievoerder's pages — refused to a signaller."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
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


async def both_signalled(web: WebGateway, monkeypatch: pytest.MonkeyPatch) -> Browser:
    """Short live streams; the school and Jeugdhulp Noord signal one young person (the match is
    not pumped yet). Returns the school's browser."""
    monkeypatch.setattr(matches, "LIVE_SECONDS", 0.3)
    school = await signal(web, "De Regenboog")
    await signal(web, "Jeugdhulp Noord")
    return school


def known_of(page: httpx.Response) -> str:
    return page.text.split('data-known="')[1].split('"')[0]


async def test_a_page_showing_matches_listens_quietly_until_they_change(
    web: WebGateway, monkeypatch: pytest.MonkeyPatch
) -> None:
    school = await both_signalled(web, monkeypatch)
    pump(web.gateway)
    page = await school.get("/matches")
    assert page.text.count("data-match=") == 1
    quiet = await school.get(f"/matches/live?known={known_of(page)}")
    assert "event:" not in quiet.text  # the page's digest is the view's: no reload loop


async def test_a_match_landing_while_the_page_is_made_is_announced(
    web: WebGateway, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page's digest is of the rows it shows: a match stored after its read is news."""
    school = await both_signalled(web, monkeypatch)
    view = web.services.matches
    read = view.for_professional

    def read_then_land(professional_id: str) -> Any:
        rows = read(professional_id)
        monkeypatch.setattr(view, "for_professional", read)
        pump(web.gateway)  # the match lands just after the page's read
        return rows

    monkeypatch.setattr(view, "for_professional", read_then_land)
    page = await school.get("/matches")
    assert "data-match=" not in page.text
    changed = await school.get(f"/matches/live?known={known_of(page)}")
    assert "event: changed" in changed.text


async def test_a_page_whose_read_failed_does_not_announce_a_change_that_is_not_there(
    web: WebGateway, monkeypatch: pytest.MonkeyPatch
) -> None:
    school = await both_signalled(web, monkeypatch)
    pump(web.gateway)
    view = web.services.matches
    read = view.for_professional

    def fail_once(professional_id: str) -> Any:
        monkeypatch.setattr(view, "for_professional", read)
        raise RuntimeError("the view is away for a moment")

    monkeypatch.setattr(view, "for_professional", fail_once)
    page = await school.get("/matches")
    assert "data-match=" not in page.text and 'role="alert"' in page.text
    quiet = await school.get(f"/matches/live?known={known_of(page)}")
    assert "event:" not in quiet.text  # no reload every second while nothing changed


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

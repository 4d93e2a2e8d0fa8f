"""After a match, on the pages (over ASGI, in-memory parts): the proposed coordinator accepts,
hands over; contact is confirmed; the regievoerder assigns and sees who confirmed and since
when, and the match without contact after 10 working days; informing is recorded or put off."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from uuid import UUID

import pytest
from tests.random_refs import random_bsn
from tests.unit.regie_pump import pump
from tests.unit.web_fixtures import Browser, WebGateway, build_web_gateway

from domain.identity.model import Role, Sector
from gateway.web.messages import MESSAGES

REGISTER = """mutation($bsn: String!, $birthDate: Date!) {
  registerSignal(input: {bsn: $bsn, birthDate: $birthDate, municipalityCode: "GM0363"}) { signal { id } } }"""
MATCH = re.compile(r'name="matchId" value="([0-9a-f-]{36})"')


@dataclass
class Story:
    web: WebGateway
    people: dict[str, UUID]

    async def browser(self, name: str) -> Browser:
        browser = self.web.browser()
        await browser.sign_in_as(self.people[name])
        return browser


def person(web: WebGateway, name: str, role: Role, sector: Sector, municipality: str = "GM0363") -> UUID:
    identity = web.services.identity
    organisation = identity.register_organisation(name, sector, municipality)
    email = f"{name.lower().replace(' ', '.')}@example.org"
    return identity.register_professional(organisation, f"{name} mw", email, "06-12345678", (role,))


@pytest.fixture
async def story() -> Story:
    web = build_web_gateway()
    people = {
        "school": person(web, "Het Baken", Role.SIGNALLER, Sector.ONDERWIJS),
        "jeugdhulp": person(web, "Jeugdhulp West", Role.SIGNALLER, Sector.JEUGDHULP),
        "veilig thuis": person(web, "Veilig Thuis", Role.VT_MEDEWERKER, Sector.VEILIG_THUIS),
        "regievoerder": person(web, "Gemeente", Role.REGIEVOERDER, Sector.GEMEENTE),
    }
    bsn = random_bsn()
    for name in ("school", "jeugdhulp", "veilig thuis"):
        token = web.gateway.token_for(people[name])
        result = await web.gateway.run(token, REGISTER, bsn=bsn, birthDate="2012-05-01")
        assert result.errors is None, result.errors
    pump(web.gateway)
    return Story(web, people)


async def post(browser: Browser, path: str, form: dict[str, str]) -> None:
    answer = await browser.post(path, form)
    assert answer.status_code == 303, re.findall(r'role="alert">\s*(.*?)</div>', answer.text, re.S)
    await browser.get(answer.headers["location"])


async def test_veilig_thuis_accepts_coordination_and_the_school_confirms_contact(story: Story) -> None:
    vt = await story.browser("veilig thuis")
    page = await vt.get("/na-de-match")
    [match_id] = set(MATCH.findall(page.text))
    assert "Ik coördineer" in page.text

    await post(vt, "/na-de-match/coordineren", {"matchId": match_id})
    pump(story.web.gateway)
    school = await story.browser("school")
    seen = await school.get("/na-de-match")
    assert "aanvaard" in seen.text and "Ik coördineer" not in seen.text
    await post(school, "/na-de-match/contact", {"matchId": match_id})
    pump(story.web.gateway)

    regie = await (await story.browser("regievoerder")).get("/gemeente/contact")
    assert regie.text.count("nog niet") == 2  # jeugdhulp and Veilig Thuis; the school confirmed


async def test_only_the_proposed_coordinator_may_accept(story: Story) -> None:
    school = await story.browser("school")
    page = await school.get("/na-de-match")
    [match_id] = set(MATCH.findall(page.text))
    assert "Ik coördineer" not in page.text

    forced = await school.post("/na-de-match/coordineren", {"matchId": match_id})

    assert forced.status_code == 400 and MESSAGES["NOT_COORDINATOR"] in forced.text


async def test_the_regievoerder_assigns_and_sees_the_match_without_contact_after_ten_working_days(
    story: Story,
) -> None:
    regievoerder = await story.browser("regievoerder")
    page = await regievoerder.get("/gemeente/contact")
    [match_id] = set(MATCH.findall(page.text))
    await post(regievoerder, "/gemeente/contact/toewijzen",
               {"matchId": match_id, "professionalId": str(story.people["jeugdhulp"])})  # fmt: skip
    pump(story.web.gateway)
    assert "toegewezen" in (await regievoerder.get("/gemeente/contact")).text

    story.web.clock.now += timedelta(days=20)
    late = await (await story.browser("regievoerder")).get("/gemeente/contact")
    assert "1 match zonder bevestigd contact na 10 werkdagen" in late.text
    assert "Geen contact na 10 werkdagen" in late.text and "Te laat" in late.text


async def test_a_signaller_is_refused_the_regie_page(story: Story) -> None:
    page = await (await story.browser("school")).get("/gemeente/contact")

    assert page.status_code == 403 and MESSAGES["FORBIDDEN"] in page.text


async def test_informing_is_owed_until_recorded_and_too_few_informed_is_refused(story: Story) -> None:
    school = await story.browser("school")
    page = await school.get("/signalen/informeren")
    [signal_id] = set(re.findall(r'name="signalId" value="([0-9a-f-]{36})"', page.text))
    assert "Te informeren: de ouder(s) en de jongere." in page.text  # 14 years old: both

    refused = await school.post("/signalen/informeren/geinformeerd", {"signalId": signal_id,
                                                                      "informed_PARENT": "ja"})  # fmt: skip
    assert refused.status_code == 400 and MESSAGES["INFORMING_INCOMPLETE"] in refused.text
    await post(school, "/signalen/informeren/geinformeerd",
               {"signalId": signal_id, "informed_PARENT": "ja", "informed_YOUTH": "ja"})  # fmt: skip
    pump(story.web.gateway)

    assert signal_id not in (await school.get("/signalen/informeren")).text


async def test_informing_put_off_needs_a_reason(story: Story) -> None:
    school = await story.browser("school")
    page = await school.get("/signalen/informeren")
    [signal_id] = set(re.findall(r'name="signalId" value="([0-9a-f-]{36})"', page.text))

    form = {"signalId": signal_id, "reason": "kort", "revisitOn": "2026-12-14"}
    refused = await school.post("/signalen/informeren/uitstellen", form)

    assert refused.status_code == 400 and MESSAGES["POSTPONEMENT_REASON_REQUIRED"] in refused.text
    assert 'value="2026-12-14"' in refused.text

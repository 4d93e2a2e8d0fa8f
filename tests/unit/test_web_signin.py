"""Sign-in on the web pages: invitation, activation with TOTP, the refusals, sessions, headers."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from tests.unit.web_fixtures import PASSWORD, WebGateway, build_web_gateway

from domain.identity.model import Role
from gateway.throttle import MemoryHits, RateLimit, Throttles


@pytest.fixture
def web() -> WebGateway:
    return build_web_gateway()


async def test_an_invited_professional_activates_signs_in_with_password_and_code_and_signs_out(
    web: WebGateway,
) -> None:
    mentor = web.professional("De Regenboog")
    browser = web.browser()
    secret = await browser.activate(web.invite(mentor))
    web.clock.now += timedelta(seconds=30)  # the activation spent this step's code
    signed_in = await browser.sign_in("de.regenboog@example.org", secret)
    assert signed_in.status_code == 303 and signed_in.headers["location"] == "/"
    assert "HttpOnly" in signed_in.headers["set-cookie"] and "SameSite=lax" in signed_in.headers["set-cookie"]
    home = await browser.get("/")
    assert "Welkom, De Regenboog mw" in home.text
    await browser.post("/afmelden", {})
    assert (await browser.get("/")).headers["location"] == "/aanmelden"


async def test_a_wrong_password_or_a_wrong_code_is_refused_without_saying_which(web: WebGateway) -> None:
    browser = web.browser()
    secret = await browser.activate(web.invite(web.professional("De Regenboog")))
    web.clock.now += timedelta(seconds=30)
    wrong_password = await browser.sign_in("de.regenboog@example.org", secret, password="niet het wachtwoord")
    await browser.get("/aanmelden")
    wrong_code = await browser.post(
        "/aanmelden", {"email": "de.regenboog@example.org", "password": PASSWORD, "code": "000000"}
    )
    for refused in (wrong_password, wrong_code):
        assert refused.status_code == 401
        assert "Het e-mailadres, het wachtwoord of de code klopt niet." in refused.text
    assert web.count("web_sessions") == 0


async def test_a_used_code_cannot_sign_in_again(web: WebGateway) -> None:
    browser = web.browser()
    secret = await browser.activate(web.invite(web.professional("De Regenboog")))
    # The activation used the current step's code: the same code is spent.
    assert (await browser.sign_in("de.regenboog@example.org", secret)).status_code == 401
    web.clock.now += timedelta(seconds=30)
    assert (await browser.sign_in("de.regenboog@example.org", secret)).status_code == 303


async def test_failed_sign_ins_are_throttled_per_account_even_with_the_right_password_after(
    web: WebGateway,
) -> None:
    browser = web.browser()
    secret = await browser.activate(web.invite(web.professional("De Regenboog")))
    web.clock.now += timedelta(seconds=30)
    for _ in range(5):
        assert (await browser.sign_in("de.regenboog@example.org", secret, "fout")).status_code == 401
    held = await browser.sign_in("de.regenboog@example.org", secret)
    assert (
        held.status_code == 429 and "Te veel pogingen" in held.text and int(held.headers["retry-after"]) > 0
    )
    web.clock.now += timedelta(minutes=15, seconds=1)
    assert (await browser.sign_in("de.regenboog@example.org", secret)).status_code == 303


async def test_an_expired_activation_link_is_refused_clearly_and_stores_nothing(web: WebGateway) -> None:
    link = web.invite(web.professional("De Regenboog"))
    web.clock.now += timedelta(hours=72, seconds=1)
    page = await web.browser().get(link)
    assert page.status_code == 410 and "Deze link is verlopen" in page.text
    with web.db.read() as cursor:
        cursor.execute("SELECT password_hash, totp_sealed FROM web_accounts")
        assert cursor.fetchall() == [(None, None)]


async def test_an_activation_with_a_wrong_code_or_a_short_password_keeps_the_link_and_says_why(
    web: WebGateway,
) -> None:
    browser = web.browser()
    link = web.invite(web.professional("De Regenboog"))
    await browser.get(link)
    wrong = await browser.post(link, {"password": PASSWORD, "repeated": PASSWORD, "code": "123456"})
    assert (
        wrong.status_code == 400
        and 'id="code-error"' in wrong.text
        and 'aria-describedby="code-error' in wrong.text
    )
    short = await browser.post(link, {"password": "kort", "repeated": "kort", "code": "123456"})
    assert "minstens 12 tekens" in short.text and 'id="password-error"' in short.text
    assert (await browser.get(link)).status_code == 200  # the link still works
    await browser.activate(link)
    assert (await browser.get(link)).status_code == 404  # once only


async def test_a_form_posted_without_its_csrf_token_is_refused_and_nothing_is_stored(web: WebGateway) -> None:
    mentor = web.professional("De Regenboog")
    browser = web.browser()
    await browser.sign_in_as(mentor)
    form = {"bsn": "111222333", "birthDate": "2015-01-01", "municipalityCode": "GM0363"}
    refused = await browser.post("/signalen/nieuw", form, csrf=False)
    forged = await browser.post("/signalen/nieuw", {**form, "csrf": "geraden"}, csrf=False)
    for answer in (refused, forged):
        assert (
            answer.status_code == 403
            and "Dit formulier is verlopen of komt niet van deze site" in answer.text
        )
    assert web.services.multisignaal.signal_ids_about("111222333", mentor) == frozenset()


async def test_a_session_ends_after_15_idle_minutes_and_after_8_hours_however_busy(web: WebGateway) -> None:
    browser = web.browser()
    await browser.sign_in_as(web.professional("De Regenboog"))
    web.clock.now += timedelta(minutes=14)
    assert (await browser.get("/")).status_code == 200
    web.clock.now += timedelta(minutes=15, seconds=1)
    idle = await browser.get("/")
    assert idle.status_code == 303 and idle.headers["location"] == "/aanmelden?verlopen=1"
    assert "Uw sessie is verlopen" in (await browser.get("/aanmelden?verlopen=1")).text
    await browser.sign_in_as(web.services.identity.professionals_with_email("de.regenboog@example.org")[0].id)
    for _ in range(8 * 6):
        web.clock.now += timedelta(minutes=10)
        if (await browser.get("/")).status_code != 200:
            break
    assert browser.last is not None and browser.last.headers["location"] == "/aanmelden?verlopen=1"


async def test_every_page_forbids_framing_and_caching_under_a_strict_policy(web: WebGateway) -> None:
    browser = web.browser()
    await browser.sign_in_as(web.professional("De Regenboog"))
    for path in ("/aanmelden", "/", "/signalen", "/signalen/nieuw"):
        page = await browser.get(path)
        assert page.headers["cache-control"] == "no-store", path
        assert page.headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
        assert "unsafe-inline" not in page.headers["content-security-policy"]
        assert '<html lang="nl">' in page.text


async def test_a_signaller_opening_a_page_of_another_role_is_not_shown_its_menu(web: WebGateway) -> None:
    browser = web.browser()
    await browser.sign_in_as(web.professional("Gemeente", (Role.REGIEVOERDER,)))
    home = await browser.get("/")
    assert "Signaal afgeven" not in home.text


async def test_registering_a_professional_over_graphql_hands_out_an_activation_link(web: WebGateway) -> None:
    organisation = web.services.identity.register_organisation(
        "De Regenboog", __import__("domain.identity.model").identity.model.Sector.ONDERWIJS, "GM0363"
    )
    result = await web.gateway.run(
        web.gateway.admin,
        'mutation($o: ID!) { registerProfessional(input: {organisationId: $o, name: "A", '
        'email: "a@example.org", roles: [SIGNALLER]}) { activationLink } }',
        o=str(organisation),
    )
    assert result.errors is None
    link = result.data["registerProfessional"]["activationLink"]
    assert link.startswith("http://keten.test/activeren/")
    assert (await web.browser().get(link)).status_code == 200


async def test_behind_https_the_session_cookie_is_secure(web: WebGateway) -> None:
    browser = web.browser(base_url="https://keten.test")
    link = web.services.web.accounts.sign_in_link(str(web.professional("De Regenboog")), web.clock())
    signed_in = await browser.get(link.replace("http://", "https://"))
    assert "keten_session=" in signed_in.headers["set-cookie"] and "Secure" in signed_in.headers["set-cookie"]


async def test_failed_sign_ins_are_throttled_per_address_across_accounts(web: WebGateway) -> None:
    web.gateway.services = replace(
        web.services,
        throttles=Throttles.over(MemoryHits(), authentication=RateLimit(3, timedelta(minutes=1))),
    )
    guesser, bystander = web.browser(client=("10.0.0.7", 1)), web.browser(client=("10.0.0.8", 1))
    secret = await bystander.activate(web.invite(web.professional("De Regenboog")))
    for number in range(3):
        await guesser.get("/aanmelden")
        form = {"email": f"iemand{number}@example.org", "password": "geraden", "code": "123456"}
        assert (await guesser.post("/aanmelden", form)).status_code == 401
    web.clock.now += timedelta(seconds=30)
    held = await guesser.sign_in("de.regenboog@example.org", secret)
    assert held.status_code == 429 and "Te veel pogingen" in held.text
    assert (await bystander.sign_in("de.regenboog@example.org", secret)).status_code == 303

"""In real Chromium: invited → activated (TOTP from the shown secret) → signed in → a signal; and the
refusals of sign-in, each answered clearly with nothing stored."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import BrowserContext, Page, expect
from tests.browser.a11y import look
from tests.browser.people import PASSWORD, Admin, ServerClock, activate, sign_in
from tests.e2e.harness import Keten, wait_until
from tests.random_refs import random_bsn

MY_SIGNALS = "query { mySignals { id ownReference } }"
REGISTER = "mutation ($input: RegisterSignalInput!) { registerSignal(input: $input) { signal { id } } }"
FORM = {"birthDate": "2012-05-17", "municipalityCode": "GM0363"}


def test_an_invited_professional_activates_signs_in_and_registers_a_signal(
    keten: Keten, admin: Admin, clock: ServerClock, context: BrowserContext, screenshots: Path
) -> None:
    mentor, page = admin.invite("Het Amstel Lyceum", sector="ONDERWIJS"), context.new_page()
    page.goto(mentor.activation_link)
    look(page, "activeren", screenshots)
    activate(page, mentor, clock)

    sign_in(page, keten.url, mentor.email, PASSWORD, mentor.code(clock))
    expect(page.get_by_role("heading", name=f"Welkom, {mentor.name}")).to_be_visible()
    look(page, "start", screenshots)

    page.get_by_role("link", name="Signaal afgeven").first.click()
    look(page, "signaal-afgeven", screenshots)
    page.get_by_label("BSN").fill("123456789")
    page.get_by_label("Geboortedatum").fill("2012-05-17")
    page.get_by_label("Gemeente (gemeentecode)").fill("GM0363")
    page.get_by_label("Eigen kenmerk").fill("leerling 2231")
    page.get_by_role("button", name="Signaal afgeven").click()
    bsn_field = page.get_by_label("BSN")
    expect(page.locator("#bsn-error")).to_contain_text("Dit is geen geldig BSN")
    expect(bsn_field).to_have_attribute("aria-describedby", "bsn-error bsn-hint")
    expect(page.get_by_label("Eigen kenmerk")).to_have_value("leerling 2231")  # input kept
    look(page, "signaal-afgeven-fout", screenshots)

    bsn_field.fill(random_bsn())
    page.get_by_role("button", name="Signaal afgeven").click()
    expect(page.get_by_role("status")).to_contain_text("Uw signaal is geregistreerd")
    assert "bsn" not in page.url.lower()
    look(page, "signaal-geregistreerd", screenshots)

    page.get_by_role("link", name="Naar mijn signalen").click()
    wait_until(lambda: _listed(page, "leerling 2231"), timeout=15, what="the signal in Mijn signalen")
    look(page, "mijn-signalen", screenshots)
    assert keten.data(mentor.token, MY_SIGNALS)["mySignals"][0]["ownReference"] == "leerling 2231"
    assert "DeprecationWarning" not in keten.server.stderr_text()  # none after the ready line either


def test_a_wrong_password_and_a_wrong_code_are_refused_without_a_session(
    keten: Keten, admin: Admin, clock: ServerClock, context: BrowserContext, screenshots: Path
) -> None:
    mentor, page = admin.invite("Jeugdhulp Amsterdam"), context.new_page()
    activate(page, mentor, clock)
    for password, code in ((PASSWORD + "x", mentor.code(clock)), (PASSWORD, _wrong(mentor.code(clock)))):
        sign_in(page, keten.url, mentor.email, password, code)
        expect(page.get_by_role("alert")).to_contain_text(
            "Het e-mailadres, het wachtwoord of de code klopt niet."
        )
        expect(page.get_by_label("E-mailadres")).to_have_value(mentor.email)
        look(page, "aanmelden-fout", screenshots)
    page.goto(f"{keten.url}/signalen")
    expect(page.get_by_role("heading", name="Aanmelden")).to_be_visible()


def test_an_expired_activation_link_is_refused_clearly(
    keten: Keten, admin: Admin, clock: ServerClock, context: BrowserContext, screenshots: Path
) -> None:
    late = admin.invite("Wijkteam Oost")
    clock.advance(72 * 3600 + 1)
    page = context.new_page()
    page.goto(late.activation_link)
    expect(page.get_by_role("alert")).to_contain_text("Deze link is verlopen")
    assert page.get_by_label("Wachtwoord", exact=True).count() == 0
    look(page, "link-verlopen", screenshots)


def test_a_form_without_its_csrf_token_is_refused_and_nothing_is_stored(
    keten: Keten, admin: Admin, clock: ServerClock, context: BrowserContext, screenshots: Path
) -> None:
    mentor, page = admin.invite("GGD Amsterdam", sector="JGZ"), context.new_page()
    activate(page, mentor, clock)
    sign_in(page, keten.url, mentor.email, PASSWORD, mentor.code(clock))
    page.get_by_role("link", name="Signaal afgeven").first.click()
    page.get_by_label("BSN").fill(random_bsn())
    page.get_by_label("Geboortedatum").fill("2012-05-17")
    page.get_by_label("Gemeente (gemeentecode)").fill("GM0363")
    page.locator("main input[name=csrf]").evaluate("field => field.remove()")
    page.get_by_role("button", name="Signaal afgeven").click()
    expect(page.get_by_role("alert")).to_contain_text("Dit formulier is verlopen of komt niet van deze site")
    look(page, "formulier-geweigerd", screenshots)
    # A later signal of theirs (over GraphQL) on Kafka: the relay publishes in order, so had the
    # refused form stored one, it would be there before this one.
    marker = keten.data(mentor.token, REGISTER, input={**FORM, "bsn": random_bsn()})["registerSignal"]
    published = wait_until(lambda: _registered_by(keten, mentor.id), timeout=15, what="the marker on Kafka")
    assert published == [marker["signal"]["id"]]


def test_a_page_opened_after_15_idle_minutes_asks_to_sign_in_again(
    keten: Keten, admin: Admin, clock: ServerClock, context: BrowserContext, screenshots: Path
) -> None:
    mentor, page = admin.invite("Jeugdhulp Zuid"), context.new_page()
    activate(page, mentor, clock)
    sign_in(page, keten.url, mentor.email, PASSWORD, mentor.code(clock))
    expect(page.get_by_role("heading", name=f"Welkom, {mentor.name}")).to_be_visible()
    clock.advance(15 * 60 + 1)
    page.goto(f"{keten.url}/signalen")
    expect(page.get_by_role("heading", name="Aanmelden")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Uw sessie is verlopen")
    look(page, "aanmelden", screenshots)


def _listed(page: Page, reference: str) -> bool:
    page.reload()
    return page.get_by_role("cell", name=reference).count() == 1


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def _registered_by(keten: Keten, professional_id: str) -> list[str]:
    records = keten.kafka.records_of_type("SignalRegistered")
    return [r.data["signalId"] for r in records if r.data["professionalId"] == professional_id]

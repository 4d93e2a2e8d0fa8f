"""After a match, in real Chromium (issue 15): a school, Veilig Thuis and jeugdhulp signal the same
young person; under the default covenant Veilig Thuis is proposed as coordinator and accepts on its
page; the regievoerder hands coordination to jeugdhulp; two of three confirm contact and, ten
working days on, the third is on the regievoerder's overdue list; the school records whom it
informed (a 14-year-old: the young person and the parents) and the signal leaves its to-do list."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Browser, Page, expect
from tests.browser.a11y import look
from tests.browser.people import PASSWORD, Admin, Professional, ServerClock, sign_in, signal, signed_in
from tests.e2e.harness import Keten, wait_until
from tests.random_refs import random_bsn

LIVE = 30_000  # ms: the match and each step travel relay → consumer → view before a page shows them
TWENTY_DAYS = 20 * 24 * 3600.0


def test_coordination_contact_and_informing_after_a_match(
    keten: Keten, admin: Admin, clock: ServerClock, chromium: Browser, screenshots: Path
) -> None:
    school = admin.invite("Het Amstel Lyceum", sector="ONDERWIJS")
    jeugdhulp = admin.invite("Jeugdhulp Amsterdam")
    veilig_thuis = admin.invite(
        "Veilig Thuis Amsterdam-Amstelland", role="VT_MEDEWERKER", sector="VEILIG_THUIS"
    )
    regie = admin.invite("Gemeente Amsterdam", role="REGIEVOERDER", sector="GEMEENTE")
    bsn = random_bsn()
    # The match forms with the second signal, and the covenant picks among who is in it then.
    pages = {who.email: signed_in(chromium, keten, clock, who) for who in (school, veilig_thuis, jeugdhulp)}
    for page in pages.values():
        signal(page, bsn)

    vt = pages[veilig_thuis.email]
    open_after_match(vt, keten)
    expect(vt.get_by_role("button", name="Ik coördineer")).to_be_visible(timeout=LIVE)
    vt.get_by_role("button", name="Ik coördineer").click()
    expect(vt.get_by_role("status")).to_contain_text("Vastgelegd")
    look(vt, "na-de-match", screenshots)
    for who in (school, veilig_thuis):
        confirm_contact(pages[who.email], keten)

    regievoerder = signed_in(chromium, keten, clock, regie)
    regievoerder.goto(f"{keten.url}/gemeente/contact")
    expect(regievoerder.locator("article")).to_contain_text("aanvaard", timeout=LIVE)
    regievoerder.get_by_label("Coördinator toewijzen").select_option(
        label=f"{jeugdhulp.name} (Jeugdhulp Amsterdam)"
    )
    regievoerder.get_by_role("button", name="Toewijzen").click()
    expect(regievoerder.get_by_role("status")).to_contain_text("Vastgelegd")
    # Assigned, and jeugdhulp alone has not confirmed contact (the school and Veilig Thuis did).
    wait_for(regievoerder, f"{keten.url}/gemeente/contact", assigned_with_one_contact_missing)

    clock.advance(TWENTY_DAYS)  # past 10 working days; every session has ended meanwhile
    regievoerder = signed_in_again(chromium, keten, clock, regie)
    regievoerder.goto(f"{keten.url}/gemeente/contact")
    expect(regievoerder.get_by_text("1 match zonder bevestigd contact na 10 werkdagen")).to_be_visible()
    row = regievoerder.locator("tbody tr", has_text="Jeugdhulp Amsterdam")
    expect(row).to_contain_text("Te laat")
    look(regievoerder, "regie-contact", screenshots)

    informing = signed_in_again(chromium, keten, clock, school)
    informing.goto(f"{keten.url}/signalen/informeren")
    expect(informing.get_by_text("Te informeren:")).to_contain_text("de jongere")
    expect(informing.get_by_text("Te informeren:")).to_contain_text("de ouder(s)")
    informing.get_by_label("De jongere").check()
    informing.get_by_label("De ouder(s)").check()
    informing.get_by_role("button", name="Informeren vastleggen").click()
    expect(informing.get_by_role("status")).to_contain_text("Vastgelegd")
    wait_for_text(
        informing, f"{keten.url}/signalen/informeren", "Bij al uw signalen is het informeren gedaan"
    )


def signed_in_again(chromium: Browser, keten: Keten, clock: ServerClock, person: Professional) -> Page:
    page = chromium.new_context(locale="nl-NL", viewport={"width": 1100, "height": 900}).new_page()
    sign_in(page, keten.url, person.email, PASSWORD, person.code(clock))
    expect(page.get_by_role("heading", name=f"Welkom, {person.name}")).to_be_visible()
    return page


def assigned_with_one_contact_missing(page: Page) -> bool:
    return page.get_by_text("toegewezen").count() > 0 and page.get_by_text("nog niet").count() == 1


def open_after_match(page: Page, keten: Keten) -> None:
    wait_for(page, f"{keten.url}/na-de-match", lambda shown: shown.get_by_text("Match van").count() > 0)


def confirm_contact(page: Page, keten: Keten) -> None:
    open_after_match(page, keten)
    page.get_by_role("button", name="Contact met de anderen bevestigen").click()
    expect(page.get_by_role("status")).to_contain_text("Vastgelegd")


def wait_for_text(page: Page, url: str, text: str) -> None:
    wait_for(page, url, lambda shown: shown.get_by_text(text).count() > 0)


def wait_for(page: Page, url: str, shows: Callable[[Page], bool]) -> None:
    """Opens `url` until it `shows` what is asked: a page reads a view, which follows a step shortly."""
    wait_until(lambda: page.goto(url) is not None and shows(page), LIVE / 1000, f"{url} as expected")

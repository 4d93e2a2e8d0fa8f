"""By keyboard alone, with a focus one can see: sign in and register a signal. And axe-core itself
is shown to refuse a page that breaks its rules, so its silence on keten's pages means something."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from tests.browser.a11y import accessible
from tests.browser.people import PASSWORD, Admin, ServerClock, activate
from tests.e2e.harness import Keten
from tests.random_refs import random_bsn

MAX_TABS = 25


class Keys:
    """Types into whatever has the focus, as a person at a keyboard does."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)


FOCUS_STYLE = """() => { const s = getComputedStyle(document.activeElement);
  return {outline: s.outlineStyle, width: parseFloat(s.outlineWidth), shadow: s.boxShadow,
    element: document.activeElement.outerHTML.slice(0, 80)}; }"""


def test_axe_core_refuses_a_field_without_a_label(context: BrowserContext) -> None:
    page = context.new_page()
    page.set_content('<html lang="nl"><head><title>t</title></head><body><main><input></main></body></html>')
    with pytest.raises(AssertionError, match="label"):
        accessible(page)


def test_sign_in_and_a_signal_by_keyboard_alone_with_visible_focus(
    keten: Keten, admin: Admin, clock: ServerClock, context: BrowserContext
) -> None:
    mentor, page = admin.invite("Het Amstel Lyceum", sector="ONDERWIJS"), context.new_page()
    activate(page, mentor, clock)
    page.goto(f"{keten.url}/aanmelden")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Naar de inhoud")).to_be_focused()
    tab_to(page, "#email").type(mentor.email)
    tab_to(page, "#password").type(PASSWORD)
    tab_to(page, "#code").type(mentor.code(clock))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=f"Welkom, {mentor.name}")).to_be_visible()

    tab_to(page, "main a[href='/signalen/nieuw']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/signalen/nieuw")
    tab_to(page, "#bsn").type(random_bsn())
    tab_to(page, "#birthDate").type("17052012")  # a date field takes its parts from the keyboard
    tab_to(page, "#municipalityCode").type("GM0363")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Uw signaal is geregistreerd")


def tab_to(page: Page, selector: str) -> Keys:
    """Presses Tab until the element has the focus, checking at every stop that it shows."""
    target = page.locator(selector)
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_STYLE)
        assert focus["outline"] != "none" and focus["width"] >= 2, f"focus not visible: {focus}"
        if target.evaluate("element => element === document.activeElement"):
            return Keys(page)
    raise AssertionError(f"{selector} not reached with {MAX_TABS} presses of Tab")

"""How a person works the case pages in Chromium: sign in, open a step, fill its form by its
labels, send it, and read what the page says — nothing but what a person sees and does."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect
from tests.browser.a11y import accessible
from tests.browser.people import PASSWORD, Professional, ServerClock, activate, sign_in
from tests.e2e.harness import Keten


@dataclass
class Worker:
    """A professional signed in in a browser profile of their own."""

    who: Professional
    page: Page

    def goto(self, base_url: str, path: str) -> Page:
        self.page.goto(f"{base_url}{path}")
        return self.page


class Desks:
    """One browser profile per person (each their own session cookie), closed at the end."""

    def __init__(self, keten: Keten, chromium: Browser, clock: ServerClock) -> None:
        self.keten, self.chromium, self.clock = keten, chromium, clock
        self.contexts: list[BrowserContext] = []

    def sign_in(self, person: Professional) -> Worker:
        context = self.chromium.new_context(locale="nl-NL", viewport={"width": 1100, "height": 900})
        self.contexts.append(context)
        return signed_in(self.keten, context, person, self.clock)

    def close(self) -> None:
        for context in self.contexts:
            context.close()


def signed_in(keten: Keten, context: BrowserContext, person: Professional, clock: ServerClock) -> Worker:
    page = context.new_page()
    activate(page, person, clock)
    sign_in(page, keten.url, person.email, PASSWORD, person.code(clock))
    expect(page.get_by_role("heading", name=re.compile("Welkom"))).to_be_visible()
    return Worker(person, page)


def open_step(page: Page, step: str) -> Locator:
    """The step's disclosure on a case page, opened."""
    section = page.locator(f"#stap-{step}")
    if section.get_attribute("open") is None:
        section.locator("summary").click()
    return section


def take(page: Page, step: str, button: str, **fields: str) -> None:
    """Fills a step's form: text by label, `select:` and `radio:` prefixes choose; then sends it."""
    form = open_step(page, step)
    for label, value in fields.items():
        name = label.replace("_", " ")
        if value.startswith("select:"):
            form.get_by_label(name).select_option(label=value.removeprefix("select:"))
        elif value.startswith("radio:"):
            form.get_by_role("group", name=name).get_by_label(
                value.removeprefix("radio:"), exact=True
            ).check()
        else:
            form.get_by_label(name).fill(value)
    form.get_by_role("button", name=button).click()
    expect(page.get_by_role("status")).to_contain_text("Vastgelegd")


def reload_until(page: Page, text: str, within: str = "main", timeout: float = 15.0) -> None:
    """The pages read views the pipeline fills within moments: reload until the text shows."""
    deadline = time.monotonic() + timeout
    while text not in page.locator(within).inner_text():
        if time.monotonic() > deadline:
            raise AssertionError(f"{text!r} did not show on {page.url} within {timeout:.0f} s")
        page.wait_for_timeout(200)
        page.reload()


def tab_to(page: Page, target: Locator, limit: int = 300) -> None:
    """Presses Tab until the target has the focus, as a keyboard user would."""
    for _ in range(limit):
        if target.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {target}")


def check_accessible(page: Page) -> None:
    """axe-core (`a11y.accessible`) with every step's disclosure open, so its form is checked too."""
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    accessible(page)

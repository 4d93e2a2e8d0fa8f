"""Every page a browser test visits is checked with axe-core (WCAG 2.1 A/AA rules) and kept as a
screenshot: `look(page, name)`. axe-core comes from the `axe-playwright-python` package, which
bundles it (axe.min.js); Playwright evaluates it over the DevTools protocol, so the pages' strict
CSP needs no exception."""

from __future__ import annotations

from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}
}
REFUSED = ("serious", "critical")
_axe = Axe()


def accessible(page: Page) -> None:
    """Fails with each serious or critical violation: rule, what it means, where."""
    results = _axe.run(page, options={**WCAG_AA, "resultTypes": ["violations"]})
    found = [v for v in results.response["violations"] if v.get("impact") in REFUSED]
    where = [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}" for v in found]
    assert not found, f"axe-core on {page.url}:\n" + "\n".join(where)


def look(page: Page, name: str, screenshots: Path) -> None:
    """axe-core on the page as it is now, then a full-page screenshot `name.png`."""
    accessible(page)
    page.screenshot(path=str(screenshots / f"{name}.png"), full_page=True)

"""Browser fixtures: `keten serve` (per module and store, as in tests/e2e) with a clock the test
can move, and Debian's Chromium driven by Playwright (no browser download: executable_path)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Playwright, sync_playwright
from tests.browser.case_steps import Desks
from tests.browser.people import Admin, ServerClock
from tests.e2e.conftest import e2e_store, serve_keten  # noqa: F401 - the store fixture, re-used
from tests.e2e.harness import Keten
from tests.integration.platform_kit import Store

CHROMIUM = Path(os.environ.get("KETEN_CHROMIUM", "/usr/bin/chromium"))


@pytest.fixture(scope="module")
def clock_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("clock") / "offset"


@pytest.fixture(scope="module")
def keten(e2e_store: Store, clock_file: Path) -> Iterator[Keten]:  # noqa: F811 - e2e_store is a fixture
    yield from serve_keten(e2e_store, {"KETEN_TEST_CLOCK_FILE": str(clock_file)})


@pytest.fixture(scope="module")
def clock(clock_file: Path) -> ServerClock:
    return ServerClock(clock_file)


@pytest.fixture(scope="module")
def admin(keten: Keten) -> Admin:
    return Admin(keten)


# Per module, not per session: Playwright's sync API runs an event loop in this thread while it is
# open, and the async tests of the other suites (run after these) need the thread without one.
@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="module")
def chromium(playwright: Playwright) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: `make test` installs Debian's chromium (apt-get)")
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
    yield browser
    browser.close()


@pytest.fixture
def context(chromium: Browser) -> Iterator[BrowserContext]:
    """A fresh browser profile per test: no cookie of another test's session."""
    opened = chromium.new_context(locale="nl-NL", viewport={"width": 1100, "height": 900})
    yield opened
    opened.close()


@pytest.fixture
def desks(keten: Keten, chromium: Browser, clock: ServerClock) -> Iterator[Desks]:
    """Signs people in, each in a browser profile of their own."""
    opened = Desks(keten, chromium, clock)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where tests write screenshots; KETEN_SCREENSHOTS=docs/screenshots keeps them for the README."""
    wanted = os.environ.get("KETEN_SCREENSHOTS")
    target = Path(wanted) if wanted else tmp_path_factory.mktemp("screenshots")
    target.mkdir(parents=True, exist_ok=True)
    return target

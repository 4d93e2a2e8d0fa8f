"""Ordering of the whole suite.

Playwright's sync API marks an event loop as running in the main thread for as long as it is open,
and pytest (with the module-scoped, parametrised `e2e_store`) can finalise a browser module's
Playwright only after items of other modules have run. An async test of another suite that runs
meanwhile fails with "Runner.run() cannot be called from a running event loop". So the browser
tests run last, after every other suite, in one `pytest tests`.
"""

from __future__ import annotations

import pytest


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser items last, each group in the order pytest chose (a stable sort)."""
    items.sort(key=lambda item: "tests/browser/" in item.nodeid)

"""The dependency rule of ARCHITECTURE.md, checked on the import statements themselves."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
OURS = {"domain", "relay", "matching", "projections", "gateway", "keten"}
# kernel.settings, kernel.sqlstore and kernel.cloudevents are the shared kernel every part may use.
SHARED_KERNEL = {"kernel.settings", "kernel.sqlstore", "kernel.cloudevents"}
FRAMEWORKS = {"faststream", "strawberry", "kafka", "aiokafka", "uvicorn", "starlette", "psycopg", "sqlite3"}


def imports_of(package: str) -> set[tuple[Path, str]]:
    found: set[tuple[Path, str]] = set()
    for path in (SRC / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                found.update((path, alias.name) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add((path, node.module))
    return found


def test_the_domain_imports_nothing_of_ours_outside_the_domain_nor_any_framework() -> None:
    for path, module in imports_of("domain"):
        top = module.split(".")[0]
        assert top not in OURS - {"domain"}, f"{path} imports {module}"
        assert top not in FRAMEWORKS, f"{path} imports {module}"


@pytest.mark.parametrize("package", ["relay", "matching", "projections", "gateway"])
def test_the_parts_import_the_domain_and_the_shared_kernel_never_each_other(package: str) -> None:
    for path, module in imports_of(package):
        top = module.split(".")[0]
        assert top not in OURS - {"domain", "kernel", package}, f"{path} imports {module}"


def test_the_kernel_imports_nothing_of_ours_but_the_domain() -> None:
    for path, module in imports_of("kernel"):
        assert module.split(".")[0] not in OURS - {"domain", "kernel"}, f"{path} imports {module}"

"""README's table of input limits says what the code enforces, field by field."""

from __future__ import annotations

import re
from pathlib import Path

from domain.validation import Text, codes, limits

README = Path(__file__).resolve().parents[3] / "README.md"


def documented_limits() -> set[tuple[str, int]]:
    section = README.read_text().split("### Input limits", 1)[1]
    table = section.split("\n\n| field |", 1)[1].split("\n\n", 1)[0]
    found: set[tuple[str, int]] = set()
    for row in table.splitlines()[2:]:
        fields, _, most = row.strip("|").split("|")
        limit = int(most.strip().replace(",", ""))
        found.update((name, limit) for name in re.findall(r"`([^`]+)`", fields))
    return found


def enforced_limits() -> set[tuple[str, int]]:
    rules = [value for value in vars(limits).values() if isinstance(value, Text)]
    addresses = {("email", codes.MAX_EMAIL), ("phone", codes.MAX_PHONE)}
    return {(rule.field, rule.max_length) for rule in rules} | addresses


def test_every_text_field_and_its_limit_is_in_the_readme_and_nothing_else_is() -> None:
    assert documented_limits() == enforced_limits()

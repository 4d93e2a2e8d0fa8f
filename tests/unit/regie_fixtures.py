"""A matcher's coordination for unit tests: the shipped covenant and calendar, sectors from a dict."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from uuid import UUID

from domain.calendar import load_calendar
from domain.identity.model import Sector
from domain.multisignaal.covenant import CovenantRules, load_covenants
from matching.regie import Regie

DATA = Path(__file__).resolve().parents[2] / "data"
CALENDAR = load_calendar(DATA / "holidays")
SHIPPED_RULES = load_covenants(DATA / "covenants" / "coordination.toml")


def fixed_clock() -> datetime:
    return datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def regie(
    sectors: Mapping[UUID, Sector] | Callable[[UUID], Sector] | None = None,
    rules: CovenantRules = SHIPPED_RULES,
    clock: Callable[[], datetime] = fixed_clock,
) -> Regie:
    """Sectors from a lookup, or a dict where the missing count as OVERIG (ranked last by default)."""
    if callable(sectors):
        return Regie(rules, sectors, CALENDAR, clock)
    known = dict(sectors or {})
    return Regie(rules, lambda organisation: known.get(organisation, Sector.OVERIG), CALENDAR, clock)

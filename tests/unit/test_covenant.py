"""Covenant rules for procescoördinatie: the order, the default, ties, and refusals of a bad file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from uuid import UUID, uuid4

import pytest

from domain.identity.model import Sector
from domain.multisignaal.covenant import (
    Candidate,
    CovenantRules,
    load_covenants,
    parse_covenants,
    propose_coordinator,
)

SHIPPED = Path(__file__).parents[2] / "data" / "covenants" / "coordination.toml"
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def candidate(sector: Sector, minutes: int = 0, organisation: UUID | None = None) -> Candidate:
    return Candidate(uuid4(), organisation or uuid4(), sector, T0 + timedelta(minutes=minutes))


SCHOOL = candidate(Sector.ONDERWIJS, 0)
JEUGDHULP = candidate(Sector.JEUGDHULP, 5)
VEILIG_THUIS = candidate(Sector.VEILIG_THUIS, 10)


def test_the_shipped_default_proposes_veilig_thuis_before_jeugdhulp_before_the_school() -> None:
    rules = load_covenants(SHIPPED)
    order = rules.order_for("GM0363")  # no covenant of its own: the default
    assert propose_coordinator([SCHOOL, JEUGDHULP, VEILIG_THUIS], order) == VEILIG_THUIS
    assert propose_coordinator([SCHOOL, JEUGDHULP], order) == JEUGDHULP


def test_a_municipality_with_its_own_order_follows_it_and_others_the_default() -> None:
    rules = parse_covenants(
        {
            "default": {"order": ["VEILIG_THUIS", "JEUGDHULP"]},
            "municipality": {"GM0599": {"order": ["ONDERWIJS", "VEILIG_THUIS"]}},
        }
    )
    everyone = [SCHOOL, JEUGDHULP, VEILIG_THUIS]
    assert propose_coordinator(everyone, rules.order_for("GM0599")) == SCHOOL
    assert propose_coordinator(everyone, rules.order_for("GM0014")) == VEILIG_THUIS
    assert propose_coordinator(everyone, rules.order_for(None)) == VEILIG_THUIS


def test_a_named_organisation_ranks_where_the_covenant_puts_it() -> None:
    lead = uuid4()
    wijkteam = candidate(Sector.GEMEENTE, 20, organisation=lead)
    order = [f"organisation:{lead}", "VEILIG_THUIS"]
    assert propose_coordinator([VEILIG_THUIS, wijkteam], order) == wijkteam


def test_among_equals_the_first_to_signal_is_proposed() -> None:
    early, late = candidate(Sector.JEUGDHULP, 1), candidate(Sector.JEUGDHULP, 2)
    assert propose_coordinator([late, early], ["JEUGDHULP"]) == early


def test_a_participant_the_order_does_not_mention_comes_after_those_it_does() -> None:
    police = candidate(Sector.POLITIE, 0)
    assert propose_coordinator([police, SCHOOL], ["ONDERWIJS"]) == SCHOOL
    assert propose_coordinator([police, candidate(Sector.ZORG, 5)], ["ONDERWIJS"]) == police


def test_rules_can_be_keyed_by_the_keyed_municipality_reference() -> None:
    rules = CovenantRules(("VEILIG_THUIS",), {"GM0599": ("ONDERWIJS",)}).rekeyed(lambda code: f"ref:{code}")
    assert rules.order_for("ref:GM0599") == ("ONDERWIJS",)
    assert rules.order_for("GM0599") == ("VEILIG_THUIS",)


@pytest.mark.parametrize(
    ("document", "complaint"),
    [
        ({}, r"\[default\]"),
        ({"default": {"order": []}}, "non-empty"),
        ({"default": {"order": ["SCHOOL"]}}, "unknown"),
        ({"default": {"order": ["JGZ", "JGZ"]}}, "repeated"),
        ({"default": {"order": ["organisation:not-a-uuid"]}}, "unknown"),
        ({"default": {"order": ["JGZ"]}, "municipality": {"GM363": {"order": ["JGZ"]}}}, "gemeente code"),
        ({"default": {"order": ["JGZ"]}, "municipality": {"GM٠٣٦٣": {"order": ["JGZ"]}}}, "gemeente code"),
    ],
)
def test_a_bad_covenant_file_is_refused(document: dict[str, object], complaint: str) -> None:
    with pytest.raises(ValueError, match=complaint):
        parse_covenants(document)


def test_a_match_always_has_participants() -> None:
    with pytest.raises(ValueError):
        propose_coordinator([], ["JGZ"])

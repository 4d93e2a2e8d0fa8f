"""The matcher's sector lookup (keten.regie): read from the directory once per organisation,
and an organisation the directory does not know yet is asked again (never remembered)."""

from __future__ import annotations

from typing import Any, cast
from uuid import UUID, uuid4

from tests.unit.regie_fixtures import CALENDAR, fixed_clock

from domain.errors import NotFound
from domain.identity.model import Sector
from domain.multisignaal.pseudonym import Pseudonymiser
from keten.regie import regie_for


class Directory:
    """Counts its reads; knows the organisations put in `sectors`."""

    def __init__(self) -> None:
        self.sectors: dict[UUID, Sector] = {}
        self.reads = 0

    def organisation(self, organisation_id: UUID) -> Any:
        self.reads += 1
        if organisation_id not in self.sectors:
            raise NotFound(f"no organisation {organisation_id}")
        return type("View", (), {"sector": self.sectors[organisation_id]})()


def sector_lookup(directory: Directory) -> Any:
    regie = regie_for(cast(Any, directory), Pseudonymiser(b"p" * 16), CALENDAR, fixed_clock)
    return regie.sector_of


def test_a_sector_is_read_once_per_organisation() -> None:
    directory, school = Directory(), uuid4()
    directory.sectors[school] = Sector.ONDERWIJS
    sector_of = sector_lookup(directory)

    assert [sector_of(school) for _ in range(3)] == [Sector.ONDERWIJS] * 3
    assert directory.reads == 1


def test_an_organisation_not_yet_registered_is_found_once_it_is() -> None:
    directory, later = Directory(), uuid4()
    sector_of = sector_lookup(directory)

    assert sector_of(later) is Sector.OVERIG
    directory.sectors[later] = Sector.JEUGDHULP
    assert sector_of(later) is Sector.JEUGDHULP
    assert directory.reads == 2

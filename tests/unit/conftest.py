"""Fixtures shared by the case-work gateway tests: a gateway on in-memory parts and two agencies."""

from __future__ import annotations

import pytest
from tests.unit.cases_fixtures import CasesGateway, Organisation, build_cases_gateway

from domain.identity.model import OrganisationKind, Role, Sector


@pytest.fixture
def gw() -> CasesGateway:
    return build_cases_gateway()


@pytest.fixture
def vt(gw: CasesGateway) -> Organisation:
    return gw.organisation("Veilig Thuis Midden-Brabant", Sector.VEILIG_THUIS, (Role.VT_MEDEWERKER,))


@pytest.fixture
def school(gw: CasesGateway) -> Organisation:
    return gw.organisation("De Regenboog", Sector.ONDERWIJS, (Role.SIGNALLER,), OrganisationKind.SCHOOL)

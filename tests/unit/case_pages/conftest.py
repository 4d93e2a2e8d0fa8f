"""The fixtures every case-page test starts from: the case web on in-memory parts, a Veilig
Thuis worker and a lokaal team (this `vt` is a page user, not the case gateway's of
tests/unit/conftest.py)."""

from __future__ import annotations

import pytest
from tests.unit.case_web_fixtures import CaseWeb, Person, build_case_web

from domain.identity.model import OrganisationKind, Role, Sector


@pytest.fixture
def cw() -> CaseWeb:
    return build_case_web()


@pytest.fixture
def vt(cw: CaseWeb) -> Person:
    return cw.organisation("Veilig Thuis Brabant", Sector.VEILIG_THUIS, (Role.VT_MEDEWERKER,))


@pytest.fixture
def team(cw: CaseWeb) -> Person:
    return cw.organisation(
        "Wijkteam Tilburg", Sector.GEMEENTE, (Role.SIGNALLER,), OrganisationKind.LOKAAL_TEAM
    )

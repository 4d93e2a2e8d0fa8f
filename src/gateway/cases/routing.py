"""Which Veilig Thuis receives a melding: the one the melder chose, else the one whose region holds
the family's gemeente (the region table, data/regions, and the directory's Veilig Thuis
organisations, each placed by the gemeente it is registered in)."""

from __future__ import annotations

from uuid import UUID

import strawberry

from domain.errors import NotFound
from domain.identity.application import OrganisationView
from domain.identity.model import OrganisationKind, Sector
from domain.regions import MunicipalityRequired, veilig_thuis_serving
from domain.validation import check_municipality_code
from gateway.context import Services
from gateway.identity.types import parse_id


def is_veilig_thuis(organisation: OrganisationView) -> bool:
    return organisation.sector is Sector.VEILIG_THUIS or organisation.kind is OrganisationKind.VEILIG_THUIS


def chosen_veilig_thuis(services: Services, value: strawberry.ID) -> UUID:
    organisation = services.identity.organisation(parse_id(value, "Veilig Thuis organisation"))
    if not is_veilig_thuis(organisation):
        raise NotFound(f"no Veilig Thuis organisation {value}")
    return organisation.id


def receiving_veilig_thuis(
    services: Services, veilig_thuis_id: strawberry.ID | None, municipality_code: str | None
) -> UUID:
    """The melder's choice; without one, the Veilig Thuis of the family's gemeente's region."""
    if veilig_thuis_id is not None:
        return chosen_veilig_thuis(services, veilig_thuis_id)
    if not municipality_code:
        raise MunicipalityRequired("name the Veilig Thuis, or the family's gemeente (municipalityCode)")
    code = check_municipality_code(municipality_code)
    regions = services.cases.regions
    if regions is None:
        raise NotFound("the Veilig Thuis regions are not loaded here: name the Veilig Thuis")
    directory = [(o.id, o.municipality_code) for o in services.identity.organisations() if is_veilig_thuis(o)]
    return veilig_thuis_serving(code, regions, directory)

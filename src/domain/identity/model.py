"""Organisations and their professionals: who may signal, who coordinates, who audits."""

from __future__ import annotations

import re
from enum import Enum
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.errors import DomainError

MUNICIPALITY_CODE = re.compile(r"^GM\d{4}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class Sector(Enum):
    JEUGDHULP = "JEUGDHULP"
    ONDERWIJS = "ONDERWIJS"
    JGZ = "JGZ"
    VEILIG_THUIS = "VEILIG_THUIS"
    GEMEENTE = "GEMEENTE"
    POLITIE = "POLITIE"
    ZORG = "ZORG"
    WMO = "WMO"
    OVERIG = "OVERIG"


class OrganisationKind(Enum):
    """The sociale kaart's kinds of organisation: where a warm handover can go."""

    LOKAAL_TEAM = "LOKAAL_TEAM"
    ZORGAANBIEDER = "ZORGAANBIEDER"
    MDT = "MDT"
    VEILIG_THUIS = "VEILIG_THUIS"
    SCHOOL = "SCHOOL"
    OVERIG = "OVERIG"


class Role(Enum):
    SIGNALLER = "SIGNALLER"
    REGIEVOERDER = "REGIEVOERDER"
    VT_MEDEWERKER = "VT_MEDEWERKER"
    AUDITOR = "AUDITOR"
    ADMIN = "ADMIN"


class Organisation(Aggregate):
    @event("Registered")
    def __init__(
        self, name: str, sector: Sector, municipality_code: str, kind: OrganisationKind | None = None
    ) -> None:
        self.name = name
        self.sector = sector
        self.municipality_code = municipality_code
        self.kind = kind  # optional: organisations registered before kinds existed have none


class Professional(Aggregate):
    @event("Registered")
    def __init__(
        self,
        organisation_id: UUID,
        name: str,
        email: str,
        phone: str | None,
        roles: tuple[Role, ...],
    ) -> None:
        self.organisation_id = organisation_id
        self.name = name
        self.email = email
        self.phone = phone
        self.roles = tuple(roles)


def check_municipality_code(code: str) -> str:
    if not MUNICIPALITY_CODE.match(code):
        raise InvalidMunicipality(f"municipality code must be GM followed by 4 digits, got {code!r}")
    return code


def check_contact(name: str, email: str, roles: tuple[Role, ...]) -> None:
    if not name.strip():
        raise InvalidInput("a professional needs a name")
    if not EMAIL.match(email):
        raise InvalidInput(f"not an e-mail address: {email!r}")
    if not roles:
        raise InvalidInput("a professional needs at least one role")


class InvalidMunicipality(DomainError):
    code = "INVALID_MUNICIPALITY"


class InvalidInput(DomainError):
    code = "BAD_USER_INPUT"

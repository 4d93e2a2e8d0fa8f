"""Organisations and their professionals: who may signal, who coordinates, who audits."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.errors import DomainError
from domain.validation import check_count, check_email, check_municipality_code, check_phone, limits

__all__ = ["check_municipality_code"]  # re-exported: the directory's codes are the validation's


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


@dataclass(frozen=True)
class Contact:
    """A professional's name, e-mail address, phone and roles, as they are stored."""

    name: str
    email: str
    phone: str | None
    roles: tuple[Role, ...]


def check_contact(name: str, email: str, phone: str | None, roles: tuple[Role, ...]) -> Contact:
    """The contact details to store: name trimmed, roles once each; refuses what breaks a rule."""
    checked_name, checked_email = limits.PROFESSIONAL_NAME.check(name), check_email(email)
    # Spaces around a number are a form's doing; any other character is refused, not dropped.
    checked_phone = check_phone(phone.strip(" ")) if phone and phone.strip(" ") else None
    check_count(roles, "roles", len(Role))
    if not roles:
        raise InvalidInput("a professional needs at least one role")
    return Contact(checked_name, checked_email, checked_phone, tuple(dict.fromkeys(roles)))


class InvalidInput(DomainError):
    code = "BAD_USER_INPUT"

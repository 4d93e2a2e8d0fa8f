"""GraphQL types of the directory: organisations, professionals, contact details."""

from __future__ import annotations

from uuid import UUID

import strawberry

from domain.identity.application import IdentityApplication, OrganisationView, ProfessionalView
from domain.identity.model import OrganisationKind as DomainOrganisationKind
from domain.identity.model import Role as DomainRole
from domain.identity.model import Sector as DomainSector

Sector = strawberry.enum(DomainSector, name="Sector")
Role = strawberry.enum(DomainRole, name="Role")
OrganisationKind = strawberry.enum(DomainOrganisationKind, name="OrganisationKind")


@strawberry.type
class Organisation:
    id: strawberry.ID
    name: str
    sector: Sector  # type: ignore[valid-type]
    municipality_code: str
    kind: OrganisationKind | None  # type: ignore[valid-type]

    @classmethod
    def of(cls, view: OrganisationView) -> Organisation:
        return cls(
            id=strawberry.ID(str(view.id)),
            name=view.name,
            sector=view.sector,
            municipality_code=view.municipality_code,
            kind=view.kind,
        )


@strawberry.type
class Contact:
    name: str
    email: str
    phone: str | None

    @classmethod
    def of(cls, view: ProfessionalView) -> Contact:
        return cls(name=view.name, email=view.email, phone=view.phone)


@strawberry.type
class Professional:
    id: strawberry.ID
    name: str
    email: str
    phone: str | None
    roles: list[Role]  # type: ignore[valid-type]
    organisation: Organisation

    @classmethod
    def of(cls, view: ProfessionalView, identity: IdentityApplication) -> Professional:
        return cls(
            id=strawberry.ID(str(view.id)),
            name=view.name,
            email=view.email,
            phone=view.phone,
            roles=list(view.roles),
            organisation=Organisation.of(identity.organisation(view.organisation_id)),
        )


@strawberry.type
class ProfessionalRegistration:
    professional: Professional
    token: str
    activation_link: str | None = strawberry.field(
        description="One-time link (72 h) to set a password and enrol TOTP for the web pages; null "
        "where the web pages are not served."
    )


@strawberry.input
class RegisterOrganisationInput:
    name: str
    sector: Sector  # type: ignore[valid-type]
    municipality_code: str
    kind: OrganisationKind | None = None  # type: ignore[valid-type]


@strawberry.input
class RegisterProfessionalInput:
    organisation_id: strawberry.ID
    name: str
    email: str
    roles: list[Role]  # type: ignore[valid-type]
    phone: str | None = None


def parse_id(value: str, label: str) -> UUID:
    from domain.errors import NotFound

    try:
        return UUID(str(value))
    except ValueError:
        raise NotFound(f"no {label} {value}") from None

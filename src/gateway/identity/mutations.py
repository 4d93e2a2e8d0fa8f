"""Admin-only: register organisations and professionals (and hand out their tokens)."""

from __future__ import annotations

import strawberry

from domain.identity.model import Role as DomainRole
from gateway.context import Context
from gateway.identity.types import (
    Organisation,
    Professional,
    ProfessionalRegistration,
    RegisterOrganisationInput,
    RegisterProfessionalInput,
    parse_id,
)

Info = strawberry.Info[Context, None]


@strawberry.type
class IdentityMutation:
    @strawberry.mutation(
        description="ADMIN: register an organisation with its sector, municipality and (optional) kind."
    )
    def register_organisation(self, info: Info, input: RegisterOrganisationInput) -> Organisation:
        info.context.principal.require(DomainRole.ADMIN)
        identity = info.context.services.identity
        organisation_id = identity.register_organisation(
            input.name, input.sector, input.municipality_code, input.kind
        )
        return Organisation.of(identity.organisation(organisation_id))

    @strawberry.mutation(description="ADMIN: register a professional; returns their bearer token.")
    def register_professional(self, info: Info, input: RegisterProfessionalInput) -> ProfessionalRegistration:
        info.context.principal.require(DomainRole.ADMIN)
        services = info.context.services
        professional_id = services.identity.register_professional(
            parse_id(input.organisation_id, "organisation"),
            input.name,
            input.email,
            input.phone,
            tuple(input.roles),
        )
        view = services.identity.professional(professional_id)
        token = services.issuer.issue(view.id, view.organisation_id, view.roles, services.clock())
        web, now = services.web_store, services.clock()
        link = web.accounts.invite(str(view.id), view.email, now) if web is not None else None
        return ProfessionalRegistration(
            professional=Professional.of(view, services.identity), token=token, activation_link=link
        )

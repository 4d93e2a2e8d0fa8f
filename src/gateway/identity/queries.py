"""Who am I: the professional behind the token."""

from __future__ import annotations

import strawberry

from gateway.context import Context
from gateway.identity.types import Professional

Info = strawberry.Info[Context, None]


@strawberry.type
class IdentityQuery:
    @strawberry.field(description="The professional behind the bearer token.")
    def me(self, info: Info) -> Professional:
        services = info.context.services
        professional_id = info.context.principal.professional
        view = services.identity.professional(professional_id)
        # The data subject of `me` is the professional themself.
        info.context.trail.read([str(professional_id)], "professional.me")
        return Professional.of(view, services.identity)

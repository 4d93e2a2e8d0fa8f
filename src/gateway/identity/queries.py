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
        view = services.identity.professional(info.context.principal.professional)
        return Professional.of(view, services.identity)

"""Revoking bearer tokens by their id (the `jti` claim): from then on refused everywhere."""

from __future__ import annotations

import strawberry

from domain.identity.model import Role
from gateway.context import Context

Info = strawberry.Info[Context, None]


@strawberry.type
class TokenMutation:
    @strawberry.mutation(
        description="ADMIN: revoke any bearer token by its id (its jti claim); a professional: a token "
        "issued to them. The token is refused from then on, by every gateway and open subscription."
    )
    def revoke_token(self, info: Info, token_id: strawberry.ID) -> bool:
        principal, services = info.context.principal, info.context.services
        by = None if Role.ADMIN in principal.roles else principal.professional
        services.identity.revoke_token(str(token_id), by, services.clock())
        return True

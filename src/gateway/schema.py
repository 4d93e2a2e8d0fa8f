"""The GraphQL schema: one slice per feature, joined; limits on, internals masked."""

from __future__ import annotations

import strawberry
from strawberry.extensions import MaxAliasesLimiter, MaxTokensLimiter, QueryDepthLimiter
from strawberry.tools import merge_types

from gateway.cases.mutations_handover import HandoverMutation, PlanMutation
from gateway.cases.mutations_melding import MeldingMutation
from gateway.cases.mutations_services import ServicesMutation
from gateway.cases.queries import CasesQuery
from gateway.errors import DomainErrors, KetenSchema
from gateway.identity.mutations import IdentityMutation
from gateway.identity.queries import IdentityQuery
from gateway.multisignaal.mutations import MultisignaalMutation
from gateway.multisignaal.queries import MultisignaalQuery
from gateway.multisignaal.subscriptions import MultisignaalSubscription

Query = merge_types("Query", (IdentityQuery, MultisignaalQuery, CasesQuery))
Mutation = merge_types(
    "Mutation",
    (
        IdentityMutation,
        MultisignaalMutation,
        MeldingMutation,
        ServicesMutation,
        HandoverMutation,
        PlanMutation,
    ),
)
Subscription = merge_types("Subscription", (MultisignaalSubscription,))


def build_schema() -> strawberry.Schema:
    return KetenSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        extensions=[
            QueryDepthLimiter(max_depth=10),  # type: ignore[list-item]
            MaxTokensLimiter(max_token_count=2000),  # type: ignore[list-item]
            MaxAliasesLimiter(max_alias_count=15),  # type: ignore[list-item]
            DomainErrors,
        ],
    )


schema = build_schema()

"""The GraphQL schema: one slice per feature, joined; limits on, internals masked."""

from __future__ import annotations

import strawberry
from strawberry.extensions import MaxAliasesLimiter, MaxTokensLimiter, QueryDepthLimiter
from strawberry.tools import merge_types

from gateway.access.extension import AccessLogExtension
from gateway.access.mutations import AccessMutation
from gateway.access.queries import AccessQuery
from gateway.audit.export import SubjectAccessQuery
from gateway.audit.queries import AuditQuery
from gateway.cases.consulted import ConsultedQuery
from gateway.cases.mutations_handover import HandoverMutation, PlanMutation
from gateway.cases.mutations_melding import MeldingMutation
from gateway.cases.mutations_services import ServicesMutation
from gateway.cases.queries import CasesQuery
from gateway.errors import DomainErrors, KetenSchema
from gateway.identity.mutations import IdentityMutation
from gateway.identity.queries import IdentityQuery
from gateway.multisignaal.logbook import LogbookQuery
from gateway.multisignaal.mutations import MultisignaalMutation
from gateway.multisignaal.queries import MultisignaalQuery
from gateway.multisignaal.subscriptions import MultisignaalSubscription

Query = merge_types(
    "Query",
    (
        IdentityQuery,
        MultisignaalQuery,
        CasesQuery,
        ConsultedQuery,
        AuditQuery,
        AccessQuery,
        LogbookQuery,
        SubjectAccessQuery,
    ),
)
Mutation = merge_types(
    "Mutation",
    (
        IdentityMutation,
        MultisignaalMutation,
        MeldingMutation,
        ServicesMutation,
        HandoverMutation,
        PlanMutation,
        AccessMutation,
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
            AccessLogExtension,  # before DomainErrors: a failure to log is masked like any other
            DomainErrors,
        ],
    )


schema = build_schema()

"""The GraphQL schema: one slice per feature, joined; limits on, internals masked."""

from __future__ import annotations

from collections.abc import Iterator

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    MaxAliasesLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)
from strawberry.tools import merge_types

from gateway.access.extension import AccessLogExtension
from gateway.access.mutations import AccessMutation
from gateway.access.queries import AccessQuery
from gateway.audit.export import SubjectAccessQuery
from gateway.audit.queries import AuditQuery
from gateway.cases.adviezen import AdviesQuery
from gateway.cases.consulted import ConsultedQuery
from gateway.cases.mutations_handover import HandoverMutation, PlanMutation
from gateway.cases.mutations_melding import MeldingMutation
from gateway.cases.mutations_services import ServicesMutation
from gateway.cases.mutations_transfer import TransferMutation, TransferQuery
from gateway.cases.queries import CasesQuery
from gateway.errors import DomainErrors, KetenSchema
from gateway.identity.mutations import IdentityMutation
from gateway.identity.queries import IdentityQuery
from gateway.identity.tokens import TokenMutation
from gateway.leaf_execution import LeafExecution
from gateway.multisignaal.informing import InformingMutation
from gateway.multisignaal.logbook import LogbookQuery
from gateway.multisignaal.mutations import MultisignaalMutation
from gateway.multisignaal.queries import MultisignaalQuery
from gateway.multisignaal.regie import RegieMutation, RegieQuery
from gateway.multisignaal.subscriptions import MultisignaalSubscription
from gateway.operations import OperationTiming
from gateway.plain_fields import read_attributes_directly

Query = merge_types(
    "Query",
    (
        IdentityQuery,
        MultisignaalQuery,
        CasesQuery,
        ConsultedQuery,
        AdviesQuery,
        AuditQuery,
        AccessQuery,
        LogbookQuery,
        SubjectAccessQuery,
        RegieQuery,
        TransferQuery,
    ),
)
Mutation = merge_types(
    "Mutation",
    (
        IdentityMutation,
        TokenMutation,
        MultisignaalMutation,
        MeldingMutation,
        ServicesMutation,
        HandoverMutation,
        PlanMutation,
        AccessMutation,
        RegieMutation,
        InformingMutation,
        TransferMutation,
    ),
)
Subscription = merge_types("Subscription", (MultisignaalSubscription,))


MAX_TOKENS = 2000
MAX_DOCUMENT_LENGTH = 32 * 1024  # characters: a document is short; its texts travel as variables


class ParseLimits(SchemaExtension):
    """Limits what the parser reads: tokens counted with comments (graphql-core counts them
    under `max_tokens`), and the document's length, which also bounds whitespace."""

    def on_operation(self) -> Iterator[None]:
        options: dict[str, int] = self.execution_context.parse_options  # type: ignore[assignment]
        options.update(max_tokens=MAX_TOKENS, max_source_length=MAX_DOCUMENT_LENGTH)
        yield


class CachedParsing(ParserCache):
    """strawberry's ParserCache, except for a document that does not parse: its error escapes
    the operation (and so DomainErrors, which gives it BAD_USER_INPUT) when raised here, so such a
    document is left to strawberry's own parse, which reports it as an ordinary input error."""

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        try:
            context.graphql_document = self.cached_parse_document(context.query, **context.parse_options)
        except GraphQLError:
            context.graphql_document = None
        yield


def build_schema() -> strawberry.Schema:
    built = KetenSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        execution_context_class=LeafExecution,
        extensions=[
            OperationTiming,  # first: its time covers the others' work too
            QueryDepthLimiter(max_depth=10),  # type: ignore[list-item]
            ParseLimits,
            MaxAliasesLimiter(max_alias_count=15),  # type: ignore[list-item]
            # Clients send a few documents over and over: each is parsed and validated once
            # (bounded LRU caches; a document that fails to parse is never cached).
            CachedParsing(maxsize=256),  # type: ignore[list-item]
            ValidationCache(maxsize=256),  # type: ignore[list-item]
            AccessLogExtension,  # before DomainErrors: a failure to log is masked like any other
            DomainErrors,
        ],
    )
    read_attributes_directly(built)
    return built


schema = build_schema()

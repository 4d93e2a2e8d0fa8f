"""Times every GraphQL operation, labelled by the schema field it asks for.

The label is a root field of the schema (`myMatches`, `registerSignal`, …) or one of a few
fixed words, never a name a client chose (an operation's own name is free text): the
histogram's label set stays as small as the schema.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from functools import cache

from graphql import DocumentNode, FieldNode, GraphQLSchema, OperationDefinitionNode
from strawberry.extensions import SchemaExtension

from kernel.metrics import REQUEST_SECONDS

SEVERAL, INTROSPECTION, INVALID = "several", "introspection", "invalid"


class OperationTiming(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        started = time.perf_counter()
        yield
        context = self.execution_context
        label = operation_label(context.schema._schema, context.graphql_document, context.operation_name)
        REQUEST_SECONDS.labels(label).observe(time.perf_counter() - started)


def operation_label(schema: GraphQLSchema, document: DocumentNode | None, name: str | None) -> str:
    """The root field the operation asks for, `several` for more than one, `introspection` for
    schema questions only, `invalid` when it did not parse or names no field of the schema."""
    operation = _chosen(document, name)
    if operation is None:
        return INVALID
    fields = {s.name.value for s in operation.selection_set.selections if isinstance(s, FieldNode)}
    asked = fields - {"__typename"}
    if not asked:
        return INTROSPECTION if fields else INVALID
    if all(field.startswith("__") for field in asked):
        return INTROSPECTION
    if len(asked) > 1:
        return SEVERAL
    (field,) = asked
    return field if field in _root_fields(schema) else INVALID


def _chosen(document: DocumentNode | None, name: str | None) -> OperationDefinitionNode | None:
    if document is None:
        return None
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if name is not None:
        operations = [o for o in operations if o.name is not None and o.name.value == name]
    return operations[0] if len(operations) == 1 else None


@cache
def _root_fields(schema: GraphQLSchema) -> frozenset[str]:
    roots = (schema.query_type, schema.mutation_type, schema.subscription_type)
    return frozenset(field for root in roots if root is not None for field in root.fields)

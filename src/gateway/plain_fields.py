"""A field that only reads an attribute is resolved by reading the attribute.

strawberry resolves a field without a resolver of its own through four calls per value (its
basic-field wrapper, the field's `get_result`, the default resolver and the `python_name`
property). An answer is mostly such fields: `deadlines` for 1,000 open cases reads 4,000
of them, and those calls were about a tenth of its time. Here each such field of the built
schema gets one function that reads its attribute, and nothing else changes: a field with a
resolver or a field extension (a permission is one) keeps strawberry's own path, and so does every
field when the schema has exception handlers or another default resolver than `getattr`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeGuard

import strawberry
from graphql import GraphQLObjectType, GraphQLOutputType
from strawberry.resolvers import is_default_resolver
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.field import StrawberryField

from gateway.leaf_execution import Leaf
from gateway.plain_completion import leaf_plan

Resolve = Callable[..., Any]


def read_attributes_directly(schema: strawberry.Schema) -> int:
    """Gives every plain field of `schema` a direct attribute read; returns how many."""
    if schema.config.default_resolver is not getattr or _has_exception_handlers(schema):
        return 0
    changed = 0
    for graphql_type in schema._schema.type_map.values():
        if isinstance(graphql_type, GraphQLObjectType) and not graphql_type.name.startswith("__"):
            for field in graphql_type.fields.values():
                definition = (field.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
                if _is_plain(definition, field.resolve):
                    field.resolve = attribute_reader(definition.python_name, field.type)
                    changed += 1
    return changed


def attribute_reader(name: str, answers: GraphQLOutputType | None = None) -> Resolve:
    """Reads the attribute; marked with the attribute it reads (`gateway.plain_completion` plans
    with it), and with its `Leaf` when it answers a scalar or an enum, which
    `gateway.leaf_execution` then completes without calling it."""

    def read(source: Any, info: Any, **arguments: Any) -> Any:
        return getattr(source, name)

    read._is_default = True  # type: ignore[attr-defined]  # what strawberry's tracing looks for
    read.attribute = name  # type: ignore[attr-defined]  # what gateway.plain_completion reads
    complete = leaf_plan(answers) if answers is not None else None
    if complete is not None:
        read.leaf = Leaf(name, complete)  # type: ignore[attr-defined]
    return read


def _is_plain(definition: Any, resolve: Resolve | None) -> TypeGuard[StrawberryField]:
    return (
        isinstance(definition, StrawberryField)
        and definition.is_basic_field
        and resolve is not None
        and is_default_resolver(resolve)
    )


def _has_exception_handlers(schema: strawberry.Schema) -> bool:
    # strawberry wraps even a plain field when a handler's error type could be its result; a
    # strawberry that keeps its handlers elsewhere is taken to have some (its own path stays)
    specs = getattr(schema.schema_converter, "_exception_handler_specs", None)
    return specs is None or bool(specs)

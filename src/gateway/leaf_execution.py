"""A plain leaf field, a scalar or an enum read from an attribute, is completed in place.

graphql-core executes every field alike: it builds the field's resolve info (strawberry's own
class, fourteen arguments), calls the resolver, asks whether the result is awaitable, and walks
`complete_value`'s type checks down to the scalar's coercion. Most fields of an answer are
leaves read from an attribute (`deadlines` for 1,000 open cases: 4,000 of its 5,001), and none
of them needs more than the read and the coercion. Such a field (`gateway.plain_fields` marks
its reader with a `Leaf`) is read and completed here by its plan (`gateway.plain_completion`,
which also completes whole plain values). Whatever is not plain goes graphql-core's
own way, so its answer and its errors are what they were: a missing attribute, a null where
the type forbids one, an error as the value, a coercion that fails or gives nothing, arguments
on the field, and every field while a middleware (a schema extension's `resolve`) is present.

A value whose whole answer is plain fields is completed by a plan (`gateway.plain_completion`),
which gives the value back to graphql-core's own path wherever that path would say more.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphql import GraphQLObjectType, GraphQLOutputType
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from gateway.plain_completion import GIVE_UP, Plan, Planner


@dataclass(frozen=True, slots=True)
class Leaf:
    attribute: str  # the Python name the field reads
    complete: Plan  # its value as graphql-core answers it, or GIVE_UP (`plain_completion.leaf_plan`)


class LeafExecution(StrawberryGraphQLCoreExecutionContext):
    """strawberry's execution, with plain leaf fields completed in place."""

    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: Any,
        path: Any,
        position_context: Any = None,
    ) -> Any:
        node = field_details_list[0].node
        field = parent_type.fields.get(node.name.value)
        leaf = getattr(field.resolve, "leaf", None) if field is not None else None
        if isinstance(leaf, Leaf) and not node.arguments and not self._has_middleware():
            found = getattr(source, leaf.attribute, GIVE_UP)
            done = GIVE_UP if found is GIVE_UP else leaf.complete(found)
            if done is not GIVE_UP:
                return done
        return super().execute_field(parent_type, source, field_details_list, path, position_context)

    def complete_value(
        self,
        return_type: GraphQLOutputType,
        field_details_list: Any,
        info: Any,
        path: Any,
        result: Any,
        position_context: Any = None,
    ) -> Any:
        # No plan inside a deferred fragment (its own delivery), nor under a middleware, which
        # must see every resolver called.
        if position_context is None and not self._has_middleware():
            plan = self._planner().plan(return_type, field_details_list)
            done = GIVE_UP if plan is None else plan(result)
            if done is not GIVE_UP:
                return done
        return super().complete_value(return_type, field_details_list, info, path, result, position_context)

    def _planner(self) -> Planner:
        planner: Planner | None = getattr(self, "_plans", None)
        if planner is None:  # one per operation: its selections depend on fragments and variables
            planner = self._plans = Planner(self.collect_subfields)
        return planner

    def _has_middleware(self) -> bool:
        # strawberry makes a manager for every operation; it wraps resolvers only when it holds
        # a middleware (an extension implementing `resolve`)
        manager = self.middleware_manager
        return manager is not None and bool(manager.middlewares)

"""A value whose whole answer is plain fields is completed in one walk, by a plan.

graphql-core completes an object field by field: it collects the sub-selection, builds each
field's resolve info, calls the field's resolver, asks whether the result is awaitable and
completes it the same way, down to every leaf. Below a resolver most answers are only plain
fields (`gateway.plain_fields`: attribute reads): `myMatches` of 20 matches is 221 fields, all
of them plain but the root, and graphql-core's walk was about half of the request's time.

A plan is made once per operation and selection (the selection depends on the document's
fragments and variables): per object its response keys with the attribute each reads, per list
its items, per scalar or enum its coercion. A plan only answers what graphql-core would answer
without an error. At anything else — a null where the type forbids it, an error as the value, a
missing attribute, a value its scalar refuses, something not a list where a list belongs — it
gives up the whole value and graphql-core completes it again its own way, so errors, their
paths and the nulls they spread are graphql-core's. What is not plain gets no plan: a field with
a resolver or arguments, an interface or a union, a type with `is_type_of`, a deferred fragment.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphql import (
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    Undefined,
    is_leaf_type,
)

GIVE_UP = object()  # graphql-core must complete this value (and say what is wrong with it)
TYPENAME = "__typename"

Plan = Callable[[Any], Any]  # a value → its answer, or GIVE_UP
Collect = Callable[[GraphQLObjectType, Any], Any]  # graphql-core's memoized collect_subfields


class Planner:
    """The plans of one operation, keyed like graphql-core's own sub-selections: by type and by
    the identity of the field list (kept alive with the plan, so its id is not reused)."""

    def __init__(self, collect: Collect) -> None:
        self._collect = collect
        self._plans: dict[tuple[GraphQLOutputType, int], tuple[Any, Plan | None]] = {}

    def plan(self, return_type: GraphQLOutputType, field_details_list: Any) -> Plan | None:
        key = (return_type, id(field_details_list))
        found = self._plans.get(key)
        if found is None:
            found = (field_details_list, self._made(return_type, field_details_list))
            self._plans[key] = found
        return found[1]

    def _made(self, return_type: GraphQLOutputType, field_details_list: Any) -> Plan | None:
        if isinstance(return_type, GraphQLNonNull):
            inner = self._made(return_type.of_type, field_details_list)
            return None if inner is None else _non_null(inner)
        if isinstance(return_type, GraphQLList):
            inner = self._made(return_type.of_type, field_details_list)
            return None if inner is None else _nullable(_list(inner))
        if is_leaf_type(return_type):
            return _nullable(_leaf(return_type))
        if isinstance(return_type, GraphQLObjectType) and return_type.is_type_of is None:
            fields = self._fields(return_type, field_details_list)
            return None if fields is None else _nullable(_object(fields))
        return None  # an interface or a union: graphql-core finds the runtime type

    def _fields(self, parent: GraphQLObjectType, field_details_list: Any) -> list[Field] | None:
        grouped, deferred, *_ = self._collect(parent, field_details_list)
        if deferred:
            return None
        fields: list[Field] = []
        for key, details in grouped.items():
            node = details[0].node
            name = node.name.value
            if name == TYPENAME:
                fields.append((key, None, _constant(parent.name)))
                continue
            field = parent.fields.get(name)
            attribute = getattr(field.resolve, "attribute", None) if field is not None else None
            if field is None or attribute is None or node.arguments:
                return None
            plan = self.plan(field.type, details)
            if plan is None:
                return None
            fields.append((key, attribute, plan))
        return fields


Field = tuple[str, str | None, Plan]  # response key, the attribute read (None: the type's name), its plan


def leaf_plan(answers: GraphQLOutputType) -> Plan | None:
    """The plan of a field that answers a scalar or an enum, non-null or not; None for any other."""
    inner = answers.of_type if isinstance(answers, GraphQLNonNull) else answers
    if not is_leaf_type(inner):
        return None
    plan = _nullable(_leaf(inner))
    return _non_null(plan) if isinstance(answers, GraphQLNonNull) else plan


def _nullable(plan: Plan) -> Plan:
    def complete(value: Any) -> Any:
        if value is None or value is Undefined:
            return None
        return GIVE_UP if isinstance(value, Exception) else plan(value)

    return complete


def _non_null(plan: Plan) -> Plan:
    def complete(value: Any) -> Any:
        done = plan(value)
        return GIVE_UP if done is None else done

    return complete


def _list(plan: Plan) -> Plan:
    def complete(value: Any) -> Any:
        if not isinstance(value, list | tuple):  # graphql-core takes other iterables: its way
            return GIVE_UP
        done = [plan(item) for item in value]
        return GIVE_UP if any(item is GIVE_UP for item in done) else done

    return complete


def _leaf(leaf_type: GraphQLLeafType) -> Plan:
    coerce = leaf_type.coerce_output_value

    def complete(value: Any) -> Any:
        try:
            coerced = coerce(value)
        # graphql-core coerces it again on its own path and raises the error there, located
        except Exception:
            return GIVE_UP
        return GIVE_UP if coerced is None or coerced is Undefined else coerced

    return complete


def _object(fields: list[Field]) -> Plan:
    def complete(value: Any) -> Any:
        answer: dict[str, Any] = {}
        for key, attribute, plan in fields:
            found = value if attribute is None else getattr(value, attribute, GIVE_UP)
            done = GIVE_UP if found is GIVE_UP else plan(found)
            if done is GIVE_UP:
                return GIVE_UP
            answer[key] = done
        return answer

    return complete


def _constant(answer: str) -> Plan:
    return lambda _value: answer

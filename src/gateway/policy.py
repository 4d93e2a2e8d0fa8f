"""Holds the gateway to the need-to-know policy: its schema may serve no field the policy does
not list for the audience of the query that reaches it, and every query that returns data
belongs to an audience. Checked at start-up; a mismatch stops keten with the field's name."""

from __future__ import annotations

import strawberry
from graphql import GraphQLObjectType, GraphQLSchema, GraphQLType, get_named_type

from domain.cases.handover import HandoverStatus
from domain.cases.phase import Phase
from domain.multisignaal.signal import SignalStatus
from domain.policy.need_to_know import Audience, Catalogue, Policy, PolicyError, shipped_policy
from gateway.cases.enums import MeldingStatus

ROOTS = ("Query", "Mutation")
STATES = frozenset(s.value for e in (Phase, HandoverStatus, MeldingStatus, SignalStatus) for s in e)


def policy() -> Policy:
    return shipped_policy()


def audience(name: str) -> Audience:
    return policy()[name]


def enforce(checked: Policy, schema: strawberry.Schema, events: frozenset[str] = frozenset()) -> None:
    """Fails when the policy names something unknown, or the schema serves more than it says."""
    graphql = schema._schema
    checked.check(catalogue(graphql, events))
    claimed = {query for a in checked.audiences.values() for query in a.queries}
    for root, reached in served(graphql).items():
        if reached and root not in claimed:
            raise PolicyError(f"need-to-know policy: query {root!r} returns data but no audience lists it")
    for each in checked.audiences.values():
        _within(each, served(graphql))


def catalogue(graphql: GraphQLSchema, events: frozenset[str]) -> Catalogue:
    types = {
        name: frozenset(t.fields)
        for name, t in graphql.type_map.items()
        if isinstance(t, GraphQLObjectType) and not name.startswith("__") and name not in ROOTS
    }
    roots = frozenset(name for root in ROOTS for name in _root(graphql, root).fields)
    return Catalogue(types, roots, STATES, events)


def served(graphql: GraphQLSchema) -> dict[str, dict[str, frozenset[str]]]:
    """Per root field: every object type it can reach, with all its fields."""
    result: dict[str, dict[str, frozenset[str]]] = {}
    for root in ROOTS:
        for name, root_field in _root(graphql, root).fields.items():
            reached: dict[str, frozenset[str]] = {}
            _reach(root_field.type, reached)
            result[name] = reached
    return result


def _within(each: Audience, served_by: dict[str, dict[str, frozenset[str]]]) -> None:
    for query in sorted(each.queries):
        for type_name, fields in served_by[query].items():
            extra = sorted(f for f in fields if not each.sees(type_name, f))
            if extra:
                raise PolicyError(
                    f"need-to-know policy, audience {each.name!r}: query {query!r} serves "
                    f"{type_name}.{extra[0]}, which the policy does not list"
                )


def _reach(graphql_type: GraphQLType, reached: dict[str, frozenset[str]]) -> None:
    named = get_named_type(graphql_type)
    if not isinstance(named, GraphQLObjectType) or named.name in reached:
        return
    reached[named.name] = frozenset(named.fields)
    for child in named.fields.values():
        _reach(child.type, reached)


def _root(graphql: GraphQLSchema, name: str) -> GraphQLObjectType:
    root = graphql.get_type(name)
    assert isinstance(root, GraphQLObjectType)
    return root

"""The introspection walk: every query of the live schema, with every scalar field it can
reach, asked with a token of every role on a seeded world. A personal value of the world may
appear only in a field the need-to-know policy lists for the audience the query serves, and
only in the fields that carry that value (a BSN never in a dossier line, a name never in the
access log); an error message never carries one at all."""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from typing import Any

from graphql import GraphQLObjectType, get_named_type, is_non_null_type
from tests.unit.walk_fixtures import World, personal_values, seed_world

from gateway.policy import policy
from gateway.schema import schema

DEPTH = 5
AS_OF = "2027-01-01T00:00:00+00:00"
CASE_PARTNER = ("melder", "signaller", "receiver_before_acceptance", "receiver_after_acceptance", "regisseur")
# The audiences a token of each role can be served as (RECEIVER: the lokaal team's professional).
ROLE_AUDIENCES = {
    "SIGNALLER": frozenset({"professional", *CASE_PARTNER}),
    "RECEIVER": frozenset({"professional", *CASE_PARTNER}),
    "REGISSEUR": frozenset({"professional", *CASE_PARTNER}),
    "REGIEVOERDER": frozenset({"professional", "regievoerder"}),
    "VT_MEDEWERKER": frozenset({"professional", "vt_medewerker", "vertrouwensarts", "melder", "signaller"}),
    "AUDITOR": frozenset({"professional", "auditor"}),
    "VERTROUWENSARTS": frozenset({"professional", "vertrouwensarts", "vt_medewerker", "signaller"}),
    "ADMIN": frozenset({"administrator"}),
}
Tree = dict[str, tuple[str, "Tree | None"]]  # field -> (the type it belongs to, its selection)


@dataclass(frozen=True)
class Seen:
    role: str
    query: str
    where: tuple[str, str]


def selection(object_type: GraphQLObjectType, path: frozenset[str] = frozenset()) -> Tree:
    """Every scalar field reachable from the type, depth-limited, without cycles."""
    tree: Tree = {}
    for name, child in object_type.fields.items():
        named = get_named_type(child.type)
        if any(is_non_null_type(a.type) and a.default_value is None for a in child.args.values()):
            continue
        if not isinstance(named, GraphQLObjectType):
            tree[name] = (object_type.name, None)
        elif named.name not in path and len(path) < DEPTH:
            tree[name] = (object_type.name, selection(named, path | {named.name}))
    return tree


def render(tree: Tree) -> str:
    return " ".join(f"{name} {{ {render(sub)} }}" if sub else name for name, (_, sub) in tree.items())


def arguments(world: World, root: str) -> list[dict[str, Any]]:
    """Every combination of seeded values for the query's arguments."""
    candidates: dict[str, list[Any]] = {
        "id": world.case_ids, "caseId": world.case_ids, "asOf": [AS_OF], "bsn": [None, world.bsn],
        "clientId": [None, *world.case_ids], "userId": [None, world.professional_id], "status": [None],
        "personId": world.person_ids, "informingOwed": [None, True],
    }  # fmt: skip
    names = list(_query_type().fields[root].args)
    return [
        dict(zip(names, values, strict=True)) for values in itertools.product(*(candidates[n] for n in names))
    ]


def document(root: str, tree: Tree | None) -> str:
    args = _query_type().fields[root].args
    declared = ", ".join(f"${name}: {arg.type}" for name, arg in args.items())
    passed = ", ".join(f"{name}: ${name}" for name in args)
    head = f"query ({declared})" if declared else "query"
    call = f"{root}({passed})" if passed else root
    return f"{head} {{ {call} {{ {render(tree)} }} }}" if tree else f"{head} {{ {call} }}"


def permitted(role: str, root: str, where: tuple[str, str], carriers: frozenset[tuple[str, str]]) -> bool:
    """A value may show in one of its carriers, listed for an audience of this role serving the query.
    A query answering one scalar (an export as text) is itself the field the policy lists."""
    serving = [a for a in policy().audiences.values() if a.name in ROLE_AUDIENCES[role] and root in a.queries]
    if where == ("Query", root):
        return bool(serving)
    return where in carriers and any(a.sees(*where) for a in serving)


def leaks(
    answer: Any, tree: Tree, values: dict[str, frozenset[tuple[str, str]]]
) -> list[tuple[str, str, str]]:
    """(type, field, value) of every personal value in the answer, wherever it is."""
    if isinstance(answer, list):
        return [leak for item in answer for leak in leaks(item, tree, values)]
    found = []
    for name, (type_name, sub) in tree.items():
        given = None if answer is None else answer.get(name)
        if sub is not None and given is not None:
            found += leaks(given, sub, values)
        elif given is not None:
            text = json.dumps(given, ensure_ascii=False)
            found += [(type_name, name, value) for value in values if value in text]
    return found


async def walk(world: World) -> set[Seen]:
    values, seen = personal_values(), set()
    for root, field in _query_type().fields.items():
        named = get_named_type(field.type)
        tree = selection(named, frozenset({named.name})) if isinstance(named, GraphQLObjectType) else None
        for role, token in world.tokens.items():
            for given in arguments(world, root):
                result = await world.gw.run(token, document(root, tree), **given)
                assert not [v for v in values if v in str(result.errors)], (role, root, result.errors)
                for type_name, name, value in leaks(result.data, {root: ("Query", tree)}, values):
                    allowed = permitted(role, root, (type_name, name), values[value])
                    assert allowed, f"{role} reads {value!r} in {type_name}.{name} through {root}({given})"
                    seen.add(Seen(role, root, (type_name, name)))
    return seen


def _query_type() -> GraphQLObjectType:
    query = schema._schema.query_type
    assert query is not None
    return query


async def test_no_query_shows_any_role_a_personal_value_the_policy_does_not_allow() -> None:
    world = await seed_world()

    seen = await walk(world)

    assert Seen("VT_MEDEWERKER", "case", ("Betrokkene", "bsn")) in seen
    assert Seen("VT_MEDEWERKER", "case", ("DossierEntry", "text")) in seen
    assert Seen("AUDITOR", "caseHistory", ("PersonThen", "name")) in seen
    assert Seen("SIGNALLER", "myMatches", ("Contact", "name")) in seen
    assert Seen("REGIEVOERDER", "municipalityMatches", ("Contact", "name")) in seen
    assert Seen("VERTROUWENSARTS", "consultedCase", ("ConsultedPerson", "name")) in seen
    assert Seen("REGISSEUR", "regiePlans", ("PlanItem", "text")) not in seen  # no personal value there
    assert Seen("ADMIN", "me", ("Professional", "name")) not in seen

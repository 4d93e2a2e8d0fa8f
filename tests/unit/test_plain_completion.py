"""A value whose answer is only plain fields is completed by a plan, in one walk: the answer is
what strawberry's own path answers, and wherever that path would report an error the plan gives
the value back, so the errors, their paths and the nulls they spread are graphql-core's own."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
import strawberry
from graphql import GraphQLObjectType
from strawberry.extensions import SchemaExtension

from gateway.leaf_execution import LeafExecution
from gateway.plain_fields import read_attributes_directly
from gateway.schema import schema as keten_schema


@strawberry.type
class Organisation:
    name: str
    sector: str | None


@strawberry.type
class Contact:
    name: str
    phone: str | None


@strawberry.type
class Counterpart:
    professional_id: strawberry.ID
    organisation: Organisation
    professional: Contact | None
    tags: list[str | None]

    @strawberry.field
    def greeting(self, polite: bool = True) -> str:
        return f"Dear {self.professional.name}" if polite and self.professional else "Hi"


@strawberry.type
class Match:
    id: strawberry.ID
    counterparts: list[Counterpart]
    backup: Counterpart | None


@strawberry.interface
class Named:
    name: str


@strawberry.type
class Team(Named):
    size: int


def counterpart(n: int, **wrong: Any) -> Any:
    good: dict[str, Any] = {
        "professional_id": strawberry.ID(f"p-{n}"),
        "organisation": Organisation(name=f"org {n}", sector=None),
        "professional": Contact(name=f"prof {n}", phone="010"),
        "tags": ["a", None],
    }
    return SimpleNamespace(**(good | wrong))


def match(n: int, *counterparts: Any, backup: Any = None) -> Any:
    return SimpleNamespace(id=strawberry.ID(f"m-{n}"), counterparts=list(counterparts), backup=backup)


GOOD = [match(1, counterpart(1), counterpart(2), backup=counterpart(3)), match(2, counterpart(4))]
WRONG = [
    match(3, counterpart(5, organisation=None)),  # null where the type forbids it, two levels down
    match(4, counterpart(6, organisation=SimpleNamespace(sector="x"))),  # a missing attribute
    match(5, counterpart(7, professional=ValueError("the directory failed"))),  # an error as the value
    match(6, counterpart(8, tags="abc")),  # not a list where a list belongs
    match(7, counterpart(9, professional=Contact(name=7, phone=None))),  # type: ignore[arg-type]  # not a String
    match(8, counterpart(10, professional_id=None)),  # a null leaf where the type forbids it
]
MATCHES: list[Any] = []


@strawberry.type
class Query:
    @strawberry.field
    def matches(self) -> list[Match | None]:
        return MATCHES

    @strawberry.field
    def team(self) -> Named:
        return Team(name="wijkteam", size=4)


FULL = "{ matches { id backup { professionalId } counterparts { professionalId organisation { name sector } professional { name phone } tags } } }"  # noqa: E501


def _schemas(**options: Any) -> tuple[strawberry.Schema, strawberry.Schema]:
    """strawberry on its own, and the same schema as the gateway runs it."""
    own = strawberry.Schema(query=Query, **options)
    fast = strawberry.Schema(query=Query, execution_context_class=LeafExecution, **options)
    read_attributes_directly(fast)
    return own, fast


def _answer(schema: strawberry.Schema, document: str, variables: dict[str, Any] | None = None) -> Any:
    result = schema.execute_sync(document, variable_values=variables)
    errors = sorted((error.message, tuple(error.path or ())) for error in result.errors or ())
    return result.data, errors


@pytest.fixture
def matches() -> Any:
    yield MATCHES
    MATCHES.clear()


DOCUMENTS = [
    (FULL, None),
    (
        "{ matches { ...M } } "
        "fragment M on Match { id first: counterparts { __typename organisation { n: name } } }",
        None,
    ),
    (
        "query($full: Boolean!) "
        "{ matches { id counterparts { professional @include(if: $full) { name } tags } } }",
        {"full": True},
    ),
    (
        "query($full: Boolean!) "
        "{ matches { id counterparts { professional @include(if: $full) { name } tags } } }",
        {"full": False},
    ),
    ("{ matches { counterparts { greeting(polite: false) organisation { name } } } }", None),
    ("{ team { name ... on Team { size } } }", None),
]


@pytest.mark.parametrize(("document", "variables"), DOCUMENTS)
def test_the_answer_and_its_errors_are_strawberrys_own(
    matches: list[Any], document: str, variables: Any
) -> None:
    matches.extend(GOOD + WRONG)
    own, fast = _schemas()

    assert _answer(fast, document, variables) == _answer(own, document, variables)


def test_good_values_are_answered_and_each_wrong_one_is_an_error_at_its_own_path(matches: list[Any]) -> None:
    matches.extend(GOOD + WRONG)
    _, fast = _schemas()

    data, errors = _answer(fast, FULL)

    assert data["matches"][0]["counterparts"][1] == {
        "professionalId": "p-2",
        "organisation": {"name": "org 2", "sector": None},
        "professional": {"name": "prof 2", "phone": "010"},
        "tags": ["a", None],
    }
    assert data["matches"][0]["backup"] == {"professionalId": "p-3"}
    assert data["matches"][2:] == [None, None, {"id": "m-5", "backup": None, "counterparts": [
        {"professionalId": "p-7", "organisation": {"name": "org 7", "sector": None}, "professional": None,
         "tags": ["a", None]}]}, None, {"id": "m-7", "backup": None, "counterparts": [
        {"professionalId": "p-9", "organisation": {"name": "org 9", "sector": None},
         "professional": {"name": "7", "phone": None}, "tags": ["a", None]}]}, None]  # fmt: skip
    assert sorted(path for _, path in errors) == [
        ("matches", 2, "counterparts", 0, "organisation"),
        ("matches", 3, "counterparts", 0, "organisation", "name"),
        ("matches", 4, "counterparts", 0, "professional"),
        ("matches", 5, "counterparts", 0, "tags"),
        ("matches", 7, "counterparts", 0, "professionalId"),
    ]


def test_a_plain_answer_is_completed_without_calling_its_readers(matches: list[Any]) -> None:
    matches.extend(GOOD)
    _, fast = _schemas()
    for name in ("Counterpart", "Organisation", "Contact"):
        graphql_type = fast._schema.type_map[name]
        assert isinstance(graphql_type, GraphQLObjectType)
        for field in graphql_type.fields.values():
            field.resolve = _refusing(field.resolve)

    data, errors = _answer(fast, FULL)

    assert errors == []
    assert data["matches"][1]["counterparts"][0]["organisation"] == {"name": "org 4", "sector": None}


def test_a_field_with_a_resolver_below_keeps_graphql_cores_path_for_its_object(matches: list[Any]) -> None:
    matches.extend(GOOD)
    _, fast = _schemas()
    counterpart_type = fast._schema.type_map["Counterpart"]
    assert isinstance(counterpart_type, GraphQLObjectType)
    counterpart_type.fields["organisation"].resolve = _refusing(
        counterpart_type.fields["organisation"].resolve
    )

    data, errors = _answer(fast, "{ matches { counterparts { greeting organisation { name } } } }")

    assert data is None or data["matches"][0] is None  # the organisation's reader was called
    assert errors and "the reader was called" in errors[0][0]


def _refusing(reader: Any) -> Any:
    def refuse(source: Any, info: Any, **arguments: Any) -> Any:
        raise AssertionError("the reader was called")

    for marker in ("attribute", "leaf"):
        if hasattr(reader, marker):
            setattr(refuse, marker, getattr(reader, marker))
    return refuse


class Louder(SchemaExtension):
    def resolve(self, _next: Any, root: Any, info: Any, *args: Any, **kwargs: Any) -> Any:
        value = _next(root, info, *args, **kwargs)
        return value.upper() if isinstance(value, str) else value


def test_a_middleware_sees_every_field_as_before(matches: list[Any]) -> None:
    matches.extend(GOOD)
    own, fast = _schemas(extensions=[Louder])

    answer = _answer(fast, "{ matches { counterparts { organisation { name } } } }")

    assert answer == _answer(own, "{ matches { counterparts { organisation { name } } } }")
    assert answer[0]["matches"][0]["counterparts"][0]["organisation"] == {"name": "ORG 1"}


def test_the_gateways_matches_are_plain_below_their_resolver() -> None:
    types = keten_schema._schema.type_map
    for name, fields in {"Counterpart": ("organisation", "professional"), "Match": ("counterparts",)}.items():
        graphql_type = types[name]
        assert isinstance(graphql_type, GraphQLObjectType)
        for field in fields:
            assert getattr(graphql_type.fields[field].resolve, "attribute", None) is not None

"""Plain leaf fields completed in place answer exactly what strawberry's own path answers: the
same data, and the same errors at the same paths where a value is missing, null, an error, or
not of its type; a middleware or arguments keep graphql-core's path."""

from __future__ import annotations

import enum
from datetime import date
from types import SimpleNamespace
from typing import Any
from uuid import UUID

import strawberry
from graphql import GraphQLObjectType
from strawberry.extensions import SchemaExtension

from gateway.leaf_execution import LeafExecution
from gateway.plain_fields import read_attributes_directly
from gateway.schema import schema as keten_schema

MISSING = object()


@strawberry.enum
class Kind(enum.Enum):
    TRIAGE = "triage"
    PLAN = "plan"


@strawberry.type
class Row:
    case_id: strawberry.ID
    kind: Kind
    due: date
    person: UUID
    days: int
    note: str | None

    @strawberry.field
    def shifted(self, by: int = 1) -> int:
        return self.days + by


GOOD: dict[str, Any] = {
    "case_id": strawberry.ID("c-1"), "kind": Kind.PLAN, "due": date(2026, 12, 7), "person": UUID(int=7),
    "days": 3, "note": None,
}  # fmt: skip
# What a view could hand over by mistake, one wrong value per row, each in its own way.
WRONG: dict[str, Any] = {
    "case_id": None,  # null where the type forbids it
    "kind": "not-a-kind",  # no such enum value
    "due": ValueError("the view failed"),  # an error as the value
    "days": "seven",  # not an Int
    "person": MISSING,  # no such attribute
}


def _row(**wrong: Any) -> SimpleNamespace:
    values = GOOD | wrong
    return SimpleNamespace(**{name: value for name, value in values.items() if value is not MISSING})


ROWS: list[Any] = [
    Row(**GOOD),
    _row(note="een notitie"),
    *(_row(**{name: value}) for name, value in WRONG.items()),
]


@strawberry.type
class Query:
    @strawberry.field
    def rows(self) -> list[Row | None]:
        return ROWS


DOCUMENT = "{ rows { caseId kind due person days note shifted(by: 2) } }"


def _schemas(**options: Any) -> tuple[strawberry.Schema, strawberry.Schema]:
    """strawberry on its own, and the same schema as the gateway runs it."""
    own = strawberry.Schema(query=Query, **options)
    fast = strawberry.Schema(query=Query, execution_context_class=LeafExecution, **options)
    read_attributes_directly(fast)
    return own, fast


def _answer(schema: strawberry.Schema) -> tuple[Any, list[tuple[str, tuple[Any, ...]]]]:
    result = schema.execute_sync(DOCUMENT)
    errors = sorted((error.message, tuple(error.path or ())) for error in result.errors or ())
    return result.data, errors


def test_leaves_answer_as_strawberry_does_with_the_same_errors_at_the_same_paths() -> None:
    own, fast = _schemas()

    data, errors = _answer(fast)

    assert (data, errors) == _answer(own)
    good = {"caseId": "c-1", "kind": "PLAN", "due": "2026-12-07", "person": str(UUID(int=7)), "days": 3}
    assert data == {
        "rows": [good | {"note": None, "shifted": 5}, good | {"note": "een notitie", "shifted": 5}]
        + [None] * len(WRONG)  # a wrong value is an error, and its row null
    }
    assert sorted(path for _, path in errors) == sorted(
        ("rows", row, field) for row, field in enumerate(("caseId", "kind", "due", "days", "person"), start=2)
    )


def test_a_leaf_is_completed_without_calling_its_reader() -> None:
    own, fast = _schemas()
    for schema in (own, fast):
        row = schema._schema.type_map["Row"]
        assert isinstance(row, GraphQLObjectType)
        refuse = _refusing(row.fields["days"].resolve)
        row.fields["days"].resolve = refuse

    assert fast.execute_sync("{ rows { days } }").data["rows"][:2] == [{"days": 3}, {"days": 3}]  # type: ignore[index]
    assert (own.execute_sync("{ rows { days } }").errors or [None])[0] is not None  # no Leaf: called


def _refusing(reader: Any) -> Any:
    def refuse(source: Any, info: Any, **arguments: Any) -> Any:
        raise AssertionError("the reader was called")

    if hasattr(reader, "leaf"):
        refuse.leaf = reader.leaf  # type: ignore[attr-defined]
    return refuse


class Louder(SchemaExtension):
    def resolve(self, _next: Any, root: Any, info: Any, *args: Any, **kwargs: Any) -> Any:
        value = _next(root, info, *args, **kwargs)
        return value.upper() if isinstance(value, str) else value


def test_a_middleware_sees_every_leaf_as_before() -> None:
    own, fast = _schemas(extensions=[Louder])

    answer = fast.execute_sync("{ rows { caseId } }").data

    assert answer == own.execute_sync("{ rows { caseId } }").data
    assert answer["rows"][:2] == [{"caseId": "C-1"}, {"caseId": "C-1"}]  # type: ignore[index]


def test_the_gateways_schema_executes_with_leaves_in_place() -> None:
    assert keten_schema.execution_context_class is LeafExecution
    deadline = keten_schema._schema.type_map["Deadline"]
    assert isinstance(deadline, GraphQLObjectType)
    assert deadline.fields["caseId"].resolve.leaf.attribute == "case_id"  # type: ignore[union-attr]

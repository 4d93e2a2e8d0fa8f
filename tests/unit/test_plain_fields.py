"""A plain field (no resolver, no extension) is answered by reading its attribute directly, and
the answers are the ones strawberry gives on its own path."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import strawberry
from graphql import GraphQLObjectType
from strawberry.extensions import FieldExtension
from strawberry.schema.config import StrawberryConfig

from gateway.plain_fields import read_attributes_directly
from gateway.schema import schema as keten_schema

Resolve = Callable[..., Any]


class Shout(FieldExtension):
    def resolve(self, next_: Resolve, source: Any, info: Any, **kwargs: Any) -> Any:
        return str(next_(source, info, **kwargs)).upper()


@strawberry.type
class Deadline:
    case_id: str
    working_days_left: int
    kind: str = strawberry.field(extensions=[Shout()])

    @strawberry.field
    def overdue(self) -> bool:
        return self.working_days_left < 0


@dataclass
class Row:  # what a view returns: attributes under their Python names
    case_id: str
    working_days_left: int
    kind: str


def _rows() -> list[Deadline]:
    return [Deadline(case_id="c-1", working_days_left=-2, kind="triage")]


@strawberry.type
class Query:
    deadlines: list[Deadline] = strawberry.field(resolver=_rows)


DOCUMENT = "{ deadlines { caseId workingDaysLeft kind overdue } }"


def _field(schema: strawberry.Schema, type_name: str, field_name: str) -> Any:
    graphql_type = schema._schema.type_map[type_name]
    assert isinstance(graphql_type, GraphQLObjectType)
    return graphql_type.fields[field_name]


def test_plain_fields_read_their_attribute_and_answer_as_before() -> None:
    strawberrys, direct = strawberry.Schema(query=Query), strawberry.Schema(query=Query)
    before = {name: _field(direct, "Deadline", name).resolve for name in ("kind", "overdue")}

    assert read_attributes_directly(direct) == 2  # caseId, workingDaysLeft

    assert _field(direct, "Deadline", "caseId").resolve.__qualname__.startswith("attribute_reader")
    for name, resolve in before.items():  # a resolver, an extension: strawberry's own path
        assert _field(direct, "Deadline", name).resolve is resolve
    expected = {"deadlines": [{"caseId": "c-1", "workingDaysLeft": -2, "kind": "TRIAGE", "overdue": True}]}
    assert strawberrys.execute_sync(DOCUMENT).data == expected
    assert direct.execute_sync(DOCUMENT).data == expected


def test_a_field_reads_the_python_name_not_the_graphql_name() -> None:
    reader = _field(_patched(), "Deadline", "workingDaysLeft").resolve

    assert reader(Row("c-2", 3, "plan"), None) == 3


def test_another_default_resolver_keeps_strawberrys_path() -> None:
    def from_mapping(source: Any, name: str) -> Any:
        return source[name] if isinstance(source, dict) else getattr(source, name)

    schema = strawberry.Schema(query=Query, config=StrawberryConfig(default_resolver=from_mapping))

    assert read_attributes_directly(schema) == 0


def test_the_gateways_schema_reads_plain_fields_directly() -> None:
    readers = [
        field
        for graphql_type in keten_schema._schema.type_map.values()
        if isinstance(graphql_type, GraphQLObjectType)
        for field in graphql_type.fields.values()
        if field.resolve is not None and field.resolve.__qualname__.startswith("attribute_reader")
    ]

    assert _field(keten_schema, "Deadline", "caseId") in readers
    assert len(readers) > 100  # ~190 plain fields


def _patched() -> strawberry.Schema:
    schema = strawberry.Schema(query=Query)
    read_attributes_directly(schema)
    return schema

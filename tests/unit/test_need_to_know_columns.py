"""The case views take their columns from the need-to-know policy: a column is filled only
while the policy lists its field for an audience of its table. Both ways: with the shipped
policy every mapped column below is filled; with a copy of the policy without that field the
column is empty in every row, while the table's rows are still built. (A field the GraphQL
schema serves as non-null, such as Betrokkene.name, can only leave the policy together with
the schema: keten refuses to start otherwise.)"""

from __future__ import annotations

from dataclasses import replace

import pytest
from tests.unit.walk_fixtures import seed_world

from domain.policy.need_to_know import Policy, load_policy
from gateway.schema import schema
from projections import cases_columns
from projections.cases_columns import MELDER, RECEIVER, VT, Field, Tables, unseen

CASES = [
    ("vt_betrokkenen", "bsn", ("Betrokkene", "bsn")),
    ("vt_dossier", "sealed", ("DossierEntry", "text")),
    ("vt_cases", "triage_decision", ("VeiligThuisCase", "triageDecision")),
    ("my_meldingen", "received_at", ("MyMelding", "receivedAt")),
    ("receiver_proposals", "proposed_at", ("HandoverProposal", "proposedAt")),
    ("receiver_cases", "regisseur_id", ("HandedOverCase", "regisseurId")),
    ("receiver_plans", "started_at", ("Plan", "startedAt")),
    ("receiver_plan_items", "sealed", ("PlanItem", "text")),
]


def without(field: Field) -> Policy:
    """A copy of the policy file in which no audience may see the field."""
    loaded = load_policy()
    type_name, name = field
    audiences = {
        key: replace(a, fields={**a.fields, type_name: a.fields.get(type_name, frozenset()) - {name}})
        for key, a in loaded.audiences.items()
    }
    return replace(loaded, audiences=audiences)


async def columns() -> dict[tuple[str, str], list[object]]:
    """Every column of CASES, over all rows, after seeding the walk's world."""
    world, found = await seed_world(), {}
    with world.gw.pipeline.db.transaction() as cursor:
        for table, name, _ in CASES:
            cursor.execute(f"SELECT {name} FROM {table}")
            found[table, name] = [value for (value,) in cursor.fetchall()]
    return found


@pytest.mark.parametrize("tables", [VT, MELDER, RECEIVER])
def test_every_mapped_column_holds_a_served_field_the_shipped_policy_lets_its_table_fill(
    tables: Tables,
) -> None:
    for _, mapped in tables.values():
        for type_name, name in mapped.values():
            assert name in schema._schema.type_map[type_name].fields, (type_name, name)  # type: ignore[union-attr]
    assert unseen(tables) == {}


async def test_with_the_shipped_policy_every_column_is_filled() -> None:
    for (table, name), values in (await columns()).items():
        assert any(value is not None for value in values), (table, name)


@pytest.mark.parametrize(("table", "name", "field"), CASES)
async def test_a_column_is_empty_once_the_policy_no_longer_lists_its_field(
    table: str, name: str, field: Field, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cases_columns, "shipped_policy", lambda: without(field))

    narrowed = (await columns())[table, name]

    assert narrowed and all(value is None for value in narrowed), (table, name, narrowed)

"""The matrix for the audiences outside case work, generated from the policy: with its own
token an audience sees every field the policy lists for what its query returns; with the
tokens of the other audiences the same query is refused or answers nothing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from tests.unit.cases_fixtures import CasesGateway, build_cases_gateway
from tests.unit.test_gateway_cases import CASE, recorded_melding
from tests.unit.test_need_to_know_matrix import QUERIES as CASE_QUERIES

from domain.identity.model import Role, Sector
from gateway.policy import audience
from gateway.schema import schema
from kernel.cloudevents import ReceivedEvent

# Per audience: its query (no arguments), the type it returns, and whose token it is.
QUERIES = {
    "signaller": ("myMatches", "Match", "signaller"),
    "regievoerder": ("municipalityMatches", "Match", "regievoerder"),
    "auditor": ("accessLog", "AccessLine", "auditor"),
    "professional": ("me", "Professional", "signaller"),
    "melder": ("whoViewedMyMeldingen", "CaseViewing", "melder"),
}
# The school is melder and a matched signaller at once: its matches are its own to see.
SHARED = {("melder", "signaller")}


@dataclass
class Seeded:
    gw: CasesGateway
    tokens: dict[str, str]


async def seed() -> Seeded:
    gw = build_cases_gateway()
    vt = gw.organisation("Veilig Thuis", Sector.VEILIG_THUIS, (Role.VT_MEDEWERKER,))
    melder = gw.organisation("School", Sector.ONDERWIJS, (Role.SIGNALLER,))
    other = gw.organisation("Jeugdhulp", Sector.JEUGDHULP, (Role.SIGNALLER,))
    regie = gw.organisation("Gemeente", Sector.GEMEENTE, (Role.REGIEVOERDER,))
    auditor = gw.organisation("Toezicht", Sector.OVERIG, (Role.AUDITOR,))
    case_id, _ = await recorded_melding(gw, vt, melder)
    await gw.data(vt.token, CASE, id=case_id)  # a viewing for the melder, a line for the auditor
    ref = gw.gateway.services.pseudonymiser.municipality("GM0855")
    found = match_found([(melder.id, melder.professional_id), (other.id, other.professional_id)], ref)
    gw.gateway.services.matches.handle(found)  # type: ignore[attr-defined]
    gw.gateway.services.regie.handle(found)  # type: ignore[attr-defined]
    gw.gateway.services.regie.handle(proposed(found, other.id, other.professional_id))  # type: ignore[attr-defined]
    tokens = {"signaller": other.token, "melder": melder.token, "regievoerder": regie.token}
    return Seeded(gw, {**tokens, "auditor": auditor.token, "vt": vt.token})


def match_found(who: list[tuple[Any, Any]], ref: str) -> ReceivedEvent:
    since = "2026-11-23T10:00:00+00:00"
    participants = [
        {"organisationId": str(o), "professionalId": str(p), "municipalityRef": ref, "since": since}
        for o, p in who
    ]
    data = {"matchId": "7d3c1b8e-0000-4000-8000-000000000001", "since": since, "participants": participants}
    return ReceivedEvent(
        "/keten/matching", 1, "keten.matching.MatchFound", "k", data, "keten.matches.v1", 0, 0
    )


def proposed(found: ReceivedEvent, organisation: Any, professional: Any) -> ReceivedEvent:
    """The covenant's proposal that follows a match found (the jeugdhulp professional here)."""
    data = {
        "matchId": found.data["matchId"],
        "professionalId": str(professional),
        "organisationId": str(organisation),
        "basis": "DEFAULT_COVENANT",
    }
    return ReceivedEvent(
        "/keten/matching", 2, "keten.matching.CoordinatorProposed", "k", data, "keten.matches.v1", 0, 1
    )


def matrix() -> list[tuple[str, str]]:
    return [
        (name, field)
        for name, (_, type_name, _) in QUERIES.items()
        for field in sorted(audience(name).fields[type_name])
    ]


async def ask(seeded: Seeded, token: str, name: str, field: str) -> list[dict[str, Any]]:
    root, type_name, _ = QUERIES[name]
    object_type: Any = schema._schema.get_type(type_name)
    named = object_type.fields[field].type
    while hasattr(named, "of_type"):
        named = named.of_type
    sub = "{ __typename }" if hasattr(named, "fields") else ""
    result = await seeded.gw.run(seeded.tokens[token], f"{{ answer: {root} {{ {field} {sub} }} }}")
    if result.errors:
        assert result.errors[0].extensions["code"] in ("FORBIDDEN", "NOT_FOUND"), result.errors
        return []
    rows = result.data["answer"]
    return [row for row in (rows if isinstance(rows, list) else [rows]) if row is not None]


@pytest.mark.parametrize(("name", "field"), matrix())
async def test_a_partner_field_is_visible_to_its_audience_only(name: str, field: str) -> None:
    seeded = await seed()
    _, _, own = QUERIES[name]
    rows = await ask(seeded, own, name, field)
    assert rows and all(field in row for row in rows), (name, field)
    for other in {"signaller", "melder", "regievoerder", "auditor", "vt"} - {own}:
        # `me` answers every caller about themself: no one sees another's.
        if (other, name) not in SHARED and name != "professional":
            assert not await ask(seeded, other, name, field), (name, field, other)


def test_the_two_matrices_cover_every_audience_that_has_a_query() -> None:
    from gateway.policy import policy

    served = {name for name, each in policy().audiences.items() if each.queries}
    assert served - set(QUERIES) - set(CASE_QUERIES) == {
        "administrator"
    }  # the directory: test_gateway_identity

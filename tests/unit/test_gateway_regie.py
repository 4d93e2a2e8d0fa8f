"""Coordination and contact after a match over GraphQL, on in-memory parts: the story of the issue
(a school, jeugdhulp and Veilig Thuis), the refusals with their codes, and the access lines."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from tests.random_refs import random_bsn
from tests.unit.gateway_fixtures import NOW, Gateway, build_gateway
from tests.unit.regie_pump import pump

from domain.access.model import AccessKind
from domain.identity.model import Role, Sector
from kernel.cloudevents import ce_value

REGISTER = """
mutation($bsn: String!) {
  registerSignal(input: {bsn: $bsn, birthDate: "2012-05-01", municipalityCode: "GM0363"}) { signal { id } }
}"""
MY_MATCHES = """{ myMatches { id counterparts { professionalId organisation { name } }
  coordination { professionalId status organisation { name sector } professional { name } } } }"""
ACCEPT = "mutation($m: ID!) { acceptCoordination(matchId: $m) { professionalId status } }"
HAND_OVER = """mutation($m: ID!, $p: ID!) {
  handOverCoordination(matchId: $m, professionalId: $p) { professionalId status } }"""
ASSIGN = """mutation($m: ID!, $p: ID!) {
  assignCoordinator(matchId: $m, professionalId: $p) { professionalId status } }"""
CONFIRM = "mutation($m: ID!) { confirmContact(matchId: $m) { matchId confirmedAt } }"
REGIE = """{ regieMatches { id overdue coordination { professionalId status }
  contacts { professionalId organisation { name } since contactDue confirmedAt overdue } } }"""
OVERDUE = "{ matchesWithoutContact { id contacts { organisation { name } confirmedAt overdue } } }"


@dataclass
class Story:
    gateway: Gateway
    tokens: dict[str, str]
    ids: dict[str, str]  # professional ids by organisation
    match_id: str


async def data(gateway: Gateway, token: str, query: str, **variables: Any) -> Any:
    result = await gateway.run(token, query, **variables)
    assert result.errors is None, result.errors
    return result.data


async def code(gateway: Gateway, token: str, query: str, **variables: Any) -> str:
    result = await gateway.run(token, query, **variables)
    assert result.errors, "expected a refusal"
    return str(result.errors[0].extensions["code"])


@pytest.fixture
async def story() -> Story:
    gateway = build_gateway()
    tokens = {
        "school": gateway.professional("Het Baken", (Role.SIGNALLER,), Sector.ONDERWIJS),
        "jeugdhulp": gateway.professional("Jeugdhulp West", (Role.SIGNALLER,), Sector.JEUGDHULP),
        "veilig thuis": gateway.professional("Veilig Thuis", (Role.VT_MEDEWERKER,), Sector.VEILIG_THUIS),
        "regievoerder": gateway.professional("Gemeente", (Role.REGIEVOERDER,), Sector.GEMEENTE),
        "other regievoerder": gateway.professional(
            "Gemeente Elders", (Role.REGIEVOERDER,), Sector.GEMEENTE, "GM0599"
        ),
        "outsider": gateway.professional("JGZ", (Role.SIGNALLER,), Sector.JGZ),
    }
    bsn = random_bsn()
    for name in ("school", "jeugdhulp", "veilig thuis"):
        await data(gateway, tokens[name], REGISTER, bsn=bsn)
    pump(gateway)
    [match] = (await data(gateway, tokens["school"], MY_MATCHES))["myMatches"]
    ids = {c["organisation"]["name"]: c["professionalId"] for c in match["counterparts"]}
    ids["Het Baken"] = str(gateway.services.verifier.verify(tokens["school"], gateway.clock()).professional)
    return Story(gateway, tokens, ids, match["id"])


async def test_veilig_thuis_is_proposed_under_the_default_rules_and_every_participant_sees_it(
    story: Story,
) -> None:
    for name in ("school", "jeugdhulp", "veilig thuis"):
        [match] = (await data(story.gateway, story.tokens[name], MY_MATCHES))["myMatches"]
        assert match["coordination"]["status"] == "PROPOSED"
        assert match["coordination"]["organisation"] == {"name": "Veilig Thuis", "sector": "VEILIG_THUIS"}
        assert match["coordination"]["professionalId"] == story.ids["Veilig Thuis"]


async def test_the_proposed_coordinator_accepts_and_no_one_else_can(story: Story) -> None:
    gw, m = story.gateway, story.match_id
    assert await code(gw, story.tokens["school"], ACCEPT, m=m) == "NOT_COORDINATOR"
    accepted = await data(gw, story.tokens["veilig thuis"], ACCEPT, m=m)
    assert accepted["acceptCoordination"]["status"] == "ACCEPTED"
    assert await code(gw, story.tokens["veilig thuis"], ACCEPT, m=m) == "COORDINATION_ALREADY_ACCEPTED"


async def test_the_coordinator_hands_over_to_a_participant_who_is_then_proposed(story: Story) -> None:
    gw, m, care = story.gateway, story.match_id, story.ids["Jeugdhulp West"]
    handed = await data(gw, story.tokens["veilig thuis"], HAND_OVER, m=m, p=care)
    assert handed["handOverCoordination"] == {"professionalId": care, "status": "PROPOSED"}
    assert (await data(gw, story.tokens["jeugdhulp"], ACCEPT, m=m))["acceptCoordination"][
        "status"
    ] == "ACCEPTED"


async def test_the_regievoerder_of_the_municipality_assigns_and_another_cannot_find_the_match(
    story: Story,
) -> None:
    gw, m, care = story.gateway, story.match_id, story.ids["Jeugdhulp West"]
    assert await code(gw, story.tokens["other regievoerder"], ASSIGN, m=m, p=care) == "NOT_FOUND"
    assert await code(gw, story.tokens["school"], ASSIGN, m=m, p=care) == "FORBIDDEN"
    assigned = await data(gw, story.tokens["regievoerder"], ASSIGN, m=m, p=care)
    assert assigned["assignCoordinator"] == {"professionalId": care, "status": "ASSIGNED"}


async def test_two_of_three_confirm_contact_and_the_third_is_overdue_after_ten_working_days(
    story: Story,
) -> None:
    gw, m = story.gateway, story.match_id
    for name in ("school", "jeugdhulp"):
        await data(gw, story.tokens[name], CONFIRM, m=m)
    pump(gw)
    [match] = (await data(gw, story.tokens["regievoerder"], REGIE))["regieMatches"]
    confirmed = {c["organisation"]["name"]: c["confirmedAt"] is not None for c in match["contacts"]}
    assert confirmed == {"Het Baken": True, "Jeugdhulp West": True, "Veilig Thuis": False}
    # Found on Monday 23 November 2026: due on Monday 7 December, overdue from Tuesday 8 December.
    assert {c["contactDue"] for c in match["contacts"]} == {"2026-12-07"}
    assert (await data(gw, story.tokens["regievoerder"], OVERDUE))["matchesWithoutContact"] == []

    gw.clock.now += timedelta(days=15)  # Tuesday 8 December; the regievoerder logs in again
    regievoerder = gw.token_for(gw.services.verifier.verify(story.tokens["regievoerder"], NOW).professional)
    [late] = (await data(gw, regievoerder, OVERDUE))["matchesWithoutContact"]
    assert late["id"] == m
    assert [c["organisation"]["name"] for c in late["contacts"] if c["overdue"]] == ["Veilig Thuis"]


async def test_a_second_confirmation_keeps_the_first_time(story: Story) -> None:
    gw, m = story.gateway, story.match_id
    first = (await data(gw, story.tokens["school"], CONFIRM, m=m))["confirmContact"]["confirmedAt"]
    gw.clock.now += timedelta(minutes=30)  # the token lives an hour
    again = (await data(gw, story.tokens["school"], CONFIRM, m=m))["confirmContact"]["confirmedAt"]
    assert again == first


@pytest.mark.parametrize(
    ("who", "query", "target", "expected"),
    [
        ("outsider", CONFIRM, None, "NOT_FOUND"),  # not a participant: no such match for them
        ("outsider", ACCEPT, None, "NOT_FOUND"),
        ("regievoerder", CONFIRM, None, "FORBIDDEN"),
        ("veilig thuis", HAND_OVER, "outsider", "NOT_A_PARTICIPANT"),
        ("veilig thuis", HAND_OVER, "Veilig Thuis", "NOT_A_PARTICIPANT"),  # to themself
        ("school", HAND_OVER, "Jeugdhulp West", "NOT_COORDINATOR"),
        ("regievoerder", ASSIGN, "outsider", "NOT_A_PARTICIPANT"),
    ],
)
async def test_a_refused_command_has_its_code_and_stores_nothing(
    story: Story, who: str, query: str, target: str | None, expected: str
) -> None:
    gw, matcher = story.gateway, story.gateway.services.matcher
    target_id = story.ids.get(target or "", "00000000-0000-4000-8000-000000000000")
    before = matcher.recorder.max_notification_id()  # type: ignore[attr-defined]
    assert await code(gw, story.tokens[who], query, m=story.match_id, p=target_id) == expected
    assert matcher.recorder.max_notification_id() == before  # type: ignore[attr-defined]


async def test_an_unknown_match_id_is_not_found(story: Story) -> None:
    unknown = "7d3c1b8e-0000-4000-8000-00000000dead"
    assert await code(story.gateway, story.tokens["school"], CONFIRM, m=unknown) == "NOT_FOUND"


async def test_commands_leave_a_change_line_and_refusals_a_denied_one(story: Story) -> None:
    gw, m = story.gateway, story.match_id
    await data(gw, story.tokens["school"], CONFIRM, m=m)
    await code(gw, story.tokens["outsider"], CONFIRM, m=m)
    lines = [json.loads(ce_value(event)) for event in gw.access.published]
    mine = [(line["kind"], line["rule"]) for line in lines if line["clientId"] == m]
    assert (AccessKind.CHANGE.value, "signaller.confirm_contact") in mine
    assert (AccessKind.DENIED.value, "signaller.confirm_contact") in mine


async def test_the_regievoerder_only_sees_matches_of_the_own_municipality(story: Story) -> None:
    assert (await data(story.gateway, story.tokens["other regievoerder"], REGIE))["regieMatches"] == []
    assert await code(story.gateway, story.tokens["school"], REGIE) == "FORBIDDEN"


async def test_one_answer_reads_the_day_once_however_many_matches_it_lists(story: Story) -> None:
    gw, reads = story.gateway, story.gateway.count_clock_reads()
    gw.clock.now += timedelta(days=15)  # every contact overdue; everyone logs in again
    tokens = {
        name: gw.token_again(story.tokens[name], NOW) for name in ("regievoerder", "school", "jeugdhulp")
    }

    async def clock_reads(query: str) -> int:
        before = reads[0]
        await data(gw, tokens["regievoerder"], query)
        return reads[0] - before

    with_one = [await clock_reads(query) for query in (REGIE, OVERDUE)]
    bsn = random_bsn()
    for name in ("school", "jeugdhulp"):
        await data(gw, tokens[name], REGISTER, bsn=bsn)
    pump(gw)
    gw.clock.now += timedelta(days=15)
    tokens["regievoerder"] = gw.token_again(tokens["regievoerder"], gw.clock.now - timedelta(days=15))

    assert len((await data(gw, tokens["regievoerder"], OVERDUE))["matchesWithoutContact"]) == 2
    # A day per row could straddle midnight within one answer.
    assert [await clock_reads(query) for query in (REGIE, OVERDUE)] == with_one

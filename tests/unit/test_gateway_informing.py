"""Informing over GraphQL, on in-memory parts: what registration says is due, recording it, putting it
off, and `mySignals(informingOwed: true)` listing what is still to do."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from tests.random_refs import random_bsn
from tests.unit.gateway_fixtures import Gateway, build_gateway
from tests.unit.regie_pump import pump

from domain.identity.model import Role

REGISTER = """mutation($bsn: String!, $born: Date!) {
  registerSignal(input: {bsn: $bsn, birthDate: $born, municipalityCode: "GM0363"}) {
    signal { id informing { status inform informed revisitOn owed } } } }"""
RECORD = """mutation($s: ID!, $who: [Informee!]!) {
  recordInforming(signalId: $s, informed: $who) { status inform informed owed } }"""
POSTPONE = """mutation($s: ID!, $reason: String!, $on: Date!) {
  postponeInforming(signalId: $s, reason: $reason, revisitOn: $on) { status revisitOn owed } }"""
OWED = "query($owed: Boolean) { mySignals(informingOwed: $owed) { id informing { status owed } } }"


async def data(gateway: Gateway, token: str, query: str, **variables: Any) -> Any:
    result = await gateway.run(token, query, **variables)
    assert result.errors is None, result.errors
    return result.data


async def code(gateway: Gateway, token: str, query: str, **variables: Any) -> str:
    result = await gateway.run(token, query, **variables)
    assert result.errors, "expected a refusal"
    return str(result.errors[0].extensions["code"])


@pytest.fixture
def gateway() -> Gateway:
    return build_gateway()


async def signal(gateway: Gateway, token: str, born: str) -> dict[str, Any]:
    registered = await data(gateway, token, REGISTER, bsn=random_bsn(), born=born)
    return dict(registered["registerSignal"]["signal"])


@pytest.mark.parametrize(
    ("born", "inform"),
    [
        ("2014-11-24", ["PARENT"]),  # 11 on 23 November 2026: 12 tomorrow
        ("2014-11-23", ["PARENT", "YOUTH"]),  # 12 today
        ("2010-11-24", ["PARENT", "YOUTH"]),  # 15, 16 tomorrow
        ("2010-11-23", ["YOUTH"]),  # 16 today
    ],
)
async def test_registration_says_whom_the_age_band_asks_to_inform(
    gateway: Gateway, born: str, inform: list[str]
) -> None:
    token = gateway.professional("School", (Role.SIGNALLER,))
    registered = await signal(gateway, token, born)
    assert registered["informing"] == {
        "status": "OWED",
        "inform": inform,
        "informed": [],
        "revisitOn": None,
        "owed": True,
    }


async def test_my_signals_lists_those_whose_informing_is_owed_until_it_is_recorded(gateway: Gateway) -> None:
    token = gateway.professional("School", (Role.SIGNALLER,))
    first, second = await signal(gateway, token, "2012-05-01"), await signal(gateway, token, "2012-06-01")
    done = await data(gateway, token, RECORD, s=first["id"], who=["PARENT", "YOUTH"])
    assert done["recordInforming"] == {
        "status": "INFORMED",
        "inform": ["PARENT", "YOUTH"],
        "informed": ["PARENT", "YOUTH"],
        "owed": False,
    }
    pump(gateway)
    owed = (await data(gateway, token, OWED, owed=True))["mySignals"]
    assert [row["id"] for row in owed] == [second["id"]]
    not_owed = (await data(gateway, token, OWED, owed=False))["mySignals"]
    assert [row["id"] for row in not_owed] == [first["id"]]


async def test_a_postponed_informing_is_owed_again_from_its_revisit_date(gateway: Gateway) -> None:
    token = gateway.professional("School", (Role.SIGNALLER,))
    registered = await signal(gateway, token, "2012-05-01")
    later = await data(
        gateway, token, POSTPONE, s=registered["id"], reason="vader is de pleger", on="2026-11-24"
    )
    assert later["postponeInforming"] == {"status": "POSTPONED", "revisitOn": "2026-11-24", "owed": False}
    pump(gateway)
    assert (await data(gateway, token, OWED, owed=True))["mySignals"] == []

    gateway.clock.now += timedelta(days=1)
    token = gateway.token_for(
        gateway.services.verifier.verify(token, gateway.clock() - timedelta(days=1)).professional
    )
    [owed] = (await data(gateway, token, OWED, owed=True))["mySignals"]
    assert owed == {"id": registered["id"], "informing": {"status": "POSTPONED", "owed": True}}


@pytest.mark.parametrize(
    ("query", "variables", "expected"),
    [
        (RECORD, {"who": ["YOUTH"]}, "INFORMING_INCOMPLETE"),
        (POSTPONE, {"reason": "kort", "on": "2026-12-01"}, "POSTPONEMENT_REASON_REQUIRED"),
        (POSTPONE, {"reason": "vader is de pleger", "on": "2026-11-23"}, "INVALID_REVISIT_DATE"),
        (RECORD, {"who": ["PARENT", "YOUTH"], "s": "7d3c1b8e-0000-4000-8000-00000000dead"}, "NOT_FOUND"),
    ],
)
async def test_a_refused_informing_has_its_code_and_stores_nothing(
    gateway: Gateway, query: str, variables: dict[str, Any], expected: str
) -> None:
    token = gateway.professional("School", (Role.SIGNALLER,))
    registered = await signal(gateway, token, "2012-05-01")
    before = gateway.services.multisignaal.recorder.max_notification_id()
    assert await code(gateway, token, query, **{"s": registered["id"], **variables}) == expected
    assert gateway.services.multisignaal.recorder.max_notification_id() == before


async def test_another_professional_cannot_record_informing_on_my_signal(gateway: Gateway) -> None:
    mine = gateway.professional("School", (Role.SIGNALLER,))
    theirs = gateway.professional("Jeugdhulp", (Role.SIGNALLER,))
    registered = await signal(gateway, mine, "2008-05-01")
    assert await code(gateway, theirs, RECORD, s=registered["id"], who=["YOUTH"]) == "NOT_FOUND"

"""Throttles over GraphQL: failed authentications per address, signal registrations per professional."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from typing import Any

import pytest
from tests.random_refs import random_bsn
from tests.unit.gateway_fixtures import Gateway, build_gateway

from domain.access.application import lines_of
from domain.access.model import Access, AccessKind
from domain.identity.model import Role
from gateway.throttle import MemoryHits, RateLimit, Throttles

ME = "{ me { id } }"
REGISTER = "mutation($input: RegisterSignalInput!) { registerSignal(input: $input) { signal { id } } }"
LIMITS = {"authentication": RateLimit(3, timedelta(minutes=1)), "signals": RateLimit(2, timedelta(hours=1))}


@pytest.fixture
def gateway() -> Gateway:
    gateway = build_gateway()
    throttles = Throttles.over(MemoryHits(), **LIMITS)
    gateway.services = dataclasses.replace(gateway.services, throttles=throttles)
    return gateway


def code_of(result: Any) -> str | None:
    return str(result.errors[0].extensions["code"]) if result.errors else None


def signal(bsn: str) -> dict[str, str]:
    return {"bsn": bsn, "birthDate": "2011-04-30", "municipalityCode": "GM0363"}


def accesses(gateway: Gateway) -> list[Access]:
    app = gateway.access.app
    events = [app.mapper.to_domain_event(n) for n in app.recorder.select_notifications(1, 1000)]
    return [access for event in events for _, access in lines_of(event)]


async def test_past_the_limit_of_failed_authentications_an_address_is_rate_limited(gateway: Gateway) -> None:
    for _ in range(3):
        assert code_of(await gateway.run("not.a-token", ME)) == "UNAUTHENTICATED"

    limited = await gateway.run("not.a-token", ME)

    assert code_of(limited) == "RATE_LIMITED"
    assert limited.errors[0].extensions["retryAfter"] == "60"
    # A valid token is not held up: the limit slows guessing, not the people it guards.
    valid = gateway.professional("School", (Role.SIGNALLER,))
    assert code_of(await gateway.run(valid, ME)) is None


async def test_one_request_counts_once_however_many_fields_ask_who_is_calling(gateway: Gateway) -> None:
    many = "{ " + " ".join(f"a{i}: me {{ id }}" for i in range(10)) + " }"
    for _ in range(3):
        assert code_of(await gateway.run("not.a-token", many)) == "UNAUTHENTICATED"
    assert code_of(await gateway.run("not.a-token", ME)) == "RATE_LIMITED"


async def test_a_signal_past_the_hourly_limit_is_rate_limited_stored_nowhere_and_logged(
    gateway: Gateway,
) -> None:
    token = gateway.professional("School", (Role.SIGNALLER,))
    for _ in range(2):
        assert code_of(await gateway.run(token, REGISTER, input=signal(random_bsn()))) is None
    stored = gateway.services.multisignaal.recorder.max_notification_id()
    bsn = random_bsn()

    assert code_of(await gateway.run(token, REGISTER, input=signal(bsn))) == "RATE_LIMITED"

    assert gateway.services.multisignaal.recorder.max_notification_id() == stored
    [denied] = [a for a in accesses(gateway) if a.kind is AccessKind.DENIED]
    assert denied.rule == "signaller.register_signal_rate_limited"
    assert denied.client_id == gateway.services.pseudonymiser.subject(bsn)
    # A colleague has an hour of their own.
    colleague = gateway.professional("JGZ", (Role.SIGNALLER,))
    assert code_of(await gateway.run(colleague, REGISTER, input=signal(random_bsn()))) is None

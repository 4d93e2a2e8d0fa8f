"""NEN 7513 over the WebSocket transport: a result is sent as soon as it is yielded, while its
operation still runs, so its access lines are written before each result — a subscription's
push as much as a query sent over the socket — and no line written means nothing served."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import pytest
from eventsourcing.persistence import OperationalError
from tests.random_refs import random_bsn
from tests.unit.gateway_fixtures import Gateway, build_gateway
from tests.unit.regie_pump import pump
from tests.unit.test_gateway_multisignaal import REGISTER, signal_input

from domain.identity.model import Role
from gateway.context import Context
from gateway.schema import schema

ME = "{ me { name email } }"
WITHIN = 5.0  # seconds: the subscription polls every 0.01 s here
NOTIFIED = "subscription { matchNotifications { id counterparts { professional { name email } } } }"


@pytest.fixture
def gateway() -> Gateway:
    gateway = build_gateway()
    gateway.services = replace(gateway.services, notification_poll_seconds=0.01)
    return gateway


async def stream(gateway: Gateway, token: str, document: str) -> AsyncIterator[Any]:
    """The operation as strawberry's graphql-transport-ws handler runs it: one context per socket."""
    results = await schema.stream(document, context_value=Context(gateway.services, f"Bearer {token}"))
    assert isinstance(results, AsyncIterator)
    return results


def rules(gateway: Gateway) -> list[tuple[str, str]]:
    return [(row.rule, row.client_id) for row in gateway.access.view.search()]


async def test_a_query_over_a_socket_is_logged_before_its_answer_is_sent(gateway: Gateway) -> None:
    token = gateway.professional("School", (Role.SIGNALLER,))
    me = gateway.services.verifier.verify(token, gateway.clock()).professional
    results = await stream(gateway, token, ME)
    answer = await anext(results)
    assert answer.data["me"]["email"] == "mw@example.org"
    assert rules(gateway) == [("professional.me", str(me))]  # stored before the answer left
    await results.aclose()


async def test_a_query_over_a_socket_whose_line_cannot_be_written_serves_nothing(gateway: Gateway) -> None:
    token = gateway.professional("School", (Role.SIGNALLER,))

    def broken(accesses: object) -> None:
        raise OperationalError("disk full")

    access = gateway.services.access
    gateway.services = replace(gateway.services, access_log=replace(access, record=broken, together=None))
    results = await stream(gateway, token, ME)
    answer = await anext(results)
    await results.aclose()
    assert answer.data is None
    assert [e.extensions for e in answer.errors] == [{"code": "INTERNAL_SERVER_ERROR"}]
    assert "disk" not in str(answer.errors)


async def first_push(gateway: Gateway, token: str) -> asyncio.Task[Any]:
    """The subscription's first result, awaited in a task once the subscription has read what
    the caller has already (as a socket's handler runs it at once)."""
    view, read_once = gateway.services.matches, asyncio.Event()
    read = view.for_professional

    def reading(professional_id: str) -> Any:
        read_once.set()
        return read(professional_id)

    view.for_professional = reading
    notifications = await stream(gateway, token, NOTIFIED)

    async def first() -> Any:
        try:
            return await anext(notifications)
        finally:
            await notifications.aclose()

    task = asyncio.create_task(first())
    await asyncio.wait_for(read_once.wait(), WITHIN)
    return task


def with_a_failing_log(gateway: Gateway) -> list[bool]:
    """Services whose access log fails once the returned switch is set (they are frozen, and
    the subscription keeps the ones it started with)."""
    failing: list[bool] = []
    access = gateway.services.access

    def record(accesses: Any) -> object:
        if failing:
            raise OperationalError("disk full")
        return access.record(accesses)

    gateway.services = replace(gateway.services, access_log=replace(access, record=record, together=None))
    return failing


async def a_match_for(gateway: Gateway) -> asyncio.Task[Any]:
    school = gateway.professional("School", (Role.SIGNALLER,))
    jeugdhulp = gateway.professional("Jeugdhulp", (Role.SIGNALLER,))
    bsn = random_bsn()
    await gateway.run(school, REGISTER, input=signal_input(bsn))
    pump(gateway)
    pushed = await first_push(gateway, school)
    await gateway.run(jeugdhulp, REGISTER, input=signal_input(bsn))
    return pushed


async def test_each_match_pushed_is_logged_before_the_push(gateway: Gateway) -> None:
    pushed = await a_match_for(gateway)
    pump(gateway)  # the match lands in the view while the subscription polls
    before = Counter(rules(gateway))
    notified = (await asyncio.wait_for(pushed, WITHIN)).data["matchNotifications"]
    assert notified["counterparts"][0]["professional"]["email"] == "mw@example.org"
    assert Counter(rules(gateway)) - before == Counter([("signaller.match_notifications", notified["id"])])


async def test_a_push_whose_line_cannot_be_written_is_withheld(gateway: Gateway) -> None:
    failing = with_a_failing_log(gateway)
    pushed = await a_match_for(gateway)
    failing.append(True)
    pump(gateway)
    withheld = await asyncio.wait_for(pushed, WITHIN)
    assert withheld.data is None
    assert [e.extensions for e in withheld.errors] == [{"code": "INTERNAL_SERVER_ERROR"}]

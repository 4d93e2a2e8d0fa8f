"""A professional's live listeners are bounded per process: subscriptions and live streams past
the bound are refused with TOO_MANY_LISTENERS (or 429), and one that ends makes room."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import pytest
from tests.unit.gateway_fixtures import Gateway, build_gateway
from tests.unit.test_access_over_a_socket import stream
from tests.unit.web_fixtures import build_web_gateway

from domain.identity.model import Role
from gateway.listeners import Listeners, TooManyListeners
from gateway.web import matches

NOTIFIED = "subscription { matchNotifications { id } }"
WITHIN = 5.0


def test_places_are_counted_per_professional_and_given_back_however_a_listener_ends() -> None:
    listeners = Listeners(limit=2)
    with listeners.listening("a"), listeners.listening("a"):
        assert not listeners.has_room("a") and listeners.has_room("b")
        with pytest.raises(TooManyListeners) as refused, listeners.listening("a"):
            pass
        assert refused.value.code == "TOO_MANY_LISTENERS"
        with listeners.listening("b"):
            assert listeners.open("b") == 1
    with pytest.raises(RuntimeError), listeners.listening("a"):
        raise RuntimeError("the socket went away")
    assert listeners.open("a") == 0 and listeners.has_room("a")


async def subscribed(gateway: Gateway, token: str) -> tuple[AsyncIterator[Any], asyncio.Task[Any]]:
    """A subscription whose first result is awaited in a task, as a socket's handler does."""
    results = await stream(gateway, token, NOTIFIED)
    return results, asyncio.create_task(anext(results))


async def test_a_subscription_past_the_bound_is_refused_and_one_that_ends_makes_room() -> None:
    gateway = build_gateway()
    gateway.services = replace(gateway.services, listeners=Listeners(limit=2))
    token = gateway.professional("School", (Role.SIGNALLER,))
    professional = str(gateway.services.verifier.verify(token, gateway.clock()).professional)
    listeners = gateway.services.listeners
    first, second = await subscribed(gateway, token), await subscribed(gateway, token)
    await asyncio.wait_for(until(lambda: listeners.open(professional) == 2), WITHIN)

    refused = await (await subscribed(gateway, token))[1]
    assert [e.extensions for e in refused.errors] == [{"code": "TOO_MANY_LISTENERS"}]

    await closed(*first)
    assert listeners.open(professional) == 1
    third = await subscribed(gateway, token)
    await asyncio.wait_for(until(lambda: listeners.open(professional) == 2), WITHIN)
    await closed(*second)
    await closed(*third)
    assert listeners.open(professional) == 0


async def closed(results: AsyncIterator[Any], task: asyncio.Task[Any]) -> None:
    """As a socket's handler ends an operation the client stopped: its task cancelled, its
    results closed."""
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    await results.aclose()  # type: ignore[attr-defined]


async def until(condition: Any) -> None:
    while not condition():
        await asyncio.sleep(0.001)


async def test_a_live_stream_past_the_bound_answers_429_and_others_go_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(matches, "LIVE_SECONDS", 0.3)
    web = build_web_gateway()
    web.gateway.services = replace(web.services, listeners=Listeners(limit=1))
    school, professional_id = web.browser(), web.professional("De Regenboog")
    await school.sign_in_as(professional_id)
    professional = str(professional_id)
    with web.services.listeners.listening(professional):  # another tab listens
        refused = await school.get("/matches/live?known=x")
        assert refused.status_code == 429 and "event:" not in refused.text
    answered = await school.get("/matches/live?known=x")
    assert answered.status_code == 200 and "event: changed" in answered.text
    assert web.services.listeners.open(professional) == 0


async def test_a_live_stream_whose_place_was_taken_meanwhile_ends_without_an_event() -> None:
    """Between the page's look for room and its stream's start another listener took the last
    place: the stream ends (the browser asks again a second later), with no event to act on."""
    web = build_web_gateway()
    services = replace(web.services, listeners=Listeners(limit=1))
    with services.listeners.listening("someone"):
        lines = [line async for line in matches._changes(services, "token", "someone", "x")]
    assert lines == [f"retry: {matches.RETRY_MILLISECONDS}\n\n"]

"""Revoking tokens over GraphQL: an administrator any, a professional their own; refused at once."""

from __future__ import annotations

import base64
import dataclasses
import json
from typing import Any
from uuid import UUID

import pytest
from tests.unit.gateway_fixtures import Gateway, build_gateway

from domain.identity.model import Role
from gateway.context import Context
from gateway.schema import schema

REVOKE = "mutation($id: ID!) { revokeToken(tokenId: $id) }"
ME = "{ me { id } }"


@pytest.fixture
def gateway() -> Gateway:
    return build_gateway()


def token_id(token: str) -> str:
    body = token.split(".", maxsplit=1)[0]
    jti: str = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))["jti"]
    return jti


def code_of(result: object) -> str | None:
    errors = getattr(result, "errors", None)
    return str(errors[0].extensions["code"]) if errors else None


async def test_a_professional_revokes_their_own_token_which_is_refused_from_then_on(gateway: Gateway) -> None:
    token = gateway.professional("School", (Role.SIGNALLER,))
    assert code_of(await gateway.run(token, ME)) is None

    assert (await gateway.run(token, REVOKE, id=token_id(token))).data == {"revokeToken": True}

    assert code_of(await gateway.run(token, ME)) == "UNAUTHENTICATED"


async def test_a_renewed_token_of_the_same_professional_stays_valid(gateway: Gateway) -> None:
    old = gateway.professional("School", (Role.SIGNALLER,))
    me = (await gateway.run(old, ME)).data["me"]["id"]
    new = gateway.token_for(UUID(me))
    await gateway.run(new, REVOKE, id=token_id(old))

    assert code_of(await gateway.run(old, ME)) == "UNAUTHENTICATED"
    assert (await gateway.run(new, ME)).data == {"me": {"id": me}}


async def test_an_administrator_revokes_anyones_token_and_twice_is_harmless(gateway: Gateway) -> None:
    token = gateway.professional("School", (Role.SIGNALLER,))
    for _ in range(2):
        assert code_of(await gateway.run(gateway.admin, REVOKE, id=token_id(token))) is None
    assert code_of(await gateway.run(token, ME)) == "UNAUTHENTICATED"


async def test_a_professional_cannot_revoke_someone_elses_token(gateway: Gateway) -> None:
    mine, theirs = (
        gateway.professional("School", (Role.SIGNALLER,)),
        gateway.professional("JGZ", (Role.SIGNALLER,)),
    )
    before = gateway.services.identity.recorder.max_notification_id()

    assert code_of(await gateway.run(mine, REVOKE, id=token_id(theirs))) == "NOT_FOUND"
    assert code_of(await gateway.run(mine, REVOKE, id="0" * 32)) == "NOT_FOUND"
    assert code_of(await gateway.run(mine, REVOKE, id="not a token id\n")) == "INVALID_TOKEN_ID"
    assert gateway.services.identity.recorder.max_notification_id() == before
    assert code_of(await gateway.run(theirs, ME)) is None


async def test_an_administrator_may_revoke_a_token_the_directory_never_saw(gateway: Gateway) -> None:
    assert code_of(await gateway.run(gateway.admin, REVOKE, id="f" * 32)) is None
    assert gateway.services.identity.is_revoked("f" * 32)


class CountingVerifier:
    """The gateway's verifier, counting how often a request asks it."""

    def __init__(self, verifier: Any) -> None:
        self.verifier, self.calls = verifier, 0

    def verify(self, token: str, now: Any) -> Any:
        self.calls += 1
        return self.verifier.verify(token, now)


async def test_an_http_request_checks_its_token_once_however_many_fields_ask(gateway: Gateway) -> None:
    token = gateway.professional("School", (Role.SIGNALLER,))
    counting = CountingVerifier(gateway.services.verifier)
    services = dataclasses.replace(gateway.services, verifier=counting)  # type: ignore[arg-type]
    query = "{ me { id } mySignals { id } myMatches { id } }"

    one_request = Context(services, f"Bearer {token}", one_request=True)
    assert (await schema.execute(query, context_value=one_request)).errors is None
    assert counting.calls == 1

    # A subscription's context outlives a request: it asks on every use, so a revocation ends it.
    counting.calls = 0
    long_lived = Context(services, f"Bearer {token}")
    assert (await schema.execute(query, context_value=long_lived)).errors is None
    assert counting.calls >= 3

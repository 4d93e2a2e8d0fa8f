"""Tokens renewed and revoked (across processes and restarts, open subscriptions included), and
the throttles on failed authentications and on signal registrations — over real HTTP."""

from __future__ import annotations

import subprocess

import pytest
from tests.e2e import tokens
from tests.e2e.agencies import Agencies, register_signal, signal
from tests.e2e.harness import Keten, error_code, wait_until
from tests.e2e.test_multisignaal_flow import Subscription
from tests.e2e.traces import stored_signal_events

pytestmark = pytest.mark.e2e

ME = "query { me { id } }"
REVOKE = "mutation ($id: ID!) { revokeToken(tokenId: $id) }"
SIGNALS_PER_HOUR = 60  # the default
AUTHENTICATION_FAILURES = 60  # per address per minute, the default


def jti(token: str) -> str:
    return str(tokens.claims(token)["jti"])


def test_a_professional_renews_their_token_on_the_command_line(keten: Keten, agencies: Agencies) -> None:
    mentor = agencies.mentor
    renewed = keten.server.cli("token", "--professional", mentor.id)

    assert jti(renewed) != jti(mentor.token)
    assert keten.data(renewed, ME)["me"] == {"id": mentor.id}
    assert keten.data(mentor.token, ME)["me"] == {"id": mentor.id}


def test_an_unknown_professional_gets_no_token(keten: Keten) -> None:
    with pytest.raises(subprocess.CalledProcessError) as refused:
        keten.server.cli("token", "--professional", "00000000-0000-0000-0000-000000000000")
    assert "no professional" in refused.value.stderr


def test_a_revoked_token_is_refused_at_once_by_any_process_and_after_a_restart(
    keten: Keten, agencies: Agencies
) -> None:
    mentor = agencies.mentor
    renewed = keten.server.cli("token", "--professional", mentor.id)

    assert keten.data(mentor.token, REVOKE, id=jti(mentor.token)) == {"revokeToken": True}
    assert error_code(keten.gql(mentor.token, ME)) == "UNAUTHENTICATED"
    assert keten.data(renewed, ME)["me"] == {"id": mentor.id}

    keten.server.cli("token", "--revoke", jti(renewed))  # another process, on the same store
    assert error_code(keten.gql(renewed, ME)) == "UNAUTHENTICATED"

    keten.server.restart()
    assert error_code(keten.gql(mentor.token, ME)) == "UNAUTHENTICATED"
    assert error_code(keten.gql(renewed, ME)) == "UNAUTHENTICATED"


def test_a_professional_may_not_revoke_someone_elses_token(keten: Keten, agencies: Agencies) -> None:
    theirs = agencies.youth_worker.token
    assert error_code(keten.gql(agencies.mentor.token, REVOKE, id=jti(theirs))) == "NOT_FOUND"
    assert keten.data(theirs, ME)["me"] == {"id": agencies.youth_worker.id}


def test_an_open_subscription_ends_unauthenticated_once_its_token_is_revoked(
    keten: Keten, agencies: Agencies
) -> None:
    token = keten.server.cli("token", "--professional", agencies.youth_worker.id)
    with Subscription(keten, token) as notifications:
        keten.data(keten.admin_token, REVOKE, id=jti(token))
        message = notifications.next()

    assert message["type"] in ("error", "next"), message
    errors = message["payload"] if message["type"] == "error" else message["payload"]["errors"]
    assert [error.get("extensions", {}).get("code") for error in errors] == ["UNAUTHENTICATED"]


def test_past_the_hourly_limit_a_signal_is_rate_limited_stored_nowhere_and_logged(
    keten: Keten, agencies: Agencies
) -> None:
    mentor = agencies.mentor
    for _ in range(SIGNALS_PER_HOUR):
        signal(keten, mentor, agencies.youth())
    stored, offsets = stored_signal_events(keten), keten.kafka.end_offsets()

    assert error_code(register_signal(keten, mentor, agencies.youth())) == "RATE_LIMITED"

    assert stored_signal_events(keten) == stored

    def denied() -> list[dict[str, str]]:
        records = keten.kafka.records(since=offsets)
        return [r.data for r in records if r.topic == "keten.access.v1" and r.data["userId"] == mentor.id]

    [line] = wait_until(denied, 10.0, "the access line of the refused registration")
    assert (line["kind"], line["rule"]) == ("DENIED", "signaller.register_signal_rate_limited")


def test_past_the_limit_of_failed_authentications_an_address_waits(keten: Keten, agencies: Agencies) -> None:
    # Last in this module: for a minute its address answers RATE_LIMITED to any bad token.
    codes = [error_code(keten.gql("x.y", ME)) for _ in range(AUTHENTICATION_FAILURES + 1)]
    assert codes[-1] == "RATE_LIMITED"
    assert set(codes[: codes.index("RATE_LIMITED")]) == {"UNAUTHENTICATED"}

    response = keten.http.post(
        f"{keten.url}/graphql", json={"query": ME}, headers={"Authorization": "Bearer x.y"}
    )
    assert response.status_code == 429
    assert 1 <= int(response.headers["retry-after"]) <= 60
    assert keten.data(agencies.mentor.token, ME)["me"] == {"id": agencies.mentor.id}

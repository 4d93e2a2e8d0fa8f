"""Every refusal has its own error code over HTTP, and a refused call leaves no trace anywhere."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from datetime import timedelta

import pytest
from tests.e2e import tokens
from tests.e2e.agencies import (
    REGISTER_ORGANISATION,
    REGISTER_PROFESSIONAL,
    Agencies,
    Youth,
    municipality_matches,
    my_signals,
    signal,
    today,
    withdraw,
)
from tests.e2e.harness import Keten, error_code, wait_until
from tests.e2e.traces import assert_refused_without_trace, stored_signal_events

pytestmark = pytest.mark.e2e

ME = "query { me { id } }"
NEW_ORGANISATION = {"input": {"name": "Forged", "sector": "OVERIG", "municipalityCode": "GM0363"}}


# --- who is calling -----------------------------------------------------------------------------


def test_a_call_without_a_token_is_unauthenticated(keten: Keten) -> None:
    assert error_code(keten.gql(None, ME)) == "UNAUTHENTICATED"
    assert error_code(keten.gql(None, REGISTER_ORGANISATION, **NEW_ORGANISATION)) == "UNAUTHENTICATED"


def test_a_token_without_the_bearer_scheme_is_unauthenticated(keten: Keten) -> None:
    body = keten.post(ME, {}, {"Authorization": keten.admin_token})
    assert error_code(body) == "UNAUTHENTICATED"


@pytest.mark.parametrize("forge", tokens.FORGERIES, ids=lambda forge: forge.__name__)
def test_a_forged_or_expired_token_is_unauthenticated(
    keten: Keten, agencies: Agencies, forge: tokens.Forgery
) -> None:
    token = forge(agencies.mentor.token, keten.data_dir)
    assert error_code(keten.gql(token, ME)) == "UNAUTHENTICATED"
    assert error_code(keten.gql(token, REGISTER_ORGANISATION, **NEW_ORGANISATION)) == "UNAUTHENTICATED"


def test_a_token_signed_with_the_platform_key_is_accepted_until_it_expires(
    keten: Keten, agencies: Agencies
) -> None:
    # The control for `expired` above: the same claims, re-signed, still valid for a minute.
    claims = {**tokens.claims(agencies.mentor.token), "exp": int(time.time()) + 60}
    me = keten.data(tokens.signed_with_the_platform_key(claims, keten.data_dir), ME)["me"]
    assert me == {"id": agencies.mentor.id}


# --- what the caller may do ---------------------------------------------------------------------


def test_a_signaller_may_not_register_organisations_or_professionals(
    keten: Keten, agencies: Agencies
) -> None:
    mentor = agencies.mentor
    assert error_code(keten.gql(mentor.token, REGISTER_ORGANISATION, **NEW_ORGANISATION)) == "FORBIDDEN"
    colleague = {
        "organisationId": mentor.organisation.id,
        "name": "X",
        "email": "x@example.org",
        "roles": ["ADMIN"],
    }
    assert error_code(keten.gql(mentor.token, REGISTER_PROFESSIONAL, input=colleague)) == "FORBIDDEN"


def test_only_a_regievoerder_sees_the_matches_of_a_municipality(keten: Keten, agencies: Agencies) -> None:
    assert error_code(keten.gql(agencies.mentor.token, "{ municipalityMatches { id } }")) == "FORBIDDEN"
    assert municipality_matches(keten, agencies.regievoerder) == []


def test_a_regievoerder_may_not_register_a_signal_and_leaves_no_trace(
    keten: Keten, agencies: Agencies
) -> None:
    input_ = agencies.youth().as_input()
    assert_refused_without_trace(keten, agencies.regievoerder, input_, "FORBIDDEN", witness=agencies.mentor)


# --- what the signal says -----------------------------------------------------------------------


def _turned_23_today(youth: Youth) -> str:
    day = today()
    try:
        return day.replace(year=day.year - 23).isoformat()
    except ValueError:  # 29 February: turned 23 yesterday, on 28 February
        return day.replace(year=day.year - 23, day=28).isoformat()


def _failing_elfproef(youth: Youth) -> str:
    return youth.bsn[:8] + str((int(youth.bsn[8]) + 1) % 10)


INVALID_SIGNALS: dict[str, tuple[Callable[[Youth], dict[str, str]], str]] = {
    "a BSN of 8 digits": (lambda y: {"bsn": y.bsn[:8]}, "INVALID_BSN"),
    "a BSN failing the elfproef": (lambda y: {"bsn": _failing_elfproef(y)}, "INVALID_BSN"),
    "a birth date tomorrow": (
        lambda y: {"birthDate": (today() + timedelta(days=1)).isoformat()},
        "INVALID_BIRTH_DATE",
    ),
    "someone who turned 23 today": (lambda y: {"birthDate": _turned_23_today(y)}, "TOO_OLD"),
    "a municipality without GM": (lambda y: {"municipalityCode": "0363"}, "INVALID_MUNICIPALITY"),
    "a birth date not in ISO form": (
        lambda y: {"birthDate": y.birth_date.strftime("%d-%m-%Y")},
        "BAD_USER_INPUT",
    ),
}


@pytest.mark.parametrize("case", INVALID_SIGNALS.values(), ids=INVALID_SIGNALS.keys())
def test_an_invalid_signal_is_refused_with_its_code_and_leaves_no_trace(
    keten: Keten, agencies: Agencies, case: tuple[Callable[[Youth], dict[str, str]], str]
) -> None:
    change, code = case
    youth = agencies.youth()
    input_ = {**youth.as_input(), **change(youth)}
    assert_refused_without_trace(keten, agencies.mentor, input_, code, witness=agencies.youth_worker)


def test_signalling_the_same_young_person_twice_returns_the_same_signal(
    keten: Keten, agencies: Agencies
) -> None:
    youth = agencies.youth()
    first = signal(keten, agencies.mentor, youth)
    stored = stored_signal_events(keten)

    assert signal(keten, agencies.mentor, youth) == first
    assert stored_signal_events(keten) == stored
    wait_until(lambda: my_signals(keten, agencies.mentor) == {first: "ACTIVE"}, 5.0, "one active signal")


# --- withdrawing --------------------------------------------------------------------------------


@pytest.mark.parametrize("signal_id", [str(uuid.uuid4()), "not-a-signal-id"])
def test_withdrawing_an_unknown_signal_is_not_found(keten: Keten, agencies: Agencies, signal_id: str) -> None:
    assert error_code(withdraw(keten, agencies.mentor, signal_id)) == "NOT_FOUND"


def test_withdrawing_someone_elses_signal_is_not_found_and_changes_nothing(
    keten: Keten, agencies: Agencies
) -> None:
    theirs = signal(keten, agencies.youth_worker, agencies.youth())
    stored = stored_signal_events(keten)

    # As if it did not exist: the answer must not tell the mentor that it does.
    assert error_code(withdraw(keten, agencies.mentor, theirs)) == "NOT_FOUND"
    assert stored_signal_events(keten) == stored
    wait_until(
        lambda: my_signals(keten, agencies.youth_worker) == {theirs: "ACTIVE"}, 5.0, "their signal, active"
    )


def test_withdrawing_a_signal_twice_is_already_withdrawn(keten: Keten, agencies: Agencies) -> None:
    mine = signal(keten, agencies.mentor, agencies.youth())
    assert (
        withdraw(keten, agencies.mentor, mine, "UNJUSTIFIED")["data"]["withdrawSignal"]["status"]
        == "WITHDRAWN"
    )
    stored = stored_signal_events(keten)

    assert error_code(withdraw(keten, agencies.mentor, mine, "RISK_GONE")) == "ALREADY_WITHDRAWN"
    assert stored_signal_events(keten) == stored
    wait_until(lambda: my_signals(keten, agencies.mentor) == {mine: "WITHDRAWN"}, 5.0, "one withdrawn signal")

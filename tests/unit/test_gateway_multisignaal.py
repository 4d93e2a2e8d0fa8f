"""Signals and matches over GraphQL, on in-memory parts: the rules, the errors, the redaction."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import pytest
from tests.random_refs import random_bsn
from tests.unit.gateway_fixtures import Gateway, build_gateway

from domain.identity.model import Role
from domain.multisignaal.signal import WithdrawalReason
from kernel.cloudevents import ReceivedEvent

REGISTER = """
mutation($input: RegisterSignalInput!) {
  registerSignal(input: $input) {
    signal { id status expiresAt }
    earlierSignals { organisation { name } professional { name email } }
  }
}"""
WITHDRAW = """
mutation($id: ID!, $reason: WithdrawalReason!) { withdrawSignal(signalId: $id, reason: $reason) { status } }
"""
MATCHES = "{ myMatches { id counterparts { organisation { name } professional { name email phone } } } }"


@pytest.fixture
def gateway() -> Gateway:
    return build_gateway()


def signal_input(bsn: str, birth_date: str = "2011-04-30", municipality: str = "GM0363") -> dict[str, str]:
    return {"bsn": bsn, "birthDate": birth_date, "municipalityCode": municipality}


def code_of(result: Any) -> str:
    assert result.errors, "expected an error"
    return str(result.errors[0].extensions["code"])


async def test_a_signaller_registers_a_signal_that_expires_after_two_years(gateway: Gateway) -> None:
    token = gateway.professional("School", (Role.SIGNALLER,))
    result = await gateway.run(token, REGISTER, input=signal_input(random_bsn()))
    assert result.errors is None
    assert result.data["registerSignal"]["signal"]["status"] == "ACTIVE"
    assert result.data["registerSignal"]["signal"]["expiresAt"] == "2028-11-23"


@pytest.mark.parametrize(
    ("bsn", "birth_date", "municipality", "code"),
    [
        ("12345678", "2011-04-30", "GM0363", "INVALID_BSN"),
        ("123456788", "2011-04-30", "GM0363", "INVALID_BSN"),
        (None, "2027-01-01", "GM0363", "INVALID_BIRTH_DATE"),
        (None, "2003-11-23", "GM0363", "TOO_OLD"),
        (None, "2011-04-30", "0363", "INVALID_MUNICIPALITY"),
        (None, "2011-02-30", "GM0363", "BAD_USER_INPUT"),
    ],
)
async def test_a_bad_signal_is_refused_with_its_code_and_nothing_is_stored(
    gateway: Gateway, bsn: str | None, birth_date: str, municipality: str, code: str
) -> None:
    token = gateway.professional("School", (Role.SIGNALLER,))
    before = gateway.services.multisignaal.recorder.max_notification_id()
    result = await gateway.run(
        token, REGISTER, input=signal_input(bsn or random_bsn(), birth_date, municipality)
    )
    assert code_of(result) == code
    assert gateway.services.multisignaal.recorder.max_notification_id() == before


async def test_only_signallers_and_veilig_thuis_may_register_signals(gateway: Gateway) -> None:
    regievoerder = gateway.professional("Gemeente", (Role.REGIEVOERDER,))
    assert code_of(await gateway.run(regievoerder, REGISTER, input=signal_input(random_bsn()))) == "FORBIDDEN"
    veilig_thuis = gateway.professional("Veilig Thuis", (Role.VT_MEDEWERKER,))
    assert (await gateway.run(veilig_thuis, REGISTER, input=signal_input(random_bsn()))).errors is None


async def test_only_the_signals_own_professional_may_withdraw_it_and_only_once(gateway: Gateway) -> None:
    owner = gateway.professional("School", (Role.SIGNALLER,))
    other = gateway.professional("Jeugdhulp", (Role.SIGNALLER,))
    registered = await gateway.run(owner, REGISTER, input=signal_input(random_bsn()))
    signal_id = registered.data["registerSignal"]["signal"]["id"]
    assert code_of(await gateway.run(other, WITHDRAW, id=signal_id, reason="UNJUSTIFIED")) == "NOT_FOUND"
    assert code_of(await gateway.run(owner, WITHDRAW, id="nonsense", reason="UNJUSTIFIED")) == "NOT_FOUND"
    withdrawn = await gateway.run(owner, WITHDRAW, id=signal_id, reason="RISK_GONE")
    assert withdrawn.data["withdrawSignal"]["status"] == "WITHDRAWN"
    assert (
        code_of(await gateway.run(owner, WITHDRAW, id=signal_id, reason="RISK_GONE")) == "ALREADY_WITHDRAWN"
    )


async def test_an_archived_signal_is_shown_once_to_the_next_signaller_with_contact_only(
    gateway: Gateway,
) -> None:
    bsn = random_bsn()
    school = gateway.professional("School", (Role.SIGNALLER,))
    first = await gateway.run(school, REGISTER, input=signal_input(bsn))
    await gateway.run(school, WITHDRAW, id=first.data["registerSignal"]["signal"]["id"], reason="RISK_GONE")
    # A professional of another organisation signals the same young person: they see it once.
    jeugdhulp = gateway.professional("Jeugdhulp", (Role.SIGNALLER,))
    shown = await gateway.run(jeugdhulp, REGISTER, input=signal_input(bsn))
    assert shown.data["registerSignal"]["earlierSignals"] == [
        {
            "organisation": {"name": "School"},
            "professional": {"name": "School medewerker", "email": "mw@example.org"},
        }
    ]
    # The next one does not see it again.
    jgz = gateway.professional("JGZ", (Role.SIGNALLER,))
    again = await gateway.run(jgz, REGISTER, input=signal_input(bsn))
    assert again.data["registerSignal"]["earlierSignals"] == []


async def test_my_matches_shows_the_other_organisations_contact_details_from_the_view(
    gateway: Gateway,
) -> None:
    school = gateway.professional("School", (Role.SIGNALLER,))
    jeugdhulp = gateway.professional("Jeugdhulp", (Role.SIGNALLER,))
    participants = [_participant(gateway, school), _participant(gateway, jeugdhulp)]
    gateway.services.matches.handle(_match_found(participants))  # type: ignore[attr-defined]
    result = await gateway.run(school, MATCHES)
    assert result.data["myMatches"][0]["counterparts"] == [
        {
            "organisation": {"name": "Jeugdhulp"},
            "professional": {
                "name": "Jeugdhulp medewerker",
                "email": "mw@example.org",
                "phone": "06-12345678",
            },
        }
    ]


async def test_municipality_matches_need_the_regievoerder_role(gateway: Gateway) -> None:
    school = gateway.professional("School", (Role.SIGNALLER,))
    query = "{ municipalityMatches { id } }"
    assert code_of(await gateway.run(school, query)) == "FORBIDDEN"
    regievoerder = gateway.professional("Gemeente", (Role.REGIEVOERDER,))
    assert (await gateway.run(regievoerder, query)).data == {"municipalityMatches": []}


async def test_an_unexpected_failure_is_masked_and_leaks_nothing(gateway: Gateway) -> None:
    class BrokenMatches:
        def for_professional(self, professional_id: str) -> list[Any]:
            raise RuntimeError("database said: BSN 111222333 not found")

        def for_municipality(self, municipality_ref: str) -> list[Any]:
            return []

    token = gateway.professional("School", (Role.SIGNALLER,))
    gateway.services = type(gateway.services)(**{**gateway.services.__dict__, "matches": BrokenMatches()})
    result = await gateway.run(token, MATCHES)
    assert code_of(result) == "INTERNAL_SERVER_ERROR"
    assert "111222333" not in str(result.errors)


def _participant(gateway: Gateway, token: str) -> dict[str, str]:
    principal = gateway.services.verifier.verify(token, gateway.services.clock())
    return {
        "organisationId": str(principal.organisation_id),
        "professionalId": str(principal.professional_id),
        "municipalityRef": "0" * 64,
        "since": "2026-11-23T10:00:00+00:00",
    }


def _match_found(participants: list[dict[str, str]]) -> ReceivedEvent:
    return ReceivedEvent(
        source="/keten/matching",
        sequence=1,
        type="keten.matching.MatchFound",
        key="a" * 64,
        data={
            "matchId": "7d3c1b8e-0000-4000-8000-000000000001",
            "since": participants[1]["since"],
            "participants": participants,
        },
        topic="keten.matches.v1",
        partition=0,
        offset=0,
    )


async def test_a_subscription_without_a_token_is_refused_with_its_code(gateway: Gateway) -> None:
    from gateway.context import Context
    from gateway.schema import schema

    stream = await schema.subscribe(
        "subscription { matchNotifications { id } }", context_value=Context(gateway.services, None)
    )
    first = await anext(stream) if hasattr(stream, "__anext__") else stream
    assert first.errors
    assert first.errors[0].extensions == {"code": "UNAUTHENTICATED"}


async def test_a_refused_call_leaves_its_input_out_of_the_log(
    gateway: Gateway, caplog: pytest.LogCaptureFixture
) -> None:
    token = gateway.professional("School", (Role.SIGNALLER,))
    caplog.set_level("DEBUG")
    await gateway.run(token, REGISTER, input=signal_input("513109328", birth_date="17-04-2012"))
    await gateway.run(token, REGISTER, input=signal_input("12345678"))
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "17-04-2012" not in logged
    assert "12345678" not in logged
    assert "BAD_USER_INPUT" in logged


async def test_an_unexpected_failure_in_a_subscription_is_masked_too(gateway: Gateway) -> None:
    from gateway.context import Context
    from gateway.schema import schema

    class BrokenMatches:
        def for_professional(self, professional_id: str) -> list[Any]:
            raise RuntimeError("database said: BSN 111222333 not found")

    token = gateway.professional("School", (Role.SIGNALLER,))
    services = type(gateway.services)(**{**gateway.services.__dict__, "matches": BrokenMatches()})
    stream = await schema.subscribe(
        "subscription { matchNotifications { id } }", context_value=Context(services, f"Bearer {token}")
    )
    first = await anext(stream) if hasattr(stream, "__anext__") else stream
    assert first.errors
    assert "111222333" not in str([e.formatted for e in first.errors])
    assert first.errors[0].extensions == {"code": "INTERNAL_SERVER_ERROR"}


async def test_a_save_that_another_save_overtook_answers_conflict_and_stores_nothing(
    gateway: Gateway,
) -> None:
    owner = gateway.professional("School", (Role.SIGNALLER,))
    app = gateway.services.multisignaal
    registered = await gateway.run(owner, REGISTER, input=signal_input(random_bsn()))
    signal_id = UUID(registered.data["registerSignal"]["signal"]["id"])
    real_save, stored_by_the_other_tab = app.save, []

    def overtaken_by_another_tab(*aggregates: Any, **kwargs: Any) -> Any:
        """Just before this withdrawal is saved, the same withdrawal from another tab lands:
        this save's version is taken (a real conflict in the store)."""
        other = app.repository.get(aggregates[0].id)
        other.withdraw(signal_id, WithdrawalReason.RISK_GONE, gateway.services.clock())
        real_save(other)
        stored_by_the_other_tab.append(app.recorder.max_notification_id())
        return real_save(*aggregates, **kwargs)

    app.save = overtaken_by_another_tab
    refused = await gateway.run(owner, WITHDRAW, id=str(signal_id), reason="RISK_GONE")
    app.save = real_save

    assert code_of(refused) == "CONFLICT"
    assert app.recorder.max_notification_id() == stored_by_the_other_tab[0]  # nothing of this one
    again = await gateway.run(owner, WITHDRAW, id=str(signal_id), reason="RISK_GONE")
    assert code_of(again) == "ALREADY_WITHDRAWN"

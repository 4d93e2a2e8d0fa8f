"""The directory over GraphQL: only an administrator registers, and bad input stores nothing."""

from __future__ import annotations

import pytest
from tests.unit.gateway_fixtures import Gateway, build_gateway

from domain.identity.model import Role, Sector

REGISTER_ORGANISATION = """
mutation($input: RegisterOrganisationInput!) {
  registerOrganisation(input: $input) { id name sector municipalityCode }
}"""
REGISTER_PROFESSIONAL = """
mutation($input: RegisterProfessionalInput!) {
  registerProfessional(input: $input) { professional { id name roles organisation { name } } token }
}"""


@pytest.fixture
def gateway() -> Gateway:
    return build_gateway()


def code_of(result: object) -> str:
    errors = getattr(result, "errors", None)
    assert errors, "expected an error"
    return str(errors[0].extensions["code"])


async def test_an_administrator_registers_an_organisation_and_a_professional_who_gets_a_token(
    gateway: Gateway,
) -> None:
    organisation = await gateway.run(
        gateway.admin,
        REGISTER_ORGANISATION,
        input={"name": "OBS De Regenboog", "sector": "ONDERWIJS", "municipalityCode": "GM0599"},
    )
    assert organisation.errors is None
    organisation_id = organisation.data["registerOrganisation"]["id"]
    registration = await gateway.run(
        gateway.admin,
        REGISTER_PROFESSIONAL,
        input={
            "organisationId": organisation_id,
            "name": "Ayla Demir",
            "email": "a.demir@regenboog.example",
            "roles": ["SIGNALLER"],
        },
    )
    assert registration.errors is None
    token = registration.data["registerProfessional"]["token"]
    me = await gateway.run(token, "{ me { name roles organisation { name municipalityCode } } }")
    assert me.data["me"] == {
        "name": "Ayla Demir",
        "roles": ["SIGNALLER"],
        "organisation": {"name": "OBS De Regenboog", "municipalityCode": "GM0599"},
    }


async def test_a_signaller_may_not_register_organisations(gateway: Gateway) -> None:
    token = gateway.professional("Jeugdhulp", (Role.SIGNALLER,))
    result = await gateway.run(
        token, REGISTER_ORGANISATION, input={"name": "X", "sector": "JGZ", "municipalityCode": "GM0363"}
    )
    assert code_of(result) == "FORBIDDEN"


async def test_without_a_token_nothing_is_answered(gateway: Gateway) -> None:
    assert code_of(await gateway.run(None, "{ me { name } }")) == "UNAUTHENTICATED"
    assert code_of(await gateway.run("not.a-token", "{ me { name } }")) == "UNAUTHENTICATED"


BAD_ORGANISATIONS = {
    "no GM": ({"municipalityCode": "0363"}, "INVALID_MUNICIPALITY"),
    "arabic-indic digits": ({"municipalityCode": "GM٠٣٦٣"}, "INVALID_MUNICIPALITY"),
    "fullwidth digits": ({"municipalityCode": "GM０３６３"}, "INVALID_MUNICIPALITY"),
    "a trailing newline": ({"municipalityCode": "GM0363\n"}, "INVALID_MUNICIPALITY"),
    "a blank name": ({"name": "  "}, "TEXT_REQUIRED"),
    "a name with a NUL": ({"name": "OBS\x00"}, "INVALID_TEXT"),
    "a name too long": ({"name": "x" * 201}, "TOO_LONG"),
}


@pytest.mark.parametrize(("change", "code"), BAD_ORGANISATIONS.values(), ids=BAD_ORGANISATIONS.keys())
async def test_an_invalid_organisation_is_refused_and_nothing_is_stored(
    gateway: Gateway, change: dict[str, str], code: str
) -> None:
    before = gateway.services.identity.recorder.max_notification_id()
    input_ = {"name": "X", "sector": "JGZ", "municipalityCode": "GM0363"} | change
    result = await gateway.run(gateway.admin, REGISTER_ORGANISATION, input=input_)
    assert code_of(result) == code
    assert result.errors[0].extensions["field"] == next(iter(change))
    assert gateway.services.identity.recorder.max_notification_id() == before


@pytest.mark.parametrize(
    ("organisation_id", "email", "roles", "code"),
    [
        ("00000000-0000-0000-0000-000000000000", "a@b.nl", ["SIGNALLER"], "NOT_FOUND"),
        ("not-a-uuid", "a@b.nl", ["SIGNALLER"], "NOT_FOUND"),
        (None, "no-email", ["SIGNALLER"], "INVALID_EMAIL"),
        (None, "a@b.nl\n", ["SIGNALLER"], "INVALID_EMAIL"),
        (None, "a@b.nl", [], "BAD_USER_INPUT"),
        (None, "a@b.nl", ["SIGNALLER"] * 6, "TOO_MANY"),
    ],
)
async def test_a_professional_with_bad_input_is_refused_and_nothing_is_stored(
    gateway: Gateway, organisation_id: str | None, email: str, roles: list[str], code: str
) -> None:
    organisation = gateway.services.identity.register_organisation("Org", Sector.JGZ, "GM0363")
    before = gateway.services.identity.recorder.max_notification_id()
    result = await gateway.run(
        gateway.admin,
        REGISTER_PROFESSIONAL,
        input={
            "organisationId": organisation_id or str(organisation),
            "name": "N",
            "email": email,
            "roles": roles,
        },
    )
    assert code_of(result) == code
    assert gateway.services.identity.recorder.max_notification_id() == before


async def test_the_administrator_token_is_no_professional(gateway: Gateway) -> None:
    assert code_of(await gateway.run(gateway.admin, "{ me { name } }")) == "FORBIDDEN"


async def test_a_query_with_too_many_aliases_is_refused_before_it_runs(gateway: Gateway) -> None:
    token = gateway.professional("Jeugdhulp", (Role.SIGNALLER,))
    fifteen = " ".join(f"a{i}: me {{ name }}" for i in range(15))
    assert (await gateway.run(token, "{ " + fifteen + " }")).errors is None
    sixteen = fifteen + " a15: me { name }"
    assert (await gateway.run(token, "{ " + sixteen + " }")).errors


@pytest.mark.parametrize(("phone", "code"), [("bel mij", "INVALID_PHONE"), ("0" * 33, "TOO_LONG")])
async def test_a_professional_with_a_malformed_phone_number_is_refused(
    gateway: Gateway, phone: str, code: str
) -> None:
    organisation = gateway.services.identity.register_organisation("Org", Sector.JGZ, "GM0363")
    before = gateway.services.identity.recorder.max_notification_id()
    input_ = {"organisationId": str(organisation), "name": "N", "email": "n@b.nl", "roles": ["SIGNALLER"]}
    result = await gateway.run(gateway.admin, REGISTER_PROFESSIONAL, input=input_ | {"phone": phone})
    assert code_of(result) == code
    assert gateway.services.identity.recorder.max_notification_id() == before

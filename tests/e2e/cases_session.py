"""Case work over HTTP: organisations of the sociale kaart, one-line steps, and the Kafka check."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from tests.e2e.harness import Keten, wait_until

REGISTER_ORGANISATION = (
    """mutation ($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id } }"""
)
REGISTER_PROFESSIONAL = """mutation ($input: RegisterProfessionalInput!) {
  registerProfessional(input: $input) { token professional { id } } }"""
CASE = """query ($id: ID!) { case(id: $id) {
  phase deadlines { kind due overdue } betrokkenen { id role name } dossier { kind detail text } } }"""


@dataclass(frozen=True)
class Member:
    id: str
    token: str
    organisation_id: str


def organisation(keten: Keten, sector: str, kind: str, *roles: str, people: int = 1) -> list[Member]:
    """An organisation of a kind, and its professionals (with the given roles)."""
    input_ = {
        "name": f"{kind.title()} {uuid.uuid4().hex[:6]}",
        "sector": sector,
        "municipalityCode": "GM0855",
    }
    org_id = keten.data(keten.admin_token, REGISTER_ORGANISATION, input=input_ | {"kind": kind})[
        "registerOrganisation"
    ]["id"]
    return [_professional(keten, org_id, roles) for _ in range(people)]


def _professional(keten: Keten, organisation_id: str, roles: tuple[str, ...]) -> Member:
    input_ = {
        "organisationId": organisation_id,
        "name": f"prof-{uuid.uuid4().hex[:6]}",
        "email": f"{uuid.uuid4().hex[:8]}@example.org",
        "roles": list(roles),
    }
    created = keten.data(keten.admin_token, REGISTER_PROFESSIONAL, input=input_)["registerProfessional"]
    return Member(created["professional"]["id"], created["token"], organisation_id)


def step(keten: Keten, member: Member, mutation: str, **variables: Any) -> Any:
    """One mutation that must succeed; returns its single field's value."""
    data = keten.data(member.token, mutation, **variables)
    return next(iter(data.values()))


def case_when(keten: Keten, vt: Member, case_id: str, what: str, **expected: Any) -> dict[str, Any]:
    """The case as Veilig Thuis reads it, once the view shows what is expected."""

    def read() -> dict[str, Any] | None:
        body = keten.gql(vt.token, CASE, id=case_id)
        case = (body.get("data") or {}).get("case")
        return case if case and all(case.get(k) == v for k, v in expected.items()) else None

    found: dict[str, Any] = wait_until(read, timeout=10.0, what=what)
    return found


def assert_nothing_in_clear(keten: Keten, *secrets: str) -> None:
    """Every record on keten.cases.v1 carries ids, types, dates and ciphertext only."""
    records = [r for r in keten.kafka.records() if r.topic == "keten.cases.v1"]
    assert records, "nothing was published on keten.cases.v1"
    for record in records:
        raw = record.raw()
        leaked = [secret for secret in secrets if secret.encode() in raw]
        assert leaked == [], f"{record.type} carries {leaked} in clear"

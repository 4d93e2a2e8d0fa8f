"""Who takes part in the soak: one Veilig Thuis, one professional per organisation for every
client (so any two of them match on a young person), and a pool of young people."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from tests.random_refs import random_bsn

ORGANISATION = "mutation ($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id } }"
PROFESSIONAL = """mutation ($input: RegisterProfessionalInput!) {
  registerProfessional(input: $input) { token professional { id } } }"""
MUNICIPALITY = "GM0363"


@dataclass(frozen=True)
class Member:
    id: str
    token: str
    organisation_id: str


@dataclass(frozen=True)
class Population:
    veilig_thuis: Member
    clients: list[Member]
    youths: list[dict[str, str]]  # RegisterSignalInput values


def populate(url: str, admin_token: str, clients: int, youths: int) -> Population:
    with httpx.Client(base_url=url, timeout=30.0) as http:
        [vt] = _organisation(http, admin_token, "VEILIG_THUIS", "VEILIG_THUIS", "VT_MEDEWERKER")
        sectors = ("ONDERWIJS", "JEUGDHULP", "JGZ", "POLITIE")
        members = [
            _organisation(http, admin_token, sectors[n % len(sectors)], "OVERIG", "SIGNALLER")[0]
            for n in range(clients)
        ]
    return Population(vt, members, [youth() for _ in range(youths)])


def _organisation(http: httpx.Client, admin: str, sector: str, kind: str, role: str) -> list[Member]:
    name = f"soak {sector.lower()} {uuid.uuid4().hex[:6]}"
    organisation_input = {"name": name, "sector": sector, "municipalityCode": MUNICIPALITY, "kind": kind}
    organisation_id = _data(http, admin, ORGANISATION, organisation_input)["registerOrganisation"]["id"]
    person = {
        "organisationId": organisation_id,
        "name": f"soak {uuid.uuid4().hex[:6]}",
        "email": f"{uuid.uuid4().hex[:10]}@soak.example",
        "roles": [role],
    }
    registered = _data(http, admin, PROFESSIONAL, person)["registerProfessional"]
    return [Member(registered["professional"]["id"], registered["token"], organisation_id)]


def youth() -> dict[str, str]:
    born = datetime.now(UTC).date() - timedelta(days=random.randrange(2 * 365, 20 * 365))
    return {"bsn": random_bsn(), "birthDate": born.isoformat(), "municipalityCode": MUNICIPALITY}


def _data(http: httpx.Client, token: str, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    body = http.post(
        "/graphql",
        json={"query": query, "variables": {"input": variables}},
        headers={"Authorization": f"Bearer {token}"},
    ).json()
    assert not body.get("errors"), body["errors"]
    data: dict[str, Any] = body["data"]
    return data

"""The people in the stories: organisations, their professionals and the young people they worry about."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from tests.e2e.harness import Keten
from tests.random_refs import random_bsn, random_email, random_name

REGISTER_ORGANISATION = """
mutation ($input: RegisterOrganisationInput!) {
  registerOrganisation(input: $input) { id name sector municipalityCode }
}"""
REGISTER_PROFESSIONAL = """
mutation ($input: RegisterProfessionalInput!) {
  registerProfessional(input: $input) { token professional { id name email phone roles organisation { id } } }
}"""
REGISTER_SIGNAL = """
mutation ($input: RegisterSignalInput!) {
  registerSignal(input: $input) {
    signal { id status registeredAt expiresAt }
    earlierSignals { organisation { name } professional { name email phone } registeredAt endedAt }
  }
}"""
WITHDRAW_SIGNAL = """
mutation ($signalId: ID!, $reason: WithdrawalReason!) {
  withdrawSignal(signalId: $signalId, reason: $reason) { id status }
}"""
MY_SIGNALS = "query ($status: SignalStatus) { mySignals(status: $status) { id status } }"
MATCH_FIELDS = """
  id since
  counterparts { since organisation { name sector municipalityCode } professional { name email phone } }
"""
MY_MATCHES = f"query {{ myMatches {{ {MATCH_FIELDS} }} }}"
MUNICIPALITY_MATCHES = f"query {{ municipalityMatches {{ {MATCH_FIELDS} }} }}"


def random_municipality() -> str:
    return f"GM{random.randrange(10_000):04d}"


def another_municipality(code: str) -> str:
    return next(other for other in iter(random_municipality, None) if other != code)


def random_phone() -> str:
    return f"06{random.randrange(10**8):08d}"


def today() -> date:
    """keten's clock runs on UTC."""
    return datetime.now(UTC).date()


@dataclass(frozen=True)
class Youth:
    bsn: str
    birth_date: date
    municipality_code: str

    @classmethod
    def random(cls, municipality_code: str) -> Youth:
        # Between 6 and 16: far from any date keten writes itself (today, two years on).
        age_in_days = random.randrange(6 * 365, 16 * 365)
        return cls(random_bsn(), today() - timedelta(days=age_in_days), municipality_code)

    def as_input(self) -> dict[str, str]:
        return {
            "bsn": self.bsn,
            "birthDate": self.birth_date.isoformat(),
            "municipalityCode": self.municipality_code,
        }


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str
    sector: str
    municipality_code: str


@dataclass(frozen=True)
class Professional:
    id: str
    token: str
    name: str
    email: str
    phone: str
    organisation: Organisation

    @property
    def contact(self) -> dict[str, str]:
        return {"name": self.name, "email": self.email, "phone": self.phone}

    @property
    def as_counterpart(self) -> tuple[str, str, dict[str, str]]:
        return (self.organisation.name, self.organisation.sector, self.contact)


def register_organisation(keten: Keten, sector: str, municipality_code: str) -> Organisation:
    name = f"{sector.title()} {uuid.uuid4().hex[:6]}"
    input_ = {"name": name, "sector": sector, "municipalityCode": municipality_code}
    created = keten.data(keten.admin_token, REGISTER_ORGANISATION, input=input_)["registerOrganisation"]
    return Organisation(created["id"], name, sector, municipality_code)


def register_professional(keten: Keten, organisation: Organisation, *roles: str) -> Professional:
    name, email, phone = random_name("prof"), random_email(), random_phone()
    input_ = {
        "organisationId": organisation.id,
        "name": name,
        "email": email,
        "phone": phone,
        "roles": list(roles),
    }
    created = keten.data(keten.admin_token, REGISTER_PROFESSIONAL, input=input_)["registerProfessional"]
    return Professional(created["professional"]["id"], created["token"], name, email, phone, organisation)


@dataclass(frozen=True)
class Agencies:
    """A school and a youth-care provider in one municipality, and that municipality's regievoerder."""

    municipality_code: str
    mentor: Professional
    youth_worker: Professional
    regievoerder: Professional

    @classmethod
    def register(cls, keten: Keten) -> Agencies:
        code = random_municipality()
        school = register_organisation(keten, "ONDERWIJS", code)
        youth_care = register_organisation(keten, "JEUGDHULP", code)
        gemeente = register_organisation(keten, "GEMEENTE", code)
        return cls(
            code,
            register_professional(keten, school, "SIGNALLER"),
            register_professional(keten, youth_care, "SIGNALLER"),
            register_professional(keten, gemeente, "REGIEVOERDER"),
        )

    def youth(self) -> Youth:
        return Youth.random(self.municipality_code)


def register_signal(keten: Keten, professional: Professional, youth: Youth) -> dict[str, Any]:
    return keten.gql(professional.token, REGISTER_SIGNAL, input=youth.as_input())


def signal(keten: Keten, professional: Professional, youth: Youth) -> str:
    """Register a signal that must be accepted; returns its id."""
    body = register_signal(keten, professional, youth)
    assert not body.get("errors"), body["errors"]
    signal_id: str = body["data"]["registerSignal"]["signal"]["id"]
    return signal_id


def withdraw(
    keten: Keten, professional: Professional, signal_id: str, reason: str = "RISK_GONE"
) -> dict[str, Any]:
    return keten.gql(professional.token, WITHDRAW_SIGNAL, signalId=signal_id, reason=reason)


def my_signals(keten: Keten, professional: Professional, status: str | None = None) -> dict[str, str]:
    """The professional's signals as {id: status}."""
    rows = keten.data(professional.token, MY_SIGNALS, status=status)["mySignals"]
    return {row["id"]: row["status"] for row in rows}


def my_matches(keten: Keten, professional: Professional) -> list[dict[str, Any]]:
    matches: list[dict[str, Any]] = keten.data(professional.token, MY_MATCHES)["myMatches"]
    return matches


def municipality_matches(keten: Keten, regievoerder: Professional) -> list[dict[str, Any]]:
    matches: list[dict[str, Any]] = keten.data(regievoerder.token, MUNICIPALITY_MATCHES)[
        "municipalityMatches"
    ]
    return matches


def counterparts(match: dict[str, Any]) -> list[tuple[str, str, dict[str, str]]]:
    """A match's counterparts as (organisation name, sector, contact), comparable to `as_counterpart`."""
    return sorted(
        (
            (c["organisation"]["name"], c["organisation"]["sector"], c["professional"])
            for c in match["counterparts"]
        ),
        key=repr,
    )

"""`keten serve --demo`: two organisations that can match, a regievoerder, their one-time sign-in
links (1 h) for the web pages and their bearer tokens for GraphQL."""

from __future__ import annotations

import json
from uuid import UUID

from domain.identity.model import Role, Sector
from keten.bootstrap import Platform

MUNICIPALITY = "GM0363"  # Amsterdam
PEOPLE = (
    (
        "Het Amstel Lyceum",
        Sector.ONDERWIJS,
        "Sanne de Vries",
        "s.devries@amstellyceum.example",
        "020-5550101",
        (Role.SIGNALLER,),
    ),
    (
        "Jeugdhulp Amsterdam",
        Sector.JEUGDHULP,
        "Mohamed El Amrani",
        "m.elamrani@jeugdhulp.example",
        "020-5550202",
        (Role.SIGNALLER,),
    ),
    (
        "Gemeente Amsterdam",
        Sector.GEMEENTE,
        "Petra Jansen",
        "p.jansen@gemeente.example",
        None,
        (Role.REGIEVOERDER,),
    ),
)


def ensure_demo(platform: Platform) -> list[str]:
    """Creates the demo directory once (remembered in the data dir); returns lines to print."""
    path = platform.settings.data_dir / "demo.json"
    if path.exists():
        ids = json.loads(path.read_text())
    else:
        ids = [_register(platform, *person) for person in PEOPLE]
        path.write_text(json.dumps(ids))
    return [_token_line(platform, UUID(professional_id)) for professional_id in ids]


def _register(
    platform: Platform,
    org: str,
    sector: Sector,
    name: str,
    email: str,
    phone: str | None,
    roles: tuple[Role, ...],
) -> str:
    organisation_id = platform.identity.register_organisation(org, sector, MUNICIPALITY)
    return str(platform.identity.register_professional(organisation_id, name, email, phone, roles))


def _token_line(platform: Platform, professional_id: UUID) -> str:
    professional = platform.identity.professional(professional_id)
    organisation = platform.identity.organisation(professional.organisation_id)
    token = platform.services.issuer.issue(
        professional.id, professional.organisation_id, professional.roles, platform.clock()
    )
    roles = ",".join(role.value for role in professional.roles)
    link = platform.services.web.accounts.sign_in_link(str(professional.id), platform.clock())
    return (
        f"{professional.name} ({organisation.name}, {roles}):\n"
        f"  sign in (once, within 1 hour): {link}\n  Authorization: Bearer {token}"
    )

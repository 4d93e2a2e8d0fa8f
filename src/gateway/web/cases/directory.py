"""What a page picks from: the sociale kaart (the directory's organisations by kind, no personal
data) and the caller's own colleagues."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from domain.identity.model import Role
from gateway.auth import Principal
from gateway.context import Services


@dataclass(frozen=True)
class Entry:
    id: str
    name: str
    kind: str | None
    sector: str


def sociale_kaart(services: Services) -> list[Entry]:
    """Every organisation, by name: handover, help and information requests pick from it."""
    organisations = services.identity.organisations()
    entries = [
        Entry(str(o.id), o.name, o.kind.value if o.kind else None, o.sector.value) for o in organisations
    ]
    return sorted(entries, key=lambda entry: entry.name.lower())


FUNCTIONS = {
    "VT_MEDEWERKER": "Veilig Thuis-medewerker",
    "SIGNALLER": "professional",
    "REGIEVOERDER": "regievoerder",
    "AUDITOR": "auditor",
    "ADMIN": "beheerder",
}
Options = list[tuple[str, str]]


def colleagues(services: Services, principal: Principal | None) -> Options:
    """The professionals of the caller's own organisation, by name, with their function: what a
    form offers to name a regisseur, a vertrouwensarts or an owner. Never another organisation's
    staff (the directory answers only for the caller's own); the resolver still checks the id."""
    if principal is None or principal.organisation_id is None:
        return []
    staff = services.identity.professionals_of(principal.organisation_id)
    options = [(str(p.id), f"{p.name} ({_function(p.roles)})") for p in staff]
    return sorted(options, key=lambda option: option[1].lower())


def colleagues_once(services: Services, principal: Principal | None) -> Callable[[], Options]:
    """For a template: read the directory only if a form that names a colleague is shown."""
    return cache(lambda: colleagues(services, principal))


def _function(roles: tuple[Role, ...]) -> str:
    return ", ".join(FUNCTIONS.get(role.value, role.value) for role in roles) or "geen rol"

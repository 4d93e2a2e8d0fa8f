"""The sociale kaart a page picks from: the directory's organisations by kind (no personal data)."""

from __future__ import annotations

from dataclasses import dataclass

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

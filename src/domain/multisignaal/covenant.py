"""Procescoördinatie after a match: whom the municipality's covenant proposes as coordinator.

The college makes a covenant with every institution that may signal (Jw 7.1.1.2); what it
says about who takes the lead after a match is each municipality's own agreement. keten reads
those agreements as data (`data/covenants/coordination.toml`): per municipality an ordered list
of sectors or named organisations, and a default for municipalities without one. The first
entry that names a participant's organisation or sector wins; among participants equal under the
rules, the one who signalled first; a participant the list does not mention comes after all
that it does. The proposal is only that: the coordinator accepts or hands it on, and the
municipality's regievoerder may assign someone else.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from uuid import UUID

from domain.identity.model import Sector
from domain.validation.codes import MUNICIPALITY_CODE

ORGANISATION = "organisation:"


@dataclass(frozen=True)
class Candidate:
    professional_id: UUID
    organisation_id: UUID
    sector: Sector
    since: datetime


@dataclass(frozen=True)
class CovenantRules:
    default: tuple[str, ...]
    by_municipality: Mapping[str, tuple[str, ...]]

    def order_for(self, municipality: str | None) -> tuple[str, ...]:
        """The municipality's own order, else the default."""
        return self.by_municipality.get(municipality or "", self.default)

    def rekeyed(self, key: Callable[[str], str]) -> CovenantRules:
        """The same rules keyed otherwise (the matcher knows municipalities by keyed reference)."""
        return CovenantRules(self.default, {key(code): order for code, order in self.by_municipality.items()})


def propose_coordinator(candidates: Sequence[Candidate], order: Sequence[str]) -> Candidate:
    """The participant the order ranks first; ties go to whoever signalled first."""
    if not candidates:
        raise ValueError("a match without participants has no coordinator")
    return min(candidates, key=lambda c: (_rank(c, order), c.since, str(c.professional_id)))


def municipality_of(references: Sequence[str]) -> str | None:
    """The municipality most of a match's signals name; on a tie, the earliest signal's."""
    counts = Counter(references)
    return max(references, key=lambda ref: counts[ref]) if references else None


def _rank(candidate: Candidate, order: Sequence[str]) -> int:
    names = (f"{ORGANISATION}{candidate.organisation_id}", candidate.sector.value)
    return next((i for i, entry in enumerate(order) if entry in names), len(order))


def load_covenants(path: Path) -> CovenantRules:
    """Reads the TOML file; an unknown sector, a malformed id or code, or no default is refused."""
    return parse_covenants(tomllib.loads(path.read_text(encoding="utf-8")), str(path))


def parse_covenants(document: Mapping[str, object], where: str = "covenants") -> CovenantRules:
    default = _order(document.get("default"), f"{where} [default]")
    municipalities = document.get("municipality", {})
    if not isinstance(municipalities, Mapping):
        raise ValueError(f"{where}: [municipality.<GMxxxx>] tables expected")
    by_municipality = {}
    for code, table in municipalities.items():
        if not MUNICIPALITY_CODE.fullmatch(code):
            raise ValueError(f"{where}: {code!r} is not a gemeente code (GM and 4 digits)")
        by_municipality[code] = _order(table, f"{where} [municipality.{code}]")
    return CovenantRules(default, by_municipality)


def _order(table: object, where: str) -> tuple[str, ...]:
    order = table.get("order") if isinstance(table, Mapping) else None
    if not isinstance(order, list) or not order or not all(isinstance(e, str) for e in order):
        raise ValueError(f"{where}: needs `order`, a non-empty list of sectors or organisation ids")
    unknown = [entry for entry in order if not _known(entry, {s.value for s in Sector})]
    if unknown or len(set(order)) != len(order):
        raise ValueError(f"{where}: unknown or repeated entries {unknown or order}")
    return tuple(order)


def _known(entry: str, sectors: Collection[str]) -> bool:
    if not entry.startswith(ORGANISATION):
        return entry in sectors
    try:
        UUID(entry.removeprefix(ORGANISATION))
    except ValueError:
        return False
    return True

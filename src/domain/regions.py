"""The Veilig Thuis regions: which of them serves a gemeente.

There are 26 Veilig Thuis organisations, one per region (domain.md §5 [R3]); CBS codes the
regions VT01-VT26. The table comes from `data/regions/veilig_thuis.json`, which names its
sources and how it was made (`data/regions/generate.py`). A melding without a chosen Veilig
Thuis goes to the one of the family's gemeente; which rule decides competence (woonplaats or
verblijf) was not found, so keten takes the gemeente the melder gives.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from uuid import UUID

from domain.errors import DomainError
from domain.validation.codes import MUNICIPALITY_CODE

REGION_CODE = re.compile(r"VT[0-9]{2}")
REGION_COUNT = 26


@dataclass(frozen=True)
class Region:
    code: str
    name: str


class RegionTable:
    """Gemeente code -> Veilig Thuis region; a code it does not hold raises UnknownMunicipality."""

    def __init__(self, regions: Mapping[str, str], municipalities: Mapping[str, str]) -> None:
        self.regions = {code: Region(code, name) for code, name in regions.items()}
        self._region_of = dict(municipalities)

    def region_of(self, municipality_code: str) -> Region:
        try:
            return self.regions[self._region_of[municipality_code]]
        except KeyError:
            raise UnknownMunicipality(f"no Veilig Thuis region known for {municipality_code!r}") from None

    def municipalities_of(self, region_code: str) -> frozenset[str]:
        return frozenset(code for code, region in self._region_of.items() if region == region_code)

    @property
    def municipality_codes(self) -> frozenset[str]:
        return frozenset(self._region_of)


def veilig_thuis_serving(
    municipality_code: str, table: RegionTable, veilig_thuis: Iterable[tuple[UUID, str]]
) -> UUID:
    """The Veilig Thuis organisation of the gemeente's region, among (id, its own gemeente) pairs."""
    region = table.region_of(municipality_code)
    serving = sorted(
        (organisation for organisation, code in veilig_thuis if code in table.municipality_codes
         and table.region_of(code) == region),
        key=str,
    )  # fmt: skip
    if not serving:
        raise NoVeiligThuisInRegion(f"no Veilig Thuis organisation of region {region.name} is registered")
    if len(serving) > 1:
        raise SeveralVeiligThuisInRegion(
            f"region {region.name} has several Veilig Thuis organisations: choose one"
        )
    return serving[0]


def load_regions(path: Path) -> RegionTable:
    """Reads the table and refuses it unless every code is well-formed and every region known."""
    document = json.loads(path.read_text(encoding="utf-8"))
    regions: dict[str, str] = document["regions"]
    municipalities = {code: str(entry["region"]) for code, entry in document["municipalities"].items()}
    _check(path, document, regions, municipalities)
    return RegionTable(regions, municipalities)


def _check(
    path: Path, document: Mapping[str, object], regions: Mapping[str, str], towns: Mapping[str, str]
) -> None:
    bad_regions = [code for code in regions if not REGION_CODE.fullmatch(code)]
    bad_codes = [code for code in towns if not MUNICIPALITY_CODE.fullmatch(code)]
    strays = sorted({region for region in towns.values() if region not in regions})
    if bad_regions or bad_codes or strays or len(regions) != REGION_COUNT:
        raise ValueError(
            f"{path}: {len(regions)} regions (want {REGION_COUNT}); malformed region codes {bad_regions}, "
            f"malformed gemeente codes {bad_codes}, unknown regions {strays}"
        )
    if not document.get("sources"):
        raise ValueError(f"{path}: the table must name its sources")


class UnknownMunicipality(DomainError):
    code = "UNKNOWN_MUNICIPALITY"


class MunicipalityRequired(DomainError):
    code = "MUNICIPALITY_REQUIRED"


class NoVeiligThuisInRegion(DomainError):
    code = "NO_VEILIG_THUIS_IN_REGION"


class SeveralVeiligThuisInRegion(DomainError):
    code = "SEVERAL_VEILIG_THUIS_IN_REGION"

"""The Veilig Thuis region table: well-formed, complete, sourced, and refusing what it does not hold."""

from __future__ import annotations

import json
import re
from pathlib import Path
from uuid import UUID, uuid4

import pytest

from domain.regions import (
    NoVeiligThuisInRegion,
    RegionTable,
    SeveralVeiligThuisInRegion,
    UnknownMunicipality,
    load_regions,
    veilig_thuis_serving,
)

TABLE = Path(__file__).parents[2] / "data" / "regions" / "veilig_thuis.json"


@pytest.fixture(scope="module")
def table() -> RegionTable:
    return load_regions(TABLE)


def test_every_municipality_code_is_gm_and_four_ascii_digits() -> None:
    codes = json.loads(TABLE.read_text(encoding="utf-8"))["municipalities"]
    assert all(re.fullmatch(r"GM[0-9]{4}", code, flags=re.ASCII) for code in codes)
    assert all(code.isascii() for code in codes)


def test_every_region_is_one_of_the_26_and_serves_at_least_one_gemeente(table: RegionTable) -> None:
    assert sorted(table.regions) == [f"VT{n:02d}" for n in range(1, 27)]
    served = {table.region_of(code).code for code in table.municipality_codes}
    assert served == set(table.regions)


def test_the_table_holds_the_342_gemeenten_of_2023_and_names_its_sources() -> None:
    document = json.loads(TABLE.read_text(encoding="utf-8"))
    assert len(document["municipalities"]) == 342
    assert any("CBS" in source for source in document["sources"])
    assert "2023" in document["municipality_set"]


@pytest.mark.parametrize(
    ("code", "region"),
    [
        ("GM0363", "Amsterdam-Amstelland"),  # Amsterdam, Weesp included since 2022
        ("GM0855", "Noord-Brabant Midden"),  # Tilburg
        ("GM0797", "Noord-Brabant Midden"),  # Heusden: veiligheidsregio Brabant-Noord, VT Midden-Brabant
        ("GM0758", "West-Brabant"),  # Breda
        ("GM0796", "Brabant Noordoost"),  # 's-Hertogenbosch
        ("GM1980", "Noord-Holland Noord"),  # Dijk en Waard, formed in 2022
        ("GM1992", "Rotterdam-Rijnmond"),  # Voorne aan Zee, formed in 2023
        ("GM0014", "Groningen"),
    ],
)
def test_a_gemeente_is_served_by_its_regions_veilig_thuis(table: RegionTable, code: str, region: str) -> None:
    assert table.region_of(code).name == region


@pytest.mark.parametrize("merged_away", ["GM0457", "GM0370", "GM0398", "GM0756", "GM0501"])
def test_gemeenten_merged_away_are_unknown(table: RegionTable, merged_away: str) -> None:
    with pytest.raises(UnknownMunicipality) as unknown:
        table.region_of(merged_away)
    assert unknown.value.code == "UNKNOWN_MUNICIPALITY"


def test_a_region_lists_its_gemeenten(table: RegionTable) -> None:
    hart_van_brabant = {
        "GM0766",
        "GM0784",
        "GM0785",
        "GM0797",
        "GM0798",
        "GM0809",
        "GM0824",
        "GM0855",
        "GM0867",
    }
    assert table.municipalities_of("VT15") == hart_van_brabant


def _write(tmp_path: Path, **changes: object) -> Path:
    document = json.loads(TABLE.read_text(encoding="utf-8")) | changes
    path = tmp_path / "regions.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("bad_code", ["GM٠٣٦٣", "GM363", "gm0363", "GM03630"])
def test_the_loader_refuses_a_malformed_gemeente_code(tmp_path: Path, bad_code: str) -> None:
    path = _write(tmp_path, municipalities={bad_code: {"name": "x", "region": "VT01"}})
    with pytest.raises(ValueError, match="malformed gemeente"):
        load_regions(path)


def test_the_loader_refuses_a_region_outside_the_26(tmp_path: Path) -> None:
    path = _write(tmp_path, municipalities={"GM0363": {"name": "x", "region": "VT27"}})
    with pytest.raises(ValueError, match="unknown regions"):
        load_regions(path)


def test_the_loader_refuses_a_table_without_sources(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="sources"):
        load_regions(_write(tmp_path, sources=[]))


GRONINGEN_VT, TILBURG_VT, UTRECHT_VT = uuid4(), uuid4(), uuid4()
DIRECTORY = [(GRONINGEN_VT, "GM0014"), (TILBURG_VT, "GM0855"), (UTRECHT_VT, "GM0344"), (uuid4(), "GM9999")]


@pytest.mark.parametrize(
    ("family", "serving"),
    [
        ("GM1966", GRONINGEN_VT),  # Het Hogeland: region Groningen
        ("GM0797", TILBURG_VT),  # Heusden: Noord-Brabant Midden, as Tilburg
        ("GM0344", UTRECHT_VT),
    ],
)
def test_a_gemeente_is_served_by_the_veilig_thuis_registered_in_its_region(
    table: RegionTable, family: str, serving: UUID
) -> None:
    assert veilig_thuis_serving(family, table, DIRECTORY) == serving


def test_a_region_without_or_with_several_veilig_thuis_organisations_is_refused(table: RegionTable) -> None:
    with pytest.raises(NoVeiligThuisInRegion) as none:
        veilig_thuis_serving("GM0363", table, DIRECTORY)
    with pytest.raises(SeveralVeiligThuisInRegion) as several:
        veilig_thuis_serving("GM0014", table, [*DIRECTORY, (uuid4(), "GM1966")])
    assert (none.value.code, several.value.code) == (
        "NO_VEILIG_THUIS_IN_REGION",
        "SEVERAL_VEILIG_THUIS_IN_REGION",
    )


def test_a_gemeente_in_no_region_is_refused(table: RegionTable) -> None:
    with pytest.raises(UnknownMunicipality):
        veilig_thuis_serving("GM0457", table, DIRECTORY)  # Weesp, part of Amsterdam since 2022

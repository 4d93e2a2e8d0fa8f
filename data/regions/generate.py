"""Writes data/regions/veilig_thuis.json: every gemeente of 1 January 2023 and its Veilig Thuis region.

Run `python data/regions/generate.py`. keten reads only the JSON; this script says how it was
made, from three public sources (named again in the JSON):

1. gemeente -> veiligheidsregio, municipality set of 1 January 2021: `veiligheidsregio_2021.tsv`,
   transcribed from the Ministerie van VWS Coronadashboard (minvws/nl-covid19-data-dashboard);
2. the municipal mergers of 2022 and 2023 (MERGERS below), from the same ministry's
   reclassified-municipality mapping (minvws/nl-covid19-data-backend-processing);
3. the 26 Veilig Thuis regions and their CBS codes (REGIONS below): CBS Gebiedsindelingen 2022,
   layer veiligthuisregio (as published in cartomap/nl, veiligthuisregio_2022.topojson).

A Veilig Thuis region follows the veiligheidsregio of the same area, except in Brabant:
Midden- en West-Brabant (VR20) is served by two Veilig Thuis organisations, and Heusden (VR21)
belongs to Hart van Brabant. See HART_VAN_BRABANT for the sources of that split.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).parent

REGIONS = {
    "VT01": "Amsterdam-Amstelland",
    "VT02": "Drenthe",
    "VT03": "Flevoland",
    "VT04": "Friesland",
    "VT05": "Gelderland-Midden",
    "VT06": "Gelderland-Zuid",
    "VT07": "Gooi en Vechtstreek",
    "VT08": "Groningen",
    "VT09": "Haaglanden",
    "VT10": "Hollands-Midden",
    "VT11": "IJsselland",
    "VT12": "Kennemerland",
    "VT13": "Noord- en Midden Limburg",
    "VT14": "Noord- en Oost-Gelderland",
    "VT15": "Noord-Brabant Midden",
    "VT16": "Brabant Noordoost",
    "VT17": "Noord-Holland Noord",
    "VT18": "Rotterdam-Rijnmond",
    "VT19": "Twente",
    "VT20": "Utrecht",
    "VT21": "West-Brabant",
    "VT22": "Zaanstreek-Waterland",
    "VT23": "Zeeland",
    "VT24": "Zuid-Holland-Zuid",
    "VT25": "Zuid-Limburg",
    "VT26": "Zuidoost-Brabant",
}

# The Veilig Thuis region of each veiligheidsregio (VR20 is split, see below).
BY_VEILIGHEIDSREGIO = {
    "VR01": "VT08", "VR02": "VT04", "VR03": "VT02", "VR04": "VT11", "VR05": "VT19",
    "VR06": "VT14", "VR07": "VT05", "VR08": "VT06", "VR09": "VT20", "VR10": "VT17",
    "VR11": "VT22", "VR12": "VT12", "VR13": "VT01", "VR14": "VT07", "VR15": "VT09",
    "VR16": "VT10", "VR17": "VT18", "VR18": "VT24", "VR19": "VT23", "VR20": "VT21",
    "VR21": "VT16", "VR22": "VT26", "VR23": "VT13", "VR24": "VT25", "VR25": "VT03",
}  # fmt: skip

# Regio Hart van Brabant (Dongen, Gilze en Rijen, Goirle, Heusden, Hilvarenbeek, Loon op Zand,
# Oisterwijk, Tilburg, Waalwijk; bd.nl 2020-06, sma-hartvanbrabant.nl) is served by Veilig Thuis
# Midden-Brabant (regio-hartvanbrabant.nl/nieuws/665); the other 16 gemeenten of VR20 by Veilig
# Thuis West-Brabant (18 gemeenten with Breda as centrumgemeente in 2018, moerdijk.nl; Aalburg,
# Werkendam and Woudrichem became Altena in 2019). Heusden lies in VR21; CBS's topology agrees:
# VT15 borders Gelderland-Zuid (VT06), which only Heusden of these nine does.
HART_VAN_BRABANT = {
    "GM0766", "GM0784", "GM0785", "GM0797", "GM0798", "GM0809", "GM0824", "GM0855", "GM0867",
}  # fmt: skip

# Mergers of 1 January 2022 (Weesp into Amsterdam: 24 March 2022) and 1 January 2023.
MERGERS = {
    "GM0457": "GM0363",  # Weesp -> Amsterdam
    "GM0370": "GM0439",  # Beemster -> Purmerend
    "GM0398": "GM1980",  # Heerhugowaard -> Dijk en Waard
    "GM0416": "GM1980",  # Langedijk -> Dijk en Waard
    "GM1685": "GM1991",  # Landerd -> Maashorst
    "GM0856": "GM1991",  # Uden -> Maashorst
    "GM0756": "GM1982",  # Boxmeer -> Land van Cuijk
    "GM1684": "GM1982",  # Cuijk -> Land van Cuijk
    "GM0786": "GM1982",  # Grave -> Land van Cuijk
    "GM0815": "GM1982",  # Mill en Sint Hubert -> Land van Cuijk
    "GM1702": "GM1982",  # Sint Anthonis -> Land van Cuijk
    "GM0501": "GM1992",  # Brielle -> Voorne aan Zee
    "GM0530": "GM1992",  # Hellevoetsluis -> Voorne aan Zee
    "GM0614": "GM1992",  # Westvoorne -> Voorne aan Zee
}
NEW_NAMES = {"GM1980": "Dijk en Waard", "GM1991": "Maashorst", "GM1982": "Land van Cuijk", "GM1992": "Voorne aan Zee"}

SOURCES = [
    "gemeente -> veiligheidsregio (1 January 2021): Ministerie van VWS, Coronadashboard, "
    "github.com/minvws/nl-covid19-data-dashboard packages/app/src/data/gm.ts "
    "(commit 1c271e3f0a358a2f8bf6c67a92daa876d147d8f8)",
    "mergers 2022-2023: Ministerie van VWS, github.com/minvws/nl-covid19-data-backend-processing, "
    "VWSSTATIC.RECLASSIFIED_MUNICIPALITY_MAPPING",
    "the 26 Veilig Thuis regions and their codes: CBS Gebiedsindelingen 2022, layer veiligthuisregio "
    "(PDOK; as republished in github.com/cartomap/nl wgs84/veiligthuisregio_2022.topojson)",
    "Brabant split: Regio Hart van Brabant members (bd.nl 2020-06; sma-hartvanbrabant.nl/ons-dna), "
    "Veilig Thuis Midden-Brabant serves that region (regio-hartvanbrabant.nl/nieuws/665), Veilig Thuis "
    "West-Brabant the other gemeenten of VR20 (moerdijk.nl B&W besluitenlijst 2018)",
]

CAVEAT = (
    "Each gemeente's region is derived from its veiligheidsregio and the Brabant split above; it was "
    "not checked row by row against CBS's own register (gebiedsindelingen_register, column vt_code), "
    "which could not be reached. A summary of the CBS Gebiedsindelingen 2025 edition counts 25 Veilig "
    "Thuis regions; which two were joined was not found, so this file keeps the 26 of 2022."
)


def read_source() -> list[tuple[str, str, str]]:
    lines = (HERE / "veiligheidsregio_2021.tsv").read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines if line and not line.startswith("#")]  # type: ignore[misc]


def region_of(code: str, veiligheidsregio: str) -> str:
    return "VT15" if code in HART_VAN_BRABANT else BY_VEILIGHEIDSREGIO[veiligheidsregio]


def municipalities() -> dict[str, dict[str, str]]:
    source = read_source()
    # Gemeenten that live on keep their own region (Weesp's region is not Amsterdam's).
    result = {code: {"name": name, "region": region_of(code, vr)} for code, name, vr in source if code not in MERGERS}
    for code, _, veiligheidsregio in source:
        if code in MERGERS:
            new = {"name": NEW_NAMES.get(MERGERS[code], ""), "region": region_of(code, veiligheidsregio)}
            result.setdefault(MERGERS[code], new)
    return dict(sorted(result.items()))


def main() -> None:
    document = {
        "description": "Every gemeente (CBS code) and the Veilig Thuis region that serves it.",
        "municipality_set": "1 January 2023 (342 gemeenten; unchanged in 2024 and 2025)",
        "sources": SOURCES,
        "caveat": CAVEAT,
        "regions": REGIONS,
        "municipalities": municipalities(),
    }
    target = HERE / "veilig_thuis.json"
    target.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

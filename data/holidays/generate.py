"""Writes data/holidays/<year>.json: the Atw art. 3 feestdagen, Easter by the Gregorian computus.

Run once per new range of years: `python data/holidays/generate.py 2023 2032`. keten itself
never computes holidays; it reads these files. Days a Koninklijk Besluit equates with feestdagen
(Atw art. 3 lid 3, one Besluit about every three years) are listed in KB_DAYS below with the
title of their Besluit as their basis; add the next Besluit there when it is published.
"""

from __future__ import annotations

import json
import sys
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).parent
LID_1, LID_2 = "Atw art. 3 lid 1", "Atw art. 3 lid 2"

# The Besluiten by their titles, as quoted (with their dates) by a legal Q&A of 4 October 2025:
# sterfgeval.nl/juridisch/overige/vragen-van-uitvaartondernemers/
# gemeentelijke-feestdag-bij-lijkbezorging-feestdagen-in-2026-2028/70745. Their Staatscourant
# numbers were not found; the dates follow Wikipedia's Atw pattern (the Friday after Hemelvaart;
# the Friday after a feestdag on a Thursday, the Monday before one on a Tuesday).
KB_2023_2025 = (
    "KB, Atw art. 3 lid 3: Besluit gelijkstelling van 28 april 2023, 19 mei 2023, 10 mei 2024, "
    "27 december 2024 en 30 mei 2025 met een algemeen erkende feestdag"
)
KB_2026_2028 = (
    "KB, Atw art. 3 lid 3: Besluit gelijkstelling van 2 januari 2026, 15 mei 2026, 7 mei 2027, "
    "28 april 2028 en 26 mei 2028 met een algemeen erkende feestdag"
)
KB_DAYS = [
    (date(2023, 4, 28), "Vrijdag na Koningsdag", KB_2023_2025),
    (date(2023, 5, 19), "Vrijdag na Hemelvaartsdag", KB_2023_2025),
    (date(2024, 5, 10), "Vrijdag na Hemelvaartsdag", KB_2023_2025),
    (date(2024, 12, 27), "Vrijdag na Tweede Kerstdag", KB_2023_2025),
    (date(2025, 5, 30), "Vrijdag na Hemelvaartsdag", KB_2023_2025),
    (date(2026, 1, 2), "Vrijdag na Nieuwjaarsdag", KB_2026_2028),
    (date(2026, 5, 15), "Vrijdag na Hemelvaartsdag", KB_2026_2028),
    (date(2027, 5, 7), "Vrijdag na Hemelvaartsdag", KB_2026_2028),
    (date(2028, 4, 28), "Vrijdag na Koningsdag", KB_2026_2028),
    (date(2028, 5, 26), "Vrijdag na Hemelvaartsdag", KB_2026_2028),
]


def easter_sunday(year: int) -> date:
    """The anonymous Gregorian algorithm (Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_offset = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday_offset) // 451
    month, day = divmod(h + weekday_offset - 7 * m + 114, 31)
    return date(year, month, day + 1)


def koningsdag(year: int) -> date:
    day = date(year, 4, 27)
    return day - timedelta(days=1) if day.weekday() == 6 else day


def feestdagen(year: int) -> list[dict[str, str]]:
    easter = easter_sunday(year)
    days = [
        (date(year, 1, 1), "Nieuwjaarsdag", LID_1),
        (easter - timedelta(days=2), "Goede Vrijdag", LID_2),
        (easter + timedelta(days=1), "Tweede Paasdag", LID_1),
        (koningsdag(year), "Koningsdag", LID_1),
        (date(year, 5, 5), "Bevrijdingsdag", LID_1),
        (easter + timedelta(days=39), "Hemelvaartsdag", LID_1),
        (easter + timedelta(days=50), "Tweede Pinksterdag", LID_1),
        (date(year, 12, 25), "Eerste Kerstdag", LID_1),
        (date(year, 12, 26), "Tweede Kerstdag", LID_1),
    ]
    days += [(day, name, basis) for day, name, basis in KB_DAYS if day.year == year]
    return [{"date": d.isoformat(), "name": name, "basis": basis} for d, name, basis in days]


def write_year(year: int) -> None:
    path = HERE / f"{year}.json"
    entries = sorted(feestdagen(year), key=lambda e: e["date"])
    path.write_text(json.dumps(entries, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    first, last = (int(arg) for arg in sys.argv[1:3])
    for year in range(first, last + 1):
        write_year(year)

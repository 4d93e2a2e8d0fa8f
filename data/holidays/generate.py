"""Writes data/holidays/<year>.json: the Atw art. 3 feestdagen, Easter by the Gregorian computus.

Run once per new range of years: `python data/holidays/generate.py 2024 2032`. keten itself
never computes holidays; it reads these files. Days a KB equates with feestdagen (Atw art. 3
lid 3, published in the Staatscourant about every three years) are added to a year's file by
hand, as {"date": ..., "name": ..., "basis": "KB <Stcrt. reference>"}; the generator keeps
entries whose basis starts with "KB" when it rewrites a file.
"""

from __future__ import annotations

import json
import sys
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).parent
LID_1, LID_2 = "Atw art. 3 lid 1", "Atw art. 3 lid 2"


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
    return [{"date": d.isoformat(), "name": name, "basis": basis} for d, name, basis in days]


def write_year(year: int) -> None:
    path = HERE / f"{year}.json"
    existing = json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
    kb_days = [e for e in existing if str(e.get("basis", "")).startswith("KB")]
    entries = sorted(feestdagen(year) + kb_days, key=lambda e: e["date"])
    path.write_text(json.dumps(entries, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    first, last = (int(arg) for arg in sys.argv[1:3])
    for year in range(first, last + 1):
        write_year(year)

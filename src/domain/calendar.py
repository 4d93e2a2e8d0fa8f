"""Working days under the Algemene termijnenwet (Atw), with the feestdagen loaded per year.

A working day is Monday to Friday and not a feestdag. The feestdagen are those of Atw art. 3
lid 1 (Nieuwjaarsdag, 2e Paasdag, Koningsdag, Hemelvaartsdag, 2e Pinksterdag, both
Kerstdagen and "de vijfde mei"), Goede Vrijdag, which art. 3 lid 2 equates with them, and any
day a KB equates under art. 3 lid 3. Two readings are deliberate:

- Goede Vrijdag is not a working day for Veilig Thuis deadlines either: the Atw equates it,
  and the law gives no other calendar for "5 werkdagen".
- 5 mei is a feestdag every year, not only in lustrum years: art. 3 names it without
  condition. (Collective agreements that give the day off once in five years do not matter.)

The days come from `data/holidays/<year>.json`, one file per year; a year without a file
raises `HolidaysNotLoaded` rather than silently counting every weekday as a working day.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from domain.errors import DomainError

NETHERLANDS = ZoneInfo("Europe/Amsterdam")


@dataclass(frozen=True)
class Feestdag:
    day: date
    name: str
    basis: str = ""  # the article of the Atw, or the Besluit that equates the day


class WorkingCalendar:
    """Monday to Friday minus the feestdagen of the years it holds; other years raise."""

    def __init__(self, feestdagen_by_year: Mapping[int, Iterable[Feestdag]]) -> None:
        self._by_year = {
            year: frozenset(f.day for f in feestdagen) for year, feestdagen in feestdagen_by_year.items()
        }

    def is_working_day(self, day: date) -> bool:
        return day not in self._feestdagen(day.year) and day.weekday() < 5

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after start: the start day itself never counts."""
        if n < 0:
            raise ValueError("count working days forward only")
        day = start
        while n > 0:
            day += timedelta(days=1)
            if self.is_working_day(day):
                n -= 1
        return day

    def working_days_between(self, a: date, b: date) -> int:
        """Working days after a up to and including b; negative when b lies before a."""
        if b < a:
            return -self.working_days_between(b, a)
        days = (a + timedelta(days=offset) for offset in range(1, (b - a).days + 1))
        return sum(self.is_working_day(day) for day in days)

    def first_working_day_from(self, day: date) -> date:
        """Atw art. 1: a term ending on a Saturday, Sunday or feestdag runs to the next working day."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def _feestdagen(self, year: int) -> frozenset[date]:
        try:
            return self._by_year[year]
        except KeyError:
            raise HolidaysNotLoaded(
                f"no feestdagen known for {year}: add data/holidays/{year}.json"
            ) from None


def dutch_date(moment: datetime) -> date:
    """The calendar day in the Netherlands at an aware moment (a deadline counts Dutch days)."""
    return moment.astimezone(NETHERLANDS).date()


def add_months(day: date, months: int) -> date:
    """The same day n months later, or the month's last day when it is shorter."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    first_of_next = date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1)
    return date(year, month + 1, min(day.day, (first_of_next - timedelta(days=1)).day))


def load_calendar(directory: Path) -> WorkingCalendar:
    """Reads every `<year>.json` in directory: a list of {"date": "YYYY-MM-DD", "name", "basis"}."""
    files = sorted(directory.glob("[0-9][0-9][0-9][0-9].json"))
    if not files:
        raise ValueError(f"no holiday files (<year>.json) in {directory}")
    return WorkingCalendar({int(path.stem): _read_year(path) for path in files})


def _read_year(path: Path) -> list[Feestdag]:
    entries = json.loads(path.read_text(encoding="utf-8"))
    feestdagen = [
        Feestdag(date.fromisoformat(e["date"]), str(e["name"]), str(e.get("basis", ""))) for e in entries
    ]
    strays = [f.day for f in feestdagen if f.day.year != int(path.stem)]
    # A day without its basis cannot be checked against the law: refuse the file.
    if strays or not all(f.name and f.basis for f in feestdagen):
        raise ValueError(f"{path}: every entry needs a name, a basis and a date in {path.stem}; see {strays}")
    return feestdagen


class HolidaysNotLoaded(DomainError):
    code = "HOLIDAYS_NOT_LOADED"

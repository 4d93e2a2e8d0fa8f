"""Working days under the Algemene termijnenwet, checked against dates counted by hand."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from domain.calendar import (
    Feestdag,
    HolidaysNotLoaded,
    WorkingCalendar,
    add_months,
    dutch_date,
    load_calendar,
)

HOLIDAYS = Path(__file__).parents[2] / "data" / "holidays"
FEESTDAGEN = {
    "Nieuwjaarsdag",
    "Goede Vrijdag",
    "Tweede Paasdag",
    "Koningsdag",
    "Bevrijdingsdag",
    "Hemelvaartsdag",
    "Tweede Pinksterdag",
    "Eerste Kerstdag",
    "Tweede Kerstdag",
}


@pytest.fixture(scope="module")
def calendar() -> WorkingCalendar:
    return load_calendar(HOLIDAYS)


# received, due (5th working day after receipt), counted by hand on a paper calendar
FIVE_WORKING_DAYS = [
    # Christmas and New Year: Fri 25 Dec and Fri 1 Jan are feestdagen
    (date(2026, 12, 24), date(2027, 1, 4)),
    (date(2026, 12, 27), date(2027, 1, 4)),  # received on a Sunday
    # both Kerstdagen on weekdays, then Nieuwjaar (Thursday) and Friday 2 January 2026 (KB)
    (date(2025, 12, 24), date(2026, 1, 6)),
    # An ordinary week: received on a Saturday, the weekend does not count
    (date(2026, 3, 7), date(2026, 3, 13)),
    # Easter 2026: Goede Vrijdag 3 April and 2e Paasdag 6 April
    (date(2026, 4, 2), date(2026, 4, 13)),
    (date(2026, 4, 3), date(2026, 4, 13)),  # received on Goede Vrijdag itself
    (date(2027, 3, 26), date(2027, 4, 5)),  # Goede Vrijdag 2027, Easter in March
    # Koningsdag: Monday 27 April 2026; in 2025 it was Saturday 26 April (27th a Sunday)
    (date(2026, 4, 23), date(2026, 5, 1)),
    (date(2025, 4, 24), date(2025, 5, 1)),  # Monday 28 April 2025 is a working day
    # Bevrijdingsdag Tuesday 5 May 2026, not a lustrum year
    (date(2026, 5, 4), date(2026, 5, 12)),
    # Hemelvaartsdag Thursday 14 May 2026 and the Friday after it (KB); 2e Pinksterdag 25 May
    (date(2026, 5, 12), date(2026, 5, 21)),
    (date(2026, 5, 20), date(2026, 5, 28)),
]


@pytest.mark.parametrize(("received", "due"), FIVE_WORKING_DAYS)
def test_five_working_days_after_receipt_is_the_hand_counted_due_date(
    calendar: WorkingCalendar, received: date, due: date
) -> None:
    assert calendar.add_working_days(received, 5) == due
    assert calendar.working_days_between(received, due) == 5


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 4, 3), False),  # Goede Vrijdag counts as a feestdag (Atw art. 3 lid 2)
        (date(2026, 5, 5), False),  # 5 mei in every year, lustrum or not
        (date(2026, 4, 27), False),  # Koningsdag
        (date(2025, 4, 28), True),  # the Monday after a Koningsdag on Saturday
        (date(2026, 5, 15), False),  # the Friday after Hemelvaart, equated by KB
        (date(2032, 5, 7), True),  # a Friday after Hemelvaart that no Besluit equates (yet)
        (date(2026, 12, 26), False),  # a Saturday and 2e Kerstdag
        (date(2026, 3, 4), True),
    ],
)
def test_working_days_are_weekdays_that_are_no_feestdag(
    calendar: WorkingCalendar, day: date, working: bool
) -> None:
    assert calendar.is_working_day(day) is working


def test_the_day_of_receipt_does_not_count(calendar: WorkingCalendar) -> None:
    assert calendar.add_working_days(date(2026, 3, 4), 1) == date(2026, 3, 5)
    assert calendar.add_working_days(date(2026, 3, 4), 0) == date(2026, 3, 4)


def test_working_days_between_counts_backwards_as_a_negative_number(calendar: WorkingCalendar) -> None:
    assert calendar.working_days_between(date(2027, 1, 4), date(2026, 12, 24)) == -5
    assert calendar.working_days_between(date(2026, 3, 4), date(2026, 3, 4)) == 0


def test_counting_working_days_backwards_is_refused(calendar: WorkingCalendar) -> None:
    with pytest.raises(ValueError, match="forward"):
        calendar.add_working_days(date(2026, 3, 4), -1)


def test_a_term_ending_on_a_weekend_or_feestdag_runs_to_the_next_working_day(
    calendar: WorkingCalendar,
) -> None:
    assert calendar.first_working_day_from(date(2026, 5, 23)) == date(2026, 5, 26)  # Pinksteren
    assert calendar.first_working_day_from(date(2026, 5, 22)) == date(2026, 5, 22)


def test_a_year_without_a_holiday_file_raises_instead_of_counting_every_weekday(
    calendar: WorkingCalendar,
) -> None:
    with pytest.raises(HolidaysNotLoaded) as missing:
        calendar.add_working_days(date(2032, 12, 30), 5)
    assert missing.value.code == "HOLIDAYS_NOT_LOADED"
    assert "2033" in missing.value.message


@pytest.mark.parametrize("year", range(2023, 2033))
def test_every_year_from_2023_to_2032_has_its_nine_feestdagen(year: int) -> None:
    entries = json.loads((HOLIDAYS / f"{year}.json").read_text(encoding="utf-8"))
    assert {entry["name"] for entry in entries} >= FEESTDAGEN
    assert all(date.fromisoformat(entry["date"]).year == year for entry in entries)


# domain.md section 4: the days equated by Koninklijk Besluit found for 2023-2028.
KB_DAYS = {
    date(2023, 4, 28): "28 april 2023",
    date(2023, 5, 19): "19 mei 2023",
    date(2024, 5, 10): "10 mei 2024",
    date(2024, 12, 27): "27 december 2024",
    date(2025, 5, 30): "30 mei 2025",
    date(2026, 1, 2): "2 januari 2026",
    date(2026, 5, 15): "15 mei 2026",
    date(2027, 5, 7): "7 mei 2027",
    date(2028, 4, 28): "28 april 2028",
    date(2028, 5, 26): "26 mei 2028",
}


def _entries() -> list[dict[str, str]]:
    return [e for path in sorted(HOLIDAYS.glob("20*.json")) for e in json.loads(path.read_text("utf-8"))]


@pytest.mark.parametrize("day", sorted(KB_DAYS))
def test_each_day_equated_by_koninklijk_besluit_is_loaded_and_names_its_besluit(
    calendar: WorkingCalendar, day: date
) -> None:
    [entry] = [e for e in _entries() if e["date"] == day.isoformat()]
    assert not calendar.is_working_day(day)
    assert entry["basis"].startswith("KB, Atw art. 3 lid 3: Besluit gelijkstelling van")
    assert KB_DAYS[day] in entry["basis"]


def test_only_the_atw_and_its_besluiten_make_a_feestdag() -> None:
    kb_entries = {date.fromisoformat(e["date"]) for e in _entries() if e["basis"].startswith("KB")}
    articles = {e["basis"] for e in _entries() if not e["basis"].startswith("KB")}
    assert kb_entries == set(KB_DAYS)
    assert articles == {"Atw art. 3 lid 1", "Atw art. 3 lid 2"}


@pytest.mark.parametrize(
    ("received", "due"),
    [
        # A triage started before Friday 15 May 2026: Hemelvaart and its Friday both skip.
        (date(2026, 5, 13), date(2026, 5, 22)),
        (date(2026, 5, 11), date(2026, 5, 20)),
        # Hemelvaart Thursday 6 May 2027 and Friday 7 May 2027 (KB)
        (date(2027, 5, 5), date(2027, 5, 14)),
        # Koningsdag Thursday 27 April 2028, Friday 28 April (KB), Bevrijdingsdag Friday 5 May
        (date(2028, 4, 26), date(2028, 5, 8)),
        # Tweede Kerstdag Thursday 26 December 2024, then Friday 27 December (KB)
        (date(2024, 12, 23), date(2025, 1, 3)),
    ],
)
def test_a_deadline_across_a_day_equated_by_kb_moves_with_it(
    calendar: WorkingCalendar, received: date, due: date
) -> None:
    assert calendar.add_working_days(received, 5) == due


def test_a_term_ending_on_a_kb_day_runs_to_the_next_working_day(calendar: WorkingCalendar) -> None:
    assert calendar.first_working_day_from(date(2027, 5, 6)) == date(2027, 5, 10)


def test_the_loader_refuses_a_day_without_its_basis(tmp_path: Path) -> None:
    (tmp_path / "2030.json").write_text(json.dumps([{"date": "2030-05-31", "name": "x"}]), encoding="utf-8")
    with pytest.raises(ValueError, match="basis"):
        load_calendar(tmp_path)


def test_a_day_equated_by_koninklijk_besluit_is_no_working_day() -> None:
    hemelvaart = Feestdag(date(2026, 5, 14), "Hemelvaartsdag")
    friday_after = Feestdag(date(2026, 5, 15), "Vrijdag na Hemelvaartsdag (KB)")
    with_kb = WorkingCalendar({2026: [hemelvaart, friday_after]})
    assert with_kb.add_working_days(date(2026, 5, 12), 5) == date(2026, 5, 21)


def test_the_loader_reads_kb_days_with_their_basis_from_the_year_file(tmp_path: Path) -> None:
    kb_day = {"date": "2030-05-31", "name": "Vrijdag na Hemelvaartsdag", "basis": "KB Stcrt. 2029, 1"}
    (tmp_path / "2030.json").write_text(json.dumps([kb_day]), encoding="utf-8")
    assert not load_calendar(tmp_path).is_working_day(date(2030, 5, 31))


def test_the_loader_refuses_a_date_outside_the_files_year(tmp_path: Path) -> None:
    stray = {"date": "2031-01-01", "name": "x", "basis": "Atw art. 3 lid 1"}
    (tmp_path / "2030.json").write_text(json.dumps([stray]), encoding="utf-8")
    with pytest.raises(ValueError, match="2030"):
        load_calendar(tmp_path)


def test_the_loader_refuses_a_directory_without_year_files(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no holiday files"):
        load_calendar(tmp_path)


def test_deadlines_count_dutch_days_not_utc_days() -> None:
    assert dutch_date(datetime(2026, 12, 31, 23, 30, tzinfo=UTC)) == date(2027, 1, 1)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 3, 2), 3, date(2026, 6, 2)),
        (date(2026, 3, 2), 12, date(2027, 3, 2)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2027, 11, 30), 3, date(2028, 2, 29)),
        (date(2026, 10, 15), 3, date(2027, 1, 15)),
    ],
)
def test_adding_months_keeps_the_day_or_takes_the_months_last(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected

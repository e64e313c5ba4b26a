"""The official-calendar table: well-formed, equal to the golden data, and its known differences
from the ``holidays`` package are exactly the ones it declares.

Only the data module and ``holidays`` are used here, never :mod:`tthc.calendar`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path
from typing import Any

import holidays
import pytest

from tthc._calendar_data import (
    ANNOUNCED_OCCASIONS,
    KNOWN_DIFFERENCES_FROM_HOLIDAYS,
    OCCASIONS,
    OFFICIAL_DAYS,
    OFFICIAL_YEARS,
)

GOLDEN = Path(__file__).parent / "golden" / "official_calendar.json"
KINDS = frozenset({"HOLIDAY", "COMPENSATORY", "SWAP_DAY_OFF", "SWAP_WORKDAY"})
OFF_KINDS = frozenset({"HOLIDAY", "COMPENSATORY", "SWAP_DAY_OFF"})
# A document number ("12729/VPCP-KGVX", "25/12/2025") or an article ("Điều 112").
DOCUMENT_TOKEN = re.compile(r"[0-9]+/[0-9A-Za-zĐđ/-]+|Điều [0-9]+")

Entry = tuple[str, str, str, str, str]


def _date(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


def _is_weekend(day: dt.date) -> bool:
    return day.weekday() >= 5


def _days(year: int) -> Iterator[dt.date]:
    day = dt.date(year, 1, 1)
    while day.year == year:
        yield day
        day += dt.timedelta(days=1)


def _table_by_date() -> dict[dt.date, Entry]:
    return {_date(entry[0]): entry for entry in OFFICIAL_DAYS}


def _load_golden() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(GOLDEN.read_text(encoding="utf-8"))
    return data


# --- well-formed -------------------------------------------------------------------------------


def test_official_years_is_a_contiguous_range_through_2026() -> None:
    assert OFFICIAL_YEARS.step == 1
    assert OFFICIAL_YEARS[0] == 2020
    assert OFFICIAL_YEARS[-1] >= 2026


def test_entries_have_five_non_empty_strings() -> None:
    for entry in OFFICIAL_DAYS:
        assert len(entry) == 5, entry
        assert all(isinstance(field, str) and field.strip() for field in entry), entry


def test_dates_are_iso_sorted_and_unique() -> None:
    isos = [entry[0] for entry in OFFICIAL_DAYS]
    for iso in isos:
        assert _date(iso).isoformat() == iso, iso
    assert isos == sorted(isos)
    assert len(isos) == len(set(isos))


ANNOUNCED_YEARS = {year for year, *_ in ANNOUNCED_OCCASIONS}


def test_dates_are_inside_official_years_or_announced_occasions() -> None:
    for iso, *_ in OFFICIAL_DAYS:
        assert _date(iso).year in OFFICIAL_YEARS or _date(iso).year in ANNOUNCED_YEARS, iso


def test_announced_occasions_are_well_formed() -> None:
    keys = {key for key, *_ in OCCASIONS}
    for year, key, source, iso in ANNOUNCED_OCCASIONS:
        assert year > OFFICIAL_YEARS[-1]
        assert key in keys
        assert DOCUMENT_TOKEN.search(source)
        assert _date(iso) < dt.date(year, 12, 31)


def test_kinds_are_known() -> None:
    for iso, kind, *_ in OFFICIAL_DAYS:
        assert kind in KINDS, (iso, kind)


@pytest.mark.parametrize("entry", OFFICIAL_DAYS, ids=lambda entry: entry[0])
def test_kind_agrees_with_weekday(entry: Entry) -> None:
    iso, kind, *_ = entry
    weekend = _is_weekend(_date(iso))
    if kind == "SWAP_WORKDAY":
        assert weekend, f"{iso}: a swapped working day must be a Saturday or Sunday"
    elif kind in {"COMPENSATORY", "SWAP_DAY_OFF"}:
        assert not weekend, f"{iso}: a {kind} day must be a weekday"


def test_every_year_has_its_fixed_holidays() -> None:
    table = _table_by_date()
    for year in OFFICIAL_YEARS:
        for month, day in ((1, 1), (4, 30), (5, 1), (9, 2)):
            entry = table.get(dt.date(year, month, day))
            assert entry is not None, f"{year}-{month:02}-{day:02} missing"
            assert entry[1] == "HOLIDAY"


def test_swaps_come_in_pairs() -> None:
    for year in OFFICIAL_YEARS:
        kinds = [kind for iso, kind, *_ in OFFICIAL_DAYS if _date(iso).year == year]
        assert kinds.count("SWAP_DAY_OFF") == kinds.count("SWAP_WORKDAY"), year


def test_known_differences_are_well_formed() -> None:
    isos = [iso for iso, _ in KNOWN_DIFFERENCES_FROM_HOLIDAYS]
    assert isos == sorted(isos)
    assert len(isos) == len(set(isos))
    for iso, why in KNOWN_DIFFERENCES_FROM_HOLIDAYS:
        assert _date(iso).year in OFFICIAL_YEARS, iso
        assert why.strip(), iso


# --- golden ------------------------------------------------------------------------------------


def test_golden_covers_exactly_the_official_years() -> None:
    assert sorted(_load_golden()["years"]) == [str(year) for year in OFFICIAL_YEARS]


def test_golden_covers_exactly_the_announced_occasions() -> None:
    golden = _load_golden()["announced_occasions"]
    found = {(int(y), k) for y, occ in golden.items() if y.isdigit() for k in occ}
    assert found == {(year, key) for year, key, *_ in ANNOUNCED_OCCASIONS}


@pytest.mark.parametrize(
    ("year", "key"), [(year, key) for year, key, *_ in ANNOUNCED_OCCASIONS], ids=str
)
def test_announced_occasion_matches_golden(year: int, key: str) -> None:
    """Tết Đinh Mùi (04–10/02/2027) and Quốc khánh 2027 (02–05/09) of Công văn 10065/VPCP-KGVX."""
    golden = _load_golden()["announced_occasions"][str(year)][key]
    held = {(y, k): (source, iso) for y, k, source, iso in ANNOUNCED_OCCASIONS}
    source, iso = held[year, key]
    assert iso == golden["announced"]
    for token in DOCUMENT_TOKEN.findall(golden["source"]):
        assert token in source
    first, last = (_date(x) for x in golden["period"])
    rows = {day: e for day, e in _table_by_date().items() if first <= day <= last}
    day = first
    while day <= last:  # every day of the announced period is off
        assert _is_weekend(day) or rows[day][1] in OFF_KINDS, day
        day += dt.timedelta(days=1)
    expected = golden["non_working_weekdays"] + golden["working_weekend_days"]
    weekdays = {d for d, e in rows.items() if not _is_weekend(d) and e[1] in OFF_KINDS}
    assert sorted(_date(x["date"]) for x in expected) == sorted(weekdays)
    for item in expected:
        entry = rows[_date(item["date"])]
        assert entry[2] == item["name_vi"]
        assert entry[4] == source


@pytest.mark.parametrize("year", list(OFFICIAL_YEARS))
def test_table_matches_golden(year: int) -> None:
    golden = _load_golden()["years"][str(year)]
    assert golden["source_summary"].strip()
    table = {
        day: entry
        for day, entry in _table_by_date().items()
        if day.year == year
        and ((entry[1] in OFF_KINDS and not _is_weekend(day)) or entry[1] == "SWAP_WORKDAY")
    }
    expected = golden["non_working_weekdays"] + golden["working_weekend_days"]
    assert sorted(_date(item["date"]) for item in expected) == sorted(table)
    for item in golden["non_working_weekdays"]:
        assert not _is_weekend(_date(item["date"])), item
        assert table[_date(item["date"])][1] in OFF_KINDS, item
    for item in golden["working_weekend_days"]:
        assert _is_weekend(_date(item["date"])), item
        assert table[_date(item["date"])][1] == "SWAP_WORKDAY", item
    for item in expected:
        _, _, name_vi, _, source = table[_date(item["date"])]
        assert name_vi == item["name_vi"], item
        tokens = DOCUMENT_TOKEN.findall(item["source"])
        assert tokens, item
        for token in tokens:
            assert token in source, (item, token, source)


# --- holidays ----------------------------------------------------------------------------------


def _disagreements() -> dict[dt.date, str]:
    """Days whose working status differs between the table and ``holidays`` (complete years, and
    the announced occasions' periods)."""
    package = holidays.country_holidays("VN", language="vi", years=range(2020, 2041))
    package_workdays = set(package.weekend_workdays)
    table = _table_by_date()
    golden = _load_golden()["announced_occasions"]
    announced = [
        _date(x) for year, key, *_ in ANNOUNCED_OCCASIONS for x in golden[str(year)][key]["period"]
    ]
    days = [d for year in OFFICIAL_YEARS for d in _days(year)]
    for first, last in zip(announced[::2], announced[1::2], strict=True):
        days += [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    found: dict[dt.date, str] = {}
    for day in days:
        kind = table[day][1] if day in table else None
        if _is_weekend(day):
            ours_off = kind != "SWAP_WORKDAY"
            theirs_off = day not in package_workdays
        else:
            ours_off = kind in OFF_KINDS
            theirs_off = day in package
        if ours_off != theirs_off:
            found[day] = "off here, working in holidays" if ours_off else "working here"
    return found


def test_holidays_disagrees_only_on_known_differences() -> None:
    known = {_date(iso) for iso, _ in KNOWN_DIFFERENCES_FROM_HOLIDAYS}
    found = _disagreements()
    assert set(found) == known, (
        f"holidays {version('holidays')} changed: new disagreements "
        f"{sorted(set(found) - known)}, resolved {sorted(known - set(found))}"
    )

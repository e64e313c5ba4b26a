"""The entries of the default calendar, built from the ``holidays`` package and tthc's table.

Private to :mod:`tthc.calendar` (``_default_calendar``): the ``holidays`` package's Vietnam days
with their structural kinds, the occasions and their windows, tthc's table of official days
(:mod:`tthc._calendar_data`), and the 24/11 rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

import attrs

from tthc import _calendar_data
from tthc.days import DataOrigin, DayInfo, DayKind
from tthc.errors import CalendarDataError
from tthc.occasions import Occasion, OccasionKind


def _package(years: range, **kwargs: Any) -> Any:
    import holidays  # deferred: importing tthc stays cheap

    return holidays.country_holidays("VN", years=years, **kwargs)


def _holiday_entries(years: range) -> list[DayInfo]:
    """Days from the ``holidays`` package (Vietnam) for ``years``, with structural kinds."""
    import holidays  # deferred: importing tthc stays cheap

    version = getattr(holidays, "__version__", "?")
    source = f"holidays {version} (Việt Nam, quy tắc Bộ luật Lao động 2019, Điều 111–112)"
    vi = _package(years, language="vi")
    en = _package(years, language="en_US")
    plain = _package(years, language="vi", observed=False)
    # The package marks a swapped day off only by its label template ("Ngày nghỉ (thay cho ngày
    # %s)"); use the package's own template rather than a copy of its wording.
    template = str(getattr(vi, "substituted_label", "") or "")
    swap_prefix = template.split("%", 1)[0] if "%" in template else None
    origin = DataOrigin.HOLIDAYS_PACKAGE
    entries = []
    for d in sorted(vi):
        if swap_prefix and vi[d].startswith(swap_prefix):
            kind = DayKind.SWAP_DAY_OFF
        elif d in plain:
            kind = DayKind.HOLIDAY
        elif d.weekday() < 5:
            kind = DayKind.COMPENSATORY
        else:  # pragma: no cover - the package only observes holidays on weekdays
            continue
        entries.append(DayInfo(d, kind, vi[d], en.get(d, vi[d]), source, origin=origin))
    for d in sorted(vi.weekend_workdays):
        kind = DayKind.SWAP_WORKDAY
        entries.append(DayInfo(d, kind, kind.label_vi, kind.label_en, source, origin=origin))
    return entries


def _occasion_cores(years: range) -> dict[tuple[OccasionKind, int], tuple[date, date]]:
    """The core days of each occasion of ``years`` (lunar dates from the ``holidays`` package)."""
    en = _package(years, language="en_US", observed=False)
    lunar = {name: {d.year: d for d, n in en.items() if n == name} for name in _LUNAR_NAMES}
    culture_since = date.fromisoformat(_calendar_data.CULTURE_DAY_SINCE)
    cores: dict[tuple[OccasionKind, int], tuple[date, date]] = {}
    for y in years:
        tet = lunar["Lunar New Year"].get(y)
        hung = lunar["Hung Kings' Commemoration Day"].get(y)
        if tet is None or hung is None:
            raise CalendarDataError(
                f"holidays package: no Tết or Giỗ Tổ in {y}; expected names {_LUNAR_NAMES}"
            )
        cores[OccasionKind.NEW_YEAR, y] = (date(y, 1, 1), date(y, 1, 1))
        cores[OccasionKind.TET, y] = (tet - timedelta(days=3), tet + timedelta(days=5))
        cores[OccasionKind.HUNG_KINGS, y] = (hung, hung)
        cores[OccasionKind.REUNIFICATION_LABOUR, y] = (date(y, 4, 30), date(y, 5, 1))
        cores[OccasionKind.NATIONAL_DAY, y] = (date(y, 9, 1), date(y, 9, 3))
        if date(y, 11, 24) >= culture_since:
            cores[OccasionKind.CULTURE_DAY, y] = (date(y, 11, 24), date(y, 11, 24))
    return cores


_LUNAR_NAMES = ("Lunar New Year", "Hung Kings' Commemoration Day")


def _occasions(first: date, last: date) -> tuple[Occasion, ...]:
    """Every occasion whose window meets ``[first, last]``, from the first official year on."""
    official_years = _calendar_data.OFFICIAL_YEARS
    announced = {
        (OccasionKind[key], year): (source, date.fromisoformat(iso))
        for year, key, source, iso in _calendar_data.ANNOUNCED_OCCASIONS
    }
    margin = timedelta(days=_calendar_data.OCCASION_MARGIN_DAYS)
    years = range(official_years[0], last.year + 2)
    out = []
    for (kind, year), (core_first, core_last) in sorted(
        _occasion_cores(years).items(), key=lambda item: (item[1][0], item[0][0].value)
    ):
        lo, hi = max(core_first - margin, first), min(core_last + margin, last)
        if lo > hi:
            continue
        if year in official_years:
            source = f"tthc: bảng năm {year} đầy đủ (docs/calendar-sources.md)"
            out.append(Occasion(kind, year, lo, hi, True, source))
        elif (kind, year) in announced:
            source, when = announced[kind, year]
            out.append(Occasion(kind, year, lo, hi, True, source, when))
        else:
            out.append(Occasion(kind, year, lo, hi, False))
    return tuple(out)


def _official_entries() -> list[DayInfo]:
    years = _calendar_data.OFFICIAL_YEARS
    announced = {year for year, *_ in _calendar_data.ANNOUNCED_OCCASIONS}
    out = []
    for iso, kind, name_vi, name_en, source in _calendar_data.OFFICIAL_DAYS:
        d = date.fromisoformat(iso)
        if d.year not in years and d.year not in announced:
            raise CalendarDataError(
                f"OFFICIAL_DAYS: {iso} is outside OFFICIAL_YEARS and ANNOUNCED_OCCASIONS"
            )
        out.append(
            DayInfo(d, DayKind[kind], name_vi, name_en, source, origin=DataOrigin.TTHC_TABLE)
        )
    return out


def _nearest(
    d: date, occasions: Iterable[Occasion], cores: Mapping[Any, tuple[date, date]]
) -> Occasion | None:
    """The occasion whose core is nearest to ``d`` among those whose window holds it (the one a
    package day belongs to: Giỗ Tổ's and 30/4's windows overlap, their cores do not)."""
    best: int | None = None
    key: Occasion | None = None
    for oc in occasions:
        if d in oc:
            a, b = cores[oc.kind, oc.year]
            distance = max((a - d).days, (d - b).days, 0)
            if best is None or distance < best:
                best, key = distance, oc
    return key


def _culture_day(entry: DayInfo) -> DayInfo:
    """The 24/11 rule's entry for a year after the table (tthc's names and source)."""
    return attrs.evolve(
        entry,
        name_vi="Ngày Văn hóa Việt Nam",
        name_en="Vietnamese Culture Day",
        source=_calendar_data.CULTURE_DAY_SOURCE,
        origin=DataOrigin.TTHC_RULE,
    )

"""Tests added to kill surviving mutants of the opt-in mutation run (docs/mutation.md).

``vietnam_calendar()`` is cached and most test modules build it at import, before mutmut switches
a mutant on; these tests build a fresh one inside the test so that the loading code is exercised.
"""

from __future__ import annotations

from datetime import date, time, timedelta

import holidays
import pytest

from tthc import (
    DayInfo,
    DayKind,
    InvalidValueError,
    Override,
    Session,
    WorkingCalendar,
    vietnam_calendar,
)


def test_a_fresh_default_calendar_equals_the_cached_one_with_named_sourced_days() -> None:
    fresh = vietnam_calendar.__wrapped__()
    cached = vietnam_calendar()
    assert fresh is not cached
    assert fresh == cached
    assert len(fresh.special_days) > 300
    version = getattr(holidays, "__version__", "?")
    for info in fresh.special_days:
        assert isinstance(info, DayInfo)
        assert isinstance(info.kind, DayKind)
        assert info.name_vi
        assert info.name_en
        assert info.source
        if info.date.year > 2026:
            assert f"holidays {version}" in info.source
    by_date = {i.date: i for i in fresh.special_days}
    # holidays-package years: Tết Dương lịch is a HOLIDAY with its own names; a holiday on a
    # weekend gives a weekday COMPENSATORY day (BLLĐ 2019 Điều 112)
    new_year_2030 = by_date[date(2030, 1, 1)]
    assert new_year_2030.kind is DayKind.HOLIDAY
    assert new_year_2030.name_en != new_year_2030.name_vi
    assert any(i.kind is DayKind.COMPENSATORY and i.date.year > 2026 for i in fresh.special_days)
    assert all(i.date.weekday() < 5 for i in fresh.special_days if i.kind is DayKind.COMPENSATORY)
    # official table years: the 2026 swap of DOMAIN.md §2
    assert by_date[date(2026, 1, 2)].kind is DayKind.SWAP_DAY_OFF
    assert by_date[date(2026, 1, 10)].kind is DayKind.SWAP_WORKDAY


def test_provisional_starts_after_official_through() -> None:
    through = date(2026, 3, 4)
    cal = WorkingCalendar(
        special_days=[
            DayInfo(through, DayKind.HOLIDAY),
            DayInfo(through + timedelta(1), DayKind.HOLIDAY),
        ],
        first=date(2026, 1, 1),
        last=date(2026, 12, 31),
        official_through=through,
    )
    infos = cal.special_days_between(through, through + timedelta(days=1))
    assert [i.provisional for i in infos] == [False, True]
    assert cal.day_info(through).provisional is False
    assert cal.is_provisional(through) is False
    assert cal.is_provisional(through + timedelta(days=1)) is True


def test_a_session_needs_start_before_end() -> None:
    with pytest.raises(InvalidValueError, match="start < end"):
        Session(time(9), time(9))


def test_override_day_info_names_and_provisional_flag() -> None:
    through = date(2026, 3, 4)  # a Wednesday
    cal = WorkingCalendar(
        special_days=[], first=date(2026, 1, 1), last=date(2026, 12, 31), official_through=through
    )
    on = Override(through, DayKind.CLOSURE, "Bão số 3", "QĐ 12/QĐ-UBND")
    after = Override(through + timedelta(days=1), DayKind.CLOSURE, "Bão số 3", "QĐ 12/QĐ-UBND")
    local = cal.with_overrides(on, after)
    first, second = local.day_info(on.date), local.day_info(after.date)
    assert (first.name_vi, first.name_en, first.source) == ("Bão số 3", "Bão số 3", on.source)
    assert (first.provisional, second.provisional) == (False, True)

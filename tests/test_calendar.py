"""Example and error tests of tthc.calendar (the oracle tests live in test_oracle_calendar.py)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import Any

import attrs
import holidays
import pytest

from tthc import (
    ArgumentTypeError,
    CalendarDataError,
    CalendarRangeError,
    DayInfo,
    DayKind,
    InvalidValueError,
    Override,
    OverrideConflictError,
    Session,
    TimezoneError,
    TthcError,
    WorkingCalendar,
    vietnam_calendar,
)
from tthc.calendar import (
    DEFAULT_SESSIONS,
    SUPPORTED_RANGE,
    VIETNAM_TZ,
    DataOrigin,
    _default_calendar,
)

CAL = vietnam_calendar()
D = date.fromisoformat


# DOMAIN.md §7 examples 1–3 and the named days.
@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        ("2026-02-12", 5, "2026-02-26"),  # §7.1: 13/02 counts, 14–22/02 Tết
        ("2025-04-23", 3, "2025-04-26"),  # §7.2: Sat 26/04/2025 is worked
        ("2025-04-29", 2, "2025-05-06"),  # §7.3: 30/4, 1/5, 2/5 off
        ("2026-01-01", 1, "2026-01-05"),  # 02/01/2026 swapped off
        ("2026-01-09", 1, "2026-01-10"),  # Sat 10/01/2026 worked
        ("2024-04-26", 1, "2024-05-02"),  # 29/04/2024 swapped off, 30/4, 1/5 holidays
        ("2024-05-03", 1, "2024-05-04"),  # Sat 04/05/2024 worked
        ("2026-04-24", 1, "2026-04-28"),  # Mon 27/04/2026 nghỉ bù Giỗ Tổ
        ("2026-02-14", 0, "2026-02-23"),  # n == 0 rolls forward
        ("2026-02-13", 0, "2026-02-13"),  # n == 0 on a working day
        ("2026-02-23", -1, "2026-02-13"),  # backwards over Tết
        ("2026-02-26", -5, "2026-02-12"),  # symmetric with §7.1
        ("2026-02-16", -1, "2026-02-13"),  # backwards from a day off
    ],
)
def test_add_working_days_examples(start: str, n: int, expected: str) -> None:
    assert CAL.add_working_days(D(start), n) == D(expected)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("2026-02-12", "2026-02-26", 5),
        ("2026-02-26", "2026-02-12", -5),
        ("2026-02-14", "2026-02-22", 0),
        ("2025-04-23", "2025-04-26", 3),
        ("2026-03-02", "2026-03-02", 0),
    ],
)
def test_working_days_between_examples(a: str, b: str, expected: int) -> None:
    assert CAL.working_days_between(D(a), D(b)) == expected


@pytest.mark.parametrize(
    ("day", "kind", "working"),
    [
        ("2026-01-01", DayKind.HOLIDAY, False),
        ("2026-01-02", DayKind.SWAP_DAY_OFF, False),
        ("2026-01-10", DayKind.SWAP_WORKDAY, True),
        ("2026-02-18", DayKind.HOLIDAY, False),
        ("2026-04-27", DayKind.COMPENSATORY, False),
        ("2025-05-02", DayKind.SWAP_DAY_OFF, False),
        ("2025-04-26", DayKind.SWAP_WORKDAY, True),
        ("2024-04-29", DayKind.SWAP_DAY_OFF, False),
        ("2024-05-04", DayKind.SWAP_WORKDAY, True),
        ("2026-03-07", DayKind.WEEKEND, False),
        ("2026-03-09", DayKind.WORKING, True),
        ("2019-04-29", DayKind.SWAP_DAY_OFF, False),  # from holidays' data, outside the table
        ("2019-05-04", DayKind.SWAP_WORKDAY, True),
        ("2030-01-01", DayKind.HOLIDAY, False),
    ],
)
def test_day_info_kinds(day: str, kind: DayKind, working: bool) -> None:
    info = CAL.day_info(D(day))
    assert (info.kind, info.is_working, CAL.is_working_day(D(day))) == (kind, working, working)
    assert info.date == D(day)
    assert info.source
    assert info.name_vi
    assert info.name_en


def test_provisional_per_occasion() -> None:
    # 1/1/2027 is not announced: its window (18/12/2026–15/01/2027) is provisional.
    assert CAL.official_through == date(2026, 12, 17)
    assert not CAL.is_provisional(date(2026, 12, 17))
    assert CAL.is_provisional(date(2026, 12, 18))
    assert CAL.is_provisional(date(2027, 1, 1))
    assert CAL.day_info(date(2027, 1, 1)).provisional
    assert not CAL.day_info(date(2026, 1, 1)).provisional
    # Tết and Quốc khánh 2027 are announced (Công văn 10065/VPCP-KGVX); 30/4–1/5 2027 is not.
    assert not CAL.is_provisional(date(2027, 2, 5))
    assert not CAL.is_provisional(date(2027, 9, 3))
    assert CAL.is_provisional(date(2027, 5, 3))
    # A day outside every occasion's window is not provisional.
    assert not CAL.is_provisional(date(2027, 3, 9))
    assert CAL.is_provisional_between(date(2027, 3, 9), date(2027, 4, 20))
    assert not CAL.is_provisional_between(date(2027, 3, 20), date(2027, 3, 9))


def test_is_provisional_between_names_the_wrong_argument() -> None:
    ok, far = date(2026, 3, 9), CAL.last + timedelta(days=1)
    for start, end, name in ((far, ok, "start"), (ok, far, "end")):
        with pytest.raises(CalendarRangeError, match=f"^{name}: .* outside the calendar's range"):
            CAL.is_provisional_between(start, end)
    wrong: list[tuple[Any, Any, str]] = [(datetime(2026, 3, 9), ok, "start"), (ok, "x", "end")]
    for bad_start, bad_end, name in wrong:
        with pytest.raises(ArgumentTypeError, match=f"^{name}: expected a datetime.date"):
            CAL.is_provisional_between(bad_start, bad_end)


def test_next_previous_roll() -> None:
    fri, sat, mon = date(2026, 3, 6), date(2026, 3, 7), date(2026, 3, 9)
    assert CAL.next_working_day(fri) == mon
    assert CAL.next_working_day(sat) == mon
    assert CAL.previous_working_day(mon) == fri
    assert CAL.previous_working_day(sat) == fri
    assert CAL.roll_forward(sat) == mon
    assert CAL.roll_backward(sat) == fri
    assert CAL.roll_forward(fri) == fri
    assert CAL.roll_backward(fri) == fri


def test_working_days_and_special_days_listing() -> None:
    days = list(CAL.working_days(date(2026, 2, 12), date(2026, 2, 24)))
    assert days == [date(2026, 2, 12), date(2026, 2, 13), date(2026, 2, 23), date(2026, 2, 24)]
    specials = CAL.special_days_between(date(2026, 4, 1), date(2026, 5, 31))
    assert [i.date for i in specials] == [date(2026, 4, 27), date(2026, 4, 30), date(2026, 5, 1)]


def test_default_calendar_is_cached_and_immutable() -> None:
    assert vietnam_calendar() is CAL
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        CAL.official_through = date(2030, 1, 1)  # type: ignore[misc]
    assert hash(CAL) == hash(vietnam_calendar())


# -- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "method",
    ["is_working_day", "next_working_day", "previous_working_day", "roll_forward", "roll_backward"],
)
def test_datetime_refused_where_a_date_is_meant(method: str) -> None:
    with pytest.raises(
        ArgumentTypeError, match=r"expected a datetime\.date, got the datetime"
    ) as e:
        getattr(CAL, method)(datetime(2026, 3, 2, 9, 0))
    assert isinstance(e.value, TthcError)
    assert isinstance(e.value, TypeError)


@pytest.mark.parametrize("bad", ["2026-03-02", 20260302, None])
def test_non_dates_refused(bad: object) -> None:
    with pytest.raises(ArgumentTypeError, match="expected a datetime.date"):
        CAL.is_working_day(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [1.0, True, "3"])
def test_non_int_amount_refused(bad: object) -> None:
    with pytest.raises(ArgumentTypeError, match="n: expected an int"):
        CAL.add_working_days(date(2026, 3, 2), bad)  # type: ignore[arg-type]


def test_out_of_range_names_date_and_range() -> None:
    with pytest.raises(
        CalendarRangeError, match=r"1999-12-31 is outside .*2000-01-01\.\.2040-12-31"
    ):
        CAL.is_working_day(date(1999, 12, 31))
    with pytest.raises(
        CalendarRangeError, match=r"\+10 working days from 2040-12-25 falls outside"
    ):
        CAL.add_working_days(date(2040, 12, 25), 10)
    with pytest.raises(CalendarRangeError, match="falls outside"):
        CAL.roll_backward(date(2000, 1, 1))  # a Saturday with nothing before it
    with pytest.raises(CalendarRangeError, match=r"end: 2041-01-01 is outside"):
        CAL.working_days_between(date(2026, 1, 1), date(2041, 1, 1))
    assert (date(2000, 1, 1), date(2040, 12, 31)) == SUPPORTED_RANGE
    with pytest.raises(CalendarRangeError):
        CAL.working_time_between(datetime(2026, 1, 1), datetime(2041, 1, 1, 8))
    with pytest.raises(CalendarRangeError, match="start \\+ delta"):
        CAL.add_working_time(datetime(2040, 12, 31, 9), timedelta(hours=100))


# -- overrides --------------------------------------------------------------------------------


def test_overrides_close_and_open_days_and_keep_the_original() -> None:
    storm = Override(date(2026, 10, 27), DayKind.CLOSURE, "Bão số 12", "QĐ 1/QĐ-UBND")
    extra = Override(date(2026, 10, 31), DayKind.EXTRA_WORKDAY, "Làm bù", "QĐ 2/QĐ-UBND")
    local = CAL.with_overrides(storm, extra)
    assert not local.is_working_day(date(2026, 10, 27))
    assert local.is_working_day(date(2026, 10, 31))
    assert CAL.is_working_day(date(2026, 10, 27))
    assert not CAL.is_working_day(date(2026, 10, 31))
    assert local.add_working_days(date(2026, 10, 26), 1) == date(2026, 10, 28)
    assert local.add_working_days(date(2026, 10, 30), 1) == date(2026, 10, 31)
    info = local.day_info(date(2026, 10, 27))
    assert (info.kind, info.name_vi, info.source) == (DayKind.CLOSURE, "Bão số 12", "QĐ 1/QĐ-UBND")
    assert local != CAL
    assert local.overrides == (storm, extra)
    assert local.with_overrides() == local


@pytest.mark.parametrize(
    ("override", "message"),
    [
        (Override(date(2026, 2, 17), DayKind.CLOSURE, "x", "y"), "already a day off .HOLIDAY"),
        (Override(date(2026, 3, 7), DayKind.CLOSURE, "x", "y"), "already a day off .WEEKEND"),
        (Override(date(2026, 3, 9), DayKind.EXTRA_WORKDAY, "x", "y"), "is a working day .WORKING"),
        (
            Override(date(2026, 1, 10), DayKind.EXTRA_WORKDAY, "x", "y"),
            "is a working day .SWAP_WORKDAY",
        ),
    ],
)
def test_contradictory_overrides_are_refused(override: Override, message: str) -> None:
    with pytest.raises(OverrideConflictError, match=message):
        CAL.with_overrides(override)


def test_duplicate_and_out_of_range_overrides() -> None:
    a = Override(date(2026, 10, 27), DayKind.CLOSURE, "a", "s")
    b = Override(date(2026, 10, 27), DayKind.CLOSURE, "b", "s")
    with pytest.raises(OverrideConflictError, match="more than one override for 2026-10-27"):
        CAL.with_overrides(a, b)
    with pytest.raises(CalendarRangeError, match="Override.date: 2045-01-02"):
        CAL.with_overrides(Override(date(2045, 1, 2), DayKind.CLOSURE, "a", "s"))
    with pytest.raises(ArgumentTypeError, match="expected Override values"):
        CAL.with_overrides("2026-10-27")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"kind": DayKind.WORKING}, InvalidValueError, "Override.kind: expected one of"),
        ({"reason": " "}, InvalidValueError, "reason: expected a non-empty string"),
        ({"source": ""}, InvalidValueError, "source: expected a non-empty string"),
        ({"date": datetime(2026, 1, 1)}, ArgumentTypeError, "date: expected a datetime.date"),
    ],
)
def test_override_validation(
    kwargs: dict[str, object], error: type[Exception], message: str
) -> None:
    values: dict[str, object] = {
        "date": date(2026, 10, 27),
        "kind": DayKind.CLOSURE,
        "reason": "r",
        "source": "s",
    }
    values.update(kwargs)
    with pytest.raises(error, match=message):
        Override(**values)  # type: ignore[arg-type]


def test_calendar_construction_errors() -> None:
    a = DayInfo(date(2026, 3, 2), DayKind.CLOSURE, "a", "a", "s")
    with pytest.raises(CalendarDataError, match="two entries for 2026-03-02"):
        WorkingCalendar([a, a], date(2026, 1, 1), date(2026, 12, 31), date(2026, 12, 31))
    with pytest.raises(InvalidValueError, match="expected first <= last"):
        WorkingCalendar([], date(2026, 12, 31), date(2026, 1, 1), date(2026, 12, 31))
    with pytest.raises(ArgumentTypeError, match="expected DayInfo values"):
        WorkingCalendar(["x"], date(2026, 1, 1), date(2026, 12, 31), date(2026, 12, 31))


def test_plain_calendar_without_special_days() -> None:
    cal = WorkingCalendar([], date(2026, 1, 1), date(2026, 12, 31), date(2026, 12, 31))
    assert cal.add_working_days(date(2026, 1, 1), 1) == date(2026, 1, 2)
    assert cal.day_info(date(2026, 1, 1)).kind is DayKind.WORKING
    assert cal.special_days_between(date(2026, 1, 1), date(2026, 12, 31)) == ()


# -- sessions and working time ----------------------------------------------------------------


def test_sessions_validation() -> None:
    with pytest.raises(InvalidValueError, match="expected start < end"):
        Session(time(11, 0), time(10, 0))
    with pytest.raises(ArgumentTypeError, match=r"Session\.start: expected a datetime\.time"):
        Session("07:30", time(10, 0))  # type: ignore[arg-type]
    with pytest.raises(TimezoneError, match="naive wall-clock time"):
        Session(time(7, 30, tzinfo=timezone.utc), time(10, 0))
    with pytest.raises(InvalidValueError, match="non-overlapping"):
        CAL.with_sessions(Session(time(7), time(12)), Session(time(11), time(17)))
    with pytest.raises(InvalidValueError, match="at least one Session"):
        CAL.with_sessions()
    with pytest.raises(ArgumentTypeError, match="expected Session values"):
        CAL.with_sessions("07:30-11:30")  # type: ignore[arg-type]
    unordered = CAL.with_sessions(*reversed(DEFAULT_SESSIONS))
    assert unordered.sessions == DEFAULT_SESSIONS
    assert CAL.daily_working_time == timedelta(hours=8)


DT = datetime


@pytest.mark.parametrize(
    ("start", "delta", "expected"),
    [
        (DT(2026, 3, 2, 9, 0), timedelta(hours=40), DT(2026, 3, 9, 9, 0)),  # §7.9
        (DT(2026, 3, 6, 16, 30), timedelta(hours=4), DT(2026, 3, 9, 11, 0)),  # §7.9
        (DT(2026, 3, 2, 10, 30), timedelta(hours=1), DT(2026, 3, 2, 11, 30)),  # stays at the end
        (DT(2026, 3, 2, 16, 0), timedelta(hours=1), DT(2026, 3, 2, 17, 0)),
        (DT(2026, 3, 2, 12, 0), timedelta(minutes=30), DT(2026, 3, 2, 13, 30)),  # from lunch
        (DT(2026, 3, 2, 6, 0), timedelta(hours=4), DT(2026, 3, 2, 11, 30)),  # before opening
        (DT(2026, 3, 2, 18, 0), timedelta(minutes=1), DT(2026, 3, 3, 7, 31)),
        (DT(2026, 2, 13, 16, 0), timedelta(hours=2), DT(2026, 2, 23, 8, 30)),  # over Tết
        (DT(2026, 3, 2, 12, 0), timedelta(0), DT(2026, 3, 2, 12, 0)),  # zero is the identity
        (DT(2026, 3, 9, 11, 0), timedelta(hours=-4), DT(2026, 3, 6, 16, 30)),  # backwards
        (DT(2026, 3, 2, 14, 0), timedelta(hours=-1), DT(2026, 3, 2, 13, 0)),  # stays at a start
        (DT(2026, 3, 2, 7, 30, 0, 1), timedelta(microseconds=1), DT(2026, 3, 2, 7, 30, 0, 2)),
    ],
)
def test_add_working_time_examples(start: datetime, delta: timedelta, expected: datetime) -> None:
    assert CAL.add_working_time(start, delta) == expected


def test_working_time_between_and_next_instant() -> None:
    a, b = DT(2026, 3, 6, 16, 30), DT(2026, 3, 9, 11, 0)
    assert CAL.working_time_between(a, b) == timedelta(hours=4)
    assert CAL.working_time_between(b, a) == timedelta(hours=-4)
    assert CAL.working_time_between(DT(2026, 3, 7, 9), DT(2026, 3, 8, 9)) == timedelta(0)
    assert CAL.next_working_instant(DT(2026, 3, 6, 17, 0)) == DT(2026, 3, 9, 7, 30)
    assert CAL.next_working_instant(DT(2026, 3, 6, 11, 30)) == DT(2026, 3, 6, 13, 0)
    assert CAL.next_working_instant(DT(2026, 3, 6, 10, 0)) == DT(2026, 3, 6, 10, 0)
    assert CAL.next_working_instant(DT(2026, 2, 14, 10, 0)) == DT(2026, 2, 23, 7, 30)
    assert CAL.is_working_instant(DT(2026, 3, 6, 7, 30))
    assert not CAL.is_working_instant(DT(2026, 3, 6, 11, 30))
    assert not CAL.is_working_instant(DT(2026, 3, 7, 9, 0))


def test_aware_datetimes_are_converted_to_vietnam_time() -> None:
    utc = DT(2026, 3, 6, 9, 30, tzinfo=timezone.utc)  # 16:30 in Hà Nội
    result = CAL.add_working_time(utc, timedelta(hours=4))
    assert result == DT(2026, 3, 9, 11, 0, tzinfo=VIETNAM_TZ)
    assert result.tzinfo is VIETNAM_TZ
    nxt = CAL.next_working_instant(DT(2026, 3, 6, 10, 0, tzinfo=timezone.utc))  # 17:00 VN
    assert nxt == DT(2026, 3, 9, 7, 30, tzinfo=VIETNAM_TZ)
    assert nxt.tzinfo is VIETNAM_TZ
    aware_b = DT(2026, 3, 9, 4, 0, tzinfo=timezone.utc)  # 11:00 VN
    assert CAL.working_time_between(utc, aware_b) == timedelta(hours=4)


def test_mixing_naive_and_aware_is_refused() -> None:
    with pytest.raises(TimezoneError, match="mix naive and aware"):
        CAL.working_time_between(DT(2026, 3, 6, 9), DT(2026, 3, 9, 9, tzinfo=VIETNAM_TZ))


def test_working_time_type_errors() -> None:
    with pytest.raises(ArgumentTypeError, match="start: expected a datetime, got date"):
        CAL.add_working_time(date(2026, 3, 2), timedelta(hours=1))  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match="delta: expected a timedelta, got int"):
        CAL.add_working_time(DT(2026, 3, 2, 9), 3600)  # type: ignore[arg-type]


def test_province_sessions() -> None:
    cal = CAL.with_sessions(Session(time(7, 0), time(11, 30)), Session(time(13, 30), time(17, 0)))
    assert cal.add_working_time(DT(2026, 3, 2, 11, 0), timedelta(hours=1)) == DT(2026, 3, 2, 14, 0)
    assert cal.add_working_days(date(2026, 2, 12), 5) == date(2026, 2, 26)


def test_int_subclass_amounts_and_out_of_range_start() -> None:
    import enum

    class Five(enum.IntEnum):
        N = 5

    assert CAL.add_working_days(date(2026, 2, 12), Five.N) == date(2026, 2, 26)
    with pytest.raises(CalendarRangeError, match=r"start: 2041-03-01 is outside"):
        CAL.add_working_days(date(2041, 3, 1), 1)


def test_official_table_outside_its_years_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from tthc import _calendar_data
    from tthc.calendar import _default_calendar as cached

    bad = (("2030-01-02", "HOLIDAY", "x", "x", "x"),)
    monkeypatch.setattr(_calendar_data, "OFFICIAL_DAYS", bad)
    with pytest.raises(CalendarDataError, match="2030-01-02 is outside OFFICIAL_YEARS"):
        cached.__wrapped__()


def test_aware_results_are_always_in_vietnam_time() -> None:
    utc = DT(2026, 3, 6, 2, 0, tzinfo=timezone.utc)  # 09:00 in Hà Nội, a working instant
    for result in (CAL.add_working_time(utc, timedelta(0)), CAL.next_working_instant(utc)):
        assert result == utc
        assert result.tzinfo is VIETNAM_TZ
        assert result.hour == 9


def test_culture_day_is_a_holiday_from_2026() -> None:
    # Nghị quyết 28/2026/QH16 (in force 01/07/2026); 2026: Công văn 10065/VPCP-KGVX.
    assert not CAL.is_working_day(date(2026, 11, 24))
    assert CAL.add_working_days(date(2026, 11, 20), 3) == date(2026, 11, 26)
    info = CAL.day_info(date(2026, 11, 24))
    assert (info.kind, info.provisional) == (DayKind.HOLIDAY, False)
    assert "28/2026/QH16" in info.source
    assert "10065/VPCP-KGVX" in info.source
    assert CAL.is_working_day(date(2025, 11, 24))
    later = CAL.day_info(date(2027, 11, 24))
    assert (later.kind, later.provisional) == (DayKind.HOLIDAY, True)
    assert (
        later.source
        == "Nghị quyết 28/2026/QH16 về phát triển văn hóa Việt Nam (hiệu lực 01/07/2026)"
    )


@pytest.mark.parametrize("day", ["2029-11-26", "2030-11-25"])
def test_culture_day_on_a_weekend_is_provisional(day: str) -> None:
    # NQ 28/2026/QH16 not read: a nghỉ bù as the holidays package computes it, provisional.
    info = CAL.day_info(D(day))
    assert (info.kind, info.provisional) == (DayKind.COMPENSATORY, True)


def test_instant_range_errors_name_the_datetime_argument() -> None:
    with pytest.raises(CalendarRangeError, match=r"^moment: 2041-01-02 is outside"):
        CAL.is_working_instant(DT(2041, 1, 2, 9))
    with pytest.raises(CalendarRangeError, match=r"^moment: 2041-01-02 is outside"):
        CAL.next_working_instant(DT(2041, 1, 2, 9))


# ==== details that killed mutants of calendar.py (docs/mutation.md) ====


def test_a_fresh_default_calendar_equals_the_cached_one_with_named_sourced_days() -> None:
    fresh = _default_calendar.__wrapped__()
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
        if info.origin is DataOrigin.HOLIDAYS_PACKAGE:
            assert f"holidays {version}" in info.source
        elif info.date.year > 2027:  # the 24/11 rule (Nghị quyết 28/2026/QH16)
            assert info.origin is DataOrigin.TTHC_RULE
            assert info.source.startswith("Nghị quyết 28/2026/QH16")
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
        provisional_after=through,
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
        special_days=[], first=date(2026, 1, 1), last=date(2026, 12, 31), provisional_after=through
    )
    on = Override(through, DayKind.CLOSURE, "Bão số 3", "QĐ 12/QĐ-UBND")
    after = Override(through + timedelta(days=1), DayKind.CLOSURE, "Bão số 3", "QĐ 12/QĐ-UBND")
    local = cal.with_overrides(on, after)
    first, second = local.day_info(on.date), local.day_info(after.date)
    assert (first.name_vi, first.name_en, first.source) == ("Bão số 3", "Bão số 3", on.source)
    assert (first.provisional, second.provisional) == (False, True)


# -- calendar: holidays-package years (before 2020, after 2026) -----------------------------------


def test_package_years_have_bllđ_kinds_and_vietnamese_names() -> None:
    fresh = _default_calendar.__wrapped__()
    # 2019 (before tthc's official table): Giỗ Tổ 10/3 âm lịch fell on Sun 14/04, so Mon 15/04 is
    # nghỉ bù; the 2019 bridge was off Mon 29/04, worked Sat 04/05 (BLLĐ 2019 Điều 111–112, §2)
    assert fresh.day_info(date(2019, 4, 15)).kind is DayKind.COMPENSATORY
    assert fresh.day_info(date(2019, 4, 15)).name_vi.startswith("Ngày Giỗ Tổ Hùng Vương")
    assert fresh.day_info(date(2019, 4, 29)).kind is DayKind.SWAP_DAY_OFF
    assert fresh.day_info(date(2019, 5, 4)).kind is DayKind.SWAP_WORKDAY
    assert fresh.is_working_day(date(2019, 5, 4))
    assert not fresh.is_working_day(date(2019, 4, 29))
    reunification = fresh.day_info(date(2019, 4, 30))
    assert (reunification.kind, reunification.name_vi) == (DayKind.HOLIDAY, "Ngày Chiến thắng")
    # 2033: 1/1 is a Saturday, so Monday 03/01 is nghỉ bù; provisional (after official_through)
    new_year = fresh.day_info(date(2031, 1, 1))
    assert (new_year.kind, new_year.name_vi, new_year.provisional) == (
        DayKind.HOLIDAY,
        "Tết Dương lịch",
        True,
    )
    assert "New Year" in new_year.name_en
    observed = fresh.day_info(date(2033, 1, 3))
    assert observed.kind is DayKind.COMPENSATORY
    assert observed.name_vi.startswith("Tết Dương lịch")
    assert fresh.day_info(date(2030, 9, 2)).name_vi == "Quốc khánh"


# -- calendar: weekly-pattern labels and the messages users read ----------------------------------


def test_weekly_pattern_days_have_their_labels() -> None:
    cal = vietnam_calendar()
    saturday, wednesday = cal.day_info(date(2026, 3, 7)), cal.day_info(date(2026, 3, 4))
    assert (saturday.kind, saturday.name_vi, saturday.name_en) == (
        DayKind.WEEKEND,
        "Nghỉ hằng tuần",
        "Weekly rest day",
    )
    assert (wednesday.kind, wednesday.name_vi, wednesday.name_en) == (
        DayKind.WORKING,
        "Ngày làm việc",
        "Working day",
    )


OUT = date(1999, 12, 31)  # the day before the default calendar's range
IN = date(2026, 3, 4)
OUT_DT = datetime(1999, 12, 31, 9, 0)
IN_DT = datetime(2026, 3, 4, 9, 0)


@pytest.mark.parametrize(
    ("call", "prefix"),
    [
        (lambda c: c.working_days_between(OUT, IN), "start: 1999-12-31 is outside"),
        (lambda c: c.working_days_between(IN, OUT), "end: 1999-12-31 is outside"),
        (lambda c: c.special_days_between(OUT, IN), "start: 1999-12-31 is outside"),
        (lambda c: c.special_days_between(IN, OUT), "end: 1999-12-31 is outside"),
        (lambda c: list(c.working_days(OUT, IN)), "start: 1999-12-31 is outside"),
        (lambda c: list(c.working_days(IN, OUT)), "end: 1999-12-31 is outside"),
        (lambda c: c.is_working_day(OUT), "day: 1999-12-31 is outside"),
        (lambda c: c.add_working_time(OUT_DT, timedelta(hours=1)), "start: 1999-12-31 is outside"),
        (lambda c: c.working_time_between(OUT_DT, IN_DT), "start: 1999-12-31 is outside"),
        (lambda c: c.working_time_between(IN_DT, OUT_DT), "end: 1999-12-31 is outside"),
    ],
)
def test_out_of_range_messages_name_the_argument_and_date(call: Any, prefix: str) -> None:
    with pytest.raises(CalendarRangeError) as exc:
        call(vietnam_calendar())
    assert str(exc.value).startswith(prefix)
    assert "2000-01-01..2040-12-31" in str(exc.value)


@pytest.mark.parametrize(
    ("call", "prefix"),
    [
        (lambda c: c.is_provisional("2026-03-04"), "day: expected a datetime.date, got str '2026"),
        (lambda c: c.is_working_day("2026-03-04"), "day: expected a datetime.date, got str"),
        (lambda c: c.add_working_days("2026-03-04", 1), "start: expected a datetime.date, got str"),
        (lambda c: c.add_working_days(IN, "3"), "n: expected an int, got str '3'"),
        (lambda c: c.is_working_instant("9:00"), "moment: expected a datetime, got str"),
        (lambda c: c.next_working_instant("9:00"), "moment: expected a datetime, got str"),
        (lambda c: c.working_time_between("9:00", IN_DT), "start: expected a datetime, got str"),
        (lambda c: c.working_time_between(IN_DT, "9:00"), "end: expected a datetime, got str"),
        (lambda c: c.with_sessions("07:30-11:30"), "sessions: expected Session values, got str"),
        (
            lambda _: Session("07:30", time(11, 30)),  # type: ignore[arg-type]
            "Session.start: expected a datetime.time, got str",
        ),
        (
            lambda _: Session(time(7, 30), "11:30"),  # type: ignore[arg-type]
            "Session.end: expected a datetime.time, got str",
        ),
        (
            lambda _: WorkingCalendar(
                special_days=["2026-03-04"], first=IN, last=IN, provisional_after=IN
            ),
            "special_days: expected DayInfo values, got str",
        ),
    ],
)
def test_type_messages_name_the_argument_and_what_was_passed(call: Any, prefix: str) -> None:
    with pytest.raises(ArgumentTypeError) as exc:
        call(vietnam_calendar())
    assert str(exc.value).startswith(prefix)


def test_a_datetime_for_a_date_says_how_to_fix_it() -> None:
    with pytest.raises(
        ArgumentTypeError,
        match=r"^day: .*; pass value\.date\(\) if the time of day does not matter$",
    ):
        vietnam_calendar().is_provisional(IN_DT)


def test_no_sessions_and_mixed_awareness_messages() -> None:
    cal = vietnam_calendar()
    with pytest.raises(
        InvalidValueError, match="^sessions: expected at least one Session, got none$"
    ):
        cal.with_sessions()
    aware = datetime(2026, 3, 4, 9, tzinfo=timezone.utc)
    with pytest.raises(
        TimezoneError, match=r"; expected both naive \(Vietnamese wall time\) or both aware$"
    ):
        cal.working_time_between(IN_DT, aware)


def test_results_past_the_range_name_the_operation() -> None:
    small = WorkingCalendar(
        special_days=[], first=date(2026, 3, 2), last=date(2026, 3, 6), provisional_after=IN
    )
    with pytest.raises(
        CalendarRangeError, match=r"^next working instant: the result falls outside"
    ):
        small.next_working_instant(datetime(2026, 3, 6, 18, 0))
    with pytest.raises(CalendarRangeError, match=r"^start \+ delta: the result falls outside"):
        small.add_working_time(datetime(2026, 3, 6, 9, 0), timedelta(hours=9))


def test_override_messages_list_the_allowed_kinds_and_the_expected_day() -> None:
    with pytest.raises(
        InvalidValueError,
        match=(
            r"^Override\.kind: expected one of CLOSURE, COMPENSATORY, EXTRA_WORKDAY, HOLIDAY, "
            r"SWAP_DAY_OFF, SWAP_WORKDAY, got"
        ),
    ):
        Override(IN, DayKind.WORKING, "x", "y")
    cal = vietnam_calendar()
    saturday = date(2026, 3, 7)
    with pytest.raises(
        OverrideConflictError, match=r"already a day off \(WEEKEND\); expected a working day$"
    ):
        cal.with_overrides(Override(saturday, DayKind.CLOSURE, "Bão", "QĐ 1/QĐ-UBND"))
    with pytest.raises(
        OverrideConflictError, match=r"is a working day \(WORKING\); expected a non-working day$"
    ):
        cal.with_overrides(Override(IN, DayKind.EXTRA_WORKDAY, "Làm thêm", "QĐ 2/QĐ-UBND"))


def test_microseconds_count_in_sessions_and_instants() -> None:
    assert Session(time(7, 30), time(11, 30, 0, 500_000)).duration == timedelta(
        hours=4, microseconds=500_000
    )
    cal = vietnam_calendar()
    assert cal.is_working_instant(datetime(2026, 3, 4, 7, 30, 0, 1))
    assert not cal.is_working_instant(
        datetime(2026, 3, 4, 11, 29, 59, 999_999) + timedelta(microseconds=1)
    )

"""Differential and law tests of :mod:`tthc.calendar` against the naive oracle (``oracle.py``).

* Differential: the library and the oracle agree on add / between / roll / next / previous /
  working days / special days / working time, on random synthetic calendars, on random override
  sets and random office sessions, and on the default calendar (fed to the oracle from
  ``tests/golden/official_calendar.json`` for the golden years and from the ``holidays`` package
  for the others). Out of range, the library raises ``CalendarRangeError`` exactly when the oracle
  runs off its range.
* Laws (DOMAIN.md §3): inverse, monotonicity, idempotence, composition, session-end landing,
  naive vs aware, immutability under ``with_overrides``.
* Exhaustive: a deterministic sweep of the default calendar, about 10^4 cases by default and more
  than 10^6 with ``--run-slow`` / ``TTHC_SLOW=1`` (the count is printed).
"""

from __future__ import annotations

import json
import time as clock
from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from oracle import OracleCalendar, OracleRangeError
from tthc import (
    CalendarRangeError,
    DayInfo,
    DayKind,
    Override,
    OverrideConflictError,
    Session,
    TimezoneError,
    WorkingCalendar,
    vietnam_calendar,
)

GOLDEN = Path(__file__).parent / "golden" / "official_calendar.json"
MARGIN = timedelta(days=14)  # an occasion's window: its core days widened by 14 days each side
FIRST, LAST = date(2000, 1, 1), date(2040, 12, 31)  # the supported range (issue 3: 2000–2040)
DEFAULT_SESSIONS = ((time(7, 30), time(11, 30)), (time(13), time(17)))  # DOMAIN.md §7.9

# Our own reading of the kinds (DOMAIN.md §2), not DayKind.is_working.
WORKING_KINDS = frozenset({DayKind.WORKING, DayKind.SWAP_WORKDAY, DayKind.EXTRA_WORKDAY})
OFF_OVERRIDES = (DayKind.CLOSURE, DayKind.HOLIDAY, DayKind.COMPENSATORY, DayKind.SWAP_DAY_OFF)
ON_OVERRIDES = (DayKind.EXTRA_WORKDAY, DayKind.SWAP_WORKDAY)
ZONES: tuple[tzinfo, ...] = (
    timezone.utc,
    timezone(timedelta(hours=9)),
    timezone(timedelta(hours=-5)),
    timezone(timedelta(hours=5, minutes=45)),
    ZoneInfo("Europe/Paris"),
    ZoneInfo("America/New_York"),
    ZoneInfo("Asia/Ho_Chi_Minh"),
)
SEVEN_HOURS = timedelta(hours=7)
RANGE_ERROR = "CalendarRangeError"

Pair = tuple[WorkingCalendar, OracleCalendar]


# --- the oracle of the default calendar --------------------------------------------------------


@cache
def _golden_oracle() -> OracleCalendar | None:
    if not GOLDEN.exists():
        return None
    data: dict[str, Any] = json.loads(GOLDEN.read_text(encoding="utf-8"))
    years = {int(y) for y in data["years"]}
    days_off: set[date] = set()
    workdays: set[date] = set()
    announced = [
        o for y, occ in data["announced_occasions"].items() if y.isdigit() for o in occ.values()
    ]
    for year in [*data["years"].values(), *announced]:
        days_off |= {date.fromisoformat(e["date"]) for e in year["non_working_weekdays"]}
        workdays |= {date.fromisoformat(e["date"]) for e in year["working_weekend_days"]}
    # Other years: DOMAIN.md §2 makes the holidays package (Vietnam) the data source, with 24/11
    # a holiday from 2026 (Nghị quyết 28/2026/QH16), which holidays >= 0.109 has.
    package = holidays.country_holidays("VN", years=range(FIRST.year, LAST.year + 1))
    periods = [tuple(map(date.fromisoformat, o["period"])) for o in announced]
    days_off |= {
        d
        for d in package
        if d.year not in years and not any(a - MARGIN <= d <= b + MARGIN for a, b in periods)
    }
    workdays |= {d for d in package.weekend_workdays if d.year not in years}
    return OracleCalendar(FIRST, LAST, frozenset(days_off), frozenset(workdays), DEFAULT_SESSIONS)


def default_oracle() -> OracleCalendar:
    orc = _golden_oracle()
    if orc is None:
        pytest.skip(f"{GOLDEN} does not exist yet: no golden data to feed the oracle")
    return orc


def golden_years() -> set[int]:
    data = json.loads(GOLDEN.read_text(encoding="utf-8"))
    return {int(y) for y in data["years"]}


# --- comparing ---------------------------------------------------------------------------------


def _normal(value: object) -> object:
    """Values the library and the oracle must agree on, aware datetimes by wall time and offset."""
    if isinstance(value, datetime) and value.utcoffset() is not None:
        return ("aware", value.replace(tzinfo=None), value.utcoffset())
    if isinstance(value, list | tuple):
        return [_normal(v) for v in value]
    return (type(value).__name__, value)


def outcome(fn: Callable[..., object], *args: object) -> object:
    """``fn(*args)`` normalised, or ``RANGE_ERROR`` for either side's out-of-range error."""
    try:
        return _normal(fn(*args))
    except (CalendarRangeError, OracleRangeError):
        return RANGE_ERROR


def agree(cal: WorkingCalendar, orc: OracleCalendar, method: str, *args: object) -> None:
    expected = outcome(getattr(orc, method), *args)
    got = outcome(getattr(cal, method), *args)
    assert got == expected, f"{method}{args}: oracle {expected}, library {got}"


# --- strategies --------------------------------------------------------------------------------


def _time(seconds: int) -> time:
    return time(seconds // 3600, seconds // 60 % 60, seconds % 60)


@st.composite
def session_sets(draw: st.DrawFn) -> tuple[tuple[time, time], ...]:
    """1–4 non-overlapping sessions, on a grid of seconds, minutes or quarter hours; some touch."""
    k = draw(st.integers(1, 4))
    grid = draw(st.sampled_from([900, 60, 1]))
    points = sorted(draw(st.sets(st.integers(0, 86399 // grid), min_size=2 * k, max_size=2 * k)))
    bounds = [p * grid for p in points]
    for i in range(1, k):
        if draw(st.booleans()):
            bounds[2 * i] = bounds[2 * i - 1]  # this session starts where the previous one ends
    return tuple((_time(bounds[2 * i]), _time(bounds[2 * i + 1])) for i in range(k))


any_sessions = st.one_of(st.just(DEFAULT_SESSIONS), session_sets())


def _sessions(pairs: Iterable[tuple[time, time]]) -> list[Session]:
    return [Session(s, e) for s, e in pairs]


@st.composite
def synthetic_calendars(draw: st.DrawFn) -> Pair:
    """A calendar built directly from random special days, range, weekend and sessions."""
    first = draw(st.dates(FIRST, LAST))
    last = first + timedelta(days=draw(st.one_of(st.integers(0, 60), st.integers(0, 1000))))
    weekend = draw(
        st.one_of(st.just(frozenset({5, 6})), st.frozensets(st.integers(0, 6), max_size=3))
    )
    specials = draw(
        st.dictionaries(
            st.dates(first - timedelta(days=7), last + timedelta(days=7)),
            st.sampled_from(list(DayKind)),
            max_size=60,
        )
    )
    official_through = first + timedelta(days=draw(st.integers(-400, 1400)))
    sessions = draw(any_sessions)
    cal = WorkingCalendar(
        special_days=[DayInfo(d, k) for d, k in sorted(specials.items())],
        first=first,
        last=last,
        provisional_after=official_through,
        sessions=_sessions(sessions),
        weekend=weekend,
    )
    orc = OracleCalendar(
        first,
        last,
        days_off=frozenset(d for d, k in specials.items() if k not in WORKING_KINDS),
        workdays=frozenset(d for d, k in specials.items() if k in WORKING_KINDS),
        sessions=sessions,
        weekend=weekend,
    )
    return cal, orc


def add_overrides(draw: st.DrawFn, pair: Pair, lo: date, hi: date) -> Pair:
    """``pair`` with up to 12 random, valid overrides between ``lo`` and ``hi``, in any order."""
    cal, orc = pair
    lo, hi = max(lo, orc.first), min(hi, orc.last)
    if hi < lo:
        return pair
    overrides = []
    for d in sorted(draw(st.sets(st.dates(lo, hi), max_size=12))):
        working = orc.is_working_day(d)
        kind = draw(st.sampled_from(OFF_OVERRIDES if working else ON_OVERRIDES))
        overrides.append(Override(d, kind, f"Lý do {d}", "QĐ 1/QĐ-UBND"))
        orc = orc.with_day(d, not working)
    overrides = draw(st.permutations(overrides))
    return cal.with_overrides(*overrides), orc


@st.composite
def synthetic_with_overrides(draw: st.DrawFn) -> Pair:
    pair = draw(synthetic_calendars())
    return add_overrides(draw, pair, pair[1].first, pair[1].last)


@st.composite
def default_with_overrides(draw: st.DrawFn, around: date) -> Pair:
    """The default calendar (and its oracle) with random overrides near ``around`` and random
    sessions."""
    pair = add_overrides(
        draw,
        (vietnam_calendar(), default_oracle()),
        around - timedelta(days=60),
        around + timedelta(days=600),
    )
    sessions = draw(any_sessions)
    if sessions == DEFAULT_SESSIONS:
        return pair
    cal, orc = pair
    return cal.with_sessions(*_sessions(sessions)), OracleCalendar(
        orc.first, orc.last, orc.days_off, orc.workdays, sessions, orc.weekend
    )


def all_calendars() -> st.SearchStrategy[Pair]:
    return st.one_of(synthetic_calendars(), synthetic_with_overrides())


@st.composite
def wall_times(
    draw: st.DrawFn, first: date, last: date, sessions: tuple[tuple[time, time], ...]
) -> datetime:
    """A naive wall time on a day in ``[first, last]``, often on or next to a session boundary."""
    day = draw(st.dates(first, last))
    marks = [t for s in sessions for t in s] + [time(0), time(23, 59, 59, 999999)]
    moment = datetime.combine(day, draw(st.one_of(st.sampled_from(marks), st.times())))
    nudge = draw(st.sampled_from([0, 0, 0, 1, -1, 60, -60]))
    return moment + timedelta(seconds=nudge)


deltas = st.one_of(
    st.timedeltas(min_value=timedelta(hours=-400), max_value=timedelta(hours=400)),
    st.integers(-400, 400).map(lambda h: timedelta(hours=h)),
    st.integers(-24_000, 24_000).map(lambda m: timedelta(minutes=m)),
    st.integers(-1_440_000, 1_440_000).map(lambda s: timedelta(seconds=s)),
)
amounts = st.integers(-400, 400)


# --- differential: days ------------------------------------------------------------------------


def check_days(cal: WorkingCalendar, orc: OracleCalendar, d: date, x: date, n: int) -> None:
    agree(cal, orc, "is_working_day", d)
    agree(cal, orc, "add_working_days", d, n)
    agree(cal, orc, "add_working_days", d, 0)
    agree(cal, orc, "working_days_between", d, x)
    agree(cal, orc, "working_days_between", x, d)
    agree(cal, orc, "next_working_day", d)
    agree(cal, orc, "previous_working_day", d)
    agree(cal, orc, "roll_forward", d)
    agree(cal, orc, "roll_backward", d)


@given(data=st.data(), pair=all_calendars(), n=amounts)
def test_days_agree_on_synthetic_calendars(data: st.DataObject, pair: Pair, n: int) -> None:
    cal, orc = pair
    near = st.dates(orc.first - timedelta(days=3), orc.last + timedelta(days=3))
    d, x = data.draw(near, "d"), data.draw(near, "x")
    check_days(cal, orc, d, x, n)
    if orc.in_range(d) and orc.in_range(x):
        lo, hi = min(d, x), max(d, x)
        assert list(cal.working_days(lo, hi)) == orc.working_days(lo, hi)
        specials = cal.special_days_between(lo, hi)
        assert [i.date for i in specials] == orc.special_days(lo, hi)
        assert all(i.provisional == (i.date > cal.official_through) for i in specials)
        info = cal.day_info(d)
        assert (info.date, info.is_working) == (d, orc.is_working_day(d))
        assert info.provisional == cal.is_provisional(d) == (d > cal.official_through)


@given(data=st.data(), n=amounts)
def test_days_agree_on_the_default_calendar(data: st.DataObject, n: int) -> None:
    d = data.draw(st.dates(FIRST, LAST), "d")
    cal, orc = data.draw(default_with_overrides(d), "calendar")
    x = data.draw(st.dates(max(FIRST, d - timedelta(800)), min(LAST, d + timedelta(800))), "x")
    check_days(cal, orc, d, x, n)
    assert cal.day_info(d).is_working == orc.is_working_day(d)


@pytest.mark.parametrize("d", [FIRST, LAST, FIRST + timedelta(days=1), LAST - timedelta(days=1)])
@pytest.mark.parametrize("n", [-400, -2, -1, 0, 1, 2, 400])
def test_days_agree_at_the_edges_of_the_default_range(d: date, n: int) -> None:
    cal, orc = vietnam_calendar(), default_oracle()
    assert (cal.first, cal.last) == (FIRST, LAST)
    check_days(cal, orc, d, d + timedelta(days=-n if d > FIRST else n), n)
    for outside in (FIRST - timedelta(days=1), LAST + timedelta(days=1)):
        with pytest.raises(CalendarRangeError, match=outside.isoformat()):
            cal.is_working_day(outside)


@cache
def provisional_days() -> frozenset[date]:
    """Every day of the window of an occasion whose announcement the golden data lacks."""
    data: dict[str, Any] = json.loads(GOLDEN.read_text(encoding="utf-8"))
    complete = {int(y) for y in data["years"]}
    announced = {
        (int(y), k) for y, occ in data["announced_occasions"].items() if y.isdigit() for k in occ
    }
    names = holidays.country_holidays(
        "VN", language="en_US", years=range(2020, LAST.year + 2), observed=False
    )
    tet = {d.year: d for d, name in names.items() if name == "Lunar New Year"}
    hung = {d.year: d for d, name in names.items() if name == "Hung Kings' Commemoration Day"}
    out: set[date] = set()
    for y in range(max(complete) + 1, LAST.year + 2):
        cores = {
            "NEW_YEAR": (date(y, 1, 1), date(y, 1, 1)),
            "TET": (tet[y] - timedelta(days=3), tet[y] + timedelta(days=5)),
            "HUNG_KINGS": (hung[y], hung[y]),
            "REUNIFICATION_LABOUR": (date(y, 4, 30), date(y, 5, 1)),
            "NATIONAL_DAY": (date(y, 9, 1), date(y, 9, 3)),
            "CULTURE_DAY": (date(y, 11, 24), date(y, 11, 24)),  # from 2026
        }
        for key, (a, b) in cores.items():
            if (y, key) not in announced:
                day = a - MARGIN
                while day <= min(b + MARGIN, LAST):
                    out.add(day)
                    day += timedelta(days=1)
    return frozenset(out)


def test_every_day_of_the_default_calendar_agrees() -> None:
    """Status, kind and provisional flag of every day 2000–2040 (about 15 000 days)."""
    cal, orc = vietnam_calendar(), default_oracle()
    provisional = provisional_days()
    assert cal.official_through == min(provisional) - timedelta(days=1)
    wrong = []
    day = FIRST
    while day <= LAST:
        info = cal.day_info(day)
        working = orc.is_working_day(day)
        got = (cal.is_working_day(day), info.kind in WORKING_KINDS, info.provisional)
        if got != (working, working, day in provisional):
            wrong.append((day, info.kind, info.provisional, working))
        day += timedelta(days=1)
    assert wrong == []


# --- differential: working time ----------------------------------------------------------------


def check_time(
    cal: WorkingCalendar, orc: OracleCalendar, a: datetime, b: datetime, delta: timedelta
) -> None:
    agree(cal, orc, "add_working_time", a, delta)
    agree(cal, orc, "working_time_between", a, b)
    agree(cal, orc, "next_working_instant", a)
    agree(cal, orc, "is_working_instant", a)


@given(data=st.data(), pair=all_calendars(), delta=deltas)
def test_working_time_agrees_on_synthetic_calendars(
    data: st.DataObject, pair: Pair, delta: timedelta
) -> None:
    cal, orc = pair
    near = (orc.first - timedelta(days=1), orc.last + timedelta(days=1), orc.sessions)
    a = data.draw(wall_times(*near), "a")
    b = data.draw(st.one_of(wall_times(*near), st.just(a + delta)), "b")
    check_time(cal, orc, a, b, delta)


@given(data=st.data(), delta=deltas)
def test_working_time_agrees_on_the_default_calendar(data: st.DataObject, delta: timedelta) -> None:
    day = data.draw(st.dates(FIRST, LAST), "day")
    cal, orc = data.draw(default_with_overrides(day), "calendar")
    a = data.draw(wall_times(day, day, orc.sessions), "a")
    b = data.draw(st.one_of(st.just(a + delta), st.just(a - delta), st.just(a)), "b")
    check_time(cal, orc, a, b, delta)


# --- laws --------------------------------------------------------------------------------------

inner_dates = st.dates(date(2002, 1, 1), date(2038, 12, 31))  # far enough from the range's ends


@st.composite
def law_calendars(draw: st.DrawFn, around: date) -> WorkingCalendar:
    """The default calendar, or a wide synthetic one, with overrides and sessions near ``around``."""
    if draw(st.booleans()):
        cal = vietnam_calendar()
    else:
        syn, _ = draw(synthetic_calendars())
        cal = WorkingCalendar(
            special_days=syn.special_days, first=FIRST, last=LAST, provisional_after=LAST
        )
    overrides = []
    window = st.dates(around - timedelta(days=60), min(LAST, around + timedelta(days=600)))
    for d in sorted(draw(st.sets(window, max_size=12))):
        kinds = OFF_OVERRIDES if cal.is_working_day(d) else ON_OVERRIDES
        overrides.append(Override(d, draw(st.sampled_from(kinds)), "Bão", "QĐ 2/QĐ-UBND"))
    return cal.with_overrides(*overrides).with_sessions(*_sessions(draw(any_sessions)))


@given(data=st.data(), d=inner_dates, n=st.integers(1, 400))
def test_between_inverts_add(data: st.DataObject, d: date, n: int) -> None:
    cal = data.draw(law_calendars(d))
    assert cal.working_days_between(d, cal.add_working_days(d, n)) == n


@given(data=st.data(), a=inner_dates, b=inner_dates, c=inner_dates)
def test_between_is_antisymmetric_and_additive(
    data: st.DataObject, a: date, b: date, c: date
) -> None:
    cal = data.draw(law_calendars(a))
    assert cal.working_days_between(a, b) == -cal.working_days_between(b, a)
    total = cal.working_days_between(a, b) + cal.working_days_between(b, c)
    assert total == cal.working_days_between(a, c)
    assert cal.working_days_between(a, a) == 0


@given(data=st.data(), a=inner_dates, gap=st.integers(0, 40), n=amounts)
def test_add_is_monotonic_and_lands_on_working_days(
    data: st.DataObject, a: date, gap: int, n: int
) -> None:
    cal = data.draw(law_calendars(a))
    b = a + timedelta(days=gap)
    ra, rb = cal.add_working_days(a, n), cal.add_working_days(b, n)
    assert ra <= rb
    assert cal.is_working_day(ra)
    assert cal.is_working_day(rb)
    assert (ra > a) if n > 0 else (ra < a) if n < 0 else (ra >= a)


@given(data=st.data(), d=inner_dates, n=st.integers(1, 200), m=st.integers(1, 200))
def test_add_composes(data: st.DataObject, d: date, n: int, m: int) -> None:
    cal = data.draw(law_calendars(d))
    assert cal.add_working_days(cal.add_working_days(d, n), m) == cal.add_working_days(d, n + m)
    assert cal.add_working_days(cal.add_working_days(d, -n), -m) == cal.add_working_days(d, -n - m)


@given(data=st.data(), d=inner_dates)
def test_rolls_are_idempotent_and_next_previous_are_adjacent(data: st.DataObject, d: date) -> None:
    cal = data.draw(law_calendars(d))
    forward, backward = cal.roll_forward(d), cal.roll_backward(d)
    assert cal.roll_forward(forward) == forward
    assert cal.roll_backward(backward) == backward
    assert backward <= d <= forward
    assert (forward == d) == (backward == d) == cal.is_working_day(d)
    assert cal.add_working_days(d, 0) == forward
    nxt, prev = cal.next_working_day(d), cal.previous_working_day(d)
    assert prev < d < nxt
    assert cal.working_days_between(d, nxt) == 1
    assert cal.working_days_between(prev, d) == int(cal.is_working_day(d))
    assert cal.next_working_day(prev) == cal.roll_forward(d)


def daily(cal: WorkingCalendar) -> timedelta:
    """Working time of one working day, from the sessions (not ``daily_working_time``)."""
    at = datetime.combine
    return sum((at(FIRST, s.end) - at(FIRST, s.start) for s in cal.sessions), timedelta(0))


def law_delta(data: st.DataObject, cal: WorkingCalendar, lo: int = -60, hi: int = 60) -> timedelta:
    """A working-time amount of ``lo``..``hi`` working days of this calendar (with seconds and
    microseconds), so that short sessions do not run off the calendar's range."""
    day = daily(cal)
    whole = data.draw(st.integers(lo, hi), "working days")
    return day * whole + data.draw(st.timedeltas(-day, day), "part of a day")


@given(data=st.data(), d=inner_dates)
def test_working_time_between_inverts_add(data: st.DataObject, d: date) -> None:
    cal = data.draw(law_calendars(d))
    delta = law_delta(data, cal)
    a = datetime.combine(d, data.draw(st.times()))
    result = cal.add_working_time(a, delta)
    assert cal.working_time_between(a, result) == delta
    assert cal.working_time_between(result, a) == -delta
    if delta:  # a result is never outside working time: a session's end forwards, start backwards
        sessions = [(s.start, s.end) for s in cal.sessions]
        t = result.time()
        assert cal.is_working_day(result.date())
        if delta > timedelta(0):
            assert any(s < t <= e for s, e in sessions), result
        else:
            assert any(s <= t < e for s, e in sessions), result


@given(data=st.data(), d=inner_dates, gap=st.timedeltas(timedelta(0), timedelta(days=3)))
def test_add_working_time_is_monotonic(data: st.DataObject, d: date, gap: timedelta) -> None:
    cal = data.draw(law_calendars(d))
    delta = law_delta(data, cal)
    a = datetime.combine(d, data.draw(st.times()))
    assert cal.add_working_time(a, delta) <= cal.add_working_time(a + gap, delta)


@given(data=st.data(), d=inner_dates)
def test_add_working_time_stays_at_a_session_end(data: st.DataObject, d: date) -> None:
    cal = data.draw(law_calendars(d))
    delta = abs(law_delta(data, cal, 0, 60)) or timedelta(microseconds=1)
    day = cal.roll_forward(d)
    session = data.draw(st.sampled_from(cal.sessions))
    end = datetime.combine(day, session.end)
    start = cal.add_working_time(end, -delta)
    assert cal.add_working_time(start, delta) == end
    assert cal.working_time_between(start, end) == delta


def test_add_working_time_stays_at_a_session_end_examples() -> None:
    """DOMAIN.md §3 and §7.9: 10:30 + 1 h is 11:30, not 13:00; 16:00 + 1 h is 17:00."""
    cal = vietnam_calendar()
    monday = date(2026, 3, 2)
    at = datetime.combine
    assert cal.add_working_time(at(monday, time(10, 30)), timedelta(hours=1)) == at(
        monday, time(11, 30)
    )
    assert cal.add_working_time(at(monday, time(16)), timedelta(hours=1)) == at(monday, time(17))
    assert cal.add_working_time(at(monday, time(14)), timedelta(hours=-1)) == at(monday, time(13))
    assert cal.add_working_time(at(monday, time(8, 30)), -timedelta(hours=1)) == at(
        monday, time(7, 30)
    )


@given(data=st.data(), d=inner_dates, zone=st.sampled_from(ZONES))
def test_aware_input_means_its_vietnamese_wall_time(
    data: st.DataObject, d: date, zone: tzinfo
) -> None:
    """Same instant, same wall time as the naive computation, offset +07:00. (When nothing moves —
    a zero delta, an instant already inside a session — see the next test.)"""
    cal = data.draw(law_calendars(d))
    delta = law_delta(data, cal) or timedelta(seconds=1)
    wall = datetime.combine(d, data.draw(st.times()))
    other = wall + data.draw(st.timedeltas(timedelta(days=-3), timedelta(days=3)))
    vn = timezone(SEVEN_HOURS)
    aware, aware_other = (w.replace(tzinfo=vn).astimezone(zone) for w in (wall, other))
    results = [(cal.add_working_time(wall, delta), cal.add_working_time(aware, delta))]
    if not cal.is_working_instant(wall):
        results.append((cal.next_working_instant(wall), cal.next_working_instant(aware)))
    for naive_result, aware_result in results:
        assert aware_result == naive_result.replace(tzinfo=vn), (aware, aware_result)
        assert aware_result.utcoffset() == SEVEN_HOURS, (aware, aware_result)
        assert aware_result.replace(tzinfo=None) == naive_result, (aware, aware_result)
    assert cal.is_working_instant(aware) == cal.is_working_instant(wall)
    naive_between = cal.working_time_between(wall, other)
    assert cal.working_time_between(aware, aware_other) == naive_between
    with pytest.raises(TimezoneError):
        cal.working_time_between(wall, aware_other)


def test_aware_results_are_in_vietnam_time_even_when_nothing_moves() -> None:
    """Module docstring: aware input is converted, results come back aware in Asia/Ho_Chi_Minh —
    also for a zero delta and for an instant already inside a session."""
    cal = vietnam_calendar()
    utc = datetime(2026, 3, 6, 3, 0, tzinfo=timezone.utc)  # Fri 10:00 in Hà Nội
    for result in (cal.add_working_time(utc, timedelta(0)), cal.next_working_instant(utc)):
        assert result == utc
        assert result.utcoffset() == SEVEN_HOURS, repr(result)
        assert result.replace(tzinfo=None) == datetime(2026, 3, 6, 10, 0)


@given(data=st.data(), d=inner_dates)
def test_with_overrides_leaves_the_original_unchanged(data: st.DataObject, d: date) -> None:
    base = data.draw(law_calendars(d))
    taken = {o.date for o in base.overrides}  # a second override of one day is refused
    free = st.dates(d, d + timedelta(days=60)).filter(lambda x: x not in taken)
    days = sorted(data.draw(st.sets(free, min_size=1, max_size=8)))
    before = [base.is_working_day(x) for x in days]
    infos = [base.day_info(x) for x in days]
    snapshot = (base.overrides, base.special_days, base.sessions)
    overrides = [
        Override(x, OFF_OVERRIDES[0] if w else ON_OVERRIDES[0], "Lý do", "QĐ 3/QĐ-UBND")
        for x, w in zip(days, before, strict=True)
    ]
    derived = base.with_overrides(*overrides)
    assert [derived.is_working_day(x) for x in days] == [not w for w in before]
    assert [base.is_working_day(x) for x in days] == before
    assert [base.day_info(x) for x in days] == infos
    assert (base.overrides, base.special_days, base.sessions) == snapshot
    assert derived != base
    # A contradictory override (closure on a day off, extra day on a working day) is refused.
    wrong = Override(days[0], ON_OVERRIDES[0] if before[0] else OFF_OVERRIDES[0], "x", "y")
    with pytest.raises(OverrideConflictError, match=days[0].isoformat()):
        base.with_overrides(wrong)


# --- exhaustive differential sweep of the default calendar -------------------------------------

TIMES = (
    time(0),
    time(7, 29, 59),
    time(7, 30),
    time(9, 15, 30),
    time(11, 30),
    time(12, 0),
    time(13, 0),
    time(16, 59, 59, 500000),
    time(17, 0),
    time(23, 59, 59),
)
DELTAS = tuple(
    sign * step
    for sign in (1, -1)
    for step in (
        timedelta(seconds=1),
        timedelta(minutes=30),
        timedelta(hours=4),
        timedelta(hours=8),
        timedelta(hours=40),
        timedelta(hours=123, minutes=17, seconds=5),
    )
)
LONG_AMOUNTS = (30, 123, 400, -30, -123, -400)


class Sweep:
    """Counts cases and keeps the first mismatches of a sweep."""

    def __init__(self) -> None:
        self.cases = 0
        self.mismatches: list[str] = []

    def check(self, what: str, got: object, expected: object) -> None:
        self.cases += 1
        if got != expected and len(self.mismatches) < 50:
            self.mismatches.append(f"{what}: oracle {expected!r}, library {got!r}")


def sweep_days(sweep: Sweep, cal: WorkingCalendar, orc: OracleCalendar, d: date, span: int) -> None:
    """All day questions about ``d``, and add/between for the ``span`` working days on each side,
    from one forward and one backward walk of the oracle."""
    for method in ("is_working_day", "roll_forward", "roll_backward"):
        sweep.check(
            f"{method}({d})", outcome(getattr(cal, method), d), outcome(getattr(orc, method), d)
        )
    for n in (-1, 0, 1):
        sweep.check(
            f"add({d}, {n})",
            outcome(cal.add_working_days, d, n),
            outcome(orc.add_working_days, d, n),
        )
    working_d = orc.is_working_day(d)
    for direction in (1, -1):
        counted = 0
        for x, counted in orc.walk(d, direction):
            if direction > 0:  # (d, x] holds `counted` working days
                expected_between = counted
            else:  # (x, d] holds the working days of [x + 1, d]
                expected_between = -(counted - orc.is_working_day(x) + working_d)
            sweep.check(f"between({d}, {x})", cal.working_days_between(d, x), expected_between)
            sweep.check(f"between({x}, {d})", cal.working_days_between(x, d), -expected_between)
            if orc.is_working_day(x):
                n = direction * counted
                got = outcome(cal.add_working_days, d, n)
                sweep.check(f"add({d}, {n})", got, _normal(x))
                if counted == span:
                    break
        else:  # ran off the range: one more working day is out of range
            n = direction * (counted + 1)
            sweep.check(f"add({d}, {n})", outcome(cal.add_working_days, d, n), RANGE_ERROR)


def sweep_time(sweep: Sweep, cal: WorkingCalendar, orc: OracleCalendar, d: date) -> None:
    for t in TIMES:
        a = datetime.combine(d, t)
        sweep.check(
            f"next_working_instant({a})",
            outcome(cal.next_working_instant, a),
            outcome(orc.next_working_instant, a),
        )
        sweep.check(
            f"is_working_instant({a})", cal.is_working_instant(a), orc.is_working_instant(a)
        )
        for delta in DELTAS:
            got = outcome(cal.add_working_time, a, delta)
            sweep.check(
                f"add_working_time({a}, {delta})", got, outcome(orc.add_working_time, a, delta)
            )
            b = a + delta * 2
            sweep.check(
                f"working_time_between({a}, {b})",
                outcome(cal.working_time_between, a, b),
                outcome(orc.working_time_between, a, b),
            )


def run_sweep(day_stride: int, span: int, long_stride: int, time_stride: int) -> Sweep:
    cal, orc = vietnam_calendar(), default_oracle()
    sweep = Sweep()
    ordinals = range(FIRST.toordinal(), LAST.toordinal() + 1)
    for o in ordinals[::day_stride]:
        sweep_days(sweep, cal, orc, date.fromordinal(o), span)
    for o in ordinals[::long_stride]:
        d = date.fromordinal(o)
        for n in LONG_AMOUNTS:
            expected = outcome(orc.add_working_days, d, n)
            sweep.check(f"add({d}, {n})", outcome(cal.add_working_days, d, n), expected)
    for o in ordinals[::time_stride]:
        sweep_time(sweep, cal, orc, date.fromordinal(o))
    return sweep


def _report(capsys: pytest.CaptureFixture[str], name: str, sweep: Sweep, seconds: float) -> None:
    with capsys.disabled():
        print(f"\n{name}: {sweep.cases} cases, {len(sweep.mismatches)} mismatches, {seconds:.2f} s")


def test_exhaustive_sweep_of_the_default_calendar(capsys: pytest.CaptureFixture[str]) -> None:
    """About 10^4 deterministic cases: every 181st day with ±10 working days around it, every 997th
    day with long amounts, every 1499th day with 10 times × 12 working-time deltas."""
    started = clock.perf_counter()
    sweep = run_sweep(day_stride=181, span=10, long_stride=997, time_stride=1499)
    _report(capsys, "default sweep", sweep, clock.perf_counter() - started)
    assert sweep.cases >= 9_000
    assert sweep.mismatches == []


@pytest.mark.slow
def test_exhaustive_sweep_of_the_default_calendar_slow(capsys: pytest.CaptureFixture[str]) -> None:
    """More than 10^6 cases: every day 2000–2040 with ±20 working days around it, long amounts
    every 3rd day, working time every 7th day."""
    started = clock.perf_counter()
    sweep = run_sweep(day_stride=1, span=20, long_stride=3, time_stride=7)
    _report(capsys, "slow sweep", sweep, clock.perf_counter() - started)
    assert sweep.cases >= 1_000_000
    assert sweep.mismatches == []


def test_sweep_catches_a_wrong_calendar() -> None:
    """The sweep can fail: a calendar that works on one holiday disagrees with the oracle."""
    orc = default_oracle()
    holiday = date(2026, 2, 17)
    wrong = vietnam_calendar().with_overrides(
        Override(holiday, DayKind.EXTRA_WORKDAY, "mutant", "test")
    )
    sweep = Sweep()
    sweep_days(sweep, wrong, orc, holiday - timedelta(days=5), 10)
    sweep_time(sweep, wrong, orc, holiday - timedelta(days=1))
    assert len(sweep.mismatches) > 10

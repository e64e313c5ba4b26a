"""Differential tests of :func:`tthc.due_date`, :func:`tthc.deadline` and :func:`tthc.classify`
against the naive oracle of ``oracle_deadlines.py`` (DOMAIN.md §3–§5, §7).

* The oracle reproduces DOMAIN.md §7's worked examples (so it encodes the text, not the library).
* Hypothesis: random calendars (the default one, fixed synthetic ones with odd weekends and
  sessions, small random ones that run off their range), receipt moments (naive, or aware in
  several zones), limits, precisions, policies and timelines (supplements, late requests,
  apologies, final events, ``as_of`` dates and moments).
* A deterministic sweep: about 10^4 compared cases by default, more than 10^6 with
  ``--run-slow`` / ``TTHC_SLOW=1``; the count and the time are printed.

A "case" is one comparison of one library answer with the oracle's (one ``due_date``, one
``deadline`` or one ``classify`` call).
"""

from __future__ import annotations

import json
import random
import time as clock
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

import oracle_deadlines as od
from engines import BATCH, SCALAR, Engine, fits_the_layout
from oracle import OracleCalendar, OracleRangeError, to_vietnam_wall
from tthc import (
    Apologized,
    CalendarRangeError,
    Channel,
    Closed,
    DayInfo,
    DayKind,
    Dossier,
    ExclusionEnded,
    ExclusionStarted,
    GovernmentLevel,
    Outcome,
    Precision,
    Procedure,
    Received,
    Refused,
    Resolved,
    Returned,
    Session,
    Stopped,
    Submitted,
    SupplementPolicy,
    SupplementReceived,
    SupplementRequested,
    TimeLimit,
    Unit,
    Withdrawn,
    WorkingCalendar,
    deadline,
    due_date,
    vietnam_calendar,
)

GOLDEN = Path(__file__).parent / "golden" / "official_calendar.json"
DEFAULT_SESSIONS = ((time(7, 30), time(11, 30)), (time(13), time(17)))
VN = ZoneInfo("Asia/Ho_Chi_Minh")
ZONES: tuple[tzinfo | None, ...] = (
    None,
    None,
    VN,
    timezone.utc,
    timezone(timedelta(hours=-5)),
    ZoneInfo("Europe/Paris"),
    ZoneInfo("America/New_York"),
)
RANGE = "range error"
ND61_FROM = date(2018, 6, 21)  # deadline() needs a receipt on or after NĐ 61/2018's start


@dataclass(frozen=True)
class Pair:
    """A library calendar and the oracle fed the same days (from independent data)."""

    name: str
    cal: WorkingCalendar
    orc: OracleCalendar


# --- calendars -----------------------------------------------------------------------------------


@cache
def default_pair() -> Pair:
    """The default calendar; the oracle is fed from the golden data (2020–2026) and the holidays
    package for the other years (DOMAIN.md §2: the package is the data source)."""
    data: dict[str, Any] = json.loads(GOLDEN.read_text(encoding="utf-8"))
    years = {int(y) for y in data["years"]}
    off: set[date] = set()
    on: set[date] = set()
    for year in data["years"].values():
        off |= {date.fromisoformat(e["date"]) for e in year["non_working_weekdays"]}
        on |= {date.fromisoformat(e["date"]) for e in year["working_weekend_days"]}
    package = holidays.country_holidays("VN", years=range(2000, 2041))
    # 24/11 is a holiday from 2026 (Nghị quyết 28/2026/QH16), as in holidays >= 0.109; the 2027
    # occasions announced by Công văn 10065/VPCP-KGVX agree with the package's working status.
    off |= {d for d in package if d.year not in years}
    on |= {d for d in package.weekend_workdays if d.year not in years}
    orc = OracleCalendar(
        date(2000, 1, 1), date(2040, 12, 31), frozenset(off), frozenset(on), DEFAULT_SESSIONS
    )
    return Pair("default", vietnam_calendar(), orc)


def make_pair(
    name: str,
    first: date,
    last: date,
    off: set[date],
    on: set[date],
    sessions: tuple[tuple[time, time], ...],
    weekend: frozenset[int],
) -> Pair:
    specials = [DayInfo(d, DayKind.HOLIDAY) for d in off] + [
        DayInfo(d, DayKind.EXTRA_WORKDAY) for d in on
    ]
    cal = WorkingCalendar(
        special_days=sorted(specials, key=lambda i: i.date),
        first=first,
        last=last,
        provisional_after=last,
        sessions=[Session(s, e) for s, e in sessions],
        weekend=weekend,
    )
    orc = OracleCalendar(first, last, frozenset(off), frozenset(on), sessions, weekend)
    return Pair(name, cal, orc)


def _random_days(
    seed: int, first: date, last: date, weekend: frozenset[int], p_off: float, p_on: float
) -> tuple[set[date], set[date]]:
    rng = random.Random(seed)
    off: set[date] = set()
    on: set[date] = set()
    day = first
    while day <= last:
        if day.weekday() in weekend:
            if rng.random() < p_on:
                on.add(day)
        elif rng.random() < p_off:
            off.add(day)
        day += timedelta(days=1)
    return off, on


@cache
def synthetic_pairs() -> tuple[Pair, ...]:
    first, last = date(2018, 1, 1), date(2031, 12, 31)
    specs: list[tuple[str, frozenset[int], float, float, tuple[tuple[time, time], ...]]] = [
        ("dense", frozenset({5, 6}), 0.15, 0.2, DEFAULT_SESSIONS),
        (
            "sunday-only",
            frozenset({6}),
            0.1,
            0.1,
            ((time(8), time(12)), (time(12), time(12, 30)), (time(13, 15, 30), time(17, 45))),
        ),
        ("fri-sat", frozenset({4, 5}), 0.3, 0.05, ((time(6), time(10)), (time(18), time(23, 59)))),
        ("one-session", frozenset({5, 6}), 0.05, 0.0, ((time(15, 0), time(15, 1)),)),
    ]
    pairs = []
    for i, (name, weekend, p_off, p_on, sessions) in enumerate(specs):
        off, on = _random_days(i, first, last, weekend, p_off, p_on)
        pairs.append(make_pair(name, first, last, off, on, sessions, weekend))
    return tuple(pairs)


def all_pairs() -> tuple[Pair, ...]:
    return (default_pair(), *synthetic_pairs())


@st.composite
def small_pairs(draw: st.DrawFn) -> Pair:
    """A random calendar over a short range, so that answers often run off its end."""
    first = draw(st.dates(date(2019, 1, 1), date(2030, 1, 1)))
    last = first + timedelta(days=draw(st.integers(0, 90)))
    weekend = draw(st.frozensets(st.integers(0, 6), max_size=3))
    days = st.dates(first, last)
    flips = draw(st.sets(days, max_size=20))
    off = {d for d in flips if d.weekday() not in weekend}
    on = {d for d in flips if d.weekday() in weekend}
    return make_pair("small", first, last, off, on, DEFAULT_SESSIONS, weekend)


pairs = st.one_of(st.sampled_from(all_pairs()), small_pairs())


# --- translating tthc values into the oracle's plain data -------------------------------------


def to_limit(limit: TimeLimit) -> od.Limit:
    return od.Limit(limit.unit.value, limit.amount, limit.cutoff)


def wall(dt: datetime | None) -> datetime | None:
    return None if dt is None else to_vietnam_wall(dt)


def run(fn: Callable[[], object]) -> object:
    """``fn()``, or :data:`RANGE` for either side's out-of-range error."""
    try:
        return fn()
    except (CalendarRangeError, OracleRangeError):
        return RANGE


def lib_due(pair: Pair, received: datetime, limit: TimeLimit, precision: Precision) -> object:
    def go() -> object:
        got = due_date(received, limit, calendar=pair.cal, precision=precision)
        if isinstance(got, datetime):
            assert (got.tzinfo is None) == (received.tzinfo is None), (got, received)
            return ("at", to_vietnam_wall(got))
        return ("date", got)

    return run(go)


def oracle_due(pair: Pair, received: datetime, limit: TimeLimit, precision: Precision) -> object:
    hour = precision is Precision.HOUR

    def go() -> object:
        d = od.due(pair.orc, to_vietnam_wall(received), to_limit(limit), hour)
        if hour:
            assert d.at is not None
            return ("at", d.at)
        return ("date", d.date)

    return run(go)


# --- generating inputs ---------------------------------------------------------------------------

Pick = Callable[[int, int], int]
LIMIT_CHOICES: tuple[Callable[[Pick], TimeLimit], ...] = (
    lambda p: TimeLimit.working_days(p(1, 3)),
    lambda p: TimeLimit.working_days(p(1, 30)),
    lambda p: TimeLimit.working_days(p(1, 30)),
    lambda p: TimeLimit.days(p(1, 45)),
    lambda p: TimeLimit.months(p(1, 14)),
    lambda p: TimeLimit.working_hours(p(1, 48)),
    lambda p: TimeLimit.hours(p(1, 72)),
    lambda p: TimeLimit.same_day(cutoff=(None, time(15), time(11, 30), time(16, 59))[p(0, 3)]),
    lambda p: TimeLimit.none(),
)
MARKS = (0, 7 * 60 + 29, 7 * 60 + 30, 11 * 60 + 30, 13 * 60, 15 * 60, 15 * 60 + 1, 17 * 60, 1439)


def pick_limit(p: Pick) -> TimeLimit:
    return LIMIT_CHOICES[p(0, len(LIMIT_CHOICES) - 1)](p)


def pick_moment(p: Pick, first: date, last: date) -> datetime:
    """A wall time on a day in ``[first, last]``, often on a session boundary or cut-off."""
    day = first + timedelta(days=p(0, max((last - first).days, 0)))
    minute = MARKS[p(0, len(MARKS) - 1)] if p(0, 1) else p(0, 1439)
    return datetime.combine(day, time(minute // 60, minute % 60)) + timedelta(seconds=p(0, 1) * 30)


def pick_gap(p: Pick) -> timedelta:
    scale = p(0, 4)
    if scale == 0:
        return timedelta(0)
    return timedelta(minutes=p(0, (600, 14_400, 43_200, 86_400)[scale - 1]))


def in_zone(wall_time: datetime, zone: tzinfo | None) -> datetime:
    """The instant whose Vietnamese wall time is ``wall_time``, expressed in ``zone``."""
    if zone is None:
        return wall_time
    return wall_time.replace(tzinfo=VN).astimezone(zone)


def precision_for(p: Pick, limit: TimeLimit) -> Precision:
    if limit.unit in (Unit.DAY, Unit.MONTH, Unit.NONE) or p(0, 2):
        return Precision.DAY
    return Precision.HOUR


@dataclass(frozen=True)
class Case:
    """One generated dossier: the tthc value, the oracle's events, and the as-of moments."""

    pair: Pair
    dossier: Dossier
    events: list[od.Ev]
    limit: TimeLimit
    pause: bool
    hour: bool
    zone: tzinfo | None
    as_of: tuple[datetime, ...]  # wall times
    as_of_dates: tuple[date, ...]


def gen_case(p: Pick, pair: Pair) -> Case:
    """A random valid timeline, event by event, following the timeline rules of tthc.Dossier."""
    lo = max(pair.orc.first, ND61_FROM)
    hi = max(lo, pair.orc.last - timedelta(days=500))
    limit = pick_limit(p)
    precision = precision_for(p, limit)
    pause = bool(p(0, 1))
    zone = ZONES[p(0, len(ZONES) - 1)]
    t = pick_moment(p, lo, hi)
    online = p(0, 3) == 0
    walls: list[tuple[str, datetime, date | None]] = []
    if online and p(0, 1):
        walls.append(("submitted", t - pick_gap(p), None))
    walls.append(("received", t, None))
    pending = False
    final: str | None = None
    near_due = None
    if limit.unit is not Unit.NONE:
        hour = precision is Precision.HOUR
        first_due = run(lambda: od.due(pair.orc, t, to_limit(limit), hour))
        near_due = first_due.date if isinstance(first_due, od.OracleDue) else None
    for _ in range(p(0, 6)):
        t = t + pick_gap(p)
        choice = p(0, 9)
        if choice <= 2:
            kind = "supplied" if pending else "requested"
            if not pending and near_due is not None and p(0, 1):
                # requests around the due date: the late-request and roll-forward-tail edges
                at_due = datetime.combine(near_due + timedelta(days=p(-3, 1)), time(p(0, 23)))
                t = max(t, at_due)
            pending = not pending
        elif choice == 3:
            walls.append(("apologized", t, t.date() + timedelta(days=p(1, 40))))
            continue
        elif choice <= 6:
            continue
        else:
            options = ["refused", "stopped", "withdrawn"] + (
                ["closed"] if pending else ["resolved"]
            )
            final = options[p(0, len(options) - 1)]
            kind = final
        walls.append((kind, t, None))
        if final is not None:
            break
    if final in ("resolved", "refused") and p(0, 1):
        walls.append(("returned", t + pick_gap(p), None))
    makers: dict[str, Callable[[datetime], Any]] = {
        "submitted": Submitted,
        "received": lambda at: Received(at, channel=Channel.ONLINE if online else Channel.POSTAL),
        "requested": SupplementRequested,
        "supplied": SupplementReceived,
        "resolved": Resolved,
        "refused": Refused,
        "stopped": Stopped,
        "withdrawn": Withdrawn,
        "closed": Closed,
        "returned": Returned,
    }
    built = []
    for kind, at, new_due in walls:
        moment = in_zone(at, zone)
        if kind == "apologized":
            assert new_due is not None
            built.append(Apologized(moment, new_due=new_due, reason="Chậm do xác minh"))
        else:
            built.append(makers[kind](moment))
    policy = SupplementPolicy.PAUSE if pause else SupplementPolicy.RESTART
    proc = Procedure(
        "1.000894.H38",
        "Thủ tục thử",
        "Hộ tịch",
        GovernmentLevel.COMMUNE,
        limit,
        supplement_policy=policy,
        precision=precision,
    )
    dossier = Dossier("HS-ORACLE", proc, built)
    received = walls[1][1] if walls[0][0] == "submitted" else walls[0][1]
    last = walls[-1][1]
    span = max((last - received).days, 0) + 40
    as_of = tuple(received + timedelta(minutes=p(0, span * 1440)) for _ in range(p(1, 3))) + tuple(
        at for _, at, _ in walls[1:3]
    )
    as_of_dates = (received.date() + timedelta(days=p(0, span)), last.date())
    events = [od.Ev(kind, at, new_due) for kind, at, new_due in walls]
    return Case(
        pair, dossier, events, limit, pause, precision is Precision.HOUR, zone, as_of, as_of_dates
    )


# --- checking ------------------------------------------------------------------------------------


def check_due(pair: Pair, received: datetime, limit: TimeLimit, precision: Precision) -> int:
    if limit.unit is Unit.NONE or (
        precision is Precision.HOUR and limit.unit in (Unit.DAY, Unit.MONTH)
    ):
        with pytest.raises(ValueError, match="time_limit|precision"):
            due_date(received, limit, calendar=pair.cal, precision=precision)
        return 1
    expected = oracle_due(pair, received, limit, precision)
    got = lib_due(pair, received, limit, precision)
    assert got == expected, (
        f"due_date({received!r}, {limit}, {precision}) on calendar {pair.name}: "
        f"oracle {expected}, library {got}"
    )
    return 1


def oracle_deadline(case: Case, events: Sequence[od.Ev]) -> object:
    def go() -> object:
        dl = od.deadline(
            case.pair.orc,
            list(events),
            to_limit(case.limit),
            pause=case.pause,
            hour_precision=case.hour,
        )
        return (
            None if dl.due is None else dl.due.date,
            None if dl.due is None else dl.due.at,
            None if dl.original is None else dl.original.date,
            None if dl.original is None else dl.original.at,
            dl.extended_due,
            dl.clock_stopped,
        )

    return run(go)


def library_deadline(case: Case) -> object:
    def go() -> object:
        dl = deadline(case.dossier, calendar=case.pair.cal)
        return (
            dl.due,
            wall(dl.due_at),
            dl.original_due,
            wall(dl.original_due_at),
            dl.extended_due,
            dl.clock_stopped,
        )

    return run(go)


def engine_deadline(case: Case, engine: Engine) -> object:
    """What ``engine`` says of the deadline, as the oracle's tuple without ``original_due_at``."""

    def go() -> object:
        dl = engine.deadline(case.dossier, calendar=case.pair.cal)
        return (dl.due, dl.due_at, dl.original_due, dl.extended_due, dl.clock_stopped)

    return run(go)


def check_case(case: Case, engine: Engine = SCALAR) -> int:
    """Compare deadline() and classify() of ``engine`` at every as-of of ``case`` with the
    oracle; return the number of cases (0: the batch engine's layout cannot hold the dossier)."""
    if engine is BATCH and not fits_the_layout(case.dossier):
        return 0
    expected = oracle_deadline(case, case.events)
    if engine is SCALAR:
        got = library_deadline(case)
        assert got == expected, describe(case, "deadline", expected, got)
    if isinstance(expected, tuple):
        expected = expected[:3] + expected[4:]  # original_due_at: the scalar engine's only
    got = engine_deadline(case, engine)
    assert got == expected, describe(case, f"deadline ({engine.name})", expected, got)
    n = 1
    moments: list[tuple[date | datetime, datetime]] = [
        (in_zone(a, case.zone), a) for a in case.as_of
    ]
    moments += [(d, datetime.combine(d, time.max)) for d in case.as_of_dates]
    for lib_as_of, wall_as_of in moments:
        exp_c = run(
            lambda w=wall_as_of: od.classify(  # type: ignore[misc]
                case.pair.orc,
                case.events,
                to_limit(case.limit),
                w,
                pause=case.pause,
                hour_precision=case.hour,
            )
        )
        got_c = run(lambda a=lib_as_of: _lib_classify(case, a, engine))  # type: ignore[misc]
        what = f"classify(as_of={lib_as_of!r}) ({engine.name})"
        assert got_c == exp_c, describe(case, what, exp_c, got_c)
        n += 1
    return n


def _lib_classify(case: Case, as_of: date | datetime, engine: Engine) -> object:
    c = engine.classify(case.dossier, as_of=as_of, calendar=case.pair.cal)
    if c.outcome is None:  # received after as_of: the scalar classify refuses it
        return "not received"
    return od.OracleClassification(c.outcome.name, c.working_days_late, c.due_soon, c.new_due_kept)


def describe(case: Case, what: str, expected: object, got: object) -> str:
    lines = [
        f"{what} on calendar {case.pair.name}, limit {case.limit}, pause={case.pause}, "
        f"hour={case.hour}, zone={case.zone}",
        *(
            f"  {e.kind} {e.at}" + (f" new_due={e.new_due}" if e.new_due else "")
            for e in case.events
        ),
        f"  oracle:  {expected}",
        f"  library: {got}",
    ]
    return "\n".join(lines)


# --- the oracle reads DOMAIN.md §7 as written -------------------------------------------------


def test_oracle_reproduces_domain_examples() -> None:
    orc = default_pair().orc

    def d(received: datetime, limit: od.Limit, hour: bool = False) -> od.OracleDue:
        return od.due(orc, received, limit, hour)

    wd = od.Limit("working_day", 5)
    assert d(datetime(2026, 2, 12, 9, 30), wd).date == date(2026, 2, 26)  # §7.1
    assert d(datetime(2025, 4, 23), od.Limit("working_day", 3)).date == date(2025, 4, 26)  # §7.2
    assert d(datetime(2025, 4, 29), od.Limit("working_day", 2)).date == date(2025, 5, 6)  # §7.3
    same = od.Limit("same_day", 0, time(15))
    assert d(datetime(2026, 1, 9, 15, 20), same).date == date(2026, 1, 10)  # §7.4
    assert d(datetime(2026, 4, 15), od.Limit("day", 15)).date == date(2026, 5, 4)  # §7.5
    assert d(datetime(2026, 1, 31), od.Limit("month", 1)).date == date(2026, 3, 2)  # §7.6
    wh = od.Limit("working_hour", 40)  # §7.9
    assert d(datetime(2026, 3, 2, 9), wh).at == datetime(2026, 3, 9, 9)
    assert d(datetime(2026, 3, 6, 16, 30), od.Limit("working_hour", 4)).at == datetime(
        2026, 3, 9, 11
    )
    assert d(datetime(2026, 3, 2, 10, 30), od.Limit("working_hour", 1)).at == datetime(
        2026, 3, 2, 11, 30
    )
    assert d(datetime(2026, 3, 2, 9), wd, hour=True).at == datetime(2026, 3, 9, 9)
    # §7.7: RESTART due Mon 2025-09-29; PAUSE (3 used, 7 left) due Wed 2025-09-24
    events = [
        od.Ev("received", datetime(2025, 9, 8, 9)),
        od.Ev("requested", datetime(2025, 9, 11, 9)),
        od.Ev("supplied", datetime(2025, 9, 15, 9)),
    ]
    ten = od.Limit("working_day", 10)
    restart = od.deadline(orc, events, ten)
    paused = od.deadline(orc, events, ten, pause=True)
    assert restart.due == od.OracleDue(date(2025, 9, 29), None)
    assert paused.due == od.OracleDue(date(2025, 9, 24), None)
    # a request after the due date pauses nothing
    late = [events[0], od.Ev("requested", datetime(2025, 9, 23)), events[2]]
    late[2] = od.Ev("supplied", datetime(2025, 9, 30))
    assert od.deadline(orc, late, ten).due == od.OracleDue(date(2025, 9, 22), None)
    # §7.8: due Thu 2026-02-26
    rec = od.Ev("received", datetime(2026, 2, 12, 9, 30))
    for result, outcome in [
        (datetime(2026, 2, 25, 10), "EARLY"),
        (datetime(2026, 2, 26, 16, 45), "ON_TIME"),
        (datetime(2026, 2, 27, 8), "LATE"),
    ]:
        c = od.classify(orc, [rec, od.Ev("resolved", result)], wd, datetime(2026, 12, 31))
        assert c.outcome == outcome
    for as_of, outcome in [(date(2026, 2, 26), "WITHIN_TIME"), (date(2026, 2, 27), "OVERDUE")]:
        c = od.classify(orc, [rec], wd, datetime.combine(as_of, time.max))
        assert c.outcome == outcome


# --- hypothesis ----------------------------------------------------------------------------------


def hypothesis_pick(data: st.DataObject) -> Pick:
    return lambda lo, hi: data.draw(st.integers(lo, hi))


@given(data=st.data(), pair=pairs)
def test_due_date_agrees(data: st.DataObject, pair: Pair) -> None:
    p = hypothesis_pick(data)
    limit = pick_limit(p)
    precision = data.draw(st.sampled_from(Precision))
    start = pair.orc.first - timedelta(days=2)
    received = pick_moment(p, start, pair.orc.last)
    zone = data.draw(st.sampled_from(ZONES))
    check_due(pair, in_zone(received, zone), limit, precision)


@given(data=st.data(), pair=st.sampled_from(all_pairs()))
def test_deadline_and_classify_agree(engine: Engine, data: st.DataObject, pair: Pair) -> None:
    check_case(gen_case(hypothesis_pick(data), pair), engine)


# --- deterministic sweep -------------------------------------------------------------------------

SWEEP_TIMES = (
    time(0),
    time(7, 29, 59),
    time(7, 30),
    time(9, 0),
    time(11, 30),
    time(12, 0),
    time(15, 0),
    time(15, 0, 1),
    time(16, 59),
    time(17, 0),
    time(23, 59, 59),
)
SWEEP_LIMITS = (
    *(TimeLimit.working_days(n) for n in (1, 2, 3, 5, 7, 10, 15, 20, 30)),
    *(TimeLimit.days(n) for n in (1, 5, 15, 30)),
    *(TimeLimit.months(n) for n in (1, 3, 12)),
    *(TimeLimit.working_hours(n) for n in (1, 4, 8, 40)),
    *(TimeLimit.hours(n) for n in (1, 24)),
    TimeLimit.same_day(),
    TimeLimit.same_day(cutoff=None),
)


def sweep(
    due_days: int, timelines: int, seed: int = 20260, engine: Engine = SCALAR
) -> tuple[int, float, int, float]:
    """Compare every (day, time, limit, precision) for ``due_days`` receipt days per calendar,
    then ``timelines`` random dossiers; return the counts and durations."""
    t0 = clock.perf_counter()
    due_cases = 0
    rng = random.Random(seed)
    for pair in all_pairs():
        first = max(pair.orc.first, date(2018, 1, 1))
        for k in range(due_days):
            day = first + timedelta(days=rng.randrange(0, 365 * 12))
            for limit in SWEEP_LIMITS:
                for precision in Precision:
                    if precision is Precision.HOUR and limit.unit in (Unit.DAY, Unit.MONTH):
                        continue
                    t = SWEEP_TIMES[(k + due_cases) % len(SWEEP_TIMES)]
                    due_cases += check_due(pair, datetime.combine(day, t), limit, precision)
    t1 = clock.perf_counter()
    timeline_cases = 0
    pairs_ = all_pairs()
    for i in range(timelines):
        case = gen_case(rng.randint, pairs_[i % len(pairs_)])
        timeline_cases += check_case(case, engine)
    t2 = clock.perf_counter()
    return due_cases, t1 - t0, timeline_cases, t2 - t1


def report(
    capsys: pytest.CaptureFixture[str], label: str, result: tuple[int, float, int, float]
) -> None:
    due_cases, due_s, tl_cases, tl_s = result
    with capsys.disabled():
        print(
            f"\n[{label}] due_date: {due_cases} cases in {due_s:.1f} s; "
            f"deadline+classify: {tl_cases} cases in {tl_s:.1f} s; "
            f"total {due_cases + tl_cases} cases, 0 mismatches"
        )


def test_sweep_default(capsys: pytest.CaptureFixture[str]) -> None:
    result = sweep(due_days=40, timelines=600)
    report(capsys, "oracle sweep", result)
    assert result[0] + result[2] >= 9_000


@pytest.mark.slow
def test_sweep_slow(capsys: pytest.CaptureFixture[str]) -> None:
    result = sweep(due_days=3_200, timelines=70_000, seed=7)
    report(capsys, "oracle sweep --run-slow", result)
    assert result[0] + result[2] >= 1_000_000


@pytest.mark.slow
def test_sweep_batch_engine_slow(capsys: pytest.CaptureFixture[str]) -> None:
    result = sweep(due_days=0, timelines=5_000, seed=11, engine=BATCH)
    report(capsys, "oracle sweep of the batch engine --run-slow", result)
    assert result[2] >= 10_000


# --- regressions: bugs the oracle found (fixed; each test failed before the fix) ----------------


def _dossier(limit: TimeLimit, events: list[Any], policy: SupplementPolicy) -> Dossier:
    proc = Procedure(
        "1.000894", "Thủ tục thử", "Đất đai", GovernmentLevel.COMMUNE, limit,
        supplement_policy=policy,
    )  # fmt: skip
    return Dossier("HS-BUG", proc, events)


def test_bug_pause_calendar_days_due_before_supplement(engine: Engine) -> None:
    # 15 days from Wed 2026-04-15: the last day 30/4 is a holiday -> due Mon 2026-05-04 (§7.5).
    # Requested on the due date, supplement on Wed 2026-05-20: nothing is left.
    d = _dossier(
        TimeLimit.days(15),
        [
            Received(datetime(2026, 4, 15, 9)),
            SupplementRequested(datetime(2026, 5, 4, 9)),
            SupplementReceived(datetime(2026, 5, 20, 9)),
        ],
        SupplementPolicy.PAUSE,
    )
    assert engine.deadline(d).original_due == date(2026, 5, 4)
    assert engine.deadline(d).due == date(2026, 5, 20)  # library: 2026-05-18, before the supplement
    assert engine.classify(d, as_of=datetime(2026, 5, 20, 10)).outcome is Outcome.WITHIN_TIME


def test_bug_plain_hours_across_dst() -> None:
    ny = ZoneInfo("America/New_York")  # DST starts Sun 2026-03-08 02:00
    received = datetime(2026, 3, 7, 12, 0, tzinfo=ny)  # = 2026-03-08 00:00 in Vietnam
    got = due_date(received, TimeLimit.hours(24), precision=Precision.HOUR)
    assert got - received.astimezone(timezone.utc) == timedelta(hours=24)  # library: 23 h
    assert due_date(received, TimeLimit.hours(24)) == date(2026, 3, 9)  # library: 2026-03-08


def test_bug_same_day_hour_precision_late_request_restarts(engine: Engine) -> None:
    proc = Procedure(
        "2.000815", "Chứng thực", "Chứng thực", GovernmentLevel.COMMUNE, TimeLimit.same_day(),
        precision=Precision.HOUR,
    )  # fmt: skip
    events: list[Any] = [
        Received(datetime(2026, 3, 2, 9)),  # Mon: due Mon 2026-03-02 17:00
        SupplementRequested(datetime(2026, 3, 2, 18)),  # after the due instant
        SupplementReceived(datetime(2026, 3, 3, 9)),
        Resolved(datetime(2026, 3, 3, 10)),
    ]
    d = Dossier("HS-BUG", proc, events)
    assert engine.classify(d, as_of=datetime(2026, 3, 2, 17, 30)).outcome is Outcome.OVERDUE
    overdue = engine.classify(d, as_of=datetime(2026, 3, 2, 18, 30)).outcome  # library: WITHIN
    assert overdue is Outcome.OVERDUE
    assert engine.deadline(d).due_at == datetime(2026, 3, 2, 17)  # library: 2026-03-03 17:00
    assert engine.classify(d, as_of=date(2026, 3, 31)).outcome is Outcome.LATE  # lib: ON_TIME


def test_exclusion_of_calendar_days_in_the_roll_forward_tail() -> None:
    # Like the PAUSE case: 15 days from 2026-04-15 end on holiday 30/4, due Mon 2026-05-04; an
    # excluded period from the due date to Wed 2026-05-20 leaves nothing, so due that day.
    d = _dossier(
        TimeLimit.days(15),
        [
            Received(datetime(2026, 4, 15, 9)),
            ExclusionStarted(datetime(2026, 5, 4, 9), reason="thẩm định"),
            ExclusionEnded(datetime(2026, 5, 20, 9)),
        ],
        SupplementPolicy.RESTART,
    )
    assert deadline(d).original_due == date(2026, 5, 4)
    assert deadline(d).due == date(2026, 5, 20)

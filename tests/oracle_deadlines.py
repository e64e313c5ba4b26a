"""A naive oracle of due dates and classification, written straight from DOMAIN.md §3–§5 and §7.

It imports nothing from ``tthc`` and shares no code with ``src/``. The calendar is INPUT: an
:class:`oracle.OracleCalendar` (the other naive oracle, plain data: a range, the days off, the
worked rest days, the weekly rest days and the office sessions); this module only asks it whether
a day is a working day and, for working hours, walks its sessions. Time limits and timelines are
plain data too (:class:`Limit`, :class:`Ev`); the differential tests translate tthc's objects
into them. Every moment here is Vietnamese wall time (naive, UTC+7; aware values are converted by
the caller with :func:`oracle.to_vietnam_wall`).

The rules, in DOMAIN.md's words:

* §3, Bộ luật Dân sự Điều 147: the day of receipt is not counted. ``n`` working days: count the
  working days after the day of receipt, one at a time; the ``n``-th is the due date.
* §3, Điều 148: ``n`` calendar days: ``d + n`` days; ``n`` months: the same day-number ``n`` months
  later, the month's last day if it has no such day; a last day that is not a working day rolls
  forward to the next working day.
* §3: same day: the day of receipt (rolled forward to a working day); received *after* the cut-off
  (15:00 for chứng thực) the next working day.
* §3: working hours are counted only inside the sessions of working days; a result exactly at a
  session's end stays there. Plain hours (``giờ``, Luật Hộ tịch 03/2026 Điều 3 k3) are elapsed
  time, round the clock.
* §3, Precision.HOUR: ``n`` working days are ``n`` × the length of one day's sessions of working
  time from the receipt instant; a same-day limit is due at the end of the day's last session.
  Calendar days and months have no hour precision.
* §4, Điều 19 k5 (RESTART, default): after a supplement is received, the whole limit restarts
  from that moment. PAUSE: used = working days in (resumption, request]; due =
  ``add_working_days(supplement, limit - used)``, 0 left meaning the supplement's day or the next
  working day. Our extension of PAUSE to the other units (tthc's documented convention): working
  time and plain hours resume with the unused time; calendar days and months: the end of the
  period (before roll-forward) moves by the calendar days paused, and never before the
  supplement's day (nothing left: due the day the supplement arrives, rolled forward). A same-day
  limit restarts.
* §4: a request made after the due date pauses nothing: the due date stays.
* §4, Điều 19 k6: an apology's new date never replaces the due date.
* §5: finished (Resolved or Refused): EARLY if the result's date is before the due date, ON_TIME on
  it, LATE after; when the due is an instant (Precision.HOUR, or a limit in hours) a result after
  the instant is LATE. Open at ``as_of``: WITHIN_TIME if ``as_of`` <= due (date, or instant), else
  OVERDUE; while a supplement is outstanding the clock is stopped: WITHIN_TIME. Withdrawn, Stopped,
  Closed: not classified. No time limit: never late. Only the events at or before ``as_of`` count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from oracle import OracleCalendar, OracleRangeError

__all__ = [
    "FINAL_KINDS",
    "Ev",
    "Limit",
    "OracleClassification",
    "OracleDeadline",
    "OracleDue",
    "classify",
    "deadline",
    "due",
]

ONE_DAY = timedelta(days=1)
UNITS = ("working_day", "day", "month", "working_hour", "hour", "same_day", "none")
FINAL_KINDS = ("resolved", "refused", "stopped", "withdrawn", "closed")


@dataclass(frozen=True)
class Limit:
    """A time limit as plain data: ``unit`` is one of :data:`UNITS`."""

    unit: str
    amount: int = 0
    cutoff: time | None = None


@dataclass(frozen=True)
class Ev:
    """A timeline event as plain data: ``kind`` is ``received``, ``requested`` (supplement
    requested), ``supplied`` (supplement received), ``apologized`` (with ``new_due``), a final
    kind of :data:`FINAL_KINDS`, or anything else (ignored: returned, step completed, …)."""

    kind: str
    at: datetime
    new_due: date | None = None


@dataclass(frozen=True)
class OracleDue:
    """The due date, and the due instant when the due is an instant."""

    date: date
    at: datetime | None


@dataclass(frozen=True)
class OracleDeadline:
    due: OracleDue | None
    original: OracleDue | None
    extended_due: date | None
    clock_stopped: bool
    paused_past_end: bool = False
    """A PAUSE of a calendar-day or month limit left nothing: the moved end of the period fell
    before the supplement's day, so the due is the supplement's day (rolled forward)."""


@dataclass(frozen=True)
class OracleClassification:
    outcome: str  # EARLY ON_TIME LATE WITHIN_TIME OVERDUE NOT_CLASSIFIED
    working_days_late: int
    due_soon: bool
    new_due_kept: bool | None


# -- counting, one day at a time ------------------------------------------------------------------


def nth_working_day_after(cal: OracleCalendar, d: date, n: int) -> date:
    """The ``n``-th working day strictly after ``d``; ``n == 0``: ``d`` if it is a working day,
    else the next one."""
    if n == 0:
        return roll_forward(cal, d)
    counted = 0
    day = d
    while counted < n:
        day += ONE_DAY
        if cal.is_working_day(day):
            counted += 1
    return day


def roll_forward(cal: OracleCalendar, d: date) -> date:
    """``d`` if it is a working day, else the next working day (Điều 148)."""
    day = d
    while not cal.is_working_day(day):
        day += ONE_DAY
    return day


def count_working_days(cal: OracleCalendar, a: date, b: date) -> int:
    """The working days in ``(a, b]``, counted one by one (0 when ``b <= a``)."""
    count = 0
    day = a
    while day < b:
        day += ONE_DAY
        if cal.is_working_day(day):
            count += 1
    return count


def plus_months(d: date, n: int) -> date:
    """The same day-number ``n`` months later, or that month's last day (Điều 148)."""
    year, month = d.year, d.month
    for _ in range(n):
        month += 1
        if month == 13:
            year, month = year + 1, 1
    day = d.day
    while True:
        try:
            return date(year, month, day)
        except ValueError:
            day -= 1


def one_day_of_sessions(cal: OracleCalendar) -> timedelta:
    total = timedelta(0)
    for start, end in cal.sessions:
        total += datetime.combine(date.min, end) - datetime.combine(date.min, start)
    return total


def add_working_time(cal: OracleCalendar, start: datetime, span: timedelta) -> datetime:
    """``span`` of working time after ``start``, walking day by day, session by session.

    A result exactly at a session's end stays there; a zero span is ``start`` itself."""
    if span == timedelta(0):
        return start
    remaining = span
    day = start.date()
    while True:
        if cal.is_working_day(day):
            for s, e in cal.sessions:
                begin = max(datetime.combine(day, s), start)
                end = datetime.combine(day, e)
                if end <= begin:
                    continue
                if remaining <= end - begin:
                    return begin + remaining
                remaining -= end - begin
        day += ONE_DAY


def working_time_between(cal: OracleCalendar, a: datetime, b: datetime) -> timedelta:
    """The working time in ``[a, b)`` (``a <= b``), day by day, session by session."""
    total = timedelta(0)
    day = a.date()
    while day <= b.date():
        if cal.is_working_day(day):
            for s, e in cal.sessions:
                lo = max(datetime.combine(day, s), a)
                hi = min(datetime.combine(day, e), b)
                if lo < hi:
                    total += hi - lo
        day += ONE_DAY
    return total


# -- due dates ------------------------------------------------------------------------------------


def is_instant(limit: Limit, hour_precision: bool) -> bool:
    """Whether the due is an instant: a limit in hours, or Precision.HOUR."""
    return limit.unit in ("working_hour", "hour") or hour_precision


def _end_of_last_session(cal: OracleCalendar, d: date) -> datetime:
    return datetime.combine(d, cal.sessions[-1][1])


def due(cal: OracleCalendar, received: datetime, limit: Limit, hour_precision: bool) -> OracleDue:
    """The due date (and instant) of ``limit`` for a clock starting at ``received`` (wall time)."""
    unit, n = limit.unit, limit.amount
    if unit in ("day", "month", "none") and hour_precision:
        raise ValueError(f"no hour precision for {unit}")
    day = received.date()
    if unit == "hour":  # plain hours: elapsed time, but the calendar must cover both ends
        at = received + timedelta(hours=n)
        for d in (day, at.date()):
            if not cal.in_range(d):
                raise OracleRangeError(f"{d} is outside {cal.first}..{cal.last}")
        return OracleDue(at.date(), at)
    if unit in ("working_day", "working_hour", "same_day"):
        cal.is_working_day(day)  # counted from the day of receipt: the calendar must know it
    if unit == "working_hour":
        at = add_working_time(cal, received, timedelta(hours=n))
        return OracleDue(at.date(), at)
    if unit == "working_day" and hour_precision:
        at = add_working_time(cal, received, one_day_of_sessions(cal) * n)
        return OracleDue(at.date(), at)
    if unit == "working_day":
        return OracleDue(nth_working_day_after(cal, day, n), None)
    if unit == "day":
        return OracleDue(roll_forward(cal, day + timedelta(days=n)), None)
    if unit == "month":
        return OracleDue(roll_forward(cal, plus_months(day, n)), None)
    if unit == "same_day":
        after_cutoff = limit.cutoff is not None and received.time() > limit.cutoff
        d = nth_working_day_after(cal, day, 1) if after_cutoff else roll_forward(cal, day)
        return OracleDue(d, _end_of_last_session(cal, d) if hour_precision else None)
    raise ValueError(f"no due date for unit {unit!r}")


def _after_due(current: OracleDue, moment: datetime) -> bool:
    if current.at is not None:
        return moment > current.at
    return moment.date() > current.date


def _unrolled_end(start: date, limit: Limit) -> date:
    if limit.unit == "day":
        return start + timedelta(days=limit.amount)
    return plus_months(start, limit.amount)


def deadline(
    cal: OracleCalendar,
    events: list[Ev],
    limit: Limit,
    *,
    pause: bool = False,
    hour_precision: bool = False,
) -> OracleDeadline:
    """The due date of a whole timeline (DOMAIN.md §4): restarts, pauses, late requests."""
    received = next(e.at for e in events if e.kind == "received")
    apologies = [e.new_due for e in events if e.kind == "apologized"]
    extended = apologies[0] if apologies else None
    if limit.unit == "none":
        return OracleDeadline(None, None, extended, False)
    current = due(cal, received, limit, hour_precision)
    original = current
    resumed = received  # when the clock last (re)started
    used_days = 0  # PAUSE, working days: days used before the requests so far
    used_time = timedelta(0)  # PAUSE, instants: working time (or elapsed time) used so far
    end = _unrolled_end(received.date(), limit) if limit.unit in ("day", "month") else None
    pending: datetime | None = None
    past_end = False
    for e in events:
        if e.kind == "requested":
            if not _after_due(current, e.at):  # a request after the due date pauses nothing
                pending = e.at
        elif e.kind == "supplied" and pending is not None:
            requested, pending = pending, None
            if not pause or limit.unit == "same_day":
                current = due(cal, e.at, limit, hour_precision)
                used_days, used_time = 0, timedelta(0)
                if end is not None:
                    end = _unrolled_end(e.at.date(), limit)
            elif limit.unit == "hour":
                used_time += requested - resumed
                at = e.at + max(timedelta(hours=limit.amount) - used_time, timedelta(0))
                current = OracleDue(at.date(), at)
            elif is_instant(limit, hour_precision):
                span = (
                    timedelta(hours=limit.amount)
                    if limit.unit == "working_hour"
                    else one_day_of_sessions(cal) * limit.amount
                )
                used_time += working_time_between(cal, resumed, requested)
                at = add_working_time(cal, e.at, max(span - used_time, timedelta(0)))
                current = OracleDue(at.date(), at)
            elif end is not None:  # calendar days, months
                end += e.at.date() - requested.date()
                past_end = past_end or end < e.at.date()
                current = OracleDue(roll_forward(cal, max(end, e.at.date())), None)
            else:  # working days
                used_days += count_working_days(cal, resumed.date(), requested.date())
                days_left = max(limit.amount - used_days, 0)
                current = OracleDue(nth_working_day_after(cal, e.at.date(), days_left), None)
            resumed = e.at
    return OracleDeadline(current, original, extended, pending is not None, past_end)


# -- classification -------------------------------------------------------------------------------


def classify(
    cal: OracleCalendar,
    events: list[Ev],
    limit: Limit,
    as_of: datetime,
    *,
    pause: bool = False,
    hour_precision: bool = False,
    due_soon: int = 1,
) -> OracleClassification:
    """How the dossier stands at ``as_of`` (wall time), from the events known then (§5)."""
    known = [e for e in events if e.at <= as_of]
    final = next((e for e in known if e.kind in FINAL_KINDS), None)
    dl = deadline(cal, known, limit, pause=pause, hour_precision=hour_precision)
    current = dl.due
    if final is not None and final.kind not in ("resolved", "refused"):
        return OracleClassification("NOT_CLASSIFIED", 0, False, None)
    if final is not None:
        done = final.at
        kept = None if dl.extended_due is None else done.date() <= dl.extended_due
        if current is None:
            return OracleClassification("ON_TIME", 0, False, kept)
        if _after_due(current, done):
            late = count_working_days(cal, current.date, done.date())
            return OracleClassification("LATE", late, False, kept)
        outcome = "EARLY" if done.date() < current.date else "ON_TIME"
        return OracleClassification(outcome, 0, False, kept)
    kept = False if dl.extended_due is not None and as_of.date() > dl.extended_due else None
    if current is None or dl.clock_stopped:
        return OracleClassification("WITHIN_TIME", 0, False, kept)
    if _after_due(current, as_of):
        late = count_working_days(cal, current.date, as_of.date())
        return OracleClassification("OVERDUE", late, False, kept)
    soon = count_working_days(cal, as_of.date(), current.date) <= due_soon
    return OracleClassification("WITHIN_TIME", 0, soon, kept)

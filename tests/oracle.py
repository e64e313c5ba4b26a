"""A naive oracle of the working calendar, written straight from DOMAIN.md §2–§3.

It imports nothing from ``tthc`` and shares no code with ``src/``: it walks day by day (and, for
working hours, session by session) over a calendar given as plain data, so that its answers can be
checked by reading the rules, not by trusting an index. It is slow on purpose; the differential
tests in ``test_oracle_calendar.py`` compare it with :class:`tthc.WorkingCalendar`.

The rules it implements (DOMAIN.md §2–§3, Bộ luật Dân sự 2015 Điều 147):

* A working day is a day whose weekday is not a weekly rest day, unless it is listed as a day off;
  a weekly rest day is not a working day unless it is listed as a working day.
* ``add_working_days(d, n)``, n >= 1: the n-th working day strictly after ``d``; n == 0: ``d`` if it
  is a working day, else the next one; n < 0: symmetric, backwards.
* ``working_days_between(a, b)``: the working days in ``(a, b]``; negative (the working days in
  ``(b, a]``, negated) when ``b < a``.
* Working time is counted only inside the sessions of working days; a result that lands exactly on
  a session's end stays there (going backwards, on a session's start).
* Aware datetimes are Vietnamese wall time after conversion to UTC+7 (Vietnam has no DST).

Anything that would need a day outside ``[first, last]`` raises :class:`OracleRangeError`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, timezone

__all__ = [
    "VN_OFFSET",
    "OracleCalendar",
    "OracleRangeError",
    "to_vietnam_wall",
]

VN_OFFSET = timedelta(hours=7)
"""Vietnam's offset from UTC: +07:00 all year (no daylight saving time since 1975)."""

ONE_DAY = timedelta(days=1)


class OracleRangeError(Exception):
    """The answer needs a day outside the oracle calendar's ``[first, last]``."""


def to_vietnam_wall(dt: datetime) -> datetime:
    """Vietnamese wall time of ``dt``: naive values are already wall time; aware ones are shifted
    to UTC+7 and made naive."""
    offset = dt.utcoffset()
    if offset is None:
        return dt
    return (dt - offset).replace(tzinfo=None) + VN_OFFSET


def vietnam_zone() -> timezone:
    """A fixed UTC+7 zone (the oracle does not use zoneinfo)."""
    return timezone(VN_OFFSET)


@dataclass(frozen=True)
class OracleCalendar:
    """A calendar as plain data: its range, the exceptions to the weekly pattern, and sessions.

    ``days_off`` are the days not worked although their weekday is not a rest day (holidays, nghỉ
    bù, swapped days off, closures); ``workdays`` are the rest days worked (swapped Saturdays,
    extra working days). Entries of the wrong kind (a "day off" that is a rest day anyway) change
    nothing, as in the rules. ``sessions`` are ``(start, end)`` wall times, ``start < end``.
    """

    first: date
    last: date
    days_off: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()
    sessions: tuple[tuple[time, time], ...] = ((time(7, 30), time(11, 30)), (time(13), time(17)))
    weekend: frozenset[int] = frozenset({5, 6})

    def with_day(self, d: date, working: bool) -> OracleCalendar:
        """This calendar with ``d`` made a working day (or a day off)."""
        rest = d.weekday() in self.weekend
        days_off, workdays = set(self.days_off), set(self.workdays)
        if rest and working:
            workdays.add(d)
        elif rest:
            workdays.discard(d)
        elif working:
            days_off.discard(d)
        else:
            days_off.add(d)
        return replace(self, days_off=frozenset(days_off), workdays=frozenset(workdays))

    # -- days ---------------------------------------------------------------------------------

    def in_range(self, d: date) -> bool:
        return self.first <= d <= self.last

    def _need(self, d: date) -> date:
        if not self.in_range(d):
            raise OracleRangeError(f"{d} is outside {self.first}..{self.last}")
        return d

    def is_working_day(self, d: date) -> bool:
        self._need(d)
        if d.weekday() in self.weekend:
            return d in self.workdays
        return d not in self.days_off

    def add_working_days(self, d: date, n: int) -> date:
        self._need(d)
        if n == 0:
            return self.roll_forward(d)
        step = ONE_DAY if n > 0 else -ONE_DAY
        counted = 0
        day = d
        while True:
            day = self._need(day + step)
            if self.is_working_day(day):
                counted += 1
                if counted == abs(n):
                    return day

    def working_days_between(self, a: date, b: date) -> int:
        self._need(a)
        self._need(b)
        if b < a:
            return -self.working_days_between(b, a)
        count = 0
        day = a
        while day < b:
            day += ONE_DAY
            if self.is_working_day(day):
                count += 1
        return count

    def next_working_day(self, d: date) -> date:
        return self.add_working_days(d, 1)

    def previous_working_day(self, d: date) -> date:
        return self.add_working_days(d, -1)

    def roll_forward(self, d: date) -> date:
        day = self._need(d)
        while not self.is_working_day(day):
            day = self._need(day + ONE_DAY)
        return day

    def roll_backward(self, d: date) -> date:
        day = self._need(d)
        while not self.is_working_day(day):
            day = self._need(day - ONE_DAY)
        return day

    def working_days(self, start: date, end: date) -> list[date]:
        """The working days in ``[start, end]``."""
        self._need(start)
        self._need(end)
        out = []
        day = start
        while day <= end:
            if self.is_working_day(day):
                out.append(day)
            day += ONE_DAY
        return out

    def special_days(self, start: date, end: date) -> list[date]:
        """Days in ``[start, end]`` whose status differs from their weekday's usual one."""
        self._need(start)
        self._need(end)
        out = []
        day = start
        while day <= end:
            if self.is_working_day(day) == (day.weekday() in self.weekend):
                out.append(day)
            day += ONE_DAY
        return out

    def walk(self, d: date, direction: int) -> Iterator[tuple[date, int]]:
        """Days strictly after (``direction=1``) or before (``-1``) ``d``, each with the number of
        working days counted so far, including that day; stops at the end of the range."""
        self._need(d)
        step = ONE_DAY if direction > 0 else -ONE_DAY
        counted = 0
        day = d + step
        while self.in_range(day):
            if self.is_working_day(day):
                counted += 1
            yield day, counted
            day += step

    # -- working time -------------------------------------------------------------------------

    def _intervals(self, day: date) -> list[tuple[datetime, datetime]]:
        if not self.is_working_day(day):
            return []
        return [(datetime.combine(day, s), datetime.combine(day, e)) for s, e in self.sessions]

    def _days(self, start: date, direction: int) -> Iterable[date]:
        day = self._need(start)
        while self.in_range(day):
            yield day
            day += ONE_DAY if direction > 0 else -ONE_DAY

    def is_working_instant(self, dt: datetime) -> bool:
        wall = to_vietnam_wall(dt)
        return any(s <= wall < e for s, e in self._intervals(wall.date()))

    def add_working_time(self, dt: datetime, delta: timedelta) -> datetime:
        """``delta`` of working time after ``dt`` (before, if negative), walking session by session.

        Forwards, the walk stops at the first instant where the remaining time is used up, so a
        result exactly at a session's end stays there; backwards, symmetrically, at a start.
        """
        wall = to_vietnam_wall(dt)
        if not delta:
            return self._back_to_zone(dt, wall)
        remaining = abs(delta)
        if delta > timedelta(0):
            for day in self._days(wall.date(), 1):
                for start, end in self._intervals(day):
                    if end <= wall:
                        continue
                    begin = max(start, wall)
                    if remaining <= end - begin:
                        return self._back_to_zone(dt, begin + remaining)
                    remaining -= end - begin
        else:
            for day in self._days(wall.date(), -1):
                for start, end in reversed(self._intervals(day)):
                    if start >= wall:
                        continue
                    stop = min(end, wall)
                    if remaining <= stop - start:
                        return self._back_to_zone(dt, stop - remaining)
                    remaining -= stop - start
        raise OracleRangeError(f"{dt} + {delta} working time leaves {self.first}..{self.last}")

    def working_time_between(self, a: datetime, b: datetime) -> timedelta:
        """Working time in ``[a, b)``; negated when ``b < a``."""
        wa, wb = to_vietnam_wall(a), to_vietnam_wall(b)
        if wb < wa:
            return -self.working_time_between(b, a)
        self._need(wa.date())
        self._need(wb.date())
        total = timedelta(0)
        day = wa.date()
        while day <= wb.date():
            for start, end in self._intervals(day):
                lo, hi = max(start, wa), min(end, wb)
                if lo < hi:
                    total += hi - lo
            day += ONE_DAY
        return total

    def next_working_instant(self, dt: datetime) -> datetime:
        """``dt`` if it lies in a session of a working day, else the start of the next session."""
        wall = to_vietnam_wall(dt)
        for day in self._days(wall.date(), 1):
            for start, end in self._intervals(day):
                if start <= wall < end:
                    return self._back_to_zone(dt, wall)
                if start > wall:
                    return self._back_to_zone(dt, start)
        raise OracleRangeError(f"no working instant at or after {dt} before {self.last}")

    @staticmethod
    def _back_to_zone(original: datetime, wall: datetime) -> datetime:
        """Results are naive for naive input, and aware in UTC+7 for aware input."""
        if original.utcoffset() is None:
            return wall
        return wall.replace(tzinfo=vietnam_zone())

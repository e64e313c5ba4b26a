"""Working-time arithmetic of a calendar: time counted only inside the sessions of working days.

:class:`~tthc.calendar.WorkingCalendar` inherits these methods (``add_working_time``,
``working_time_between``, ``is_working_instant``, ``next_working_instant``,
``daily_working_time``) from the slotted mixin ``_WorkingTime``, which holds no state: it reads
the calendar's precomputed working-day ordinals and session bounds.
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from tthc.errors import ArgumentTypeError, CalendarRangeError, InvalidValueError, TimezoneError
from tthc.sessions import _ONE_US, VIETNAM_TZ, _time_us

__all__: list[str] = []


class _WorkingTime:
    """The working-time methods of :class:`~tthc.calendar.WorkingCalendar` (a slotted mixin)."""

    __slots__ = ()

    if TYPE_CHECKING:  # the fields of WorkingCalendar these methods read
        first: date
        last: date
        _session_bounds: tuple[tuple[int, int], ...]
        _day_us: int
        _ords: tuple[int, ...]
        _count: int
        _lo: int
        _hi: int

        def _check_range(self, d: date, field: str) -> int: ...

    # -- working time ------------------------------------------------------------------------

    @property
    def daily_working_time(self) -> timedelta:
        """Total length of the sessions of one working day."""
        return timedelta(microseconds=self._day_us)

    def _wall(self, dt: object, field: str) -> tuple[datetime, bool]:
        if not isinstance(dt, datetime):
            raise ArgumentTypeError(f"{field}: expected a datetime, got {type(dt).__name__} {dt!r}")
        if dt != dt:  # pandas.NaT is a datetime that equals nothing
            raise InvalidValueError(f"{field}: expected a datetime, got a missing value {dt!r}")
        if dt.tzinfo is None or dt.utcoffset() is None:
            return dt, False
        try:
            return dt.astimezone(VIETNAM_TZ).replace(tzinfo=None), True
        except OverflowError:
            raise CalendarRangeError(
                f"{field}: {dt.isoformat()} is outside the range of Vietnamese wall time"
            ) from None

    def _coordinate(self, wall: datetime, field: str) -> int:
        """Working microseconds from the start of the range to ``wall``."""
        o = wall.toordinal()
        if not self._lo <= o <= self._hi:
            self._check_range(wall.date(), field)
        working = self._ords
        i = bisect_left(working, o)
        before = i * self._day_us
        if i < self._count and working[i] == o:
            t = ((wall.hour * 60 + wall.minute) * 60 + wall.second) * 1_000_000 + wall.microsecond
            for s, e in self._session_bounds:
                if t >= e:
                    before += e - s
                elif t > s:
                    before += t - s
        return before

    def _instant(self, coordinate: int, prefer_end: bool, field: str) -> datetime:
        """The wall time with this working coordinate (a session end when ``prefer_end``)."""
        day_us = self._day_us
        i, rest = divmod(coordinate, day_us)
        if prefer_end and rest == 0 and i > 0:
            i, rest = i - 1, day_us
        if not 0 <= i < self._count:
            raise CalendarRangeError(
                f"{field}: the result falls outside the calendar's range "
                f"{self.first.isoformat()}..{self.last.isoformat()}"
            )
        bounds = self._session_bounds
        k = 0
        while k < len(bounds) - 1:  # the last session takes whatever is left
            length = bounds[k][1] - bounds[k][0]
            if rest < length or (rest == length and prefer_end):
                break
            rest -= length
            k += 1
        midnight = datetime.fromordinal(self._ords[i])
        return midnight + timedelta(microseconds=bounds[k][0] + rest)

    def add_working_time(self, start: datetime, delta: timedelta) -> datetime:
        """The instant ``delta`` of working time after ``start`` (before it, if negative).

        Time is counted only inside the sessions of working days. A result that falls exactly on
        a session's end stays there (10:30 + 1 h is 11:30, not 13:00); going backwards, one that
        falls on a session's start stays there. ``delta == 0`` returns ``start`` itself (an aware
        ``start`` converted to Asia/Ho_Chi_Minh, like every aware result).

        >>> from tthc.calendar import vietnam_calendar
        >>> cal = vietnam_calendar()
        >>> cal.add_working_time(datetime(2026, 3, 6, 16, 30), timedelta(hours=4))
        datetime.datetime(2026, 3, 9, 11, 0)
        >>> cal.add_working_time(datetime(2026, 3, 2, 9, 0), timedelta(hours=40))
        datetime.datetime(2026, 3, 9, 9, 0)
        """
        wall, aware = self._wall(start, "start")
        if not isinstance(delta, timedelta):
            raise ArgumentTypeError(f"delta: expected a timedelta, got {type(delta).__name__}")
        if not delta:
            return wall.replace(tzinfo=VIETNAM_TZ) if aware else wall
        us = delta // _ONE_US
        result = self._instant(self._coordinate(wall, "start") + us, us > 0, "start + delta")
        return result.replace(tzinfo=VIETNAM_TZ) if aware else result

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Working time in ``[start, end)``; negative when ``end < start``. Both naive or both aware.

        >>> from tthc.calendar import vietnam_calendar
        >>> vietnam_calendar().working_time_between(
        ...     datetime(2026, 3, 6, 16, 30), datetime(2026, 3, 9, 8, 30))
        datetime.timedelta(seconds=5400)
        """
        wa, aware_a = self._wall(start, "start")
        wb, aware_b = self._wall(end, "end")
        if aware_a != aware_b:
            raise TimezoneError(
                f"working_time_between: start={start!r} and end={end!r} mix naive and aware datetimes; "
                "expected both naive (Vietnamese wall time) or both aware"
            )
        us = self._coordinate(wb, "end") - self._coordinate(wa, "start")
        return timedelta(microseconds=us)

    def is_working_instant(self, moment: datetime) -> bool:
        """Whether ``moment`` lies inside a session (``[start, end)``) of a working day."""
        wall, _ = self._wall(moment, "moment")
        o = self._check_range(wall.date(), "moment")
        i = bisect_left(self._ords, o)
        if i == self._count or self._ords[i] != o:
            return False
        t = _time_us(wall.time())
        return any(s <= t < e for s, e in self._session_bounds)

    def next_working_instant(self, moment: datetime) -> datetime:
        """``moment`` if it is inside a session of a working day, else the next session's start.

        >>> from tthc.calendar import vietnam_calendar
        >>> vietnam_calendar().next_working_instant(datetime(2026, 3, 6, 17, 0))
        datetime.datetime(2026, 3, 9, 7, 30)
        """
        wall, aware = self._wall(moment, "moment")
        if self.is_working_instant(wall):
            return wall.replace(tzinfo=VIETNAM_TZ) if aware else wall
        result = self._instant(self._coordinate(wall, "moment"), False, "next working instant")
        return result.replace(tzinfo=VIETNAM_TZ) if aware else result

"""Vectorised working-day arithmetic on numpy arrays: the array calendar of :mod:`tthc.batch`.

The scalar methods of :class:`~tthc.calendar.WorkingCalendar` answer one date at a time; these
functions answer millions, element by element equal to them, honouring swap days and overrides
(which ``numpy.busday_offset`` cannot: it has no working Saturdays).

They work on ``datetime64[D]`` arrays through two lookup tables built once per calendar: the sorted
working days, and for each day of the calendar's range the number of working days up to it. Every
operation is then a gather, with no search and no loop in Python. :class:`RowContext` does the same
on the engine's int64 columns (days and microseconds since 1970), naming the row in its errors.

>>> import numpy as np
>>> days = np.array(["2026-02-12", "2025-04-23", "2026-01-09"], dtype="datetime64[D]")
>>> add_working_days(days, 5)
array(['2026-02-26', '2025-04-29', '2026-01-15'], dtype='datetime64[D]')
>>> working_days_between(days, add_working_days(days, np.array([1, 2, 3])))
array([1, 2, 3])
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from tthc.calendar import WorkingCalendar, calendar_argument
from tthc.errors import ArgumentTypeError, CalendarRangeError, InvalidValueError

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["add_working_days", "as_day_array", "working_days_between"]

# Shared with the engine and the layout (not public API): days and microseconds since 1970 as
# int64, NaT as the smallest int64.
EPOCH = date(1970, 1, 1).toordinal()
NAT = np.iinfo(np.int64).min


@attrs.frozen(eq=False)
class Tables:
    """Lookup tables of one calendar, indexed by days since ``base`` (1970-01-01 or earlier)."""

    base: int  # day (since 1970-01-01) that index 0 of upto/before stands for
    lo: int  # first day of the calendar's range, since 1970-01-01
    hi: int  # last day of the range
    working: NDArray[np.datetime64]  # sorted working days
    upto: NDArray[np.int64]  # upto[x - base] = working days <= x
    before: NDArray[np.int64]  # before[x - base] = working days < x


@functools.lru_cache(maxsize=8)
def tables(calendar: WorkingCalendar) -> Tables:
    # Cached per (immutable, hashable) calendar; the arrays are made read-only. Indexing from the
    # epoch (not from the range's first day) saves a subtraction per element on the hot path.
    lo = calendar.first.toordinal() - EPOCH
    hi = calendar.last.toordinal() - EPOCH
    base = min(lo, 0)
    working = np.fromiter(calendar.working_days(calendar.first, calendar.last), "datetime64[D]")
    is_working = np.zeros(hi - base + 1, dtype=np.int64)
    is_working[working.astype(np.int64) - base] = 1
    upto = np.cumsum(is_working)
    before = upto - is_working
    for arr in (working, upto, before):
        arr.flags.writeable = False
    return Tables(base, lo, hi, working, upto, before)


def as_day_array(values: Any, field: str = "dates") -> NDArray[np.datetime64]:
    """``values`` as a ``datetime64[D]`` array, refusing anything that carries a time of day.

    Accepts a ``datetime64[D]`` array or a sequence of ``datetime.date`` (not ``datetime``).

    >>> from datetime import date
    >>> as_day_array([date(2026, 3, 2)])
    array(['2026-03-02'], dtype='datetime64[D]')
    """
    if isinstance(values, np.ndarray):
        if values.dtype == np.dtype("datetime64[D]"):
            return values
        raise ArgumentTypeError(
            f"{field}: expected a datetime64[D] array, got dtype {values.dtype}; "
            "convert with .astype('datetime64[D]') if the time of day does not matter"
        )
    if isinstance(values, Sequence) and not isinstance(values, str):
        for i, v in enumerate(values):
            if type(v) is not date:
                raise ArgumentTypeError(
                    f"{field}[{i}]: expected a datetime.date, got {type(v).__name__} {v!r}"
                )
        return np.array(values, dtype="datetime64[D]")
    raise ArgumentTypeError(f"{field}: expected a datetime64[D] array, got {type(values).__name__}")


def _offsets(days: NDArray[np.datetime64], t: Tables, field: str) -> NDArray[np.int64]:
    x = days.view(np.int64)
    if x.size and (x.min() < t.lo or x.max() > t.hi):  # NaT is the smallest int64
        nat = x == NAT
        if nat.any():
            pos = int(np.flatnonzero(nat)[0])
            raise InvalidValueError(f"{field}[{pos}]: expected a date, got NaT")
        pos = int(np.flatnonzero((x < t.lo) | (x > t.hi))[0])
        raise CalendarRangeError(
            f"{field}[{pos}]: {days.flat[pos]} is outside the calendar's range "
            f"{np.datetime64(t.lo, 'D')}..{np.datetime64(t.hi, 'D')}"
        )
    return x - t.base if t.base else x


def add_working_days(
    dates: Any, n: int | NDArray[np.integer[Any]], calendar: WorkingCalendar | None = None
) -> NDArray[np.datetime64]:
    """Element-wise :meth:`WorkingCalendar.add_working_days` on a ``datetime64[D]`` array.

    ``n`` is an int or an integer array broadcast against ``dates``. A NaT or a date outside the
    calendar's range raises an error naming its position.

    >>> import numpy as np
    >>> add_working_days(np.array(["2026-02-14", "2026-02-23"], dtype="datetime64[D]"), [0, -1])
    array(['2026-02-23', '2026-02-13'], dtype='datetime64[D]')
    """
    cal = calendar_argument(calendar)
    days = as_day_array(dates)
    nn = np.asarray(n)
    if nn.dtype.kind not in "iu":
        raise ArgumentTypeError(f"n: expected an int or an integer array, got dtype {nn.dtype}")
    t = tables(cal)
    x = _offsets(days, t, "dates")
    if nn.ndim == 0:
        k = int(nn)
        idx = np.take(t.upto, x) + (k - 1) if k > 0 else np.take(t.before, x) + k
    else:
        idx = np.where(nn > 0, np.take(t.upto, x) + nn - 1, np.take(t.before, x) + nn)
    if idx.size and (idx.min() < 0 or idx.max() >= len(t.working)):
        pos = int(np.flatnonzero((idx < 0) | (idx >= len(t.working)))[0])
        k = int(np.broadcast_to(nn, idx.shape).flat[pos])
        d = np.broadcast_to(days, idx.shape).flat[pos]
        raise CalendarRangeError(
            f"dates[{pos}]: {k:+d} working days from {d} falls outside "
            f"the calendar's range {cal.first.isoformat()}..{cal.last.isoformat()}"
        )
    return np.take(t.working, idx)


def working_days_between(
    start: Any, end: Any, calendar: WorkingCalendar | None = None
) -> NDArray[np.int64]:
    """Element-wise :meth:`WorkingCalendar.working_days_between`: working days in ``(start, end]``.

    >>> import numpy as np
    >>> a = np.array(["2026-02-12", "2026-02-26"], dtype="datetime64[D]")
    >>> working_days_between(a, a[::-1])
    array([ 5, -5])
    """
    cal = calendar_argument(calendar)
    t = tables(cal)
    xa = _offsets(as_day_array(start, "start"), t, "start")
    xb = _offsets(as_day_array(end, "end"), t, "end")
    result: NDArray[np.int64] = np.take(t.upto, xb) - np.take(t.upto, xa)
    return result


DAY_US = 86_400_000_000


@attrs.frozen(eq=False)
class Sessions:
    bounds: tuple[tuple[int, int], ...]  # (start, end) microseconds after midnight
    day_us: int  # working microseconds of a working day
    last_end: int  # end of the last session


@functools.lru_cache(maxsize=8)
def sessions(calendar: WorkingCalendar) -> Sessions:
    def us(t: Any) -> int:
        return int(((t.hour * 60 + t.minute) * 60 + t.second) * 1_000_000 + t.microsecond)

    bounds = tuple((us(s.start), us(s.end)) for s in calendar.sessions)
    return Sessions(bounds, sum(e - s for s, e in bounds), bounds[-1][1])


class RowContext:
    """Row positions and ids for error messages, the tables, and the calendar of one call."""

    def __init__(self, ids: Any, calendar: WorkingCalendar) -> None:
        self.ids = ids
        self.cal = calendar
        self.t = tables(calendar)
        self.s = sessions(calendar)
        self.working = self.t.working.view(np.int64)
        spans = calendar.provisional_spans()
        self.spans = (
            np.array([NAT] + [a.toordinal() - EPOCH for a, _ in spans], dtype=np.int64),
            np.array([NAT] + [b.toordinal() - EPOCH for _, b in spans], dtype=np.int64),
        )

    def provisional_span(
        self, used: list[NDArray[np.int64]], anchor: NDArray[np.int64] | None = None
    ) -> NDArray[np.bool_]:
        """Per row: a provisional day lies between the first and last ``used`` day (days since
        1970, NaT ignored; with ``anchor``, only rows with a ``used`` day, spanning it too)."""
        # Column by column (no n x len(used) stack): the last day first, NaT being the smallest
        # int64, then the first day and the span search only for the rows whose last day reaches
        # the first provisional span (usually few: the spans lie at the calendar's end).
        hi = used[0].copy()
        for u in used[1:]:
            np.maximum(hi, u, out=hi)
        if anchor is not None:
            hi = np.where(hi != NAT, np.maximum(hi, anchor), NAT)
        starts, ends = self.spans  # a first (NaT, NaT) span: every index below is >= 0
        out = np.zeros(hi.shape, dtype=bool)
        if len(starts) == 1:
            return out
        k = np.flatnonzero(hi >= starts[1])  # NaT rows (no used day) never reach it
        if not k.size:
            return out
        top = np.iinfo(np.int64).max
        lo = np.full(k.size, top, dtype=np.int64)
        for u in [*used, *([] if anchor is None else [anchor])]:
            v = u[k]
            np.minimum(lo, np.where(v != NAT, v, top), out=lo)
        i = np.searchsorted(starts, hi[k], side="right") - 1
        out[k] = ends[i] >= lo
        return out

    def where(self, pos: int) -> str:
        return f"row {pos} (id {self.ids[pos]!r})"

    def day_index(self, day: NDArray[np.int64], field: str, rows: NDArray[np.int64]) -> Any:
        """Indexes of ``day`` (days since 1970) into the tables, range-checked."""
        t = self.t
        if day.size and (day.min() < t.lo or day.max() > t.hi):
            bad = int(np.flatnonzero((day < t.lo) | (day > t.hi))[0])
            raise CalendarRangeError(
                f"{self.where(int(rows[bad]))}: {field} {np.datetime64(int(day[bad]), 'D')} is "
                f"outside the calendar's range {self.cal.first}..{self.cal.last}"
            )
        return day - t.base

    def add_wd(
        self,
        day: NDArray[np.int64],
        n: Any,
        field: str,
        rows: NDArray[np.int64],
        start: NDArray[np.int64] | None = None,
    ) -> NDArray[np.int64]:
        """``WorkingCalendar.add_working_days`` on days since 1970 (``n`` >= 0).

        ``start``: the days the counts started on, named by the range error (default ``day``;
        a calendar-day count's last day is rolled forward with ``n`` = 0).
        """
        x = self.day_index(day, field, rows)
        t = self.t
        idx = np.where(n > 0, t.upto[x] + n - 1, t.before[x])
        if idx.size and idx.max() >= len(self.working):
            bad = int(np.flatnonzero(idx >= len(self.working))[0])
            named = day if start is None else start
            raise CalendarRangeError(
                f"{self.where(int(rows[bad]))}: the due date counted from {field} "
                f"{np.datetime64(int(named[bad]), 'D')} falls after the calendar's last day "
                f"{self.cal.last}"
            )
        out: NDArray[np.int64] = self.working[idx]
        return out

    def wdb(
        self, a: NDArray[np.int64], b: NDArray[np.int64], fa: str, fb: str, rows: NDArray[np.int64]
    ) -> NDArray[np.int64]:
        """Working days in ``(a, b]`` on days since 1970."""
        out: NDArray[np.int64] = (
            self.t.upto[self.day_index(b, fb, rows)] - self.t.upto[self.day_index(a, fa, rows)]
        )
        return out

    def coord(self, us: NDArray[np.int64], field: str, rows: NDArray[np.int64]) -> Any:
        """Working microseconds from the range's start to each instant (``_coordinate``)."""
        day = us // DAY_US
        x = self.day_index(day, field, rows)
        tod = us - day * DAY_US
        before = self.t.before[x]
        within = np.zeros(us.shape, dtype=np.int64)
        for s, e in self.s.bounds:
            within += np.clip(tod - s, 0, e - s)
        return before * self.s.day_us + within * (self.t.upto[x] - before)

    def instant(self, coord: Any, field: str, rows: NDArray[np.int64]) -> NDArray[np.int64]:
        """The wall instants with these coordinates, a session's end preferred (``_instant``)."""
        day_us = self.s.day_us
        i, rest = np.divmod(coord, day_us)
        back = (rest == 0) & (i > 0)
        i = i - back
        rest = np.where(back, day_us, rest)
        if i.size and (i.min() < 0 or i.max() >= len(self.working)):
            bad = int(np.flatnonzero((i < 0) | (i >= len(self.working)))[0])
            raise CalendarRangeError(
                f"{self.where(int(rows[bad]))}: the due moment counted from {field} falls "
                f"outside the calendar's range {self.cal.first}..{self.cal.last}"
            )
        tod = np.zeros(coord.shape, dtype=np.int64)
        done = np.zeros(coord.shape, dtype=bool)
        for s, e in self.s.bounds:
            length = e - s
            hit = ~done & (rest <= length)
            tod = np.where(hit, s + rest, tod)
            done |= hit
            rest = np.where(done, rest, rest - length)
        out: NDArray[np.int64] = self.working[i] * DAY_US + tod
        return out

"""Vectorised working-day arithmetic on numpy arrays (extra ``batch``: numpy, pandas).

The scalar methods of :class:`~tthc.calendar.WorkingCalendar` answer one date at a time; these
functions answer millions, element by element equal to them, honouring swap days and overrides
(which ``numpy.busday_offset`` cannot: it has no working Saturdays).

They work on ``datetime64[D]`` arrays through two lookup tables built once per calendar: the sorted
working days, and for each day of the calendar's range the number of working days up to it. Every
operation is then a gather, with no search and no loop in Python.

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

from tthc.calendar import WorkingCalendar, vietnam_calendar
from tthc.errors import CalendarRangeError, DateTypeError, InvalidValueError

try:
    import numpy as np
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("tthc.batch needs numpy: pip install 'tthc[batch]'") from exc

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["add_working_days", "as_day_array", "working_days_between"]

_EPOCH = date(1970, 1, 1).toordinal()
_NAT = np.iinfo(np.int64).min


@attrs.frozen(eq=False)
class _Tables:
    """Lookup tables of one calendar, indexed by days since ``base`` (1970-01-01 or earlier)."""

    base: int  # day (since 1970-01-01) that index 0 of upto/before stands for
    lo: int  # first day of the calendar's range, since 1970-01-01
    hi: int  # last day of the range
    working: NDArray[np.datetime64]  # sorted working days
    upto: NDArray[np.int64]  # upto[x - base] = working days <= x
    before: NDArray[np.int64]  # before[x - base] = working days < x


@functools.lru_cache(maxsize=8)
def _tables(calendar: WorkingCalendar) -> _Tables:
    # Cached per (immutable, hashable) calendar; the arrays are made read-only. Indexing from the
    # epoch (not from the range's first day) saves a subtraction per element on the hot path.
    lo = calendar.first.toordinal() - _EPOCH
    hi = calendar.last.toordinal() - _EPOCH
    base = min(lo, 0)
    working = np.fromiter(calendar.working_days(calendar.first, calendar.last), "datetime64[D]")
    is_working = np.zeros(hi - base + 1, dtype=np.int64)
    is_working[working.astype(np.int64) - base] = 1
    upto = np.cumsum(is_working)
    before = upto - is_working
    for arr in (working, upto, before):
        arr.flags.writeable = False
    return _Tables(base, lo, hi, working, upto, before)


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
        raise DateTypeError(
            f"{field}: expected a datetime64[D] array, got dtype {values.dtype}; "
            "convert with .astype('datetime64[D]') if the time of day does not matter"
        )
    if isinstance(values, Sequence) and not isinstance(values, str):
        for i, v in enumerate(values):
            if type(v) is not date:
                raise DateTypeError(
                    f"{field}[{i}]: expected a datetime.date, got {type(v).__name__} {v!r}"
                )
        return np.array(values, dtype="datetime64[D]")
    raise DateTypeError(f"{field}: expected a datetime64[D] array, got {type(values).__name__}")


def _offsets(days: NDArray[np.datetime64], t: _Tables, field: str) -> NDArray[np.int64]:
    x = days.view(np.int64)
    if x.size and (x.min() < t.lo or x.max() > t.hi):  # NaT is the smallest int64
        nat = x == _NAT
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
    cal = vietnam_calendar() if calendar is None else calendar
    days = as_day_array(dates)
    nn = np.asarray(n)
    if nn.dtype.kind not in "iu":
        raise DateTypeError(f"n: expected an int or an integer array, got dtype {nn.dtype}")
    t = _tables(cal)
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
    a: Any, b: Any, calendar: WorkingCalendar | None = None
) -> NDArray[np.int64]:
    """Element-wise :meth:`WorkingCalendar.working_days_between`: working days in ``(a, b]``.

    >>> import numpy as np
    >>> a = np.array(["2026-02-12", "2026-02-26"], dtype="datetime64[D]")
    >>> working_days_between(a, a[::-1])
    array([ 5, -5])
    """
    cal = vietnam_calendar() if calendar is None else calendar
    t = _tables(cal)
    xa = _offsets(as_day_array(a, "a"), t, "a")
    xb = _offsets(as_day_array(b, "b"), t, "b")
    result: NDArray[np.int64] = np.take(t.upto, xb) - np.take(t.upto, xa)
    return result

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
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

import attrs

from tthc.calendar import WorkingCalendar, vietnam_calendar, wall_time
from tthc.errors import CalendarRangeError, DateTypeError, InvalidTimelineError, InvalidValueError

try:
    import numpy as np
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("tthc.batch needs numpy: pip install 'tthc[batch]'") from exc
try:
    import pandas as pd
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("tthc.batch needs pandas: pip install 'tthc[batch]'") from exc

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = [
    "FINDING_KINDS",
    "FRAME_COLUMNS",
    "FRAME_DATETIME_COLUMNS",
    "add_working_days",
    "as_day_array",
    "classify_frame",
    "dossiers_to_frame",
    "due_frame",
    "form06_frame",
    "frame_to_dossiers",
    "read_frame_csv",
    "working_days_between",
]

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


# =============================================================================================
# The columnar layout: one row per dossier
# =============================================================================================

FRAME_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("id", "str", "dossier id (required, unique is not checked)"),
    ("agency", "str or missing", "the agency handling the dossier"),
    ("procedure_code", "str", "code of a procedure given in ``procedures`` (required)"),
    ("channel", "str", "``online``, ``in_person`` or ``postal`` (required)"),
    ("submitted", "datetime64", "online system receipt (``Submitted``); NaT if none"),
    ("received", "datetime64", "accepted complete: the clock starts (``Received``, required)"),
    ("supplement_requested", "datetime64", "first ``SupplementRequested``; NaT if none"),
    ("supplement_received", "datetime64", "its ``SupplementReceived``; NaT if none"),
    ("supplement2_requested", "datetime64", "a second request (a breach); NaT if none"),
    ("supplement2_received", "datetime64", "its supplement; NaT if none"),
    ("apologized", "datetime64", "first ``Apologized`` (văn bản xin lỗi); NaT if none"),
    ("apology_new_due", "datetime64 (a date)", "its new date; NaT if none"),
    ("apology2", "datetime64", "a second apology (another new date: a breach); NaT if none"),
    ("apology2_new_due", "datetime64 (a date)", "its new date; NaT if none"),
    ("end", "datetime64", "the final event's moment; NaT while open"),
    (
        "end_kind",
        "str or missing",
        "``resolved``, ``refused``, ``stopped``, ``withdrawn`` or ``closed``; missing while open",
    ),
    ("signed", "bool or missing", "``Resolved.digitally_signed`` (missing: unknown)"),
    ("returned", "datetime64", "result handed over (``Returned``); NaT if not yet"),
)
"""The columns of the one-row-per-dossier layout: (name, dtype, meaning).

Moments are naive Vietnamese wall time (Asia/Ho_Chi_Minh), any ``datetime64`` resolution; an
aware column is converted to Vietnamese wall time. Only ``id``, ``procedure_code``, ``channel``
and ``received`` are required: a missing optional column reads as all NaT / missing.
"""

FRAME_DATETIME_COLUMNS: tuple[str, ...] = tuple(
    name for name, dtype, _ in FRAME_COLUMNS if dtype.startswith("datetime64")
)
"""The columns holding moments, e.g. for ``pandas.read_csv(..., parse_dates=...)``."""

_EVENT_COLS = FRAME_DATETIME_COLUMNS[:-1]  # every moment column but ``returned`` is read as is
_END_KINDS = ("resolved", "refused", "stopped", "withdrawn", "closed")
_CHANNELS = ("online", "in_person", "postal")
_DAY_US = 86_400_000_000
# unit codes of the per-row limit table
_WD, _DAYS, _MONTHS, _WH, _HOURS, _SAME, _NONE = range(7)


def _unit_code(unit: Any) -> int:
    from tthc.timelimits import Unit

    return {
        Unit.WORKING_DAY: _WD,
        Unit.DAY: _DAYS,
        Unit.MONTH: _MONTHS,
        Unit.WORKING_HOUR: _WH,
        Unit.HOUR: _HOURS,
        Unit.SAME_DAY: _SAME,
        Unit.NONE: _NONE,
    }[unit]


@attrs.frozen(eq=False)
class _Sessions:
    bounds: tuple[tuple[int, int], ...]  # (start, end) microseconds after midnight
    day_us: int  # working microseconds of a working day
    last_end: int  # end of the last session


@functools.lru_cache(maxsize=8)
def _sessions(calendar: WorkingCalendar) -> _Sessions:
    def us(t: Any) -> int:
        return int(((t.hour * 60 + t.minute) * 60 + t.second) * 1_000_000 + t.microsecond)

    bounds = tuple((us(s.start), us(s.end)) for s in calendar.sessions)
    return _Sessions(bounds, sum(e - s for s, e in bounds), bounds[-1][1])


class _Ctx:
    """Row positions and ids for error messages, the tables, and the calendar of one call."""

    def __init__(self, ids: Any, calendar: WorkingCalendar) -> None:
        self.ids = ids
        self.cal = calendar
        self.t = _tables(calendar)
        self.s = _sessions(calendar)
        self.working = self.t.working.view(np.int64)
        spans = calendar.provisional_spans()
        self.spans = (
            np.array([_NAT] + [a.toordinal() - _EPOCH for a, _ in spans], dtype=np.int64),
            np.array([_NAT] + [b.toordinal() - _EPOCH for _, b in spans], dtype=np.int64),
        )

    def provisional_span(
        self, used: list[NDArray[np.int64]], anchor: NDArray[np.int64] | None = None
    ) -> NDArray[np.bool_]:
        """Per row: a provisional day lies between the first and last ``used`` day (days since
        1970, NaT ignored; with ``anchor``, only rows with a ``used`` day, spanning it too)."""
        stack = np.stack(used)
        valid = stack != _NAT
        if anchor is not None:
            stack = np.vstack([stack, anchor[None, :]])
            valid = np.vstack([valid, valid.any(axis=0)[None, :] & (anchor != _NAT)])
        lo = np.where(valid, stack, np.iinfo(np.int64).max).min(axis=0)
        hi = np.where(valid, stack, _NAT).max(axis=0)
        starts, ends = self.spans  # a first (NaT, NaT) span: every index below is >= 0
        i = np.searchsorted(starts, hi, side="right") - 1
        out: NDArray[np.bool_] = (ends[i] >= lo) & valid.any(axis=0)
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
        self, day: NDArray[np.int64], n: Any, field: str, rows: NDArray[np.int64]
    ) -> NDArray[np.int64]:
        """``WorkingCalendar.add_working_days`` on days since 1970 (``n`` >= 0)."""
        x = self.day_index(day, field, rows)
        t = self.t
        idx = np.where(n > 0, t.upto[x] + n - 1, t.before[x])
        if idx.size and idx.max() >= len(self.working):
            bad = int(np.flatnonzero(idx >= len(self.working))[0])
            raise CalendarRangeError(
                f"{self.where(int(rows[bad]))}: the due date counted from {field} "
                f"{np.datetime64(int(day[bad]), 'D')} falls after the calendar's last day "
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
        day = us // _DAY_US
        x = self.day_index(day, field, rows)
        tod = us - day * _DAY_US
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
        out: NDArray[np.int64] = self.working[i] * _DAY_US + tod
        return out


def _add_months(day: NDArray[np.int64], n: NDArray[np.int64]) -> NDArray[np.int64]:
    d = day.astype("datetime64[D]")
    month = d.astype("datetime64[M]")
    dom = (d - month.astype("datetime64[D]")).astype(np.int64)
    target = month + n.astype("timedelta64[M]")
    length = ((target + 1).astype("datetime64[D]") - target.astype("datetime64[D]")).astype(
        np.int64
    )
    out: NDArray[np.int64] = target.astype("datetime64[D]").astype(np.int64) + np.minimum(
        dom, length - 1
    )
    return out


@attrs.define
class _Limits:
    """The time limit of each row, gathered from the (procedure, channel) table."""

    unit: NDArray[np.int64]
    amount: NDArray[np.int64]
    cutoff: NDArray[np.int64]  # microseconds after midnight; -1: no cut-off
    pause: NDArray[np.bool_]
    hour: NDArray[np.bool_]  # Precision.HOUR
    district: NDArray[np.bool_]  # GovernmentLevel.DISTRICT

    def take(self, rows: NDArray[np.int64]) -> _Limits:
        return _Limits(*(getattr(self, f.name)[rows] for f in attrs.fields(_Limits)))

    @property
    def instant(self) -> NDArray[np.bool_]:
        out: NDArray[np.bool_] = (
            (self.unit == _WH) | (self.unit == _HOURS) | (self.hour & (self.unit == _WD))
        )
        return out


def _span(lim: _Limits, s: _Sessions) -> NDArray[np.int64]:
    out: NDArray[np.int64] = np.where(
        lim.unit == _WD, lim.amount * s.day_us, lim.amount * 3_600_000_000
    )
    return out


def _compute(
    ctx: _Ctx, start: NDArray[np.int64], lim: _Limits, field: str, rows: NDArray[np.int64]
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
    """(due day, due instant or NaT, raw end) of clocks starting at ``start`` (``_compute``)."""
    n = start.shape[0]
    due = np.full(n, _NAT, dtype=np.int64)
    at = np.full(n, _NAT, dtype=np.int64)
    day = start // _DAY_US
    raw = day.copy()
    inst = lim.instant
    if inst.any():
        k = np.flatnonzero(inst)
        st, span = start[k], _span(lim.take(k), ctx.s)
        plain = lim.unit[k] == _HOURS
        a = np.empty(k.size, dtype=np.int64)
        if plain.any():
            a[plain] = st[plain] + span[plain]
        if (~plain).any():
            w = ~plain
            a[w] = ctx.instant(ctx.coord(st[w], field, rows[k][w]) + span[w], field, rows[k][w])
        at[k] = a
        due[k] = a // _DAY_US
    for unit in (_WD, _DAYS, _MONTHS, _SAME):
        m = (lim.unit == unit) & ~inst
        if not m.any():
            continue
        k = np.flatnonzero(m)
        d, amount = day[k], lim.amount[k]
        if unit == _WD:
            due[k] = ctx.add_wd(d, amount, field, rows[k])
        elif unit == _DAYS:
            raw[k] = d + amount
            due[k] = ctx.add_wd(raw[k], 0, field, rows[k])
        elif unit == _MONTHS:
            raw[k] = _add_months(d, amount)
            due[k] = ctx.add_wd(raw[k], 0, field, rows[k])
        else:
            cut = lim.cutoff[k]
            after = (cut >= 0) & (start[k] - d * _DAY_US > cut)
            due[k] = ctx.add_wd(d, after.astype(np.int64), field, rows[k])
        hour = lim.hour[k]
        if hour.any():
            at[k[hour]] = due[k[hour]] * _DAY_US + ctx.s.last_end
    return due, at, raw


@attrs.define
class _Deadlines:
    due: NDArray[np.int64]  # days since 1970, NaT when the procedure sets no limit
    at: NDArray[np.int64]  # instant (µs) or NaT
    original_due: NDArray[np.int64]
    extended: NDArray[np.int64]  # first apology's new date, or NaT
    stopped: NDArray[np.bool_]  # clock stopped: a supplement request outstanding
    provisional: NDArray[np.bool_]


def _deadlines(ctx: _Ctx, ev: dict[str, NDArray[np.int64]], lim: _Limits) -> _Deadlines:
    """:func:`tthc.deadlines.deadline` for every row (rows with a NaT ``received`` excluded)."""
    n = ev["received"].shape[0]
    has = ev["received"] != _NAT
    limited = has & (lim.unit != _NONE)
    due = np.full(n, _NAT, dtype=np.int64)
    at = np.full(n, _NAT, dtype=np.int64)
    raw = np.full(n, _NAT, dtype=np.int64)
    stopped = np.zeros(n, dtype=bool)
    if limited.any():
        k = np.flatnonzero(limited)
        due[k], at[k], raw[k] = _compute(ctx, ev["received"][k], lim.take(k), "received", k)
    original = due.copy()
    seg = ev["received"].copy()
    used_days = np.zeros(n, dtype=np.int64)
    used_time = np.zeros(n, dtype=np.int64)
    for rq_col, rc_col in (
        ("supplement_requested", "supplement_received"),
        ("supplement2_requested", "supplement2_received"),
    ):
        rq, rc = ev[rq_col], ev[rc_col]
        asked = limited & (rq != _NAT)
        in_time = np.where(at != _NAT, rq <= at, rq // _DAY_US <= due)
        pending = asked & in_time
        done = pending & (rc != _NAT)
        stopped = (stopped & ~asked) | (pending & ~done)
        if not done.any():
            continue
        k = np.flatnonzero(done)
        lk = lim.take(k)
        r, s = rq[k], rc[k]
        restart = ~lk.pause | (lk.unit == _SAME)
        if restart.any():
            j = k[restart]
            lr = lk.take(np.flatnonzero(restart))
            due[j], at[j], raw[j] = _compute(ctx, s[restart], lr, rc_col, j)
            used_days[j] = 0
            used_time[j] = 0
        p = ~restart
        if p.any():
            j, lp, rp, sp = k[p], lk.take(np.flatnonzero(p)), r[p], s[p]
            ip = lp.instant
            if ip.any():
                ji, li = j[ip], lp.take(np.flatnonzero(ip))
                span = _span(li, ctx.s)
                plain = li.unit == _HOURS
                spent = np.where(
                    plain,
                    rp[ip] - seg[ji],
                    ctx.coord(rp[ip], rq_col, ji) - ctx.coord(seg[ji], rq_col, ji),
                )
                used_time[ji] += spent
                left = np.maximum(span - used_time[ji], 0)
                moved = np.where(
                    plain | (left == 0),
                    sp[ip] + np.where(plain, left, 0),
                    ctx.instant(ctx.coord(sp[ip], rc_col, ji) + left, rc_col, ji),
                )
                at[ji] = moved
                due[ji] = moved // _DAY_US
            cd = ~ip & ((lp.unit == _DAYS) | (lp.unit == _MONTHS))
            if cd.any():
                jc = j[cd]
                raw[jc] = np.maximum(
                    raw[jc] + sp[cd] // _DAY_US - rp[cd] // _DAY_US, sp[cd] // _DAY_US
                )
                due[jc] = ctx.add_wd(raw[jc], 0, rc_col, jc)
            wd = ~ip & ~cd
            if wd.any():
                jw = j[wd]
                used_days[jw] += ctx.wdb(seg[jw] // _DAY_US, rp[wd] // _DAY_US, "", rq_col, jw)
                due[jw] = ctx.add_wd(
                    sp[wd] // _DAY_US, np.maximum(lim.amount[jw] - used_days[jw], 0), rc_col, jw
                )
                hour = lim.hour[jw]
                at[jw[hour]] = due[jw[hour]] * _DAY_US + ctx.s.last_end
        seg[k] = s
    extended = ev["apology_new_due"]
    extended = np.where(ev["apologized"] != _NAT, extended // _DAY_US, _NAT)
    used = [np.where(has, ev["received"] // _DAY_US, _NAT), extended, due, original]
    for col in _EVENT_COLS:
        if col.startswith("supplement"):
            used.append(np.where(limited & (ev[col] != _NAT), ev[col] // _DAY_US, _NAT))
    late = ctx.provisional_span(used)
    return _Deadlines(due, at, original, extended, stopped & has, late & has)


# -- reading a frame -------------------------------------------------------------------------


@attrs.define
class _Frame:
    """A validated frame as arrays: moments in µs since 1970 (wall time), NaT = int64 min."""

    ctx: _Ctx
    ev: dict[str, NDArray[np.int64]]
    lim: _Limits
    end_kind: NDArray[np.int64]  # index into _END_KINDS, -1 while open
    signed: NDArray[np.int64]  # 1 True, 0 False, -1 unknown
    returned: NDArray[np.int64]
    channel: NDArray[np.int64]  # index into _CHANNELS
    procedure: NDArray[np.int64]  # index into ``codes``
    codes: list[str]


def _procedure_map(procedures: Any) -> dict[str, Any]:
    from tthc.models import Procedure

    items = list(procedures.values()) if isinstance(procedures, Mapping) else list(procedures)
    out: dict[str, Any] = {}
    for i, p in enumerate(items):
        if not isinstance(p, Procedure):
            raise DateTypeError(
                f"procedures[{i}]: expected a Procedure, got {type(p).__name__} {p!r}"
            )
        out[p.code] = p
    return out


def _moments(df: pd.DataFrame, col: str, ctx: _Ctx) -> NDArray[np.int64]:
    n = len(df)
    if col not in df.columns:
        return np.full(n, _NAT, dtype=np.int64)
    s = df[col]
    if isinstance(s.dtype, pd.DatetimeTZDtype):
        s = s.dt.tz_convert("Asia/Ho_Chi_Minh").dt.tz_localize(None)
    if s.dtype.kind != "M":
        if s.isna().all():
            return np.full(n, _NAT, dtype=np.int64)
        bad = int(np.flatnonzero(s.notna().to_numpy())[0])
        raise DateTypeError(
            f"{ctx.where(bad)}: {col} expected a datetime64 column, got dtype {s.dtype} "
            f"(value {s.iloc[bad]!r}); read CSV files with parse_dates=FRAME_DATETIME_COLUMNS"
        )
    out: NDArray[np.int64] = s.to_numpy(dtype="datetime64[us]").view(np.int64)
    return out


def _factorize(df: pd.DataFrame, col: str, allowed: Sequence[str] | None, ctx: _Ctx) -> Any:
    """(codes, uniques) of a text column; -1 for missing values."""
    if col not in df.columns:
        return np.full(len(df), -1, dtype=np.int64), []
    codes, uniques = pd.factorize(df[col], use_na_sentinel=True)
    values = [str(u) for u in uniques]
    if allowed is not None:
        for i, v in enumerate(values):
            if v not in allowed:
                pos = int(np.flatnonzero(codes == i)[0])
                raise InvalidValueError(
                    f"{ctx.where(pos)}: {col} expected one of {', '.join(allowed)}, got {v!r}"
                )
        remap = np.array([allowed.index(v) for v in values] + [-1], dtype=np.int64)
        return remap[codes], list(allowed)
    return codes.astype(np.int64), values


def _read(df: Any, procedures: Any, calendar: WorkingCalendar | None) -> _Frame:
    from tthc.timelimits import Precision

    if not isinstance(df, pd.DataFrame):
        raise DateTypeError(f"df: expected a pandas DataFrame, got {type(df).__name__}")
    for col in ("id", "procedure_code", "channel", "received"):
        if col not in df.columns:
            raise InvalidValueError(
                f"df: missing required column {col!r} (columns: {', '.join(map(str, df.columns))})"
            )
    cal = vietnam_calendar() if calendar is None else calendar
    ctx = _Ctx(df["id"].to_numpy(), cal)
    n = len(df)
    procs = _procedure_map(procedures)
    pcode, pvalues = _factorize(df, "procedure_code", None, ctx)
    channel, _ = _factorize(df, "channel", _CHANNELS, ctx)
    for field, codes in (("procedure_code", pcode), ("channel", channel)):
        if (codes < 0).any():
            pos = int(np.flatnonzero(codes < 0)[0])
            raise InvalidValueError(f"{ctx.where(pos)}: {field} is missing")
    for i, code in enumerate(pvalues):
        if code not in procs:
            pos = int(np.flatnonzero(pcode == i)[0])
            raise InvalidValueError(
                f"{ctx.where(pos)}: procedure_code {code!r} is not among the {len(procs)} "
                "procedures given"
            )
    from tthc.models import Channel, GovernmentLevel, SupplementPolicy

    m = len(pvalues) * 3
    table = {k: np.zeros(m, dtype=np.int64) for k in ("unit", "amount", "cutoff")}
    flags = {k: np.zeros(m, dtype=bool) for k in ("pause", "hour", "district")}
    channels = [Channel(c) for c in _CHANNELS]
    for i, code in enumerate(pvalues):
        p = procs[code]
        for j, ch in enumerate(channels):
            limit = p.time_limit_for(ch)
            k = i * 3 + j
            table["unit"][k] = _unit_code(limit.unit)
            table["amount"][k] = limit.amount
            c = limit.cutoff
            table["cutoff"][k] = -1 if c is None else (c.hour * 60 + c.minute) * 60_000_000
            flags["pause"][k] = p.supplement_policy is SupplementPolicy.PAUSE
            flags["hour"][k] = p.precision is Precision.HOUR
            flags["district"][k] = p.level is GovernmentLevel.DISTRICT
    # Precision.HOUR with a limit in calendar days or months cannot occur: Procedure refuses it.
    key = pcode * 3 + channel
    lim = _Limits(
        table["unit"][key],
        table["amount"][key],
        table["cutoff"][key],
        flags["pause"][key],
        flags["hour"][key],
        flags["district"][key],
    )
    ev = {col: _moments(df, col, ctx) for col in _EVENT_COLS}
    end_kind, _ = _factorize(df, "end_kind", _END_KINDS, ctx)
    if "signed" in df.columns:
        sg: Any = df["signed"].astype("boolean")
        signed = np.where(
            sg.isna().to_numpy(), -1, sg.fillna(False).to_numpy(dtype=bool).astype(np.int64)
        )
    else:
        signed = np.full(n, -1, dtype=np.int64)
    frame = _Frame(
        ctx,
        ev,
        lim,
        end_kind,
        signed.astype(np.int64),
        _moments(df, "returned", ctx),
        channel,
        pcode,
        pvalues,
    )
    _validate(frame, channel)
    return frame


def _validate(f: _Frame, channel: NDArray[np.int64]) -> None:
    """The timeline rules of :class:`~tthc.models.Dossier`, checked on every row at once."""
    ev, ctx = f.ev, f.ctx
    present = {c: v != _NAT for c, v in ev.items()}
    rec = ev["received"]

    def fail(
        bad: NDArray[np.bool_], message: str, kind: type[Exception] = InvalidValueError
    ) -> None:
        if bad.any():
            pos = int(np.flatnonzero(bad)[0])
            raise kind(f"{ctx.where(pos)}: {message}")

    fail(~present["received"], "received is missing (NaT): every dossier is received")
    day = rec // _DAY_US
    first_day = date(2018, 6, 21).toordinal() - _EPOCH
    fail(
        day < first_day,
        "received is before NĐ 61/2018/NĐ-CP took effect (2018-06-21); expected a receipt on "
        "or after 2018-06-21",
    )
    tl = InvalidTimelineError
    fail(
        present["submitted"] & (channel != 0),
        "submitted is set but channel is not 'online' (an online submission is received online)",
        tl,
    )
    fail(present["submitted"] & (ev["submitted"] > rec), "submitted is after received", tl)
    chain = (
        ("supplement_requested", "received"),
        ("supplement_received", "supplement_requested"),
        ("supplement2_requested", "supplement_received"),
        ("supplement2_received", "supplement2_requested"),
        ("apologized", "received"),
        ("apology2", "apologized"),
    )
    for col, prev in chain:
        p = present[col]
        fail(p & ~present[prev], f"{col} is set but {prev} is not", tl)
        fail(p & present[prev] & (ev[col] < ev[prev]), f"{col} is before {prev}", tl)
    for ap, nd in (("apologized", "apology_new_due"), ("apology2", "apology2_new_due")):
        fail(present[ap] != present[nd], f"{ap} and {nd} go together (one is missing)", tl)
        fail(present[nd] & (ev[nd] % _DAY_US != 0), f"{nd} expected a date (00:00), got a time")
        fail(
            present[ap] & (ev[nd] // _DAY_US <= ev[ap] // _DAY_US),
            f"{nd} is not after the day of {ap}",
            tl,
        )
    end, kind = ev["end"], f.end_kind
    fail(present["end"] != (kind >= 0), "end and end_kind go together (one is missing)", tl)
    for col in (c for c in _EVENT_COLS if c not in ("end", "apology_new_due", "apology2_new_due")):
        fail(present["end"] & present[col] & (ev[col] > end), f"{col} is after end", tl)
    outstanding = (present["supplement_requested"] & ~present["supplement_received"]) | (
        present["supplement2_requested"] & ~present["supplement2_received"]
    )
    fail((kind == 0) & outstanding, "end_kind 'resolved' while a supplement is outstanding", tl)
    fail((kind == 4) & ~outstanding, "end_kind 'closed' without an outstanding supplement", tl)
    ret = f.returned != _NAT
    fail(ret & ~((kind == 0) | (kind == 1)), "returned without a resolved or refused end", tl)
    fail(ret & (f.returned < end), "returned is before end", tl)


def _moment_of(as_of: object) -> int:
    if isinstance(as_of, datetime):
        if as_of.tzinfo is not None:
            from zoneinfo import ZoneInfo

            as_of = as_of.astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).replace(tzinfo=None)
        assert isinstance(as_of, datetime)
        return int((as_of - datetime(1970, 1, 1)) // timedelta(microseconds=1))
    if isinstance(as_of, date):
        return (as_of.toordinal() - _EPOCH + 1) * _DAY_US - 1  # the end of that day
    raise DateTypeError(
        f"as_of: expected a date or a datetime, got {type(as_of).__name__} {as_of!r}"
    )


# -- classification --------------------------------------------------------------------------

_OUTCOMES = ("early", "on_time", "late", "within_time", "overdue", "not_classified")
_EARLY, _ON_TIME, _LATE, _WITHIN, _OVERDUE, _NOT_CLASSIFIED = range(6)
FINDING_KINDS: tuple[str, ...] = (
    "supplement_request_late",
    "supplement_requested_again",
    "late_without_apology",
    "apology_too_late",
    "new_date_set_again",
    "online_acceptance_late",
    "result_not_digitally_signed",
    "district_level_after_reform",
    "refusal_after_due",
    "closed_too_early",
)
"""The ``FindingKind`` values counted by :func:`classify_frame` (columns ``finding_<kind>``)."""

_REFORM = date(2025, 7, 1).toordinal() - _EPOCH


def _findings(f: _Frame, dl: _Deadlines) -> dict[str, NDArray[np.int8]]:
    """:func:`tthc.findings` counted per kind, on the whole timeline of every row."""
    ev, ctx, kind = f.ev, f.ctx, f.end_kind
    n = kind.shape[0]
    rows = np.arange(n, dtype=np.int64)
    rec = ev["received"]
    rday = rec // _DAY_US
    out: dict[str, NDArray[np.int8]] = {}
    late_req = np.zeros(n, dtype=np.int8)
    for col in ("supplement_requested", "supplement2_requested"):
        p = ev[col] != _NAT
        if p.any():
            k = np.flatnonzero(p)
            late_req[k] += ctx.wdb(rday[k], ev[col][k] // _DAY_US, "received", col, rows[k]) > 3
    out["supplement_request_late"] = late_req
    out["supplement_requested_again"] = (ev["supplement2_requested"] != _NAT).astype(np.int8)
    has_due = dl.due != _NAT
    end = ev["end"]
    late = has_due & (end != _NAT) & np.where(dl.at != _NAT, end > dl.at, end // _DAY_US > dl.due)
    apology = ev["apologized"] != _NAT
    out["late_without_apology"] = (late & (kind == 0) & ~apology).astype(np.int8)
    out["apology_too_late"] = (
        has_due & apology & (ev["apologized"] // _DAY_US > dl.due - 1)
    ).astype(np.int8)
    out["new_date_set_again"] = (ev["apology2"] != _NAT).astype(np.int8)
    new = rday >= _REFORM
    sub = new & (ev["submitted"] != _NAT)
    online = np.zeros(n, dtype=np.int8)
    if sub.any():
        k = np.flatnonzero(sub)
        waited = ctx.coord(rec[k], "received", k) - ctx.coord(ev["submitted"][k], "submitted", k)
        online[k] = waited > 8 * 3_600_000_000
    out["online_acceptance_late"] = online
    out["result_not_digitally_signed"] = (new & (kind == 0) & (f.signed == 0)).astype(np.int8)
    out["district_level_after_reform"] = (f.lim.district & new).astype(np.int8)
    out["refusal_after_due"] = (late & (kind == 1)).astype(np.int8)
    notice = np.where(
        ev["supplement2_requested"] != _NAT, ev["supplement2_requested"], ev["supplement_requested"]
    )
    out["closed_too_early"] = (
        new & (kind == 4) & (notice != _NAT) & (end // _DAY_US - notice // _DAY_US < 15)
    ).astype(np.int8)
    return out


@attrs.define
class _Classified:
    outcome: NDArray[np.int64]  # index into _OUTCOMES, -1: received after as_of
    due: NDArray[np.int64]
    at: NDArray[np.int64]
    late_days: NDArray[np.int64]
    soon: NDArray[np.bool_]
    kept: NDArray[np.int8]  # 1 kept, 0 not kept, -1 unknown
    provisional: NDArray[np.bool_]


def _classify(f: _Frame, moment: int, due_soon: int, full: _Deadlines) -> _Classified:
    """:func:`tthc.classify` of every row as of ``moment`` (µs since 1970, wall time)."""
    ctx, ev = f.ctx, f.ev
    n = ev["received"].shape[0]
    # The view as of ``moment``: only the events at or before it (``Dossier.until``).
    after = {c: v > moment for c, v in ev.items() if not c.endswith("new_due")}
    if any(a.any() for a in after.values()):
        view = {c: (np.where(after[c], _NAT, v) if c in after else v) for c, v in ev.items()}
        kind = np.where(after["end"], -1, f.end_kind)
        dl = _deadlines(ctx, view, f.lim)
    else:
        view, kind, dl = ev, f.end_kind, full
    received = view["received"] != _NAT
    as_of_day = moment // _DAY_US
    if received.any():
        ctx.day_index(np.array([as_of_day]), "as_of", np.flatnonzero(received)[:1])
    end = view["end"]
    fin = (kind == 0) | (kind == 1)
    other = kind >= 2
    open_ = received & (kind < 0)
    due, at = dl.due, dl.at
    has_due = due != _NAT
    hour = at != _NAT
    fday = end // _DAY_US
    outcome = np.full(n, -1, dtype=np.int64)
    late_f = fin & has_due & np.where(hour, end > at, fday > due)
    outcome[fin] = np.where(late_f, _LATE, np.where(has_due & (fday < due), _EARLY, _ON_TIME))[fin]
    outcome[other] = _NOT_CLASSIFIED
    overdue = open_ & has_due & ~dl.stopped & np.where(hour, moment > at, as_of_day > due)
    outcome[open_] = np.where(overdue, _OVERDUE, _WITHIN)[open_]
    late_days = np.zeros(n, dtype=np.int64)
    rows = np.arange(n, dtype=np.int64)
    k = np.flatnonzero(late_f)
    if k.size:
        late_days[k] = np.maximum(ctx.wdb(due[k], fday[k], "due", "end", rows[k]), 0)
    k = np.flatnonzero(overdue)
    if k.size:
        late_days[k] = np.maximum(
            ctx.wdb(due[k], np.full(k.size, as_of_day), "due", "as_of", rows[k]), 0
        )
    soon = np.zeros(n, dtype=bool)
    cand = open_ & has_due & ~overdue & ~dl.stopped
    k = np.flatnonzero(cand)
    if k.size:
        soon[k] = ctx.wdb(np.full(k.size, as_of_day), due[k], "as_of", "due", rows[k]) <= due_soon
    ext = dl.extended
    kept = np.full(n, -1, dtype=np.int8)
    has_ext = ext != _NAT
    kept[fin & has_ext] = (fday <= ext)[fin & has_ext]
    kept[open_ & has_ext & (as_of_day > ext)] = 0
    provisional = dl.provisional | ctx.provisional_span([np.where(late_f, fday, _NAT)], due)
    as_of = np.where(open_ & has_due, as_of_day, _NAT)
    provisional |= ctx.provisional_span([as_of], due)
    return _Classified(outcome, due, at, late_days, soon, kept, provisional)


def classify_frame(
    df: pd.DataFrame,
    *,
    as_of: date | datetime,
    procedures: Mapping[str, Any] | Iterable[Any],
    calendar: WorkingCalendar | None = None,
    due_soon: int = 1,
    finding_kinds: bool = False,
) -> pd.DataFrame:
    """:func:`tthc.classify` and :func:`tthc.findings` for every row of a frame, vectorised.

    ``df`` follows the layout of :data:`FRAME_COLUMNS` (one row per dossier); ``procedures``
    holds the :class:`~tthc.models.Procedure` of every ``procedure_code`` (a mapping by code or
    an iterable). ``as_of`` is a date (the end of that day) or a naive wall-time datetime; it is
    never read from the clock. Returns a shallow copy of ``df`` with these columns added:

    - ``due`` (``datetime64[s]``, a date; NaT: no time limit) and ``due_at`` (the due instant
      under ``Precision.HOUR`` or for limits in hours, else NaT): :attr:`Classification.due`;
    - ``outcome``: a categorical of :class:`~tthc.classify.Outcome` values (``early``, ``on_time``,
      ``late``, ``within_time``, ``overdue``, ``not_classified``), missing for a dossier received
      after ``as_of`` (which the scalar :func:`~tthc.classify` refuses);
    - ``working_days_late`` (int), ``due_soon`` (bool), ``new_due_kept`` (nullable bool),
      ``provisional`` (bool), as in :class:`~tthc.classify.Classification`;
    - ``findings``: the number of :func:`~tthc.classify.findings` of the whole timeline
      (independent of ``as_of``), and with ``finding_kinds=True`` one ``finding_<kind>`` count
      column per :data:`FINDING_KINDS`.

    Every row gives the same answers as the scalar functions on the same dossier
    (``frame_to_dossiers``); bad data raises a :class:`~tthc.errors.TthcError` naming the row,
    its id and the field.

    >>> from datetime import datetime
    >>> from tthc.models import GovernmentLevel, Procedure
    >>> from tthc.timelimits import TimeLimit
    >>> p = Procedure("1.000894", "Đăng ký kết hôn", "Hộ tịch", GovernmentLevel.COMMUNE,
    ...               TimeLimit.working_days(5))
    >>> df = pd.DataFrame({
    ...     "id": ["HS-1", "HS-2"], "procedure_code": ["1.000894"] * 2, "channel": ["in_person"] * 2,
    ...     "received": pd.to_datetime(["2026-02-12 09:30", "2026-02-12 10:00"]),
    ...     "end": pd.to_datetime(["2026-02-27 10:00", None]), "end_kind": ["resolved", None]})
    >>> out = classify_frame(df, as_of=datetime(2026, 3, 2, 12), procedures=[p])
    >>> out[["id", "due", "outcome", "working_days_late", "findings"]].to_string(index=False)
    '  id        due outcome  working_days_late  findings\\nHS-1 2026-02-26    late                  1         1\\nHS-2 2026-02-26 overdue                  2         0'
    """
    if isinstance(due_soon, bool) or not isinstance(due_soon, int):
        raise DateTypeError(f"classify_frame: due_soon expected an int, got {due_soon!r}")
    if due_soon < 0:
        raise InvalidValueError(f"classify_frame: due_soon expected >= 0, got {due_soon}")
    moment = _moment_of(as_of)
    f = _read(df, procedures, calendar)
    full = _deadlines(f.ctx, f.ev, f.lim)
    counts = _findings(f, full)
    r = _classify(f, moment, due_soon, full)
    n = len(df)
    due, at = r.due, r.at
    has_due = due != _NAT
    outcome, late_days, soon, kept, provisional = (
        r.outcome,
        r.late_days,
        r.soon,
        r.kept,
        r.provisional,
    )
    out: pd.DataFrame = df.copy(deep=False)
    out["due"] = np.where(has_due, due, _NAT).astype("datetime64[D]").astype("datetime64[s]")
    out["due_at"] = at.view("datetime64[us]")
    out["outcome"] = pd.Categorical.from_codes(outcome, categories=pd.Index(list(_OUTCOMES)))
    out["working_days_late"] = late_days
    out["due_soon"] = soon
    out["new_due_kept"] = pd.arrays.BooleanArray(kept == 1, kept < 0)
    out["provisional"] = provisional
    total = np.zeros(n, dtype=np.int64)
    for c in counts.values():
        total += c
    out["findings"] = total
    if finding_kinds:
        for name in FINDING_KINDS:
            out[f"finding_{name}"] = counts[name]
    return out


# -- between objects and frames --------------------------------------------------------------


def dossiers_to_frame(dossiers: Iterable[Any]) -> pd.DataFrame:
    """The frame (layout :data:`FRAME_COLUMNS`) of :class:`~tthc.models.Dossier` objects.

    Aware moments become Vietnamese wall time. A timeline the layout cannot hold (an excluded
    period, a completed step, a third supplement request or apology) raises
    :class:`~tthc.errors.InvalidValueError` naming the dossier: use the scalar functions for it.

    >>> from datetime import datetime
    >>> from tthc.models import Dossier, GovernmentLevel, Procedure, Received, Resolved
    >>> from tthc.timelimits import TimeLimit
    >>> p = Procedure("2.000815", "Chứng thực", "Chứng thực", GovernmentLevel.COMMUNE,
    ...               TimeLimit.same_day())
    >>> d = Dossier("HS-1", p, [Received(datetime(2026, 1, 9, 15, 20)),
    ...                         Resolved(datetime(2026, 1, 10, 9), digitally_signed=True)])
    >>> row = dossiers_to_frame([d]).iloc[0]
    >>> row["received"], row["end_kind"], row["signed"]
    (Timestamp('2026-01-09 15:20:00'), 'resolved', np.True_)
    """
    from tthc.models import (
        Apologized,
        CorrectionRequested,
        Dossier,
        Received,
        Resolved,
        Returned,
        Submitted,
        SupplementReceived,
        SupplementRequested,
    )

    cols: dict[str, list[Any]] = {name: [] for name, _, _ in FRAME_COLUMNS}
    for i, d in enumerate(dossiers):
        if not isinstance(d, Dossier):
            raise DateTypeError(f"dossiers[{i}]: expected a Dossier, got {type(d).__name__}")
        row: dict[str, Any] = dict.fromkeys(cols)
        row.update(id=d.id, agency=d.agency, procedure_code=d.procedure.code)
        requests = received = apologies = 0
        for e in d.events:
            at = wall_time(e.at)
            if isinstance(e, Submitted):
                row["submitted"] = at
            elif isinstance(e, CorrectionRequested):
                raise InvalidValueError(
                    f"dossiers[{i}] (id {d.id!r}): {e.describe()} (a correction request at "
                    "online reception) does not fit the one-row layout, which has no column for "
                    "it; classify it with tthc.classify"
                )
            elif isinstance(e, Received):
                if e.inferred:
                    raise InvalidValueError(
                        f"dossiers[{i}] (id {d.id!r}): an inferred receipt (taken from the "
                        "submission) does not fit the one-row layout, which records accepted "
                        "receipts only; classify it with tthc.classify"
                    )
                row["received"], row["channel"] = at, e.channel.value
            elif isinstance(e, SupplementRequested) and requests < 2:
                row[("supplement_requested", "supplement2_requested")[requests]] = at
                requests += 1
            elif isinstance(e, SupplementReceived) and received < 2:
                row[("supplement_received", "supplement2_received")[received]] = at
                received += 1
            elif isinstance(e, Apologized) and apologies < 2:
                row[("apologized", "apology2")[apologies]] = at
                row[("apology_new_due", "apology2_new_due")[apologies]] = datetime.combine(
                    e.new_due, datetime.min.time()
                )
                apologies += 1
            elif isinstance(e, Returned):
                row["returned"] = at
            elif e.final:
                row["end"], row["end_kind"] = at, e.kind
                if isinstance(e, Resolved):
                    row["signed"] = e.digitally_signed
            else:
                raise InvalidValueError(
                    f"dossiers[{i}] (id {d.id!r}): {e.describe()} does not fit the one-row "
                    "layout (at most two supplement requests and two apologies, no excluded "
                    "periods or steps); classify it with tthc.classify"
                )
        for name, value in row.items():
            cols[name].append(value)
    frame: pd.DataFrame = pd.DataFrame(cols)
    for name in FRAME_DATETIME_COLUMNS:
        frame[name] = pd.to_datetime(frame[name]).astype("datetime64[us]")
    frame["signed"] = frame["signed"].astype("boolean")
    return frame


def frame_to_dossiers(
    df: pd.DataFrame,
    procedures: Mapping[str, Any] | Iterable[Any],
    *,
    calendar: WorkingCalendar | None = None,
) -> list[Any]:
    """The :class:`~tthc.models.Dossier` of every row (the scalar path; one object per row).

    Validates the frame as :func:`classify_frame` does, then builds each dossier (naive wall
    time; apologies carry the reason ``"(from frame)"``).
    """
    from tthc.models import (
        Apologized,
        Channel,
        Closed,
        Dossier,
        Received,
        Refused,
        Resolved,
        Returned,
        Stopped,
        Submitted,
        SupplementReceived,
        SupplementRequested,
        Withdrawn,
    )

    f = _read(df, procedures, calendar)
    procs = _procedure_map(procedures)
    codes = df["procedure_code"].astype(str).to_numpy()
    channels = df["channel"].astype(str).to_numpy()
    agencies = df["agency"].to_numpy() if "agency" in df.columns else [None] * len(df)
    ids = f.ctx.ids
    epoch = datetime(1970, 1, 1)
    finals = (Resolved, Refused, Stopped, Withdrawn, Closed)
    # one list per column, converted once (the per-row loop only builds objects)
    vals: dict[str, list[Any]] = {
        c: [None if x == _NAT else epoch + timedelta(microseconds=int(x)) for x in v.tolist()]
        for c, v in f.ev.items()
    }
    returned: list[Any] = [
        None if x == _NAT else epoch + timedelta(microseconds=int(x)) for x in f.returned.tolist()
    ]
    kinds, signed = f.end_kind.tolist(), f.signed.tolist()
    out: list[Any] = []
    for i in range(len(df)):
        events: list[Any] = []
        if vals["submitted"][i] is not None:
            events.append(Submitted(vals["submitted"][i]))
        events.append(Received(vals["received"][i], channel=Channel(channels[i])))
        for col, cls in (
            ("supplement_requested", SupplementRequested),
            ("supplement_received", SupplementReceived),
            ("supplement2_requested", SupplementRequested),
            ("supplement2_received", SupplementReceived),
        ):
            if vals[col][i] is not None:
                events.append(cls(vals[col][i]))
        for ap, nd in (("apologized", "apology_new_due"), ("apology2", "apology2_new_due")):
            if vals[ap][i] is not None:
                new_due = vals[nd][i]
                assert new_due is not None
                events.append(
                    Apologized(vals[ap][i], new_due=new_due.date(), reason="(from frame)")
                )
        if kinds[i] >= 0:
            end_cls = finals[kinds[i]]
            if end_cls is Resolved:
                sg = None if signed[i] < 0 else bool(signed[i])
                events.append(Resolved(vals["end"][i], digitally_signed=sg))
            else:
                events.append(end_cls(vals["end"][i]))
            if returned[i] is not None:
                events.append(Returned(returned[i]))
        events.sort(key=lambda e: e.at)  # stable: equal moments keep the layout's order
        agency = agencies[i]
        out.append(
            Dossier(
                str(ids[i]),
                procs[codes[i]],
                events,
                agency=None if agency is None or agency != agency else str(agency),
            )
        )
    return out


def due_frame(
    df: pd.DataFrame,
    *,
    procedures: Mapping[str, Any] | Iterable[Any],
    calendar: WorkingCalendar | None = None,
) -> pd.DataFrame:
    """:func:`tthc.deadline` of every row of the whole timeline (not as of a date).

    Columns (same index as ``df``): ``due`` and ``original_due`` (dates, ``datetime64[s]``;
    NaT: no time limit), ``due_at`` (instant or NaT), ``extended_due`` (the first apology's new
    date or NaT), ``clock_stopped`` and ``provisional`` (bool).

    >>> from tthc.models import GovernmentLevel, Procedure, SupplementPolicy
    >>> from tthc.timelimits import TimeLimit
    >>> p = Procedure("1.000894", "x", "Hộ tịch", GovernmentLevel.COMMUNE,
    ...               TimeLimit.working_days(10), supplement_policy=SupplementPolicy.PAUSE)
    >>> df = pd.DataFrame({"id": ["HS-7"], "procedure_code": ["1.000894"], "channel": ["postal"],
    ...     "received": pd.to_datetime(["2025-09-08 09:00"]),
    ...     "supplement_requested": pd.to_datetime(["2025-09-11 09:00"]),
    ...     "supplement_received": pd.to_datetime(["2025-09-15 09:00"])})
    >>> due_frame(df, procedures=[p])[["due", "original_due"]].iloc[0].tolist()
    [Timestamp('2025-09-24 00:00:00'), Timestamp('2025-09-22 00:00:00')]
    """
    f = _read(df, procedures, calendar)
    dl = _deadlines(f.ctx, f.ev, f.lim)

    def days(x: NDArray[np.int64]) -> Any:
        return x.astype("datetime64[D]").astype("datetime64[s]")

    out: pd.DataFrame = pd.DataFrame(
        {
            "due": days(dl.due),
            "due_at": dl.at.view("datetime64[us]"),
            "original_due": days(dl.original_due),
            "extended_due": days(dl.extended),
            "clock_stopped": dl.stopped,
            "provisional": dl.provisional,
        },
        index=df.index,
    )
    return out


# -- Biểu 06 ---------------------------------------------------------------------------------

_LEAF_COLUMNS = (
    "received_online",
    "received_in_person",
    "carried_over",
    "early",
    "on_time",
    "late",
    "within_time",
    "overdue",
    "withdrawn",
    "stopped",
    "closed",
)


def form06_frame(
    df: pd.DataFrame,
    period: Any,
    *,
    procedures: Mapping[str, Any] | Iterable[Any],
    calendar: WorkingCalendar | None = None,
    group_by: Sequence[str] = ("agency", "field"),
) -> Any:
    """:func:`tthc.stats.form06` of a frame (layout :data:`FRAME_COLUMNS`), vectorised.

    The same :class:`~tthc.stats.Form06` as the scalar function on the same dossiers: a row is in
    the period's table when received on or before its last day and not ended before its first;
    received before it → carried over (6), else online (4) or in person / by post (5); withdrawn,
    stopped or closed in the period → tthc's (15)–(17); otherwise classified as of the period's
    last day → (8)–(10) or (12)–(13). Tables of disjoint parts of the data add up
    (``Form06.combine``), e.g. one per Dask partition (docs/batch.md).

    >>> from tthc.stats import ReportingPeriod
    >>> from tthc.synthetic import catalogue, generate_frame
    >>> procs = catalogue()
    >>> df = generate_frame(2000, seed=4, procedures=procs)
    >>> t = form06_frame(df, ReportingPeriod.quarter(2026, 1), procedures=procs, group_by=())
    >>> t.total.received == t.total.resolved + t.total.in_progress + t.total.ended
    True
    """
    from tthc.stats import FORM06_GROUP_KEYS, Form06, Form06Row, ReportingPeriod

    if not isinstance(period, ReportingPeriod):
        raise InvalidValueError(
            f"form06_frame: period expected a ReportingPeriod, got {type(period).__name__} "
            f"{period!r}"
        )
    keys = (group_by,) if isinstance(group_by, str) else tuple(group_by)
    for name in keys:
        if name not in FORM06_GROUP_KEYS:
            raise InvalidValueError(
                f"group_by: expected names from {FORM06_GROUP_KEYS}, got {name!r} in {keys!r}"
            )
    f = _read(df, procedures, calendar)
    procs = _procedure_map(procedures)
    ev = f.ev
    n = ev["received"].shape[0]
    ps = period.start.toordinal() - _EPOCH
    pe = period.end.toordinal() - _EPOCH
    rday = ev["received"] // _DAY_US
    end = ev["end"]
    ended_before = (end != _NAT) & (end // _DAY_US < ps)
    inside = (rday <= pe) & ~ended_before
    col_in = np.where(rday < ps, 2, np.where(f.channel == 0, 0, 1))
    kind = f.end_kind
    ended = (end != _NAT) & (end // _DAY_US <= pe) & (kind >= 2)
    full = _deadlines(f.ctx, ev, f.lim)
    r = _classify(f, (pe + 1) * _DAY_US - 1, 1, full)
    # outcome codes 0..4 (early .. overdue) -> leaf columns 3..7; ended kinds -> 8..10
    col_out = np.where(ended, np.array([0, 0, 9, 8, 10])[np.maximum(kind, 0)], r.outcome + 3)
    bad = inside & ~ended & ((r.outcome < 0) | (r.outcome > _OVERDUE))
    if bad.any():  # pragma: no cover - classification and placement disagree
        pos = int(np.flatnonzero(bad)[0])
        raise InvalidValueError(f"{f.ctx.where(pos)}: cannot place it in Biểu 06")
    # one integer group per row, mixed radix over the key parts
    parts: list[tuple[NDArray[np.int64], list[str]]] = []
    for name in keys:
        if name == "agency":
            if "agency" in df.columns:
                codes, uniques = pd.factorize(df["agency"], use_na_sentinel=True)
                labels = [str(u) for u in uniques] + [""]
                parts.append((np.where(codes < 0, len(uniques), codes).astype(np.int64), labels))
            else:
                parts.append((np.zeros(n, dtype=np.int64), [""]))
        else:
            values = [
                procs[c].field
                if name == "field"
                else c
                if name == "procedure"
                else procs[c].level.label_vi
                for c in f.codes
            ]
            uniq = sorted(set(values))
            remap = np.array([uniq.index(v) for v in values] + [0], dtype=np.int64)
            parts.append((remap[f.procedure], uniq))
    group = np.zeros(n, dtype=np.int64)
    size = 1
    for codes_, labels in parts:
        group = group * len(labels) + codes_
        size *= len(labels)
    width = len(_LEAF_COLUMNS)
    sel = np.flatnonzero(inside)
    tally = np.bincount(group[sel] * width + col_in[sel], minlength=size * width)
    tally += np.bincount(group[sel] * width + col_out[sel], minlength=size * width)
    tally = tally.reshape(size, width)
    rows = []
    for g in np.flatnonzero(tally.any(axis=1)).tolist():
        key: list[str] = []
        rest = g
        for _, labels in reversed(parts):
            rest, i = divmod(rest, len(labels))
            key.append(labels[i])
        counts = {c: int(v) for c, v in zip(_LEAF_COLUMNS, tally[g].tolist(), strict=True)}
        rows.append(Form06Row.of(tuple(reversed(key)), **counts))
    return Form06(period, keys, rows)


def read_frame_csv(path_or_file: Any) -> pd.DataFrame:
    """Read a CSV file of the one-row-per-dossier layout (as ``DataFrame.to_csv`` wrote it).

    Text columns stay text (a code like ``9.000010`` is not a number), moments are parsed,
    ``signed`` is a nullable bool.

    >>> import io
    >>> text = "id,procedure_code,channel,received,signed\\nHS-1,9.000010,online,2026-03-02 09:00,\\n"
    >>> df = read_frame_csv(io.StringIO(text))
    >>> df["procedure_code"].iloc[0], df["received"].iloc[0], df["signed"].iloc[0]
    ('9.000010', Timestamp('2026-03-02 09:00:00'), <NA>)
    """
    text_cols = {name: str for name, dtype, _ in FRAME_COLUMNS if dtype.startswith("str")}
    frame: pd.DataFrame = pd.read_csv(path_or_file, dtype=text_cols, keep_default_na=True)
    for name in FRAME_DATETIME_COLUMNS:
        if name in frame.columns:
            frame[name] = pd.to_datetime(frame[name], format="ISO8601").astype("datetime64[us]")
    if "signed" in frame.columns:
        frame["signed"] = frame["signed"].astype("boolean")
    return frame

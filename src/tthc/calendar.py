"""The working calendar of Vietnamese state agencies: working days and office hours.

A :class:`WorkingCalendar` is an immutable value. It answers, in O(log n) time on precomputed sorted
ordinals, whether a day is a working day and which is the n-th working day after another, and it
does working-hour arithmetic inside the office ``sessions``.

:func:`vietnam_calendar` returns the default calendar of state agencies, built once and cached:
the ``holidays`` package's Vietnam data, replaced for the years of official announcements by
tthc's own table (:mod:`tthc._calendar_data`), each day with its kind and source document.

The calendar is made of one module per concept, each reading only those before it (every public
name is importable from here too): :mod:`tthc.days` (:class:`DayKind`, :class:`DayInfo`,
:class:`Override`), :mod:`tthc.occasions` (:class:`Occasion`, :class:`Announcement`),
:mod:`tthc.sessions` (:data:`VIETNAM_TZ`, wall time, :class:`Session`), :mod:`tthc.working_time`
(the working-time methods of :class:`WorkingCalendar`) and ``tthc._calendar_build`` (the entries
of the default calendar, from the ``holidays`` package and tthc's table).

Conventions (Bộ luật Dân sự 2015, Điều 147: the day of the event is not counted):

* ``add_working_days(d, n)``, n >= 1: the n-th working day strictly after ``d``; n == 0: ``d`` if it
  is a working day, else the next one; n < 0: symmetric, backwards.
* ``working_days_between(a, b)``: the working days in the half-open interval ``(a, b]``.
* Datetimes: a naive ``datetime`` is Vietnamese wall time (Asia/Ho_Chi_Minh, UTC+7, no DST); an
  aware one is converted to that zone and results come back aware in that zone. Mixing naive and
  aware values in one call raises :class:`~tthc.errors.TimezoneError`.

>>> from datetime import date, datetime, timedelta
>>> cal = vietnam_calendar()
>>> cal.add_working_days(date(2026, 2, 12), 5)   # Tết 14–22/02/2026 is skipped
datetime.date(2026, 2, 26)
>>> cal.is_working_day(date(2026, 1, 10))        # a Saturday worked in exchange for 02/01
True
>>> cal.add_working_time(datetime(2026, 3, 6, 10, 30), timedelta(hours=1))
datetime.datetime(2026, 3, 6, 11, 30)
"""

from __future__ import annotations

import functools
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from types import MappingProxyType
from typing import Any

import attrs

from tthc import _calendar_data
from tthc._calendar_build import (
    _culture_day,
    _holiday_entries,
    _nearest,
    _occasion_cores,
    _occasions,
    _official_entries,
)
from tthc.days import _WEEKLY_REST_SOURCE, DataOrigin, DayInfo, DayKind, Override
from tthc.errors import (
    ArgumentTypeError,
    CalendarDataError,
    CalendarRangeError,
    InvalidValueError,
    OverrideConflictError,
)
from tthc.occasions import AnnouncedDay, Announcement, Occasion, OccasionKind
from tthc.sessions import (
    DEFAULT_SESSIONS,
    VIETNAM_TZ,
    Session,
    _check_sessions,
    _time_us,
    wall_date,
    wall_time,
)
from tthc.validators import check_date, check_int, date_field, optional
from tthc.working_time import _WorkingTime

__all__ = [
    "DEFAULT_SESSIONS",
    "SUPPORTED_RANGE",
    "VIETNAM_TZ",
    "AnnouncedDay",
    "Announcement",
    "DataOrigin",
    "DayInfo",
    "DayKind",
    "Occasion",
    "OccasionKind",
    "Override",
    "Session",
    "WorkingCalendar",
    "vietnam_calendar",
    "wall_date",
    "wall_time",
]

SUPPORTED_RANGE = (date(2000, 1, 1), date(2040, 12, 31))
"""First and last day the default calendar has data for."""


def _rebuild_calendar(fields: dict[str, Any]) -> WorkingCalendar:
    """A calendar from its init fields (unpickling: :meth:`WorkingCalendar.__reduce__`)."""
    return WorkingCalendar(**fields)


def _as_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value)


@attrs.frozen(eq=False)
class _Index:
    """Derived lookup structures of a calendar (never compared, never shown)."""

    working: tuple[int, ...]  # sorted ordinals of working days in the range
    special: Mapping[int, DayInfo]  # days that differ from the weekly pattern, or are named
    occasions: tuple[Occasion, ...]  # the occasions, settled by the announcements
    provisional: tuple[tuple[int, ...], tuple[int, ...]]  # merged (starts, ends) ordinals


# cache_hash: the batch engine looks a calendar's tables up by it (``functools.lru_cache``) on
# every chunk; hashing every special day took 0.3 ms a call
@attrs.frozen(cache_hash=True)
class WorkingCalendar(_WorkingTime):
    """An immutable working calendar: special days over a weekly pattern, and office sessions.

    Build one with :func:`vietnam_calendar`, then derive variants with :meth:`with_overrides`,
    :meth:`with_announcements` and :meth:`with_sessions`; the original is never changed.

    Provisional days: every day of the window of an ``occasions`` entry that is not official (and
    that no announcement settles), and every day after ``provisional_after`` when it is given.

    >>> cal = vietnam_calendar()
    >>> cal.working_days_between(date(2025, 4, 29), date(2025, 5, 6))  # 30/4, 1/5, 2/5 off
    2
    >>> cal.day_info(date(2026, 4, 27)).kind
    <DayKind.COMPENSATORY: 'compensatory'>
    """

    special_days: tuple[DayInfo, ...] = attrs.field(converter=_as_tuple)
    first: date = attrs.field(validator=date_field)
    last: date = attrs.field(validator=date_field)
    provisional_after: date | None = attrs.field(default=None, validator=optional(date_field))
    sessions: tuple[Session, ...] = attrs.field(default=DEFAULT_SESSIONS, converter=_as_tuple)
    overrides: tuple[Override, ...] = attrs.field(default=(), converter=_as_tuple)
    weekend: frozenset[int] = frozenset({5, 6})
    occasions: tuple[Occasion, ...] = attrs.field(default=(), converter=_as_tuple)
    announcements: tuple[Announcement, ...] = attrs.field(default=(), converter=_as_tuple)
    _index: _Index = attrs.field(init=False, repr=False, eq=False, hash=False)
    _session_bounds: tuple[tuple[int, int], ...] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )
    _day_us: int = attrs.field(init=False, repr=False, eq=False, hash=False)
    # Flattened copies of the index for the hot path (one attribute lookup each).
    _ords: tuple[int, ...] = attrs.field(init=False, repr=False, eq=False, hash=False)
    _dates: tuple[date, ...] = attrs.field(init=False, repr=False, eq=False, hash=False)
    _count: int = attrs.field(init=False, repr=False, eq=False, hash=False)
    _lo: int = attrs.field(init=False, repr=False, eq=False, hash=False)
    _hi: int = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        if self.last < self.first:
            raise InvalidValueError(
                f"WorkingCalendar: expected first <= last, got {self.first} > {self.last}"
            )
        sessions = _check_sessions(self.sessions)
        object.__setattr__(self, "sessions", sessions)
        bounds = tuple((_time_us(s.start), _time_us(s.end)) for s in sessions)
        object.__setattr__(self, "_session_bounds", bounds)
        object.__setattr__(self, "_day_us", sum(e - s for s, e in bounds))
        index = self._build_index()
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_ords", index.working)
        object.__setattr__(self, "_dates", tuple(map(date.fromordinal, index.working)))
        object.__setattr__(self, "_count", len(index.working))
        object.__setattr__(self, "_lo", self.first.toordinal())
        object.__setattr__(self, "_hi", self.last.toordinal())

    def _build_index(self) -> _Index:
        special: dict[int, DayInfo] = {}
        for info in self.special_days:
            if not isinstance(info, DayInfo):
                raise ArgumentTypeError(
                    f"special_days: expected DayInfo values, got {type(info).__name__}"
                )
            o = info.date.toordinal()
            if o in special:
                raise CalendarDataError(
                    f"special_days: two entries for {info.date}: "
                    f"{special[o].kind.name} and {info.kind.name}"
                )
            special[o] = info
        occasions = self._apply_announcements(special)
        for ov in self.overrides:
            if not isinstance(ov, Override):
                raise ArgumentTypeError(f"overrides: expected Override values, got {ov!r}")
            o = self._check_range(ov.date, "Override.date")
            before = special.get(o)
            base_working = (
                before.kind.is_working if before else ov.date.weekday() not in self.weekend
            )
            if ov.kind.is_working == base_working:
                state = "a working day" if base_working else "already a day off"
                what = before.kind.name if before else ("WORKING" if base_working else "WEEKEND")
                raise OverrideConflictError(
                    f"Override({ov.date}, {ov.kind.name}): {ov.date} is {state} ({what}); "
                    f"expected a {'non-working' if ov.kind.is_working else 'working'} day"
                )
            if any(x.date == ov.date for x in self.overrides if x is not ov):
                raise OverrideConflictError(f"overrides: more than one override for {ov.date}")
            special[o] = DayInfo(
                ov.date, ov.kind, ov.reason, ov.reason, ov.source, origin=DataOrigin.OVERRIDE
            )
        lo, hi = self.first.toordinal(), self.last.toordinal()
        weekend = self.weekend
        working = []
        for o in range(lo, hi + 1):
            entry = special.get(o)
            if entry is not None:
                if entry.kind.is_working:
                    working.append(o)
            elif (o + 6) % 7 not in weekend:  # date.fromordinal(o).weekday() == (o + 6) % 7
                working.append(o)
        return _Index(
            tuple(working), MappingProxyType(special), occasions, self._provisional(occasions)
        )

    def _apply_announcements(self, special: dict[int, DayInfo]) -> tuple[Occasion, ...]:
        """Write the announcements' days into ``special``; the occasions they settle."""
        settled: dict[tuple[OccasionKind, int], Announcement] = {}
        for ann in self.announcements:
            if not isinstance(ann, Announcement):
                raise ArgumentTypeError(
                    f"announcements: expected Announcement values, got {type(ann).__name__}"
                )
        for ann in sorted(self.announcements, key=lambda a: a.announced):
            keys = set(ann.occasions)
            for day in ann.days:
                o = self._check_range(day.date, "Announcement.days date")
                special[o] = DayInfo(
                    day.date, day.kind, day.name_vi, day.name_en, ann.source,
                    origin=DataOrigin.ANNOUNCEMENT,
                )  # fmt: skip
                if not ann.occasions:
                    keys.update((oc.kind, oc.year) for oc in self.occasions if day.date in oc)
            for key in keys:
                settled[key] = ann
        out = []
        for oc in self.occasions:
            if not isinstance(oc, Occasion):
                raise ArgumentTypeError(f"occasions: expected Occasion values, got {oc!r}")
            by = settled.get((oc.kind, oc.year))
            if by is not None:
                oc = attrs.evolve(oc, official=True, source=by.source, announced=by.announced)
            out.append(oc)
        return tuple(out)

    def _provisional(
        self, occasions: tuple[Occasion, ...]
    ) -> tuple[tuple[int, ...], tuple[int, ...]]:
        spans = sorted(
            (o.first.toordinal(), o.last.toordinal()) for o in occasions if not o.official
        )
        if self.provisional_after is not None and self.provisional_after < self.last:
            spans.append((self.provisional_after.toordinal() + 1, self.last.toordinal()))
            spans.sort()
        starts: list[int] = []
        ends: list[int] = []
        for a, b in spans:
            if ends and a <= ends[-1] + 1:
                ends[-1] = max(ends[-1], b)
            else:
                starts.append(a)
                ends.append(b)
        return tuple(starts), tuple(ends)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle a calendar by the fields it is built from; its index is rebuilt on loading.

        So a calendar (with its overrides) can be sent to another process (``multiprocessing``, a
        Dask worker), and ``copy.deepcopy`` works.

        >>> import pickle
        >>> storm = Override(date(2026, 10, 27), DayKind.CLOSURE, "Bão", "QĐ 99/QĐ-UBND")
        >>> cal = vietnam_calendar().with_overrides(storm)
        >>> again = pickle.loads(pickle.dumps(cal))
        >>> again == cal, again.is_working_day(date(2026, 10, 27))
        (True, False)
        """
        fields = {a.alias: getattr(self, a.name) for a in attrs.fields(WorkingCalendar) if a.init}
        return (_rebuild_calendar, (fields,))

    # -- derived calendars -------------------------------------------------------------------

    def with_overrides(self, *overrides: Override) -> WorkingCalendar:
        """A new calendar with ``overrides`` added; this one is unchanged.

        Raises :class:`~tthc.errors.OverrideConflictError` for a closure on a day already off, an
        extra working day on a day already worked, or two overrides of one day.

        >>> cal = vietnam_calendar()
        >>> storm = Override(date(2026, 10, 27), DayKind.CLOSURE, "Bão", "QĐ 99/QĐ-UBND")
        >>> local = cal.with_overrides(storm)
        >>> local.is_working_day(date(2026, 10, 27)), cal.is_working_day(date(2026, 10, 27))
        (False, True)
        """
        return attrs.evolve(self, overrides=self.overrides + tuple(overrides))

    def with_announcements(self, *announcements: Announcement) -> WorkingCalendar:
        """A new calendar with these announcements added; this one is unchanged.

        An announcement's days win over tthc's table and the ``holidays`` package (the latest
        announced wins between announcements); the occasions it settles stop being provisional.

        >>> cal = vietnam_calendar()
        >>> new_year = Announcement("Công văn 2/VPCP-KGVX (ví dụ)", date(2026, 12, 20),
        ...                         occasions=[(OccasionKind.NEW_YEAR, 2027)])
        >>> cal.is_provisional(date(2026, 12, 31)), cal.with_announcements(new_year).is_provisional(
        ...     date(2026, 12, 31))
        (True, False)
        """
        return attrs.evolve(self, announcements=self.announcements + tuple(announcements))

    def with_sessions(self, *sessions: Session) -> WorkingCalendar:
        """A new calendar with these office sessions (e.g. a province's own hours).

        >>> from datetime import time
        >>> cal = vietnam_calendar().with_sessions(
        ...     Session(time(7, 0), time(11, 30)), Session(time(13, 30), time(17, 0)))
        >>> cal.daily_working_time
        datetime.timedelta(seconds=28800)
        """
        return attrs.evolve(self, sessions=sessions)

    # -- days --------------------------------------------------------------------------------

    def _check_range(self, d: date, field: str) -> int:
        if not self.first <= d <= self.last:
            raise CalendarRangeError(
                f"{field}: {d.isoformat()} is outside the calendar's range "
                f"{self.first.isoformat()}..{self.last.isoformat()}"
            )
        return d.toordinal()

    def _ordinal(self, d: object, field: str) -> int:
        return self._check_range(check_date(d, field), field)

    def _result(self, index: int, start: date, n: int) -> date:
        working = self._index.working
        if 0 <= index < len(working):
            return date.fromordinal(working[index])
        raise CalendarRangeError(
            f"{n:+d} working days from {start.isoformat()} falls outside the calendar's range "
            f"{self.first.isoformat()}..{self.last.isoformat()}"
        )

    def is_working_day(self, day: date) -> bool:
        """Whether ``day`` is a working day.

        >>> vietnam_calendar().is_working_day(date(2026, 1, 2))  # swapped for Sat 10/01
        False
        """
        o = self._ordinal(day, "day")
        working = self._index.working
        i = bisect_left(working, o)
        return i < len(working) and working[i] == o

    def add_working_days(self, start: date, n: int) -> date:
        """The ``n``-th working day after ``start`` (see the module's conventions).

        >>> vietnam_calendar().add_working_days(date(2025, 4, 23), 3)  # Sat 26/04/2025 is worked
        datetime.date(2025, 4, 26)
        >>> vietnam_calendar().add_working_days(date(2026, 2, 14), 0)
        datetime.date(2026, 2, 23)
        """
        # The hot path of every deadline: checks and lookups inlined, results pre-built.
        if type(start) is not date:
            check_date(start, "start")
        if type(n) is not int:
            n = check_int(n, "n")
        o = start.toordinal()
        if not self._lo <= o <= self._hi:
            self._check_range(start, "start")
        i = bisect_right(self._ords, o) + n - 1 if n > 0 else bisect_left(self._ords, o) + n
        if 0 <= i < self._count:
            return self._dates[i]
        return self._result(i, start, n)

    def working_days_between(self, start: date, end: date) -> int:
        """The number of working days in ``(start, end]``; negative when ``end < start``.

        >>> vietnam_calendar().working_days_between(date(2026, 2, 12), date(2026, 2, 26))
        5
        """
        oa, ob = self._ordinal(start, "start"), self._ordinal(end, "end")
        working = self._index.working
        return bisect_right(working, ob) - bisect_right(working, oa)

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        return self._named(day, 1)

    def previous_working_day(self, day: date) -> date:
        """The last working day strictly before ``day``."""
        return self._named(day, -1)

    def _named(self, day: date, n: int) -> date:
        """:meth:`add_working_days` whose errors name the argument ``day``."""
        self._ordinal(day, "day")
        return self.add_working_days(day, n)

    def roll_forward(self, day: date) -> date:
        """``day`` if it is a working day, else the next working day.

        >>> vietnam_calendar().roll_forward(date(2026, 2, 28))
        datetime.date(2026, 3, 2)
        """
        return self._named(day, 0)

    def roll_backward(self, day: date) -> date:
        """``day`` if it is a working day, else the previous working day.

        >>> vietnam_calendar().roll_backward(date(2026, 2, 22))
        datetime.date(2026, 2, 13)
        """
        o = self._ordinal(day, "day")
        working = self._index.working
        return self._result(bisect_right(working, o) - 1, day, 0)

    def working_days(self, start: date, end: date) -> Iterator[date]:
        """The working days in ``[start, end]``, in order.

        >>> list(vietnam_calendar().working_days(date(2026, 1, 1), date(2026, 1, 5)))
        [datetime.date(2026, 1, 5)]
        """
        working = self._index.working
        lo = bisect_left(working, self._ordinal(start, "start"))
        hi = bisect_right(working, self._ordinal(end, "end"))
        return (date.fromordinal(o) for o in working[lo:hi])

    def _provisional_from(self, oa: int, ob: int) -> bool:
        starts, ends = self._index.provisional
        i = bisect_right(starts, ob) - 1
        return i >= 0 and ends[i] >= oa

    def is_provisional(self, day: date) -> bool:
        """Whether an announcement still to come could change whether ``day`` is a working day.

        True exactly when ``day`` lies in the window of an occasion (Tết, 30/4–1/5, …) whose
        announcement neither tthc's table nor the calendar's announcements hold, or after
        ``provisional_after``. Tết 2027 is announced (Công văn 10065/VPCP-KGVX), 30/4–1/5 2027
        is not:

        >>> cal = vietnam_calendar()
        >>> cal.is_provisional(date(2027, 2, 5)), cal.is_provisional(date(2027, 5, 3))
        (False, True)
        """
        o = self._ordinal(day, "day")
        return self._provisional_from(o, o)

    def is_provisional_between(self, start: date, end: date) -> bool:
        """Whether some day of ``[start, end]`` (either order) is provisional.

        >>> vietnam_calendar().is_provisional_between(date(2027, 3, 1), date(2027, 6, 1))
        True
        """
        # On the path of every deadline and classification: checks inlined as in add_working_days.
        if type(start) is not date:
            check_date(start, "start")
        oa = start.toordinal()
        if not self._lo <= oa <= self._hi:
            self._check_range(start, "start")
        if type(end) is not date:
            check_date(end, "end")
        ob = end.toordinal()
        if not self._lo <= ob <= self._hi:
            self._check_range(end, "end")
        return self._provisional_from(oa, ob) if oa <= ob else self._provisional_from(ob, oa)

    def provisional_spans(self) -> tuple[tuple[date, date], ...]:
        """The provisional days as disjoint ``(first, last)`` spans, in order.

        >>> vietnam_calendar().provisional_spans()[0]
        (datetime.date(2026, 12, 18), datetime.date(2027, 1, 15))
        """
        starts, ends = self._index.provisional
        return tuple(
            (date.fromordinal(a), date.fromordinal(b)) for a, b in zip(starts, ends, strict=True)
        )

    @property
    def official_through(self) -> date:
        """The last day before the first provisional one (``last`` when none is provisional).

        >>> vietnam_calendar().official_through
        datetime.date(2026, 12, 17)
        """
        starts = self._index.provisional[0]
        return date.fromordinal(starts[0] - 1) if starts else self.last

    @property
    def occasions_status(self) -> tuple[Occasion, ...]:
        """The calendar's occasions with their status, after its announcements, in date order."""
        return tuple(sorted(self._index.occasions, key=lambda o: (o.first, o.kind.value)))

    def occasion(self, kind: OccasionKind, year: int) -> Occasion:
        """The occasion ``kind`` of ``year``, with its status after the announcements.

        >>> vietnam_calendar().occasion(OccasionKind.REUNIFICATION_LABOUR, 2027).official
        False
        """
        if not isinstance(kind, OccasionKind):
            raise ArgumentTypeError(
                f"kind: expected an OccasionKind, got {type(kind).__name__} {kind!r}"
            )
        year = check_int(year, "year")
        for oc in self._index.occasions:
            if oc.kind is kind and oc.year == year:
                return oc
        raise InvalidValueError(f"occasion: no {kind!r} in {year!r} in this calendar")

    def provisional_occasions(self, year: int) -> tuple[Occasion, ...]:
        """The occasions of ``year`` still provisional, in date order.

        >>> [o.kind.name for o in vietnam_calendar().provisional_occasions(2027)]
        ['NEW_YEAR', 'HUNG_KINGS', 'REUNIFICATION_LABOUR', 'CULTURE_DAY']
        """
        year = check_int(year, "year")
        return tuple(o for o in self.occasions_status if o.year == year and not o.official)

    def latest_announcement(self) -> tuple[str, date] | None:
        """The most recent announcement the calendar holds (document, date announced).

        >>> source, when = vietnam_calendar().latest_announcement()
        >>> source.split(" (")[0], when
        ('Công văn 10065/VPCP-KGVX ngày 02/10/2026', datetime.date(2026, 10, 2))
        """
        known = [(o.announced, o.source) for o in self._index.occasions if o.announced]
        known += [(a.announced, a.source) for a in self.announcements]
        if not known:
            return None
        when, source = max(known, key=lambda k: k[0])
        return source, when

    def day_info(self, day: date) -> DayInfo:
        """Kind, names, source and provisional flag of one day.

        >>> info = vietnam_calendar().day_info(date(2026, 1, 10))
        >>> info.kind.name, info.provisional
        ('SWAP_WORKDAY', False)
        """
        o = self._ordinal(day, "day")
        provisional = self._provisional_from(o, o)
        info = self._index.special.get(o)
        if info is not None:
            return attrs.evolve(info, provisional=provisional)
        if day.weekday() in self.weekend:
            return DayInfo(
                day, DayKind.WEEKEND, "Nghỉ hằng tuần", "Weekly rest day", _WEEKLY_REST_SOURCE,
                provisional, DataOrigin.WEEKLY,
            )  # fmt: skip
        return DayInfo(
            day, DayKind.WORKING, "Ngày làm việc", "Working day", _WEEKLY_REST_SOURCE, provisional,
            DataOrigin.WEEKLY,
        )  # fmt: skip

    def special_days_between(self, start: date, end: date) -> tuple[DayInfo, ...]:
        """Days in ``[start, end]`` off the weekly pattern: weekdays off, weekend days worked.

        >>> [i.date.isoformat() for i in vietnam_calendar().special_days_between(
        ...     date(2026, 1, 1), date(2026, 1, 31))]
        ['2026-01-01', '2026-01-02', '2026-01-10']
        """
        lo, hi = self._ordinal(start, "start"), self._ordinal(end, "end")
        out = []
        for o in sorted(k for k in self._index.special if lo <= k <= hi):
            info = self._index.special[o]
            weekday_off = not info.kind.is_working and (o + 6) % 7 not in self.weekend
            weekend_worked = info.kind.is_working and (o + 6) % 7 in self.weekend
            if weekday_off or weekend_worked:
                out.append(attrs.evolve(info, provisional=self._provisional_from(o, o)))
        return tuple(out)


def calendar_argument(calendar: object, field: str = "calendar") -> WorkingCalendar:
    """``calendar`` checked, or the default calendar for ``None`` (the ``calendar=`` option of
    tthc's functions).

    >>> calendar_argument(None) is vietnam_calendar()
    True
    >>> calendar_argument("vn")
    Traceback (most recent call last):
    ...
    tthc.errors.ArgumentTypeError: calendar: expected a WorkingCalendar or None, got str 'vn'
    """
    if calendar is None:
        return vietnam_calendar()
    if not isinstance(calendar, WorkingCalendar):
        raise ArgumentTypeError(
            f"{field}: expected a WorkingCalendar or None, got {type(calendar).__name__} "
            f"{calendar!r}"
        )
    return calendar


_DEFAULT_LOCK = threading.Lock()


@functools.cache
def _default_calendar() -> WorkingCalendar:
    first, last = SUPPORTED_RANGE
    occasions = _occasions(first, last)
    official = _calendar_data.OFFICIAL_YEARS
    later = [o for o in occasions if o.year not in official]
    cores = _occasion_cores(range(official[0], last.year + 2))
    culture_since = date.fromisoformat(_calendar_data.CULTURE_DAY_SINCE)
    entries = []
    for e in _holiday_entries(range(first.year, last.year + 1)):
        if e.date.year in official:
            continue
        nearest = _nearest(e.date, later, cores)
        if nearest is not None and nearest.official:
            continue  # the table holds this announced occasion
        if e.date.month == 11 and e.date.day == 24 and e.date >= culture_since:
            e = _culture_day(e)
        entries.append(e)
    rule_years = {e.date.year for e in entries if e.origin is DataOrigin.TTHC_RULE}
    for y in range(max(culture_since.year, official[-1] + 1), last.year + 1):
        if y not in rule_years:  # pragma: no cover - holidays >= 0.109 lists 24/11 from 2026
            day = date(y, 11, 24)
            entries.append(_culture_day(DayInfo(day, DayKind.HOLIDAY)))
    entries += _official_entries()
    entries.sort(key=lambda e: e.date)
    return WorkingCalendar(special_days=entries, first=first, last=last, occasions=occasions)


def vietnam_calendar(announcements: Iterable[Announcement] = ()) -> WorkingCalendar:
    """The default calendar of Vietnamese state agencies (built once, cached, immutable).

    ``holidays``' Vietnam data for 2000–2040, replaced by tthc's table for the complete years
    (``tthc._calendar_data.OFFICIAL_YEARS``) and the occasions announced after them; 24/11 a
    holiday from 2026 (Nghị quyết 28/2026/QH16); sessions 07:30–11:30, 13:00–17:00.
    ``announcements`` (see :class:`Announcement`) are added on top: a new calendar each call.

    >>> vietnam_calendar() is vietnam_calendar()
    True
    >>> vietnam_calendar().add_working_days(date(2026, 11, 20), 3)   # Tue 24/11/2026 off
    datetime.date(2026, 11, 26)
    """
    with _DEFAULT_LOCK:  # threads starting cold build it once, not once each
        base = _default_calendar()
    extra = tuple(announcements)
    return base.with_announcements(*extra) if extra else base

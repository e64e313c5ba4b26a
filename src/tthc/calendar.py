"""The working calendar of Vietnamese state agencies: working days and office hours.

A :class:`WorkingCalendar` is an immutable value. It answers, in O(log n) time on precomputed sorted
ordinals, whether a day is a working day and which is the n-th working day after another, and it
does working-hour arithmetic inside the office ``sessions``.

:func:`vietnam_calendar` returns the default calendar of state agencies, built once and cached:
the ``holidays`` package's Vietnam data, replaced for the years of official announcements by
tthc's own table (:mod:`tthc._calendar_data`), each day with its kind and source document.

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
import itertools
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime, time, timedelta
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo

import attrs

from tthc import _calendar_data
from tthc.errors import (
    ArgumentTypeError,
    CalendarDataError,
    CalendarRangeError,
    InvalidValueError,
    OverrideConflictError,
    TimezoneError,
)
from tthc.labelled import LabelledEnum
from tthc.validators import check_date, check_int, date_field, optional

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

VIETNAM_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
"""Vietnam's time zone: UTC+7, no daylight saving time."""

SUPPORTED_RANGE = (date(2000, 1, 1), date(2040, 12, 31))
"""First and last day the default calendar has data for."""

_WEEKLY_REST_SOURCE = "QĐ 188/1999/QĐ-TTg (tuần làm việc 40 giờ: nghỉ thứ Bảy, Chủ nhật)"


class DayKind(LabelledEnum):
    """Why a day is (or is not) a working day.

    >>> DayKind.SWAP_WORKDAY.label_vi, DayKind.SWAP_WORKDAY.is_working
    ('Ngày làm bù (hoán đổi)', True)
    """

    WORKING = "working", "Ngày làm việc", "Working day"
    WEEKEND = "weekend", "Nghỉ hằng tuần", "Weekly rest day"
    HOLIDAY = "holiday", "Nghỉ lễ, Tết", "Public holiday"
    COMPENSATORY = "compensatory", "Nghỉ bù", "Compensatory day off"
    SWAP_DAY_OFF = "swap_day_off", "Nghỉ hoán đổi", "Day off (swapped)"
    SWAP_WORKDAY = "swap_workday", "Ngày làm bù (hoán đổi)", "Working day (swapped)"
    CLOSURE = "closure", "Nghỉ theo quyết định địa phương", "Local closure"
    EXTRA_WORKDAY = "extra_workday", "Ngày làm việc bổ sung", "Extra working day"

    @property
    def is_working(self) -> bool:
        """Whether a day of this kind is a working day."""
        return self in _WORKING_KINDS


_WORKING_KINDS = frozenset({DayKind.WORKING, DayKind.SWAP_WORKDAY, DayKind.EXTRA_WORKDAY})


class DataOrigin(LabelledEnum):
    """Where the calendar's answer for a day came from (``DayInfo.origin``).

    >>> DataOrigin.ANNOUNCEMENT.label_en
    "a user's announcement"
    """

    WEEKLY = "weekly", "lịch làm việc hằng tuần", "the weekly pattern"
    TTHC_TABLE = "tthc_table", "bảng thông báo của tthc", "tthc's table of announcements"
    TTHC_RULE = "tthc_rule", "quy tắc của tthc", "a rule of tthc"
    HOLIDAYS_PACKAGE = "holidays_package", "gói holidays (tính theo luật)", "the holidays package"
    ANNOUNCEMENT = "announcement", "thông báo do người dùng thêm", "a user's announcement"
    OVERRIDE = "override", "điều chỉnh của người dùng", "a user's override"
    GIVEN = "given", "dữ liệu truyền vào lịch", "data given to the calendar"


def wall_time(moment: datetime) -> datetime:
    """``moment`` as naive Vietnamese wall time: naive values as they are, aware ones converted.

    >>> from datetime import timezone
    >>> wall_time(datetime(2026, 3, 6, 2, 0, tzinfo=timezone.utc))
    datetime.datetime(2026, 3, 6, 9, 0)
    """
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(VIETNAM_TZ).replace(tzinfo=None)


def wall_date(moment: datetime) -> date:
    """The Vietnamese calendar date of ``moment`` (see :func:`wall_time`).

    >>> from datetime import timezone
    >>> wall_date(datetime(2026, 3, 5, 20, 0, tzinfo=timezone.utc))
    datetime.date(2026, 3, 6)
    """
    return wall_time(moment).date()


def _of_type(cls: type) -> Any:
    """An attrs validator refusing a value that is not a ``cls``, by field name (tthc's error)."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, cls) or (cls is int and isinstance(value, bool)):
            raise ArgumentTypeError(
                f"{type(instance).__name__}.{attribute.name}: expected {cls.__name__}, "
                f"got {type(value).__name__} {value!r}"
            )

    return check


@attrs.frozen
class DayInfo:
    """What the calendar knows about one day.

    ``provisional`` is true when an announcement still to come could change whether the day is a
    working day (see :meth:`WorkingCalendar.is_provisional`). ``origin`` says where the answer
    came from and ``source`` names the document (for a user's announcement, its document).
    """

    date: date = attrs.field(validator=date_field)
    kind: DayKind = attrs.field(validator=attrs.validators.instance_of(DayKind))
    name_vi: str = ""
    name_en: str = ""
    source: str = ""
    provisional: bool = False
    origin: DataOrigin = attrs.field(default=DataOrigin.GIVEN, validator=_of_type(DataOrigin))

    @property
    def is_working(self) -> bool:
        """Whether the day is a working day."""
        return self.kind.is_working


def _override_kind(instance: Override, attribute: attrs.Attribute[Any], value: object) -> None:
    if value not in _OVERRIDE_KINDS:
        allowed = ", ".join(sorted(k.name for k in _OVERRIDE_KINDS))
        raise InvalidValueError(f"Override.kind: expected one of {allowed}, got {value!r}")


def _non_empty(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidValueError(f"{attribute.name}: expected a non-empty string, got {value!r}")


@attrs.frozen
class Override:
    """A local or late change to the calendar, with its reason and source document.

    ``kind`` is ``CLOSURE`` (a working day closed, e.g. a storm), ``EXTRA_WORKDAY`` (a rest day
    worked), or an official kind (``HOLIDAY``, ``COMPENSATORY``, ``SWAP_DAY_OFF``,
    ``SWAP_WORKDAY``) for an announcement newer than tthc's data.

    >>> Override(date(2026, 10, 27), DayKind.CLOSURE, "Bão số 12", "QĐ 123/QĐ-UBND").kind.is_working
    False
    """

    date: date = attrs.field(validator=date_field)
    kind: DayKind = attrs.field(validator=_override_kind)
    reason: str = attrs.field(validator=_non_empty)
    source: str = attrs.field(validator=_non_empty)


_OVERRIDE_KINDS = frozenset(set(DayKind) - {DayKind.WORKING, DayKind.WEEKEND})


_OCCASION_LABELS = {key: (vi, en) for key, vi, en in _calendar_data.OCCASIONS}


class OccasionKind(LabelledEnum):
    """An occasion for which days off are announced (Tết, Quốc khánh, …).

    >>> OccasionKind.TET.label_vi
    'Tết Nguyên đán'
    """

    NEW_YEAR = "NEW_YEAR", *_OCCASION_LABELS["NEW_YEAR"]
    TET = "TET", *_OCCASION_LABELS["TET"]
    HUNG_KINGS = "HUNG_KINGS", *_OCCASION_LABELS["HUNG_KINGS"]
    REUNIFICATION_LABOUR = "REUNIFICATION_LABOUR", *_OCCASION_LABELS["REUNIFICATION_LABOUR"]
    NATIONAL_DAY = "NATIONAL_DAY", *_OCCASION_LABELS["NATIONAL_DAY"]
    CULTURE_DAY = "CULTURE_DAY", *_OCCASION_LABELS["CULTURE_DAY"]


@attrs.frozen
class Occasion:
    """One occasion of one year: its window and whether its announcement is known.

    ``first``..``last`` is the window (the core days widened by
    ``_calendar_data.OCCASION_MARGIN_DAYS`` on each side, clipped to the calendar's range). An
    occasion that is not ``official`` makes every day of its window provisional. ``source`` and
    ``announced`` name the document that settled it (``""`` / ``None`` when provisional).

    >>> tet = vietnam_calendar().occasion(OccasionKind.TET, 2027)
    >>> tet.official, tet.announced
    (True, datetime.date(2026, 10, 2))
    """

    kind: OccasionKind = attrs.field(validator=_of_type(OccasionKind))
    year: int = attrs.field(validator=_of_type(int))
    first: date = attrs.field(validator=date_field)
    last: date = attrs.field(validator=date_field)
    official: bool = attrs.field(validator=_of_type(bool))
    source: str = attrs.field(default="", validator=_of_type(str))
    announced: date | None = attrs.field(default=None, validator=optional(date_field))

    def __attrs_post_init__(self) -> None:
        if self.last < self.first:
            raise InvalidValueError(
                f"Occasion: expected first <= last, got {self.first} > {self.last}"
            )

    def __contains__(self, d: object) -> bool:
        return isinstance(d, date) and self.first <= d <= self.last


def _kind_validator(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, DayKind) or value is DayKind.WEEKEND:
        allowed = ", ".join(k.name for k in DayKind if k is not DayKind.WEEKEND)
        raise InvalidValueError(f"AnnouncedDay.kind: expected one of {allowed}, got {value!r}")


@attrs.frozen
class AnnouncedDay:
    """One day of an :class:`Announcement`: its date, kind and names.

    ``kind`` is any :class:`DayKind` but ``WEEKEND``: ``HOLIDAY``, ``COMPENSATORY``,
    ``SWAP_DAY_OFF`` for a day off, ``SWAP_WORKDAY`` for a Saturday worked, ``WORKING`` for a day
    the announcement keeps (or makes) a working day.

    >>> AnnouncedDay(date(2027, 1, 1), DayKind.HOLIDAY, "Tết Dương lịch").name_en
    'Tết Dương lịch'
    """

    date: date = attrs.field(validator=date_field)
    kind: DayKind = attrs.field(validator=_kind_validator)
    name_vi: str = attrs.field(validator=_non_empty)
    name_en: str = attrs.field(default="")

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.name_en, str):
            raise InvalidValueError(f"name_en: expected a string, got {self.name_en!r}")
        if not self.name_en:
            object.__setattr__(self, "name_en", self.name_vi)


def _occasion_keys(value: Iterable[Any]) -> tuple[tuple[OccasionKind, int], ...]:
    out = []
    for item in value:
        if not (isinstance(item, tuple) and len(item) == 2):
            raise InvalidValueError(
                f"Announcement.occasions: expected (OccasionKind, year) pairs, got {item!r}"
            )
        kind, year = item
        if not isinstance(kind, OccasionKind):
            allowed = ", ".join(k.name for k in OccasionKind)
            raise InvalidValueError(
                f"Announcement.occasions: expected an occasion among {allowed}, got {kind!r}"
            )
        out.append((kind, check_int(year, "Announcement.occasions year")))
    return tuple(out)


def _announced_days(value: Iterable[Any]) -> tuple[AnnouncedDay, ...]:
    days = tuple(value)
    seen: set[date] = set()
    for day in days:
        if not isinstance(day, AnnouncedDay):
            raise ArgumentTypeError(
                f"Announcement.days: expected AnnouncedDay values, got {type(day).__name__}"
            )
        if day.date in seen:
            raise InvalidValueError(f"Announcement.days: {day.date} is listed twice")
        seen.add(day.date)
    return days


@attrs.frozen
class Announcement:
    """An official announcement of days off (thông báo nghỉ lễ, Tết, hoán đổi ngày làm việc).

    Add one to a calendar (:meth:`WorkingCalendar.with_announcements`, or
    ``vietnam_calendar(announcements=...)``; files: :mod:`tthc.announcements`) the day it
    appears, without waiting for a tthc release. Its ``days`` win over tthc's table and the
    ``holidays`` package, and it settles the ``occasions`` it names (by default, those whose window
    holds one of its days): their days are no longer provisional.

    >>> a = Announcement(
    ...     "Công văn 1/VPCP-KGVX (ví dụ)", date(2026, 12, 1),
    ...     days=[AnnouncedDay(date(2027, 4, 29), DayKind.SWAP_DAY_OFF, "Nghỉ hoán đổi"),
    ...           AnnouncedDay(date(2027, 5, 8), DayKind.SWAP_WORKDAY, "Làm bù")])
    >>> cal = vietnam_calendar(announcements=[a])
    >>> cal.is_working_day(date(2027, 4, 29)), cal.day_info(date(2027, 4, 29)).source
    (False, 'Công văn 1/VPCP-KGVX (ví dụ)')
    """

    source: str = attrs.field(validator=_non_empty)
    announced: date = attrs.field(validator=date_field)
    days: tuple[AnnouncedDay, ...] = attrs.field(default=(), converter=_announced_days)
    occasions: tuple[tuple[OccasionKind, int], ...] = attrs.field(
        default=(), converter=_occasion_keys
    )

    def __attrs_post_init__(self) -> None:
        if not self.days and not self.occasions:
            raise InvalidValueError(
                f"Announcement({self.source!r}): expected at least one day or one occasion"
            )


def _check_time(value: object, field: str) -> time:
    if not isinstance(value, time):
        raise ArgumentTypeError(f"{field}: expected a datetime.time, got {type(value).__name__}")
    if value.tzinfo is not None:
        raise TimezoneError(f"{field}: expected a naive wall-clock time, got {value!r}")
    return value


@attrs.frozen(order=True)
class Session:
    """One office session of a working day, ``[start, end)`` in Vietnamese wall time.

    >>> Session(time(7, 30), time(11, 30)).duration
    datetime.timedelta(seconds=14400)
    """

    start: time
    end: time

    def __attrs_post_init__(self) -> None:
        _check_time(self.start, "Session.start")
        _check_time(self.end, "Session.end")
        if not self.start < self.end:
            raise InvalidValueError(
                f"Session: expected start < end, got start={self.start} end={self.end}"
            )

    @property
    def duration(self) -> timedelta:
        """Length of the session."""
        return timedelta(microseconds=_time_us(self.end) - _time_us(self.start))


DEFAULT_SESSIONS = (Session(time(7, 30), time(11, 30)), Session(time(13, 0), time(17, 0)))
"""Office hours of the default calendar: 07:30–11:30 and 13:00–17:00."""

_ONE_US = timedelta(microseconds=1)


def _time_us(t: time) -> int:
    return ((t.hour * 60 + t.minute) * 60 + t.second) * 1_000_000 + t.microsecond


def _check_sessions(sessions: tuple[Session, ...]) -> tuple[Session, ...]:
    if not sessions:
        raise InvalidValueError("sessions: expected at least one Session, got none")
    for s in sessions:
        if not isinstance(s, Session):
            raise ArgumentTypeError(f"sessions: expected Session values, got {type(s).__name__}")
    ordered = tuple(sorted(sessions))
    for a, b in itertools.pairwise(ordered):
        if b.start < a.end:
            raise InvalidValueError(f"sessions: expected non-overlapping sessions, got {a} and {b}")
    return ordered


def _as_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value)


@attrs.frozen(eq=False)
class _Index:
    """Derived lookup structures of a calendar (never compared, never shown)."""

    working: tuple[int, ...]  # sorted ordinals of working days in the range
    special: Mapping[int, DayInfo]  # days that differ from the weekly pattern, or are named
    occasions: tuple[Occasion, ...]  # the occasions, settled by the announcements
    provisional: tuple[tuple[int, ...], tuple[int, ...]]  # merged (starts, ends) ordinals


@attrs.frozen
class WorkingCalendar:
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

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle and copy by the constructor's arguments; the lookup index is rebuilt.

        So a calendar goes to ``multiprocessing`` or a Dask worker, and ``copy.deepcopy`` works.
        """
        args = {a.alias: getattr(self, a.name) for a in attrs.fields(type(self)) if a.init}
        return (functools.partial(type(self), **args), ())

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

    def _ordinal(self, d: object, field: str = "d") -> int:
        return self._check_range(check_date(d, field), field)

    def _result(self, index: int, start: date, n: int) -> date:
        working = self._index.working
        if 0 <= index < len(working):
            return date.fromordinal(working[index])
        raise CalendarRangeError(
            f"{n:+d} working days from {start.isoformat()} falls outside the calendar's range "
            f"{self.first.isoformat()}..{self.last.isoformat()}"
        )

    def is_working_day(self, d: date) -> bool:
        """Whether ``d`` is a working day.

        >>> vietnam_calendar().is_working_day(date(2026, 1, 2))  # swapped for Sat 10/01
        False
        """
        o = self._ordinal(d)
        working = self._index.working
        i = bisect_left(working, o)
        return i < len(working) and working[i] == o

    def add_working_days(self, d: date, n: int) -> date:
        """The ``n``-th working day after ``d`` (see the module's conventions).

        >>> vietnam_calendar().add_working_days(date(2025, 4, 23), 3)  # Sat 26/04/2025 is worked
        datetime.date(2025, 4, 26)
        >>> vietnam_calendar().add_working_days(date(2026, 2, 14), 0)
        datetime.date(2026, 2, 23)
        """
        # The hot path of every deadline: checks and lookups inlined, results pre-built.
        if type(d) is not date:
            check_date(d, "d")
        if type(n) is not int:
            n = check_int(n, "n")
        o = d.toordinal()
        if not self._lo <= o <= self._hi:
            self._check_range(d, "d")
        i = bisect_right(self._ords, o) + n - 1 if n > 0 else bisect_left(self._ords, o) + n
        if 0 <= i < self._count:
            return self._dates[i]
        return self._result(i, d, n)

    def working_days_between(self, a: date, b: date) -> int:
        """The number of working days in ``(a, b]``; negative when ``b < a``.

        >>> vietnam_calendar().working_days_between(date(2026, 2, 12), date(2026, 2, 26))
        5
        """
        oa, ob = self._ordinal(a, "a"), self._ordinal(b, "b")
        working = self._index.working
        return bisect_right(working, ob) - bisect_right(working, oa)

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after ``d``."""
        return self.add_working_days(d, 1)

    def previous_working_day(self, d: date) -> date:
        """The last working day strictly before ``d``."""
        return self.add_working_days(d, -1)

    def roll_forward(self, d: date) -> date:
        """``d`` if it is a working day, else the next working day.

        >>> vietnam_calendar().roll_forward(date(2026, 2, 28))
        datetime.date(2026, 3, 2)
        """
        return self.add_working_days(d, 0)

    def roll_backward(self, d: date) -> date:
        """``d`` if it is a working day, else the previous working day.

        >>> vietnam_calendar().roll_backward(date(2026, 2, 22))
        datetime.date(2026, 2, 13)
        """
        o = self._ordinal(d)
        working = self._index.working
        return self._result(bisect_right(working, o) - 1, d, 0)

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

    def is_provisional(self, d: date) -> bool:
        """Whether an announcement still to come could change whether ``d`` is a working day.

        True exactly when ``d`` lies in the window of an occasion (Tết, 30/4–1/5, …) whose
        announcement neither tthc's table nor the calendar's announcements hold, or after
        ``provisional_after``. Tết 2027 is announced (Công văn 10065/VPCP-KGVX), 30/4–1/5 2027
        is not:

        >>> cal = vietnam_calendar()
        >>> cal.is_provisional(date(2027, 2, 5)), cal.is_provisional(date(2027, 5, 3))
        (False, True)
        """
        o = self._ordinal(d)
        return self._provisional_from(o, o)

    def is_provisional_between(self, start: date, end: date) -> bool:
        """Whether some day of ``[start, end]`` (either order) is provisional.

        >>> vietnam_calendar().is_provisional_between(date(2027, 3, 1), date(2027, 6, 1))
        True
        """
        oa, ob = self._ordinal(start, "start"), self._ordinal(end, "end")
        return self._provisional_from(min(oa, ob), max(oa, ob))

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
        for oc in self._index.occasions:
            if oc.kind is kind and oc.year == year:
                return oc
        raise InvalidValueError(f"occasion: no {kind!r} in {year!r} in this calendar")

    def provisional_occasions(self, year: int) -> tuple[Occasion, ...]:
        """The occasions of ``year`` still provisional, in date order.

        >>> [o.kind.name for o in vietnam_calendar().provisional_occasions(2027)]
        ['NEW_YEAR', 'HUNG_KINGS', 'REUNIFICATION_LABOUR', 'CULTURE_DAY']
        """
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

    def day_info(self, d: date) -> DayInfo:
        """Kind, names, source and provisional flag of one day.

        >>> info = vietnam_calendar().day_info(date(2026, 1, 10))
        >>> info.kind.name, info.provisional
        ('SWAP_WORKDAY', False)
        """
        o = self._ordinal(d)
        provisional = self._provisional_from(o, o)
        info = self._index.special.get(o)
        if info is not None:
            return attrs.evolve(info, provisional=provisional)
        if d.weekday() in self.weekend:
            return DayInfo(
                d, DayKind.WEEKEND, "Nghỉ hằng tuần", "Weekly rest day", _WEEKLY_REST_SOURCE,
                provisional, DataOrigin.WEEKLY,
            )  # fmt: skip
        return DayInfo(
            d, DayKind.WORKING, "Ngày làm việc", "Working day", _WEEKLY_REST_SOURCE, provisional,
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

    def add_working_time(self, dt: datetime, delta: timedelta) -> datetime:
        """The instant ``delta`` of working time after ``dt`` (before it, if negative).

        Time is counted only inside the sessions of working days. A result that falls exactly on
        a session's end stays there (10:30 + 1 h is 11:30, not 13:00); going backwards, one that
        falls on a session's start stays there. ``delta == 0`` returns ``dt`` itself (an aware
        ``dt`` converted to Asia/Ho_Chi_Minh, like every aware result).

        >>> cal = vietnam_calendar()
        >>> cal.add_working_time(datetime(2026, 3, 6, 16, 30), timedelta(hours=4))
        datetime.datetime(2026, 3, 9, 11, 0)
        >>> cal.add_working_time(datetime(2026, 3, 2, 9, 0), timedelta(hours=40))
        datetime.datetime(2026, 3, 9, 9, 0)
        """
        wall, aware = self._wall(dt, "dt")
        if not isinstance(delta, timedelta):
            raise ArgumentTypeError(f"delta: expected a timedelta, got {type(delta).__name__}")
        if not delta:
            return wall.replace(tzinfo=VIETNAM_TZ) if aware else wall
        us = delta // _ONE_US
        result = self._instant(self._coordinate(wall, "dt") + us, us > 0, "dt + delta")
        return result.replace(tzinfo=VIETNAM_TZ) if aware else result

    def working_time_between(self, a: datetime, b: datetime) -> timedelta:
        """Working time in ``[a, b)``; negative when ``b < a``. Both naive or both aware.

        >>> vietnam_calendar().working_time_between(
        ...     datetime(2026, 3, 6, 16, 30), datetime(2026, 3, 9, 8, 30))
        datetime.timedelta(seconds=5400)
        """
        wa, aware_a = self._wall(a, "a")
        wb, aware_b = self._wall(b, "b")
        if aware_a != aware_b:
            raise TimezoneError(
                f"working_time_between: a={a!r} and b={b!r} mix naive and aware datetimes; "
                "expected both naive (Vietnamese wall time) or both aware"
            )
        us = self._coordinate(wb, "b") - self._coordinate(wa, "a")
        return timedelta(microseconds=us)

    def is_working_instant(self, dt: datetime) -> bool:
        """Whether ``dt`` lies inside a session (``[start, end)``) of a working day."""
        wall, _ = self._wall(dt, "dt")
        o = self._check_range(wall.date(), "dt")
        i = bisect_left(self._ords, o)
        if i == self._count or self._ords[i] != o:
            return False
        t = _time_us(wall.time())
        return any(s <= t < e for s, e in self._session_bounds)

    def next_working_instant(self, dt: datetime) -> datetime:
        """``dt`` if it is inside a session of a working day, else the next session's start.

        >>> vietnam_calendar().next_working_instant(datetime(2026, 3, 6, 17, 0))
        datetime.datetime(2026, 3, 9, 7, 30)
        """
        wall, aware = self._wall(dt, "dt")
        if self.is_working_instant(wall):
            return wall.replace(tzinfo=VIETNAM_TZ) if aware else wall
        result = self._instant(self._coordinate(wall, "dt"), False, "next working instant")
        return result.replace(tzinfo=VIETNAM_TZ) if aware else result


def _package(years: range, **kwargs: Any) -> Any:
    import holidays  # deferred: importing tthc stays cheap

    return holidays.country_holidays("VN", years=years, **kwargs)


def _holiday_entries(years: range) -> list[DayInfo]:
    """Days from the ``holidays`` package (Vietnam) for ``years``, with structural kinds."""
    import holidays  # deferred: importing tthc stays cheap

    version = getattr(holidays, "__version__", "?")
    source = f"holidays {version} (Việt Nam, quy tắc Bộ luật Lao động 2019, Điều 111–112)"
    vi = _package(years, language="vi")
    en = _package(years, language="en_US")
    plain = _package(years, language="vi", observed=False)
    # The package marks a swapped day off only by its label template ("Ngày nghỉ (thay cho ngày
    # %s)"); use the package's own template rather than a copy of its wording.
    template = str(getattr(vi, "substituted_label", "") or "")
    swap_prefix = template.split("%", 1)[0] if "%" in template else None
    origin = DataOrigin.HOLIDAYS_PACKAGE
    entries = []
    for d in sorted(vi):
        if swap_prefix and vi[d].startswith(swap_prefix):
            kind = DayKind.SWAP_DAY_OFF
        elif d in plain:
            kind = DayKind.HOLIDAY
        elif d.weekday() < 5:
            kind = DayKind.COMPENSATORY
        else:  # pragma: no cover - the package only observes holidays on weekdays
            continue
        entries.append(DayInfo(d, kind, vi[d], en.get(d, vi[d]), source, origin=origin))
    for d in sorted(vi.weekend_workdays):
        kind = DayKind.SWAP_WORKDAY
        entries.append(DayInfo(d, kind, kind.label_vi, kind.label_en, source, origin=origin))
    return entries


def _occasion_cores(years: range) -> dict[tuple[OccasionKind, int], tuple[date, date]]:
    """The core days of each occasion of ``years`` (lunar dates from the ``holidays`` package)."""
    en = _package(years, language="en_US", observed=False)
    lunar = {name: {d.year: d for d, n in en.items() if n == name} for name in _LUNAR_NAMES}
    culture_since = date.fromisoformat(_calendar_data.CULTURE_DAY_SINCE)
    cores: dict[tuple[OccasionKind, int], tuple[date, date]] = {}
    for y in years:
        tet = lunar["Lunar New Year"].get(y)
        hung = lunar["Hung Kings' Commemoration Day"].get(y)
        if tet is None or hung is None:
            raise CalendarDataError(
                f"holidays package: no Tết or Giỗ Tổ in {y}; expected names {_LUNAR_NAMES}"
            )
        cores[OccasionKind.NEW_YEAR, y] = (date(y, 1, 1), date(y, 1, 1))
        cores[OccasionKind.TET, y] = (tet - timedelta(days=3), tet + timedelta(days=5))
        cores[OccasionKind.HUNG_KINGS, y] = (hung, hung)
        cores[OccasionKind.REUNIFICATION_LABOUR, y] = (date(y, 4, 30), date(y, 5, 1))
        cores[OccasionKind.NATIONAL_DAY, y] = (date(y, 9, 1), date(y, 9, 3))
        if date(y, 11, 24) >= culture_since:
            cores[OccasionKind.CULTURE_DAY, y] = (date(y, 11, 24), date(y, 11, 24))
    return cores


_LUNAR_NAMES = ("Lunar New Year", "Hung Kings' Commemoration Day")


def _occasions(first: date, last: date) -> tuple[Occasion, ...]:
    """Every occasion whose window meets ``[first, last]``, from the first official year on."""
    official_years = _calendar_data.OFFICIAL_YEARS
    announced = {
        (OccasionKind[key], year): (source, date.fromisoformat(iso))
        for year, key, source, iso in _calendar_data.ANNOUNCED_OCCASIONS
    }
    margin = timedelta(days=_calendar_data.OCCASION_MARGIN_DAYS)
    years = range(official_years[0], last.year + 2)
    out = []
    for (kind, year), (core_first, core_last) in sorted(
        _occasion_cores(years).items(), key=lambda item: (item[1][0], item[0][0].value)
    ):
        lo, hi = max(core_first - margin, first), min(core_last + margin, last)
        if lo > hi:
            continue
        if year in official_years:
            source = f"tthc: bảng năm {year} đầy đủ (docs/calendar-sources.md)"
            out.append(Occasion(kind, year, lo, hi, True, source))
        elif (kind, year) in announced:
            source, when = announced[kind, year]
            out.append(Occasion(kind, year, lo, hi, True, source, when))
        else:
            out.append(Occasion(kind, year, lo, hi, False))
    return tuple(out)


def _official_entries() -> list[DayInfo]:
    years = _calendar_data.OFFICIAL_YEARS
    announced = {year for year, *_ in _calendar_data.ANNOUNCED_OCCASIONS}
    out = []
    for iso, kind, name_vi, name_en, source in _calendar_data.OFFICIAL_DAYS:
        d = date.fromisoformat(iso)
        if d.year not in years and d.year not in announced:
            raise CalendarDataError(
                f"OFFICIAL_DAYS: {iso} is outside OFFICIAL_YEARS and ANNOUNCED_OCCASIONS"
            )
        out.append(
            DayInfo(d, DayKind[kind], name_vi, name_en, source, origin=DataOrigin.TTHC_TABLE)
        )
    return out


_DEFAULT_LOCK = threading.Lock()


def _nearest(
    d: date, occasions: Iterable[Occasion], cores: Mapping[Any, tuple[date, date]]
) -> Occasion | None:
    """The occasion whose core is nearest to ``d`` among those whose window holds it (the one a
    package day belongs to: Giỗ Tổ's and 30/4's windows overlap, their cores do not)."""
    best: int | None = None
    key: Occasion | None = None
    for oc in occasions:
        if d in oc:
            a, b = cores[oc.kind, oc.year]
            distance = max((a - d).days, (d - b).days, 0)
            if best is None or distance < best:
                best, key = distance, oc
    return key


def _culture_day(entry: DayInfo) -> DayInfo:
    """The 24/11 rule's entry for a year after the table (tthc's names and source)."""
    return attrs.evolve(
        entry,
        name_vi="Ngày Văn hóa Việt Nam",
        name_en="Vietnamese Culture Day",
        source=_calendar_data.CULTURE_DAY_SOURCE,
        origin=DataOrigin.TTHC_RULE,
    )


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

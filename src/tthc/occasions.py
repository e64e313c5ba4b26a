"""Occasions and announcements of days off: Tết, Quốc khánh, … and the documents that settle them.

An :class:`Occasion` is one occasion (:class:`OccasionKind`) of one year with its window of days
and whether its announcement is known; until it is, every day of the window is provisional. An
:class:`Announcement` (of :class:`AnnouncedDay` values) is an official notice of days off that a
user adds to a calendar the day it appears; the files that hold announcements are read by
:mod:`tthc.announcements`. Every name is re-exported by :mod:`tthc.calendar`.

>>> from datetime import date
>>> from tthc.days import DayKind
>>> AnnouncedDay(date(2027, 4, 29), DayKind.SWAP_DAY_OFF, "Nghỉ hoán đổi").name_en
'Nghỉ hoán đổi'
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

import attrs

from tthc import _calendar_data
from tthc.days import DayKind, _non_empty, _of_type
from tthc.errors import ArgumentTypeError, InvalidValueError
from tthc.labelled import LabelledEnum
from tthc.validators import check_int, date_field, optional

__all__ = ["AnnouncedDay", "Announcement", "Occasion", "OccasionKind"]


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

    >>> from tthc.calendar import vietnam_calendar
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

    >>> from tthc.calendar import vietnam_calendar
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

"""The days of the working calendar: their kinds, what the calendar knows of one, overrides.

A day is a working day or not for a reason (:class:`DayKind`: weekly rest, holiday, compensatory
day off, swap, local closure, extra working day); :class:`DayInfo` is what a
:class:`~tthc.calendar.WorkingCalendar` knows about one day (kind, names, source document, where
the answer came from: :class:`DataOrigin`); an :class:`Override` is a local or late change of one
day. Every name is re-exported by :mod:`tthc.calendar`.

>>> from datetime import date
>>> Override(date(2026, 10, 27), DayKind.CLOSURE, "Bão", "QĐ 99/QĐ-UBND").kind.label_vi
'Nghỉ theo quyết định địa phương'
"""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs

from tthc.errors import ArgumentTypeError, InvalidValueError
from tthc.labelled import LabelledEnum
from tthc.validators import date_field

__all__ = ["DataOrigin", "DayInfo", "DayKind", "Override"]

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

"""Reports: reporting periods, Biểu số 06/VPCP/KSTT, the QĐ 766 progress score, inspections.

Reporting periods
-----------------
A :class:`ReportingPeriod` is a month, quarter, half year, nine months or year under one of two
conventions (:class:`PeriodConvention`):

* ``CUTOFF_14`` (default), the statistics cut-off of NĐ 09/2019/NĐ-CP Điều 12: a month runs from
  the 15th of the previous month to the 14th; Q1 is 15/12–14/3, Q2 15/3–14/6, Q3 15/6–14/9, Q4
  15/9–14/12; the first half 15/12–14/6; nine months 15/12–14/9; the year 15/12–14/12.
* ``CALENDAR``: calendar months, quarters and years (the national portal's QĐ 766 dashboards).

>>> from datetime import date
>>> p = ReportingPeriod.quarter(2026, 1)
>>> p.start, p.end
(datetime.date(2025, 12, 15), datetime.date(2026, 3, 14))
>>> p.label_vi, p.label_en
('Quý I năm 2026', 'Q1 2026')
>>> ReportingPeriod.month(2026, 3, convention=PeriodConvention.CALENDAR).end
datetime.date(2026, 3, 31)
>>> p.contains(date(2026, 3, 15))
False

Biểu số 06
----------
:class:`Form06` is the table "Tình hình, kết quả giải quyết TTHC tại cơ quan, đơn vị trực tiếp
giải quyết TTHC" (Biểu số 06/VPCP/KSTT, TT 01/2020/TT-VPCP): one :class:`Form06Row` per group
(by default per agency and field), columns (3)–(13) (:class:`Form06Column`) and three columns
tthc adds after them for dossiers that ended without a decision (withdrawn, stopped, closed).
Every row's sums are checked when it is built, and so is the conservation law "every dossier
received is resolved, in progress or ended without a decision":

* (3) = (4) + (5) + (6); (7) = (8) + (9) + (10); (11) = (12) + (13); (14) = (15) + (16) + (17);
* (3) = (7) + (11) + (14).

Tables of the same period and grouping add up (``a + b``, :meth:`Form06.combine`), so partitions
of a data set can be counted apart (in processes, in Dask) and summed.

>>> row = Form06Row.of(("UBND xã A", "Hộ tịch"), received_online=3, received_in_person=2,
...                    carried_over=1, early=2, on_time=1, late=1, within_time=1, overdue=0,
...                    withdrawn=1)
>>> row.received, row.resolved, row.in_progress, row.ended
(6, 4, 1, 1)
>>> table = Form06(ReportingPeriod.month(2026, 3), ("agency", "field"), [row])
>>> (table + table).total.received
12
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any, ClassVar, Literal

import attrs

from tthc.calendar import VIETNAM_TZ, WorkingCalendar, vietnam_calendar, wall_date
from tthc.classify import Classification, FindingKind, Outcome, classify, findings
from tthc.deadlines import deadline
from tthc.errors import DateTypeError, InvalidValueError, ReportError
from tthc.models import (
    Apologized,
    Channel,
    Closed,
    Dossier,
    GovernmentLevel,
    Procedure,
    Resolved,
    ServiceLevel,
    Stopped,
    SupplementReceived,
    SupplementRequested,
    Withdrawn,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "FORM06_GROUP_KEYS",
    "QD766_PROGRESS",
    "Form06",
    "Form06Column",
    "Form06Row",
    "InspectionReport",
    "LateDossier",
    "OnlineCoverage",
    "PeriodConvention",
    "PeriodKind",
    "Placement",
    "ProgressScore",
    "ProgressScoreConfig",
    "ReportingPeriod",
    "form06",
    "inspection_report",
    "place",
    "progress_score",
]

_MIN_YEAR = 1901
_MAX_YEAR = 9998

Language = Literal["vi", "en"]


# -- reporting periods -------------------------------------------------------------------------


class PeriodConvention(enum.Enum):
    """Where reporting periods start and end.

    ``CUTOFF_14``: from the 15th of the previous month to the 14th (NĐ 09/2019/NĐ-CP Điều 12, the
    period of the periodic TTHC reports and Biểu số 06). ``CALENDAR``: calendar months.
    """

    CUTOFF_14 = "cutoff_14"
    CALENDAR = "calendar"

    @property
    def label_vi(self) -> str:
        """Vietnamese name."""
        if self is PeriodConvention.CUTOFF_14:
            return "Kỳ báo cáo từ ngày 15 tháng trước đến ngày 14 (NĐ 09/2019/NĐ-CP Điều 12)"
        return "Theo tháng dương lịch"

    @property
    def label_en(self) -> str:
        """English name."""
        if self is PeriodConvention.CUTOFF_14:
            return "15th of the previous month to the 14th (NĐ 09/2019/NĐ-CP Art. 12)"
        return "Calendar months"


class PeriodKind(enum.Enum):
    """The length of a reporting period."""

    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    NINE_MONTHS = "nine_months"
    YEAR = "year"

    @property
    def label_vi(self) -> str:
        """Vietnamese name."""
        return {
            "month": "Tháng",
            "quarter": "Quý",
            "half": "6 tháng",
            "nine_months": "9 tháng",
            "year": "Năm",
        }[self.value]

    @property
    def label_en(self) -> str:
        """English name."""
        return {
            "month": "Month",
            "quarter": "Quarter",
            "half": "Half year",
            "nine_months": "Nine months",
            "year": "Year",
        }[self.value]


# number of periods of each kind in a year, and their length in months
_PERIOD_COUNT = {
    PeriodKind.MONTH: 12,
    PeriodKind.QUARTER: 4,
    PeriodKind.HALF: 2,
    PeriodKind.NINE_MONTHS: 1,
    PeriodKind.YEAR: 1,
}
_PERIOD_MONTHS = {
    PeriodKind.MONTH: 1,
    PeriodKind.QUARTER: 3,
    PeriodKind.HALF: 6,
    PeriodKind.NINE_MONTHS: 9,
    PeriodKind.YEAR: 12,
}
_ROMAN = ("I", "II", "III", "IV")
_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _check_int(value: object, field: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValueError(
            f"{field}: expected an int from {low} to {high}, got {type(value).__name__} {value!r}"
        )
    if not low <= value <= high:
        raise InvalidValueError(f"{field}: expected an int from {low} to {high}, got {value!r}")
    return value


def _check_day(value: object, field: str) -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise DateTypeError(
            f"{field}: expected a date (not a datetime), got {type(value).__name__} {value!r}"
        )
    return value


def _month_end(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date.fromordinal(date(year, month + 1, 1).toordinal() - 1)


def _period_bounds(
    kind: PeriodKind, year: int, index: int, convention: PeriodConvention
) -> tuple[date, date]:
    length = _PERIOD_MONTHS[kind]
    last_month = index * length  # 1..12
    first_month = last_month - length + 1
    if convention is PeriodConvention.CALENDAR:
        return date(year, first_month, 1), _month_end(year, last_month)
    # CUTOFF_14: the 15th of the month before the first month, to the 14th of the last month
    start = date(year - 1, 12, 15) if first_month == 1 else date(year, first_month - 1, 15)
    return start, date(year, last_month, 14)


def _check_kind_index(
    instance: ReportingPeriod, attribute: attrs.Attribute[Any], value: int
) -> None:
    _check_int(
        value, f"ReportingPeriod.index ({instance.kind.value})", 1, _PERIOD_COUNT[instance.kind]
    )


@attrs.frozen
class ReportingPeriod:
    """A reporting period (kỳ báo cáo): a month, quarter, half, nine months or year.

    Build it with the named constructors (``month``, ``quarter``, ``half``, ``nine_months``,
    ``year``, ``containing``); ``start`` and ``end`` are both inclusive dates. ``report_year`` is
    the year the period reports on: under CUTOFF_14, January's and the year's periods of 2026
    start on 2025-12-15. ``index`` is the month (1–12), quarter (1–4) or half (1–2), else 1.

    Basis: NĐ 09/2019/NĐ-CP Điều 12 (thời gian chốt số liệu báo cáo: from the 15th of the month
    before the period to the 14th of its last month) for ``PeriodConvention.CUTOFF_14``.

    >>> ReportingPeriod.month(2026, 1).start
    datetime.date(2025, 12, 15)
    >>> ReportingPeriod.year(2026).label_vi
    'Năm 2026'
    >>> ReportingPeriod.half(2026, 3)
    Traceback (most recent call last):
    ...
    tthc.errors.InvalidValueError: ReportingPeriod.index (half): expected an int from 1 to 2, got 3
    """

    kind: PeriodKind = attrs.field(
        validator=attrs.validators.instance_of(PeriodKind),
    )
    report_year: int = attrs.field()
    index: int = attrs.field(validator=_check_kind_index)
    convention: PeriodConvention = attrs.field(
        default=PeriodConvention.CUTOFF_14,
        validator=attrs.validators.instance_of(PeriodConvention),
    )
    start: date = attrs.field(init=False, eq=False, repr=False)
    end: date = attrs.field(init=False, eq=False, repr=False)

    @report_year.validator
    def _check_year(self, attribute: attrs.Attribute[Any], value: object) -> None:
        _check_int(value, "ReportingPeriod.report_year", _MIN_YEAR, _MAX_YEAR)

    def __attrs_post_init__(self) -> None:
        start, end = _period_bounds(self.kind, self.report_year, self.index, self.convention)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)

    # -- constructors

    @classmethod
    def month(
        cls, year: int, month: int, *, convention: PeriodConvention = PeriodConvention.CUTOFF_14
    ) -> ReportingPeriod:
        """Month ``month`` of ``year`` (CUTOFF_14: the 15th of the previous month to the 14th)."""
        return cls(PeriodKind.MONTH, year, month, convention)

    @classmethod
    def quarter(
        cls, year: int, quarter: int, *, convention: PeriodConvention = PeriodConvention.CUTOFF_14
    ) -> ReportingPeriod:
        """Quarter 1–4 (CUTOFF_14: Q1 15/12–14/3, Q2 15/3–14/6, Q3 15/6–14/9, Q4 15/9–14/12)."""
        return cls(PeriodKind.QUARTER, year, quarter, convention)

    @classmethod
    def half(
        cls, year: int, half: int, *, convention: PeriodConvention = PeriodConvention.CUTOFF_14
    ) -> ReportingPeriod:
        """Half 1 or 2 (CUTOFF_14: 15/12–14/6 and 15/6–14/12)."""
        return cls(PeriodKind.HALF, year, half, convention)

    @classmethod
    def nine_months(
        cls, year: int, *, convention: PeriodConvention = PeriodConvention.CUTOFF_14
    ) -> ReportingPeriod:
        """The first nine months (CUTOFF_14: 15/12 of the previous year to 14/9)."""
        return cls(PeriodKind.NINE_MONTHS, year, 1, convention)

    @classmethod
    def year(
        cls, year: int, *, convention: PeriodConvention = PeriodConvention.CUTOFF_14
    ) -> ReportingPeriod:
        """The whole year (CUTOFF_14: 15/12 of the previous year to 14/12)."""
        return cls(PeriodKind.YEAR, year, 1, convention)

    @classmethod
    def containing(
        cls,
        d: date,
        kind: PeriodKind = PeriodKind.MONTH,
        *,
        convention: PeriodConvention = PeriodConvention.CUTOFF_14,
    ) -> ReportingPeriod:
        """The period of ``kind`` that contains ``d`` (NINE_MONTHS periods do not cover a year).

        >>> ReportingPeriod.containing(date(2025, 12, 20)).label_en
        'January 2026'
        >>> ReportingPeriod.containing(date(2025, 12, 20), PeriodKind.YEAR).report_year
        2026
        """
        _check_day(d, "ReportingPeriod.containing(d)")
        if not isinstance(kind, PeriodKind) or kind is PeriodKind.NINE_MONTHS:
            raise InvalidValueError(
                f"ReportingPeriod.containing(kind): expected MONTH, QUARTER, HALF or YEAR, "
                f"got {kind!r}"
            )
        year, month = d.year, d.month
        if convention is PeriodConvention.CUTOFF_14 and d.day >= 15:
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        index = (month - 1) // _PERIOD_MONTHS[kind] + 1
        return cls(kind, year, index, convention)

    # -- queries

    def contains(self, d: date) -> bool:
        """Whether the date ``d`` falls in the period (both ends included).

        A ``datetime`` is refused: pass ``moment.date()`` (in Vietnamese time) explicitly.
        """
        _check_day(d, "ReportingPeriod.contains(d)")
        return self.start <= d <= self.end

    @property
    def days(self) -> int:
        """The number of calendar days in the period."""
        return (self.end - self.start).days + 1

    @property
    def label_vi(self) -> str:
        """Vietnamese label, e.g. ``Tháng 03 năm 2026``, ``Quý I năm 2026``."""
        if self.kind is PeriodKind.MONTH:
            return f"Tháng {self.index:02d} năm {self.report_year}"
        if self.kind is PeriodKind.QUARTER:
            return f"Quý {_ROMAN[self.index - 1]} năm {self.report_year}"
        if self.kind is PeriodKind.HALF:
            which = "đầu" if self.index == 1 else "cuối"
            return f"6 tháng {which} năm {self.report_year}"
        if self.kind is PeriodKind.NINE_MONTHS:
            return f"9 tháng năm {self.report_year}"
        return f"Năm {self.report_year}"

    @property
    def label_en(self) -> str:
        """English label, e.g. ``March 2026``, ``Q1 2026``, ``H2 2026``."""
        if self.kind is PeriodKind.MONTH:
            return f"{_MONTHS_EN[self.index - 1]} {self.report_year}"
        if self.kind is PeriodKind.QUARTER:
            return f"Q{self.index} {self.report_year}"
        if self.kind is PeriodKind.HALF:
            return f"H{self.index} {self.report_year}"
        if self.kind is PeriodKind.NINE_MONTHS:
            return f"First nine months of {self.report_year}"
        return f"Year {self.report_year}"

    def label(self, lang: Language = "vi") -> str:
        """The label in ``lang`` ("vi" or "en")."""
        return self.label_vi if _check_lang(lang) == "vi" else self.label_en

    def __str__(self) -> str:
        return f"{self.label_vi} ({self.start:%d/%m/%Y}–{self.end:%d/%m/%Y})"


def _check_lang(lang: object) -> Language:
    if lang == "vi":
        return "vi"
    if lang == "en":
        return "en"
    raise InvalidValueError(f"lang: expected 'vi' or 'en', got {lang!r}")


# -- Biểu số 06 ----------------------------------------------------------------------------------


class Form06Column(enum.Enum):
    """The count columns of Biểu số 06/VPCP/KSTT, numbered as on the form.

    (3)–(13) are the form's; (14)–(17) are tthc's addition for dossiers that ended without a
    decision (withdrawn, stopped, closed for want of a supplement), which the form has no column
    for. Each member's value is the ``Form06Row`` attribute it reads.

    Basis: TT 01/2020/TT-VPCP, Biểu số 06/VPCP/KSTT.

    >>> Form06Column.LATE.number, Form06Column.LATE.label_vi, Form06Column.LATE.label_en
    (10, 'Quá hạn', 'Late')
    >>> Form06Column.LATE.block_vi
    'Số hồ sơ đã giải quyết'
    """

    RECEIVED = "received"
    RECEIVED_ONLINE = "received_online"
    RECEIVED_IN_PERSON = "received_in_person"
    CARRIED_OVER = "carried_over"
    RESOLVED = "resolved"
    EARLY = "early"
    ON_TIME = "on_time"
    LATE = "late"
    IN_PROGRESS = "in_progress"
    WITHIN_TIME = "within_time"
    OVERDUE = "overdue"
    ENDED = "ended"
    WITHDRAWN = "withdrawn"
    STOPPED = "stopped"
    CLOSED = "closed"

    @property
    def number(self) -> int:
        """The column's number on the form: (3)–(13), then tthc's (14)–(17)."""
        return _COLUMN_INFO[self][0]

    @property
    def label_vi(self) -> str:
        """Vietnamese header."""
        return _COLUMN_INFO[self][1]

    @property
    def label_en(self) -> str:
        """English header."""
        return _COLUMN_INFO[self][2]

    @property
    def block(self) -> Form06Column:
        """The total column of the column's block (RECEIVED, RESOLVED, IN_PROGRESS or ENDED)."""
        return _COLUMN_INFO[self][3]

    @property
    def block_vi(self) -> str:
        """Vietnamese header of the column's block."""
        return _BLOCK_LABELS[self.block][0]

    @property
    def block_en(self) -> str:
        """English header of the column's block."""
        return _BLOCK_LABELS[self.block][1]

    @property
    def is_total(self) -> bool:
        """Whether this is a block's total column ("Tổng số")."""
        return self.block is self

    @property
    def official(self) -> bool:
        """Whether the column is on the official form ((3)–(13)), not a tthc addition."""
        return self.number <= 13

    def label(self, lang: Language = "vi") -> str:
        """The header in ``lang`` ("vi" or "en")."""
        return self.label_vi if _check_lang(lang) == "vi" else self.label_en


_C = Form06Column
_COLUMN_INFO: dict[Form06Column, tuple[int, str, str, Form06Column]] = {
    _C.RECEIVED: (3, "Tổng số", "Total", _C.RECEIVED),
    _C.RECEIVED_ONLINE: (4, "Trực tuyến", "Online", _C.RECEIVED),
    _C.RECEIVED_IN_PERSON: (
        5,
        "Trực tiếp, dịch vụ bưu chính",
        "In person or by post",
        _C.RECEIVED,
    ),
    _C.CARRIED_OVER: (6, "Từ kỳ trước", "Carried over", _C.RECEIVED),
    _C.RESOLVED: (7, "Tổng số", "Total", _C.RESOLVED),
    _C.EARLY: (8, "Trước hạn", "Early", _C.RESOLVED),
    _C.ON_TIME: (9, "Đúng hạn", "On time", _C.RESOLVED),
    _C.LATE: (10, "Quá hạn", "Late", _C.RESOLVED),
    _C.IN_PROGRESS: (11, "Tổng số", "Total", _C.IN_PROGRESS),
    _C.WITHIN_TIME: (12, "Trong hạn", "Within time", _C.IN_PROGRESS),
    _C.OVERDUE: (13, "Quá hạn", "Overdue", _C.IN_PROGRESS),
    _C.ENDED: (14, "Tổng số", "Total", _C.ENDED),
    _C.WITHDRAWN: (15, "Rút hồ sơ", "Withdrawn", _C.ENDED),
    _C.STOPPED: (16, "Dừng giải quyết", "Stopped", _C.ENDED),
    _C.CLOSED: (17, "Đóng hồ sơ (không bổ sung)", "Closed (no supplement)", _C.ENDED),
}
_BLOCK_LABELS: dict[Form06Column, tuple[str, str]] = {
    _C.RECEIVED: ("Số hồ sơ nhận giải quyết", "Dossiers received"),
    _C.RESOLVED: ("Số hồ sơ đã giải quyết", "Dossiers resolved"),
    _C.IN_PROGRESS: ("Số hồ sơ đang giải quyết", "Dossiers in progress"),
    _C.ENDED: (
        "Số hồ sơ kết thúc không giải quyết (tthc bổ sung)",
        "Dossiers ended without a decision (tthc addition)",
    ),
}
_BLOCKS: dict[Form06Column, tuple[Form06Column, ...]] = {
    total: tuple(c for c in Form06Column if c.block is total and c is not total)
    for total in _BLOCK_LABELS
}
_LEAVES: tuple[Form06Column, ...] = tuple(c for c in Form06Column if not c.is_total)

FORM06_GROUP_KEYS: tuple[str, ...] = ("agency", "field", "procedure", "level")
"""The row groupings ``form06`` knows: the dossier's agency, the procedure's field (lĩnh vực), the
procedure's code, and the procedure's level of government (its ``label_vi``)."""

ROW_LABELS = {
    "agency": ("Cơ quan, đơn vị", "Agency"),
    "field": ("Lĩnh vực", "Field"),
    "procedure": ("Thủ tục", "Procedure"),
    "level": ("Cấp thực hiện", "Level"),
}


def _count(instance: Form06Row, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidValueError(
            f"Form06Row.{attribute.name} (row {instance.key!r}): expected an int >= 0, got "
            f"{type(value).__name__} {value!r}"
        )


def _as_key(value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidValueError(
            f"Form06Row.key: expected a tuple of str (one per grouping), got {value!r}"
        )
    out = tuple(value)
    for part in out:
        if not isinstance(part, str):
            raise InvalidValueError(
                f"Form06Row.key: expected a tuple of str (one per grouping), got {out!r}"
            )
    return out


_counter = attrs.field(validator=_count)


@attrs.frozen
class Form06Row:
    """One row of Biểu số 06: the counts of one group (e.g. one agency's field).

    Every column is stored; the constructor checks the sums and raises
    :class:`~tthc.errors.ReportError` naming the row and the sum that fails. Use :meth:`of` to
    give only the detail columns and have the totals computed.

    >>> Form06Row(("X",), received=2, received_online=1, received_in_person=0, carried_over=0,
    ...           resolved=0, early=0, on_time=0, late=0, in_progress=0, within_time=0,
    ...           overdue=0, ended=0, withdrawn=0, stopped=0, closed=0)
    Traceback (most recent call last):
    ...
    tthc.errors.ReportError: Biểu 06 row ('X',): (3) received = 2 but (4) + (5) + (6) = 1 + 0 + 0 = 1
    """

    key: tuple[str, ...] = attrs.field(converter=_as_key)
    received: int = _counter
    received_online: int = _counter
    received_in_person: int = _counter
    carried_over: int = _counter
    resolved: int = _counter
    early: int = _counter
    on_time: int = _counter
    late: int = _counter
    in_progress: int = _counter
    within_time: int = _counter
    overdue: int = _counter
    ended: int = _counter
    withdrawn: int = _counter
    stopped: int = _counter
    closed: int = _counter

    def __attrs_post_init__(self) -> None:
        for total, parts in _BLOCKS.items():
            values = [getattr(self, p.value) for p in parts]
            if getattr(self, total.value) != sum(values):
                numbers = " + ".join(f"({p.number})" for p in parts)
                shown = " + ".join(str(v) for v in values)
                raise ReportError(
                    f"Biểu 06 row {self.key!r}: ({total.number}) {total.value} = "
                    f"{getattr(self, total.value)} but {numbers} = {shown} = {sum(values)}"
                )
        out = self.resolved + self.in_progress + self.ended
        if self.received != out:
            raise ReportError(
                f"Biểu 06 row {self.key!r}: (3) received = {self.received} but (7) resolved + "
                f"(11) in progress + (14) ended = {self.resolved} + {self.in_progress} + "
                f"{self.ended} = {out}: every dossier received must be in exactly one of them"
            )

    @classmethod
    def of(
        cls,
        key: Sequence[str],
        *,
        received_online: int = 0,
        received_in_person: int = 0,
        carried_over: int = 0,
        early: int = 0,
        on_time: int = 0,
        late: int = 0,
        within_time: int = 0,
        overdue: int = 0,
        withdrawn: int = 0,
        stopped: int = 0,
        closed: int = 0,
    ) -> Form06Row:
        """A row from its detail columns; the totals (3), (7), (11), (14) are computed.

        The conservation law (3) = (7) + (11) + (14) is still checked.
        """
        counts = {
            "received_online": received_online,
            "received_in_person": received_in_person,
            "carried_over": carried_over,
            "early": early,
            "on_time": on_time,
            "late": late,
            "within_time": within_time,
            "overdue": overdue,
            "withdrawn": withdrawn,
            "stopped": stopped,
            "closed": closed,
        }
        for name, value in counts.items():
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise InvalidValueError(
                    f"Form06Row.{name} (row {tuple(key)!r}): expected an int >= 0, got "
                    f"{type(value).__name__} {value!r}"
                )
        totals = {
            total.value: sum(counts[p.value] for p in parts) for total, parts in _BLOCKS.items()
        }
        return cls(key, **counts, **totals)

    @classmethod
    def zero(cls, key: Sequence[str]) -> Form06Row:
        """A row of zeros."""
        return cls.of(key)

    def count(self, column: Form06Column) -> int:
        """The value of ``column``."""
        if not isinstance(column, Form06Column):
            raise InvalidValueError(
                f"Form06Row.count(column): expected a Form06Column, got {column!r}"
            )
        value: int = getattr(self, column.value)
        return value

    def counts(self) -> dict[Form06Column, int]:
        """Every column's value, in the form's order."""
        return {c: getattr(self, c.value) for c in Form06Column}

    @property
    def is_zero(self) -> bool:
        """Whether every count is 0."""
        return self.received == 0

    def with_key(self, key: Sequence[str]) -> Form06Row:
        """The same counts under another key."""
        return attrs.evolve(self, key=tuple(key))

    def __add__(self, other: object) -> Form06Row:
        if not isinstance(other, Form06Row):
            return NotImplemented
        if other.key != self.key:
            raise ReportError(
                f"Biểu 06: cannot add row {other.key!r} to row {self.key!r} (different groups)"
            )
        return Form06Row(
            self.key, **{c.value: getattr(self, c.value) + getattr(other, c.value) for c in _C}
        )


def _as_rows(value: object) -> tuple[Form06Row, ...]:
    if isinstance(value, Mapping):
        value = value.values()
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidValueError(f"Form06.rows: expected an iterable of Form06Row, got {value!r}")
    merged: dict[tuple[str, ...], Form06Row] = {}
    for row in value:
        if not isinstance(row, Form06Row):
            raise InvalidValueError(
                f"Form06.rows: expected Form06Row items, got {type(row).__name__} {row!r}"
            )
        if row.key in merged:
            raise ReportError(f"Biểu 06: two rows for the group {row.key!r}")
        merged[row.key] = row
    return tuple(merged[k] for k in sorted(merged) if not merged[k].is_zero)


def _as_group_by(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = (value,)
    if not isinstance(value, Iterable):
        raise InvalidValueError(
            f"group_by: expected a tuple of names from {FORM06_GROUP_KEYS}, got {value!r}"
        )
    out = tuple(value)
    for name in out:
        if name not in FORM06_GROUP_KEYS:
            raise InvalidValueError(
                f"group_by: expected names from {FORM06_GROUP_KEYS}, got {name!r} in {out!r}"
            )
    if len(set(out)) != len(out):
        raise InvalidValueError(f"group_by: expected distinct names, got {out!r}")
    return out


@attrs.frozen
class Form06:
    """Biểu số 06/VPCP/KSTT for one period: rows per group and a total row.

    "Tình hình, kết quả giải quyết TTHC tại cơ quan, đơn vị trực tiếp giải quyết TTHC"; unit:
    dossiers (hồ sơ). ``rows`` are sorted by key, with all-zero rows dropped, so two tables with
    the same counts are equal however they were built. Each row's key has one value per
    ``group_by`` name. Build it from dossiers with :func:`form06`, or from counts (a columnar
    batch run) with the constructor.

    Basis: TT 01/2020/TT-VPCP (21/10/2020), Biểu số 06/VPCP/KSTT; NĐ 09/2019/NĐ-CP Điều 12 for
    the period.

    >>> p = ReportingPeriod.month(2026, 3)
    >>> a = Form06(p, ("field",), [Form06Row.of(("Hộ tịch",), received_online=2, early=2)])
    >>> b = Form06(p, ("field",), [Form06Row.of(("Chứng thực",), received_in_person=1, late=1),
    ...                            Form06Row.of(("Hộ tịch",), carried_over=1, overdue=1)])
    >>> [(r.key, r.received) for r in (a + b).rows]
    [(('Chứng thực',), 1), (('Hộ tịch',), 3)]
    >>> (a + b).total.counts()[Form06Column.RESOLVED]
    3
    >>> a + Form06(ReportingPeriod.month(2026, 4), ("field",), [])
    Traceback (most recent call last):
    ...
    tthc.errors.ReportError: Biểu 06: cannot combine tables of different periods (Tháng 03 năm 2026 (15/02/2026–14/03/2026) and Tháng 04 năm 2026 (15/03/2026–14/04/2026))
    """

    period: ReportingPeriod = attrs.field(validator=attrs.validators.instance_of(ReportingPeriod))
    group_by: tuple[str, ...] = attrs.field(converter=_as_group_by)
    rows: tuple[Form06Row, ...] = attrs.field(converter=_as_rows)

    TOTAL_LABEL: ClassVar[dict[str, str]] = {"vi": "Tổng cộng", "en": "Total"}

    @rows.validator
    def _check_keys(self, attribute: attrs.Attribute[Any], value: tuple[Form06Row, ...]) -> None:
        for row in value:
            if len(row.key) != len(self.group_by):
                raise ReportError(
                    f"Biểu 06: row {row.key!r} has {len(row.key)} key values but the table is "
                    f"grouped by {self.group_by!r}"
                )

    @property
    def total(self) -> Form06Row:
        """The total row (tổng cộng): the column sums, with an empty key."""
        total = Form06Row.zero(())
        for row in self.rows:
            total = total + row.with_key(())
        return total

    def __iter__(self) -> Iterator[Form06Row]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def row(self, *key: str) -> Form06Row:
        """The row of ``key`` (a row of zeros if the group had no dossier)."""
        for r in self.rows:
            if r.key == key:
                return r
        if len(key) != len(self.group_by):
            raise InvalidValueError(
                f"Form06.row(*key): expected {len(self.group_by)} values ({self.group_by!r}), "
                f"got {key!r}"
            )
        return Form06Row.zero(key)

    # -- combining

    @classmethod
    def empty(
        cls, period: ReportingPeriod, group_by: Sequence[str] = ("agency", "field")
    ) -> Form06:
        """A table with no rows (the neutral element of ``+``)."""
        return cls(period, tuple(group_by), ())

    @classmethod
    def combine(cls, *tables: Form06) -> Form06:
        """The sum of tables counted on disjoint parts of the data (same period and grouping).

        Raises :class:`~tthc.errors.ReportError` when the periods or groupings differ: adding a
        March table to an April one would double-count carried-over dossiers.
        """
        if not tables:
            raise ReportError("Form06.combine: expected at least one table, got none")
        first = tables[0]
        for t in tables:
            if not isinstance(t, Form06):
                raise InvalidValueError(
                    f"Form06.combine: expected Form06 tables, got {type(t).__name__} {t!r}"
                )
            if t.period != first.period:
                raise ReportError(
                    f"Biểu 06: cannot combine tables of different periods ({first.period} and "
                    f"{t.period})"
                )
            if t.group_by != first.group_by:
                raise ReportError(
                    f"Biểu 06: cannot combine tables grouped differently ({first.group_by!r} and "
                    f"{t.group_by!r})"
                )
        merged: dict[tuple[str, ...], Form06Row] = {}
        for t in tables:
            for r in t.rows:
                merged[r.key] = merged[r.key] + r if r.key in merged else r
        return cls(first.period, first.group_by, merged.values())

    def __add__(self, other: object) -> Form06:
        if not isinstance(other, Form06):
            return NotImplemented
        return Form06.combine(self, other)

    # -- output

    def headers(self, lang: Language = "vi", *, extra: bool = True) -> tuple[str, ...]:
        """Flat column headers: STT, the grouping names, then "(n) block: column".

        >>> Form06.empty(ReportingPeriod.month(2026, 3), ("field",)).headers("en", extra=False)[:4]
        ('No.', 'Field', '(3) Dossiers received: Total', '(4) Dossiers received: Online')
        """
        lang = _check_lang(lang)
        i = 0 if lang == "vi" else 1
        stt = "STT" if lang == "vi" else "No."
        names = tuple(ROW_LABELS[g][i] for g in self.group_by)
        cols = tuple(
            f"({c.number}) {(c.block_vi, c.block_en)[i]}: {c.label(lang)}" for c in _columns(extra)
        )
        return (stt, *names, *cols)

    def to_rows(
        self, *, lang: Language | None = None, total: bool = True, extra: bool = True
    ) -> list[dict[str, object]]:
        """The table as a list of dicts, one per row, then the total row (``total=True``).

        With ``lang=None`` the keys are machine names: ``"stt"``, the ``group_by`` names, then
        the column names (:class:`Form06Column` values); with ``"vi"`` / ``"en"`` they are the
        headers of :meth:`headers`. The total row has ``stt`` None, "Tổng cộng" / "Total" in the
        first grouping and "" in the others. ``extra=False`` leaves out tthc's columns (14)–(17).

        >>> p = ReportingPeriod.month(2026, 3)
        >>> t = Form06(p, ("field",), [Form06Row.of(("Hộ tịch",), received_online=1, early=1)])
        >>> t.to_rows(extra=False)[0]["received"], t.to_rows()[-1]["field"]
        (1, 'Tổng cộng')
        """
        if lang is not None:
            lang = _check_lang(lang)
        header = self.headers(lang or "vi", extra=extra)
        names = ("stt", *self.group_by, *(c.value for c in _columns(extra)))
        keys = header if lang is not None else names
        out: list[dict[str, object]] = []
        for n, row in enumerate(self.rows, start=1):
            values: list[object] = [n, *row.key, *(getattr(row, c.value) for c in _columns(extra))]
            out.append(dict(zip(keys, values, strict=True)))
        if total:
            label = self.TOTAL_LABEL[lang or "vi"]
            key = [label, *([""] * (len(self.group_by) - 1))] if self.group_by else []
            t = self.total
            values = [None, *key, *(getattr(t, c.value) for c in _columns(extra))]
            out.append(dict(zip(keys, values, strict=True)))
        return out

    def to_frame(
        self, *, lang: Language | None = None, total: bool = True, extra: bool = True
    ) -> pd.DataFrame:
        """The table as a pandas DataFrame (extra ``batch``), one column per :meth:`to_rows` key.

        With ``lang`` set, the columns are a two-level index (block, column) as on the printed
        form, the grouping names and STT under an empty block.
        """
        try:
            import pandas as pd
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ImportError("Form06.to_frame needs pandas: pip install 'tthc[batch]'") from exc
        rows = self.to_rows(lang=lang, total=total, extra=extra)
        if lang is None:
            columns: list[str] = ["stt", *self.group_by, *(c.value for c in _columns(extra))]
            plain: pd.DataFrame = pd.DataFrame(rows, columns=columns)
            plain["stt"] = plain["stt"].astype("Int64")
            return plain
        lang = _check_lang(lang)
        i = 0 if lang == "vi" else 1
        flat = list(self.headers(lang, extra=extra))
        frame: pd.DataFrame = pd.DataFrame(rows, columns=flat)
        frame[flat[0]] = frame[flat[0]].astype("Int64")
        lead = [("", h) for h in flat[: 1 + len(self.group_by)]]
        blocks = [
            ((c.block_vi, c.block_en)[i], f"({c.number}) {c.label(lang)}") for c in _columns(extra)
        ]
        frame.columns = pd.MultiIndex.from_tuples(lead + blocks)
        return frame


def _columns(extra: bool) -> tuple[Form06Column, ...]:
    return tuple(c for c in Form06Column if extra or c.official)


# -- Biểu 06 from dossiers -------------------------------------------------------------------------


def _check_period(period: object, where: str) -> ReportingPeriod:
    if not isinstance(period, ReportingPeriod):
        raise InvalidValueError(
            f"{where}: period expected a ReportingPeriod, got {type(period).__name__} {period!r}"
        )
    return period


def _check_dossiers(dossiers: object, where: str) -> list[Dossier]:
    if isinstance(dossiers, (str, bytes)) or not isinstance(dossiers, Iterable):
        raise InvalidValueError(
            f"{where}: dossiers expected an iterable of Dossier, got {dossiers!r}"
        )
    out: list[Dossier] = []
    for i, d in enumerate(dossiers):
        if not isinstance(d, Dossier):
            raise InvalidValueError(
                f"{where}: dossiers[{i}] expected a Dossier, got {type(d).__name__} {d!r}"
            )
        out.append(d)
    return out


@attrs.frozen
class Placement:
    """Where one dossier falls in Biểu 06 for one period.

    ``received`` is RECEIVED_ONLINE, RECEIVED_IN_PERSON or CARRIED_OVER; ``outcome`` is EARLY,
    ON_TIME, LATE (resolved in the period), WITHIN_TIME, OVERDUE (in progress at the period's end)
    or WITHDRAWN, STOPPED, CLOSED (ended in the period without a decision). ``classification`` is
    :func:`~tthc.classify.classify` as of the period's last day (``None`` for the ended ones).
    """

    dossier: Dossier
    received: Form06Column
    outcome: Form06Column
    classification: Classification | None


_ENDED = {
    Withdrawn: Form06Column.WITHDRAWN,
    Stopped: Form06Column.STOPPED,
    Closed: Form06Column.CLOSED,
}
_OUTCOME_COLUMN = {
    Outcome.EARLY: Form06Column.EARLY,
    Outcome.ON_TIME: Form06Column.ON_TIME,
    Outcome.LATE: Form06Column.LATE,
    Outcome.WITHIN_TIME: Form06Column.WITHIN_TIME,
    Outcome.OVERDUE: Form06Column.OVERDUE,
}


def place(
    dossier: Dossier, period: ReportingPeriod, *, calendar: WorkingCalendar | None = None
) -> Placement | None:
    """Where ``dossier`` falls in Biểu 06 for ``period``, or ``None`` if it is not in it.

    A dossier is in the period's table when it was received on or before the period's last day
    and had not ended before its first day. Received in the period: ONLINE → (4), IN_PERSON or
    POSTAL → (5); received before: carried over (6), whatever its channel. Resolved or Refused in
    the period → (8)/(9)/(10) by :func:`~tthc.classify.classify`; Withdrawn, Stopped or Closed in
    the period → tthc's (15)/(16)/(17), never a classified column; otherwise in progress at the
    period's end (12)/(13), classified as of that day. Dates are Vietnamese calendar dates of the
    events.

    Basis: TT 01/2020/TT-VPCP, Biểu số 06/VPCP/KSTT; NĐ 09/2019/NĐ-CP Điều 12.
    """
    cal = vietnam_calendar() if calendar is None else calendar
    received = wall_date(dossier.received.at)
    if received > period.end:
        return None
    final = dossier.final_event
    end = None if final is None else wall_date(final.at)
    if end is not None and end < period.start:
        return None
    if received < period.start:
        column_in = Form06Column.CARRIED_OVER
    elif dossier.channel is Channel.ONLINE:
        column_in = Form06Column.RECEIVED_ONLINE
    else:
        column_in = Form06Column.RECEIVED_IN_PERSON
    if final is not None and end is not None and end <= period.end and type(final) in _ENDED:
        return Placement(dossier, column_in, _ENDED[type(final)], None)
    c = classify(dossier, as_of=period.end, calendar=cal)
    column_out = _OUTCOME_COLUMN.get(c.outcome)
    if column_out is None:  # pragma: no cover - classify and place disagree on a final event
        raise ReportError(
            f"Biểu 06: dossier {dossier.id!r} classified {c.outcome.name} as of {period.end}"
        )
    return Placement(dossier, column_in, column_out, c)


def _group_key(dossier: Dossier, group_by: tuple[str, ...]) -> tuple[str, ...]:
    parts: list[str] = []
    for name in group_by:
        if name == "agency":
            parts.append(dossier.agency or "")
        elif name == "field":
            parts.append(dossier.procedure.field)
        elif name == "procedure":
            parts.append(dossier.procedure.code)
        else:
            parts.append(dossier.procedure.level.label_vi)
    return tuple(parts)


def form06(
    dossiers: Iterable[Dossier],
    period: ReportingPeriod,
    *,
    calendar: WorkingCalendar | None = None,
    group_by: Sequence[str] = ("agency", "field"),
) -> Form06:
    """Biểu số 06/VPCP/KSTT of ``dossiers`` for ``period``, one row per ``group_by`` group.

    Each dossier in the period falls in exactly one column of the received block and exactly one
    of the resolved / in progress / ended blocks (see :func:`place`); dossiers outside the period
    are left out. ``group_by`` names come from :data:`FORM06_GROUP_KEYS` ("agency": the
    dossier's agency, "" when unknown; "field": the procedure's lĩnh vực; "procedure": its code;
    "level": its level's Vietnamese name); ``()`` gives the total row only.

    Basis: TT 01/2020/TT-VPCP, Biểu số 06/VPCP/KSTT; NĐ 09/2019/NĐ-CP Điều 12 (period).

    >>> from tthc.models import Procedure, GovernmentLevel, Received, Resolved
    >>> from tthc.timelimits import TimeLimit
    >>> p = Procedure("1.001193", "Đăng ký khai sinh", "Hộ tịch", GovernmentLevel.COMMUNE,
    ...               TimeLimit.working_days(5))
    >>> d = Dossier("HS-1", p, [Received.on(date(2026, 2, 12), channel=Channel.ONLINE),
    ...                         Resolved.on(date(2026, 2, 27))], agency="UBND xã A")
    >>> t = form06([d], ReportingPeriod.month(2026, 3))
    >>> t.row("UBND xã A", "Hộ tịch").late, t.total.carried_over  # received before 15/02
    (1, 1)
    """
    period = _check_period(period, "form06")
    keys = _as_group_by(group_by)
    items = _check_dossiers(dossiers, "form06")
    cal = vietnam_calendar() if calendar is None else calendar
    tallies: dict[tuple[str, ...], dict[str, int]] = {}
    for d in items:
        where = place(d, period, calendar=cal)
        if where is None:
            continue
        tally = tallies.setdefault(_group_key(d, keys), {c.value: 0 for c in _LEAVES})
        tally[where.received.value] += 1
        tally[where.outcome.value] += 1
    rows = [Form06Row.of(k, **v) for k, v in tallies.items()]
    return Form06(period, keys, rows)


# -- QĐ 766: tiến độ giải quyết -------------------------------------------------------------------


@attrs.frozen
class ProgressScoreConfig:
    """How the QĐ 766 "Tiến độ giải quyết" group is scored: a cited, replaceable configuration.

    rate = dossiers finished on time or still within time ÷ dossiers received and handled in
    the period; points = ``maximum`` × rate when ``target`` is ``None``, else ``maximum`` when
    rate ≥ ``target`` and ``maximum`` × rate ÷ ``target`` below it.

    - ``include_open``: open dossiers count, judged at the period's last day.
    - ``include_ended``: withdrawn, stopped and closed dossiers count, on time if they ended by
      the due date (the description lists refusal, stop, result and withdrawal as ends); a
      supplement request still outstanding when the dossier ended counts as its end.
    - ``repeated_supplement_overdue``: a dossier asked for supplements more than once is overdue.

    ``source`` and ``status`` say where the figures come from and how sure they are.

    >>> QD766_PROGRESS.points(0.9)
    18.0
    >>> ProgressScoreConfig(target=0.8).points(0.4)
    10.0
    """

    maximum: float = attrs.field(default=20.0)
    target: float | None = attrs.field(default=None)
    include_open: bool = attrs.field(default=True, validator=attrs.validators.instance_of(bool))
    include_ended: bool = attrs.field(default=True, validator=attrs.validators.instance_of(bool))
    repeated_supplement_overdue: bool = attrs.field(
        default=True, validator=attrs.validators.instance_of(bool)
    )
    source: str = attrs.field(
        default=(
            "QĐ 766/QĐ-TTg (23/6/2022), group 2 'Tiến độ giải quyết', indicator 2.1 'Tỷ lệ hồ sơ "
            "xử lý trước hạn, đúng hạn', as described in 'Mô tả công thức tính chỉ số 766.docx' "
            "reproduced in github.com/ChippedTopaz/qd766 src/qd766/backend/formula_seed.json "
            "(commit 795e27ee); maximum 20 points as the national portal shows it"
        ),
        validator=attrs.validators.instance_of(str),
    )
    status: str = attrs.field(
        default=(
            "indicator definition and maximum read in a secondary source (a one-stop vendor's "
            "copy of the portal's formula description); points = 20 x rate (linear, no target) "
            "matches the national portal's published scores: 984 parent/child observations "
            "reproduced within 0.015 points (Phú Thọ, collected 2026-09-26; "
            "github.com/ChippedTopaz/qd766 docs/SCORING_ANALYSIS_M0.md); the decision's "
            "appendix itself was not read"
        ),
        validator=attrs.validators.instance_of(str),
    )

    @maximum.validator
    def _check_maximum(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
            raise InvalidValueError(
                f"ProgressScoreConfig.maximum: expected a number > 0, got {value!r}"
            )

    @target.validator
    def _check_target(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None:
            return
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 1:
            raise InvalidValueError(
                f"ProgressScoreConfig.target: expected None or a rate in (0, 1], got {value!r}"
            )

    def points(self, rate: float) -> float:
        """The points for ``rate`` (a share from 0 to 1)."""
        if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not 0 <= rate <= 1:
            raise InvalidValueError(
                f"ProgressScoreConfig.points(rate): expected a rate from 0 to 1, got {rate!r}"
            )
        if self.target is None:
            return round(self.maximum * rate, 6)
        return round(self.maximum * min(1.0, rate / self.target), 6)


QD766_PROGRESS = ProgressScoreConfig()
"""The default configuration of the "Tiến độ giải quyết" group (20 points, linear, no target)."""


@attrs.frozen
class ProgressScore:
    """The "Tiến độ giải quyết" score of a set of dossiers for one period.

    ``considered``: dossiers counted; ``on_time``: those finished early / on time or still
    within time; ``rate`` and ``points`` are ``None`` when nothing was considered (the portal
    shows 0 or N/A).
    """

    period: ReportingPeriod
    considered: int
    on_time: int
    rate: float | None
    points: float | None
    config: ProgressScoreConfig

    @property
    def late(self) -> int:
        """Dossiers counted as late or overdue."""
        return self.considered - self.on_time


def progress_score(
    dossiers: Iterable[Dossier],
    period: ReportingPeriod,
    *,
    calendar: WorkingCalendar | None = None,
    config: ProgressScoreConfig = QD766_PROGRESS,
) -> ProgressScore:
    """QĐ 766/QĐ-TTg group "Tiến độ giải quyết" (20 points) for ``dossiers`` in ``period``.

    The dossiers considered are those of Biểu 06 for the period (received in it, or carried over
    into it). Each is on time when: resolved or refused EARLY / ON_TIME; in progress at the
    period's end WITHIN_TIME (``config.include_open``; else not counted); withdrawn, stopped or
    closed on or before its due date (``config.include_ended``; else not counted). A dossier
    asked for supplements more than once is overdue (``config.repeated_supplement_overdue``).
    Supplement time is handled by tthc's due date (restart or pause, DOMAIN.md §4) rather than by
    subtracting it from the elapsed time as the portal's description does.

    Basis: QĐ 766/QĐ-TTg (23/6/2022), indicator 2.1 as described in the portal's formula
    description (see ``ProgressScoreConfig.source``; reconstructed, [medium]).

    >>> from tthc.models import Procedure, GovernmentLevel, Received, Resolved
    >>> from tthc.timelimits import TimeLimit
    >>> p = Procedure("1.001193", "Đăng ký khai sinh", "Hộ tịch", GovernmentLevel.COMMUNE,
    ...               TimeLimit.working_days(5))
    >>> ok = Dossier("A", p, [Received.on(date(2026, 3, 2)), Resolved.on(date(2026, 3, 3))])
    >>> late = Dossier("B", p, [Received.on(date(2026, 3, 2)), Resolved.on(date(2026, 3, 13))])
    >>> s = progress_score([ok, late], ReportingPeriod.month(2026, 3))
    >>> s.considered, s.on_time, s.rate, s.points
    (2, 1, 0.5, 10.0)
    """
    period = _check_period(period, "progress_score")
    if not isinstance(config, ProgressScoreConfig):
        raise InvalidValueError(
            f"progress_score: config expected a ProgressScoreConfig, got {config!r}"
        )
    items = _check_dossiers(dossiers, "progress_score")
    cal = vietnam_calendar() if calendar is None else calendar
    considered = on_time = 0
    for d in items:
        where = place(d, period, calendar=cal)
        if where is None:
            continue
        out = where.outcome
        if out in (Form06Column.WITHIN_TIME, Form06Column.OVERDUE) and not config.include_open:
            continue
        if where.classification is None:
            if not config.include_ended:
                continue
            due = deadline(d, calendar=cal).due
            good = due is None or _processing_end(d) <= due
        else:
            good = out in (Form06Column.EARLY, Form06Column.ON_TIME, Form06Column.WITHIN_TIME)
        if config.repeated_supplement_overdue and _supplement_requests(d, period.end) > 1:
            good = False
        considered += 1
        on_time += good
    rate = on_time / considered if considered else None
    points = None if rate is None else config.points(rate)
    return ProgressScore(period, considered, on_time, rate, points, config)


def _processing_end(dossier: Dossier) -> date:
    """The end of processing of an ended dossier, as the portal's description takes it.

    The final event's date, or the date of a supplement request still outstanding when the
    dossier ended (the applicant's time is not the agency's).
    """
    end: date | None = None
    for e in dossier.events:
        if isinstance(e, SupplementRequested):
            end = wall_date(e.at)
        elif isinstance(e, SupplementReceived):
            end = None
    final = dossier.final_event
    assert final is not None
    return end if end is not None else wall_date(final.at)


def _supplement_requests(dossier: Dossier, until: date) -> int:
    return sum(
        1 for e in dossier.events if isinstance(e, SupplementRequested) and wall_date(e.at) <= until
    )


# -- inspection report ------------------------------------------------------------------------------


@attrs.frozen
class LateDossier:
    """A dossier late (resolved after its due date) or overdue (open past it) in the period.

    ``apologized``: an apology (văn bản xin lỗi và hẹn lại) was sent by the period's end;
    ``apology_in_time``: it was sent at the latest 1 day before the due date (``None`` without
    one); ``new_due`` the date it set; ``new_due_kept`` whether the result came by then (``None``
    without an apology or while undecided).
    """

    id: str
    procedure: str
    agency: str | None
    outcome: Outcome
    due: date | None
    finished: datetime | None
    working_days_late: int
    apologized: bool
    apology_in_time: bool | None
    new_due: date | None
    new_due_kept: bool | None


@attrs.frozen
class OnlineCoverage:
    """Online public services at one service level (``None``: no level recorded).

    ``procedures``: procedures of the catalogue at this level; ``received`` / ``received_online``:
    dossiers newly received in the period for procedures at this level, and those received online.
    """

    level: ServiceLevel | None
    procedures: int
    received: int
    received_online: int

    @property
    def share_online(self) -> float | None:
        """received_online ÷ received (``None`` when nothing was received)."""
        return self.received_online / self.received if self.received else None

    @property
    def label_vi(self) -> str:
        """The level's Vietnamese name."""
        return "Không có dịch vụ công trực tuyến" if self.level is None else self.level.label_vi

    @property
    def label_en(self) -> str:
        """The level's English name."""
        return "No online service" if self.level is None else self.level.label_en


@attrs.frozen
class InspectionReport:
    """The checks an inspection makes of one unit for one period (see :func:`inspection_report`)."""

    period: ReportingPeriod
    agency: str | None
    level: GovernmentLevel | None
    dossiers: int
    late: tuple[LateDossier, ...]
    coverage: tuple[OnlineCoverage, ...]
    unsigned_results: tuple[str, ...]
    unknown_signature: tuple[str, ...]
    unpublished: tuple[str, ...] | None
    findings_by_kind: tuple[tuple[FindingKind, int], ...]

    @property
    def findings(self) -> dict[FindingKind, int]:
        """The number of findings of each kind (kinds with none are left out)."""
        return dict(self.findings_by_kind)

    @property
    def late_without_apology(self) -> tuple[LateDossier, ...]:
        """The late or overdue dossiers with no apology."""
        return tuple(x for x in self.late if not x.apologized)


def _end_moment(dossier: Dossier, day: date) -> datetime:
    moment = datetime.combine(day, time.max)
    return moment.replace(tzinfo=VIETNAM_TZ) if dossier.is_aware else moment


def _check_published(value: object) -> dict[str, frozenset[GovernmentLevel]] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise InvalidValueError(
            f"inspection_report: published expected a mapping of procedure code to the levels it "
            f"is published for, got {type(value).__name__} {value!r}"
        )
    out: dict[str, frozenset[GovernmentLevel]] = {}
    for code, levels in value.items():
        if isinstance(levels, GovernmentLevel):
            levels = (levels,)
        if not isinstance(code, str) or not isinstance(levels, Iterable):
            raise InvalidValueError(
                f"inspection_report: published[{code!r}] expected GovernmentLevel values, got "
                f"{levels!r}"
            )
        items = frozenset(levels)
        for lv in items:
            if not isinstance(lv, GovernmentLevel):
                raise InvalidValueError(
                    f"inspection_report: published[{code!r}] expected GovernmentLevel values, "
                    f"got {lv!r}"
                )
        out[code] = items
    return out


def inspection_report(
    dossiers: Iterable[Dossier],
    procedures: Iterable[Procedure],
    period: ReportingPeriod,
    *,
    agency: str | None = None,
    level: GovernmentLevel | None = None,
    published: Mapping[str, Iterable[GovernmentLevel] | GovernmentLevel] | None = None,
    calendar: WorkingCalendar | None = None,
) -> InspectionReport:
    """What an inspection of one unit checks, for ``period``.

    - ``dossiers`` are the unit's (only those of ``agency`` when it is given) and are taken in
      the period as in Biểu 06 (:func:`place`); ``procedures`` is the unit's catalogue (those at
      ``level`` when it is given).
    - **late**: dossiers resolved late or overdue at the period's end, each with its apology
      status (sent or not, at the latest 1 day before the due date or not) and whether the new
      date was kept (NĐ 118/2025/NĐ-CP Điều 19 k6).
    - **coverage**: procedures by online service level and, per level, the share of dossiers
      newly received in the period that came online.
    - **unsigned_results**: dossiers resolved in the period with ``digitally_signed=False``;
      ``unknown_signature`` those with ``None`` (not recorded).
    - **unpublished**: codes of catalogue procedures not published (công khai) for the level
      they are handled at. ``Procedure`` has no publication record, so it is passed as
      ``published``: procedure code → the levels it is published for. Without it the check is
      not made (``None``).
    - **findings**: :func:`~tthc.classify.findings` of the dossiers, as known at the period's end,
      counted by kind.

    Basis: NĐ 118/2025/NĐ-CP Điều 17–22 (via :func:`~tthc.classify.findings`); NĐ 42/2022/NĐ-CP
    (service levels); NĐ 63/2010/NĐ-CP (as amended) on publishing procedures.

    >>> from tthc.models import Procedure, GovernmentLevel, Received, Resolved
    >>> from tthc.timelimits import TimeLimit
    >>> p = Procedure("1.001193", "Đăng ký khai sinh", "Hộ tịch", GovernmentLevel.COMMUNE,
    ...               TimeLimit.working_days(5), service_level=ServiceLevel.FULL)
    >>> d = Dossier("HS-1", p, [Received.on(date(2026, 3, 2), channel=Channel.ONLINE),
    ...                         Resolved.on(date(2026, 3, 13), digitally_signed=False)])
    >>> r = inspection_report([d], [p], ReportingPeriod.month(2026, 3), published={})
    >>> [x.id for x in r.late], r.unsigned_results, r.unpublished
    (['HS-1'], ('HS-1',), ('1.001193',))
    >>> r.coverage[0].level.name, r.coverage[0].share_online
    ('FULL', 1.0)
    """
    period = _check_period(period, "inspection_report")
    if agency is not None and not isinstance(agency, str):
        raise InvalidValueError(f"inspection_report: agency expected a str or None, got {agency!r}")
    if level is not None and not isinstance(level, GovernmentLevel):
        raise InvalidValueError(
            f"inspection_report: level expected a GovernmentLevel or None, got {level!r}"
        )
    if isinstance(procedures, (str, bytes)) or not isinstance(procedures, Iterable):
        raise InvalidValueError(
            f"inspection_report: procedures expected an iterable of Procedure, got {procedures!r}"
        )
    catalogue: list[Procedure] = []
    for i, p in enumerate(procedures):
        if not isinstance(p, Procedure):
            raise InvalidValueError(
                f"inspection_report: procedures[{i}] expected a Procedure, got "
                f"{type(p).__name__} {p!r}"
            )
        if level is None or p.level is level:
            catalogue.append(p)
    pub = _check_published(published)
    items = _check_dossiers(dossiers, "inspection_report")
    cal = vietnam_calendar() if calendar is None else calendar

    late: list[LateDossier] = []
    unsigned: list[str] = []
    unknown: list[str] = []
    kinds: dict[FindingKind, int] = {}
    received: dict[ServiceLevel | None, list[int]] = {}
    considered = 0
    for d in items:
        if agency is not None and d.agency != agency:
            continue
        where = place(d, period, calendar=cal)
        if where is None:
            continue
        considered += 1
        view = d.until(_end_moment(d, period.end))
        if where.received is not Form06Column.CARRIED_OVER:
            tally = received.setdefault(d.procedure.service_level, [0, 0])
            tally[0] += 1
            tally[1] += where.received is Form06Column.RECEIVED_ONLINE
        found = findings(view, calendar=cal)
        for f in found:
            kinds[f.kind] = kinds.get(f.kind, 0) + 1
        final = view.final_event
        if isinstance(final, Resolved) and period.contains(wall_date(final.at)):
            if final.digitally_signed is False:
                unsigned.append(d.id)
            elif final.digitally_signed is None:
                unknown.append(d.id)
        c = where.classification
        if c is not None and c.outcome in (Outcome.LATE, Outcome.OVERDUE):
            apologies = [e for e in view.events if isinstance(e, Apologized)]
            late.append(
                LateDossier(
                    id=d.id,
                    procedure=d.procedure.code,
                    agency=d.agency,
                    outcome=c.outcome,
                    due=c.due,
                    finished=c.finished,
                    working_days_late=c.working_days_late,
                    apologized=bool(apologies),
                    apology_in_time=(
                        None
                        if not apologies
                        else not any(f.kind is FindingKind.APOLOGY_TOO_LATE for f in found)
                    ),
                    new_due=apologies[0].new_due if apologies else None,
                    new_due_kept=c.new_due_kept,
                )
            )

    by_level: dict[ServiceLevel | None, int] = {}
    for p in catalogue:
        by_level[p.service_level] = by_level.get(p.service_level, 0) + 1
    order: list[ServiceLevel | None] = [*ServiceLevel, None]
    coverage = tuple(
        OnlineCoverage(
            lv,
            by_level.get(lv, 0),
            received.get(lv, [0, 0])[0],
            received.get(lv, [0, 0])[1],
        )
        for lv in order
        if lv in by_level or lv in received
    )
    unpublished: tuple[str, ...] | None = None
    if pub is not None:
        unpublished = tuple(
            sorted({p.code for p in catalogue if (level or p.level) not in pub.get(p.code, ())})
        )
    return InspectionReport(
        period=period,
        agency=agency,
        level=level,
        dossiers=considered,
        late=tuple(late),
        coverage=coverage,
        unsigned_results=tuple(unsigned),
        unknown_signature=tuple(unknown),
        unpublished=unpublished,
        findings_by_kind=tuple((k, kinds[k]) for k in FindingKind if k in kinds),
    )

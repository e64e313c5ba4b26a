"""Reporting periods (kỳ báo cáo): :class:`ReportingPeriod` and its conventions.

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
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

import attrs

from tthc.errors import InvalidValueError
from tthc.labelled import LabelledEnum
from tthc.law import REPORTING_PERIOD_START_DAY
from tthc.validators import check_date

__all__ = ["PeriodConvention", "PeriodKind", "ReportingPeriod"]


_MIN_YEAR = 1901
_MAX_YEAR = 9998

Language = Literal["vi", "en"]


# -- reporting periods -------------------------------------------------------------------------


class PeriodConvention(LabelledEnum):
    """Where reporting periods start and end.

    ``CUTOFF_14``: from the 15th of the previous month to the 14th (NĐ 09/2019/NĐ-CP Điều 12, the
    period of the periodic TTHC reports and Biểu số 06). ``CALENDAR``: calendar months.
    """

    CUTOFF_14 = (
        "cutoff_14",
        "Kỳ báo cáo từ ngày 15 tháng trước đến ngày 14 (NĐ 09/2019/NĐ-CP Điều 12)",
        "15th of the previous month to the 14th (NĐ 09/2019/NĐ-CP Art. 12)",
    )
    CALENDAR = "calendar", "Theo tháng dương lịch", "Calendar months"


class PeriodKind(LabelledEnum):
    """The length of a reporting period."""

    MONTH = "month", "Tháng", "Month"
    QUARTER = "quarter", "Quý", "Quarter"
    HALF = "half", "6 tháng", "Half year"
    NINE_MONTHS = "nine_months", "9 tháng", "Nine months"
    YEAR = "year", "Năm", "Year"


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
    first = REPORTING_PERIOD_START_DAY
    start = date(year - 1, 12, first) if first_month == 1 else date(year, first_month - 1, first)
    return start, date(year, last_month, first - 1)


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
        check_date(d, "ReportingPeriod.containing(d)")
        if not isinstance(kind, PeriodKind) or kind is PeriodKind.NINE_MONTHS:
            raise InvalidValueError(
                f"ReportingPeriod.containing(kind): expected MONTH, QUARTER, HALF or YEAR, "
                f"got {kind!r}"
            )
        year, month = d.year, d.month
        if convention is PeriodConvention.CUTOFF_14 and d.day >= REPORTING_PERIOD_START_DAY:
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        index = (month - 1) // _PERIOD_MONTHS[kind] + 1
        return cls(kind, year, index, convention)

    # -- queries

    def contains(self, d: date) -> bool:
        """Whether the date ``d`` falls in the period (both ends included).

        A ``datetime`` is refused: pass ``moment.date()`` (in Vietnamese time) explicitly.
        """
        check_date(d, "ReportingPeriod.contains(d)")
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
        return self.label_vi if check_lang(lang) == "vi" else self.label_en

    def __str__(self) -> str:
        return f"{self.label_vi} ({self.start:%d/%m/%Y}–{self.end:%d/%m/%Y})"


def check_lang(lang: object) -> Language:
    if lang == "vi":
        return "vi"
    if lang == "en":
        return "en"
    raise InvalidValueError(f"lang: expected 'vi' or 'en', got {lang!r}")

"""Statutory time limits (thời hạn giải quyết) and the Vietnamese texts that state them.

A :class:`TimeLimit` is an amount and a :class:`Unit`; working days, calendar days, months,
working hours and plain hours are different units and are never added to one another. Limits
are built with named constructors or read from the text of a procedure with
:meth:`TimeLimit.parse`; ``str()`` gives the canonical Vietnamese form, and
``TimeLimit.parse(str(limit)) == limit`` for every limit.

>>> from datetime import time
>>> TimeLimit.parse("Không quá 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ")
TimeLimit(amount=5, unit=<Unit.WORKING_DAY: 'working_day'>, cutoff=None, excluding=None)
>>> str(TimeLimit.working_days(5))
'05 ngày làm việc'
>>> str(TimeLimit.same_day(cutoff=time(15, 0)))
'Trong ngày làm việc; trường hợp nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo'

How the amounts are counted (day of receipt not counted, roll-forward of a last day that is not a
working day) is the job of :mod:`tthc.deadlines`; this module only says what the limit is.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import time
from typing import Any

import attrs

from tthc.errors import ArgumentTypeError, InvalidValueError, TimeLimitParseError
from tthc.labelled import LabelledEnum
from tthc.law import SAME_DAY_CUTOFF
from tthc.validators import check_int, instance_of

__all__ = ["MAX_AMOUNT", "Precision", "TimeLimit", "Unit"]

MAX_AMOUNT = 9999
"""The largest amount of a counted limit: what the text form writes and reads (four digits) and
what every computation (scalar and batch) supports. Real limits are far below it."""


class Unit(LabelledEnum):
    """The unit a time limit is counted in."""

    WORKING_DAY = "working_day", "ngày làm việc", "working days"
    """``ngày làm việc``: working days of the calendar (weekends, holidays and days off skipped)."""
    DAY = "day", "ngày", "days"
    """``ngày``: calendar days; a last day that is not a working day rolls forward (BLDS Điều 148)."""
    MONTH = "month", "tháng", "months"
    """``tháng``: calendar months, same day-number, clamped to the month's end (BLDS Điều 148 k3)."""
    WORKING_HOUR = "working_hour", "giờ làm việc", "working hours"
    """``giờ làm việc``: hours inside the calendar's office sessions (NĐ 118/2025 Điều 17 k2c)."""
    HOUR = "hour", "giờ", "hours"
    """``giờ``: plain hours, e.g. the 24 giờ of Luật Hộ tịch 03/2026/QH16 Điều 3 k3."""
    SAME_DAY = "same_day", "trong ngày", "same day"
    """``Trong ngày``: the same working day, or the next one after a cut-off time."""
    NONE = "none", "không quy định", "no time limit"
    """``Không quy định``: the procedure sets no time limit."""

    @property
    def is_counted(self) -> bool:
        """Whether the limit carries an amount (every unit but SAME_DAY and NONE)."""
        return self not in (Unit.SAME_DAY, Unit.NONE)


class Precision(LabelledEnum):
    """How a due moment is compared with a result.

    ``DAY`` (default): by Bộ luật Dân sự 2015 Điều 148 k6 a period ends at 24:00 of its last day, so a
    result any time on the due date is on time; dates are compared. ``HOUR``: the appointment is an
    instant (some one-stop systems appoint an hour, e.g. 05 working days = 40 working hours from the
    receipt time); instants are compared.
    """

    DAY = "day", "theo ngày", "by day"
    HOUR = "hour", "theo giờ", "by hour"


def _check_amount(instance: TimeLimit, attribute: attrs.Attribute[Any], value: object) -> None:
    check_int(value, "TimeLimit.amount")


_check_unit = instance_of(Unit, "a Unit")


def _check_cutoff(instance: TimeLimit, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, time):
        raise ArgumentTypeError(
            f"TimeLimit.cutoff: expected a datetime.time or None, got {type(value).__name__} "
            f"{value!r}"
        )
    if value.tzinfo is not None or value.second or value.microsecond:
        raise InvalidValueError(
            f"TimeLimit.cutoff: expected a naive wall-clock time in whole minutes, got {value!r}"
        )


def _check_excluding(instance: TimeLimit, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, str):
        raise ArgumentTypeError(
            f"TimeLimit.excluding: expected a str or None, got {type(value).__name__} {value!r}"
        )
    if (
        not value.strip()
        or value != " ".join(value.split())
        or value != unicodedata.normalize("NFC", value)
        or ")" in value
        or "(" in value
    ):
        raise InvalidValueError(
            "TimeLimit.excluding: expected non-empty NFC text on one line, single-spaced and "
            f"without parentheses, got {value!r}"
        )


@attrs.frozen
class TimeLimit:
    """A statutory time limit: ``amount`` of ``unit``.

    ``cutoff`` (only for :attr:`Unit.SAME_DAY`) is the hour after which a dossier received that
    day is due the next working day (chứng thực: NĐ 23/2015/NĐ-CP Điều 7, "sau 15 giờ");
    ``None`` means no cut-off. ``excluding`` keeps the text of a "(không kể thời gian …)" clause,
    the periods a special law leaves out of the count; tthc records it but only subtracts the
    periods a dossier's timeline states (``ExclusionStarted`` / ``ExclusionEnded``).

    >>> TimeLimit.months(3)
    TimeLimit(amount=3, unit=<Unit.MONTH: 'month'>, cutoff=None, excluding=None)
    >>> TimeLimit(-1, Unit.DAY)
    Traceback (most recent call last):
    ...
    tthc.errors.InvalidValueError: TimeLimit.amount: expected 1..9999 for day, got -1
    """

    amount: int = attrs.field(validator=_check_amount)
    unit: Unit = attrs.field(validator=_check_unit)
    cutoff: time | None = attrs.field(default=None, validator=_check_cutoff, kw_only=True)
    excluding: str | None = attrs.field(default=None, validator=_check_excluding, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self.unit.is_counted:
            if not 1 <= self.amount <= MAX_AMOUNT:
                raise InvalidValueError(
                    f"TimeLimit.amount: expected 1..{MAX_AMOUNT} for {self.unit.value}, got "
                    f"{self.amount}"
                )
        elif self.amount != 0:
            raise InvalidValueError(
                f"TimeLimit.amount: expected 0 for {self.unit.value}, got {self.amount}"
            )
        if self.cutoff is not None and self.unit is not Unit.SAME_DAY:
            raise InvalidValueError(
                f"TimeLimit.cutoff: only a same_day limit has a cut-off, got cutoff={self.cutoff} "
                f"for {self.unit.value}"
            )
        if self.excluding is not None and not self.unit.is_counted:
            raise InvalidValueError(
                f"TimeLimit.excluding: only a counted limit excludes periods, got "
                f"{self.excluding!r} for {self.unit.value}"
            )

    # -- named constructors -----------------------------------------------------------------

    @classmethod
    def working_days(cls, n: int) -> TimeLimit:
        """``n`` working days (ngày làm việc).

        >>> str(TimeLimit.working_days(10))
        '10 ngày làm việc'
        """
        return cls(n, Unit.WORKING_DAY)

    @classmethod
    def days(cls, n: int) -> TimeLimit:
        """``n`` calendar days (ngày)."""
        return cls(n, Unit.DAY)

    @classmethod
    def months(cls, n: int) -> TimeLimit:
        """``n`` months (tháng)."""
        return cls(n, Unit.MONTH)

    @classmethod
    def working_hours(cls, n: int) -> TimeLimit:
        """``n`` working hours (giờ làm việc)."""
        return cls(n, Unit.WORKING_HOUR)

    @classmethod
    def hours(cls, n: int) -> TimeLimit:
        """``n`` plain hours (giờ), counted round the clock."""
        return cls(n, Unit.HOUR)

    @classmethod
    def same_day(cls, cutoff: time | None = SAME_DAY_CUTOFF) -> TimeLimit:
        """The same working day; after ``cutoff`` (default 15:00) the next working day.

        >>> str(TimeLimit.same_day(cutoff=None))
        'Trong ngày'
        """
        return cls(0, Unit.SAME_DAY, cutoff=cutoff)

    @classmethod
    def none(cls) -> TimeLimit:
        """No time limit (Không quy định)."""
        return cls(0, Unit.NONE)

    # -- text -------------------------------------------------------------------------------

    def __str__(self) -> str:
        if self.unit is Unit.NONE:
            return "Không quy định"
        if self.unit is Unit.SAME_DAY:
            if self.cutoff is None:
                return "Trong ngày"
            return (
                f"Trong ngày làm việc; trường hợp nhận hồ sơ sau {_format_hour(self.cutoff)} "
                "thì trả kết quả trong ngày làm việc tiếp theo"
            )
        text = f"{self.amount:02d} {self.unit.label_vi}"
        if self.excluding is not None:
            text += f" (không kể thời gian {self.excluding})"
        return text

    @classmethod
    def parse(cls, text: str) -> TimeLimit:
        """Read a time limit as procedure texts state it (DOMAIN.md §3).

        Accepted: an amount with leading zeros or not, optionally after "Không quá" / "Tối đa" /
        "Trong vòng" / "Trong thời hạn", in ``ngày làm việc``, ``ngày``, ``tháng``,
        ``giờ làm việc`` or ``giờ``; optionally followed by "kể từ ngày nhận đủ hồ sơ hợp lệ" (the
        default start, NĐ 118/2025/NĐ-CP Điều 17 k3) and by "(không kể thời gian …)". Also
        "Trong ngày" / "Ngay trong ngày" with or without "làm việc", with the cut-off clause
        "trường hợp nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo" or NĐ
        23/2015/NĐ-CP Điều 7's "hoặc trong ngày làm việc tiếp theo, nếu tiếp nhận yêu cầu sau 15
        giờ"; and "Không quy định". Case, Unicode normalisation and spacing do not matter.
        Anything else raises :class:`~tthc.errors.TimeLimitParseError` quoting the text.

        >>> TimeLimit.parse("20 ngày làm việc (không kể thời gian thực hiện nghĩa vụ tài chính)")
        TimeLimit(amount=20, unit=<Unit.WORKING_DAY: 'working_day'>, cutoff=None, excluding='thực hiện nghĩa vụ tài chính')
        >>> TimeLimit.parse("Ngay trong ngày")
        TimeLimit(amount=0, unit=<Unit.SAME_DAY: 'same_day'>, cutoff=None, excluding=None)
        >>> TimeLimit.parse("05 tuần")
        Traceback (most recent call last):
        ...
        tthc.errors.TimeLimitParseError: cannot read time limit '05 tuần': expected e.g. '05 ngày làm việc', '20 ngày', '03 tháng', '08 giờ làm việc', 'Trong ngày' or 'Không quy định'
        """
        if not isinstance(text, str):
            raise ArgumentTypeError(
                f"TimeLimit.parse: expected a str, got {type(text).__name__} {text!r}"
            )
        clean = " ".join(unicodedata.normalize("NFC", text).split()).rstrip(".;, ")
        if clean.lower() == "không quy định":
            return cls.none()
        m = _SAME_DAY_RE.fullmatch(clean) or _SAME_DAY_ND23_RE.fullmatch(clean)
        if m is not None:
            if m.group("hh") is None:
                return cls.same_day(cutoff=None)
            hh, mm = int(m.group("hh")), int(m.group("mm") or 0)
            if hh > 23 or mm > 59:
                raise TimeLimitParseError(
                    f"cannot read time limit {text!r}: cut-off {hh} giờ {mm} phút is not a time"
                )
            return cls.same_day(cutoff=time(hh, mm))
        m = _COUNTED_RE.fullmatch(clean)
        if m is None:
            raise TimeLimitParseError(
                f"cannot read time limit {text!r}: expected e.g. '05 ngày làm việc', '20 ngày', "
                "'03 tháng', '08 giờ làm việc', 'Trong ngày' or 'Không quy định'"
            )
        amount = int(m.group("n"))
        if amount < 1:
            raise TimeLimitParseError(f"cannot read time limit {text!r}: expected an amount >= 1")
        excluding = m.group("excl")
        if excluding is not None and m.group("kw").isupper():
            excluding = excluding.lower()  # a clause in capitals: the text is not a proper name
        return cls(amount, _UNIT_WORDS[m.group("unit").lower()], excluding=excluding)


def _format_hour(t: time) -> str:
    return f"{t.hour} giờ" if t.minute == 0 else f"{t.hour} giờ {t.minute:02d} phút"


_UNIT_WORDS = {
    "ngày làm việc": Unit.WORKING_DAY,
    "ngày": Unit.DAY,
    "tháng": Unit.MONTH,
    "giờ làm việc": Unit.WORKING_HOUR,
    "giờ": Unit.HOUR,
}

_FROM_RECEIPT = (
    r"(?:,? ?(?:được tính )?kể từ (?:ngày|thời điểm|khi) "
    r"(?:(?:các )?cơ quan(?: có thẩm quyền)?(?: giải quyết)? )?(?:tiếp )?nhận (?:được |đủ |đầy đủ )?"
    r"hồ sơ(?: đầy đủ,? hợp lệ| hợp lệ| đầy đủ)?)?"
)
_COUNTED_RE = re.compile(
    r"(?:(?:không quá|tối đa|trong vòng|trong thời hạn) )?"
    r"(?P<n>[0-9]{1,4}) "
    r"(?P<unit>ngày làm việc|giờ làm việc|ngày|tháng|giờ)"
    + _FROM_RECEIPT
    + r"(?: ?\((?P<kw>không kể thời gian) (?P<excl>[^()]+)\))?",
    re.IGNORECASE,
)
_CUTOFF = r"sau (?P<hh>[0-9]{1,2}) ?(?:giờ|h)(?: ?(?P<mm>[0-9]{1,2})(?: phút)?)?"
# "trong ngày [làm việc] [cơ quan, tổ chức] [tiếp nhận yêu cầu]": the day of receipt.
_SAME_DAY_HEAD = r"(?:ngay )?trong ngày(?: làm việc)?(?: (?:cơ quan, tổ chức )?(?:tiếp )?nhận (?:yêu cầu|hồ sơ))?"
_SAME_DAY_RE = re.compile(
    _SAME_DAY_HEAD
    + r"(?:[;,.]? ?(?:trường hợp|nếu) (?:tiếp )?nhận (?:hồ sơ|yêu cầu) "
    + _CUTOFF
    + r"(?: mà không giải quyết được ngay)?,? thì "
    r"(?:trả kết quả |giải quyết )?(?:ngay )?trong ngày làm việc tiếp theo)?",
    re.IGNORECASE,
)
_SAME_DAY_ND23_RE = re.compile(
    _SAME_DAY_HEAD + r",? hoặc trong ngày làm việc tiếp "
    r"theo,? nếu (?:tiếp )?nhận (?:hồ sơ|yêu cầu) " + _CUTOFF,
    re.IGNORECASE,
)

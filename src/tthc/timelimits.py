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

import unicodedata
from datetime import time
from typing import Any

import attrs

from tthc.errors import ArgumentTypeError, InvalidValueError, TimeLimitParseError
from tthc.labelled import LabelledEnum
from tthc.law import SAME_DAY_CUTOFF
from tthc.validators import check_int, instance_of

__all__ = [
    "MAX_AMOUNT",
    "Alternative",
    "AlternativeKind",
    "Precision",
    "ReadingKind",
    "SupplementPolicy",
    "TimeLimit",
    "TimeLimitReading",
    "Unit",
    "read_time_limit",
]

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


class SupplementPolicy(LabelledEnum):
    """What a request for supplements does to the clock.

    ``RESTART`` (default): "Thời hạn giải quyết được tính lại từ đầu sau khi nhận đủ hồ sơ"
    (NĐ 118/2025/NĐ-CP Điều 19 k5; NĐ 61/2018/NĐ-CP Điều 19 k4). ``PAUSE``: a special law excludes
    the time the applicant takes, and the rest of the limit continues after the supplement.
    """

    RESTART = "restart", "Tính lại từ đầu", "Restart"
    PAUSE = "pause", "Tạm dừng", "Pause"


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
        """The one unconditional limit ``text`` states; strict (DOMAIN.md §3).

        Accepts exactly the texts :func:`read_time_limit` reads as one limit without
        alternatives: an amount (leading zeros, numbers in words in parentheses "03 (ba)", half
        working days "0.5 ngày làm việc" = 04 working hours) in ``ngày làm việc``, ``ngày``,
        ``tháng``, ``giờ làm việc`` or ``giờ``, after "Không quá" / "Tối đa" / "Trong thời hạn"
        …, with a "kể từ …" clause counted from the receipt of the dossier (NĐ 118/2025/NĐ-CP
        Điều 17 k3) and "(không kể thời gian …)" kept in ``excluding``; the same-day forms with
        their cut-off (NĐ 23/2015/NĐ-CP Điều 7); and "Không quy định" (:meth:`none`). Case,
        Unicode normalisation, spacing and stray punctuation do not matter. Anything else raises
        :class:`~tthc.errors.TimeLimitParseError` quoting the text and saying what the lenient
        reader found: alternatives, no limit stated, or why it needs review.

        >>> TimeLimit.parse("20 ngày làm việc (không kể thời gian thực hiện nghĩa vụ tài chính)")
        TimeLimit(amount=20, unit=<Unit.WORKING_DAY: 'working_day'>, cutoff=None, excluding='thực hiện nghĩa vụ tài chính')
        >>> TimeLimit.parse("Ngay trong ngày")
        TimeLimit(amount=0, unit=<Unit.SAME_DAY: 'same_day'>, cutoff=None, excluding=None)
        >>> TimeLimit.parse("05 tuần")
        Traceback (most recent call last):
        ...
        tthc.errors.TimeLimitParseError: cannot read time limit '05 tuần': needs review: unit 'tuần' is not one tthc counts
        >>> TimeLimit.parse("10 ngày làm việc (15 ngày làm việc đối với trường hợp cần xác minh)")
        Traceback (most recent call last):
        ...
        tthc.errors.TimeLimitParseError: cannot read time limit '10 ngày làm việc (15 ngày làm việc đối với trường hợp cần xác minh)': states alternatives (1); use read_time_limit
        """
        if not isinstance(text, str):
            raise ArgumentTypeError(
                f"TimeLimit.parse: expected a str, got {type(text).__name__} {text!r}"
            )
        reading = read_time_limit(text)
        if reading.needs_review:
            raise TimeLimitParseError(
                f"cannot read time limit {text!r}: needs review: {reading.reason}"
            )
        if reading.alternatives:
            raise TimeLimitParseError(
                f"cannot read time limit {text!r}: states alternatives "
                f"({len(reading.alternatives)}); use read_time_limit"
            )
        if reading.limit is None:
            raise TimeLimitParseError(
                f"cannot read time limit {text!r}: no limit stated ({reading.reason}); "
                "use read_time_limit"
            )
        return reading.limit


def _format_hour(t: time) -> str:
    return f"{t.hour} giờ" if t.minute == 0 else f"{t.hour} giờ {t.minute:02d} phút"


class AlternativeKind(LabelledEnum):
    """How an alternative limit relates to the text's default."""

    CONDITION = "condition", "trường hợp riêng", "condition"
    """A conditional limit beside a default ("trường hợp phải xác minh …: 12 ngày làm việc")."""
    CASE = "case", "trường hợp", "case"
    """One case of a text that lists cases without a default ("… đối với trường hợp cấp lại")."""
    LOWER_BOUND = "lower_bound", "cận dưới", "lower bound"
    """The lower bound of a range ("từ 5 đến 10 ngày"); the limit is the upper bound."""


class ReadingKind(LabelledEnum):
    """What a :class:`TimeLimitReading` found, in the four classes ``tthc catalogue check`` counts."""

    LIMIT = "limit", "một thời hạn", "one limit"
    """One limit, without alternatives."""
    ALTERNATIVES = "alternatives", "có thời hạn khác theo trường hợp", "with alternatives"
    """A limit with alternatives, or cases without a default."""
    NOT_STATED = "not_stated", "không nêu thời hạn", "not stated"
    """No limit given, or the text says none is set."""
    NEEDS_REVIEW = "needs_review", "cần xem lại", "needs review"
    """Something tthc cannot turn into limits with confidence."""


@attrs.frozen
class Alternative:
    """A limit that applies in a named case, with the words of the case as the text writes them.

    >>> read_time_limit("03 ngày làm việc; trường hợp phải xác minh thì không quá 08 ngày làm việc").alternatives
    (Alternative(condition='phải xác minh', limit=TimeLimit(amount=8, unit=<Unit.WORKING_DAY: 'working_day'>, cutoff=None, excluding=None), kind=<AlternativeKind.CONDITION: 'condition'>),)
    """

    condition: str = attrs.field(validator=attrs.validators.instance_of(str))
    limit: TimeLimit = attrs.field(validator=attrs.validators.instance_of(TimeLimit))
    kind: AlternativeKind = attrs.field(
        default=AlternativeKind.CONDITION,
        validator=attrs.validators.instance_of(AlternativeKind),
    )


@attrs.frozen
class TimeLimitReading:
    """What :func:`read_time_limit` found in a "Thời hạn giải quyết" text.

    ``limit`` is the one unconditional limit the text states (``None`` when it states none, when
    it lists cases without a default, and whenever ``needs_review``); ``alternatives`` the
    conditional limits, cases or a range's lower bound; ``stated`` is false when the text says no
    limit is set or gives none (then ``limit`` is ``None``, or ``TimeLimit.none()`` when the text
    says the law sets none: "Không quy định"); ``needs_review`` is true when the text states
    something tthc cannot turn into limits with confidence, and ``reason`` says what. ``start``
    is the "kể từ …" clause as written (always the receipt of the dossier, or of the request,
    when a limit is read: other starting events are left for review), ``exclusions`` the periods
    a "(không kể thời gian …)" clause leaves out, ``restart_stated`` whether the text says the
    limit counts again in full for each filing.

    >>> r = read_time_limit("Trong thời hạn 03 (ba) ngày làm việc, kể từ ngày nhận được hồ sơ hợp lệ.")
    >>> str(r.limit), r.start, r.stated, r.needs_review
    ('03 ngày làm việc', 'ngày nhận được hồ sơ hợp lệ', True, False)
    """

    text: str = attrs.field(validator=attrs.validators.instance_of(str))
    limit: TimeLimit | None = attrs.field(default=None, kw_only=True)
    alternatives: tuple[Alternative, ...] = attrs.field(default=(), kw_only=True)
    stated: bool = attrs.field(default=True, kw_only=True)
    needs_review: bool = attrs.field(default=False, kw_only=True)
    reason: str = attrs.field(default="", kw_only=True)
    start: str | None = attrs.field(default=None, kw_only=True)
    exclusions: tuple[str, ...] = attrs.field(default=(), kw_only=True)
    restart_stated: bool = attrs.field(default=False, kw_only=True)

    @property
    def limits(self) -> tuple[TimeLimit, ...]:
        """Every limit of the reading: the default first, then the alternatives'.

        >>> [str(x) for x in read_time_limit("Từ 5 đến 10 ngày").limits]
        ['10 ngày', '05 ngày']
        """
        head = () if self.limit is None else (self.limit,)
        return head + tuple(a.limit for a in self.alternatives)

    @property
    def kind(self) -> ReadingKind:
        """Which of the four classes the reading falls in.

        >>> [read_time_limit(t).kind.value for t in ("5 Ngày làm việc", "Từ 5 đến 10 ngày", "Khác", "1")]
        ['limit', 'alternatives', 'not_stated', 'needs_review']
        """
        if self.needs_review:
            return ReadingKind.NEEDS_REVIEW
        if self.alternatives:
            return ReadingKind.ALTERNATIVES
        if self.stated and self.limit is not None:
            return ReadingKind.LIMIT
        return ReadingKind.NOT_STATED

    @property
    def is_single(self) -> bool:
        """Whether the text states exactly one unconditional limit (what ``TimeLimit.parse`` takes)."""
        return self.limit is not None and not self.alternatives and not self.needs_review

    @property
    def supplement_time_excluded(self) -> bool:
        """Whether an exclusion is the applicant's time to supplement or correct the dossier."""
        # lazy: the grammar imports this module, and most users never read a text
        from tthc._timelimit_grammar import supplement_excluded

        return supplement_excluded(self.exclusions)

    @property
    def supplement_policy(self) -> SupplementPolicy | None:
        """What the text implies for supplements, or ``None`` when it says nothing.

        An exclusion of the supplement time ("không kể thời gian bổ sung, hoàn thiện hồ sơ")
        means :attr:`~tthc.timelimits.SupplementPolicy.PAUSE`: the days used before the request
        count, the rest continue after the supplement. "Thời gian này được tính như nhau cho tất cả
        các lần nộp hồ sơ" means :attr:`~tthc.timelimits.SupplementPolicy.RESTART`.

        >>> read_time_limit("12 ngày làm việc không kể thời gian bổ sung, hoàn thiện hồ sơ").supplement_policy
        <SupplementPolicy.PAUSE: 'pause'>
        """

        if self.supplement_time_excluded:
            return SupplementPolicy.PAUSE
        if self.restart_stated:
            return SupplementPolicy.RESTART
        return None


def read_time_limit(text: str) -> TimeLimitReading:
    """Read a "Thời hạn giải quyết" text as the national procedure database publishes it.

    Lenient where :meth:`TimeLimit.parse` is strict: it never raises on a ``str`` and never gives
    a confident wrong reading. What it cannot read with confidence it marks ``needs_review`` with
    the reason. See ``docs/timelimits.md`` for the grammar and the figures on real texts.

    >>> r = read_time_limit("07 ngày làm việc; trường hợp phải xác minh thì thời hạn giải quyết không quá 12 ngày làm việc.")
    >>> str(r.limit), [(a.condition, str(a.limit)) for a in r.alternatives]
    ('07 ngày làm việc', [('phải xác minh', '12 ngày làm việc')])
    >>> read_time_limit("Không có thông tin").stated
    False
    >>> r = read_time_limit("03 tháng và 20 ngày làm việc")
    >>> r.needs_review, r.limit
    (True, None)
    """
    if not isinstance(text, str):
        raise ArgumentTypeError(
            f"read_time_limit: expected a str, got {type(text).__name__} {text!r}"
        )
    # lazy: the grammar (four modules, about 60 regular expressions) imports this module and costs
    # start-up time that only readers of texts need
    from tthc._timelimit_grammar import read

    return read(text)

"""The exceptions tthc raises.

Every error is a :class:`TthcError` and also the built-in kind callers already catch
(:class:`ValueError` for a bad value, :class:`TypeError` for a value of the wrong type), so both
``except tthc.TthcError`` and ``except ValueError`` work.

>>> from tthc.errors import CalendarRangeError, TthcError
>>> issubclass(CalendarRangeError, TthcError) and issubclass(CalendarRangeError, ValueError)
True
"""

from __future__ import annotations

__all__ = [
    "ArgumentTypeError",
    "CalendarDataError",
    "CalendarRangeError",
    "DataError",
    "DataFileError",
    "DataRowError",
    "DateTypeError",
    "InvalidTimelineError",
    "InvalidValueError",
    "OverrideConflictError",
    "ReportError",
    "TimeLimitParseError",
    "TimelineTimezoneError",
    "TimezoneError",
    "TthcError",
]


class TthcError(Exception):
    """Base class of every error tthc raises on purpose."""


class InvalidValueError(TthcError, ValueError):
    """A field received a value outside what it accepts (names the field, the value, the rule)."""


class ArgumentTypeError(TthcError, TypeError):
    """An argument or field of the wrong type: a ``datetime`` where a ``date`` is meant, a
    string where a ``TimeLimit`` is, and so on (every wrong type tthc refuses raises it)."""


DateTypeError = ArgumentTypeError
"""The former name of :class:`ArgumentTypeError` (it was raised for every wrong type, not only
dates); kept as an alias."""


class TimezoneError(TthcError, ValueError):
    """Naive and aware datetimes were mixed where one kind is required."""


class CalendarRangeError(TthcError, ValueError):
    """A date (or a result) falls outside the range a calendar has data for."""


class CalendarDataError(TthcError, ValueError):
    """A calendar was built from inconsistent data (e.g. two entries for one day)."""


class OverrideConflictError(CalendarDataError):
    """An override contradicts the calendar: a closure on a day already off, and so on."""


class TimeLimitParseError(TthcError, ValueError):
    """A time-limit text (``thời hạn giải quyết``) could not be read; the message quotes it."""


class InvalidTimelineError(TthcError, ValueError):
    """A dossier's events break a rule of the timeline (order, uniqueness, final events)."""


class DataError(TthcError, ValueError):
    """A data file (CSV / JSON) has a bad row; names the file, the line and the field."""


class DataFileError(TthcError, OSError):
    """A data file cannot be read or written: missing, a folder, no permission, disk full.

    Also an :class:`OSError`, so ``except OSError`` keeps working.
    """


class ReportError(TthcError, ValueError):
    """A report could not be built consistently (e.g. sums that do not hold)."""


class TimelineTimezoneError(InvalidTimelineError, TimezoneError):
    """One dossier's timeline mixes naive and aware datetimes (or a moment of the other kind)."""


class DataRowError(DataError):
    """A bad record of a data file; ``file``, ``line`` and ``field`` say where (``None``: unknown).

    >>> e = DataRowError("a.csv: line 3: field 'at': bad date", file="a.csv", line=3, field="at")
    >>> (e.file, e.line, e.field)
    ('a.csv', 3, 'at')
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.file = file
        self.line = line
        self.field = field

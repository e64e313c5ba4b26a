"""tthc: Vietnamese administrative-procedure (thủ tục hành chính) rules.

A working-day calendar of Vietnamese state agencies, deadline rules with their legal basis,
classification of dossiers (hồ sơ) and the reports inspections ask for.

>>> import tthc
>>> from datetime import date
>>> tthc.vietnam_calendar().add_working_days(date(2026, 2, 12), 5)
datetime.date(2026, 2, 26)
"""

from __future__ import annotations

from tthc.calendar import (
    DayInfo,
    DayKind,
    Override,
    Session,
    WorkingCalendar,
    vietnam_calendar,
)
from tthc.errors import (
    CalendarDataError,
    CalendarRangeError,
    DataError,
    DateTypeError,
    InvalidTimelineError,
    InvalidValueError,
    OverrideConflictError,
    ReportError,
    TimeLimitParseError,
    TimezoneError,
    TthcError,
)

# deadlines (issue 4)
# stats (issue 5)
from tthc.stats import (
    Form06,
    Form06Column,
    Form06Row,
    PeriodConvention,
    PeriodKind,
    ReportingPeriod,
)

__version__ = "0.1.0"

__all__ = [
    "CalendarDataError",
    "CalendarRangeError",
    "DataError",
    "DateTypeError",
    "DayInfo",
    "DayKind",
    "Form06",
    "Form06Column",
    "Form06Row",
    "InvalidTimelineError",
    "InvalidValueError",
    "Override",
    "OverrideConflictError",
    "PeriodConvention",
    "PeriodKind",
    "ReportError",
    "ReportingPeriod",
    "Session",
    "TimeLimitParseError",
    "TimezoneError",
    "TthcError",
    "WorkingCalendar",
    "__version__",
    "vietnam_calendar",
    # deadlines (issue 4)
]

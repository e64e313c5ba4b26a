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

# deadlines (issue 4)
from tthc.classify import (
    Classification,
    Finding,
    FindingKind,
    Outcome,
    StepReport,
    classify,
    findings,
    process_control,
)
from tthc.deadlines import (
    Adjustment,
    AdjustmentKind,
    Deadline,
    RuleSet,
    deadline,
    due_date,
    rule_set_for,
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
    TimelineTimezoneError,
    TimezoneError,
    TthcError,
)
from tthc.models import (
    Apologized,
    Channel,
    Closed,
    Dossier,
    ExclusionEnded,
    ExclusionStarted,
    GovernmentLevel,
    Procedure,
    ProcessStep,
    Received,
    Refused,
    Resolved,
    Returned,
    ServiceLevel,
    StepCompleted,
    Stopped,
    Submitted,
    SupplementPolicy,
    SupplementReceived,
    SupplementRequested,
    Withdrawn,
)

# stats (issue 5)
from tthc.stats import (
    Form06,
    Form06Column,
    Form06Row,
    PeriodConvention,
    PeriodKind,
    ReportingPeriod,
)
from tthc.timelimits import Precision, TimeLimit, Unit

__version__ = "0.1.0"

__all__ = [
    # deadlines (issue 4)
    "Adjustment",
    "AdjustmentKind",
    "Apologized",
    "CalendarDataError",
    "CalendarRangeError",
    "Channel",
    "Classification",
    "Closed",
    "DataError",
    "DateTypeError",
    "DayInfo",
    "DayKind",
    "Deadline",
    "Dossier",
    "ExclusionEnded",
    "ExclusionStarted",
    "Finding",
    "FindingKind",
    "Form06",
    "Form06Column",
    "Form06Row",
    "GovernmentLevel",
    "InvalidTimelineError",
    "InvalidValueError",
    "Outcome",
    "Override",
    "OverrideConflictError",
    "PeriodConvention",
    "PeriodKind",
    "Precision",
    "Procedure",
    "ProcessStep",
    "Received",
    "Refused",
    "ReportError",
    "ReportingPeriod",
    "Resolved",
    "Returned",
    "RuleSet",
    "ServiceLevel",
    "Session",
    "StepCompleted",
    "StepReport",
    "Stopped",
    "Submitted",
    "SupplementPolicy",
    "SupplementReceived",
    "SupplementRequested",
    "TimeLimit",
    "TimeLimitParseError",
    "TimelineTimezoneError",
    "TimezoneError",
    "TthcError",
    "Unit",
    "Withdrawn",
    "WorkingCalendar",
    "__version__",
    "classify",
    "deadline",
    "due_date",
    "findings",
    "process_control",
    "rule_set_for",
    "vietnam_calendar",
]

"""tthc: Vietnamese administrative-procedure (thủ tục hành chính) rules.

A working-day calendar of Vietnamese state agencies, deadline rules with their legal basis,
classification of dossiers (hồ sơ) and the reports inspections ask for.

>>> import tthc
>>> from datetime import date
>>> tthc.vietnam_calendar().add_working_days(date(2026, 2, 12), 5)
datetime.date(2026, 2, 26)

The names below are loaded on first use (PEP 562), so ``import tthc`` stays as cheap as importing
``holidays``; ``from tthc import X`` and ``tthc.X`` work as usual.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

from tthc.errors import (
    ArgumentTypeError,
    CalendarDataError,
    CalendarRangeError,
    DataError,
    DataFileError,
    DataRowError,
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

if TYPE_CHECKING:
    from tthc.announcements import announcements_from_data, load_announcements
    from tthc.appointments import AuditFinding, AuditReport, Cause, audit
    from tthc.breaches import Finding, FindingKind, findings
    from tthc.calendar import (
        AnnouncedDay,
        Announcement,
        DataOrigin,
        DayInfo,
        DayKind,
        Occasion,
        OccasionKind,
        Override,
        Session,
        WorkingCalendar,
        vietnam_calendar,
    )
    from tthc.classification import Basis, Classification, Outcome, classify
    from tthc.deadlines import (
        Adjustment,
        AdjustmentKind,
        Deadline,
        deadline,
        due_date,
    )
    from tthc.events import (
        Apologized,
        Appointed,
        Closed,
        CorrectionRequested,
        ExclusionEnded,
        ExclusionStarted,
        Received,
        Refused,
        Resolved,
        Returned,
        StepCompleted,
        Stopped,
        Submitted,
        SupplementReceived,
        SupplementRequested,
        Withdrawn,
    )
    from tthc.law import RuleSet, rule_set_for
    from tthc.models import Dossier
    from tthc.procedures import Procedure, ProcessStep
    from tthc.reports import (
        QD766_PROGRESS,
        Form06,
        Form06Column,
        Form06Row,
        InspectionReport,
        LateDossier,
        OnlineCoverage,
        PeriodConvention,
        PeriodKind,
        Placement,
        ProgressScore,
        ProgressScoreConfig,
        ReportingPeriod,
        form06,
        inspection_report,
        place,
        progress_score,
    )
    from tthc.services import Channel, GovernmentLevel, ProactiveLevel, ServiceLevel
    from tthc.step_control import StepReport, process_control
    from tthc.timelimits import (
        Alternative,
        AlternativeKind,
        Precision,
        ReadingKind,
        SupplementPolicy,
        TimeLimit,
        TimeLimitReading,
        Unit,
        read_time_limit,
    )

__version__ = "0.1.0"

_LAZY: dict[str, str] = {
    "AuditFinding": "tthc.appointments",
    "AuditReport": "tthc.appointments",
    "Cause": "tthc.appointments",
    "audit": "tthc.appointments",
    "Basis": "tthc.classification",
    "announcements_from_data": "tthc.announcements",
    "load_announcements": "tthc.announcements",
    "AnnouncedDay": "tthc.calendar",
    "Announcement": "tthc.calendar",
    "DataOrigin": "tthc.calendar",
    "Occasion": "tthc.calendar",
    "OccasionKind": "tthc.calendar",
    "DayInfo": "tthc.calendar",
    "DayKind": "tthc.calendar",
    "Override": "tthc.calendar",
    "Session": "tthc.calendar",
    "WorkingCalendar": "tthc.calendar",
    "vietnam_calendar": "tthc.calendar",
    "Classification": "tthc.classification",
    "Finding": "tthc.breaches",
    "FindingKind": "tthc.breaches",
    "Outcome": "tthc.classification",
    "StepReport": "tthc.step_control",
    "classify": "tthc.classification",
    "findings": "tthc.breaches",
    "process_control": "tthc.step_control",
    "Adjustment": "tthc.deadlines",
    "AdjustmentKind": "tthc.deadlines",
    "Deadline": "tthc.deadlines",
    "RuleSet": "tthc.law",
    "deadline": "tthc.deadlines",
    "due_date": "tthc.deadlines",
    "rule_set_for": "tthc.law",
    "Apologized": "tthc.events",
    "Appointed": "tthc.events",
    "Channel": "tthc.services",
    "Closed": "tthc.events",
    "CorrectionRequested": "tthc.events",
    "Dossier": "tthc.models",
    "ExclusionEnded": "tthc.events",
    "ExclusionStarted": "tthc.events",
    "GovernmentLevel": "tthc.services",
    "ProactiveLevel": "tthc.services",
    "Procedure": "tthc.procedures",
    "ProcessStep": "tthc.procedures",
    "Received": "tthc.events",
    "Refused": "tthc.events",
    "Resolved": "tthc.events",
    "Returned": "tthc.events",
    "ServiceLevel": "tthc.services",
    "StepCompleted": "tthc.events",
    "Stopped": "tthc.events",
    "Submitted": "tthc.events",
    "SupplementPolicy": "tthc.timelimits",
    "SupplementReceived": "tthc.events",
    "SupplementRequested": "tthc.events",
    "Withdrawn": "tthc.events",
    "QD766_PROGRESS": "tthc.reports",
    "Form06": "tthc.reports",
    "Form06Column": "tthc.reports",
    "Form06Row": "tthc.reports",
    "InspectionReport": "tthc.reports",
    "LateDossier": "tthc.reports",
    "OnlineCoverage": "tthc.reports",
    "PeriodConvention": "tthc.reports",
    "PeriodKind": "tthc.reports",
    "Placement": "tthc.reports",
    "ProgressScore": "tthc.reports",
    "ProgressScoreConfig": "tthc.reports",
    "ReportingPeriod": "tthc.reports",
    "form06": "tthc.reports",
    "inspection_report": "tthc.reports",
    "place": "tthc.reports",
    "progress_score": "tthc.reports",
    "Alternative": "tthc.timelimits",
    "AlternativeKind": "tthc.timelimits",
    "Precision": "tthc.timelimits",
    "ReadingKind": "tthc.timelimits",
    "TimeLimit": "tthc.timelimits",
    "TimeLimitReading": "tthc.timelimits",
    "Unit": "tthc.timelimits",
    "read_time_limit": "tthc.timelimits",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'tthc' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


class _ModuleAlias(types.ModuleType):
    """A former module path that forwards every attribute to the module now holding it.

    The module of outcomes was ``tthc.classify`` until it was renamed :mod:`tthc.outcomes` (it
    shadowed the function ``tthc.classify``). The alias is registered in ``sys.modules`` only, so
    ``from tthc.classify import Outcome`` keeps working while the package attribute
    ``tthc.classify`` stays the function; the target is imported on first use.
    """

    def __init__(self, name: str, target: str) -> None:
        super().__init__(name, f"Former name of {target}; use {target}.")
        self._target = target

    def __getattr__(self, name: str) -> Any:
        return getattr(importlib.import_module(self._target), name)


sys.modules.setdefault("tthc.classify", _ModuleAlias("tthc.classify", "tthc.outcomes"))


__all__ = [
    "QD766_PROGRESS",
    "Adjustment",
    "AdjustmentKind",
    "Alternative",
    "AlternativeKind",
    "AnnouncedDay",
    "Announcement",
    "Apologized",
    "Appointed",
    "ArgumentTypeError",
    "AuditFinding",
    "AuditReport",
    "Basis",
    "CalendarDataError",
    "CalendarRangeError",
    "Cause",
    "Channel",
    "Classification",
    "Closed",
    "CorrectionRequested",
    "DataError",
    "DataFileError",
    "DataOrigin",
    "DataRowError",
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
    "InspectionReport",
    "InvalidTimelineError",
    "InvalidValueError",
    "LateDossier",
    "Occasion",
    "OccasionKind",
    "OnlineCoverage",
    "Outcome",
    "Override",
    "OverrideConflictError",
    "PeriodConvention",
    "PeriodKind",
    "Placement",
    "Precision",
    "ProactiveLevel",
    "Procedure",
    "ProcessStep",
    "ProgressScore",
    "ProgressScoreConfig",
    "ReadingKind",
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
    "TimeLimitReading",
    "TimelineTimezoneError",
    "TimezoneError",
    "TthcError",
    "Unit",
    "Withdrawn",
    "WorkingCalendar",
    "__version__",
    "announcements_from_data",
    "audit",
    "classify",
    "deadline",
    "due_date",
    "findings",
    "form06",
    "inspection_report",
    "load_announcements",
    "place",
    "process_control",
    "progress_score",
    "read_time_limit",
    "rule_set_for",
    "vietnam_calendar",
]

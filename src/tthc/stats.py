"""Reports: the former name of :mod:`tthc.reports`, kept working.

Every public name of :mod:`tthc.reports` is re-exported here unchanged; new code may import from
either. See :mod:`tthc.reports` for the reports and their modules.

>>> from tthc.stats import ReportingPeriod
>>> ReportingPeriod.quarter(2026, 1).label_en
'Q1 2026'
"""

from __future__ import annotations

from tthc.reports import (
    FORM06_GROUP_KEYS,
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

"""Reports: reporting periods, Biểu số 06/VPCP/KSTT, the QĐ 766 progress score, inspections.

One module per concept, each importing only those before it in this list:

* :mod:`~tthc.reports.periods`: reporting periods (:class:`ReportingPeriod`) and their
  conventions (the NĐ 09/2019/NĐ-CP Điều 12 cut-off, calendar months);
* :mod:`~tthc.reports.columns`: the count columns of Biểu 06 (:class:`Form06Column`);
* :mod:`~tthc.reports.placement`: where one dossier falls in Biểu 06 for a period
  (:func:`place`), the rule every report takes its dossiers by;
* :mod:`~tthc.reports.form06_table`: Biểu số 06 (:class:`Form06`, :func:`form06`);
* :mod:`~tthc.reports.qd766`: the QĐ 766 progress score (:func:`progress_score`);
* :mod:`~tthc.reports.inspection`: the inspection report (:func:`inspection_report`).

Every public name is re-exported here (and from ``tthc.stats``, the former name of this
package). The package may import the engines (:mod:`tthc.deadlines`, :mod:`tthc.outcomes`), the
models layer and the calendar; never :mod:`tthc.formats`, :mod:`tthc.batch` or the CLI.

>>> from datetime import date
>>> period = ReportingPeriod.month(2026, 3)
>>> period.start, period.end
(datetime.date(2026, 2, 15), datetime.date(2026, 3, 14))
>>> form06([], period).total.received
0
"""

from __future__ import annotations

from tthc.reports.columns import Form06Column
from tthc.reports.form06_table import FORM06_GROUP_KEYS, Form06, Form06Row, form06
from tthc.reports.inspection import InspectionReport, LateDossier, OnlineCoverage, inspection_report
from tthc.reports.periods import PeriodConvention, PeriodKind, ReportingPeriod
from tthc.reports.placement import Placement, place
from tthc.reports.qd766 import QD766_PROGRESS, ProgressScore, ProgressScoreConfig, progress_score

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

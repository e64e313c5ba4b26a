"""Reports: reporting periods, Biểu số 06/VPCP/KSTT, the QĐ 766 progress score, inspections.

One module per report: :mod:`~tthc.reports.periods` (reporting periods),
:mod:`~tthc.reports.columns` (the columns of Biểu 06), :mod:`~tthc.reports.placement` (where a
dossier falls in a period), :mod:`~tthc.reports.form06_table` (Biểu 06), :mod:`~tthc.reports.qd766`
(the QĐ 766 progress score) and :mod:`~tthc.reports.inspection` (the inspection report). Every
public name is re-exported here (and from ``tthc.stats``, the former name of this package).

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

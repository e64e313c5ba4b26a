"""Process control: each step of an interlinked (liên thông) dossier against its time budget.

:func:`process_control` reports, for every :class:`~tthc.procedures.ProcessStep` of the
procedure, when it started, when it was due and completed, its outcome, and which step first
overran (Phiếu kiểm soát quá trình giải quyết hồ sơ). Re-exported by :mod:`tthc.outcomes` and
:mod:`tthc`.
"""

from __future__ import annotations

from datetime import date, datetime

import attrs

from tthc.calendar import WorkingCalendar, calendar_argument, wall_date
from tthc.classification import Outcome
from tthc.deadlines import clock_due, end_of_day
from tthc.errors import ArgumentTypeError
from tthc.events import StepCompleted
from tthc.models import Dossier

__all__ = ["StepReport", "process_control"]


@attrs.frozen
class StepReport:
    """One step of an interlinked dossier against its budget (Phiếu kiểm soát quá trình).

    ``started`` is the hand-over moment (the receipt for the first step, the previous step's
    completion after it, or the previous step's due moment if that step is not completed);
    ``due`` / ``due_at`` from the budget; ``outcome`` EARLY / ON_TIME / LATE once completed, else
    ``None``; ``first_overrun`` marks the first step that finished late.
    """

    step: str
    agency: str
    started: datetime
    due: date
    due_at: datetime | None
    completed: datetime | None
    outcome: Outcome | None
    first_overrun: bool


def process_control(
    dossier: Dossier, *, calendar: WorkingCalendar | None = None
) -> tuple[StepReport, ...]:
    """Each step's due moment, completion and outcome, and which step first overran.

    Steps run in the order the procedure lists them; each starts when the previous one was
    handed on. Dates are compared as in :func:`classify` (dates, or instants under
    ``Precision.HOUR`` and for budgets in hours).

    Basis: NĐ 118/2025/NĐ-CP, Điều 20 khoản 2 (Phiếu chuyển xử lý states each agency's time
    limit); NĐ 61/2018/NĐ-CP, Điều 19 khoản 6; TT 01/2018/TT-VPCP Mẫu số 05 / TT 03/2025/TT-VPCP
    (Phiếu kiểm soát quá trình giải quyết hồ sơ).

    >>> from tthc.models import GovernmentLevel, Procedure, ProcessStep, Received
    >>> from tthc.timelimits import TimeLimit
    >>> p = Procedure("1.000948.H38", "Thủ tục liên thông", "Đất đai", GovernmentLevel.PROVINCE,
    ...               TimeLimit.working_days(5),
    ...               steps=[ProcessStep("Thẩm định", "Sở A", TimeLimit.working_days(2)),
    ...                      ProcessStep("Phê duyệt", "UBND tỉnh", TimeLimit.working_days(3))])
    >>> d = Dossier("HS-10", p, [Received(datetime(2026, 3, 2, 9)),
    ...                          StepCompleted(datetime(2026, 3, 5, 9), step="Thẩm định")])
    >>> [(r.step, r.due, r.outcome and r.outcome.name, r.first_overrun) for r in process_control(d)]
    [('Thẩm định', datetime.date(2026, 3, 4), 'LATE', True), ('Phê duyệt', datetime.date(2026, 3, 10), None, False)]
    """
    if not isinstance(dossier, Dossier):
        raise ArgumentTypeError(
            f"process_control: expected a Dossier, got {type(dossier).__name__}"
        )
    cal = calendar_argument(calendar)
    precision = dossier.procedure.precision
    done = {e.step: e.at for e in dossier.events if isinstance(e, StepCompleted)}
    start = dossier.received.at
    reports: list[StepReport] = []
    overrun_seen = False
    for step in dossier.procedure.steps:
        due, due_at = clock_due(cal, start, step.budget, precision)
        completed = done.get(step.name)
        outcome: Outcome | None = None
        if completed is not None:
            fdate = wall_date(completed)
            late = completed > due_at if due_at is not None else fdate > due
            outcome = Outcome.LATE if late else Outcome.EARLY if fdate < due else Outcome.ON_TIME
        first = outcome is Outcome.LATE and not overrun_seen
        overrun_seen = overrun_seen or first
        reports.append(
            StepReport(step.name, step.agency, start, due, due_at, completed, outcome, first)
        )
        if completed is not None:
            start = completed
        elif due_at is not None:
            start = due_at
        else:
            start = end_of_day(cal, due, start)
    return tuple(reports)

"""QĐ 766/QĐ-TTg, group "Tiến độ giải quyết": :func:`progress_score` and its configuration.

It may import :mod:`tthc.reports.placement`, :mod:`tthc.reports.columns`,
:mod:`tthc.reports.periods`, the engines (:mod:`tthc.deadlines`) and the models layer.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

import attrs

from tthc.calendar import WorkingCalendar, calendar_argument, wall_date
from tthc.classification import Basis, _check_basis
from tthc.deadlines import deadline
from tthc.errors import InvalidValueError
from tthc.events import SupplementReceived, SupplementRequested
from tthc.models import Dossier
from tthc.reports.columns import Form06Column
from tthc.reports.periods import ReportingPeriod
from tthc.reports.placement import check_dossiers, check_period, place

__all__ = ["QD766_PROGRESS", "ProgressScore", "ProgressScoreConfig", "progress_score"]


@attrs.frozen
class ProgressScoreConfig:
    """How the QĐ 766 "Tiến độ giải quyết" group is scored: a cited, replaceable configuration.

    rate = dossiers finished on time or still within time ÷ dossiers received and handled in
    the period; points = ``maximum`` × rate when ``target`` is ``None``, else ``maximum`` when
    rate ≥ ``target`` and ``maximum`` × rate ÷ ``target`` below it.

    - ``include_open``: open dossiers count, judged at the period's last day.
    - ``include_ended``: withdrawn, stopped and closed dossiers count, on time if they ended by
      the due date (the description lists refusal, stop, result and withdrawal as ends); a
      supplement request still outstanding when the dossier ended counts as its end.
    - ``repeated_supplement_overdue``: a dossier asked for supplements more than once is overdue.

    ``source`` and ``status`` say where the figures come from and how sure they are.

    >>> QD766_PROGRESS.points(0.9)
    18.0
    >>> ProgressScoreConfig(target=0.8).points(0.4)
    10.0
    """

    maximum: float = attrs.field(default=20.0)
    target: float | None = attrs.field(default=None)
    include_open: bool = attrs.field(default=True, validator=attrs.validators.instance_of(bool))
    include_ended: bool = attrs.field(default=True, validator=attrs.validators.instance_of(bool))
    repeated_supplement_overdue: bool = attrs.field(
        default=True, validator=attrs.validators.instance_of(bool)
    )
    source: str = attrs.field(
        default=(
            "QĐ 766/QĐ-TTg (23/6/2022), group 2 'Tiến độ giải quyết', indicator 2.1 'Tỷ lệ hồ sơ "
            "xử lý trước hạn, đúng hạn', as described in 'Mô tả công thức tính chỉ số 766.docx' "
            "reproduced in github.com/ChippedTopaz/qd766 src/qd766/backend/formula_seed.json "
            "(commit 795e27ee); maximum 20 points as the national portal shows it"
        ),
        validator=attrs.validators.instance_of(str),
    )
    status: str = attrs.field(
        default=(
            "indicator definition and maximum read in a secondary source (a one-stop vendor's "
            "copy of the portal's formula description); points = 20 x rate (linear, no target) "
            "matches the national portal's published scores: 984 parent/child observations "
            "reproduced within 0.015 points (Phú Thọ, collected 2026-09-26; "
            "github.com/ChippedTopaz/qd766 docs/SCORING_ANALYSIS_M0.md); the decision's "
            "appendix itself was not read"
        ),
        validator=attrs.validators.instance_of(str),
    )

    @maximum.validator
    def _check_maximum(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
            raise InvalidValueError(
                f"ProgressScoreConfig.maximum: expected a number > 0, got {value!r}"
            )

    @target.validator
    def _check_target(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None:
            return
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 1:
            raise InvalidValueError(
                f"ProgressScoreConfig.target: expected None or a rate in (0, 1], got {value!r}"
            )

    def points(self, rate: float) -> float:
        """The points for ``rate`` (a share from 0 to 1)."""
        if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not 0 <= rate <= 1:
            raise InvalidValueError(
                f"ProgressScoreConfig.points(rate): expected a rate from 0 to 1, got {rate!r}"
            )
        if self.target is None:
            return round(self.maximum * rate, 6)
        return round(self.maximum * min(1.0, rate / self.target), 6)


QD766_PROGRESS = ProgressScoreConfig()
"""The default configuration of the "Tiến độ giải quyết" group (20 points, linear, no target)."""


@attrs.frozen
class ProgressScore:
    """The "Tiến độ giải quyết" score of a set of dossiers for one period.

    ``considered``: dossiers counted; ``on_time``: those finished early / on time or still
    within time; ``rate`` and ``points`` are ``None`` when nothing was considered (the portal
    shows 0 or N/A).
    """

    period: ReportingPeriod
    considered: int
    on_time: int
    rate: float | None
    points: float | None
    config: ProgressScoreConfig

    @property
    def late(self) -> int:
        """Dossiers counted as late or overdue."""
        return self.considered - self.on_time


def progress_score(
    dossiers: Iterable[Dossier],
    period: ReportingPeriod,
    *,
    calendar: WorkingCalendar | None = None,
    config: ProgressScoreConfig = QD766_PROGRESS,
    basis: Basis | str = Basis.STATUTORY,
) -> ProgressScore:
    """QĐ 766/QĐ-TTg group "Tiến độ giải quyết" (20 points) for ``dossiers`` in ``period``.

    The dossiers considered are those of Biểu 06 for the period (received in it, or carried over
    into it). Each is on time when: resolved or refused EARLY / ON_TIME; in progress at the
    period's end WITHIN_TIME (``config.include_open``; else not counted); withdrawn, stopped or
    closed on or before its due date (``config.include_ended``; else not counted). A dossier
    asked for supplements more than once is overdue (``config.repeated_supplement_overdue``).
    Supplement time is handled by tthc's due date (restart or pause, DOMAIN.md §4) rather than by
    subtracting it from the elapsed time as the portal's description does. ``basis="promised"``
    judges against the appointment date (ngày hẹn trả) as the portal does, where a dossier has one.

    Basis: QĐ 766/QĐ-TTg (23/6/2022), indicator 2.1 as described in the portal's formula
    description (see ``ProgressScoreConfig.source``; reconstructed, [medium]).

    >>> from tthc.models import Procedure, GovernmentLevel, Received, Resolved
    >>> from tthc.timelimits import TimeLimit
    >>> p = Procedure("1.001193", "Đăng ký khai sinh", "Hộ tịch", GovernmentLevel.COMMUNE,
    ...               TimeLimit.working_days(5))
    >>> ok = Dossier("A", p, [Received.on(date(2026, 3, 2)), Resolved.on(date(2026, 3, 3))])
    >>> late = Dossier("B", p, [Received.on(date(2026, 3, 2)), Resolved.on(date(2026, 3, 13))])
    >>> s = progress_score([ok, late], ReportingPeriod.month(2026, 3))
    >>> s.considered, s.on_time, s.rate, s.points
    (2, 1, 0.5, 10.0)
    """
    period = check_period(period, "progress_score")
    if not isinstance(config, ProgressScoreConfig):
        raise InvalidValueError(
            f"progress_score: config expected a ProgressScoreConfig, got {config!r}"
        )
    basis = _check_basis(basis)
    items = check_dossiers(dossiers, "progress_score")
    cal = calendar_argument(calendar)
    considered = on_time = 0
    for d in items:
        where = place(d, period, calendar=cal, basis=basis)
        if where is None:
            continue
        out = where.outcome
        if out in (Form06Column.WITHIN_TIME, Form06Column.OVERDUE) and not config.include_open:
            continue
        if where.classification is None:
            if not config.include_ended:
                continue
            due = deadline(d, calendar=cal).due
            promised = d.promised_due
            if promised is not None and (basis is Basis.PROMISED or not d.procedure.catalogued):
                due = promised
            good = due is None or _processing_end(d) <= due
        else:
            good = out in (Form06Column.EARLY, Form06Column.ON_TIME, Form06Column.WITHIN_TIME)
        if config.repeated_supplement_overdue and _supplement_requests(d, period.end) > 1:
            good = False
        considered += 1
        on_time += good
    rate = on_time / considered if considered else None
    points = None if rate is None else config.points(rate)
    return ProgressScore(period, considered, on_time, rate, points, config)


def _processing_end(dossier: Dossier) -> date:
    """The end of processing of an ended dossier, as the portal's description takes it.

    The final event's date, or the date of a supplement request still outstanding when the
    dossier ended (the applicant's time is not the agency's).
    """
    end: date | None = None
    for e in dossier.events:
        if isinstance(e, SupplementRequested):
            end = wall_date(e.at)
        elif isinstance(e, SupplementReceived):
            end = None
    final = dossier.final_event
    assert final is not None
    return end if end is not None else wall_date(final.at)


def _supplement_requests(dossier: Dossier, until: date) -> int:
    return sum(
        1 for e in dossier.events if isinstance(e, SupplementRequested) and wall_date(e.at) <= until
    )

"""The inspection report of one unit for one period: :func:`inspection_report`.

Late and overdue dossiers with their apologies, online coverage, unsigned results, unpublished
procedures and findings. It may import :mod:`tthc.reports.placement`,
:mod:`tthc.reports.columns`, :mod:`tthc.reports.periods`, the engines (:mod:`tthc.outcomes`) and
the models layer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, time

import attrs

from tthc.calendar import VIETNAM_TZ, WorkingCalendar, calendar_argument, wall_date
from tthc.errors import InvalidValueError
from tthc.events import Apologized, Resolved
from tthc.models import Dossier
from tthc.outcomes import FindingKind, Outcome, findings
from tthc.procedures import Procedure
from tthc.reports.columns import Form06Column
from tthc.reports.periods import ReportingPeriod
from tthc.reports.placement import check_dossiers, check_items, check_period, place
from tthc.services import GovernmentLevel, ServiceLevel

__all__ = ["InspectionReport", "LateDossier", "OnlineCoverage", "inspection_report"]


@attrs.frozen
class LateDossier:
    """A dossier late (resolved after its due date) or overdue (open past it) in the period.

    ``apologized``: an apology (văn bản xin lỗi và hẹn lại) was sent by the period's end;
    ``apology_in_time``: it was sent at the latest 1 day before the due date (``None`` without
    one); ``new_due`` the date it set; ``new_due_kept`` whether the result came by then (``None``
    without an apology or while undecided).
    """

    id: str
    procedure: str
    agency: str | None
    outcome: Outcome
    due: date | None
    finished: datetime | None
    working_days_late: int
    apologized: bool
    apology_in_time: bool | None
    new_due: date | None
    new_due_kept: bool | None


@attrs.frozen
class OnlineCoverage:
    """Online public services at one service level (``None``: no level recorded).

    ``procedures``: procedures of the catalogue at this level; ``received`` / ``received_online``:
    dossiers newly received in the period for procedures at this level, and those received online.
    """

    level: ServiceLevel | None
    procedures: int
    received: int
    received_online: int

    @property
    def share_online(self) -> float | None:
        """received_online ÷ received (``None`` when nothing was received)."""
        return self.received_online / self.received if self.received else None

    @property
    def label_vi(self) -> str:
        """The level's Vietnamese name."""
        return "Không có dịch vụ công trực tuyến" if self.level is None else self.level.label_vi

    @property
    def label_en(self) -> str:
        """The level's English name."""
        return "No online service" if self.level is None else self.level.label_en


@attrs.frozen
class InspectionReport:
    """The checks an inspection makes of one unit for one period (see :func:`inspection_report`)."""

    period: ReportingPeriod
    agency: str | None
    level: GovernmentLevel | None
    dossiers: int
    late: tuple[LateDossier, ...]
    coverage: tuple[OnlineCoverage, ...]
    unsigned_results: tuple[str, ...]
    unknown_signature: tuple[str, ...]
    unpublished: tuple[str, ...] | None
    findings_by_kind: tuple[tuple[FindingKind, int], ...]

    @property
    def findings(self) -> dict[FindingKind, int]:
        """The number of findings of each kind (kinds with none are left out)."""
        return dict(self.findings_by_kind)

    @property
    def late_without_apology(self) -> tuple[LateDossier, ...]:
        """The late or overdue dossiers with no apology."""
        return tuple(x for x in self.late if not x.apologized)


def _end_moment(dossier: Dossier, day: date) -> datetime:
    moment = datetime.combine(day, time.max)
    return moment.replace(tzinfo=VIETNAM_TZ) if dossier.is_aware else moment


def _check_published(value: object) -> dict[str, frozenset[GovernmentLevel]] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise InvalidValueError(
            f"inspection_report: published expected a mapping of procedure code to the levels it "
            f"is published for, got {type(value).__name__} {value!r}"
        )
    out: dict[str, frozenset[GovernmentLevel]] = {}
    for code, levels in value.items():
        if isinstance(levels, GovernmentLevel):
            levels = (levels,)
        if not isinstance(code, str) or not isinstance(levels, Iterable):
            raise InvalidValueError(
                f"inspection_report: published[{code!r}] expected GovernmentLevel values, got "
                f"{levels!r}"
            )
        items = frozenset(levels)
        for lv in items:
            if not isinstance(lv, GovernmentLevel):
                raise InvalidValueError(
                    f"inspection_report: published[{code!r}] expected GovernmentLevel values, "
                    f"got {lv!r}"
                )
        out[code] = items
    return out


def inspection_report(
    dossiers: Iterable[Dossier],
    procedures: Iterable[Procedure],
    period: ReportingPeriod,
    *,
    agency: str | None = None,
    level: GovernmentLevel | None = None,
    published: Mapping[str, Iterable[GovernmentLevel] | GovernmentLevel] | None = None,
    calendar: WorkingCalendar | None = None,
) -> InspectionReport:
    """What an inspection of one unit checks, for ``period``.

    - ``dossiers`` are the unit's (only those of ``agency`` when it is given) and are taken in
      the period as in Biểu 06 (:func:`place`); ``procedures`` is the unit's catalogue (those at
      ``level`` when it is given).
    - **late**: dossiers resolved late or overdue at the period's end, each with its apology
      status (sent or not, at the latest 1 day before the due date or not) and whether the new
      date was kept (NĐ 118/2025/NĐ-CP Điều 19 k6).
    - **coverage**: procedures by online service level and, per level, the share of dossiers
      newly received in the period that came online.
    - **unsigned_results**: dossiers resolved in the period with ``digitally_signed=False``;
      ``unknown_signature`` those with ``None`` (not recorded).
    - **unpublished**: codes of catalogue procedures not published (công khai) for the level
      they are handled at. ``Procedure`` has no publication record, so it is passed as
      ``published``: procedure code → the levels it is published for. Without it the check is
      not made (``None``).
    - **findings**: :func:`~tthc.outcomes.findings` of the dossiers, as known at the period's end,
      counted by kind.

    Basis: NĐ 118/2025/NĐ-CP Điều 17–22 (via :func:`~tthc.outcomes.findings`); NĐ 42/2022/NĐ-CP
    (service levels); NĐ 63/2010/NĐ-CP (as amended) on publishing procedures.

    >>> from datetime import date
    >>> from tthc.models import Channel, Dossier, Procedure, GovernmentLevel, Received, Resolved, ServiceLevel
    >>> from tthc.timelimits import TimeLimit
    >>> p = Procedure("1.001193", "Đăng ký khai sinh", "Hộ tịch", GovernmentLevel.COMMUNE,
    ...               TimeLimit.working_days(5), service_level=ServiceLevel.FULL)
    >>> d = Dossier("HS-1", p, [Received.on(date(2026, 3, 2), channel=Channel.ONLINE),
    ...                         Resolved.on(date(2026, 3, 13), digitally_signed=False)])
    >>> r = inspection_report([d], [p], ReportingPeriod.month(2026, 3), published={})
    >>> [x.id for x in r.late], r.unsigned_results, r.unpublished
    (['HS-1'], ('HS-1',), ('1.001193',))
    >>> r.coverage[0].level.name, r.coverage[0].share_online
    ('FULL', 1.0)
    """
    period = check_period(period, "inspection_report")
    if agency is not None and not isinstance(agency, str):
        raise InvalidValueError(f"inspection_report: agency expected a str or None, got {agency!r}")
    if level is not None and not isinstance(level, GovernmentLevel):
        raise InvalidValueError(
            f"inspection_report: level expected a GovernmentLevel or None, got {level!r}"
        )
    catalogue = [
        p
        for p in check_items(procedures, Procedure, "inspection_report", "procedures")
        if level is None or p.level is level
    ]
    pub = _check_published(published)
    items = check_dossiers(dossiers, "inspection_report")
    cal = calendar_argument(calendar)

    late: list[LateDossier] = []
    unsigned: list[str] = []
    unknown: list[str] = []
    kinds: dict[FindingKind, int] = {}
    received: dict[ServiceLevel | None, list[int]] = {}
    considered = 0
    for d in items:
        if agency is not None and d.agency != agency:
            continue
        where = place(d, period, calendar=cal)
        if where is None:
            continue
        considered += 1
        view = d.until(_end_moment(d, period.end))
        if where.received is not Form06Column.CARRIED_OVER:
            tally = received.setdefault(d.procedure.service_level, [0, 0])
            tally[0] += 1
            tally[1] += where.received is Form06Column.RECEIVED_ONLINE
        found = findings(view, calendar=cal)
        for f in found:
            kinds[f.kind] = kinds.get(f.kind, 0) + 1
        final = view.final_event
        if isinstance(final, Resolved) and period.contains(wall_date(final.at)):
            if final.digitally_signed is False:
                unsigned.append(d.id)
            elif final.digitally_signed is None:
                unknown.append(d.id)
        c = where.classification
        if c is not None and c.outcome in (Outcome.LATE, Outcome.OVERDUE):
            apologies = [e for e in view.events if isinstance(e, Apologized)]
            late.append(
                LateDossier(
                    id=d.id,
                    procedure=d.procedure.code,
                    agency=d.agency,
                    outcome=c.outcome,
                    due=c.due,
                    finished=c.finished,
                    working_days_late=c.working_days_late,
                    apologized=bool(apologies),
                    apology_in_time=(
                        None
                        if not apologies
                        else not any(f.kind is FindingKind.APOLOGY_TOO_LATE for f in found)
                    ),
                    new_due=apologies[0].new_due if apologies else None,
                    new_due_kept=c.new_due_kept,
                )
            )

    by_level: dict[ServiceLevel | None, int] = {}
    for p in catalogue:
        by_level[p.service_level] = by_level.get(p.service_level, 0) + 1
    order: list[ServiceLevel | None] = [*ServiceLevel, None]
    coverage = tuple(
        OnlineCoverage(
            lv,
            by_level.get(lv, 0),
            received.get(lv, [0, 0])[0],
            received.get(lv, [0, 0])[1],
        )
        for lv in order
        if lv in by_level or lv in received
    )
    unpublished: tuple[str, ...] | None = None
    if pub is not None:
        unpublished = tuple(
            sorted({p.code for p in catalogue if (level or p.level) not in pub.get(p.code, ())})
        )
    return InspectionReport(
        period=period,
        agency=agency,
        level=level,
        dossiers=considered,
        late=tuple(late),
        coverage=coverage,
        unsigned_results=tuple(unsigned),
        unknown_signature=tuple(unknown),
        unpublished=unpublished,
        findings_by_kind=tuple((k, kinds[k]) for k in FindingKind if k in kinds),
    )

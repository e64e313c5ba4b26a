"""Classification of a dossier: early, on time or late (finished), within time or overdue (open).

:func:`classify` says how a dossier stands **as of** a moment the caller gives (the clock is never
read), against the statutory due date (:func:`tthc.deadline`) or the promised one
(:class:`Basis`). Re-exported by :mod:`tthc.outcomes` and :mod:`tthc`.

>>> Outcome.LATE.label_vi
'Trễ hạn'
"""

from __future__ import annotations

from datetime import date, datetime, time

import attrs

from tthc.calendar import VIETNAM_TZ, WorkingCalendar, calendar_argument, wall_date
from tthc.deadlines import Deadline, deadline
from tthc.errors import (
    ArgumentTypeError,
    CalendarRangeError,
    InvalidValueError,
    TimelineTimezoneError,
)
from tthc.events import Event, Refused, Resolved
from tthc.labelled import LabelledEnum
from tthc.models import Dossier

__all__ = ["Basis", "Classification", "Outcome", "classify"]


class Outcome(LabelledEnum):
    """Result of classifying one dossier (Biểu số 06/VPCP/KSTT columns 8–10 and 12–13)."""

    EARLY = "early", "Trước hạn", "Early"
    ON_TIME = "on_time", "Đúng hạn", "On time"
    LATE = "late", "Trễ hạn", "Late"  # Biểu 06 heads its column "Quá hạn"
    WITHIN_TIME = "within_time", "Trong hạn", "Within time"
    OVERDUE = "overdue", "Quá hạn", "Overdue"
    NOT_CLASSIFIED = "not_classified", "Không phân loại", "Not classified"

    @property
    def is_finished(self) -> bool:
        """EARLY, ON_TIME or LATE: a Resolved or Refused dossier."""
        return self in (Outcome.EARLY, Outcome.ON_TIME, Outcome.LATE)


class Basis(LabelledEnum):
    """The due date a dossier is classified against.

    ``STATUTORY`` (default): tthc's due date from the procedure's limit (:func:`tthc.deadline`).
    ``PROMISED``: the appointment date the office gave (:attr:`~tthc.models.Dossier.promised_due`,
    ngày hẹn trả), as the national portal scores QĐ 766 (DOMAIN.md §10).

    >>> Basis("promised").label_vi
    'Ngày hẹn trả'
    """

    STATUTORY = "statutory", "Hạn theo quy định", "Statutory due date"
    PROMISED = "promised", "Ngày hẹn trả", "Promised date"


def _check_basis(value: object) -> Basis:
    if isinstance(value, Basis):
        return value
    for basis in Basis:
        if value == basis.value:
            return basis
    raise InvalidValueError(f"classify: basis expected 'statutory' or 'promised', got {value!r}")


@attrs.frozen
class Classification:
    """How one dossier stands as of ``as_of``.

    ``finished`` is the Resolved / Refused moment (``None`` when open or not classified);
    ``working_days_late`` counts working days from the due date to the result (finished) or to
    ``as_of`` (open), 0 unless LATE / OVERDUE; ``due_soon`` is true for an open dossier within time
    with at most ``due_soon`` working days left; ``new_due_kept`` says whether the apology's new
    date was kept (``None``: no apology, or still undecided). ``basis`` is the due date used
    (:class:`Basis`): the promised one only when asked for and known, or when the procedure is
    not in the catalogue.
    """

    outcome: Outcome
    due: date | None
    due_at: datetime | None
    finished: datetime | None
    working_days_late: int
    due_soon: bool
    new_due_kept: bool | None
    provisional: bool
    as_of: datetime
    deadline: Deadline
    basis: Basis = Basis.STATUTORY


def _in_range(cal: WorkingCalendar, day: date, what: str | Event, dossier: Dossier) -> None:
    """Refuse a day outside the calendar's range, naming what it is (not the calendar's own
    parameter names; an event is described only when it is refused)."""
    if not cal.first <= day <= cal.last:
        raise CalendarRangeError(
            f"{what if isinstance(what, str) else what.describe()}: {day.isoformat()} is outside "
            "the calendar's range "
            f"{cal.first.isoformat()}..{cal.last.isoformat()} (dossier {dossier.id!r})"
        )


def _as_of_moment(dossier: Dossier, as_of: object) -> datetime:
    if isinstance(as_of, datetime):
        if (as_of.tzinfo is not None) != dossier.is_aware:
            raise TimelineTimezoneError(
                f"classify: as_of {as_of.isoformat()} is "
                f"{'aware' if as_of.tzinfo is not None else 'naive'} but the timeline of dossier "
                f"{dossier.id!r} is {'aware' if dossier.is_aware else 'naive'}"
            )
        return as_of
    if isinstance(as_of, date):
        end = datetime.combine(as_of, time.max)
        if dossier.is_aware:
            end = end.replace(tzinfo=VIETNAM_TZ)
        return end
    raise ArgumentTypeError(
        f"classify: as_of expected a date or a datetime, got {type(as_of).__name__} {as_of!r}"
    )


def classify(
    dossier: Dossier,
    *,
    as_of: date | datetime,
    calendar: WorkingCalendar | None = None,
    due_soon: int = 1,
    basis: Basis | str = Basis.STATUTORY,
) -> Classification:
    """Classify a dossier as of ``as_of`` (a date means the end of that day; never the clock).

    Only the events at or before ``as_of`` count: a dossier resolved later is open as of then.
    Finished (Resolved or Refused): ``EARLY`` if the result's date is before the due date,
    ``ON_TIME`` on it, ``LATE`` after it; when the due is an instant (``Precision.HOUR``, or a
    limit counted in hours) a result after it is ``LATE``, and one before the due date ``EARLY``.
    Open: ``WITHIN_TIME`` while ``as_of`` is not after the due date (or instant) or while the
    clock is stopped (a
    supplement or an excluded period outstanding), else ``OVERDUE``. Withdrawn, Stopped and
    Closed: ``NOT_CLASSIFIED``. A procedure with no time limit is never late. An apology does not
    move the due date: the dossier stays late against the original one (tthc's reading; Điều 19
    k6 limits the new date to one but does not say how it counts).

    ``basis=Basis.PROMISED`` (or ``"promised"``) classifies against the appointment date the office
    gave (the last :class:`~tthc.events.Appointed` known as of ``as_of``), by date, as the national
    portal does; a dossier without one falls back to the statutory due date. A dossier whose
    procedure is not in the catalogue (:meth:`~tthc.procedures.Procedure.uncatalogued`) is always
    classified on its promised date, and one without it raises
    :class:`~tthc.errors.InvalidValueError` naming it. ``Classification.basis`` says which was used.

    Basis: Bộ luật Dân sự 2015, Điều 148 khoản 6 (a period ends at 24:00 of its last day);
    NĐ 118/2025/NĐ-CP, Điều 19 khoản 6 / NĐ 61/2018/NĐ-CP, Điều 19 khoản 9 (the apology and its
    one new date; that the dossier stays late is tthc's reading); TT 01/2020/TT-VPCP, Biểu số
    06/VPCP/KSTT (columns trước hạn / đúng hạn / quá hạn, trong hạn / quá hạn).

    >>> from tthc.models import Procedure, GovernmentLevel, Received
    >>> from tthc.timelimits import TimeLimit
    >>> p = Procedure("1.001193", "Thủ tục", "Hộ tịch", GovernmentLevel.COMMUNE,
    ...               TimeLimit.working_days(5))
    >>> d = Dossier("HS-8", p, [Received(datetime(2026, 2, 12, 9, 30)),
    ...                         Resolved(datetime(2026, 2, 27, 10))])
    >>> classify(d, as_of=date(2026, 3, 31)).outcome
    <Outcome.LATE: 'late'>
    >>> classify(d, as_of=date(2026, 2, 26)).outcome
    <Outcome.WITHIN_TIME: 'within_time'>
    """
    if not isinstance(dossier, Dossier):
        raise ArgumentTypeError(f"classify: expected a Dossier, got {type(dossier).__name__}")
    if isinstance(due_soon, bool) or not isinstance(due_soon, int):
        raise ArgumentTypeError(f"classify: due_soon expected an int, got {due_soon!r}")
    if due_soon < 0:
        raise InvalidValueError(f"classify: due_soon expected >= 0 working days, got {due_soon}")
    wanted = _check_basis(basis)
    cal = calendar_argument(calendar)
    moment = _as_of_moment(dossier, as_of)
    view = dossier.until(moment)
    dl = deadline(view, calendar=cal)
    as_of_date = wall_date(moment)
    final = view.final_event
    due, due_at = dl.due, dl.due_at
    used_basis = Basis.STATUTORY
    if wanted is Basis.PROMISED or not dossier.procedure.catalogued:
        promised = view.promised_due
        if promised is not None:
            due, due_at, used_basis = promised, None, Basis.PROMISED
        elif not dossier.procedure.catalogued:
            raise InvalidValueError(
                f"classify: dossier {dossier.id!r}: procedure {dossier.procedure.code} is not in "
                "the catalogue and the dossier carries no promised date (ngày hẹn trả); "
                "expected one of them"
            )
    hour = due_at is not None
    used: set[date] = set()
    late_days = 0
    soon = False
    finished: datetime | None = None
    kept: bool | None = None
    if final is not None and not isinstance(final, (Resolved, Refused)):
        outcome = Outcome.NOT_CLASSIFIED
    elif final is not None:
        finished = final.at
        fdate = wall_date(finished)
        if due is None:
            outcome = Outcome.ON_TIME
        elif hour:
            assert due_at is not None
            if finished > due_at:
                outcome = Outcome.LATE
            else:
                outcome = Outcome.EARLY if fdate < due else Outcome.ON_TIME
        else:
            outcome = (
                Outcome.EARLY if fdate < due else Outcome.ON_TIME if fdate == due else Outcome.LATE
            )
        if outcome is Outcome.LATE:
            assert due is not None
            _in_range(cal, fdate, final, dossier)
            late_days = max(cal.working_days_between(due, fdate), 0)
            used.add(fdate)
        if dl.extended_due is not None:
            kept = fdate <= dl.extended_due
    else:
        if due is None or dl.clock_stopped:
            outcome = Outcome.WITHIN_TIME
        elif hour:
            assert due_at is not None
            outcome = Outcome.WITHIN_TIME if moment <= due_at else Outcome.OVERDUE
        else:
            outcome = Outcome.WITHIN_TIME if as_of_date <= due else Outcome.OVERDUE
        if due is not None:
            _in_range(cal, as_of_date, "classify: as_of", dossier)
            used.add(as_of_date)
            if outcome is Outcome.OVERDUE:
                late_days = max(cal.working_days_between(due, as_of_date), 0)
            elif not dl.clock_stopped:
                soon = cal.working_days_between(as_of_date, due) <= due_soon
        if dl.extended_due is not None and as_of_date > dl.extended_due:
            kept = False
    return Classification(
        outcome=outcome,
        due=due,
        due_at=due_at,
        finished=finished,
        working_days_late=late_days,
        due_soon=soon,
        new_due_kept=kept,
        provisional=dl.provisional or _provisional_span(cal, used, due),
        as_of=moment,
        deadline=dl,
        basis=used_basis,
    )


def _provisional_span(cal: WorkingCalendar, used: set[date], due: date | None) -> bool:
    """Whether a day between the due date and the dates the classification used is provisional."""
    if not used or due is None:  # a day is used only against a due date
        return False
    return cal.is_provisional_between(min(min(used), due), max(max(used), due))

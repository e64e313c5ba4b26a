"""Outcomes of dossiers, the breaches inspections look for, and per-step process control.

:func:`classify` says whether a dossier was early, on time or late (finished) or within time or
overdue (open) **as of** a moment the caller gives; the clock is never read. :func:`findings`
lists the breaches of the one-stop rules a dossier's timeline shows, each with its citation.
:func:`process_control` reports each step of an interlinked procedure against its budget.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import attrs

from tthc.calendar import VIETNAM_TZ, WorkingCalendar, vietnam_calendar, wall_date
from tthc.deadlines import Deadline, clock_due, deadline, end_of_day
from tthc.errors import (
    ArgumentTypeError,
    CalendarRangeError,
    InvalidValueError,
    TimelineTimezoneError,
)
from tthc.labelled import LabelledEnum
from tthc.law import (
    APOLOGY_DAYS_BEFORE_DUE,
    ONLINE_ACCEPTANCE_WORKING_HOURS,
    SUPPLEMENT_REQUEST_WORKING_DAYS,
    SUPPLEMENT_WAIT_DAYS,
    TWO_TIER_LOCAL_GOVERNMENT_FROM,
    RuleSet,
)
from tthc.models import (
    Apologized,
    Closed,
    CorrectionRequested,
    Dossier,
    Event,
    GovernmentLevel,
    Received,
    Refused,
    Resolved,
    StepCompleted,
    SupplementRequested,
)

__all__ = [
    "ONLINE_RECEPTION_BASIS",
    "ONLINE_RECEPTION_LIMIT",
    "Basis",
    "Classification",
    "Finding",
    "FindingKind",
    "Outcome",
    "StepReport",
    "classify",
    "findings",
    "process_control",
]


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
    gave (the last :class:`~tthc.models.Appointed` known as of ``as_of``), by date, as the national
    portal does; a dossier without one falls back to the statutory due date. A dossier whose
    procedure is not in the catalogue (:meth:`~tthc.models.Procedure.uncatalogued`) is always
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
    cal = vietnam_calendar() if calendar is None else calendar
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
    if not used:
        return False
    first, last = min(used), max(used)
    if due is not None:
        first, last = min(first, due), max(last, due)
    return cal.is_provisional_between(first, last)


# -- findings ----------------------------------------------------------------------------------

ONLINE_RECEPTION_LIMIT = timedelta(hours=ONLINE_ACCEPTANCE_WORKING_HOURS)
"""08 giờ làm việc: the desk accepts an online dossier or asks for corrections within this much
working time of the system receipt (NĐ 118/2025/NĐ-CP Điều 17 k2c, from 2025-07-01; a special
law may set another limit, which tthc does not yet take per procedure)."""
ONLINE_RECEPTION_BASIS = RuleSet.ND_118_2025.cite("online_acceptance")
"""Citation of :data:`ONLINE_RECEPTION_LIMIT`."""


class FindingKind(LabelledEnum):
    """A breach of the one-stop rules that inspections look for."""

    SUPPLEMENT_REQUEST_LATE = (
        "supplement_request_late",
        "Yêu cầu bổ sung quá 03 ngày làm việc",
        "Supplement requested more than 03 working days after receipt",
    )
    SUPPLEMENT_REQUESTED_AGAIN = (
        "supplement_requested_again",
        "Yêu cầu bổ sung nhiều lần",
        "Supplement requested more than once",
    )
    LATE_WITHOUT_APOLOGY = (
        "late_without_apology",
        "Quá hạn không có văn bản xin lỗi",
        "Late without a written apology",
    )
    APOLOGY_TOO_LATE = (
        "apology_too_late",
        "Xin lỗi muộn hơn 01 ngày trước ngày hết hạn",
        "Apology later than 1 day before the due date",
    )
    NEW_DATE_SET_AGAIN = (
        "new_date_set_again",
        "Hẹn lại ngày trả kết quả quá một lần",
        "New date set more than once",
    )
    ONLINE_ACCEPTANCE_LATE = (
        "online_acceptance_late",
        "Quá 08 giờ làm việc chưa tiếp nhận hoặc yêu cầu bổ sung hồ sơ trực tuyến",
        "Online dossier neither accepted nor sent back for corrections within 08 working hours",
    )
    RESULT_NOT_DIGITALLY_SIGNED = (
        "result_not_digitally_signed",
        "Kết quả không được ký số",
        "Result not digitally signed",
    )
    DISTRICT_LEVEL_AFTER_REFORM = (
        "district_level_after_reform",
        "Cấp huyện sau ngày 01/7/2025",
        "District level used on or after 2025-07-01",
    )
    REFUSAL_AFTER_DUE = (
        "refusal_after_due",
        "Từ chối giải quyết sau thời hạn",
        "Refusal notified after the due date",
    )
    CLOSED_TOO_EARLY = (
        "closed_too_early",
        "Đóng hồ sơ trước 15 ngày",
        "Closed less than 15 days after the supplement notice",
    )


@attrs.frozen
class Finding:
    """One breach: its kind, a message naming the events, and its legal basis."""

    kind: FindingKind
    message: str
    basis: str
    at: datetime | None = None


def findings(dossier: Dossier, *, calendar: WorkingCalendar | None = None) -> tuple[Finding, ...]:
    """The breaches a dossier's timeline shows, in a fixed order, each with its citation.

    - supplement requested more than 03 working days after receipt (NĐ 118/2025/NĐ-CP Điều 19
      k5; NĐ 61/2018/NĐ-CP Điều 19 k4), or more than once (NĐ 118/2025 Điều 11 k2c: "chỉ được
      yêu cầu sửa đổi, bổ sung một lần"; NĐ 61/2018 Điều 15 k3);
    - a finished dossier late without an apology, or with one sent later than 1 day before the
      due date; a new date set more than once (NĐ 118/2025 Điều 19 k6; NĐ 61/2018 Điều 19 k9);
    - a refusal notified after the due date (NĐ 118/2025 Điều 19 k3; NĐ 61/2018 Điều 19 k8);
    - from 2025-07-01: an online dossier neither accepted nor asked for corrections
      (:class:`~tthc.models.CorrectionRequested`) within 08 working hours of the system receipt
      (NĐ 118/2025 Điều 17 k2c; the first of the two answers counts); a result with ``digitally_signed=False`` (NĐ 118/2025
      Điều 22 k1: results are digitally signed); a dossier closed less than 15 days after the
      supplement notice (NĐ 118/2025 Điều 19 k5); a procedure at ``GovernmentLevel.DISTRICT``
      (NĐ 118/2025 Điều 7: one-stop desks at ministry, province and commune level only).

    Basis: as listed; tthc reports these, it does not refuse the data.

    >>> from tthc.models import Procedure, Received
    >>> from tthc.timelimits import TimeLimit
    >>> p = Procedure("1.000894", "Thủ tục", "Hộ tịch", GovernmentLevel.DISTRICT,
    ...               TimeLimit.working_days(5))
    >>> d = Dossier("HS-9", p, [Received(datetime(2025, 7, 2, 9))])
    >>> [f.kind.name for f in findings(d)]
    ['DISTRICT_LEVEL_AFTER_REFORM']
    """
    if not isinstance(dossier, Dossier):
        raise ArgumentTypeError(f"findings: expected a Dossier, got {type(dossier).__name__}")
    cal = vietnam_calendar() if calendar is None else calendar
    dl = deadline(dossier, calendar=cal)
    rules = dl.rule_set
    received = dossier.received
    rdate = wall_date(received.at)
    out: list[Finding] = []
    requests = [e for e in dossier.events if isinstance(e, SupplementRequested)]
    for r in requests:
        _in_range(cal, wall_date(r.at), r.describe(), dossier)
        days = cal.working_days_between(rdate, wall_date(r.at))
        if days > SUPPLEMENT_REQUEST_WORKING_DAYS:
            out.append(
                Finding(
                    FindingKind.SUPPLEMENT_REQUEST_LATE,
                    f"{r.describe()} is {days} working days after {received.describe()}; "
                    f"expected within {SUPPLEMENT_REQUEST_WORKING_DAYS:02d} working days",
                    rules.cite("supplement_deadline"),
                    r.at,
                )
            )
    for r in requests[1:]:
        out.append(
            Finding(
                FindingKind.SUPPLEMENT_REQUESTED_AGAIN,
                f"{r.describe()} follows {requests[0].describe()}; a supplement may be requested "
                "only once",
                rules.cite("supplement_once"),
                r.at,
            )
        )
    apologies = [e for e in dossier.events if isinstance(e, Apologized)]
    final = dossier.final_event
    due = dl.due
    if due is not None and isinstance(final, Resolved) and _late(dl, final.at) and not apologies:
        out.append(
            Finding(
                FindingKind.LATE_WITHOUT_APOLOGY,
                f"{final.describe()} is after the due date {due} and no apology was sent",
                rules.cite("apology"),
                final.at,
            )
        )
    if due is not None and apologies:
        first = apologies[0]
        if wall_date(first.at) > due - timedelta(days=APOLOGY_DAYS_BEFORE_DUE):
            out.append(
                Finding(
                    FindingKind.APOLOGY_TOO_LATE,
                    f"{first.describe()} is later than {APOLOGY_DAYS_BEFORE_DUE} day before the "
                    f"due date {due}"
                    f"{_original_due_reading(due)}",
                    rules.cite("apology"),
                    first.at,
                )
            )
    for a in apologies[1:]:
        out.append(
            Finding(
                FindingKind.NEW_DATE_SET_AGAIN,
                f"{a.describe()} sets another new date ({a.new_due}) after "
                f"{apologies[0].describe()} ({apologies[0].new_due}); a new date may be set once"
                f"{_original_due_reading(due)}",
                rules.cite("apology"),
                a.at,
            )
        )
    if due is not None and isinstance(final, Refused) and _late(dl, final.at):
        out.append(
            Finding(
                FindingKind.REFUSAL_AFTER_DUE,
                f"{final.describe()} is after the due date {due}; a refusal is notified within "
                "the time limit",
                rules.cite("refusal_in_time"),
                final.at,
            )
        )
    sub = dossier.submitted
    if rules.has("online_acceptance") and sub is not None:
        answer = next(e for e in dossier.events if isinstance(e, (CorrectionRequested, Received)))
        waited = cal.working_time_between(sub.at, answer.at)
        if waited > ONLINE_RECEPTION_LIMIT:
            what = "accepted" if answer is received else "asked for corrections"
            out.append(
                Finding(
                    FindingKind.ONLINE_ACCEPTANCE_LATE,
                    f"{answer.describe()} is {_hours(waited)} working hours after "
                    f"{sub.describe()}; expected acceptance or a correction request within "
                    f"{ONLINE_ACCEPTANCE_WORKING_HOURS:02d} (the dossier was {what} late)",
                    ONLINE_RECEPTION_BASIS,
                    answer.at,
                )
            )
    if (
        rules.has("digital_signature")
        and isinstance(final, Resolved)
        and final.digitally_signed is False
    ):
        out.append(
            Finding(
                FindingKind.RESULT_NOT_DIGITALLY_SIGNED,
                f"{final.describe()} was not digitally signed",
                rules.cite("digital_signature"),
                final.at,
            )
        )
    if rules.has("closing") and isinstance(final, Closed) and requests:
        notice = requests[-1]
        waited_days = (wall_date(final.at) - wall_date(notice.at)).days
        if waited_days < SUPPLEMENT_WAIT_DAYS:
            out.append(
                Finding(
                    FindingKind.CLOSED_TOO_EARLY,
                    f"{final.describe()} is {waited_days} days after {notice.describe()}; "
                    f"expected at least {SUPPLEMENT_WAIT_DAYS}",
                    rules.cite("closing"),
                    final.at,
                )
            )
    reform = TWO_TIER_LOCAL_GOVERNMENT_FROM
    if dossier.procedure.level is GovernmentLevel.DISTRICT and rdate >= reform:
        out.append(
            Finding(
                FindingKind.DISTRICT_LEVEL_AFTER_REFORM,
                f"procedure {dossier.procedure.code} is at district level but "
                f"{received.describe()} is on or after {reform}",
                RuleSet.ND_118_2025.cite("district_level"),
                received.at,
            )
        )
    return tuple(out)


def _original_due_reading(due: date | None) -> str:
    """The apology findings' note: the original due date stays (tthc's reading, not the text's)."""
    if due is None:
        return ""
    return (
        f"; tthc judges the dossier against the original due date {due} (tthc's reading: "
        "Điều 19 k6 allows one new date but does not say whether the dossier then stops being "
        "late)"
    )


def _late(dl: Deadline, moment: datetime) -> bool:
    if dl.due_at is not None:
        return moment > dl.due_at
    assert dl.due is not None
    return wall_date(moment) > dl.due


def _hours(delta: timedelta) -> str:
    hours = delta.total_seconds() / 3600
    return f"{hours:g}"


# -- process control ---------------------------------------------------------------------------


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

    >>> from tthc.models import Procedure, ProcessStep, Received
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
    cal = vietnam_calendar() if calendar is None else calendar
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

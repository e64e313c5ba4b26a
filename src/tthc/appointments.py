"""Appointment dates (ngày hẹn trả): an audit of those one-stop software printed.

The function is re-exported as ``tthc.audit`` (the module is not named ``audit``, so that the
package attribute stays the function).

One-stop systems print a due date on the Giấy tiếp nhận hồ sơ và hẹn trả kết quả; exports and the
national portal's sync record carry it as "Ngày hẹn trả" (:attr:`~tthc.models.Dossier.promised_due`).
:func:`audit` compares it with tthc's statutory due date (:func:`~tthc.deadlines.deadline`) and
names the cause of every difference from a closed list (:class:`Cause`), the conventions in
which public one-stop code bases differ from the rules (DOMAIN.md §9):

* ``AFTER_HOURS_OR_WEEKEND``: a receipt after office hours or on a weekend counted from the next
  working day (the law counts from the day after the receipt, whatever its hour);
* ``HOLIDAY_ON_RECEIPT_DAY``: a holiday on the receipt day counted as a working day;
* ``WORKED_SATURDAY_NOT_COUNTED``: a worked Saturday (ngày làm bù) not counted as a working day;
* ``LUNCH_BREAK_IGNORED``: a limit in working hours counted through the lunch break;
* ``SUPPLEMENT_PAUSED``: after a supplement, the clock paused (in working or calendar days)
  instead of restarting the whole limit;
* ``APOLOGY_NEW_DATE``: the apology's new date written as the appointment date;
* ``DIFFERENT_LIMIT``: a limit other than the catalogue's;
* ``UNEXPLAINED``: none of these.

Each cause is tried by recomputing the due date with that convention (alone, then in
combinations) where the dossier's facts trigger it; the first, smallest set that reproduces the
promised date is named. Dates are compared as dates: the appointment's hour, if any, is not kept.

>>> from datetime import date, datetime
>>> from tthc.models import Appointed, Dossier, GovernmentLevel, Procedure, Received
>>> from tthc.timelimits import TimeLimit
>>> p = Procedure("1.001193", "Đăng ký khai sinh", "Hộ tịch", GovernmentLevel.COMMUNE,
...               TimeLimit.working_days(3))
>>> d = Dossier("HS-1", p, [Received(datetime(2026, 3, 6, 17, 30)),  # Friday after hours
...                         Appointed(datetime(2026, 3, 6, 17, 30), promised_due=date(2026, 3, 12))])
>>> f = audit([d]).findings[0]
>>> f.statutory_due, f.promised_due, f.difference_working_days, f.cause
(datetime.date(2026, 3, 11), datetime.date(2026, 3, 12), 1, 'after_hours_or_weekend')
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta

import attrs

from tthc.calendar import (
    DayInfo,
    DayKind,
    Override,
    Session,
    WorkingCalendar,
    calendar_argument,
    wall_time,
)
from tthc.deadlines import AdjustmentKind, Deadline, _like, deadline
from tthc.errors import DateTypeError, TthcError
from tthc.events import Apologized, Appointed, SupplementReceived, SupplementRequested
from tthc.labelled import LabelledEnum
from tthc.models import Dossier
from tthc.timelimits import SupplementPolicy, TimeLimit, Unit

__all__ = ["AuditFinding", "AuditReport", "Cause", "audit"]


class Cause(LabelledEnum):
    """Why a promised date differs from tthc's statutory due date (DOMAIN.md §9)."""

    AFTER_HOURS_OR_WEEKEND = (
        "after_hours_or_weekend",
        "Nhận sau giờ làm việc hoặc ngày nghỉ tính từ ngày làm việc tiếp theo",
        "Receipt after hours or on a weekend counted from the next working day",
    )
    HOLIDAY_ON_RECEIPT_DAY = (
        "holiday_on_receipt_day",
        "Ngày lễ trùng ngày tiếp nhận tính là ngày làm việc",
        "Holiday on the receipt day counted as a working day",
    )
    WORKED_SATURDAY_NOT_COUNTED = (
        "worked_saturday_not_counted",
        "Không tính ngày thứ Bảy làm bù",
        "Worked Saturday not counted",
    )
    LUNCH_BREAK_IGNORED = (
        "lunch_break_ignored",
        "Tính cả giờ nghỉ trưa",
        "Lunch break counted as working time",
    )
    SUPPLEMENT_PAUSED = (
        "supplement_paused",
        "Bổ sung hồ sơ: tạm dừng thay vì tính lại từ đầu",
        "Supplement paused the clock instead of restarting the limit",
    )
    APOLOGY_NEW_DATE = (
        "apology_new_date",
        "Ghi ngày hẹn mới của văn bản xin lỗi",
        "The apology's new date written as the appointment",
    )
    DIFFERENT_LIMIT = (
        "different_limit",
        "Thời hạn khác với danh mục TTHC",
        "Time limit different from the catalogue's",
    )
    UNEXPLAINED = "unexplained", "Không xác định được nguyên nhân", "Unexplained"


_LAW_COUNT = "Bộ luật Dân sự 2015, Điều 147 khoản 2; NĐ 118/2025/NĐ-CP, Điều 17 khoản 3"


@attrs.frozen
class AuditFinding:
    """One dossier's promised date against tthc's statutory due date.

    ``difference_working_days`` is the number of working days from the statutory date to the
    promised one (negative when the promise is earlier); ``causes`` the conventions that
    reproduce the promised date (empty when the dates agree); ``basis`` the rule tthc applies
    there; ``detail`` a note (the limit the promise implies, the worked Saturday skipped).
    """

    dossier_id: str
    agency: str | None
    procedure_code: str
    procedure_name: str
    promised_due: date
    statutory_due: date
    difference_working_days: int
    causes: tuple[Cause, ...]
    basis: str
    detail: str = ""

    @property
    def cause(self) -> str:
        """The causes' values joined by ``+``; ``"none"`` when the dates agree."""
        return "+".join(c.value for c in self.causes) or "none"

    @property
    def agrees(self) -> bool:
        """Whether the promised date is the statutory one."""
        return not self.causes


@attrs.frozen
class AuditReport:
    """The findings of :func:`audit` (one per dossier with a promised date) and the dossiers it
    could not audit, as ``(dossier id, reason)``."""

    findings: tuple[AuditFinding, ...]
    not_audited: tuple[tuple[str, str], ...] = ()

    def __iter__(self) -> Iterator[AuditFinding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    @property
    def differences(self) -> tuple[AuditFinding, ...]:
        """The findings whose dates differ."""
        return tuple(f for f in self.findings if not f.agrees)

    def by_cause(self) -> dict[str, int]:
        """Number of findings per :attr:`AuditFinding.cause`, most frequent first."""
        counts: dict[str, int] = {}
        for f in self.findings:
            counts[f.cause] = counts.get(f.cause, 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    def by_agency(self) -> dict[str, tuple[int, int]]:
        """Agency → (dossiers audited, dossiers whose dates differ), by agency name."""
        counts: dict[str, list[int]] = {}
        for f in self.findings:
            c = counts.setdefault(f.agency or "", [0, 0])
            c[0] += 1
            c[1] += not f.agrees
        return {k: (v[0], v[1]) for k, v in sorted(counts.items())}


class _Variants:
    """Calendars with a convention applied, built once per audit (private)."""

    def __init__(self, cal: WorkingCalendar) -> None:
        self.base = cal
        self.worked_weekends = tuple(
            i
            for i in cal.special_days_between(cal.first, cal.last)
            if i.is_working and i.date.weekday() in cal.weekend
        )
        self._cache: dict[tuple[bool, date | None, bool], WorkingCalendar] = {}

    def calendar(self, worked_sat: bool, holiday: date | None, lunch: bool) -> WorkingCalendar:
        key = (worked_sat, holiday, lunch)
        found = self._cache.get(key)
        if found is not None:
            return found
        cal = self.base
        overrides = []
        if worked_sat:
            overrides += [
                Override(
                    i.date, DayKind.CLOSURE, "worked Saturday not counted", "tthc.appointments"
                )
                for i in self.worked_weekends
            ]
        if holiday is not None:
            overrides.append(
                Override(
                    holiday,
                    DayKind.EXTRA_WORKDAY,
                    "holiday on the receipt day",
                    "tthc.appointments",
                )
            )
        if overrides:
            cal = cal.with_overrides(*overrides)
        if lunch:
            cal = cal.with_sessions(Session(cal.sessions[0].start, cal.sessions[-1].end))
        self._cache[key] = cal
        return cal


def audit(dossiers: Iterable[Dossier], *, calendar: WorkingCalendar | None = None) -> AuditReport:
    """Compare each dossier's promised date with tthc's statutory due date and explain the
    differences (see the module docstring for the closed list of causes).

    A dossier without a promised date, of a procedure not in the catalogue or that sets no time
    limit, is listed in :attr:`AuditReport.not_audited` with the reason.

    Basis: each finding cites the rule tthc applies where the software differs (BLDS 2015 Điều
    147 k2 and NĐ 118/2025/NĐ-CP Điều 17 k3 for the start of the count; the calendar's source for
    a worked Saturday; NĐ 118/2025 Điều 19 k5 for the restart after a supplement; Điều 19 k6 for
    the apology; the procedure's own legal basis for its limit).
    """
    cal = calendar_argument(calendar)
    variants = _Variants(cal)
    findings: list[AuditFinding] = []
    skipped: list[tuple[str, str]] = []
    for i, d in enumerate(dossiers):
        if not isinstance(d, Dossier):
            raise DateTypeError(f"audit: dossiers[{i}] expected a Dossier, got {type(d).__name__}")
        promised = d.promised_due
        if promised is None:
            skipped.append((d.id, "no promised date (ngày hẹn trả)"))
            continue
        if not d.procedure.catalogued:
            skipped.append((d.id, f"procedure {d.procedure.code} is not in the catalogue"))
            continue
        dl = deadline(d, calendar=cal)
        if dl.due is None:
            skipped.append((d.id, f"procedure {d.procedure.code} sets no time limit"))
            continue
        statutory = dl.due
        if promised == statutory:
            causes: tuple[Cause, ...] = ()
            basis, detail = "", ""
        else:
            causes, basis, detail = _explain(d, dl, promised, variants)
        findings.append(
            AuditFinding(
                dossier_id=d.id,
                agency=d.agency,
                procedure_code=d.procedure.code,
                procedure_name=d.procedure.name,
                promised_due=promised,
                statutory_due=statutory,
                difference_working_days=cal.working_days_between(statutory, promised),
                causes=causes,
                basis=basis,
                detail=detail,
            )
        )
    return AuditReport(tuple(findings), tuple(skipped))


def _explain(
    d: Dossier, dl: Deadline, promised: date, variants: _Variants
) -> tuple[tuple[Cause, ...], str, str]:
    cal = variants.base
    received = wall_time(d.received.at)
    rdate = received.date()
    limit = dl.time_limit
    triggered: list[Cause] = []
    if received.time() > cal.sessions[-1].end or rdate.weekday() in cal.weekend:
        triggered.append(Cause.AFTER_HOURS_OR_WEEKEND)
    if rdate.weekday() not in cal.weekend and not cal.is_working_day(rdate):
        triggered.append(Cause.HOLIDAY_ON_RECEIPT_DAY)
    horizon = max(promised, dl.due or promised) + timedelta(days=14)
    worked = [i for i in variants.worked_weekends if rdate <= i.date <= horizon]
    if worked:
        triggered.append(Cause.WORKED_SATURDAY_NOT_COUNTED)
    if limit.unit is Unit.WORKING_HOUR:
        triggered.append(Cause.LUNCH_BREAK_IGNORED)
    supplemented = any(isinstance(e, SupplementReceived) for e in d.events)
    if supplemented and d.procedure.supplement_policy is SupplementPolicy.RESTART:
        triggered.append(Cause.SUPPLEMENT_PAUSED)
    rules = dl.rule_set
    for size in range(1, len(triggered) + 1):
        for combo in itertools.combinations(triggered, size):
            if promised in _variant_dues(d, combo, variants):
                return combo, _basis(combo, d, dl, worked), _detail(combo, worked)
    apologies = [e for e in d.events if isinstance(e, Apologized)]
    if any(a.new_due == promised for a in apologies):
        return (
            (Cause.APOLOGY_NEW_DATE,),
            rules.cite("apology") + " (the new date does not replace the due date)",
            "",
        )
    implied = _implied_limit(d, dl, promised, cal)
    if implied is not None:
        cited = "; ".join(d.procedure.legal_basis) or "the catalogue's time limit"
        return (
            (Cause.DIFFERENT_LIMIT,),
            f"{cited} ({limit})",
            f"the promised date implies {implied}",
        )
    return (Cause.UNEXPLAINED,), _LAW_COUNT, ""


def _basis(combo: tuple[Cause, ...], d: Dossier, dl: Deadline, worked: list[DayInfo]) -> str:
    parts: list[str] = []
    for c in combo:
        if c is Cause.AFTER_HOURS_OR_WEEKEND:
            parts.append(_LAW_COUNT)
        elif c is Cause.HOLIDAY_ON_RECEIPT_DAY:
            parts.append("Bộ luật Lao động 2019, Điều 112 (the holiday is a day off)")
        elif c is Cause.WORKED_SATURDAY_NOT_COUNTED:
            sources = sorted({i.source for i in worked} - {""})
            parts.append("; ".join(sources) or "the official working-day swap")
        elif c is Cause.LUNCH_BREAK_IGNORED:
            parts.append(
                "NĐ 118/2025/NĐ-CP, Điều 17 khoản 2 (working hours); the office sessions "
                "07:30–11:30, 13:00–17:00"
            )
        else:  # SUPPLEMENT_PAUSED
            parts.append(dl.rule_set.cite("restart") + " (the limit restarts)")
    return "; ".join(parts)


def _detail(combo: tuple[Cause, ...], worked: list[DayInfo]) -> str:
    if Cause.WORKED_SATURDAY_NOT_COUNTED in combo:
        return "worked Saturday(s): " + ", ".join(str(i.date) for i in worked)
    return ""


def _variant_dues(d: Dossier, combo: tuple[Cause, ...], variants: _Variants) -> set[date]:
    """The due dates under tthc's rules changed by the conventions in ``combo``."""
    received = d.received
    wall = wall_time(received.at)
    cal = variants.calendar(
        Cause.WORKED_SATURDAY_NOT_COUNTED in combo,
        wall.date() if Cause.HOLIDAY_ON_RECEIPT_DAY in combo else None,
        Cause.LUNCH_BREAK_IGNORED in combo,
    )
    events = [e for e in d.events if not isinstance(e, Appointed)]
    if Cause.AFTER_HOURS_OR_WEEKEND in combo:
        # the count starts on the next working day; what happened before then happened at it
        start = _like(
            datetime.combine(cal.next_working_day(wall.date()), cal.sessions[0].start),
            received.at,
        )
        events = [
            attrs.evolve(e, at=start) if e is received or (e.at < start and e.kind != "submitted")
            else e
            for e in events
        ]  # fmt: skip
    out: set[date] = set()
    try:
        variant = attrs.evolve(d, events=events)
        if Cause.SUPPLEMENT_PAUSED not in combo:
            return {_due(variant, cal)}
        paused = attrs.evolve(
            variant,
            procedure=attrs.evolve(d.procedure, supplement_policy=SupplementPolicy.PAUSE),
        )
        out.add(_due(paused, cal))
        plain = attrs.evolve(
            variant,
            events=[
                e for e in variant.events
                if not isinstance(e, (SupplementRequested, SupplementReceived))
            ],
        )  # fmt: skip
        out.add(_calendar_day_pause(d, _due(plain, cal), cal))
    except TthcError:  # the convention does not fit this timeline
        return out
    return out


def _due(d: Dossier, cal: WorkingCalendar) -> date:
    due = deadline(d, calendar=cal).due
    assert due is not None  # the limit is counted: checked by audit()
    return due


def _calendar_day_pause(d: Dossier, due: date, cal: WorkingCalendar) -> date:
    """``due`` moved by the calendar days each supplement took, rolled forward."""
    requested: date | None = None
    for e in d.events:
        if isinstance(e, SupplementRequested):
            requested = wall_time(e.at).date()
        elif isinstance(e, SupplementReceived) and requested is not None:
            due += wall_time(e.at).date() - requested
            requested = None
    return cal.roll_forward(due)


def _implied_limit(
    d: Dossier, dl: Deadline, promised: date, cal: WorkingCalendar
) -> TimeLimit | None:
    """The limit in the procedure's unit that the promised date implies, counted from the
    clock's last start under tthc's rules; ``None`` when none does (another unit, a promise
    on a day off or not after the start)."""
    unit = dl.time_limit.unit
    start = wall_time(d.received.at).date()
    for adj in dl.adjustments:
        if adj.end is not None and adj.kind is AdjustmentKind.RESTART:
            start = wall_time(adj.end).date()
    if unit not in (Unit.WORKING_DAY, Unit.DAY) or promised <= start:
        return None
    if not cal.is_working_day(promised):
        return None
    if unit is Unit.WORKING_DAY:
        return TimeLimit.working_days(cal.working_days_between(start, promised))
    return TimeLimit.days((promised - start).days)

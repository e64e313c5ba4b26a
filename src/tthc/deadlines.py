"""Due dates: when the clock starts, stops, restarts and is extended.

:func:`due_date` answers the simple case (a receipt moment and a time limit);
:func:`deadline` walks a whole :class:`~tthc.models.Dossier` timeline. Rule sets are chosen by the
receipt date: NĐ 61/2018/NĐ-CP before 2025-07-01, NĐ 118/2025/NĐ-CP from then on (NĐ 118/2025
Điều 40 k1). Both restart the limit after a supplement and both allow one new date after an
apology, so the due-date arithmetic is the same; the rule set matters to :func:`tthc.findings`.

Counting conventions (Bộ luật Dân sự 2015, Điều 147–148, read in the text of Luật 91/2015/QH13):

- the day of receipt is not counted (Điều 147 k2–3): ``n`` working days end on the ``n``-th
  working day strictly after it;
- calendar days and months end on the last day of the period (months: the same day-number,
  or the month's last day, Điều 148 k3); a last day that is a weekend or holiday rolls forward to
  the next working day (Điều 148 k5);
- the last day ends at 24:00 (Điều 148 k6), so under ``Precision.DAY`` the due value is a date.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Literal, overload

import attrs

from tthc.calendar import (
    VIETNAM_TZ,
    WorkingCalendar,
    calendar_argument,
    wall_date,
    wall_time,
)
from tthc.errors import ArgumentTypeError, CalendarRangeError, InvalidValueError
from tthc.events import (
    Apologized,
    ExclusionEnded,
    ExclusionStarted,
    SupplementReceived,
    SupplementRequested,
)
from tthc.labelled import LabelledEnum
from tthc.law import EXCLUSION_BASIS, PAUSE_BASIS, RuleSet, months_later, rule_set_for
from tthc.models import Dossier
from tthc.timelimits import Precision, SupplementPolicy, TimeLimit, Unit

__all__ = [
    "Adjustment",
    "AdjustmentKind",
    "Deadline",
    "RuleSet",
    "deadline",
    "due_date",
    "rule_set_for",
]

# -- the simple case ---------------------------------------------------------------------------


def _like(wall: datetime, reference: datetime) -> datetime:
    """A wall time as naive, or aware in Vietnam's zone when ``reference`` is aware."""
    if reference.tzinfo is None:
        return wall
    return wall.replace(tzinfo=VIETNAM_TZ)


def _vn(moment: datetime) -> datetime:
    # Aware arithmetic in Python is wall-clock arithmetic inside one tzinfo, wrong across a DST
    # change of the caller's zone; Vietnam has none, so every computation runs in its zone.
    return moment.astimezone(VIETNAM_TZ) if moment.tzinfo is not None else moment


def _moment(value: object, field: str) -> datetime:
    if isinstance(value, datetime):
        if value != value:  # pandas.NaT
            raise InvalidValueError(f"{field}: expected a datetime, got a missing value {value!r}")
        try:
            return _vn(value)
        except OverflowError:
            raise CalendarRangeError(
                f"{field}: {value.isoformat()} is outside the range of Vietnamese wall time"
            ) from None
    if isinstance(value, date):
        return datetime.combine(value, time(0, 0))
    raise ArgumentTypeError(
        f"{field}: expected a datetime or a date, got {type(value).__name__} {value!r}"
    )


def _same_day(cal: WorkingCalendar, at: datetime, limit: TimeLimit) -> date:
    wall = wall_time(at)
    day = wall.date()
    if limit.cutoff is not None and wall.time() > limit.cutoff:
        return cal.next_working_day(day)
    return cal.roll_forward(day)


def end_of_day(cal: WorkingCalendar, day: date, reference: datetime) -> datetime:
    """The end of ``day``'s last session, naive or aware (Vietnam) as ``reference`` is."""
    return _like(datetime.combine(day, cal.sessions[-1].end), reference)


def _instant_mode(limit: TimeLimit, precision: Precision) -> bool:
    return limit.unit in (Unit.WORKING_HOUR, Unit.HOUR) or (
        precision is Precision.HOUR and limit.unit is Unit.WORKING_DAY
    )


def _span(cal: WorkingCalendar, limit: TimeLimit) -> timedelta:
    if limit.unit is Unit.WORKING_DAY:
        return cal.daily_working_time * limit.amount
    return timedelta(hours=limit.amount)


def _check_precision(limit: TimeLimit, precision: Precision) -> None:
    if not isinstance(precision, Precision):
        raise ArgumentTypeError(
            f"precision: expected a Precision, got {type(precision).__name__} {precision!r}"
        )
    if not isinstance(limit, TimeLimit):
        raise ArgumentTypeError(
            f"time_limit: expected a TimeLimit, got {type(limit).__name__} {limit!r}"
        )
    if limit.unit is Unit.NONE:
        raise InvalidValueError(
            f"time_limit: '{limit}' sets no time limit, so there is no due date"
        )
    if precision is Precision.HOUR and limit.unit in (Unit.DAY, Unit.MONTH):
        raise InvalidValueError(
            f"precision: Precision.HOUR needs a limit in working days or hours, got '{limit}' "
            "(calendar days and months end at 24:00 of a day; use Precision.DAY)"
        )


def _check_in_range(cal: WorkingCalendar, moment: datetime, field: str) -> datetime:
    day = wall_date(moment)
    if not cal.first <= day <= cal.last:
        raise CalendarRangeError(
            f"{field}: {moment.isoformat(sep=' ')} is outside the calendar's range "
            f"{cal.first.isoformat()}..{cal.last.isoformat()}"
        )
    return moment


def _past_the_range(cal: WorkingCalendar, limit: TimeLimit, start: datetime) -> CalendarRangeError:
    return CalendarRangeError(
        f"the due date: {limit} from {start.isoformat(sep=' ')} falls outside the calendar's "
        f"range {cal.first.isoformat()}..{cal.last.isoformat()}"
    )


def clock_due(
    cal: WorkingCalendar,
    start: datetime,
    limit: TimeLimit,
    precision: Precision,
    field: str = "received",
) -> tuple[date, datetime | None]:
    """(due date, due instant or None) for a clock starting at ``start``.

    The arithmetic of :func:`due_date` without its argument checks, for the rule modules
    (:func:`tthc.process_control` budgets each step with it); not part of the public API.
    ``start`` outside the calendar's range is named ``field`` (calendar days and months need only
    their last day inside it); a due date past it is "the due date", never a parameter of the
    calendar's methods.
    """
    if limit.unit not in (Unit.DAY, Unit.MONTH):
        _check_in_range(cal, start, field)
    if limit.unit is Unit.HOUR:  # round the clock, but only inside the calendar's range
        at = _check_in_range(cal, start + _span(cal, limit), "the due instant")
        return wall_date(at), at
    try:
        return _clock_due(cal, start, limit, precision)
    except CalendarRangeError:
        raise _past_the_range(cal, limit, start) from None


def _clock_due(
    cal: WorkingCalendar, start: datetime, limit: TimeLimit, precision: Precision
) -> tuple[date, datetime | None]:
    if _instant_mode(limit, precision):
        at = cal.add_working_time(start, _span(cal, limit))
        return wall_date(at), at
    day = wall_date(start)
    if limit.unit is Unit.WORKING_DAY:
        due = cal.add_working_days(day, limit.amount)
    elif limit.unit is Unit.DAY:
        due = cal.roll_forward(day + timedelta(days=limit.amount))
    elif limit.unit is Unit.MONTH:
        due = cal.roll_forward(months_later(day, limit.amount))
    else:  # SAME_DAY
        due = _same_day(cal, start, limit)
    if precision is Precision.HOUR:
        return due, end_of_day(cal, due, start)
    return due, None


@overload
def due_date(
    received: datetime | date,
    time_limit: TimeLimit,
    *,
    calendar: WorkingCalendar | None = ...,
    precision: Literal[Precision.DAY] = ...,
) -> date: ...
@overload
def due_date(
    received: datetime | date,
    time_limit: TimeLimit,
    *,
    calendar: WorkingCalendar | None = ...,
    precision: Literal[Precision.HOUR],
) -> datetime: ...
@overload
def due_date(
    received: datetime | date,
    time_limit: TimeLimit,
    *,
    calendar: WorkingCalendar | None = ...,
    precision: Precision,
) -> date | datetime: ...
def due_date(
    received: datetime | date,
    time_limit: TimeLimit,
    *,
    calendar: WorkingCalendar | None = None,
    precision: Precision = Precision.DAY,
) -> date | datetime:
    """The due date (``Precision.DAY``) or due instant (``Precision.HOUR``) of a limit.

    ``received`` is the moment the dossier was accepted complete; a plain ``date`` is read as
    00:00 of that day. Working days: the ``n``-th working day after the day of receipt. Calendar
    days and months: the period's last day, rolled forward to a working day. Same day: that day,
    rolled forward to a working day, or the next working day when received after the cut-off.
    Working hours are counted inside the calendar's sessions; plain hours round the clock (no
    roll-forward: Điều 148 k5 is about periods counted in days). Under ``Precision.HOUR``,
    ``n`` working days are ``n`` × the calendar's daily working time (8 h by default, so 05 days =
    40 working hours from the receipt time) and a same-day limit is due at the end of the day's
    last session; calendar days and months refuse ``Precision.HOUR``.

    Basis: Bộ luật Dân sự 2015, Điều 147 khoản 2 and Điều 148 khoản 3, 5, 6; NĐ 118/2025/NĐ-CP,
    Điều 17 khoản 3 (the limit runs from the receipt of a complete dossier); NĐ 23/2015/NĐ-CP,
    Điều 7 (same day, next working day after 15 giờ).

    >>> from datetime import datetime
    >>> due_date(datetime(2026, 2, 12, 9, 30), TimeLimit.working_days(5))
    datetime.date(2026, 2, 26)
    >>> due_date(datetime(2026, 1, 9, 15, 20), TimeLimit.same_day())
    datetime.date(2026, 1, 10)
    >>> due_date(datetime(2026, 3, 2, 9), TimeLimit.working_hours(40), precision=Precision.HOUR)
    datetime.datetime(2026, 3, 9, 9, 0)
    """
    _check_precision(time_limit, precision)
    cal = calendar_argument(calendar)
    due, at = clock_due(cal, _moment(received, "received"), time_limit, precision)
    if precision is Precision.HOUR:
        assert at is not None
        return at
    return due


# -- whole timelines ---------------------------------------------------------------------------


class AdjustmentKind(LabelledEnum):
    """What an event did to the due date."""

    RESTART = "restart", "Tính lại thời hạn từ đầu", "Limit restarted"
    PAUSE = "pause", "Tạm dừng thời hạn", "Clock paused"
    EXCLUSION = "exclusion", "Thời gian không tính vào thời hạn", "Excluded period"
    LATE_REQUEST = (
        "late_request",
        "Yêu cầu bổ sung sau hạn (không dừng thời hạn)",
        "Supplement requested after the due date (pauses nothing)",
    )
    EXTENSION = "extension", "Hẹn lại ngày trả kết quả", "New date after an apology"


@attrs.frozen
class Adjustment:
    """One change the timeline made: its kind, the period, the due before and after, the basis."""

    kind: AdjustmentKind
    start: datetime
    end: datetime | None
    due_before: date
    due_after: date
    basis: str


@attrs.frozen
class Deadline:
    """A dossier's due date and how it was reached.

    - ``due``: the date that applies now (after restarts, pauses and exclusions), against which
      the dossier is classified; ``due_at`` the instant when the limit is counted in hours or the
      procedure uses ``Precision.HOUR``; both ``None`` when the procedure sets no limit.
    - ``original_due`` / ``original_due_at``: the due from the receipt alone.
    - ``extended_due``: the new date of the (first) apology, if any; it never replaces ``due``.
    - ``clock_stopped``: a supplement request is outstanding, or an excluded period is open.
    - ``provisional``: some day between the first and the last date the computation used is
      provisional (an announcement still to come could move the result).
    - ``receipt_inferred``: the clock starts at a receipt taken from the online submission
      (:meth:`~tthc.events.Received.from_submission`), not at a recorded acceptance.
    """

    due: date | None
    due_at: datetime | None
    original_due: date | None
    original_due_at: datetime | None
    extended_due: date | None
    adjustments: tuple[Adjustment, ...]
    clock_stopped: bool
    provisional: bool
    rule_set: RuleSet
    precision: Precision
    time_limit: TimeLimit
    receipt_inferred: bool = False


def _in_range(cal: WorkingCalendar, days: set[date], dossier: Dossier) -> tuple[date, date]:
    """The first and last of ``days``; a day outside the calendar's range is named by the event
    (or the new date) it comes from."""
    first, last = min(days), max(days)
    for day in (first, last):
        if not cal.first <= day <= cal.last:
            event = next((e for e in dossier.events if wall_date(e.at) == day), None)
            what = event.describe() if event is not None else "Apologized.new_due"
            raise CalendarRangeError(
                f"{what}: {day.isoformat()} is outside the calendar's range "
                f"{cal.first.isoformat()}..{cal.last.isoformat()} (dossier {dossier.id!r})"
            )
    return first, last


def _provisional(cal: WorkingCalendar, days: set[date], dossier: Dossier) -> bool:
    """Whether any day from the first to the last of ``days`` is provisional (see
    :func:`_in_range` for a day outside the calendar's range)."""
    return cal.is_provisional_between(*_in_range(cal, days, dossier))


def deadline(dossier: Dossier, *, calendar: WorkingCalendar | None = None) -> Deadline:
    """The due date of a dossier's whole timeline.

    The clock starts at ``Received`` (NĐ 118/2025/NĐ-CP Điều 17 k3), with the limit of the
    receipt channel. A ``SupplementRequested`` made on or before the due date stops the clock
    until the ``SupplementReceived``; then, under ``SupplementPolicy.RESTART`` (default) the whole
    limit starts again from the supplement's receipt, and under ``PAUSE`` the unused rest
    continues from it: used = working days from receipt (or the last resumption) to the request,
    due = ``add_working_days(supplement, limit - used)`` (0 left: the supplement's day, or the next
    working day); calendar-day limits shift by the calendar days paused; a same-day limit restarts.
    A request made after the due date pauses nothing. An excluded period (``ExclusionStarted`` to
    ``ExclusionEnded``) starting on or before the due date moves it by the working days (calendar
    days, working time, hours: per the unit) the period covers. An ``Apologized.new_due`` is kept
    as ``extended_due`` only.

    Basis: NĐ 118/2025/NĐ-CP, Điều 17 khoản 3, Điều 19 khoản 5 ("Thời hạn giải quyết được tính lại
    từ đầu sau khi nhận đủ hồ sơ"), Điều 19 khoản 6 (apology, one new date); NĐ 61/2018/NĐ-CP,
    Điều 19 khoản 4 and 9 for receipts before 2025-07-01; Bộ luật Dân sự 2015, Điều 147–148.
    PAUSE and exclusions: the special law of the procedure (e.g. NĐ 101/2024/NĐ-CP, Điều 22).

    >>> from datetime import datetime
    >>> from tthc.models import Procedure, GovernmentLevel, Received
    >>> p = Procedure("1.000894", "Đăng ký kết hôn", "Hộ tịch", GovernmentLevel.COMMUNE,
    ...               TimeLimit.working_days(10))
    >>> d = Dossier("HS-7", p, [Received(datetime(2025, 9, 8, 9)),
    ...                         SupplementRequested(datetime(2025, 9, 11, 9)),
    ...                         SupplementReceived(datetime(2025, 9, 15, 9))])
    >>> dl = deadline(d)
    >>> dl.due, dl.original_due, dl.adjustments[0].kind
    (datetime.date(2025, 9, 29), datetime.date(2025, 9, 22), <AdjustmentKind.RESTART: 'restart'>)
    """
    if not isinstance(dossier, Dossier):
        raise ArgumentTypeError(f"deadline: expected a Dossier, got {type(dossier).__name__}")
    cal = calendar_argument(calendar)
    proc = dossier.procedure
    received = dossier.received
    rules = rule_set_for(wall_date(received.at))
    limit = proc.time_limit_for(received.channel, dossier.time_limit_case)
    precision = proc.precision
    apologies = [e for e in dossier.events if isinstance(e, Apologized)]
    extended = apologies[0].new_due if apologies else None
    used_dates = {wall_date(received.at)}
    if extended is not None:
        used_dates.add(extended)
    if limit.unit is Unit.NONE:
        return Deadline(
            None, None, None, None, extended, (), False,
            _provisional(cal, used_dates, dossier), rules, precision, limit,
            received.inferred,
        )  # fmt: skip
    _check_precision(limit, precision)
    clocked = [e for e in dossier.events if isinstance(e, _CLOCK_EVENTS)]
    _in_range(cal, {wall_date(e.at) for e in (received, *clocked)}, dossier)
    try:
        state = _Clock(cal, limit, precision, _vn(received.at), proc.supplement_policy, rules)
        original_due, original_at = state.due, state.at
        for e in clocked:
            used_dates.add(wall_date(e.at))
            if isinstance(e, SupplementRequested):
                state.request(_vn(e.at))
            elif isinstance(e, SupplementReceived):
                state.supplement(_vn(e.at))
            elif isinstance(e, ExclusionStarted):
                state.exclusion_start(_vn(e.at))
            else:
                state.exclusion_end(_vn(e.at))
    except CalendarRangeError:
        raise CalendarRangeError(
            f"the due date of dossier {dossier.id!r} ({limit} from "
            f"{received.at.isoformat(sep=' ')}, with its pauses and exclusions) falls outside "
            f"the calendar's range {cal.first.isoformat()}..{cal.last.isoformat()}"
        ) from None
    adjustments = list(state.adjustments)
    if apologies:
        first = apologies[0]
        adjustments.append(
            Adjustment(AdjustmentKind.EXTENSION, first.at, None, state.due, first.new_due,
                       rules.cite("apology"))
        )  # fmt: skip
    used_dates.update((original_due, state.due))
    return Deadline(
        due=state.due,
        due_at=state.at,
        original_due=original_due,
        original_due_at=original_at,
        extended_due=extended,
        adjustments=tuple(adjustments),
        clock_stopped=state.pending_request is not None or state.exclusion_from is not None,
        provisional=_provisional(cal, used_dates, dossier),
        rule_set=rules,
        precision=precision,
        time_limit=limit,
        receipt_inferred=received.inferred,
    )


_CLOCK_EVENTS = (SupplementRequested, SupplementReceived, ExclusionStarted, ExclusionEnded)
"""The events that move the clock after the receipt."""


class _Clock:
    """The running state of one deadline computation (private; never escapes :func:`deadline`)."""

    def __init__(
        self,
        cal: WorkingCalendar,
        limit: TimeLimit,
        precision: Precision,
        start: datetime,
        policy: SupplementPolicy,
        rules: RuleSet,
    ) -> None:
        self.cal, self.limit, self.precision, self.policy, self.rules = (
            cal, limit, precision, policy, rules,
        )  # fmt: skip
        self.instant = _instant_mode(limit, precision)
        self.calendar_days = limit.unit in (Unit.DAY, Unit.MONTH)
        self.reference = start
        self.due, self.at = clock_due(cal, start, limit, precision)
        # raw end before roll-forward, for calendar-day units
        self.raw_end = self._raw_end(start)
        self.segment_start = start
        self.used_days = 0
        self.used_time = timedelta(0)
        self.excluded_days = 0
        self.excluded_time = timedelta(0)
        self.pending_request: datetime | None = None
        self.exclusion_from: datetime | None = None
        self.adjustments: list[Adjustment] = []

    def _raw_end(self, start: datetime) -> date:
        day = wall_date(start)
        if self.limit.unit is Unit.DAY:
            return day + timedelta(days=self.limit.amount)
        if self.limit.unit is Unit.MONTH:
            return months_later(day, self.limit.amount)
        return day

    def _not_after_due(self, moment: datetime) -> bool:
        if self.at is not None:  # an instant (hours, or Precision.HOUR): compare instants
            return moment <= self.at
        return wall_date(moment) <= self.due

    def _set_day_due(self, due: date) -> None:
        self.due = due
        if self.precision is Precision.HOUR:
            self.at = end_of_day(self.cal, due, self.reference)

    def request(self, at: datetime) -> None:
        if not self._not_after_due(at):
            self.adjustments.append(
                Adjustment(AdjustmentKind.LATE_REQUEST, at, None, self.due, self.due,
                           self.rules.cite("supplement_deadline"))
            )  # fmt: skip
            return
        self.pending_request = at

    def supplement(self, at: datetime) -> None:
        requested = self.pending_request
        if requested is None:  # the request came after the due date: nothing was paused
            return
        self.pending_request = None
        before = self.due
        cal, limit = self.cal, self.limit
        if self.policy is SupplementPolicy.RESTART or limit.unit is Unit.SAME_DAY:
            self.due, self.at = clock_due(cal, at, limit, self.precision)
            self.raw_end = self._raw_end(at)
            self.segment_start = at
            self.used_days, self.used_time = 0, timedelta(0)
            self.excluded_days, self.excluded_time = 0, timedelta(0)
            kind, basis = AdjustmentKind.RESTART, self.rules.cite("restart")
        else:
            kind, basis = AdjustmentKind.PAUSE, str(PAUSE_BASIS)
            if self.instant:
                span = _span(cal, limit)
                if limit.unit is Unit.HOUR:
                    self.used_time += requested - self.segment_start - self.excluded_time
                    self.at = at + max(span - self.used_time, timedelta(0))
                else:
                    self.used_time += (
                        cal.working_time_between(self.segment_start, requested) - self.excluded_time
                    )
                    self.at = cal.add_working_time(at, max(span - self.used_time, timedelta(0)))
                self.due = wall_date(self.at)
            elif self.calendar_days:
                # Nothing can be left before the supplement arrives (0 left: due that day).
                self.raw_end = max(
                    self.raw_end + (wall_date(at) - wall_date(requested)), wall_date(at)
                )
                self._set_day_due(cal.roll_forward(self.raw_end))
            else:
                self.used_days += (
                    cal.working_days_between(wall_date(self.segment_start), wall_date(requested))
                    - self.excluded_days
                )
                self._set_day_due(
                    cal.add_working_days(wall_date(at), max(limit.amount - self.used_days, 0))
                )
            self.segment_start = at
            self.excluded_days, self.excluded_time = 0, timedelta(0)
        self.adjustments.append(Adjustment(kind, requested, at, before, self.due, basis))

    def exclusion_start(self, at: datetime) -> None:
        if self._not_after_due(at):
            self.exclusion_from = at

    def exclusion_end(self, at: datetime) -> None:
        start = self.exclusion_from
        if start is None:  # the period began after the due date: it excludes nothing
            return
        self.exclusion_from = None
        before, cal = self.due, self.cal
        if self.instant:
            assert self.at is not None
            if self.limit.unit is Unit.HOUR:
                shift = at - start
                self.at = self.at + shift
            else:
                shift = cal.working_time_between(start, at)
                self.at = cal.add_working_time(self.at, shift)
            self.excluded_time += shift
            self.due = wall_date(self.at)
        elif self.calendar_days:
            # As for a pause: the period cannot end before the excluded time is over.
            self.raw_end = max(self.raw_end + (wall_date(at) - wall_date(start)), wall_date(at))
            self._set_day_due(cal.roll_forward(self.raw_end))
        else:
            days = cal.working_days_between(wall_date(start), wall_date(at))
            self.excluded_days += days
            self._set_day_due(cal.add_working_days(self.due, days) if days else self.due)
        self.adjustments.append(
            Adjustment(AdjustmentKind.EXCLUSION, start, at, before, self.due,
                       str(EXCLUSION_BASIS))
        )  # fmt: skip

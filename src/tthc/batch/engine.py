"""The vectorised engine: :func:`tthc.deadline`, :func:`tthc.classify` and :func:`tthc.findings`
on every row of a frame at once, element by element equal to the scalar rule functions.

It restates no rule's parameters: the limits, dates and citations come from :mod:`tthc.law`, the
codes from the enums (:class:`~tthc.outcomes.Outcome`, :class:`~tthc.outcomes.FindingKind`,
:class:`~tthc.timelimits.Unit`); the month arithmetic is :func:`tthc.law.months_later`'s. The
test suite runs every rule test through both engines (``tests/engines.py``).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import pandas as pd

from tthc.batch.arrays import DAY_US, EPOCH, NAT, RowContext, Sessions
from tthc.batch.layout import (
    CLOSED,
    DAYS,
    EVENT_COLUMNS,
    HOURS,
    MONTHS,
    NONE,
    REFUSED,
    RESOLVED,
    SAME,
    WD,
    Frame,
    Limits,
    read_frame,
)
from tthc.calendar import VIETNAM_TZ, WorkingCalendar
from tthc.errors import ArgumentTypeError, CalendarRangeError, InvalidValueError
from tthc.law import (
    APOLOGY_DAYS_BEFORE_DUE,
    ONLINE_ACCEPTANCE_WORKING_HOURS,
    SUPPLEMENT_REQUEST_WORKING_DAYS,
    SUPPLEMENT_WAIT_DAYS,
    TWO_TIER_LOCAL_GOVERNMENT_FROM,
    RuleSet,
    months_later,
)
from tthc.outcomes import FindingKind, Outcome

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

    from numpy.typing import NDArray

__all__ = ["FINDING_KINDS", "classify_frame", "due_frame"]


def _add_months(day: NDArray[np.int64], n: NDArray[np.int64]) -> NDArray[np.int64]:
    """:func:`tthc.law.months_later` of every (day, n), computed once per distinct pair."""
    width = int(n.max()) + 1 if n.size else 1
    keys, inverse = np.unique(day * width + n, return_inverse=True)
    ends = [
        months_later(date.fromordinal(d + EPOCH), k).toordinal() - EPOCH
        for d, k in zip(*(part.tolist() for part in np.divmod(keys, width)), strict=True)
    ]
    out: NDArray[np.int64] = np.array(ends, dtype=np.int64)[inverse.reshape(-1)]
    return out


def _span(lim: Limits, s: Sessions) -> NDArray[np.int64]:
    out: NDArray[np.int64] = np.where(lim.unit == WD, lim.amount * s.day_us, lim.amount * HOUR_US)
    return out


def _check_end_in_range(
    ctx: RowContext,
    end: NDArray[np.int64],
    start: NDArray[np.int64],
    field: str,
    rows: NDArray[np.int64],
) -> None:
    # A count's start is in the range (``_check_days_in_range``) and runs forward, so only its
    # last day can leave it; the error names the start, as the scalar "the due date of …" does.
    hi = ctx.cal.last.toordinal() - EPOCH
    bad = end > hi
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise CalendarRangeError(
            f"{ctx.where(int(rows[i]))}: the due date counted from {field} "
            f"{np.datetime64(int(start[i]), 'D')} ends on {np.datetime64(int(end[i]), 'D')}, "
            f"outside the calendar's range {ctx.cal.first}..{ctx.cal.last}"
        )


def _timeline_days(
    ev: dict[str, NDArray[np.int64]], has: NDArray[np.bool_], limited: NDArray[np.bool_]
) -> Iterator[tuple[str, NDArray[np.int64]]]:
    """(field, days since 1970 or NaT) of the days a deadline uses besides its due dates: the
    receipt, the supplements of a counted limit, the first apology's new date. One at a time:
    the arrays are made again where they are needed, not held through the count."""
    yield "received", np.where(has, ev["received"] // DAY_US, NAT)
    for col in EVENT_COLUMNS:
        if col.startswith("supplement"):
            yield col, np.where(limited & (ev[col] != NAT), ev[col] // DAY_US, NAT)
    yield "apology_new_due", np.where(ev["apologized"] != NAT, ev["apology_new_due"] // DAY_US, NAT)


def _check_days_in_range(ctx: RowContext, days: Iterable[tuple[str, NDArray[np.int64]]]) -> None:
    """Every day a deadline uses lies in the calendar's range (days since 1970, NaT ignored).

    The scalar :func:`tthc.deadline` refuses a dossier with a day outside it (its receipt, a
    supplement, an apology's new date, the due dates; ``deadlines._in_range``): the calendar
    cannot say whether such a day is a working or a provisional one. A calendar-day or month
    count would need only its last day, but the provisional flag spans them all.
    """
    lo, hi = ctx.t.lo, ctx.t.hi
    for field, day in days:
        if day.size and ((day > hi).any() or ((day < lo) & (day != NAT)).any()):
            k = np.flatnonzero(day != NAT)
            ctx.day_index(day[k], field, k)


def _compute(
    ctx: RowContext, start: NDArray[np.int64], lim: Limits, field: str, rows: NDArray[np.int64]
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
    """(due day, due instant or NaT, raw end) of clocks starting at ``start`` (``_compute``)."""
    n = start.shape[0]
    due = np.full(n, NAT, dtype=np.int64)
    at = np.full(n, NAT, dtype=np.int64)
    day = start // DAY_US
    raw = day.copy()
    inst = lim.instant
    if inst.any():
        k = np.flatnonzero(inst)
        st, span = start[k], _span(lim.take(k), ctx.s)
        plain = lim.unit[k] == HOURS
        a = np.empty(k.size, dtype=np.int64)
        if plain.any():
            a[plain] = st[plain] + span[plain]
        if (~plain).any():
            w = ~plain
            a[w] = ctx.instant(ctx.coord(st[w], field, rows[k][w]) + span[w], field, rows[k][w])
        at[k] = a
        due[k] = a // DAY_US
    for unit in (WD, DAYS, MONTHS, SAME):
        m = (lim.unit == unit) & ~inst
        if not m.any():
            continue
        k = np.flatnonzero(m)
        d, amount = day[k], lim.amount[k]
        if unit == WD:
            due[k] = ctx.add_wd(d, amount, field, rows[k])
        elif unit in (DAYS, MONTHS):
            raw[k] = d + amount if unit == DAYS else _add_months(d, amount)
            _check_end_in_range(ctx, raw[k], d, field, rows[k])
            due[k] = ctx.add_wd(raw[k], 0, field, rows[k], start=d)
        else:
            cut = lim.cutoff[k]
            after = (cut >= 0) & (start[k] - d * DAY_US > cut)
            due[k] = ctx.add_wd(d, after.astype(np.int64), field, rows[k])
        hour = lim.hour[k]
        if hour.any():
            at[k[hour]] = due[k[hour]] * DAY_US + ctx.s.last_end
    return due, at, raw


@attrs.define
class Deadlines:
    due: NDArray[np.int64]  # days since 1970, NaT when the procedure sets no limit
    at: NDArray[np.int64]  # instant (µs) or NaT
    original_due: NDArray[np.int64]
    extended: NDArray[np.int64]  # first apology's new date, or NaT
    stopped: NDArray[np.bool_]  # clock stopped: a supplement request outstanding
    provisional: NDArray[np.bool_]


def deadlines(ctx: RowContext, ev: dict[str, NDArray[np.int64]], lim: Limits) -> Deadlines:
    """:func:`tthc.deadlines.deadline` for every row (rows with a NaT ``received`` excluded)."""
    n = ev["received"].shape[0]
    has = ev["received"] != NAT
    limited = has & (lim.unit != NONE)
    _check_days_in_range(ctx, _timeline_days(ev, has, limited))
    due = np.full(n, NAT, dtype=np.int64)
    at = np.full(n, NAT, dtype=np.int64)
    raw = np.full(n, NAT, dtype=np.int64)
    stopped = np.zeros(n, dtype=bool)
    if limited.any():
        k = np.flatnonzero(limited)
        due[k], at[k], raw[k] = _compute(ctx, ev["received"][k], lim.take(k), "received", k)
    original = due.copy()
    seg = ev["received"].copy()
    used_days = np.zeros(n, dtype=np.int64)
    used_time = np.zeros(n, dtype=np.int64)
    for rq_col, rc_col in (
        ("supplement_requested", "supplement_received"),
        ("supplement2_requested", "supplement2_received"),
    ):
        rq, rc = ev[rq_col], ev[rc_col]
        asked = limited & (rq != NAT)
        in_time = np.where(at != NAT, rq <= at, rq // DAY_US <= due)
        pending = asked & in_time
        done = pending & (rc != NAT)
        stopped = (stopped & ~asked) | (pending & ~done)
        if not done.any():
            continue
        k = np.flatnonzero(done)
        lk = lim.take(k)
        r, s = rq[k], rc[k]
        restart = ~lk.pause | (lk.unit == SAME)
        if restart.any():
            j = k[restart]
            lr = lk.take(np.flatnonzero(restart))
            due[j], at[j], raw[j] = _compute(ctx, s[restart], lr, rc_col, j)
            used_days[j] = 0
            used_time[j] = 0
        p = ~restart
        if p.any():
            j, lp, rp, sp = k[p], lk.take(np.flatnonzero(p)), r[p], s[p]
            ip = lp.instant
            if ip.any():
                ji, li = j[ip], lp.take(np.flatnonzero(ip))
                span = _span(li, ctx.s)
                plain = li.unit == HOURS
                spent = np.where(
                    plain,
                    rp[ip] - seg[ji],
                    ctx.coord(rp[ip], rq_col, ji) - ctx.coord(seg[ji], rq_col, ji),
                )
                used_time[ji] += spent
                left = np.maximum(span - used_time[ji], 0)
                moved = np.where(
                    plain | (left == 0),
                    sp[ip] + np.where(plain, left, 0),
                    ctx.instant(ctx.coord(sp[ip], rc_col, ji) + left, rc_col, ji),
                )
                at[ji] = moved
                due[ji] = moved // DAY_US
            cd = ~ip & ((lp.unit == DAYS) | (lp.unit == MONTHS))
            if cd.any():
                jc = j[cd]
                raw[jc] = np.maximum(
                    raw[jc] + sp[cd] // DAY_US - rp[cd] // DAY_US, sp[cd] // DAY_US
                )
                _check_end_in_range(ctx, raw[jc], sp[cd] // DAY_US, rc_col, jc)
                due[jc] = ctx.add_wd(raw[jc], 0, rc_col, jc, start=sp[cd] // DAY_US)
            wd = ~ip & ~cd
            if wd.any():
                jw = j[wd]
                used_days[jw] += ctx.wdb(seg[jw] // DAY_US, rp[wd] // DAY_US, "", rq_col, jw)
                due[jw] = ctx.add_wd(
                    sp[wd] // DAY_US, np.maximum(lim.amount[jw] - used_days[jw], 0), rc_col, jw
                )
                hour = lim.hour[jw]
                at[jw[hour]] = due[jw[hour]] * DAY_US + ctx.s.last_end
        seg[k] = s
    # Only a count in plain hours ends without a look-up in the calendar (the others were
    # range-checked as they were counted); its due date is never before the original one.
    _check_days_in_range(ctx, [("the due date", due)])
    days = dict(_timeline_days(ev, has, limited))
    extended = days["apology_new_due"]
    late = ctx.provisional_span([due, original, *days.values()])
    return Deadlines(due, at, original, extended, stopped & has, late & has)


# -- classification --------------------------------------------------------------------------

OUTCOMES: tuple[str, ...] = tuple(o.value for o in Outcome)
OUTCOME_CODE: dict[Outcome, int] = {o: i for i, o in enumerate(Outcome)}
"""The code of each outcome in the engine's arrays (the categories of ``outcome``)."""
EARLY, ON_TIME, LATE = (OUTCOME_CODE[o] for o in (Outcome.EARLY, Outcome.ON_TIME, Outcome.LATE))
WITHIN, OVERDUE = OUTCOME_CODE[Outcome.WITHIN_TIME], OUTCOME_CODE[Outcome.OVERDUE]
NOT_CLASSIFIED = OUTCOME_CODE[Outcome.NOT_CLASSIFIED]
FINDING_KINDS: tuple[str, ...] = tuple(k.value for k in FindingKind)
"""The ``FindingKind`` values counted by :func:`classify_frame` (columns ``finding_<kind>``)."""

HOUR_US = 3_600_000_000
_RULE_SETS = tuple(RuleSet)
_RULE_SET_FROM = np.array([rs.effective_from.toordinal() - EPOCH for rs in _RULE_SETS])
_TWO_TIER = TWO_TIER_LOCAL_GOVERNMENT_FROM.toordinal() - EPOCH


def _rule_sets(day: NDArray[np.int64]) -> NDArray[np.intp]:
    """The index in ``_RULE_SETS`` of the rule set of a receipt on each ``day``."""
    out: NDArray[np.intp] = np.searchsorted(_RULE_SET_FROM, day, side="right") - 1
    return out


def _rule(rule: str, rule_set: NDArray[np.intp]) -> NDArray[np.bool_]:
    """Whether each row's rule set (:func:`_rule_sets`) contains ``rule`` (:meth:`RuleSet.has`)."""
    has = np.array([rs.has(rule) for rs in _RULE_SETS])
    out: NDArray[np.bool_] = has[rule_set]
    return out


def _findings(f: Frame, dl: Deadlines) -> dict[FindingKind, NDArray[np.int8]]:
    """:func:`tthc.findings` counted per kind, on the whole timeline of every row."""
    ev, ctx, kind = f.ev, f.ctx, f.end_kind
    n = kind.shape[0]
    rows = np.arange(n, dtype=np.int64)
    rec = ev["received"]
    rday = rec // DAY_US
    rule_set = _rule_sets(rday)
    out: dict[FindingKind, NDArray[np.int8]] = {}
    late_req = np.zeros(n, dtype=np.int8)
    for col in ("supplement_requested", "supplement2_requested"):
        p = ev[col] != NAT
        if p.any():
            k = np.flatnonzero(p)
            late_req[k] += (
                ctx.wdb(rday[k], ev[col][k] // DAY_US, "received", col, rows[k])
                > SUPPLEMENT_REQUEST_WORKING_DAYS
            )
    out[FindingKind.SUPPLEMENT_REQUEST_LATE] = late_req
    out[FindingKind.SUPPLEMENT_REQUESTED_AGAIN] = (ev["supplement2_requested"] != NAT).astype(
        np.int8
    )
    has_due = dl.due != NAT
    end = ev["end"]
    late = has_due & (end != NAT) & np.where(dl.at != NAT, end > dl.at, end // DAY_US > dl.due)
    apology = ev["apologized"] != NAT
    out[FindingKind.LATE_WITHOUT_APOLOGY] = (late & (kind == RESOLVED) & ~apology).astype(np.int8)
    out[FindingKind.APOLOGY_TOO_LATE] = (
        has_due & apology & (ev["apologized"] // DAY_US > dl.due - APOLOGY_DAYS_BEFORE_DUE)
    ).astype(np.int8)
    out[FindingKind.NEW_DATE_SET_AGAIN] = (ev["apology2"] != NAT).astype(np.int8)
    sub = _rule("online_acceptance", rule_set) & (ev["submitted"] != NAT)
    online = np.zeros(n, dtype=np.int8)
    if sub.any():
        k = np.flatnonzero(sub)
        waited = ctx.coord(rec[k], "received", k) - ctx.coord(ev["submitted"][k], "submitted", k)
        online[k] = waited > ONLINE_ACCEPTANCE_WORKING_HOURS * HOUR_US
    out[FindingKind.ONLINE_ACCEPTANCE_LATE] = online
    out[FindingKind.RESULT_NOT_DIGITALLY_SIGNED] = (
        _rule("digital_signature", rule_set) & (kind == RESOLVED) & (f.signed == 0)
    ).astype(np.int8)
    out[FindingKind.DISTRICT_LEVEL_AFTER_REFORM] = (f.lim.district & (rday >= _TWO_TIER)).astype(
        np.int8
    )
    out[FindingKind.REFUSAL_AFTER_DUE] = (late & (kind == REFUSED)).astype(np.int8)
    notice = np.where(
        ev["supplement2_requested"] != NAT, ev["supplement2_requested"], ev["supplement_requested"]
    )
    waited = end // DAY_US - notice // DAY_US
    out[FindingKind.CLOSED_TOO_EARLY] = (
        _rule("closing", rule_set)
        & (kind == CLOSED)
        & (notice != NAT)
        & (waited < SUPPLEMENT_WAIT_DAYS)
    ).astype(np.int8)
    return out


@attrs.define
class Classified:
    outcome: NDArray[np.int64]  # index into OUTCOMES, -1: received after as_of
    due: NDArray[np.int64]
    at: NDArray[np.int64]
    late_days: NDArray[np.int64]
    soon: NDArray[np.bool_]
    kept: NDArray[np.int8]  # 1 kept, 0 not kept, -1 unknown
    provisional: NDArray[np.bool_]


def classify_rows(f: Frame, moment: int, due_soon: int, full: Deadlines | None) -> Classified:
    """:func:`tthc.classify` of every row as of ``moment`` (µs since 1970, wall time).

    ``full``: the deadlines of the whole timelines when the caller has them (None: only the
    view as of ``moment`` is counted, so a later day outside the calendar's range is never
    looked up, as in the scalar :func:`tthc.classify`).
    """
    ctx, ev = f.ctx, f.ev
    n = ev["received"].shape[0]
    # The view as of ``moment``: only the events at or before it (``Dossier.until``). The date
    # columns (the new dates of apologies, the promised date) are not moments of the timeline;
    # a promised date past ``moment`` must not force a second count of every clock.
    after = {c: v > moment for c, v in ev.items() if not c.endswith("_due")}
    if any(a.any() for a in after.values()):
        view = {c: (np.where(after[c], NAT, v) if c in after else v) for c, v in ev.items()}
        kind = np.where(after["end"], -1, f.end_kind)
        dl = deadlines(ctx, view, f.lim)
    else:
        view, kind = ev, f.end_kind
        dl = deadlines(ctx, ev, f.lim) if full is None else full
    received = view["received"] != NAT
    as_of_day = moment // DAY_US
    if received.any():
        ctx.day_index(np.array([as_of_day]), "as_of", np.flatnonzero(received)[:1])
    end = view["end"]
    fin = (kind == RESOLVED) | (kind == REFUSED)
    other = (kind >= 0) & ~fin
    open_ = received & (kind < 0)
    due, at = dl.due, dl.at
    has_due = due != NAT
    hour = at != NAT
    fday = end // DAY_US
    outcome = np.full(n, -1, dtype=np.int64)
    late_f = fin & has_due & np.where(hour, end > at, fday > due)
    outcome[fin] = np.where(late_f, LATE, np.where(has_due & (fday < due), EARLY, ON_TIME))[fin]
    outcome[other] = NOT_CLASSIFIED
    overdue = open_ & has_due & ~dl.stopped & np.where(hour, moment > at, as_of_day > due)
    outcome[open_] = np.where(overdue, OVERDUE, WITHIN)[open_]
    late_days = np.zeros(n, dtype=np.int64)
    rows = np.arange(n, dtype=np.int64)
    k = np.flatnonzero(late_f)
    if k.size:
        late_days[k] = np.maximum(ctx.wdb(due[k], fday[k], "due", "end", rows[k]), 0)
    k = np.flatnonzero(overdue)
    if k.size:
        late_days[k] = np.maximum(
            ctx.wdb(due[k], np.full(k.size, as_of_day), "due", "as_of", rows[k]), 0
        )
    soon = np.zeros(n, dtype=bool)
    cand = open_ & has_due & ~overdue & ~dl.stopped
    k = np.flatnonzero(cand)
    if k.size:
        soon[k] = ctx.wdb(np.full(k.size, as_of_day), due[k], "as_of", "due", rows[k]) <= due_soon
    ext = dl.extended
    kept = np.full(n, -1, dtype=np.int8)
    has_ext = ext != NAT
    kept[fin & has_ext] = (fday <= ext)[fin & has_ext]
    kept[open_ & has_ext & (as_of_day > ext)] = 0
    provisional = dl.provisional | ctx.provisional_span([np.where(late_f, fday, NAT)], due)
    as_of = np.where(open_ & has_due, as_of_day, NAT)
    provisional |= ctx.provisional_span([as_of], due)
    return Classified(outcome, due, at, late_days, soon, kept, provisional)


def _moment_of(as_of: object) -> int:
    if isinstance(as_of, datetime):
        if as_of.tzinfo is not None:
            as_of = as_of.astimezone(VIETNAM_TZ).replace(tzinfo=None)
        assert isinstance(as_of, datetime)
        return int((as_of - datetime(1970, 1, 1)) // timedelta(microseconds=1))
    if isinstance(as_of, date):
        return (as_of.toordinal() - EPOCH + 1) * DAY_US - 1  # the end of that day
    raise ArgumentTypeError(
        f"as_of: expected a date or a datetime, got {type(as_of).__name__} {as_of!r}"
    )


def classify_frame(
    df: pd.DataFrame,
    *,
    as_of: date | datetime,
    procedures: Mapping[str, Any] | Iterable[Any],
    calendar: WorkingCalendar | None = None,
    due_soon: int = 1,
    finding_kinds: bool = False,
) -> pd.DataFrame:
    """:func:`tthc.classify` and :func:`tthc.findings` for every row of a frame, vectorised.

    ``df`` follows the layout of :data:`FRAME_COLUMNS` (one row per dossier); ``procedures``
    holds the :class:`~tthc.models.Procedure` of every ``procedure_code`` (a mapping by code or
    an iterable). ``as_of`` is a date (the end of that day) or a naive wall-time datetime; it is
    never read from the clock. Returns a shallow copy of ``df`` with these columns added:

    - ``due`` (``datetime64[s]``, a date; NaT: no time limit) and ``due_at`` (the due instant
      under ``Precision.HOUR`` or for limits in hours, else NaT): :attr:`Classification.due`;
    - ``outcome``: a categorical of :class:`~tthc.outcomes.Outcome` values (``early``, ``on_time``,
      ``late``, ``within_time``, ``overdue``, ``not_classified``), missing for a dossier received
      after ``as_of`` (which the scalar :func:`~tthc.classify` refuses);
    - ``working_days_late`` (int), ``due_soon`` (bool), ``new_due_kept`` (nullable bool),
      ``provisional`` (bool), as in :class:`~tthc.outcomes.Classification`;
    - ``findings``: the number of :func:`~tthc.outcomes.findings` of the whole timeline
      (independent of ``as_of``), and with ``finding_kinds=True`` one ``finding_<kind>`` count
      column per :data:`FINDING_KINDS`.

    Every row gives the same answers as the scalar functions on the same dossier
    (``frame_to_dossiers``); bad data raises a :class:`~tthc.errors.TthcError` naming the row,
    its id and the field. Because it counts the findings of the whole timeline, it needs every
    day of it inside the calendar's range, as :func:`~tthc.outcomes.findings` does: a day after
    ``as_of`` outside it raises :class:`~tthc.errors.CalendarRangeError`, where the scalar
    :func:`~tthc.classify` (which sees only the events up to ``as_of``) would not.

    >>> from datetime import datetime
    >>> from tthc.models import GovernmentLevel, Procedure
    >>> from tthc.timelimits import TimeLimit
    >>> p = Procedure("1.000894", "Đăng ký kết hôn", "Hộ tịch", GovernmentLevel.COMMUNE,
    ...               TimeLimit.working_days(5))
    >>> df = pd.DataFrame({
    ...     "id": ["HS-1", "HS-2"], "procedure_code": ["1.000894"] * 2, "channel": ["in_person"] * 2,
    ...     "received": pd.to_datetime(["2026-02-12 09:30", "2026-02-12 10:00"]),
    ...     "end": pd.to_datetime(["2026-02-27 10:00", None]), "end_kind": ["resolved", None]})
    >>> out = classify_frame(df, as_of=datetime(2026, 3, 2, 12), procedures=[p])
    >>> out[["id", "due", "outcome", "working_days_late", "findings"]].to_string(index=False)
    '  id        due outcome  working_days_late  findings\\nHS-1 2026-02-26    late                  1         1\\nHS-2 2026-02-26 overdue                  2         0'
    """
    if isinstance(due_soon, bool) or not isinstance(due_soon, int):
        raise ArgumentTypeError(f"classify_frame: due_soon expected an int, got {due_soon!r}")
    if due_soon < 0:
        raise InvalidValueError(f"classify_frame: due_soon expected >= 0, got {due_soon}")
    moment = _moment_of(as_of)
    f = read_frame(df, procedures, calendar)
    full = deadlines(f.ctx, f.ev, f.lim)
    counts = _findings(f, full)
    r = classify_rows(f, moment, due_soon, full)
    n = len(df)
    due, at = r.due, r.at
    has_due = due != NAT
    outcome, late_days, soon, kept, provisional = (
        r.outcome,
        r.late_days,
        r.soon,
        r.kept,
        r.provisional,
    )
    out: pd.DataFrame = df.copy(deep=False)
    for col, values in f.nfc.items():  # text keys in NFC (issue 13)
        out[col] = values
    out["due"] = np.where(has_due, due, NAT).astype("datetime64[D]").astype("datetime64[s]")
    out["due_at"] = at.view("datetime64[us]")
    out["outcome"] = pd.Categorical.from_codes(outcome, categories=pd.Index(list(OUTCOMES)))
    out["working_days_late"] = late_days
    out["due_soon"] = soon
    out["new_due_kept"] = pd.arrays.BooleanArray(kept == 1, kept < 0)
    out["provisional"] = provisional
    total = np.zeros(n, dtype=np.int64)
    for c in counts.values():
        total += c
    out["findings"] = total
    if finding_kinds:
        for kind in FindingKind:
            out[f"finding_{kind.value}"] = counts[kind]
    return out


def due_frame(
    df: pd.DataFrame,
    *,
    procedures: Mapping[str, Any] | Iterable[Any],
    calendar: WorkingCalendar | None = None,
) -> pd.DataFrame:
    """:func:`tthc.deadline` of every row of the whole timeline (not as of a date).

    Columns (same index as ``df``): ``due`` and ``original_due`` (dates, ``datetime64[s]``;
    NaT: no time limit), ``due_at`` (instant or NaT), ``extended_due`` (the first apology's new
    date or NaT), ``clock_stopped`` and ``provisional`` (bool).

    >>> from tthc.models import GovernmentLevel, Procedure, SupplementPolicy
    >>> from tthc.timelimits import TimeLimit
    >>> p = Procedure("1.000894", "x", "Hộ tịch", GovernmentLevel.COMMUNE,
    ...               TimeLimit.working_days(10), supplement_policy=SupplementPolicy.PAUSE)
    >>> df = pd.DataFrame({"id": ["HS-7"], "procedure_code": ["1.000894"], "channel": ["postal"],
    ...     "received": pd.to_datetime(["2025-09-08 09:00"]),
    ...     "supplement_requested": pd.to_datetime(["2025-09-11 09:00"]),
    ...     "supplement_received": pd.to_datetime(["2025-09-15 09:00"])})
    >>> due_frame(df, procedures=[p])[["due", "original_due"]].iloc[0].tolist()
    [Timestamp('2025-09-24 00:00:00'), Timestamp('2025-09-22 00:00:00')]
    """
    f = read_frame(df, procedures, calendar)
    dl = deadlines(f.ctx, f.ev, f.lim)

    def days(x: NDArray[np.int64]) -> Any:
        return x.astype("datetime64[D]").astype("datetime64[s]")

    out: pd.DataFrame = pd.DataFrame(
        {
            "due": days(dl.due),
            "due_at": dl.at.view("datetime64[us]"),
            "original_due": days(dl.original_due),
            "extended_due": days(dl.extended),
            "clock_stopped": dl.stopped,
            "provisional": dl.provisional,
        },
        index=df.index,
    )
    return out

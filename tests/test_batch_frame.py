"""tthc.batch frames: classify_frame / form06_frame equal the scalar classify / findings / form06."""

from __future__ import annotations

import io
from datetime import date, datetime, time, timezone
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engines import assert_engines_agree, classification_views
from tthc import (
    ArgumentTypeError,
    CalendarRangeError,
    DayKind,
    InvalidTimelineError,
    InvalidValueError,
    Override,
    vietnam_calendar,
)
from tthc.batch import (
    FRAME_COLUMNS,
    classify_frame,
    dossiers_to_frame,
    due_frame,
    form06_frame,
    frame_to_dossiers,
)
from tthc.batch.form06 import form06_classified
from tthc.calendar import WorkingCalendar
from tthc.deadlines import deadline
from tthc.models import (
    Apologized,
    Channel,
    CorrectionRequested,
    Dossier,
    ExclusionStarted,
    GovernmentLevel,
    Procedure,
    Received,
    Resolved,
    Submitted,
    SupplementPolicy,
    SupplementReceived,
    SupplementRequested,
)
from tthc.outcomes import classify, findings
from tthc.reports import PeriodConvention, ReportingPeriod, form06
from tthc.strategies import dossiers
from tthc.synthetic import catalogue, generate_frame
from tthc.timelimits import Precision, TimeLimit, Unit

PROCS = catalogue(extra=30, seed=5)


def _check_equal(
    df: pd.DataFrame, as_of: date | datetime, cal: WorkingCalendar | None = None
) -> None:
    assert_engines_agree(
        frame_to_dossiers(df, PROCS, calendar=cal), as_of=as_of, calendar=cal, frame=df,
        procedures=PROCS,
    )  # fmt: skip


@given(
    seed=st.integers(0, 10_000),
    as_of=st.dates(date(2024, 11, 1), date(2027, 4, 1))
    | st.datetimes(datetime(2024, 11, 1), datetime(2027, 4, 1)),
)
def test_batch_equals_scalar_for_every_row(seed: int, as_of: date | datetime) -> None:
    df = generate_frame(
        150, seed=seed, procedures=PROCS, start=date(2024, 9, 1), end=date(2027, 3, 1)
    )
    _check_equal(df, as_of)


def test_batch_equals_scalar_on_a_larger_sample() -> None:
    df = generate_frame(3000, seed=99, procedures=PROCS)
    for as_of in (date(2026, 6, 30), date(2026, 1, 20), datetime(2025, 9, 3, 15, 0)):
        _check_equal(df, as_of)


def test_batch_equals_scalar_with_overrides() -> None:
    base = vietnam_calendar()
    closures = [
        Override(d, DayKind.CLOSURE, "bão", "test")
        for d in (date(2025, 9, 30), date(2025, 10, 1), date(2026, 3, 5))
    ]
    extra = [Override(date(2025, 10, 4), DayKind.EXTRA_WORKDAY, "làm bù", "test")]
    cal = base.with_overrides(*closures, *extra)
    df = generate_frame(1500, seed=3, procedures=PROCS, calendar=cal)
    _check_equal(df, date(2026, 6, 30), cal)
    _check_equal(df, date(2025, 10, 6), cal)


def test_batch_equals_scalar_across_open_occasions_and_announcements() -> None:
    # Provisional per occasion: spans that cross an unannounced window (30/4–1/5 2027, 24/11
    # 2027) are provisional even when their ends are not; an announcement settles them.
    from tthc import AnnouncedDay, Announcement

    df = generate_frame(
        600, seed=11, procedures=PROCS, start=date(2026, 10, 1), end=date(2027, 11, 1)
    )
    _check_equal(df, date(2027, 12, 20))
    swap = Announcement(
        "Công văn 1/TEST (thử)",
        date(2026, 12, 1),
        [
            AnnouncedDay(date(2027, 4, 29), DayKind.SWAP_DAY_OFF, "Nghỉ hoán đổi"),
            AnnouncedDay(date(2027, 5, 8), DayKind.SWAP_WORKDAY, "Làm bù"),
        ],
    )
    _check_equal(df, date(2027, 6, 30), vietnam_calendar(announcements=[swap]))


# -- worked examples (DOMAIN.md §7) -----------------------------------------------------------


def _proc(limit: TimeLimit, **kw: Any) -> Procedure:
    return Procedure("1.000894", "Thủ tục", "Hộ tịch", GovernmentLevel.COMMUNE, limit, **kw)


def _frame(**cols: Any) -> pd.DataFrame:
    n = len(cols["received"])
    data: dict[str, Any] = {
        "id": [f"HS-{i}" for i in range(n)],
        "procedure_code": ["1.000894"] * n,
        "channel": ["in_person"] * n,
    }
    for k, v in cols.items():
        data[k] = pd.to_datetime(v) if k not in ("end_kind", "channel", "signed") else v
    out: pd.DataFrame = pd.DataFrame(data)
    return out


def _dt(*values: str | None) -> Any:
    return pd.to_datetime(pd.Series(values, dtype=object))


def test_worked_example_9_hour_precision() -> None:
    df = _frame(received=["2026-03-02 09:00", "2026-03-06 16:30", "2026-03-06 10:30"])
    df["procedure_code"] = ["9.000001", "9.000002", "9.000003"]
    procs = [
        Procedure("9.000001", "a", "x", GovernmentLevel.COMMUNE, TimeLimit.working_days(5),
                  precision=Precision.HOUR),
        Procedure("9.000002", "b", "x", GovernmentLevel.COMMUNE, TimeLimit.working_hours(4)),
        Procedure("9.000003", "c", "x", GovernmentLevel.COMMUNE, TimeLimit.working_hours(1)),
    ]  # fmt: skip
    got = due_frame(df, procedures=procs)["due_at"].tolist()
    assert got == [
        pd.Timestamp("2026-03-09 09:00"),
        pd.Timestamp("2026-03-09 11:00"),
        pd.Timestamp("2026-03-06 11:30"),
    ]


# -- Biểu 06 ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "period",
    [
        ReportingPeriod.quarter(2026, 1),
        ReportingPeriod.month(2025, 8),
        ReportingPeriod.month(2026, 7),
        ReportingPeriod.year(2026, convention=PeriodConvention.CALENDAR),
    ],
)
def test_form06_frame_equals_form06(period: ReportingPeriod) -> None:
    df = generate_frame(2500, seed=21, procedures=PROCS)
    dossiers = frame_to_dossiers(df, PROCS)
    for group_by in (("agency", "field"), ("procedure", "level"), ()):
        assert form06_frame(df, period, procedures=PROCS, group_by=group_by) == form06(
            dossiers, period, group_by=group_by
        )


def test_form06_frame_of_parts_adds_up() -> None:
    df = generate_frame(2000, seed=8, procedures=PROCS)
    period = ReportingPeriod.half(2026, 1)
    whole = form06_frame(df, period, procedures=PROCS)
    parts = [form06_frame(df.iloc[i::3], period, procedures=PROCS) for i in range(3)]
    assert parts[0] + parts[1] + parts[2] == whole
    assert whole.total.received > 0


def test_form06_frame_without_agency_and_bad_arguments() -> None:
    df = generate_frame(50, seed=1, procedures=PROCS).drop(columns=["agency"])
    t = form06_frame(df, ReportingPeriod.year(2026), procedures=PROCS, group_by="agency")
    assert [r.key for r in t.rows] == [("",)]
    with pytest.raises(
        InvalidValueError, match="period expected a ReportingPeriod, got str '2026'"
    ):
        form06_frame(df, "2026", procedures=PROCS)
    with pytest.raises(InvalidValueError, match="group_by: expected names from"):
        form06_frame(df, ReportingPeriod.year(2026), procedures=PROCS, group_by=("x",))


def test_form06_frame_with_missing_agencies_and_a_calendar_of_its_own() -> None:
    df = generate_frame(400, seed=3, procedures=PROCS)
    df.loc[df.index[::4], "agency"] = None  # unknown agency: the group "" (like the scalar form06)
    period = ReportingPeriod.quarter(2026, 1)
    # 2026-03-02..03-06 closed: due dates, hence (8)-(10) / (12)-(13), move
    closed = [Override(date(2026, 3, d), DayKind.CLOSURE, "closure", "test") for d in range(2, 7)]
    cal = vietnam_calendar().with_overrides(*closed)
    dossiers = frame_to_dossiers(df, PROCS)
    for calendar in (None, cal):
        got = form06_frame(df, period, procedures=PROCS, calendar=calendar, group_by=("agency",))
        assert got == form06(dossiers, period, calendar=calendar, group_by=("agency",))
        assert ("",) in [r.key for r in got.rows]
        # form06_classified reads the same calendar (its table is form06_frame's)
        table, _, _ = form06_classified(
            df, period, procedures=PROCS, calendar=calendar, group_by=("agency",)
        )
        assert table == got
    assert form06_frame(df, period, procedures=PROCS, calendar=cal) != form06_frame(
        df, period, procedures=PROCS
    )


def test_form06_frame_needs_no_finding_of_a_dossier_received_after_the_period() -> None:
    # Biểu 06 places each dossier and reads no finding (like the scalar form06): a dossier of a
    # procedure without limit received online on 07/01/2041, after the period and past the
    # default calendar (2000-2040), is no row of it and no error; only the findings of that
    # dossier (its 08 working hours of online acceptance, NĐ 118/2025 Điều 17 k2c) would need
    # the calendar on that day, so form06_classified, which counts them, refuses the frame as
    # classify_frame does.
    p = _proc(TimeLimit.none())
    online = Channel.ONLINE
    ds = [
        Dossier("HS-0", p, [Submitted(datetime(2040, 12, 3, 8)),
                            Received(datetime(2040, 12, 3, 9), channel=online)]),
        Dossier("HS-1", p, [Submitted(datetime(2041, 1, 5, 9)),
                            Received(datetime(2041, 1, 7, 9), channel=online)]),
    ]  # fmt: skip
    period = ReportingPeriod.year(2040, convention=PeriodConvention.CALENDAR)
    table = form06_frame(dossiers_to_frame(ds), period, procedures=[p], group_by=())
    assert table == form06(ds, period, group_by=())
    assert (table.total.received, table.total.received_online, table.total.in_progress) == (1, 1, 1)
    message = (
        "row 1 (id 'HS-1'): received 2041-01-07 is outside the calendar's range "
        "2000-01-01..2040-12-31"
    )
    with pytest.raises(CalendarRangeError) as info:
        form06_classified(dossiers_to_frame(ds), period, procedures=[p], group_by=())
    assert str(info.value) == message


def test_form06_classified_rows_are_classify_frame_as_of_the_period_end() -> None:
    # Quý I/2026 of Biểu 06 ends Sat 14/03 (15/12-14/3, DOMAIN.md §5). 05 working days from Mon 09/03 -> due
    # Mon 16/03 (one working day left: due soon); from Tue 10/03 -> due Tue 17/03 (two left: not
    # with due_soon=1, the default of classify_frame and tthc.classify).
    p = _proc(TimeLimit.working_days(5))
    df = dossiers_to_frame(
        [Dossier(f"HS-{d}", p, [Received(datetime(2026, 3, d, 9))]) for d in (9, 10)]
    )
    period = ReportingPeriod.quarter(2026, 1)
    assert period.end == date(2026, 3, 14)
    _, rows, _ = form06_classified(df, period, procedures=[p], group_by=())
    assert rows.soon.tolist() == [True, False]
    out = classify_frame(df, as_of=period.end, procedures=[p])
    assert out["due"].tolist() == [pd.Timestamp("2026-03-16"), pd.Timestamp("2026-03-17")]
    assert out["due_soon"].tolist() == [True, False]


def test_form06_frame_counts_a_result_at_the_last_microsecond_of_the_period() -> None:
    # classified as of the end of the period's last day, 23:59:59.999999 included (like form06)
    period = ReportingPeriod.quarter(2026, 1)  # 15/12/2025–14/03/2026
    last = f"{period.end} 23:59:59.999999"
    df = _frame(received=["2026-03-10 09:00:00.000000", last], end=[last, None])
    df["end_kind"] = ["resolved", None]
    procs = [_proc(TimeLimit.working_days(5))]
    got = form06_frame(df, period, procedures=procs, group_by=())
    assert got == form06(frame_to_dossiers(df, procs), period, group_by=())
    assert (got.total.resolved, got.total.in_progress, got.total.received) == (1, 1, 2)


# -- conversions ------------------------------------------------------------------------------


def test_frame_round_trip_through_dossiers() -> None:
    df = generate_frame(500, seed=2, procedures=PROCS)
    back = dossiers_to_frame(frame_to_dossiers(df, PROCS))
    for col in df.columns:
        left = df[col].astype(object).where(df[col].notna(), None).tolist()
        right = back[col].astype(object).where(back[col].notna(), None).tolist()
        assert left == right, col


def test_dossiers_to_frame_refuses_what_the_layout_cannot_hold() -> None:
    p = _proc(TimeLimit.working_days(5))
    d = Dossier("HS-X", p, [Received(datetime(2026, 3, 2, 9)),
                            ExclusionStarted(datetime(2026, 3, 3, 9), reason="thẩm định")])  # fmt: skip
    with pytest.raises(InvalidValueError, match=r"dossiers\[0\] \(id 'HS-X'\): ExclusionStarted"):
        dossiers_to_frame([d])
    with pytest.raises(ArgumentTypeError, match=r"dossiers\[0\]: expected a Dossier, got str$"):
        dossiers_to_frame(["x"])


def test_dossiers_to_frame_messages_name_the_event_and_the_way_out() -> None:
    # The whole message: what does not fit, why, and what to use instead (tthc.classify).
    p = _proc(TimeLimit.working_days(5))
    sub = Submitted(datetime(2026, 3, 2, 9))
    corrected = Dossier("HS-C", p, [sub, CorrectionRequested(datetime(2026, 3, 2, 14)),
                                    Received(datetime(2026, 3, 5, 9), channel=Channel.ONLINE)])  # fmt: skip
    with pytest.raises(InvalidValueError) as info:
        dossiers_to_frame([corrected])
    assert str(info.value) == (
        "dossiers[0] (id 'HS-C'): CorrectionRequested at 2026-03-02 14:00:00 (a correction "
        "request at online reception) does not fit the one-row layout, which has no column for "
        "it; classify it with tthc.classify"
    )
    inferred = Dossier("HS-I", p, [sub, Received.from_submission(sub)])
    with pytest.raises(InvalidValueError) as info:
        dossiers_to_frame([inferred])
    assert str(info.value) == (
        "dossiers[0] (id 'HS-I'): an inferred receipt (taken from the submission) does not fit "
        "the one-row layout, which records accepted receipts only; classify it with tthc.classify"
    )


def _third(kind: str) -> list[Any]:
    # a receipt and three rounds of supplement (request + receipt) or three apologies
    day = [datetime(2026, 3, d, 9) for d in (3, 4, 5, 6, 9, 10)]
    if kind == "apology":
        return [Apologized(day[i], new_due=date(2026, 4, 1 + i), reason="chậm") for i in range(3)]
    return [
        e
        for i in range(3)
        for e in (SupplementRequested(day[2 * i]), SupplementReceived(day[2 * i + 1]))
    ]


@pytest.mark.parametrize(
    ("kind", "event"),
    [
        ("supplement", "SupplementRequested at 2026-03-09 09:00:00"),
        ("apology", "Apologized at 2026-03-05 09:00:00"),
    ],
)
def test_dossiers_to_frame_refuses_a_third_supplement_request_or_apology(
    kind: str, event: str
) -> None:
    # The layout has two supplement (request, receipt) pairs and two apologies; a third is
    # refused by name (not written over the second, not an IndexError).
    p = _proc(TimeLimit.working_days(5))
    d = Dossier("HS-3", p, [Received(datetime(2026, 3, 2, 9)), *_third(kind)])
    with pytest.raises(InvalidValueError) as info:
        dossiers_to_frame([d])
    assert str(info.value) == (
        f"dossiers[0] (id 'HS-3'): {event} does not fit the one-row layout (at most two "
        "supplement requests and two apologies, no excluded periods or steps); classify it with "
        "tthc.classify"
    )
    two = Dossier("HS-2", p, [Received(datetime(2026, 3, 2, 9)), *_third(kind)[:-2 if kind == "supplement" else -1]])  # fmt: skip
    row = dossiers_to_frame([two]).iloc[0]
    if kind == "supplement":
        assert row["supplement_requested"] == pd.Timestamp("2026-03-03 09:00")
        assert row["supplement_received"] == pd.Timestamp("2026-03-04 09:00")
        assert row["supplement2_requested"] == pd.Timestamp("2026-03-05 09:00")
        assert row["supplement2_received"] == pd.Timestamp("2026-03-06 09:00")
    else:
        assert row["apologized"] == pd.Timestamp("2026-03-03 09:00")
        assert row["apology2"] == pd.Timestamp("2026-03-04 09:00")
        assert row["apology2_new_due"] == pd.Timestamp("2026-04-02")


def test_dossiers_to_frame_signed_is_a_nullable_bool_column() -> None:
    p = _proc(TimeLimit.working_days(5))
    signed = Dossier("HS-S", p, [Received(datetime(2026, 3, 2, 9)),
                                 Resolved(datetime(2026, 3, 3, 9), digitally_signed=True)])  # fmt: skip
    open_ = Dossier("HS-O", p, [Received(datetime(2026, 3, 2, 9))])
    df = dossiers_to_frame([signed, open_])
    assert df["signed"].dtype == "boolean"
    assert df["signed"].tolist() == [True, pd.NA]
    assert df.columns.tolist() == [name for name, _, _ in FRAME_COLUMNS]


def test_frame_to_dossiers_marks_apologies_and_checks_its_calendar() -> None:
    p = _proc(TimeLimit.working_days(5))
    d = Dossier("HS-A", p, [Received(datetime(2026, 3, 2, 9)),
                            Apologized(datetime(2026, 3, 6, 9), new_due=date(2026, 3, 13), reason="x")])  # fmt: skip
    df = dossiers_to_frame([d])
    (back,) = frame_to_dossiers(df, [p])
    assert [e.reason for e in back.events if isinstance(e, Apologized)] == ["(from frame)"]
    with pytest.raises(ArgumentTypeError) as info:
        frame_to_dossiers(df, [p], calendar="vn")  # type: ignore[arg-type]
    assert str(info.value) == "calendar: expected a WorkingCalendar or None, got str 'vn'"


# A calendar of March 2026 only (weekends off, no holiday): its first and last working days.
MARCH = WorkingCalendar((), date(2026, 3, 2), date(2026, 3, 31))


def _due(procedure: Procedure, *received: datetime) -> pd.DataFrame:
    ds = [Dossier(f"HS-{i}", procedure, [Received(r)]) for i, r in enumerate(received)]
    return due_frame(dossiers_to_frame(ds), procedures=[procedure], calendar=MARCH)


def _on(received: datetime) -> list[Any]:
    return [Received(received)]


def _range_error(procedure: Procedure, *timelines: list[Any]) -> str:
    """The message of the range error ``due_frame`` raises on these timelines (ids HS-0, HS-1, …)
    on the calendar of March 2026."""
    ds = [Dossier(f"HS-{i}", procedure, events) for i, events in enumerate(timelines)]
    with pytest.raises(CalendarRangeError) as info:
        due_frame(dossiers_to_frame(ds), procedures=[procedure], calendar=MARCH)
    return str(info.value)


def test_due_moments_at_both_ends_of_a_calendar() -> None:
    # 08 working hours from Mon 02/03 07:00, before the calendar's first session opens: the whole
    # first working day, due at its end, 17:00 (a session's end is preferred, DOMAIN §7.1), as
    # the scalar engine says; not 07:30 the next day, and no range error.
    hours = _proc(TimeLimit.working_hours(8), precision=Precision.HOUR)
    first = Dossier("HS-0", hours, [Received(datetime(2026, 3, 2, 7))])
    assert deadline(first, calendar=MARCH).due_at == datetime(2026, 3, 2, 17)
    out = _due(hours, datetime(2026, 3, 2, 7))
    assert out["due_at"].tolist() == [pd.Timestamp("2026-03-02 17:00")]
    # 08 working hours from Tue 31/03 09:00, the last working day: due 09:00 on the next working
    # day, the first one past the calendar; the error names that row, not the first one.
    assert _range_error(hours, _on(datetime(2026, 3, 2, 7)), _on(datetime(2026, 3, 31, 9))) == (
        "row 1 (id 'HS-1'): the due moment counted from received falls outside the calendar's "
        "range 2026-03-02..2026-03-31"
    )
    # 01 working day from Tue 31/03: due Wed 01/04, one working day past the calendar.
    assert _range_error(_proc(TimeLimit.working_days(1)), _on(datetime(2026, 3, 31, 9))) == (
        "row 0 (id 'HS-0'): the due date counted from received 2026-03-31 falls after the "
        "calendar's last day 2026-03-31"
    )
    # a receipt past the calendar (Thu 02/04) is named as such, whatever the limit's unit,
    # and the row named is the one past the range, not one on the range's first or last day
    for p in (hours, _proc(TimeLimit.same_day())):
        for inside in (datetime(2026, 3, 2, 9), datetime(2026, 3, 31, 9)):
            assert _range_error(p, _on(inside), _on(datetime(2026, 4, 2, 9))) == (
                "row 1 (id 'HS-1'): received 2026-04-02 is outside the calendar's range "
                "2026-03-02..2026-03-31"
            )
    # 05 working days restarted, or resumed, by a supplement: one received past the calendar is
    # named as such; one inside the range whose clock ends past it is named as the count's start
    # (RESTART: 05 working days from Mon 30/03; PAUSE: 1 of 5 used by the request on 24/03, 4 left
    # from 30/03: both due in April)
    for (rv, rq, rc), message in (
        ((datetime(2026, 3, 2, 9), datetime(2026, 3, 3, 9), datetime(2026, 4, 2, 9)),
         "supplement_received 2026-04-02 is outside the calendar's range 2026-03-02..2026-03-31"),
        ((datetime(2026, 3, 23, 9), datetime(2026, 3, 24, 9), datetime(2026, 3, 30, 9)),
         "the due date counted from supplement_received 2026-03-30 falls after the calendar's "
         "last day 2026-03-31"),
    ):  # fmt: skip
        events = [Received(rv), SupplementRequested(rq), SupplementReceived(rc)]
        for policy in (SupplementPolicy.RESTART, SupplementPolicy.PAUSE):
            five = _proc(TimeLimit.working_days(5), supplement_policy=policy)
            assert _range_error(five, events) == f"row 0 (id 'HS-0'): {message}"
    # a paused working-hour clock: a supplement received past the calendar, or time left
    # after the supplement of Tue 31/03 09:00 (08 hours from Mon 30/03 09:00, 1 used until the
    # request at 10:00, 7 left: 6.5 on Tuesday, then past the range) are named by the
    # supplement's field
    paused = _proc(TimeLimit.working_hours(8), precision=Precision.HOUR,
                   supplement_policy=SupplementPolicy.PAUSE)  # fmt: skip
    for back, message in (
        (datetime(2026, 4, 2, 9), "supplement_received 2026-04-02 is outside the calendar's range"),
        (datetime(2026, 3, 31, 9), "the due moment counted from supplement_received falls outside "
                                   "the calendar's range"),
    ):  # fmt: skip
        events = [Received(datetime(2026, 3, 30, 9)), SupplementRequested(datetime(2026, 3, 30, 10)),
                  SupplementReceived(back)]  # fmt: skip
        assert (
            _range_error(paused, events) == f"row 0 (id 'HS-0'): {message} 2026-03-02..2026-03-31"
        )
    # a paused 10-day clock (12/03 from 02/03) moved by the 25 days of a supplement (requested
    # 05/03, received 30/03) ends 06/04, past the calendar: a range error naming the row
    days = _proc(TimeLimit.days(10), supplement_policy=SupplementPolicy.PAUSE)
    events = [Received(datetime(2026, 3, 2, 9)), SupplementRequested(datetime(2026, 3, 5, 9)),
              SupplementReceived(datetime(2026, 3, 30, 9))]  # fmt: skip
    assert _range_error(days, events) == (
        "row 0 (id 'HS-0'): the due date counted from supplement_received 2026-03-30 ends on "
        "2026-04-06, outside the calendar's range 2026-03-02..2026-03-31"
    )
    # every day of the timeline is checked before counting, so the row and the event are named
    # (a calendar-day count from a receipt before the range once gave a due date, issue 14)
    assert _range_error(days, _on(datetime(2026, 3, 2, 9)), _on(datetime(2026, 2, 27, 9))) == (
        "row 1 (id 'HS-1'): received 2026-02-27 is outside the calendar's range "
        "2026-03-02..2026-03-31"
    )
    late = [Received(datetime(2026, 3, 2, 9)),
            Apologized(datetime(2026, 3, 13, 9), new_due=date(2026, 4, 15), reason="x")]  # fmt: skip
    assert _range_error(days, late) == (
        "row 0 (id 'HS-0'): apology_new_due 2026-04-15 is outside the calendar's range "
        "2026-03-02..2026-03-31"
    )
    # a same-day limit received after the cut-off on the calendar's last day: due the next
    # working day, past the calendar
    same_day = _proc(TimeLimit.same_day())
    assert _range_error(same_day, _on(datetime(2026, 3, 2, 9)), _on(datetime(2026, 3, 31, 16))) == (
        "row 1 (id 'HS-1'): the due date counted from received 2026-03-31 falls after the "
        "calendar's last day 2026-03-31"
    )
    # a count in plain hours ends without a look-up: its due date is checked on its own
    plain = _proc(TimeLimit.hours(15), precision=Precision.HOUR)
    assert _range_error(plain, _on(datetime(2026, 3, 31, 9))) == (  # 2026-04-01 00:00
        "row 0 (id 'HS-0'): the due date 2026-04-01 is outside the calendar's range "
        "2026-03-02..2026-03-31"
    )


def test_only_the_whole_timeline_needs_the_whole_calendar() -> None:
    # Biểu 06 classifies as of the period's end (scalar form06: classify(as_of=period.end)), so a
    # later day outside the calendar is never looked up; classify_frame also counts the findings
    # of the whole timeline (scalar findings), so it needs every day of it.
    p = _proc(TimeLimit.working_days(5))
    d = Dossier("HS-0", p, [Received(datetime(2026, 3, 2, 9)), SupplementRequested(
        datetime(2026, 3, 3, 9)), SupplementReceived(datetime(2026, 4, 2, 9))])  # fmt: skip
    df = dossiers_to_frame([d])
    period = ReportingPeriod.month(2026, 3, convention=PeriodConvention.CALENDAR)
    by_frame = form06_frame(df, period, procedures=[p], calendar=MARCH, group_by=())
    assert by_frame == form06([d], period, calendar=MARCH, group_by=())
    assert by_frame.total.in_progress == 1
    with pytest.raises(CalendarRangeError, match="supplement_received 2026-04-02 is outside"):
        classify_frame(df, as_of=date(2026, 3, 31), procedures=[p], calendar=MARCH)
    with pytest.raises(CalendarRangeError, match="2026-04-02 is outside"):
        findings(d, calendar=MARCH)
    # 03 days / 01 month from Tue 31/03 end past the calendar (03/04, 30/04): the error names
    # the day the count ends on, not the receipt (which is inside the range)
    for limit, end in ((TimeLimit.days(3), "2026-04-03"), (TimeLimit.months(1), "2026-04-30")):
        with pytest.raises(CalendarRangeError) as info:
            _due(_proc(limit), datetime(2026, 3, 31, 9))
        assert str(info.value) == (
            f"row 0 (id 'HS-0'): the due date counted from received 2026-03-31 ends on {end}, "
            "outside the calendar's range 2026-03-02..2026-03-31"
        )
    # 03 days from Sat 28/03 end on Tue 31/03, the calendar's last day (a working day): due
    # then, no range error (the count starts the day after receipt, Bộ luật Dân sự Điều 147-148;
    # its last day is a working day, so Điều 148 k5 moves nothing), as the scalar engine says
    three = _proc(TimeLimit.days(3))
    assert deadline(
        Dossier("HS-0", three, [Received(datetime(2026, 3, 28, 9))]), calendar=MARCH
    ).due == date(2026, 3, 31)
    assert _due(three, datetime(2026, 3, 28, 9))["due"].tolist() == [pd.Timestamp("2026-03-31")]
    # a receipt past the calendar (Thu 02/04) is named as such
    with pytest.raises(CalendarRangeError) as info:
        _due(_proc(TimeLimit.working_days(1)), datetime(2026, 4, 2, 9))
    assert str(info.value) == (
        "row 0 (id 'HS-0'): received 2026-04-02 is outside the calendar's range "
        "2026-03-02..2026-03-31"
    )


def test_a_calendar_that_starts_before_1970() -> None:
    # weekends off, no holiday, 01/12/1969-31/12/2026 (the tables are indexed from the range's
    # first day then): 05 working days from Mon 02/03/2026 are due Mon 09/03
    cal = WorkingCalendar((), date(1969, 12, 1), date(2026, 12, 31))
    p = _proc(TimeLimit.working_days(5))
    df = dossiers_to_frame([Dossier("HS-0", p, [Received(datetime(2026, 3, 2, 9))])])
    assert due_frame(df, procedures=[p], calendar=cal)["due"].tolist() == [
        pd.Timestamp("2026-03-09")
    ]


def test_aware_columns_are_read_as_vietnamese_wall_time() -> None:
    df = _frame(received=["2026-02-12 02:30"], end=["2026-02-26 09:59"], end_kind=["resolved"])
    df["received"] = df["received"].dt.tz_localize("UTC")  # 09:30 in Hà Nội
    df["end"] = df["end"].dt.tz_localize("UTC")
    out = classify_frame(df, as_of=date(2026, 3, 1), procedures=[_proc(TimeLimit.working_days(5))])
    assert out["due"].iloc[0] == pd.Timestamp("2026-02-26")
    assert out["outcome"].iloc[0] == "on_time"
    # 18:00 UTC on Mon 02/03 is 01:00 on Tue 03/03 in Hà Nội: 05 working days from Tuesday are
    # due Tue 10/03 (from Monday they would be due Mon 09/03)
    late = _frame(received=["2026-03-02 18:00"])
    late["received"] = late["received"].dt.tz_localize("UTC")
    out = due_frame(late, procedures=[_proc(TimeLimit.working_days(5))])
    assert out["due"].tolist() == [pd.Timestamp("2026-03-10")]


def test_datetime_columns_of_any_resolution_are_the_same_moments() -> None:
    # a datetime64 column in seconds, microseconds or nanoseconds (pandas keeps the unit of its
    # source: CSV text, Parquet, numpy) holds the same moments: Mon 02/03/2026 09:30, 05 working
    # days, due Mon 09/03; a result at 09:00 that day is on time
    p = [_proc(TimeLimit.working_days(5))]
    for unit in ("s", "ms", "us", "ns"):
        df = _frame(received=["2026-03-02 09:30"], end=["2026-03-09 09:00"], end_kind=["resolved"])
        for col in ("received", "end"):
            df[col] = df[col].astype(np.dtype(f"datetime64[{unit}]"))
        out = classify_frame(df, as_of=date(2026, 3, 31), procedures=p)
        assert out["due"].tolist() == [pd.Timestamp("2026-03-09")], unit
        assert out["outcome"].tolist() == ["on_time"], unit


def test_scalar_and_batch_agree_on_a_hand_built_dossier() -> None:
    p = _proc(TimeLimit.working_days(10), supplement_policy=SupplementPolicy.PAUSE)
    d = Dossier("HS-7", p, [
        Received(datetime(2025, 9, 8, 9), channel=Channel.POSTAL),
        SupplementRequested(datetime(2025, 9, 11, 9)),
        SupplementReceived(datetime(2025, 9, 15, 9)),
        Resolved(datetime(2025, 9, 25, 9), digitally_signed=False),
    ])  # fmt: skip
    assert_engines_agree([d], as_of=date(2025, 10, 1))
    out = classify_frame(dossiers_to_frame([d]), as_of=date(2025, 10, 1), procedures=[p])
    assert out["outcome"].iloc[0] == "late"


@settings(max_examples=40)
@given(
    dossiers=st.lists(
        dossiers(
            min_date=date(2018, 6, 21), max_date=date(2030, 6, 30), frame_layout=True, max_events=6
        ),
        min_size=1,
        max_size=8,
    ),
    as_of=st.dates(date(2018, 6, 21), date(2031, 6, 30)),
)
def test_engines_agree_on_frames_of_generated_dossiers(
    dossiers: list[Dossier], as_of: date
) -> None:
    # A frame built from the hypothesis strategies: a disagreement shrinks to one dossier.
    assert_engines_agree(dossiers, as_of=as_of)


# -- bad input names the row and the field ----------------------------------------------------


def _good() -> pd.DataFrame:
    return _frame(received=["2026-02-12 09:30", "2026-02-13 09:30"])


P5 = [_proc(TimeLimit.working_days(5))]


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        (lambda df: df.drop(columns=["channel"]), InvalidValueError, "missing required column 'channel'"),
        (lambda df: df.assign(procedure_code=["1.000894", "2.000815"]), InvalidValueError,
         r"row 1 \(id 'HS-1'\): procedure_code '2.000815' is not among the 1 procedures given$"),
        (lambda df: df.assign(returned=["x", None]), ArgumentTypeError,
         r"row 0 \(id 'HS-0'\): returned expected a datetime64 column"),
        (lambda df: df.assign(procedure_code=["1.000894", None]), InvalidValueError,
         r"row 1 \(id 'HS-1'\): procedure_code is missing$"),
        (lambda df: df.assign(channel=["online", "fax"]), InvalidValueError,
         r"row 1 \(id 'HS-1'\): channel expected one of online, in_person, postal, got 'fax'"),
        (lambda df: df.assign(channel=["online", None]), InvalidValueError,
         r"row 1 \(id 'HS-1'\): channel is missing"),
        (lambda df: df.assign(received=_dt("2026-02-12", None)), InvalidValueError,
         r"row 1 \(id 'HS-1'\): received is missing \(NaT\): every dossier is received$"),
        (lambda df: df.assign(received=["2026-02-12", "x"]), ArgumentTypeError,
         r"row 0 \(id 'HS-0'\): received expected a datetime64 column"),
        (lambda df: df.assign(supplement_received=_dt(None, "2026-02-14")),
         InvalidTimelineError, r"row 1 \(id 'HS-1'\): supplement_received is set but supplement_requested is not"),
        (lambda df: df.assign(end=_dt(None, "2026-02-14")), InvalidTimelineError,
         r"row 1 \(id 'HS-1'\): end and end_kind go together"),
        (lambda df: df.assign(end=_dt(None, "2026-02-01"), end_kind=[None, "resolved"]),
         InvalidTimelineError, r"row 1 \(id 'HS-1'\): received is after end"),
        (lambda df: df.assign(end=_dt(None, "2026-02-20"), end_kind=[None, "done"]),
         InvalidValueError, r"row 1 \(id 'HS-1'\): end_kind expected one of resolved"),
        (lambda df: df.assign(supplement_requested=_dt(None, "2026-02-20"),
                              supplement_received=_dt(None, "2026-02-18")),
         InvalidTimelineError, r"row 1 \(id 'HS-1'\): supplement_received is before supplement_requested$"),
        (lambda df: df.assign(submitted=_dt("2026-02-12 10:00", None), channel=["online"] * 2),
         InvalidTimelineError, r"row 0 \(id 'HS-0'\): submitted is after received$"),
        (lambda df: df.assign(submitted=_dt("2026-02-12 08:00", None)),
         InvalidTimelineError, r"row 0 \(id 'HS-0'\): submitted is set but channel is not 'online'"),
        (lambda df: df.assign(received=_dt("2018-01-02", "2026-02-12")),
         InvalidValueError, r"row 0 \(id 'HS-0'\): received is before NĐ 61/2018"),
        (lambda df: df.assign(received=_dt("2026-02-12", "2040-12-28")),
         CalendarRangeError, r"row 1 \(id 'HS-1'\): the due date counted from received 2040-12-28"),
        (lambda df: df.assign(apologized=_dt(None, "2026-02-14")),
         InvalidTimelineError, r"row 1 \(id 'HS-1'\): apologized and apology_new_due go together"),
        (lambda df: df.assign(returned=_dt(None, "2026-02-20")),
         InvalidTimelineError, r"row 1 \(id 'HS-1'\): returned without a resolved or refused end"),
        # a new date is a date, after the apology's day (Dossier's rule), whole messages
        (lambda df: df.assign(apologized=_dt(None, "2026-02-14 10:00"),
                              apology_new_due=_dt(None, "2026-02-20 10:00")),
         InvalidValueError, r"row 1 \(id 'HS-1'\): apology_new_due expected a date \(00:00\), got a time$"),
        (lambda df: df.assign(apologized=_dt(None, "2026-02-14 10:00"),
                              apology_new_due=_dt(None, "2026-02-14")),
         InvalidTimelineError, r"row 1 \(id 'HS-1'\): apology_new_due is not after the day of apologized$"),
        # no result while a supplement is outstanding, no closing without one (Dossier's rules)
        (lambda df: df.assign(supplement_requested=_dt(None, "2026-02-14 10:00"),
                              end=_dt(None, "2026-02-20 10:00"), end_kind=[None, "resolved"]),
         InvalidTimelineError, r"row 1 \(id 'HS-1'\): end_kind 'resolved' while a supplement is outstanding$"),
        (lambda df: df.assign(end=_dt(None, "2026-02-20 10:00"), end_kind=[None, "closed"]),
         InvalidTimelineError, r"row 1 \(id 'HS-1'\): end_kind 'closed' without an outstanding supplement$"),
        # the result is returned after it is made
        (lambda df: df.assign(end=_dt(None, "2026-02-20 10:00"), end_kind=[None, "resolved"],
                              returned=_dt(None, "2026-02-20 09:00")),
         InvalidTimelineError, r"row 1 \(id 'HS-1'\): returned is before end$"),
    ],
)  # fmt: skip
def test_bad_rows_name_the_row_and_field(change: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        classify_frame(change(_good()), as_of=date(2026, 3, 1), procedures=P5)


def test_bad_arguments() -> None:
    with pytest.raises(ArgumentTypeError) as info:
        classify_frame([], as_of=date(2026, 3, 1), procedures=P5)  # type: ignore[arg-type]
    assert str(info.value) == "df: expected a pandas DataFrame, got list"
    with pytest.raises(InvalidValueError) as value:
        classify_frame(_good().drop(columns=["channel"]), as_of=date(2026, 3, 1), procedures=P5)
    assert str(value.value) == (
        "df: missing required column 'channel' (columns: id, procedure_code, received)"
    )
    with pytest.raises(ArgumentTypeError, match="as_of: expected a date or a datetime, got str"):
        classify_frame(_good(), as_of="2026-03-01", procedures=P5)  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match="due_soon expected an int"):
        classify_frame(_good(), as_of=date(2026, 3, 1), procedures=P5, due_soon=True)
    with pytest.raises(InvalidValueError, match="due_soon expected >= 0"):
        classify_frame(_good(), as_of=date(2026, 3, 1), procedures=P5, due_soon=-1)
    with pytest.raises(ArgumentTypeError) as info:
        classify_frame(_good(), as_of=date(2026, 3, 1), procedures=["x"])
    assert str(info.value) == "procedures[0]: expected a Procedure, got str 'x'"
    with pytest.raises(
        CalendarRangeError, match=r"row 0 \(id 'HS-0'\): as_of 2041-03-01 is outside"
    ):
        classify_frame(_good(), as_of=date(2041, 3, 1), procedures=P5)


def test_defaults_of_classify_frame_are_those_of_classify() -> None:
    # due Thu 26/02 and Fri 27/02 (5 working days, DOMAIN §7.1): as of Wed 25/02 one and two
    # working days are left; due_soon=1 by default, like tthc.classify; due_soon=0 is allowed
    as_of = date(2026, 2, 25)
    out = classify_frame(_good(), as_of=as_of, procedures=P5)
    assert out["due"].tolist() == [pd.Timestamp("2026-02-26"), pd.Timestamp("2026-02-27")]
    assert out["due_soon"].tolist() == [True, False]
    scalar = [classify(d, as_of=as_of).due_soon for d in frame_to_dossiers(_good(), P5)]
    assert scalar == [True, False]
    assert not [c for c in out.columns if c.startswith("finding_")]  # finding_kinds=False
    none = classify_frame(_good(), as_of=as_of, procedures=P5, due_soon=0)
    assert none["due_soon"].tolist() == [False, False]
    assert out["due_soon"].dtype == np.bool_  # documented as bool, not 0.0 / 1.0


def test_findings_column_counts_every_finding_and_outputs_keep_the_index() -> None:
    # due 26/02; resolved 02/03 without apology and unsigned: LATE_WITHOUT_APOLOGY and
    # RESULT_NOT_DIGITALLY_SIGNED (NĐ 118/2025)
    df = _frame(received=["2026-02-12 09:30", "2026-02-13 09:30"], end=["2026-03-02 09:00", None])
    df["end_kind"] = ["resolved", None]
    df["signed"] = pd.array([False, pd.NA], dtype="boolean")
    df.index = pd.Index([10, 11])
    out = classify_frame(df, as_of=date(2026, 2, 20), procedures=P5)
    assert out["findings"].tolist() == [2, 0]
    assert out["findings"].dtype == np.int64
    assert out["working_days_late"].dtype == np.int64
    assert out.index.tolist() == [10, 11]
    assert due_frame(df, procedures=P5).index.tolist() == [10, 11]


def test_as_of_a_date_includes_its_last_microsecond() -> None:
    # as_of a date is the end of that day, 23:59:59.999999 included (like tthc.classify)
    df = _frame(received=["2026-03-02 09:00:00.000000"], end=["2026-03-04 23:59:59.999999"])
    df["end_kind"] = ["resolved"]
    out = classify_frame(df, as_of=date(2026, 3, 4), procedures=P5)
    assert out["outcome"].tolist() == ["early"]
    (d,) = frame_to_dossiers(df, P5)
    assert classify(d, as_of=date(2026, 3, 4)).outcome.value == "early"


def test_received_after_as_of_is_left_unclassified() -> None:
    out = classify_frame(_good(), as_of=datetime(2026, 2, 12, 12), procedures=P5)
    assert out["outcome"].tolist()[1] is np.nan or pd.isna(out["outcome"].iloc[1])
    assert out["outcome"].iloc[0] == "within_time"


def test_csv_round_trip_keeps_codes_as_text(tmp_path: Any) -> None:
    from tthc.batch import read_frame_csv

    df = generate_frame(300, seed=4, procedures=PROCS)
    path = tmp_path / "dossiers.csv"
    df.to_csv(path, index=False)
    back = read_frame_csv(path)
    assert back["procedure_code"].tolist() == df["procedure_code"].astype(str).tolist()
    as_of = date(2026, 6, 30)
    a = classify_frame(df, as_of=as_of, procedures=PROCS)
    b = classify_frame(back, as_of=as_of, procedures=PROCS)
    assert classification_views(a) == classification_views(b)


# -- the remaining paths: hour precision, aware as_of, empty columns, CSV without signed -------


def test_findings_of_a_procedure_without_limit_name_the_event_past_the_calendar() -> None:
    # without a time limit no deadline checks the moments: the findings' checks name them
    p = _proc(TimeLimit.none())
    requested = _frame(received=["2026-03-02 09:00", "2040-12-28 09:00"])
    requested["supplement_requested"] = _dt(None, "2041-01-08 09:00")
    online = _frame(received=["2026-03-02 09:00", "2041-01-07 09:00"], channel=["online"] * 2)
    online["submitted"] = _dt("2026-03-02 08:00", "2041-01-05 09:00")
    early = online.assign(
        received=_dt("2026-03-02 09:00", "2025-07-02 09:00"),
        submitted=_dt("2026-03-02 08:00", "1999-12-31 09:00"),
    )
    for df, named in (
        (requested, "supplement_requested 2041-01-08"),
        (online, "received 2041-01-07"),
        (early, "submitted 1999-12-31"),
    ):
        with pytest.raises(CalendarRangeError) as info:
            classify_frame(df, as_of=date(2040, 12, 31), procedures=[p])
        assert str(info.value) == (
            f"row 1 (id 'HS-1'): {named} is outside the calendar's range 2000-01-01..2040-12-31"
        )


def test_a_day_count_rolled_past_the_calendar_names_its_start() -> None:
    # A calendar of 02/03-29/03/2026, ending on a Sunday. 03 days from Thu 26/03 end on Sun
    # 29/03, a day off: the due date is the next working day (Bộ luật Dân sự Điều 148 k5),
    # Mon 30/03, past the calendar: a range error, as in the scalar engine, naming the receipt
    # the count started from (it named the Sunday as the receipt before the fix).
    cal = WorkingCalendar((), date(2026, 3, 2), date(2026, 3, 29))
    three = _proc(TimeLimit.days(3))
    d = Dossier("HS-0", three, [Received(datetime(2026, 3, 26, 9))])
    with pytest.raises(CalendarRangeError, match="falls outside the calendar's range"):
        deadline(d, calendar=cal)
    with pytest.raises(CalendarRangeError) as info:
        due_frame(dossiers_to_frame([d]), procedures=[three], calendar=cal)
    assert str(info.value) == (
        "row 0 (id 'HS-0'): the due date counted from received 2026-03-26 falls after the "
        "calendar's last day 2026-03-29"
    )
    # a paused 10-day clock (12/03 from 02/03) moved by the 17 days of a supplement (requested
    # 05/03, received 22/03) ends on Sun 29/03 too: the error names the supplement's receipt
    ten = _proc(TimeLimit.days(10), supplement_policy=SupplementPolicy.PAUSE)
    events = [Received(datetime(2026, 3, 2, 9)), SupplementRequested(datetime(2026, 3, 5, 9)),
              SupplementReceived(datetime(2026, 3, 22, 9))]  # fmt: skip
    with pytest.raises(CalendarRangeError) as info:
        due_frame(dossiers_to_frame([Dossier("HS-0", ten, events)]), procedures=[ten], calendar=cal)
    assert str(info.value) == (
        "row 0 (id 'HS-0'): the due date counted from supplement_received 2026-03-22 falls "
        "after the calendar's last day 2026-03-29"
    )


def test_procedures_given_as_a_mapping_by_code() -> None:
    # `procedures` is a Mapping (code -> Procedure) or an iterable of procedures: the same rows
    p = _proc(TimeLimit.working_days(5))
    df = dossiers_to_frame([Dossier("HS-0", p, [Received(datetime(2026, 3, 2, 9))])])
    by_code = due_frame(df, procedures={p.code: p})
    assert by_code["due"].tolist() == [pd.Timestamp("2026-03-09")]
    assert by_code.equals(due_frame(df, procedures=[p]))


def test_same_day_cut_offs_to_the_microsecond_and_with_minutes() -> None:
    # A same-day limit: received after the cut-off, due the next working day (as the scalar
    # deadline says). Mon 02/03/2026: 15:00:00.0005 is after a 15:00 cut-off (due Tue 03/03);
    # 16:15 is before a 16:30 cut-off (due that day).
    cases = [
        (time(15, 0), datetime(2026, 3, 2, 15, 0, 0, 500), date(2026, 3, 3)),
        (time(16, 30), datetime(2026, 3, 2, 16, 15), date(2026, 3, 2)),
    ]
    for cut, received, due in cases:
        p = _proc(TimeLimit.same_day(cutoff=cut))
        d = Dossier("HS-0", p, [Received(received)])
        assert deadline(d).due == due
        out = due_frame(dossiers_to_frame([d]), procedures=[p])
        assert out["due"].tolist() == [pd.Timestamp(due)], cut


def test_a_receipt_before_the_calendar_is_named_by_the_late_request_count() -> None:
    # a procedure without limit: no deadline reads the receipt, but a supplement request is
    # late after 03 working days counted from it (NĐ 118/2025 Điều 19 k5): on a calendar of
    # March 2026 only, a receipt on Fri 27/02 is outside its range and is named, with its field,
    # as the scalar findings name it
    p = _proc(TimeLimit.none())
    d = Dossier("HS-1", p, [Received(datetime(2026, 2, 27, 9)),
                            SupplementRequested(datetime(2026, 3, 3, 9))])  # fmt: skip
    with pytest.raises(CalendarRangeError, match="2026-02-27 is outside the calendar's range"):
        findings(d, calendar=MARCH)
    df = dossiers_to_frame([Dossier("HS-0", p, [Received(datetime(2026, 3, 2, 9))]), d])
    with pytest.raises(CalendarRangeError) as info:
        classify_frame(df, as_of=date(2026, 3, 31), procedures=[p], calendar=MARCH)
    assert str(info.value) == (
        "row 1 (id 'HS-1'): received 2026-02-27 is outside the calendar's range "
        "2026-03-02..2026-03-31"
    )


def test_due_moment_past_the_calendar_is_a_range_error_like_the_scalar() -> None:
    p = _proc(TimeLimit(16, Unit.WORKING_HOUR), precision=Precision.HOUR)
    df = _frame(received=["2026-03-02 09:00", "2040-12-31 15:00"])
    with pytest.raises(CalendarRangeError) as info:
        due_frame(df, procedures=[p])
    assert str(info.value) == (
        "row 1 (id 'HS-1'): the due moment counted from received falls outside the calendar's "
        "range 2000-01-01..2040-12-31"
    )
    with pytest.raises(CalendarRangeError, match="outside the calendar's range"):
        deadline(Dossier("HS-1", p, [Received(datetime(2040, 12, 31, 15))]))
    out = due_frame(df.iloc[:1], procedures=[p])
    assert out["due_at"].iloc[0] == pd.Timestamp("2026-03-04 09:00")


def test_hour_precision_with_calendar_days_cannot_reach_a_frame() -> None:
    # The procedure itself is refused (issue 13), so no row of a frame can use such a limit.
    with pytest.raises(InvalidValueError, match=r"channel_time_limits\[online\]: Precision.HOUR"):
        _proc(
            TimeLimit(8, Unit.WORKING_HOUR),
            precision=Precision.HOUR,
            channel_time_limits=((Channel.ONLINE, TimeLimit.days(3)),),
        )


def test_aware_as_of_is_read_as_vietnamese_wall_time() -> None:
    df = _frame(received=["2026-03-02 09:00"])
    utc = timezone.utc
    before = classify_frame(df, as_of=datetime(2026, 3, 2, 1, 30, tzinfo=utc), procedures=P5)
    assert pd.isna(before["outcome"].iloc[0])  # 08:30 in Việt Nam: not yet received
    after = classify_frame(df, as_of=datetime(2026, 3, 2, 2, 30, tzinfo=utc), procedures=P5)
    assert after["outcome"].iloc[0] == "within_time"  # 09:30 in Việt Nam
    naive = classify_frame(df, as_of=datetime(2026, 3, 2, 9, 30), procedures=P5)
    pd.testing.assert_frame_equal(after, naive)


def test_as_of_before_every_reception_leaves_every_row_unclassified() -> None:
    out = classify_frame(_good(), as_of=date(2026, 2, 11), procedures=P5)
    assert out["outcome"].isna().all()
    assert out["findings"].tolist() == [0, 0]
    assert out["due"].isna().all()  # nothing is known as of that day


def test_an_all_missing_column_of_another_dtype_is_no_event() -> None:
    df = _good()
    blank = df.assign(
        supplement_requested=pd.Series([None, None], dtype=object), end=[np.nan, np.nan]
    )
    assert blank["supplement_requested"].dtype == object
    assert blank["end"].dtype == np.float64
    as_of = date(2026, 3, 1)
    pd.testing.assert_frame_equal(
        classify_frame(blank, as_of=as_of, procedures=P5).drop(
            columns=["supplement_requested", "end"]
        ),
        classify_frame(df, as_of=as_of, procedures=P5),
    )


def test_read_frame_csv_without_a_signed_column() -> None:
    from tthc.batch import read_frame_csv

    text = "id,procedure_code,channel,received\nHS-1,9.000010,online,2026-03-02T09:00:00\n"
    df = read_frame_csv(io.StringIO(text))
    assert list(df.columns) == ["id", "procedure_code", "channel", "received"]
    assert df["procedure_code"].iloc[0] == "9.000010"
    assert df["received"].iloc[0] == pd.Timestamp("2026-03-02 09:00")
    assert df["received"].dtype == "datetime64[us]"


def test_read_frame_csv_parses_mixed_iso_moments_and_a_nullable_signed_column() -> None:
    from tthc.batch import read_frame_csv

    # the first moment is a bare date: a format inferred from it would refuse the second one
    text = (
        "id,procedure_code,channel,received,signed\n"
        "HS-1,9.000010,online,2026-03-02,True\n"
        "HS-2,9.000010,online,2026-03-02T09:30:00,\n"
    )
    df = read_frame_csv(io.StringIO(text))
    assert df["received"].tolist() == [
        pd.Timestamp("2026-03-02 00:00"),
        pd.Timestamp("2026-03-02 09:30"),
    ]
    assert df["signed"].dtype == "boolean"
    assert df["signed"].tolist() == [True, pd.NA]


@pytest.mark.parametrize(
    "values",
    [["b", None, "a", "b", "z"], [None, None], ["q"], []],
    ids=["unused-categories", "all-missing", "one", "empty"],
)
def test_a_categorical_column_is_factorised_as_pandas_does(values: list[str | None]) -> None:
    # the categories present, in the order first met (z, a, b, q: q never occurs); read from the
    # categorical's codes, never by hashing the cells
    from tthc.batch.layout import _factorize

    s = pd.Series(pd.Categorical(values, categories=["z", "a", "b", "q"]))
    codes, uniques = _factorize(pd.DataFrame({"c": s}), "c", None, None)  # type: ignore[arg-type]
    expected_codes, expected = pd.factorize(s)
    assert codes.tolist() == expected_codes.tolist()
    assert uniques == [str(v) for v in expected]

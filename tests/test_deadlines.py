"""Due dates: DOMAIN.md §7 worked examples, timelines, rule sets, and properties."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engines import Engine
from tthc import (
    ArgumentTypeError,
    CalendarRangeError,
    InvalidValueError,
    WorkingCalendar,
    vietnam_calendar,
)
from tthc.deadlines import (
    Adjustment,
    AdjustmentKind,
    Deadline,
    RuleSet,
    deadline,
    due_date,
    rule_set_for,
)
from tthc.models import (
    Apologized,
    Channel,
    Dossier,
    ExclusionEnded,
    ExclusionStarted,
    GovernmentLevel,
    Procedure,
    Received,
    SupplementPolicy,
    SupplementReceived,
    SupplementRequested,
)
from tthc.timelimits import Precision, TimeLimit, Unit

CAL = vietnam_calendar()


# DOMAIN.md §7, examples 1-6 (state-agency calendar), and boundaries
WORKED_EXAMPLES = [
    (datetime(2026, 2, 12, 9, 30), TimeLimit.working_days(5), date(2026, 2, 26)),  # §7.1
    (datetime(2025, 4, 23, 9), TimeLimit.working_days(3), date(2025, 4, 26)),  # §7.2
    (datetime(2025, 4, 29, 9), TimeLimit.working_days(2), date(2025, 5, 6)),  # §7.3
    (datetime(2026, 1, 9, 15, 20), TimeLimit.same_day(time(15, 0)), date(2026, 1, 10)),  # §7.4
    (datetime(2026, 4, 15, 9), TimeLimit.days(15), date(2026, 5, 4)),  # §7.5
    (datetime(2026, 1, 31, 9), TimeLimit.months(1), date(2026, 3, 2)),  # §7.6
    (datetime(2026, 1, 9, 15, 0), TimeLimit.same_day(), date(2026, 1, 9)),  # 15:00 not after
    (datetime(2026, 1, 9, 16), TimeLimit.same_day(cutoff=None), date(2026, 1, 9)),
    (datetime(2026, 2, 14, 10), TimeLimit.same_day(), date(2026, 2, 23)),  # Tết: roll forward
    # a cut-off at 00:00: every receipt is after it, so the result is due the next working day
    (datetime(2026, 3, 2, 9), TimeLimit.same_day(time(0, 0)), date(2026, 3, 3)),
    (datetime(2026, 3, 31, 9), TimeLimit.months(1), date(2026, 4, 30) + timedelta(days=4)),
    (datetime(2026, 3, 2, 9), TimeLimit.hours(24), date(2026, 3, 3)),
    # mid-month (BLDS Điều 148 k3: the same day of the later month): Thu 02/04, Tue 02/06
    (datetime(2026, 3, 2, 9), TimeLimit.months(1), date(2026, 4, 2)),
    (datetime(2026, 3, 2, 9), TimeLimit.months(3), date(2026, 6, 2)),
    # month-end clipping (BLDS Điều 148 k3): 31 May + 1 month is 30 June, not 1 July
    (datetime(2026, 5, 31, 9), TimeLimit.months(1), date(2026, 6, 30)),
    (datetime(2024, 1, 31, 9), TimeLimit.months(1), date(2024, 2, 29)),
    # the first day of NĐ 61/2018/NĐ-CP: a receipt on 2018-06-21 is accepted
    (datetime(2018, 6, 21, 9), TimeLimit.working_days(5), date(2018, 6, 28)),
]


@pytest.mark.parametrize(("received", "limit", "due"), WORKED_EXAMPLES)
def test_due_date_examples(received: datetime, limit: TimeLimit, due: date) -> None:
    assert due_date(received, limit) == due


@pytest.mark.parametrize(("received", "limit", "due"), WORKED_EXAMPLES)
def test_worked_examples_in_both_engines(
    engine: Engine, received: datetime, limit: TimeLimit, due: date
) -> None:
    d = Dossier("HS", proc(limit), [Received(received)])
    assert engine.deadline(d).due == due


def test_due_date_accepts_date_as_midnight() -> None:
    assert due_date(date(2026, 2, 12), TimeLimit.working_days(5)) == date(2026, 2, 26)
    assert due_date(date(2026, 1, 9), TimeLimit.same_day()) == date(2026, 1, 9)


# DOMAIN.md §7, example 9 (Precision.HOUR, sessions 07:30-11:30 and 13:00-17:00)
@pytest.mark.parametrize(
    ("received", "hours", "due"),
    [
        (datetime(2026, 3, 2, 9), 40, datetime(2026, 3, 9, 9)),
        (datetime(2026, 3, 6, 16, 30), 4, datetime(2026, 3, 9, 11)),
        (datetime(2026, 3, 2, 10, 30), 1, datetime(2026, 3, 2, 11, 30)),
    ],
)
def test_hour_examples(received: datetime, hours: int, due: datetime) -> None:
    limit = TimeLimit.working_hours(hours)
    assert due_date(received, limit, precision=Precision.HOUR) == due
    assert due_date(received, limit) == due.date()


def test_hour_precision_other_units() -> None:
    # 05 working days = 40 working hours from the receipt time
    assert due_date(
        datetime(2026, 3, 2, 9), TimeLimit.working_days(5), precision=Precision.HOUR
    ) == datetime(2026, 3, 9, 9)
    assert due_date(
        datetime(2026, 1, 9, 15, 20), TimeLimit.same_day(), precision=Precision.HOUR
    ) == datetime(2026, 1, 10, 17)
    vn = timezone(timedelta(hours=7))
    aware = due_date(
        datetime(2026, 1, 9, 1, 0, tzinfo=timezone.utc), TimeLimit.same_day(),
        precision=Precision.HOUR,
    )  # fmt: skip
    assert aware == datetime(2026, 1, 9, 17, tzinfo=vn)
    assert aware.tzinfo is not None


@pytest.mark.parametrize(
    ("args", "kwargs", "error"),
    [
        ((datetime(2026, 3, 2), TimeLimit.days(3)), {"precision": Precision.HOUR}, InvalidValueError),
        ((datetime(2026, 3, 2), TimeLimit.months(1)), {"precision": Precision.HOUR}, InvalidValueError),
        ((datetime(2026, 3, 2), TimeLimit.none()), {}, InvalidValueError),
        ((datetime(2026, 3, 2), "05 ngày"), {}, ArgumentTypeError),
        (("2026-03-02", TimeLimit.days(3)), {}, ArgumentTypeError),
        ((datetime(2026, 3, 2), TimeLimit.days(3)), {"precision": "day"}, ArgumentTypeError),
    ],
)  # fmt: skip
def test_due_date_errors(
    args: tuple[Any, ...], kwargs: dict[str, Any], error: type[Exception]
) -> None:
    with pytest.raises(error):
        due_date(*args, **kwargs)


def test_rule_sets() -> None:
    assert rule_set_for(date(2025, 6, 30)) is RuleSet.ND_61_2018
    assert rule_set_for(date(2025, 7, 1)) is RuleSet.ND_118_2025
    assert RuleSet.ND_61_2018.effective_until == date(2025, 6, 30)
    assert RuleSet.ND_118_2025.effective_until is None
    assert RuleSet.ND_118_2025.effective_from == date(2025, 7, 1)
    assert RuleSet.ND_61_2018.effective_from == date(2018, 6, 21)
    assert RuleSet.ND_118_2025.cite("restart") == "NĐ 118/2025/NĐ-CP, Điều 19 khoản 5"
    assert RuleSet.ND_61_2018.cite("restart") == "NĐ 61/2018/NĐ-CP, Điều 19 khoản 4"
    for rs in RuleSet:
        assert rs.label_vi
        assert rs.label_en
    for kind in AdjustmentKind:
        assert kind.label_vi
        assert kind.label_en
    with pytest.raises(ArgumentTypeError):
        rule_set_for(datetime(2025, 7, 1))
    with pytest.raises(InvalidValueError, match="2018-06-21"):
        rule_set_for(date(2017, 1, 1))


def proc(limit: TimeLimit, **kwargs: Any) -> Procedure:
    return Procedure("1.000894", "Thủ tục", "Hộ tịch", GovernmentLevel.COMMUNE, limit, **kwargs)


def supplement_dossier(policy: SupplementPolicy, limit: TimeLimit | None = None) -> Dossier:
    return Dossier(
        "HS-7",
        proc(limit or TimeLimit.working_days(10), supplement_policy=policy),
        [
            Received(datetime(2025, 9, 8, 9)),
            SupplementRequested(datetime(2025, 9, 11, 9)),
            SupplementReceived(datetime(2025, 9, 15, 9)),
        ],
    )


# DOMAIN.md §7, example 7
def test_example_7_restart_and_pause(engine: Engine) -> None:
    restart = engine.deadline(supplement_dossier(SupplementPolicy.RESTART))
    assert restart.due == date(2025, 9, 29)
    assert restart.original_due == date(2025, 9, 22)
    assert not restart.clock_stopped
    assert not restart.provisional
    pause = engine.deadline(supplement_dossier(SupplementPolicy.PAUSE))
    assert pause.due == date(2025, 9, 24)


def test_example_7_adjustments() -> None:
    restart = deadline(supplement_dossier(SupplementPolicy.RESTART))
    assert [a.kind for a in restart.adjustments] == [AdjustmentKind.RESTART]
    assert restart.adjustments[0].basis == "NĐ 118/2025/NĐ-CP, Điều 19 khoản 5"
    assert restart.rule_set is RuleSet.ND_118_2025
    pause = deadline(supplement_dossier(SupplementPolicy.PAUSE))
    assert [a.kind for a in pause.adjustments] == [AdjustmentKind.PAUSE]


def test_pause_other_units(engine: Engine) -> None:
    days = engine.deadline(supplement_dossier(SupplementPolicy.PAUSE, TimeLimit.days(20)))
    # raw end 2025-09-28 (Sun) + 4 paused days = 2025-10-02 (Thu)
    assert days.due == date(2025, 10, 2)
    hours = engine.deadline(supplement_dossier(SupplementPolicy.PAUSE, TimeLimit.working_hours(40)))
    # used 24 h (09-08 09:00 -> 09-11 09:00), 16 h left from 09-15 09:00
    assert hours.due_at == datetime(2025, 9, 17, 9)
    short = engine.deadline(supplement_dossier(SupplementPolicy.PAUSE, TimeLimit.working_hours(16)))
    assert short.due_at == datetime(2025, 9, 10, 9)  # the request came after the due instant
    short_dl = deadline(supplement_dossier(SupplementPolicy.PAUSE, TimeLimit.working_hours(16)))
    assert short_dl.adjustments[0].kind is AdjustmentKind.LATE_REQUEST
    plain = engine.deadline(supplement_dossier(SupplementPolicy.PAUSE, TimeLimit.hours(100)))
    assert plain.due_at == datetime(2025, 9, 15, 9) + timedelta(hours=100 - 72)
    same = engine.deadline(supplement_dossier(SupplementPolicy.PAUSE, TimeLimit.same_day(None)))
    assert same.due == date(2025, 9, 8)  # requested after the same-day due: nothing paused
    months = engine.deadline(supplement_dossier(SupplementPolicy.PAUSE, TimeLimit.months(1)))
    assert months.due == date(2025, 10, 13)  # 2025-10-08 + 4 paused days = 10-12 (Sun) -> 10-13


def test_pause_with_nothing_left_is_due_on_supplement_day(engine: Engine) -> None:
    d = Dossier(
        "HS",
        proc(TimeLimit.working_days(3), supplement_policy=SupplementPolicy.PAUSE),
        [
            Received(datetime(2025, 9, 8, 9)),
            SupplementRequested(datetime(2025, 9, 11, 9)),  # the due date itself
            SupplementReceived(datetime(2025, 9, 13, 9)),  # a Saturday
        ],
    )
    assert engine.deadline(d).due == date(2025, 9, 15)


def test_late_request_pauses_nothing(engine: Engine) -> None:
    d = Dossier(
        "HS",
        proc(TimeLimit.working_days(2)),
        [
            Received(datetime(2025, 9, 8, 9)),
            SupplementRequested(datetime(2025, 9, 12, 9)),
            SupplementReceived(datetime(2025, 9, 15, 9)),
        ],
    )
    assert engine.deadline(d).due == date(2025, 9, 10)
    assert [a.kind for a in deadline(d).adjustments] == [AdjustmentKind.LATE_REQUEST]


def test_outstanding_request_stops_clock(engine: Engine) -> None:
    d = Dossier(
        "HS",
        proc(TimeLimit.working_days(10)),
        [Received(datetime(2025, 9, 8, 9)), SupplementRequested(datetime(2025, 9, 11, 9))],
    )
    dl = engine.deadline(d)
    assert dl.clock_stopped
    assert dl.due == date(2025, 9, 22)


def test_exclusions() -> None:
    events: list[Any] = [
        Received(datetime(2026, 3, 2, 9)),
        ExclusionStarted(datetime(2026, 3, 3, 9), reason="thực hiện nghĩa vụ tài chính"),
        ExclusionEnded(datetime(2026, 3, 6, 9)),
    ]
    dl = deadline(Dossier("HS", proc(TimeLimit.working_days(5)), events))
    assert dl.original_due == date(2026, 3, 9)
    assert dl.due == date(2026, 3, 12)  # 3 working days (4, 5, 6 March) excluded
    assert [a.kind for a in dl.adjustments] == [AdjustmentKind.EXCLUSION]
    open_ = deadline(Dossier("HS", proc(TimeLimit.working_days(5)), events[:2]))
    assert open_.clock_stopped
    days = deadline(Dossier("HS", proc(TimeLimit.days(10)), events))
    assert days.due == date(2026, 3, 16)  # 12 March + 3 days = Sun 15 -> Mon 16
    hours = deadline(Dossier("HS", proc(TimeLimit.working_hours(8)), events))
    assert hours.due_at == datetime(2026, 3, 6, 9)  # due 03-03 09:00 shifted by 24 h of work
    plain = deadline(Dossier("HS", proc(TimeLimit.hours(48)), events))
    assert plain.due_at == datetime(2026, 3, 7, 9)
    same_day = deadline(Dossier("HS", proc(TimeLimit.same_day(None)), events))
    assert same_day.due == date(2026, 3, 2)  # period began after the due date: nothing excluded
    zero = [
        Received(datetime(2026, 3, 2, 9)),
        ExclusionStarted(datetime(2026, 3, 2, 10), reason="x"),
        ExclusionEnded(datetime(2026, 3, 2, 11)),
    ]
    assert deadline(Dossier("HS", proc(TimeLimit.working_days(5)), zero)).due == date(2026, 3, 9)


def test_pause_after_exclusion_subtracts_excluded_days() -> None:
    d = Dossier(
        "HS",
        proc(TimeLimit.working_days(10), supplement_policy=SupplementPolicy.PAUSE),
        [
            Received(datetime(2026, 3, 2, 9)),
            ExclusionStarted(datetime(2026, 3, 3, 9), reason="x"),
            ExclusionEnded(datetime(2026, 3, 5, 9)),
            SupplementRequested(datetime(2026, 3, 6, 9)),
            SupplementReceived(datetime(2026, 3, 9, 9)),
        ],
    )
    # used = 4 working days (3..6 March) - 2 excluded = 2; 8 left from 9 March -> 19 March
    assert deadline(d).due == date(2026, 3, 19)


def test_apology_is_kept_apart(engine: Engine) -> None:
    d = Dossier(
        "HS",
        proc(TimeLimit.working_days(5)),
        [
            Received(datetime(2026, 2, 12, 9, 30)),
            Apologized(datetime(2026, 2, 24, 9), new_due=date(2026, 3, 3), reason="xác minh"),
            Apologized(datetime(2026, 2, 27, 9), new_due=date(2026, 3, 10), reason="again"),
        ],
    )
    dl = engine.deadline(d)
    assert dl.due == date(2026, 2, 26)
    assert dl.extended_due == date(2026, 3, 3)
    assert deadline(d).adjustments[-1].kind is AdjustmentKind.EXTENSION


def test_no_limit_and_channel_limit_and_hour_precision(engine: Engine) -> None:
    none = engine.deadline(
        Dossier("HS", proc(TimeLimit.none()), [Received(datetime(2026, 3, 2, 9))])
    )
    assert none.due is None
    assert none.original_due is None
    p = proc(
        TimeLimit.working_days(5),
        channel_time_limits={Channel.ONLINE: TimeLimit.working_days(3)},
        precision=Precision.HOUR,
    )
    online = Dossier("HS", p, [Received(datetime(2026, 3, 2, 9), channel=Channel.ONLINE)])
    assert engine.deadline(online).due_at == datetime(2026, 3, 5, 9)
    assert deadline(online).time_limit == TimeLimit.working_days(3)
    same = engine.deadline(
        Dossier(
            "HS",
            proc(TimeLimit.same_day(), precision=Precision.HOUR),
            [
                Received(datetime(2026, 3, 2, 9)),
                SupplementRequested(datetime(2026, 3, 2, 10)),
                SupplementReceived(datetime(2026, 3, 3, 16)),
            ],
        )
    )
    assert same.due_at == datetime(2026, 3, 4, 17)
    with pytest.raises(InvalidValueError):
        engine.deadline(
            Dossier("HS", proc(TimeLimit.days(3), precision=Precision.HOUR),
                    [Received(datetime(2026, 3, 2, 9))])
        )  # fmt: skip


def test_exclusion_with_hour_precision_and_bad_arguments() -> None:
    excluded = deadline(
        Dossier(
            "HS",
            proc(TimeLimit.same_day(), precision=Precision.HOUR),
            [
                Received(datetime(2026, 3, 2, 9)),
                ExclusionStarted(datetime(2026, 3, 2, 10), reason="x"),
                ExclusionEnded(datetime(2026, 3, 4, 10)),
            ],
        )
    )
    assert excluded.due_at == datetime(2026, 3, 4, 17)
    with pytest.raises(ArgumentTypeError):
        deadline("HS")  # type: ignore[arg-type]


def test_provisional_and_nd61(engine: Engine) -> None:
    late = engine.deadline(
        Dossier("HS", proc(TimeLimit.working_days(5)), [Received(datetime(2026, 12, 28, 9))])
    )
    assert late.provisional
    old = Dossier("HS", proc(TimeLimit.working_days(10)), [Received(datetime(2025, 6, 2, 9))])
    assert not engine.deadline(old).provisional
    assert deadline(old).rule_set is RuleSet.ND_61_2018


def test_aware_timeline(engine: Engine) -> None:
    utc = timezone.utc
    d = Dossier(
        "HS",
        proc(TimeLimit.working_days(5)),
        [Received(datetime(2026, 2, 12, 2, 30, tzinfo=utc))],  # 09:30 in Vietnam
    )
    assert engine.deadline(d).due == date(2026, 2, 26)


# -- properties --------------------------------------------------------------------------------

receipts = st.datetimes(datetime(2024, 1, 1), datetime(2026, 10, 31)).map(
    lambda dt: dt.replace(second=0, microsecond=0)
)


@settings(max_examples=60)
@given(
    received=receipts,
    n=st.integers(1, 30),
    request_after=st.integers(0, 40),
    wait=st.integers(0, 20),
)
def test_restart_ge_pause_ge_plain(
    engine: Engine, received: datetime, n: int, request_after: int, wait: int
) -> None:
    limit = TimeLimit.working_days(n)
    requested = received + timedelta(days=request_after)
    supplied = requested + timedelta(days=wait)
    plain = engine.deadline(Dossier("P", proc(limit), [Received(received)])).due
    dues = {}
    for policy in SupplementPolicy:
        events = [Received(received), SupplementRequested(requested), SupplementReceived(supplied)]
        dues[policy] = engine.deadline(
            Dossier("P", proc(limit, supplement_policy=policy), events)
        ).due
    assert plain is not None
    assert dues[SupplementPolicy.RESTART] >= dues[SupplementPolicy.PAUSE] >= plain  # type: ignore[operator]


@settings(max_examples=60)
@given(received=receipts, n=st.integers(1, 40))
def test_working_day_due_counts_n(received: datetime, n: int) -> None:
    due = due_date(received, TimeLimit.working_days(n))
    assert CAL.is_working_day(due)
    assert CAL.working_days_between(received.date(), due) == n


@settings(max_examples=60)
@given(received=receipts, n=st.integers(1, 60), unit=st.sampled_from(["days", "months"]))
def test_calendar_due_is_working_and_not_early(received: datetime, n: int, unit: str) -> None:
    limit = TimeLimit.days(n) if unit == "days" else TimeLimit.months(min(n, 12))
    due = due_date(received, limit)
    assert CAL.is_working_day(due)
    assert due > received.date()
    assert CAL.roll_backward(due - timedelta(days=1)) < due


def test_working_hours_with_three_sessions_end_in_the_first(engine: Engine) -> None:
    # Sessions 07:30-11:30, 13:00-15:00, 15:30-17:30 (08 working hours a day). 08 working hours
    # from Mon 02/03 09:00: 2.5 + 2 + 2 = 6.5 hours that day, the last 1.5 from 07:30 on Tue 03/03:
    # due 09:00, in the first session (not carried into a later one).
    from tthc.calendar import Session

    three = CAL.with_sessions(
        Session(time(7, 30), time(11, 30)),
        Session(time(13, 0), time(15, 0)),
        Session(time(15, 30), time(17, 30)),
    )
    p = Procedure("1.000894", "Thủ tục", "Hộ tịch", GovernmentLevel.COMMUNE,
                  TimeLimit.working_hours(8), precision=Precision.HOUR)  # fmt: skip
    dl = engine.deadline(Dossier("S3", p, [Received(datetime(2026, 3, 2, 9))]), calendar=three)
    assert dl.due_at == datetime(2026, 3, 3, 9)


def test_a_supplement_request_at_the_due_instant_restarts_the_clock(engine: Engine) -> None:
    # 08 working hours from Mon 02/03 09:00 are due Tue 03/03 09:00 (2.5 + 4 hours on Monday,
    # 1.5 from 07:30 on Tuesday). A request at exactly that instant is still in time (the due
    # instant is inside the limit, like a result at it), so the clock restarts when the
    # supplement comes, Wed 04/03 09:00: due Thu 05/03 09:00. One minute later it is not.
    p = Procedure("1.000894", "Thủ tục", "Hộ tịch", GovernmentLevel.COMMUNE,
                  TimeLimit.working_hours(8), precision=Precision.HOUR)  # fmt: skip

    def due_at(asked: datetime) -> datetime | None:
        events = [Received(datetime(2026, 3, 2, 9)), SupplementRequested(asked),
                  SupplementReceived(datetime(2026, 3, 4, 9))]  # fmt: skip
        return engine.deadline(Dossier("RQ", p, events)).due_at

    assert due_at(datetime(2026, 3, 3, 9)) == datetime(2026, 3, 5, 9)
    assert due_at(datetime(2026, 3, 3, 9, 1)) == datetime(2026, 3, 3, 9)


def test_a_paused_working_hour_clock_with_nothing_left(engine: Engine) -> None:
    # PAUSE, 08 working hours from Mon 02/03 09:00: due Tue 03/03 09:00. A request at exactly
    # that instant has used all 8 hours (in time, it pauses the clock); nothing is left, so the
    # result is due when the supplement comes, Wed 04/03 20:00 (not the next session, not a
    # microsecond later). A request at Tue 08:00 leaves 1 hour: from Thu 07:30, due 08:30.
    p = Procedure("1.000894", "Thủ tục", "Hộ tịch", GovernmentLevel.COMMUNE,
                  TimeLimit.working_hours(8), precision=Precision.HOUR,
                  supplement_policy=SupplementPolicy.PAUSE)  # fmt: skip

    def due_at(asked: datetime) -> datetime | None:
        events = [Received(datetime(2026, 3, 2, 9)), SupplementRequested(asked),
                  SupplementReceived(datetime(2026, 3, 4, 20))]  # fmt: skip
        return engine.deadline(Dossier("PZ", p, events)).due_at

    assert due_at(datetime(2026, 3, 3, 9)) == datetime(2026, 3, 4, 20)
    assert due_at(datetime(2026, 3, 3, 8)) == datetime(2026, 3, 5, 8, 30)


def test_a_paused_working_day_clock_of_hour_precision(engine: Engine) -> None:
    # PAUSE, 05 working days under Precision.HOUR, counted as 08 working hours a day from Mon
    # 02/03 09:00: 16 hours (2 days) used until the request, Wed 04/03 09:00; the supplement
    # comes Mon 09/03 09:00: 24 hours left, due Thu 12/03 at 09:00.
    p = Procedure("1.000894", "Thủ tục", "Hộ tịch", GovernmentLevel.COMMUNE,
                  TimeLimit.working_days(5), precision=Precision.HOUR,
                  supplement_policy=SupplementPolicy.PAUSE)  # fmt: skip
    events = [Received(datetime(2026, 3, 2, 9)), SupplementRequested(datetime(2026, 3, 4, 9)),
              SupplementReceived(datetime(2026, 3, 9, 9))]  # fmt: skip
    dl = engine.deadline(Dossier("PD", p, events))
    assert (dl.due, dl.due_at) == (date(2026, 3, 12), datetime(2026, 3, 12, 9))


# -- issue 13: every input outside the supported range is a tthc error ------------------------


@pytest.mark.parametrize(
    ("received", "limit", "message"),
    [
        (datetime(1900, 1, 1, 9), TimeLimit.hours(24), r"received: 1900-01-01 09:00:00 is outside"),
        (
            datetime(2040, 12, 31, 9),
            TimeLimit.hours(48),
            r"the due instant: 2041-01-02 09:00:00 is outside",
        ),
        (datetime(2026, 1, 1), TimeLimit.months(9999), "outside the calendar's range"),
        (datetime(2026, 1, 1), TimeLimit.days(9999), "outside the calendar's range"),
        (
            datetime.max.replace(tzinfo=timezone(timedelta(hours=-5))),
            TimeLimit.working_days(1),
            "received: 9999-12-31T23:59:59.999999-05:00 is outside the range of Vietnamese wall time",
        ),
    ],
)
def test_out_of_range_is_a_calendar_range_error(
    received: datetime, limit: TimeLimit, message: str
) -> None:
    with pytest.raises(CalendarRangeError, match=message):
        due_date(received, limit)


def test_nat_is_not_a_receipt() -> None:
    with pytest.raises(
        InvalidValueError, match="received: expected a datetime, got a missing value NaT"
    ):
        due_date(pd.NaT, TimeLimit.working_days(1))  # type: ignore[call-overload]


def test_a_timeline_date_outside_the_calendar_is_named_by_its_event() -> None:
    p = Procedure("1.001193", "x", "y", GovernmentLevel.COMMUNE, TimeLimit.none())
    late_apology = Dossier(
        "HS-9",
        p,
        [
            Received(datetime(2026, 1, 5, 9)),
            Apologized(datetime(2026, 1, 6, 9), new_due=date(2045, 1, 1), reason="x"),
        ],
    )
    with pytest.raises(CalendarRangeError, match=r"^Apologized.new_due: 2045-01-01 is outside"):
        deadline(late_apology)


# -- a day outside the calendar's range: both engines refuse it (issue 14) ----------------------
# The deadline needs every day of the timeline inside the calendar's range: the calendar cannot
# say whether a day outside it is a working or a provisional one. A calendar-day or month count
# would need only its last day, but the provisional flag spans them all. The batch engine once
# counted from a receipt before the range (found by the mutant x__check_end_in_range__mutmut_6).

MARCH_ONLY = WorkingCalendar((), date(2026, 3, 2), date(2026, 3, 31))  # no holiday in March 2026
_DAY_KINDS = {
    "working days": TimeLimit.working_days(3),
    "calendar days": TimeLimit.days(10),
    "months": TimeLimit.months(1),
    "no limit": TimeLimit.none(),
    "same day": TimeLimit.same_day(),
}
_HOUR_KINDS = {"hours": TimeLimit.hours(24), "working hours": TimeLimit.working_hours(8)}


def _march(limit: TimeLimit, *events: Any) -> Dossier:
    hour = limit.unit in (Unit.HOUR, Unit.WORKING_HOUR)
    p = proc(limit, precision=Precision.HOUR if hour else Precision.DAY)
    return Dossier("HS-R", p, list(events))


_OUTSIDE = {
    "received before the range": lambda: [Received(datetime(2026, 2, 27, 9))],
    "received after the range": lambda: [Received(datetime(2026, 4, 1, 9))],
    "apology new date after it": lambda: [
        Received(datetime(2026, 3, 2, 9)),
        Apologized(datetime(2026, 3, 3, 9), new_due=date(2026, 4, 15), reason="x"),
    ],
}


@pytest.mark.parametrize("limit", [*_DAY_KINDS.values(), *_HOUR_KINDS.values()],
                         ids=[*_DAY_KINDS, *_HOUR_KINDS])  # fmt: skip
@pytest.mark.parametrize("timeline", _OUTSIDE.values(), ids=list(_OUTSIDE))
def test_a_timeline_day_outside_the_calendar_is_refused(
    engine: Engine, limit: TimeLimit, timeline: Any
) -> None:
    d = _march(limit, *timeline())
    with pytest.raises(CalendarRangeError, match="outside the calendar's range"):
        engine.deadline(d, calendar=MARCH_ONLY)
    with pytest.raises(CalendarRangeError, match="outside the calendar's range"):
        engine.findings(d, calendar=MARCH_ONLY)


@pytest.mark.parametrize("limit", [*_DAY_KINDS.values(), *_HOUR_KINDS.values()],
                         ids=[*_DAY_KINDS, *_HOUR_KINDS])  # fmt: skip
def test_a_supplement_outside_the_calendar_is_refused(engine: Engine, limit: TimeLimit) -> None:
    d = _march(
        limit,
        Received(datetime(2026, 3, 2, 9)),
        SupplementRequested(datetime(2026, 3, 2, 10)),
        SupplementReceived(datetime(2026, 4, 2, 9)),
    )
    if limit.unit is Unit.NONE:  # no clock to stop: the supplement is not a day the count uses
        assert engine.deadline(d, calendar=MARCH_ONLY).due is None
        return
    with pytest.raises(CalendarRangeError, match="2026-04-02 is outside the calendar's range"):
        engine.deadline(d, calendar=MARCH_ONLY)


@pytest.mark.parametrize("hours", [14, 15])
def test_an_hour_count_ending_past_the_calendar_is_refused(engine: Engine, hours: int) -> None:
    # round-the-clock hours end without looking up a working day: the range is checked on its own
    d = _march(TimeLimit.hours(hours), Received(datetime(2026, 3, 31, 9)))
    if hours == 15:  # 2026-04-01 00:00
        with pytest.raises(CalendarRangeError, match="outside the calendar's range"):
            engine.deadline(d, calendar=MARCH_ONLY)
    else:
        assert engine.deadline(d, calendar=MARCH_ONLY).due_at == datetime(2026, 3, 31, 23)


@pytest.mark.parametrize(
    ("received", "limit", "due"),
    [
        (datetime(2026, 3, 21, 9), TimeLimit.days(10), date(2026, 3, 31)),  # ends on the last day
        (datetime(2026, 3, 2, 9), TimeLimit.days(29), date(2026, 3, 31)),
    ],
)
def test_a_count_ending_on_the_calendars_last_day_is_inside_it(
    engine: Engine, received: datetime, limit: TimeLimit, due: date
) -> None:
    assert engine.deadline(_march(limit, Received(received)), calendar=MARCH_ONLY).due == due


@pytest.mark.parametrize("limit", [TimeLimit.days(10), TimeLimit.months(1)], ids=["days", "months"])
def test_a_count_ending_past_the_calendars_last_day_names_its_start(
    engine: Engine, limit: TimeLimit
) -> None:
    d = _march(limit, Received(datetime(2026, 3, 23, 9)))
    with pytest.raises(CalendarRangeError, match=r"2026-03-23.*outside the calendar's range"):
        engine.deadline(d, calendar=MARCH_ONLY)


# ==== details that killed mutants of deadlines.py (docs/mutation.md) ====

# -- deadlines: restarts, pauses and exclusions (DOMAIN §4) ---------------------------------------

MON = datetime(2026, 3, 2, 9)  # March 2026 has no holiday


def _monday(limit: TimeLimit, *events: Any, pause: bool = False, **kwargs: Any) -> Dossier:
    policy = SupplementPolicy.PAUSE if pause else SupplementPolicy.RESTART
    p = proc(limit, supplement_policy=policy, **kwargs)
    return Dossier("HS-D", p, [Received(MON), *events])


def _deadline(limit: TimeLimit, *events: Any, pause: bool = False, **kwargs: Any) -> Deadline:
    return deadline(_monday(limit, *events, pause=pause, **kwargs))


def test_a_plain_date_is_read_as_midnight() -> None:
    # due_date's contract: a date is 00:00 of that day; 24 plain hours end at the next midnight
    at = due_date(date(2026, 3, 2), TimeLimit.hours(24), precision=Precision.HOUR)
    assert at == datetime(2026, 3, 3, 0, 0)
    with pytest.raises(
        ArgumentTypeError, match="^received: expected a datetime or a date, got str '2026-03-02'$"
    ):
        due_date("2026-03-02", TimeLimit.working_days(5))  # type: ignore[call-overload]


def test_restart_adjustment_records_the_due_before_and_after() -> None:
    # NĐ 118/2025 Điều 19 k5: the limit restarts from receipt of the supplement
    dl = _deadline(
        TimeLimit.working_days(5),
        SupplementRequested(datetime(2026, 3, 3, 9)),
        SupplementReceived(datetime(2026, 3, 5, 10)),
    )
    assert dl.adjustments == (
        Adjustment(
            AdjustmentKind.RESTART,
            datetime(2026, 3, 3, 9),
            datetime(2026, 3, 5, 10),
            date(2026, 3, 9),
            date(2026, 3, 12),
            "NĐ 118/2025/NĐ-CP, Điều 19 khoản 5",
        ),
    )


def test_an_exclusion_after_a_restart_extends_the_restarted_calendar_day_period() -> None:
    # 10 ngày restarted from Thu 05/03 end Sun 15/03; 3 excluded days -> Wed 18/03
    dl = _deadline(
        TimeLimit.days(10),
        SupplementRequested(datetime(2026, 3, 3, 9)),
        SupplementReceived(datetime(2026, 3, 5, 9)),
        ExclusionStarted(datetime(2026, 3, 6, 9), reason="x"),
        ExclusionEnded(datetime(2026, 3, 9, 9)),
    )
    assert dl.due == date(2026, 3, 18)


def test_two_pauses_add_up_in_plain_hours(engine: Engine) -> None:
    # 48 h: 12 h used before each request, 24 h left after the second supplement
    d = _monday(
        TimeLimit.hours(48),
        SupplementRequested(datetime(2026, 3, 2, 21)),
        SupplementReceived(datetime(2026, 3, 3, 9)),
        SupplementRequested(datetime(2026, 3, 3, 21)),
        SupplementReceived(datetime(2026, 3, 4, 9)),
        pause=True,
    )
    assert engine.deadline(d).due_at == datetime(2026, 3, 5, 9)
    assert {a.basis for a in deadline(d).adjustments} == {
        "SupplementPolicy.PAUSE (special law of the procedure)"
    }


def test_excluded_hours_are_not_used_time_of_a_pause() -> None:
    # 48 h; two excluded 2 h periods, request at 21:00: 12 h - 4 h = 8 h used, 40 h left
    dl = _deadline(
        TimeLimit.hours(48),
        ExclusionStarted(datetime(2026, 3, 2, 10), reason="x"),
        ExclusionEnded(datetime(2026, 3, 2, 12)),
        ExclusionStarted(datetime(2026, 3, 2, 13), reason="y"),
        ExclusionEnded(datetime(2026, 3, 2, 15)),
        SupplementRequested(datetime(2026, 3, 2, 21)),
        SupplementReceived(datetime(2026, 3, 3, 9)),
        pause=True,
    )
    assert dl.due_at == datetime(2026, 3, 5, 1)


def test_excluded_working_hours_are_not_used_time_of_a_pause() -> None:
    # 16 working hours; 09:00-14:00 is 3.5 working hours, 1 of them excluded: 2.5 used,
    # 13.5 left from Wed 04/03 09:00: 6.5 that day, 4 + 3 on Thu 05/03 -> 16:00
    dl = _deadline(
        TimeLimit.working_hours(16),
        ExclusionStarted(datetime(2026, 3, 2, 10), reason="x"),
        ExclusionEnded(datetime(2026, 3, 2, 11)),
        SupplementRequested(datetime(2026, 3, 2, 14)),
        SupplementReceived(datetime(2026, 3, 4, 9)),
        pause=True,
    )
    assert dl.due_at == datetime(2026, 3, 5, 16)


def test_two_pauses_add_up_in_working_days(engine: Engine) -> None:
    # 10 working days: 2 used (03, 04/03), then 2 more (09, 10/03); 6 left from Thu 12/03
    d = _monday(
        TimeLimit.working_days(10),
        SupplementRequested(datetime(2026, 3, 4, 9)),
        SupplementReceived(datetime(2026, 3, 6, 9)),
        SupplementRequested(datetime(2026, 3, 10, 9)),
        SupplementReceived(datetime(2026, 3, 12, 9)),
        pause=True,
    )
    assert engine.deadline(d).due == date(2026, 3, 20)


def test_two_excluded_periods_add_up_before_a_pause() -> None:
    # 10 working days; 1 + 1 excluded; request Mon 09/03: 5 - 2 = 3 used; 7 left from 11/03
    dl = _deadline(
        TimeLimit.working_days(10),
        ExclusionStarted(datetime(2026, 3, 3, 9), reason="x"),
        ExclusionEnded(datetime(2026, 3, 4, 9)),
        ExclusionStarted(datetime(2026, 3, 5, 9), reason="y"),
        ExclusionEnded(datetime(2026, 3, 6, 9)),
        SupplementRequested(datetime(2026, 3, 9, 9)),
        SupplementReceived(datetime(2026, 3, 11, 9)),
        pause=True,
    )
    assert dl.due == date(2026, 3, 20)


def test_an_exclusion_beginning_after_the_due_date_excludes_nothing() -> None:
    # 2 working days: due Wed 04/03; 2 days excluded -> Fri 06/03; a period from Mon 09/03
    # (after the due date) changes nothing
    start, end = datetime(2026, 3, 3, 9), datetime(2026, 3, 5, 9)
    dl = _deadline(
        TimeLimit.working_days(2),
        ExclusionStarted(start, reason="x"),
        ExclusionEnded(end),
        ExclusionStarted(datetime(2026, 3, 9, 9), reason="y"),
        ExclusionEnded(datetime(2026, 3, 10, 9)),
    )
    assert dl.due == date(2026, 3, 6)
    assert dl.adjustments == (
        Adjustment(
            AdjustmentKind.EXCLUSION,
            start,
            end,
            date(2026, 3, 4),
            date(2026, 3, 6),
            "the procedure's special law (excluded period)",
        ),
    )


class _NoOffset(tzinfo):
    """A tzinfo without an offset: by Python's definition the datetime stays naive."""

    def utcoffset(self, dt: datetime | None) -> None:
        return None

    def dst(self, dt: datetime | None) -> None:
        return None

    def tzname(self, dt: datetime | None) -> None:
        return None


def test_a_datetime_whose_tzinfo_has_no_offset_is_vietnamese_wall_time() -> None:
    cal = vietnam_calendar()
    at = datetime(2026, 3, 4, 16, 30, tzinfo=_NoOffset())
    assert cal.is_working_instant(at)  # 16:30 inside 13:00-17:00, whatever the machine's zone
    assert cal.working_time_between(datetime(2026, 3, 4, 16), at.replace(tzinfo=None)) == (
        timedelta(minutes=30)
    )


def test_rolling_back_before_the_first_working_day_names_a_zero_step() -> None:
    # 2000-01-01 is a Saturday and a holiday: no working day at or before it in the range
    with pytest.raises(
        CalendarRangeError, match=r"^\+0 working days from 2000-01-01 falls outside"
    ):
        vietnam_calendar().roll_backward(date(2000, 1, 1))


# -- deadlines / classify: recorded fields and argument messages ----------------------------------


def test_late_request_and_extension_adjustments_record_their_fields() -> None:
    # 2 working days from Mon 02/03: due Wed 04/03. A request on Thu 05/03 pauses nothing
    # (DOMAIN §4); the apology's new date is recorded apart (NĐ 118/2025 Điều 19 k6)
    request, apology = datetime(2026, 3, 5, 9), datetime(2026, 3, 3, 9)
    dl = _deadline(
        TimeLimit.working_days(2),
        Apologized(apology, new_due=date(2026, 3, 10), reason="xác minh"),
        SupplementRequested(request),
    )
    assert set(dl.adjustments) == {
        Adjustment(
            AdjustmentKind.LATE_REQUEST,
            request,
            None,
            date(2026, 3, 4),
            date(2026, 3, 4),
            "NĐ 118/2025/NĐ-CP, Điều 19 khoản 5",
        ),
        Adjustment(
            AdjustmentKind.EXTENSION,
            apology,
            None,
            date(2026, 3, 4),
            date(2026, 3, 10),
            "NĐ 118/2025/NĐ-CP, Điều 19 khoản 6",
        ),
    }


def test_pause_adjustment_records_request_supplement_and_dues() -> None:
    # PAUSE, 10 working days: 2 used (03, 04/03), 8 left from Fri 06/03 -> Wed 18/03
    dl = _deadline(
        TimeLimit.working_days(10),
        SupplementRequested(datetime(2026, 3, 4, 9)),
        SupplementReceived(datetime(2026, 3, 6, 9)),
        pause=True,
    )
    assert dl.adjustments == (
        Adjustment(
            AdjustmentKind.PAUSE,
            datetime(2026, 3, 4, 9),
            datetime(2026, 3, 6, 9),
            date(2026, 3, 16),
            date(2026, 3, 18),
            "SupplementPolicy.PAUSE (special law of the procedure)",
        ),
    )


def test_a_dossier_without_limit_still_reports_its_rules() -> None:
    dl = _deadline(TimeLimit.none())
    assert (dl.due, dl.due_at, dl.adjustments, dl.provisional) == (None, None, (), False)
    assert (dl.rule_set, dl.precision, dl.time_limit) == (
        RuleSet.ND_118_2025,
        Precision.DAY,
        TimeLimit.none(),
    )
    hour = _deadline(TimeLimit.working_days(1), precision=Precision.HOUR)
    assert (hour.precision, hour.due_at) == (Precision.HOUR, datetime(2026, 3, 3, 9))


def test_an_aware_receipt_counts_in_vietnamese_time() -> None:
    # 01:00 UTC is 08:00 in Việt Nam: 1 working hour -> 09:00 (+07:00) = 02:00 UTC
    at = due_date(
        datetime(2026, 3, 2, 1, tzinfo=timezone.utc),
        TimeLimit.working_hours(1),
        precision=Precision.HOUR,
    )
    assert at == datetime(2026, 3, 2, 2, tzinfo=timezone.utc)
    # plain hours round the clock, and the aware result comes back in Asia/Ho_Chi_Minh
    plain = due_date(
        datetime(2026, 3, 2, 1, tzinfo=timezone.utc), TimeLimit.hours(24), precision=Precision.HOUR
    )
    assert (plain.replace(tzinfo=None), plain.utcoffset()) == (
        datetime(2026, 3, 3, 8),
        timedelta(hours=7),
    )

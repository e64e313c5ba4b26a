"""Process control: each step of an interlinked dossier against its budget."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from outcome_samples import RECEIVED, proc
from tthc import (
    ArgumentTypeError,
    DayKind,
    Override,
    Session,
    vietnam_calendar,
)
from tthc.classification import Outcome
from tthc.events import (
    Received,
    StepCompleted,
)
from tthc.models import Dossier
from tthc.procedures import ProcessStep
from tthc.step_control import process_control
from tthc.timelimits import Precision, TimeLimit

STEPS = (
    ProcessStep("Thẩm định", "Sở A", TimeLimit.working_days(2)),
    ProcessStep("Ý kiến", "Sở B", TimeLimit.working_hours(4)),
    ProcessStep("Phê duyệt", "UBND tỉnh", TimeLimit.working_days(3)),
)


def test_process_control() -> None:
    p = proc(steps=STEPS)
    d = Dossier(
        "L",
        p,
        [
            Received(datetime(2026, 3, 2, 9)),
            StepCompleted(datetime(2026, 3, 3, 9), step="Thẩm định"),  # early
            StepCompleted(datetime(2026, 3, 3, 15), step="Ý kiến"),  # due 03-03 14:30: late
            StepCompleted(datetime(2026, 3, 9, 9), step="Phê duyệt"),  # due 03-06: late
        ],
    )
    reports = process_control(d)
    assert [(r.outcome, r.first_overrun) for r in reports] == [
        (Outcome.EARLY, False),
        (Outcome.LATE, True),
        (Outcome.LATE, False),
    ]
    assert reports[1].due_at == datetime(2026, 3, 3, 14, 30)
    assert reports[2].started == datetime(2026, 3, 3, 15)
    assert reports[2].due == date(2026, 3, 6)
    pending = process_control(Dossier("L", p, [Received(datetime(2026, 3, 2, 9))]))
    assert [r.completed for r in pending] == [None, None, None]
    assert pending[1].started == datetime(2026, 3, 4, 17)  # end of the first step's due day
    assert pending[1].due_at == datetime(2026, 3, 5, 11, 30)  # a session's end stays there
    assert pending[2].started == datetime(2026, 3, 5, 11, 30)
    on_time = Dossier(
        "L",
        p,
        [
            Received(datetime(2026, 3, 2, 9)),
            StepCompleted(datetime(2026, 3, 4, 16), step="Thẩm định"),
        ],
    )
    assert process_control(on_time)[0].outcome is Outcome.ON_TIME
    with pytest.raises(ArgumentTypeError):
        process_control("L")  # type: ignore[arg-type]


def test_process_control_uses_the_given_calendar() -> None:
    # a storm closure on Wed 25/02 moves the due date to Fri 27/02
    closure = Override(date(2026, 2, 25), DayKind.CLOSURE, "Bão", "QĐ 7/QĐ-UBND")
    local = vietnam_calendar().with_overrides(closure)
    steps = (ProcessStep("Thẩm định", "Sở A", TimeLimit.working_days(5)),)
    p = Dossier("L", proc(steps=steps), [Received(RECEIVED)])
    assert process_control(p)[0].due == date(2026, 2, 26)
    assert process_control(p, calendar=local)[0].due == date(2026, 2, 27)


def test_process_control_refuses_a_non_dossier_by_name() -> None:
    with pytest.raises(ArgumentTypeError, match="^process_control: expected a Dossier, got str$"):
        process_control("HS")  # type: ignore[arg-type]


# ==== details that killed mutants (of outcomes.py before its split; docs/mutation.md) ====


def test_process_control_reports_each_step() -> None:
    steps = (
        ProcessStep("Thẩm định", "Sở A", TimeLimit.working_days(2)),
        ProcessStep("Ý kiến", "Sở B", TimeLimit.working_hours(4)),
    )
    received = datetime(2026, 3, 2, 9)
    done = datetime(2026, 3, 3, 9)
    # 4 working hours from Tue 03/03 09:00 end at 14:30 (09:00-11:30, 13:00-14:30); a step
    # completed exactly at its due instant is on time
    d = Dossier(
        "L",
        proc(steps=steps),
        [
            Received(received),
            StepCompleted(done, step="Thẩm định"),
            StepCompleted(datetime(2026, 3, 3, 14, 30), step="Ý kiến"),
        ],
    )
    first, second = process_control(d)
    assert (first.step, first.agency, first.started, first.completed) == (
        "Thẩm định",
        "Sở A",
        received,
        done,
    )
    assert (first.due, first.due_at, first.outcome) == (date(2026, 3, 4), None, Outcome.EARLY)
    assert (second.step, second.agency, second.due_at) == (
        "Ý kiến",
        "Sở B",
        datetime(2026, 3, 3, 14, 30),
    )
    assert (second.outcome, second.first_overrun) == (Outcome.ON_TIME, False)
    pending = process_control(Dossier("L", proc(steps=steps), [Received(received)]))
    assert [r.outcome for r in pending] == [None, None]
    assert [r.completed for r in pending] == [None, None]


def test_process_control_under_hour_precision_gives_due_instants() -> None:
    # Precision.HOUR: 02 working days = 16 working hours from the receipt instant (DOMAIN §3)
    steps = (ProcessStep("Thẩm định", "Sở A", TimeLimit.working_days(2)),)
    p = proc(steps=steps, precision=Precision.HOUR)
    (report,) = process_control(Dossier("L", p, [Received(datetime(2026, 3, 2, 9))]))
    assert (report.due, report.due_at) == (date(2026, 3, 4), datetime(2026, 3, 4, 9))


def test_a_pending_step_hands_on_at_the_end_of_the_last_session() -> None:
    three = vietnam_calendar().with_sessions(
        Session(time(7, 30), time(11, 30)),
        Session(time(13, 0), time(15, 0)),
        Session(time(15, 30), time(17, 30)),
    )
    steps = (
        ProcessStep("Thẩm định", "Sở A", TimeLimit.working_days(2)),
        ProcessStep("Phê duyệt", "UBND tỉnh", TimeLimit.working_days(3)),
    )
    d = Dossier("L", proc(steps=steps), [Received(datetime(2026, 3, 2, 9))])
    _, second = process_control(d, calendar=three)
    assert second.started == datetime(2026, 3, 4, 17, 30)

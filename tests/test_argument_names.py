"""Every public calendar method, array function and deadline path names the public parameter a
bad value came in by: its name in the signature, never an internal one (issue 13, item 14).

The methods and their parameters are found by introspection, so a new method is checked too.
"""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta, timezone
from typing import Any

import numpy as np
import pandas as pd
import pytest

from tthc import batch
from tthc.batch import classify_frame, dossiers_to_frame
from tthc.breaches import findings
from tthc.calendar import WorkingCalendar, vietnam_calendar
from tthc.classification import classify
from tthc.columnar import report_frame
from tthc.deadlines import deadline, due_date
from tthc.errors import ArgumentTypeError, CalendarRangeError, TthcError
from tthc.models import Dossier, GovernmentLevel, Procedure, Received, SupplementRequested
from tthc.occasions import OccasionKind
from tthc.reports import ReportingPeriod
from tthc.step_control import process_control
from tthc.synthetic import generate_frame
from tthc.timelimits import Precision, TimeLimit, Unit

CAL = vietnam_calendar()
NOT_A_CALENDAR: Any = "vn"
HALF: Any = 1.5
IN_DAY = date(2026, 3, 4)
IN_MOMENT = datetime(2026, 3, 4, 9, 0)
GOOD: dict[object, object] = {
    date: IN_DAY,
    datetime: IN_MOMENT,
    int: 1,
    timedelta: timedelta(hours=1),
    OccasionKind: OccasionKind.NEW_YEAR,
}
# What a caller may pass by mistake, per annotated type.
BAD: dict[object, list[object]] = {
    date: [
        date(1990, 1, 1),
        date(2090, 1, 1),
        "2026-03-04",
        pd.NaT,
        IN_MOMENT,
        None,
    ],
    datetime: [
        datetime(1990, 1, 1, 9),
        datetime(2090, 1, 1, 9),
        datetime.max.replace(tzinfo=timezone(timedelta(hours=-5))),
        "9:00",
        pd.NaT,
        IN_DAY,
        None,
    ],
    int: ["3", 2.5, None],
    timedelta: ["1h", 3600, None],
    OccasionKind: ["NEW_YEAR", None],
}
_PUBLIC = [
    (name, member)
    for name, member in inspect.getmembers(WorkingCalendar, inspect.isfunction)
    if not name.startswith("_")
]


def _cases() -> list[Any]:
    cases = []
    for name, method in _PUBLIC:
        hints = typing.get_type_hints(method)
        params = [p for p in inspect.signature(method).parameters.values() if p.name != "self"]
        for p in params:
            if p.kind is p.VAR_POSITIONAL:
                cases.append(pytest.param(name, (), p.name, "a text", id=f"{name}-{p.name}-str"))
                continue
            for i, bad in enumerate(BAD[hints[p.name]]):
                args = tuple(bad if q is p else GOOD[hints[q.name]] for q in params)
                cases.append(pytest.param(name, args, p.name, bad, id=f"{name}-{p.name}-{i}"))
    return cases


def _run(call: Callable[..., object], *args: object) -> None:
    result = call(*args)
    if isinstance(result, Iterator):
        list(result)


def _names_parameter(message: str, parameter: str) -> bool:
    return any(message.startswith(parameter + sep) for sep in (":", "[", " ", "="))


@pytest.mark.parametrize(("method", "args", "parameter", "bad"), _cases())
def test_calendar_methods_name_the_parameter(
    method: str, args: tuple[object, ...], parameter: str, bad: object
) -> None:
    call = getattr(CAL, method)
    with pytest.raises(TthcError) as exc:
        _run(call, *(args or (bad,)))
    assert _names_parameter(str(exc.value), parameter), (method, parameter, str(exc.value))


def test_every_public_method_is_checked() -> None:
    checked = {c.values[0] for c in _cases()}
    no_arguments = {"latest_announcement", "provisional_spans"}
    assert checked | no_arguments == {name for name, _ in _PUBLIC}


def _days(*values: str) -> np.ndarray[Any, Any]:
    return np.array(values, dtype="datetime64[D]")


@pytest.mark.parametrize(
    ("call", "parameter"),
    [
        (lambda: batch.add_working_days(_days("1990-01-01"), 1), "dates"),
        (lambda: batch.add_working_days(_days("NaT"), 1), "dates"),
        (lambda: batch.add_working_days([IN_MOMENT], 1), "dates"),
        (lambda: batch.add_working_days(_days("2026-03-04"), HALF), "n"),
        (lambda: batch.add_working_days(_days("2026-03-04"), 1, NOT_A_CALENDAR), "calendar"),
        (lambda: batch.working_days_between(_days("1990-01-01"), _days("2026-03-04")), "start"),
        (lambda: batch.working_days_between(_days("2026-03-04"), _days("2090-01-01")), "end"),
        (lambda: batch.working_days_between("2026-03-04", _days("2026-03-04")), "start"),
        (lambda: batch.working_days_between(_days("2026-03-04"), [None]), "end"),
        (
            lambda: batch.working_days_between(
                _days("2026-03-04"), _days("2026-03-04"), NOT_A_CALENDAR
            ),
            "calendar",
        ),
        (lambda: batch.as_day_array("2026-03-04"), "dates"),
        (lambda: batch.as_day_array(pd.to_datetime(["2026-03-04"]).to_numpy()), "dates"),
    ],
)
def test_array_functions_name_the_parameter(call: Callable[[], object], parameter: str) -> None:
    with pytest.raises(TthcError) as exc:
        call()
    assert _names_parameter(str(exc.value), parameter), str(exc.value)


_RECEIVED_OUT = [
    datetime(1990, 1, 1, 9),
    datetime(2090, 1, 1, 9),
    date(1990, 1, 1),
    datetime.max.replace(tzinfo=timezone(timedelta(hours=-5))),
    datetime.min.replace(tzinfo=timezone(timedelta(hours=14))),
]
_LIMITS = [
    (TimeLimit.working_days(5), Precision.DAY),
    (TimeLimit.working_days(5), Precision.HOUR),
    (TimeLimit.days(15), Precision.DAY),
    (TimeLimit.months(1), Precision.DAY),
    (TimeLimit.same_day(), Precision.DAY),
    (TimeLimit.same_day(), Precision.HOUR),
    (TimeLimit.working_hours(8), Precision.DAY),
    (TimeLimit.hours(24), Precision.DAY),
]


@pytest.mark.parametrize("received", _RECEIVED_OUT)
@pytest.mark.parametrize(("limit", "precision"), _LIMITS)
def test_due_date_names_received(received: Any, limit: TimeLimit, precision: Precision) -> None:
    with pytest.raises(TthcError) as exc:
        due_date(received, limit, precision=precision)
    # calendar days and months need only their last day in the range (Điều 148)
    calendar_days = limit.unit in (Unit.DAY, Unit.MONTH)
    prefixes = ("received: ", "the due date: ") if calendar_days else ("received: ",)
    assert str(exc.value).startswith(prefixes), str(exc.value)


@pytest.mark.parametrize(("limit", "precision"), _LIMITS)
def test_due_date_past_the_range_names_the_due_date(limit: TimeLimit, precision: Precision) -> None:
    late = datetime(2040, 12, 31, 16, 0)
    big = {
        "working_day": TimeLimit.working_days(5),
        "day": TimeLimit.days(15),
        "month": TimeLimit.months(1),
        "same_day": TimeLimit.same_day(),
        "working_hour": TimeLimit.working_hours(16),
        "hour": TimeLimit.hours(24),
    }[limit.unit.value]
    with pytest.raises(TthcError) as exc:
        due_date(late + timedelta(hours=1), big, precision=precision)
    message = str(exc.value)
    assert not message.startswith(("d:", "a:", "b:", "dt", "day:", "start", "end:", "moment")), (
        message
    )
    assert "outside the calendar's range" in message


@pytest.mark.parametrize(
    ("kwargs", "parameter"),
    [
        ({"calendar": "vn"}, "calendar"),
        ({"precision": "day"}, "precision"),
    ],
)
def test_due_date_names_its_options(kwargs: dict[str, Any], parameter: str) -> None:
    with pytest.raises(TthcError) as exc:
        due_date(IN_MOMENT, TimeLimit.working_days(5), **kwargs)
    assert _names_parameter(str(exc.value), parameter), str(exc.value)


def _dossier(*events: Any) -> Dossier:
    procedure = Procedure(
        "1.000894",
        "Đăng ký kết hôn",
        "Hộ tịch",
        GovernmentLevel.COMMUNE,
        TimeLimit.working_days(10),
    )
    return Dossier("HS-1", procedure, list(events))


def test_deadline_past_the_range_names_the_dossier_and_the_due_date() -> None:
    late = _dossier(Received(datetime(2040, 12, 24, 9)))
    with pytest.raises(CalendarRangeError, match=r"^the due date of dossier 'HS-1' \(10 ngày"):
        deadline(late)
    outside = _dossier(
        Received(datetime(2040, 12, 3, 9)), SupplementRequested(datetime(2041, 1, 2))
    )
    with pytest.raises(CalendarRangeError, match=r"^SupplementRequested at 2041-01-02 00:00:00: "):
        deadline(outside)


@pytest.mark.parametrize(
    "call",
    [
        lambda: deadline(_dossier(Received(IN_MOMENT)), calendar=NOT_A_CALENDAR),
        lambda: due_date(IN_MOMENT, TimeLimit.working_days(5), calendar=NOT_A_CALENDAR),
        lambda: classify_frame(
            dossiers_to_frame([_dossier(Received(IN_MOMENT))]),
            as_of=IN_DAY,
            procedures=[_dossier(Received(IN_MOMENT)).procedure],
            calendar=NOT_A_CALENDAR,
        ),
        lambda: classify(_dossier(Received(IN_MOMENT)), as_of=IN_DAY, calendar=NOT_A_CALENDAR),
        lambda: findings(_dossier(Received(IN_MOMENT)), calendar=NOT_A_CALENDAR),
        lambda: process_control(_dossier(Received(IN_MOMENT)), calendar=NOT_A_CALENDAR),
        lambda: Received.from_submission(IN_MOMENT, calendar=NOT_A_CALENDAR),
        lambda: generate_frame(10, seed=1, calendar=NOT_A_CALENDAR),
        lambda: report_frame(
            dossiers_to_frame([_dossier(Received(IN_MOMENT))]),
            ReportingPeriod.year(2026),
            procedures=[_dossier(Received(IN_MOMENT)).procedure],
            calendar=NOT_A_CALENDAR,
        ),
    ],
)
def test_a_wrong_calendar_is_named(call: Callable[[], object]) -> None:
    with pytest.raises(ArgumentTypeError, match="^calendar: expected a WorkingCalendar or None"):
        call()

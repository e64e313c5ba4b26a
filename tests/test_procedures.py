"""Procedures and process steps: codes, fields, validation, precision (tthc.procedures)."""

from __future__ import annotations

from typing import Any

import pytest

from tthc.errors import (
    ArgumentTypeError,
    InvalidValueError,
)
from tthc.procedures import Procedure, ProcessStep
from tthc.services import Channel, GovernmentLevel, ServiceLevel
from tthc.timelimits import Precision, SupplementPolicy, TimeLimit

STEPS = (
    ProcessStep("A", "Sở A", TimeLimit.working_days(2)),
    ProcessStep("B", "UBND", TimeLimit.working_days(3)),
)


@pytest.mark.parametrize("code", ["1.001193", "1.000948.H38", "2.000815.000.00.00.H55"])
def test_codes_accepted(code: str) -> None:
    assert Procedure(code, "x", "y", GovernmentLevel.PROVINCE, TimeLimit.none()).code == code


@pytest.mark.parametrize("code", ["1001193", "1.00119", "1.001193.h38", "١.001193", "1.001193."])
def test_codes_refused(code: str) -> None:
    with pytest.raises(InvalidValueError, match="Procedure.code"):
        Procedure(code, "x", "y", GovernmentLevel.PROVINCE, TimeLimit.none())


def test_procedure_fields() -> None:
    p = Procedure(
        "1.000948.H38", "Tên", "Đất đai", GovernmentLevel.PROVINCE, TimeLimit.days(30),
        channel_time_limits=[(Channel.ONLINE, TimeLimit.days(20))],
        legal_basis="NĐ 101/2024/NĐ-CP",
        service_level=ServiceLevel.FULL, supplement_policy=SupplementPolicy.PAUSE,
        precision=Precision.DAY,
    )  # fmt: skip
    assert p.national_code == "1.000948"
    assert p.legal_basis == ("NĐ 101/2024/NĐ-CP",)
    assert p.time_limit_for(Channel.ONLINE) == TimeLimit.days(20)
    assert p.time_limit_for(Channel.IN_PERSON) == TimeLimit.days(30)
    with pytest.raises(ArgumentTypeError):
        p.time_limit_for("online")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"name": " "}, InvalidValueError),
        ({"name": 5}, ArgumentTypeError),
        ({"field": 5}, ArgumentTypeError),
        ({"code": 1.0}, ArgumentTypeError),
        ({"level": "commune"}, ArgumentTypeError),
        ({"time_limit": "05 ngày"}, ArgumentTypeError),
        ({"channel_time_limits": 5}, ArgumentTypeError),
        ({"channel_time_limits": [1]}, ArgumentTypeError),
        ({"channel_time_limits": [("online", TimeLimit.days(1))]}, ArgumentTypeError),
        ({"channel_time_limits": [(Channel.ONLINE, TimeLimit.days(1))] * 2}, InvalidValueError),
        ({"legal_basis": [""]}, InvalidValueError),
        ({"legal_basis": [5]}, ArgumentTypeError),
        ({"steps": [STEPS[0], STEPS[0]]}, InvalidValueError),
        ({"steps": ["A"]}, ArgumentTypeError),
        ({"service_level": 4}, ArgumentTypeError),
        ({"precision": "day"}, ArgumentTypeError),
    ],
)
def test_procedure_validation(kwargs: dict[str, Any], error: type[Exception]) -> None:
    base: dict[str, Any] = {
        "code": "1.000894", "name": "n", "field": "f", "level": GovernmentLevel.COMMUNE,
        "time_limit": TimeLimit.working_days(5),
    }  # fmt: skip
    with pytest.raises(error):
        Procedure(**{**base, **kwargs})


def test_step_budget_needs_due() -> None:
    with pytest.raises(InvalidValueError, match="step 'A'"):
        ProcessStep("A", "x", TimeLimit.none())


@pytest.mark.parametrize(
    ("limits", "field"),
    [
        ({"time_limit": TimeLimit.days(5)}, "time_limit"),
        ({"time_limit": TimeLimit.months(1)}, "time_limit"),
        (
            {
                "time_limit": TimeLimit.working_days(5),
                "channel_time_limits": {Channel.POSTAL: TimeLimit.days(7)},
            },
            r"channel_time_limits\[postal\]",
        ),
    ],
)
def test_hour_precision_refuses_day_and_month_limits(limits: dict[str, Any], field: str) -> None:
    limit = limits.pop("time_limit")
    with pytest.raises(InvalidValueError, match=rf"Procedure.{field}: Precision.HOUR needs"):
        Procedure(
            "1.001193", "x", "y", GovernmentLevel.COMMUNE, limit, precision=Precision.HOUR, **limits
        )


def test_hour_precision_refuses_a_day_limit_among_the_alternatives() -> None:
    from tthc.timelimits import Alternative, AlternativeKind

    case = Alternative("phải xác minh", TimeLimit.days(8), AlternativeKind.CONDITION)
    with pytest.raises(InvalidValueError, match=r"time_limit_alternatives\['phải xác minh'\]"):
        Procedure(
            "1.001193",
            "x",
            "y",
            GovernmentLevel.COMMUNE,
            TimeLimit.working_days(5),
            precision=Precision.HOUR,
            time_limit_alternatives=[case],
        )


def test_hour_precision_accepts_working_days_hours_and_same_day() -> None:
    for limit in (TimeLimit.working_days(2), TimeLimit.hours(24), TimeLimit.same_day()):
        p = Procedure(
            "1.001193", "x", "y", GovernmentLevel.COMMUNE, limit, precision=Precision.HOUR
        )
        assert p.precision is Precision.HOUR

"""Procedures, events and dossier timeline validation."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from tthc.errors import (
    ArgumentTypeError,
    InvalidTimelineError,
    InvalidValueError,
    TimelineTimezoneError,
    TimezoneError,
)
from tthc.models import (
    EVENT_TYPES,
    ND42_2022_FROM,
    ND43_2011_FROM,
    ND224_2026_FROM,
    Apologized,
    Channel,
    Closed,
    Dossier,
    ExclusionEnded,
    ExclusionStarted,
    GovernmentLevel,
    ProactiveLevel,
    Procedure,
    ProcessStep,
    Received,
    Refused,
    Resolved,
    Returned,
    ServiceLevel,
    StepCompleted,
    Stopped,
    Submitted,
    SupplementPolicy,
    SupplementReceived,
    SupplementRequested,
    Withdrawn,
)
from tthc.timelimits import Precision, TimeLimit

STEPS = (
    ProcessStep("A", "Sở A", TimeLimit.working_days(2)),
    ProcessStep("B", "UBND", TimeLimit.working_days(3)),
)
PROC = Procedure(
    "1.000894", "Đăng ký kết hôn", "Hộ tịch", GovernmentLevel.COMMUNE, TimeLimit.working_days(5),
    steps=STEPS,
)  # fmt: skip


def t(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 3, day, hour)


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


def test_enums_labels_and_levels() -> None:
    for enum_type in (GovernmentLevel, Channel, SupplementPolicy, ServiceLevel, ProactiveLevel):
        for member in enum_type:
            assert member.label_vi
            assert member.label_en
    assert GovernmentLevel.DISTRICT.is_valid_on(date(2025, 6, 30))
    assert not GovernmentLevel.DISTRICT.is_valid_on(date(2025, 7, 1))
    assert GovernmentLevel.COMMUNE.is_valid_on(date(2030, 1, 1))
    with pytest.raises(ArgumentTypeError):
        GovernmentLevel.COMMUNE.is_valid_on(datetime(2025, 1, 1))


def test_service_levels() -> None:
    assert ServiceLevel.LEVEL_3.to_nd42() is ServiceLevel.PARTIAL
    assert ServiceLevel.LEVEL_1.to_nd42() is ServiceLevel.INFORMATION
    assert ServiceLevel.FULL.to_nd42() is ServiceLevel.FULL
    assert ServiceLevel.LEVEL_4.decree == "NĐ 43/2011/NĐ-CP"
    assert ServiceLevel.PARTIAL.decree == "NĐ 42/2022/NĐ-CP"
    assert ServiceLevel.LEVEL_4.is_valid_on(date(2022, 7, 31))
    assert not ServiceLevel.LEVEL_4.is_valid_on(date(2022, 8, 1))
    assert not ServiceLevel.FULL.is_valid_on(date(2022, 7, 31))
    assert ServiceLevel.FULL.is_valid_on(date(2026, 1, 1))
    assert ServiceLevel.FULL.in_force_until is None


def test_service_levels_cite_the_decree_in_force_on_the_date() -> None:
    # NĐ 224/2026/NĐ-CP Điều 14 keeps toàn trình / một phần from 2026-07-01 (Điều 90 k1) and
    # repeals NĐ 42/2022 (Điều 90 k2b): the same word rests on different decrees
    for level in (ServiceLevel.FULL, ServiceLevel.PARTIAL):
        assert level.decree_on(date(2025, 9, 1)) == "NĐ 42/2022/NĐ-CP"
        assert level.decree_on(date(2026, 6, 30)) == "NĐ 42/2022/NĐ-CP"
        assert level.decree_on(date(2026, 7, 1)) == "NĐ 224/2026/NĐ-CP, Điều 14"
        assert level.in_force_from == ND42_2022_FROM
    # no information-only level in NĐ 224/2026 (information is Mục 1, Điều 10–13)
    assert ServiceLevel.INFORMATION.in_force_until == date(2026, 6, 30)
    assert ServiceLevel.INFORMATION.is_valid_on(date(2026, 6, 30))
    assert ServiceLevel.INFORMATION.decree_on(date(2026, 7, 1)) is None
    assert ServiceLevel.LEVEL_2.decree_on(date(2011, 8, 1)) == "NĐ 43/2011/NĐ-CP"
    assert ServiceLevel.LEVEL_2.decree_on(date(2011, 7, 31)) is None
    assert ServiceLevel.LEVEL_2.in_force_from == ND43_2011_FROM
    assert ServiceLevel.LEVEL_2.in_force_until == date(2022, 7, 31)
    with pytest.raises(ArgumentTypeError, match=r"ServiceLevel.decree_on\(d\)"):
        ServiceLevel.FULL.decree_on(datetime(2026, 7, 1))


def test_proactive_levels() -> None:
    # NĐ 224/2026/NĐ-CP Điều 16: four proactive levels, from 2026-07-01
    assert [p.value for p in ProactiveLevel] == [1, 2, 3, 4]
    assert ProactiveLevel.LEVEL_2.in_force_from == ND224_2026_FROM == date(2026, 7, 1)
    assert ProactiveLevel.LEVEL_2.decree_on(date(2026, 7, 1)) == (
        "NĐ 224/2026/NĐ-CP, Điều 16 khoản 2"
    )
    assert ProactiveLevel.LEVEL_2.decree_on(date(2026, 6, 30)) is None
    assert ProactiveLevel.LEVEL_3.is_valid_on(date(2027, 1, 1))
    assert ProactiveLevel.LEVEL_1.label_vi == (
        "Mức độ 1: dịch vụ công trực tuyến chủ động nhắc thực hiện"
    )
    assert ProactiveLevel.LEVEL_4.label_en.startswith("Proactive level 4: reminder, prepared")
    with pytest.raises(ArgumentTypeError, match=r"ProactiveLevel.decree_on\(d\)"):
        ProactiveLevel.LEVEL_1.is_valid_on(datetime(2026, 7, 1))


def test_event_date_only_source() -> None:
    assert Resolved.on(date(2026, 2, 26), digitally_signed=True) == Resolved(
        datetime(2026, 2, 26), digitally_signed=True
    )
    with pytest.raises(ArgumentTypeError, match=r"Received.on\(date\)"):
        Received(date(2026, 2, 12))  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError):
        Received("2026-02-12")  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError):
        Received.on(datetime(2026, 2, 12))


class _NoOffset(tzinfo):
    def utcoffset(self, dt: datetime | None) -> None:
        return None

    def dst(self, dt: datetime | None) -> None:
        return None

    def tzname(self, dt: datetime | None) -> str:
        return "none"


def test_event_validation() -> None:
    with pytest.raises(InvalidValueError, match="fully aware"):
        Received(datetime(2026, 3, 2, tzinfo=_NoOffset()))
    with pytest.raises(ArgumentTypeError):
        Received(t(2), channel="online")  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError):
        ExclusionStarted(t(2), reason="")
    with pytest.raises(ArgumentTypeError):
        Apologized(t(2), new_due=t(3), reason="x")
    with pytest.raises(ArgumentTypeError):
        Resolved(t(2), digitally_signed=1)  # type: ignore[arg-type]
    for kind in EVENT_TYPES:
        assert kind.label_vi
        assert kind.label_en
        assert kind.kind


def good_events() -> list[Any]:
    return [
        Submitted(t(2, 8)),
        Received(t(2, 10), channel=Channel.ONLINE),
        SupplementRequested(t(3), reason="thiếu giấy tờ"),
        SupplementReceived(t(4)),
        ExclusionStarted(t(5), reason="thẩm định"),
        ExclusionEnded(t(6)),
        StepCompleted(t(6, 10), step="A"),
        Apologized(t(9), new_due=date(2026, 3, 20), reason="chậm"),
        StepCompleted(t(10), step="B"),
        Resolved(t(11), digitally_signed=True),
        Returned(t(12)),
    ]


def test_valid_dossier_and_accessors() -> None:
    d = Dossier("HS-1", PROC, good_events(), agency="UBND xã")
    assert d.received.at == t(2, 10)
    assert d.submitted == Submitted(t(2, 8))
    assert d.channel is Channel.ONLINE
    assert isinstance(d.final_event, Resolved)
    assert not d.is_aware
    part = d.until(t(4))
    assert len(part.events) == 4
    assert part.final_event is None
    assert part.submitted is not None
    assert d.until(t(12)) is d  # nothing after the moment: the (immutable) dossier itself
    assert Dossier("x", PROC, [Received(t(2))]).submitted is None


def test_until_errors() -> None:
    d = Dossier("HS-1", PROC, [Received(t(2))])
    with pytest.raises(InvalidValueError):
        d.until(t(1))
    with pytest.raises(TimelineTimezoneError):
        d.until(t(3).replace(tzinfo=timezone.utc))
    with pytest.raises(ArgumentTypeError):
        d.until(date(2026, 3, 3))  # type: ignore[arg-type]


BAD_TIMELINES: list[tuple[list[Any], str]] = [
    ([], "at least a Received"),
    ([Received(t(3)), Resolved(t(2))], "precedes"),
    ([Received(t(2)), Received(t(3))], "exactly one Received"),
    ([Resolved(t(1)), Received(t(2))], "before the dossier was Received"),
    ([Submitted(t(1)), Submitted(t(1)), Received(t(2), channel=Channel.ONLINE)], "one Submitted"),
    ([Received(t(2)), Submitted(t(3))], "Submitted comes first"),
    ([Submitted(t(1)), Received(t(2))], "channel IN_PERSON"),
    ([Received(t(2)), SupplementReceived(t(3))], "without an outstanding"),
    ([Received(t(2)), SupplementRequested(t(3)), SupplementRequested(t(4))], "still outstanding"),
    ([Received(t(2)), SupplementRequested(t(3)), Resolved(t(4))], "still outstanding"),
    ([Received(t(2)), Closed(t(3))], "without an outstanding"),
    ([Received(t(2)), ExclusionEnded(t(3))], "without an open"),
    ([Received(t(2)), ExclusionStarted(t(3), reason="a"), ExclusionStarted(t(4), reason="b")],
     "still open"),
    ([Received(t(2)), Apologized(t(3), new_due=date(2026, 3, 3), reason="x")], "not after"),
    ([Received(t(2)), StepCompleted(t(3), step="Z")], "not a step"),
    ([Received(t(2)), StepCompleted(t(3), step="A"), StepCompleted(t(4), step="A")], "twice"),
    ([Received(t(2)), Returned(t(3))], "without a Resolved or Refused"),
    ([Received(t(2)), Withdrawn(t(3)), Returned(t(4))], "without a Resolved or Refused"),
    ([Received(t(2)), Resolved(t(3)), Refused(t(4))], "only Returned may follow"),
    ([Received(t(2)), Stopped(t(3)), Apologized(t(4), new_due=date(2026, 4, 1), reason="x")],
     "only Returned"),
    ([Received(t(2)), Refused(t(3)), Returned(t(4)), Returned(t(5))], "Returned is the last"),
]  # fmt: skip


@pytest.mark.parametrize(("events", "rule"), BAD_TIMELINES)
def test_bad_timelines(events: list[Any], rule: str) -> None:
    with pytest.raises(InvalidTimelineError, match=rule) as err:
        Dossier("HS-BAD", PROC, events)
    assert "dossier 'HS-BAD'" in str(err.value)


def test_error_message_names_events() -> None:
    with pytest.raises(InvalidTimelineError) as err:
        Dossier("HS-001", PROC, [Received(t(2)), Resolved(t(5)), Returned(t(4))])
    assert str(err.value) == (
        "Returned at 2026-03-04 09:00:00 precedes Resolved at 2026-03-05 09:00:00: events must "
        "be in order (dossier 'HS-001')"
    )


def test_mixed_naive_aware() -> None:
    vn = timezone(timedelta(hours=7))
    with pytest.raises(TimelineTimezoneError) as err:
        Dossier("HS-TZ", PROC, [Received(t(2)), Resolved(t(3).replace(tzinfo=vn))])
    assert isinstance(err.value, InvalidTimelineError)
    assert isinstance(err.value, TimezoneError)
    aware = Dossier("HS-A", PROC, [Received(t(2).replace(tzinfo=vn))])
    assert aware.is_aware


def test_dossier_type_checks() -> None:
    with pytest.raises(ArgumentTypeError):
        Dossier("x", PROC, [Received(t(2)), "Resolved"])
    with pytest.raises(ArgumentTypeError):
        Dossier("x", "proc", [Received(t(2))])  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError):
        Dossier("", PROC, [Received(t(2))])
    with pytest.raises(ArgumentTypeError):
        Dossier("x", PROC, [Received(t(2))], agency=5)
    with pytest.raises(ArgumentTypeError):
        Dossier("x", PROC, Received(t(2)))


# -- issue 13: invalid states cannot be built ------------------------------------------------

_PARIS = ZoneInfo("Europe/Paris")
_P = Procedure(
    "1.001193", "Đăng ký khai sinh", "Hộ tịch", GovernmentLevel.COMMUNE, TimeLimit.days(5)
)


def test_events_in_a_dst_fold_are_ordered_by_instant() -> None:
    # 2026-10-25 in Paris: 02:40 (first pass, UTC+2) is 00:40 UTC; 02:30 (second pass, UTC+1)
    # is 01:30 UTC, later, though its wall time is earlier.
    first = datetime(2026, 10, 25, 2, 40, fold=0, tzinfo=_PARIS)
    later = datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=_PARIS)
    d = Dossier("HS-1", _P, [Received(first), Resolved(later)])
    assert d.final_event is not None
    assert d.until(first).final_event is None
    assert d.until(later).final_event is not None
    assert d.until(later) is d
    with pytest.raises(InvalidTimelineError, match="precedes"):
        Dossier("HS-1", _P, [Received(later), Resolved(first)])
    with pytest.raises(InvalidValueError, match="received at"):
        d.until(first - timedelta(minutes=1))


@pytest.mark.parametrize("cls", [Submitted, Received, SupplementReceived, Resolved, Closed])
def test_nat_is_not_a_moment(cls: type[Any]) -> None:
    with pytest.raises(
        InvalidValueError, match=rf"{cls.__name__}.at: expected a datetime, got a missing value NaT"
    ):
        cls(pd.NaT)


def test_until_refuses_nat_and_unrepresentable_moments() -> None:
    d = Dossier("HS-1", _P, [Received(datetime(2026, 3, 2, 9))])
    with pytest.raises(InvalidValueError, match="Dossier.until: expected a datetime, got NaT"):
        d.until(pd.NaT)  # type: ignore[arg-type]
    aware = Dossier("HS-1", _P, [Received(datetime(2026, 3, 2, 9, tzinfo=timezone.utc))])
    with pytest.raises(InvalidValueError, match="between years 1 and 9999"):
        aware.until(datetime.max.replace(tzinfo=timezone(timedelta(hours=-5))))


@pytest.mark.parametrize(
    "at",
    [
        datetime(9999, 12, 31, 23, tzinfo=timezone(timedelta(hours=-5))),  # UTC overflows
        datetime(9999, 12, 31, 20, tzinfo=timezone.utc),  # Vietnamese time overflows
        datetime.min.replace(tzinfo=timezone(timedelta(hours=5))),
    ],
)
def test_aware_moments_outside_datetime_range_are_refused(at: datetime) -> None:
    with pytest.raises(InvalidValueError, match=r"Received.at: expected a moment whose UTC"):
        Received(at)


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


def test_text_keys_are_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "UBND xã Hòa Bình")
    assert nfd != "UBND xã Hòa Bình"
    step = ProcessStep(nfd, nfd, TimeLimit.working_days(1))
    p = Procedure(
        "1.001193", nfd, nfd, GovernmentLevel.COMMUNE, TimeLimit.working_days(3), steps=[step]
    )
    d = Dossier(
        nfd,
        p,
        [Received(datetime(2026, 3, 2, 9)), StepCompleted(datetime(2026, 3, 3, 9), step=nfd)],
        agency=nfd,
    )
    done = d.events[1]
    assert isinstance(done, StepCompleted)
    for text in (d.id, d.agency, p.name, p.field, step.name, step.agency, done.step):
        assert text == "UBND xã Hòa Bình"

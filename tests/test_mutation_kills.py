"""Tests added to kill surviving mutants of the opt-in mutation run (docs/mutation.md).

``vietnam_calendar()`` is cached and most test modules build it at import, before mutmut switches
a mutant on; these tests build a fresh one inside the test so that the loading code is exercised.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Any

import holidays
import pytest

from tthc import (
    CalendarRangeError,
    DateTypeError,
    DayInfo,
    DayKind,
    InvalidValueError,
    Override,
    OverrideConflictError,
    Session,
    TimelineTimezoneError,
    TimezoneError,
    WorkingCalendar,
    vietnam_calendar,
)
from tthc.calendar import DataOrigin, _default_calendar
from tthc.classify import FindingKind, Outcome, classify, findings, process_control
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
    Closed,
    Dossier,
    ExclusionEnded,
    ExclusionStarted,
    GovernmentLevel,
    Procedure,
    ProcessStep,
    Received,
    Refused,
    Resolved,
    StepCompleted,
    Submitted,
    SupplementPolicy,
    SupplementReceived,
    SupplementRequested,
)
from tthc.timelimits import Precision, TimeLimit


def test_a_fresh_default_calendar_equals_the_cached_one_with_named_sourced_days() -> None:
    fresh = _default_calendar.__wrapped__()
    cached = vietnam_calendar()
    assert fresh is not cached
    assert fresh == cached
    assert len(fresh.special_days) > 300
    version = getattr(holidays, "__version__", "?")
    for info in fresh.special_days:
        assert isinstance(info, DayInfo)
        assert isinstance(info.kind, DayKind)
        assert info.name_vi
        assert info.name_en
        assert info.source
        if info.origin is DataOrigin.HOLIDAYS_PACKAGE:
            assert f"holidays {version}" in info.source
        elif info.date.year > 2027:  # the 24/11 rule (Nghị quyết 28/2026/QH16)
            assert info.origin is DataOrigin.TTHC_RULE
            assert info.source.startswith("Nghị quyết 28/2026/QH16")
    by_date = {i.date: i for i in fresh.special_days}
    # holidays-package years: Tết Dương lịch is a HOLIDAY with its own names; a holiday on a
    # weekend gives a weekday COMPENSATORY day (BLLĐ 2019 Điều 112)
    new_year_2030 = by_date[date(2030, 1, 1)]
    assert new_year_2030.kind is DayKind.HOLIDAY
    assert new_year_2030.name_en != new_year_2030.name_vi
    assert any(i.kind is DayKind.COMPENSATORY and i.date.year > 2026 for i in fresh.special_days)
    assert all(i.date.weekday() < 5 for i in fresh.special_days if i.kind is DayKind.COMPENSATORY)
    # official table years: the 2026 swap of DOMAIN.md §2
    assert by_date[date(2026, 1, 2)].kind is DayKind.SWAP_DAY_OFF
    assert by_date[date(2026, 1, 10)].kind is DayKind.SWAP_WORKDAY


def test_provisional_starts_after_official_through() -> None:
    through = date(2026, 3, 4)
    cal = WorkingCalendar(
        special_days=[
            DayInfo(through, DayKind.HOLIDAY),
            DayInfo(through + timedelta(1), DayKind.HOLIDAY),
        ],
        first=date(2026, 1, 1),
        last=date(2026, 12, 31),
        provisional_after=through,
    )
    infos = cal.special_days_between(through, through + timedelta(days=1))
    assert [i.provisional for i in infos] == [False, True]
    assert cal.day_info(through).provisional is False
    assert cal.is_provisional(through) is False
    assert cal.is_provisional(through + timedelta(days=1)) is True


def test_a_session_needs_start_before_end() -> None:
    with pytest.raises(InvalidValueError, match="start < end"):
        Session(time(9), time(9))


def test_override_day_info_names_and_provisional_flag() -> None:
    through = date(2026, 3, 4)  # a Wednesday
    cal = WorkingCalendar(
        special_days=[], first=date(2026, 1, 1), last=date(2026, 12, 31), provisional_after=through
    )
    on = Override(through, DayKind.CLOSURE, "Bão số 3", "QĐ 12/QĐ-UBND")
    after = Override(through + timedelta(days=1), DayKind.CLOSURE, "Bão số 3", "QĐ 12/QĐ-UBND")
    local = cal.with_overrides(on, after)
    first, second = local.day_info(on.date), local.day_info(after.date)
    assert (first.name_vi, first.name_en, first.source) == ("Bão số 3", "Bão số 3", on.source)
    assert (first.provisional, second.provisional) == (False, True)


# -- calendar: holidays-package years (before 2020, after 2026) -----------------------------------


def test_package_years_have_bllđ_kinds_and_vietnamese_names() -> None:
    fresh = _default_calendar.__wrapped__()
    # 2019 (before tthc's official table): Giỗ Tổ 10/3 âm lịch fell on Sun 14/04, so Mon 15/04 is
    # nghỉ bù; the 2019 bridge was off Mon 29/04, worked Sat 04/05 (BLLĐ 2019 Điều 111–112, §2)
    assert fresh.day_info(date(2019, 4, 15)).kind is DayKind.COMPENSATORY
    assert fresh.day_info(date(2019, 4, 15)).name_vi.startswith("Ngày Giỗ Tổ Hùng Vương")
    assert fresh.day_info(date(2019, 4, 29)).kind is DayKind.SWAP_DAY_OFF
    assert fresh.day_info(date(2019, 5, 4)).kind is DayKind.SWAP_WORKDAY
    assert fresh.is_working_day(date(2019, 5, 4))
    assert not fresh.is_working_day(date(2019, 4, 29))
    reunification = fresh.day_info(date(2019, 4, 30))
    assert (reunification.kind, reunification.name_vi) == (DayKind.HOLIDAY, "Ngày Chiến thắng")
    # 2033: 1/1 is a Saturday, so Monday 03/01 is nghỉ bù; provisional (after official_through)
    new_year = fresh.day_info(date(2031, 1, 1))
    assert (new_year.kind, new_year.name_vi, new_year.provisional) == (
        DayKind.HOLIDAY,
        "Tết Dương lịch",
        True,
    )
    assert "New Year" in new_year.name_en
    observed = fresh.day_info(date(2033, 1, 3))
    assert observed.kind is DayKind.COMPENSATORY
    assert observed.name_vi.startswith("Tết Dương lịch")
    assert fresh.day_info(date(2030, 9, 2)).name_vi == "Quốc khánh"


# -- calendar: weekly-pattern labels and the messages users read ----------------------------------


def test_weekly_pattern_days_have_their_labels() -> None:
    cal = vietnam_calendar()
    saturday, wednesday = cal.day_info(date(2026, 3, 7)), cal.day_info(date(2026, 3, 4))
    assert (saturday.kind, saturday.name_vi, saturday.name_en) == (
        DayKind.WEEKEND,
        "Nghỉ hằng tuần",
        "Weekly rest day",
    )
    assert (wednesday.kind, wednesday.name_vi, wednesday.name_en) == (
        DayKind.WORKING,
        "Ngày làm việc",
        "Working day",
    )


OUT = date(1999, 12, 31)  # the day before the default calendar's range
IN = date(2026, 3, 4)
OUT_DT = datetime(1999, 12, 31, 9, 0)
IN_DT = datetime(2026, 3, 4, 9, 0)


@pytest.mark.parametrize(
    ("call", "prefix"),
    [
        (lambda c: c.working_days_between(OUT, IN), "a: 1999-12-31 is outside"),
        (lambda c: c.working_days_between(IN, OUT), "b: 1999-12-31 is outside"),
        (lambda c: c.special_days_between(OUT, IN), "start: 1999-12-31 is outside"),
        (lambda c: c.special_days_between(IN, OUT), "end: 1999-12-31 is outside"),
        (lambda c: list(c.working_days(OUT, IN)), "start: 1999-12-31 is outside"),
        (lambda c: list(c.working_days(IN, OUT)), "end: 1999-12-31 is outside"),
        (lambda c: c.is_working_day(OUT), "d: 1999-12-31 is outside"),
        (lambda c: c.add_working_time(OUT_DT, timedelta(hours=1)), "dt: 1999-12-31 is outside"),
        (lambda c: c.working_time_between(OUT_DT, IN_DT), "a: 1999-12-31 is outside"),
        (lambda c: c.working_time_between(IN_DT, OUT_DT), "b: 1999-12-31 is outside"),
    ],
)
def test_out_of_range_messages_name_the_argument_and_date(call: Any, prefix: str) -> None:
    with pytest.raises(CalendarRangeError) as exc:
        call(vietnam_calendar())
    assert str(exc.value).startswith(prefix)
    assert "2000-01-01..2040-12-31" in str(exc.value)


@pytest.mark.parametrize(
    ("call", "prefix"),
    [
        (lambda c: c.is_provisional("2026-03-04"), "d: expected a datetime.date, got str '2026"),
        (lambda c: c.is_working_day("2026-03-04"), "d: expected a datetime.date, got str"),
        (lambda c: c.add_working_days("2026-03-04", 1), "d: expected a datetime.date, got str"),
        (lambda c: c.add_working_days(IN, "3"), "n: expected an int, got str '3'"),
        (lambda c: c.is_working_instant("9:00"), "dt: expected a datetime, got str"),
        (lambda c: c.next_working_instant("9:00"), "dt: expected a datetime, got str"),
        (lambda c: c.working_time_between("9:00", IN_DT), "a: expected a datetime, got str"),
        (lambda c: c.working_time_between(IN_DT, "9:00"), "b: expected a datetime, got str"),
        (lambda c: c.with_sessions("07:30-11:30"), "sessions: expected Session values, got str"),
        (
            lambda _: Session("07:30", time(11, 30)),  # type: ignore[arg-type]
            "Session.start: expected a datetime.time, got str",
        ),
        (
            lambda _: Session(time(7, 30), "11:30"),  # type: ignore[arg-type]
            "Session.end: expected a datetime.time, got str",
        ),
        (
            lambda _: WorkingCalendar(
                special_days=["2026-03-04"], first=IN, last=IN, provisional_after=IN
            ),
            "special_days: expected DayInfo values, got str",
        ),
    ],
)
def test_type_messages_name_the_argument_and_what_was_passed(call: Any, prefix: str) -> None:
    with pytest.raises(DateTypeError) as exc:
        call(vietnam_calendar())
    assert str(exc.value).startswith(prefix)


def test_a_datetime_for_a_date_says_how_to_fix_it() -> None:
    with pytest.raises(
        DateTypeError, match=r"^d: .*; pass value\.date\(\) if the time of day does not matter$"
    ):
        vietnam_calendar().is_provisional(IN_DT)


def test_no_sessions_and_mixed_awareness_messages() -> None:
    cal = vietnam_calendar()
    with pytest.raises(
        InvalidValueError, match="^sessions: expected at least one Session, got none$"
    ):
        cal.with_sessions()
    aware = datetime(2026, 3, 4, 9, tzinfo=timezone.utc)
    with pytest.raises(
        TimezoneError, match=r"; expected both naive \(Vietnamese wall time\) or both aware$"
    ):
        cal.working_time_between(IN_DT, aware)


def test_results_past_the_range_name_the_operation() -> None:
    small = WorkingCalendar(
        special_days=[], first=date(2026, 3, 2), last=date(2026, 3, 6), provisional_after=IN
    )
    with pytest.raises(
        CalendarRangeError, match=r"^next working instant: the result falls outside"
    ):
        small.next_working_instant(datetime(2026, 3, 6, 18, 0))
    with pytest.raises(CalendarRangeError, match=r"^dt \+ delta: the result falls outside"):
        small.add_working_time(datetime(2026, 3, 6, 9, 0), timedelta(hours=9))


def test_override_messages_list_the_allowed_kinds_and_the_expected_day() -> None:
    with pytest.raises(
        InvalidValueError,
        match=(
            r"^Override\.kind: expected one of CLOSURE, COMPENSATORY, EXTRA_WORKDAY, HOLIDAY, "
            r"SWAP_DAY_OFF, SWAP_WORKDAY, got"
        ),
    ):
        Override(IN, DayKind.WORKING, "x", "y")
    cal = vietnam_calendar()
    saturday = date(2026, 3, 7)
    with pytest.raises(
        OverrideConflictError, match=r"already a day off \(WEEKEND\); expected a working day$"
    ):
        cal.with_overrides(Override(saturday, DayKind.CLOSURE, "Bão", "QĐ 1/QĐ-UBND"))
    with pytest.raises(
        OverrideConflictError, match=r"is a working day \(WORKING\); expected a non-working day$"
    ):
        cal.with_overrides(Override(IN, DayKind.EXTRA_WORKDAY, "Làm thêm", "QĐ 2/QĐ-UBND"))


# -- classify: findings name the events, the count and the legal basis ----------------------------

RECEIVED = datetime(2026, 2, 12, 9, 30)  # 05 working days -> due Thu 2026-02-26 (Tết 14-22 Feb off)


def _proc(limit: TimeLimit | None = None, **kwargs: Any) -> Procedure:
    level = kwargs.pop("level", GovernmentLevel.COMMUNE)
    limit = limit or TimeLimit.working_days(5)
    return Procedure("1.001193", "Thủ tục", "Hộ tịch", level, limit, **kwargs)


def _dossier(*events: Any, procedure: Procedure | None = None) -> Dossier:
    return Dossier("HS-K", procedure or _proc(), [Received(RECEIVED), *events])


def _found(d: Dossier, **kwargs: Any) -> list[tuple[FindingKind, str, str, datetime | None]]:
    return [(f.kind, f.message, f.basis, f.at) for f in findings(d, **kwargs)]


def test_supplement_findings_name_both_requests_and_the_basis() -> None:
    # NĐ 118/2025 Điều 19 k5: within 03 working days; Điều 11 k2c: only once. Wed 25/02 is the
    # 4th working day after Thu 12/02 (13/02, 23/02, 24/02, 25/02).
    first, second = datetime(2026, 2, 25), datetime(2026, 3, 2)
    d = _dossier(
        SupplementRequested(first),
        SupplementReceived(datetime(2026, 2, 26)),
        SupplementRequested(second),
        SupplementReceived(datetime(2026, 3, 3)),
    )
    late, once = "NĐ 118/2025/NĐ-CP, Điều 19 khoản 5", "NĐ 118/2025/NĐ-CP, Điều 11 khoản 2 điểm c"
    found = _found(d)
    assert found[0] == (
        FindingKind.SUPPLEMENT_REQUEST_LATE,
        "SupplementRequested at 2026-02-25 00:00:00 is 4 working days after Received at "
        "2026-02-12 09:30:00; expected within 03 working days",
        late,
        first,
    )
    assert found[1][0] is FindingKind.SUPPLEMENT_REQUEST_LATE
    assert found[2][0] is FindingKind.SUPPLEMENT_REQUESTED_AGAIN
    assert found[2][1] == (
        "SupplementRequested at 2026-03-02 00:00:00 follows SupplementRequested at "
        "2026-02-25 00:00:00; a supplement may be requested only once"
    )
    assert found[2][2].startswith(once)
    assert found[2][3] == second
    assert len(found) == 3


def test_apology_and_refusal_findings() -> None:
    apology = "NĐ 118/2025/NĐ-CP, Điều 19 khoản 6"
    late = _found(_dossier(Resolved(datetime(2026, 2, 27, 8))))
    assert late == [
        (
            FindingKind.LATE_WITHOUT_APOLOGY,
            "Resolved at 2026-02-27 08:00:00 is after the due date 2026-02-26 and no apology was "
            "sent",
            apology,
            datetime(2026, 2, 27, 8),
        )
    ]
    # a result any time on the due date is on time (BLDS Điều 148; DOMAIN §3)
    assert _found(_dossier(Resolved(datetime(2026, 2, 26, 23, 59)))) == []
    # that the dossier stays late against the original due date is tthc's reading, said so
    reading = (
        "; tthc judges the dossier against the original due date 2026-02-26 (tthc's reading: "
        "Điều 19 k6 allows one new date but does not say whether the dossier then stops being "
        "late)"
    )
    a1 = Apologized(datetime(2026, 2, 26), new_due=date(2026, 3, 3), reason="x")
    a2 = Apologized(datetime(2026, 2, 27), new_due=date(2026, 3, 5), reason="y")
    a3 = Apologized(datetime(2026, 3, 2), new_due=date(2026, 3, 9), reason="z")
    assert _found(_dossier(a1, a2, a3)) == [
        (
            FindingKind.APOLOGY_TOO_LATE,
            "Apologized at 2026-02-26 00:00:00 is later than 1 day before the due date 2026-02-26"
            + reading,
            apology,
            a1.at,
        ),
        (
            FindingKind.NEW_DATE_SET_AGAIN,
            "Apologized at 2026-02-27 00:00:00 sets another new date (2026-03-05) after "
            "Apologized at 2026-02-26 00:00:00 (2026-03-03); a new date may be set once" + reading,
            apology,
            a2.at,
        ),
        (
            FindingKind.NEW_DATE_SET_AGAIN,
            "Apologized at 2026-03-02 00:00:00 sets another new date (2026-03-09) after "
            "Apologized at 2026-02-26 00:00:00 (2026-03-03); a new date may be set once" + reading,
            apology,
            a3.at,
        ),
    ]
    refused = _found(_dossier(Refused(datetime(2026, 2, 27))))
    assert refused == [
        (
            FindingKind.REFUSAL_AFTER_DUE,
            "Refused at 2026-02-27 00:00:00 is after the due date 2026-02-26; a refusal is "
            "notified within the time limit",
            "NĐ 118/2025/NĐ-CP, Điều 19 khoản 3",
            datetime(2026, 2, 27),
        )
    ]


def test_online_acceptance_within_08_working_hours_is_no_finding() -> None:
    # Mon 02/03 08:00 -> Tue 03/03 08:00 is 3.5 h + 4 h + 0.5 h = 08 working hours: in time
    # (NĐ 118/2025 Điều 17 k2c); 08:30 is 8.5 h: late
    sub = Submitted(datetime(2026, 3, 2, 8))
    exact = Received(datetime(2026, 3, 3, 8), channel=Channel.ONLINE)
    assert _found(Dossier("O", _proc(), [sub, exact])) == []
    late = Received(datetime(2026, 3, 3, 8, 30), channel=Channel.ONLINE)
    signed_no = Resolved(datetime(2026, 3, 4), digitally_signed=False)
    assert _found(Dossier("O", _proc(), [sub, late, signed_no])) == [
        (
            FindingKind.ONLINE_ACCEPTANCE_LATE,
            "Received at 2026-03-03 08:30:00 is 8.5 working hours after Submitted at "
            "2026-03-02 08:00:00; expected acceptance or a correction request within 08 (the "
            "dossier was accepted late)",
            "NĐ 118/2025/NĐ-CP, Điều 17 khoản 2 điểm c",
            late.at,
        ),
        (
            FindingKind.RESULT_NOT_DIGITALLY_SIGNED,
            "Resolved at 2026-03-04 00:00:00 was not digitally signed",
            "NĐ 118/2025/NĐ-CP, Điều 22 khoản 1",
            signed_no.at,
        ),
    ]


def test_closing_15_days_after_the_notice_is_no_finding() -> None:
    # NĐ 118/2025 Điều 19 k5: the applicant has 15 days from the notice
    notice = SupplementRequested(datetime(2026, 2, 13))
    assert _found(_dossier(notice, Closed(datetime(2026, 2, 28)))) == []
    assert _found(_dossier(notice, Closed(datetime(2026, 2, 27)))) == [
        (
            FindingKind.CLOSED_TOO_EARLY,
            "Closed at 2026-02-27 00:00:00 is 14 days after SupplementRequested at "
            "2026-02-13 00:00:00; expected at least 15",
            "NĐ 118/2025/NĐ-CP, Điều 19 khoản 5",
            datetime(2026, 2, 27),
        )
    ]


def test_district_finding_names_the_procedure_and_the_reform_date() -> None:
    at = datetime(2025, 7, 1, 9)
    district = _proc(level=GovernmentLevel.DISTRICT)
    assert _found(Dossier("D", district, [Received(at)])) == [
        (
            FindingKind.DISTRICT_LEVEL_AFTER_REFORM,
            "procedure 1.001193 is at district level but Received at 2025-07-01 09:00:00 is on "
            "or after 2025-07-01",
            "NĐ 118/2025/NĐ-CP, Điều 7; Luật Tổ chức chính quyền địa phương 2025",
            at,
        )
    ]


def test_findings_and_process_control_use_the_given_calendar() -> None:
    # a storm closure on Wed 25/02 moves the due date to Fri 27/02
    closure = Override(date(2026, 2, 25), DayKind.CLOSURE, "Bão", "QĐ 7/QĐ-UBND")
    local = vietnam_calendar().with_overrides(closure)
    d = _dossier(Resolved(datetime(2026, 2, 27, 9), digitally_signed=True))
    assert [f.kind for f in findings(d)] == [FindingKind.LATE_WITHOUT_APOLOGY]
    assert findings(d, calendar=local) == ()
    steps = (ProcessStep("Thẩm định", "Sở A", TimeLimit.working_days(5)),)
    p = Dossier("L", _proc(steps=steps), [Received(RECEIVED)])
    assert process_control(p)[0].due == date(2026, 2, 26)
    assert process_control(p, calendar=local)[0].due == date(2026, 2, 27)


def test_findings_and_process_control_refuse_a_non_dossier_by_name() -> None:
    with pytest.raises(DateTypeError, match="^findings: expected a Dossier, got str$"):
        findings("HS")  # type: ignore[arg-type]
    with pytest.raises(DateTypeError, match="^process_control: expected a Dossier, got str$"):
        process_control("HS")  # type: ignore[arg-type]


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
        _proc(steps=steps),
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
    pending = process_control(Dossier("L", _proc(steps=steps), [Received(received)]))
    assert [r.outcome for r in pending] == [None, None]
    assert [r.completed for r in pending] == [None, None]


def test_process_control_under_hour_precision_gives_due_instants() -> None:
    # Precision.HOUR: 02 working days = 16 working hours from the receipt instant (DOMAIN §3)
    steps = (ProcessStep("Thẩm định", "Sở A", TimeLimit.working_days(2)),)
    p = _proc(steps=steps, precision=Precision.HOUR)
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
    d = Dossier("L", _proc(steps=steps), [Received(datetime(2026, 3, 2, 9))])
    _, second = process_control(d, calendar=three)
    assert second.started == datetime(2026, 3, 4, 17, 30)


def test_a_result_at_the_due_instant_is_not_late_under_hour_precision() -> None:
    # 08 working hours from Mon 02/03 09:00 end Tue 03/03 09:00 (Precision.HOUR, DOMAIN §3)
    p = _proc(TimeLimit.working_hours(8), precision=Precision.HOUR)
    at_due = Resolved(datetime(2026, 3, 3, 9), digitally_signed=True)
    assert findings(Dossier("H", p, [Received(datetime(2026, 3, 2, 9)), at_due])) == ()
    after = Resolved(datetime(2026, 3, 3, 9, 0, 1), digitally_signed=True)
    found = findings(Dossier("H", p, [Received(datetime(2026, 3, 2, 9)), after]))
    assert [f.kind for f in found] == [FindingKind.LATE_WITHOUT_APOLOGY]


# -- deadlines: restarts, pauses and exclusions (DOMAIN §4) ---------------------------------------

MON = datetime(2026, 3, 2, 9)  # March 2026 has no holiday


def _deadline(limit: TimeLimit, *events: Any, pause: bool = False, **kwargs: Any) -> Deadline:
    policy = SupplementPolicy.PAUSE if pause else SupplementPolicy.RESTART
    p = _proc(limit, supplement_policy=policy, **kwargs)
    return deadline(Dossier("HS-D", p, [Received(MON), *events]))


def test_a_plain_date_is_read_as_midnight() -> None:
    # due_date's contract: a date is 00:00 of that day; 24 plain hours end at the next midnight
    at = due_date(date(2026, 3, 2), TimeLimit.hours(24), precision=Precision.HOUR)
    assert at == datetime(2026, 3, 3, 0, 0)
    with pytest.raises(
        DateTypeError, match="^received: expected a datetime or a date, got str '2026-03-02'$"
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


def test_two_pauses_add_up_in_plain_hours() -> None:
    # 48 h: 12 h used before each request, 24 h left after the second supplement
    dl = _deadline(
        TimeLimit.hours(48),
        SupplementRequested(datetime(2026, 3, 2, 21)),
        SupplementReceived(datetime(2026, 3, 3, 9)),
        SupplementRequested(datetime(2026, 3, 3, 21)),
        SupplementReceived(datetime(2026, 3, 4, 9)),
        pause=True,
    )
    assert dl.due_at == datetime(2026, 3, 5, 9)
    assert {a.basis for a in dl.adjustments} == {
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


def test_two_pauses_add_up_in_working_days() -> None:
    # 10 working days: 2 used (03, 04/03), then 2 more (09, 10/03); 6 left from Thu 12/03
    dl = _deadline(
        TimeLimit.working_days(10),
        SupplementRequested(datetime(2026, 3, 4, 9)),
        SupplementReceived(datetime(2026, 3, 6, 9)),
        SupplementRequested(datetime(2026, 3, 10, 9)),
        SupplementReceived(datetime(2026, 3, 12, 9)),
        pause=True,
    )
    assert dl.due == date(2026, 3, 20)


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


def _bad(value: object) -> Any:
    """A wrongly typed argument, as untyped callers pass them."""
    return value


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: deadline(_bad("HS")), "deadline: expected a Dossier, got str"),
        (
            lambda: rule_set_for(_bad("2026-03-02")),
            "rule_set_for: expected a date, got str '2026-03-02'",
        ),
        (
            lambda: due_date(MON, TimeLimit.working_days(1), precision=_bad("DAY")),
            "precision: expected a Precision, got str 'DAY'",
        ),
        (
            lambda: due_date(MON, _bad("5 ngày")),
            "time_limit: expected a TimeLimit, got str '5 ngày'",
        ),
        (lambda: classify(_bad("HS"), as_of=MON), "classify: expected a Dossier, got str"),
        (
            lambda: classify(_dossier(), as_of=_bad("2026-03-02")),
            "classify: as_of expected a date or a datetime, got str '2026-03-02'",
        ),
        (
            lambda: classify(_dossier(), as_of=MON, due_soon=_bad("1")),
            "classify: due_soon expected an int, got '1'",
        ),
    ],
)
def test_argument_type_messages(call: Any, message: str) -> None:
    with pytest.raises(DateTypeError) as exc:
        call()
    assert str(exc.value) == message


def test_argument_value_messages() -> None:
    with pytest.raises(
        InvalidValueError, match="^classify: due_soon expected >= 0 working days, got -1$"
    ):
        classify(_dossier(), as_of=MON, due_soon=-1)
    with pytest.raises(
        InvalidValueError,
        match=r"\(calendar days and months end at 24:00 of a day; use Precision\.DAY\)$",
    ):
        due_date(MON, TimeLimit.days(10), precision=Precision.HOUR)
    # due_soon=0 is allowed: only a dossier due today is "due soon"
    assert classify(_dossier(), as_of=datetime(2026, 2, 26, 9), due_soon=0).due_soon is True
    aware = datetime(2026, 3, 2, 9, tzinfo=timezone.utc)
    with pytest.raises(
        TimelineTimezoneError,
        match="^classify: as_of 2026-03-02T09:00:00[+]00:00 is aware but the timeline of dossier "
        "'HS-K' is naive$",
    ):
        classify(_dossier(), as_of=aware)
    aware_dossier = Dossier("HS-A", _proc(), [Received(aware)])
    with pytest.raises(
        TimelineTimezoneError,
        match="^classify: as_of 2026-03-09T09:00:00 is naive but the timeline of dossier "
        "'HS-A' is aware$",
    ):
        classify(aware_dossier, as_of=datetime(2026, 3, 9, 9))


def test_classification_keeps_the_new_date_met_on_that_day_and_its_inputs() -> None:
    # apology before the due date with new date Tue 03/03; result on 03/03: LATE against the
    # original due (26/02) but the new date was kept (NĐ 118/2025 Điều 19 k6; DOMAIN §4)
    apology = Apologized(datetime(2026, 2, 24, 9), new_due=date(2026, 3, 3), reason="x")
    d = _dossier(apology, Resolved(datetime(2026, 3, 3, 16)))
    as_of = datetime(2026, 3, 31, 12)
    c = classify(d, as_of=as_of)
    assert (c.outcome, c.new_due_kept, c.as_of, c.due_at) == (Outcome.LATE, True, as_of, None)
    assert c.deadline == deadline(d)
    p = _proc(TimeLimit.working_hours(8), precision=Precision.HOUR)
    hour = classify(Dossier("H", p, [Received(MON)]), as_of=as_of)
    assert hour.due_at == datetime(2026, 3, 3, 9)


def test_microseconds_count_in_sessions_and_instants() -> None:
    assert Session(time(7, 30), time(11, 30, 0, 500_000)).duration == timedelta(
        hours=4, microseconds=500_000
    )
    cal = vietnam_calendar()
    assert cal.is_working_instant(datetime(2026, 3, 4, 7, 30, 0, 1))
    assert not cal.is_working_instant(
        datetime(2026, 3, 4, 11, 29, 59, 999_999) + timedelta(microseconds=1)
    )

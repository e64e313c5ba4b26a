"""Classification (DOMAIN.md §7.8), findings, process control, and their properties."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tthc.classify import FindingKind, Outcome, classify, findings, process_control
from tthc.errors import DateTypeError, InvalidValueError, TimelineTimezoneError, TimezoneError
from tthc.models import (
    Apologized,
    Channel,
    Closed,
    Dossier,
    GovernmentLevel,
    Procedure,
    ProcessStep,
    Received,
    Refused,
    Resolved,
    StepCompleted,
    Stopped,
    Submitted,
    SupplementReceived,
    SupplementRequested,
    Withdrawn,
)
from tthc.timelimits import Precision, TimeLimit

RECEIVED = datetime(2026, 2, 12, 9, 30)  # 5 working days -> due Thu 2026-02-26 (§7.1)


def proc(limit: TimeLimit | None = None, **kwargs: Any) -> Procedure:
    return Procedure(
        "1.001193", "Thủ tục", "Hộ tịch", kwargs.pop("level", GovernmentLevel.COMMUNE),
        limit or TimeLimit.working_days(5), **kwargs,
    )  # fmt: skip


def dossier(*events: Any, procedure: Procedure | None = None) -> Dossier:
    return Dossier("HS-8", procedure or proc(), [Received(RECEIVED), *events])


# DOMAIN.md §7, example 8
@pytest.mark.parametrize(
    ("resolved", "outcome", "late"),
    [
        (datetime(2026, 2, 25, 10), Outcome.EARLY, 0),
        (datetime(2026, 2, 26, 16, 45), Outcome.ON_TIME, 0),
        (datetime(2026, 2, 27, 8), Outcome.LATE, 1),
        (datetime(2026, 3, 3, 8), Outcome.LATE, 3),
    ],
)
def test_example_8_finished(resolved: datetime, outcome: Outcome, late: int) -> None:
    c = classify(dossier(Resolved(resolved)), as_of=date(2026, 12, 31))
    assert c.outcome is outcome
    assert c.due == date(2026, 2, 26)
    assert c.finished == resolved
    assert c.working_days_late == late
    assert not c.due_soon


@pytest.mark.parametrize(
    ("as_of", "outcome", "soon", "late"),
    [
        (date(2026, 2, 26), Outcome.WITHIN_TIME, True, 0),
        (date(2026, 2, 27), Outcome.OVERDUE, False, 1),
        (date(2026, 2, 24), Outcome.WITHIN_TIME, False, 0),
        (date(2026, 2, 25), Outcome.WITHIN_TIME, True, 0),
        (datetime(2026, 2, 26, 23, 59), Outcome.WITHIN_TIME, True, 0),
    ],
)
def test_example_8_open(as_of: date, outcome: Outcome, soon: bool, late: int) -> None:
    c = classify(dossier(), as_of=as_of)
    assert c.outcome is outcome
    assert c.due_soon is soon
    assert c.working_days_late == late
    assert c.finished is None


def test_finished_after_as_of_is_open() -> None:
    d = dossier(Resolved(datetime(2026, 2, 27, 8)))
    assert classify(d, as_of=date(2026, 2, 26)).outcome is Outcome.WITHIN_TIME
    assert classify(d, as_of=datetime(2026, 2, 27, 7)).outcome is Outcome.OVERDUE
    assert classify(d, as_of=datetime(2026, 2, 27, 8)).outcome is Outcome.LATE


@pytest.mark.parametrize("final", [Withdrawn, Stopped])
def test_not_classified(final: Any) -> None:
    c = classify(dossier(final(datetime(2026, 2, 27))), as_of=date(2026, 3, 31))
    assert c.outcome is Outcome.NOT_CLASSIFIED
    assert c.finished is None
    closed = dossier(SupplementRequested(datetime(2026, 2, 13)), Closed(datetime(2026, 3, 2)))
    assert classify(closed, as_of=date(2026, 3, 31)).outcome is Outcome.NOT_CLASSIFIED


def test_refused_is_classified() -> None:
    c = classify(dossier(Refused(datetime(2026, 2, 20))), as_of=date(2026, 3, 31))
    assert c.outcome is Outcome.EARLY


def test_apology_keeps_late_and_reports_new_date() -> None:
    apology = Apologized(datetime(2026, 2, 24), new_due=date(2026, 3, 3), reason="xác minh")
    kept = classify(dossier(apology, Resolved(datetime(2026, 3, 2))), as_of=date(2026, 3, 31))
    assert kept.outcome is Outcome.LATE
    assert kept.new_due_kept is True
    missed = classify(dossier(apology, Resolved(datetime(2026, 3, 4))), as_of=date(2026, 3, 31))
    assert missed.new_due_kept is False
    assert classify(dossier(apology), as_of=date(2026, 3, 2)).new_due_kept is None
    assert classify(dossier(apology), as_of=date(2026, 3, 4)).new_due_kept is False
    assert classify(dossier(), as_of=date(2026, 3, 4)).new_due_kept is None


def test_clock_stopped_and_no_limit() -> None:
    waiting = dossier(SupplementRequested(datetime(2026, 2, 13)))
    c = classify(waiting, as_of=date(2026, 6, 1))
    assert c.outcome is Outcome.WITHIN_TIME
    assert not c.due_soon
    none = proc(TimeLimit.none())
    assert classify(dossier(procedure=none), as_of=date(2026, 6, 1)).outcome is Outcome.WITHIN_TIME
    done = dossier(Resolved(datetime(2026, 6, 1)), procedure=none)
    assert classify(done, as_of=date(2026, 6, 1)).outcome is Outcome.ON_TIME


def test_hour_precision() -> None:
    p = proc(TimeLimit.working_hours(40), precision=Precision.HOUR)
    start = datetime(2026, 3, 2, 9)

    def outcome(resolved: datetime) -> Outcome:
        d = Dossier("H", p, [Received(start), Resolved(resolved)])
        return classify(d, as_of=date(2026, 12, 31)).outcome

    assert outcome(datetime(2026, 3, 9, 9)) is Outcome.ON_TIME
    assert outcome(datetime(2026, 3, 9, 9, 1)) is Outcome.LATE
    assert outcome(datetime(2026, 3, 6, 9)) is Outcome.EARLY
    open_ = Dossier("H", p, [Received(start)])
    assert classify(open_, as_of=datetime(2026, 3, 9, 9)).outcome is Outcome.WITHIN_TIME
    assert classify(open_, as_of=datetime(2026, 3, 9, 9, 1)).outcome is Outcome.OVERDUE


def test_aware_as_of_and_errors() -> None:
    utc = timezone.utc
    aware = Dossier("A", proc(), [Received(datetime(2026, 2, 12, 2, 30, tzinfo=utc))])
    assert classify(aware, as_of=date(2026, 2, 26)).outcome is Outcome.WITHIN_TIME
    assert classify(aware, as_of=date(2026, 2, 27)).outcome is Outcome.OVERDUE
    with pytest.raises(TimezoneError):
        classify(aware, as_of=datetime(2026, 2, 27, 9))
    with pytest.raises(TimelineTimezoneError):
        classify(dossier(), as_of=datetime(2026, 2, 27, 9, tzinfo=utc))
    with pytest.raises(DateTypeError):
        classify(dossier(), as_of="2026-02-27")  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError):
        classify(dossier(), as_of=date(2026, 2, 1))
    with pytest.raises(InvalidValueError):
        classify(dossier(), as_of=date(2026, 3, 1), due_soon=-1)
    with pytest.raises(DateTypeError):
        classify(dossier(), as_of=date(2026, 3, 1), due_soon=True)
    with pytest.raises(DateTypeError):
        classify("HS", as_of=date(2026, 3, 1))  # type: ignore[arg-type]
    for o in Outcome:
        assert o.label_vi
        assert o.label_en
    assert Outcome.LATE.is_finished
    assert not Outcome.OVERDUE.is_finished


def test_provisional() -> None:
    d = Dossier("P", proc(), [Received(datetime(2026, 12, 28, 9))])
    assert classify(d, as_of=date(2026, 12, 29)).provisional
    assert not classify(dossier(), as_of=date(2026, 3, 1)).provisional


# -- findings ----------------------------------------------------------------------------------


def kinds(d: Dossier) -> list[FindingKind]:
    return [f.kind for f in findings(d)]


def test_findings_clean() -> None:
    assert findings(dossier(Resolved(datetime(2026, 2, 20), digitally_signed=True))) == ()


def test_findings_supplements() -> None:
    d = dossier(
        SupplementRequested(datetime(2026, 2, 24)),  # 3rd working day (Tết 14-22 Feb off)
        SupplementReceived(datetime(2026, 2, 25)),
        SupplementRequested(datetime(2026, 2, 26)),
        SupplementReceived(datetime(2026, 2, 27)),
    )
    found = findings(d)
    assert [f.kind for f in found] == [
        FindingKind.SUPPLEMENT_REQUEST_LATE,
        FindingKind.SUPPLEMENT_REQUESTED_AGAIN,
    ]
    assert found[0].basis == "NĐ 118/2025/NĐ-CP, Điều 19 khoản 5"
    assert "is 5 working days after" in found[0].message
    assert found[0].at == datetime(2026, 2, 26)
    on_time = dossier(SupplementRequested(datetime(2026, 2, 23)))  # 3rd working day
    assert kinds(on_time) == []


def test_findings_apology() -> None:
    late = dossier(Resolved(datetime(2026, 2, 27)))
    assert kinds(late) == [FindingKind.LATE_WITHOUT_APOLOGY]
    good = Apologized(datetime(2026, 2, 25), new_due=date(2026, 3, 3), reason="x")
    assert kinds(dossier(good, Resolved(datetime(2026, 2, 27)))) == []
    too_late = Apologized(datetime(2026, 2, 26), new_due=date(2026, 3, 3), reason="x")
    again = Apologized(datetime(2026, 2, 27), new_due=date(2026, 3, 5), reason="y")
    assert kinds(dossier(too_late, again)) == [
        FindingKind.APOLOGY_TOO_LATE,
        FindingKind.NEW_DATE_SET_AGAIN,
    ]
    refused = dossier(Refused(datetime(2026, 2, 27)))
    assert kinds(refused) == [FindingKind.REFUSAL_AFTER_DUE]


def test_findings_nd118_only() -> None:
    online = [
        Submitted(datetime(2026, 3, 2, 8)),
        Received(datetime(2026, 3, 3, 9), channel=Channel.ONLINE),  # 7.5 h + 1.5 h of work
        Resolved(datetime(2026, 3, 4), digitally_signed=False),
    ]
    found = findings(Dossier("O", proc(), online))
    assert [f.kind for f in found] == [
        FindingKind.ONLINE_ACCEPTANCE_LATE,
        FindingKind.RESULT_NOT_DIGITALLY_SIGNED,
    ]
    assert "is 9 working hours after" in found[0].message
    quick = [
        Submitted(datetime(2026, 3, 2, 8)),
        Received(datetime(2026, 3, 2, 16), channel=Channel.ONLINE),
    ]
    assert kinds(Dossier("O", proc(), quick)) == []
    closed = dossier(SupplementRequested(datetime(2026, 2, 13)), Closed(datetime(2026, 2, 20)))
    assert kinds(closed) == [FindingKind.CLOSED_TOO_EARLY]
    closed_ok = dossier(SupplementRequested(datetime(2026, 2, 13)), Closed(datetime(2026, 3, 2)))
    assert kinds(closed_ok) == []
    old = [
        Submitted(datetime(2025, 6, 2, 8)),
        Received(datetime(2025, 6, 4, 9), channel=Channel.ONLINE),
        Resolved(datetime(2025, 6, 5), digitally_signed=False),
    ]
    assert kinds(Dossier("O", proc(), old)) == []  # NĐ 61/2018 had neither rule


def test_findings_district_and_hour() -> None:
    district = proc(level=GovernmentLevel.DISTRICT)
    assert kinds(Dossier("D", district, [Received(datetime(2025, 6, 30, 9))])) == []
    found = findings(Dossier("D", district, [Received(datetime(2025, 7, 1, 9))]))
    assert [f.kind for f in found] == [FindingKind.DISTRICT_LEVEL_AFTER_REFORM]
    assert "Điều 7" in found[0].basis
    p = proc(TimeLimit.working_hours(8), precision=Precision.HOUR)
    d = Dossier("H", p, [Received(datetime(2026, 3, 2, 9)), Resolved(datetime(2026, 3, 3, 9, 30))])
    assert kinds(d) == [FindingKind.LATE_WITHOUT_APOLOGY]
    assert kinds(dossier(procedure=proc(TimeLimit.none()))) == []
    for k in FindingKind:
        assert k.label_vi
        assert k.label_en
    with pytest.raises(DateTypeError):
        findings("HS")  # type: ignore[arg-type]


# -- process control ---------------------------------------------------------------------------

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
    with pytest.raises(DateTypeError):
        process_control("L")  # type: ignore[arg-type]


# -- properties --------------------------------------------------------------------------------

ORDER = {Outcome.EARLY: 0, Outcome.ON_TIME: 1, Outcome.LATE: 2}
offsets = st.integers(0, 60 * 24 * 40)


@settings(max_examples=60)
@given(a=offsets, b=offsets, n=st.integers(1, 20), hour=st.booleans())
def test_later_resolution_never_better(a: int, b: int, n: int, hour: bool) -> None:
    p = proc(
        TimeLimit.working_hours(n * 8) if hour else TimeLimit.working_days(n),
        precision=Precision.HOUR if hour else Precision.DAY,
    )
    early, late = sorted((a, b))

    def outcome(minutes: int) -> Outcome:
        d = Dossier("X", p, [Received(RECEIVED), Resolved(RECEIVED + timedelta(minutes=minutes))])
        return classify(d, as_of=date(2026, 12, 31)).outcome

    assert ORDER[outcome(early)] <= ORDER[outcome(late)]


@settings(max_examples=60)
@given(resolve=offsets, apologize=offsets, extra=st.integers(1, 30))
def test_apology_never_turns_late_into_on_time(resolve: int, apologize: int, extra: int) -> None:
    resolved = RECEIVED + timedelta(minutes=resolve)
    plain = classify(dossier(Resolved(resolved)), as_of=date(2026, 12, 31)).outcome
    apology_at = RECEIVED + timedelta(minutes=min(apologize, resolve))
    new_due = apology_at.date() + timedelta(days=extra)
    with_apology = dossier(Apologized(apology_at, new_due=new_due, reason="x"), Resolved(resolved))
    assert classify(with_apology, as_of=date(2026, 12, 31)).outcome is plain


@settings(max_examples=40)
@given(a=st.integers(0, 60), b=st.integers(0, 60), supplement=st.booleans())
def test_open_outcome_monotone_in_as_of(a: int, b: int, supplement: bool) -> None:
    events = [SupplementRequested(RECEIVED + timedelta(days=1))] if supplement else []
    d = dossier(*events)
    first, second = sorted((a, b))
    o1 = classify(d, as_of=RECEIVED.date() + timedelta(days=first + 1)).outcome
    o2 = classify(d, as_of=RECEIVED.date() + timedelta(days=second + 1)).outcome
    assert not (o1 is Outcome.OVERDUE and o2 is Outcome.WITHIN_TIME)


# -- issue 13: range errors name what is out of range, not the calendar's parameters ----------


def test_range_errors_name_the_event_or_as_of() -> None:
    from tthc.errors import CalendarRangeError

    p = Procedure("1.001193", "x", "y", GovernmentLevel.COMMUNE, TimeLimit.working_days(5))
    open_ = Dossier("HS-9", p, [Received(datetime(2026, 1, 5, 9))])
    with pytest.raises(
        CalendarRangeError, match=r"^classify: as_of: 2045-01-01 is outside .*'HS-9'"
    ):
        classify(open_, as_of=date(2045, 1, 1))
    late = Dossier("HS-9", p, [Received(datetime(2026, 1, 5, 9)), Resolved(datetime(2045, 1, 1))])
    with pytest.raises(
        CalendarRangeError, match=r"^Resolved at 2045-01-01 00:00:00: 2045-01-01 is"
    ):
        classify(late, as_of=datetime(2045, 1, 2))
    asked = Dossier(
        "HS-9", p, [Received(datetime(2026, 1, 5, 9)), SupplementRequested(datetime(2045, 1, 1))]
    )
    with pytest.raises(CalendarRangeError, match=r"^SupplementRequested at 2045-01-01 00:00:00:"):
        findings(asked)


def test_a_second_new_date_without_a_time_limit_has_no_original_due_to_cite() -> None:
    p = Procedure("1.001193", "Thủ tục", "Hộ tịch", GovernmentLevel.COMMUNE, TimeLimit.none())
    a1 = Apologized(datetime(2026, 3, 2, 9), new_due=date(2026, 3, 9), reason="x")
    a2 = Apologized(datetime(2026, 3, 3, 9), new_due=date(2026, 3, 10), reason="y")
    d = Dossier("N", p, [Received(datetime(2026, 3, 2, 8)), a1, a2])
    (found,) = findings(d)
    assert found.kind is FindingKind.NEW_DATE_SET_AGAIN
    assert found.message.endswith("a new date may be set once")  # no "original due date"

"""Classification (DOMAIN.md §7.8), findings, process control, and their properties."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engines import Engine
from tthc import (
    ArgumentTypeError,
    DayKind,
    InvalidValueError,
    Override,
    Session,
    TimelineTimezoneError,
    TimezoneError,
    vietnam_calendar,
)
from tthc.deadlines import (
    deadline,
    due_date,
    rule_set_for,
)
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
from tthc.outcomes import FindingKind, Outcome, classify, findings, process_control
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
def test_example_8_finished(
    engine: Engine, resolved: datetime, outcome: Outcome, late: int
) -> None:
    c = engine.classify(dossier(Resolved(resolved)), as_of=date(2026, 12, 31))
    assert c.outcome is outcome
    assert c.due == date(2026, 2, 26)
    assert classify(dossier(Resolved(resolved)), as_of=date(2026, 12, 31)).finished == resolved
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
def test_example_8_open(
    engine: Engine, as_of: date, outcome: Outcome, soon: bool, late: int
) -> None:
    c = engine.classify(dossier(), as_of=as_of)
    assert c.outcome is outcome
    assert c.due_soon is soon
    assert c.working_days_late == late
    assert classify(dossier(), as_of=as_of).finished is None


def test_finished_after_as_of_is_open(engine: Engine) -> None:
    d = dossier(Resolved(datetime(2026, 2, 27, 8)))
    assert engine.classify(d, as_of=date(2026, 2, 26)).outcome is Outcome.WITHIN_TIME
    assert engine.classify(d, as_of=datetime(2026, 2, 27, 7)).outcome is Outcome.OVERDUE
    assert engine.classify(d, as_of=datetime(2026, 2, 27, 8)).outcome is Outcome.LATE


@pytest.mark.parametrize("final", [Withdrawn, Stopped])
def test_not_classified(engine: Engine, final: Any) -> None:
    c = engine.classify(dossier(final(datetime(2026, 2, 27))), as_of=date(2026, 3, 31))
    assert c.outcome is Outcome.NOT_CLASSIFIED
    assert classify(dossier(final(datetime(2026, 2, 27))), as_of=date(2026, 3, 31)).finished is None
    closed = dossier(SupplementRequested(datetime(2026, 2, 13)), Closed(datetime(2026, 3, 2)))
    assert engine.classify(closed, as_of=date(2026, 3, 31)).outcome is Outcome.NOT_CLASSIFIED


def test_refused_is_classified(engine: Engine) -> None:
    c = engine.classify(dossier(Refused(datetime(2026, 2, 20))), as_of=date(2026, 3, 31))
    assert c.outcome is Outcome.EARLY


def test_apology_keeps_late_and_reports_new_date(engine: Engine) -> None:
    apology = Apologized(datetime(2026, 2, 24), new_due=date(2026, 3, 3), reason="xác minh")
    kept = engine.classify(
        dossier(apology, Resolved(datetime(2026, 3, 2))), as_of=date(2026, 3, 31)
    )
    assert kept.outcome is Outcome.LATE
    assert kept.new_due_kept is True
    missed = engine.classify(
        dossier(apology, Resolved(datetime(2026, 3, 4))), as_of=date(2026, 3, 31)
    )
    assert missed.new_due_kept is False
    assert engine.classify(dossier(apology), as_of=date(2026, 3, 2)).new_due_kept is None
    assert engine.classify(dossier(apology), as_of=date(2026, 3, 4)).new_due_kept is False
    assert engine.classify(dossier(), as_of=date(2026, 3, 4)).new_due_kept is None


def test_clock_stopped_and_no_limit(engine: Engine) -> None:
    waiting = dossier(SupplementRequested(datetime(2026, 2, 13)))
    c = engine.classify(waiting, as_of=date(2026, 6, 1))
    assert c.outcome is Outcome.WITHIN_TIME
    assert not c.due_soon
    none = proc(TimeLimit.none())
    assert (
        engine.classify(dossier(procedure=none), as_of=date(2026, 6, 1)).outcome
        is Outcome.WITHIN_TIME
    )
    done = dossier(Resolved(datetime(2026, 6, 1)), procedure=none)
    assert engine.classify(done, as_of=date(2026, 6, 1)).outcome is Outcome.ON_TIME


def test_hour_precision(engine: Engine) -> None:
    p = proc(TimeLimit.working_hours(40), precision=Precision.HOUR)
    start = datetime(2026, 3, 2, 9)

    def outcome(resolved: datetime) -> Outcome | None:
        d = Dossier("H", p, [Received(start), Resolved(resolved)])
        return engine.classify(d, as_of=date(2026, 12, 31)).outcome

    assert outcome(datetime(2026, 3, 9, 9)) is Outcome.ON_TIME
    assert outcome(datetime(2026, 3, 9, 9, 1)) is Outcome.LATE
    assert outcome(datetime(2026, 3, 6, 9)) is Outcome.EARLY
    open_ = Dossier("H", p, [Received(start)])
    assert engine.classify(open_, as_of=datetime(2026, 3, 9, 9)).outcome is Outcome.WITHIN_TIME
    assert engine.classify(open_, as_of=datetime(2026, 3, 9, 9, 1)).outcome is Outcome.OVERDUE


def test_aware_timeline_as_of_a_date(engine: Engine) -> None:
    aware = Dossier("A", proc(), [Received(datetime(2026, 2, 12, 2, 30, tzinfo=timezone.utc))])
    assert engine.classify(aware, as_of=date(2026, 2, 26)).outcome is Outcome.WITHIN_TIME
    assert engine.classify(aware, as_of=date(2026, 2, 27)).outcome is Outcome.OVERDUE


def test_aware_as_of_and_errors() -> None:
    utc = timezone.utc
    aware = Dossier("A", proc(), [Received(datetime(2026, 2, 12, 2, 30, tzinfo=utc))])
    with pytest.raises(TimezoneError):
        classify(aware, as_of=datetime(2026, 2, 27, 9))
    with pytest.raises(TimelineTimezoneError):
        classify(dossier(), as_of=datetime(2026, 2, 27, 9, tzinfo=utc))
    with pytest.raises(ArgumentTypeError):
        classify(dossier(), as_of="2026-02-27")  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError):
        classify(dossier(), as_of=date(2026, 2, 1))
    with pytest.raises(InvalidValueError):
        classify(dossier(), as_of=date(2026, 3, 1), due_soon=-1)
    with pytest.raises(ArgumentTypeError):
        classify(dossier(), as_of=date(2026, 3, 1), due_soon=True)
    with pytest.raises(ArgumentTypeError):
        classify("HS", as_of=date(2026, 3, 1))  # type: ignore[arg-type]
    for o in Outcome:
        assert o.label_vi
        assert o.label_en
    assert Outcome.LATE.is_finished
    assert not Outcome.OVERDUE.is_finished


def test_provisional(engine: Engine) -> None:
    d = Dossier("P", proc(), [Received(datetime(2026, 12, 28, 9))])
    assert engine.classify(d, as_of=date(2026, 12, 29)).provisional
    assert not engine.classify(dossier(), as_of=date(2026, 3, 1)).provisional


# -- findings ----------------------------------------------------------------------------------


def kinds(engine: Engine, d: Dossier) -> list[FindingKind]:
    return list(engine.findings(d))


def test_findings_clean(engine: Engine) -> None:
    assert engine.findings(dossier(Resolved(datetime(2026, 2, 20), digitally_signed=True))) == ()


def test_findings_supplements(engine: Engine) -> None:
    d = dossier(
        SupplementRequested(datetime(2026, 2, 24)),  # 3rd working day (Tết 14-22 Feb off)
        SupplementReceived(datetime(2026, 2, 25)),
        SupplementRequested(datetime(2026, 2, 26)),
        SupplementReceived(datetime(2026, 2, 27)),
    )
    assert kinds(engine, d) == [
        FindingKind.SUPPLEMENT_REQUEST_LATE,
        FindingKind.SUPPLEMENT_REQUESTED_AGAIN,
    ]
    found = findings(d)
    assert found[0].basis == "NĐ 118/2025/NĐ-CP, Điều 19 khoản 5"
    assert "is 5 working days after" in found[0].message
    assert found[0].at == datetime(2026, 2, 26)
    on_time = dossier(SupplementRequested(datetime(2026, 2, 23)))  # 3rd working day
    assert kinds(engine, on_time) == []


def test_findings_apology(engine: Engine) -> None:
    late = dossier(Resolved(datetime(2026, 2, 27)))
    assert kinds(engine, late) == [FindingKind.LATE_WITHOUT_APOLOGY]
    good = Apologized(datetime(2026, 2, 25), new_due=date(2026, 3, 3), reason="x")
    assert kinds(engine, dossier(good, Resolved(datetime(2026, 2, 27)))) == []
    too_late = Apologized(datetime(2026, 2, 26), new_due=date(2026, 3, 3), reason="x")
    again = Apologized(datetime(2026, 2, 27), new_due=date(2026, 3, 5), reason="y")
    assert kinds(engine, dossier(too_late, again)) == [
        FindingKind.APOLOGY_TOO_LATE,
        FindingKind.NEW_DATE_SET_AGAIN,
    ]
    refused = dossier(Refused(datetime(2026, 2, 27)))
    assert kinds(engine, refused) == [FindingKind.REFUSAL_AFTER_DUE]


def test_findings_nd118_only(engine: Engine) -> None:
    online = [
        Submitted(datetime(2026, 3, 2, 8)),
        Received(datetime(2026, 3, 3, 9), channel=Channel.ONLINE),  # 7.5 h + 1.5 h of work
        Resolved(datetime(2026, 3, 4), digitally_signed=False),
    ]
    assert kinds(engine, Dossier("O", proc(), online)) == [
        FindingKind.ONLINE_ACCEPTANCE_LATE,
        FindingKind.RESULT_NOT_DIGITALLY_SIGNED,
    ]
    found = findings(Dossier("O", proc(), online))
    assert "is 9 working hours after" in found[0].message
    quick = [
        Submitted(datetime(2026, 3, 2, 8)),
        Received(datetime(2026, 3, 2, 16), channel=Channel.ONLINE),
    ]
    assert kinds(engine, Dossier("O", proc(), quick)) == []
    closed = dossier(SupplementRequested(datetime(2026, 2, 13)), Closed(datetime(2026, 2, 20)))
    assert kinds(engine, closed) == [FindingKind.CLOSED_TOO_EARLY]
    closed_ok = dossier(SupplementRequested(datetime(2026, 2, 13)), Closed(datetime(2026, 3, 2)))
    assert kinds(engine, closed_ok) == []
    # after a second request the 15 days run from the second notice (Điều 19 k5): 02/3 is 17 days
    # after 13/02 but 13 after 17/02
    again = dossier(
        SupplementRequested(datetime(2026, 2, 13)),
        SupplementReceived(datetime(2026, 2, 16)),
        SupplementRequested(datetime(2026, 2, 17)),
        Closed(datetime(2026, 3, 2)),
    )
    assert FindingKind.CLOSED_TOO_EARLY in kinds(engine, again)
    old = [
        Submitted(datetime(2025, 6, 2, 8)),
        Received(datetime(2025, 6, 4, 9), channel=Channel.ONLINE),
        Resolved(datetime(2025, 6, 5), digitally_signed=False),
    ]
    assert kinds(engine, Dossier("O", proc(), old)) == []  # NĐ 61/2018 had neither rule
    first_day = [  # NĐ 118/2025 in force from 01/7/2025 (Điều 40 k1): its first day included
        Received(datetime(2025, 7, 1, 9)),
        Resolved(datetime(2025, 7, 2), digitally_signed=False),
    ]
    assert kinds(engine, Dossier("O", proc(), first_day)) == [
        FindingKind.RESULT_NOT_DIGITALLY_SIGNED
    ]


def test_findings_district_and_hour(engine: Engine) -> None:
    district = proc(level=GovernmentLevel.DISTRICT)
    assert kinds(engine, Dossier("D", district, [Received(datetime(2025, 6, 30, 9))])) == []
    after = Dossier("D", district, [Received(datetime(2025, 7, 1, 9))])
    assert kinds(engine, after) == [FindingKind.DISTRICT_LEVEL_AFTER_REFORM]
    found = findings(after)
    assert "Điều 7" in found[0].basis
    p = proc(TimeLimit.working_hours(8), precision=Precision.HOUR)
    d = Dossier("H", p, [Received(datetime(2026, 3, 2, 9)), Resolved(datetime(2026, 3, 3, 9, 30))])
    assert kinds(engine, d) == [FindingKind.LATE_WITHOUT_APOLOGY]
    assert kinds(engine, dossier(procedure=proc(TimeLimit.none()))) == []
    for k in FindingKind:
        assert k.label_vi
        assert k.label_en
    with pytest.raises(ArgumentTypeError):
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
    with pytest.raises(ArgumentTypeError):
        process_control("L")  # type: ignore[arg-type]


# -- properties --------------------------------------------------------------------------------

ORDER = {Outcome.EARLY: 0, Outcome.ON_TIME: 1, Outcome.LATE: 2}
offsets = st.integers(0, 60 * 24 * 40)


@settings(max_examples=60)
@given(a=offsets, b=offsets, n=st.integers(1, 20), hour=st.booleans())
def test_later_resolution_never_better(engine: Engine, a: int, b: int, n: int, hour: bool) -> None:
    p = proc(
        TimeLimit.working_hours(n * 8) if hour else TimeLimit.working_days(n),
        precision=Precision.HOUR if hour else Precision.DAY,
    )
    early, late = sorted((a, b))

    def outcome(minutes: int) -> Outcome:
        d = Dossier("X", p, [Received(RECEIVED), Resolved(RECEIVED + timedelta(minutes=minutes))])
        result = engine.classify(d, as_of=date(2026, 12, 31)).outcome
        assert result is not None
        return result

    assert ORDER[outcome(early)] <= ORDER[outcome(late)]


@settings(max_examples=60)
@given(resolve=offsets, apologize=offsets, extra=st.integers(1, 30))
def test_apology_never_turns_late_into_on_time(
    engine: Engine, resolve: int, apologize: int, extra: int
) -> None:
    resolved = RECEIVED + timedelta(minutes=resolve)
    plain = engine.classify(dossier(Resolved(resolved)), as_of=date(2026, 12, 31)).outcome
    apology_at = RECEIVED + timedelta(minutes=min(apologize, resolve))
    new_due = apology_at.date() + timedelta(days=extra)
    with_apology = dossier(Apologized(apology_at, new_due=new_due, reason="x"), Resolved(resolved))
    assert engine.classify(with_apology, as_of=date(2026, 12, 31)).outcome is plain


@settings(max_examples=40)
@given(a=st.integers(0, 60), b=st.integers(0, 60), supplement=st.booleans())
def test_open_outcome_monotone_in_as_of(engine: Engine, a: int, b: int, supplement: bool) -> None:
    events = [SupplementRequested(RECEIVED + timedelta(days=1))] if supplement else []
    d = dossier(*events)
    first, second = sorted((a, b))
    o1 = engine.classify(d, as_of=RECEIVED.date() + timedelta(days=first + 1)).outcome
    o2 = engine.classify(d, as_of=RECEIVED.date() + timedelta(days=second + 1)).outcome
    assert not (o1 is Outcome.OVERDUE and o2 is Outcome.WITHIN_TIME)


def test_a_second_new_date_without_a_time_limit_has_no_original_due_to_cite() -> None:
    p = Procedure("1.001193", "Thủ tục", "Hộ tịch", GovernmentLevel.COMMUNE, TimeLimit.none())
    a1 = Apologized(datetime(2026, 3, 2, 9), new_due=date(2026, 3, 9), reason="x")
    a2 = Apologized(datetime(2026, 3, 3, 9), new_due=date(2026, 3, 10), reason="y")
    d = Dossier("N", p, [Received(datetime(2026, 3, 2, 8)), a1, a2])
    (found,) = findings(d)
    assert found.kind is FindingKind.NEW_DATE_SET_AGAIN
    assert found.message.endswith("a new date may be set once")  # no "original due date"


# ==== details that killed mutants of outcomes.py (docs/mutation.md) ====

MON = datetime(2026, 3, 2, 9)  # March 2026 has no holiday


# -- classify: findings name the events, the count and the legal basis ----------------------------


def _found(d: Dossier, **kwargs: Any) -> list[tuple[FindingKind, str, str, datetime | None]]:
    return [(f.kind, f.message, f.basis, f.at) for f in findings(d, **kwargs)]


def test_supplement_findings_name_both_requests_and_the_basis() -> None:
    # NĐ 118/2025 Điều 19 k5: within 03 working days; Điều 11 k2c: only once. Wed 25/02 is the
    # 4th working day after Thu 12/02 (13/02, 23/02, 24/02, 25/02).
    first, second = datetime(2026, 2, 25), datetime(2026, 3, 2)
    d = dossier(
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
    late = _found(dossier(Resolved(datetime(2026, 2, 27, 8))))
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
    assert _found(dossier(Resolved(datetime(2026, 2, 26, 23, 59)))) == []
    # that the dossier stays late against the original due date is tthc's reading, said so
    reading = (
        "; tthc judges the dossier against the original due date 2026-02-26 (tthc's reading: "
        "Điều 19 k6 allows one new date but does not say whether the dossier then stops being "
        "late)"
    )
    a1 = Apologized(datetime(2026, 2, 26), new_due=date(2026, 3, 3), reason="x")
    a2 = Apologized(datetime(2026, 2, 27), new_due=date(2026, 3, 5), reason="y")
    a3 = Apologized(datetime(2026, 3, 2), new_due=date(2026, 3, 9), reason="z")
    assert _found(dossier(a1, a2, a3)) == [
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
    refused = _found(dossier(Refused(datetime(2026, 2, 27))))
    assert refused == [
        (
            FindingKind.REFUSAL_AFTER_DUE,
            "Refused at 2026-02-27 00:00:00 is after the due date 2026-02-26; a refusal is "
            "notified within the time limit",
            "NĐ 118/2025/NĐ-CP, Điều 19 khoản 3",
            datetime(2026, 2, 27),
        )
    ]


def test_online_acceptance_after_exactly_08_working_hours_in_both_engines(engine: Engine) -> None:
    # the boundary of Điều 17 k2c (NĐ 118/2025): 08 working hours are in time, 8.5 are not
    sub = Submitted(datetime(2026, 3, 2, 8))
    exact = Received(datetime(2026, 3, 3, 8), channel=Channel.ONLINE)
    assert kinds(engine, Dossier("O", proc(), [sub, exact])) == []
    late = Received(datetime(2026, 3, 3, 8, 30), channel=Channel.ONLINE)
    assert kinds(engine, Dossier("O", proc(), [sub, late])) == [FindingKind.ONLINE_ACCEPTANCE_LATE]


def test_online_acceptance_within_08_working_hours_is_no_finding() -> None:
    # Mon 02/03 08:00 -> Tue 03/03 08:00 is 3.5 h + 4 h + 0.5 h = 08 working hours: in time
    # (NĐ 118/2025 Điều 17 k2c); 08:30 is 8.5 h: late
    sub = Submitted(datetime(2026, 3, 2, 8))
    exact = Received(datetime(2026, 3, 3, 8), channel=Channel.ONLINE)
    assert _found(Dossier("O", proc(), [sub, exact])) == []
    late = Received(datetime(2026, 3, 3, 8, 30), channel=Channel.ONLINE)
    signed_no = Resolved(datetime(2026, 3, 4), digitally_signed=False)
    assert _found(Dossier("O", proc(), [sub, late, signed_no])) == [
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
    assert _found(dossier(notice, Closed(datetime(2026, 2, 28)))) == []
    assert _found(dossier(notice, Closed(datetime(2026, 2, 27)))) == [
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
    district = proc(level=GovernmentLevel.DISTRICT)
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
    d = dossier(Resolved(datetime(2026, 2, 27, 9), digitally_signed=True))
    assert [f.kind for f in findings(d)] == [FindingKind.LATE_WITHOUT_APOLOGY]
    assert findings(d, calendar=local) == ()
    steps = (ProcessStep("Thẩm định", "Sở A", TimeLimit.working_days(5)),)
    p = Dossier("L", proc(steps=steps), [Received(RECEIVED)])
    assert process_control(p)[0].due == date(2026, 2, 26)
    assert process_control(p, calendar=local)[0].due == date(2026, 2, 27)


def test_findings_and_process_control_refuse_a_non_dossier_by_name() -> None:
    with pytest.raises(ArgumentTypeError, match="^findings: expected a Dossier, got str$"):
        findings("HS")  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match="^process_control: expected a Dossier, got str$"):
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


def test_a_result_at_the_due_instant_is_not_late_under_hour_precision() -> None:
    # 08 working hours from Mon 02/03 09:00 end Tue 03/03 09:00 (Precision.HOUR, DOMAIN §3)
    p = proc(TimeLimit.working_hours(8), precision=Precision.HOUR)
    at_due = Resolved(datetime(2026, 3, 3, 9), digitally_signed=True)
    assert findings(Dossier("H", p, [Received(datetime(2026, 3, 2, 9)), at_due])) == ()
    after = Resolved(datetime(2026, 3, 3, 9, 0, 1), digitally_signed=True)
    found = findings(Dossier("H", p, [Received(datetime(2026, 3, 2, 9)), after]))
    assert [f.kind for f in found] == [FindingKind.LATE_WITHOUT_APOLOGY]


def _bad(value: object) -> Any:
    """A wrongly typed argument, as untyped callers pass them."""
    return value


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: deadline(_bad("HS")), "deadline: expected a Dossier, got str"),
        (
            lambda: rule_set_for(_bad("2026-03-02")),
            "rule_set_for: expected a datetime.date, got str '2026-03-02'",
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
            lambda: classify(dossier(), as_of=_bad("2026-03-02")),
            "classify: as_of expected a date or a datetime, got str '2026-03-02'",
        ),
        (
            lambda: classify(dossier(), as_of=MON, due_soon=_bad("1")),
            "classify: due_soon expected an int, got '1'",
        ),
    ],
)
def test_argument_type_messages(call: Any, message: str) -> None:
    with pytest.raises(ArgumentTypeError) as exc:
        call()
    assert str(exc.value) == message


def test_argument_value_messages() -> None:
    with pytest.raises(
        InvalidValueError, match="^classify: due_soon expected >= 0 working days, got -1$"
    ):
        classify(dossier(), as_of=MON, due_soon=-1)
    with pytest.raises(
        InvalidValueError,
        match=r"\(calendar days and months end at 24:00 of a day; use Precision\.DAY\)$",
    ):
        due_date(MON, TimeLimit.days(10), precision=Precision.HOUR)
    # due_soon=0 is allowed: only a dossier due today is "due soon"
    assert classify(dossier(), as_of=datetime(2026, 2, 26, 9), due_soon=0).due_soon is True
    aware = datetime(2026, 3, 2, 9, tzinfo=timezone.utc)
    with pytest.raises(
        TimelineTimezoneError,
        match="^classify: as_of 2026-03-02T09:00:00[+]00:00 is aware but the timeline of dossier "
        "'HS-8' is naive$",
    ):
        classify(dossier(), as_of=aware)
    aware_dossier = Dossier("HS-A", proc(), [Received(aware)])
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
    d = dossier(apology, Resolved(datetime(2026, 3, 3, 16)))
    as_of = datetime(2026, 3, 31, 12)
    c = classify(d, as_of=as_of)
    assert (c.outcome, c.new_due_kept, c.as_of, c.due_at) == (Outcome.LATE, True, as_of, None)
    assert c.deadline == deadline(d)
    p = proc(TimeLimit.working_hours(8), precision=Precision.HOUR)
    hour = classify(Dossier("H", p, [Received(MON)]), as_of=as_of)
    assert hour.due_at == datetime(2026, 3, 3, 9)


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

"""Classification (DOMAIN.md §7.8): outcomes as of a moment, the promised basis, properties."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engines import Engine
from outcome_samples import MON, RECEIVED, dossier, proc
from tthc import (
    ArgumentTypeError,
    InvalidValueError,
    TimelineTimezoneError,
    TimezoneError,
)
from tthc.breaches import findings
from tthc.classification import Outcome, classify
from tthc.deadlines import (
    deadline,
    due_date,
    rule_set_for,
)
from tthc.events import (
    Apologized,
    Closed,
    Received,
    Refused,
    Resolved,
    Stopped,
    SupplementRequested,
    Withdrawn,
)
from tthc.models import Dossier
from tthc.procedures import Procedure
from tthc.services import GovernmentLevel
from tthc.timelimits import Precision, TimeLimit


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


# ==== details that killed mutants (of outcomes.py before its split; docs/mutation.md) ====


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

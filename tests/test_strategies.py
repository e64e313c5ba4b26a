"""tthc.strategies: the values are valid, cover the space, and st.from_type finds them."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tthc
from engines import fits_the_layout
from tthc.batch import classify_frame, dossiers_to_frame, frame_to_dossiers
from tthc.calendar import DayKind, Session, WorkingCalendar, vietnam_calendar, wall_date
from tthc.deadlines import deadline, due_date
from tthc.errors import InvalidValueError
from tthc.models import (
    EVENT_TYPES,
    Channel,
    Dossier,
    Event,
    GovernmentLevel,
    Procedure,
    Received,
    Resolved,
    Returned,
    StepCompleted,
    Submitted,
)
from tthc.outcomes import Outcome, classify, findings
from tthc.serialization import bundled_catalogue, dumps, loads
from tthc.strategies import (
    calendars,
    dossiers,
    events,
    moments,
    overrides,
    procedures,
    sessions,
    time_limits,
    timelines,
)
from tthc.timelimits import MAX_AMOUNT, TimeLimit, Unit

CATALOGUE = st.sampled_from([e.procedure for e in bundled_catalogue()])


@given(st.from_type(Dossier))
def test_from_type_dossier_works_through_the_entry_point(d: Dossier) -> None:
    assert isinstance(d, Dossier)
    assert isinstance(d.received, Received)


@given(st.data())
def test_from_type_every_registered_type(data: st.DataObject) -> None:
    for cls in (TimeLimit, Procedure, Session, *EVENT_TYPES):
        assert type(data.draw(st.from_type(cls))) is cls


@settings(max_examples=5)
@given(st.from_type(WorkingCalendar))
def test_from_type_calendar(cal: WorkingCalendar) -> None:
    assert cal.first == vietnam_calendar().first


@given(time_limits([Unit.WORKING_DAY, Unit.SAME_DAY], max_amount=5))
def test_time_limits_respect_units_and_amounts(limit: TimeLimit) -> None:
    assert limit.unit in (Unit.WORKING_DAY, Unit.SAME_DAY)
    assert limit.amount <= 5
    assert TimeLimit.parse(str(limit)) == limit


@given(procedures(levels=[GovernmentLevel.COMMUNE], limits=st.just(TimeLimit.working_days(3))))
def test_procedures_take_their_parameters(p: Procedure) -> None:
    assert p.level is GovernmentLevel.COMMUNE
    assert p.time_limit == TimeLimit.working_days(3)
    assert len({s.name for s in p.steps}) == len(p.steps)
    assert tthc.models.CODE_RE.fullmatch(p.code)


@given(procedures())
def test_procedures_never_use_the_district_level_by_default(p: Procedure) -> None:
    assert p.level is not GovernmentLevel.DISTRICT


@given(dossiers(CATALOGUE, finished=True, aware=True))
def test_finished_aware_dossiers(d: Dossier) -> None:
    assert d.final_event is not None
    assert d.is_aware
    if isinstance(d.events[-1], Returned):
        assert isinstance(d.final_event, (Resolved, tthc.models.Refused))


@given(dossiers(CATALOGUE, finished=False, aware=False))
def test_open_naive_dossiers(d: Dossier) -> None:
    assert d.final_event is None
    assert not d.is_aware
    if d.submitted is not None:
        assert d.received.channel is Channel.ONLINE


@given(st.data())
def test_timelines_use_the_procedures_steps(data: st.DataObject) -> None:
    p = bundled_catalogue()["2.002621"].procedure
    events_ = data.draw(timelines(p, max_events=8))
    done = [e.step for e in events_ if isinstance(e, StepCompleted)]
    assert set(done) <= {s.name for s in p.steps}
    assert len(done) == len(set(done))


@given(dossiers(min_date=date(2026, 1, 1), max_date=date(2027, 12, 31)))
def test_dossiers_stay_within_dates(d: Dossier) -> None:
    first = d.events[0].at
    assert date(2026, 1, 1) <= first.date() <= date(2027, 12, 31)
    assert all(e.at.date() <= date(2027, 12, 31) for e in d.events)


@given(events([Submitted, Resolved]))
def test_events_of_chosen_kinds(e: Event) -> None:
    assert type(e) in (Submitted, Resolved)


@given(moments(aware=True))
def test_aware_moments(dt: object) -> None:
    assert getattr(dt, "tzinfo", None) is not None


@given(sessions())
def test_sessions_do_not_overlap(ss: tuple[Session, ...]) -> None:
    assert ss
    for a, b in itertools.pairwise(ss):
        assert a.end <= b.start


@settings(max_examples=20)
@given(overrides())
def test_overrides_flip_the_day(ovs: tuple[tthc.Override, ...]) -> None:
    cal = vietnam_calendar()
    for o in ovs:
        assert (o.kind is DayKind.CLOSURE) == cal.is_working_day(o.date)
    changed = cal.with_overrides(*ovs)
    for o in ovs:
        assert changed.is_working_day(o.date) is o.kind.is_working


# The kind of property test a user writes (docs/testing-with-tthc.md): laws, not examples.


@settings(max_examples=15)
@given(calendars(), st.dates(date(2020, 1, 1), date(2030, 12, 31)), st.integers(1, 60))
def test_working_days_between_inverts_add_working_days(
    cal: WorkingCalendar, d: date, n: int
) -> None:
    assert cal.working_days_between(d, cal.add_working_days(d, n)) == n


@given(
    moments(min_date=date(2021, 1, 1), max_date=date(2029, 12, 31)),
    time_limits([Unit.WORKING_DAY], max_amount=30),
    st.integers(1, 10),
)
def test_a_later_receipt_never_gives_an_earlier_due_date(
    at: object, limit: TimeLimit, h: int
) -> None:
    from datetime import datetime

    assert isinstance(at, datetime)
    assert due_date(at, limit) <= due_date(at + timedelta(hours=h), limit)


def test_importing_tthc_strategies_first_does_not_trip_the_entry_point() -> None:
    # Hypothesis runs its entry points while it is being imported, i.e. from inside
    # `import tthc.strategies`; the hook must not need that module to be complete.
    import subprocess
    import sys

    code = (
        "import tthc.strategies\n"
        "from hypothesis import given, settings, strategies as st\n"
        "import tthc\n"
        "@settings(max_examples=3, database=None)\n"
        "@given(st.from_type(tthc.Dossier), st.from_type(tthc.Session))\n"
        "def t(d, s):\n"
        "    assert isinstance(d, tthc.Dossier) and isinstance(s, tthc.Session)\n"
        "t()\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "ok"


@settings(max_examples=5)
@given(st.data())
def test_register_type_strategies_by_hand(data: st.DataObject) -> None:
    from tthc import Closed, TimeLimit
    from tthc.strategies import register_type_strategies

    register_type_strategies()
    assert isinstance(data.draw(st.from_type(TimeLimit)), TimeLimit)
    assert isinstance(data.draw(st.from_type(Closed)), Closed)


# -- every value a registered strategy yields goes through every path (issue 13, item 10) ------

_THROUGH = settings(max_examples=max(150, settings().max_examples))


def _through_every_path(d: Dossier) -> None:
    as_of = wall_date(d.events[-1].at) + timedelta(days=1)
    dl = deadline(d)
    assert dl.due is None or isinstance(dl.due, date)
    c = classify(d, as_of=as_of)
    assert c.outcome in Outcome
    findings(d)
    assert loads(dumps(d), Dossier) == d
    assert loads(dumps(d.procedure), Procedure) == d.procedure
    try:
        frame = dossiers_to_frame([d])
    except InvalidValueError as exc:  # documented: the layout holds no exclusions, steps, …
        message = str(exc)
        assert d.id in message
        return
    out = classify_frame(frame, as_of=as_of, procedures=[d.procedure])
    assert out["outcome"].iloc[0] == c.outcome.value
    assert [x.id for x in frame_to_dossiers(frame, [d.procedure])] == [d.id]


@_THROUGH
@given(st.from_type(Dossier))
def test_registered_dossiers_go_through_every_path(d: Dossier) -> None:
    _through_every_path(d)


@_THROUGH
@given(st.from_type(Procedure), st.data())
def test_registered_procedures_go_through_every_path(p: Procedure, data: st.DataObject) -> None:
    _through_every_path(data.draw(dossiers(st.just(p))))
    assert TimeLimit.parse(str(p.time_limit)) == p.time_limit


@_THROUGH
@given(st.from_type(TimeLimit))
def test_registered_time_limits_round_trip_and_count(limit: TimeLimit) -> None:
    assert TimeLimit.parse(str(limit)) == limit
    assert loads(dumps(limit), TimeLimit) == limit
    if limit.unit.is_counted or limit.unit is Unit.SAME_DAY:
        due_date(date(2026, 3, 2), limit)


def test_time_limits_refuse_amounts_no_limit_can_hold() -> None:
    with pytest.raises(InvalidValueError, match=r"max_amount: expected 1\.\.9999, got 10000"):
        time_limits(max_amount=MAX_AMOUNT + 1)


@settings(max_examples=30)
@given(dossiers(frame_layout=True, max_events=12))
def test_frame_layout_dossiers_fit_the_batch_layout(d: Dossier) -> None:
    assert fits_the_layout(d)

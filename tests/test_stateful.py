"""A hypothesis state machine that builds a dossier's timeline event by event (DOMAIN.md §4–§5).

Each step appends one valid event (Received first; then SupplementRequested / SupplementReceived,
Apologized, a final event, Returned) or tries an invalid next event, which must raise
``InvalidTimelineError`` and leave the previous dossier untouched. After every step:

* ``deadline()`` is defined; no time limit means no due date;
* RESTART never gives a due date before the original one; PAUSE never after RESTART;
* an apology never changes the outcome (never turns LATE into ON_TIME);
* an open dossier, once OVERDUE, stays OVERDUE at every later ``as_of``;
* the library agrees with the naive oracle (``oracle_deadlines.py``) on deadline and classify.

Timelines are naive (Vietnamese wall time; zones are covered by ``test_oracle_deadlines.py``).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

import oracle_deadlines as od
from test_oracle_deadlines import Case, Pair, all_pairs, check_case
from tthc import (
    Apologized,
    Closed,
    Dossier,
    GovernmentLevel,
    InvalidTimelineError,
    Outcome,
    Precision,
    Procedure,
    Received,
    Refused,
    Resolved,
    Returned,
    Stopped,
    SupplementPolicy,
    SupplementReceived,
    SupplementRequested,
    TimeLimit,
    Unit,
    Withdrawn,
    classify,
    deadline,
)

LIMITS = st.one_of(
    st.integers(1, 20).map(TimeLimit.working_days),
    st.integers(1, 40).map(TimeLimit.days),
    st.integers(1, 6).map(TimeLimit.months),
    st.integers(1, 40).map(TimeLimit.working_hours),
    st.integers(1, 72).map(TimeLimit.hours),
    st.sampled_from([TimeLimit.same_day(), TimeLimit.same_day(cutoff=None), TimeLimit.none()]),
)
GAPS = st.one_of(
    st.just(timedelta(0)),
    st.integers(0, 600).map(lambda m: timedelta(minutes=m)),
    st.integers(0, 30 * 1440).map(lambda m: timedelta(minutes=m)),
)
FINALS = {"resolved": Resolved, "refused": Refused, "stopped": Stopped, "withdrawn": Withdrawn}
VALIDATED = "dossier"


class TimelineMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.pair: Pair = all_pairs()[0]
        self.proc: Procedure | None = None
        self.events: tuple[Any, ...] = ()
        self.walls: tuple[od.Ev, ...] = ()
        self.dossier: Dossier | None = None
        self.pending = False
        self.final: str | None = None
        self.returned = False
        self.requested_in_time = False  # some request was on or before the due date then
        self.steps = 0

    # -- building ------------------------------------------------------------------------------

    @initialize(
        pair=st.sampled_from(all_pairs()[:3]),
        limit=LIMITS,
        hour=st.booleans(),
        pause=st.booleans(),
        day=st.dates(date(2018, 7, 1), date(2030, 6, 30)),
        minute=st.integers(0, 1439),
    )
    def receive(
        self, pair: Pair, limit: TimeLimit, hour: bool, pause: bool, day: date, minute: int
    ) -> None:
        hour = hour and limit.unit in (
            Unit.WORKING_DAY,
            Unit.WORKING_HOUR,
            Unit.HOUR,
            Unit.SAME_DAY,
        )
        self.pair = pair
        self.proc = Procedure(
            "1.000894",
            "Thủ tục thử",
            "Hộ tịch",
            GovernmentLevel.COMMUNE,
            limit,
            supplement_policy=SupplementPolicy.PAUSE if pause else SupplementPolicy.RESTART,
            precision=Precision.HOUR if hour else Precision.DAY,
        )
        at = datetime.combine(day, time(minute // 60, minute % 60))
        self._append(Received(at), od.Ev("received", at))

    @property
    def last(self) -> datetime:
        return self.walls[-1].at

    def _append(self, event: Any, ev: od.Ev) -> None:
        assert self.proc is not None
        events = (*self.events, event)
        self.dossier = Dossier("HS-STATE", self.proc, events)
        self.events, self.walls = events, (*self.walls, ev)
        self.steps += 1

    def _refused(self, event: Any) -> None:
        """``event`` is not a valid next event: building must fail and change nothing."""
        assert self.proc is not None
        before = self.dossier
        with pytest.raises(InvalidTimelineError):
            Dossier("HS-STATE", self.proc, (*self.events, event))
        assert self.dossier is before
        assert before is not None
        assert before.events == self.events
        assert Dossier("HS-STATE", self.proc, self.events) == before  # still valid as it was

    @precondition(lambda self: self.final is None and not self.pending)
    @rule(gap=GAPS)
    def request(self, gap: timedelta) -> None:
        at = self.last + gap
        self._append(SupplementRequested(at), od.Ev("requested", at))
        self.pending = True

    @precondition(lambda self: self.final is None and self.pending)
    @rule(gap=GAPS)
    def supply(self, gap: timedelta) -> None:
        at = self.last + gap
        self._append(SupplementReceived(at), od.Ev("supplied", at))
        self.pending = False

    @precondition(lambda self: self.final is None)
    @rule(gap=GAPS, days=st.integers(1, 40))
    def apologize(self, gap: timedelta, days: int) -> None:
        at = self.last + gap
        new_due = at.date() + timedelta(days=days)
        self._append(
            Apologized(at, new_due=new_due, reason="Cần xác minh thêm"),
            od.Ev("apologized", at, new_due),
        )

    @precondition(lambda self: self.final is None)
    @rule(gap=GAPS, kind=st.sampled_from(sorted(FINALS)))
    def finish(self, gap: timedelta, kind: str) -> None:
        at = self.last + gap
        if kind == "resolved" and self.pending:
            self._refused(Resolved(at))
            kind = "closed"
        event = Closed(at) if kind == "closed" else FINALS[kind](at)
        if kind == "closed" and not self.pending:
            self._refused(event)
            return
        self._append(event, od.Ev(kind, at))
        self.final = kind

    @precondition(lambda self: self.final in ("resolved", "refused") and not self.returned)
    @rule(gap=GAPS)
    def give_back(self, gap: timedelta) -> None:
        at = self.last + gap
        self._append(Returned(at), od.Ev("returned", at))
        self.returned = True

    # -- invalid next events -------------------------------------------------------------------

    @rule(gap=GAPS, which=st.integers(0, 7))
    def invalid(self, gap: timedelta, which: int) -> None:
        at = self.last + gap
        candidates: list[Any] = [
            Received(at),  # a second receipt
            SupplementRequested(self.last - timedelta(minutes=1) - gap),  # out of order
            Apologized(at, new_due=at.date(), reason="x"),  # new date not after the apology
        ]
        if not self.pending:
            candidates.append(SupplementReceived(at))
            candidates.append(Closed(at))
        else:
            candidates.append(SupplementRequested(at))
            candidates.append(Resolved(at))
        if self.final is not None:
            candidates += [Resolved(at), Withdrawn(at), SupplementRequested(at)]
            if self.returned or self.final not in ("resolved", "refused"):
                candidates.append(Returned(at))
        else:
            candidates.append(Returned(at))
        self._refused(candidates[which % len(candidates)])

    # -- invariants ----------------------------------------------------------------------------

    def _with_policy(self, policy: SupplementPolicy) -> Dossier:
        assert self.proc is not None
        proc = attrs.evolve(self.proc, supplement_policy=policy)
        return Dossier("HS-STATE", proc, self.events)

    @invariant()
    def deadline_is_defined_and_consistent(self) -> None:
        if self.dossier is None:
            return
        assert self.proc is not None
        cal = self.pair.cal
        dl = deadline(self.dossier, calendar=cal)
        if self.proc.time_limit.unit is Unit.NONE:
            assert dl.due is None
            assert dl.original_due is None
            return
        assert dl.due is not None
        assert dl.original_due is not None
        restart = deadline(self._with_policy(SupplementPolicy.RESTART), calendar=cal)
        paused = deadline(self._with_policy(SupplementPolicy.PAUSE), calendar=cal)
        assert restart.due is not None
        assert paused.due is not None
        assert restart.original_due is not None
        assert restart.due >= restart.original_due
        assert paused.due <= restart.due
        if restart.due_at is not None:
            assert restart.original_due_at is not None
            assert paused.due_at is not None
            assert restart.due_at >= restart.original_due_at
            assert paused.due_at <= restart.due_at
        assert dl.clock_stopped == (self.pending and dl.clock_stopped)

    @invariant()
    def apology_never_changes_the_outcome(self) -> None:
        if self.dossier is None or not any(isinstance(e, Apologized) for e in self.events):
            return
        assert self.proc is not None
        plain = Dossier(
            "HS-STATE", self.proc, [e for e in self.events if not isinstance(e, Apologized)]
        )
        for as_of in (self.last, self.last.date() + timedelta(days=400)):
            with_apology = classify(self.dossier, as_of=as_of, calendar=self.pair.cal)
            without = classify(plain, as_of=as_of, calendar=self.pair.cal)
            assert with_apology.outcome == without.outcome

    @invariant()
    def open_overdue_stays_overdue(self) -> None:
        if self.dossier is None or self.final is not None:
            return
        received = self.walls[0].at
        moments = sorted(
            {e.at for e in self.walls}
            | {self.last + timedelta(hours=h) for h in (1, 30, 24 * 20, 24 * 90)}
            | {received + (self.last - received) / 2}
        )
        seen_overdue = False
        for as_of in moments:
            outcome = classify(self.dossier, as_of=as_of, calendar=self.pair.cal).outcome
            assert outcome in (Outcome.WITHIN_TIME, Outcome.OVERDUE)
            if seen_overdue:
                assert outcome is Outcome.OVERDUE, f"OVERDUE, then {outcome.name} at {as_of}"
            seen_overdue = outcome is Outcome.OVERDUE

    @invariant()
    def agrees_with_the_oracle(self) -> None:
        if self.dossier is None:
            return
        assert self.proc is not None
        later = self.last + timedelta(days=45)
        case = Case(
            self.pair,
            self.dossier,
            list(self.walls),
            self.proc.time_limit,
            self.proc.supplement_policy is SupplementPolicy.PAUSE,
            self.proc.precision is Precision.HOUR,
            None,
            (self.last, later),
            (self.last.date(), later.date()),
        )
        check_case(case)


test_timeline_machine = TimelineMachine.TestCase

"""Hypothesis strategies for tthc's values: every value they build is valid.

Use them in your own property tests; after ``pip install tthc`` they are also registered with
hypothesis (entry point ``hypothesis``), so ``st.from_type(tthc.Dossier)`` just works.

>>> from hypothesis import given
>>> from tthc.models import Dossier
>>> @given(dossiers())
... def test_received_first_or_after_submission(d: Dossier) -> None:
...     assert d.events[0] is d.received or d.events[0] is d.submitted
>>> test_received_first_or_after_submission()

What they build:

* :func:`time_limits`: every unit; amounts 1..``max_amount``; cut-offs in whole minutes; an
  optional "(không kể thời gian …)" text.
* :func:`procedures`: codes matching ``d.dddddd`` with optional provincial suffixes, levels valid
  after 2025-07-01 unless ``levels`` says otherwise, channel limits, steps with budgets.
* :func:`timelines` / :func:`dossiers`: timelines that pass every rule of
  :class:`~tthc.models.Dossier` (order, one receipt, supplements, exclusions, apologies with a later
  new date, steps of the procedure, final events, return), all naive or all aware, between
  ``min_date`` and ``max_date``.
* :func:`calendars`: the Vietnamese state-agency calendar with random valid local overrides
  (closures of working days, extra working days) and office sessions.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta, timezone

from hypothesis import strategies as st

from tthc.calendar import (
    DayKind,
    Override,
    Session,
    WorkingCalendar,
    vietnam_calendar,
    wall_date,
)
from tthc.errors import InvalidValueError
from tthc.events import (
    EVENT_TYPES,
    Apologized,
    Closed,
    Event,
    ExclusionEnded,
    ExclusionStarted,
    Received,
    Refused,
    Resolved,
    Returned,
    StepCompleted,
    Stopped,
    Submitted,
    SupplementReceived,
    SupplementRequested,
    Withdrawn,
)
from tthc.models import Dossier
from tthc.procedures import Procedure, ProcessStep
from tthc.services import Channel, GovernmentLevel, ServiceLevel
from tthc.timelimits import MAX_AMOUNT, Precision, SupplementPolicy, TimeLimit, Unit

__all__ = [
    "calendars",
    "dossiers",
    "events",
    "moments",
    "one_session",
    "overrides",
    "procedures",
    "process_steps",
    "register_type_strategies",
    "sessions",
    "texts",
    "time_limits",
    "timelines",
]

_VI_LETTERS = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
)
_ALPHABET = _VI_LETTERS + _VI_LETTERS.upper() + string.digits + " ,.-/"

DEFAULT_MIN_DATE = date(2020, 1, 1)
DEFAULT_MAX_DATE = date(2030, 12, 31)


@functools.lru_cache(maxsize=64)
def texts(*, min_size: int = 1, max_size: int = 30) -> st.SearchStrategy[str]:
    """Short Vietnamese text on one line, not blank, without surrounding spaces."""
    return (
        st.text(_ALPHABET, min_size=min_size, max_size=max_size)
        .map(lambda s: " ".join(s.split()))
        .filter(lambda s: len(s) >= min_size)
    )


def time_limits(
    units: Sequence[Unit] | None = None, *, max_amount: int = 60
) -> st.SearchStrategy[TimeLimit]:
    """Valid :class:`~tthc.timelimits.TimeLimit` values in ``units`` (default: all)."""
    if not 1 <= max_amount <= MAX_AMOUNT:
        raise InvalidValueError(f"max_amount: expected 1..{MAX_AMOUNT}, got {max_amount}")
    chosen = tuple(units) if units is not None else tuple(Unit)

    def build(unit: Unit) -> st.SearchStrategy[TimeLimit]:
        if unit is Unit.NONE:
            return st.just(TimeLimit.none())
        if unit is Unit.SAME_DAY:
            cutoffs = st.none() | st.builds(
                time, st.integers(8, 17), st.sampled_from([0, 0, 0, 15, 30, 45])
            )
            return cutoffs.map(lambda c: TimeLimit.same_day(cutoff=c))
        return st.builds(
            lambda n, excl: TimeLimit(n, unit, excluding=excl),
            st.integers(1, max_amount),
            st.none() | texts(max_size=40),
        )

    return st.sampled_from(chosen).flatmap(build)


def process_steps(*, max_amount: int = 10) -> st.SearchStrategy[ProcessStep]:
    """One step of an interlinked procedure, with a counted or same-day budget."""
    budgets = time_limits(
        [Unit.WORKING_DAY, Unit.DAY, Unit.WORKING_HOUR, Unit.SAME_DAY], max_amount=max_amount
    )
    return st.builds(ProcessStep, texts(), texts(), budgets)


_DEFAULT_LIMITS = time_limits()
_STEPS = process_steps()
_codes = st.builds(
    lambda head, body, suffixes: f"{head}.{body:06d}" + "".join(f".{s}" for s in suffixes),
    st.integers(0, 9),
    st.integers(0, 999_999),
    st.lists(st.text(st.sampled_from(string.digits + "ABHZ"), min_size=1, max_size=4), max_size=2),
)


@st.composite
def procedures(
    draw: st.DrawFn,
    *,
    limits: st.SearchStrategy[TimeLimit] | None = None,
    levels: Sequence[GovernmentLevel] = (
        GovernmentLevel.CENTRAL,
        GovernmentLevel.PROVINCE,
        GovernmentLevel.COMMUNE,
    ),
    max_steps: int = 3,
) -> Procedure:
    """Valid :class:`~tthc.procedures.Procedure` values (codes, names, limits, channels, steps).

    ``limits`` draws the procedure's limits (default: :func:`time_limits`); ``levels`` the
    levels of government (default: the three that exist since 2025-07-01). A procedure with a
    limit in calendar days or months counts by day (``Precision.HOUR`` refuses them).
    """
    drawn = limits if limits is not None else _DEFAULT_LIMITS
    time_limit = draw(drawn)
    channel_limits = draw(st.dictionaries(st.sampled_from(list(Channel)), drawn, max_size=2))
    by_day = any(
        limit.unit in (Unit.DAY, Unit.MONTH) for limit in (time_limit, *channel_limits.values())
    )
    precision = Precision.DAY if by_day else draw(st.sampled_from(list(Precision)))
    return Procedure(
        draw(_codes),
        draw(texts()),
        draw(texts(min_size=0)),
        draw(st.sampled_from(list(levels))),
        time_limit,
        channel_time_limits=channel_limits,
        service_level=draw(st.none() | st.sampled_from(list(ServiceLevel))),
        supplement_policy=draw(st.sampled_from(list(SupplementPolicy))),
        legal_basis=tuple(draw(st.lists(texts(), max_size=2))),
        steps=tuple(draw(st.lists(_STEPS, max_size=max_steps, unique_by=lambda s: s.name))),
        precision=precision,
    )


_DEFAULT_PROCEDURES = procedures()


_OFFSETS = st.sampled_from([7 * 60, 7 * 60, 0, 9 * 60, -5 * 60, 5 * 60 + 30])


def moments(
    *,
    min_date: date = DEFAULT_MIN_DATE,
    max_date: date = DEFAULT_MAX_DATE,
    aware: bool | None = False,
) -> st.SearchStrategy[datetime]:
    """Datetimes between ``min_date`` and ``max_date``: naive (default), aware, or either (None).

    Aware values use fixed UTC offsets (UTC+7 most often); their Vietnamese date stays in range.
    """
    naive = st.datetimes(
        datetime.combine(min_date + timedelta(days=1), time(0)),
        datetime.combine(max_date - timedelta(days=1), time(0)),
    ).map(lambda dt: dt.replace(microsecond=0))
    if aware is False:
        return naive
    with_tz = st.builds(
        lambda dt, minutes: dt.replace(tzinfo=timezone(timedelta(minutes=minutes))),
        naive,
        _OFFSETS,
    )
    return with_tz if aware else naive | with_tz


_GAPS = st.one_of(
    st.just(timedelta(0)),
    st.integers(1, 600).map(lambda m: timedelta(minutes=m)),
    st.integers(1, 40).map(lambda d: timedelta(days=d)),
    st.integers(1, 86_400 * 5).map(lambda s: timedelta(seconds=s)),
)


@st.composite
def timelines(
    draw: st.DrawFn,
    procedure: Procedure,
    *,
    min_date: date = DEFAULT_MIN_DATE,
    max_date: date = DEFAULT_MAX_DATE,
    aware: bool | None = None,
    max_events: int = 10,
    finished: bool | None = None,
    frame_layout: bool = False,
) -> tuple[Event, ...]:
    """A valid timeline for ``procedure`` (see :class:`~tthc.models.Dossier` for the rules).

    ``finished`` forces a final event (True), forbids one (False) or lets it vary (None).
    ``frame_layout=True`` draws only timelines the one-row frame layout of :mod:`tthc.batch` holds
    (no excluded period or completed step, at most two supplement requests and two apologies).
    Events are spread over at most ``max_events`` steps of up to 40 days each after the receipt,
    so keep ``max_date`` that far after ``min_date``.
    """
    latest = max_date - timedelta(days=41 * (max_events + 3))
    start = draw(
        moments(min_date=min_date, max_date=max(latest, min_date + timedelta(3)), aware=aware)
    )
    events: list[Event] = []
    at = start
    if draw(st.booleans()):
        events.append(Submitted(at))
        at = at + draw(_GAPS)
        events.append(Received(at, channel=Channel.ONLINE))
    else:
        channel = draw(st.sampled_from([Channel.IN_PERSON, Channel.POSTAL, Channel.ONLINE]))
        events.append(Received(at, channel=channel))
    pending = False
    excluded = False
    steps_left = [s.name for s in procedure.steps]
    requests = apologies = 0
    # the frame layout holds two supplement rounds and two apologies: six events at most
    most = min(max_events, 6) if frame_layout else max_events
    for _ in range(draw(st.integers(0, most))):
        at = at + draw(_GAPS)
        if frame_layout:
            options = ["supplement"] if pending or requests < 2 else []
            options += ["apology"] if apologies < 2 else []
        else:
            options = ["supplement", "exclusion", "apology"] + (["step"] if steps_left else [])
        what = draw(st.sampled_from(options))
        if what == "supplement":
            requests += not pending
            if pending:
                events.append(SupplementReceived(at))
            else:
                events.append(SupplementRequested(at, reason=draw(texts(min_size=0))))
            pending = not pending
        elif what == "exclusion":
            if excluded:
                events.append(ExclusionEnded(at))
            else:
                events.append(ExclusionStarted(at, reason=draw(texts())))
            excluded = not excluded
        elif what == "apology":
            apologies += 1
            new_due = wall_date(at) + timedelta(days=draw(st.integers(1, 30)))
            events.append(Apologized(at, new_due=new_due, reason=draw(texts())))
        else:
            name = draw(st.sampled_from(steps_left))
            steps_left.remove(name)
            events.append(StepCompleted(at, step=name))
    finish = draw(st.booleans()) if finished is None else finished
    if finish:
        at = at + draw(_GAPS)
        kinds: list[type[Event]] = [Refused, Stopped, Withdrawn]
        kinds += [Closed] if pending else [Resolved]
        kind = draw(st.sampled_from(kinds))
        if kind is Resolved:
            final: Event = Resolved(at, digitally_signed=draw(st.none() | st.booleans()))
        elif kind in (Refused, Stopped):
            final = kind(at, reason=draw(texts(min_size=0)))
        else:
            final = kind(at)
        events.append(final)
        if isinstance(final, (Resolved, Refused)) and draw(st.booleans()):
            events.append(Returned(at + draw(_GAPS)))
    return tuple(events)


@st.composite
def dossiers(
    draw: st.DrawFn,
    procedures: st.SearchStrategy[Procedure] | None = None,
    *,
    min_date: date = DEFAULT_MIN_DATE,
    max_date: date = DEFAULT_MAX_DATE,
    aware: bool | None = None,
    max_events: int = 10,
    finished: bool | None = None,
    frame_layout: bool = False,
) -> Dossier:
    """A valid :class:`~tthc.models.Dossier` of a procedure drawn from ``procedures``
    (default: :func:`procedures`; pass ``st.just(p)`` or ``st.sampled_from(catalogue)``).

    ``frame_layout=True``: only dossiers the frame layout of :mod:`tthc.batch` holds (see
    :func:`timelines`), e.g. to test a pipeline on frames built with ``dossiers_to_frame``."""
    procedure = draw(procedures if procedures is not None else _DEFAULT_PROCEDURES)
    events = draw(
        timelines(
            procedure,
            min_date=min_date,
            max_date=max_date,
            aware=aware,
            max_events=max_events,
            finished=finished,
            frame_layout=frame_layout,
        )
    )
    agency = draw(st.none() | texts())
    return Dossier(draw(texts(max_size=12)), procedure, events, agency=agency)


def events(
    kinds: Sequence[type[Event]] = EVENT_TYPES, *, aware: bool | None = False
) -> st.SearchStrategy[Event]:
    """A single valid event of one of ``kinds`` (use :func:`timelines` for a valid sequence)."""

    def build(cls: type[Event]) -> st.SearchStrategy[Event]:
        at = moments(aware=aware)
        if cls is Received:
            return st.builds(Received, at, channel=st.sampled_from(list(Channel)))
        if cls in (SupplementRequested, Refused, Stopped):
            return st.builds(cls, at, reason=texts(min_size=0))
        if cls is ExclusionStarted:
            return st.builds(ExclusionStarted, at, reason=texts())
        if cls is StepCompleted:
            return st.builds(StepCompleted, at, step=texts())
        if cls is Resolved:
            return st.builds(Resolved, at, digitally_signed=st.none() | st.booleans())
        if cls is Apologized:
            return at.flatmap(
                lambda a: st.builds(
                    Apologized,
                    st.just(a),
                    new_due=st.integers(1, 30).map(lambda n: wall_date(a) + timedelta(days=n)),
                    reason=texts(),
                )
            )
        return st.builds(cls, at)

    return st.sampled_from(list(kinds)).flatmap(build)


def sessions(*, max_sessions: int = 3) -> st.SearchStrategy[tuple[Session, ...]]:
    """Non-overlapping office sessions between 06:00 and 20:00 (at least one)."""

    def build(cuts: list[int]) -> tuple[Session, ...]:
        pairs = zip(cuts[::2], cuts[1::2], strict=True)
        return tuple(Session(time(a // 60, a % 60), time(b // 60, b % 60)) for a, b in pairs)

    return (
        st.lists(
            st.integers(6 * 4, 20 * 4).map(lambda q: q * 15),
            min_size=2,
            max_size=2 * max_sessions,
            unique=True,
        )
        .map(lambda xs: sorted(xs)[: len(xs) // 2 * 2])
        .map(build)
    )


@st.composite
def overrides(
    draw: st.DrawFn,
    base: WorkingCalendar | None = None,
    *,
    min_date: date = DEFAULT_MIN_DATE,
    max_date: date = DEFAULT_MAX_DATE,
    max_size: int = 3,
) -> tuple[Override, ...]:
    """Local overrides valid on ``base`` (default: the Vietnamese calendar), one per date.

    A working day gets a ``CLOSURE``; a day off gets an ``EXTRA_WORKDAY``.
    """
    cal = base if base is not None else vietnam_calendar()
    taken = {o.date for o in cal.overrides}
    days = draw(
        st.lists(
            st.dates(max(min_date, cal.first), min(max_date, cal.last)).filter(
                lambda d: d not in taken
            ),
            max_size=max_size,
            unique=True,
        )
    )
    out = []
    for d in days:
        kind = DayKind.CLOSURE if cal.is_working_day(d) else DayKind.EXTRA_WORKDAY
        out.append(Override(d, kind, draw(texts()), draw(texts())))
    return tuple(out)


@st.composite
def calendars(
    draw: st.DrawFn,
    base: WorkingCalendar | None = None,
    *,
    max_overrides: int = 3,
    vary_sessions: bool = True,
) -> WorkingCalendar:
    """``base`` (default: :func:`~tthc.calendar.vietnam_calendar`) with random valid overrides
    and, if ``vary_sessions``, random office sessions."""
    cal = base if base is not None else vietnam_calendar()
    extra = draw(overrides(cal, max_size=max_overrides))
    if extra:
        cal = cal.with_overrides(*extra)
    if vary_sessions and draw(st.booleans()):
        cal = cal.with_sessions(*draw(sessions()))
    return cal


def one_session() -> st.SearchStrategy[Session]:
    """A single office session (what ``st.from_type(Session)`` draws)."""
    return st.builds(lambda s: s[0], sessions(max_sessions=1))


def register_type_strategies() -> None:
    """Register these strategies for ``st.from_type`` by hand.

    The ``hypothesis`` entry point does this on install; call it when plugins are turned off
    (``HYPOTHESIS_NO_PLUGINS=1``).

    >>> register_type_strategies()
    >>> from tthc import TimeLimit
    >>> isinstance(st.from_type(TimeLimit).example(), TimeLimit)  # doctest: +SKIP
    True
    """
    from tthc._hypothesis_plugin import _hypothesis_setup_hook

    _hypothesis_setup_hook()

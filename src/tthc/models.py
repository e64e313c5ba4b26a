"""Dossiers: one application for one procedure, with its timeline of events and its rules.

:class:`Dossier` holds the :class:`~tthc.procedures.Procedure` and the events
(:mod:`tthc.events`) and checks, when it is built, that they make a timeline (order, one receipt,
supplements, exclusions, final events, naive or aware moments). The values a dossier is made of
live in their own modules and are re-exported here, so ``from tthc.models import Received`` keeps
working: the level, channel and service levels in :mod:`tthc.services`, procedures in
:mod:`tthc.procedures`, events in :mod:`tthc.events`.

>>> from datetime import datetime
>>> from tthc.timelimits import TimeLimit
>>> p = Procedure("2.000815", "Chứng thực bản sao", "Chứng thực", GovernmentLevel.COMMUNE,
...               TimeLimit.same_day())
>>> Dossier("HS-001", p, [Received(datetime(2026, 3, 5, 9))]).channel
<Channel.IN_PERSON: 'in_person'>
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from datetime import date, datetime, timezone
from typing import Any

import attrs

# Re-exported: every name importable from tthc.models before it was split (issue 14).
from tthc.calendar import WorkingCalendar as WorkingCalendar
from tthc.calendar import vietnam_calendar as vietnam_calendar
from tthc.calendar import wall_date
from tthc.errors import ArgumentTypeError as ArgumentTypeError
from tthc.errors import InvalidTimelineError as InvalidTimelineError
from tthc.errors import InvalidValueError as InvalidValueError
from tthc.errors import TimelineTimezoneError as TimelineTimezoneError
from tthc.events import (
    EVENT_TYPES,
    AnyEvent,
    Apologized,
    Appointed,
    Closed,
    CorrectionRequested,
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
    _check_representable,
)
from tthc.labelled import LabelledEnum as LabelledEnum
from tthc.law import (
    ND42_2022_FROM,
    ND43_2011_FROM,
    ND224_2026_FROM,
)
from tthc.law import TWO_TIER_LOCAL_GOVERNMENT_FROM as TWO_TIER_LOCAL_GOVERNMENT_FROM
from tthc.procedures import CODE_RE, UNCATALOGUED, Procedure, ProcessStep
from tthc.services import REFORM_DATE, Channel, GovernmentLevel, ProactiveLevel, ServiceLevel
from tthc.timelimits import Alternative as Alternative
from tthc.timelimits import Precision as Precision
from tthc.timelimits import SupplementPolicy
from tthc.timelimits import TimeLimit as TimeLimit
from tthc.timelimits import Unit as Unit
from tthc.validators import check_date as check_date
from tthc.validators import instance_of, nfc, non_empty_str, optional
from tthc.validators import tuple_of as tuple_of

__all__ = [
    "CODE_RE",
    "EVENT_TYPES",
    "ND42_2022_FROM",
    "ND43_2011_FROM",
    "ND224_2026_FROM",
    "REFORM_DATE",
    "UNCATALOGUED",
    "AnyEvent",
    "Apologized",
    "Appointed",
    "Channel",
    "Closed",
    "CorrectionRequested",
    "Dossier",
    "Event",
    "ExclusionEnded",
    "ExclusionStarted",
    "GovernmentLevel",
    "ProactiveLevel",
    "Procedure",
    "ProcessStep",
    "Received",
    "Refused",
    "Resolved",
    "Returned",
    "ServiceLevel",
    "StepCompleted",
    "Stopped",
    "Submitted",
    "SupplementPolicy",
    "SupplementReceived",
    "SupplementRequested",
    "Withdrawn",
]


def _events_tuple(value: object) -> tuple[Any, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise ArgumentTypeError(
            f"Dossier.events: expected an iterable of events, got {type(value).__name__} {value!r}"
        )
    return tuple(value)


def _check_events(
    instance: Dossier, attribute: attrs.Attribute[Any], value: tuple[Any, ...]
) -> None:
    for item in value:
        if type(item) not in EVENT_TYPES:
            raise ArgumentTypeError(
                f"Dossier.events: expected timeline events (Received, Resolved, ...), got "
                f"{type(item).__name__} {item!r} (dossier {instance.id!r})"
            )


@attrs.frozen
class Dossier:
    """One application (hồ sơ) for one procedure, with its timeline of events.

    The timeline is checked when the dossier is built; a broken rule raises
    :class:`~tthc.errors.InvalidTimelineError` naming the dossier, the events and the rule:

    - events are in chronological order (equal moments keep the order given);
    - all ``at`` are naive or all are aware (else :class:`~tthc.errors.TimelineTimezoneError`);
    - exactly one ``Received``; only a ``Submitted`` (at most one, for an ONLINE receipt) before it,
      then at most one ``CorrectionRequested`` (it needs the ``Submitted``);
    - at most one final event (``Resolved``, ``Refused``, ``Stopped``, ``Withdrawn``, ``Closed``),
      and after it only ``Returned``, which needs a ``Resolved`` or ``Refused`` and comes once;
    - a ``SupplementReceived`` only while a ``SupplementRequested`` is outstanding, and no new
      request while one is; ``Closed`` only while one is; no ``Resolved`` while one is;
    - ``ExclusionStarted`` / ``ExclusionEnded`` alternate;
    - an ``Apologized.new_due`` is after the apology's date; an ``Appointed.promised_due`` is
      not before the appointment's;
    - a ``StepCompleted`` names a step of the procedure, each step at most once.

    >>> from datetime import datetime
    >>> p = Procedure("2.000815", "Chứng thực bản sao", "Chứng thực", GovernmentLevel.COMMUNE,
    ...               TimeLimit.same_day())
    >>> Dossier("HS-001", p, [Received(datetime(2026, 3, 5, 9)),
    ...                       SupplementReceived(datetime(2026, 3, 6, 9))])
    Traceback (most recent call last):
    ...
    tthc.errors.InvalidTimelineError: SupplementReceived at 2026-03-06 09:00:00 without an outstanding SupplementRequested (dossier 'HS-001')
    """

    id: str = attrs.field(converter=nfc, validator=non_empty_str)
    procedure: Procedure = attrs.field(validator=instance_of(Procedure, "a Procedure"))
    events: tuple[AnyEvent, ...] = attrs.field(converter=_events_tuple, validator=_check_events)
    agency: str | None = attrs.field(
        default=None,
        kw_only=True,
        converter=nfc,
        validator=optional(instance_of(str, "a str or None")),
    )
    time_limit_case: str | None = attrs.field(
        default=None, kw_only=True, validator=optional(instance_of(str, "a str or None"))
    )
    """Which of the procedure's ``time_limit_alternatives`` applies ("xác minh"); ``None``: the
    default limit."""

    def __attrs_post_init__(self) -> None:
        _validate_timeline(self)
        if self.time_limit_case is not None:
            try:
                self.procedure.alternative(self.time_limit_case)
            except InvalidValueError as exc:
                raise InvalidValueError(f"Dossier {self.id!r}: time_limit_case: {exc}") from None

    def _fail(self, message: str) -> InvalidTimelineError:
        return InvalidTimelineError(f"{message} (dossier {self.id!r})")

    @property
    def received(self) -> Received:
        """The ``Received`` event: the clock starts here."""
        return next(e for e in self.events if isinstance(e, Received))

    @property
    def submitted(self) -> Submitted | None:
        """The online ``Submitted`` event, if any."""
        return next((e for e in self.events if isinstance(e, Submitted)), None)

    @property
    def channel(self) -> Channel:
        """The channel of the ``Received`` event."""
        return self.received.channel

    @property
    def final_event(self) -> Resolved | Refused | Stopped | Withdrawn | Closed | None:
        """The final event, if the dossier is finished."""
        for e in self.events:
            if isinstance(e, (Resolved, Refused, Stopped, Withdrawn, Closed)):
                return e
        return None

    @property
    def promised_due(self) -> date | None:
        """The appointment date (ngày hẹn trả) last given (:class:`Appointed`), if any."""
        promised = None
        for e in self.events:
            if isinstance(e, Appointed):
                promised = e.promised_due
        return promised

    @property
    def is_aware(self) -> bool:
        """Whether the timeline's datetimes are aware (else naive wall time)."""
        return self.events[0].at.tzinfo is not None

    def until(self, moment: datetime) -> Dossier:
        """The same dossier with only the events at or before ``moment`` (what was known then).

        ``moment`` must be naive or aware as the timeline is. When no event is after ``moment``,
        the dossier itself (it is immutable).
        """
        if not isinstance(moment, datetime):
            raise ArgumentTypeError(
                f"Dossier.until: expected a datetime, got {type(moment).__name__} {moment!r}"
            )
        if moment != moment:
            raise InvalidValueError(f"Dossier.until: expected a datetime, got {moment!r}")
        _check_representable(moment, "Dossier.until")
        if (moment.tzinfo is not None) != self.is_aware:
            raise TimelineTimezoneError(
                f"Dossier.until: the timeline is {'aware' if self.is_aware else 'naive'} but "
                f"the moment {moment.isoformat()} is not (dossier {self.id!r})"
            )
        naive = moment.tzinfo is None  # naive wall times compare as they are (the hot path)
        limit = moment if naive else _instant(moment)
        received = self.received.at
        if limit < (received if naive else _instant(received)):
            raise InvalidValueError(
                f"Dossier.until: the dossier was received at {received.isoformat(sep=' ')}"
                f", after {moment.isoformat(sep=' ')} (dossier {self.id!r})"
            )
        kept = tuple(e for e in self.events if (e.at if naive else _instant(e.at)) <= limit)
        if len(kept) == len(self.events):  # nothing after ``moment``: this very (frozen) dossier
            return self
        return attrs.evolve(self, events=kept)


def _instant(at: datetime) -> datetime:
    """``at`` comparable as an instant: aware values in UTC, naive ones as they are.

    Python compares two aware datetimes of the same ``tzinfo`` by wall time, ignoring ``fold``:
    in a zone with daylight saving, 02:30 (second pass, fold=1) would sort before 02:40 (first
    pass). In UTC every instant has one wall time.
    """
    return at if at.tzinfo is None else at.astimezone(timezone.utc)


def _validate_timeline(d: Dossier) -> None:
    events = d.events
    if not events:
        raise d._fail("a timeline needs at least a Received event, got no events")
    aware = [e.at.tzinfo is not None for e in events]
    if any(aware) and not all(aware):
        naive_e = next(e for e, a in zip(events, aware, strict=True) if not a)
        aware_e = next(e for e, a in zip(events, aware, strict=True) if a)
        raise TimelineTimezoneError(
            f"naive and aware datetimes mixed: {naive_e.describe()} is naive, "
            f"{aware_e.describe()} is aware (dossier {d.id!r})"
        )
    # naive wall times compare as they are; aware ones as instants (once per event)
    moments = [_instant(e.at) for e in events] if aware[0] else [e.at for e in events]
    for i, (a, b) in enumerate(itertools.pairwise(moments)):
        if b < a:
            prev, cur = events[i], events[i + 1]
            raise d._fail(f"{cur.describe()} precedes {prev.describe()}: events must be in order")
    received = [e for e in events if isinstance(e, Received)]
    if len(received) != 1:
        listed = ", ".join(e.describe() for e in received) or "none"
        raise d._fail(f"expected exactly one Received event, got {len(received)}: {listed}")
    seen_received = False
    final: Event | None = None
    returned: Event | None = None
    pending_request: Event | None = None
    open_exclusion: Event | None = None
    steps_done: set[str] = set()
    step_names = {s.name for s in d.procedure.steps}
    submitted: Event | None = None
    correction: Event | None = None
    for e in events:
        if returned is not None:
            raise d._fail(f"{e.describe()} after {returned.describe()}: Returned is the last event")
        if final is not None and not isinstance(e, Returned):
            raise d._fail(
                f"{e.describe()} after the final {final.describe()}: only Returned may follow"
            )
        if not seen_received and not isinstance(e, (Submitted, CorrectionRequested, Received)):
            raise d._fail(f"{e.describe()} before the dossier was Received")
        if isinstance(e, Submitted):
            if submitted is not None:
                raise d._fail(f"{e.describe()} after {submitted.describe()}: one Submitted only")
            if seen_received:
                raise d._fail(f"{e.describe()} after Received: Submitted comes first")
            submitted = e
        elif isinstance(e, CorrectionRequested):
            if submitted is None or seen_received:
                raise d._fail(
                    f"{e.describe()}: a correction is requested between an online Submitted "
                    "and Received"
                )
            if correction is not None:
                raise d._fail(
                    f"{e.describe()} after {correction.describe()}: corrections are requested "
                    "once, in full"
                )
            correction = e
        elif isinstance(e, Received):
            seen_received = True
            if submitted is not None and e.channel is not Channel.ONLINE:
                raise d._fail(
                    f"{submitted.describe()} is an online submission but {e.describe()} has "
                    f"channel {e.channel.name}"
                )
        elif isinstance(e, SupplementRequested):
            if pending_request is not None:
                raise d._fail(
                    f"{e.describe()} while {pending_request.describe()} is still outstanding"
                )
            pending_request = e
        elif isinstance(e, SupplementReceived):
            if pending_request is None:
                raise d._fail(f"{e.describe()} without an outstanding SupplementRequested")
            pending_request = None
        elif isinstance(e, ExclusionStarted):
            if open_exclusion is not None:
                raise d._fail(f"{e.describe()} while {open_exclusion.describe()} is still open")
            open_exclusion = e
        elif isinstance(e, ExclusionEnded):
            if open_exclusion is None:
                raise d._fail(f"{e.describe()} without an open ExclusionStarted")
            open_exclusion = None
        elif isinstance(e, Apologized):
            if e.new_due <= wall_date(e.at):
                raise d._fail(
                    f"{e.describe()} sets new_due {e.new_due}, which is not after the apology"
                )
        elif isinstance(e, Appointed):
            if e.promised_due < wall_date(e.at):
                raise d._fail(
                    f"{e.describe()} sets promised_due {e.promised_due}, before the appointment"
                )
        elif isinstance(e, StepCompleted):
            if e.step not in step_names:
                raise d._fail(
                    f"{e.describe()} names step {e.step!r}, not a step of procedure "
                    f"{d.procedure.code} (steps: {sorted(step_names)})"
                )
            if e.step in steps_done:
                raise d._fail(f"{e.describe()}: step {e.step!r} completed twice")
            steps_done.add(e.step)
        elif isinstance(e, Returned):
            if not isinstance(final, (Resolved, Refused)):
                raise d._fail(f"{e.describe()} without a Resolved or Refused before it")
            returned = e
        else:  # final events
            if isinstance(e, Closed) and pending_request is None:
                raise d._fail(f"{e.describe()} without an outstanding SupplementRequested")
            if isinstance(e, Resolved) and pending_request is not None:
                raise d._fail(
                    f"{e.describe()} while {pending_request.describe()} is still outstanding"
                )
            final = e

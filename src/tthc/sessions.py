"""Office hours: Vietnamese wall time and the office sessions of a working day.

A naive ``datetime`` is Vietnamese wall time (:data:`VIETNAM_TZ`, UTC+7, no DST); an aware one is
converted (:func:`wall_time`, :func:`wall_date`). A :class:`Session` is one ``[start, end)`` span
of office hours; :data:`DEFAULT_SESSIONS` are the default calendar's. Every name is re-exported by
:mod:`tthc.calendar`.

>>> [str(s.start) for s in DEFAULT_SESSIONS]
['07:30:00', '13:00:00']
"""

from __future__ import annotations

import itertools
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import attrs

from tthc.errors import ArgumentTypeError, InvalidValueError, TimezoneError

__all__ = ["DEFAULT_SESSIONS", "VIETNAM_TZ", "Session", "wall_date", "wall_time"]

VIETNAM_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
"""Vietnam's time zone: UTC+7, no daylight saving time."""


def wall_time(moment: datetime) -> datetime:
    """``moment`` as naive Vietnamese wall time: naive values as they are, aware ones converted.

    >>> from datetime import timezone
    >>> wall_time(datetime(2026, 3, 6, 2, 0, tzinfo=timezone.utc))
    datetime.datetime(2026, 3, 6, 9, 0)
    """
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(VIETNAM_TZ).replace(tzinfo=None)


def wall_date(moment: datetime) -> date:
    """The Vietnamese calendar date of ``moment`` (see :func:`wall_time`).

    >>> from datetime import timezone
    >>> wall_date(datetime(2026, 3, 5, 20, 0, tzinfo=timezone.utc))
    datetime.date(2026, 3, 6)
    """
    return wall_time(moment).date()


def _check_time(value: object, field: str) -> time:
    if not isinstance(value, time):
        raise ArgumentTypeError(f"{field}: expected a datetime.time, got {type(value).__name__}")
    if value.tzinfo is not None:
        raise TimezoneError(f"{field}: expected a naive wall-clock time, got {value!r}")
    return value


@attrs.frozen(order=True)
class Session:
    """One office session of a working day, ``[start, end)`` in Vietnamese wall time.

    >>> Session(time(7, 30), time(11, 30)).duration
    datetime.timedelta(seconds=14400)
    """

    start: time
    end: time

    def __attrs_post_init__(self) -> None:
        _check_time(self.start, "Session.start")
        _check_time(self.end, "Session.end")
        if not self.start < self.end:
            raise InvalidValueError(
                f"Session: expected start < end, got start={self.start} end={self.end}"
            )

    @property
    def duration(self) -> timedelta:
        """Length of the session."""
        return timedelta(microseconds=_time_us(self.end) - _time_us(self.start))


DEFAULT_SESSIONS = (Session(time(7, 30), time(11, 30)), Session(time(13, 0), time(17, 0)))
"""Office hours of the default calendar: 07:30–11:30 and 13:00–17:00."""

_ONE_US = timedelta(microseconds=1)


def _time_us(t: time) -> int:
    return ((t.hour * 60 + t.minute) * 60 + t.second) * 1_000_000 + t.microsecond


def _check_sessions(sessions: tuple[Session, ...]) -> tuple[Session, ...]:
    if not sessions:
        raise InvalidValueError("sessions: expected at least one Session, got none")
    for s in sessions:
        if not isinstance(s, Session):
            raise ArgumentTypeError(f"sessions: expected Session values, got {type(s).__name__}")
    ordered = tuple(sorted(sessions))
    for a, b in itertools.pairwise(ordered):
        if b.start < a.end:
            raise InvalidValueError(f"sessions: expected non-overlapping sessions, got {a} and {b}")
    return ordered

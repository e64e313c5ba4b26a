"""Two public one-stop systems' appointment-date algorithms, re-implemented from DOMAIN.md §9.

Written independently of :mod:`tthc.appointments` (day-by-day loops over a calendar predicate, no tthc
deadline code), to check that the audit names the convention that made each difference:

* ``OPENCPS`` (``VietOpenCPS/opencps-v2``, ``DueDateUtils.java``): knows worked Saturdays;
  pauses the clock after a supplement and adds the working days left;
* ``DOTNET`` (``HuanVu201/DichVuCong_KhoaLuan_PASETO``, ``CaculateTime.cs``): Saturday and
  Sunday hard-coded off; pauses and adds the calendar days the supplement took.

Both: a receipt after 17:00 or on a weekend starts the count on the next working day; days off
are loaded from the receipt instant on, so a holiday on the receipt day is a working day; hour
limits run through the lunch break (a day is 07:30–17:00). Only the conventions in tthc's closed
list of causes are modelled (the .NET one's 15:00:00 same-day edge, its hours on days off and
OpenCPS's rounding to the quarter hour are not).
"""

from __future__ import annotations

import enum
from datetime import date, datetime, time, timedelta

from tthc.appointments import Cause
from tthc.calendar import WorkingCalendar
from tthc.timelimits import TimeLimit, Unit

OPEN, CLOSE, CUTOFF = time(7, 30), time(17, 0), time(15, 0)


class Peer(enum.Enum):
    OPENCPS = "opencps"
    DOTNET = "dotnet"


class PeerCalendar:
    """The peer's idea of working days for one dossier (receipt day known)."""

    def __init__(self, cal: WorkingCalendar, peer: Peer, receipt_day: date) -> None:
        self.cal, self.peer, self.receipt_day = cal, peer, receipt_day

    def off(self, d: date) -> bool:
        if d.weekday() >= 5:
            if self.peer is Peer.DOTNET:
                return True
            return not self.cal.is_working_day(d)
        if d == self.receipt_day:  # days off are loaded from the receipt instant on
            return False
        return not self.cal.is_working_day(d)

    def next_working(self, d: date) -> date:
        d += timedelta(days=1)
        while self.off(d):
            d += timedelta(days=1)
        return d

    def add(self, d: date, n: int) -> date:
        if n == 0:
            while self.off(d):
                d += timedelta(days=1)
            return d
        for _ in range(n):
            d = self.next_working(d)
        return d


def _shifted(pc: PeerCalendar, r: datetime) -> tuple[datetime, bool]:
    """The moment the count starts, and whether it was moved to the next working day."""
    if r.time() > CLOSE or (r.weekday() >= 5 and pc.off(r.date())):
        return datetime.combine(pc.next_working(r.date()), OPEN), True
    return r, False


def _hours(pc: PeerCalendar, start: datetime, hours: int) -> datetime:
    cur = max(start, datetime.combine(start.date(), OPEN))
    left = timedelta(hours=hours)
    while True:
        avail = datetime.combine(cur.date(), CLOSE) - cur
        if left <= avail:
            return cur + left
        left -= max(avail, timedelta(0))
        cur = datetime.combine(pc.next_working(cur.date()), OPEN)


def peer_due(
    peer: Peer,
    cal: WorkingCalendar,
    received: datetime,
    limit: TimeLimit,
    supplement: tuple[datetime, datetime] | None = None,
) -> tuple[date, set[Cause]]:
    """The peer's appointment date, and the quirks that were triggered on the way."""
    pc = PeerCalendar(cal, peer, received.date())
    quirks: set[Cause] = set()
    start, moved = _shifted(pc, received)
    if moved:
        quirks.add(Cause.AFTER_HOURS_OR_WEEKEND)
    if received.weekday() < 5 and not cal.is_working_day(received.date()):
        quirks.add(Cause.HOLIDAY_ON_RECEIPT_DAY)
    if limit.unit is Unit.WORKING_DAY:
        due = pc.add(start.date(), limit.amount)
    elif limit.unit is Unit.SAME_DAY:
        due = pc.next_working(start.date()) if start.time() > CUTOFF else pc.add(start.date(), 0)
    else:
        assert limit.unit is Unit.WORKING_HOUR
        quirks.add(Cause.LUNCH_BREAK_IGNORED)
        due = _hours(pc, start, limit.amount).date()
    if supplement is not None:
        requested, got = supplement
        quirks.add(Cause.SUPPLEMENT_PAUSED)
        if peer is Peer.OPENCPS:
            used = 0
            d = start.date()
            while d < requested.date():
                d = pc.next_working(d)
                if d <= requested.date():
                    used += 1
            due = pc.add(got.date(), max(limit.amount - used, 0))
        else:
            due = pc.add(due + (got.date() - requested.date()), 0)
    if peer is Peer.DOTNET:
        d = received.date()
        while d <= due:
            if d.weekday() >= 5 and cal.is_working_day(d):
                quirks.add(Cause.WORKED_SATURDAY_NOT_COUNTED)
            d += timedelta(days=1)
    return due, quirks

"""Where one dossier falls in Biểu 06 for a period (:func:`place`), and the reports' argument checks.

Every report (:mod:`~tthc.reports.form06_table`, :mod:`~tthc.reports.qd766`,
:mod:`~tthc.reports.inspection`) takes the dossiers of a period as :func:`place` does. It may
import the engines (:mod:`tthc.outcomes`), the models layer and :mod:`tthc.reports.periods` /
:mod:`tthc.reports.columns`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

import attrs

from tthc.calendar import WorkingCalendar, calendar_argument, wall_date
from tthc.errors import InvalidValueError, ReportError
from tthc.events import Closed, Stopped, Withdrawn
from tthc.models import Dossier
from tthc.outcomes import Basis, Classification, Outcome, classify
from tthc.reports.columns import Form06Column
from tthc.reports.periods import ReportingPeriod
from tthc.services import Channel

__all__ = ["Placement", "place"]

T = TypeVar("T")


def check_period(period: object, where: str) -> ReportingPeriod:
    """The period argument of the report ``where``, checked."""
    if not isinstance(period, ReportingPeriod):
        raise InvalidValueError(
            f"{where}: period expected a ReportingPeriod, got {type(period).__name__} {period!r}"
        )
    return period


def check_items(value: object, cls: type[T], where: str, name: str) -> list[T]:
    """The items of the iterable argument ``name`` of ``where``, each checked to be a ``cls``."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidValueError(
            f"{where}: {name} expected an iterable of {cls.__name__}, got {value!r}"
        )
    out: list[T] = []
    for i, item in enumerate(value):
        if not isinstance(item, cls):
            raise InvalidValueError(
                f"{where}: {name}[{i}] expected a {cls.__name__}, got {type(item).__name__} {item!r}"
            )
        out.append(item)
    return out


def check_dossiers(dossiers: object, where: str) -> list[Dossier]:
    """The dossiers argument of the report ``where``, checked."""
    return check_items(dossiers, Dossier, where, "dossiers")


@attrs.frozen
class Placement:
    """Where one dossier falls in Biểu 06 for one period.

    ``received`` is RECEIVED_ONLINE, RECEIVED_IN_PERSON or CARRIED_OVER; ``outcome`` is EARLY,
    ON_TIME, LATE (resolved in the period), WITHIN_TIME, OVERDUE (in progress at the period's end)
    or WITHDRAWN, STOPPED, CLOSED (ended in the period without a decision). ``classification`` is
    :func:`~tthc.outcomes.classify` as of the period's last day (``None`` for the ended ones).
    """

    dossier: Dossier
    received: Form06Column
    outcome: Form06Column
    classification: Classification | None


_ENDED = {
    Withdrawn: Form06Column.WITHDRAWN,
    Stopped: Form06Column.STOPPED,
    Closed: Form06Column.CLOSED,
}
_OUTCOME_COLUMN = {
    Outcome.EARLY: Form06Column.EARLY,
    Outcome.ON_TIME: Form06Column.ON_TIME,
    Outcome.LATE: Form06Column.LATE,
    Outcome.WITHIN_TIME: Form06Column.WITHIN_TIME,
    Outcome.OVERDUE: Form06Column.OVERDUE,
}


def place(
    dossier: Dossier,
    period: ReportingPeriod,
    *,
    calendar: WorkingCalendar | None = None,
    basis: Basis | str = Basis.STATUTORY,
) -> Placement | None:
    """Where ``dossier`` falls in Biểu 06 for ``period``, or ``None`` if it is not in it.

    A dossier is in the period's table when it was received on or before the period's last day
    and had not ended before its first day. Received in the period: ONLINE → (4), IN_PERSON or
    POSTAL → (5); received before: carried over (6), whatever its channel. Resolved or Refused in
    the period → (8)/(9)/(10) by :func:`~tthc.outcomes.classify`; Withdrawn, Stopped or Closed in
    the period → tthc's (15)/(16)/(17), never a classified column; otherwise in progress at the
    period's end (12)/(13), classified as of that day. Dates are Vietnamese calendar dates of the
    events. ``basis`` is passed to :func:`~tthc.outcomes.classify`: the statutory due date
    (default) or the promised one (ngày hẹn trả).

    Basis: TT 01/2020/TT-VPCP, Biểu số 06/VPCP/KSTT; NĐ 09/2019/NĐ-CP Điều 12.
    """
    cal = calendar_argument(calendar)
    received = wall_date(dossier.received.at)
    if received > period.end:
        return None
    final = dossier.final_event
    end = None if final is None else wall_date(final.at)
    if end is not None and end < period.start:
        return None
    if received < period.start:
        column_in = Form06Column.CARRIED_OVER
    elif dossier.channel is Channel.ONLINE:
        column_in = Form06Column.RECEIVED_ONLINE
    else:
        column_in = Form06Column.RECEIVED_IN_PERSON
    if final is not None and end is not None and end <= period.end and type(final) in _ENDED:
        return Placement(dossier, column_in, _ENDED[type(final)], None)
    c = classify(dossier, as_of=period.end, calendar=cal, basis=basis)
    column_out = _OUTCOME_COLUMN.get(c.outcome)
    if column_out is None:  # pragma: no cover - classify and place disagree on a final event
        raise ReportError(
            f"Biểu 06: dossier {dossier.id!r} classified {c.outcome.name} as of {period.end}"
        )
    return Placement(dossier, column_in, column_out, c)

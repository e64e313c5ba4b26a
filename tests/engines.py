"""The two engines behind one interface, for tests that hold both to the same rules.

``SCALAR`` runs :func:`tthc.deadline`, :func:`tthc.classify` and :func:`tthc.findings` on one
dossier; ``BATCH`` runs :func:`tthc.batch.due_frame` / :func:`tthc.batch.classify_frame` on the
one-row frame of the same dossier (``dossiers_to_frame``). Both answer with the same plain views
(:class:`DeadlineView`, :class:`ClassificationView`, a tuple of :class:`FindingKind`), so a rule
test written against the ``engine`` fixture (tests/conftest.py) checks both.

A dossier the frame layout cannot hold (an excluded period, a completed step, a third supplement
request) has no batch answer: the batch engine skips the test (or rejects the hypothesis example).

:func:`assert_engines_agree` is the one parity helper: every dossier through both engines, a
whole frame at once, the first disagreement reported with the dossier's id and both answers.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

import attrs
import pandas as pd
import pytest
from hypothesis import reject
from hypothesis.control import currently_in_test_context

from tthc.batch import classify_frame, dossiers_to_frame, due_frame
from tthc.calendar import WorkingCalendar, calendar_argument, wall_date, wall_time
from tthc.deadlines import deadline
from tthc.errors import InvalidValueError, TthcError
from tthc.models import Dossier, Procedure
from tthc.outcomes import FindingKind, Outcome, classify, findings

_KIND_ORDER = {k: i for i, k in enumerate(FindingKind)}


@attrs.frozen
class DeadlineView:
    """What both engines say about a dossier's deadline (:class:`tthc.Deadline`'s common part)."""

    due: date | None
    due_at: datetime | None  # naive Vietnamese wall time
    original_due: date | None
    extended_due: date | None
    clock_stopped: bool
    provisional: bool


@attrs.frozen
class ClassificationView:
    """What both engines say about a dossier as of a moment (``outcome`` None: not yet received)."""

    outcome: Outcome | None
    due: date | None
    due_at: datetime | None  # naive Vietnamese wall time
    working_days_late: int
    due_soon: bool
    new_due_kept: bool | None
    provisional: bool


def _kinds(kinds: Iterable[FindingKind]) -> tuple[FindingKind, ...]:
    return tuple(sorted(kinds, key=_KIND_ORDER.__getitem__))


def _wall(moment: datetime | None) -> datetime | None:
    return None if moment is None else wall_time(moment)


class ScalarEngine:
    """The rule functions on one dossier."""

    name = "scalar"

    def deadline(self, d: Dossier, *, calendar: WorkingCalendar | None = None) -> DeadlineView:
        dl = deadline(d, calendar=calendar)
        return DeadlineView(
            dl.due, _wall(dl.due_at), dl.original_due, dl.extended_due, dl.clock_stopped,
            dl.provisional,
        )  # fmt: skip

    def classify(
        self,
        d: Dossier,
        *,
        as_of: date | datetime,
        calendar: WorkingCalendar | None = None,
        due_soon: int = 1,
    ) -> ClassificationView:
        received = d.received.at
        if as_of < received if isinstance(as_of, datetime) else as_of < wall_date(received):
            return ClassificationView(None, None, None, 0, False, None, False)  # batch: not yet
        c = classify(d, as_of=as_of, calendar=calendar, due_soon=due_soon)
        return ClassificationView(
            c.outcome, c.due, _wall(c.due_at), c.working_days_late, c.due_soon, c.new_due_kept,
            c.provisional,
        )  # fmt: skip

    def findings(
        self, d: Dossier, *, calendar: WorkingCalendar | None = None
    ) -> tuple[FindingKind, ...]:
        return _kinds(f.kind for f in findings(d, calendar=calendar))


def deadline_views(out: pd.DataFrame) -> list[DeadlineView]:
    """The views of :func:`~tthc.batch.due_frame`'s rows."""
    return [
        DeadlineView(
            _day(r.due),
            _moment(r.due_at),
            _day(r.original_due),
            _day(r.extended_due),
            bool(r.clock_stopped),
            bool(r.provisional),
        )
        for r in _rows(out)
    ]


def classification_views(out: pd.DataFrame) -> list[ClassificationView]:
    """The views of :func:`~tthc.batch.classify_frame`'s rows."""
    return [
        ClassificationView(
            None if pd.isna(r.outcome) else Outcome(r.outcome),
            _day(r.due),
            _moment(r.due_at),
            int(r.working_days_late),
            bool(r.due_soon),
            None if r.new_due_kept is pd.NA else bool(r.new_due_kept),
            bool(r.provisional),
        )
        for r in _rows(out)
    ]


def finding_views(out: pd.DataFrame) -> list[tuple[FindingKind, ...]]:
    """The finding kinds of each row of ``classify_frame(..., finding_kinds=True)``."""
    counts = {k: out[f"finding_{k.value}"].tolist() for k in FindingKind}
    return [tuple(k for k in FindingKind for _ in range(counts[k][i])) for i in range(len(out))]


def _rows(out: pd.DataFrame) -> Any:
    return out.itertuples(index=False)


def _day(value: Any) -> date | None:
    return None if pd.isna(value) else value.date()


def _moment(value: Any) -> datetime | None:
    return None if pd.isna(value) else value.to_pydatetime()


def fits_the_layout(d: Dossier) -> bool:
    """Whether the one-row frame layout holds ``d``."""
    try:
        dossiers_to_frame([d])
    except InvalidValueError:
        return False
    return True


@functools.lru_cache(maxsize=256)
def _one_row_frame(d: Dossier) -> pd.DataFrame:
    # cached: a rule test asks about one dossier as of several moments (the engine only reads it)
    return dossiers_to_frame([d])


class BatchEngine:
    """The vectorised engine on the one-row frame of one dossier."""

    name = "batch"

    def _frame(self, d: Dossier) -> pd.DataFrame:
        try:
            return _one_row_frame(d)
        except InvalidValueError as exc:
            if currently_in_test_context():
                reject()
            pytest.skip(f"the frame layout cannot hold this dossier: {exc}")

    def deadline(self, d: Dossier, *, calendar: WorkingCalendar | None = None) -> DeadlineView:
        out = due_frame(self._frame(d), procedures=[d.procedure], calendar=calendar)
        return deadline_views(out)[0]

    def classify(
        self,
        d: Dossier,
        *,
        as_of: date | datetime,
        calendar: WorkingCalendar | None = None,
        due_soon: int = 1,
    ) -> ClassificationView:
        if isinstance(as_of, datetime) and as_of.tzinfo is None and d.is_aware:
            raise TypeError("compare an aware timeline as of a date or an aware datetime")
        out = classify_frame(
            self._frame(d), as_of=as_of, procedures=[d.procedure], calendar=calendar,
            due_soon=due_soon,
        )  # fmt: skip
        return classification_views(out)[0]

    def findings(
        self, d: Dossier, *, calendar: WorkingCalendar | None = None
    ) -> tuple[FindingKind, ...]:
        out = classify_frame(
            self._frame(d), as_of=_last_day(d, calendar), procedures=[d.procedure],
            calendar=calendar, finding_kinds=True,
        )  # fmt: skip
        return finding_views(out)[0]


def _last_day(d: Dossier, calendar: WorkingCalendar | None) -> date:
    # the findings are of the whole timeline whatever the as_of; one inside the calendar's range
    # keeps a day outside it named by its event, as the scalar findings name it
    return min(max(wall_date(e.at) for e in d.events), calendar_argument(calendar).last)


Engine = ScalarEngine | BatchEngine
SCALAR = ScalarEngine()
BATCH = BatchEngine()
ENGINES = (SCALAR, BATCH)


def assert_engines_agree(
    dossiers: Sequence[Dossier],
    *,
    as_of: date | datetime,
    calendar: WorkingCalendar | None = None,
    due_soon: int = 1,
    frame: pd.DataFrame | None = None,
    procedures: Sequence[Procedure] | None = None,
) -> None:
    """Both engines give the same deadline, classification and findings for every dossier.

    The dossiers go into one frame (the batch engine as it is used), ``dossiers_to_frame`` of
    them unless ``frame`` (row ``i`` holding ``dossiers[i]``, with ``procedures``) is given; a
    dossier the scalar functions refuse must make the batch engine raise the same kind of error
    on its own.
    """
    if frame is not None:
        assert procedures is not None
        _compare(dossiers, frame, list(procedures), as_of, calendar, due_soon)
        return
    good: list[Dossier] = []
    for d in dossiers:
        try:
            SCALAR.deadline(d, calendar=calendar)
        except TthcError as exc:
            with pytest.raises(type(exc)):
                BATCH.deadline(d, calendar=calendar)
            continue
        good.append(d)
    if not good:
        return
    procedures = list({d.procedure.code: d.procedure for d in good}.values())
    if len(procedures) < len({id(d.procedure) for d in good}):
        # two procedures with one code: the frame needs one procedure per code
        for d in good:
            assert_engines_agree([d], as_of=as_of, calendar=calendar, due_soon=due_soon)
        return
    _compare(good, dossiers_to_frame(good), procedures, as_of, calendar, due_soon)


def _compare(
    dossiers: Sequence[Dossier],
    frame: pd.DataFrame,
    procedures: list[Procedure],
    as_of: date | datetime,
    calendar: WorkingCalendar | None,
    due_soon: int,
) -> None:
    deadlines = deadline_views(due_frame(frame, procedures=procedures, calendar=calendar))
    out = classify_frame(
        frame, as_of=as_of, procedures=procedures, calendar=calendar, due_soon=due_soon,
        finding_kinds=True,
    )  # fmt: skip
    for d, dl, c, f in zip(
        dossiers, deadlines, classification_views(out), finding_views(out), strict=True
    ):
        scalar = (
            SCALAR.deadline(d, calendar=calendar),
            SCALAR.classify(d, as_of=as_of, calendar=calendar, due_soon=due_soon),
            SCALAR.findings(d, calendar=calendar),
        )
        assert (dl, c, f) == scalar, f"dossier {d.id!r}: batch {(dl, c, f)} != scalar {scalar}"

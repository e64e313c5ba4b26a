"""Biểu số 06 of a frame, vectorised: :func:`form06_frame`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from tthc.batch.arrays import DAY_US, EPOCH, NAT
from tthc.batch.engine import Classified, _findings, classify_rows, deadlines
from tthc.batch.layout import (
    END_KINDS,
    ONLINE,
    REFUSED,
    RESOLVED,
    Frame,
    procedure_map,
    read_frame,
)
from tthc.calendar import WorkingCalendar
from tthc.errors import InvalidValueError
from tthc.outcomes import FindingKind, Outcome
from tthc.reports import FORM06_GROUP_KEYS, Form06, Form06Column, Form06Row, ReportingPeriod

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["form06_classified", "form06_frame"]

# -- Biểu 06 ---------------------------------------------------------------------------------

_LEAF_COLUMNS: tuple[str, ...] = tuple(c.value for c in Form06Column if not c.is_total)
"""The detail columns of a Biểu 06 row (``Form06Row.of``'s arguments), in the form's order."""
_LEAF = {name: i for i, name in enumerate(_LEAF_COLUMNS)}
# the leaf column of each outcome code and of each end-kind code (-1: not a column of its own)
_OUTCOME_LEAF = np.array([_LEAF.get(o.value, -1) for o in Outcome], dtype=np.int64)
_END_LEAF = np.array([_LEAF.get(kind, -1) for kind in END_KINDS], dtype=np.int64)


def form06_frame(
    df: pd.DataFrame,
    period: Any,
    *,
    procedures: Mapping[str, Any] | Iterable[Any],
    calendar: WorkingCalendar | None = None,
    group_by: Sequence[str] = ("agency", "field"),
) -> Any:
    """:func:`tthc.reports.form06` of a frame (layout :data:`FRAME_COLUMNS`), vectorised.

    The same :class:`~tthc.reports.Form06` as the scalar function on the same dossiers: a row is in
    the period's table when received on or before its last day and not ended before its first;
    received before it → carried over (6), else online (4) or in person / by post (5); withdrawn,
    stopped or closed in the period → tthc's (15)–(17); otherwise classified as of the period's
    last day → (8)–(10) or (12)–(13). Tables of disjoint parts of the data add up
    (``Form06.combine``), e.g. one per Dask partition (docs/batch.md).

    >>> from tthc.reports import ReportingPeriod
    >>> from tthc.synthetic import catalogue, generate_frame
    >>> procs = catalogue()
    >>> df = generate_frame(2000, seed=4, procedures=procs)
    >>> t = form06_frame(df, ReportingPeriod.quarter(2026, 1), procedures=procs, group_by=())
    >>> t.total.received == t.total.resolved + t.total.in_progress + t.total.ended
    True
    """
    return _form06(df, period, procedures, calendar, group_by, findings=False)[0]


def form06_classified(
    df: pd.DataFrame,
    period: Any,
    *,
    procedures: Mapping[str, Any] | Iterable[Any],
    calendar: WorkingCalendar | None = None,
    group_by: Sequence[str] = ("agency", "field"),
) -> tuple[Form06, Classified, dict[FindingKind, NDArray[np.int8]]]:
    """Biểu 06 of a frame, the classification of every row as of the period's last day and the
    findings of every row by kind, in one pass of the engine (the deadlines computed once).

    What :func:`form06_frame` and :func:`~tthc.batch.classify_frame` (``as_of=period.end``,
    ``finding_kinds=True``) give, as arrays: ``Classified.outcome`` indexes
    :data:`tthc.batch.engine.OUTCOMES`, ``due`` is in days since 1970 (``NAT``: no limit).
    The columnar report (:mod:`tthc.columnar`) uses it.

    >>> from tthc.reports import ReportingPeriod
    >>> from tthc.synthetic import catalogue, generate_frame
    >>> procs = catalogue()
    >>> df = generate_frame(500, seed=4, procedures=procs)
    >>> period = ReportingPeriod.quarter(2026, 1)
    >>> table, rows, findings = form06_classified(df, period, procedures=procs, group_by=())
    >>> table == form06_frame(df, period, procedures=procs, group_by=()), rows.outcome.shape
    (True, (500,))
    """
    table, rows, counts = _form06(df, period, procedures, calendar, group_by, findings=True)
    assert counts is not None
    return table, rows, counts


def _form06(
    df: pd.DataFrame,
    period: Any,
    procedures: Mapping[str, Any] | Iterable[Any],
    calendar: WorkingCalendar | None,
    group_by: Sequence[str],
    *,
    findings: bool,
) -> tuple[Form06, Classified, dict[FindingKind, NDArray[np.int8]] | None]:
    if not isinstance(period, ReportingPeriod):
        raise InvalidValueError(
            f"form06_frame: period expected a ReportingPeriod, got {type(period).__name__} "
            f"{period!r}"
        )
    keys = _keys(group_by)
    f = read_frame(df, procedures, calendar)
    agency = agency_codes(f, df) if "agency" in keys else None
    return form06_of_frame(f, agency, period, procedure_map(procedures), keys, findings=findings)


def agency_codes(f: Frame, df: pd.DataFrame) -> tuple[NDArray[np.int64], list[str]] | None:
    """Each row's agency as :func:`form06_of_frame` takes it, of a frame read into ``f``:
    (codes, labels) in NFC, -1 missing; None without an agency column."""
    if "agency" not in df.columns:
        return None
    codes, uniques = pd.factorize(f.nfc.get("agency", df["agency"]), use_na_sentinel=True)
    return codes.astype(np.int64), [str(u) for u in uniques]


def _keys(group_by: Sequence[str]) -> tuple[str, ...]:
    keys = (group_by,) if isinstance(group_by, str) else tuple(group_by)
    for name in keys:
        if name not in FORM06_GROUP_KEYS:
            raise InvalidValueError(
                f"group_by: expected names from {FORM06_GROUP_KEYS}, got {name!r} in {keys!r}"
            )
    return keys


def form06_of_frame(
    f: Frame,
    agency: tuple[NDArray[np.int64], list[str]] | None,
    period: ReportingPeriod,
    procs: Mapping[str, Any],
    keys: tuple[str, ...],
    *,
    findings: bool,
) -> tuple[Form06, Classified, dict[FindingKind, NDArray[np.int8]] | None]:
    """:func:`form06_classified` of a :class:`~tthc.batch.layout.Frame` read already;
    ``agency``: each row's agency as (codes, labels), -1 missing (None: no agency column)."""
    keys = _keys(keys)
    ev = f.ev
    n = ev["received"].shape[0]
    ps = period.start.toordinal() - EPOCH
    pe = period.end.toordinal() - EPOCH
    rday = ev["received"] // DAY_US
    end = ev["end"]
    ended_before = (end != NAT) & (end // DAY_US < ps)
    inside = (rday <= pe) & ~ended_before
    col_in = np.where(
        rday < ps,
        _LEAF["carried_over"],
        np.where(f.channel == ONLINE, _LEAF["received_online"], _LEAF["received_in_person"]),
    )
    kind = f.end_kind
    ended = (end != NAT) & (end // DAY_US <= pe) & (kind != RESOLVED) & (kind != REFUSED)
    # the findings are of the whole timeline; the table needs only what is known at the end
    full = deadlines(f.ctx, ev, f.lim) if findings else None
    r = classify_rows(f, (pe + 1) * DAY_US - 1, 1, full)
    by_kind = None if full is None else _findings(f, full)
    col_out = np.where(ended, _END_LEAF[np.maximum(kind, 0)], _OUTCOME_LEAF[r.outcome])
    bad = inside & ((r.outcome < 0) & ~ended | (col_out < 0))
    if bad.any():  # pragma: no cover - classification and placement disagree
        pos = int(np.flatnonzero(bad)[0])
        raise InvalidValueError(f"{f.ctx.where(pos)}: cannot place it in Biểu 06")
    # one integer group per row, mixed radix over the key parts
    parts: list[tuple[NDArray[np.int64], list[str]]] = []
    for name in keys:
        if name == "agency":
            if agency is not None:
                codes, labels = agency
                parts.append((np.where(codes < 0, len(labels), codes), [*labels, ""]))
            else:
                parts.append((np.zeros(n, dtype=np.int64), [""]))
        else:
            values = [
                procs[c].field
                if name == "field"
                else c
                if name == "procedure"
                else procs[c].level.label_vi
                for c in f.codes
            ]
            uniq = sorted(set(values))
            remap = np.array([uniq.index(v) for v in values] + [0], dtype=np.int64)
            parts.append((remap[f.procedure], uniq))
    group = np.zeros(n, dtype=np.int64)
    size = 1
    for codes_, labels in parts:
        group = group * len(labels) + codes_
        size *= len(labels)
    width = len(_LEAF_COLUMNS)
    sel = np.flatnonzero(inside)
    tally = np.bincount(group[sel] * width + col_in[sel], minlength=size * width)
    tally += np.bincount(group[sel] * width + col_out[sel], minlength=size * width)
    tally = tally.reshape(size, width)
    rows = []
    for g in np.flatnonzero(tally.any(axis=1)).tolist():
        key: list[str] = []
        rest = g
        for _, labels in reversed(parts):
            rest, i = divmod(rest, len(labels))
            key.append(labels[i])
        counts = {c: int(v) for c, v in zip(_LEAF_COLUMNS, tally[g].tolist(), strict=True)}
        rows.append(Form06Row.of(tuple(reversed(key)), **counts))
    return Form06(period, keys, rows), r, by_kind

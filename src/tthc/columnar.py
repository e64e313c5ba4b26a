"""The columnar path: event files straight into frames, and the report computed in batch.

:func:`events_to_frame` turns a table of events (the one-row-per-event CSV layout of
:func:`tthc.formats.read_dossiers`, read as text) into the one-row-per-dossier layout of
:mod:`tthc.batch` with array operations only: no Python object per dossier. A dossier whose
timeline the layout cannot hold (an excluded period, a completed step, a third supplement request,
an inferred receipt, an aware moment, ...) or whose rows are bad is left out of the frame and
handed back by position, so that the caller reads it with the scalar path, which gives the same
dossier or the same error as before.

:func:`report_frame` computes what ``tthc report`` prints (Biểu 06, the QĐ 766 progress score and
the inspection summary) from such a frame, equal to :func:`tthc.reports.form06`,
:func:`tthc.reports.progress_score` and :func:`tthc.reports.inspection_report` of the same dossiers;
:func:`report_file` reads a file (CSV / JSON lines / Parquet, events or one row per dossier), in
chunks when it is large, and sends the dossiers the frame cannot hold through the scalar path.

>>> import io
>>> from tthc.reports import ReportingPeriod
>>> text = (
...     "dossier_id,agency,procedure_code,event,at,channel\\n"
...     "HS-1,UBND xã A,2.000815,received,2026-01-09T15:20:00,online\\n"
...     "HS-1,UBND xã A,2.000815,resolved,2026-01-12T08:00:00,\\n"
...     "HS-2,UBND xã A,2.000815,received,2026-01-12T09:00:00,\\n")
>>> r = report_file(io.StringIO(text), ReportingPeriod.month(2026, 1), format="csv")
>>> r.form06.total.received, r.form06.total.late, r.frame_dossiers, r.scalar_dossiers
(2, 1, 2, 0)
"""

from __future__ import annotations

import csv
import functools
import io
import os
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Union

import attrs

from tthc.calendar import WorkingCalendar, vietnam_calendar
from tthc.errors import InvalidValueError
from tthc.formats.frame_cells import CHANNELS, END_KINDS, invalid_rows, typed_frame
from tthc.formats.frame_cells import coded as _coded
from tthc.models import Dossier, Procedure

try:
    import numpy as np
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "tthc.columnar needs numpy, pandas and pyarrow: pip install 'tthc[batch]'"
    ) from exc

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from tthc.formats.results import RowError
    from tthc.reports import (
        Form06,
        InspectionReport,
        ProgressScore,
        ProgressScoreConfig,
        ReportingPeriod,
    )

__all__ = [
    "EventsFrame",
    "FileReport",
    "events_to_frame",
    "read_frame",
    "report_file",
    "report_frame",
    "truncate_frame",
    "write_frame",
]

PathOrFile = Union[str, "os.PathLike[str]", IO[str]]

_NAT = np.iinfo(np.int64).min
_DAY_US = 86_400_000_000
_EPOCH = datetime(1970, 1, 1)

# event kinds the layout holds, in the order frame_to_dossiers lays equal moments out
_KINDS = {
    "submitted": 0,
    "received": 1,
    "supplement_requested": 2,
    "supplement_received": 3,
    "apologized": 4,
    "resolved": 5,
    "refused": 6,
    "stopped": 7,
    "withdrawn": 8,
    "closed": 9,
    "returned": 10,
}
_OUTCOMES = ("early", "on_time", "late", "within_time", "overdue", "not_classified")
_OTHER = 11  # a known kind the layout cannot hold (exclusions, steps)
_END_KINDS = END_KINDS
_CHANNELS = CHANNELS
# cells each kind accepts (others must be empty)
_ACCEPTS = {
    "channel": (1,),
    "inferred": (1,),
    "reason": (2, 4, 6, 7),
    "new_due": (4,),
    "digitally_signed": (5,),
    "step": (),
    "promised_due": (),  # an appointment ('appointed' rows) goes through the scalar path
}
_EVENT_CSV_COLUMNS = ("dossier_id", "agency", "procedure_code", "event", "at")


# -- events into the one-row layout ------------------------------------------------------------


@attrs.frozen(eq=False)
class EventsFrame:
    """What :func:`events_to_frame` makes of a table of events.

    ``frame``: one row per dossier that fits the layout (:data:`tthc.batch.FRAME_COLUMNS`), in the
    order of each dossier's first event; ``first_row``: for each, the position of its first event
    in the table; ``scalar_rows``: positions of the events of every other dossier (for the scalar
    path), ascending; ``procedures``: the procedure of every code in ``frame``.
    """

    frame: pd.DataFrame
    first_row: NDArray[np.int64]
    scalar_rows: NDArray[np.int64]
    procedures: dict[str, Procedure]


def _ids(s: pd.Series[Any]) -> tuple[NDArray[np.int64], NDArray[Any], NDArray[np.bool_]]:
    """(codes, ids, blank) of the ``dossier_id`` column, without a Python object per row.

    ``ids[codes[i]]`` is row i's id; the last id is None (a row too short to have one); ``blank``
    flags the ids the scalar reader refuses (empty or spaces only).
    """
    if isinstance(s.dtype, pd.CategoricalDtype):
        codes = s.cat.codes.to_numpy().astype(np.int64)
        cats = pd.Index(s.cat.categories)
    else:
        raw, uniques = pd.factorize(s, use_na_sentinel=True)
        codes, cats = raw.astype(np.int64), pd.Index(uniques)
    codes[codes < 0] = len(cats)
    text = cats.astype("str")
    blank = np.r_[np.asarray(text.str.strip() == "", dtype=bool), True]
    ids = np.r_[text.to_numpy(dtype=object), np.array([None], dtype=object)]
    return codes, ids, blank


def _lookup_codes(
    coded: tuple[NDArray[np.int64], list[str | None]], mapping: Mapping[str, int], default: int
) -> NDArray[np.int64]:
    """Each cell through ``mapping`` (after stripping), ``default`` for the rest and for None."""
    codes, values = coded
    table = np.array(
        [default if v is None else mapping.get(v.strip(), default) for v in values],
        dtype=np.int64,
    )
    out: NDArray[np.int64] = table[codes]
    return out


def _test(coded: tuple[NDArray[np.int64], list[str | None]], predicate: Any) -> NDArray[np.bool_]:
    """``predicate(cell)`` of every row, evaluated once per distinct cell."""
    codes, values = coded
    out: NDArray[np.bool_] = np.array([bool(predicate(v)) for v in values], dtype=bool)[codes]
    return out


_DATETIME_RE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?"


def _parse_moments(values: pd.Series[Any]) -> NDArray[np.int64]:
    """µs since 1970 of naive ISO 8601 texts the scalar reader accepts; NaT for anything else.

    The form ``YYYY-MM-DDTHH:MM:SS`` (what tthc writes) is parsed by Arrow at C speed; the other
    forms the scalar reader accepts (a space for T, no seconds, fractions, spaces around) through
    pandas; moments with a UTC offset are NaT here (the scalar path keeps them aware).
    """
    n = len(values)
    text = pa.array(values.array, type=pa.string(), from_pandas=True)
    parsed = pc.strptime(text, format="%Y-%m-%dT%H:%M:%S", unit="us", error_is_null=True)
    got = pc.and_(parsed.is_valid(), pc.equal(pc.utf8_length(text), 19))
    got_np = pc.fill_null(got, False).to_numpy(zero_copy_only=False)
    out = np.full(n, _NAT, dtype=np.int64)
    out[got_np] = parsed.filter(got).cast(pa.int64()).to_numpy()
    rest = np.flatnonzero(~got_np & text.is_valid().to_numpy(zero_copy_only=False))
    if rest.size:
        sub = pd.Series(values.to_numpy(dtype=object)[rest], dtype=object).str.strip()
        ok = sub.str.fullmatch(_DATETIME_RE).fillna(False).to_numpy(dtype=bool)
        if ok.any():
            when = pd.to_datetime(sub[ok], format="ISO8601", errors="coerce")
            good = when.notna().to_numpy()
            out[rest[ok][good]] = when[good].to_numpy(dtype="datetime64[us]").view(np.int64)
    return out


def _iso_day(text: str | None) -> int:
    """Days since 1970 of an ISO date 'YYYY-MM-DD' (spaces around allowed), else NaT."""
    import re

    t = "" if text is None else text.strip()
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", t) is None:
        return _NAT
    try:
        return (date.fromisoformat(t) - date(1970, 1, 1)).days
    except ValueError:
        return _NAT


def _lookup_procedures(
    codes: Iterable[str], table: Mapping[str, Procedure]
) -> dict[str, Procedure | None]:
    from tthc.formats.catalogue_files import lookup as _lookup

    return {c: _lookup(table, c) for c in codes}


def _bad_precision(p: Procedure) -> bool:
    from tthc.models import Channel
    from tthc.timelimits import Precision, Unit

    if p.precision is not Precision.HOUR:
        return False
    return any(p.time_limit_for(ch).unit in (Unit.DAY, Unit.MONTH) for ch in Channel)


def events_to_frame(
    events: pd.DataFrame,
    procedures: Mapping[str, Procedure] | Iterable[Procedure] | None = None,
    *,
    calendar: WorkingCalendar | None = None,
) -> EventsFrame:
    """The one-row-per-dossier frame of a table of events, vectorised (no loop per dossier).

    ``events`` has the columns of the one-row-per-event CSV layout
    (:data:`tthc.formats.DOSSIER_CSV_COLUMNS`) as text, e.g. ``pandas.read_csv(path,
    dtype=str, keep_default_na=False)``; ``procedures`` as for
    :func:`~tthc.formats.read_dossiers` (default: the bundled catalogue). A dossier goes to
    the frame only when it gives exactly the :class:`~tthc.models.Dossier` the scalar reader would
    build (its events in the frame's order, every cell valid, a procedure found); the rest are
    returned as ``scalar_rows``.

    >>> ev = pd.DataFrame({"dossier_id": ["A", "A", "B"], "agency": ["X", "X", "X"],
    ...     "procedure_code": ["2.000815"] * 3, "event": ["received", "resolved", "received"],
    ...     "at": ["2026-01-09T15:20:00", "2026-01-12T08:00:00", "2026-01-12T09:00"]})
    >>> out = events_to_frame(ev)
    >>> out.frame[["id", "received", "end_kind"]].to_string(index=False)
    'id            received end_kind\\n A 2026-01-09 15:20:00 resolved\\n B 2026-01-12 09:00:00      NaN'
    >>> out.scalar_rows.tolist()
    []
    """
    from tthc.batch import FRAME_COLUMNS
    from tthc.formats.catalogue_files import procedure_table as _procedure_table

    table = (
        _procedure_table(procedures)
        if procedures is None or not isinstance(procedures, Mapping)
        else procedures
    )
    for col in _EVENT_CSV_COLUMNS:
        if col not in events.columns:
            raise InvalidValueError(
                f"events: missing column {col!r} (columns: {', '.join(map(str, events.columns))})"
            )
    rows = len(events)
    idc, id_values, id_blank = _ids(events["dossier_id"])
    nd = len(id_values)  # the last one is None: a short row without an id
    # the scalar reader skips blank lines: rows whose cells are all blank (checked only on the
    # rare rows with a blank id)
    blank = id_blank[idc]
    if blank.any():
        for col in events.columns:
            blank &= _test(_coded(events, col), lambda v: v is not None and not v.strip())
    keep = np.flatnonzero(~blank)
    ev = events.iloc[keep] if blank.any() else events
    g = idc[keep] if blank.any() else idc
    bad = id_blank.copy()
    bad[nd - 1] = True
    coded = {c: _coded(ev, str(c)) for c in ev.columns if c not in ("at", "dossier_id")}
    kind = _lookup_codes(coded["event"], {**_KINDS, **dict.fromkeys(_OTHER_KINDS, _OTHER)}, -1)
    at = _parse_moments(ev["at"])
    row_bad = (kind < 0) | (kind == _OTHER) | (at == _NAT) | ev["at"].isna().to_numpy()
    for col, cd in coded.items():
        row_bad |= cd[0] == len(cd[1]) - 1  # None, the last value: a short row
        if col in _ACCEPTS:
            row_bad |= _test(cd, lambda v: v != "") & ~np.isin(kind, _ACCEPTS[col])
    for col in _ACCEPTS:
        coded.setdefault(col, (np.zeros(len(ev), dtype=np.int64), [""]))
    channel = _lookup_codes(coded["channel"], {c: i for i, c in enumerate(_CHANNELS)}, -1)
    channel = np.where(_test(coded["channel"], lambda v: v == ""), 1, channel)  # in person
    row_bad |= (kind == 1) & (channel < 0)
    # an inferred receipt is not in the layout
    row_bad |= _test(
        coded["inferred"], lambda v: v is not None and v.strip().lower() not in ("", "false")
    )
    signed = _lookup_codes(
        (
            coded["digitally_signed"][0],
            [None if v is None else v.lower() for v in coded["digitally_signed"][1]],
        ),
        {"true": 1, "false": 0},
        -2,
    )
    signed = np.where(_test(coded["digitally_signed"], lambda v: v == ""), -1, signed)
    row_bad |= signed == -2
    nd_codes, nd_values = coded["new_due"]
    new_due = np.array([_iso_day(v) for v in nd_values], dtype=np.int64)[nd_codes]
    apology = kind == 4
    row_bad |= apology & (new_due == _NAT)
    row_bad |= apology & _test(coded["reason"], lambda v: v is None or not v.strip())
    # agency and procedure: the same on every row of a dossier
    agency_codes, agency_values = coded["agency"]
    proc_codes, proc_values = coded["procedure_code"]
    stripped = [None if v is None else v.strip() for v in proc_values]
    canon = {v: i for i, v in reversed(list(enumerate(stripped)))}
    proc_codes = np.array([canon[v] for v in stripped], dtype=np.int64)[proc_codes]
    order = np.argsort(g, kind="stable")  # rows of each dossier together, in file order
    gs = g[order]
    starts = np.flatnonzero(np.r_[True, gs[1:] != gs[:-1]]) if gs.size else np.zeros(0, np.int64)
    first = np.full(nd, -1, dtype=np.int64)
    first[gs[starts]] = order[starts]
    fr = first[g]
    bad[g[(agency_codes != agency_codes[fr]) | (proc_codes != proc_codes[fr])]] = True
    bad[g[row_bad]] = True
    # counts and occurrence of each kind in each dossier
    k = np.where(kind < 0, _OTHER, kind)
    counts = np.bincount(g * 12 + k, minlength=nd * 12).reshape(nd, 12)
    finals = counts[:, 5:10].sum(axis=1)
    bad |= (counts[:, 1] != 1) | (counts[:, 0] > 1) | (counts[:, 2] > 2) | (counts[:, 3] > 2)
    bad |= (counts[:, 4] > 2) | (finals > 1) | (counts[:, 10] > 1) | (counts[:, 11] > 0)
    bad |= (counts[:, 10] > 0) & (counts[:, 5] + counts[:, 6] == 0)
    ks = k[order]
    key = gs * 12 + ks
    occ = _occurrence(key, order, (ks >= 2) & (ks <= 4))
    # the layout's order of equal moments: submitted, received, request 1, supplement 1,
    # request 2, supplement 2, apology 1, apology 2, the end, returned
    rank = np.array([0, 1, 2, 3, 6, 8, 8, 8, 8, 8, 9, 9], dtype=np.int64)[k]
    rank += np.where((k == 2) | (k == 3), 2 * occ, np.where(k == 4, occ, 0))
    ats, rks = at[order], rank[order]
    same = gs[1:] == gs[:-1]
    disorder = same & ((ats[1:] < ats[:-1]) | ((ats[1:] == ats[:-1]) & (rks[1:] <= rks[:-1])))
    bad[gs[1:][disorder]] = True
    # procedures
    procs = _lookup_procedures([v for v in stripped if v is not None], table)
    found_p = [None if v is None else procs[v] for v in stripped]
    proc_bad = np.array([p is None or _bad_precision(p) for p in found_p], dtype=np.bool_)
    bad[g[proc_bad[proc_codes]]] = True
    cols = _scatter(g, k, occ, at, nd)
    for j, nd_name in enumerate(("apology_new_due", "apology2_new_due")):
        nd_col = np.full(nd, _NAT, dtype=np.int64)
        sel = apology & (occ == j) & (new_due != _NAT)
        nd_col[g[sel]] = new_due[sel] * _DAY_US
        cols[nd_name] = nd_col
    end_kind = np.full(nd, -1, dtype=np.int64)
    fin = (k >= 5) & (k <= 9)
    end_kind[g[fin]] = k[fin] - 5
    sgn = np.full(nd, -1, dtype=np.int64)
    res = k == 5
    sgn[g[res]] = signed[res]
    chan = np.full(nd, 1, dtype=np.int64)
    rec = k == 1
    chan[g[rec]] = channel[rec]
    # the timeline rules the frame's order does not already give, as masks: one bad dossier
    # goes to the scalar path without stopping the others
    bad |= _timeline_breaks(cols, end_kind, chan)
    good = np.flatnonzero(~bad & (first >= 0))
    good = good[np.argsort(first[good], kind="stable")]
    good_first = first[good]
    frame = _build_frame(
        ids=id_values,
        good=good,
        agency=(agency_codes[good_first], agency_values),
        procedure=(proc_codes[good_first], stripped),
        channel=chan[good],
        cols={c: v[good] for c, v in cols.items()},
        end_kind=end_kind[good],
        signed=sgn[good],
        names=[name for name, _, _ in FRAME_COLUMNS],
    )
    scalar = keep[bad[g]]
    found = {
        str(stripped[i]): procs[str(stripped[i])]
        for i in np.unique(proc_codes[good_first]).tolist()
    }
    _ = (calendar, rows)
    return EventsFrame(frame, keep[good_first].astype(np.int64), scalar.astype(np.int64), found)  # type: ignore[arg-type]


_OTHER_KINDS = ("exclusion_started", "exclusion_ended", "step_completed")


def _occurrence(
    key: NDArray[np.int64], order: NDArray[np.int64], repeated: NDArray[np.bool_]
) -> NDArray[np.int64]:
    """For each row (by ``order``), how many rows of the same key came before it in that order.

    Only the rows flagged ``repeated`` (kinds that may occur twice: requests, supplements,
    apologies; few rows) are counted; the others get 0.
    """
    occ = np.zeros(key.shape[0], dtype=np.int64)
    sel = np.flatnonzero(repeated)  # positions in ``order``
    k = key[sel]
    by = np.argsort(k, kind="stable")
    ks = k[by]
    starts = np.r_[True, ks[1:] != ks[:-1]] if ks.size else np.zeros(0, dtype=bool)
    first = np.maximum.accumulate(np.where(starts, np.arange(ks.size), 0)) if ks.size else ks
    occ[order[sel[by]]] = np.arange(ks.size) - first
    return occ


_PLACES = (
    "submitted",
    "received",
    "supplement_requested",
    "supplement_received",
    "supplement2_requested",
    "supplement2_received",
    "apologized",
    "apology2",
    "end",
    "returned",
)


def _scatter(
    g: NDArray[np.int64],
    k: NDArray[np.int64],
    occ: NDArray[np.int64],
    at: NDArray[np.int64],
    nd: int,
) -> dict[str, NDArray[np.int64]]:
    """Each kind's moment into its column (first and second occurrence of repeated kinds)."""
    # the column of each row: kind and occurrence -> index into _PLACES (10: none)
    table = np.array([[0, 1, 2, 3, 6, 8, 8, 8, 8, 8, 9, 10], [10, 10, 4, 5, 7, 10, 10, 10, 10, 10, 10, 10]] + [[10] * 12] * 8, dtype=np.int64)  # fmt: skip
    slot = table[np.minimum(occ, 9), k]
    by = np.argsort(slot, kind="stable")
    bounds = np.searchsorted(slot[by], np.arange(len(_PLACES) + 1))
    cols: dict[str, NDArray[np.int64]] = {}
    for j, name in enumerate(_PLACES):
        rows = by[bounds[j] : bounds[j + 1]]
        col = np.full(nd, _NAT, dtype=np.int64)
        col[g[rows]] = at[rows]
        cols[name] = col
    return cols


def _timeline_breaks(
    cols: Mapping[str, NDArray[np.int64]], end_kind: NDArray[np.int64], chan: NDArray[np.int64]
) -> NDArray[np.bool_]:
    """Dossiers breaking a timeline rule the frame's order does not already guarantee."""
    has = {c: v != _NAT for c, v in cols.items()}
    rec = cols["received"]
    from tthc.law import ND61_2018_FROM

    first_day = (ND61_2018_FROM - date(1970, 1, 1)).days
    bad = has["received"] & (rec // _DAY_US < first_day)
    bad |= has["submitted"] & (chan != 0)
    for a, b in (
        ("supplement_received", "supplement_requested"),
        ("supplement2_requested", "supplement_received"),
        ("supplement2_received", "supplement2_requested"),
        ("apology2", "apologized"),
    ):
        bad |= has[a] & ~has[b]
    for ap, nd in (("apologized", "apology_new_due"), ("apology2", "apology2_new_due")):
        bad |= has[ap] & (cols[nd] // _DAY_US <= cols[ap] // _DAY_US)
    outstanding = (has["supplement_requested"] & ~has["supplement_received"]) | (
        has["supplement2_requested"] & ~has["supplement2_received"]
    )
    bad |= (end_kind == 0) & outstanding
    bad |= (end_kind == 4) & ~outstanding
    out: NDArray[np.bool_] = bad
    return out


def _build_frame(
    *,
    ids: Any,
    good: NDArray[np.int64],
    agency: tuple[NDArray[np.int64], Any],
    procedure: tuple[NDArray[np.int64], Any],
    channel: NDArray[np.int64],
    cols: Mapping[str, NDArray[np.int64]],
    end_kind: NDArray[np.int64],
    signed: NDArray[np.int64],
    names: Sequence[str],
) -> pd.DataFrame:
    def categorical(codes: NDArray[np.int64], uniques: Any) -> pd.Categorical:
        return _categorical_with_missing(codes, [str(u) for u in uniques])

    acodes, avalues = agency
    atext = ["" if v is None else v for v in avalues]
    anone = np.array([t == "" for t in atext], dtype=bool)
    acodes = np.where(anone[acodes], -1, acodes)
    data: dict[str, Any] = {
        "id": pd.Series(np.asarray(ids, dtype=object)[good], dtype=object),
        "agency": _categorical_with_missing(acodes, atext),
        "procedure_code": categorical(procedure[0], procedure[1]),
        "channel": pd.Categorical.from_codes(channel, categories=pd.Index(list(_CHANNELS))),
    }
    for name in names:
        if name in cols:
            data[name] = cols[name].view("datetime64[us]")
    data["end_kind"] = pd.Categorical.from_codes(end_kind, categories=pd.Index(list(_END_KINDS)))
    data["signed"] = pd.arrays.BooleanArray(signed == 1, signed < 0)
    for name in names:  # moments the events path never fills (a promised date goes scalar)
        data.setdefault(name, np.full(len(good), _NAT, dtype=np.int64).view("datetime64[us]"))
    frame: pd.DataFrame = pd.DataFrame({name: data[name] for name in names})
    return frame


def _categorical_with_missing(codes: NDArray[np.int64], labels: Sequence[str]) -> pd.Categorical:
    present = np.flatnonzero(np.bincount(codes[codes >= 0], minlength=len(labels)))
    remap = np.full(len(labels) + 1, -1, dtype=np.int64)
    remap[present] = np.arange(present.size)
    return pd.Categorical.from_codes(
        np.where(codes >= 0, remap[codes], -1),
        categories=pd.Index([labels[i] for i in present.tolist()]),
    )


# -- the view as of a moment -------------------------------------------------------------------


def _moment_us(moment: date | datetime) -> int:
    if isinstance(moment, datetime):
        if moment.tzinfo is not None:
            raise InvalidValueError(
                f"moment: expected a naive Vietnamese wall time, got an aware {moment!r}"
            )
        return (moment - _EPOCH) // timedelta(microseconds=1)
    return (datetime.combine(moment, time.max) - _EPOCH) // timedelta(microseconds=1)


def truncate_frame(df: pd.DataFrame, moment: date | datetime) -> pd.DataFrame:
    """The frame as known at ``moment``: :meth:`Dossier.until <tthc.models.Dossier.until>` of
    every row, without the rows received after it.

    ``moment`` is a naive wall-time datetime or a date (the end of that day). Events after it are
    cleared (NaT), with what goes with them (the end's kind and signature, an apology's new date).

    >>> df = pd.DataFrame({"id": ["A", "B"], "received": pd.to_datetime(["2026-03-02 09:00",
    ...     "2026-03-09 09:00"]), "end": pd.to_datetime(["2026-03-06 10:00", None]),
    ...     "end_kind": ["resolved", None]})
    >>> truncate_frame(df, date(2026, 3, 5))[["id", "end", "end_kind"]].to_string(index=False)
    'id end end_kind\\n A NaT      NaN'
    """
    m = np.datetime64(_moment_us(moment), "us")
    after = {}
    for col in df.columns:
        s = df[col]
        if s.dtype.kind == "M" and not str(col).endswith("new_due"):
            after[col] = (s > m).to_numpy()
    if not any(a.any() for a in after.values()):
        return df  # nothing happened after the moment: the frame as it is
    keep = ~after["received"]
    out: pd.DataFrame = df.loc[keep].copy()
    after = {col: a[keep] for col, a in after.items()}
    for col, late in after.items():
        if late.any():
            out[col] = out[col].mask(late)
    for ap, nd in (("apologized", "apology_new_due"), ("apology2", "apology2_new_due")):
        if ap in after and nd in out.columns and after[ap].any():
            out[nd] = out[nd].mask(after[ap])
    if "end" in after and after["end"].any():
        for col in ("end_kind", "signed"):
            if col in out.columns:
                out[col] = out[col].mask(after["end"])
    return out


# -- the report of a frame ---------------------------------------------------------------------


@attrs.define
class _Part:
    """What one part of the data adds to the report (summed over chunks and paths)."""

    form06: Form06
    dossiers: int = 0
    considered: int = 0
    on_time: int = 0
    inspected: int = 0
    late: list[tuple[int, Any]] = attrs.field(factory=list)  # LateDossier of the scalar path
    late_tables: list[pd.DataFrame] = attrs.field(factory=list)  # and of frames, as tables
    signatures: list[pd.DataFrame] = attrs.field(factory=list)  # pos, id, unsigned (else unknown)
    tallies: dict[str, int] = attrs.field(factory=dict)  # the lists' counts, once compacted
    received: dict[Any, list[int]] = attrs.field(factory=dict)
    kinds: dict[Any, int] = attrs.field(factory=dict)

    def add(self, other: _Part) -> None:
        from tthc.reports import Form06

        self.form06 = Form06.combine(self.form06, other.form06)
        self.dossiers += other.dossiers
        self.considered += other.considered
        self.on_time += other.on_time
        self.inspected += other.inspected
        self.late += other.late
        self.late_tables += other.late_tables
        self.signatures += other.signatures
        for name, n in other.tallies.items():
            self.tallies[name] = self.tallies.get(name, 0) + n
        for lv, (a, b) in other.received.items():
            t = self.received.setdefault(lv, [0, 0])
            t[0] += a
            t[1] += b
        for kind, n in other.kinds.items():
            self.kinds[kind] = self.kinds.get(kind, 0) + n

    def compact(self) -> None:
        """Keep only the counts of the late and signature lists (flat memory over chunks)."""
        late = _late_table(self)
        for name, n in (
            *_late_counts(late).items(),
            *_signature_counts(_sorted(self.signatures)).items(),
        ):
            self.tallies[name] = self.tallies.get(name, 0) + n
        self.late, self.late_tables, self.signatures = [], [], []


def _frame_part(
    df: pd.DataFrame,
    period: ReportingPeriod,
    procedures: Mapping[str, Procedure],
    *,
    positions: NDArray[np.int64],
    calendar: WorkingCalendar,
    group_by: tuple[str, ...],
    config: Any,
) -> _Part:
    """Biểu 06, the progress score's counts and the inspection's of a frame, in batch."""
    from tthc.batch import FINDING_KINDS, classify_frame, form06_frame
    from tthc.outcomes import FindingKind

    start_day = (period.start - date(1970, 1, 1)).days
    keep = (df["received"] <= np.datetime64(_moment_us(period.end), "us")).to_numpy()
    view = _complete(truncate_frame(df, period.end))
    pos = positions[keep]
    table = form06_frame(view, period, procedures=procedures, calendar=calendar, group_by=group_by)
    part = _Part(table, dossiers=len(df))
    if not len(view):
        return part
    c = classify_frame(
        view, as_of=period.end, procedures=procedures, calendar=calendar, finding_kinds=True
    )
    end = view["end"].to_numpy(dtype="datetime64[us]").view(np.int64)
    has_end = end != _NAT
    eday = np.where(has_end, end // _DAY_US, _NAT)
    rday = view["received"].to_numpy(dtype="datetime64[us]").view(np.int64) // _DAY_US
    inside = ~(has_end & (eday < start_day))
    kind = _kind_codes(view)
    ended = has_end & (kind >= 2)  # withdrawn, stopped, closed in the period
    # indices into _OUTCOMES, whatever the order of the engine's categories (-1: missing)
    order = [_OUTCOMES.index(str(x)) for x in c["outcome"].cat.categories]
    outcome = np.array([*order, -1], dtype=np.int64)[c["outcome"].cat.codes.to_numpy()]
    due = c["due"].to_numpy(dtype="datetime64[D]").view(np.int64)
    # progress score (stats.progress_score)
    count = inside.copy()
    open_ = inside & ~has_end
    if not config.include_open:
        count &= ~open_
    if not config.include_ended:
        count &= ~ended
    good = np.isin(outcome, (0, 1, 3))
    proc_end = _processing_end(view, eday)
    good = np.where(ended, (due == _NAT) | (proc_end <= due), good)
    if config.repeated_supplement_overdue:
        good &= ~(view["supplement2_requested"].notna().to_numpy())
    part.considered = int(count.sum())
    part.on_time = int((good & count).sum())
    # inspection (stats.inspection_report)
    part.inspected = int(inside.sum())
    new = inside & (rday >= start_day)
    pcodes, plevels = _level_codes(view, procedures)
    online = (view["channel"].astype(str) == "online").to_numpy()
    for j, lv in enumerate(plevels):
        sel = new & (pcodes == j)
        if sel.any():
            part.received[lv] = [int(sel.sum()), int((sel & online).sum())]
    for name in FINDING_KINDS:
        total = int(c[f"finding_{name}"].to_numpy()[inside].sum())
        if total:
            part.kinds[FindingKind(name)] = total
    ids = view["id"].to_numpy(dtype=object)
    sg = view["signed"].astype("boolean")
    resolved = inside & has_end & (kind == 0)
    unsigned = resolved & sg.eq(False).fillna(False).to_numpy(dtype=bool)
    listed = unsigned | (resolved & sg.isna().to_numpy())
    part.signatures.append(_signatures(pos[listed], ids[listed], unsigned[listed]))
    late = np.flatnonzero(inside & np.isin(outcome, (2, 4)))
    if late.size:
        sub = view.iloc[late]
        cs = c.iloc[late]
        ap = sub["apologized"].notna().to_numpy()
        too_late = cs["finding_apology_too_late"].to_numpy() > 0
        is_late = outcome[late] == 2
        part.late_tables.append(
            pd.DataFrame(
                {
                    "pos": pos[late],
                    "id": pd.Series(ids[late], dtype="str"),
                    "procedure": pd.Series(
                        sub["procedure_code"].astype(object).to_numpy(), dtype=object
                    ),
                    "agency": pd.Series(
                        sub["agency"].astype(object).to_numpy(dtype=object, na_value=None),
                        dtype=object,
                    ),
                    "outcome": np.array(_OUTCOMES, dtype=object)[outcome[late]],
                    "due": cs["due"].to_numpy(dtype="datetime64[D]"),
                    "finished": np.where(
                        is_late, sub["end"].to_numpy(dtype="datetime64[us]"), np.datetime64("NaT")
                    ),
                    "working_days_late": cs["working_days_late"].to_numpy(),
                    "apologized": ap,
                    "apology_in_time": pd.arrays.BooleanArray(~too_late, ~ap),
                    "new_due": sub["apology_new_due"].to_numpy(dtype="datetime64[D]"),
                    "new_due_kept": cs["new_due_kept"].astype("boolean").array,
                }
            )
        )
    return part


def _signatures(
    pos: NDArray[np.int64], ids: NDArray[Any], unsigned: NDArray[np.bool_]
) -> pd.DataFrame:
    """Resolved dossiers without a digital signature (``unsigned``) or with none recorded."""
    out: pd.DataFrame = pd.DataFrame(
        {"pos": pos, "id": pd.Series(ids, dtype="str"), "unsigned": unsigned.astype(bool)}
    )
    return out


def _complete(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with every column of the layout (an optional column missing: all NaT / missing)."""
    from tthc.batch import FRAME_COLUMNS, FRAME_DATETIME_COLUMNS

    missing = [name for name, _, _ in FRAME_COLUMNS if name not in df.columns]
    if not missing:
        return df
    out: pd.DataFrame = df.copy()
    for name in missing:
        if name in FRAME_DATETIME_COLUMNS:
            out[name] = np.full(len(df), _NAT, dtype=np.int64).view("datetime64[us]")
        elif name == "signed":
            out[name] = pd.array([pd.NA] * len(df), dtype="boolean")
        else:
            out[name] = pd.Categorical([None] * len(df), categories=pd.Index([], dtype=object))
    return out


def _kind_codes(view: pd.DataFrame) -> NDArray[np.int64]:
    codes, values = _coded(view, "end_kind")
    table = np.array([-1 if v is None else _END_KINDS.index(v) for v in values], dtype=np.int64)
    out: NDArray[np.int64] = table[codes]
    return out


def _level_codes(
    view: pd.DataFrame, procedures: Mapping[str, Procedure]
) -> tuple[NDArray[np.int64], list[Any]]:
    codes, values = _coded(view, "procedure_code")
    levels = [
        procedures[v].service_level if v is not None and v in procedures else None for v in values
    ]
    distinct = list(dict.fromkeys(levels))
    table = np.array([distinct.index(lv) for lv in levels], dtype=np.int64)
    return table[codes], distinct


def _processing_end(view: pd.DataFrame, eday: NDArray[np.int64]) -> NDArray[np.int64]:
    """stats._processing_end: the day of a supplement request still outstanding at the end."""

    def days(col: str) -> NDArray[np.int64]:
        x = view[col].to_numpy(dtype="datetime64[us]").view(np.int64)
        return np.where(x == _NAT, _NAT, x // _DAY_US)

    r1, s1 = days("supplement_requested"), days("supplement_received")
    r2, s2 = days("supplement2_requested"), days("supplement2_received")
    out = np.where((r1 != _NAT) & (s1 == _NAT), r1, eday)
    last: NDArray[np.int64] = np.where((r2 != _NAT) & (s2 == _NAT), r2, out)
    return last


def _scalar_part(
    dossiers: Sequence[Dossier],
    positions: Sequence[int],
    period: ReportingPeriod,
    *,
    calendar: WorkingCalendar,
    group_by: tuple[str, ...],
    config: Any,
) -> _Part:
    """The same counts from :class:`~tthc.models.Dossier` objects, by the scalar functions."""
    from tthc.reports import form06, inspection_report, progress_score

    table = form06(dossiers, period, group_by=group_by, calendar=calendar)
    part = _Part(table, dossiers=len(dossiers))
    if not dossiers:
        return part
    score = progress_score(dossiers, period, calendar=calendar, config=config)
    part.considered, part.on_time = score.considered, score.on_time
    ins = inspection_report(dossiers, [], period, calendar=calendar)
    where = {d.id: p for d, p in zip(dossiers, positions, strict=True)}
    part.inspected = ins.dossiers
    part.late = [(where[x.id], x) for x in ins.late]
    listed = [*ins.unsigned_results, *ins.unknown_signature]
    part.signatures.append(
        _signatures(
            np.array([where[i] for i in listed], dtype=np.int64),
            np.array(listed, dtype=object),
            np.arange(len(listed)) < len(ins.unsigned_results),
        )
    )
    part.received = {c.level: [c.received, c.received_online] for c in ins.coverage}
    part.kinds = dict(ins.findings_by_kind)
    return part


@attrs.frozen(eq=False, slots=False)
class FileReport:
    """What ``tthc report`` prints, computed by :func:`report_file` or :func:`report_frame`.

    ``form06``, ``progress`` and ``inspection`` equal :func:`tthc.reports.form06`,
    :func:`~tthc.reports.progress_score` and :func:`~tthc.reports.inspection_report` of the same
    dossiers; ``dossiers`` counts the dossiers read (those received by ``as_of`` when given);
    ``frame_dossiers`` of them went through the columnar path and ``scalar_dossiers`` through the
    scalar one (timelines the one-row layout cannot hold); ``errors`` are the bad records, each
    with its line; ``chunks`` is the number of parts the file was read in. ``late_table`` holds
    the late and overdue dossiers of the inspection as a frame (one row each, in file order);
    :attr:`inspection` builds their :class:`~tthc.reports.LateDossier` objects when first asked.
    """

    form06: Form06
    progress: ProgressScore
    inspection_base: InspectionReport = attrs.field(repr=False)
    late_table: pd.DataFrame = attrs.field(repr=False)
    signature_table: pd.DataFrame = attrs.field(repr=False)
    tallies: dict[str, int] = attrs.field(repr=False)
    dossiers: int
    frame_dossiers: int
    scalar_dossiers: int
    errors: tuple[RowError, ...] = ()
    chunks: int = 1

    @functools.cached_property
    def inspection(self) -> InspectionReport:
        """:func:`tthc.reports.inspection_report` of the dossiers (its ``late`` built here)."""
        from tthc.outcomes import Outcome
        from tthc.reports import LateDossier

        if self.tallies:
            raise InvalidValueError(
                "FileReport.inspection: the lists of late and unsigned dossiers were not kept "
                "(lists=False); read the counts in late_counts and signature_counts, or report "
                "with lists=True"
            )
        t = self.late_table
        outcomes = {o.value: o for o in Outcome}
        columns = [
            t["id"].tolist(),
            t["procedure"].tolist(),
            t["agency"].astype(object).where(t["agency"].notna(), None).tolist(),
            [outcomes[o] for o in t["outcome"].tolist()],
            t["due"].to_numpy(dtype="datetime64[D]").astype(object).tolist(),
            t["finished"].to_numpy(dtype="datetime64[us]").astype(object).tolist(),
            t["working_days_late"].tolist(),
            t["apologized"].tolist(),
            t["apology_in_time"].astype(object).where(t["apology_in_time"].notna(), None).tolist(),
            t["new_due"].to_numpy(dtype="datetime64[D]").astype(object).tolist(),
            t["new_due_kept"].astype(object).where(t["new_due_kept"].notna(), None).tolist(),
        ]
        late = tuple(
            LateDossier(*row) if obj is None else obj
            for obj, *row in zip(t["object"].tolist(), *columns, strict=True)
        )
        sig = self.signature_table
        unsigned = sig["unsigned"].to_numpy(dtype=bool)
        return attrs.evolve(
            self.inspection_base,
            late=late,
            unsigned_results=tuple(sig["id"][unsigned].tolist()),
            unknown_signature=tuple(sig["id"][~unsigned].tolist()),
        )

    @property
    def signature_counts(self) -> dict[str, int]:
        """``unsigned_results`` and ``unknown_signature``: the sizes of those inspection lists."""
        counts = _signature_counts(self.signature_table)
        return {k: n + self.tallies.get(k, 0) for k, n in counts.items()}

    @property
    def late_counts(self) -> dict[str, int]:
        """Counts of the inspection's late list: ``late_or_overdue``, ``late_without_apology``,
        ``apology_late`` (sent later than 1 day before the due date), ``new_date_missed``."""
        counts = _late_counts(self.late_table)
        return {k: n + self.tallies.get(k, 0) for k, n in counts.items()}


def _signature_counts(table: pd.DataFrame) -> dict[str, int]:
    unsigned = int(table["unsigned"].sum())
    return {"unsigned_results": unsigned, "unknown_signature": len(table) - unsigned}


def _late_counts(t: pd.DataFrame) -> dict[str, int]:
    return {
        "late_or_overdue": len(t),
        "late_without_apology": int((~t["apologized"].astype(bool)).sum()),
        "apology_late": int(t["apology_in_time"].eq(False).fillna(False).sum()),
        "new_date_missed": int(t["new_due_kept"].eq(False).fillna(False).sum()),
    }


_LATE_COLUMNS = (
    "pos",
    "id",
    "procedure",
    "agency",
    "outcome",
    "due",
    "finished",
    "working_days_late",
    "apologized",
    "apology_in_time",
    "new_due",
    "new_due_kept",
)


def _late_table(part: _Part) -> pd.DataFrame:
    """The late list of every path as one table, in file order (scalar rows keep their object)."""
    rows = [
        {
            "pos": p,
            "id": x.id,
            "outcome": x.outcome.value,
            "apologized": x.apologized,
            "apology_in_time": x.apology_in_time,
            "new_due_kept": x.new_due_kept,
            "object": x,
        }
        for p, x in part.late
    ]
    tables = [t.assign(object=None) for t in part.late_tables]
    if rows or not tables:
        scalar = pd.DataFrame(rows, columns=[*_LATE_COLUMNS, "object"])
        for col in ("apology_in_time", "new_due_kept"):
            scalar[col] = scalar[col].astype("boolean")
        scalar["apologized"] = scalar["apologized"].astype(bool)
        tables.append(
            scalar.astype(
                {"due": "datetime64[s]", "finished": "datetime64[us]", "new_due": "datetime64[s]"}
            )
        )
    table = pd.concat(tables, ignore_index=True) if len(tables) > 1 else tables[0]
    out: pd.DataFrame = table.sort_values("pos", kind="stable").reset_index(drop=True)
    return out


def _sorted(tables: list[pd.DataFrame]) -> pd.DataFrame:
    empty = _signatures(np.zeros(0, np.int64), np.zeros(0, object), np.zeros(0, bool))
    table = pd.concat(tables, ignore_index=True) if tables else empty
    out: pd.DataFrame = table.sort_values("pos", kind="stable").reset_index(drop=True)
    return out


def _finish(
    part: _Part,
    period: ReportingPeriod,
    catalogue: Sequence[Procedure],
    published: Mapping[str, Any] | None,
    config: Any,
    counts: tuple[int, int, int],
    errors: Sequence[RowError],
    chunks: int,
) -> FileReport:
    from tthc.models import ServiceLevel
    from tthc.outcomes import FindingKind
    from tthc.reports import InspectionReport, OnlineCoverage, ProgressScore, inspection_report

    base = inspection_report([], catalogue, period, published=published)
    procs = {c.level: c.procedures for c in base.coverage}
    order: list[ServiceLevel | None] = [*ServiceLevel, None]
    coverage = tuple(
        OnlineCoverage(
            lv, procs.get(lv, 0), part.received.get(lv, [0, 0])[0], part.received.get(lv, [0, 0])[1]
        )
        for lv in order
        if lv in procs or lv in part.received
    )
    inspection = InspectionReport(
        period=period,
        agency=None,
        level=None,
        dossiers=part.inspected,
        late=(),
        coverage=coverage,
        unsigned_results=(),
        unknown_signature=(),
        unpublished=base.unpublished,
        findings_by_kind=tuple((k, part.kinds[k]) for k in FindingKind if part.kinds.get(k)),
    )
    rate = part.on_time / part.considered if part.considered else None
    points = None if rate is None else config.points(rate)
    progress = ProgressScore(period, part.considered, part.on_time, rate, points, config)
    return FileReport(
        part.form06,
        progress,
        inspection,
        _late_table(part),
        _sorted(part.signatures),
        dict(part.tallies),
        counts[0],
        counts[1],
        counts[2],
        tuple(errors),
        chunks,
    )


# -- reading files -----------------------------------------------------------------------------

AUTO_CHUNK_BYTES = 64 * 1024 * 1024
"""Files larger than this are read in chunks by :func:`report_file` unless told otherwise."""

DEFAULT_CHUNK_ROWS = 200_000
"""Rows per chunk of the automatic chunked mode (about 55,000 dossiers of events)."""


def _source_name(path_or_file: PathOrFile) -> str:
    if isinstance(path_or_file, (str, os.PathLike)):
        return os.fspath(path_or_file)
    return str(getattr(path_or_file, "name", "<file>"))


def _format_of(path_or_file: PathOrFile, fmt: str | None) -> str:
    if fmt is not None:
        if fmt not in _FORMATS:
            raise InvalidValueError(f"format: expected one of {', '.join(_FORMATS)}, got {fmt!r}")
        return fmt
    suffix = Path(_source_name(path_or_file)).suffix.lower()
    found = {".csv": "csv", ".json": "json", ".jsonl": "jsonl", ".parquet": "parquet"}.get(suffix)
    if found is None:
        raise InvalidValueError(
            f"{_source_name(path_or_file)}: cannot tell the format from the name; expected a "
            f"name ending in .csv, .json, .jsonl or .parquet, or format= one of {', '.join(_FORMATS)}"
        )
    return found


_FORMATS = ("csv", "json", "jsonl", "parquet")


def _header(path_or_file: PathOrFile) -> list[str]:
    """The stripped header row of a CSV file (the file's position is restored)."""
    if isinstance(path_or_file, (str, os.PathLike)):
        with open(path_or_file, encoding="utf-8-sig", newline="") as fh:
            line = fh.readline()
    else:
        start = path_or_file.tell()
        line = path_or_file.readline().removeprefix("\ufeff")
        path_or_file.seek(start)
    row = next(csv.reader([line]), [])
    return [h.strip() for h in row]


def _csv_chunks(
    path_or_file: PathOrFile, chunk_rows: int | None, text_cols: Sequence[str], engine: str
) -> Iterator[pd.DataFrame]:
    """The rows of a CSV file as frames of text (categoricals but for ``at`` and the moments)."""
    if engine == "pyarrow":
        import pyarrow.csv as pacsv

        header = _header(path_or_file)
        # low-cardinality text as dictionaries (codes: little memory); ids and moments as text
        types = {
            h: pa.dictionary(pa.int32(), pa.string())
            if h in text_cols and h != "dossier_id"
            else pa.string()
            for h in header
        }
        convert = pacsv.ConvertOptions(
            column_types=types, strings_can_be_null=False, quoted_strings_can_be_null=False
        )
        read = pacsv.ReadOptions(use_threads=True, column_names=header, skip_rows=1)
        pool = pa.system_memory_pool()  # returns freed memory: flat resident memory in chunks
        for block, whole in _blocks(path_or_file, chunk_rows, header[:1] == ["dossier_id"]):
            table = pacsv.read_csv(
                io.BytesIO(block), read_options=read, convert_options=convert, memory_pool=pool
            )
            frame: pd.DataFrame = table.to_pandas(memory_pool=pool)
            frame.attrs["whole_dossiers"] = whole
            yield frame
        return
    dtypes: dict[str, Any] = {
        h: "category" if h in text_cols else str for h in _header(path_or_file)
    }
    options: dict[str, Any] = {"dtype": dtypes, "keep_default_na": False, "index_col": False}
    if chunk_rows is not None:
        options["chunksize"] = chunk_rows
    with warnings.catch_warnings():
        # a row longer than the header: an error, not a warning and lost cells
        warnings.simplefilter("error", pd.errors.ParserWarning)
        result = pd.read_csv(path_or_file, **options)
    if chunk_rows is None:
        yield result
        return
    while True:
        with warnings.catch_warnings():
            warnings.simplefilter("error", pd.errors.ParserWarning)
            chunk = next(result, None)
        if chunk is None:
            return
        yield chunk


def _blocks(
    path_or_file: PathOrFile, chunk_rows: int | None, key_first: bool = False
) -> Iterator[tuple[bytes, bool]]:
    """The CSV file in blocks of about ``chunk_rows`` records, each starting with the header.

    Blocks are cut after a line break outside quotes, so a record is never split; the size in
    bytes is ``chunk_rows`` times the mean length of the first lines. With ``key_first`` (the
    first column is ``dossier_id``) a block ends before the rows of its last dossier, which start
    the next block: each block comes with True when it ends at such a boundary (its dossiers are
    whole, if their rows are consecutive). Reading the blocks ourselves
    (rather than Arrow's streaming reader, which keeps about 200 MB of buffers) keeps memory to
    what one block needs.
    """
    if isinstance(path_or_file, (str, os.PathLike)):
        fh: IO[bytes] = open(path_or_file, "rb")  # noqa: SIM115 - closed below
    else:
        fh = io.BytesIO(path_or_file.read().encode("utf-8"))
    with fh:
        header = fh.readline()
        if chunk_rows is None:
            yield header + fh.read(), True
            return
        start = fh.tell()
        sample = fh.read(1 << 16)
        fh.seek(start)
        mean = max(len(sample) / max(sample.count(b"\n"), 1), 1.0)
        size = max(int(chunk_rows * mean), 1)
        rest = b""
        while True:
            more = fh.read(max(size - len(rest), 1))  # the rest is always shorter than a block
            rest += more
            if not more:
                if rest:
                    yield header + rest, True
                return
            cut = rest.rfind(b"\n") + 1
            while cut > 0 and rest.count(b'"', 0, cut) % 2:  # inside a quoted cell
                cut = rest.rfind(b"\n", 0, cut - 1) + 1
            boundary = _dossier_start(rest, cut) if key_first and cut > 0 else None
            if boundary is not None:
                cut = boundary
            if cut <= 0:  # one record (or dossier) longer than the block: read on
                size *= 2
                continue
            yield header + rest[:cut], boundary is not None
            rest = rest[cut:]


def _dossier_start(data: bytes, cut: int) -> int | None:
    """Where the rows of the last dossier before ``cut`` start (0: they fill the block).

    The dossier id is the text before the first comma of a line. None when it cannot tell (a
    quoted id, or a start inside a quoted cell): the caller then cuts at ``cut`` as usual.
    """
    start = data.rfind(b"\n", 0, cut - 1) + 1
    if data.startswith(b'"', start):
        return None
    key = data[start:cut].split(b",", 1)[0] + b","
    while start > 0:
        prev = data.rfind(b"\n", 0, start - 1) + 1
        if not data.startswith(key, prev):
            break
        start = prev
    return start if data.count(b'"', 0, start) % 2 == 0 else None


def _concat(parts: list[pd.DataFrame]) -> pd.DataFrame:
    from pandas.api.types import union_categoricals

    out: dict[str, Any] = {}
    for col in parts[0].columns:
        if isinstance(parts[0][col].dtype, pd.CategoricalDtype):
            out[col] = union_categoricals([p[col] for p in parts])
        else:
            out[col] = pd.concat([p[col] for p in parts], ignore_index=True)
    frame: pd.DataFrame = pd.DataFrame(out)
    return frame


@attrs.define
class _Run:
    """The state of one :func:`report_file` run (the parts summed so far)."""

    source: str
    period: ReportingPeriod
    table: Mapping[str, Procedure]
    calendar: WorkingCalendar
    group_by: tuple[str, ...]
    config: Any
    as_of: date | datetime | None
    part: _Part
    frame_dossiers: int = 0
    scalar_dossiers: int = 0
    errors: list[RowError] = attrs.field(factory=list)
    chunks: int = 0
    rows: int = 0
    lines_exact: bool = True
    lists: bool = True

    def result(
        self,
        table: Mapping[str, Procedure],
        catalogue: Iterable[Procedure] | None,
        published: Mapping[str, Any] | None,
    ) -> FileReport:
        """The report of what was added (``catalogue`` defaults to the procedures ``table``)."""
        return _finish(
            self.part,
            self.period,
            list(table.values()) if catalogue is None else list(catalogue),
            published,
            self.config,
            (self.frame_dossiers + self.scalar_dossiers, self.frame_dossiers, self.scalar_dossiers),
            self.errors,
            max(self.chunks, 1),
        )

    def _add(self, part: _Part) -> None:
        if not self.lists:
            part.compact()
        self.part.add(part)

    def add_frame(
        self, frame: pd.DataFrame, positions: NDArray[np.int64], procs: Mapping[str, Procedure]
    ) -> None:
        if self.as_of is not None:
            keep = (frame["received"] <= np.datetime64(_moment_us(self.as_of), "us")).to_numpy()
            frame, positions = truncate_frame(frame, self.as_of), positions[keep]
        self.frame_dossiers += len(frame)
        self._add(
            _frame_part(
                frame,
                self.period,
                procs,
                positions=positions,
                calendar=self.calendar,
                group_by=self.group_by,
                config=self.config,
            )
        )

    def add_dossiers(self, dossiers: Sequence[Dossier], positions: Sequence[int]) -> None:
        if self.as_of is not None:
            kept: list[Dossier] = []
            where: list[int] = []
            for d, p in zip(dossiers, positions, strict=True):
                moment = _aware_like(self.as_of, d)
                if d.received.at <= moment:
                    kept.append(d.until(moment))
                    where.append(p)
            dossiers, positions = kept, where
        self.scalar_dossiers += len(dossiers)
        self._add(
            _scalar_part(
                dossiers,
                positions,
                self.period,
                calendar=self.calendar,
                group_by=self.group_by,
                config=self.config,
            )
        )


def _aware_like(as_of: date | datetime, d: Dossier) -> datetime:
    from tthc.calendar import VIETNAM_TZ

    moment = as_of if isinstance(as_of, datetime) else datetime.combine(as_of, time.max)
    return moment.replace(tzinfo=VIETNAM_TZ) if d.is_aware else moment


def _scalar_rows(
    run: _Run, chunk: pd.DataFrame, rows: NDArray[np.int64], pos: NDArray[np.int64]
) -> None:
    """Read the events at ``rows`` of ``chunk`` (file rows ``pos``) with the scalar reader."""
    from tthc.formats.dossiers import read_dossiers

    if not rows.size:
        return
    sub = chunk.iloc[rows]
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(list(chunk.columns))
    values = sub.astype(object).where(sub.notna(), None).to_numpy().tolist()
    multiline = False
    for r in values:
        cells = ["" if v is None else str(v) for v in r]
        multiline |= any("\n" in c or "\r" in c for c in cells)
        writer.writerow(cells)
    buf.seek(0)
    result = read_dossiers(buf, format="csv", strict=False, procedures=run.table)
    first: dict[str, int] = {}
    ids = sub["dossier_id"].astype(object).tolist()
    for i, p in zip(ids, pos.tolist(), strict=True):
        first.setdefault(str(i), p)
    run.add_dossiers(result.dossiers, [first[d.id] for d in result.dossiers])
    run.lines_exact &= not multiline
    for err in result.errors:
        line = (
            None
            if err.line is None or err.line < 2
            else int(pos[min(err.line - 2, pos.size - 1)]) + 2
        )
        run.errors.append(attrs.evolve(err, file=run.source, line=line))


def _hashes(ids: pd.Series[Any]) -> NDArray[np.uint64]:
    """A 64-bit hash of each text: polynomial over Arrow's UTF-8 bytes, one pass per position.

    Ids are short, so this is a few vectorised passes; texts longer than 64 bytes (rare) are
    hashed by pandas. A missing value hashes as the empty text.
    """
    arr = pa.array(ids.array, from_pandas=True)
    arr = arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr
    arr = pc.fill_null(arr.cast(pa.large_string()), "")
    n = len(arr)
    offsets = np.frombuffer(arr.buffers()[1], dtype=np.int64)[arr.offset : arr.offset + n + 1]
    data = np.frombuffer(arr.buffers()[2] or b"\0", dtype=np.uint8)
    lengths = np.diff(offsets)
    out = np.zeros(n, dtype=np.uint64)
    for k in range(int(min(lengths.max(initial=0), 64))):
        m = np.flatnonzero(lengths > k)
        out[m] = out[m] * np.uint64(0x100000001B3) + data[offsets[m] + k]
    out ^= lengths.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    long = np.flatnonzero(lengths > 64)
    if long.size:
        text = np.asarray(arr.take(pa.array(long)).to_pylist(), dtype=object)
        out[long] = pd.util.hash_array(text)
    return out


def _events(run: _Run, chunks: Iterable[pd.DataFrame], *, chunked: bool = False) -> None:
    """The events path: each chunk into a frame, the rest scalar; dossiers across chunks joined.

    In ``chunked`` mode the rows of each chunk's last dossier are held back and joined to the next
    chunk (the last of all is processed on its own), so no chunk is read ahead.
    """
    seen = np.zeros(0, dtype=np.uint64)
    carry: pd.DataFrame | None = None
    carry_pos = np.zeros(0, dtype=np.int64)
    offset = 0
    for part in chunks:
        chunk = part
        pos = np.arange(offset, offset + len(chunk), dtype=np.int64)
        offset += len(chunk)
        if carry is not None:
            chunk = _concat([carry.reset_index(drop=True), chunk.reset_index(drop=True)])
            pos = np.r_[carry_pos, pos]
        carry = None
        if chunked and len(chunk) and not part.attrs.get("whole_dossiers", False):
            # the last dossier may go on in the next chunk: hold its rows back
            hold = (chunk["dossier_id"] == chunk["dossier_id"].iloc[-1]).to_numpy()
            carry, carry_pos = chunk.loc[hold], pos[hold]
            chunk, pos = chunk.loc[~hold].reset_index(drop=True), pos[~hold]
        seen = _once(run, chunk, pos, seen) if chunked else seen
        _events_chunk(run, chunk, pos)
    if carry is not None and len(carry):
        _once(run, carry, carry_pos, seen)
        _events_chunk(run, carry.reset_index(drop=True), carry_pos)
    run.rows = offset


def _events_chunk(run: _Run, chunk: pd.DataFrame, pos: NDArray[np.int64]) -> None:
    ef = events_to_frame(chunk, run.table, calendar=run.calendar)
    run.add_frame(ef.frame, pos[ef.first_row], ef.procedures)
    _scalar_rows(run, chunk, ef.scalar_rows, pos[ef.scalar_rows])
    run.chunks += 1


def _once(
    run: _Run, chunk: pd.DataFrame, pos: NDArray[np.int64], seen: NDArray[np.uint64]
) -> NDArray[np.uint64]:
    """Refuse a dossier met again after an earlier chunk; ``seen`` with this chunk's ids added.

    ``seen`` holds a 64-bit hash of every id of the earlier chunks, sorted (8 bytes a dossier).
    """
    h = np.sort(_hashes(pd.Series(pd.unique(chunk["dossier_id"]))))
    at = np.minimum(np.searchsorted(seen, h), max(seen.size - 1, 0))
    again = seen[at] == h if seen.size else np.zeros(h.size, dtype=bool)
    if again.any():
        i = int(np.flatnonzero(np.isin(_hashes(chunk["dossier_id"]), h[again]))[0])
        raise InvalidValueError(
            f"{run.source}: line {int(pos[i]) + 2}: dossier "
            f"{chunk['dossier_id'].iloc[i]!r} has events on rows far apart (after other "
            "dossiers in an earlier chunk); the chunked mode needs the events of a dossier "
            "on consecutive rows: sort the file by dossier_id, or read it whole "
            "(chunk_size=0)"
        )
    out: NDArray[np.uint64] = np.sort(np.concatenate([seen, h]), kind="stable")  # linear: 2 runs
    return out


_FRAME_TEXT = ("id", "agency", "procedure_code", "channel", "end_kind", "signed")
_EVENT_TEXT = ("event", "channel", "reason", "new_due", "step", "digitally_signed", "inferred")


def _frames(run: _Run, raw: pd.DataFrame) -> None:
    """The one-row-per-dossier path: typed, bad rows reported, the rest reported in batch."""
    from tthc.formats.results import RowError

    try:
        frame, bad = typed_frame(raw, lambda code: _lookup_procedures([code], run.table)[code])
    except InvalidValueError as exc:  # not the layout's columns
        run.errors.append(RowError(run.source, 1, None, str(exc)))
        return
    rows = np.flatnonzero(~np.isin(np.arange(len(raw)), [b[0] for b in bad]))
    ids = raw["id"].astype(object).tolist() if "id" in raw.columns else [None] * len(raw)
    procs = {
        str(c): p
        for c in pd.unique(frame["procedure_code"].astype(object))
        if (p := _lookup_procedures([str(c)], run.table)[str(c)]) is not None
    }
    invalid = invalid_rows(frame, procs, run.calendar)
    for i, field, message in bad:
        run.errors.append(RowError(run.source, i + 2, field, message, _id(ids[i])))
    for j, message in invalid:
        i = int(rows[j])
        run.errors.append(RowError(run.source, i + 2, None, message, _id(ids[i])))
    run.errors.sort(key=lambda e: e.line or 0)
    if invalid:
        keep = np.ones(len(frame), dtype=bool)
        keep[[j for j, _ in invalid]] = False
        frame, rows = frame.loc[keep].reset_index(drop=True), rows[keep]
    run.add_frame(frame, rows.astype(np.int64), procs)
    run.chunks += 1
    run.rows = len(raw)


def _id(value: object) -> str | None:
    return None if value is None or value != value else str(value)


def report_frame(
    df: pd.DataFrame,
    period: ReportingPeriod,
    *,
    procedures: Mapping[str, Procedure] | Iterable[Procedure],
    catalogue: Iterable[Procedure] | None = None,
    published: Mapping[str, Any] | None = None,
    calendar: WorkingCalendar | None = None,
    group_by: Sequence[str] = ("agency", "field"),
    as_of: date | datetime | None = None,
    config: ProgressScoreConfig | None = None,
) -> FileReport:
    """What ``tthc report`` prints, of a frame in the one-row-per-dossier layout, in batch.

    ``procedures`` holds the procedure of every ``procedure_code``; ``catalogue`` (default: the
    same procedures) and ``published`` are passed to the inspection
    (:func:`~tthc.reports.inspection_report`). ``as_of`` keeps what was known then
    (:func:`truncate_frame`); ``config`` is the progress score's (default: QĐ 766's).

    >>> from tthc.reports import ReportingPeriod
    >>> from tthc.synthetic import catalogue, generate_frame
    >>> procs = catalogue()
    >>> r = report_frame(generate_frame(500, seed=3, procedures=procs),
    ...                  ReportingPeriod.quarter(2026, 1), procedures=procs)
    >>> r.form06.total.received == r.inspection.dossiers, r.frame_dossiers
    (True, 500)
    """
    from tthc.batch.layout import procedure_map

    procs = procedure_map(procedures)
    run = _new_run("<frame>", period, procs, calendar, group_by, as_of, config)
    run.add_frame(df, np.arange(len(df), dtype=np.int64), procs)
    run.chunks = 1
    return run.result(procs, catalogue, published)


def _new_run(
    source: str,
    period: ReportingPeriod,
    table: Mapping[str, Procedure],
    calendar: WorkingCalendar | None,
    group_by: Sequence[str],
    as_of: date | datetime | None,
    config: ProgressScoreConfig | None = None,
) -> _Run:
    from tthc.reports import QD766_PROGRESS, Form06, ReportingPeriod

    if not isinstance(period, ReportingPeriod):
        raise InvalidValueError(
            f"period: expected a ReportingPeriod, got {type(period).__name__} {period!r}"
        )
    keys = (group_by,) if isinstance(group_by, str) else tuple(group_by)
    cal = vietnam_calendar() if calendar is None else calendar
    return _Run(
        source,
        period,
        table,
        cal,
        keys,
        QD766_PROGRESS if config is None else config,
        as_of,
        _Part(Form06.empty(period, keys)),
    )


def report_file(
    path_or_file: PathOrFile,
    period: ReportingPeriod,
    *,
    procedures: Any = None,
    catalogue: Iterable[Procedure] | None = None,
    published: Mapping[str, Any] | None = None,
    calendar: WorkingCalendar | None = None,
    group_by: Sequence[str] = ("agency", "field"),
    as_of: date | datetime | None = None,
    format: str | None = None,
    chunk_size: int | None = None,
    engine: str | None = None,
    config: ProgressScoreConfig | None = None,
    lists: bool = True,
) -> FileReport:
    """What ``tthc report`` prints, of a file of dossiers, by the columnar path.

    The file is CSV (one row per event, or one row per dossier), JSON lines or Parquet (either
    layout; the format from the name unless ``format`` is given), or a JSON array of dossiers
    (read by the scalar path). ``config`` is the progress score's. ``procedures`` as for :func:`~tthc.formats.read_dossiers`
    (default: the bundled catalogue); ``catalogue`` and ``published`` go to the inspection.

    Events are read in chunks of ``chunk_size`` rows (``0``: the whole file at once; ``None``:
    chunks of :data:`DEFAULT_CHUNK_ROWS` when the file is larger than :data:`AUTO_CHUNK_BYTES`),
    so memory stays flat however large the file; a dossier whose events straddle two chunks is
    joined up. In chunks, the events of a dossier must be on consecutive rows (as tthc writes
    them, or sorted by ``dossier_id``). A dossier the one-row layout cannot hold is read by the
    scalar path (counted in :attr:`FileReport.scalar_dossiers`); bad records are in
    :attr:`FileReport.errors` with their lines, and left out. ``engine`` is ``"pyarrow"`` (the
    default) or ``"pandas"`` for the CSV parser. ``lists=False`` keeps only the counts of the
    inspection's lists of late and unsigned dossiers (``late_counts``, ``signature_counts``), not
    the lists: memory then stays flat however many dossiers there are (``tthc report`` does so).
    """
    from tthc.formats.catalogue_files import procedure_table as _procedure_table
    from tthc.formats.dossiers import read_dossiers

    source = _source_name(path_or_file)
    fmt = _format_of(path_or_file, format)
    table = _procedure_table(procedures)
    run = _new_run(source, period, table, calendar, group_by, as_of, config)
    run.lists = lists
    if chunk_size is not None and (
        isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 0
    ):
        raise InvalidValueError(f"chunk_size: expected an int >= 0, got {chunk_size!r}")
    eng = _engine(engine)
    if fmt == "json":
        result = read_dossiers(path_or_file, format="json", strict=False, procedures=table)
        run.add_dossiers(result.dossiers, list(range(len(result.dossiers))))
        run.errors.extend(result.errors)
        run.chunks = 1
    elif fmt == "csv":
        header = _header(path_or_file)
        if "dossier_id" in header:
            text = [c for c in header if c != "at"]
            rows = _chunk_rows(path_or_file, chunk_size)
            try:
                _events(run, _csv_chunks(path_or_file, rows, text, eng), chunked=rows is not None)
            except _PARSE_ERRORS:  # rows of another length than the header's: the scalar
                _rewind(path_or_file)  # reader says which
                run = _new_run(source, period, table, calendar, group_by, as_of, config)
                run.lists = lists
                result = read_dossiers(path_or_file, format="csv", strict=False, procedures=table)
                run.add_dossiers(result.dossiers, list(range(len(result.dossiers))))
                run.errors.extend(result.errors)
            if run.errors and not _one_line_per_record(path_or_file, run.rows):
                full = read_dossiers(path_or_file, format="csv", strict=False, procedures=table)
                run.errors = list(full.errors)
        elif {"id", "received"} <= set(header):
            raw = next(_csv_chunks(path_or_file, None, _FRAME_TEXT, eng))
            _frames(run, raw)
        else:  # not a layout tthc knows: the scalar reader says what is wrong
            result = read_dossiers(path_or_file, format="csv", strict=False, procedures=table)
            run.errors.extend(result.errors)
    else:
        raw = read_frame(path_or_file, format=fmt, typed=False)
        if "dossier_id" in raw.columns:
            _events(run, [raw])
        else:
            _frames(run, raw)
    return run.result(table, catalogue, published)


_PARSE_ERRORS = (pd.errors.ParserError, pd.errors.ParserWarning, pa.ArrowInvalid)


def _rewind(path_or_file: PathOrFile) -> None:
    if not isinstance(path_or_file, (str, os.PathLike)):
        path_or_file.seek(0)


def _engine(engine: str | None) -> str:
    if engine is None:
        return "pyarrow"
    if engine not in ("pyarrow", "pandas"):
        raise InvalidValueError(f"engine: expected 'pyarrow' or 'pandas', got {engine!r}")
    return engine


def _chunk_rows(path_or_file: PathOrFile, chunk_size: int | None) -> int | None:
    if chunk_size is not None:
        return chunk_size or None
    if (
        isinstance(path_or_file, (str, os.PathLike))
        and os.path.getsize(path_or_file) > AUTO_CHUNK_BYTES
    ):
        return DEFAULT_CHUNK_ROWS
    return None


def _one_line_per_record(path_or_file: PathOrFile, rows: int) -> bool:
    """Whether record i is on line i + 2 (no blank lines, no line breaks inside cells)."""
    newlines = 0
    last = b"\n"
    if isinstance(path_or_file, (str, os.PathLike)):
        with open(path_or_file, "rb") as fh:
            while block := fh.read(1 << 24):
                newlines += block.count(b"\n")
                last = block[-1:]
    else:
        path_or_file.seek(0)
        text = path_or_file.read().encode("utf-8")
        path_or_file.seek(0)
        newlines, last = text.count(b"\n"), text[-1:] or b"\n"
    return newlines - (last == b"\n") == rows


# -- frames in and out -------------------------------------------------------------------------


def read_frame(
    path_or_file: PathOrFile, *, format: str | None = None, typed: bool = True
) -> pd.DataFrame:
    """A frame from CSV, JSON lines or Parquet (format from the name unless ``format`` is given).

    ``typed=True`` (default) reads the one-row-per-dossier layout of :mod:`tthc.batch`: moments
    as ``datetime64``, ``signed`` as a nullable bool, empty cells as missing; a bad cell raises
    :class:`~tthc.errors.DataRowError` naming the line and field. ``typed=False`` returns the text
    (either layout), for :func:`events_to_frame`.

    >>> import io
    >>> df = read_frame(io.StringIO("id,procedure_code,channel,received,end,end_kind\\n"
    ...                             "HS-1,2.000815,online,2026-03-02 09:00,,\\n"), format="csv")
    >>> df["end_kind"].isna().iloc[0], df["received"].iloc[0]
    (np.True_, Timestamp('2026-03-02 09:00:00'))
    """
    from tthc.errors import DataRowError

    fmt = _format_of(path_or_file, format)
    source = _source_name(path_or_file)
    if fmt == "parquet":
        import pyarrow.parquet as pq

        # low-cardinality text as dictionaries: categoricals, no Python object per cell
        names = set(pq.read_schema(path_or_file).names)
        wanted = [c for c in (*_EVENT_TEXT, *_FRAME_TEXT) if c in names and c not in ("id",)]
        raw: pd.DataFrame = pq.read_table(path_or_file, read_dictionary=wanted).to_pandas()
    elif fmt == "jsonl":
        raw = pd.read_json(path_or_file, lines=True, dtype=False)
        raw = raw.astype(dict.fromkeys(raw.columns, object)).where(raw.notna(), None)
    elif fmt == "csv":
        raw = next(_csv_chunks(path_or_file, None, [], _engine(None)))
    else:
        raise InvalidValueError(f"{source}: read_frame reads csv, jsonl or parquet, not {fmt}")
    if not typed:
        return raw
    frame, bad = typed_frame(raw, None)
    if bad:
        i, field, message = bad[0]
        raise DataRowError(
            f"{source}: line {i + 2}: {field}: {message}", file=source, line=i + 2, field=field
        )
    return frame


def write_frame(df: pd.DataFrame, path_or_file: Any, *, format: str | None = None) -> None:
    """Write a frame as Parquet (keeping its types) or CSV, the format from the name.

    >>> import io
    >>> buf = io.BytesIO()
    >>> write_frame(pd.DataFrame({"id": ["HS-1"]}), buf, format="parquet")
    >>> pd.read_parquet(buf)["id"].tolist()
    ['HS-1']
    """
    fmt = format if format is not None else _format_of(path_or_file, None)
    if fmt == "parquet":
        df.to_parquet(path_or_file, index=False)
    elif fmt == "csv":
        df.to_csv(path_or_file, index=False, date_format="%Y-%m-%d %H:%M:%S")
    else:
        raise InvalidValueError(f"write_frame: expected format 'parquet' or 'csv', got {fmt!r}")


def frame_to_events(df: pd.DataFrame) -> pd.DataFrame:
    """The one-row-per-event table (text, the CSV layout of :func:`tthc.formats.write_dossiers`)
    of a frame in the one-row-per-dossier layout, vectorised; :func:`events_to_frame` reads it back.

    Events come dossier by dossier in the frame's order of equal moments; an apology's reason,
    which the layout does not keep, is ``"(from frame)"`` as in :func:`tthc.batch.frame_to_dossiers`.

    >>> df = pd.DataFrame({"id": ["A"], "procedure_code": ["2.000815"], "channel": ["online"],
    ...     "received": pd.to_datetime(["2026-01-09 15:20"]), "end": pd.to_datetime(["2026-01-12 08:00"]),
    ...     "end_kind": ["resolved"], "signed": pd.array([True], dtype="boolean")})
    >>> frame_to_events(df)[["dossier_id", "event", "at", "channel", "digitally_signed"]].values.tolist()
    [['A', 'received', '2026-01-09T15:20:00', 'online', ''], ['A', 'resolved', '2026-01-12T08:00:00', '', 'true']]
    """
    full = _complete(df)
    n = len(full)
    kinds = [
        ("submitted", "submitted"),
        ("received", "received"),
        ("supplement_requested", "supplement_requested"),
        ("supplement_received", "supplement_received"),
        ("supplement2_requested", "supplement_requested"),
        ("supplement2_received", "supplement_received"),
        ("apologized", "apologized"),
        ("apology2", "apologized"),
        ("end", ""),
        ("returned", "returned"),
    ]
    end_kind = _kind_codes(full)
    rows, ranks, moments, events = [], [], [], []
    for r, (col, kind) in enumerate(kinds):
        at = full[col].to_numpy(dtype="datetime64[us]")
        sel = np.flatnonzero(~np.isnat(at))
        rows.append(sel)
        ranks.append(np.full(sel.size, r, dtype=np.int64))
        moments.append(at[sel])
        names = np.array([kind] * sel.size, dtype=object)
        if col == "end":
            names = np.array(_END_KINDS, dtype=object)[end_kind[sel]]
        events.append(names)
    row = np.concatenate(rows)
    rank = np.concatenate(ranks)
    at = np.concatenate(moments)
    order = np.lexsort((rank, at.view(np.int64), row))
    row, rank, at = row[order], rank[order], at[order]
    event = np.concatenate(events)[order]
    whole = (at.view(np.int64) % 1_000_000 == 0).all()
    text = np.datetime_as_string(at.astype("datetime64[s]") if whole else at)
    ids = full["id"].astype(str).to_numpy(dtype=object)
    agency = full["agency"].astype(object).where(full["agency"].notna(), "").to_numpy(dtype=object)
    codes = full["procedure_code"].astype(str).to_numpy(dtype=object)
    blank = np.full(row.size, "", dtype=object)
    channel = blank.copy()
    rec = rank == 1
    channel[rec] = full["channel"].astype(str).to_numpy(dtype=object)[row[rec]]
    apology = (rank == 6) | (rank == 7)
    reason = blank.copy()
    reason[apology] = "(from frame)"
    new_due = blank.copy()
    for r, col in ((6, "apology_new_due"), (7, "apology2_new_due")):
        sel = rank == r
        days = full[col].to_numpy(dtype="datetime64[D]")[row[sel]]
        new_due[sel] = np.datetime_as_string(days)
    signed = blank.copy()
    res = (rank == 8) & (event == "resolved")
    sg = full["signed"].astype("boolean")
    flags = np.where(
        sg.isna().to_numpy(), "", np.where(sg.fillna(False).to_numpy(dtype=bool), "true", "false")
    )
    signed[res] = flags.astype(object)[row[res]]
    out: pd.DataFrame = pd.DataFrame(
        {
            "dossier_id": ids[row],
            "agency": agency[row],
            "procedure_code": codes[row],
            "event": event,
            "at": text.astype(object),
            "channel": channel,
            "reason": reason,
            "new_due": new_due,
            "step": blank,
            "digitally_signed": signed,
        }
    )
    _ = n
    return out

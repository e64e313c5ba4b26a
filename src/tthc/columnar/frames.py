"""Frames of the one-row-per-dossier layout: the view as of a moment (:func:`truncate_frame`)
and back to one row per event (:func:`frame_to_events`)."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from tthc.columnar._common import _END_KINDS, _NAT, _complete, _kind_codes, _moment_us

if TYPE_CHECKING:
    from collections.abc import Mapping

    from numpy.typing import NDArray


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
            # numpy's comparison where the column is numpy's (NaT compares False either way)
            values = s.to_numpy() if isinstance(s.dtype, np.dtype) else s
            after[col] = np.asarray(values > m, dtype=bool)
    if not any(a.any() for a in after.values()):
        return df  # nothing happened after the moment: the frame as it is
    keep, cleared = _cleared(after)
    out: pd.DataFrame = df.loc[keep].copy()
    for col, late in cleared.items():
        if col in out.columns and late.any():
            out[col] = out[col].mask(late)
    return out


# what goes with a moment cleared (Dossier.until drops its event): an apology's new date, the
# end's kind and signature
_CLEARED_WITH = {
    "apologized": ("apology_new_due",),
    "apology2": ("apology2_new_due",),
    "end": ("end_kind", "signed"),
}


def _cleared(
    after: Mapping[str, NDArray[np.bool_]],
) -> tuple[NDArray[np.bool_], dict[str, NDArray[np.bool_]]]:
    """The rule of :func:`truncate_frame`, from whether each moment (the new dates aside) is
    after the moment: the rows kept (received by then), and the cells of each column to clear
    in them."""
    keep = ~after["received"]
    cleared = {col: a[keep] for col, a in after.items()}
    for col, others in _CLEARED_WITH.items():
        if col in cleared:
            cleared.update(dict.fromkeys(others, cleared[col]))
    return keep, cleared


def _truncate_arrays(
    moments: dict[str, NDArray[np.int64]], codes: dict[str, NDArray[np.int64]], moment_us: int
) -> tuple[NDArray[np.bool_] | None, dict[str, NDArray[np.int64]], dict[str, NDArray[np.int64]]]:
    """:func:`truncate_frame` of a frame as arrays: ``moments`` (µs since 1970, NaT) and
    ``codes`` (-1: missing) by column; the rows kept (None: all, nothing after the moment) and
    the columns as known at ``moment_us``."""
    after = {c: v > moment_us for c, v in moments.items() if not c.endswith("new_due")}
    if not any(a.any() for a in after.values()):
        return None, moments, codes
    keep, cleared = _cleared(after)

    def cut(cols: dict[str, NDArray[np.int64]], missing: int) -> dict[str, NDArray[np.int64]]:
        return {
            c: np.where(cleared[c], missing, v[keep]) if c in cleared else v[keep]
            for c, v in cols.items()
        }

    return keep, cut(moments, _NAT), cut(codes, -1)


def frame_to_events(df: pd.DataFrame) -> pd.DataFrame:
    """The one-row-per-event table (text, the CSV layout of :func:`tthc.formats.write_dossiers`)
    of a frame in the one-row-per-dossier layout, vectorised; :func:`events_to_frame` reads it back.

    Events come dossier by dossier in the frame's order of equal moments; an apology's reason,
    which the layout does not keep, is ``"(from frame)"`` as in :func:`tthc.batch.frame_to_dossiers`.
    A ``promised_due`` becomes an ``appointed`` row given at the receipt, right after it (the
    layout reads it so), and the table then has a ``promised_due`` column.

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
        ("promised_due", "appointed"),  # rank 10: given at the receipt, laid out right after it
    ]
    end_kind = _kind_codes(full)
    promised = ~np.isnat(full["promised_due"].to_numpy(dtype="datetime64[us]"))
    rows, ranks, moments, events = [], [], [], []
    for r, (col, kind) in enumerate(kinds):
        at = full["received" if r == 10 else col].to_numpy(dtype="datetime64[us]")
        sel = np.flatnonzero(~np.isnat(at) & (promised if r == 10 else True))
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
    place = np.where(rank == 10, 3, 2 * rank)  # the order of equal moments
    order = np.lexsort((place, at.view(np.int64), row))
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
    given = np.flatnonzero(rank == 10)
    extra = {}
    if given.size:
        days = full["promised_due"].to_numpy(dtype="datetime64[D]")[row[given]]
        extra["promised_due"] = blank.copy()
        extra["promised_due"][given] = np.datetime_as_string(days)
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
            **extra,
        }
    )
    _ = n
    return out

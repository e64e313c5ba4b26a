"""Cells of the one-row-per-dossier layout as whole columns: the vectorised checks the columnar
report path (:mod:`tthc.columnar`, :mod:`tthc.dask`) runs on a frame of text cells.

A bad cell is found by a check on the whole column, a broken timeline by bisection over the batch
engine's validation (never row by row); an empty cell is a missing value (an open dossier has
neither ``end`` nor ``end_kind``). The CSV reader of the layout is :mod:`tthc.formats.frames`. It
may import :mod:`tthc.batch` (lazily: it needs the ``batch`` extra), :mod:`tthc.formats.results`,
:mod:`tthc.formats.catalogue_files` and the models layer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from tthc.errors import InvalidValueError, TthcError
from tthc.models import Channel, Closed, Procedure, Refused, Resolved, Stopped, Withdrawn
from tthc.validators import nfc_distinct

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from numpy.typing import NDArray

    from tthc.calendar import WorkingCalendar

CHANNELS: tuple[str, ...] = tuple(c.value for c in Channel)
"""The ``channel`` values of the layout."""
END_KINDS: tuple[str, ...] = tuple(c.kind for c in (Resolved, Refused, Stopped, Withdrawn, Closed))
"""The ``end_kind`` values of the layout, in the batch engine's order."""


def coded(table: pd.DataFrame, col: str) -> tuple[NDArray[np.int64], list[str | None]]:
    """(codes, values) of a text column: ``values[codes[i]]`` is row i's cell in Unicode NFC,
    None if missing.

    A categorical column (what the readers make) is taken as it is; other columns are factorised.
    Each distinct value is normalised once (never a row at a time); two that are equal once
    normalised (an agency typed in NFC and in NFD) get one code.

    >>> import pandas as pd
    >>> codes, values = coded(pd.DataFrame({"a": ["x", None, "x"]}), "a")
    >>> codes.tolist(), values
    ([0, 1, 0], ['x', None])
    """
    import numpy as np
    import pandas as pd

    s = table[col]
    if isinstance(s.dtype, pd.CategoricalDtype):
        codes = s.cat.codes.to_numpy().astype(np.int64)
        uniques: Any = s.cat.categories
    else:
        raw, uniques = pd.factorize(s, use_na_sentinel=True)
        codes = raw.astype(np.int64)
    items = np.asarray(uniques, dtype=object).tolist()
    values: list[str | None] = (
        items if all(type(v) is str for v in items) else [str(v) for v in items]
    )
    return nfc_codes(codes, values)


def nfc_codes(
    codes: NDArray[np.int64], values: list[str | None]
) -> tuple[NDArray[np.int64], list[str | None]]:
    """The (codes, values) of :func:`coded` from raw ones (``codes`` -1 where missing): each
    value in NFC, values equal once normalised merged, None appended for the missing cells."""
    import numpy as np

    new, moved = nfc_distinct(values)
    if moved is not None:  # text keys in NFC: values equal once normalised are one (issue 13)
        codes = np.where(codes < 0, -1, np.asarray(moved, dtype=np.int64)[np.maximum(codes, 0)])
        values = new
    codes[codes < 0] = len(values)
    values.append(None)
    return codes, values


def _blank(v: str | None) -> bool:
    return v is None or not v.strip()


def typed_frame(
    raw: pd.DataFrame, find: Any = None
) -> tuple[pd.DataFrame, list[tuple[int, str, str]]]:
    """The frame of a table of text cells in the one-row layout; bad cells as (row, field, message).

    Moments are parsed as ISO 8601, ``signed`` as true / false / empty, ``channel`` and
    ``end_kind`` checked against their values, ``id``, ``procedure_code``, ``channel`` required;
    with ``find`` (code → procedure or None) an unknown procedure code is a bad cell. Rows with
    a bad cell are left out of the frame; the list is sorted by row.

    >>> import pandas as pd
    >>> raw = pd.DataFrame({"id": ["A", "B"], "procedure_code": ["x", "x"],
    ...     "channel": ["online", "fax"], "received": ["2026-03-02 09:00", "2026-03-02"],
    ...     "end_kind": ["", ""]})
    >>> frame, bad = typed_frame(raw)
    >>> frame["id"].tolist(), bad
    (['A'], [(1, 'channel', "expected one of online, in_person, postal, got 'fax'")])
    """
    import numpy as np
    import pandas as pd

    from tthc.batch import FRAME_COLUMNS, FRAME_DATETIME_COLUMNS

    n = len(raw)
    bad: list[tuple[int, str, str]] = []
    ok = np.ones(n, dtype=bool)

    def flag(mask: NDArray[np.bool_], field: str, cells: Any, expected: str) -> None:
        for i in np.flatnonzero(mask & ok).tolist():
            bad.append((i, field, f"expected {expected}, got {cells[i]!r}"))
        ok[mask] = False

    names = [name for name, _, _ in FRAME_COLUMNS]
    unknown = [str(c) for c in raw.columns if c not in names]
    if unknown:
        raise InvalidValueError(
            f"unknown column(s) {unknown}; expected columns of the one-row-per-dossier layout "
            f"{names}"
        )
    out: dict[str, Any] = {}
    for name in names:
        if name not in raw.columns:
            continue
        s = raw[name]
        if name in FRAME_DATETIME_COLUMNS and s.dtype.kind == "M":
            out[name] = s.to_numpy(dtype="datetime64[us]")
            continue
        codes, values = coded(raw, name)
        empty = np.array([_blank(v) for v in values], dtype=bool)[codes]
        cells = s.to_numpy(dtype=object)
        if name in FRAME_DATETIME_COLUMNS:
            text = pd.Series(
                [None if _blank(v) else str(v).strip() for v in values], dtype=object
            ).iloc[codes]
            parsed = pd.to_datetime(text, format="ISO8601", errors="coerce")
            flag(~empty & parsed.isna().to_numpy(), name, cells, "an ISO 8601 date-time")
            out[name] = parsed.to_numpy(dtype="datetime64[us]")
            continue
        stripped = [None if _blank(v) else (v if name == "agency" else str(v).strip()) for v in values]  # fmt: skip
        if name == "signed":
            flags = {"true": 1, "false": 0}
            value = np.array([-1 if v is None else flags.get(v.lower(), -2) for v in stripped], dtype=np.int64)[codes]  # fmt: skip
            flag(value == -2, name, cells, "true, false or an empty cell")
            out[name] = pd.arrays.BooleanArray(value == 1, value < 0)
            continue
        allowed = {"channel": CHANNELS, "end_kind": END_KINDS}.get(name)
        if name in ("id", "procedure_code", "channel"):
            flag(empty, name, cells, "a value")
        if allowed is not None:
            wrong = np.array([v is not None and v not in allowed for v in stripped], dtype=bool)
            flag(wrong[codes], name, cells, f"one of {', '.join(allowed)}")
        if name == "procedure_code" and find is not None:
            missing = np.array([v is not None and find(v) is None for v in stripped], dtype=bool)
            flag(missing[codes], name, cells, "a procedure code of the catalogue")
        if name == "id":
            out[name] = pd.array(np.array(stripped, dtype=object)[codes], dtype="str")
            continue
        cats = [v for v in dict.fromkeys(stripped) if v is not None and (allowed is None or v in allowed)]  # fmt: skip
        index = {v: i for i, v in enumerate(cats)}
        remap = np.array([-1 if v is None else index.get(v, -1) for v in stripped], dtype=np.int64)
        out[name] = pd.Categorical.from_codes(remap[codes], categories=pd.Index(cats))
    frame = pd.DataFrame(out)
    if not ok.all():
        frame = frame.loc[ok].reset_index(drop=True)
    bad.sort()
    return frame, bad


def invalid_rows(
    frame: pd.DataFrame, procedures: Mapping[str, Procedure], calendar: WorkingCalendar | None
) -> list[tuple[int, str]]:
    """Rows (positions) the batch engine refuses, each with its message, found by bisection.

    One pass over the frame when it is valid; with k bad rows about k·log2(n) passes over
    shrinking parts, never one per row.
    """
    from tthc.batch import due_frame

    def check(lo: int, hi: int) -> list[tuple[int, str]]:
        try:
            due_frame(frame.iloc[lo:hi], procedures=procedures, calendar=calendar)
        except TthcError as exc:
            if hi - lo == 1:
                message = str(exc)
                head, _, rest = message.partition(": ")
                return [(lo, rest if head.startswith("row ") and rest else message)]
            mid = (lo + hi) // 2
            return check(lo, mid) + check(mid, hi)
        return []

    return check(0, len(frame)) if len(frame) else []

"""Frames in and out: :func:`read_frame` and :func:`write_frame` (Parquet, CSV, JSON lines)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from tthc.columnar._common import PathOrFile
from tthc.columnar.reading import (
    _EVENT_TEXT,
    _FRAME_TEXT,
    _csv_frame,
    _engine,
    _format_of,
    _source_name,
)
from tthc.errors import InvalidValueError
from tthc.formats.frame_cells import typed_frame

if TYPE_CHECKING:
    pass


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
        raw = _csv_frame(path_or_file, [], _engine(None))
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

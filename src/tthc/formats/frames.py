"""The one-row-per-dossier CSV layout of :mod:`tthc.batch` (``docs/batch.md``): read and write.

The layout itself (its columns and :func:`~tthc.batch.frame_to_dossiers`) belongs to
:mod:`tthc.batch`; this module reads CSV text into that frame strictly (every cell checked and
named: unknown columns, an id on two rows, a ``signed`` that is not ``True`` / ``False`` / empty
are errors) and writes frames with cells escaped against formula injection. It may import
:mod:`tthc.batch` (lazily: it needs the ``batch`` extra), :mod:`tthc.formats.catalogue_files`,
:mod:`tthc.formats.csv_cells`, :mod:`tthc.formats.results` and the models layer.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any

from tthc.errors import DataRowError, TthcError
from tthc.formats._io import CellError, PathOrFile, write_text
from tthc.formats.catalogue_files import procedure_for
from tthc.formats.csv_cells import CsvRow, csv_text
from tthc.formats.results import (
    ReadResult,
    Record,
    RowError,
    csv_records,
    header_failed,
    refuse_repeated_ids,
    settle,
)
from tthc.models import Channel, Dossier, Procedure

__all__ = ["write_frame_csv"]

_MOMENT_RE = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?)?"
)
_MOMENT = "an ISO 8601 date-time 'YYYY-MM-DD HH:MM[:SS]' (naive Vietnamese wall time) or empty"
_SIGNED = {"": None, "True": True, "False": False, "true": True, "false": False}
_END_KINDS = ("resolved", "refused", "stopped", "withdrawn", "closed")
_REQUIRED = ("id", "procedure_code", "channel", "received")


def read_frame_csv(
    header: list[str],
    rows: Iterator[CsvRow],
    source: str,
    table: Mapping[str, Procedure],
    strict: bool,
) -> ReadResult:
    """Dossiers of the one-row-per-dossier layout: each row a record and a dossier."""
    try:
        import pandas  # noqa: F401 - the batch extra

        from tthc.batch import FRAME_COLUMNS, FRAME_DATETIME_COLUMNS
    except ImportError as exc:
        message = f"the one-row-per-dossier layout needs tthc[batch] (numpy, pandas): {exc}"
        return header_failed(source, RowError(source, 1, None, message), [], strict=strict)
    known = [name for name, _, _ in FRAME_COLUMNS]
    unknown = [h for h in header if h not in known]
    missing = [c for c in _REQUIRED if c not in header]
    repeated = sorted({h for h in header if header.count(h) > 1})
    if unknown or missing or repeated:
        message = "; ".join(
            text
            for text, names in (
                (f"unknown column(s) {unknown}", unknown),
                (f"missing column(s) {missing}", missing),
                (f"repeated column(s) {repeated}", repeated),
            )
            if names
        )
        error = RowError(
            source, 1, (unknown or missing or repeated)[0], f"{message}; expected columns {known}"
        )
        return header_failed(source, error, rows, strict=strict)

    def read(row: dict[str, str], dossier_id: str) -> dict[str, Any]:
        return _row_values(row, dossier_id, table, FRAME_DATETIME_COLUMNS)

    records = csv_records(rows, source, header, "id", read)
    records = refuse_repeated_ids(records, source, "on more than one row")
    return settle(source, records, _built(records, header), strict=strict)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _row_values(
    row: dict[str, str], dossier_id: str, table: Mapping[str, Procedure], moments: Sequence[str]
) -> dict[str, Any]:
    out: dict[str, Any] = {"id": dossier_id}
    out["agency"] = _nfc(row.get("agency", "")) or None
    code = row["procedure_code"].strip()
    out["procedure"] = procedure_for(table, code)
    out["procedure_code"] = code
    channel = row["channel"].strip()
    if channel not in {c.value for c in Channel}:
        raise CellError("channel", f"expected online, in_person or postal, got {channel!r}")
    out["channel"] = channel
    for name in moments:
        cell = row.get(name, "").strip()
        if not cell:
            out[name] = None
            continue
        if _MOMENT_RE.fullmatch(cell) is None:
            raise CellError(name, f"expected {_MOMENT}, got {cell!r}")
        try:
            out[name] = datetime.fromisoformat(cell)
        except ValueError as exc:
            raise CellError(name, f"expected {_MOMENT}, got {cell!r}: {exc}") from None
    end_kind = row.get("end_kind", "").strip()
    if end_kind and end_kind not in _END_KINDS:
        raise CellError(
            "end_kind", f"expected one of {', '.join(_END_KINDS)} or empty, got {end_kind!r}"
        )
    out["end_kind"] = end_kind or None
    signed = row.get("signed", "")
    if signed not in _SIGNED:
        raise CellError("signed", f"expected True, False or an empty cell, got {signed!r}")
    out["signed"] = _SIGNED[signed]
    return out


def _built(records: list[Record], header: list[str]) -> Any:
    """The builder for :func:`settle`: every good row at once through
    :func:`~tthc.batch.frame_to_dossiers`; when that fails, halves until each bad row is found."""
    import pandas as pd

    from tthc.batch import FRAME_DATETIME_COLUMNS, frame_to_dossiers

    good = [r for r in records if r.error is None and r.dossier_id is not None]
    built: dict[str, Dossier | TthcError] = {}

    def frame(rows: list[Record]) -> pd.DataFrame:
        data: dict[str, Any] = {}
        for name in ("id", "agency", "procedure_code", "channel", "end_kind"):
            data[name] = pd.Series([r.value[name] for r in rows], dtype=object)
        for name in FRAME_DATETIME_COLUMNS:
            data[name] = pd.Series([r.value[name] for r in rows], dtype="datetime64[us]")
        data["signed"] = pd.Series([r.value["signed"] for r in rows], dtype="boolean")
        df: pd.DataFrame = pd.DataFrame(data)
        return df

    def build(rows: list[Record]) -> None:
        procedures = {r.value["procedure_code"]: r.value["procedure"] for r in rows}
        try:
            dossiers = frame_to_dossiers(frame(rows), procedures)
        except TthcError as exc:
            if len(rows) == 1:
                built[rows[0].value["id"]] = exc
                return
            half = len(rows) // 2
            build(rows[:half])
            build(rows[half:])
            return
        for d in dossiers:
            built[d.id] = d

    if good:
        build(good)

    def one(dossier_id: str, group: Sequence[Record]) -> Dossier:
        found = built[dossier_id]
        if isinstance(found, TthcError):
            raise DataRowError(str(found), field=None)
        return found

    return one


def write_frame_csv(dossiers: Iterable[Dossier] | Any, path_or_file: PathOrFile) -> None:
    """Write dossiers (or a frame of the layout) as a one-row-per-dossier CSV, atomically.

    Text cells are escaped against formula injection and every cell holding a line break is
    quoted (:mod:`tthc.formats.csv_cells`); :func:`~tthc.formats.read_dossiers` reads it back.
    Needs the ``batch`` extra.
    """
    import pandas as pd

    from tthc.batch import FRAME_COLUMNS, dossiers_to_frame

    df = dossiers if isinstance(dossiers, pd.DataFrame) else dossiers_to_frame(dossiers)
    columns = [name for name, _, _ in FRAME_COLUMNS if name in df.columns]

    def cell(value: Any) -> object:
        if value is None or value is pd.NA or value is pd.NaT or value != value:
            return None
        if isinstance(value, pd.Timestamp):
            return value.isoformat(sep=" ")
        return str(value)  # text, and signed: True / False

    rows = ([cell(v) for v in values] for values in df[columns].itertuples(index=False))
    write_text(path_or_file, csv_text(columns, rows))

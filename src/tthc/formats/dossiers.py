"""Dossier files: :func:`read_dossiers` and :func:`write_dossiers`, in JSON or the event CSV.

The format comes from the file name's suffix or the ``format`` argument, then from the content;
each format is its own module (:mod:`tthc.formats.json`, :mod:`tthc.formats.events_csv`, the
national portal's sync record :mod:`tthc.formats.sync_record`, one-stop spreadsheet exports
:mod:`tthc.formats.spreadsheet`). It may import every module of :mod:`tthc.formats` (it is the
top of the package) and the models layer.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Literal, overload

from tthc.errors import DataFileError
from tthc.formats._io import PathOrFile, detect_format, read_text, source_name, write_text
from tthc.formats.catalogue_files import ProcedureSource, procedure_table
from tthc.formats.events_csv import read_events_csv, write_events_csv
from tthc.formats.json import dumps, read_json_dossiers
from tthc.formats.results import ReadResult
from tthc.formats.spreadsheet import ColumnMapping, is_export, spreadsheet_from_data
from tthc.formats.sync_record import sync_records_from_text
from tthc.models import Dossier

__all__ = ["read_dossiers", "write_dossiers"]


@overload
def read_dossiers(
    path_or_file: PathOrFile,
    *,
    strict: Literal[True] = ...,
    procedures: ProcedureSource = ...,
    format: str | None = ...,
    columns: ColumnMapping | None = ...,
) -> tuple[Dossier, ...]: ...
@overload
def read_dossiers(
    path_or_file: PathOrFile,
    *,
    strict: Literal[False],
    procedures: ProcedureSource = ...,
    format: str | None = ...,
    columns: ColumnMapping | None = ...,
) -> ReadResult: ...
def read_dossiers(
    path_or_file: PathOrFile,
    *,
    strict: bool = True,
    procedures: ProcedureSource = None,
    format: str | None = None,
    columns: ColumnMapping | None = None,
) -> tuple[Dossier, ...] | ReadResult:
    """Dossiers from a CSV (one row per event) or JSON (a list of dossiers) file, or from what
    one-stop offices have: the national portal's sync records and spreadsheet exports.

    ``path_or_file`` is a path or an open file. The format (``format=``: ``"csv"``, ``"json"``,
    ``"sync"`` or ``"spreadsheet"``) comes from the suffix, then from the content: ``.xlsx``,
    ``.xls``, ``.tsv`` are spreadsheets (:mod:`tthc.formats.spreadsheet`, with
    ``columns`` mapping unknown headers); ``.jsonl`` / ``.ndjson`` and a ``.json`` whose records
    carry ``MaHoSo`` are sync records (:mod:`tthc.formats.sync_record`); a ``.csv`` in UTF-16, or whose
    first line is not tthc's own header (``dossier_id,…``, the one-row layout's ``id,…,received``)
    but which has a one-stop header row (:func:`~tthc.formats.spreadsheet.is_export`), is a
    spreadsheet export. CSV rows name their procedure by
    ``procedure_code``, looked up in ``procedures`` (a :class:`Catalogue`, a mapping code →
    :class:`~tthc.models.Procedure`, or procedures; default: the bundled catalogue); a provincial
    code such as ``2.000815.000.00.00.H55`` falls back to its national entry. JSON dossiers carry
    their procedure in full.

    ``strict=True`` (default) raises :class:`~tthc.errors.DataRowError` at the first bad record,
    naming the file, line and field; ``strict=False`` returns a :class:`ReadResult` with the good
    dossiers, every error with its line, every rejected dossier with its reason, and counts that
    reconcile (records read = used + rejected; dossiers seen = reported + rejected). A dossier id
    twice in a JSON file or on two rows of the one-row-per-dossier layout is an error. A missing
    or unreadable file raises :class:`~tthc.errors.DataFileError`.

    >>> import io
    >>> rows = io.StringIO(
    ...     "dossier_id,agency,procedure_code,event,at\\n"
    ...     "HS-1,UBND xã A,2.000815,received,2026-01-09T15:20:00\\n"
    ...     "HS-1,UBND xã A,2.000815,resolved,2026-01-10T08:00:00\\n")
    >>> [d.final_event for d in read_dossiers(rows, format="csv")]
    [Resolved(at=datetime.datetime(2026, 1, 10, 8, 0), digitally_signed=None)]
    >>> bad = io.StringIO("dossier_id,agency,procedure_code,event,at\\nHS-2,,2.000815,recieved,2026-01-09\\n")
    >>> read_dossiers(bad, format="csv", strict=False).errors[0].message
    "unknown event 'recieved'; expected one of apologized, appointed, closed, correction_requested, exclusion_ended, exclusion_started, received, refused, resolved, returned, step_completed, stopped, submitted, supplement_received, supplement_requested, withdrawn"
    """
    source = source_name(path_or_file)
    table = procedure_table(procedures)
    fmt = _kind(path_or_file, format)
    if fmt in ("spreadsheet", "csv") and isinstance(path_or_file, (str, os.PathLike)):
        try:
            with open(path_or_file, "rb") as fh:
                data: bytes | str = fh.read()
        except OSError as exc:
            raise DataFileError(f"{source}: cannot read the file: {exc.strerror or exc}") from exc
        if fmt == "spreadsheet" or is_export(data, columns):
            return spreadsheet_from_data(data, source, strict=strict, table=table, columns=columns)
    text = read_text(path_or_file, source)
    if fmt == "spreadsheet" or (fmt == "csv" and is_export(text, columns)):
        return spreadsheet_from_data(text, source, strict=strict, table=table, columns=columns)
    if fmt == "sync" or (fmt == "json" and _SYNC_KEY.search(text[:4096]) is not None):
        return sync_records_from_text(text, source, strict=strict, table=table)
    if fmt == "json":
        result = read_json_dossiers(text, source, strict=strict)
    else:
        result = read_events_csv(text, source, table, strict)
    return result.dossiers if strict else result


_SPREADSHEET_SUFFIXES = (".xlsx", ".xls", ".tsv")
_SYNC_SUFFIXES = (".jsonl", ".ndjson")
_SYNC_KEY = re.compile(r'"MaHoSo"\s*:')


def _kind(path_or_file: PathOrFile, fmt: str | None) -> str:
    if fmt in ("sync", "spreadsheet"):
        return fmt
    if fmt is None:
        suffix = Path(source_name(path_or_file)).suffix.lower()
        if suffix in _SPREADSHEET_SUFFIXES:
            return "spreadsheet"
        if suffix in _SYNC_SUFFIXES:
            return "sync"
    return detect_format(path_or_file, fmt)


def write_dossiers(
    dossiers: Iterable[Dossier],
    path_or_file: PathOrFile,
    *,
    format: str | None = None,
) -> None:
    """Write ``dossiers`` as CSV (one row per event) or JSON; :func:`read_dossiers` reads it back.

    CSV keeps only each procedure's code: read it back with the same ``procedures``. Fields at
    their default (e.g. ``channel`` of an in-person receipt) are written all the same.
    """
    fmt = detect_format(path_or_file, format)
    items = list(dossiers)
    text = dumps(items, indent=1) + "\n" if fmt == "json" else write_events_csv(items)
    write_text(path_or_file, text)

"""The report entry points: :func:`report_file` (a file, in chunks when large) and
:func:`report_frame` (a frame in the one-row layout)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from tthc.calendar import WorkingCalendar
from tthc.columnar._common import PathOrFile
from tthc.columnar.events import _arrow_table
from tthc.columnar.file_report import FileReport
from tthc.columnar.frame_files import read_frame
from tthc.columnar.reading import (
    _FRAME_TEXT,
    _PARSE_ERRORS,
    _chunk_rows,
    _csv_frame,
    _csv_tables,
    _engine,
    _format_of,
    _header,
    _one_line_per_record,
    _parquet_tables,
    _rewind,
    _source_name,
)
from tthc.columnar.run import _events, _frames, _new_run, _Run
from tthc.errors import InvalidValueError
from tthc.models import Procedure

if TYPE_CHECKING:
    from tthc.reports import ProgressScoreConfig, ReportingPeriod


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
    agency: str | None = None,
    level: str | None = None,
    classified: bool = False,
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
    ``agency`` keeps only that agency's dossiers (spaces and case aside) and ``level`` only those
    of procedures at that level (``"commune"``, ...), as ``tthc report --agency / --level`` do;
    ``classified=True`` keeps every dossier's classification in :attr:`FileReport.classified`.
    """
    from tthc.formats.catalogue_files import procedure_table as _procedure_table
    from tthc.formats.dossiers import read_dossiers

    source = _source_name(path_or_file)
    fmt = _format_of(path_or_file, format)
    table = _procedure_table(procedures)

    def new_run() -> _Run:
        run = _new_run(source, period, table, calendar, group_by, as_of, config)
        run.lists, run.agency, run.level, run.classified = lists, agency, level, classified
        return run

    run = new_run()
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
        repeated = len(set(header)) < len(header)  # the scalar reader names the column
        if "dossier_id" in header and not repeated:
            text = [c for c in header if c != "at"]
            rows = _chunk_rows(path_or_file, chunk_size)
            try:
                _events(run, _csv_tables(path_or_file, rows, text, eng), chunked=rows is not None)
            except _PARSE_ERRORS:  # rows of another length than the header's: the scalar
                _rewind(path_or_file)  # reader says which
                run = new_run()
                result = read_dossiers(path_or_file, format="csv", strict=False, procedures=table)
                run.add_dossiers(result.dossiers, list(range(len(result.dossiers))))
                run.errors.extend(result.errors)
            if run.errors and not _one_line_per_record(path_or_file, run.rows):
                full = read_dossiers(path_or_file, format="csv", strict=False, procedures=table)
                run.errors = list(full.errors)
        elif {"id", "received"} <= set(header) and not repeated:
            try:
                raw = _csv_frame(path_or_file, _FRAME_TEXT, eng)
            except _PARSE_ERRORS:  # rows of another length, a quote left open: the scalar
                _rewind(path_or_file)  # reader says which
                result = read_dossiers(path_or_file, format="csv", strict=False, procedures=table)
                run.add_dossiers(result.dossiers, list(range(len(result.dossiers))))
                run.errors.extend(result.errors)
            else:
                _frames(run, raw)
        else:  # not a layout tthc knows: the scalar reader says what is wrong
            result = read_dossiers(path_or_file, format="csv", strict=False, procedures=table)
            run.errors.extend(result.errors)
    elif fmt == "parquet" and _parquet_events(path_or_file):
        tables, chunked = _parquet_tables(path_or_file, chunk_size)
        _events(run, tables, chunked=chunked)
    else:
        raw = read_frame(path_or_file, format=fmt, typed=False)
        if "dossier_id" in raw.columns:
            _events(run, [(_arrow_table(raw), True)])
        else:
            _frames(run, raw)
    return run.result(table, catalogue, published)


def _parquet_events(path_or_file: Any) -> bool:
    """Whether a Parquet file holds events (a ``dossier_id`` column), read by row batches."""
    import pyarrow.parquet as pq

    return "dossier_id" in pq.read_schema(path_or_file).names

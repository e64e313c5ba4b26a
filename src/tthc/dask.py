"""Classification, Biểu 06 and the whole report over a partitioned dataset, with Dask (extra ``dask``).

A country's dossiers do not fit one machine: keep them as a partitioned dataset (a directory of
Parquet files, or CSV files named by a glob), one row per dossier (the layout of
:mod:`tthc.batch`) or one row per event with each dossier's events in one partition (partition
the files by dossier, e.g. by agency and month of receipt). Each partition is read and computed
on a worker by the columnar path (:mod:`tthc.columnar`); the partial tables add up with
:meth:`Form06.combine <tthc.reports.Form06.combine>`. The calendar (with its overrides) and the
procedures are shipped to the workers with the task.

Run it on a laptop as is (Dask's default scheduler), or on a cluster by creating a client first::

    from dask.distributed import Client
    client = Client("tcp://scheduler.example:8786")  # or LocalCluster(n_workers=...)
    table = tthc.dask.form06(tthc.dask.read_dataset("s3://bucket/dossiers/"), period, ...)

>>> import tempfile
>>> from tthc.columnar import write_frame
>>> from tthc.reports import ReportingPeriod
>>> from tthc.synthetic import catalogue, generate_frame
>>> procs = catalogue()
>>> folder = tempfile.mkdtemp()
>>> for i in range(3):
...     write_frame(generate_frame(200, seed=i, procedures=procs), f"{folder}/part-{i}.parquet")
>>> ddf = read_dataset(folder)
>>> ddf.npartitions
3
>>> form06(ddf, ReportingPeriod.quarter(2026, 1), procedures=procs).total.received > 0
True
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from tthc.calendar import WorkingCalendar
from tthc.errors import InvalidValueError

try:
    import dask
    import dask.dataframe as dd
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("tthc.dask needs dask: pip install 'tthc[dask]'") from exc

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from tthc.columnar import FileReport
    from tthc.models import Procedure
    from tthc.reports import Form06, ProgressScoreConfig, ReportingPeriod

__all__ = ["classify", "form06", "read_dataset", "report"]

_TEXT = ("id", "agency", "procedure_code", "channel", "end_kind", "signed", "dossier_id", "event")


def read_dataset(path: str | os.PathLike[str], *, format: str | None = None) -> dd.DataFrame:
    """A Dask frame of a partitioned dataset: a Parquet directory / file or a CSV glob.

    One partition per file (the files of a Parquet directory, at any depth, in name order).

    ``format`` (``"parquet"`` or ``"csv"``) defaults to ``csv`` for a name ending in ``.csv``
    (a glob such as ``data/*.csv``) and to ``parquet`` otherwise. CSV cells are read as text
    (codes such as ``9.000010`` are not numbers; empty cells stay empty), one partition per file.
    """
    name = os.fspath(path)
    fmt = format if format is not None else ("csv" if name.endswith(".csv") else "parquet")
    if fmt == "parquet":
        files = sorted(glob.glob(os.path.join(name, "**", "*.parquet"), recursive=True))
        return dd.from_map(pd.read_parquet, files if os.path.isdir(name) else [name])
    if fmt == "csv":
        return dd.read_csv(name, dtype=str, keep_default_na=False, blocksize=None)
    raise InvalidValueError(f"format: expected 'parquet' or 'csv', got {format!r}")


def _procedures(procedures: Any) -> dict[str, Procedure]:
    from tthc.batch.layout import procedure_map
    from tthc.formats.catalogue_files import procedure_table

    if procedures is None or not isinstance(procedures, (Mapping, list, tuple)):
        return dict(procedure_table(procedures))
    return procedure_map(procedures)


def _typed(part: pd.DataFrame, procedures: Mapping[str, Procedure]) -> pd.DataFrame:
    """One partition in the one-row layout, typed (events turned into rows of dossiers)."""
    from tthc.columnar import events_to_frame
    from tthc.errors import DataRowError
    from tthc.formats.frame_cells import typed_frame

    if "dossier_id" in part.columns:
        out = events_to_frame(part, procedures)
        if out.scalar_rows.size:
            row = int(out.scalar_rows[0])
            raise DataRowError(
                f"dossier {part['dossier_id'].iloc[row]!r}: its timeline does not fit the one-row "
                "layout (or a row is bad); use tthc.dask.report, which reads it one by one"
            )
        return out.frame
    frame, bad = typed_frame(part)
    if bad:
        i, field, message = bad[0]
        raise DataRowError(f"row {i}: {field}: {message}", field=field)
    return frame


def _delayed_parts(ddf: dd.DataFrame) -> list[Any]:
    if not isinstance(ddf, dd.DataFrame):
        raise InvalidValueError(
            f"ddf: expected a dask DataFrame (tthc.dask.read_dataset), got {type(ddf).__name__}"
        )
    return list(ddf.to_delayed())


def _form06_part(
    part: pd.DataFrame,
    period: ReportingPeriod,
    procedures: Mapping[str, Procedure],
    calendar: WorkingCalendar | None,
    group_by: tuple[str, ...],
) -> Form06:
    from tthc.batch import form06_frame

    frame = _typed(part, procedures)
    table: Form06 = form06_frame(
        frame, period, procedures=procedures, calendar=calendar, group_by=group_by
    )
    return table


def form06(
    ddf: dd.DataFrame,
    period: ReportingPeriod,
    *,
    procedures: Any = None,
    calendar: WorkingCalendar | None = None,
    group_by: Sequence[str] = ("agency", "field"),
) -> Form06:
    """Biểu 06 of a Dask frame: one table per partition on the workers, summed with ``combine``.

    Equal to :func:`tthc.batch.form06_frame` of the whole data (each dossier in one partition).
    ``procedures`` as for :func:`tthc.formats.read_dossiers` (default: the bundled catalogue).
    """
    from tthc.reports import Form06

    procs = _procedures(procedures)
    keys = (group_by,) if isinstance(group_by, str) else tuple(group_by)
    tasks = [
        dask.delayed(_form06_part)(p, period, procs, calendar, keys) for p in _delayed_parts(ddf)
    ]
    tables = dask.compute(*tasks)
    return Form06.combine(Form06.empty(period, keys), *tables)


def _classify_part(
    part: pd.DataFrame,
    as_of: date | datetime,
    procedures: Mapping[str, Procedure],
    calendar: WorkingCalendar | None,
    due_soon: int,
) -> pd.DataFrame:
    from tthc.batch import classify_frame

    frame = _typed(part, procedures)
    out = classify_frame(
        frame, as_of=as_of, procedures=procedures, calendar=calendar, due_soon=due_soon
    )
    cols = ["id", "due", "due_at", "outcome", "working_days_late", "due_soon", "provisional"]
    result: pd.DataFrame = out[cols].copy()
    result["outcome"] = result["outcome"].astype("str")
    result["findings"] = out["findings"]
    return result


def classify(
    ddf: dd.DataFrame,
    *,
    as_of: date | datetime,
    procedures: Any = None,
    calendar: WorkingCalendar | None = None,
    due_soon: int = 1,
) -> dd.DataFrame:
    """:func:`tthc.batch.classify_frame` of every partition (lazy; ``.compute()`` to get it).

    Columns: ``id``, ``due``, ``due_at``, ``outcome`` (text), ``working_days_late``,
    ``due_soon``, ``provisional``, ``findings``; one row per dossier.
    """
    procs = _procedures(procedures)
    meta = pd.DataFrame(
        {
            "id": pd.Series(dtype="str"),
            "due": pd.Series(dtype="datetime64[s]"),
            "due_at": pd.Series(dtype="datetime64[us]"),
            "outcome": pd.Series(dtype="str"),
            "working_days_late": pd.Series(dtype=np.int64),
            "due_soon": pd.Series(dtype=bool),
            "provisional": pd.Series(dtype=bool),
            "findings": pd.Series(dtype=np.int64),
        }
    )
    _delayed_parts(ddf)  # the type check
    return ddf.map_partitions(
        _classify_part, as_of, procs, calendar, due_soon, meta=meta, align_dataframes=False
    )


def _report_part(
    part: pd.DataFrame, index: int, period: ReportingPeriod, options: dict[str, Any]
) -> Any:
    from tthc.columnar.events import _arrow_table
    from tthc.columnar.run import _events, _frames, _new_run

    run = _new_run(f"partition {index}", period, **options)
    if "dossier_id" in part.columns:
        _events(run, [(_arrow_table(part), True)])
    else:
        _frames(run, part)
    shift = index << 40  # positions: partition, then row (keeps the file order of the lists)
    run.part.late = [(p + shift, x) for p, x in run.part.late]
    run.part.late_tables = [t.assign(pos=t["pos"] + shift) for t in run.part.late_tables]
    run.part.signatures = [t.assign(pos=t["pos"] + shift) for t in run.part.signatures]
    return run.part, run.frame_dossiers, run.scalar_dossiers, run.errors


def report(
    ddf: dd.DataFrame,
    period: ReportingPeriod,
    *,
    procedures: Any = None,
    catalogue: Iterable[Procedure] | None = None,
    published: Mapping[str, Any] | None = None,
    calendar: WorkingCalendar | None = None,
    group_by: Sequence[str] = ("agency", "field"),
    as_of: date | datetime | None = None,
    config: ProgressScoreConfig | None = None,
) -> FileReport:
    """What ``tthc report`` prints, of a Dask frame: each partition on a worker, then summed.

    The same :class:`~tthc.columnar.FileReport` as :func:`tthc.columnar.report_file` of the whole
    data (each dossier's rows in one partition); timelines the one-row layout cannot hold are read
    one by one on the worker. Error lines are rows of their partition (``partition i``).
    """
    procs = _procedures(procedures)
    keys = (group_by,) if isinstance(group_by, str) else tuple(group_by)
    options: dict[str, Any] = {
        "table": procs,
        "calendar": calendar,
        "group_by": keys,
        "as_of": as_of,
        "config": config,
    }
    tasks = [
        dask.delayed(_report_part)(p, i, period, options) for i, p in enumerate(_delayed_parts(ddf))
    ]
    results = dask.compute(*tasks)
    from tthc.columnar.run import _new_run

    total = _new_run("<dataset>", period, **options)
    for part, f, n, e in results:
        total.part.add(part)
        total.frame_dossiers += f
        total.scalar_dossiers += n
        total.errors += e
    total.chunks = len(results)
    return total.result(procs, catalogue, published)

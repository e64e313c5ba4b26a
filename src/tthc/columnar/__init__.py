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

One module per concept, each importing only those before it in this list (every public name is
re-exported here):

* :mod:`~tthc.columnar._common`: what the modules share (moment units, category codes);
* :mod:`~tthc.columnar.events`: events into the one-row layout (:func:`events_to_frame`);
* :mod:`~tthc.columnar.frames`: the view of a frame as of a moment (:func:`truncate_frame`) and
  back to events (:func:`frame_to_events`);
* :mod:`~tthc.columnar.classified`: every dossier's classification as a table for analysts;
* :mod:`~tthc.columnar.parts`: what one part of the data adds to the report, in batch or scalar;
* :mod:`~tthc.columnar.file_report`: the report of a run (:class:`FileReport`);
* :mod:`~tthc.columnar.reading`: the format of a file, CSV in blocks and chunks;
* :mod:`~tthc.columnar.frame_files`: :func:`read_frame` and :func:`write_frame`;
* :mod:`~tthc.columnar.run`: one run, the parts summed chunk by chunk, dossiers joined across
  chunks, the scalar path for what the layout cannot hold;
* :mod:`~tthc.columnar.report`: the entry points :func:`report_file` and :func:`report_frame`;
* :mod:`~tthc.columnar.appointments`: the audit of promised dates in batch, :func:`audit_file`
  and :func:`audit_frame` (what :func:`tthc.appointments.audit` gives).

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

try:
    import numpy  # noqa: F401
    import pandas  # noqa: F401
    import pyarrow  # noqa: F401
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "tthc.columnar needs numpy, pandas and pyarrow: pip install 'tthc[batch]'"
    ) from exc

from tthc.columnar._common import PathOrFile
from tthc.columnar.appointments import FileAudit, audit_file, audit_frame
from tthc.columnar.events import EventsFrame, events_to_frame
from tthc.columnar.file_report import FileReport
from tthc.columnar.frame_files import read_frame, write_frame
from tthc.columnar.frames import frame_to_events, truncate_frame
from tthc.columnar.reading import AUTO_CHUNK_BYTES, DEFAULT_CHUNK_ROWS
from tthc.columnar.report import report_file, report_frame

__all__ = [
    "AUTO_CHUNK_BYTES",
    "DEFAULT_CHUNK_ROWS",
    "EventsFrame",
    "FileAudit",
    "FileReport",
    "PathOrFile",
    "audit_file",
    "audit_frame",
    "events_to_frame",
    "frame_to_events",
    "read_frame",
    "report_file",
    "report_frame",
    "truncate_frame",
    "write_frame",
]

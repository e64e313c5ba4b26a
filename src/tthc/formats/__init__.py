"""Reading and writing tthc values: one cattrs converter, JSON, CSV data files, the catalogue.

One module per concern, each importing only those before it in this list (no cycles):

* :mod:`~tthc.formats._io`: paths or open files, format detection, atomic writes (internal);
* :mod:`~tthc.formats.csv_cells`: CSV records read with resynchronisation, cells escaped against
  formula injection, CSV text that always reads back;
* :mod:`~tthc.formats.converter`: the one cattrs converter, its hooks and the JSON forms;
* :mod:`~tthc.formats.results`: what a lenient read found (:class:`RowError`, :class:`ReadResult`);
* :mod:`~tthc.formats.json`: JSON text (:func:`dumps`, :func:`loads`) and JSON dossier files;
* :mod:`~tthc.formats.national`: the national database's published columns (CSV, XLSX);
* :mod:`~tthc.formats.catalogue_files`: catalogue CSV / JSON and the bundled catalogue;
* :mod:`~tthc.formats.frames`: the one-row-per-dossier CSV of :mod:`tthc.batch`, read and written;
* :mod:`~tthc.formats.events_csv`: the one-row-per-event CSV;
* :mod:`~tthc.formats.sync_record`: the national portal's sync records (JSON, JSON lines);
* :mod:`~tthc.formats.export_table`: the table of a one-stop spreadsheet export (file kind,
  encoding, header row, columns, dates per column);
* :mod:`~tthc.formats.spreadsheet`: its rows as dossiers;
* :mod:`~tthc.formats.dossiers`: :func:`read_dossiers` / :func:`write_dossiers` over them.

The public names are re-exported here; ``tthc.serialization`` is the same API under its former
name. The package may import the models layer (:mod:`tthc.models`, :mod:`tthc.catalogue`,
:mod:`tthc.timelimits`, :mod:`tthc.errors`) and, for the frame layout only, :mod:`tthc.batch`;
nothing below it imports :mod:`tthc.formats`. A new data format is a new module here.

>>> from datetime import datetime
>>> from tthc.models import Received, Resolved
>>> from tthc.timelimits import TimeLimit
>>> dumps(Received(datetime(2026, 2, 12, 9, 30)))
'{"kind": "received", "at": "2026-02-12T09:30:00", "channel": "in_person"}'
>>> loads('{"kind": "resolved", "at": "2026-02-26T16:45:00+07:00"}', Resolved)
Resolved(at=datetime.datetime(2026, 2, 26, 16, 45, tzinfo=datetime.timezone(datetime.timedelta(seconds=25200))), digitally_signed=None)
>>> loads('"05 ngày làm việc"', TimeLimit) == TimeLimit.working_days(5)
True
>>> loads('{"kind": "received", "at": "12/02/2026"}', Received)
Traceback (most recent call last):
...
tthc.errors.DataRowError: <string>: $.at: expected an ISO 8601 datetime 'YYYY-MM-DDTHH:MM[:SS[.ffffff]][±HH:MM]' (or a space for T), got '12/02/2026'

Data files: :func:`read_dossiers` / :func:`write_dossiers` (CSV one row per event, or JSON) and
:func:`read_catalogue` / :func:`write_catalogue` / :func:`bundled_catalogue` for procedure
catalogues. Bad rows are never dropped silently: they raise :class:`~tthc.errors.DataRowError`
naming the file, line and field, or (``strict=False``) come back in :attr:`ReadResult.errors`.
"""

from __future__ import annotations

from tthc.catalogue import Catalogue, CatalogueEntry
from tthc.formats.catalogue_files import (
    CATALOGUE_COLUMNS,
    ProcedureSource,
    bundled_catalogue,
    read_catalogue,
    write_catalogue,
)
from tthc.formats.converter import converter, make_converter, structure, unstructure
from tthc.formats.dossiers import read_dossiers, write_dossiers
from tthc.formats.events_csv import DOSSIER_CSV_COLUMNS
from tthc.formats.frames import write_frame_csv
from tthc.formats.json import dumps, loads
from tthc.formats.results import ReadResult, RejectedDossier, RowError

__all__ = [
    "CATALOGUE_COLUMNS",
    "DOSSIER_CSV_COLUMNS",
    "Catalogue",
    "CatalogueEntry",
    "ProcedureSource",
    "ReadResult",
    "RejectedDossier",
    "RowError",
    "bundled_catalogue",
    "converter",
    "dumps",
    "loads",
    "make_converter",
    "read_catalogue",
    "read_dossiers",
    "structure",
    "unstructure",
    "write_catalogue",
    "write_dossiers",
    "write_frame_csv",
]

"""Reading and writing tthc values: the former name of :mod:`tthc.formats`, kept working.

Every public name of :mod:`tthc.formats` is re-exported here unchanged; new code may import from
either. See :mod:`tthc.formats` for the formats and their modules.

>>> from tthc.serialization import dumps
>>> from tthc.timelimits import TimeLimit
>>> dumps(TimeLimit.working_days(5))
'"05 ngày làm việc"'
"""

from __future__ import annotations

from tthc.formats import (
    CATALOGUE_COLUMNS,
    DOSSIER_CSV_COLUMNS,
    Catalogue,
    CatalogueEntry,
    ProcedureSource,
    ReadResult,
    RowError,
    bundled_catalogue,
    converter,
    dumps,
    loads,
    make_converter,
    read_catalogue,
    read_dossiers,
    structure,
    unstructure,
    write_catalogue,
    write_dossiers,
)

__all__ = [
    "CATALOGUE_COLUMNS",
    "DOSSIER_CSV_COLUMNS",
    "Catalogue",
    "CatalogueEntry",
    "ProcedureSource",
    "ReadResult",
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
]

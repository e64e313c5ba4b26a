"""Reading the one-row-per-dossier CSV layout of :mod:`tthc.batch` (``docs/batch.md``).

The layout itself (its columns and :func:`~tthc.batch.frame_to_dossiers`) belongs to
:mod:`tthc.batch`; this module turns CSV text into that frame (with pandas) and reports bad rows
with their lines. It may import :mod:`tthc.batch` (lazily: it needs the ``batch`` extra) and
:mod:`tthc.formats.results`.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from tthc.formats.results import RowError
from tthc.models import Dossier, Procedure


def read_frame_csv(
    text: str, source: str, table: Mapping[str, Procedure], strict: bool
) -> tuple[list[Dossier], list[RowError]]:
    """The one-row-per-dossier layout of :mod:`tthc.batch` (``docs/batch.md``), via pandas.

    Line numbers assume one line per record (no line breaks inside cells).
    """
    try:
        import pandas as pd

        from tthc.batch import FRAME_DATETIME_COLUMNS, frame_to_dossiers
    except ImportError as exc:
        message = f"the one-row-per-dossier layout needs tthc[batch] (numpy, pandas): {exc}"
        return [], [RowError(source, 1, None, message)]

    def frame(rows: Any) -> Any:
        df = rows.copy()
        for name in FRAME_DATETIME_COLUMNS:
            if name in df.columns:
                df[name] = pd.to_datetime(df[name].replace("", None), format="ISO8601")
        if "signed" in df.columns:
            df["signed"] = (
                df["signed"]
                .map({"True": True, "False": False, "true": True, "false": False})
                .astype("boolean")
            )
        if "agency" in df.columns:
            df["agency"] = df["agency"].replace("", None)
        return df

    raw = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    try:
        return list(frame_to_dossiers(frame(raw), table)), []
    except Exception:  # find the bad rows one by one, with their lines
        pass
    dossiers: list[Dossier] = []
    errors: list[RowError] = []
    for i in range(len(raw)):
        row = raw.iloc[[i]].reset_index(drop=True)
        try:
            dossiers.extend(frame_to_dossiers(frame(row), table))
        except Exception as exc:
            dossier_id = str(row["id"].iloc[0])
            errors.append(RowError(source, i + 2, None, f"{type(exc).__name__}: {exc}", dossier_id))
            if strict:
                break
    return dossiers, errors

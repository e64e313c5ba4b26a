"""The vectorised engine on pandas frames, one row per dossier (extra ``batch``: numpy, pandas).

- :mod:`tthc.batch.arrays`: working-day arithmetic on ``datetime64`` arrays;
- :mod:`tthc.batch.layout`: the frame layout (:data:`FRAME_COLUMNS`), reading and validating a
  frame, conversion to and from :class:`~tthc.models.Dossier` objects;
- :mod:`tthc.batch.engine`: deadlines, classification and findings of every row
  (:func:`classify_frame`, :func:`due_frame`);
- :mod:`tthc.batch.form06`: Biểu số 06 of a frame (:func:`form06_frame`).

>>> import numpy as np
>>> add_working_days(np.array(["2026-02-12"], dtype="datetime64[D]"), 5)
array(['2026-02-26'], dtype='datetime64[D]')
"""

from __future__ import annotations

try:
    import numpy  # noqa: F401
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("tthc.batch needs numpy: pip install 'tthc[batch]'") from exc
try:
    import pandas  # noqa: F401
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("tthc.batch needs pandas: pip install 'tthc[batch]'") from exc

from tthc.batch.arrays import add_working_days, as_day_array, working_days_between
from tthc.batch.engine import FINDING_KINDS, classify_frame, due_frame
from tthc.batch.form06 import form06_frame
from tthc.batch.layout import (
    FRAME_COLUMNS,
    FRAME_DATETIME_COLUMNS,
    dossiers_to_frame,
    frame_to_dossiers,
    read_frame_csv,
)

__all__ = [
    "FINDING_KINDS",
    "FRAME_COLUMNS",
    "FRAME_DATETIME_COLUMNS",
    "add_working_days",
    "as_day_array",
    "classify_frame",
    "dossiers_to_frame",
    "due_frame",
    "form06_frame",
    "frame_to_dossiers",
    "read_frame_csv",
    "working_days_between",
]

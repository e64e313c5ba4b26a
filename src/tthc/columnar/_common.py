"""What the modules of :mod:`tthc.columnar` share: the moment units, the codes of the
layout's categories, the view of a frame with every column of the layout."""

from __future__ import annotations

import os
import re
from datetime import date, datetime, time, timedelta
from typing import IO, TYPE_CHECKING, Union

import attrs
import numpy as np
import pandas as pd

from tthc.errors import InvalidValueError
from tthc.formats.frame_cells import CHANNELS, END_KINDS
from tthc.formats.frame_cells import coded as _coded

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from tthc.formats.results import RowError


PathOrFile = Union[str, "os.PathLike[str]", IO[str]]

_NAT = np.iinfo(np.int64).min
_DAY_US = 86_400_000_000
_EPOCH = datetime(1970, 1, 1)

_OUTCOMES = ("early", "on_time", "late", "within_time", "overdue", "not_classified")

_END_KINDS = END_KINDS
_CHANNELS = CHANNELS


def _moment_us(moment: date | datetime) -> int:
    if isinstance(moment, datetime):
        if moment.tzinfo is not None:
            raise InvalidValueError(
                f"moment: expected a naive Vietnamese wall time, got an aware {moment!r}"
            )
        return (moment - _EPOCH) // timedelta(microseconds=1)
    return (datetime.combine(moment, time.max) - _EPOCH) // timedelta(microseconds=1)


def _complete(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with every column of the layout (an optional column missing: all NaT / missing)."""
    from tthc.batch import FRAME_COLUMNS, FRAME_DATETIME_COLUMNS

    missing = [name for name, _, _ in FRAME_COLUMNS if name not in df.columns]
    if not missing:
        return df
    out: pd.DataFrame = df.copy()
    for name in missing:
        if name in FRAME_DATETIME_COLUMNS:
            out[name] = np.full(len(df), _NAT, dtype=np.int64).view("datetime64[us]")
        elif name == "signed":
            out[name] = pd.array([pd.NA] * len(df), dtype="boolean")
        else:
            out[name] = pd.Categorical([None] * len(df), categories=pd.Index([], dtype=object))
    return out


def _kind_codes(view: pd.DataFrame) -> NDArray[np.int64]:
    codes, values = _coded(view, "end_kind")
    table = np.array([-1 if v is None else _END_KINDS.index(v) for v in values], dtype=np.int64)
    out: NDArray[np.int64] = table[codes]
    return out


_ROWS_ON_LINES = re.compile(r"\(rows on lines ([0-9]+(?:, [0-9]+)*)\)")


def _in_file(err: RowError, positions: NDArray[np.int64], source: str) -> RowError:
    """An error of the scalar reader on a CSV of some rows of a file (row i at file row
    ``positions[i]``), with the file's name and lines: its line, and the lines a dossier's
    message names ("rows on lines 2, 3")."""

    def line(sub: int) -> int:
        return int(positions[min(sub - 2, positions.size - 1)]) + 2

    def lines(m: re.Match[str]) -> str:
        return f"(rows on lines {', '.join(str(line(int(x))) for x in m.group(1).split(', '))})"

    return attrs.evolve(
        err,
        file=source,
        line=None if err.line is None or err.line < 2 else line(err.line),
        message=_ROWS_ON_LINES.sub(lines, err.message),
    )

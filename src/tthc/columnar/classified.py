"""The classification of every dossier of a report, as a table for analysts
(``tthc report --dossiers-out FILE.parquet``).

One row per dossier received by the end of the period, in file order, with the columns
:data:`CLASSIFIED_COLUMNS`: what the report counted each dossier as, as of the period's end (the
batch engine's :func:`~tthc.batch.classify_frame` for the dossiers of a frame, the scalar
:func:`~tthc.outcomes.classify` for the others; both give the same answers).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, time
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from tthc.calendar import WorkingCalendar
from tthc.columnar._common import _OUTCOMES
from tthc.models import Dossier, Procedure

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from tthc.reports import ReportingPeriod

CLASSIFIED_COLUMNS: tuple[str, ...] = (
    "id",
    "agency",
    "procedure_code",
    "level",
    "channel",
    "received",
    "end",
    "end_kind",
    "due",
    "outcome",
    "working_days_late",
)
"""The columns of the per-dossier table: the dossier's id, agency, procedure code, the
procedure's government level (``central``, ``province``, ``district``, ``commune``), the channel
of receipt, the receipt and the end (wall time, ``datetime64[us]``; no end by the period's end:
missing) and the end's kind (``resolved``, ``refused``, ...), the due date (midnight; missing when
the procedure sets no limit), the outcome (:class:`~tthc.outcomes.Outcome` value) and the working
days late."""


def _table(pos: NDArray[np.int64], columns: Mapping[str, Any]) -> pd.DataFrame:
    data: dict[str, Any] = {"pos": pos}
    for name in CLASSIFIED_COLUMNS:
        value = columns[name]
        if name in ("received", "end", "due"):
            data[name] = np.asarray(value, dtype="datetime64[us]")
        elif name == "working_days_late":
            data[name] = np.asarray(value, dtype=np.int64)
        else:
            data[name] = pd.Series(np.asarray(value, dtype=object), dtype=object)
    out: pd.DataFrame = pd.DataFrame(data)
    return out


def _frame_classified(
    view: pd.DataFrame,
    pos: NDArray[np.int64],
    procedures: Mapping[str, Procedure],
    outcome: NDArray[np.int64],
    due: NDArray[np.int64],
    late_days: NDArray[np.int64],
) -> pd.DataFrame:
    """The table of a frame's dossiers: ``outcome`` indexes the outcomes' values, ``due`` is in
    days since 1970 (NaT: no limit), as the batch engine gives them."""

    def text(col: pd.Series[Any]) -> NDArray[Any]:
        values = col.astype(object)
        out: NDArray[Any] = values.where(values.notna(), None).to_numpy(dtype=object)
        return out

    codes = text(view["procedure_code"])
    levels = {code: procedures[code].level.value for code in set(codes.tolist())}
    return _table(
        pos,
        {
            "id": view["id"].astype(str).to_numpy(dtype=object),
            "agency": text(view["agency"]),
            "procedure_code": codes,
            "level": np.array([levels[code] for code in codes.tolist()], dtype=object),
            "channel": text(view["channel"]),
            "received": view["received"].to_numpy(dtype="datetime64[us]"),
            "end": view["end"].to_numpy(dtype="datetime64[us]"),
            "end_kind": text(view["end_kind"]),
            "due": due.astype("datetime64[D]"),
            "outcome": np.array([*_OUTCOMES, None], dtype=object)[outcome],
            "working_days_late": late_days,
        },
    )


def _wall(moment: datetime | None) -> np.datetime64:
    from tthc.calendar import VIETNAM_TZ

    if moment is None:
        return np.datetime64("NaT", "us")
    if moment.tzinfo is not None:
        moment = moment.astimezone(VIETNAM_TZ).replace(tzinfo=None)
    return np.datetime64(moment, "us")


def _scalar_classified(
    dossiers: Sequence[Dossier],
    positions: Sequence[int],
    period: ReportingPeriod,
    calendar: WorkingCalendar,
) -> pd.DataFrame:
    """The table of dossiers read by the scalar path, classified one by one."""
    from tthc.calendar import VIETNAM_TZ
    from tthc.outcomes import classify

    end = datetime.combine(period.end, time.max)
    rows: dict[str, list[Any]] = {name: [] for name in CLASSIFIED_COLUMNS}
    kept: list[int] = []
    for d, p in zip(dossiers, positions, strict=True):
        moment = end.replace(tzinfo=VIETNAM_TZ) if d.is_aware else end
        if d.received.at > moment:
            continue  # not yet received at the end of the period: not in the report's view
        known = d.until(moment)
        c = classify(known, as_of=period.end, calendar=calendar)
        final = known.final_event
        kept.append(p)
        for name, value in (
            ("id", d.id),
            ("agency", d.agency),
            ("procedure_code", d.procedure.code),
            ("level", d.procedure.level.value),
            ("channel", known.channel.value),
            ("received", _wall(known.received.at)),
            ("end", _wall(None if final is None else final.at)),
            ("end_kind", None if final is None else final.kind),
            ("due", np.datetime64("NaT", "us") if c.due is None else np.datetime64(c.due, "us")),
            ("outcome", c.outcome.value),
            ("working_days_late", c.working_days_late),
        ):
            rows[name].append(value)
    return _table(np.array(kept, dtype=np.int64), rows)


def _classified_table(tables: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """The parts' tables as one, in file order."""
    empty = _table(np.zeros(0, dtype=np.int64), {name: [] for name in CLASSIFIED_COLUMNS})
    table = pd.concat(tables, ignore_index=True) if len(tables) > 1 else (*tables, empty)[0]
    out: pd.DataFrame = (
        table.sort_values("pos", kind="stable").drop(columns="pos").reset_index(drop=True)
    )
    return out

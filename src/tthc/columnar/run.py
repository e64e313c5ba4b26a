"""One report run: the parts of a file summed chunk by chunk (:class:`_Run`), the events path
with dossiers joined across chunks, the one-row path, and the scalar path for the rest."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from tthc.calendar import WorkingCalendar, calendar_argument
from tthc.columnar._common import _moment_us
from tthc.columnar.events import _ids, _lookup_procedures, events_to_frame
from tthc.columnar.file_report import FileReport, _finish
from tthc.columnar.frames import truncate_frame
from tthc.columnar.parts import _frame_part, _Part, _scalar_part
from tthc.columnar.reading import _ahead
from tthc.errors import InvalidValueError
from tthc.formats.frame_cells import invalid_rows, typed_frame
from tthc.models import Dossier, Procedure

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from tthc.formats.results import RowError
    from tthc.reports import ProgressScoreConfig, ReportingPeriod


def _concat(parts: list[pd.DataFrame]) -> pd.DataFrame:
    from pandas.api.types import union_categoricals

    out: dict[str, Any] = {}
    for col in parts[0].columns:
        if isinstance(parts[0][col].dtype, pd.CategoricalDtype):
            out[col] = union_categoricals([p[col] for p in parts])
        else:
            out[col] = pd.concat([p[col] for p in parts], ignore_index=True)
    frame: pd.DataFrame = pd.DataFrame(out)
    return frame


@attrs.define
class _Run:
    """The state of one :func:`report_file` run (the parts summed so far)."""

    source: str
    period: ReportingPeriod
    table: Mapping[str, Procedure]
    calendar: WorkingCalendar
    group_by: tuple[str, ...]
    config: Any
    as_of: date | datetime | None
    part: _Part
    frame_dossiers: int = 0
    scalar_dossiers: int = 0
    errors: list[RowError] = attrs.field(factory=list)
    chunks: int = 0
    rows: int = 0
    lines_exact: bool = True
    lists: bool = True
    agency: str | None = None  # only this agency's dossiers (spaces and case aside)
    level: str | None = None  # only procedures at this level (a GovernmentLevel value)
    classified: bool = False  # keep the table of every dossier's classification

    def result(
        self,
        table: Mapping[str, Procedure],
        catalogue: Iterable[Procedure] | None,
        published: Mapping[str, Any] | None,
    ) -> FileReport:
        """The report of what was added (``catalogue`` defaults to the procedures ``table``)."""
        return _finish(
            self.part,
            self.period,
            list(table.values()) if catalogue is None else list(catalogue),
            published,
            self.config,
            (self.frame_dossiers + self.scalar_dossiers, self.frame_dossiers, self.scalar_dossiers),
            self.errors,
            max(self.chunks, 1),
            self.classified,
        )

    def _add(self, part: _Part) -> None:
        if not self.lists:
            part.compact()
        self.part.add(part)

    def add_frame(
        self, frame: pd.DataFrame, positions: NDArray[np.int64], procs: Mapping[str, Procedure]
    ) -> None:
        if self.as_of is not None:
            keep = (frame["received"] <= np.datetime64(_moment_us(self.as_of), "us")).to_numpy()
            frame, positions = truncate_frame(frame, self.as_of), positions[keep]
        if self.agency is not None or self.level is not None:
            keep = self._wanted(
                frame["agency"]
                .astype(object)
                .where(frame["agency"].notna(), None)
                .to_numpy(dtype=object),
                frame["procedure_code"].astype(object).to_numpy(dtype=object),
                procs,
            )
            frame, positions = frame.loc[keep].reset_index(drop=True), positions[keep]
        self.frame_dossiers += len(frame)
        self._add(
            _frame_part(
                frame,
                self.period,
                procs,
                positions=positions,
                calendar=self.calendar,
                group_by=self.group_by,
                config=self.config,
                classified=self.classified,
            )
        )

    def _wanted(
        self, agencies: NDArray[Any], codes: NDArray[Any], procs: Mapping[str, Procedure]
    ) -> NDArray[np.bool_]:
        """Which dossiers the ``agency`` and ``level`` filters keep (each test once per value)."""
        keep = np.ones(len(agencies), dtype=bool)
        if self.agency is not None:
            wanted = _normal(self.agency)
            same = {a: _normal(a or "") == wanted for a in set(agencies.tolist())}
            keep &= np.array([same[a] for a in agencies.tolist()], dtype=bool)
        if self.level is not None:
            at = {c: procs[c].level.value == self.level for c in set(codes.tolist())}
            keep &= np.array([at[c] for c in codes.tolist()], dtype=bool)
        return keep

    def add_dossiers(self, dossiers: Sequence[Dossier], positions: Sequence[int]) -> None:
        if self.as_of is not None:
            kept: list[Dossier] = []
            where: list[int] = []
            for d, p in zip(dossiers, positions, strict=True):
                moment = _aware_like(self.as_of, d)
                if d.received.at <= moment:
                    kept.append(d.until(moment))
                    where.append(p)
            dossiers, positions = kept, where
        if self.agency is not None or self.level is not None:
            keep = self._wanted(
                np.array([d.agency for d in dossiers], dtype=object),
                np.array([d.procedure.code for d in dossiers], dtype=object),
                {d.procedure.code: d.procedure for d in dossiers},
            )
            dossiers = [d for d, k in zip(dossiers, keep.tolist(), strict=True) if k]
            positions = [p for p, k in zip(positions, keep.tolist(), strict=True) if k]
        self.scalar_dossiers += len(dossiers)
        self._add(
            _scalar_part(
                dossiers,
                positions,
                self.period,
                calendar=self.calendar,
                group_by=self.group_by,
                config=self.config,
                classified=self.classified,
            )
        )


def _normal(agency: str) -> str:
    """An agency's name for the ``agency`` filter: spaces collapsed, case folded."""
    return " ".join(agency.split()).casefold()


def _aware_like(as_of: date | datetime, d: Dossier) -> datetime:
    from tthc.calendar import VIETNAM_TZ

    moment = as_of if isinstance(as_of, datetime) else datetime.combine(as_of, time.max)
    return moment.replace(tzinfo=VIETNAM_TZ) if d.is_aware else moment


def _scalar_rows(
    run: _Run, chunk: pd.DataFrame, rows: NDArray[np.int64], pos: NDArray[np.int64]
) -> None:
    """Read the events at ``rows`` of ``chunk`` (file rows ``pos``) with the scalar reader."""
    from tthc.formats.dossiers import read_dossiers

    if not rows.size:
        return
    sub = chunk.iloc[rows]
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(list(chunk.columns))
    values = sub.astype(object).where(sub.notna(), None).to_numpy().tolist()
    multiline = False
    for r in values:
        cells = ["" if v is None else str(v) for v in r]
        multiline |= any("\n" in c or "\r" in c for c in cells)
        writer.writerow(cells)
    buf.seek(0)
    result = read_dossiers(buf, format="csv", strict=False, procedures=run.table)
    first: dict[str, int] = {}
    ids = sub["dossier_id"].astype(object).tolist()
    for i, p in zip(ids, pos.tolist(), strict=True):
        first.setdefault(str(i), p)
    run.add_dossiers(result.dossiers, [first[d.id] for d in result.dossiers])
    run.lines_exact &= not multiline
    for err in result.errors:
        line = (
            None
            if err.line is None or err.line < 2
            else int(pos[min(err.line - 2, pos.size - 1)]) + 2
        )
        run.errors.append(attrs.evolve(err, file=run.source, line=line))


def _hashes(ids: pd.Series[Any]) -> NDArray[np.uint64]:
    """A 64-bit hash of each text: polynomial over Arrow's UTF-8 bytes, one pass per position.

    Ids are short, so this is a few vectorised passes; texts longer than 64 bytes (rare) are
    hashed by pandas. A missing value hashes as the empty text.
    """
    arr = pa.array(ids.array, from_pandas=True)
    arr = arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr
    arr = pc.fill_null(arr.cast(pa.large_string()), "")
    n = len(arr)
    offsets = np.frombuffer(arr.buffers()[1], dtype=np.int64)[arr.offset : arr.offset + n + 1]
    data = np.frombuffer(arr.buffers()[2] or b"\0", dtype=np.uint8)
    lengths = np.diff(offsets)
    out = np.zeros(n, dtype=np.uint64)
    for k in range(int(min(lengths.max(initial=0), 64))):
        m = np.flatnonzero(lengths > k)
        out[m] = out[m] * np.uint64(0x100000001B3) + data[offsets[m] + k]
    out ^= lengths.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    long = np.flatnonzero(lengths > 64)
    if long.size:
        text = np.asarray(arr.take(pa.array(long)).to_pylist(), dtype=object)
        out[long] = pd.util.hash_array(text)
    return out


def _events(run: _Run, chunks: Iterable[pd.DataFrame], *, chunked: bool = False) -> None:
    """The events path: each chunk into a frame, the rest scalar; dossiers across chunks joined.

    In ``chunked`` mode the rows of each chunk's last dossier are held back and joined to the next
    chunk (the last of all is processed on its own), so no chunk is read ahead.
    """
    seen = np.zeros(0, dtype=np.uint64)
    carry: pd.DataFrame | None = None
    carry_pos = np.zeros(0, dtype=np.int64)
    offset = 0
    for part in _ahead(chunks) if chunked else chunks:  # the next chunk read meanwhile
        chunk = part
        pos = np.arange(offset, offset + len(chunk), dtype=np.int64)
        offset += len(chunk)
        if carry is not None:
            chunk = _concat([carry.reset_index(drop=True), chunk.reset_index(drop=True)])
            pos = np.r_[carry_pos, pos]
        carry = None
        if chunked and len(chunk) and not part.attrs.get("whole_dossiers", False):
            # the last dossier may go on in the next chunk: hold its rows back
            hold = (chunk["dossier_id"] == chunk["dossier_id"].iloc[-1]).to_numpy()
            carry, carry_pos = chunk.loc[hold], pos[hold]
            chunk, pos = chunk.loc[~hold].reset_index(drop=True), pos[~hold]
        seen = _events_chunk(run, chunk, pos, seen if chunked else None)
    if carry is not None and len(carry):
        _events_chunk(run, carry.reset_index(drop=True), carry_pos, seen)
    run.rows = offset


def _events_chunk(
    run: _Run, chunk: pd.DataFrame, pos: NDArray[np.int64], seen: NDArray[np.uint64] | None
) -> NDArray[np.uint64]:
    """One chunk of events: checked against the earlier chunks' ids (``seen``, in chunked mode),
    into a frame, the rest scalar; returns ``seen`` with this chunk's ids."""
    ef = events_to_frame(chunk, run.table, calendar=run.calendar)
    seen = _once(run, chunk, pos, seen, ef.ids) if seen is not None else np.zeros(0, np.uint64)
    run.add_frame(ef.frame, pos[ef.first_row], ef.procedures)
    _scalar_rows(run, chunk, ef.scalar_rows, pos[ef.scalar_rows])
    run.chunks += 1
    return seen


def _once(
    run: _Run,
    chunk: pd.DataFrame,
    pos: NDArray[np.int64],
    seen: NDArray[np.uint64],
    ids: NDArray[Any],
) -> NDArray[np.uint64]:
    """Refuse a dossier met again after an earlier chunk; ``seen`` with this chunk's ``ids``
    (its distinct ids, from :func:`events_to_frame`) added.

    ``seen`` holds a 64-bit hash of every id of the earlier chunks, sorted (8 bytes a dossier).
    """
    h = np.sort(_hashes(pd.Series(ids, dtype=object)))
    at = np.minimum(np.searchsorted(seen, h), max(seen.size - 1, 0))
    again = seen[at] == h if seen.size else np.zeros(h.size, dtype=bool)
    if again.any():
        codes, canonical, _ = _ids(chunk["dossier_id"])
        rows = np.isin(_hashes(pd.Series(canonical, dtype=object)), h[again])[codes]
        i = int(np.flatnonzero(rows)[0])
        raise InvalidValueError(
            f"{run.source}: line {int(pos[i]) + 2}: dossier "
            f"{chunk['dossier_id'].iloc[i]!r} has events on rows far apart (after other "
            "dossiers in an earlier chunk); the chunked mode needs the events of a dossier "
            "on consecutive rows: sort the file by dossier_id, or read it whole "
            "(chunk_size=0)"
        )
    out: NDArray[np.uint64] = np.sort(np.concatenate([seen, h]), kind="stable")  # linear: 2 runs
    return out


def _frames(run: _Run, raw: pd.DataFrame) -> None:
    """The one-row-per-dossier path: typed, bad rows reported, the rest reported in batch."""
    from tthc.formats.results import RowError

    try:
        frame, bad = typed_frame(raw, lambda code: _lookup_procedures([code], run.table)[code])
    except InvalidValueError as exc:  # not the layout's columns
        run.errors.append(RowError(run.source, 1, None, str(exc)))
        return
    rows = np.flatnonzero(~np.isin(np.arange(len(raw)), [b[0] for b in bad]))
    ids = raw["id"].astype(object).tolist() if "id" in raw.columns else [None] * len(raw)
    procs = {
        str(c): p
        for c in pd.unique(frame["procedure_code"].astype(object))
        if (p := _lookup_procedures([str(c)], run.table)[str(c)]) is not None
    }
    invalid = invalid_rows(frame, procs, run.calendar)
    for i, field, message in bad:
        run.errors.append(RowError(run.source, i + 2, field, message, _id(ids[i])))
    for j, message in invalid:
        i = int(rows[j])
        run.errors.append(RowError(run.source, i + 2, None, message, _id(ids[i])))
    run.errors.sort(key=lambda e: e.line or 0)
    if invalid:
        keep = np.ones(len(frame), dtype=bool)
        keep[[j for j, _ in invalid]] = False
        frame, rows = frame.loc[keep].reset_index(drop=True), rows[keep]
    run.add_frame(frame, rows.astype(np.int64), procs)
    run.chunks += 1
    run.rows = len(raw)


def _id(value: object) -> str | None:
    return None if value is None or value != value else str(value)


def _new_run(
    source: str,
    period: ReportingPeriod,
    table: Mapping[str, Procedure],
    calendar: WorkingCalendar | None,
    group_by: Sequence[str],
    as_of: date | datetime | None,
    config: ProgressScoreConfig | None = None,
) -> _Run:
    from tthc.reports import QD766_PROGRESS, Form06, ReportingPeriod

    if not isinstance(period, ReportingPeriod):
        raise InvalidValueError(
            f"period: expected a ReportingPeriod, got {type(period).__name__} {period!r}"
        )
    keys = (group_by,) if isinstance(group_by, str) else tuple(group_by)
    cal = calendar_argument(calendar)
    return _Run(
        source,
        period,
        table,
        cal,
        keys,
        QD766_PROGRESS if config is None else config,
        as_of,
        _Part(Form06.empty(period, keys)),
    )

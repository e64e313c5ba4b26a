"""One report run: the parts of a file summed chunk by chunk (:class:`_Run`), the events path
with dossiers joined across chunks, the one-row path, and the scalar path for the rest."""

from __future__ import annotations

import contextlib
import csv
import io
from collections.abc import Generator, Iterable, Mapping, Sequence
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from tthc.batch.arrays import RowContext
from tthc.batch.layout import EVENT_COLUMNS, frame_of, procedure_map
from tthc.calendar import WorkingCalendar, calendar_argument
from tthc.columnar._common import _in_file, _moment_us
from tthc.columnar.events import (
    _ascending,
    _build_frame,
    _cells,
    _column,
    _Dossiers,
    _events_read,
    _ids,
    _lookup_procedures,
)
from tthc.columnar.file_report import FileReport, _finish
from tthc.columnar.frames import _truncate_arrays, truncate_frame
from tthc.columnar.parts import _counts, _frame_part, _Part, _Read, _scalar_part
from tthc.columnar.reading import WORKERS, _in_threads
from tthc.errors import InvalidValueError
from tthc.formats.frame_cells import invalid_rows, typed_frame
from tthc.models import Dossier, Procedure

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from tthc.formats.results import RowError
    from tthc.reports import ProgressScoreConfig, ReportingPeriod


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

    def frame_part(
        self, frame: pd.DataFrame, positions: NDArray[np.int64], procs: Mapping[str, Procedure]
    ) -> tuple[_Part, int]:
        """What the dossiers of ``frame`` add, and how many they are (``self`` is not changed:
        chunks are computed in threads and added in order)."""
        if self.as_of is not None:
            keep = (frame["received"] <= np.datetime64(_moment_us(self.as_of), "us")).to_numpy()
            frame, positions = truncate_frame(frame, self.as_of), positions[keep]
        if self.agency is not None or self.level is not None:
            keep = self._wanted(
                _factorized(frame["agency"]), _factorized(frame["procedure_code"]), procs
            )
            frame, positions = frame.loc[keep].reset_index(drop=True), positions[keep]
        part = _frame_part(
            frame,
            self.period,
            procs,
            positions=positions,
            calendar=self.calendar,
            group_by=self.group_by,
            config=self.config,
            classified=self.classified,
            lists=self.lists,
        )
        return part, len(frame)

    def add_frame(
        self, frame: pd.DataFrame, positions: NDArray[np.int64], procs: Mapping[str, Procedure]
    ) -> None:
        part, n = self.frame_part(frame, positions, procs)
        self.frame_dossiers += n
        self.part.add(part)

    def _wanted(
        self,
        agency: tuple[NDArray[np.int64], list[str]],
        procedure: tuple[NDArray[np.int64], list[str]],
        procs: Mapping[str, Procedure],
    ) -> NDArray[np.bool_]:
        """Which dossiers the ``agency`` and ``level`` filters keep, of each dossier's agency and
        procedure as (codes, values), -1 for a missing agency (each test once per value)."""
        keep = np.ones(agency[0].size, dtype=bool)
        if self.agency is not None:
            wanted = _normal(self.agency)
            same = [_normal(a) == wanted for a in [*agency[1], ""]]  # the last: missing
            keep &= np.array(same, dtype=bool)[agency[0]]
        if self.level is not None:
            at = [procs[c].level.value == self.level for c in procedure[1]]
            keep &= np.array(at, dtype=bool)[procedure[0]]
        return keep

    def arrays_part(
        self, d: _Dossiers, positions: NDArray[np.int64], procs: Mapping[str, Procedure]
    ) -> tuple[_Part, int]:
        """:meth:`frame_part` of the dossiers as arrays, without a pandas frame (and so without
        the lists or the classification, which are built from one)."""
        moments = d.moments
        codes = {
            "agency": d.agency[0],
            "procedure": d.procedure[0],
            "channel": d.channel,
            "end_kind": d.end_kind,
            "signed": d.signed,
        }
        keep: NDArray[np.bool_] | None = None
        if self.as_of is not None:
            keep, moments, codes = _truncate_arrays(moments, codes, _moment_us(self.as_of))
        ids, positions = _kept(d.ids, positions, keep)
        if self.agency is not None or self.level is not None:
            keep = self._wanted(
                (codes["agency"], d.agency[1]), (codes["procedure"], d.procedure[1]), procs
            )
            moments = {c: v[keep] for c, v in moments.items()}
            codes = {c: v[keep] for c, v in codes.items()}
            ids, positions = _kept(ids, positions, keep)
        n = positions.size
        keep, moments, codes = _truncate_arrays(moments, codes, _moment_us(self.period.end))
        ids, positions = _kept(ids, positions, keep)
        table = procedure_map(procs)
        f = frame_of(
            RowContext(_ArrowIds(ids), self.calendar),
            {c: moments[c] for c in EVENT_COLUMNS},
            (codes["end_kind"], codes["signed"], moments["returned"]),
            (codes["procedure"], d.procedure[1], codes["channel"]),
            table,
            {},
        )
        agency = (codes["agency"], d.agency[1]) if "agency" in self.group_by else None
        read = _Read(f, agency, None, positions, n)
        part = _counts(
            read, self.period, table, group_by=self.group_by, config=self.config, lists=False
        )
        return part, n

    def dossiers_part(
        self, dossiers: Sequence[Dossier], positions: Sequence[int]
    ) -> tuple[_Part, int]:
        """What ``dossiers`` (read by the scalar path) add, and how many they are."""
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
                _factorized([d.agency for d in dossiers]),
                _factorized([d.procedure.code for d in dossiers]),
                {d.procedure.code: d.procedure for d in dossiers},
            )
            dossiers = [d for d, k in zip(dossiers, keep.tolist(), strict=True) if k]
            positions = [p for p, k in zip(positions, keep.tolist(), strict=True) if k]
        part = _scalar_part(
            dossiers,
            positions,
            self.period,
            calendar=self.calendar,
            group_by=self.group_by,
            config=self.config,
            classified=self.classified,
        )
        if not self.lists:
            part.compact()
        return part, len(dossiers)

    def add_dossiers(self, dossiers: Sequence[Dossier], positions: Sequence[int]) -> None:
        part, n = self.dossiers_part(dossiers, positions)
        self.scalar_dossiers += n
        self.part.add(part)


def _factorized(values: Any) -> tuple[NDArray[np.int64], list[str]]:
    """(codes, values) of a column or a list, -1 for a missing value."""
    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
    return codes.astype(np.int64), [str(u) for u in uniques]


def _kept(
    ids: pa.Array, positions: NDArray[np.int64], keep: NDArray[np.bool_] | None
) -> tuple[pa.Array, NDArray[np.int64]]:
    return (ids, positions) if keep is None else (ids.filter(pa.array(keep)), positions[keep])


class _ArrowIds:
    """The ids of Arrow text as :class:`~tthc.batch.arrays.RowContext` reads them (a row's id
    in an error message), without a Python string per row."""

    def __init__(self, ids: pa.Array) -> None:
        self._ids = ids

    def __getitem__(self, pos: int) -> object:
        return self._ids[pos].as_py()


def _normal(agency: str) -> str:
    """An agency's name for the ``agency`` filter: spaces collapsed, case folded."""
    return " ".join(agency.split()).casefold()


def _aware_like(as_of: date | datetime, d: Dossier) -> datetime:
    from tthc.calendar import VIETNAM_TZ

    moment = as_of if isinstance(as_of, datetime) else datetime.combine(as_of, time.max)
    return moment.replace(tzinfo=VIETNAM_TZ) if d.is_aware else moment


@attrs.frozen
class _ChunkOut:
    """What one chunk of events adds: computed in a worker thread, added to the run in order."""

    chunk: pa.Table
    pos: NDArray[np.int64]
    # chunked mode only: a hash of each of the chunk's distinct ids (sorted, unless the ids
    # ascend: such a chunk is seldom looked up), and the lowest and the highest id (None: no ids)
    hashes: NDArray[np.uint64]
    ascending: bool
    span: tuple[str, str] | None
    frame: tuple[_Part, int]
    scalar: tuple[_Part, int] | None
    errors: list[RowError]
    lines_exact: bool


def _scalar_rows(
    run: _Run, chunk: pa.Table, rows: NDArray[np.int64], pos: NDArray[np.int64]
) -> tuple[tuple[_Part, int] | None, list[RowError], bool]:
    """Read the events at ``rows`` of ``chunk`` (file rows ``pos``) with the scalar reader:
    (what they add, the errors, whether each record was on one line)."""
    from tthc.formats.dossiers import read_dossiers

    if not rows.size:
        return None, [], True
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(chunk.column_names)
    multiline = False
    for cells in _cells(chunk, rows):
        multiline |= any("\n" in c or "\r" in c for c in cells)
        writer.writerow(cells)
    buf.seek(0)
    result = read_dossiers(buf, format="csv", strict=False, procedures=run.table)
    first: dict[str, int] = {}
    # the ids as the scalar reader keeps them
    codes, canonical, _ = _ids(_column(chunk.take(pa.array(rows)), "dossier_id"))
    for i, p in zip(canonical.take(pa.array(codes)).to_pylist(), pos.tolist(), strict=True):
        first.setdefault(str(i), p)
    part = run.dossiers_part(result.dossiers, [first[d.id] for d in result.dossiers])
    errors = [_in_file(err, pos, run.source) for err in result.errors]
    return part, errors, not multiline


def _hashes(ids: pd.Series[Any] | pa.Array) -> NDArray[np.uint64]:
    """A 64-bit hash of each text: polynomial over Arrow's UTF-8 bytes, one pass per position.

    Ids are short, so this is a few vectorised passes; texts longer than 64 bytes (rare) are
    hashed by pandas. A missing value hashes as the empty text.
    """
    arr = ids if isinstance(ids, pa.Array) else pa.array(ids.array, from_pandas=True)
    arr = arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr
    arr = pc.fill_null(arr.cast(pa.large_string()), "")
    n = len(arr)
    offsets = np.frombuffer(arr.buffers()[1], dtype=np.int64)[arr.offset : arr.offset + n + 1]
    data = np.frombuffer(arr.buffers()[2] or b"\0", dtype=np.uint8)
    lengths = np.diff(offsets)
    out = np.zeros(n, dtype=np.uint64)
    prime = np.uint64(0x100000001B3)
    width = int(lengths[0]) if n and bool((lengths == lengths[0]).all()) else -1
    if 0 <= width <= 64:  # every text of one length (ids often are): the bytes as a table
        table = data[offsets[0] : offsets[0] + n * width].reshape(n, width)
        for k in range(width):  # a column a position, no gather (4x faster)
            out *= prime
            out += table[:, k]
    else:
        starts = offsets[:-1]
        for k in range(int(min(lengths.max(initial=0), 64))):
            if k < lengths.min():  # every text is longer: no selection
                out = out * prime + data[starts + k]
                continue
            m = np.flatnonzero(lengths > k)
            out[m] = out[m] * prime + data[offsets[m] + k]
    out ^= lengths.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    long = np.flatnonzero(lengths > 64)
    if long.size:
        text = np.asarray(arr.take(pa.array(long)).to_pylist(), dtype=object)
        out[long] = pd.util.hash_array(text)
    return out


def _joined(
    run: _Run, chunks: Iterable[tuple[pa.Table, bool]], chunked: bool
) -> Generator[tuple[pa.Table, NDArray[np.int64]], None, None]:
    """The chunks with their file rows, each dossier's rows in one chunk: in ``chunked`` mode the
    rows of a chunk's last dossier are held back and joined to the next chunk (the last of all
    comes on its own), so no chunk is read ahead; a chunk comes with True when its dossiers are
    whole (nothing to hold back). Sets ``run.rows`` at the end."""
    carry: pa.Table | None = None
    carry_pos = np.zeros(0, dtype=np.int64)
    offset = 0
    for part, whole in chunks:
        chunk = part
        pos = np.arange(offset, offset + part.num_rows, dtype=np.int64)
        offset += part.num_rows
        if carry is not None:
            chunk = pa.concat_tables([carry, chunk])
            pos = np.r_[carry_pos, pos]
        carry = None
        if chunked and chunk.num_rows and not whole:
            # the last dossier may go on in the next chunk: hold its rows back
            ids = chunk.column("dossier_id")
            hold = pc.fill_null(pc.equal(ids, ids[-1]), False).to_numpy(zero_copy_only=False)
            other = np.flatnonzero(~hold)
            cut = int(other[-1]) + 1 if other.size else 0
            if int(hold.sum()) == hold.size - cut:  # its rows together at the end: no copy
                carry, carry_pos = chunk.slice(cut), pos[cut:]
                chunk, pos = chunk.slice(0, cut), pos[:cut]
            else:
                carry, carry_pos = chunk.filter(pa.array(hold)), pos[hold]
                chunk, pos = chunk.filter(pa.array(~hold)), pos[~hold]
        yield chunk, pos
    if carry is not None and carry.num_rows:
        yield carry, carry_pos
    run.rows = offset


def _events(run: _Run, chunks: Iterable[tuple[pa.Table, bool]], *, chunked: bool = False) -> None:
    """The events path: each chunk into a frame, the rest scalar; dossiers across chunks joined.

    Chunks are computed by :data:`~tthc.columnar.reading.WORKERS` threads and added in file
    order, so the report, its errors and the first error raised are those of one chunk after the
    other. On an error every thread (of the chunks, and of ``chunks`` when it is a generator that
    reads in threads) has ended before it is raised on.
    """
    seen = _Seen()
    with contextlib.ExitStack() as stack:  # closed in reverse: the classifying threads first
        if isinstance(chunks, Generator):
            stack.callback(chunks.close)
        jobs = stack.enter_context(contextlib.closing(_joined(run, chunks, chunked)))
        # one chunk more than threads: a thread starts on it while this one reads and adds
        # (measured: 5-9 % less time on a Parquet file of 10^6 dossiers, docs/performance.md)
        outs = _in_threads(lambda job: _chunk_out(run, *job, chunked), jobs, WORKERS, WORKERS + 1)
        for out in stack.enter_context(contextlib.closing(outs)):
            _merge(run, out, seen if chunked else None)


def _chunk_out(run: _Run, chunk: pa.Table, pos: NDArray[np.int64], chunked: bool) -> _ChunkOut:
    """What one chunk of events adds: the dossiers the layout holds in batch (as arrays, or as
    a frame when the lists or the classification are kept), the rest scalar; ``run`` left as it
    is."""
    read = _events_read(chunk, run.table)
    hashes, ascending, span = _NO_HASHES, True, None
    if chunked:
        ascending = _ascending(read.ids)
        hashes, span = _hashes(read.ids), _span(read.ids, ascending)
        if not ascending:  # looked up (sorted: each look-up starts where the last one ended)
            hashes.sort()
    first = pos[read.first_row]
    if run.lists or run.classified:  # built from a pandas frame
        frame = run.frame_part(_build_frame(read.dossiers), first, read.procedures)
    else:
        frame = run.arrays_part(read.dossiers, first, read.procedures)
    scalar, errors, exact = _scalar_rows(run, chunk, read.scalar_rows, pos[read.scalar_rows])
    return _ChunkOut(chunk, pos, hashes, ascending, span, frame, scalar, errors, exact)


_NO_HASHES = np.zeros(0, dtype=np.uint64)


def _span(ids: pa.Array, ascending: bool) -> tuple[str, str] | None:
    """The lowest and the highest of ``ids`` (Arrow text without nulls, in order when
    ``ascending``; None if empty)."""
    if not len(ids):
        return None
    low, high = (ids[0], ids[-1]) if ascending else pc.min_max(ids).values()
    return str(low), str(high)


def _merge(run: _Run, out: _ChunkOut, seen: _Seen | None) -> None:
    """Add one chunk to ``run``, checked against the earlier chunks' ids (``seen``, in chunked
    mode; this chunk's ids are added to it)."""
    if seen is not None:
        seen.add(run, out)
    run.frame_dossiers += out.frame[1]
    run.part.add(out.frame[0])
    if out.scalar is not None:
        run.scalar_dossiers += out.scalar[1]
        run.part.add(out.scalar[0])
    run.errors.extend(out.errors)
    run.lines_exact &= out.lines_exact
    run.chunks += 1


@attrs.define
class _Seen:
    """The ids of the chunks added so far (chunked mode), to refuse a dossier met again in a
    later chunk: a 64-bit hash of each id (8 bytes a dossier), and the highest id.

    A chunk whose ids all come after the highest one seen (each chunk of a file sorted by
    ``dossier_id``, the order the chunked mode asks for) holds none of them: its hashes are put
    ``aside`` as they are, without a look-up. Any other chunk is looked up in the ``levels``
    (the hashes put aside are sorted into them first), sorted arrays each longer than the next
    (their sizes about double, as the digits of a binary counter): a chunk is looked up in a few
    levels and each hash is merged a few times. One sorted array merged with every chunk took
    time in the square of the chunks (about 2 s of the main thread for 5·10^6 dossiers). Even
    in levels, the look-ups and merges of 10^6 dossiers took 0.07–0.09 s of the main thread and
    the sorts 0.05 s of the workers: a file sorted by id no longer spends them (its report in
    0.90–0.92x the time, docs/performance.md); a chunk out of order has its hashes sorted by
    its worker (each look-up then starts near the last one: unsorted, a file of dossiers in
    random order took 1.15x the time).
    """

    levels: list[NDArray[np.uint64]] = attrs.Factory(list)
    aside: list[NDArray[np.uint64]] = attrs.Factory(list)
    high: str | None = None

    def add(self, run: _Run, out: _ChunkOut) -> None:
        """Refuse a dossier of ``out`` met in an earlier chunk; then count its ids as seen."""
        if out.span is None:  # no ids
            return
        low, high = out.span
        if self.high is not None and low <= self.high:
            if self.aside:
                self._push(np.sort(np.concatenate(self.aside)))
                self.aside = []
            h = np.sort(out.hashes) if out.ascending else out.hashes
            _refuse_again(run, out, h, self.levels)
            self._push(h)
        else:
            self.aside.append(out.hashes)
        self.high = high if self.high is None else max(self.high, high)

    def _push(self, h: NDArray[np.uint64]) -> None:
        levels = self.levels
        levels.append(h)
        while len(levels) > 1 and levels[-2].size <= levels[-1].size:
            last = levels.pop()
            levels[-1] = np.sort(np.concatenate([levels[-1], last]), kind="stable")  # 2 runs


def _refuse_again(
    run: _Run, out: _ChunkOut, h: NDArray[np.uint64], levels: list[NDArray[np.uint64]]
) -> None:
    """Raise on the first row of ``out`` whose dossier's id hashes as one in ``levels`` (``h``:
    the hashes of its ids, sorted)."""
    again = np.zeros(h.size, dtype=bool)
    for level in levels:
        at = np.minimum(np.searchsorted(level, h), level.size - 1)
        again |= level[at] == h
    if again.any():
        chunk, pos = out.chunk, out.pos
        codes, canonical, _ = _ids(_column(chunk, "dossier_id"))
        rows = np.isin(_hashes(canonical), h[again])[codes]
        i = int(np.flatnonzero(rows)[0])
        raise InvalidValueError(
            f"{run.source}: line {int(pos[i]) + 2}: dossier "
            f"{chunk.column('dossier_id')[i].as_py()!r} has events on rows far apart (after other "
            "dossiers in an earlier chunk); the chunked mode needs the events of a dossier "
            "on consecutive rows: sort the file by dossier_id, or read it whole "
            "(chunk_size=0)"
        )


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

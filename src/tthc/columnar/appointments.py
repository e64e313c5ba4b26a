"""The audit of promised dates (ngày hẹn trả) in batch: :func:`audit_frame` and
:func:`audit_file` return the :class:`~tthc.appointments.AuditReport` that
:func:`tthc.appointments.audit` gives for the same dossiers.

The statutory due dates of all dossiers are computed at once (:func:`tthc.batch.due_frame`) and
compared with the promised ones; a dossier whose dates agree becomes a finding without causes
with no Python work of its own. Only the dossiers whose dates differ (few, in practice) are
rebuilt as :class:`~tthc.models.Dossier` objects and explained by the scalar audit, so the causes,
the basis and the detail are those of :func:`tthc.appointments.audit`.

>>> import io
>>> text = (
...     "dossier_id,agency,procedure_code,event,at,promised_due\\n"
...     "HS-1,UBND xã A,2.002621,received,2026-03-06T10:00:00,\\n"
...     "HS-1,UBND xã A,2.002621,appointed,2026-03-06T10:00:00,2026-03-11\\n"
...     "HS-2,UBND xã A,2.002621,received,2026-03-06T17:30:00,\\n"
...     "HS-2,UBND xã A,2.002621,appointed,2026-03-06T17:30:00,2026-03-12\\n"
...     "HS-3,UBND xã A,2.002621,received,2026-03-09T08:00:00,\\n")
>>> a = audit_file(io.StringIO(text), format="csv")
>>> [(f.dossier_id, f.cause) for f in a.report], a.report.not_audited
([('HS-1', 'none'), ('HS-2', 'after_hours_or_weekend')], (('HS-3', 'no promised date (ngày hẹn trả)'),))
>>> a.frame_dossiers, a.scalar_dossiers
(3, 0)
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, cast

import attrs
import numpy as np
import pandas as pd
import pyarrow as pa

from tthc.calendar import WorkingCalendar, calendar_argument
from tthc.columnar._common import _NAT, PathOrFile, _in_file
from tthc.columnar.events import (
    _arrow_table,
    _cells,
    _column,
    _events_to_frame,
    _ids,
    _lookup_procedures,
)
from tthc.columnar.frame_files import read_frame
from tthc.columnar.reading import (
    _PARSE_ERRORS,
    _chunk_rows,
    _csv_tables,
    _format_of,
    _header,
    _parquet_tables,
    _rewind,
    _source_name,
)
from tthc.columnar.report import _parquet_events
from tthc.errors import InvalidValueError
from tthc.models import Dossier, Procedure

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from tthc.appointments import AuditFinding, AuditReport
    from tthc.formats.results import RowError

__all__ = ["FileAudit", "audit_file", "audit_frame"]


@attrs.frozen
class FileAudit:
    """What :func:`audit_file` found in a file.

    ``report``: the audit of its good dossiers, as :func:`tthc.appointments.audit` gives it;
    ``frame_dossiers`` / ``scalar_dossiers``: how many dossiers the batch path and the scalar
    path read (a timeline the one-row layout cannot hold goes through the scalar reader);
    ``errors``: the bad records, with their lines (their dossiers are left out).
    """

    report: AuditReport
    frame_dossiers: int
    scalar_dossiers: int
    errors: tuple[RowError, ...] = ()


# one audit result per dossier: its position (the order of the report), and a finding or a
# (dossier id, reason) the audit skipped
_Found = list[tuple[int, "AuditFinding"]]
_Skipped = list[tuple[int, tuple[str, str]]]


def audit_frame(
    df: pd.DataFrame,
    procedures: Mapping[str, Procedure] | Iterable[Procedure],
    *,
    calendar: WorkingCalendar | None = None,
) -> AuditReport:
    """:func:`tthc.appointments.audit` of the dossiers of a frame (the one-row-per-dossier layout
    of :mod:`tthc.batch`, its ``promised_due`` column the appointment date), in batch.

    The findings and the dossiers not audited come in the frame's order, with the reasons of the
    scalar audit (no promised date, a procedure not in ``procedures`` or not in the catalogue, no
    time limit). A procedure code not in ``procedures`` on a row without a promised date is
    refused, as the scalar reader refuses such a dossier.

    >>> from tthc.synthetic import catalogue, generate_frame
    >>> df = generate_frame(200, seed=2, promised=0.9)
    >>> r = audit_frame(df, catalogue())
    >>> len(r) + len(r.not_audited), r.by_cause()["none"] > 100
    (200, True)
    """
    from tthc.appointments import AuditReport
    from tthc.batch.layout import procedure_map

    procs = dict(procedures) if isinstance(procedures, Mapping) else procedure_map(procedures)
    found, skipped = _audit_rows(df, procs, calendar_argument(calendar))
    return AuditReport(tuple(f for _, f in found), tuple(s for _, s in skipped))


def _audit_rows(
    df: pd.DataFrame, procs: Mapping[str, Procedure], cal: WorkingCalendar
) -> tuple[_Found, _Skipped]:
    """The findings and the skipped dossiers of ``df``, each with its row (in row order)."""
    from tthc.appointments import AuditFinding, audit
    from tthc.batch import due_frame, frame_to_dossiers

    n = len(df)
    ids = [unicodedata.normalize("NFC", str(i)) for i in df["id"].tolist()]
    agency = df["agency"] if "agency" in df.columns else pd.Series([None] * n, dtype=object)
    agencies = [
        None if a is None or a != a or a == "" else unicodedata.normalize("NFC", str(a))
        for a in agency.tolist()
    ]
    codes = df["procedure_code"].astype(str).to_numpy(dtype=object)
    promised = (
        df["promised_due"].to_numpy(dtype="datetime64[D]").astype(np.int64)
        if "promised_due" in df.columns
        else np.full(n, _NAT, dtype=np.int64)
    )
    known = {c: procs.get(c) for c in set(codes.tolist())}
    has = promised != _NAT
    for c, p in known.items():
        if p is None and not has[codes == c].all():
            raise InvalidValueError(
                f"audit_frame: unknown procedure code {c!r} on a row without a promised date: "
                "not in the procedures given (pass a catalogue that has it)"
            )
    listed = {c: p is not None and p.catalogued for c, p in known.items()}
    catalogued = np.array([listed[c] for c in codes.tolist()], dtype=np.bool_)
    skipped: _Skipped = [
        (i, (ids[i], "no promised date (ngày hẹn trả)")) for i in np.flatnonzero(~has).tolist()
    ]
    skipped += [
        (i, (ids[i], f"procedure {codes[i]} is not in the catalogue"))
        for i in np.flatnonzero(has & ~catalogued).tolist()
    ]
    rows = np.flatnonzero(has & catalogued)
    due = (
        due_frame(df.iloc[rows], procedures=procs, calendar=cal)["due"]
        .to_numpy(dtype="datetime64[D]")
        .astype(np.int64)
    )
    skipped += [
        (i, (ids[i], f"procedure {codes[i]} sets no time limit"))
        for i in rows[due == _NAT].tolist()
    ]
    agree = rows[due == promised[rows]]
    dates = promised[agree].astype("datetime64[D]").tolist()
    found: _Found = [
        (
            i,
            AuditFinding(
                dossier_id=ids[i],
                agency=agencies[i],
                procedure_code=codes[i],
                procedure_name=procs[codes[i]].name,
                promised_due=day,
                statutory_due=day,
                difference_working_days=0,
                causes=(),
                basis="",
            ),
        )
        for i, day in zip(agree.tolist(), dates, strict=True)
    ]
    differ = rows[(due != _NAT) & (due != promised[rows])]
    if differ.size:  # rebuilt as dossiers, explained by the scalar audit
        explained = audit(frame_to_dossiers(df.iloc[differ], procs, calendar=cal), calendar=cal)
        found += zip(differ.tolist(), explained.findings, strict=True)
    found.sort(key=lambda x: x[0])
    skipped.sort(key=lambda x: x[0])
    return found, skipped


def audit_file(
    path_or_file: PathOrFile,
    *,
    procedures: Any = None,
    calendar: WorkingCalendar | None = None,
    format: str | None = None,
    chunk_size: int | None = None,
    agency: str | None = None,
    level: str | None = None,
) -> FileAudit:
    """:func:`tthc.appointments.audit` of the dossiers of a file, in batch where it can.

    Events (tthc's one-row-per-event CSV, or Parquet or JSON lines of events) are read straight
    into a frame (:func:`events_to_frame`), audited by :func:`audit_frame`; a dossier the one-row
    layout cannot hold is read by the scalar reader and audited one at a time (counted in
    :attr:`FileAudit.scalar_dossiers`). Parquet or JSON lines of the one-row layout are audited
    as a frame; the one-row CSV and tthc's JSON are read by :func:`tthc.formats.read_dossiers`
    (the format from the name unless ``format`` is given: ``csv``, ``json``, ``jsonl``,
    ``parquet``, as for :func:`~tthc.columnar.report_file`). Events in CSV and Parquet are read
    in chunks as :func:`~tthc.columnar.report_file` reads them (``chunk_size``), the events of a
    dossier on consecutive rows (a dossier met again after other dossiers of an earlier chunk
    is refused). The report lists the dossiers in the file's order, as the scalar reader gives
    them; bad records are in :attr:`FileAudit.errors`, and left out. ``procedures`` as for
    :func:`~tthc.formats.read_dossiers` (default: the bundled catalogue); ``agency`` keeps only
    that agency's dossiers (spaces and case aside) and ``level`` only those of procedures at that
    level, as ``tthc audit --agency / --level`` do.
    """
    from tthc.formats.catalogue_files import procedure_table

    fmt = _format_of(path_or_file, format)
    if chunk_size is not None and (
        isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 0
    ):
        raise InvalidValueError(f"chunk_size: expected an int >= 0, got {chunk_size!r}")
    run = _AuditRun(
        procedure_table(procedures),
        calendar_argument(calendar),
        _Filter(agency, level),
        _source_name(path_or_file),
    )
    header = _header(path_or_file) if fmt == "csv" else []
    # a layout the columnar path does not read (a column named twice: the scalar reader says so)
    if fmt == "json" or (
        fmt == "csv" and ("dossier_id" not in header or len(set(header)) < len(header))
    ):
        run.scalar_file(path_or_file, fmt)
    elif fmt == "csv":
        rows = _chunk_rows(path_or_file, chunk_size)
        text = [c for c in _header(path_or_file) if c != "at"]
        try:
            run.events(_csv_tables(path_or_file, rows, text, "pyarrow"), rows is not None)
        except _PARSE_ERRORS:  # rows of another length than the header's: the scalar reader
            _rewind(path_or_file)  # says which
            run = attrs.evolve(run, found=[], skipped=[], dossiers=[], where=[], frame_n=0)
            run.scalar_file(path_or_file, "csv")
    elif fmt == "parquet" and _parquet_events(path_or_file):
        tables, chunked = _parquet_tables(path_or_file, chunk_size)
        run.events(tables, chunked)
    else:
        raw = read_frame(path_or_file, format=fmt, typed=False)
        if "dossier_id" in raw.columns:
            run.events([(_arrow_table(raw), True)], False)
        else:
            _rewind(path_or_file)
            run.frame(read_frame(path_or_file, format=fmt))
    return run.result()


@attrs.define
class _AuditRun:
    """The state of one :func:`audit_file` run: what the chunks found so far."""

    table: Mapping[str, Procedure]
    calendar: WorkingCalendar
    keep: _Filter
    source: str
    found: _Found = attrs.field(factory=list)
    skipped: _Skipped = attrs.field(factory=list)
    errors: list[RowError] = attrs.field(factory=list)
    dossiers: list[Dossier] = attrs.field(factory=list)  # read by the scalar reader
    where: list[int] = attrs.field(factory=list)  # the position of each
    frame_n: int = 0
    rows: int = 0  # set by run._joined

    def frame(
        self,
        frame: pd.DataFrame,
        positions: NDArray[np.int64] | None = None,
        procs: Mapping[str, Procedure] | None = None,
    ) -> None:
        """Audit the dossiers of a frame (at ``positions`` in the file, default: its rows; its
        codes' procedures ``procs``, default: looked up in the table)."""
        if procs is None:
            codes = [str(c) for c in pd.unique(frame["procedure_code"].astype(object))]
            looked = _lookup_procedures(codes, self.table)
            procs = {c: p for c, p in looked.items() if p is not None}
        wanted = self.keep.rows(frame, procs)
        frame = frame.loc[wanted].reset_index(drop=True)
        at = (np.arange(len(wanted)) if positions is None else positions)[wanted]
        found, skipped = _audit_rows(frame, procs, self.calendar)
        self.found += [(int(at[i]), f) for i, f in found]
        self.skipped += [(int(at[i]), r) for i, r in skipped]
        self.frame_n += len(frame)

    def events(self, chunks: Iterable[tuple[pa.Table, bool]], chunked: bool) -> None:
        """Audit tables of events, chunk by chunk (dossiers across chunks joined)."""
        from tthc.columnar.run import _joined

        ids = []
        for chunk, pos in _joined(cast(Any, self), chunks, chunked):
            ef = _events_to_frame(chunk, self.table)
            ids.append(ef.ids)
            self.frame(ef.frame, pos[ef.first_row], ef.procedures)
            rows = ef.scalar_rows
            read = _scalar_read(chunk, rows, pos[rows], self.table, self.source)
            self.dossiers += read[0]
            self.where += read[1]
            self.errors += read[2]
        if chunked and ids and not pd.concat(ids, ignore_index=True).is_unique:
            raise InvalidValueError(
                f"{self.source}: a dossier has events on rows far apart (after other dossiers "
                "in an earlier chunk); the chunked mode needs the events of a dossier on "
                "consecutive rows: sort the file by dossier_id, or read it whole (chunk_size=0)"
            )

    def scalar_file(self, path_or_file: PathOrFile, fmt: str) -> None:
        """Read the whole file with the scalar reader."""
        from tthc.formats import read_dossiers

        result = read_dossiers(path_or_file, format=fmt, strict=False, procedures=self.table)
        self.dossiers, self.errors = list(result.dossiers), list(result.errors)
        self.where = list(range(len(self.dossiers)))

    def result(self) -> FileAudit:
        """The audit of everything read, the scalar dossiers audited one at a time."""
        from tthc.appointments import AuditReport, audit

        kept = [
            (d, p) for d, p in zip(self.dossiers, self.where, strict=True) if self.keep.dossier(d)
        ]
        found, skipped = self.found, self.skipped
        if kept:
            at = {d.id: p for d, p in kept}
            scalar = audit([d for d, _ in kept], calendar=self.calendar)
            found += [(at[f.dossier_id], f) for f in scalar.findings]
            skipped += [(at[s[0]], s) for s in scalar.not_audited]
        found.sort(key=lambda x: x[0])
        skipped.sort(key=lambda x: x[0])
        report = AuditReport(tuple(f for _, f in found), tuple(s for _, s in skipped))
        return FileAudit(report, self.frame_n, len(kept), tuple(self.errors))


def _scalar_read(
    raw: pa.Table,
    rows: NDArray[np.int64],
    positions: NDArray[np.int64],
    table: Mapping[str, Procedure],
    source: str,
) -> tuple[list[Dossier], list[int], list[RowError]]:
    """The dossiers of the events at ``rows`` of ``raw`` (``positions`` in the file) read by
    the scalar reader, with the position of each one's first row, and the bad records (lines of
    the file when each record is on one line)."""
    from tthc.formats.dossiers import read_dossiers

    if not rows.size:
        return [], [], []
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(raw.column_names)
    writer.writerows(_cells(raw, rows))
    buf.seek(0)
    result = read_dossiers(buf, format="csv", strict=False, procedures=table)
    codes, canonical, _ = _ids(_column(raw.take(pa.array(rows)), "dossier_id"))
    first: dict[str, int] = {}
    for i, p in zip(canonical.take(pa.array(codes)).to_pylist(), positions.tolist(), strict=True):
        first.setdefault(str(i), p)
    errors = [_in_file(e, positions, source) for e in result.errors]
    return list(result.dossiers), [first[d.id] for d in result.dossiers], errors


@attrs.frozen
class _Filter:
    """The ``agency`` and ``level`` filters of :func:`audit_file`, as ``tthc audit`` applies them."""

    agency: str | None
    level: str | None

    @staticmethod
    def _normal(text: str | None) -> str:
        return " ".join((text or "").split()).casefold()

    def dossier(self, d: Dossier) -> bool:
        if self.agency is not None and self._normal(d.agency) != self._normal(self.agency):
            return False
        return self.level is None or d.procedure.level.value == self.level

    def rows(self, frame: pd.DataFrame, procs: Mapping[str, Procedure]) -> NDArray[np.bool_]:
        keep = np.ones(len(frame), dtype=bool)
        if self.agency is not None:
            agencies = frame["agency"].astype(object).where(frame["agency"].notna(), None)
            wanted = self._normal(self.agency)
            same = {a: self._normal(a) == wanted for a in set(agencies.tolist())}
            keep &= np.array([same[a] for a in agencies.tolist()], dtype=bool)
        if self.level is not None:
            codes = frame["procedure_code"].astype(str).tolist()
            at = {c: c in procs and procs[c].level.value == self.level for c in set(codes)}
            keep &= np.array([at[c] for c in codes], dtype=bool)
        return keep

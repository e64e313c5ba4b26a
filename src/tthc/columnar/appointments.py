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
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import pandas as pd

from tthc.calendar import WorkingCalendar, calendar_argument
from tthc.columnar._common import _NAT, PathOrFile
from tthc.columnar.events import _ids, events_to_frame
from tthc.columnar.frame_files import read_frame
from tthc.columnar.reading import _format_of, _header, _rewind, _source_name
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
    ``parquet``, as for :func:`~tthc.columnar.report_file`). The report lists the dossiers in the file's order, as
    the scalar reader gives them; bad records are in :attr:`FileAudit.errors`, and left out.
    ``procedures`` as for :func:`~tthc.formats.read_dossiers` (default: the bundled catalogue);
    ``agency`` keeps only that agency's dossiers (spaces and case aside) and ``level`` only
    those of procedures at that level, as ``tthc audit --agency / --level`` do.
    """
    from tthc.appointments import AuditReport
    from tthc.formats.catalogue_files import procedure_table

    table = procedure_table(procedures)
    cal = calendar_argument(calendar)
    fmt = _format_of(path_or_file, format)
    keep = _Filter(agency, level)
    found: _Found = []
    skipped: _Skipped = []
    errors: list[RowError] = []
    frame_n = 0
    dossiers: list[Dossier] = []
    where: list[int] = []
    events = fmt == "csv" and "dossier_id" in _header(path_or_file)
    if fmt in ("parquet", "jsonl"):
        raw = read_frame(path_or_file, format=fmt, typed=False)
        events = "dossier_id" in raw.columns
        if not events:
            _rewind(path_or_file)
            frame = keep.frame(read_frame(path_or_file, format=fmt), table)
            found, skipped = _audit_rows(frame, table, cal)
            frame_n = len(frame)
    elif events:
        raw = read_frame(path_or_file, format="csv", typed=False)
    else:
        from tthc.formats import read_dossiers

        result = read_dossiers(path_or_file, format=fmt, strict=False, procedures=table)
        dossiers, errors = list(result.dossiers), list(result.errors)
        where = list(range(len(dossiers)))
    if events:
        ef = events_to_frame(raw, table, calendar=cal)
        frame = ef.frame
        positions = ef.first_row
        wanted = keep.rows(frame, ef.procedures)
        frame, positions = frame.loc[wanted].reset_index(drop=True), positions[wanted]
        found, skipped = _audit_rows(frame, ef.procedures, cal)
        found = [(int(positions[i]), f) for i, f in found]
        skipped = [(int(positions[i]), s) for i, s in skipped]
        frame_n = len(frame)
        dossiers, where, errors = _scalar_read(
            raw, ef.scalar_rows, table, _source_name(path_or_file)
        )
    kept = [(d, p) for d, p in zip(dossiers, where, strict=True) if keep.dossier(d)]
    if kept:
        from tthc.appointments import audit

        at = {d.id: p for d, p in kept}
        scalar = audit([d for d, _ in kept], calendar=cal)
        found += [(at[f.dossier_id], f) for f in scalar.findings]
        skipped += [(at[s[0]], s) for s in scalar.not_audited]
        found.sort(key=lambda x: x[0])
        skipped.sort(key=lambda x: x[0])
    report = AuditReport(tuple(f for _, f in found), tuple(s for _, s in skipped))
    return FileAudit(report, frame_n, len(kept), tuple(errors))


def _scalar_read(
    raw: pd.DataFrame, rows: NDArray[np.int64], table: Mapping[str, Procedure], source: str
) -> tuple[list[Dossier], list[int], list[RowError]]:
    """The dossiers of the events at ``rows`` of ``raw`` read by the scalar reader, with the
    position of each one's first row, and the bad records (lines of ``raw``'s file when each
    record is on one line)."""
    from tthc.formats.dossiers import read_dossiers

    if not rows.size:
        return [], [], []
    sub = raw.iloc[rows]
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(list(raw.columns))
    values = sub.astype(object).where(sub.notna(), None).to_numpy().tolist()
    writer.writerows([["" if v is None else str(v) for v in r] for r in values])
    buf.seek(0)
    result = read_dossiers(buf, format="csv", strict=False, procedures=table)
    codes, canonical, _ = _ids(sub["dossier_id"])
    first: dict[str, int] = {}
    for c, p in zip(codes.tolist(), rows.tolist(), strict=True):
        first.setdefault(str(canonical[c]), p)
    errors = [
        attrs.evolve(
            e,
            file=source,
            line=None
            if e.line is None or e.line < 2
            else int(rows[min(e.line - 2, rows.size - 1)]) + 2,
        )
        for e in result.errors
    ]
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

    def frame(self, df: pd.DataFrame, table: Mapping[str, Procedure]) -> pd.DataFrame:
        out: pd.DataFrame = df.loc[self.rows(df, table)].reset_index(drop=True)
        return out

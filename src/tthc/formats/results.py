"""What reading a data file found: :class:`RowError` (one bad record), :class:`RejectedDossier`
and :class:`ReadResult`, which reconciles what was read with what was kept.

Readers describe a file as :class:`Record` values (one per record: a CSV row, a JSON element, an
unreadable stretch) and hand them to :func:`settle`, which groups them by dossier, drops every
dossier with a bad record as a whole, and counts; :func:`csv_records`, :func:`header_failed`
and :func:`refuse_repeated_ids` are the steps the CSV and JSON readers share. It may import
:mod:`tthc.models`, :mod:`tthc.errors`, :mod:`tthc.formats._io` and
:mod:`tthc.formats.csv_cells`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs

from tthc.errors import DataRowError, InvalidValueError, TthcError
from tthc.formats._io import CellError
from tthc.formats.csv_cells import CsvRow, unescape_cell
from tthc.models import Dossier

__all__ = ["ReadResult", "RejectedDossier", "RowError"]


@attrs.frozen
class RowError:
    """One bad record of a data file: where it is and what is wrong with it."""

    file: str
    line: int | None
    field: str | None
    message: str
    dossier_id: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}: " + (f"line {self.line}: " if self.line is not None else "")
        field = f"field {self.field!r}: " if self.field else ""
        return f"{where}{field}{self.message}"

    def as_exception(self) -> DataRowError:
        """This error as a :class:`~tthc.errors.DataRowError`."""
        return DataRowError(str(self), file=self.file, line=self.line, field=self.field)


@attrs.frozen
class RejectedDossier:
    """A dossier a lenient read left out, as a whole: its id, why, and the lines of its records."""

    dossier_id: str
    reason: str
    lines: tuple[int, ...]

    def __str__(self) -> str:
        lines = ", ".join(str(n) for n in self.lines)
        return f"rejected dossier {self.dossier_id!r} (lines {lines}): {self.reason}"


def _check_counts(instance: ReadResult, attribute: attrs.Attribute[Any], value: object) -> None:
    r = instance
    for name in ("records_read", "records_used", "records_rejected", "dossiers_seen"):
        n = getattr(r, name)
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise InvalidValueError(f"ReadResult.{name}: expected a count >= 0, got {n!r}")
    if r.records_read != r.records_used + r.records_rejected:
        raise InvalidValueError(
            f"ReadResult: records_read {r.records_read} != records_used {r.records_used} + "
            f"records_rejected {r.records_rejected}"
        )
    if r.dossiers_seen != len(r.dossiers) + len(r.rejected):
        raise InvalidValueError(
            f"ReadResult: dossiers_seen {r.dossiers_seen} != {len(r.dossiers)} reported + "
            f"{len(r.rejected)} rejected"
        )


@attrs.frozen
class ReadResult:
    """What a lenient read (``strict=False``) found: the good dossiers and every bad record.

    A dossier with a bad record is left out as a whole (its other records are not guessed at)
    and listed in ``rejected`` with the reason; each bad record is in ``errors`` with its line.
    Nothing is lost silently: the counts always reconcile (the constructor checks it),

    * ``records_read == records_used + records_rejected`` (a record is a CSV row or a JSON
      element; an unreadable stretch of a file counts as one record), and
    * ``dossiers_seen == len(dossiers) + len(rejected)``.

    >>> r = ReadResult((), (), records_read=0, records_used=0, records_rejected=0, dossiers_seen=0)
    >>> r.summary()
    '0 records read: 0 used, 0 rejected; 0 dossiers seen: 0 reported, 0 rejected'
    """

    dossiers: tuple[Dossier, ...]
    errors: tuple[RowError, ...]
    rejected: tuple[RejectedDossier, ...] = ()
    records_read: int = attrs.field(default=0, kw_only=True)
    records_used: int = attrs.field(default=0, kw_only=True)
    records_rejected: int = attrs.field(default=0, kw_only=True)
    dossiers_seen: int = attrs.field(default=0, kw_only=True, validator=_check_counts)

    @property
    def ok(self) -> bool:
        """Whether no record was bad."""
        return not self.errors

    def summary(self) -> str:
        """The reconciliation in one line, as the ``tthc`` command prints it."""
        return (
            f"{self.records_read} records read: {self.records_used} used, "
            f"{self.records_rejected} rejected; {self.dossiers_seen} dossiers seen: "
            f"{len(self.dossiers)} reported, {len(self.rejected)} rejected"
        )


@attrs.frozen
class Record:
    """One record of a file as a reader saw it (package-internal).

    ``dossier_id`` is ``None`` when the record names no dossier (or its id cannot be read);
    ``error`` is set when the record is bad; ``value`` is what the reader made of a good one.
    """

    line: int
    dossier_id: str | None
    error: RowError | None = None
    value: Any = None


Builder = Callable[[str, Sequence[Record]], Dossier]
"""Builds one dossier from its good records (raises a tthc error when they do not make one)."""


def settle(source: str, records: Sequence[Record], build: Builder, *, strict: bool) -> ReadResult:
    """Group ``records`` by dossier, build the good ones, reject the rest as wholes, and count.

    Under ``strict`` the first error (bad records first, in file order, then dossiers that do not
    build) is raised as a :class:`~tthc.errors.DataRowError`.
    """
    groups: dict[str, list[Record]] = {}
    loose = 0
    errors = [r.error for r in records if r.error is not None]
    for record in records:
        if record.dossier_id is None:
            loose += 1
        else:
            groups.setdefault(record.dossier_id, []).append(record)
    if strict and errors:
        raise errors[0].as_exception()
    dossiers: list[Dossier] = []
    rejected: list[RejectedDossier] = []
    used = 0
    for dossier_id, group in groups.items():
        lines = tuple(r.line for r in group)
        bad = next((r.error for r in group if r.error is not None), None)
        if bad is None:
            try:
                dossiers.append(build(dossier_id, group))
                used += len(group)
                continue
            except TthcError as exc:
                field = getattr(exc, "field", None)
                bad = RowError(source, lines[0], field or "events", str(exc), dossier_id)
                if strict:
                    raise bad.as_exception() from exc
                errors.append(bad)
        reason = f"{'field ' + repr(bad.field) + ': ' if bad.field else ''}{bad.message}"
        rejected.append(RejectedDossier(dossier_id, f"line {bad.line}: {reason}", lines))
    return ReadResult(
        tuple(dossiers),
        tuple(errors),
        tuple(rejected),
        records_read=len(records),
        records_used=used,
        records_rejected=len(records) - used,
        dossiers_seen=len(groups),
    )


def _no_builder(dossier_id: str, records: Sequence[Record]) -> Dossier:  # pragma: no cover
    raise AssertionError("records without a dossier are never built")


def header_failed(
    source: str, error: RowError, rows: Iterable[CsvRow], *, strict: bool
) -> ReadResult:
    """Nothing can be read under a bad header: every data record is rejected, the first with the
    header's error (in a file with no data, the header itself is the one rejected record)."""
    lines = [r.line for r in rows if r.cells is None or any(v.strip() for v in r.cells)] or [1]
    records = [Record(n, None, error if i == 0 else None) for i, n in enumerate(lines)]
    return settle(source, records, _no_builder, strict=strict)


RowReader = Callable[[dict[str, str], str], Any]
"""Makes a record's value from its cells by column and its dossier id (raises CellError or a
tthc error for a bad row)."""


def csv_records(
    rows: Iterable[CsvRow], source: str, header: list[str], id_column: str, read: RowReader
) -> list[Record]:
    """The records of CSV data ``rows``: blank rows skipped, cells un-escaped
    (:func:`~tthc.formats.csv_cells.unescape_cell`), the dossier id in NFC; an unreadable row, a
    row of the wrong width, one without an id or one ``read`` refuses is a bad record of the
    dossier its first cells name."""
    records: list[Record] = []
    id_at = header.index(id_column)
    for row in rows:
        if row.cells is None:
            guess = unicodedata.normalize("NFC", row.first_cell) or None
            error = RowError(source, row.line, None, row.problem, guess)
            records.append(Record(row.line, guess, error))
            continue
        if not any(v.strip() for v in row.cells):
            continue  # a blank line
        cells = [unescape_cell(v) for v in row.cells]
        dossier_id = unicodedata.normalize("NFC", cells[id_at]) if len(cells) > id_at else ""
        try:
            if len(cells) != len(header):
                raise CellError("", f"expected {len(header)} cells, got {len(cells)}")
            if not dossier_id.strip():
                raise CellError(id_column, "expected a dossier id, got an empty cell")
            value = read(dict(zip(header, cells, strict=True)), dossier_id)
        except (CellError, TthcError) as exc:
            field = (exc.field or None) if isinstance(exc, CellError) else None
            error = RowError(source, row.line, field, str(exc), dossier_id or None)
            records.append(Record(row.line, dossier_id or None, error))
            continue
        records.append(Record(row.line, dossier_id, None, value))
    return records


def refuse_repeated_ids(records: list[Record], source: str, wording: str) -> list[Record]:
    """``records`` with every occurrence of a dossier id after the first made a bad record
    ("dossier 'X' appears <wording> (lines …)"), so the dossier is rejected as a whole."""
    lines: dict[str, list[int]] = {}
    for r in records:
        if r.dossier_id is not None:
            lines.setdefault(r.dossier_id, []).append(r.line)
    out = []
    seen: set[str] = set()
    for r in records:
        if r.dossier_id is not None and r.dossier_id in seen and r.error is None:
            where = ", ".join(str(n) for n in lines[r.dossier_id])
            message = f"dossier {r.dossier_id!r} appears {wording} (lines {where})"
            r = Record(r.line, r.dossier_id, RowError(source, r.line, "id", message, r.dossier_id))
        if r.dossier_id is not None:
            seen.add(r.dossier_id)
        out.append(r)
    return out

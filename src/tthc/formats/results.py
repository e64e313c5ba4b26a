"""What reading a data file found: :class:`RowError` (one bad record), :class:`RejectedDossier`
and :class:`ReadResult`, which reconciles what was read with what was kept.

Readers describe a file as :class:`Record` values (one per record: a CSV row, a JSON element, an
unreadable stretch) and hand them to :func:`settle`, which groups them by dossier, drops every
dossier with a bad record as a whole, and counts. It may import :mod:`tthc.models` and
:mod:`tthc.errors`, never a format module.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import attrs

from tthc.errors import DataRowError, InvalidValueError, TthcError
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

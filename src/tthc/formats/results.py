"""What reading a data file found: :class:`RowError` (one bad record) and :class:`ReadResult`.

It may import :mod:`tthc.models` and :mod:`tthc.errors`, never a format module.
"""

from __future__ import annotations

import attrs

from tthc.errors import DataRowError
from tthc.models import Dossier

__all__ = ["ReadResult", "RowError"]


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
class ReadResult:
    """What a lenient read (``strict=False``) found: the good dossiers and every bad record.

    A dossier with a bad row is left out as a whole (its other rows are not guessed at); each
    bad row is in ``errors`` with its line number.
    """

    dossiers: tuple[Dossier, ...]
    errors: tuple[RowError, ...]

    @property
    def ok(self) -> bool:
        """Whether no record was bad."""
        return not self.errors

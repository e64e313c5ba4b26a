"""CSV cells that are safe to open in a spreadsheet, and CSV text that always reads back.

**Formula injection** (CWE-1236): a spreadsheet runs a cell that starts with ``=``, ``+``, ``-``
or ``@`` (and some also one that starts with a tab or a carriage return) as a formula. Following
OWASP's rule, tthc writes such a text cell with a leading apostrophe, which spreadsheets show as
text. To keep every text readable back exactly, a cell that already starts with an apostrophe
gets one more. Reading undoes it: one leading apostrophe is removed *only* when the next character
is one of those that made tthc add it (``= + - @``, tab, CR or an apostrophe), so
``unescape_cell(escape_cell(x)) == x`` for every text ``x``, and a hand-written ``'abc`` is kept.

**Quoting**: Python's :mod:`csv` writer quotes a cell with a line break only if the break is part
of its line terminator, so a bare ``\\r`` under a ``\\n`` terminator was written unquoted and split
the row on reading. :func:`csv_text` quotes every cell holding a separator, a quote, ``\\r`` or
``\\n`` (RFC 4180) and ends lines with ``\\n``.

It imports nothing from tthc.

>>> escape_cell("=SUM(A1)"), escape_cell("'quoted"), escape_cell("UBND xã A")
("'=SUM(A1)", "''quoted", 'UBND xã A')
>>> unescape_cell("''quoted"), unescape_cell("'quoted")  # the second: not written by tthc
("'quoted", "'quoted")
>>> csv_text(["a", "b"], [["-1", "x\\ry"]])
'a,b\\n\\'-1,"x\\ry"\\n'
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

__all__ = ["FORMULA_STARTS", "CsvRow", "csv_rows", "csv_text", "escape_cell", "unescape_cell"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection)."""

_ESCAPED = (*FORMULA_STARTS, "'")


def escape_cell(text: str) -> str:
    """``text`` made safe for a spreadsheet: an apostrophe before a formula's first character."""
    return "'" + text if text.startswith(_ESCAPED) else text


def unescape_cell(cell: str) -> str:
    """The text :func:`escape_cell` was given (a cell it did not change is returned as it is)."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(_ESCAPED) else cell


def _quoted(cell: str, sep: str = ",") -> str:
    if any(c in cell for c in (sep, '"', "\r", "\n")):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]], sep: str = ",") -> str:
    """CSV text (RFC 4180 quoting, ``\\n`` line ends) with every text cell escaped; ``sep``
    separates the cells (``;`` for Excel with Vietnamese regional settings).

    Numbers (``int``, ``float``) are written as they are; ``None`` as an empty cell; any other
    value as its ``str``, escaped.
    """
    lines = [sep.join(_quoted(escape_cell(h), sep) for h in header)]
    for row in rows:
        cells = []
        for value in row:
            if value is None:
                cells.append("")
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                cells.append(str(value))
            else:
                cells.append(_quoted(escape_cell(str(value)), sep))
        lines.append(sep.join(cells))
    return "\n".join(lines) + "\n"


class CsvRow(NamedTuple):
    """One record of a CSV text: its first line and its cells, or why it could not be read."""

    line: int
    cells: list[str] | None
    problem: str = ""
    first_cell: str = ""
    """For an unreadable record: the text before the first comma of its first line."""


MAX_RECORD_LINES = 200
"""A quoted cell may hold line breaks, but a record spanning more lines than this is taken for
an unclosed quote (so a stray quote costs one line, not the rest of the file)."""


class _TooLong(Exception):
    pass


class _Lines:
    """The physical lines from ``pos`` on, for :class:`csv.reader`; counts what it took."""

    def __init__(self, ends: list[str], pos: int) -> None:
        self.ends, self.pos, self.record_start = ends, pos, pos

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        if self.pos >= len(self.ends):
            raise StopIteration
        if self.pos - self.record_start >= MAX_RECORD_LINES:
            raise _TooLong
        self.pos += 1
        return self.ends[self.pos - 1]


def csv_rows(text: str) -> Iterator[CsvRow]:
    """The records of ``text`` (strict :mod:`csv` parsing), the header first.

    An unreadable record (a stray or unclosed quote) is reported on its first line and reading
    starts again on the next line, so one bad quote costs one record, not the rest of the file.
    Reading is linear: a record may span at most :data:`MAX_RECORD_LINES` lines.
    """
    pieces = text.split("\n")
    ends = [line + "\n" for line in pieces[:-1]] + ([pieces[-1]] if pieces[-1] else [])
    start = 0
    while start < len(ends):
        lines = _Lines(ends, start)
        try:
            for cells in csv.reader(lines, strict=True):
                yield CsvRow(lines.record_start + 1, cells)
                lines.record_start = lines.pos
            return
        except (csv.Error, _TooLong) as exc:
            bad = lines.record_start
            problem = (
                str(exc)
                if isinstance(exc, csv.Error)
                else f"a quoted cell runs over more than {MAX_RECORD_LINES} lines"
            )
            first = ends[bad].split(",", 1)[0].strip().strip('"').strip()
            yield CsvRow(bad + 1, None, f"unreadable CSV: {problem}", unescape_cell(first))
            start = bad + 1

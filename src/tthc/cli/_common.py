"""Helpers shared by the subcommands of the ``tthc`` command: output, progress and parsing.

It holds the weekday names, the table / CSV / JSON writer, the progress bar, the parsers of
the ``--received`` / ``--as-of`` moments and the ``--period`` text, and the ``--announcements``
option with the calendar it gives. It may import the library
(lazily where a subcommand does not always need it), never a subcommand module.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, TextIO

from tthc.errors import ArgumentTypeError, InvalidValueError

if TYPE_CHECKING:
    from tthc.calendar import WorkingCalendar
    from tthc.catalogue import Catalogue
    from tthc.formats.results import ReadResult, RowError
    from tthc.models import Dossier
    from tthc.reports.periods import ReportingPeriod

WEEKDAYS_VI = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

LANGUAGES = ("vi", "en")


TABLE_WIDTH = 100
"""Tables are laid out to fit this many columns of text."""


def write_rows(
    rows: list[dict[str, str]],
    fmt: str,
    out: TextIO,
    headers: Sequence[str],
    *,
    keep: int = 1,
) -> None:
    """Write ``rows`` to ``out`` as ``fmt``: ``"json"``, ``"csv"`` or an aligned ``"table"``.

    A table wider than :data:`TABLE_WIDTH` is fitted by design: long text cells wrap inside
    their column (no column narrower than 24), then, if it is still too wide, the columns are
    shown in blocks, each repeating the first ``keep`` columns.
    """
    if fmt == "json":
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "csv":  # cells escaped against formula injection, line breaks quoted
        from tthc.formats.csv_cells import csv_text

        out.write(csv_text(list(headers), ([r[h] for h in headers] for r in rows)))
    else:
        widths = {h: max([len(h)] + [len(r[h]) for r in rows]) for h in headers}

        def total(cols: Sequence[str]) -> int:
            return sum(widths[h] for h in cols) + 2 * (len(cols) - 1)

        while total(headers) > TABLE_WIDTH:
            widest = max(headers, key=lambda h: widths[h])
            if widths[widest] <= 24:
                break
            widths[widest] = max(24, widths[widest] - (total(headers) - TABLE_WIDTH))
        fixed, blocks = list(headers[:keep]), [list(headers[:keep])]
        for h in headers[keep:]:
            if len(blocks[-1]) > len(fixed) and total([*blocks[-1], h]) > TABLE_WIDTH:
                blocks.append(list(fixed))
            blocks[-1].append(h)
        for n, block in enumerate(blocks):
            if n:
                out.write("\n")
            _table_block(rows, out, block, widths)


def _table_block(
    rows: list[dict[str, str]], out: TextIO, headers: Sequence[str], widths: dict[str, int]
) -> None:
    import textwrap

    def line(cells: dict[str, str]) -> None:
        parts = {h: textwrap.wrap(cells[h], widths[h]) or [""] for h in headers}
        for i in range(max(len(p) for p in parts.values())):
            text = "  ".join(
                (parts[h][i] if i < len(parts[h]) else "").ljust(widths[h]) for h in headers
            )
            out.write(text.rstrip() + "\n")

    line({h: h for h in headers})
    out.write("  ".join("-" * widths[h] for h in headers) + "\n")
    for r in rows:
        line(r)


HEADERS_VI = {
    "date": "Ngày",
    "weekday": "Thứ",
    "kind": "Loại ngày",
    "name": "Tên",
    "source": "Căn cứ",
    "provisional": "Tạm tính",
}
"""Vietnamese table headers of the day listings (``calendar``, ``due``); CSV and JSON keep the
English keys."""


def day_table(rows: list[dict[str, str]], out: TextIO, headers: Sequence[str], vi: bool) -> None:
    """A table of day rows (keys :data:`HEADERS_VI`), headers and kinds in Vietnamese if ``vi``."""
    if not vi:
        write_rows(rows, "table", out, headers)
        return
    from tthc.calendar import DayKind

    flags = {"true": "có", "false": "không"}
    shown = [
        {
            HEADERS_VI[h]: DayKind[r[h]].label_vi if h == "kind" else flags.get(r[h], r[h])
            if h == "provisional"
            else r[h]
            for h in headers
        }
        for r in rows
    ]  # fmt: skip
    write_rows(shown, "table", out, [HEADERS_VI[h] for h in headers])


def parse_moment(text: str, option: str = "--received") -> datetime:
    """The ISO date or date-time ``text`` of ``option``; refused by name when it is not one."""
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        raise ArgumentTypeError(
            f"{option}: expected an ISO date or date-time such as '2026-02-12 09:30', got {text!r}"
        ) from None


PERIOD_FORMS = (
    "YYYY-MM (month), YYYY-Qn (quarter), YYYY-Hn (half), YYYY-9M (nine months), YYYY (year)"
)


def parse_period(text: str, convention: str) -> ReportingPeriod:
    """The reporting period of a ``--period`` text (:data:`PERIOD_FORMS`) under ``convention``."""
    # lazy: the reports take ~0.2 s to import and only ``tthc report`` reads a period
    from tthc.reports.periods import PeriodConvention, ReportingPeriod

    conv = PeriodConvention.CALENDAR if convention == "calendar" else PeriodConvention.CUTOFF_14
    t = text.strip().upper()
    m = re.fullmatch(r"([0-9]{4})(?:-(?:([0-9]{1,2})|Q([1-4])|H([12])|(9M)))?", t)
    if m is None:
        raise InvalidValueError(f"--period: expected {PERIOD_FORMS}, got {text!r}")
    year = int(m.group(1))
    if m.group(2) and not 1 <= int(m.group(2)) <= 12:
        raise InvalidValueError(
            f"--period: month {int(m.group(2))} does not exist in {text!r}; expected {PERIOD_FORMS}"
        )
    if m.group(2):
        return ReportingPeriod.month(year, int(m.group(2)), convention=conv)
    if m.group(3):
        return ReportingPeriod.quarter(year, int(m.group(3)), convention=conv)
    if m.group(4):
        return ReportingPeriod.half(year, int(m.group(4)), convention=conv)
    if m.group(5):
        return ReportingPeriod.nine_months(year, convention=conv)
    return ReportingPeriod.year(year, convention=conv)


class Progress:
    """A plain progress bar on stderr for long inputs (silent for short ones or when not a tty)."""

    def __init__(self, total: int, label: str, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.total, self.label = total, label
        self.enabled = total >= 2000 and self.stream.isatty()
        self.shown = -1

    def update(self, done: int) -> None:
        if not self.enabled:
            return
        pct = done * 100 // self.total
        if pct != self.shown:
            self.shown = pct
            bar = "#" * (pct // 4)
            self.stream.write(f"\r{self.label} [{bar:<25}] {pct:3d}%")
            if done >= self.total:
                self.stream.write("\n")
            self.stream.flush()


LEVELS = ("central", "province", "district", "commune")


def add_input_options(p: argparse.ArgumentParser) -> None:
    """The options of the subcommands that read dossier files (``report``, ``audit``)."""
    p.add_argument("--catalogue", help="procedure catalogue (CSV or JSON); default: bundled")
    p.add_argument(
        "--columns",
        metavar="FILE",
        help='JSON column mapping for spreadsheet exports: {"columns": {"header": "id", …}}',
    )
    p.add_argument("--agency", metavar="NAME", help="only the dossiers of this agency")
    p.add_argument("--level", choices=LEVELS, help="only procedures at this level")
    p.add_argument("--keep-going", action="store_true", help="report the good dossiers anyway")


def load_catalogue(args: argparse.Namespace) -> Catalogue:
    """The ``--catalogue`` (default: the bundled one)."""
    from tthc.formats import bundled_catalogue, read_catalogue

    return read_catalogue(args.catalogue) if args.catalogue else bundled_catalogue()


SCALAR_NOTE_BYTES = 64 * 1024 * 1024
"""Above this size, ``tthc report`` says on stderr when it reads a file one dossier at a time."""


def columnar_because(args: argparse.Namespace) -> str | None:
    """Why ``args.file`` cannot go through the columnar path (:mod:`tthc.columnar`), or None
    when it can: tthc's event CSV, its one-row-per-dossier CSV and Parquet are read straight into
    frames when the batch extra is installed; ``--columns`` (a spreadsheet's mapping) and other
    formats (JSON, sync records, spreadsheet exports) go through the scalar path."""
    import csv
    from pathlib import Path

    if args.columns:
        return "--columns"
    try:
        import numpy  # noqa: F401
        import pandas  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError:  # pragma: no cover - the test extra installs them
        return "the batch extra (numpy, pandas, pyarrow) is not installed"
    if batch_only(args.file):
        return None
    suffix = Path(args.file).suffix.lower()
    if suffix != ".csv":
        return f"{suffix or 'this kind of'} files"
    from tthc.batch import FRAME_COLUMNS
    from tthc.formats.events_csv import DOSSIER_CSV_COLUMNS

    try:
        with open(args.file, encoding="utf-8-sig", newline="") as fh:
            line = fh.readline()
    except (OSError, UnicodeDecodeError):
        return "the file cannot be read as UTF-8"
    header = [h.strip() for h in next(csv.reader([line]), [])]
    if len(set(header)) != len(header):
        return "a repeated column"
    if "dossier_id" in header:
        known = set(DOSSIER_CSV_COLUMNS)
    elif {"id", "received"} <= set(header):
        known = {name for name, _, _ in FRAME_COLUMNS}
    else:
        return "not tthc's own CSV layout"
    return None if set(header) <= known else "unknown columns"


def add_engine_option(p: argparse.ArgumentParser) -> None:
    """The ``--engine auto|scalar`` option of the subcommands that read files in batch."""
    p.add_argument(
        "--engine",
        choices=("auto", "scalar"),
        default="auto",
        help="auto (default): tthc's CSV and Parquet files in batch (columnar) when pandas and "
        "pyarrow are installed, the rest one dossier at a time; scalar: always one at a time "
        "(the same results)",
    )


def note_scalar(file: str, why: str | None) -> None:
    """Say on stderr that a large ``file`` is read by the scalar path, and why (``None``: it had
    bad records, which the scalar reader lists)."""
    import os

    try:
        large = os.path.getsize(file) > SCALAR_NOTE_BYTES
    except OSError:
        return  # the reader says what is wrong with the file
    if large:
        reason = why or "bad records, listed by the reader"
        print(
            f"tthc: note: {file} is read one dossier at a time (the scalar path): {reason}",
            file=sys.stderr,
        )


def read_input(
    args: argparse.Namespace, catalogue: Catalogue
) -> tuple[Catalogue, list[Dossier]] | int:
    """The catalogue and the dossiers of ``args.file`` (filtered by ``--agency`` /
    ``--level``), or the exit status 1 after listing the bad records on stderr."""
    from tthc.formats import read_dossiers
    from tthc.formats.spreadsheet import read_column_mapping

    columns = read_column_mapping(args.columns) if args.columns else None
    result = read_dossiers(args.file, strict=False, procedures=catalogue, columns=columns)
    if not result.ok:
        print_problems(result, args.file, args.keep_going)
        if not args.keep_going:
            return 1
    dossiers = list(result.dossiers)
    if args.agency:
        wanted = " ".join(args.agency.split()).casefold()
        dossiers = [d for d in dossiers if " ".join((d.agency or "").split()).casefold() == wanted]
    if args.level:
        dossiers = [d for d in dossiers if d.procedure.level.value == args.level]
    return catalogue, dossiers


def print_problems(result: ReadResult, file: str, keep_going: bool) -> None:
    """The bad records, the rejected dossiers and the reconciliation, on stderr (50 of each)."""
    _print_errors(result.errors)
    for rejected in result.rejected[:50]:
        print(f"tthc: {rejected}", file=sys.stderr)
    if len(result.rejected) > 50:
        print(f"tthc: ... and {len(result.rejected) - 50} more rejected dossiers", file=sys.stderr)
    print(f"tthc: {file}: {result.summary()}", file=sys.stderr)
    if not keep_going:
        _nothing_reported(len(result.errors), file)


def print_batch_errors(errors: Sequence[RowError], file: str, keep_going: bool) -> bool:
    """The bad records of a file only the columnar path reads (Parquet: the scalar reader, which
    lists and reconciles the bad records of the other files, cannot read it), on stderr as
    :func:`print_problems` lists them; whether to go on (``--keep-going``)."""
    _print_errors(errors)
    if not keep_going:
        _nothing_reported(len(errors), file)
    return keep_going


def _print_errors(errors: Sequence[RowError]) -> None:
    for err in errors[:50]:
        print(
            f"tthc: {err.file}: line {err.line}: {err.field or '-'}: {err.message}", file=sys.stderr
        )
    if len(errors) > 50:
        print(f"tthc: ... and {len(errors) - 50} more errors", file=sys.stderr)


def _nothing_reported(n: int, file: str) -> None:
    print(
        f"tthc: error: {n} bad record(s) in {file}; nothing reported "
        "(fix them, or pass --keep-going to report the good dossiers)",
        file=sys.stderr,
    )


def batch_only(file: str) -> bool:
    """Whether only the columnar path reads ``file`` (Parquet)."""
    from pathlib import Path

    return Path(file).suffix.lower() == ".parquet"


def write_xlsx(
    path: str,
    sheets: Sequence[tuple[str, Sequence[str], Sequence[Mapping[str, object]]]],
    *,
    title: str,
) -> None:
    """Write a workbook: one sheet per ``(name, headers, rows)``, each under ``title`` (one row
    per line of it) and a blank row; written atomically, text cells escaped against formulas."""
    import io

    from tthc.errors import DataError
    from tthc.formats._io import write_bytes

    try:
        import openpyxl
        from openpyxl.styles import Font
    except ImportError as exc:  # pragma: no cover - the test extra installs openpyxl
        raise DataError("--format xlsx needs the excel extra (pip install 'tthc[excel]')") from exc
    book = openpyxl.Workbook()
    first = True
    for name, headers, rows in sheets:
        sheet = book.active if first else book.create_sheet()
        assert sheet is not None
        first = False
        sheet.title = name[:31]
        lines = title.split("\n")
        for line in lines:
            sheet.append([line])
        sheet["A1"].font = Font(bold=True)
        sheet.append([])
        sheet.append([_xlsx_cell(h) for h in headers])
        for cell in sheet[len(lines) + 2]:
            cell.font = Font(bold=True)
        for row in rows:
            # text cells escaped as in CSV: openpyxl stores a text starting with "=" as a formula
            sheet.append([_xlsx_cell(row.get(h)) for h in headers])
    buffer = io.BytesIO()
    book.save(buffer)
    write_bytes(path, buffer.getvalue())


_XSTRING_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_XML_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _xlsx_cell(value: object) -> object:
    """A cell value for openpyxl: text escaped against formulas, and the C0 controls XML cannot
    hold written as ECMA-376 ``_xHHHH_`` escapes (a text that looks like one escaped in turn, as
    ``_x005F_``), so that no name makes the workbook unwritable."""
    from tthc.formats.csv_cells import escape_cell

    if not isinstance(value, str):
        return value
    text = _XSTRING_ESCAPE.sub(r"_x005F_\1", escape_cell(value))
    return _XML_CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


ANNOUNCEMENTS_HELP = (
    "a JSON or TOML file of announcements of days off newer than tthc's data (repeatable); "
    "they win over tthc's table (format: docs/calendar.md)"
)


def add_announcements_option(p: argparse.ArgumentParser) -> None:
    """Register ``--announcements FILE`` (repeatable) on a subcommand that computes dates."""
    p.add_argument(
        "--announcements", action="append", default=[], metavar="FILE", help=ANNOUNCEMENTS_HELP
    )


def calendar_from(args: argparse.Namespace) -> WorkingCalendar:
    """The default calendar with the announcements of every ``--announcements`` file."""
    from tthc.announcements import load_announcements
    from tthc.calendar import vietnam_calendar

    files: list[Any] = args.announcements
    return vietnam_calendar(announcements=[a for f in files for a in load_announcements(f)])

"""Catalogue files as the national procedure database publishes them (CSV or XLSX).

The columns of the Cơ sở dữ liệu quốc gia về thủ tục hành chính, with Vietnamese headers (any
case, with or without diacritics): Mã thủ tục, Tên thủ tục, Lĩnh vực, Cấp thực hiện, Cơ quan thực
hiện, Thời hạn giải quyết, Căn cứ pháp lý, and, where a file has them, the limits per channel
("Thời hạn giải quyết (trực tuyến)", "… trực tiếp", "… dịch vụ bưu chính"). The English names of
the corpus extracts (``code``, ``name``, ``field``, ``level``, ``agency``, ``time_limit_text``,
``legal_basis``) are read too; other columns (STT, fees, sources) are ignored.

Each row becomes a :class:`~tthc.catalogue.PublishedProcedure` with its raw columns and the
reading of its time limit (each distinct text is read once). XLSX needs openpyxl (the ``excel``
extra). It may import the models layer and :mod:`tthc.formats._io`.
"""

from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

from tthc.catalogue import Catalogue, PublishedProcedure, default_text
from tthc.errors import DataRowError
from tthc.formats._io import PathOrFile, read_text, source_name, xlsx_rows
from tthc.models import Channel
from tthc.timelimits import TimeLimitReading, read_time_limit

__all__ = [
    "catalogue_of",
    "is_national_header",
    "is_xlsx",
    "published_of_rows",
    "read_national_catalogue",
    "read_published_procedures",
]

_FIELDS = {
    "code": ("ma thu tuc", "ma tthc", "ma so", "code"),
    "name": ("ten thu tuc", "ten tthc", "name"),
    "field": ("linh vuc", "field"),
    "level": ("cap thuc hien", "level"),
    "agency": ("co quan thuc hien", "agency"),
    "time_limit_text": ("thoi han giai quyet", "time limit text"),
    "legal_basis": ("can cu phap ly", "legal basis"),
}
_CHANNELS = (
    (Channel.ONLINE, ("truc tuyen", "online")),
    (Channel.IN_PERSON, ("truc tiep", "in person")),
    (Channel.POSTAL, ("buu chinh", "postal")),
)


def _plain(header: str) -> str:
    """A header without diacritics, case, punctuation or extra spaces ("Mã thủ tục" → "ma thu tuc")."""
    text = unicodedata.normalize("NFD", header.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if unicodedata.category(c) != "Mn").lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _column(header: str) -> str | Channel | None:
    """The field (or the channel of a per-channel limit) a header names, or ``None``."""
    plain = _plain(header)
    for name, aliases in _FIELDS.items():
        if plain in aliases:
            return name
    if plain.startswith(("thoi han", "time limit")):
        for channel, words in _CHANNELS:
            if any(w in plain for w in words):
                return channel
    return None


def is_national_header(headers: Sequence[str]) -> bool:
    """Whether ``headers`` are the national database's columns (code, name and time limit).

    >>> is_national_header(["STT", "Mã thủ tục", "Tên thủ tục", "Thời hạn giải quyết"])
    True
    >>> is_national_header(["code", "name", "field", "level", "time_limit"])
    False
    """
    names = {_column(h) for h in headers}
    own = "time limit" in {_plain(h) for h in headers}  # tthc's own catalogue columns
    return {"code", "name", "time_limit_text"} <= names and not own


def _rows_of_xlsx(path_or_file: PathOrFile | io.BufferedIOBase, source: str) -> list[list[str]]:
    return [["" if v is None else str(v) for v in row] for row in xlsx_rows(path_or_file, source)]


def _rows_of_csv(path_or_file: PathOrFile, source: str) -> list[list[str]]:
    text = read_text(path_or_file, source)
    try:
        return list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        raise DataRowError(f"{source}: unreadable CSV: {exc}", file=source) from exc


def is_xlsx(path_or_file: object, format: str | None) -> bool:
    """Whether to read ``path_or_file`` as an XLSX workbook."""
    if format is not None:
        return format == "xlsx"
    if isinstance(path_or_file, (str, os.PathLike)):
        return Path(os.fspath(path_or_file)).suffix.lower() == ".xlsx"
    return not isinstance(path_or_file, io.TextIOBase)


def read_published_procedures(
    path_or_file: PathOrFile | io.BufferedIOBase, *, format: str | None = None
) -> list[PublishedProcedure]:
    """The procedures of a national-database file (``format``: ``"csv"`` or ``"xlsx"``; by
    default from the file name, or ``xlsx`` for a binary file).

    Every row is kept, whatever its time limit says; a row without a code or a name, or a file
    without the columns, raises :class:`~tthc.errors.DataRowError` with the line.

    >>> import io
    >>> text = "Mã thủ tục,Tên thủ tục,Cấp thực hiện,Thời hạn giải quyết\\n1.000001,Cấp phép,Cấp Tỉnh,Không có thông tin\\n"
    >>> [p.reading.kind.value for p in read_published_procedures(io.StringIO(text), format="csv")]
    ['not_stated']
    """
    source = source_name(path_or_file)  # type: ignore[arg-type]
    if format not in (None, "csv", "xlsx"):
        raise DataRowError(f"format: expected 'csv' or 'xlsx', got {format!r}")
    if is_xlsx(path_or_file, format):
        rows = _rows_of_xlsx(path_or_file, source)
    else:
        rows = _rows_of_csv(path_or_file, source)  # type: ignore[arg-type]
    return published_of_rows(rows, source)


def published_of_rows(rows: list[list[str]], source: str) -> list[PublishedProcedure]:
    """The procedures of the rows of a national-database table (the first row: the headers)."""
    if not rows or not is_national_header(rows[0]):
        raise DataRowError(
            f"{source}: line 1: expected the national database's columns (Mã thủ tục, Tên thủ "
            f"tục, Thời hạn giải quyết, …), got {rows[0] if rows else []}",
            file=source,
            line=1,
        )
    columns = [_column(h) for h in rows[0]]
    readings: dict[str, TimeLimitReading] = {}
    out: list[PublishedProcedure] = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        values: dict[str, str] = {}
        channels: list[tuple[Channel, str]] = []
        for column, cell in zip(columns, row, strict=False):
            cell = " ".join(unicodedata.normalize("NFC", cell).split())
            if isinstance(column, Channel):
                if cell:
                    channels.append((column, cell))
            elif column is not None:
                values[column] = cell
        for required in ("code", "name"):
            if not values.get(required):
                raise DataRowError(
                    f"{source}: line {line}: field {required!r}: empty",
                    file=source,
                    line=line,
                    field=required,
                )
        text = values.get("time_limit_text", "")
        published = PublishedProcedure(
            values["code"],
            values["name"],
            values.get("field", ""),
            values.get("level", ""),
            values.get("agency", ""),
            text,
            values.get("legal_basis", ""),
            channels,
            line,
            reading=_cached_reading(readings, text),
        )
        out.append(published)
    return out


def _cached_reading(readings: dict[str, TimeLimitReading], text: str) -> TimeLimitReading:
    """The reading of the default text of ``text`` (a catalogue repeats its texts: read once)."""
    text = default_text(text)
    reading = readings.get(text)
    if reading is None:
        reading = readings[text] = read_time_limit(text)
    return reading


def read_national_catalogue(
    path_or_file: PathOrFile | io.BufferedIOBase, *, format: str | None = None
) -> Catalogue:
    """A :class:`~tthc.catalogue.Catalogue` of a national-database file: an entry for each
    procedure whose time limit tthc reads (one limit, or a default with alternatives), the
    others in :attr:`~tthc.catalogue.Catalogue.unread` with their problem."""
    return catalogue_of(read_published_procedures(path_or_file, format=format))


def catalogue_of(published: Iterable[PublishedProcedure]) -> Catalogue:
    """The catalogue of published procedures: entries, and the others in ``unread``."""
    entries, unread = [], []
    for p in published:
        if p.problem is None:
            entries.append(p.entry())
        else:
            unread.append(p)
    return Catalogue(entries, unread=unread)

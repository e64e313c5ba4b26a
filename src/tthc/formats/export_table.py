"""The table of a one-stop spreadsheet export, before any dossier: columns, rows and dates.

One-stop systems export their dossier lists as XLSX, as CSV (Excel with Vietnamese regional
settings writes ``;``) or as an HTML table served as ``.xls``, with a header row under one or more
title rows (DOMAIN.md §10). This module finds the table in such a file:

* the file kind from its bytes (XLSX is a zip, an HTML table starts with ``<``, else text) and
  text as UTF-8 with or without BOM, or UTF-16 with its BOM (:func:`load_rows`);
* the separator (``,`` ``;`` or tab) and the header row: the first row, among the first 30, whose
  cells name a dossier id and a receipt date (:data:`HEADERS`, or a :class:`ColumnMapping`;
  :func:`find_header`);
* the dates of a column, its format decided for the whole column (:func:`date_column`).

:mod:`tthc.formats.spreadsheet` turns the rows into dossiers. It may import
:mod:`tthc.formats._io` and the errors.

>>> rows = load_rows("DANH SÁCH;;\\nMã hồ sơ;Ngày nhận\\nHS-1;09/01/2026\\n", "<text>", HEADERS)
>>> at = find_header(rows, HEADERS)
>>> at, date_column([(3, rows[2][1])], "<text>", "Ngày nhận")
(1, {3: datetime.datetime(2026, 1, 9, 0, 0)})
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from html.parser import HTMLParser

import attrs

from tthc._strict_json import STRICT_DECODER, JsonValueError
from tthc.errors import DataRowError
from tthc.formats._io import read_text, xlsx_rows

__all__ = [
    "DATE_FIELDS",
    "FIELDS",
    "HEADERS",
    "ColumnMapping",
    "date_column",
    "find_header",
    "is_export",
    "load_rows",
    "read_column_mapping",
    "text_key",
]

FIELDS: Mapping[str, str] = {
    "id": "dossier id (Mã hồ sơ, Số biên nhận); required",
    "procedure_code": "procedure code (Mã thủ tục); this or procedure_name required",
    "procedure_name": "procedure name (Tên thủ tục hành chính), looked up in the catalogue",
    "agency": "agency (Đơn vị tiếp nhận, Đơn vị xử lý)",
    "channel": "channel (Kênh: trực tiếp / trực tuyến / bưu chính, or 1 / 2 / 3); default in person",
    "submitted": "online submission (Ngày nộp hồ sơ)",
    "received": "receipt: the clock starts (Ngày nhận, Ngày tiếp nhận); required",
    "promised_due": "the appointment date (Ngày hẹn trả)",
    "supplement_requested": "supplement asked for (Ngày yêu cầu bổ sung); one per row",
    "supplement_received": "supplement handed in (Ngày nhận bổ sung)",
    "end": "end of processing (Ngày kết thúc xử lý, Ngày hoàn thành)",
    "returned": "result handed over (Ngày trả, Ngày thực trả)",
    "status": "status text or TrangThaiHoSo code (Trạng thái, Tình trạng)",
}
"""tthc's names for the columns it reads, with what each holds; other columns are ignored."""

HEADERS: Mapping[str, str] = {
    "mã hồ sơ": "id",
    "số hồ sơ": "id",
    "số biên nhận": "id",
    "mã biên nhận": "id",
    "mã thủ tục": "procedure_code",
    "mã tthc": "procedure_code",
    "mã thủ tục hành chính": "procedure_code",
    "tên thủ tục hành chính": "procedure_name",
    "tên thủ tục": "procedure_name",
    "tên tthc": "procedure_name",
    "thủ tục": "procedure_name",
    "đơn vị tiếp nhận": "agency",
    "đơn vị xử lý": "agency",
    "cơ quan giải quyết": "agency",
    "cơ quan tiếp nhận": "agency",
    "kênh": "channel",
    "kênh tiếp nhận": "channel",
    "kênh thực hiện": "channel",
    "hình thức nộp": "channel",
    "ngày nộp hồ sơ": "submitted",
    "ngày nộp": "submitted",
    "ngày nhận": "received",
    "ngày tiếp nhận": "received",
    "ngày nhận hồ sơ": "received",
    "ngày hẹn trả": "promised_due",
    "ngày hẹn trả kết quả": "promised_due",
    "ngày yêu cầu bổ sung": "supplement_requested",
    "ngày nhận bổ sung": "supplement_received",
    "ngày tiếp nhận bổ sung": "supplement_received",
    "ngày kết thúc xử lý": "end",
    "ngày hoàn thành": "end",
    "ngày có kết quả": "end",
    "ngày trả": "returned",
    "ngày thực trả": "returned",
    "ngày trả kết quả": "returned",
    "trạng thái": "status",
    "tình trạng": "status",
}
"""Header texts one-stop exports use (DOMAIN.md §10), lower-cased, → tthc's column names."""

DATE_FIELDS: tuple[str, ...] = (
    "submitted",
    "received",
    "promised_due",
    "supplement_requested",
    "supplement_received",
    "end",
    "returned",
)


def text_key(text: object) -> str:
    """A header or name as a key: lower-case, NFC, single spaces; ``đ`` kept (a letter of its
    own).

    >>> text_key("  Mã   HỒ SƠ ")
    'mã hồ sơ'
    """
    s = unicodedata.normalize("NFC", str(text)).strip().lower()
    return re.sub(r"\s+", " ", s)


@attrs.frozen
class ColumnMapping:
    """Extra header names for exports whose headers tthc does not know: header → tthc column.

    Read one from a JSON file with :func:`read_column_mapping`::

        {"columns": {"Số HS": "id", "Hẹn trả": "promised_due", "Mã TT": "procedure_code"}}

    Keys are the export's header texts (case and spacing are ignored), values tthc's column
    names (:data:`FIELDS`). They are added to (and take precedence over) :data:`HEADERS`.
    """

    columns: Mapping[str, str] = attrs.field(factory=dict)

    def __attrs_post_init__(self) -> None:
        for header, field in self.columns.items():
            if not isinstance(header, str) or not isinstance(field, str) or field not in FIELDS:
                raise DataRowError(
                    f"column mapping: {header!r} maps to {field!r}; expected one of "
                    f"{', '.join(FIELDS)}",
                    field=str(header),
                )

    def headers(self) -> dict[str, str]:
        """The header table in use: :data:`HEADERS` with this mapping's entries."""
        out = dict(HEADERS)
        out.update({text_key(k): v for k, v in self.columns.items()})
        return out


def read_column_mapping(path: str | os.PathLike[str]) -> ColumnMapping:
    """A :class:`ColumnMapping` from a JSON file ``{"columns": {header: column, ...}}``.

    >>> import json, tempfile, os
    >>> with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
    ...     json.dump({"columns": {"Số HS": "id"}}, fh)
    >>> read_column_mapping(fh.name).columns
    {'Số HS': 'id'}
    >>> os.unlink(fh.name)
    """
    name = os.fspath(path)
    text = read_text(name, name).removeprefix("\ufeff")
    try:
        data = STRICT_DECODER.decode(text)
    except (json.JSONDecodeError, JsonValueError) as exc:
        raise DataRowError(f"{name}: cannot read the column mapping: {exc}", file=name) from exc
    if (
        not isinstance(data, dict)
        or set(data) != {"columns"}
        or not isinstance(data["columns"], dict)
    ):
        raise DataRowError(
            f'{name}: expected a JSON object {{"columns": {{"header": "column", ...}}}}',
            file=name,
        )
    try:
        return ColumnMapping(data["columns"])
    except DataRowError as exc:
        raise DataRowError(f"{name}: {exc}", file=name, field=exc.field) from exc


# -- dates -----------------------------------------------------------------------------------

_VN = re.compile(
    r"(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?"
)  # dd/mm/yyyy [HH:mm[:ss]]
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)?")
_COMPACT = re.compile(r"\d{14}")


def _vn(text: str) -> datetime | None:
    m = _VN.fullmatch(text)
    if m is None:
        return None
    d, mo, y, h, mi, s = m.groups()
    return datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0))


def _iso(text: str) -> datetime | None:
    if _ISO.fullmatch(text) is None:
        return None
    return datetime.fromisoformat(text)


def _compact(text: str) -> datetime | None:
    if _COMPACT.fullmatch(text) is None:
        return None
    return datetime.strptime(text, "%Y%m%d%H%M%S")


_DATE_FORMATS: tuple[tuple[str, Callable[[str], datetime | None]], ...] = (
    ("dd/mm/yyyy [HH:mm[:ss]]", _vn),
    ("ISO 8601", _iso),
    ("yyyyMMddHHmmss", _compact),
)
_FORMAT_NAMES = ", ".join(name for name, _ in _DATE_FORMATS)


def _try(parse: Callable[[str], datetime | None], text: str) -> datetime | None:
    try:
        return parse(text)
    except ValueError:  # a date that does not exist, e.g. 31/02/2026
        return None


def date_column(
    values: Sequence[tuple[int, object]], source: str, header: str
) -> dict[int, datetime]:
    """The datetimes of one column's ``(line, value)`` cells: the first of
    ``dd/mm/yyyy [HH:mm[:ss]]``, ISO 8601, ``yyyyMMddHHmmss`` that fits most values is the
    column's format (Excel date cells are datetimes already); a value that fits it not is a
    :class:`~tthc.errors.DataRowError` naming the file, line, column and value."""
    texts = [(line, v) for line, v in values if not isinstance(v, datetime)]
    out = {line: v for line, v in values if isinstance(v, datetime)}
    if not texts:
        return out
    best: tuple[int, Callable[[str], datetime | None]] | None = None
    for _, parse in _DATE_FORMATS:
        fits = sum(_try(parse, str(v)) is not None for _, v in texts)
        if best is None or fits > best[0]:
            best = (fits, parse)
    assert best is not None
    parse = best[1]
    for line, v in texts:
        parsed = _try(parse, str(v))
        if parsed is None:
            raise DataRowError(
                f"{source}: line {line}: column {header!r}: value {str(v)!r} fits no date format "
                f"of the column ({_FORMAT_NAMES}; the format is decided for the whole column)",
                file=source,
                line=line,
                field=header,
            )
        out[line] = parsed
    return out


# -- reading the table -----------------------------------------------------------------------


def _decode(data: bytes, source: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataRowError(
            f"{source}: byte {exc.start}: not UTF-8 (with or without BOM) nor UTF-16 with a BOM; "
            "save the export as CSV UTF-8",
            file=source,
        ) from exc


class _Tables(HTMLParser):
    """The rows of the first ``<table>`` of an HTML document (an ``.xls`` served as HTML)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None
        self.depth = 0
        self.done = False

    def handle_starttag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        if self.done:
            return
        if tag == "table":
            self.depth += 1
        elif tag == "tr" and self.depth:
            self.rows.append([])
        elif tag in ("td", "th") and self.rows:
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "table" and self.depth:
            self.depth -= 1
            self.done = self.depth == 0

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def _xlsx_rows(data: bytes, source: str) -> list[Sequence[object]]:
    return [["" if v is None else v for v in row] for row in xlsx_rows(io.BytesIO(data), source)]


def _text_rows(
    text: str, source: str, headers: Mapping[str, str], *, head_only: bool = False
) -> list[Sequence[object]]:
    lines = text.splitlines()[:30]
    for sep in (";", ",", "\t"):
        head: list[Sequence[object]] = [list(r) for r in csv.reader(lines, delimiter=sep)]
        if find_header(head, headers) is not None:
            if head_only:
                return head
            try:
                reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
                return [list(row) for row in reader]
            except csv.Error as exc:
                raise DataRowError(f"{source}: unreadable CSV: {exc}", file=source) from exc
    return []


def is_export(data: bytes | str, columns: ColumnMapping | None = None) -> bool:
    """Whether CSV content is a one-stop export rather than tthc's own CSV: UTF-16, or a header
    row of one-stop names (:data:`HEADERS` and ``columns``) and a first line that is not tthc's.

    >>> is_export("Mã hồ sơ;Ngày nhận\\n"), is_export("dossier_id,agency,procedure_code\\n")
    (True, False)
    """
    if isinstance(data, bytes):
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return True
        data = data[:65536].decode("utf-8", errors="replace")
    text = data.removeprefix("\ufeff")
    first = {c.strip() for c in text.split("\n", 1)[0].split(",")}
    if "dossier_id" in first or {"id", "received"} <= first:
        return False
    headers = (columns if columns is not None else ColumnMapping()).headers()
    return bool(_text_rows(text[:65536], "", headers, head_only=True))


def find_header(rows: Sequence[Sequence[object]], headers: Mapping[str, str]) -> int | None:
    """The index of the header row: the first of the first 30 rows naming an id and a receipt."""
    for i, row in enumerate(rows[:30]):
        named = {headers.get(text_key(c)) for c in row}
        if {"id", "received"} <= named:
            return i
    return None


def load_rows(data: bytes | str, source: str, headers: Mapping[str, str]) -> list[Sequence[object]]:
    """The rows of an export's content: an XLSX workbook's first sheet, an HTML page's first
    table, or CSV text in the separator whose header row ``headers`` name."""
    if isinstance(data, bytes):
        if data.startswith(b"PK\x03\x04"):
            return _xlsx_rows(data, source)
        text = _decode(data, source)
    else:
        text = data.removeprefix("\ufeff")
    if text.lstrip().startswith("<"):
        parser = _Tables()
        parser.feed(text)
        return [list(row) for row in parser.rows]
    return _text_rows(text, source, headers)

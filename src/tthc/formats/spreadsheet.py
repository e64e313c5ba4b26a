"""Spreadsheet exports of one-stop software: one dossier per row, Vietnamese headers.

One-stop systems export their dossier lists as XLSX, as CSV (Excel with Vietnamese regional
settings writes ``;``) or as an HTML table served as ``.xls``, with a header row under one or more
title rows (DOMAIN.md §10). :func:`read_spreadsheet` reads all of them without flags:

* the file kind from its bytes (XLSX is a zip, an HTML table starts with ``<``, else text);
* text as UTF-8 with or without BOM, or UTF-16 with its BOM;
* the separator (``,`` ``;`` or tab) and the header row: the first row, among the first 30, whose
  cells name a dossier id and a receipt date (:data:`HEADERS`, or a :class:`ColumnMapping`);
* dates per column, for the whole file: the first of ``dd/mm/yyyy [HH:mm[:ss]]``, ISO 8601,
  ``yyyyMMddHHmmss`` that fits every value of the column (Excel date cells are dates already);
  a value that fits none is an error naming the file, line, column and value.

Each row becomes a dossier: ``Received`` (channel from a channel column, else in person), a
supplement request and its receipt if the export has those columns (one per row), an
``Appointed`` with the "Ngày hẹn trả" if given (the last appointment: at the supplement's receipt
when there is one and the date is not before it, else at receipt), the final event from the status and the end date,
``Returned`` from "Ngày trả". The procedure is looked up by code or, when the export has only
its name, by name in the catalogue; a procedure not found but with a promised date becomes a
stand-in (:meth:`~tthc.models.Procedure.uncatalogued`), classified on that date.

It may import :mod:`tthc.formats._io`, :mod:`tthc.formats.results` and
:mod:`tthc.formats.catalogue_files`.

>>> import io
>>> text = ("DANH SÁCH HỒ SƠ;;;\\n"
...         "Mã hồ sơ;Mã thủ tục;Ngày tiếp nhận;Ngày hẹn trả\\n"
...         "HS-1;2.000815;09/01/2026 15:20;10/01/2026\\n")
>>> [(d.id, d.received.at, d.promised_due) for d in read_spreadsheet(io.StringIO(text))]
[('HS-1', datetime.datetime(2026, 1, 9, 15, 20), datetime.date(2026, 1, 10))]
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import unicodedata
import zipfile
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from html.parser import HTMLParser
from typing import IO, Literal, Union, overload

import attrs

from tthc.errors import DataRowError, TthcError
from tthc.formats._io import CellError
from tthc.formats.catalogue_files import ProcedureSource, lookup, procedure_table
from tthc.formats.results import ReadResult, RowError
from tthc.models import (
    Appointed,
    Channel,
    Dossier,
    Event,
    Procedure,
    Received,
    Refused,
    Resolved,
    Returned,
    Stopped,
    Submitted,
    SupplementReceived,
    SupplementRequested,
    Withdrawn,
)

__all__ = [
    "FIELDS",
    "HEADERS",
    "ColumnMapping",
    "is_export",
    "read_column_mapping",
    "read_spreadsheet",
]

Source = Union[str, "os.PathLike[str]", IO[str], IO[bytes]]

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

_DATE_FIELDS = (
    "submitted",
    "received",
    "promised_due",
    "supplement_requested",
    "supplement_received",
    "end",
    "returned",
)


def _norm(text: object) -> str:
    """Lower-case, NFC, single spaces; ``đ`` kept (it is a letter of its own)."""
    s = unicodedata.normalize("NFC", str(text)).strip().lower()
    return re.sub(r"\s+", " ", s)


def _fold(text: str) -> str:
    """``_norm`` without diacritics (for status texts typed without them)."""
    s = unicodedata.normalize("NFD", _norm(text).replace("đ", "d"))
    return "".join(c for c in s if unicodedata.category(c) != "Mn")


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
        out.update({_norm(k): v for k, v in self.columns.items()})
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
    try:
        with open(name, encoding="utf-8-sig") as fh:
            data = json.load(fh)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
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


def _date_column(
    values: Sequence[tuple[int, object]], source: str, header: str
) -> dict[int, datetime]:
    """The datetimes of one column, the format decided for the whole column."""
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
    try:
        import openpyxl
    except ImportError as exc:  # pragma: no cover - the test extra installs openpyxl
        raise DataRowError(
            f"{source}: reading .xlsx needs the excel extra (pip install 'tthc[excel]')",
            file=source,
        ) from exc
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise DataRowError(f"{source}: not a readable .xlsx workbook: {exc}", file=source) from exc
    sheet = book.worksheets[0]
    rows: list[Sequence[object]] = [
        ["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)
    ]
    book.close()
    return rows


def _text_rows(
    text: str, source: str, headers: Mapping[str, str], *, head_only: bool = False
) -> list[Sequence[object]]:
    lines = text.splitlines()[:30]
    for sep in (";", ",", "\t"):
        head: list[Sequence[object]] = [list(r) for r in csv.reader(lines, delimiter=sep)]
        if _find_header(head, headers) is not None:
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


def _name(path_or_file: Source) -> str:
    if isinstance(path_or_file, (str, os.PathLike)):
        return os.fspath(path_or_file)
    return str(getattr(path_or_file, "name", "<file>"))


def _find_header(rows: Sequence[Sequence[object]], headers: Mapping[str, str]) -> int | None:
    for i, row in enumerate(rows[:30]):
        named = {headers.get(_norm(c)) for c in row}
        if {"id", "received"} <= named:
            return i
    return None


def _load(data: bytes | str, source: str, headers: Mapping[str, str]) -> list[Sequence[object]]:
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


# -- rows → dossiers -------------------------------------------------------------------------

_STATUS: Mapping[str, str] = {
    # TrangThaiHoSo codes (DOMAIN.md §10)
    "1": "not_received",
    "2": "open",
    "3": "not_received",
    "4": "open",
    "5": "open",
    "6": "open",
    "7": "withdrawn",
    "8": "stopped",
    "9": "resolved",
    "10": "resolved",
    # status texts, without diacritics
    "moi dang ky": "not_received",
    "khong duoc tiep nhan": "not_received",
    "da tiep nhan": "open",
    "duoc tiep nhan": "open",
    "moi tiep nhan": "open",
    "dang xu ly": "open",
    "dang giai quyet": "open",
    "cho xu ly": "open",
    "cho bo sung": "open",
    "yeu cau bo sung": "open",
    "yeu cau bo sung giay to": "open",
    "yeu cau thuc hien nghia vu tai chinh": "open",
    "da xu ly xong": "resolved",
    "da giai quyet": "resolved",
    "hoan thanh": "resolved",
    "da hoan thanh": "resolved",
    "da co ket qua": "resolved",
    "da tra ket qua": "resolved",
    "tu choi": "refused",
    "tu choi giai quyet": "refused",
    "cong dan yeu cau rut ho so": "withdrawn",
    "rut ho so": "withdrawn",
    "da rut ho so": "withdrawn",
    "dung xu ly": "stopped",
    "dung giai quyet": "stopped",
}
"""Status texts and codes → what happened (the keys are matched without diacritics)."""

_FINALS: Mapping[str, type[Event]] = {
    "resolved": Resolved,
    "refused": Refused,
    "withdrawn": Withdrawn,
    "stopped": Stopped,
}

_CHANNELS: Mapping[str, Channel] = {
    "1": Channel.IN_PERSON,
    "truc tiep": Channel.IN_PERSON,
    "tai quay": Channel.IN_PERSON,
    "in_person": Channel.IN_PERSON,
    "2": Channel.ONLINE,
    "truc tuyen": Channel.ONLINE,
    "online": Channel.ONLINE,
    "3": Channel.POSTAL,
    "buu chinh": Channel.POSTAL,
    "buu chinh cong ich": Channel.POSTAL,
    "dich vu buu chinh": Channel.POSTAL,
    "postal": Channel.POSTAL,
}


def _cell(value: object) -> str:
    return str(value).strip()  # openpyxl gives whole numbers as int


@overload
def read_spreadsheet(
    path_or_file: Source,
    *,
    strict: Literal[True] = ...,
    procedures: ProcedureSource = ...,
    columns: ColumnMapping | None = ...,
) -> tuple[Dossier, ...]: ...
@overload
def read_spreadsheet(
    path_or_file: Source,
    *,
    strict: Literal[False],
    procedures: ProcedureSource = ...,
    columns: ColumnMapping | None = ...,
) -> ReadResult: ...
def read_spreadsheet(
    path_or_file: Source,
    *,
    strict: bool = True,
    procedures: ProcedureSource = None,
    columns: ColumnMapping | None = None,
) -> tuple[Dossier, ...] | ReadResult:
    """Dossiers from a one-stop spreadsheet export (XLSX, CSV, HTML ``.xls``; see the module).

    Lines are the spreadsheet's row numbers (1-based, title rows included). ``strict=True``
    (default) raises :class:`~tthc.errors.DataRowError` naming the file, line, column and value
    at the first bad row; ``strict=False`` returns a :class:`~tthc.formats.results.ReadResult`.
    Rows of dossiers never received (status "Mới đăng ký" / "Không được tiếp nhận", codes 1 and
    3) are not dossiers for tthc: they are reported as errors naming the status.
    """
    source = _name(path_or_file)
    if isinstance(path_or_file, (str, os.PathLike)):
        try:
            with open(path_or_file, "rb") as fh:
                data: bytes | str = fh.read()
        except OSError as exc:
            raise DataRowError(f"{source}: cannot read: {exc}", file=source) from exc
    else:
        data = path_or_file.read()
    return spreadsheet_from_data(
        data, source, strict=strict, table=procedure_table(procedures), columns=columns
    )


def spreadsheet_from_data(
    data: bytes | str,
    source: str,
    *,
    strict: bool,
    table: Mapping[str, Procedure],
    columns: ColumnMapping | None = None,
) -> tuple[Dossier, ...] | ReadResult:
    """:func:`read_spreadsheet` of a file's content (``source`` names it in errors)."""
    mapping = columns if columns is not None else ColumnMapping()
    headers = mapping.headers()
    rows = _load(data, source, headers)
    at = _find_header(rows, headers)
    if at is None:
        raise DataRowError(
            f"{source}: no header row naming a dossier id and a receipt date (e.g. 'Mã hồ sơ', "
            "'Ngày tiếp nhận') in the first 30 rows; map the export's headers with a column "
            "mapping (--columns FILE)",
            file=source,
        )
    header = [_cell(c) for c in rows[at]]
    index: dict[str, int] = {}
    for i, name in enumerate(header):
        field = headers.get(_norm(name))
        if field is not None and field not in index:
            index[field] = i
    if "procedure_code" not in index and "procedure_name" not in index:
        raise DataRowError(
            f"{source}: line {at + 1}: no procedure column (Mã thủ tục or Tên thủ tục hành "
            f"chính) among {header}",
            file=source,
            line=at + 1,
        )
    body = [
        (at + 2 + k, row)
        for k, row in enumerate(rows[at + 1 :])
        if any(_cell(c) for c in row)
    ]  # fmt: skip
    dates: dict[str, dict[int, datetime]] = {}
    for field in _DATE_FIELDS:
        if field in index:
            i = index[field]
            values = [(line, row[i]) for line, row in body if i < len(row) and _cell(row[i])]
            dates[field] = _date_column(values, source, header[i])
    by_name = {_norm(p.name): p for p in table.values()}
    dossiers: list[Dossier] = []
    errors: list[RowError] = []
    for line, row in body:
        cells = {f: _cell(row[i]) if i < len(row) else "" for f, i in index.items()}
        try:
            dossiers.append(_dossier(cells, line, dates, table, by_name))
        except (CellError, TthcError) as exc:
            field = exc.field if isinstance(exc, CellError) else None
            column = header[index[field]] if field in index else field
            errors.append(RowError(source, line, column, str(exc), cells.get("id") or None))
            if strict:
                raise errors[-1].as_exception() from exc
    if strict:
        return tuple(dossiers)
    return ReadResult(tuple(dossiers), tuple(errors))


def _dossier(
    cells: Mapping[str, str],
    line: int,
    dates: Mapping[str, Mapping[int, datetime]],
    table: Mapping[str, Procedure],
    by_name: Mapping[str, Procedure],
) -> Dossier:
    dossier_id = cells.get("id", "")
    if not dossier_id:
        raise CellError("id", "expected a dossier id, got an empty cell")

    def moment(field: str) -> datetime | None:
        return dates.get(field, {}).get(line)

    received = moment("received")
    if received is None:
        raise CellError("received", "expected the receipt date, got an empty cell")
    status = _status(cells.get("status", ""))
    if status == "not_received":
        raise CellError(
            "status",
            f"status {cells['status']!r}: the dossier was not received, so no time limit runs; "
            "remove the row",
        )
    channel = _channel(cells.get("channel", ""))
    promised = moment("promised_due")
    code = cells.get("procedure_code", "")
    name = cells.get("procedure_name", "")
    procedure = lookup(table, code) if code else by_name.get(_norm(name))
    if procedure is None:
        if promised is None:
            what = f"code {code!r}" if code else f"name {name!r}"
            raise CellError(
                "procedure_code" if code else "procedure_name",
                f"procedure {what} is not in the catalogue and the row has no Ngày hẹn trả to "
                "classify it on; pass a catalogue that has it (--catalogue)",
            )
        if not code:
            raise CellError(
                "procedure_name",
                f"procedure {name!r} is not in the catalogue and the export has no procedure "
                "code; pass a catalogue that has it (--catalogue)",
            )
        procedure = Procedure.uncatalogued(code, name)
    events: list[Event] = []
    submitted = moment("submitted")
    if submitted is not None and channel is Channel.ONLINE and submitted < received:
        events.append(Submitted(submitted))
    events.append(Received(received, channel=channel))
    asked, got = moment("supplement_requested"), moment("supplement_received")
    # the last appointment: given after the supplement, unless it is before that day
    after = promised is not None and got is not None and promised.date() >= got.date()
    if promised is not None and not after:
        events.append(Appointed(received, promised_due=promised.date()))
    if asked is not None:
        events.append(SupplementRequested(asked))
    if got is not None:
        events.append(SupplementReceived(got))
        if after:
            assert promised is not None
            events.append(Appointed(got, promised_due=promised.date()))
    end, returned = moment("end"), moment("returned")
    if status is None:
        status = "resolved" if end is not None else "open"
    if status != "open":
        end = end if end is not None else returned if status == "resolved" else None
        if end is None:
            raise CellError(
                "end",
                f"status {cells['status']!r} says the dossier ended, but the row has no end date "
                "(Ngày kết thúc xử lý)",
            )
        events.append(_FINALS[status](end))
        if returned is not None and status in ("resolved", "refused"):
            events.append(Returned(max(returned, end)))
    elif end is not None:
        raise CellError(
            "status",
            f"status {cells['status']!r} says the dossier is open, but it has an end date {end}",
        )
    return Dossier(dossier_id, procedure, events, agency=cells.get("agency") or None)


def _status(text: str) -> str | None:
    if not text:
        return None
    found = _STATUS.get(_fold(text))
    if found is None:
        raise CellError(
            "status",
            f"unknown status {text!r}; expected a TrangThaiHoSo code 1–10 or one of the texts "
            "'Đang xử lý', 'Đã xử lý xong', 'Đã trả kết quả', 'Từ chối', 'Rút hồ sơ', 'Dừng xử lý'",
        )
    return found


def _channel(text: str) -> Channel:
    if not text:
        return Channel.IN_PERSON
    found = _CHANNELS.get(_fold(text))
    if found is None:
        raise CellError(
            "channel",
            f"unknown channel {text!r}; expected 'Trực tiếp', 'Trực tuyến', 'Bưu chính' or "
            "a KenhThucHien code 1, 2, 3",
        )
    return found

"""Spreadsheet exports of one-stop software: one dossier per row, Vietnamese headers.

One-stop systems export their dossier lists as XLSX, as CSV or as an HTML table served as
``.xls`` (DOMAIN.md §10). :func:`read_spreadsheet` reads all of them without flags: the table
(file kind, encoding, separator, header row, dates per column) is found by
:mod:`tthc.formats.export_table`, whose public names (:data:`FIELDS`, :data:`HEADERS`,
:class:`ColumnMapping`, :func:`read_column_mapping`, :func:`is_export`) are importable from here
too.

Each row becomes a dossier: ``Received`` (channel from a channel column, else in person), a
supplement request and its receipt if the export has those columns (one per row), an
``Appointed`` with the "Ngày hẹn trả" if given (the last appointment: at the supplement's receipt
when there is one and the date is not before it, else at receipt), the final event from the status and the end date,
``Returned`` from "Ngày trả". The procedure is looked up by code or, when the export has only
its name, by name in the catalogue; a procedure not found but with a promised date becomes a
stand-in (:meth:`~tthc.models.Procedure.uncatalogued`), classified on that date.

It may import :mod:`tthc.formats._io`, :mod:`tthc.formats.results`,
:mod:`tthc.formats.catalogue_files` and :mod:`tthc.formats.export_table`.

>>> import io
>>> text = ("DANH SÁCH HỒ SƠ;;;\\n"
...         "Mã hồ sơ;Mã thủ tục;Ngày tiếp nhận;Ngày hẹn trả\\n"
...         "HS-1;2.000815;09/01/2026 15:20;10/01/2026\\n")
>>> [(d.id, d.received.at, d.promised_due) for d in read_spreadsheet(io.StringIO(text))]
[('HS-1', datetime.datetime(2026, 1, 9, 15, 20), datetime.date(2026, 1, 10))]
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import IO, Literal, Union, overload

from tthc.errors import DataFileError, DataRowError, TthcError
from tthc.formats._io import CellError
from tthc.formats.catalogue_files import ProcedureSource, lookup, procedure_table
from tthc.formats.export_table import (
    DATE_FIELDS,
    FIELDS,
    HEADERS,
    ColumnMapping,
    date_column,
    find_header,
    is_export,
    load_rows,
    read_column_mapping,
    text_key,
)
from tthc.formats.results import ReadResult, Record, RowError, refuse_repeated_ids, settle
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


def _name(path_or_file: Source) -> str:
    if isinstance(path_or_file, (str, os.PathLike)):
        return os.fspath(path_or_file)
    return str(getattr(path_or_file, "name", "<file>"))


def _fold(text: str) -> str:
    """``text_key`` without diacritics (for status texts typed without them)."""
    s = unicodedata.normalize("NFD", text_key(text).replace("đ", "d"))
    return "".join(c for c in s if unicodedata.category(c) != "Mn")


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
            raise DataFileError(f"{source}: cannot read the file: {exc.strerror or exc}") from exc
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
    rows = load_rows(data, source, headers)
    at = find_header(rows, headers)
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
        field = headers.get(text_key(name))
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
    for field in DATE_FIELDS:
        if field in index:
            i = index[field]
            values = [(line, row[i]) for line, row in body if i < len(row) and _cell(row[i])]
            dates[field] = date_column(values, source, header[i])
    by_name = {text_key(p.name): p for p in table.values()}
    records: list[Record] = []
    for line, row in body:
        cells = {f: _cell(row[i]) if i < len(row) else "" for f, i in index.items()}
        dossier_id = unicodedata.normalize("NFC", cells.get("id", "")) or None
        try:
            records.append(
                Record(line, dossier_id, None, _dossier(cells, line, dates, table, by_name))
            )
        except (CellError, TthcError) as exc:
            field = exc.field if isinstance(exc, CellError) else None
            column = header[index[field]] if field in index else field
            error = RowError(source, line, column, str(exc), dossier_id)
            records.append(Record(line, dossier_id, error))
    records = refuse_repeated_ids(records, source, "on more than one row")
    result = settle(source, records, _only_value, strict=strict)
    return result.dossiers if strict else result


def _only_value(dossier_id: str, records: Sequence[Record]) -> Dossier:
    """The dossier a one-row-per-dossier record made (repeated ids were refused before)."""
    dossier: Dossier = records[0].value
    return dossier


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
    procedure = lookup(table, code) if code else by_name.get(text_key(name))
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

"""The national portal's dossier sync record ("đồng bộ hồ sơ" to Cổng Dịch vụ công quốc gia).

One-stop systems send each dossier to the national portal as a JSON object (DOMAIN.md §10;
``VietOpenCPS/opencps-v2`` ``DVCQGIntegrationActionImpl.createSyncDossierBodyRequest``; the Thanh
Hóa one-stop API ``SyncLocalDataToDVCQGService.cs``). :func:`read_sync_records` reads a file of
them, as a JSON array or one object per line (JSON lines), and maps each to a
:class:`~tthc.models.Dossier`:

=========================  ===================================================================
``MaHoSo``                 the dossier id (required)
``MaTTHC`` / ``TenTTHC``   the procedure, looked up in the catalogue by code
``DonViXuLy``              the agency
``KenhThucHien``           1 trực tiếp (also when missing), 2 trực tuyến, 3 bưu chính công ích
``NgayTiepNhan``           ``Received`` (required)
``NgayHenTra``             ``Appointed``: the appointment date (ngày hẹn trả)
``DanhSachHoSoBoSung``     each: ``NgayBoSung`` → ``SupplementRequested``, ``NgayTiepNhanBoSung``
                           → ``SupplementReceived``, ``NgayHenTraTruoc`` / ``NgayHenTraMoi`` →
                           the appointment before and after it
``TrangThaiHoSo``          1 Mới đăng ký, 3 Không được tiếp nhận: not received (an error);
                           2, 4, 5, 6: open; 7 rút hồ sơ → ``Withdrawn``; 8 dừng xử lý →
                           ``Stopped``; 9 đã xử lý xong, 10 đã trả kết quả → ``Resolved``
``NgayKetThucXuLy``        the moment of that final event (required for 7–10: a synced 9
                           alone does not prove completion)
``NgayTra``                ``Returned`` (status 10)
``HinhThuc``               checked: 0 in person, 1 by post
``LoaiDoiTuong``           checked: 1 citizen, 2 business, 3 state body, 4 other organisation
=========================  ===================================================================

Dates are ``yyyyMMddHHmmss`` in Vietnamese time, empty or ``null`` when unknown; codes are numbers
or digit strings. An unknown code, a malformed date or a missing field is an error naming the
file, the line where the record starts, the field and the value. A procedure code not in the
catalogue becomes a stand-in (:meth:`~tthc.models.Procedure.uncatalogued`) when the record has a
``NgayHenTra`` to classify it on; without one it is an error. A later record with the same
``MaHoSo`` replaces an earlier one (the sync sends the whole dossier each time).

It may import :mod:`tthc.formats._io`, :mod:`tthc.formats.results`, :mod:`tthc.formats.json`
and :mod:`tthc.formats.catalogue_files`.

>>> import io
>>> rec = io.StringIO('{"MaHoSo": "HS-1", "MaTTHC": "2.000815", "NgayTiepNhan": "20260109152000", '
...                   '"NgayHenTra": "20260110170000", "TrangThaiHoSo": 4}')
>>> [(d.id, d.received.at, d.promised_due) for d in read_sync_records(rec)]
[('HS-1', datetime.datetime(2026, 1, 9, 15, 20), datetime.date(2026, 1, 10))]
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from typing import IO, Any, Literal, Union, overload

from tthc._strict_json import STRICT_DECODER, JsonValueError
from tthc.errors import TthcError
from tthc.formats._io import CellError, read_text, source_name
from tthc.formats.catalogue_files import ProcedureSource, lookup, procedure_table
from tthc.formats.json import json_items
from tthc.formats.results import ReadResult, Record, RowError, settle
from tthc.models import (
    Appointed,
    Channel,
    Dossier,
    Event,
    Procedure,
    Received,
    Resolved,
    Returned,
    Stopped,
    SupplementReceived,
    SupplementRequested,
    Withdrawn,
)

__all__ = ["CHANNEL_CODES", "STATUS_CODES", "read_sync_records"]

Source = Union[str, "os.PathLike[str]", IO[str]]

STATUS_CODES: Mapping[int, str] = {
    1: "Mới đăng ký",
    2: "Được tiếp nhận",
    3: "Không được tiếp nhận",
    4: "Đang xử lý",
    5: "Yêu cầu bổ sung giấy tờ",
    6: "Yêu cầu thực hiện nghĩa vụ tài chính",
    7: "Công dân yêu cầu rút hồ sơ",
    8: "Dừng xử lý",
    9: "Đã xử lý xong",
    10: "Đã trả kết quả",
}
"""``TrangThaiHoSo`` codes (OpenCPS v2 and the Thanh Hóa one-stop API agree; DOMAIN.md §10)."""

CHANNEL_CODES: Mapping[int, Channel] = {
    1: Channel.IN_PERSON,
    2: Channel.ONLINE,
    3: Channel.POSTAL,
}
"""``KenhThucHien`` codes: 1 trực tiếp, 2 trực tuyến, 3 bưu chính công ích (DOMAIN.md §10)."""

_RETURN_CODES = {0: "in person", 1: "by post"}
_APPLICANT_CODES = {1: "citizen", 2: "business", 3: "state body", 4: "other organisation"}
_FINAL_CODES: Mapping[int, type[Event]] = {7: Withdrawn, 8: Stopped, 9: Resolved, 10: Resolved}
_COMPACT = re.compile(r"[0-9]{14}")


@overload
def read_sync_records(
    path_or_file: Source,
    *,
    strict: Literal[True] = ...,
    procedures: ProcedureSource = ...,
) -> tuple[Dossier, ...]: ...
@overload
def read_sync_records(
    path_or_file: Source,
    *,
    strict: Literal[False],
    procedures: ProcedureSource = ...,
) -> ReadResult: ...
def read_sync_records(
    path_or_file: Source,
    *,
    strict: bool = True,
    procedures: ProcedureSource = None,
) -> tuple[Dossier, ...] | ReadResult:
    """Dossiers from sync records (a JSON array, or JSON lines; see the module docstring).

    ``strict=True`` (default) raises :class:`~tthc.errors.DataRowError` at the first bad
    record; ``strict=False`` returns a :class:`~tthc.formats.results.ReadResult`.
    """
    source = source_name(path_or_file)
    return sync_records_from_text(
        _read(path_or_file, source), source, strict=strict, table=procedure_table(procedures)
    )


def sync_records_from_text(
    text: str, source: str, *, strict: bool, table: Mapping[str, Procedure]
) -> tuple[Dossier, ...] | ReadResult:
    """:func:`read_sync_records` of text already read (``source`` names it in errors)."""
    records: list[Record] = []
    for item in _records(text, source):
        if isinstance(item, RowError):  # the rest of the file cannot be read: one bad record
            records.append(Record(item.line or 1, item.dossier_id, item))
            break
        line, record = item
        ident = record.get("MaHoSo") if isinstance(record, dict) else None
        dossier_id = unicodedata.normalize("NFC", ident) if isinstance(ident, str) else None
        try:
            records.append(Record(line, dossier_id, None, _dossier(record, table)))
        except (CellError, TthcError) as exc:
            field = exc.field if isinstance(exc, CellError) else None
            records.append(
                Record(line, dossier_id, RowError(source, line, field, str(exc), dossier_id))
            )
    result = settle(source, records, _latest, strict=strict)
    return result.dossiers if strict else result


def _latest(dossier_id: str, records: Sequence[Record]) -> Dossier:
    """A later record of the same ``MaHoSo`` replaces an earlier one (the portal syncs updates)."""
    dossier: Dossier = records[-1].value
    return dossier


def _read(path_or_file: Source, source: str) -> str:
    return read_text(path_or_file, source).removeprefix("\ufeff")


def _records(text: str, source: str) -> Iterator[tuple[int, Any] | RowError]:
    if text.lstrip().startswith("["):
        yield from json_items(text, source, "sync records")
        return
    # JSON lines end at "\n" only: U+2028, U+0085 and the like may stand unescaped in a string
    for number, raw in enumerate(text.split("\n"), 1):
        if not raw.strip():
            continue
        try:
            yield number, STRICT_DECODER.decode(raw)
        except json.JSONDecodeError as exc:
            yield RowError(source, number, None, f"invalid JSON (one record per line): {exc.msg}")
        except JsonValueError as exc:  # repeated keys, NaN, huge integers, lone surrogates
            yield RowError(source, number, None, f"invalid JSON (one record per line): {exc}")


def _code(record: Mapping[str, Any], field: str, codes: Mapping[int, Any]) -> int | None:
    value = record.get(field)
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value not in codes:
        listed = ", ".join(f"{k} {v if isinstance(v, str) else v.value}" for k, v in codes.items())
        raise CellError(field, f"unknown code {record.get(field)!r}; expected one of {listed}")
    return value


def _moment(record: Mapping[str, Any], field: str, where: str = "") -> datetime | None:
    value = record.get(field)
    name = where + field
    if value is None or value == "":
        return None
    if not isinstance(value, str) or _COMPACT.fullmatch(value) is None:
        raise CellError(name, f"expected a date yyyyMMddHHmmss, got {value!r}")
    try:
        return datetime.strptime(value, "%Y%m%d%H%M%S")
    except ValueError:
        raise CellError(name, f"expected a date yyyyMMddHHmmss, got {value!r}") from None


def _text(record: Mapping[str, Any], field: str) -> str:
    value = record.get(field)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise CellError(field, f"expected text, got {type(value).__name__} {value!r}")
    return value.strip()


def _dossier(record: object, table: Mapping[str, Procedure]) -> Dossier:
    if not isinstance(record, dict):
        raise CellError("$", f"expected a JSON object, got {type(record).__name__}")
    dossier_id = _text(record, "MaHoSo")
    if not dossier_id:
        raise CellError("MaHoSo", "required but missing")
    received = _moment(record, "NgayTiepNhan")
    status = _code(record, "TrangThaiHoSo", STATUS_CODES)
    if status in (1, 3):
        raise CellError(
            "TrangThaiHoSo",
            f"status {status} {STATUS_CODES[status]}: the dossier was not received, so no time "
            "limit runs; leave the record out",
        )
    if received is None:
        raise CellError("NgayTiepNhan", "required but missing")
    channel = CHANNEL_CODES[_code(record, "KenhThucHien", CHANNEL_CODES) or 1]
    _code(record, "HinhThuc", _RETURN_CODES)
    _code(record, "LoaiDoiTuong", _APPLICANT_CODES)
    promised = _moment(record, "NgayHenTra")
    code = _text(record, "MaTTHC")
    if not code:
        raise CellError("MaTTHC", "required but missing")
    procedure = lookup(table, code)
    if procedure is None:
        if promised is None:
            raise CellError(
                "MaTTHC",
                f"unknown procedure code {code!r}: not in the catalogue, and the record has no "
                "NgayHenTra to classify it on; pass a catalogue that has it (--catalogue)",
            )
        procedure = Procedure.uncatalogued(
            code, _text(record, "TenTTHC"), _text(record, "TenLinhVuc")
        )
    events: list[Event] = [Received(received, channel=channel)]
    supplements = record.get("DanhSachHoSoBoSung") or []
    if not isinstance(supplements, list):
        raise CellError("DanhSachHoSoBoSung", "expected a list of supplement records")
    appointment: tuple[datetime, datetime] | None = None  # (when given, the date)
    first_before = None
    later: list[Event] = []
    for i, s in enumerate(supplements):
        where = f"DanhSachHoSoBoSung[{i}]."
        if not isinstance(s, dict):
            raise CellError(where[:-1], "expected a JSON object")
        asked = _moment(s, "NgayBoSung", where)
        if asked is None:
            raise CellError(where + "NgayBoSung", "required but missing")
        got = _moment(s, "NgayTiepNhanBoSung", where)
        before, after = _moment(s, "NgayHenTraTruoc", where), _moment(s, "NgayHenTraMoi", where)
        if i == 0:
            first_before = before
        later.append(SupplementRequested(asked))
        if got is not None:
            later.append(SupplementReceived(got))
        if after is not None:
            given = got if got is not None else asked
            later.append(Appointed(given, promised_due=after.date()))
            appointment = (given, after)
    initial = first_before if first_before is not None else promised
    if initial is not None:
        events.append(Appointed(received, promised_due=initial.date()))
        appointment = appointment or (received, initial)
    events += later
    if promised is not None and appointment is not None and promised != appointment[1]:
        # the record's NgayHenTra is the latest: given with the last appointment, or at receipt
        # when it is before that day
        given = appointment[0] if promised.date() >= appointment[0].date() else received
        events.append(Appointed(given, promised_due=promised.date()))
        events.sort(key=lambda e: e.at)  # stable: Received stays first
    end = _moment(record, "NgayKetThucXuLy")
    returned = _moment(record, "NgayTra")
    final = _FINAL_CODES.get(status) if status is not None else Resolved if end else None
    if final is not None:
        if end is None:
            assert status is not None
            raise CellError(
                "NgayKetThucXuLy",
                f"status {status} {STATUS_CODES[status]} but no NgayKetThucXuLy (a synced status "
                "alone does not prove the dossier ended)",
            )
        events.append(final(end))
        if status == 10 and returned is not None:
            events.append(Returned(max(returned, end)))
    elif end is not None:
        raise CellError(
            "NgayKetThucXuLy",
            f"status {status} {STATUS_CODES.get(status or 0, 'missing')} says the dossier is "
            f"open, but NgayKetThucXuLy is {record['NgayKetThucXuLy']!r}",
        )
    return Dossier(dossier_id, procedure, events, agency=_text(record, "DonViXuLy") or None)

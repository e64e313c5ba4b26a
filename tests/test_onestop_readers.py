"""Readers of what one-stop offices have: sync records and spreadsheet exports (issue 12)."""

from __future__ import annotations

import io
import json
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from tthc.errors import DataFileError, DataRowError
from tthc.formats import read_dossiers, write_dossiers
from tthc.formats.national import read_published_procedures
from tthc.formats.spreadsheet import (
    ColumnMapping,
    is_export,
    read_column_mapping,
    read_spreadsheet,
)
from tthc.formats.sync_record import read_sync_records
from tthc.models import (
    Appointed,
    Channel,
    Dossier,
    GovernmentLevel,
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
from tthc.timelimits import TimeLimit

HEAD = "Mã hồ sơ;Mã thủ tục;Đơn vị tiếp nhận;Ngày tiếp nhận;Ngày hẹn trả;Ngày kết thúc xử lý;Trạng thái"
ROWS = [
    "HS-1;2.000815;UBND xã A;09/01/2026 15:20;12/01/2026;12/01/2026 09:00;Đã xử lý xong",
    "HS-2;2.000815;UBND xã A;12/01/2026 08:00;12/01/2026;;Đang xử lý",
]


def _csv(tmp_path: Path, text: str, name: str = "export.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _check_two(dossiers: tuple[Dossier, ...]) -> None:
    one, two = dossiers
    assert one.id == "HS-1"
    assert one.agency == "UBND xã A"
    assert one.received.at == datetime(2026, 1, 9, 15, 20)
    assert one.promised_due == date(2026, 1, 12)
    assert one.final_event == Resolved(datetime(2026, 1, 12, 9))
    assert two.final_event is None
    assert two.procedure.code == "2.000815"


# -- spreadsheet: CSV ------------------------------------------------------------------------


@pytest.mark.parametrize("sep", [";", ",", "\t"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_csv_separators_and_encodings(tmp_path: Path, sep: str, encoding: str) -> None:
    text = "\n".join(["DANH SÁCH HỒ SƠ", "Từ ngày 01/01/2026", HEAD, *ROWS]).replace(";", sep)
    path = _csv(tmp_path, text + "\n", encoding=encoding)
    _check_two(read_dossiers(path))


def test_iso_and_compact_dates_per_column(tmp_path: Path) -> None:
    text = "\n".join(
        [
            HEAD,
            "HS-1;2.000815;UBND xã A;2026-01-09 15:20;20260112000000;2026-01-12T09:00;9",
            "HS-2;2.000815;UBND xã A;2026-01-12 08:00;20260112170000;;4",
        ]
    )
    _check_two(read_spreadsheet(_csv(tmp_path, text)))


def test_a_column_that_fits_no_format_names_line_column_value(tmp_path: Path) -> None:
    text = "\n".join(["Tiêu đề", HEAD, ROWS[0], ROWS[1].replace("12/01/2026 08:00", "31/02/2026")])
    with pytest.raises(DataRowError) as info:
        read_dossiers(_csv(tmp_path, text))
    message = str(info.value)
    assert "export.csv: line 4: column 'Ngày tiếp nhận': value '31/02/2026'" in message
    assert info.value.line == 4
    assert info.value.field == "Ngày tiếp nhận"
    # mixed formats in one column: decided for the column, the odd one out is named
    mixed = "\n".join([HEAD, ROWS[0], ROWS[1].replace("12/01/2026 08:00", "2026-01-12")])
    with pytest.raises(DataRowError, match=r"line 3: column 'Ngày tiếp nhận': value '2026-01-12'"):
        read_dossiers(_csv(tmp_path, mixed))


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        (";2.000815;A;09/01/2026;;;", "Mã hồ sơ", "expected a dossier id"),
        ("HS-9;2.000815;A;;;;", "Ngày tiếp nhận", "expected the receipt date"),
        ("HS-9;2.000815;A;09/01/2026;;;Lạ", "Trạng thái", "unknown status 'Lạ'"),
        ("HS-9;2.000815;A;09/01/2026;;;Mới đăng ký", "Trạng thái", "was not received"),
        ("HS-9;2.000815;A;09/01/2026;;;Đã trả kết quả", "Ngày kết thúc xử lý", "no end date"),
        ("HS-9;2.000815;A;09/01/2026;;10/01/2026;Đang xử lý", "Trạng thái", "is open, but"),
        ("HS-9;9.999999;A;09/01/2026;;;", "Mã thủ tục", "not in the catalogue"),
        ("HS-9;2.000815;A;09/01/2026;08/01/2026;;", None, "before the appointment"),
    ],
)
def test_bad_rows(tmp_path: Path, row: str, column: str | None, message: str) -> None:
    path = _csv(tmp_path, "\n".join(["Tiêu đề", HEAD, ROWS[0], row]))
    with pytest.raises(DataRowError, match=message) as info:
        read_dossiers(path)
    assert info.value.line == 4
    assert info.value.field == column
    result = read_dossiers(path, strict=False)
    assert [d.id for d in result.dossiers] == ["HS-1"]
    assert result.errors[0].line == 4


def test_statuses_channels_and_returned(tmp_path: Path) -> None:
    head = (
        "Số biên nhận,Tên thủ tục hành chính,Kênh,Ngày nộp hồ sơ,Ngày nhận,Ngày thực trả,Tình trạng"
    )
    name = "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan tổ chức có thẩm quyền của Việt Nam cấp hoặc chứng nhận"
    rows = [
        f'A,"{name}",Trực tuyến,08/01/2026 20:00,09/01/2026 08:00,09/01/2026 10:00,Đã trả kết quả',
        f'B,"{name}",3,,09/01/2026 08:00,,rut ho so',
        f'C,"{name}",,,09/01/2026 08:00,,Dừng xử lý',
        f'D,"{name}",Trực tiếp,,09/01/2026 08:00,09/01/2026 11:00,Từ chối',
        f'E,"{name}",,,09/01/2026 08:00,,',
    ]
    text = "\n".join([head, *rows]) + "\n"
    # the "end" of a returned dossier without Ngày kết thúc is the return
    with pytest.raises(DataRowError, match="no end date"):
        read_spreadsheet(io.StringIO(text))
    text = text.replace("Ngày thực trả", "Ngày hoàn thành").replace("Ngày nhận,", "Ngày nhận,")
    got = read_spreadsheet(io.StringIO(text), strict=False)
    by_id = {d.id: d for d in got.dossiers}
    a = by_id["A"]
    assert a.events[0] == Submitted(datetime(2026, 1, 8, 20))
    assert a.channel is Channel.ONLINE
    assert a.final_event == Resolved(datetime(2026, 1, 9, 10))
    assert isinstance(by_id["D"].final_event, Refused)
    assert by_id["E"].final_event is None
    assert [e.line for e in got.errors] == [3, 4]  # withdrawn / stopped without an end date


def test_returned_column_and_withdrawn(tmp_path: Path) -> None:
    head = (
        "Mã hồ sơ,Mã thủ tục,Kênh tiếp nhận,Ngày tiếp nhận,Ngày kết thúc xử lý,Ngày trả,Trạng thái"
    )
    rows = [
        "A,2.000815,bưu chính,09/01/2026 08:00,09/01/2026 10:00,09/01/2026 14:00,10",
        "B,2.000815,2,09/01/2026 08:00,09/01/2026 10:00,,7",
        "C,2.000815,,09/01/2026 08:00,09/01/2026 10:00,,8",
        "D,2.000815,,09/01/2026 08:00,,09/01/2026 16:00,Hoàn thành",
    ]
    a, b, c, d = read_spreadsheet(io.StringIO("\n".join([head, *rows])))
    assert a.channel is Channel.POSTAL
    assert a.events[-1] == Returned(datetime(2026, 1, 9, 14))
    assert isinstance(b.final_event, Withdrawn)
    assert isinstance(c.final_event, Stopped)
    assert d.final_event == Resolved(datetime(2026, 1, 9, 16))
    assert d.events[-1] == Returned(datetime(2026, 1, 9, 16))


def test_unknown_channel_and_missing_columns(tmp_path: Path) -> None:
    head = "Mã hồ sơ,Mã thủ tục,Kênh,Ngày tiếp nhận"
    with pytest.raises(DataRowError, match=r"line 2: field 'Kênh': unknown channel 'fax'"):
        read_spreadsheet(io.StringIO(f"{head}\nA,2.000815,fax,09/01/2026\n"))
    with pytest.raises(DataRowError, match="no header row naming a dossier id"):
        read_spreadsheet(io.StringIO("a,b\n1,2\n"))
    with pytest.raises(DataRowError, match=r"line 1: no procedure column"):
        read_spreadsheet(io.StringIO("Mã hồ sơ,Ngày nhận\nA,09/01/2026\n"))
    with pytest.raises(DataRowError, match="not UTF-8"):
        read_spreadsheet(io.BytesIO(b"M\xe3 h\xf4 s\xf4;Ng\xe0y nh\xe2n\n"))
    with pytest.raises(DataFileError, match="cannot read"):
        read_spreadsheet(tmp_path / "missing.csv")
    with pytest.raises(DataFileError, match="cannot read"):
        read_dossiers(tmp_path / "missing.csv")
    with pytest.raises(DataRowError, match="unreadable CSV"):
        read_spreadsheet(io.StringIO('Mã hồ sơ,Mã thủ tục,Ngày nhận\n"A,2.000815,09/01/2026\n'))


def test_uncatalogued_procedures(tmp_path: Path) -> None:
    head = "Mã hồ sơ,Mã thủ tục,Tên thủ tục,Ngày tiếp nhận,Ngày hẹn trả"
    (d,) = read_spreadsheet(io.StringIO(f"{head}\nA,1.004946,Trích lục,09/01/2026,14/01/2026\n"))
    assert not d.procedure.catalogued
    assert d.procedure.name == "Trích lục"
    head = "Mã hồ sơ,Tên thủ tục,Ngày tiếp nhận,Ngày hẹn trả"
    with pytest.raises(DataRowError, match="has no procedure code"):
        read_spreadsheet(io.StringIO(f"{head}\nA,Lạ,09/01/2026,14/01/2026\n"))
    with pytest.raises(DataRowError, match="no Ngày hẹn trả"):
        read_spreadsheet(io.StringIO(f"{head}\nA,Lạ,09/01/2026,\n"))


def test_column_mapping(tmp_path: Path) -> None:
    mapping = tmp_path / "cols.json"
    mapping.write_text(
        json.dumps(
            {"columns": {"Số HS": "id", "Thời điểm nhận": "received", "TT": "procedure_code"}}
        ),
        encoding="utf-8",
    )
    cols = read_column_mapping(mapping)
    text = "Số HS;TT;Thời điểm nhận\nA;2.000815;09/01/2026 08:00\n"
    path = _csv(tmp_path, text)
    with pytest.raises(DataRowError, match="cannot tell the format|no header row|unknown column"):
        read_dossiers(path)
    (d,) = read_dossiers(path, columns=cols)
    assert d.id == "A"
    assert is_export(text, cols)
    for bad, match in [
        ("[1]", "expected a JSON object"),
        ('{"columns": {"Số HS": "idd"}}', r"'Số HS' maps to 'idd'"),
        ("{", "cannot read the column mapping"),
    ]:
        mapping.write_text(bad, encoding="utf-8")
        with pytest.raises(DataRowError, match=match):
            read_column_mapping(mapping)
    assert ColumnMapping().headers()["mã hồ sơ"] == "id"


# -- spreadsheet: XLSX and HTML .xls ---------------------------------------------------------


def _xlsx(path: Path, date_cells: bool) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["DANH SÁCH HỒ SƠ"])
    sheet.append(["Từ ngày 01/01/2026 đến ngày 31/01/2026"])
    sheet.append(["STT", *HEAD.split(";")])
    for i, row in enumerate(ROWS, 1):
        cells: list[object] = [i, *row.split(";")]
        if date_cells:
            for k in (4, 5, 6):
                text = str(cells[k])
                cells[k] = (
                    datetime.strptime(text, "%d/%m/%Y %H:%M")
                    if " " in text
                    else datetime.strptime(text, "%d/%m/%Y")
                    if text
                    else None
                )
        sheet.append(cells)
    book.save(path)
    return path


@pytest.mark.parametrize("date_cells", [True, False])
def test_xlsx(tmp_path: Path, date_cells: bool) -> None:
    _check_two(read_dossiers(_xlsx(tmp_path / "export.xlsx", date_cells)))


def test_xlsx_bad_cell_and_corrupt_file(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "export.xlsx", False)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None
    sheet["E5"] = "12/13/2026"
    book.save(path)
    with pytest.raises(DataRowError, match=r"line 5: column 'Ngày tiếp nhận': value '12/13/2026'"):
        read_dossiers(path)
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 not a zip")
    with pytest.raises(DataRowError, match=r"bad.xlsx: not a readable .xlsx"):
        read_dossiers(bad)


def test_html_xls(tmp_path: Path) -> None:
    cells = "".join(f"<th>{h}</th>" for h in HEAD.split(";"))
    body = "".join(
        "<tr>" + "".join(f"<td> {c} </td>" for c in row.split(";")) + "</tr>" for row in ROWS
    )
    html = (
        "<html><body><p>x</p><table><tr><td colspan=7>DANH SÁCH HỒ SƠ</td></tr>"
        f"<tr>{cells}</tr>{body}</table><table><tr><td>other</td></tr></table></body></html>"
    )
    path = _csv(tmp_path, html, "export.xls")
    _check_two(read_dossiers(path))


# -- sync records ----------------------------------------------------------------------------

RECORD = {
    "MaHoSo": "000.00.01.H55-260109-0001",
    "MaTTHC": "1.001193",
    "TenTTHC": "Đăng ký khai sinh",
    "DonViXuLy": "UBND xã A",
    "KenhThucHien": "2",
    "LoaiDoiTuong": 1,
    "HinhThuc": 0,
    "NgayTiepNhan": "20260105090000",
    "NgayHenTra": "20260109170000",
    "TrangThaiHoSo": "10",
    "NgayKetThucXuLy": "20260108100000",
    "NgayTra": "20260108140000",
    "DanhSachHoSoBoSung": [
        {
            "NgayBoSung": "20260105100000",
            "NgayTiepNhanBoSung": "20260106090000",
            "NgayHenTraTruoc": "20260105170000",
            "NgayHenTraMoi": "20260107170000",
        }
    ],
}


def test_sync_record_maps_to_events(tmp_path: Path) -> None:
    path = tmp_path / "sync.json"
    path.write_text(json.dumps([RECORD], ensure_ascii=False, indent=1), encoding="utf-8")
    (d,) = read_dossiers(path)
    assert d.channel is Channel.ONLINE
    assert d.agency == "UBND xã A"
    assert d.events == (
        Received(datetime(2026, 1, 5, 9), channel=Channel.ONLINE),
        Appointed(datetime(2026, 1, 5, 9), promised_due=date(2026, 1, 5)),
        SupplementRequested(datetime(2026, 1, 5, 10)),
        SupplementReceived(datetime(2026, 1, 6, 9)),
        Appointed(datetime(2026, 1, 6, 9), promised_due=date(2026, 1, 7)),
        Appointed(datetime(2026, 1, 6, 9), promised_due=date(2026, 1, 9)),
        Resolved(datetime(2026, 1, 8, 10)),
        Returned(datetime(2026, 1, 8, 14)),
    )
    assert d.promised_due == date(2026, 1, 9)


def test_sync_json_lines_and_later_record_wins(tmp_path: Path) -> None:
    first = {**RECORD, "TrangThaiHoSo": 4, "NgayKetThucXuLy": "", "NgayTra": None}
    del first["DanhSachHoSoBoSung"]
    lines = [json.dumps(first), "", json.dumps({**first, "MaHoSo": "B", "KenhThucHien": None})]
    lines.append(json.dumps({**first, "NgayHenTra": "20260112170000"}))
    path = tmp_path / "sync.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    b, a = read_dossiers(path)  # in the order each MaHoSo first appears
    assert (a.id, b.id) == ("B", RECORD["MaHoSo"])
    assert b.promised_due == date(2026, 1, 12)
    assert a.channel is Channel.IN_PERSON
    assert read_sync_records(io.StringIO(lines[0])) == read_dossiers(
        io.StringIO(lines[0]), format="sync"
    )


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"TrangThaiHoSo": 11}, "TrangThaiHoSo", r"unknown code 11; expected one of 1 Mới đăng ký"),
        ({"TrangThaiHoSo": "x"}, "TrangThaiHoSo", "unknown code 'x'"),
        ({"KenhThucHien": 4}, "KenhThucHien", r"unknown code 4; expected one of 1 in_person"),
        ({"HinhThuc": 2}, "HinhThuc", "unknown code 2"),
        ({"LoaiDoiTuong": True}, "LoaiDoiTuong", "unknown code True"),
        ({"NgayTiepNhan": "05/01/2026"}, "NgayTiepNhan", "expected a date yyyyMMddHHmmss"),
        ({"NgayTiepNhan": "20261305090000"}, "NgayTiepNhan", "expected a date yyyyMMddHHmmss"),
        ({"NgayTiepNhan": ""}, "NgayTiepNhan", "required but missing"),
        ({"MaHoSo": ""}, "MaHoSo", "required but missing"),
        ({"MaHoSo": 5}, "MaHoSo", "expected text, got int 5"),
        ({"MaTTHC": ""}, "MaTTHC", "required but missing"),
        ({"MaTTHC": "9.999999", "NgayHenTra": ""}, "MaTTHC", "unknown procedure code"),
        ({"TrangThaiHoSo": 1}, "TrangThaiHoSo", "status 1 Mới đăng ký: the dossier was not"),
        ({"NgayKetThucXuLy": ""}, "NgayKetThucXuLy", "status 10 Đã trả kết quả but no"),
        ({"TrangThaiHoSo": 4}, "NgayKetThucXuLy", "status 4 Đang xử lý says the dossier is open"),
        ({"DanhSachHoSoBoSung": {"a": 1}}, "DanhSachHoSoBoSung", "expected a list"),
        ({"DanhSachHoSoBoSung": [1]}, "DanhSachHoSoBoSung[0]", "expected a JSON object"),
        ({"DanhSachHoSoBoSung": [{}]}, "DanhSachHoSoBoSung[0].NgayBoSung", "required"),
        (
            {"DanhSachHoSoBoSung": [{"NgayBoSung": "x"}]},
            "DanhSachHoSoBoSung[0].NgayBoSung",
            "expected a date",
        ),
        ({"NgayTra": "20260101000000", "NgayTiepNhan": "20260110090000"}, None, "precedes"),
    ],
)
def test_bad_sync_records(change: dict[str, object], field: str | None, message: str) -> None:
    good = {**RECORD, "MaHoSo": "OK"}
    text = json.dumps([good, {**RECORD, **change}], ensure_ascii=False, indent=1)
    with pytest.raises(DataRowError, match=message) as info:
        read_sync_records(io.StringIO(text))
    assert info.value.field == field
    assert info.value.line == text.splitlines().index(" {", 2) + 1
    result = read_sync_records(io.StringIO(text), strict=False)
    assert [d.id for d in result.dossiers] == ["OK"]


def test_sync_structure_errors(tmp_path: Path) -> None:
    with pytest.raises(DataRowError, match=r"line 2: field '\$': expected a JSON object"):
        read_sync_records(io.StringIO("[\n 3]"))
    line = json.dumps({**RECORD, "DanhSachHoSoBoSung": []})
    with pytest.raises(DataRowError, match=r"line 2: invalid JSON \(one record per line\)"):
        read_sync_records(io.StringIO(line + "\n{"))
    (err,) = read_sync_records(io.StringIO("[{"), strict=False).errors
    assert (err.line, err.message.startswith("invalid JSON")) == (1, True)
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'[{"MaHoSo": "\xff"}]')
    with pytest.raises(DataRowError, match="not UTF-8"):
        read_sync_records(bad)


def test_sync_uncatalogued_and_status_without_code() -> None:
    rec = {**RECORD, "MaTTHC": "1.004946", "TenTTHC": "Trích lục", "TenLinhVuc": "Hộ tịch"}
    del rec["TrangThaiHoSo"]
    (d,) = read_sync_records(io.StringIO(json.dumps(rec)))
    assert not d.procedure.catalogued
    assert (d.procedure.name, d.procedure.field) == ("Trích lục", "Hộ tịch")
    assert isinstance(d.final_event, Resolved)
    # without NgayHenTraMoi, the record's NgayHenTra is the appointment after the supplement
    rec = {**RECORD, "DanhSachHoSoBoSung": [{"NgayBoSung": "20260105100000"}]}
    rec.update(TrangThaiHoSo=5, NgayKetThucXuLy="", NgayTra="")
    (d,) = read_sync_records(io.StringIO(json.dumps(rec)))
    assert d.events[-1] == SupplementRequested(datetime(2026, 1, 5, 10))
    assert d.promised_due == date(2026, 1, 9)


def test_round_trip_through_event_csv_and_json(tmp_path: Path) -> None:
    stray = Procedure.uncatalogued("1.004946")
    known = Procedure("2.000815", "x", "y", GovernmentLevel.COMMUNE, TimeLimit.same_day())
    dossiers = [
        Dossier(
            "A",
            stray,
            [
                Received(datetime(2026, 1, 9, 8)),
                Appointed(datetime(2026, 1, 9, 8), promised_due=date(2026, 1, 12)),
            ],
        ),
        Dossier("B", known, [Received(datetime(2026, 1, 9, 8))]),
    ]
    for name in ("d.csv", "d.json"):
        path = tmp_path / name
        write_dossiers(dossiers, path)
        assert read_dossiers(path, procedures=[known]) == tuple(dossiers)
    text = (tmp_path / "d.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0].endswith(",promised_due")
    # no catalogue entry and no promised date: an error naming the dossier's first line
    only_b = text.replace("2.000815", "9.999999")
    result = read_dossiers(io.StringIO(only_b), format="csv", strict=False, procedures=[known])
    assert [(e.line, e.field, e.dossier_id) for e in result.errors] == [(4, "procedure_code", "B")]
    with pytest.raises(DataRowError, match="no promised date"):
        read_dossiers(io.StringIO(only_b), format="csv", procedures=[known])


def test_sync_two_supplements_and_no_appointment() -> None:
    rec = {
        **RECORD,
        "NgayHenTra": "",
        "TrangThaiHoSo": 4,
        "NgayKetThucXuLy": "",
        "DanhSachHoSoBoSung": [
            {"NgayBoSung": "20260105100000", "NgayTiepNhanBoSung": "20260106090000"},
            {"NgayBoSung": "20260106100000", "NgayTiepNhanBoSung": "20260107090000"},
        ],
    }
    (d,) = read_sync_records(io.StringIO(json.dumps(rec)))
    assert d.promised_due is None
    assert len(d.events) == 5


def test_text_file_export_and_float_cells(tmp_path: Path) -> None:
    text = "\n".join([HEAD, *ROWS])
    _check_two(read_dossiers(io.StringIO(text), format="csv"))
    _check_two(read_dossiers(io.StringIO(text), format="spreadsheet"))
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Mã hồ sơ", "Mã thủ tục", "Ngày tiếp nhận"])
    sheet.append([1001.0, "2.000815", datetime(2026, 1, 9, 8)])
    book.save(tmp_path / "f.xlsx")
    (d,) = read_dossiers(tmp_path / "f.xlsx")
    assert d.id == "1001"


def test_sync_json_lines_are_decoded_strictly(tmp_path: Path) -> None:
    path = tmp_path / "sync.jsonl"
    path.write_text('{"MaHoSo": "A", "MaHoSo": "B"}\n', encoding="utf-8")
    with pytest.raises(DataRowError, match="line 1.*repeated key|line 1.*MaHoSo"):
        read_dossiers(path)
    result = read_dossiers(path, strict=False)
    assert not isinstance(result, tuple)
    assert (result.records_read, result.records_rejected) == (1, 1)


def test_sync_json_lines_end_at_line_feeds_only() -> None:
    """U+2028 and U+0085 may stand unescaped in a JSON string: they do not end a record."""
    record = {
        "MaHoSo": "HS\u2028x",
        "MaTTHC": "2.000815",
        "NgayTiepNhan": "20260109152000",
        "TrangThaiHoSo": 4,
        "DonViXuLy": "A\x85B\x1cC",
    }
    text = json.dumps(record, ensure_ascii=False) + "\r\n" + "\n"
    [dossier] = read_sync_records(io.StringIO(text))
    assert (dossier.id, dossier.agency) == ("HS\u2028x", "A\x85B\x1cC")


def _corrupt_xlsx(rows: list[list[str]]) -> bytes:
    """A workbook whose sheet's compressed data is damaged: it opens, its rows do not inflate."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    data = bytearray(buffer.getvalue())
    at = data.index(b"xl/worksheets/sheet1.xml") + len(b"xl/worksheets/sheet1.xml")
    for k in range(at + 5, at + 40):
        data[k] ^= 0x55
    return bytes(data)


def test_a_damaged_workbook_is_a_data_error_not_a_zlib_error() -> None:
    """Found by the fuzz suite: zlib.error escaped while the rows were read (issue 13)."""
    export = _corrupt_xlsx(
        [["Mã hồ sơ", "Mã thủ tục", "Ngày nhận"], ["HS-1", "2.000815", "09/01/2026"]]
    )
    with pytest.raises(DataRowError, match="not a readable .xlsx workbook"):
        read_spreadsheet(io.BytesIO(export))
    national = _corrupt_xlsx(
        [["Mã thủ tục", "Tên thủ tục", "Thời hạn giải quyết"], ["1", "x", "5 ngày"]]
    )
    with pytest.raises(DataRowError, match="not a readable .xlsx workbook"):
        read_published_procedures(io.BytesIO(national), format="xlsx")

"""The CLI an office would use: tthc audit, tthc report --basis / --list / --agency / --level."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import openpyxl
import pytest

from tthc.cli import main

HEAD = "Mã hồ sơ;Mã thủ tục;Đơn vị tiếp nhận;Ngày tiếp nhận;Ngày hẹn trả;Ngày kết thúc xử lý;Trạng thái"
ROWS = [
    # same-day procedure: received Friday 09/01 15:20 -> due Monday 12/01 (Sat 10/01 is worked!)
    "HS-1;2.000815;UBND xã A;09/01/2026 15:20;12/01/2026;12/01/2026 09:00;Đã xử lý xong",
    # 03 ngày làm việc: received Friday after hours, promised a working day later
    "HS-2;2.002621;UBND xã B;06/03/2026 17:30;12/03/2026;12/03/2026 10:00;Đã xử lý xong",
    # not in the catalogue, classified on its promised date
    "HS-3;1.004946;UBND xã A;02/03/2026 08:00;04/03/2026;;Đang xử lý",
    "HS-4;2.000815;UBND xã B;02/03/2026 08:00;;;Đang xử lý",
]


def _export(tmp_path: Path) -> str:
    path = tmp_path / "export.csv"
    path.write_text("DANH SÁCH\n" + "\n".join([HEAD, *ROWS]) + "\n", encoding="utf-8-sig")
    return str(path)


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(args), out), out.getvalue()


def test_report_basis_and_uncatalogued(tmp_path: Path) -> None:
    path = _export(tmp_path)
    code, text = run("report", path, "--period", "2026", "--lang", "en")
    assert code == 0
    assert "Classified against: statutory due date; 1 dossier(s) on their promised date" in text
    assert "(procedures not in the catalogue: 1.004946)" in text
    code, text = run("report", path, "--period", "2026", "--basis", "promised")
    assert "Căn cứ xếp loại: ngày hẹn trả; 3 hồ sơ xếp loại theo ngày hẹn trả" in text
    code, text = run("report", path, "--period", "2026", "--format", "json", "--lang", "vi")
    payload = json.loads(text)
    assert payload["basis"] == "statutory"
    assert payload["uncatalogued_procedures"] == ["1.004946"]
    assert payload["form06"][-1]["overdue"] == 2  # HS-3 (promised 04/03) and HS-4


def test_report_lists_in_every_format(tmp_path: Path) -> None:
    path = _export(tmp_path)
    base = ("report", path, "--period", "2026", "--list", "overdue,promised,resolved")
    code, text = run(*base)
    assert code == 0
    assert "Danh sách hồ sơ [overdue] (2):\n  HS-3, HS-4" in text
    _, text = run(*base, "--format", "json")
    assert json.loads(text)["lists"] == {
        "overdue": ["HS-3", "HS-4"],
        "promised": ["HS-3"],
        "resolved": ["HS-1", "HS-2"],
    }
    _, text = run(*base, "--format", "csv")
    assert text.splitlines()[:2] == ["list,dossier_id", "overdue,HS-3"]
    with pytest.raises(SystemExit):
        main(["report", path])
    code = main(["report", path, "--period", "2026", "--list", "lat"], io.StringIO())
    assert code == 2


def test_report_filters(tmp_path: Path) -> None:
    path = _export(tmp_path)
    _, text = run("report", path, "--period", "2026", "--format", "json", "--agency", " ubnd  xã b")
    assert json.loads(text)["dossiers"] == 2
    _, text = run("report", path, "--period", "2026", "--format", "json", "--level", "province")
    assert json.loads(text)["dossiers"] == 0


def test_report_columns_mapping(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("Số HS,TT,Nhận\nA,2.000815,09/01/2026 08:00\n", encoding="utf-8")
    mapping = tmp_path / "cols.json"
    mapping.write_text(
        json.dumps({"columns": {"Số HS": "id", "TT": "procedure_code", "Nhận": "received"}}),
        encoding="utf-8",
    )
    code, text = run(
        "report", str(path), "--period", "2026", "--columns", str(mapping), "--format", "json"
    )
    assert code == 0
    assert json.loads(text)["dossiers"] == 1


def test_bad_records_stop_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "\n".join([HEAD, *["HS-9;;A;09/01/2026;;;"] * 60]),
        encoding="utf-8",
    )
    assert main(["audit", str(path)], io.StringIO()) == 1
    err = capsys.readouterr().err
    assert "and 10 more errors" in err
    out = io.StringIO()
    assert main(["audit", str(path), "--keep-going", "--format", "json"], out) == 0


def test_audit_formats(tmp_path: Path) -> None:
    path = _export(tmp_path)
    code, text = run("audit", path, "--lang", "en")
    assert code == 0
    assert text.startswith("Audit of the promised dates: 2 dossiers, 2 differ")
    assert "after hours / weekend" in text
    assert "worked Saturday skipped" in text
    assert "Not audited:\n  no promised date (ngày hẹn trả): 1\n" in text
    assert "procedure 1.004946 is not in the catalogue: 1" in text
    _, text = run("audit", path)
    assert "ngoài giờ / ngày nghỉ" in text
    assert "Nhận sau giờ làm việc hoặc ngày nghỉ" in text
    _, text = run("audit", path, "--format", "json", "--lang", "vi")
    payload = json.loads(text)
    assert payload["by_cause"] == {"after_hours_or_weekend": 1, "worked_saturday_not_counted": 1}
    assert payload["by_agency"][1] == {"agency": "UBND xã B", "audited": 1, "differ": 1}
    assert payload["dossiers"][1]["difference_working_days"] == 1
    assert {"id": "HS-4", "reason": "no promised date (ngày hẹn trả)"} in payload["not_audited"]
    _, text = run("audit", path, "--format", "csv")
    assert text.splitlines()[0].startswith("id,agency,procedure_code,procedure_name,promised_due")
    out = tmp_path / "audit.xlsx"
    assert run("audit", path, "--format", "xlsx", "-o", str(out))[0] == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Nguyên nhân", "Cơ quan", "Hồ sơ"]
    assert book["Hồ sơ"]["A3"].value == "Mã hồ sơ"
    assert run("audit", path, "--format", "xlsx", "-o", str(out), "--lang", "en")[0] == 0
    assert openpyxl.load_workbook(out).sheetnames == ["Causes", "Agencies", "Dossiers"]
    assert main(["audit", path, "--format", "xlsx"], io.StringIO()) == 2
    bad = tmp_path / "no" / "such" / "dir.xlsx"
    assert (
        main(["audit", path, "--format", "xlsx", "-o", str(bad)], io.StringIO()) == 3
    )  # a file that cannot be written: exit 3


def test_closed_pipe_ends_quietly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class ClosedPipe(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError

    with open(tmp_path / "stdout", "w", encoding="utf-8") as fake_stdout:
        monkeypatch.setattr(sys, "stdout", fake_stdout)
        assert main(["audit", _export(tmp_path)], ClosedPipe()) == 0


def test_list_leaves_out_other_periods_and_audit_without_gaps(tmp_path: Path) -> None:
    path = _export(tmp_path)
    _, text = run("report", path, "--period", "2026-01", "--list", "received", "--format", "json")
    assert json.loads(text)["lists"] == {"received": ["HS-1"]}
    only = tmp_path / "two.csv"
    only.write_text("\n".join([HEAD, *ROWS[:2]]) + "\n", encoding="utf-8")
    code, text = run("audit", str(only))
    assert code == 0
    assert "Không kiểm tra được" not in text


def test_form06_xlsx_and_excel_csv(tmp_path: Path) -> None:
    path = _export(tmp_path)
    book_path = tmp_path / "b06.xlsx"
    base = ("report", path, "--period", "2026")
    assert run(*base, "--format", "xlsx", "-o", str(book_path), "--agency", "UBND xã A")[0] == 0
    sheet = openpyxl.load_workbook(book_path).active
    assert sheet is not None
    assert sheet["A1"].value == "Biểu số 06/VPCP/KSTT"
    assert sheet["A3"].value == "Kỳ báo cáo: Năm 2026 (từ 15/12/2025 đến 14/12/2026)"
    assert sheet["A4"].value == "Đơn vị báo cáo: UBND xã A"
    assert sheet["D7"].value == "(3) Số hồ sơ nhận giải quyết: Tổng số"
    assert [c.value for c in sheet[8]][:4] == ["(1)", "(2)", "(2)", "(3)"]
    assert [r[1] for r in sheet.iter_rows(min_row=9, values_only=True)][-1] == "Tổng cộng"
    assert (
        run(*base, "--format", "xlsx", "-o", str(book_path), "--lang", "en", "--list", "late")[0]
        == 0
    )
    book = openpyxl.load_workbook(book_path)
    assert book.sheetnames == ["Form 06", "List"]
    assert main([*base, "--format", "xlsx"], io.StringIO()) == 2
    _, text = run(*base, "--format", "csv", "--excel")
    assert text.startswith("\ufeffSTT;")
    _, text = run(*base, "--format", "csv", "--excel", "--separator", ",", "--list", "late")
    assert text.startswith("\ufefflist,dossier_id")


def test_small_office_wishes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.startswith("tthc ")
    assert main(["report", "x.csv", "--period", "2026-13"], io.StringIO()) == 2
    assert "month 13 does not exist" in capsys.readouterr().err
    # a calendar-day limit lists only the days its last day rolled over, not every weekend
    _, text = run("due", "10 ngày", "--received", "2026-02-10 09:00")
    assert "Ngày nghỉ làm lùi hạn trả:" in text
    assert "2026-02-14" not in text
    assert "2026-02-20  Thứ Sáu   Nghỉ lễ, Tết" in text
    _, text = run("due", "01 tháng", "--received", "2026-01-20 09:00", "--format", "json")
    assert [d["date"] for d in json.loads(text)["skipped"]] == [
        "2026-02-20",
        "2026-02-21",
        "2026-02-22",
    ]
    _, text = run("due", "48 giờ", "--received", "2026-02-13 09:00", "--format", "json")
    assert json.loads(text)["skipped"] == []
    _, text = run("calendar", "2026")
    assert text.startswith("Ngày        Thứ")
    assert "Ngày làm bù (hoán đổi)" in text
    assert "không" in text


def test_xlsx_output_holds_names_with_control_characters(tmp_path: Path) -> None:
    """XML cannot hold C0 controls: they are written as _xHHHH_ escapes, not an internal error."""
    events = tmp_path / "ctl.csv"
    events.write_text(
        "dossier_id,agency,procedure_code,event,at\n"
        "HS-1,UBND\x01xã_x0041_,2.000815,received,2026-01-09T15:20:00\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.xlsx"
    assert (
        run("report", str(events), "--period", "2026", "--format", "xlsx", "-o", str(out))[0] == 0
    )
    book = openpyxl.load_workbook(out)
    cells = {c.value for sheet in book.worksheets for row in sheet.iter_rows() for c in row}
    assert "UBND_x0001_xã_x005F_x0041_" in cells

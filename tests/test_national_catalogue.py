"""The catalogue as the national database publishes it (CSV, XLSX) and ``tthc catalogue check``.

``tests/data/procedures-sample.csv`` is the corpus's 600 procedures (code, name, field, level,
agency, time-limit text, legal basis, collection), copied from ``/work/shared/corpus``.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from tthc.catalogue import PublishedProcedure, channel_parts, default_text
from tthc.cli import main
from tthc.errors import DataRowError
from tthc.formats import bundled_catalogue, read_catalogue, write_catalogue
from tthc.formats.national import is_national_header, read_published_procedures
from tthc.models import Channel, GovernmentLevel, SupplementPolicy
from tthc.timelimits import ReadingKind, TimeLimit

SAMPLE = Path(__file__).parent / "data" / "procedures-sample.csv"
WD = TimeLimit.working_days

VIETNAMESE = (
    "STT,Mã thủ tục,Tên thủ tục,Lĩnh vực,Cấp thực hiện,Cơ quan thực hiện,Thời hạn giải quyết,"
    "Thời hạn giải quyết (trực tuyến),Căn cứ pháp lý,Phí\n"
    '1,1.000894,Đăng ký kết hôn,Hộ tịch,Cấp Xã,UBND cấp xã,"Ngay trong ngày tiếp nhận hồ sơ; '
    "trường hợp nhận hồ sơ sau 15 giờ mà không giải quyết được ngay thì trả kết quả trong ngày "
    "làm việc tiếp theo. Trường hợp cần xác minh điều kiện kết hôn của hai bên nam, nữ thì thời "
    'hạn giải quyết không quá 05 ngày làm việc.",,Luật Hộ tịch 2014; Nghị định 123/2015/NĐ-CP,0\n'
    '2,1.000009,Cấp chứng chỉ,Kiểm lâm,"Cấp Bộ, Cấp Tỉnh",Cục Kiểm lâm,05 Ngày làm việc,'
    "03 Ngày làm việc,06/2019/NĐ-CP,\n"
    "3,1.000010,Đăng ký,Đất đai,Cấp Tỉnh,Sở,12 ngày làm việc không kể thời gian bổ sung hồ sơ,,,\n"
    "4,1.000011,Khai thuế,Thuế,Cấp Bộ,Cục Thuế,1,,,\n"
    "5,1.000012,Cấp lại,Y tế,Cấp Tỉnh,Sở Y tế,10 ngày làm việc đối với trường hợp cấp mới; 03 "
    "ngày làm việc đối với trường hợp cấp lại.,,,\n"
    "6,1.000013,Xác nhận,Quốc phòng,Cơ quan khác,Bộ Quốc phòng,05 ngày làm việc,,,\n"
    "7,1.000014,Tra cứu,Thuế,Cấp Bộ,Cục Thuế,Không có thông tin,,,\n"
    "8,1.000015,Cấp phép,Xây dựng,Cấp Tỉnh,Sở,Không quy định,,,\n"
    ",,,,,,,,,\n"
)


def test_the_corpus_sample() -> None:
    cat = read_catalogue(SAMPLE)
    assert len(cat) + len(cat.unread) == 600
    assert len(cat) >= 400
    for entry in cat:
        assert entry.time_limit_text  # the raw text is kept
        assert not entry.time_limit_reading.needs_review
    for p in cat.unread:
        assert p.problem
        with pytest.raises(DataRowError, match=p.code):
            p.entry()
    per_channel = [e for e in cat if e.channel_time_limits]
    assert per_channel  # "Trực tiếp: 8 Giờ ; Trực tuyến: 6 Giờ ; Dịch vụ bưu chính: 24 Giờ"
    e = cat["1.000432"]
    assert (e.time_limit, dict(e.channel_time_limits)) == (
        TimeLimit.hours(8),
        {Channel.ONLINE: TimeLimit.hours(6), Channel.POSTAL: TimeLimit.hours(24)},
    )


def test_vietnamese_headers() -> None:
    cat = read_catalogue(io.StringIO(VIETNAMESE), format="csv")
    assert [e.code for e in cat] == ["1.000894", "1.000009", "1.000010", "1.000015"]
    marriage = cat["1.000894"]
    assert marriage.procedure.alternative("xác minh").limit == WD(5)
    assert marriage.legal_basis == ("Luật Hộ tịch 2014", "Nghị định 123/2015/NĐ-CP")
    assert marriage.notes == "Cơ quan thực hiện: UBND cấp xã"
    two_levels = cat["1.000009"]
    assert two_levels.level is GovernmentLevel.CENTRAL
    assert two_levels.notes.startswith("Cấp thực hiện: Cấp Bộ, Cấp Tỉnh")
    assert two_levels.channel_time_limits == ((Channel.ONLINE, WD(3)),)
    assert cat["1.000010"].supplement_policy is SupplementPolicy.PAUSE
    assert cat["1.000015"].time_limit == TimeLimit.none()
    problems = {p.code: p.problem or "" for p in cat.unread}
    assert "bare number" in problems["1.000011"]
    assert "cases without a default" in problems["1.000012"]
    assert "Cơ quan khác" in problems["1.000013"]
    assert "states no limit" in problems["1.000014"]
    kinds = [p.kind for p in read_published_procedures(io.StringIO(VIETNAMESE), format="csv")]
    assert kinds.count(ReadingKind.ALTERNATIVES) == 2


def test_xlsx(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    import csv

    book = openpyxl.Workbook()
    sheet = book.active
    for row in csv.reader(io.StringIO(VIETNAMESE)):
        sheet.append([int(c) if c.isdigit() else (c or None) for c in row])
    path = tmp_path / "tthc.xlsx"
    book.save(path)
    from_file = read_catalogue(path)
    from_csv = read_catalogue(io.StringIO(VIETNAMESE), format="csv")
    assert list(from_file) == list(from_csv)
    with open(path, "rb") as fh:
        assert list(read_catalogue(fh)) == list(from_csv)
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    with pytest.raises(DataRowError, match="not a readable .xlsx workbook"):
        read_catalogue(bad)


def test_errors() -> None:
    with pytest.raises(DataRowError, match="line 1: expected the national database's columns"):
        read_published_procedures(io.StringIO("a,b\n1,2\n"), format="csv")
    with pytest.raises(DataRowError, match="line 1: expected the national"):
        read_published_procedures(io.StringIO(""), format="csv")
    with pytest.raises(DataRowError, match="line 2: field 'name': empty"):
        read_published_procedures(
            io.StringIO("Mã thủ tục,Tên thủ tục,Thời hạn giải quyết\n1.000001,,5 ngày\n"),
            format="csv",
        )
    with pytest.raises(DataRowError, match="format: expected 'csv' or 'xlsx'"):
        read_published_procedures(io.StringIO(""), format="json")
    with pytest.raises(DataRowError, match="unreadable CSV"):
        read_published_procedures(io.StringIO('Mã thủ tục,"Tên\n'), format="csv")
    huge = '"' + "x" * 200_000 + '"\n'
    with pytest.raises(DataRowError, match="unreadable CSV"):
        read_catalogue(io.StringIO(huge), format="csv")
    with pytest.raises(DataRowError, match="expected a text file"):
        read_catalogue(io.BytesIO(b"code,name"), format="csv")


def test_headers() -> None:
    assert is_national_header(["MA THU TUC", "ten thu tuc", "Thời hạn giải quyết:"])
    assert not is_national_header(["code", "name", "time_limit", "time_limit_text"])
    assert not is_national_header(["Mã thủ tục", "Tên thủ tục"])


def test_published_procedure_rules() -> None:
    p = PublishedProcedure("1.000001", "X", "Y", "Cấp bộ, Cơ quan khác, cấp  XÃ", "", "5 ngày")
    assert p.levels == (GovernmentLevel.CENTRAL, GovernmentLevel.COMMUNE)
    assert PublishedProcedure("ABC", "X", "Y", "Cấp Bộ", "", "5 ngày").problem == (
        "Procedure.code: expected a code like '1.001193' or '1.000948.H38' "
        "(^[0-9]\\.[0-9]{6}(\\.[0-9A-Z]+)*$), got 'ABC'"
    )
    conflict = PublishedProcedure(
        "1.000001", "X", "Y", "Cấp Bộ", "", "Trực tiếp: 3 ngày ; Trực tiếp: 4 ngày"
    )
    assert conflict.kind is ReadingKind.NEEDS_REVIEW
    assert conflict.review_reason == "two limits for Trực tiếp: '3 ngày' and '4 ngày'"
    assert "needs review: two limits" in (conflict.problem or "")
    channel_review = PublishedProcedure(
        "1.000001", "X", "Y", "Cấp Bộ", "", "Trực tiếp: 3 ngày ; Trực tuyến: 1"
    )
    assert channel_review.kind is ReadingKind.NEEDS_REVIEW
    assert channel_review.review_reason.startswith("(Trực tuyến) bare number")
    assert "(Trực tuyến) '1' is not one limit" in (channel_review.problem or "")
    online_only = PublishedProcedure(
        "1.000001", "X", "Y", "Cấp Bộ", "", "Trực tuyến, Bưu chính: 2 ngày"
    )
    assert online_only.entry().time_limit == TimeLimit.days(2)
    assert online_only.review_reason == ""
    columns = PublishedProcedure(
        "1.000001", "X", "Y", "Cấp Bộ", "", "Trực tiếp: 3 ngày",
        channel_time_limit_texts=((Channel.POSTAL, "4 ngày"),),
    )  # fmt: skip
    assert columns.entry().channel_time_limits == ((Channel.POSTAL, TimeLimit.days(4)),)
    assert PublishedProcedure("1.000001", "X", "Y", "Cấp Bộ", "", "1").review_reason.startswith(
        "bare number"
    )


def test_channel_parts_and_default_text() -> None:
    assert channel_parts("05 ngày; trường hợp x: 10 ngày") is None
    assert default_text("Trực tuyến: 1 Giờ ; Trực tiếp: 2 Giờ") == "2 Giờ"
    assert default_text("5 ngày") == "5 ngày"


def test_cli_check_national(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalogue", "check", str(SAMPLE)]) == 1
    out = capsys.readouterr().out
    assert "needs_review" in out
    assert "procedures need review:" in out
    assert main(["catalogue", "check", str(SAMPLE), "--format", "json", "--lang", "en"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["procedures"] == 600 == sum(data["counts"].values())
    assert len(data["needs_review"]) == data["counts"]["needs_review"] > 0
    assert {"line", "code", "name", "time_limit_text", "reason"} == set(data["needs_review"][0])
    assert main(["catalogue", "check", str(SAMPLE), "--format", "csv"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("kind,label,procedures,share\n")
    assert "\nline,code,name,time_limit_text,reason\n" in out


def test_cli_check_tthc_catalogue(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cat.csv"
    plain = [e for e in bundled_catalogue() if e.code == "1.001193"]
    write_catalogue(plain, path)
    assert main(["catalogue", "check", str(path), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "one limit" in out
    assert "0 of 1 procedures need review" in out
    empty = tmp_path / "empty.json"
    empty.write_text("[]", encoding="utf-8")
    assert main(["catalogue", "check", str(empty), "--format", "csv"]) == 0
    assert "limit,one limit,0,\n" in capsys.readouterr().out.replace("một thời hạn", "one limit")

"""The ``tthc`` command line."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import date

import pytest

from tthc.cli import main


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def test_calendar_table_lists_swaps_and_holidays() -> None:
    code, text = run("calendar", "2026", "--lang", "en")
    assert code == 0
    lines = text.splitlines()
    assert lines[0].split() == ["date", "weekday", "kind", "name", "source", "provisional"]
    rows = {line.split()[0]: line for line in lines[2:]}
    assert "SWAP_DAY_OFF" in rows["2026-01-02"]
    assert "SWAP_WORKDAY" in rows["2026-01-10"]
    assert "12729/VPCP-KGVX" in rows["2026-01-10"]
    assert "COMPENSATORY" in rows["2026-04-27"]
    assert "2026-03-09" not in rows  # ordinary working days are not listed


def test_calendar_json_in_english_flags_provisional_years() -> None:
    code, text = run("calendar", "2027", "--format", "json", "--lang", "en")
    assert code == 0
    rows = json.loads(text)
    assert rows[0]["date"] == "2027-01-01"
    assert rows[0]["weekday"] == "Friday"
    flags = {r["date"]: r["provisional"] for r in rows}
    # Tết and Quốc khánh 2027 are announced (Công văn 10065/VPCP-KGVX); 1/1 and 30/4–1/5 are not.
    assert flags["2027-01-01"] == flags["2027-05-03"] == flags["2027-11-24"] == "true"
    assert flags["2027-02-04"] == flags["2027-09-03"] == "false"


def test_out_of_range_year_is_a_clean_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, text = run("calendar", "2050")
    assert code == 2
    assert text == ""
    assert "2050-01-01 is outside the calendar's range" in capsys.readouterr().err


def test_python_dash_m() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tthc", "calendar", "2025", "--format", "csv"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "2025-04-26,Thứ Bảy,SWAP_WORKDAY" in done.stdout


def test_main_module_imports_without_running() -> None:
    import importlib

    module = importlib.import_module("tthc.__main__")
    assert module.main is main


def test_due_lists_the_skipped_days_with_their_reasons() -> None:
    code, text = run("due", "05 ngày làm việc", "--received", "2026-02-12 09:30")
    assert code == 0
    assert "Hạn trả kết quả: 2026-02-26 (Thứ Năm)" in text
    skipped = [line.split()[0] for line in text.splitlines() if line.startswith("2026-02-")]
    assert skipped == [f"2026-02-{d}" for d in range(14, 23)]
    assert "9441/TB-BNV" in text


def test_due_json_hours_and_provisional() -> None:
    code, text = run(
        "due", "Không quá 08 giờ làm việc", "--received", "2026-02-13 16:00", "--format", "json"
    )
    assert code == 0
    payload = json.loads(text)
    assert payload["due"] == "2026-02-23 16:00"
    assert payload["time_limit"] == "08 giờ làm việc"
    assert payload["provisional"] is False
    code, text = run("due", "05 ngày làm việc", "--received", "2027-04-26", "--lang", "en")
    assert "Due: 2027-05-05 (Wednesday) [provisional]" in text  # 30/4–1/5 2027 not announced
    assert "Received: 2027-04-26 (Monday)" in text
    code, text = run("due", "05 ngày làm việc", "--received", "2027-03-02", "--lang", "en")
    assert "Due: 2027-03-09 (Tuesday)\n" in text  # no occasion in the span: not provisional
    code, text = run(
        "due", "05 ngày làm việc", "--received", "2026-03-02 09:00", "--precision", "hour"
    )
    assert "2026-03-09 09:00" in text
    code, text = run("due", "Trong ngày", "--received", "2026-03-03 10:00")
    assert "Hạn trả kết quả: 2026-03-03 (Thứ Ba)\n" in text
    assert "bỏ qua" not in text


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("due", "xyz", "--received", "2026-02-13"), "cannot read time limit 'xyz'"),
        (("due", "05 ngày", "--received", "13/02/2026"), "--received: expected an ISO date"),
    ],
)
def test_due_errors(
    argv: tuple[str, ...], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _ = run(*argv)
    assert code == 2
    assert message in capsys.readouterr().err


# -- tthc report ------------------------------------------------------------------------------

from pathlib import Path  # noqa: E402

from tthc.cli._common import Progress  # noqa: E402

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
EVENTS = str(EXAMPLES / "commune-2026.events.csv")
CATALOGUE = str(EXAMPLES / "commune-2026.catalogue.json")


def test_report_on_the_bundled_commune_sample() -> None:
    code, text = run("report", EVENTS, "--catalogue", CATALOGUE, "--period", "2026")
    assert code == 0
    assert text.startswith("Biểu số 06/VPCP/KSTT — Năm 2026 (2025-12-15 – 2026-12-14)")
    # the table is shown in blocks that fit 100 columns: gather the total row of each
    totals = [line.split() for line in text.splitlines() if "Tổng cộng" in line]
    assert all(len(line) <= 100 for line in text.splitlines())
    n = [int(x) for total in totals for x in total[2:]]
    # (3) = (4) + (5) + (6); (7) = (8) + (9) + (10); (11) = (12) + (13)
    assert n[0] == 2500 == n[1] + n[2] + n[3]
    assert n[4] == n[5] + n[6] + n[7]
    assert n[8] == n[9] + n[10]
    assert "Điểm tiến độ giải quyết (QĐ 766/QĐ-TTg):" in text
    # the sample's unpublished procedure (examples/make_samples.py UNPUBLISHED), and its
    # information-only service received no online dossier
    assert "TTHC chưa công khai: 1.011608" in text
    assert "Cung cấp thông tin: 1 TTHC, 0/" in text


def test_report_json_and_csv_agree() -> None:
    args = ("report", EVENTS, "--catalogue", CATALOGUE, "--period", "2026-10")
    code, text = run(*args, "--format", "json", "--lang", "en")
    assert code == 0
    payload = json.loads(text)
    total = payload["form06"][-1]
    assert payload["period"].startswith("October 2026")
    code, csv_text = run(*args, "--format", "csv", "--lang", "en")
    assert code == 0
    last = csv_text.strip().splitlines()[-1].split(",")
    # JSON keys are stable English names whatever --lang
    assert str(total["received"]) in last
    _, vi_text = run(*args, "--format", "json", "--lang", "vi")
    assert list(json.loads(vi_text)["form06"][-1]) == list(total)
    assert payload["basis"] == "statutory"
    score = payload["progress_score"]
    assert score["considered"] >= score["on_time"] >= 0
    assert payload["inspection"]["late_or_overdue"] >= payload["inspection"]["late_without_apology"]


def test_report_as_of_and_calendar_convention() -> None:
    base = ("report", EVENTS, "--catalogue", CATALOGUE, "--format", "json")
    _, full = run(*base, "--period", "2026-Q1", "--convention", "calendar")
    _, early = run(
        *base, "--period", "2026-Q1", "--convention", "calendar", "--as-of", "2026-02-01"
    )
    a, b = json.loads(full), json.loads(early)
    cutoff = json.loads(run(*base, "--period", "2026-Q1")[1])
    assert (a["period_start"], a["period_end"]) == ("2026-01-01", "2026-03-31")
    assert (cutoff["period_start"], cutoff["period_end"]) == ("2025-12-15", "2026-03-14")
    assert b["dossiers"] < a["dossiers"]
    code, _ = run(*base, "--period", "2026-H1", "--as-of", "2026-05-01 12:00")
    assert code == 0
    code, _ = run(*base, "--period", "2026-9M")
    assert code == 0


def test_report_bad_rows_are_listed_with_line_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "dossier_id,agency,procedure_code,event,at\n"
        "HS-1,UBND xã A,2.000815,received,2026-01-09T15:20:00\n"
        "HS-1,UBND xã A,2.000815,resolved,2026-01-10T08:00:00\n"
        "HS-2,UBND xã A,2.000815,recieved,2026-01-09T10:00:00\n",
        encoding="utf-8",
    )
    code, text = run("report", str(bad), "--period", "2026-01")
    err = capsys.readouterr().err
    assert code == 1
    assert text == ""
    assert "line 4" in err
    assert "unknown event 'recieved'" in err
    assert "1 bad record(s)" in err
    code, text = run("report", str(bad), "--period", "2026-01", "--keep-going")
    assert code == 0
    assert "Tổng cộng" in text


def test_report_many_errors_are_capped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.csv"
    lines = ["dossier_id,agency,procedure_code,event,at"]
    lines += [f"HS-{i},A,2.000815,nope,2026-01-09T10:00:00" for i in range(60)]
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _ = run("report", str(bad), "--period", "2026-01")
    err = capsys.readouterr().err
    assert code == 1
    assert "... and 10 more errors" in err


@pytest.mark.parametrize("period", ["2026-13", "26-10", "2026-Q5", "last month"])
def test_report_bad_period(period: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run("report", EVENTS, "--period", period)
    assert code == 2
    assert "tthc: error:" in capsys.readouterr().err


def test_report_with_bundled_catalogue_and_english_text() -> None:
    code, text = run("report", EVENTS, "--period", "2026-03", "--lang", "en", "--keep-going")
    assert code == 0
    assert text.startswith("Form 06/VPCP/KSTT")
    assert "Progress score (QĐ 766/QĐ-TTg):" in text


def test_report_empty_period_has_no_score(tmp_path: Path) -> None:
    code, text = run("report", EVENTS, "--catalogue", CATALOGUE, "--period", "2024-03")
    assert code == 0
    assert "(QĐ 766/QĐ-TTg): —" in text
    assert "Phát hiện:\n    không có" in text


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_only() -> None:
    stream = _Tty()
    bar = Progress(4000, "đọc", stream)
    for i in range(0, 4001, 20):
        bar.update(i)
    assert stream.getvalue().endswith("100%\n")
    quiet = io.StringIO()
    small = Progress(10, "đọc", quiet)
    small.update(10)
    assert quiet.getvalue() == ""


TOML_NOTICE = """
[[announcements]]
source = "Công văn 1/TEST (thử nghiệm)"
announced = 2026-12-20

[[announcements.days]]
date = 2027-04-29
kind = "SWAP_DAY_OFF"
name_vi = "Nghỉ hoán đổi (thử)"

[[announcements.days]]
date = 2027-05-08
kind = "SWAP_WORKDAY"
name_vi = "Làm bù (thử)"
"""


def test_announcements_file_changes_every_date_subcommand(tmp_path: Path) -> None:
    notice = tmp_path / "thong-bao.toml"
    notice.write_text(TOML_NOTICE, encoding="utf-8")
    _, text = run("calendar", "2027", "--format", "json", "--announcements", str(notice))
    rows = {r["date"]: r for r in json.loads(text)}
    assert rows["2027-04-29"]["kind"] == "SWAP_DAY_OFF"
    assert rows["2027-04-29"]["source"] == "Công văn 1/TEST (thử nghiệm)"
    assert rows["2027-05-03"]["provisional"] == "false"  # 30/4–1/5 settled by the file
    args = ("due", "02 ngày làm việc", "--received", "2027-04-27", "--format", "json")
    before, after = run(*args), run(*args, "--announcements", str(notice))
    assert json.loads(before[1])["due"] == "2027-04-29"
    assert json.loads(after[1])["due"] == "2027-05-04"
    assert json.loads(after[1])["provisional"] is False


def test_report_takes_announcements(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"announcements": [{"source": "x"}]}', encoding="utf-8")
    code, _ = run("report", "nothing.csv", "--period", "2026-10", "--announcements", str(bad))
    assert code == 2
    assert "bad.json: announcements[0].announced: missing" in capsys.readouterr().err


def test_calendar_status(capsys: pytest.CaptureFixture[str]) -> None:
    code, text = run("calendar", "--status", "--today", "2026-11-30", "--format", "json")
    assert code == 0
    data = json.loads(text)
    assert data["latest_announcement"]["announced"] == "2026-10-02"
    assert "10065/VPCP-KGVX" in data["latest_announcement"]["source"]
    assert data["provisional_occasions"]["2026"] == []
    assert [o["occasion"] for o in data["provisional_occasions"]["2027"]] == [
        "NEW_YEAR",
        "HUNG_KINGS",
        "REUNIFICATION_LABOUR",
        "CULTURE_DAY",
    ]
    assert "--announcements" in data["how_to_add"]
    code, text = run("calendar", "--status", "--today", "2027-01-05", "--lang", "en")
    assert "Latest announcement: Công văn 10065/VPCP-KGVX" in text
    assert "Occasions of 2028 still provisional:" in text
    assert "  Lunar New Year (Tết) (2028-01-09 – 2028-02-14)" in text
    code, text = run("calendar", "--status")  # today: the system date
    assert code == 0
    assert "Thông báo mới nhất: Công văn 10065/VPCP-KGVX" in text
    assert run("calendar")[0] == 2
    assert "expected a YEAR" in capsys.readouterr().err


def test_status_without_announcements() -> None:
    from tthc.calendar import WorkingCalendar
    from tthc.cli.calendar import _write_status, status

    cal = WorkingCalendar([], date(2026, 1, 1), date(2027, 12, 31))
    data = status(cal, date(2026, 6, 1), "vi")
    assert data["latest_announcement"] is None
    out = io.StringIO()
    _write_status(data, "vi", out)
    assert out.getvalue().startswith("Thông báo mới nhất: không có\n")
    assert "Các dịp năm 2026 còn tạm tính: không có" in out.getvalue()

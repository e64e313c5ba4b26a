"""The ``tthc`` command line."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from tthc.cli import main


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def test_calendar_table_lists_swaps_and_holidays() -> None:
    code, text = run("calendar", "2026")
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
    assert all(r["provisional"] == "true" for r in rows)


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
    code, text = run("due", "05 ngày làm việc", "--received", "2027-03-02", "--lang", "en")
    assert "Due: 2027-03-09 (Tuesday) [provisional]" in text
    assert "Received: 2027-03-02 (Tuesday)" in text
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

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

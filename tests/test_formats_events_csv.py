"""The one-row-per-event CSV: nothing lost, nothing injected, nothing half-written (issue 13)."""

from __future__ import annotations

import io
import os
import shutil
import unicodedata
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from formats_samples import CERT, EVENTS_HEADER, full_dossier
from tthc.errors import DataRowError, TthcError
from tthc.formats import (
    ReadResult,
    read_catalogue,
    read_dossiers,
    write_catalogue,
    write_dossiers,
)
from tthc.formats.csv_cells import escape_cell, unescape_cell
from tthc.models import Dossier, Received, Resolved

EXAMPLES = Path(__file__).parent.parent / "examples"


def _csv(*rows: str) -> io.StringIO:
    return io.StringIO(EVENTS_HEADER + "".join(r + "\n" for r in rows))


def _assert_reconciles(result: ReadResult) -> None:
    assert result.records_read == result.records_used + result.records_rejected
    assert result.dossiers_seen == len(result.dossiers) + len(result.rejected)
    assert {r.dossier_id for r in result.rejected}.isdisjoint(d.id for d in result.dossiers)


# -- lenient reads drop whole dossiers and reconcile (item 2) ----------------------------------


def test_a_stray_quote_loses_one_dossier_not_the_rest_of_the_file(tmp_path: Path) -> None:
    lines = (EXAMPLES / "commune-2026.events.csv").read_text(encoding="utf-8").splitlines()
    broken_id = lines[11].split(",")[0]
    lines[11] = lines[11].replace(",", ',"', 1)  # line 12: a stray quote at the start of a cell
    path = tmp_path / "events.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    catalogue = read_catalogue(EXAMPLES / "commune-2026.catalogue.json")
    result = read_dossiers(path, strict=False, procedures=catalogue)
    _assert_reconciles(result)
    ids = {d.id for d in result.dossiers}
    assert broken_id not in ids
    assert [r.dossier_id for r in result.rejected] == [broken_id]
    assert result.dossiers_seen == 2500
    assert len(result.dossiers) == 2499
    assert result.records_read == len(lines) - 1
    assert result.rejected[0].lines[0] <= 12 <= result.rejected[0].lines[-1]


def test_a_short_row_drops_its_whole_dossier() -> None:
    result = read_dossiers(
        _csv(
            "HS-1,A,2.000815,received,2026-01-09T08:00:00,,,,,",
            "HS-1,A,2.000815,resolved,2026-01-09T10:00:00",  # short: its event is unknown
            "HS-2,A,2.000815,received,2026-01-09T08:00:00,,,,,",
        ),
        format="csv",
        strict=False,
    )
    _assert_reconciles(result)
    assert [d.id for d in result.dossiers] == ["HS-2"]
    (rejected,) = result.rejected
    assert (rejected.dossier_id, rejected.lines) == ("HS-1", (2, 3))
    assert "expected 10 cells, got 5" in rejected.reason
    assert (result.records_read, result.records_used, result.records_rejected) == (3, 1, 2)


def test_an_unclosed_quote_costs_its_own_line_only() -> None:
    result = read_dossiers(
        _csv(
            "HS-1,A,2.000815,received,2026-01-09T08:00:00,,,,,",
            'HS-2,"A,2.000815,received,2026-01-09T08:00:00,,,,,',  # the quote never closes
            "HS-1,A,2.000815,resolved,2026-01-09T10:00:00,,,,,",
            "HS-3,A,2.000815,received,2026-01-09T08:00:00,,,,,",
        ),
        format="csv",
        strict=False,
    )
    _assert_reconciles(result)
    assert [(d.id, len(d.events)) for d in result.dossiers] == [("HS-1", 2), ("HS-3", 1)]
    assert [(r.dossier_id, r.lines) for r in result.rejected] == [("HS-2", (3,))]
    assert result.errors[0].line == 3
    assert "unreadable CSV" in result.errors[0].message


def test_rows_without_a_dossier_are_rejected_records() -> None:
    result = read_dossiers(
        _csv(",A,2.000815,received,2026-01-09T08:00:00,,,,,"), format="csv", strict=False
    )
    _assert_reconciles(result)
    assert (result.records_read, result.records_rejected, result.dossiers_seen) == (1, 1, 0)


def test_summary_states_the_reconciliation() -> None:
    result = read_dossiers(
        _csv(
            "HS-1,A,2.000815,received,2026-01-09T08:00:00,,,,,",
            "HS-2,A,2.000815,received,2026-01-09T08:00:00,fax,,,,",
        ),
        format="csv",
        strict=False,
    )
    assert result.summary() == (
        "2 records read: 1 used, 1 rejected; 2 dossiers seen: 1 reported, 1 rejected"
    )


def test_a_read_result_that_does_not_reconcile_cannot_be_built() -> None:
    with pytest.raises(TthcError, match="records_read 3 != records_used 1 \\+ records_rejected 1"):
        ReadResult((), (), records_read=3, records_used=1, records_rejected=1, dossiers_seen=0)
    with pytest.raises(TthcError, match="dossiers_seen 2 != 0 reported \\+ 0 rejected"):
        ReadResult((), (), records_read=0, records_used=0, records_rejected=0, dossiers_seen=2)


# -- duplicates, unknown and malformed values are refused by name (items 3, 13, 14) ------------


def test_same_agency_in_nfc_and_nfd_is_one_agency() -> None:
    nfd = unicodedata.normalize("NFD", "UBND xã Tân Hòa")
    (d,) = read_dossiers(
        _csv(
            "HS-1,UBND xã Tân Hòa,2.000815,received,2026-01-09T08:00:00,,,,,",
            f"HS-1,{nfd},2.000815,resolved,2026-01-09T10:00:00,,,,,",
        ),
        format="csv",
    )
    assert d.agency == "UBND xã Tân Hòa"


def test_a_lower_case_provincial_code_is_malformed_not_unknown() -> None:
    with pytest.raises(DataRowError) as info:
        read_dossiers(
            _csv("HS-1,A,2.000815.000.00.00.h55,received,2026-01-09T08:00:00,,,,,"), format="csv"
        )
    assert info.value.field == "procedure_code"
    assert "malformed procedure code '2.000815.000.00.00.h55': expected a code like" in str(
        info.value
    )


def test_flag_cells_accept_only_true_false_or_empty() -> None:
    for cell in ("maybe", "yes", "1"):
        with pytest.raises(DataRowError, match=f"expected true or false, got '{cell}'"):
            read_dossiers(
                _csv(
                    "HS-1,A,2.000815,received,2026-01-09T08:00:00,,,,,",
                    f"HS-1,A,2.000815,resolved,2026-01-09T10:00:00,,,,,{cell}",
                ),
                format="csv",
            )


# -- injection-safe, correctly quoted output (item 4) ------------------------------------------


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'=x", "''=x"),
        ("''", "'''"),
        ("'abc", "''abc"),
        ("UBND xã A", "UBND xã A"),
        ("", ""),
    ],
)
def test_cells_are_neutralised_reversibly(text: str, written: str) -> None:
    assert escape_cell(text) == written
    assert unescape_cell(written) == text


@given(st.text())
def test_unescape_inverts_escape(text: str) -> None:
    assert unescape_cell(escape_cell(text)) == text


def test_written_formulas_are_neutralised_and_read_back() -> None:
    d = Dossier(
        "=1+1",
        CERT,
        [Received(datetime(2026, 1, 9, 8)), Resolved(datetime(2026, 1, 9, 10))],
        agency="-cmd|' /C calc'!A0",
    )
    buf = io.StringIO()
    write_dossiers([d], buf, format="csv")
    text = buf.getvalue()
    assert "'=1+1,'-cmd|' /C calc'!A0" in text
    assert all(not line.startswith(("=", "+", "-", "@")) for line in text.splitlines())
    assert read_dossiers(io.StringIO(text), format="csv", procedures=[CERT]) == (d,)


def test_a_bare_carriage_return_is_quoted() -> None:
    d = Dossier("HS-1", CERT, [Received(datetime(2026, 1, 9, 8))], agency="UBND\rxã A\nhai dòng")
    buf = io.StringIO()
    write_dossiers([d], buf, format="csv")
    assert '"UBND\rxã A\nhai dòng"' in buf.getvalue()
    assert read_dossiers(io.StringIO(buf.getvalue()), format="csv", procedures=[CERT]) == (d,)


# -- atomic writes (item 5) --------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["json", "csv"])
def test_a_failed_write_leaves_the_file_as_it_was(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"precious.{suffix}"
    write_dossiers([full_dossier()], path)
    before = path.read_bytes()
    bad = full_dossier(agency="UBND \ud800")  # a lone surrogate: UTF-8 cannot hold it
    with pytest.raises(DataRowError, match="cannot be written as UTF-8"):
        write_dossiers([bad], path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"precious.{suffix}"]


def test_a_failed_catalogue_write_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.csv"
    path.write_text("keep me\n", encoding="utf-8")

    class Boom(Exception):
        pass

    def entries() -> object:
        raise Boom
        yield  # pragma: no cover - a generator that fails at once

    with pytest.raises(Boom):
        write_catalogue(entries(), path)  # type: ignore[arg-type]
    assert path.read_text(encoding="utf-8") == "keep me\n"


def test_a_write_replaces_the_file_and_keeps_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_text("old", encoding="utf-8")
    os.chmod(path, 0o640)
    write_dossiers([full_dossier()], path)
    assert read_dossiers(path) == (full_dossier(),)
    assert (path.stat().st_mode & 0o777) == 0o640


def test_writing_into_a_missing_folder_is_a_tthc_error(tmp_path: Path) -> None:
    with pytest.raises(TthcError, match="cannot write"):
        write_dossiers([full_dossier()], tmp_path / "missing" / "d.json")


def test_reading_a_missing_file_or_a_folder_is_a_tthc_error(tmp_path: Path) -> None:
    with pytest.raises(TthcError, match="cannot read") as info:
        read_dossiers(tmp_path / "missing.csv")
    assert isinstance(info.value, OSError)
    (tmp_path / "folder.csv").mkdir()
    with pytest.raises(TthcError, match="cannot read"):
        read_dossiers(tmp_path / "folder.csv")
    shutil.rmtree(tmp_path / "folder.csv")


def test_a_failed_rename_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "d.json"
    path.write_text("old", encoding="utf-8")

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(TthcError, match="cannot write the file: Permission denied") as info:
        write_dossiers([full_dossier()], path)
    assert isinstance(info.value, OSError)
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["d.json"]


def test_writing_to_an_open_file_is_not_atomic_but_checked() -> None:
    buf = io.StringIO()
    with pytest.raises(DataRowError, match="cannot be written as UTF-8"):
        write_dossiers([full_dossier(agency="\udcff")], buf, format="json")
    assert buf.getvalue() == ""


def test_counts_must_be_counts() -> None:
    with pytest.raises(TthcError, match=r"ReadResult.records_read: expected a count >= 0, got -1"):
        ReadResult((), (), records_read=-1, records_used=0, records_rejected=0, dossiers_seen=0)

"""The one-row-per-dossier CSV (the tthc.batch layout) read strictly and written safely (issue 13)."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import pytest

from formats_samples import CERT
from tthc.errors import DataRowError
from tthc.formats import read_dossiers
from tthc.formats.frames import write_frame_csv
from tthc.models import Dossier, Received, Resolved

HEADER = "id,agency,procedure_code,channel,received,end,end_kind,signed\n"
GOOD = "HS-1,UBND xã A,2.000815,in_person,2026-01-09 08:00:00,2026-01-09 10:00:00,resolved,True\n"


def _read(text: str) -> object:
    return read_dossiers(io.StringIO(text), format="csv")


def test_an_unclosed_quote_is_a_data_error_with_its_line() -> None:
    text = HEADER + GOOD + 'HS-2,"UBND,2.000815,in_person,2026-01-09 08:00:00,,,\n'
    with pytest.raises(DataRowError) as info:
        _read(text)
    assert info.value.line == 3
    assert "unreadable CSV" in str(info.value)
    result = read_dossiers(io.StringIO(text), format="csv", strict=False)
    assert [d.id for d in result.dossiers] == ["HS-1"]
    assert [r.dossier_id for r in result.rejected] == ["HS-2"]
    assert result.records_read == 2
    assert result.dossiers_seen == 2


def test_the_same_id_on_two_rows_is_refused_by_name() -> None:
    other = GOOD.replace("UBND xã A", "UBND xã B")
    with pytest.raises(DataRowError) as info:
        _read(HEADER + GOOD + other)
    assert (info.value.line, info.value.field) == (3, "id")
    assert "dossier 'HS-1' appears on more than one row (lines 2, 3)" in str(info.value)
    result = read_dossiers(io.StringIO(HEADER + GOOD + other), format="csv", strict=False)
    assert result.dossiers == ()
    assert [(r.dossier_id, r.lines) for r in result.rejected] == [("HS-1", (2, 3))]
    assert (result.records_read, result.records_rejected, result.dossiers_seen) == (2, 2, 1)


def test_an_unknown_column_is_refused_by_name() -> None:
    with pytest.raises(DataRowError) as info:
        _read(HEADER.replace("\n", ",colour\n") + GOOD.replace("\n", ",red\n"))
    assert (info.value.line, info.value.field) == (1, "colour")
    assert "unknown column(s) ['colour']" in str(info.value)


@pytest.mark.parametrize("cell", ["maybe", "yes", "1", "TRUE "])
def test_signed_accepts_only_true_false_or_empty(cell: str) -> None:
    with pytest.raises(DataRowError) as info:
        _read(HEADER + GOOD.replace(",True\n", f",{cell}\n"))
    assert (info.value.line, info.value.field) == (2, "signed")
    assert f"expected True, False or an empty cell, got {cell!r}" in str(info.value)


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        (GOOD.replace("2026-01-09 08:00:00", "09/01/2026"), "received", "expected an ISO 8601"),
        (GOOD.replace("in_person", "fax"), "channel", "'fax'"),
        (GOOD.replace("resolved", "done"), "end_kind", "'done'"),
        (GOOD.replace("2.000815", "9.999999"), "procedure_code", "unknown procedure code"),
        (GOOD.replace("HS-1", ""), "id", "expected a dossier id, got an empty cell"),
        (
            GOOD.replace("2026-01-09 08:00:00", "9999-12-31T23:00:00-05:00"),
            "received",
            "expected an ISO 8601",
        ),
    ],
)
def test_bad_cells_are_named(row: str, field: str, message: str) -> None:
    with pytest.raises(DataRowError) as info:
        _read(HEADER + row)
    assert info.value.line == 2
    assert info.value.field == field
    assert message in str(info.value)


def test_write_frame_csv_neutralises_formulas_and_reads_back(tmp_path: Path) -> None:
    d = Dossier(
        "@1",
        CERT,
        [Received(datetime(2026, 1, 9, 8)), Resolved(datetime(2026, 1, 9, 10))],
        agency="=cmd\r",
    )
    path = tmp_path / "frame.csv"
    write_frame_csv([d], path)
    text = path.read_bytes().decode("utf-8")
    assert "'@1,\"'=cmd\r\"" in text
    assert read_dossiers(path, procedures=[CERT]) == (d,)


def test_short_rows_impossible_dates_and_bad_timelines_are_named() -> None:
    text = (
        HEADER
        + GOOD
        + "HS-2,A,2.000815,in_person\n"
        + GOOD.replace("HS-1", "HS-3").replace("2026-01-09 08:00:00", "2026-02-30 08:00:00")
        + GOOD.replace("HS-1", "HS-4").replace("2026-01-09 10:00:00", "2026-01-08 10:00:00")
        + GOOD.replace("HS-1", "HS-5")
    )
    result = read_dossiers(io.StringIO(text), format="csv", strict=False)
    assert [d.id for d in result.dossiers] == ["HS-1", "HS-5"]
    reasons = {r.dossier_id: r.reason for r in result.rejected}
    assert "expected 8 cells, got 4" in reasons["HS-2"]
    assert "field 'received'" in reasons["HS-3"]
    assert "day is out of range" in reasons["HS-3"]
    assert "received is after end" in reasons["HS-4"] or "end" in reasons["HS-4"]
    assert result.records_read == 5
    assert result.dossiers_seen == 5


def test_write_frame_csv_writes_signatures_and_frames(tmp_path: Path) -> None:
    from tthc.batch import dossiers_to_frame

    d = Dossier(
        "HS-1",
        CERT,
        [
            Received(datetime(2026, 1, 9, 8)),
            Resolved(datetime(2026, 1, 9, 10), digitally_signed=True),
        ],
    )
    path = tmp_path / "frame.csv"
    write_frame_csv(dossiers_to_frame([d]), path)
    assert "resolved,True," in path.read_text(encoding="utf-8")
    assert read_dossiers(path, procedures=[CERT]) == (d,)

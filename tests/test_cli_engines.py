"""``tthc report``: the columnar path (the default) prints what the scalar path prints, byte for byte.

Every case runs the command twice, ``--engine auto`` and ``--engine scalar``, and compares the
exit status, the output and the messages on stderr; the reconciliation of lenient reads
(``--keep-going``) comes from the scalar reader in both.
"""

from __future__ import annotations

import io
import unicodedata
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from tthc.cli import main
from tthc.columnar import frame_to_events, read_frame, report_file
from tthc.columnar.classified import CLASSIFIED_COLUMNS
from tthc.formats import read_catalogue
from tthc.reports import ReportingPeriod
from tthc.synthetic import generate_frame

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
COMMUNE = str(EXAMPLES / "commune-2026.catalogue.json")
PROVINCE = str(EXAMPLES / "province-2026.catalogue.json")


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    out = io.StringIO()
    code = main(argv, out)
    return code, out.getvalue(), capsys.readouterr().err


def both(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    """Run ``tthc`` both ways; assert they agree; return (status, output)."""
    auto = _run([*argv, "--engine", "auto"], capsys)
    scalar = _run([*argv, "--engine", "scalar"], capsys)
    assert auto == scalar
    return auto[0], auto[1]


@pytest.mark.parametrize(
    ("name", "cat"),
    [
        ("commune-2026.events.csv", COMMUNE),
        ("commune-2026.dossiers.csv", COMMUNE),
        ("commune-2026.export.csv", COMMUNE),
        ("commune-2026.sync.json", COMMUNE),
        ("province-2026.events.csv", PROVINCE),
    ],
)
def test_the_bundled_examples(name: str, cat: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(EXAMPLES / name)
    extras = [[], ["--format", "json", "--lang", "en"], ["--period", "2026-Q3"]]
    # the province sample (12,000 dossiers) and the formats the scalar path reads: once
    for extra in extras if name.startswith("commune-2026.events") else extras[:1]:
        code, out = both(capsys, "report", path, "--catalogue", cat, "--period", "2026", *extra)
        assert code == 0
        assert out


def test_every_option(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(EXAMPLES / "commune-2026.events.csv")
    base = ("report", path, "--catalogue", COMMUNE, "--period", "2026-H1", "--format", "json")
    for extra in (
        [],
        ["--as-of", "2026-03-31"],
        ["--as-of", "2026-03-31T10:00:00+00:00"],
        ["--as-of", "2026-03-31 10:00"],
        ["--level", "commune"],
        ["--level", "province"],
        ["--group-by", "agency,procedure"],
        ["--basis", "promised"],
        ["--convention", "calendar", "--format", "csv"],
        ["--format", "table", "--lang", "en"],
    ):
        code, out = both(capsys, *base, *extra)
        assert code == 0, out


def test_the_agency_filter(capsys: pytest.CaptureFixture[str]) -> None:
    path = EXAMPLES / "commune-2026.events.csv"
    agency = pd.read_csv(path, dtype=str)["agency"].iloc[0]
    code, out = both(
        capsys, "report", str(path), "--catalogue", COMMUNE, "--period", "2026",
        "--agency", f"  {agency.upper()} ", "--format", "json",
    )  # fmt: skip
    assert code == 0
    assert '"dossiers": 0' not in out


HEADER = "dossier_id,agency,procedure_code,event,at,channel,reason,new_due,step,digitally_signed\n"


def test_odd_cells_and_timelines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    nfd = unicodedata.normalize("NFD", "UBND xã Hòa")
    rows = [
        "HS-1,UBND xã Hòa,2.000815,received,2026-01-09T15:20:00,online,,,,",
        f"HS-2,{nfd},2.000815,received,2026-01-12T09:00:00,,,,,",
        "HS-2,UBND xã Hòa,2.000815,resolved,2026-01-14T09:00:00,,,,,false",
        "'=HS-3,'=X,2.000815,received,2026-01-12T09:00:00,,,,,",
        "=HS-3,=X,2.000815,resolved,2026-01-13T09:00:00,,,,,true",
        # an excluded period and a step: the scalar path, counted
        "HS-4,X,2.000815,received,2026-02-02T09:00:00,,,,,",
        "HS-4,X,2.000815,exclusion_started,2026-02-02T10:00:00,,giám định,,,",
        "HS-4,X,2.000815,exclusion_ended,2026-02-05T10:00:00,,,,,",
        # aware moments
        "HS-5,X,2.000815,received,2026-02-02T09:00:00+07:00,,,,,",
        "HS-5,X,2.000815,resolved,2026-02-06T09:00:00+07:00,,,,,",
    ]
    path = tmp_path / "odd.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    for extra in ([], ["--format", "json"], ["--as-of", "2026-01-13"], ["--agency", "x"]):
        code, _ = both(capsys, "report", str(path), "--period", "2026-Q1", *extra)
        assert code == 0
    r = report_file(path, ReportingPeriod.quarter(2026, 1), classified=True)
    assert r.dossiers == 5
    assert r.scalar_dossiers == 2  # HS-4 (excluded period), HS-5 (aware)
    assert r.classified is not None
    assert r.classified["id"].tolist() == ["HS-1", "HS-2", "=HS-3", "HS-4", "HS-5"]
    hs5 = r.classified.iloc[4]
    assert (str(hs5["received"]), str(hs5["end"]), hs5["outcome"]) == (
        "2026-02-02 09:00:00",
        "2026-02-06 09:00:00",
        "late",  # a same-day procedure
    )


def test_an_empty_file_and_odd_headers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = report_file(
        io.StringIO(HEADER), ReportingPeriod.year(2026), format="csv", classified=True
    )
    assert empty.classified is not None
    assert list(empty.classified.columns) == list(CLASSIFIED_COLUMNS)
    assert len(empty.classified) == 0
    repeated = tmp_path / "r.csv"
    repeated.write_text(
        "dossier_id,dossier_id,agency,procedure_code,event,at\n"
        "HS-1,HS-1,X,2.000815,received,2026-01-09T15:20:00\n",
        encoding="utf-8",
    )
    code, _ = both(capsys, "report", str(repeated), "--period", "2026")
    assert code == 1


def test_a_large_file_read_one_at_a_time_is_noted(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import tthc.cli._common as common

    monkeypatch.setattr(common, "SCALAR_NOTE_BYTES", 0)
    path = str(EXAMPLES / "commune-2026.events.csv")
    argv = ["report", path, "--catalogue", COMMUNE, "--period", "2026-01", "--list", "late"]
    code, _, err = _run(argv, capsys)
    assert code == 0
    assert "is read one dossier at a time (the scalar path): --list" in err
    code, _, err = _run(["report", "missing.csv", "--period", "2026-01", "--list", "late"], capsys)
    assert code == 3
    assert "note" not in err


def test_uncatalogued_with_a_promised_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tthc.formats import read_dossiers, write_dossiers

    export = tmp_path / "export.csv"
    export.write_text(
        "Mã hồ sơ;Mã thủ tục;Đơn vị tiếp nhận;Ngày tiếp nhận;Ngày hẹn trả;Ngày kết thúc xử lý;"
        "Trạng thái\nHS-3;1.004946;UBND xã A;02/03/2026 08:00;04/03/2026;;Đang xử lý\n"
        "HS-4;2.000815;UBND xã B;02/03/2026 08:00;;;Đang xử lý\n",
        encoding="utf-8",
    )
    events = tmp_path / "events.csv"
    write_dossiers(read_dossiers(export), events)
    code, out = both(capsys, "report", str(events), "--period", "2026", "--lang", "en")
    assert code == 0
    assert "1 dossier(s) on their promised date" in out
    assert "(procedures not in the catalogue: 1.004946)" in out


def test_bad_records_are_listed_and_reconciled_by_the_scalar_reader(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        HEADER + "HS-1,X,2.000815,received,2026-01-09T15:20:00,,,,,\n"
        "HS-2,X,2.000815,recieved,2026-01-09T15:20:00,,,,,\n"
        "HS-3,X,2.000815,received,2026-01-09T15:20:00,,,,,\n"
        "HS-3,X,2.000815,resolved,2026-01-08T15:20:00,,,,,\n"
        "HS-4,X,2.000815,received,2026-02-30T10:00:00,,,,,\n",  # no 30 February
        encoding="utf-8",
    )
    code, _ = both(capsys, "report", str(path), "--period", "2026-Q1")
    assert code == 1
    auto = _run(["report", str(path), "--period", "2026-Q1", "--keep-going"], capsys)
    assert auto == _run(
        ["report", str(path), "--period", "2026-Q1", "--keep-going", "--engine", "scalar"], capsys
    )
    assert auto[0] == 0
    assert "5 records read: 1 used, 4 rejected; 4 dossiers seen: 1 reported, 3 rejected" in auto[2]


@pytest.mark.parametrize("seed", [1, 2])
def test_generated_files_and_parquet(
    seed: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    procs = list(read_catalogue(PROVINCE).procedures.values())
    frame = generate_frame(
        1500, seed=seed, procedures=procs, start=date(2025, 12, 15), end=date(2026, 6, 30)
    )
    events = frame_to_events(frame)
    csv_path, pq_path = tmp_path / "e.csv", tmp_path / "e.parquet"
    events.to_csv(csv_path, index=False)
    events.to_parquet(pq_path, index=False)
    rows = tmp_path / "rows.csv"
    frame.to_csv(rows, index=False, date_format="%Y-%m-%d %H:%M:%S")
    for extra in ([], ["--as-of", "2026-02-20"], ["--format", "json", "--level", "commune"]):
        base = ["report", "--period", "2026-Q1", "--catalogue", PROVINCE, *extra]
        code, out = both(capsys, base[0], str(csv_path), *base[1:])
        assert code == 0
        # the scalar reader has no Parquet: compare with the CSV of the same events
        assert _run([base[0], str(pq_path), *base[1:]], capsys) == (0, out, "")
    out_pq, out_csv = tmp_path / "d.parquet", tmp_path / "d-scalar.parquet"
    args = ["report", str(csv_path), "--period", "2026-Q1", "--catalogue", PROVINCE]
    assert _run([*args, "--dossiers-out", str(out_pq)], capsys)[0] == 0
    assert _run([*args, "--dossiers-out", str(out_csv), "--engine", "scalar"], capsys)[0] == 0
    got = read_frame(out_pq, typed=False)
    assert list(got.columns) == list(CLASSIFIED_COLUMNS)
    expected = read_frame(out_csv, typed=False)
    pd.testing.assert_frame_equal(
        got.astype({c: object for c in got.columns if got[c].dtype == "category"}),
        expected.astype({c: object for c in expected.columns if expected[c].dtype == "category"}),
    )
    r = report_file(csv_path, ReportingPeriod.quarter(2026, 1), procedures=procs, classified=True)
    assert r.classified is not None
    assert len(got) == len(r.classified) > 0


def test_dossiers_out_as_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(EXAMPLES / "commune-2026.events.csv")
    out = tmp_path / "d.csv"
    code, _, _ = _run(
        ["report", path, "--catalogue", COMMUNE, "--period", "2026", "--dossiers-out", str(out)],
        capsys,
    )
    assert code == 0
    table = pd.read_csv(out, dtype=str)
    assert list(table.columns) == list(CLASSIFIED_COLUMNS)
    assert set(table["outcome"]) <= {
        "early", "on_time", "late", "within_time", "overdue", "not_classified",
    }  # fmt: skip
    cat = read_catalogue(COMMUNE)
    assert set(table["procedure_code"]) <= set(cat.procedures)

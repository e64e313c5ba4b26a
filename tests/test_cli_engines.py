"""``tthc report``: the columnar path (the default) prints what the scalar path prints, byte for byte.

Every case runs the command twice, ``--engine auto`` and ``--engine scalar``, and compares the
exit status, the output and the messages on stderr; the reconciliation of lenient reads
(``--keep-going``) comes from the scalar reader in both.
"""

from __future__ import annotations

import io
import json
import unicodedata
from collections.abc import Sequence
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


BUNDLED = [
    ("commune-2026.events.csv", COMMUNE),
    ("commune-2026.dossiers.csv", COMMUNE),
    ("commune-2026.export.csv", COMMUNE),
    ("commune-2026.sync.json", COMMUNE),
    ("province-2026.events.csv", PROVINCE),
]
"""The bundled examples (file, catalogue): tthc's CSV layouts, an export, sync records."""


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


@pytest.mark.parametrize(("name", "cat"), BUNDLED)
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


def _events_csv(path: Path, *rows: str) -> Path:
    """An events CSV of these rows (tthc's layout, :data:`HEADER`)."""
    path.write_text(HEADER + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    return path


def _report_rows(
    capsys: pytest.CaptureFixture[str], path: Path, rows: Sequence[str], *options: str
) -> int:
    """``tthc report`` of an events CSV of ``rows`` by both engines (the same output asserted):
    the exit status."""
    code, _ = both(capsys, "report", str(_events_csv(path, *rows)), *options)
    return code


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
    path = _events_csv(tmp_path / "odd.csv", *rows)
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
    for head, row in (  # a column named twice: the scalar reader names it, both paths exit 1
        ("dossier_id,dossier_id,agency", "HS-1,HS-1,X"),
        ("dossier_id,agency,at", "HS-1,X,2026-01-09T15:20:00"),  # raised KeyError
    ):
        repeated.write_text(
            f"{head},procedure_code,event,at\n{row},2.000815,received,2026-01-09T15:20:00\n",
            encoding="utf-8",
        )
        for command in (["report", str(repeated), "--period", "2026"], ["audit", str(repeated)]):
            code, _ = both(capsys, *command)
            assert code == 1
        whole = report_file(repeated, ReportingPeriod.year(2026))
        assert "repeated column" in whole.errors[0].message


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
    rows = (
        "HS-1,X,2.000815,received,2026-01-09T15:20:00,,,,,",
        "HS-2,X,2.000815,recieved,2026-01-09T15:20:00,,,,,",
        "HS-3,X,2.000815,received,2026-01-09T15:20:00,,,,,",
        "HS-3,X,2.000815,resolved,2026-01-08T15:20:00,,,,,",
        "HS-4,X,2.000815,received,2026-02-30T10:00:00,,,,,",  # no 30 February
    )
    assert _report_rows(capsys, path, rows, "--period", "2026-Q1") == 1
    auto = _run(["report", str(path), "--period", "2026-Q1", "--keep-going"], capsys)
    assert auto == _run(
        ["report", str(path), "--period", "2026-Q1", "--keep-going", "--engine", "scalar"], capsys
    )
    assert auto[0] == 0
    assert "5 records read: 1 used, 4 rejected; 4 dossiers seen: 1 reported, 3 rejected" in auto[2]


def test_a_day_past_the_calendar_is_refused_by_both_paths(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # An apology's new date past the default calendar (2040-12-31): the scalar path refused it,
    # the columnar path counted the dossier (issue 14). Known as of the period's end only with
    # the calendar convention: the cut-off convention's December ends on 14/12, before it.
    path = tmp_path / "late.csv"
    rows = (
        "HS-1,X,2.000815,received,2025-12-01T09:00:00,,,,,",
        "HS-1,X,2.000815,apologized,2025-12-16T09:00:00,,sorry,2045-12-19,,",
    )
    assert _report_rows(capsys, path, rows, "--period", "2025-12", "--convention", "calendar") == 2
    err = _run(["report", str(path), "--period", "2025-12", "--convention", "calendar"], capsys)[2]
    assert "Apologized.new_due: 2045-12-19 is outside the calendar's range" in err
    assert both(capsys, "report", str(path), "--period", "2025-12")[0] == 0


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


# -- tthc audit: the columnar path prints what the scalar path prints ------------------------


@pytest.mark.parametrize(("name", "cat"), BUNDLED)
def test_audit_of_the_bundled_examples(
    name: str, cat: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(EXAMPLES / name)
    for extra in ([], ["--format", "json", "--lang", "en"], ["--format", "csv"]):
        code, out = both(capsys, "audit", path, "--catalogue", cat, *extra)
        assert code == 0
        assert out


def _audit_files(tmp_path: Path, seed: int) -> tuple[Path, Path, pd.DataFrame]:
    """A generated event CSV and Parquet with promised dates: most agree, some differ, some
    dossiers without one, some the layout cannot hold (two appointments, one out of place,
    an excluded period)."""
    procs = list(read_catalogue(PROVINCE).procedures.values())
    frame = generate_frame(
        800, seed=seed, procedures=procs, start=date(2025, 12, 15), end=date(2026, 6, 30),
        promised=0.85,
    )  # fmt: skip
    events = frame_to_events(frame)
    first = events.loc[events["event"] == "received"].iloc[:3]
    extra = pd.DataFrame(
        [
            # a second appointment after a supplement (the frame keeps the last)
            {
                **first.iloc[0].to_dict(),
                "event": "appointed",
                "channel": "",
                "promised_due": "2026-12-31",
            },
            # an excluded period: the scalar path
            {**first.iloc[1].to_dict(), "event": "exclusion_started", "channel": "", "reason": "x"},
        ]
    )
    extra.index = first.index[:2] + 0.5  # right after the receipt
    events = pd.concat([events, extra]).fillna("").sort_index().reset_index(drop=True)
    csv_path, pq_path = tmp_path / "a.csv", tmp_path / "a.parquet"
    events.to_csv(csv_path, index=False)
    events.to_parquet(pq_path, index=False)
    return csv_path, pq_path, frame


@pytest.mark.parametrize("seed", [3, 4])
def test_audit_of_generated_files(
    seed: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tthc.columnar import audit_file

    csv_path, pq_path, _ = _audit_files(tmp_path, seed)
    for extra in (
        [],
        ["--format", "json"],
        ["--format", "csv"],
        ["--lang", "en", "--level", "commune"],
        ["--format", "json", "--agency", " sở tư pháp "],
    ):
        code, out = both(capsys, "audit", str(csv_path), "--catalogue", PROVINCE, *extra)
        assert code == 0
        if "json" in extra:  # json.dump's own text, written faster
            assert out == json.dumps(json.loads(out), ensure_ascii=False, indent=2) + "\n"
        # the scalar reader has no Parquet: compare with the CSV of the same events
        got = _run(["audit", str(pq_path), "--catalogue", PROVINCE, *extra], capsys)
        assert got == (0, out, "")
    r = audit_file(csv_path, procedures=read_catalogue(PROVINCE))
    assert (r.scalar_dossiers, r.frame_dossiers) == (1, 799)
    assert 0 < len(r.report.differences) < len(r.report) - 400
    assert r.report.not_audited


def test_audit_of_odd_timelines_and_bad_records(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    head = HEADER.rstrip("\n") + ",promised_due\n"
    rows = [
        "HS-1,X,2.002621,received,2026-03-06T17:30:00,,,,,,",
        "HS-1,X,2.002621,appointed,2026-03-06T17:30:00,,,,,,2026-03-12",
        # an appointment before the receipt: the scalar reader refuses the dossier
        "HS-2,X,2.002621,appointed,2026-03-06T09:00:00,,,,,,2026-03-12",
        "HS-2,X,2.002621,received,2026-03-06T09:00:00,,,,,,",
        # aware moments: the scalar path, counted
        "HS-3,X,2.002621,received,2026-03-06T09:00:00+07:00,,,,,,",
        "HS-3,X,2.002621,appointed,2026-03-06T09:00:00+07:00,,,,,,2026-03-13",
        # not in the catalogue, with a promised date: a stand-in, not audited
        "HS-4,X,1.004946,received,2026-03-06T09:00:00,,,,,,",
        "HS-4,X,1.004946,appointed,2026-03-06T09:00:00,,,,,,2026-03-13",
    ]
    path = tmp_path / "odd.csv"
    path.write_text(head + "\n".join(rows) + "\n", encoding="utf-8")
    code, _ = both(capsys, "audit", str(path))
    assert code == 1  # HS-2
    auto = _run(["audit", str(path), "--keep-going", "--format", "json"], capsys)
    assert auto == _run(
        ["audit", str(path), "--keep-going", "--format", "json", "--engine", "scalar"], capsys
    )
    assert '"cause": "after_hours_or_weekend"' in auto[1]
    good = tmp_path / "good.csv"
    good.write_text(head + "\n".join(rows[:2] + rows[4:]) + "\n", encoding="utf-8")
    for extra in ([], ["--format", "json"]):
        code, out = both(capsys, "audit", str(good), *extra)
        assert code == 0
    assert "procedure 1.004946 is not in the catalogue" in out


def test_audit_of_a_one_row_parquet_and_xlsx(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import load_workbook

    from tthc.columnar import audit_file, write_frame

    _, _, frame = _audit_files(tmp_path, 5)
    rows, pq_path = tmp_path / "rows.csv", tmp_path / "rows.parquet"
    frame.to_csv(rows, index=False, date_format="%Y-%m-%d %H:%M:%S")
    write_frame(frame, pq_path)
    code, out = both(capsys, "audit", str(rows), "--catalogue", PROVINCE, "--format", "json")
    assert code == 0
    assert _run(["audit", str(pq_path), "--catalogue", PROVINCE, "--format", "json"], capsys) == (
        0, out, "",
    )  # fmt: skip
    cat = read_catalogue(PROVINCE)
    assert audit_file(pq_path, procedures=cat).frame_dossiers == 800
    # JSON lines of either layout, as report_file reads them
    lines, event_lines = tmp_path / "rows.jsonl", tmp_path / "events.jsonl"
    frame.astype(object).where(frame.notna(), None).astype(str).replace("None", "").to_json(
        lines, orient="records", lines=True
    )
    frame_to_events(frame).to_json(event_lines, orient="records", lines=True)
    expected = audit_file(pq_path, procedures=cat).report
    assert audit_file(lines, procedures=cat).report == expected
    assert audit_file(event_lines, procedures=cat).report == expected
    books = []
    for engine in ("auto", "scalar"):
        book = tmp_path / f"{engine}.xlsx"
        argv = ["audit", str(rows), "--catalogue", PROVINCE, "--format", "xlsx", "-o", str(book)]
        assert _run([*argv, "--engine", engine], capsys)[0] == 0
        wb = load_workbook(book)
        books.append([[c.value for c in r] for ws in wb.worksheets for r in ws.iter_rows()])
    assert books[0] == books[1]


def test_audit_falls_back_to_the_scalar_reader(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "long.csv"
    path.write_text(
        "dossier_id,agency,procedure_code,event,at\n"
        "HS-1,X,2.002621,received,2026-03-06T09:00:00\n"
        "HS-1,X,2.002621,resolved,2026-03-06T10:00:00,extra\n",  # a row longer than the header
        encoding="utf-8",
    )
    code, _ = both(capsys, "audit", str(path))
    assert code == 1
    broken = tmp_path / "broken.parquet"  # not Parquet: the scalar path says what is wrong
    broken.write_text("not parquet\n", encoding="utf-8")
    code, _ = both(capsys, "audit", str(broken))
    assert code == 1


def test_audit_frame_refuses_an_unknown_procedure_without_a_promised_date() -> None:
    from tthc.columnar import audit_frame
    from tthc.errors import InvalidValueError

    frame = generate_frame(20, seed=1, promised=0.5)
    procs = read_catalogue(PROVINCE).procedures
    frame["procedure_code"] = "9.999999"
    with pytest.raises(InvalidValueError, match="unknown procedure code '9.999999'"):
        audit_frame(frame, procs)
    kept = frame.loc[frame["promised_due"].notna()]
    assert {r for _, r in audit_frame(kept, procs).not_audited} == {
        "procedure 9.999999 is not in the catalogue"
    }
    with pytest.raises(InvalidValueError, match="promised expected a share"):
        generate_frame(1, promised=1.5)


def test_audit_of_a_combined_cause_and_its_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # received on a Saturday, a supplement: the date the software printed is reproduced by two
    # conventions together (the table's summary names both; it raised a KeyError before)
    path = tmp_path / "combo.csv"
    d = "HS-1,Sở Nông nghiệp và Môi trường,2.000815"
    path.write_text(
        HEADER.rstrip("\n") + ",promised_due\n"
        f"{d},submitted,2026-08-22T13:21:00,,,,,,\n"
        f"{d},received,2026-08-22T13:43:00,online,,,,,\n"
        f"{d},appointed,2026-08-22T13:43:00,,,,,,2026-09-10\n"
        f"{d},supplement_requested,2026-08-22T14:03:00,,,,,,\n"
        f"{d},supplement_received,2026-09-08T16:49:00,,,,,,\n"
        f"{d},resolved,2026-09-09T13:43:00,,,,,true,\n"
        "HS-2,X,2.000815,received,2026-08-24T09:00:00,,,,,,\n",
        encoding="utf-8",
    )
    code, out = both(capsys, "audit", str(path), "--lang", "en")
    assert code == 0
    assert "Receipt after hours or on a weekend counted from the next working day + " in out
    code, out = both(capsys, "audit", str(path), "--format", "json")
    payload = json.loads(out)
    assert payload["by_cause"] == {"after_hours_or_weekend+supplement_paused": 1}
    assert out == json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    empty = tmp_path / "empty.csv"
    empty.write_text(HEADER, encoding="utf-8")
    code, out = both(capsys, "audit", str(empty), "--format", "json")
    assert out == json.dumps(json.loads(out), ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("command", [["report", "--period", "2026"], ["audit"]])
def test_the_bad_records_of_a_parquet_file_are_listed(
    tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    # only the columnar path reads Parquet: its bad records are listed by it (the scalar reader,
    # which lists those of the other files, said it could not tell the file's format)
    events = pd.DataFrame(
        {
            "dossier_id": ["HS-1", "HS-2"],
            "agency": ["X", "X"],
            "procedure_code": ["2.002621"] * 2,
            "event": ["received"] * 2,
            "at": ["2026-03-06T09:00:00", "not a moment"],
        }
    )
    path = tmp_path / "bad.parquet"
    events.to_parquet(path, index=False)
    name, *rest = command
    code, _, err = _run([name, str(path), *rest, "--format", "json"], capsys)
    assert code == 1
    assert f"{path}: line 3: at: expected an ISO 8601 datetime" in err
    assert f"1 bad record(s) in {path}; nothing reported" in err
    code, out, err = _run(
        [name, str(path), *rest, "--format", "json", "--keep-going"],
        capsys,
    )
    assert (code, err.count("line 3: at:"), "nothing reported" in err) == (0, 1, False)
    if name == "report":
        assert json.loads(out)["dossiers"] == 1
    # the scalar path cannot read it, and says so
    code, _, err = _run([name, str(path), *rest, "--engine", "scalar"], capsys)
    assert code == 1
    assert "a Parquet file is read in batch only" in err

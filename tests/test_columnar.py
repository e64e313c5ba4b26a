"""The columnar path (tthc.columnar) gives the scalar path's report, dossier for dossier."""

from __future__ import annotations

import contextlib
import io
import itertools
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import attrs
import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tthc import strategies as tst
from tthc.appointments import audit
from tthc.batch import dossiers_to_frame, frame_to_dossiers
from tthc.columnar import (
    audit_file,
    events_to_frame,
    read_frame,
    report_file,
    report_frame,
    truncate_frame,
    write_frame,
)
from tthc.errors import CalendarRangeError, DataRowError, InvalidValueError, TthcError
from tthc.formats import RowError, read_catalogue, read_dossiers, write_dossiers
from tthc.models import Appointed, Dossier, GovernmentLevel
from tthc.reports import ReportingPeriod, form06, inspection_report, progress_score
from tthc.synthetic import catalogue, generate_frame

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PROCS = catalogue()
HEADER = "dossier_id,agency,procedure_code,event,at,channel,reason,new_due,step,digitally_signed\n"


def scalar(
    dossiers: Sequence[Dossier], period: ReportingPeriod, procedures: Sequence[Any], **kw: Any
) -> tuple[Any, Any, Any]:
    return (
        form06(dossiers, period),
        progress_score(dossiers, period),
        inspection_report(dossiers, procedures, period, **kw),
    )


def same(report: Any, expected: tuple[Any, Any, Any]) -> None:
    assert report.form06 == expected[0]
    assert report.progress == expected[1]
    assert report.inspection == expected[2]


@pytest.mark.parametrize("name", ["commune-2026.events.csv", "commune-2026.dossiers.csv"])
def test_the_bundled_examples_give_the_scalar_report(name: str) -> None:
    cat = read_catalogue(EXAMPLES / "commune-2026.catalogue.json")
    published = {
        e.code: e.level for e in cat if e.published_in and e.level is not GovernmentLevel.DISTRICT
    }
    procs = list(cat.procedures.values())
    period = ReportingPeriod.year(2026)
    r = report_file(EXAMPLES / name, period, procedures=cat, catalogue=procs, published=published)
    dossiers = read_dossiers(EXAMPLES / name, procedures=cat)
    assert (r.dossiers, r.frame_dossiers, r.scalar_dossiers, r.errors) == (2500, 2500, 0, ())
    same(r, scalar(dossiers, period, procs, published=published))


def test_the_one_row_reader_takes_open_dossiers() -> None:
    # issue 12: every open dossier was refused ("end_kind expected one of ..., got ''")
    cat = read_catalogue(EXAMPLES / "commune-2026.catalogue.json")
    rows = read_dossiers(EXAMPLES / "commune-2026.dossiers.csv", procedures=cat)
    events = read_dossiers(EXAMPLES / "commune-2026.events.csv", procedures=cat)
    assert len(rows) == len(events) == 2500
    assert any(d.final_event is None for d in rows)
    assert dossiers_to_frame(rows).equals(dossiers_to_frame(events))


def _csv(dossiers: Sequence[Dossier]) -> io.StringIO:
    buf = io.StringIO()
    write_dossiers(dossiers, buf, format="csv")
    buf.seek(0)
    return buf


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        tst.dossiers(st.sampled_from(PROCS), aware=None, max_events=6),
        min_size=1,
        max_size=12,
        unique_by=lambda d: d.id,
    ),
    st.integers(0, 3),
    st.data(),
)
def test_every_timeline_gives_the_scalar_report(
    dossiers: list[Dossier], chunk: int, data: st.DataObject
) -> None:
    dossiers = [_appointed(d, data) for d in dossiers]
    period = ReportingPeriod.year(dossiers[0].received.at.year)
    r = report_file(_csv(dossiers), period, procedures=PROCS, format="csv", chunk_size=chunk * 7)
    back = read_dossiers(_csv(dossiers), format="csv", procedures=PROCS)
    assert r.errors == ()
    assert r.frame_dossiers + r.scalar_dossiers == r.dossiers == len(dossiers)
    same(r, scalar(back, period, PROCS))
    fits = 0
    for d in back:
        try:
            (again,) = frame_to_dossiers(dossiers_to_frame([d]), PROCS)
        except InvalidValueError:
            continue
        moments = [(type(e), e.at) for e in d.events if not isinstance(e, Appointed)]
        held = [(type(e), e.at) for e in again.events if not isinstance(e, Appointed)]
        assert again.promised_due == d.promised_due
        fits += not d.is_aware and moments == held
    assert r.frame_dossiers == fits
    # the audit in batch: the scalar audit's findings, reasons and order
    found = audit_file(_csv(dossiers), procedures=PROCS, format="csv", chunk_size=chunk * 7)
    assert found.report == audit(back)
    assert (found.frame_dossiers, found.scalar_dossiers) == (fits, len(back) - fits)


def _appointed(d: Dossier, data: st.DataObject) -> Dossier:
    """``d`` with up to two appointments (ngày hẹn trả) where its timeline allows them."""
    for _ in range(data.draw(st.integers(0, 2))):
        i = data.draw(st.integers(0, len(d.events)))
        at = d.events[max(i - 1, 0)].at
        day = at.date() + timedelta(days=data.draw(st.integers(-1, 20)))
        # not before the receipt nor after the end, nor a date before its day
        with contextlib.suppress(TthcError):
            d = attrs.evolve(
                d, events=[*d.events[:i], Appointed(at, promised_due=day), *d.events[i:]]
            )
    return d


def _events_file(path: Path, events: pd.DataFrame) -> Path:
    events.to_csv(path, index=False)
    return path


@pytest.mark.parametrize("cells", ["text", "objects", "categories"])
def test_a_frame_equals_the_frame_of_its_dossiers(cells: str) -> None:
    frame = generate_frame(300, seed=5, procedures=PROCS)
    dossiers = frame_to_dossiers(frame, PROCS)
    events = pd.read_csv(_csv(dossiers), dtype=str, keep_default_na=False)
    # however the table holds its text: Arrow text, Python strings, categoricals (every column)
    events = {"text": events, "objects": events.astype(object), "categories": events.astype("category")}[cells]  # fmt: skip
    out = events_to_frame(events, PROCS)
    assert out.scalar_rows.tolist() == []
    expected = dossiers_to_frame(dossiers)
    for col in expected.columns:
        assert out.frame[col].astype(str).tolist() == expected[col].astype(str).tolist(), col
    assert sorted(out.procedures) == sorted({str(c) for c in frame["procedure_code"]})


def test_ids_that_are_not_all_text_and_ids_out_of_order() -> None:
    # a dossier's rows apart (B between the rows of 7), ids of other types than text
    ev = pd.DataFrame(
        {
            "dossier_id": pd.Series([7, "B", 7, "B"], dtype=object),
            "agency": ["X"] * 4,
            "procedure_code": ["2.000815"] * 4,
            "event": ["received", "received", "resolved", "resolved"],
            "at": ["2026-01-09T15:20:00", "2026-01-09T16:00:00"] + ["2026-01-12T08:00:00"] * 2,
        }
    )
    out = events_to_frame(ev, PROCS)
    assert out.frame["id"].tolist() == ["7", "B"]
    assert out.frame["end_kind"].astype(str).tolist() == ["resolved", "resolved"]
    assert out.scalar_rows.tolist() == []


def test_the_ids_of_a_categorical_column_are_those_of_its_rows() -> None:
    # a categorical keeps the categories of rows filtered out: they are no dossier of the table
    # (the audit in chunks would take them for a dossier met again)
    ids = pd.Categorical(["B", "A", "A"], categories=["A", "B", "C"])
    ev = pd.DataFrame(
        {
            "dossier_id": ids,
            "agency": ["X"] * 3,
            "procedure_code": ["2.000815"] * 3,
            "event": ["received", "received", "resolved"],
            "at": ["2026-01-09T16:00:00", "2026-01-09T15:20:00", "2026-01-12T08:00:00"],
        }
    )
    out = events_to_frame(ev, PROCS)
    assert sorted(out.ids.tolist()) == ["A", "B"]
    assert sorted(events_to_frame(ev.astype({"dossier_id": str}), PROCS).ids) == ["A", "B"]


def test_work_in_threads_keeps_order_errors_and_stops_with_the_caller() -> None:
    import threading
    import time

    from tthc.columnar.reading import _in_threads

    before = {t for t in threading.enumerate() if t.name.startswith("tthc_")}

    def slow_square(i: int) -> int:
        time.sleep(0.01 * (i % 3))  # later items often finish first
        return i * i

    assert list(_in_threads(slow_square, range(9), 2)) == [i * i for i in range(9)]
    assert list(_in_threads(slow_square, range(3), 1)) == [0, 1, 4]

    def failing(i: int) -> int:
        if i == 2:
            raise InvalidValueError("bad block")
        return i

    out = _in_threads(failing, range(5), 2)
    assert [next(out), next(out)] == [0, 1]
    with pytest.raises(InvalidValueError, match="bad block"):
        next(out)

    def bad_items() -> Any:
        yield 1
        raise InvalidValueError("bad file")

    with pytest.raises(InvalidValueError, match="bad file"):
        list(_in_threads(lambda i: i, bad_items(), 2))
    taken: list[int] = []
    done: list[int] = []

    def counted() -> Any:
        for i in range(100):
            taken.append(i)
            yield i

    def work(i: int) -> int:
        done.append(i)
        return i

    ahead = _in_threads(work, counted(), 2)
    assert next(ahead) == 0
    ahead.close()  # the items not started are dropped; the running ones end first
    assert len(taken) <= 2
    assert len(done) <= 2
    after = {t for t in threading.enumerate() if t.name.startswith("tthc_")}
    assert after <= before  # this test's threads have all ended


BAD_ROWS = [
    "HS-1,X,2.000815,recieved,2026-01-09T15:20:00,,,,,\n",  # unknown event
    "HS-1,X,2.000815,received,2026-01-09 25:20,,,,,\n",  # not a moment
    "HS-1,X,2.000815,received,09/01/2026,,,,,\n",  # not ISO
    "HS-1,X,2.000815,received,2026-01-09T15:20:00,fax,,,,\n",  # bad channel
    "HS-1,X,2.000815,received,2026-01-09T15:20:00,,,,,yes\n",  # cell the kind has not
    "HS-1,X,9.999999,received,2026-01-09T15:20:00,,,,,\n",  # unknown procedure
    "HS-1,X,2.000815,received,2026-01-09T15:20:00\n",  # short row
    " ,X,2.000815,received,2026-01-09T15:20:00,,,,,\n",  # no id
]


@pytest.mark.parametrize("row", BAD_ROWS)
def test_bad_rows_give_the_scalar_errors(row: str) -> None:
    text = HEADER + "HS-0,X,2.000815,received,2026-01-08T15:20:00,,,,,\n" + row
    text += "HS-2,X,2.000815,received,2026-01-12T09:00:00,,,,,\n"
    period = ReportingPeriod.year(2026)
    r = report_file(io.StringIO(text), period, format="csv", catalogue=[])
    expected = read_dossiers(io.StringIO(text), format="csv", strict=False)
    assert r.errors == tuple(
        e.__class__(e.file, e.line, e.field, e.message, e.dossier_id) for e in expected.errors
    )
    assert r.dossiers == len(expected.dossiers)
    same(r, scalar(expected.dossiers, period, []))


@pytest.mark.parametrize(
    "rows",
    [
        # events out of order, a receipt missing, two receipts, a step, a submission in person,
        # an apology without a reason or not after its day, a close without a request, a return
        # without a decision, an aware moment, a supplement without a request
        ["resolved,2026-01-12T08:00:00", "received,2026-01-09T15:20:00"],
        ["resolved,2026-01-12T08:00:00"],
        ["received,2026-01-09T15:20:00", "received,2026-01-09T15:30:00"],
        ["received,2026-01-09T15:20:00", "step_completed,2026-01-09T16:00:00,,,,x"],
        ["submitted,2026-01-09T10:00:00", "received,2026-01-09T15:20:00,in_person"],
        ["received,2026-01-09T15:20:00", "apologized,2026-01-10T15:20:00,,,2026-01-20"],
        ["received,2026-01-09T15:20:00", "apologized,2026-01-10T15:20:00,,late,2026-01-10"],
        ["received,2026-01-09T15:20:00", "closed,2026-01-10T15:20:00"],
        ["received,2026-01-09T15:20:00", "returned,2026-01-10T15:20:00"],
        ["received,2026-01-09T15:20:00+07:00"],
        ["received,2026-01-09T15:20:00", "supplement_received,2026-01-10T15:20:00"],
        ["received,2026-01-09T15:20:00", "resolved,2026-01-10T15:20:00,,,,,maybe"],
    ],
)
def test_timelines_the_layout_cannot_hold_go_scalar(rows: list[str]) -> None:
    def row(text: str) -> str:
        cells = text.split(",")
        return "HS-1,X,2.000815," + ",".join(cells + [""] * (7 - len(cells))) + "\n"

    text = HEADER + "".join(row(r) for r in rows) + row("received,2026-01-12T09:00:00")
    period = ReportingPeriod.year(2026)
    r = report_file(
        io.StringIO(
            text.replace(
                "HS-1,X,2.000815,received,2026-01-12", "HS-2,X,2.000815,received,2026-01-12"
            )
        ),
        period,
        format="csv",
        catalogue=[],
    )
    expected = read_dossiers(
        io.StringIO(
            text.replace(
                "HS-1,X,2.000815,received,2026-01-12", "HS-2,X,2.000815,received,2026-01-12"
            )
        ),
        format="csv",
        strict=False,
    )
    assert [e.line for e in r.errors] == [e.line for e in expected.errors]
    assert r.frame_dossiers == 1
    same(r, scalar(expected.dossiers, period, []))


def test_a_receipt_before_2018_fails_on_both_paths() -> None:
    text = HEADER + "HS-1,X,2.000815,received,2017-01-09T15:20:00,,,,,\n"
    with pytest.raises(InvalidValueError, match="before NĐ 61/2018"):
        report_file(io.StringIO(text), ReportingPeriod.year(2017), format="csv")
    (d,) = read_dossiers(io.StringIO(text), format="csv")
    with pytest.raises(InvalidValueError, match="before NĐ 61/2018"):
        form06([d], ReportingPeriod.year(2017))


def test_rows_too_long_for_the_header() -> None:
    text = HEADER + "HS-1,X,2.000815,received,2026-01-09T15:20:00,,,,,,,\n"
    text += "HS-2,X,2.000815,received,2026-01-12T09:00:00,,,,,\n"
    r = report_file(io.StringIO(text), ReportingPeriod.year(2026), format="csv", catalogue=[])
    expected = read_dossiers(io.StringIO(text), format="csv", strict=False)
    assert r.errors == expected.errors
    assert (r.dossiers, r.scalar_dossiers) == (1, 1)


def test_inferred_receipts_and_blank_lines() -> None:
    text = (
        HEADER.replace("\n", ",inferred\n")
        + "HS-1,X,2.000815,submitted,2026-01-09T10:00:00,,,,,,\n"
        + "HS-1,X,2.000815,received,2026-01-09T15:20:00,online,,,,,true\n"
        + ",,,,,,,,,,\n"
        + "HS-2,X,2.000815,received,2026-01-12T09:00:00,,,,,,FALSE\n"
    )
    r = report_file(io.StringIO(text), ReportingPeriod.year(2026), format="csv")
    assert (r.frame_dossiers, r.scalar_dossiers, r.errors) == (1, 1, ())


def test_a_dossier_straddling_chunks_is_joined_up(tmp_path: Path) -> None:
    frame = generate_frame(400, seed=8, procedures=PROCS)
    dossiers = frame_to_dossiers(frame, PROCS)
    path = tmp_path / "events.csv"
    write_dossiers(dossiers, path)
    period = ReportingPeriod.quarter(2026, 1)
    whole = report_file(path, period, procedures=PROCS, chunk_size=0)
    for engine in ("pyarrow", "pandas"):
        parts = report_file(path, period, procedures=PROCS, chunk_size=97, engine=engine)
        assert parts.chunks > 10
        assert (parts.form06, parts.progress, parts.inspection) == (
            whole.form06,
            whole.progress,
            whole.inspection,
        )
    same(whole, scalar(dossiers, period, PROCS))


def test_a_chunks_last_dossier_with_rows_apart_is_held_back_whole() -> None:
    # the first chunk of 4 rows ends with A, whose receipt is its first row: both rows of A go on
    # to the next chunk, B's stay (the rows of a dossier need not be together inside a chunk)
    rows = [
        ("A", "received", "2026-01-09T08:00:00"),
        ("B", "received", "2026-01-09T09:00:00"),
        ("B", "resolved", "2026-01-12T08:00:00"),
        ("A", "resolved", "2026-01-12T09:00:00"),
        ("C", "received", "2026-01-13T08:00:00"),
        ("C", "resolved", "2026-01-14T08:00:00"),
    ]
    text = HEADER + "".join(f"{i},X,2.000815,{e},{at},,,,,\n" for i, e, at in rows)
    period = ReportingPeriod.year(2026)
    parts = report_file(io.StringIO(text), period, format="csv", chunk_size=4, engine="pandas")
    whole = report_file(io.StringIO(text), period, format="csv", chunk_size=0)
    assert (parts.errors, parts.chunks, parts.frame_dossiers) == ((), 3, 3)
    assert (parts.form06, parts.progress) == (whole.form06, whole.progress)


def test_chunks_need_the_events_of_a_dossier_together() -> None:
    text = HEADER + "".join(
        f"HS-{i % 5},X,2.000815,{'received' if i < 5 else 'resolved'},2026-01-{9 + i // 5:02d}T15:20:00,,,,,\n"
        for i in range(10)
    )
    with pytest.raises(InvalidValueError, match="HS-0.*sort the file by dossier_id"):
        report_file(io.StringIO(text), ReportingPeriod.year(2026), format="csv", chunk_size=5)
    whole = report_file(io.StringIO(text), ReportingPeriod.year(2026), format="csv")
    assert whole.form06.total.resolved == 5


_ORDERS = {
    "ascending": list(range(40)),  # every chunk after the last: put aside, never looked up
    "descending": list(range(39, -1, -1)),  # every chunk looked up in the levels
    # ascending, then below (looked up), then ascending again (put aside after levels exist)
    "mixed": [*range(10, 20), *range(10), *range(20, 40)],
}


@pytest.mark.parametrize("size", [1, 3])  # chunks of one dossier (ids ascend) or of three
@pytest.mark.parametrize("order", list(_ORDERS))
@pytest.mark.parametrize("back", [None, 0, 6, 15, 23, 38])
def test_a_dossier_back_after_many_chunks_is_refused(
    back: int | None, order: str, size: int
) -> None:
    # the ids seen are kept in sorted levels of about doubling sizes (not one array merged with
    # every chunk), or put aside while the chunks' ids ascend: a dossier met again is found
    # wherever its id is kept
    rows = [f"HS-{i:03d},X,2.000815,received,2026-01-09T15:20:00,,,,,\n" for i in _ORDERS[order]]
    if back is not None:  # its resolution after every other dossier
        rows.append(f"HS-{back:03d},X,2.000815,resolved,2026-01-12T15:20:00,,,,,\n")
    text = HEADER + "".join(rows)
    period = ReportingPeriod.year(2026)
    if back is None or back == _ORDERS[order][-1]:  # none back, or on the next row: together
        parts = report_file(io.StringIO(text), period, format="csv", chunk_size=size)
        whole = report_file(io.StringIO(text), period, format="csv", chunk_size=0)
        assert parts.chunks >= 40 // size
        assert (parts.form06, parts.progress) == (whole.form06, whole.progress)
        assert parts.form06.total.resolved == (back is not None)
        return
    with pytest.raises(InvalidValueError, match=f"line 42: dossier 'HS-{back:03d}' .* far apart"):
        report_file(io.StringIO(text), period, format="csv", chunk_size=size)


@pytest.mark.parametrize(
    "rows",
    [
        # a second request before the first is answered (the layout's supplement2_requested
        # would come before supplement_received): the scalar reader refuses the dossier
        ["received,2026-01-05T08:00:00,in_person", "supplement_requested,2026-01-06T08:00:00,",
         "supplement_requested,2026-01-07T08:00:00,", "supplement_received,2026-01-08T08:00:00,"],
        ["apologized,2026-01-04T08:00:00,,late,2026-01-20", "received,2026-01-05T08:00:00,in_person"],
        ["received,2026-01-05T08:00:00,online", "submitted,2026-01-06T08:00:00,"],
        ["received,2026-01-05T08:00:00,in_person", "resolved,2026-01-06T08:00:00,",
         "supplement_requested,2026-01-07T08:00:00,"],
        ["received,2026-01-05T08:00:00,in_person", "returned,2026-01-06T08:00:00,",
         "resolved,2026-01-07T08:00:00,"],
    ],
)  # fmt: skip
def test_a_timeline_out_of_the_layouts_order_goes_to_the_scalar_reader(rows: list[str]) -> None:
    # each of these passed the events pass and then stopped the whole report in read_frame
    # (InvalidTimelineError) where the scalar reader reports the dossier's rows
    lines = []
    for row in rows:
        kind, at, channel, *rest = row.split(",")
        reason, new_due = rest if rest else ("", "")
        lines.append(f"HS-1,X,2.000815,{kind},{at},{channel},{reason},{new_due},,\n")
    text = HEADER + "HS-0,X,2.000815,received,2026-01-05T08:00:00,in_person,,,,\n" + "".join(lines)
    expected = read_dossiers(io.StringIO(text), format="csv", strict=False)
    assert [d.id for d in expected.dossiers] == ["HS-0"]
    assert expected.errors
    for lists in (False, True):
        r = report_file(io.StringIO(text), ReportingPeriod.year(2026), format="csv", lists=lists)
        assert (r.dossiers, r.frame_dossiers, r.scalar_dossiers) == (1, 1, 0)
        # the lines a dossier's message names are the file's (the scalar reader read only its
        # rows: it named lines 2, 3 for lines 3, 4)
        assert [(e.line, e.message) for e in r.errors] == [
            (e.line, e.message) for e in expected.errors
        ]
    audited = audit_file(io.StringIO(text), format="csv")  # it left such a dossier out, silently
    assert [(e.line, e.message) for e in audited.errors] == [
        (e.line, e.message) for e in expected.errors
    ]


def test_procedures_keyed_otherwise_than_by_their_code_are_refused_alike() -> None:
    # a Mapping whose key is not the procedure's code: read_frame refuses the code; the arrays
    # (lists=False) raised KeyError
    alias = {"ALIAS": {p.code: p for p in PROCS}["2.000815"]}
    text = HEADER + "HS-1,X,ALIAS,received,2026-01-09T15:20:00,,,,,\n"
    for lists in (False, True):
        with pytest.raises(InvalidValueError, match="row 0 .id 'HS-1'.: procedure_code 'ALIAS'"):
            report_file(io.StringIO(text), ReportingPeriod.year(2026), procedures=alias,
                        format="csv", lists=lists)  # fmt: skip


@pytest.mark.parametrize("bad_line", [3, 5, 12, 30])
def test_the_first_error_in_file_order_whatever_the_threads_read_ahead(bad_line: int) -> None:
    # chunk 0 has a day past the calendar; a row with a cell too many comes a few blocks later:
    # the chunk's error wins, however far ahead the threads have read (the parse error sent the
    # file to the scalar reader, with its own message, when it was within the look-ahead)
    rows = [
        "HS-0,X,2.000815,received,2025-12-01T09:00:00,,,,,",
        "HS-0,X,2.000815,apologized,2025-12-16T09:00:00,,sorry,2045-12-19,,",
        *(f"HS-{i},X,2.000815,received,2025-12-0{1 + i % 9}T09:00:00,,,,," for i in range(1, 40)),
    ]
    rows[bad_line] += ",extra"
    text = HEADER + "\n".join(rows) + "\n"
    for lists in (False, True):
        with pytest.raises(CalendarRangeError, match=r"^row 0 \(id 'HS-0'\): apology_new_due"):
            report_file(io.StringIO(text), ReportingPeriod.year(2026), format="csv",
                        chunk_size=5, lists=lists)  # fmt: skip


def test_line_numbers_with_line_breaks_inside_cells() -> None:
    text = (
        HEADER
        + 'HS-1,X,2.000815,received,2026-01-09T15:20:00,,"two\nlines",,,\n'
        + "HS-2,X,2.000815,recieved,2026-01-09T15:20:00,,,,,\n"
    )
    r = report_file(io.StringIO(text), ReportingPeriod.year(2026), format="csv")
    expected = read_dossiers(io.StringIO(text), format="csv", strict=False)
    assert [e.line for e in r.errors] == [e.line for e in expected.errors] == [2, 4]


def test_as_of_and_truncation() -> None:
    frame = generate_frame(500, seed=6, procedures=PROCS)
    dossiers = frame_to_dossiers(frame, PROCS)
    as_of = datetime(2026, 3, 20, 12, 0)
    period = ReportingPeriod.quarter(2026, 1)
    known = [d.until(as_of) for d in dossiers if d.received.at <= as_of]
    r = report_frame(frame, period, procedures=PROCS, as_of=as_of)
    same(r, scalar(known, period, PROCS))
    assert r.dossiers == len(known)
    back = frame_to_dossiers(truncate_frame(frame, as_of), PROCS)
    assert [d.events for d in back] == [d.events for d in known]
    via_file = report_file(_csv(dossiers), period, procedures=PROCS, format="csv", as_of=as_of)
    same(via_file, scalar(known, period, PROCS))
    with pytest.raises(InvalidValueError, match="naive"):
        truncate_frame(frame, as_of.astimezone())


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 1, 20, 9, 30),
        datetime(2026, 3, 20, 12, 0),
        date(2026, 2, 27),
        date(2030, 1, 1),
    ],
)
def test_truncation_of_arrays_is_truncate_frame(moment: date | datetime) -> None:
    # the report's path without a pandas frame truncates arrays by the same rule (_cleared)
    from tthc.batch import FRAME_DATETIME_COLUMNS
    from tthc.columnar._common import _NAT, _kind_codes, _moment_us
    from tthc.columnar.frames import _truncate_arrays

    frame = generate_frame(800, seed=9, procedures=PROCS)
    moments = {
        c: frame[c].to_numpy(dtype="datetime64[us]").view(np.int64) for c in FRAME_DATETIME_COLUMNS
    }
    signed = frame["signed"].astype("boolean")
    codes = {
        "end_kind": _kind_codes(frame),
        "signed": np.where(signed.isna(), -1, signed.fillna(False).astype(int)).astype(np.int64),
        "row": np.arange(len(frame), dtype=np.int64),
    }
    keep, cut, cut_codes = _truncate_arrays(moments, codes, _moment_us(moment))
    expected = truncate_frame(frame, moment)
    assert (keep is None) == (expected is frame)
    assert cut_codes["row"].tolist() == expected.index.tolist()
    for c in FRAME_DATETIME_COLUMNS:
        want = expected[c].to_numpy(dtype="datetime64[us]").view(np.int64)
        assert cut[c].tolist() == want.tolist(), c
    assert cut_codes["end_kind"].tolist() == _kind_codes(expected).tolist()
    sg = expected["signed"].astype("boolean")
    assert cut_codes["signed"].tolist() == [-1 if pd.isna(v) else int(v) for v in sg]
    if keep is not None:  # something was cleared: the test can see a wrong rule
        assert (cut["end"] == _NAT).sum() > (moments["end"][keep] == _NAT).sum()


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"as_of": datetime(2026, 3, 20, 12, 0)},
        {"as_of": date(2026, 2, 27), "group_by": ("agency",)},
        {"agency": "  ubnd XÃ  tân thịnh ", "group_by": ("agency", "procedure")},
        {"level": "commune", "group_by": ("level",)},
    ],
)
def test_counts_without_a_pandas_frame_are_those_with_one(options: dict[str, Any]) -> None:
    # lists=False reads events into arrays (no pandas frame); lists=True builds one for the lists
    frame = generate_frame(1500, seed=17, procedures=PROCS)
    text = _csv(frame_to_dossiers(frame, PROCS)).getvalue()
    period = ReportingPeriod.quarter(2026, 1)

    def run(lists: bool) -> Any:
        return report_file(io.StringIO(text), period, procedures=PROCS, format="csv",
                           chunk_size=400, lists=lists, **options)  # fmt: skip

    counted, listed = run(False), run(True)
    assert counted.frame_dossiers == listed.frame_dossiers > 0
    assert counted.scalar_dossiers == listed.scalar_dossiers == 0
    assert (counted.form06, counted.progress) == (listed.form06, listed.progress)
    assert counted.late_counts == listed.late_counts
    assert counted.signature_counts == listed.signature_counts
    assert counted.form06.total.received > 0


def test_aware_dossiers_as_of() -> None:
    text = HEADER + "HS-1,X,2.000815,received,2026-01-09T15:20:00+07:00,,,,,\n"
    r = report_file(
        io.StringIO(text), ReportingPeriod.year(2026), format="csv", as_of=date(2026, 1, 8)
    )
    assert (r.dossiers, r.scalar_dossiers) == (0, 0)
    r = report_file(
        io.StringIO(text), ReportingPeriod.year(2026), format="csv", as_of=date(2026, 1, 9)
    )
    assert r.scalar_dossiers == 1


def test_frame_files_with_bad_rows(tmp_path: Path) -> None:
    frame = generate_frame(50, seed=2, procedures=PROCS)
    raw = frame.astype(object).where(frame.notna(), "")
    raw.loc[3, "channel"] = "fax"
    raw.loc[7, "received"] = "soon"
    raw.loc[9, "end_kind"] = ""  # an end without its kind: the engine refuses it
    raw.loc[9, "end"] = "2026-01-01 10:00:00" if raw.loc[9, "end"] == "" else raw.loc[9, "end"]
    raw.loc[11, "procedure_code"] = "0.000000"
    path = tmp_path / "frame.csv"
    raw.to_csv(path, index=False)
    period = ReportingPeriod.year(2026)
    r = report_file(path, period, procedures=PROCS)
    expected = read_dossiers(path, procedures=PROCS, strict=False)

    # the same bad rows (the scalar reader lists bad cells before timelines that do not build)
    # (a timeline that does not build: field "events" there, none here)
    def where(errors: Sequence[RowError]) -> list[tuple[int | None, str]]:
        return sorted((e.line, "" if e.field in (None, "events") else e.field) for e in errors)

    assert where(r.errors) == where(expected.errors)
    assert [e.line for e in r.errors] == [5, 9, 11, 13]
    assert r.dossiers == len(expected.dossiers) == 46
    same(r, scalar(expected.dossiers, period, PROCS))
    with pytest.raises(DataRowError, match="line 5: channel"):
        read_frame(path)


def test_unknown_columns_and_layouts(tmp_path: Path) -> None:
    period = ReportingPeriod.year(2026)
    r = report_file(
        io.StringIO("id,received,colour\nA,2026-01-01 10:00,red\n"), period, format="csv"
    )
    assert "unknown column(s) ['colour']" in r.errors[0].message
    r = report_file(io.StringIO("a,b\n1,2\n"), period, format="csv")
    assert r.errors[0].line == 1
    assert (r.dossiers, r.errors[0].field) == (0, "a")
    with pytest.raises(InvalidValueError, match="cannot tell the format"):
        report_file(tmp_path / "x.txt", period)
    with pytest.raises(InvalidValueError, match="format: expected one of"):
        report_file(tmp_path / "x.txt", period, format="xml")
    with pytest.raises(InvalidValueError, match="chunk_size"):
        report_file(tmp_path / "x.csv", period, chunk_size=-1)
    with pytest.raises(InvalidValueError, match="engine"):
        report_file(tmp_path / "x.csv", period, engine="polars")
    with pytest.raises(InvalidValueError, match="period"):
        report_file(tmp_path / "x.csv", "2026")  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="missing column 'at'"):
        events_to_frame(
            pd.DataFrame({"dossier_id": [], "agency": [], "procedure_code": [], "event": []})
        )


@pytest.mark.parametrize("fmt", ["parquet", "jsonl", "csv"])
def test_frames_and_events_in_parquet_and_json_lines(tmp_path: Path, fmt: str) -> None:
    frame = generate_frame(200, seed=9, procedures=PROCS)
    dossiers = frame_to_dossiers(frame, PROCS)
    period = ReportingPeriod.quarter(2026, 1)
    expected = scalar(dossiers, period, PROCS)
    path = tmp_path / f"dossiers.{fmt}"
    if fmt == "jsonl":
        frame.astype(object).where(frame.notna(), None).astype(str).replace("None", "").to_json(
            path, orient="records", lines=True
        )
    else:
        write_frame(frame, path)
    same(report_file(path, period, procedures=PROCS), expected)
    if fmt == "csv":  # either parser
        same(report_file(path, period, procedures=PROCS, engine="pandas"), expected)
    back = read_frame(path)
    assert back["received"].tolist() == frame["received"].tolist()
    events = pd.read_csv(_csv(dossiers), dtype=str, keep_default_na=False)
    epath = tmp_path / f"events.{fmt}"
    if fmt == "jsonl":
        events.to_json(epath, orient="records", lines=True)
    else:
        write_frame(events, epath)
    same(report_file(epath, period, procedures=PROCS), expected)
    if fmt == "csv":  # pandas' parser read procedure code 9.000010 as 9.00001
        same(report_file(epath, period, procedures=PROCS, engine="pandas"), expected)


@pytest.mark.parametrize("chunk_size", [0, 7])
def test_events_in_parquet_with_moments_and_numbers_as_such(
    tmp_path: Path, chunk_size: int
) -> None:
    # an analyst's Parquet file: moments as timestamps, ids as integers, codes as numbers; read
    # as the text they stand for (they raised Arrow's and Python's errors before)
    frame = generate_frame(60, seed=31, procedures=PROCS)
    dossiers = frame_to_dossiers(frame, PROCS)
    events = pd.read_csv(_csv(dossiers), dtype=str, keep_default_na=False)
    period = ReportingPeriod.quarter(2026, 1)
    typed = events.assign(
        at=pd.to_datetime(events["at"]), dossier_id=pd.factorize(events["dossier_id"])[0] + 1
    )
    numbers = typed.assign(procedure_code=[2.5] * len(typed))
    for table, name in ((typed, "typed"), (numbers, "numbers")):
        path = tmp_path / f"{name}.parquet"
        table.to_parquet(path, index=False)
        r = report_file(path, period, procedures=PROCS, chunk_size=chunk_size)
        text = table.astype(str)
        text["at"] = table["at"].dt.strftime("%Y-%m-%dT%H:%M:%S")
        expected = report_file(
            _events_file(tmp_path / f"{name}.csv", text), period, procedures=PROCS
        )
        assert (r.form06, r.progress, r.inspection) == (
            expected.form06,
            expected.progress,
            expected.inspection,
        )
        assert [e.message for e in r.errors] == [e.message for e in expected.errors]
        assert (r.frame_dossiers, r.scalar_dossiers) == (
            expected.frame_dossiers,
            expected.scalar_dossiers,
        )
    assert r.errors  # 2.5 is no procedure code of the catalogue: every dossier refused, by name


def test_write_frame_refuses_other_formats(tmp_path: Path) -> None:
    with pytest.raises(InvalidValueError, match="parquet"):
        write_frame(pd.DataFrame(), tmp_path / "x.json")
    with pytest.raises(InvalidValueError, match="read_frame reads"):
        read_frame(tmp_path / "x.json")


def test_json_dossier_files_go_through_the_scalar_path(tmp_path: Path) -> None:
    dossiers = frame_to_dossiers(generate_frame(30, seed=1, procedures=PROCS), PROCS)
    path = tmp_path / "d.json"
    write_dossiers(dossiers, path)
    period = ReportingPeriod.quarter(2026, 1)
    r = report_file(path, period, procedures=PROCS)
    assert (r.frame_dossiers, r.scalar_dossiers) == (0, 30)
    same(r, scalar(dossiers, period, PROCS))


def test_empty_files() -> None:
    period = ReportingPeriod.year(2026)
    r = report_file(io.StringIO(HEADER), period, format="csv")
    assert (r.dossiers, r.form06.total.received, r.progress.rate) == (0, 0, None)
    r = report_file(io.StringIO("id,procedure_code,channel,received\n"), period, format="csv")
    assert r.dossiers == 0
    assert np.array_equal(
        truncate_frame(pd.DataFrame({"received": pd.to_datetime([])}), date(2026, 1, 1)).shape,
        (0, 1),
    )


@pytest.mark.parametrize(
    "config",
    [
        {"include_open": False},
        {"include_ended": False},
        {"repeated_supplement_overdue": False},
    ],
)
def test_progress_score_options(config: dict[str, bool]) -> None:
    from tthc.reports import QD766_PROGRESS, ProgressScoreConfig

    cfg: ProgressScoreConfig = attrs.evolve(QD766_PROGRESS, **config)  # type: ignore[arg-type]
    frame = generate_frame(400, seed=3, procedures=PROCS)
    dossiers = frame_to_dossiers(frame, PROCS)
    period = ReportingPeriod.quarter(2026, 2)
    r = report_frame(frame, period, procedures=PROCS, config=cfg)
    assert r.progress == progress_score(dossiers, period, config=cfg)


def test_a_frame_with_only_the_required_columns() -> None:
    frame = generate_frame(100, seed=4, procedures=PROCS)[
        ["id", "procedure_code", "channel", "received"]
    ]
    dossiers = frame_to_dossiers(frame, PROCS)
    period = ReportingPeriod.quarter(2026, 1)
    same(report_frame(frame, period, procedures=PROCS), scalar(dossiers, period, PROCS))
    with_end = generate_frame(100, seed=4, procedures=PROCS).drop(columns=["signed"])
    dossiers = frame_to_dossiers(with_end, PROCS)
    same(report_frame(with_end, period, procedures=PROCS), scalar(dossiers, period, PROCS))
    assert len(truncate_frame(with_end, date(2026, 1, 31))) > 0


def test_an_impossible_new_date() -> None:
    text = (
        HEADER
        + "HS-1,X,2.000815,received,2026-01-09T15:20:00,,,,,\n"
        + "HS-1,X,2.000815,apologized,2026-01-10T15:20:00,,late,2026-02-30,,\n"
    )
    r = report_file(io.StringIO(text), ReportingPeriod.year(2026), format="csv", catalogue=[])
    expected = read_dossiers(io.StringIO(text), format="csv", strict=False)
    assert r.errors == expected.errors
    assert r.frame_dossiers == 0


def test_the_pandas_engine_whole_and_automatic_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tthc.columnar.reading as reading

    dossiers = frame_to_dossiers(generate_frame(120, seed=7, procedures=PROCS), PROCS)
    path = tmp_path / "events.csv"
    write_dossiers(dossiers, path)
    period = ReportingPeriod.quarter(2026, 1)
    whole = report_file(path, period, procedures=PROCS, engine="pandas", chunk_size=0)
    same(whole, scalar(dossiers, period, PROCS))
    monkeypatch.setattr(reading, "AUTO_CHUNK_BYTES", 1000)
    monkeypatch.setattr(reading, "DEFAULT_CHUNK_ROWS", 50)
    auto = report_file(path, period, procedures=PROCS)
    assert auto.chunks > 5
    same(auto, scalar(dossiers, period, PROCS))
    path.write_text(path.read_text() + "HS-x,X,2.000815,received,2026-01-09T15:20:00,,,,,,,\n")
    bad = report_file(path, period, procedures=PROCS)
    assert [e.line for e in bad.errors] == [len(path.read_text().splitlines())]


def test_the_one_row_reader_names_unknown_columns() -> None:
    result = read_dossiers(
        io.StringIO("id,received,colour\nA,2026-01-01 10:00,red\n"), format="csv", strict=False
    )
    assert result.errors[0].line == 1
    assert "unknown column(s) ['colour']" in result.errors[0].message


def test_blocks_cut_between_records_only() -> None:
    from tthc.columnar.reading import _blocks

    text = HEADER + "".join(
        f"HS-{i},X,2.000815,received,2026-01-09T15:20:00,,,,,\n"
        f'HS-{i},X,2.000815,refused,2026-01-10T15:20:00,,"a\n{"long " * (i * 9)}",,,\n'
        for i in range(12)
    )
    text = text.rstrip("\n")  # no line break at the end
    blocks = [bytes(b) for b, _ in _blocks(io.StringIO(text), 1)]
    assert len(blocks) > 5
    assert b"".join(blocks) == text[len(HEADER) :].encode()  # the header line left out
    assert all(b.count(b'"') % 2 == 0 for b in blocks)
    r = report_file(io.StringIO(text), ReportingPeriod.year(2026), format="csv", chunk_size=1)
    assert (r.dossiers, r.frame_dossiers, r.errors) == (12, 12, ())
    assert r.chunks > 5


def test_frame_to_events_is_the_scalar_writer() -> None:
    from tthc.columnar import frame_to_events

    frame = generate_frame(400, seed=11, procedures=PROCS)
    expected = pd.read_csv(
        _csv(frame_to_dossiers(frame, PROCS)), dtype=str, keep_default_na=False
    ).reindex(columns=frame_to_events(frame).columns, fill_value="")
    assert frame_to_events(frame).equals(expected)
    odd = frame.head(3).copy()
    odd["received"] = odd["received"] + pd.Timedelta(microseconds=5)
    assert frame_to_events(odd)["at"].iloc[0].endswith(".000005") or "." in "".join(
        frame_to_events(odd)["at"]
    )


def test_late_counts_match_the_late_list() -> None:
    frame = generate_frame(600, seed=12, procedures=PROCS)
    r = report_frame(frame, ReportingPeriod.quarter(2026, 1), procedures=PROCS)
    late = r.inspection.late
    assert r.late_counts == {
        "late_or_overdue": len(late),
        "late_without_apology": sum(1 for x in late if not x.apologized),
        "late_without_apology_finished": sum(
            1 for x in late if not x.apologized and x.outcome.value == "late"
        ),
        "apology_late": sum(1 for x in late if x.apology_in_time is False),
        "new_date_missed": sum(1 for x in late if x.new_due_kept is False),
    }


def test_blocks_end_at_a_dossier_boundary() -> None:
    from tthc.columnar.reading import _blocks, _dossier_start

    rows = "".join(f"HS-{i // 3},X,2.000815,received,2026-01-09T15:20:00,,,,,\n" for i in range(30))
    blocks = list(_blocks(io.StringIO(HEADER + rows), 4, key_first=True))
    assert all(whole for _, whole in blocks)
    ids = [{line.split(b",")[0] for line in bytes(b).splitlines()} for b, _ in blocks]
    assert all(not (a & b) for a, b in itertools.pairwise(ids))  # no dossier split
    assert _dossier_start(b'"HS-1",X\n', 8) is None  # a quoted id: cut as usual
    assert _dossier_start(b"HS-1,X\nHS-1,Y\n", 14) == 0  # one dossier fills the block
    assert _dossier_start(b'HS-0,"a\nHS-1,b"\nHS-1,c\n', 22) is None  # inside quotes
    # the caller found no quote before the cut: no scan for one
    assert _dossier_start(b"HS-0,a\nHS-1,b\nHS-1,c\n", 21, quoted=False) == 7
    big = "".join("HS-1,X,2.000815,received,2026-01-09T15:20:00,,,,,\n" for _ in range(9))
    (only,) = _blocks(io.StringIO(HEADER + big), 2, key_first=True)
    assert (bytes(only[0]), only[1]) == (big.encode(), True)


def test_hashes_of_long_and_missing_ids_and_empty_chunks() -> None:
    from tthc.columnar.run import _hashes

    h = _hashes(pd.Series(["x" * 70, "x" * 69 + "y", "", None, "a"], dtype=object))
    assert len(set(h.tolist())) == 4  # "" and a missing id hash alike


@pytest.mark.parametrize(
    "texts", [["HS-001", "HS-0002"], ["HS-001", "HS-002", "HS-010"], ["x" * 70, "y" * 70], [""] * 2]
)
def test_an_ids_hash_does_not_depend_on_the_other_ids(texts: list[str]) -> None:
    # ids all of one length are hashed as a table of bytes, others position by position: a
    # chunk of either kind must give an id the hash of the other
    from tthc.columnar.run import _hashes

    alone = [int(_hashes(pa.array([t], type=pa.large_string()))[0]) for t in texts]
    together = _hashes(pa.array(texts, type=pa.large_string()).slice(0))
    mixed = _hashes(pa.array(["?" * 5, *texts], type=pa.large_string()).slice(1))
    assert together.tolist() == alone == mixed.tolist()
    assert len(set(alone)) == len(set(texts))
    r = report_file(io.StringIO(HEADER), ReportingPeriod.year(2026), format="csv", chunk_size=5)
    assert r.dossiers == 0


def test_counts_only_keep_memory_flat() -> None:
    frame = generate_frame(600, seed=13, procedures=PROCS)
    dossiers = frame_to_dossiers(frame, PROCS)
    text = HEADER.replace("\n", ",inferred\n")
    buf = _csv(dossiers)
    period = ReportingPeriod.quarter(2026, 1)
    full = report_file(buf, period, procedures=PROCS, format="csv", chunk_size=300)
    buf.seek(0)
    counts = report_file(buf, period, procedures=PROCS, format="csv", chunk_size=300, lists=False)
    assert counts.late_counts == full.late_counts
    assert counts.signature_counts == full.signature_counts
    # every count of the lists is met (so that a wrong one is seen), on both paths
    many = generate_frame(3000, seed=13, procedures=PROCS)
    year = ReportingPeriod.year(2026)
    listed = report_frame(many, year, procedures=PROCS)
    counted = report_file(_csv(frame_to_dossiers(many, PROCS)), year, procedures=PROCS,
                          format="csv", chunk_size=700, lists=False)  # fmt: skip
    assert counted.late_counts == listed.late_counts
    assert counted.signature_counts == listed.signature_counts
    assert all(listed.late_counts.values()), listed.late_counts
    assert all(listed.signature_counts.values()), listed.signature_counts
    assert (counts.form06, counts.progress) == (full.form06, full.progress)
    with pytest.raises(InvalidValueError, match="lists=False"):
        _ = counts.inspection
    mixed = io.StringIO(
        text
        + "HS-1,X,2.000815,submitted,2026-01-09T10:00:00,,,,,,\n"
        + "HS-1,X,2.000815,received,2026-01-09T15:20:00,online,,,,,true\n"
    )
    r = report_file(mixed, period, format="csv", lists=False)
    assert (r.scalar_dossiers, r.late_counts["late_or_overdue"]) == (1, 1)


def test_parquet_events_in_row_batches(tmp_path: Path) -> None:
    from tthc.columnar import frame_to_events

    frame = generate_frame(300, seed=21, procedures=PROCS)
    path = tmp_path / "events.parquet"
    frame_to_events(frame).to_parquet(path, index=False)
    period = ReportingPeriod.quarter(2026, 1)
    whole = report_file(path, period, procedures=PROCS, chunk_size=0)
    parts = report_file(path, period, procedures=PROCS, chunk_size=97)
    auto = report_file(path, period, procedures=PROCS)
    assert (whole.chunks, auto.chunks) == (1, 1)
    assert parts.chunks > 5
    for r in (parts, auto):
        assert (r.form06, r.progress, r.inspection) == (
            whole.form06,
            whole.progress,
            whole.inspection,
        )
    same(whole, scalar(frame_to_dossiers(frame, PROCS), period, PROCS))


def test_moments_with_an_invalid_date_are_read_one_by_one() -> None:
    from tthc.columnar.events import _parse_moments

    got = _parse_moments(
        pa.array(["2026-02-30T10:00:00", "2026-01-01T10:00:00", "2026-01-01 10:00", None])
    )
    nat = np.iinfo(np.int64).min
    assert got[0] == got[3] == nat
    assert got[1] == got[2] == np.datetime64("2026-01-01T10:00", "us").astype(np.int64)


def test_the_audit_in_chunks(tmp_path: Path) -> None:
    from tthc.columnar import frame_to_events

    frame = generate_frame(300, seed=22, procedures=PROCS, promised=0.8)
    events = frame_to_events(frame)
    path = tmp_path / "e.csv"
    events.to_csv(path, index=False)
    whole = audit_file(path, procedures=PROCS, chunk_size=0)
    assert whole.report == audit(frame_to_dossiers(frame, PROCS))
    for size in (1, 7, 500):
        assert audit_file(path, procedures=PROCS, chunk_size=size) == whole
    events.to_parquet(tmp_path / "e.parquet", index=False)
    assert audit_file(tmp_path / "e.parquet", procedures=PROCS, chunk_size=100) == whole
    # a dossier's events far apart: refused in chunks, read whole otherwise
    last = int(np.flatnonzero(events["dossier_id"] == events["dossier_id"].iloc[0])[-1])
    apart = pd.concat([events.drop(index=last), events.iloc[[last]]])  # its last event
    apart.to_csv(path, index=False)
    with pytest.raises(InvalidValueError, match="rows far apart"):
        audit_file(path, procedures=PROCS, chunk_size=100)
    assert audit_file(path, procedures=PROCS).report == whole.report
    with pytest.raises(InvalidValueError, match="chunk_size"):
        audit_file(path, chunk_size=-1)


def test_the_audit_of_a_file_with_rows_too_long() -> None:
    text = HEADER + "HS-1,X,2.000815,received,2026-01-09T15:20:00,,,,,\n"
    text += "HS-2,X,2.000815,received,2026-01-09T15:20:00,,,,,,,\n"
    found = audit_file(io.StringIO(text), format="csv")
    expected = read_dossiers(io.StringIO(text), format="csv", strict=False)
    assert found.errors == expected.errors
    assert found.report == audit(expected.dossiers)
    assert (found.frame_dossiers, found.scalar_dossiers) == (0, 1)


def test_a_scalar_dossier_with_a_guarded_id_keeps_its_place() -> None:
    # tthc writes the id "-" as "'-" (a formula guard); the scalar reader reads it back as "-"
    # and the columnar path must find that dossier's first row by the id as read (was KeyError)
    text = HEADER + (
        "'-,X,2.000815,received,2026-01-09T15:20:00,,,,,\n"
        "'-,X,2.000815,exclusion_started,2026-01-10T15:20:00,,giám định,,,\n"
        "'-,X,2.000815,exclusion_ended,2026-01-12T15:20:00,,,,,\n"
    )
    r = report_file(io.StringIO(text), ReportingPeriod.year(2026), format="csv", classified=True)
    assert (r.dossiers, r.scalar_dossiers, r.errors) == (1, 1, ())
    assert r.classified is not None
    assert r.classified["id"].tolist() == ["-"]


_US_RANGE = (-62135596800 * 10**6, 253402300799999999)  # 0001-01-01 .. 9999-12-31T23:59:59.999999


@settings(max_examples=200, deadline=None)
@given(
    values=st.lists(
        st.one_of(st.none(), st.integers(*_US_RANGE), st.integers(-(10**7), 10**7)), max_size=20
    ),
    unit=st.sampled_from(["s", "ms", "us", "ns"]),
)
def test_moments_and_integers_as_text_are_what_str_gives(
    values: list[int | None], unit: str
) -> None:
    # a Parquet file's typed columns are read as the text of each cell (Python's ``str``); the
    # integers and the moments without a zone are converted by Arrow, to the same text
    from tthc.columnar.events import _as_text

    per = {"s": 10**6, "ms": 10**3, "us": 1, "ns": 1}[unit]
    scale = {"ns": 1000}.get(unit, 1)
    moments = [None if v is None else v // per * scale for v in values]
    if unit == "ns":  # nanoseconds are only as fine as Python's datetime within its range
        moments = [None if v is None or abs(v) > 9 * 10**18 else v for v in moments]
    table = pa.table(
        {
            "at": pa.array(moments, pa.int64()).cast(pa.timestamp(unit)),
            "n": pa.array(values, pa.int64()),
            "small": pa.array([None if v is None else v % 100 - 50 for v in values], pa.int8()),
        }
    )
    text = _as_text(table)
    for name in table.column_names:
        expected = [None if v is None else str(v) for v in table.column(name).to_pylist()]
        assert text.column(name).to_pylist() == expected
        assert text.schema.field(name).type == pa.large_string()


def test_moments_finer_than_a_microsecond_with_a_zone_or_far_away_go_through_str() -> None:
    from tthc.columnar.events import _as_text, _str_of

    table = pa.table(
        {
            "ns": pa.array([1, None], pa.timestamp("ns")),
            "zone": pa.array([0, 1767225601 * 10**6], pa.timestamp("us", tz="Asia/Ho_Chi_Minh")),
            "far": pa.array([10**18 * 9], pa.timestamp("us")).take(pa.array([0, 0])),
        }
    )
    assert [_str_of(table.column(c).combine_chunks()) for c in table.column_names] == [None] * 3
    text = _as_text(table)
    assert text.column("ns").to_pylist() == ["1970-01-01 00:00:00.000000001", None]
    assert text.column("zone").to_pylist()[1] == "2026-01-01 07:00:01+07:00"
    # Python's datetime cannot hold the year 287163: the value as Arrow names it
    assert text.column("far").to_pylist() == ["<value out of range: 9000000000000000000>"] * 2


@pytest.mark.parametrize("kind", ["timestamp", "date"])
def test_a_parquet_moment_beyond_the_year_9999_refuses_its_row(tmp_path: Path, kind: str) -> None:
    # Python's str raised OverflowError for such a cell, and the whole report stopped with it
    far = (
        pa.array([1767225601 * 10**6, 9 * 10**18, 1767225601 * 10**6], pa.timestamp("us"))
        if kind == "timestamp"
        else pa.array([20454, 10**7, 20454], pa.date32())
    )
    table = pa.table(
        {
            "dossier_id": ["A", "B", "C"],
            "agency": ["X"] * 3,
            "procedure_code": ["2.000815"] * 3,
            "event": ["received"] * 3,
            "at": far,
        }
    )
    path = tmp_path / "far.parquet"
    import pyarrow.parquet as pq

    pq.write_table(table, path)
    r = report_file(path, ReportingPeriod.year(2026), procedures=PROCS)
    assert r.frame_dossiers + r.scalar_dossiers == (2 if kind == "timestamp" else 0)
    assert [e.line for e in r.errors] == ([3] if kind == "timestamp" else [2, 3, 4])
    assert "value out of range: " in r.errors[len(r.errors) // 2].message

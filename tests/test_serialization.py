"""tthc.serialization: the converter's forms, lossless round trips, data files and their errors."""

from __future__ import annotations

import contextlib
import io
import json
import sys
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tthc.calendar import DayKind, Override, Session, WorkingCalendar, vietnam_calendar
from tthc.deadlines import Deadline, deadline
from tthc.errors import DataError, DataRowError, TthcError
from tthc.formats import (
    DOSSIER_CSV_COLUMNS,
    CatalogueEntry,
    ReadResult,
    RowError,
    bundled_catalogue,
    converter,
    dumps,
    loads,
    make_converter,
    read_catalogue,
    read_dossiers,
    structure,
    unstructure,
    write_dossiers,
)
from tthc.models import (
    Apologized,
    Channel,
    Dossier,
    Event,
    GovernmentLevel,
    Procedure,
    ProcessStep,
    Received,
    Resolved,
    Returned,
    StepCompleted,
    Submitted,
    SupplementReceived,
    SupplementRequested,
)
from tthc.outcomes import Classification, classify
from tthc.strategies import calendars, dossiers, events, procedures, time_limits
from tthc.timelimits import Precision, TimeLimit, Unit

CERT = bundled_catalogue()["2.000815"].procedure
LIENTHONG = bundled_catalogue()["2.002621"].procedure
HEADER = "dossier_id,agency,procedure_code,event,at,channel,reason,new_due,step,digitally_signed\n"


def _csv(*rows: str) -> io.StringIO:
    return io.StringIO(HEADER + "".join(r + "\n" for r in rows))


def _full_dossier() -> Dossier:
    return Dossier(
        "HS-001",
        LIENTHONG,
        [
            Submitted(datetime(2026, 2, 12, 21, 5)),
            Received(datetime(2026, 2, 23, 8, 0), channel=Channel.ONLINE),
            SupplementRequested(datetime(2026, 2, 23, 9, 0), reason="Thiếu giấy chứng sinh"),
            SupplementReceived(datetime(2026, 2, 24, 10, 0)),
            StepCompleted(datetime(2026, 2, 24, 15, 0), step="Đăng ký khai sinh"),
            Apologized(
                datetime(2026, 2, 26, 9, 0), new_due=date(2026, 3, 2), reason="Chờ xác minh"
            ),
            Resolved(datetime(2026, 2, 27, 16, 45), digitally_signed=True),
            Returned(datetime(2026, 3, 2, 8, 0)),
        ],
        agency="UBND xã Tân Hòa",
    )


# -- the JSON forms ----------------------------------------------------------------------------


def test_scalar_forms() -> None:
    assert unstructure(date(2026, 2, 12)) == "2026-02-12"
    assert unstructure(datetime(2026, 2, 12, 9, 30)) == "2026-02-12T09:30:00"
    aware = datetime(2026, 2, 12, 9, 30, tzinfo=timezone(timedelta(hours=7)))
    assert unstructure(aware) == "2026-02-12T09:30:00+07:00"
    assert unstructure(time(15, 0)) == "15:00:00"
    assert unstructure(timedelta(hours=1, minutes=30)) == "PT1H30M"
    assert unstructure(timedelta(minutes=1, seconds=5)) == "PT1M5S"
    assert unstructure(Channel.ONLINE) == "online"
    assert unstructure(GovernmentLevel.COMMUNE) == "commune"


def test_naive_stays_naive_and_aware_keeps_its_offset() -> None:
    naive = loads('"2026-02-12T09:30:00"', datetime)
    assert naive.tzinfo is None
    aware = loads('"2026-02-12T09:30:00-05:00"', datetime)
    assert aware.utcoffset() == timedelta(hours=-5)
    assert aware == datetime(2026, 2, 12, 14, 30, tzinfo=timezone.utc)
    assert loads('"2026-02-12T02:30:00Z"', datetime).utcoffset() == timedelta(0)


def test_time_limit_is_its_canonical_text_and_accepts_the_structured_form() -> None:
    limit = TimeLimit(20, Unit.WORKING_DAY, excluding="thực hiện nghĩa vụ tài chính")
    assert (
        unstructure(limit) == "20 ngày làm việc (không kể thời gian thực hiện nghĩa vụ tài chính)"
    )
    assert loads(dumps(limit), TimeLimit) == limit
    structured = loads('{"amount": 5, "unit": "working_day"}', TimeLimit)
    assert structured == TimeLimit.working_days(5)
    assert loads('{"amount": 0, "unit": "same_day", "cutoff": "15:00"}', TimeLimit) == (
        TimeLimit.same_day(cutoff=time(15, 0))
    )
    assert loads('"Không quá 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ"', TimeLimit) == (
        TimeLimit.working_days(5)
    )


def test_events_are_tagged_by_kind_first() -> None:
    data = unstructure(Apologized(datetime(2026, 2, 25, 9), new_due=date(2026, 3, 2), reason="x"))
    assert list(data) == ["kind", "at", "new_due", "reason"]
    assert data["kind"] == "apologized"
    assert structure({"kind": "returned", "at": "2026-03-02T08:00:00"}, Event) == Returned(
        datetime(2026, 3, 2, 8)
    )


def test_dossier_json_shape() -> None:
    data = json.loads(dumps(_full_dossier()))
    assert data["id"] == "HS-001"
    assert data["agency"] == "UBND xã Tân Hòa"
    assert data["procedure"]["code"] == "2.002621"
    assert data["procedure"]["time_limit"] == "03 ngày làm việc"
    assert data["procedure"]["steps"][0] == {
        "name": "Đăng ký khai sinh",
        "agency": "UBND cấp xã (công chức tư pháp - hộ tịch)",
        "budget": "Trong ngày",
    }
    assert [e["kind"] for e in data["events"]] == [
        "submitted",
        "received",
        "supplement_requested",
        "supplement_received",
        "step_completed",
        "apologized",
        "resolved",
        "returned",
    ]
    assert loads(dumps(_full_dossier()), Dossier) == _full_dossier()


def test_channel_limits_are_an_object() -> None:
    p = Procedure(
        "1.001193",
        "Đăng ký khai sinh",
        "Hộ tịch",
        GovernmentLevel.COMMUNE,
        TimeLimit.same_day(),
        channel_time_limits={Channel.ONLINE: TimeLimit.working_days(1)},
    )
    assert unstructure(p)["channel_time_limits"] == {"online": "01 ngày làm việc"}
    assert loads(dumps(p), Procedure) == p


def test_results_of_deadlines_and_classification_round_trip() -> None:
    d = _full_dossier()
    dl = deadline(d)
    assert loads(dumps(dl), Deadline) == dl
    c = classify(d, as_of=date(2026, 3, 5))
    assert loads(dumps(c), Classification) == c


def test_calendar_round_trip() -> None:
    storm = Override(date(2026, 10, 27), DayKind.CLOSURE, "Bão", "QĐ 1/QĐ-UBND")
    cal = vietnam_calendar().with_overrides(storm).with_sessions(Session(time(7), time(11, 30)))
    back = loads(dumps(cal), WorkingCalendar)
    assert back == cal
    assert not back.is_working_day(date(2026, 10, 27))
    assert json.loads(dumps(cal))["weekend"] == [5, 6]


def test_make_converter_gives_an_independent_converter() -> None:
    mine = make_converter()
    assert mine is not converter
    mine.register_unstructure_hook(TimeLimit, lambda limit: {"text": str(limit)})
    assert unstructure(TimeLimit.months(3)) == "03 tháng"


# -- lossless round trips for every type -------------------------------------------------------


@given(dossiers())
def test_dossier_json_round_trip(d: Dossier) -> None:
    assert loads(dumps(d), Dossier) == d


@settings(max_examples=25)
@given(st.lists(dossiers(), max_size=3))
def test_list_of_dossiers_round_trip(ds: list[Dossier]) -> None:
    assert loads(dumps(ds), list[Dossier]) == ds


@given(procedures())
def test_procedure_round_trip(p: Procedure) -> None:
    assert loads(dumps(p), Procedure) == p


@given(time_limits())
def test_time_limit_round_trip(limit: TimeLimit) -> None:
    assert loads(dumps(limit), TimeLimit) == limit


@given(events(aware=None))
def test_event_round_trip(e: Event) -> None:
    assert loads(dumps(e), type(e)) == e
    assert structure(unstructure(e), Event) == e


@given(st.timedeltas())
def test_timedelta_round_trip(delta: timedelta) -> None:
    assert loads(dumps(delta), timedelta) == delta


@settings(max_examples=10)
@given(calendars())
def test_calendar_property_round_trip(cal: WorkingCalendar) -> None:
    assert loads(dumps(cal), WorkingCalendar) == cal


@settings(max_examples=40)
@given(st.lists(dossiers(aware=None), max_size=4), st.sampled_from(["csv", "json"]))
def test_files_round_trip(ds: list[Dossier], fmt: str) -> None:
    # CSV keeps only the procedure code: give each dossier its own code to look it up by.
    ds = [
        Dossier(d.id + str(i), _recode(d.procedure, i), d.events, agency=d.agency)
        for i, d in enumerate(ds)
    ]
    buf = io.StringIO()
    write_dossiers(ds, buf, format=fmt)
    buf.seek(0)
    assert read_dossiers(buf, format=fmt, procedures=[d.procedure for d in ds]) == tuple(ds)


def _recode(p: Procedure, i: int) -> Procedure:
    import attrs

    return attrs.evolve(p, code=f"9.{i:06d}")


# -- reading files: formats and errors ---------------------------------------------------------


def test_csv_reads_event_fields() -> None:
    (d,) = read_dossiers(
        _csv(
            "HS-1,UBND xã A,2.000815,received,2026-01-09T15:20:00,in_person,,,,",
            "HS-1,UBND xã A,2.000815,supplement_requested,2026-01-09T16:00:00,,Thiếu bản chính,,,",
            "HS-1,UBND xã A,2.000815,supplement_received,2026-01-12T08:00:00,,,,,",
            "HS-1,UBND xã A,2.000815,apologized,2026-01-12T09:00:00,,Chờ,2026-01-14,,",
            "HS-1,UBND xã A,2.000815,resolved,2026-01-13T10:00:00,,,,,false",
        ),
        format="csv",
    )
    assert d.id == "HS-1"
    assert d.agency == "UBND xã A"
    assert d.procedure == CERT
    assert d.events[1] == SupplementRequested(datetime(2026, 1, 9, 16), reason="Thiếu bản chính")
    assert d.events[3] == Apologized(
        datetime(2026, 1, 12, 9), new_due=date(2026, 1, 14), reason="Chờ"
    )
    assert d.events[4] == Resolved(datetime(2026, 1, 13, 10), digitally_signed=False)


def test_csv_only_required_columns_and_provincial_codes() -> None:
    rows = io.StringIO(
        "dossier_id,agency,procedure_code,event,at\n"
        "HS-9,,2.000815.000.00.00.H55,received,2026-01-09T08:00:00\n"
    )
    (d,) = read_dossiers(rows, format="csv")
    assert d.agency is None
    assert d.procedure.code == "2.000815.000.00.00.H55"
    assert d.procedure.national_code == "2.000815"
    assert d.procedure.time_limit == CERT.time_limit


def test_strict_error_names_file_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "hs.csv"
    path.write_text(
        HEADER
        + "HS-1,,2.000815,received,2026-01-09T08:00:00,,,,,\n"
        + "HS-1,,2.000815,resolved,09/01/2026,,,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(DataRowError) as info:
        read_dossiers(path)
    err = info.value
    assert (err.file, err.line, err.field) == (str(path), 3, "at")
    assert str(err).startswith(f"{path}: line 3: field 'at': expected an ISO 8601 datetime")
    assert isinstance(err, DataError)
    assert isinstance(err, ValueError)


def test_lenient_read_returns_good_dossiers_and_every_error() -> None:
    result = read_dossiers(
        _csv(
            "HS-1,,2.000815,received,2026-01-09T08:00:00,,,,,",
            "HS-2,,2.000815,received,2026-01-09T08:00:00,fax,,,,",
            "HS-3,,9.999999,received,2026-01-09T08:00:00,,,,,",
            "HS-4,,2.000815,received,2026-01-09T08:00:00,,,,,",
            "HS-4,,2.000815,supplement_received,2026-01-10T08:00:00,,,,,",
            "HS-5,,2.000815,received,2026-01-09T08:00:00,,,2026-01-10,,",
            "HS-6,,2.000815,resolved,2026-01-09T08:00:00,,,,,maybe",
            "HS-1,,2.000815,resolved,2026-01-09T10:00:00,,,,,",
        ),
        format="csv",
        strict=False,
    )
    assert isinstance(result, ReadResult)
    assert not result.ok
    assert [d.id for d in result.dossiers] == ["HS-1"]
    assert [(e.line, e.field, e.dossier_id) for e in result.errors] == [
        (3, "channel", "HS-2"),
        (4, "procedure_code", "HS-3"),
        (7, "new_due", "HS-5"),
        (8, "digitally_signed", "HS-6"),
        (5, "events", "HS-4"),
    ]
    assert "'fax' is not a valid Channel" in result.errors[0].message
    assert "rows on lines 5, 6" in result.errors[4].message
    assert "SupplementReceived at 2026-01-10 08:00:00 without an outstanding" in (
        result.errors[4].message
    )


def test_header_problems_are_reported() -> None:
    with pytest.raises(DataRowError, match=r"line 1: .*unknown column\(s\) \['resaon'\]") as info:
        read_dossiers(
            io.StringIO("dossier_id,agency,procedure_code,event,at,resaon\n"), format="csv"
        )
    assert info.value.field == "resaon"
    with pytest.raises(DataRowError, match=r"missing column\(s\) \['at'\]"):
        read_dossiers(io.StringIO("dossier_id,agency,procedure_code,event\n"), format="csv")
    with pytest.raises(DataRowError, match="empty file"):
        read_dossiers(io.StringIO(""), format="csv")


def test_a_dossier_keeps_one_agency_and_procedure() -> None:
    with pytest.raises(DataRowError, match=r"line 3: field 'agency'"):
        read_dossiers(
            _csv(
                "HS-1,A,2.000815,received,2026-01-09T08:00:00,,,,,",
                "HS-1,B,2.000815,resolved,2026-01-09T10:00:00,,,,,",
            ),
            format="csv",
        )


def test_wrong_cell_count_and_blank_lines() -> None:
    result = read_dossiers(
        _csv("", "HS-1,,2.000815,received,2026-01-09T08:00:00,,,,,", "HS-2,,2.000815,received"),
        format="csv",
        strict=False,
    )
    assert [d.id for d in result.dossiers] == ["HS-1"]
    assert [(e.line, e.message) for e in result.errors] == [(4, "expected 10 cells, got 4")]


def test_json_file_errors_have_line_numbers(tmp_path: Path) -> None:
    good = json.loads(dumps(_full_dossier()))
    bad = dict(good, id="HS-002", events=[{"kind": "received", "at": "2026-13-01T00:00:00"}])
    path = tmp_path / "hs.json"
    path.write_text(json.dumps([good, bad], ensure_ascii=False, indent=1), encoding="utf-8")
    result = read_dossiers(path, strict=False)
    assert result.dossiers == (_full_dossier(),)
    (err,) = result.errors
    assert err.line == path.read_text(encoding="utf-8").splitlines().index(" {", 2) + 1
    assert err.field == "$.events[0].at"
    assert err.dossier_id == "HS-002"
    assert "month must be in 1..12" in err.message


def test_json_syntax_error_line() -> None:
    with pytest.raises(DataRowError, match=r"<string>: line 3: invalid JSON") as info:
        loads('{\n "a": 1,\n }', Dossier)
    assert info.value.line == 3
    result = read_dossiers(io.StringIO('[{"id": 1}\n {"id": 2}]'), format="json", strict=False)
    assert [(e.line, e.message) for e in result.errors] == [
        (1, "required but missing"),
        (2, "invalid JSON: expected ',' or ']'"),
    ]


def test_loads_reports_paths_and_unknown_keys() -> None:
    with pytest.raises(DataRowError, match=r"\$\.events: unknown key|\$: unknown key"):
        loads('{"kind": "received", "at": "2026-01-01T00:00:00", "chanel": "online"}', Received)
    with pytest.raises(DataRowError, match=r"\$\.time_limit: cannot read time limit '05 tuần'"):
        loads(
            '{"code": "1.001193", "name": "x", "field": "y", "level": "commune", '
            '"time_limit": "05 tuần"}',
            Procedure,
        )
    with pytest.raises(DataRowError, match=r"expected a 'resolved' event, got kind 'received'"):
        loads('{"kind": "received", "at": "2026-01-01T00:00:00"}', Resolved)
    with pytest.raises(DataRowError, match=r"\$\.at: required but missing"):
        loads('{"kind": "received"}', Received)


def test_format_detection(tmp_path: Path) -> None:
    with pytest.raises(DataRowError, match="cannot tell the format"):
        read_dossiers(tmp_path / "x.txt")
    with pytest.raises(DataRowError, match="expected 'csv' or 'json'"):
        read_dossiers(io.StringIO(""), format="xml")
    path = tmp_path / "out.csv"
    write_dossiers([_full_dossier()], path)
    # No inferred receipt in this dossier: the rare "inferred" column is left out.
    assert path.read_text(encoding="utf-8").splitlines()[0] == ",".join(DOSSIER_CSV_COLUMNS[:-2])
    assert DOSSIER_CSV_COLUMNS[-2] == "inferred"
    assert read_dossiers(path, procedures={"2.002621": LIENTHONG}) == (_full_dossier(),)


def test_written_csv_rows() -> None:
    buf = io.StringIO()
    write_dossiers([_full_dossier()], buf, format="csv")
    lines = buf.getvalue().splitlines()
    assert lines[2] == "HS-001,UBND xã Tân Hòa,2.002621,received,2026-02-23T08:00:00,online,,,,"
    assert lines[6] == (
        "HS-001,UBND xã Tân Hòa,2.002621,apologized,2026-02-26T09:00:00,,Chờ xác minh,2026-03-02,,"
    )
    assert lines[7].endswith(",resolved,2026-02-27T16:45:00,,,,,true")


# -- fuzzing: untrusted input raises only tthc errors ------------------------------------------


@given(st.text())
def test_fuzz_loads_text(text: str) -> None:
    for cls in (Dossier, TimeLimit, Event, WorkingCalendar, ProcessStep):
        with pytest.raises(TthcError):
            loads(text, cls)


@given(st.binary())
def test_fuzz_loads_bytes(data: bytes) -> None:
    with contextlib.suppress(TthcError):
        loads(data, Dossier)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)
dossier_like = st.fixed_dictionaries(
    {
        "id": json_values,
        "procedure": st.just(json.loads(dumps(CERT))) | json_values,
        "events": st.lists(
            st.fixed_dictionaries(
                {
                    "kind": st.sampled_from(["received", "resolved", "x"]) | json_values,
                    "at": json_values,
                }
            ),
            max_size=3,
        ),
    }
)


@given(st.one_of(json_values, dossier_like))
def test_fuzz_structure_json_values(value: object) -> None:
    with contextlib.suppress(TthcError):
        structure(value, Dossier)


@given(st.text(), st.sampled_from(["csv", "json"]))
def test_fuzz_read_dossiers(text: str, fmt: str) -> None:
    try:
        read_dossiers(io.StringIO(text), format=fmt, strict=False)
        read_dossiers(io.StringIO(HEADER + text), format=fmt)
    except TthcError:
        pass


@given(
    st.lists(
        st.lists(
            st.sampled_from(
                [
                    "",
                    "HS-1",
                    "2.000815",
                    "received",
                    "resolved",
                    "2026-01-09T08:00:00",
                    "online",
                    "true",
                    'x,"y',
                ]
            )
            | st.text(max_size=5),
            min_size=10,
            max_size=10,
        ),
        max_size=5,
    )
)
def test_fuzz_csv_cells(rows: list[list[str]]) -> None:
    import csv

    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(DOSSIER_CSV_COLUMNS)
    writer.writerows(rows)
    buf.seek(0)
    result = read_dossiers(buf, format="csv", strict=False)
    assert len(result.dossiers) + len({e.dossier_id for e in result.errors}) >= 0


@given(st.text())
def test_fuzz_time_limit_parse(text: str) -> None:
    with contextlib.suppress(TthcError):
        TimeLimit.parse(text)


def test_precision_enum_by_value() -> None:
    assert unstructure(Precision.HOUR) == "hour"
    assert loads('"hour"', Precision) is Precision.HOUR


def test_batch_one_row_per_dossier_layout() -> None:
    batch = pytest.importorskip("tthc.batch")
    if not hasattr(batch, "dossiers_to_frame"):
        pytest.skip("tthc.batch has no frame layout yet")
    d = Dossier(
        "HS-7",
        CERT,
        [Received(datetime(2026, 1, 9, 15, 20)), Resolved(datetime(2026, 1, 10, 9, 0))],
        agency="UBND xã B",
    )
    buf = io.StringIO()
    batch.dossiers_to_frame([d]).to_csv(buf, index=False)
    text = buf.getvalue()
    assert read_dossiers(io.StringIO(text), format="csv") == (d,)
    bad = text.replace(",in_person,", ",fax,")
    result = read_dossiers(io.StringIO(bad), format="csv", strict=False)
    assert result.dossiers == ()
    assert [(e.line, e.dossier_id) for e in result.errors] == [(2, "HS-7")]
    assert "got 'fax'" in result.errors[0].message


# -- every error path of the scalar forms, the readers and the catalogue ----------------------


@pytest.mark.parametrize(
    ("text", "cls", "message"),
    [
        ('"2026/01/01"', date, "expected an ISO 8601 date 'YYYY-MM-DD', got '2026/01/01'"),
        (
            '"2026-02-30"',
            date,
            "expected an ISO 8601 date 'YYYY-MM-DD', got '2026-02-30': day is out of range",
        ),
        ('"9h30"', time, "expected an ISO 8601 time 'HH:MM[:SS]', got '9h30'"),
        (
            '"25:00"',
            time,
            "expected an ISO 8601 time 'HH:MM[:SS]', got '25:00': hour must be in 0..23",
        ),
        ('"P"', timedelta, "expected an ISO 8601 duration like 'P1DT2H30M', got 'P'"),
        ('"PT"', timedelta, "expected an ISO 8601 duration like 'P1DT2H30M', got 'PT'"),
        ('"-PT"', timedelta, "expected an ISO 8601 duration like 'P1DT2H30M', got '-PT'"),
        ('"P1DT"', timedelta, "expected an ISO 8601 duration like 'P1DT2H30M', got 'P1DT'"),
        ('"1D"', timedelta, "expected an ISO 8601 duration like 'P1DT2H30M', got '1D'"),
        (
            '"P1000000000D"',
            timedelta,
            "duration 'P1000000000D' out of range: days=1000000000; must have magnitude",
        ),
    ],
)
def test_bad_scalar_text_names_the_expected_form_and_the_value(
    text: str, cls: type, message: str
) -> None:
    with pytest.raises(DataRowError) as info:
        loads(text, cls)
    assert str(info.value).startswith("<string>: " + message)
    assert info.value.file == "<string>"


def test_bug_signed_empty_duration_is_refused() -> None:
    with pytest.raises(DataRowError, match="expected an ISO 8601 duration"):
        loads('"-P"', timedelta)


def test_channel_limits_must_be_an_object() -> None:
    data = unstructure(CERT)
    data["channel_time_limits"] = [["online", "01 ngày làm việc"]]
    with pytest.raises(DataRowError) as info:
        structure(data, Procedure)
    assert info.value.field == "$.channel_time_limits"
    assert "expected an object {channel: time limit}" in str(info.value)
    assert "got list [['online', '01 ngày làm việc']]" in str(info.value)


def test_error_of_a_note_without_a_path_falls_back_to_the_first_leaf() -> None:
    # A mapping key of None gives a cattrs note whose index is None: no path, the leaf message.
    with pytest.raises(DataRowError) as info:
        structure({None: "01 ngày làm việc"}, dict[Channel, TimeLimit])
    assert str(info.value) == "<data>: None is not a valid Channel"
    assert info.value.field is None


def test_bug_plain_string_note_gives_no_garbage_path() -> None:
    with pytest.raises(DataRowError) as info:
        loads("[1]", tuple[int, int])
    assert "Not enough values in [1] to structure as tuple[int, int]" in str(info.value)
    assert "built-in method" not in str(info.value)
    assert info.value.field in (None, "$")


def test_provincial_code_that_is_not_a_valid_code_is_unknown() -> None:
    text = "dossier_id,agency,procedure_code,event,at\nHS-1,A,2.000815.x,received,2026-01-09T15:20:00\n"
    with pytest.raises(DataRowError) as info:
        read_dossiers(io.StringIO(text), format="csv")
    assert (info.value.line, info.value.field) == (2, "procedure_code")
    assert "unknown procedure code '2.000815.x'" in str(info.value)


def test_file_that_is_not_utf8_text(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(HEADER.encode() + b"HS-1,UBND x\xe3,2.000815,received,2026-01-09\n")
    with pytest.raises(DataRowError) as info:
        read_dossiers(path)
    assert str(info.value).startswith(f"{path}: not UTF-8 text: ")
    assert info.value.file == str(path)
    with pytest.raises(DataRowError) as info:
        read_dossiers(io.BytesIO(HEADER.encode()), format="csv")  # type: ignore[arg-type]
    assert str(info.value) == "<file>: expected a text file, got bytes"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('{"id": "HS-1"}', 1, "expected a JSON array of dossiers"),
        ("\n\n  42", 3, "expected a JSON array of dossiers"),
        ('[\n{"id": }]', 2, "invalid JSON: Expecting value"),
        ("[" * 100_000, 1, "invalid JSON: nested too deeply"),
        ("[]\n[]", 2, "invalid JSON: extra data"),
    ],
)
def test_json_file_structure_errors(text: str, line: int, message: str) -> None:
    result = read_dossiers(io.StringIO(text), format="json", strict=False)
    assert result.dossiers == ()
    assert result.errors == (RowError("<file>", line, None, message),)


def test_json_missing_separator_after_a_good_dossier() -> None:
    d = _full_dossier()
    text = "[\n" + dumps(d) + "\n" + dumps(d) + "]"
    result = read_dossiers(io.StringIO(text), format="json", strict=False)
    assert result.dossiers == (d,)
    assert result.errors == (RowError("<file>", 3, None, "invalid JSON: expected ',' or ']'"),)


def test_json_dossier_with_a_bad_timeline_has_no_field() -> None:
    data = json.loads(dumps(_full_dossier()))
    data["events"][-2:] = data["events"][:-3:-1]  # Returned before Resolved
    text = json.dumps([data])
    result = read_dossiers(io.StringIO(text), format="json", strict=False)
    assert result.dossiers == ()
    (error,) = result.errors
    assert (error.line, error.field, error.dossier_id) == (1, None, "HS-001")
    assert error.message == (
        "Resolved at 2026-02-27 16:45:00 precedes Returned at 2026-03-02 08:00:00: events must "
        "be in order (dossier 'HS-001')"
    )


def test_csv_unreadable_header_and_row() -> None:
    result = read_dossiers(io.StringIO('"dossier_id"x,agency\n'), format="csv", strict=False)
    assert result.errors == (
        RowError("<file>", 1, None, "unreadable CSV: ',' expected after '\"'"),
    )
    result = read_dossiers(
        _csv(
            "HS-1,A,2.000815,received,2026-01-09T15:20:00,,,,,",
            'HS-2,A,2.000815,received,"2026-01-09"x,,,,,',
            "HS-3,A,2.000815,received,2026-01-09T15:20:00,,,,,",
        ),
        format="csv",
        strict=False,
    )
    assert [d.id for d in result.dossiers] == ["HS-1"]  # reading stops at the unreadable row
    assert result.errors == (
        RowError("<file>", 3, None, "unreadable CSV: ',' expected after '\"'"),
    )


def test_csv_repeated_column() -> None:
    text = "dossier_id,agency,procedure_code,event,at,at\n"
    result = read_dossiers(io.StringIO(text), format="csv", strict=False)
    (error,) = result.errors
    assert (error.line, error.field) == (1, "at")
    assert error.message.startswith("repeated column(s) ['at']; expected columns [")
    with pytest.raises(DataRowError, match=r"line 1: field 'at': repeated column\(s\) \['at'\]"):
        read_dossiers(io.StringIO(text), format="csv")


def test_lenient_csv_leaves_out_a_dossier_whose_later_row_is_bad() -> None:
    result = read_dossiers(
        _csv(
            "HS-1,A,2.000815,received,2026-01-09T15:20:00,,,,,",
            "HS-1,A,2.000815,resolved,09/01/2026,,,,,",
            "HS-2,A,2.000815,received,2026-01-09T15:20:00,,,,,",
        ),
        format="csv",
        strict=False,
    )
    assert [d.id for d in result.dossiers] == ["HS-2"]
    (error,) = result.errors
    assert (error.line, error.field, error.dossier_id) == (3, "at", "HS-1")
    assert "got '09/01/2026'" in error.message


def test_strict_csv_timeline_error_names_the_rows() -> None:
    rows = _csv(
        "HS-1,A,2.000815,resolved,2026-01-09T15:20:00,,,,,",
        "HS-1,A,2.000815,received,2026-01-10T15:20:00,,,,,",
        "HS-2,A,2.000815,resolved,2026-01-09T15:20:00,,,,,",
    )
    with pytest.raises(DataRowError) as info:
        read_dossiers(rows, format="csv")
    assert (info.value.line, info.value.field) == (2, "events")
    assert str(info.value) == (
        "<file>: line 2: field 'events': Resolved at 2026-01-09 15:20:00 before the dossier was "
        "Received (dossier 'HS-1') (rows on lines 2, 3)"
    )


FRAME_HEADER = "id,procedure_code,channel,received,end,end_kind\n"


def test_frame_csv_with_only_the_required_columns() -> None:
    text = (
        FRAME_HEADER + "HS-1,2.000815,in_person,2026-01-09T15:20:00,2026-01-10T08:00:00,resolved\n"
    )
    (d,) = read_dossiers(io.StringIO(text), format="csv")
    assert d == Dossier(
        "HS-1",
        CERT,
        [Received(datetime(2026, 1, 9, 15, 20)), Resolved(datetime(2026, 1, 10, 8, 0))],
    )
    assert d.agency is None


def test_frame_csv_strict_stops_at_the_first_bad_row() -> None:
    text = (
        FRAME_HEADER
        + "HS-1,2.000815,in_person,2026-01-09T15:20:00,2026-01-10T08:00:00,resolved\n"
        + "HS-2,2.000815,fax,2026-01-09T15:20:00,2026-01-10T08:00:00,resolved\n"
        + "HS-3,2.000815,pigeon,2026-01-09T15:20:00,2026-01-10T08:00:00,resolved\n"
    )
    with pytest.raises(DataRowError) as info:
        read_dossiers(io.StringIO(text), format="csv")
    assert info.value.line == 3
    assert "channel expected one of online, in_person, postal, got 'fax'" in str(info.value)
    result = read_dossiers(io.StringIO(text), format="csv", strict=False)
    assert [d.id for d in result.dossiers] == ["HS-1"]
    assert [(e.line, e.dossier_id) for e in result.errors] == [(3, "HS-2"), (4, "HS-3")]


def test_frame_csv_without_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    text = FRAME_HEADER + "HS-1,2.000815,in_person,2026-01-09T15:20:00,,\n"
    result = read_dossiers(io.StringIO(text), format="csv", strict=False)
    assert result.dossiers == ()
    (error,) = result.errors
    assert (error.line, error.field) == (1, None)
    assert error.message.startswith(
        "the one-row-per-dossier layout needs tthc[batch] (numpy, pandas): "
    )


def test_catalogue_entry_list_fields_accept_one_string() -> None:
    entry = CatalogueEntry(
        "2.000884",
        "Chứng thực chữ ký",
        "Chứng thực",
        GovernmentLevel.COMMUNE,
        TimeLimit.working_days(5),
        legal_basis="Nghị định 23/2015/NĐ-CP",
        published_in="QĐ 1",
        sources=("a", "b"),
    )
    assert entry.legal_basis == ("Nghị định 23/2015/NĐ-CP",)
    assert entry.published_in == ("QĐ 1",)
    assert entry.sources == ("a", "b")
    assert entry.procedure.legal_basis == ("Nghị định 23/2015/NĐ-CP",)


CAT_HEADER = "code,name,field,level,time_limit,channel_time_limits\n"


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        (
            '2.000884,x,y,commune,05 ngày làm việc,"online 01 ngày làm việc"',
            "channel_time_limits",
            "<file>: line 2: field 'channel_time_limits': expected 'channel: time limit' per "
            "line, got 'online 01 ngày làm việc'",
        ),
        (
            '2.000884,x,y,commune,"05 ngày"x,',
            None,
            "<file>: line 2: unreadable CSV: ',' expected after '\"'",
        ),
        ("2.000884,x,y,commune,05 ngày làm việc,,extra", None, "<file>: line 2: expected 6 cells"),
        ("2.000884,x,y,commune", None, "<file>: line 2: expected 6 cells"),
    ],
)
def test_bad_catalogue_csv_rows(row: str, field: str | None, message: str) -> None:
    with pytest.raises(DataRowError) as info:
        read_catalogue(io.StringIO(CAT_HEADER + row + "\n"), format="csv")
    assert str(info.value) == message
    assert (info.value.line, info.value.field) == (2, field)


def test_catalogue_unreadable_header_and_non_array_json() -> None:
    with pytest.raises(DataRowError) as info:
        read_catalogue(io.StringIO('"code"x,name\n'), format="csv")
    assert str(info.value) == "<file>: line 1: unreadable CSV: ',' expected after '\"'"
    assert info.value.line == 1
    with pytest.raises(DataRowError) as info:
        read_catalogue(io.StringIO('\n{"code": "2.000884"}'), format="json")
    assert info.value.line == 2
    assert str(info.value).startswith("<file>: line 2: expected a JSON array of ")


def test_bug_catalogue_json_error_does_not_mention_dossiers() -> None:
    with pytest.raises(DataRowError) as info:
        read_catalogue(io.StringIO('{"code": "2.000884"}'), format="json")
    assert "dossiers" not in str(info.value)


def test_empty_dossier_id_is_named() -> None:
    text = "dossier_id,agency,procedure_code,event,at\n ,A,2.000815,received,2026-01-09T15:20:00\n"
    result = read_dossiers(io.StringIO(text), format="csv", strict=False)
    assert result.dossiers == ()
    (err,) = result.errors
    assert (err.line, err.field) == (2, "dossier_id")
    assert "expected a dossier id, got an empty cell" in err.message

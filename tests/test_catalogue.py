"""The procedure catalogue format (CSV, JSON) and the bundled catalogue of real procedures."""

from __future__ import annotations

import io
import json
from datetime import date, datetime, time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tthc.catalogue import Catalogue, CatalogueEntry
from tthc.deadlines import due_date
from tthc.errors import DataRowError
from tthc.formats import CATALOGUE_COLUMNS, bundled_catalogue, read_catalogue, write_catalogue
from tthc.models import GovernmentLevel, SupplementPolicy
from tthc.strategies import procedures
from tthc.timelimits import TimeLimit, Unit

CAT = bundled_catalogue()
SAME_DAY_15H = TimeLimit.same_day(cutoff=time(15, 0))


def test_bundled_catalogue_has_the_required_procedures() -> None:
    assert [e.code for e in CAT] == ["1.001193", "1.000894", "2.000815", "1.012756", "2.002621"]
    for entry in CAT:
        assert entry.sources, entry.code
        assert entry.legal_basis, entry.code
        assert entry.published_in, entry.code
        assert entry.time_limit_text, entry.code
        assert entry.procedure.code == entry.code


def test_civil_status_and_certification_are_same_day_with_a_15h_cutoff() -> None:
    for code in ("1.001193", "1.000894", "2.000815"):
        assert CAT[code].time_limit == SAME_DAY_15H
        assert CAT[code].level is GovernmentLevel.COMMUNE
        assert "15 giờ" in CAT[code].time_limit_text
    assert "Điều 7" in CAT["2.000815"].legal_basis[0]
    assert "05 ngày làm việc" in CAT["1.000894"].time_limit_text


def test_certification_due_dates_follow_the_cutoff() -> None:
    limit = CAT["2.000815"].time_limit
    assert due_date(datetime(2026, 1, 9, 14, 59), limit) == date(2026, 1, 9)
    # DOMAIN.md §7 example 4: after 15:00 on Friday, due the working Saturday 2026-01-10.
    assert due_date(datetime(2026, 1, 9, 15, 20), limit) == date(2026, 1, 10)


def test_land_registration_is_effective_dated_and_pauses() -> None:
    land = CAT["1.012756"]
    assert land.time_limit.amount == 20
    assert land.time_limit.unit is Unit.WORKING_DAY
    assert land.time_limit.excluding is not None
    assert land.supplement_policy is SupplementPolicy.PAUSE
    assert (land.valid_from, land.valid_until) == (date(2024, 8, 1), date(2025, 6, 30))
    assert CAT.entry_for("1.012756", date(2025, 6, 30)) is land
    with pytest.raises(KeyError):
        CAT.entry_for("1.012756", date(2025, 7, 1))
    assert land.confidence == "medium"


def test_interlinked_procedure_has_step_budgets() -> None:
    linked = CAT["2.002621"].procedure
    assert linked.time_limit == TimeLimit.working_days(3)
    assert [(s.name, str(s.budget)) for s in linked.steps] == [
        ("Đăng ký khai sinh", "Trong ngày"),
        ("Đăng ký thường trú", "02 ngày làm việc"),
        ("Cấp thẻ bảo hiểm y tế", "02 ngày làm việc"),
    ]


def test_catalogue_mapping_api() -> None:
    assert "2.000815" in CAT
    assert "9.999999" not in CAT
    assert set(CAT.procedures) == {e.code for e in CAT}
    with pytest.raises(KeyError):
        CAT["9.999999"]
    assert len(CAT) == 5


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_bundled_catalogue_round_trips(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"catalogue.{fmt}"
    write_catalogue(CAT, path)
    back = read_catalogue(path)
    assert back == CAT
    assert [e.procedure for e in back] == [e.procedure for e in CAT]


def test_csv_catalogue_layout() -> None:
    buf = io.StringIO()
    write_catalogue(CAT, buf, format="csv")
    text = buf.getvalue()
    assert text.splitlines()[0] == ",".join(CATALOGUE_COLUMNS)
    assert "Đăng ký khai sinh | UBND cấp xã (công chức tư pháp - hộ tịch) | Trong ngày" in text


def test_minimal_csv_catalogue_uses_defaults_and_parses_limits() -> None:
    cat = read_catalogue(
        io.StringIO(
            "code,name,field,level,time_limit,channel_time_limits\n"
            '2.000884,Chứng thực chữ ký,Chứng thực,commune,"Không quá 05 ngày làm việc",'
            '"online: 01 ngày làm việc"\n'
        ),
        format="csv",
    )
    (entry,) = cat
    assert entry.time_limit == TimeLimit.working_days(5)
    assert entry.supplement_policy is SupplementPolicy.RESTART
    assert entry.procedure.time_limit_for(
        entry.channel_time_limits[0][0]
    ) == TimeLimit.working_days(1)


def test_bad_catalogue_rows_name_line_and_field() -> None:
    with pytest.raises(DataRowError) as info:
        read_catalogue(
            io.StringIO(
                "code,name,field,level,time_limit\n"
                "1.001193,Khai sinh,Hộ tịch,commune,Trong ngày\n"
                "1.000894,Kết hôn,Hộ tịch,commune,05 tuần\n"
            ),
            format="csv",
        )
    assert (info.value.line, info.value.field) == (3, "time_limit")
    assert "cannot read time limit '05 tuần'" in str(info.value)
    with pytest.raises(DataRowError, match=r"line 2: .*Procedure.code"):
        read_catalogue(
            io.StringIO("code,name,field,level,time_limit\n1001193,x,y,commune,Trong ngày\n"),
            format="csv",
        )
    with pytest.raises(DataRowError, match=r"unknown column\(s\) \['lvl'\]"):
        read_catalogue(io.StringIO("code,name,field,lvl,time_limit\n"), format="csv")
    with pytest.raises(DataRowError, match=r"line 2: field 'steps'"):
        read_catalogue(
            io.StringIO(
                'code,name,field,level,time_limit,steps\n1.000001,x,y,commune,Trong ngày,"a | b"\n'
            ),
            format="csv",
        )


def test_bad_json_catalogue_entry_has_its_line() -> None:
    entries = json.loads(
        json.dumps(
            [
                {
                    "code": "1.000001",
                    "name": "x",
                    "field": "",
                    "level": "ward",
                    "time_limit": "Trong ngày",
                }
            ]
        )
    )
    text = json.dumps(entries, indent=1)
    with pytest.raises(DataRowError, match=r"line 2: .*\$\.level") as info:
        read_catalogue(io.StringIO(text), format="json")
    assert info.value.line == 2


def test_confidence_and_dates_are_checked() -> None:
    with pytest.raises(DataRowError, match="confidence"):
        CatalogueEntry(
            "1.000001", "x", "y", GovernmentLevel.COMMUNE, SAME_DAY_15H, confidence="sure"
        )
    with pytest.raises(DataRowError, match="valid_until"):
        CatalogueEntry(
            "1.000001",
            "x",
            "y",
            GovernmentLevel.COMMUNE,
            SAME_DAY_15H,
            valid_from=date(2025, 1, 1),
            valid_until=date(2024, 1, 1),
        )


@given(st.lists(procedures(), max_size=3), st.sampled_from(["csv", "json"]))
def test_any_procedure_round_trips_through_a_catalogue(ps: list, fmt: str) -> None:  # type: ignore[type-arg]
    cat = Catalogue([CatalogueEntry.from_procedure(p, sources=["test"]) for p in ps])
    buf = io.StringIO()
    write_catalogue(cat, buf, format=fmt)
    buf.seek(0)
    back = read_catalogue(buf, format=fmt)
    assert [e.procedure for e in back] == ps

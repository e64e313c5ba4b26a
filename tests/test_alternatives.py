"""Time-limit alternatives: a procedure holds them, a dossier chooses one, deadline counts it.

The worked example is the marriage registration of DOMAIN §6b (Luật Hộ tịch 2014 Điều 18 k2):
the same day (the next working day after 15:00, Điều 5 k3), up to 05 working days when the
conditions of the two parties must be verified.
"""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest

from tthc.catalogue import CatalogueEntry
from tthc.deadlines import deadline
from tthc.errors import DataRowError, DateTypeError, InvalidValueError
from tthc.formats import bundled_catalogue, read_catalogue, write_catalogue
from tthc.formats.converter import structure, unstructure
from tthc.models import Channel, Dossier, GovernmentLevel, Procedure, Received
from tthc.timelimits import Alternative, AlternativeKind, TimeLimit, read_time_limit

MARRIAGE = bundled_catalogue()["1.000894"].procedure
WD = TimeLimit.working_days


def test_the_bundled_marriage_entry_holds_the_verification_case() -> None:
    assert [(a.condition, a.limit) for a in MARRIAGE.time_limit_alternatives] == [
        ("cần xác minh điều kiện kết hôn của hai bên nam, nữ", WD(5))
    ]


def test_deadline_counts_the_chosen_case_and_the_default_otherwise() -> None:
    received = [Received(datetime(2026, 3, 2, 9, 0))]  # Monday
    plain = Dossier("KH-1", MARRIAGE, received)
    verified = Dossier("KH-2", MARRIAGE, received, time_limit_case="xác minh")
    assert deadline(plain).due == date(2026, 3, 2)  # the same day
    assert deadline(verified).due == date(2026, 3, 9)  # 05 working days later
    assert deadline(verified).time_limit == WD(5)


def test_case_lookup() -> None:
    r = read_time_limit(
        "10 ngày làm việc đối với trường hợp cấp mới; 03 ngày làm việc đối với trường hợp cấp lại."
    )
    p = Procedure(
        "1.000001", "Cấp giấy phép", "X", GovernmentLevel.PROVINCE, WD(10),
        time_limit_alternatives=r.alternatives,
    )  # fmt: skip
    assert p.alternative("Trường hợp  CẤP LẠI").limit == WD(3)  # case, spaces
    assert p.time_limit_for(Channel.ONLINE, "cấp lại") == WD(3)
    assert p.time_limit_for(Channel.ONLINE) == WD(10)
    with pytest.raises(InvalidValueError, match="matches several"):
        p.alternative("trường hợp cấp")
    with pytest.raises(InvalidValueError, match=r"matches none .* expected one of"):
        p.alternative("gia hạn")
    with pytest.raises(InvalidValueError, match="matches"):
        p.alternative("  ")
    with pytest.raises(DateTypeError, match="Procedure.alternative: expected a str"):
        p.alternative(3)  # type: ignore[arg-type]


def test_exact_condition_wins_over_a_longer_one() -> None:
    alternatives = (Alternative("xác minh", WD(5)), Alternative("xác minh ở nước ngoài", WD(30)))
    p = Procedure(
        "1.000001", "X", "X", GovernmentLevel.PROVINCE, WD(3), time_limit_alternatives=alternatives
    )
    assert p.alternative("Xác minh").limit == WD(5)


@pytest.mark.parametrize(
    "alternatives",
    [
        ("05 ngày",),
        (Alternative("a", WD(1)), Alternative("a", WD(2))),
        (Alternative("", WD(1)),),
    ],
)
def test_alternatives_are_validated(alternatives: tuple[object, ...]) -> None:
    with pytest.raises((InvalidValueError, DateTypeError), match="time_limit_alternatives"):
        Procedure(
            "1.000001", "X", "X", GovernmentLevel.PROVINCE, WD(3),
            time_limit_alternatives=alternatives,
        )  # fmt: skip


def test_dossier_case_must_be_one_of_the_procedure() -> None:
    with pytest.raises(InvalidValueError, match=r"Dossier 'KH-3': time_limit_case: .*matches none"):
        Dossier("KH-3", MARRIAGE, [Received(datetime(2026, 3, 2, 9))], time_limit_case="khác")


def test_json_round_trip_and_files_without_the_fields() -> None:
    d = Dossier("KH-2", MARRIAGE, [Received(datetime(2026, 3, 2, 9))], time_limit_case="xác minh")
    data = unstructure(d)
    assert data["time_limit_case"] == "xác minh"
    assert data["procedure"]["time_limit_alternatives"][0]["limit"] == "05 ngày làm việc"
    assert structure(data, Dossier) == d
    plain = unstructure(Dossier("KH-1", MARRIAGE.__class__(
        "1.000001", "X", "X", GovernmentLevel.PROVINCE, WD(3)), [Received(datetime(2026, 3, 2, 9))]))  # fmt: skip
    assert "time_limit_case" not in plain
    assert "time_limit_alternatives" not in plain["procedure"]


def test_catalogue_csv_cell() -> None:
    entry = CatalogueEntry.from_procedure(MARRIAGE)
    ranged = CatalogueEntry(
        "1.000002", "Y", "Y", GovernmentLevel.PROVINCE, TimeLimit.days(10),
        time_limit_alternatives=(Alternative("từ 05 ngày", TimeLimit.days(5), AlternativeKind.LOWER_BOUND),),
    )  # fmt: skip
    buf = io.StringIO()
    write_catalogue([entry, ranged], buf, format="csv")
    text = buf.getvalue()
    assert "cần xác minh điều kiện kết hôn của hai bên nam, nữ => 05 ngày làm việc" in text
    assert "[lower_bound] từ 05 ngày => 05 ngày" in text
    back = read_catalogue(io.StringIO(text), format="csv")
    assert [e.time_limit_alternatives for e in back] == [
        entry.time_limit_alternatives,
        ranged.time_limit_alternatives,
    ]
    bad = text.replace("=> 05 ngày làm việc", "05 ngày làm việc", 1)
    with pytest.raises(DataRowError, match="time_limit_alternatives.*'condition => time limit'"):
        read_catalogue(io.StringIO(bad), format="csv")


def test_entry_reading_of_its_text() -> None:
    entry = bundled_catalogue()["1.001193"]
    assert entry.time_limit_reading.limit == entry.time_limit
    bare = CatalogueEntry("1.000003", "Z", "Z", GovernmentLevel.PROVINCE, WD(7))
    assert bare.time_limit_reading.limit == WD(7)


def test_batch_layout_refuses_a_chosen_case_by_name() -> None:
    pytest.importorskip("pandas")
    from tthc.batch import dossiers_to_frame

    d = Dossier("KH-2", MARRIAGE, [Received(datetime(2026, 3, 2, 9))], time_limit_case="xác minh")
    with pytest.raises(InvalidValueError) as info:
        dossiers_to_frame([d])
    assert str(info.value) == (
        "dossiers[0] (id 'KH-2'): the time-limit case 'xác minh' does not fit the one-row "
        "layout, which counts the procedure's default limit; classify it with tthc.classify"
    )
    assert (
        len(dossiers_to_frame([Dossier("KH-1", MARRIAGE, [Received(datetime(2026, 3, 2, 9))])]))
        == 1
    )

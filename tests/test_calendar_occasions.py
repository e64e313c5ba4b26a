"""Occasions, per-occasion provisional days, and announcements users add (issue 10)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tthc import (
    AnnouncedDay,
    Announcement,
    ArgumentTypeError,
    CalendarDataError,
    CalendarRangeError,
    DataOrigin,
    DataRowError,
    DayInfo,
    DayKind,
    InvalidValueError,
    OccasionKind,
    WorkingCalendar,
    announcements_from_data,
    load_announcements,
    vietnam_calendar,
)
from tthc._calendar_build import _nearest, _occasion_cores
from tthc._calendar_data import OCCASION_MARGIN_DAYS, OFFICIAL_DAYS
from tthc.calendar import Occasion
from tthc.deadlines import deadline, due_date
from tthc.models import Dossier, GovernmentLevel, Procedure, Received
from tthc.timelimits import TimeLimit

CAL = vietnam_calendar()
D = date.fromisoformat
SRC_10065 = "10065/VPCP-KGVX"
GOLDEN = Path(__file__).parent / "golden" / "official_calendar.json"


def ann(
    *days: AnnouncedDay, source: str = "Công văn 99/VPCP-KGVX (thử)", **kw: Any
) -> Announcement:
    return Announcement(source, kw.pop("announced", date(2026, 12, 1)), days, **kw)


# -- the announced 2027 occasions (golden) ------------------------------------------------------


def test_announced_2027_occasions_match_golden() -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))["announced_occasions"]["2027"]
    for key, occ in golden.items():
        first, last = (D(x) for x in occ["period"])
        day = first
        while day <= last:
            info = CAL.day_info(day)
            assert not info.is_working, day
            assert not info.provisional, day
            if day.weekday() < 5:
                assert SRC_10065 in info.source, day
                assert info.origin is DataOrigin.TTHC_TABLE
            day += timedelta(days=1)
        oc = CAL.occasion(OccasionKind[key], 2027)
        assert (oc.official, oc.announced) == (True, D(occ["announced"]))
        assert SRC_10065 in oc.source
    # Tết Đinh Mùi Thu 04/02 to Wed 10/02; Quốc khánh Thu 02/09 to Sun 05/09.
    assert CAL.working_days_between(D("2027-02-03"), D("2027-02-11")) == 1
    assert CAL.add_working_days(D("2027-09-01"), 1) == D("2027-09-06")


def test_other_2027_days_follow_the_labour_code_and_stay_provisional() -> None:
    expected = {
        "2027-01-01": DayKind.HOLIDAY,  # Friday
        "2027-04-16": DayKind.HOLIDAY,  # Giỗ Tổ, Friday
        "2027-04-30": DayKind.HOLIDAY,
        "2027-05-03": DayKind.COMPENSATORY,  # 1/5 on Saturday
        "2027-11-24": DayKind.HOLIDAY,  # Wednesday
    }
    for iso, kind in expected.items():
        info = CAL.day_info(D(iso))
        assert (info.kind, info.provisional) == (kind, True), iso
    assert [o.kind for o in CAL.provisional_occasions(2027)] == [
        OccasionKind.NEW_YEAR,
        OccasionKind.HUNG_KINGS,
        OccasionKind.REUNIFICATION_LABOUR,
        OccasionKind.CULTURE_DAY,
    ]
    assert CAL.provisional_occasions(2026) == ()


def test_twenty_november_plus_three_working_days() -> None:
    limit = TimeLimit.working_days(3)
    assert due_date(date(2026, 11, 20), limit) == date(2026, 11, 26)
    proc = Procedure("1.000894", "Thủ tục", "Hộ tịch", GovernmentLevel.COMMUNE, limit)
    dl = deadline(Dossier("HS", proc, [Received(datetime(2026, 11, 20, 9))]))
    assert (dl.due, dl.provisional) == (date(2026, 11, 26), False)


def test_deadline_is_provisional_when_its_span_meets_an_open_window() -> None:
    proc = Procedure(
        "1.000894", "Thủ tục", "Hộ tịch", GovernmentLevel.COMMUNE, TimeLimit.working_days(30)
    )
    # 2027-03-01 + 30 working days crosses Giỗ Tổ (16/04, not announced); both ends outside it.
    dl = deadline(Dossier("HS", proc, [Received(datetime(2027, 3, 1, 9))]))
    assert not CAL.is_provisional(date(2027, 3, 1))
    assert dl.provisional
    short = deadline(Dossier("HS", _proc(5), [Received(datetime(2027, 3, 1, 9))]))
    assert not short.provisional


def _proc(days: int) -> Procedure:
    return Procedure(
        "1.000894", "Thủ tục", "Hộ tịch", GovernmentLevel.COMMUNE, TimeLimit.working_days(days)
    )


# -- occasions and windows ----------------------------------------------------------------------


def test_every_known_swap_lies_in_its_occasions_window() -> None:
    """The margin holds every swap of the table and of the holidays package since 2010."""
    cores = _occasion_cores(range(2009, 2028))
    margin = timedelta(days=OCCASION_MARGIN_DAYS)
    package = holidays.country_holidays("VN", language="vi", years=range(2010, 2027))
    swaps = {d for d, name in package.items() if name.startswith("Ngày nghỉ (thay")}
    swaps |= set(package.weekend_workdays)
    swaps |= {D(iso) for iso, kind, *_ in OFFICIAL_DAYS if kind.startswith("SWAP")}
    assert len(swaps) > 20
    for d in swaps:
        assert any(a - margin <= d <= b + margin for a, b in cores.values()), d


def test_occasion_lookup_and_errors() -> None:
    oc = CAL.occasion(OccasionKind.TET, 2028)
    assert (oc.official, oc.source, oc.announced) == (False, "", None)
    assert date(2028, 1, 26) in oc
    assert "2028-01-26" not in oc
    assert CAL.occasion(OccasionKind.TET, 2026).official
    with pytest.raises(InvalidValueError, match=r"occasion: no <OccasionKind.TET: 'TET'> in 1999"):
        CAL.occasion(OccasionKind.TET, 1999)
    assert OccasionKind.REUNIFICATION_LABOUR.label_en == "30 April and 1 May"


def test_provisional_spans_merge_and_provisional_after() -> None:
    window = Occasion(OccasionKind.TET, 2026, date(2026, 1, 10), date(2026, 1, 20), False)
    next_to = Occasion(OccasionKind.NEW_YEAR, 2026, date(2026, 1, 21), date(2026, 1, 25), False)
    settled = Occasion(OccasionKind.HUNG_KINGS, 2026, date(2026, 4, 1), date(2026, 4, 9), True)
    cal = WorkingCalendar(
        [], date(2026, 1, 1), date(2026, 12, 31), date(2026, 6, 30),
        occasions=[window, next_to, settled],
    )  # fmt: skip
    assert cal.provisional_spans() == (
        (date(2026, 1, 10), date(2026, 1, 25)),
        (date(2026, 7, 1), date(2026, 12, 31)),
    )
    assert cal.official_through == date(2026, 1, 9)
    assert cal.latest_announcement() is None
    plain = WorkingCalendar([], date(2026, 1, 1), date(2026, 1, 31))
    assert (plain.provisional_spans(), plain.official_through) == ((), date(2026, 1, 31))
    with pytest.raises(InvalidValueError, match="Occasion: expected first <= last"):
        Occasion(OccasionKind.TET, 2026, date(2026, 2, 1), date(2026, 1, 1), False)
    with pytest.raises(
        ArgumentTypeError, match="Occasion.kind: expected OccasionKind, got str 'TET'"
    ):
        Occasion("TET", 2026, date(2026, 1, 1), date(2026, 1, 2), False)  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match="Occasion.year: expected int, got bool True"):
        Occasion(OccasionKind.TET, True, date(2026, 1, 1), date(2026, 1, 2), False)
    with pytest.raises(ArgumentTypeError, match="DayInfo.origin: expected DataOrigin, got str"):
        DayInfo(date(2026, 1, 1), DayKind.HOLIDAY, origin="tthc")  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match="occasions: expected Occasion values"):
        WorkingCalendar([], date(2026, 1, 1), date(2026, 1, 31), occasions=["TET"])


# -- announcements ------------------------------------------------------------------------------


def test_a_users_announcement_wins_and_day_info_says_so() -> None:
    # An announcement contradicting tthc's table (hypothetical): 24/11/2026 worked.
    day = AnnouncedDay(date(2026, 11, 24), DayKind.WORKING, "Làm việc (thử)")
    cal = vietnam_calendar(announcements=[ann(day, source="Công văn 1/TEST")])
    info = cal.day_info(date(2026, 11, 24))
    assert (info.is_working, info.origin, info.source) == (
        True,
        DataOrigin.ANNOUNCEMENT,
        "Công văn 1/TEST",
    )
    assert info.name_en == "Làm việc (thử)"
    assert cal.add_working_days(date(2026, 11, 20), 3) == date(2026, 11, 25)
    assert CAL.day_info(date(2026, 11, 24)).origin is DataOrigin.TTHC_TABLE
    assert CAL.day_info(date(2026, 11, 25)).origin is DataOrigin.WEEKLY
    assert CAL.day_info(date(2030, 1, 1)).origin is DataOrigin.HOLIDAYS_PACKAGE
    assert CAL.day_info(date(2028, 11, 24)).origin is DataOrigin.TTHC_RULE
    assert DataOrigin.TTHC_RULE.label_vi == "quy tắc của tthc"
    assert cal != CAL
    assert vietnam_calendar() is CAL


def test_announcement_settles_the_occasions_of_its_days() -> None:
    swap = ann(
        AnnouncedDay(date(2027, 4, 29), DayKind.SWAP_DAY_OFF, "Nghỉ hoán đổi"),
        AnnouncedDay(date(2027, 5, 8), DayKind.SWAP_WORKDAY, "Làm bù", "Working Saturday"),
    )
    cal = CAL.with_announcements(swap)
    assert not cal.is_working_day(date(2027, 4, 29))
    assert cal.is_working_day(date(2027, 5, 8))
    # 29/04 lies in the windows of Giỗ Tổ (16/04) and 30/4–1/5: both settled.
    assert not cal.is_provisional(date(2027, 5, 3))
    assert not cal.is_provisional(date(2027, 4, 16))
    assert cal.occasion(OccasionKind.HUNG_KINGS, 2027).source == swap.source
    assert cal.latest_announcement() == (swap.source, date(2026, 12, 1))
    assert [o.kind for o in cal.provisional_occasions(2027)] == [
        OccasionKind.NEW_YEAR,
        OccasionKind.CULTURE_DAY,
    ]


def test_explicit_occasions_and_latest_announcement_wins() -> None:
    d = date(2027, 12, 31)
    early = ann(AnnouncedDay(d, DayKind.SWAP_DAY_OFF, "Nghỉ"), announced=date(2027, 11, 1))
    late = ann(
        AnnouncedDay(d, DayKind.WORKING, "Làm việc"),
        source="Công văn 2/TEST",
        announced=date(2027, 12, 1),
        occasions=[(OccasionKind.NEW_YEAR, 2028)],
    )
    cal = CAL.with_announcements(late, early)
    assert cal.is_working_day(d)
    assert cal.day_info(d).source == "Công văn 2/TEST"
    assert cal.occasion(OccasionKind.NEW_YEAR, 2028).official
    only = CAL.with_announcements(ann(occasions=[(OccasionKind.CULTURE_DAY, 2027)]))
    assert not only.is_provisional(date(2027, 11, 24))


def test_announcement_validation() -> None:
    day = AnnouncedDay(date(2027, 1, 1), DayKind.HOLIDAY, "Tết Dương lịch")
    with pytest.raises(InvalidValueError, match="expected at least one day or one occasion"):
        Announcement("Công văn 1/TEST", date(2026, 12, 1))
    with pytest.raises(InvalidValueError, match="2027-01-01 is listed twice"):
        ann(day, day)
    with pytest.raises(ArgumentTypeError, match="expected AnnouncedDay values, got str"):
        Announcement("x", date(2026, 12, 1), ["2027-01-01"])
    with pytest.raises(InvalidValueError, match=r"expected \(OccasionKind, year\) pairs"):
        ann(occasions=["TET"])
    with pytest.raises(InvalidValueError, match="expected an occasion among NEW_YEAR"):
        ann(occasions=[("TET", 2027)])
    with pytest.raises(ArgumentTypeError, match="Announcement.occasions year: expected an int"):
        ann(occasions=[(OccasionKind.TET, "2027")])
    with pytest.raises(InvalidValueError, match="source: expected a non-empty string"):
        Announcement(" ", date(2026, 12, 1), [day])
    with pytest.raises(ArgumentTypeError, match="announced: expected a datetime.date"):
        Announcement("x", "2026-12-01", [day])  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="AnnouncedDay.kind: expected one of WORKING"):
        AnnouncedDay(date(2027, 1, 2), DayKind.WEEKEND, "x")
    with pytest.raises(InvalidValueError, match="name_en: expected a string, got 3"):
        AnnouncedDay(date(2027, 1, 2), DayKind.HOLIDAY, "x", 3)  # type: ignore[arg-type]
    with pytest.raises(CalendarRangeError, match="Announcement.days date: 2041-01-01"):
        CAL.with_announcements(ann(AnnouncedDay(date(2041, 1, 1), DayKind.HOLIDAY, "x")))
    with pytest.raises(ArgumentTypeError, match="announcements: expected Announcement values"):
        CAL.with_announcements("x")  # type: ignore[arg-type]


# -- properties ---------------------------------------------------------------------------------

days_2026_2030 = st.dates(date(2026, 10, 1), date(2030, 12, 31))
occasion_keys = st.tuples(st.sampled_from(list(OccasionKind)), st.integers(2027, 2030))


@settings(max_examples=30, deadline=None)
@given(d=days_2026_2030, keys=st.lists(occasion_keys, max_size=4))
def test_announcements_only_shrink_the_provisional_days(
    d: date, keys: list[tuple[OccasionKind, int]]
) -> None:
    """Settling occasions never makes a day provisional; a day is provisional exactly when an
    unsettled occasion's window holds it."""
    cal = CAL.with_announcements(ann(occasions=keys)) if keys else CAL
    assert cal.is_provisional(d) <= CAL.is_provisional(d)
    open_windows = [o for o in cal.occasions_status if not o.official]
    assert cal.is_provisional(d) == any(d in o for o in open_windows)
    assert cal.day_info(d).provisional == cal.is_provisional(d)
    for kind, year in keys:
        assert cal.occasion(kind, year).official
    before = {(o.kind, o.year) for o in CAL.occasions_status if o.official}
    assert before <= {(o.kind, o.year) for o in cal.occasions_status if o.official}


@settings(max_examples=30, deadline=None)
@given(a=days_2026_2030, span=st.integers(0, 90))
def test_provisional_between_is_any_provisional_day(a: date, span: int) -> None:
    b = min(a + timedelta(days=span), date(2040, 12, 31))
    days = [a + timedelta(days=i) for i in range((b - a).days + 1)]
    expected = any(CAL.is_provisional(x) for x in days)
    assert CAL.is_provisional_between(a, b) == expected == CAL.is_provisional_between(b, a)


# -- files --------------------------------------------------------------------------------------

TOML = """
[[announcements]]
source = "Công văn 1234/VPCP-KGVX ngày 15/12/2026 (thử)"
announced = 2026-12-15
occasions = [{ kind = "NEW_YEAR", year = 2027 }]

[[announcements.days]]
date = 2026-12-31
kind = "SWAP_DAY_OFF"
name_vi = "Nghỉ hoán đổi"
name_en = "Day off (swapped)"

[[announcements.days]]
date = "2027-01-09"
kind = "SWAP_WORKDAY"
name_vi = "Làm bù"
"""


def _json_data() -> dict[str, Any]:
    return {
        "announcements": [
            {
                "source": "Công văn 1234/VPCP-KGVX ngày 15/12/2026 (thử)",
                "announced": "2026-12-15",
                "occasions": [{"kind": "NEW_YEAR", "year": 2027}],
                "days": [
                    {
                        "date": "2026-12-31",
                        "kind": "SWAP_DAY_OFF",
                        "name_vi": "Nghỉ hoán đổi",
                        "name_en": "Day off (swapped)",
                    },
                    {"date": "2027-01-09", "kind": "SWAP_WORKDAY", "name_vi": "Làm bù"},
                ],
            }
        ]
    }


def test_json_and_toml_files_give_the_same_announcements(tmp_path: Path) -> None:
    toml_file = tmp_path / "a.toml"
    toml_file.write_text(TOML, encoding="utf-8")
    json_file = tmp_path / "a.JSON"
    json_file.write_text(json.dumps(_json_data()), encoding="utf-8")
    from_toml, from_json = load_announcements(toml_file), load_announcements(str(json_file))
    assert from_toml == from_json
    cal = vietnam_calendar(announcements=from_toml)
    assert not cal.is_working_day(date(2026, 12, 31))
    assert cal.is_working_day(date(2027, 1, 9))
    assert not cal.is_provisional(date(2026, 12, 31))
    assert cal.official_through == date(2027, 4, 1)


def _with(path: str, value: object) -> dict[str, Any]:
    data = _json_data()
    node: Any = data
    keys = path.split(".")
    for key in keys[:-1]:
        node = node[int(key)] if key.isdigit() else node[key]
    last = keys[-1]
    if value is KeyError:
        del node[last]
    elif last.isdigit():
        node[int(last)] = value
    else:
        node[last] = value
    return data


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], r"\(top level\): expected a table/object, got \[\]"),
        ({"x": 1}, r"\(top level\): unknown keys \['x'\]"),
        ({}, "announcements: missing"),
        ({"announcements": {}}, "announcements: expected a list"),
        (_with("announcements.0.source", KeyError), r"announcements\[0\].source: missing"),
        (_with("announcements.0.source", ""), r"announcements\[0\].source: expected a non-empty"),
        (
            _with("announcements.0.announced", 20261215),
            r"announced: expected a date YYYY-MM-DD, got 20261215",
        ),
        (_with("announcements.0.days", "x"), r"announcements\[0\].days: expected a list"),
        (_with("announcements.0.days.0.kind", "NGHI"), r"days\[0\].kind: expected one of WORKING"),
        (
            _with("announcements.0.days.0.kind", "WEEKEND"),
            r"days\[0\].kind: expected a kind other than WEEKEND",
        ),
        (_with("announcements.0.days.0.date", KeyError), r"days\[0\].date: missing"),
        (_with("announcements.0.days.0.date", "31/12/2026"), r"days\[0\].date: expected a date"),
        (_with("announcements.0.days.0.name_vi", " "), r"days\[0\].name_vi: expected a non-empty"),
        (
            _with("announcements.0.days.0.name_en", 1),
            r"days\[0\].name_en: expected a string, got 1",
        ),
        (_with("announcements.0.days.0.extra", 1), r"days\[0\]: unknown keys \['extra'\]"),
        (
            _with("announcements.0.days.1.date", "2026-12-31"),
            r"announcements\[0\]: Announcement.days: 2026-12-31 is listed twice",
        ),
        (_with("announcements.0.occasions.0.year", True), r"occasions\[0\].year: expected a year"),
        (_with("announcements.0.occasions.0.year", 1800), r"occasions\[0\].year: expected a year"),
        (_with("announcements.0.occasions.0.kind", KeyError), r"occasions\[0\].kind: missing"),
        (
            _with("announcements.0.occasions.0.kind", "TẾT"),
            r"occasions\[0\].kind: expected one of NEW_YEAR",
        ),
        (
            {"announcements": [{"source": "x", "announced": "2026-12-01"}]},
            r"announcements\[0\]: Announcement\('x'\): expected at least one day",
        ),
    ],
)
def test_file_errors_name_the_file_the_field_and_the_value(data: object, message: str) -> None:
    with pytest.raises(DataRowError, match=message) as info:
        announcements_from_data(data, "thong-bao.json")
    assert info.value.file == "thong-bao.json"
    assert str(info.value).startswith("thong-bao.json: ")


def test_unreadable_and_malformed_files(tmp_path: Path) -> None:
    with pytest.raises(DataRowError, match=r"missing.toml: cannot read the file"):
        load_announcements(tmp_path / "missing.toml")
    bad_json = tmp_path / "bad.json"
    bad_json.write_text("{", encoding="utf-8")
    with pytest.raises(DataRowError, match="bad.json: invalid JSON"):
        load_announcements(bad_json)
    bad_toml = tmp_path / "bad.toml"
    bad_toml.write_text("[[announcements]\n", encoding="utf-8")
    with pytest.raises(DataRowError, match="bad.toml: invalid TOML"):
        load_announcements(bad_toml)
    with pytest.raises(DataRowError, match=r"a.txt: expected a .json or .toml file"):
        load_announcements("a.txt")


def test_missing_lunar_names_in_the_package_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from tthc import _calendar_build

    monkeypatch.setattr(_calendar_build, "_package", lambda years, **kw: {})
    with pytest.raises(CalendarDataError, match="holidays package: no Tết or Giỗ Tổ in 2030"):
        _occasion_cores(range(2030, 2031))


def test_a_package_day_belongs_to_the_nearest_occasion() -> None:
    # 30/04/2027 lies in the windows of Giỗ Tổ (16/04) and of 30/4–1/5; it is the latter's.
    cores = _occasion_cores(range(2027, 2028))
    occ = [o for o in CAL.occasions_status if o.year == 2027]
    kinds = [getattr(_nearest(date(2027, 4, d), occ, cores), "kind", None) for d in (30, 17)]
    assert kinds == [OccasionKind.REUNIFICATION_LABOUR, OccasionKind.HUNG_KINGS]
    assert _nearest(date(2027, 3, 9), occ, cores) is None

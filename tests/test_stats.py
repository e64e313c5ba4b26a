"""tthc.stats: reporting periods, Biểu số 06, the QĐ 766 progress score, inspection reports."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tthc import DateTypeError, InvalidValueError, ReportError
from tthc.stats import (
    Form06,
    Form06Column,
    Form06Row,
    PeriodConvention,
    PeriodKind,
    ReportingPeriod,
)

CUT = PeriodConvention.CUTOFF_14
CAL_CONV = PeriodConvention.CALENDAR

# -- reporting periods ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "start", "end", "vi", "en"),
    [
        (ReportingPeriod.month(2026, 1), date(2025, 12, 15), date(2026, 1, 14), "Tháng 01 năm 2026", "January 2026"),
        (ReportingPeriod.month(2026, 3), date(2026, 2, 15), date(2026, 3, 14), "Tháng 03 năm 2026", "March 2026"),
        (ReportingPeriod.quarter(2026, 1), date(2025, 12, 15), date(2026, 3, 14), "Quý I năm 2026", "Q1 2026"),
        (ReportingPeriod.quarter(2026, 2), date(2026, 3, 15), date(2026, 6, 14), "Quý II năm 2026", "Q2 2026"),
        (ReportingPeriod.quarter(2026, 3), date(2026, 6, 15), date(2026, 9, 14), "Quý III năm 2026", "Q3 2026"),
        (ReportingPeriod.quarter(2026, 4), date(2026, 9, 15), date(2026, 12, 14), "Quý IV năm 2026", "Q4 2026"),
        (ReportingPeriod.half(2026, 1), date(2025, 12, 15), date(2026, 6, 14), "6 tháng đầu năm 2026", "H1 2026"),
        (ReportingPeriod.half(2026, 2), date(2026, 6, 15), date(2026, 12, 14), "6 tháng cuối năm 2026", "H2 2026"),
        (ReportingPeriod.nine_months(2026), date(2025, 12, 15), date(2026, 9, 14), "9 tháng năm 2026", "First nine months of 2026"),
        (ReportingPeriod.year(2026), date(2025, 12, 15), date(2026, 12, 14), "Năm 2026", "Year 2026"),
        (ReportingPeriod.month(2024, 2, convention=CAL_CONV), date(2024, 2, 1), date(2024, 2, 29), "Tháng 02 năm 2024", "February 2024"),
        (ReportingPeriod.month(2026, 12, convention=CAL_CONV), date(2026, 12, 1), date(2026, 12, 31), "Tháng 12 năm 2026", "December 2026"),
        (ReportingPeriod.quarter(2026, 2, convention=CAL_CONV), date(2026, 4, 1), date(2026, 6, 30), "Quý II năm 2026", "Q2 2026"),
        (ReportingPeriod.half(2026, 1, convention=CAL_CONV), date(2026, 1, 1), date(2026, 6, 30), "6 tháng đầu năm 2026", "H1 2026"),
        (ReportingPeriod.nine_months(2026, convention=CAL_CONV), date(2026, 1, 1), date(2026, 9, 30), "9 tháng năm 2026", "First nine months of 2026"),
        (ReportingPeriod.year(2026, convention=CAL_CONV), date(2026, 1, 1), date(2026, 12, 31), "Năm 2026", "Year 2026"),
    ],
)  # fmt: skip
def test_period_bounds_and_labels(
    period: ReportingPeriod, start: date, end: date, vi: str, en: str
) -> None:
    assert (period.start, period.end) == (start, end)
    assert (period.label_vi, period.label_en) == (vi, en)
    assert (period.label("vi"), period.label("en")) == (vi, en)
    assert period.contains(start)
    assert period.contains(end)
    assert not period.contains(start - timedelta(days=1))
    assert not period.contains(end + timedelta(days=1))
    assert period.days == (end - start).days + 1


PARTITIONS = [
    (PeriodKind.MONTH, 12),
    (PeriodKind.QUARTER, 4),
    (PeriodKind.HALF, 2),
    (PeriodKind.YEAR, 1),
]


@pytest.mark.parametrize("convention", list(PeriodConvention))
@pytest.mark.parametrize(("kind", "count"), PARTITIONS)
@given(year=st.integers(1902, 9997))
def test_periods_partition_the_year(
    convention: PeriodConvention, kind: PeriodKind, count: int, year: int
) -> None:
    periods = [ReportingPeriod(kind, year, i, convention) for i in range(1, count + 1)]
    whole = ReportingPeriod.year(year, convention=convention)
    assert periods[0].start == whole.start
    assert periods[-1].end == whole.end
    for a, b in itertools.pairwise(periods):
        assert b.start == a.end + timedelta(days=1)
    # consecutive years follow each other too
    assert ReportingPeriod.year(year + 1, convention=convention).start == whole.end + timedelta(1)


@pytest.mark.parametrize("convention", list(PeriodConvention))
@pytest.mark.parametrize(("kind", "count"), PARTITIONS)
@given(d=st.dates(date(1902, 1, 1), date(9997, 12, 1)))
def test_each_day_is_in_exactly_one_period(
    convention: PeriodConvention, kind: PeriodKind, count: int, d: date
) -> None:
    p = ReportingPeriod.containing(d, kind, convention=convention)
    assert p.contains(d)
    year_periods = [
        ReportingPeriod(kind, p.report_year, i, convention) for i in range(1, count + 1)
    ]
    neighbours = [*year_periods, ReportingPeriod(kind, p.report_year - 1, count, convention)]
    neighbours.append(ReportingPeriod(kind, p.report_year + 1, 1, convention))
    assert sum(q.contains(d) for q in neighbours) == 1


def test_nine_months_is_the_first_three_quarters() -> None:
    nine = ReportingPeriod.nine_months(2026)
    assert nine.start == ReportingPeriod.quarter(2026, 1).start
    assert nine.end == ReportingPeriod.quarter(2026, 3).end


def test_str_shows_the_dates() -> None:
    assert str(ReportingPeriod.month(2026, 3)) == "Tháng 03 năm 2026 (15/02/2026–14/03/2026)"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: ReportingPeriod.month(2026, 13), "ReportingPeriod.index (month): expected an int from 1 to 12, got 13"),
        (lambda: ReportingPeriod.quarter(2026, 0), "ReportingPeriod.index (quarter): expected an int from 1 to 4, got 0"),
        (lambda: ReportingPeriod.month(1900, 1), "ReportingPeriod.report_year: expected an int from 1901 to 9998, got 1900"),
        (lambda: ReportingPeriod.month("2026", 1), "ReportingPeriod.report_year: expected an int from 1901 to 9998, got str '2026'"),  # type: ignore[arg-type]
        (lambda: ReportingPeriod.month(2026, True), "expected an int from 1 to 12, got bool True"),
        (lambda: ReportingPeriod.containing(date(2026, 1, 1), PeriodKind.NINE_MONTHS), "expected MONTH, QUARTER, HALF or YEAR"),
        (lambda: ReportingPeriod.month(2026, 1).label("fr"), "lang: expected 'vi' or 'en', got 'fr'"),  # type: ignore[arg-type]
    ],
)  # fmt: skip
def test_period_bad_values(make: object, message: str) -> None:
    with pytest.raises(InvalidValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        make()  # type: ignore[operator]


def test_period_contains_refuses_datetime() -> None:
    with pytest.raises(DateTypeError, match="expected a date \\(not a datetime\\), got datetime"):
        ReportingPeriod.month(2026, 3).contains(datetime(2026, 3, 1, 9))
    with pytest.raises(DateTypeError, match="got str"):
        ReportingPeriod.containing("2026-03-01")  # type: ignore[arg-type]


# -- Form06 as a type ----------------------------------------------------------------------------

MARCH = ReportingPeriod.month(2026, 3)


def test_columns_numbers_and_labels() -> None:
    assert [c.number for c in Form06Column] == list(range(3, 18))
    official = [c for c in Form06Column if c.official]
    assert [c.label_vi for c in official] == [
        "Tổng số", "Trực tuyến", "Trực tiếp, dịch vụ bưu chính", "Từ kỳ trước",
        "Tổng số", "Trước hạn", "Đúng hạn", "Quá hạn",
        "Tổng số", "Trong hạn", "Quá hạn",
    ]  # fmt: skip
    assert Form06Column.CARRIED_OVER.block is Form06Column.RECEIVED
    assert Form06Column.WITHIN_TIME.block_en == "Dossiers in progress"
    assert Form06Column.RESOLVED.is_total
    assert not Form06Column.EARLY.is_total
    assert Form06Column.CLOSED.label("en") == "Closed (no supplement)"


def test_row_of_computes_totals() -> None:
    r = Form06Row.of(("A",), received_online=1, received_in_person=2, carried_over=3, early=1,
                     on_time=1, late=1, within_time=1, overdue=1, withdrawn=1)  # fmt: skip
    assert (r.received, r.resolved, r.in_progress, r.ended) == (6, 3, 2, 1)
    assert r.count(Form06Column.RECEIVED) == 6
    assert list(r.counts()) == list(Form06Column)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"received": 3}, r"\(3\) received = 3 but \(4\) \+ \(5\) \+ \(6\) = 1 \+ 0 \+ 0 = 1"),
        ({"resolved": 0}, r"\(7\) resolved = 0 but \(8\) \+ \(9\) \+ \(10\) = 1 \+ 0 \+ 0 = 1"),
        ({"in_progress": 1}, r"\(11\) in_progress = 1 but"),
        ({"ended": 1}, r"\(14\) ended = 1 but"),
        ({"received": 2, "carried_over": 1}, r"\(3\) received = 2 but \(7\) resolved \+ \(11\) in progress"),
    ],
)  # fmt: skip
def test_row_sums_are_checked(fields: dict[str, int], message: str) -> None:
    base = {c.value: 0 for c in Form06Column}
    base.update(received=1, received_online=1, resolved=1, early=1)
    base.update(fields)
    with pytest.raises(ReportError, match=message):
        Form06Row(("A",), **base)


@pytest.mark.parametrize("bad", [-1, 1.0, True, "1"])
def test_row_counts_are_non_negative_ints(bad: object) -> None:
    with pytest.raises(InvalidValueError, match="Form06Row.early .*expected an int >= 0"):
        Form06Row.of(("A",), early=bad)  # type: ignore[arg-type]
    base = {c.value: 0 for c in Form06Column}
    base["late"] = bad  # type: ignore[assignment]
    with pytest.raises(InvalidValueError, match="Form06Row.late .*expected an int >= 0"):
        Form06Row(("A",), **base)


def test_row_key_is_a_tuple_of_str() -> None:
    with pytest.raises(InvalidValueError, match="Form06Row.key: expected a tuple of str"):
        Form06Row.of("A")
    with pytest.raises(InvalidValueError, match="Form06Row.key: expected a tuple of str"):
        Form06Row.of((1,))  # type: ignore[arg-type]


def test_table_rows_sorted_zero_rows_dropped_and_total() -> None:
    t = Form06(MARCH, ("field",), [
        Form06Row.of(("Hộ tịch",), received_online=2, early=2),
        Form06Row.zero(("Đất đai",)),
        Form06Row.of(("Chứng thực",), received_in_person=1, within_time=1),
    ])  # fmt: skip
    assert [r.key for r in t] == [("Chứng thực",), ("Hộ tịch",)]
    assert len(t) == 2
    assert t.total.key == ()
    assert (t.total.received, t.total.resolved, t.total.in_progress) == (3, 2, 1)
    assert t.row("Đất đai") == Form06Row.zero(("Đất đai",))
    assert t.row("Hộ tịch").early == 2
    with pytest.raises(InvalidValueError, match="expected 1 values"):
        t.row("a", "b")


def test_table_refuses_bad_rows() -> None:
    with pytest.raises(ReportError, match="two rows for the group \\('A',\\)"):
        Form06(MARCH, ("field",), [Form06Row.of(("A",), early=1, received_online=1)] * 2)
    with pytest.raises(ReportError, match="has 2 key values but the table is grouped by"):
        Form06(MARCH, ("field",), [Form06Row.of(("A", "B"), early=1, received_online=1)])
    with pytest.raises(InvalidValueError, match="group_by: expected names from"):
        Form06(MARCH, ("colour",), [])
    with pytest.raises(InvalidValueError, match="group_by: expected distinct names"):
        Form06(MARCH, ("field", "field"), [])
    with pytest.raises(InvalidValueError, match="Form06.rows: expected Form06Row items"):
        Form06(MARCH, ("field",), [1])
    assert Form06(MARCH, "field", []).group_by == ("field",)


def test_combine_checks_period_and_grouping() -> None:
    a = Form06.empty(MARCH, ("field",))
    with pytest.raises(ReportError, match="different periods"):
        Form06.combine(
            a, Form06.empty(ReportingPeriod.month(2026, 3, convention=CAL_CONV), ("field",))
        )
    with pytest.raises(ReportError, match="grouped differently"):
        a + Form06.empty(MARCH, ("agency",))
    with pytest.raises(ReportError, match="at least one table"):
        Form06.combine()
    with pytest.raises(TypeError):
        a + 1
    assert Form06.combine(a) == a


def test_to_rows_and_headers() -> None:
    t = Form06(MARCH, ("agency", "field"), [
        Form06Row.of(("UBND xã A", "Hộ tịch"), received_online=2, carried_over=1, early=1, late=1, overdue=1),
    ])  # fmt: skip
    rows = t.to_rows()
    assert rows[0] == {
        "stt": 1, "agency": "UBND xã A", "field": "Hộ tịch",
        "received": 3, "received_online": 2, "received_in_person": 0, "carried_over": 1,
        "resolved": 2, "early": 1, "on_time": 0, "late": 1,
        "in_progress": 1, "within_time": 0, "overdue": 1,
        "ended": 0, "withdrawn": 0, "stopped": 0, "closed": 0,
    }  # fmt: skip
    assert rows[1]["stt"] is None
    assert rows[1]["agency"] == "Tổng cộng"
    assert rows[1]["field"] == ""
    assert len(t.to_rows(total=False)) == 1
    vi = t.to_rows(lang="vi", extra=False)
    assert list(vi[0])[:5] == [
        "STT", "Cơ quan, đơn vị", "Lĩnh vực",
        "(3) Số hồ sơ nhận giải quyết: Tổng số", "(4) Số hồ sơ nhận giải quyết: Trực tuyến",
    ]  # fmt: skip
    assert len(vi[0]) == 3 + 11
    en = t.to_rows(lang="en")
    assert en[-1]["Agency"] == "Total"
    assert en[0]["(13) Dossiers in progress: Overdue"] == 1
    assert Form06.empty(MARCH, ()).to_rows() == [
        {"stt": None, **{c.value: 0 for c in Form06Column}}
    ]


def test_to_frame() -> None:
    t = Form06(MARCH, ("field",), [Form06Row.of(("Hộ tịch",), received_online=2, early=2)])
    plain = t.to_frame()
    assert list(plain.columns)[:3] == ["stt", "field", "received"]
    assert plain["received"].tolist() == [2, 2]
    assert plain["stt"].isna().tolist() == [False, True]
    vi = t.to_frame(lang="vi", extra=False)
    assert vi.columns.nlevels == 2
    assert vi[("Số hồ sơ đã giải quyết", "(8) Trước hạn")].tolist() == [2, 2]
    en = t.to_frame(lang="en")
    assert ("Dossiers ended without a decision (tthc addition)", "(15) Withdrawn") in en.columns


counts = st.integers(0, 50)
row_parts = st.fixed_dictionaries({c.value: counts for c in Form06Column if not c.is_total})
keys = st.sampled_from(["Hộ tịch", "Chứng thực", "Đất đai"]).map(lambda s: (s,))


def _balanced(parts: dict[str, int], key: tuple[str, ...]) -> Form06Row:
    # make the received block equal the outcomes: put the difference in carried_over
    out = sum(parts[c] for c in ("early", "on_time", "late", "within_time", "overdue",
                                 "withdrawn", "stopped", "closed"))  # fmt: skip
    received = parts["received_online"] + parts["received_in_person"]
    parts = dict(parts)
    if received > out:
        parts["withdrawn"] += received - out
    else:
        parts["carried_over"] = out - received
    return Form06Row.of(key, **parts)


tables = st.lists(st.tuples(keys, row_parts), max_size=4).map(
    lambda items: Form06(MARCH, ("field",), list({k: _balanced(p, k) for k, p in items}.values()))
)


@given(a=tables, b=tables, c=tables)
def test_combine_is_associative_commutative_with_empty_neutral(
    a: Form06, b: Form06, c: Form06
) -> None:
    assert a + b == b + a
    assert (a + b) + c == a + (b + c) == Form06.combine(a, b, c)
    assert a + Form06.empty(MARCH, ("field",)) == a
    assert (a + b).total == a.total + b.total


@given(t=tables)
def test_table_sums_hold(t: Form06) -> None:
    for r in [*t.rows, t.total]:
        assert r.received == r.received_online + r.received_in_person + r.carried_over
        assert r.resolved == r.early + r.on_time + r.late
        assert r.in_progress == r.within_time + r.overdue
        assert r.received == r.resolved + r.in_progress + r.ended

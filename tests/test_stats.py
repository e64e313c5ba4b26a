"""tthc.stats: reporting periods, Biểu số 06, the QĐ 766 progress score, inspection reports."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tthc import ArgumentTypeError, InvalidValueError, ReportError
from tthc.models import (
    Apologized,
    Channel,
    Closed,
    Dossier,
    GovernmentLevel,
    Procedure,
    Received,
    Refused,
    Resolved,
    ServiceLevel,
    Stopped,
    Submitted,
    SupplementReceived,
    SupplementRequested,
    Withdrawn,
)
from tthc.outcomes import FindingKind, Outcome
from tthc.reports import (
    QD766_PROGRESS,
    Form06,
    Form06Column,
    Form06Row,
    PeriodConvention,
    PeriodKind,
    ProgressScoreConfig,
    ReportingPeriod,
    form06,
    inspection_report,
    place,
    progress_score,
)
from tthc.timelimits import TimeLimit

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
    with pytest.raises(ArgumentTypeError, match="expected a datetime.date, got the datetime"):
        ReportingPeriod.month(2026, 3).contains(datetime(2026, 3, 1, 9))
    with pytest.raises(ArgumentTypeError, match="got str"):
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


# -- Biểu 06 from hand-built dossiers ------------------------------------------------------------
# March 2026 under CUTOFF_14 is 15/02/2026–14/03/2026; Tết is 14–22/02. Five working days from
# Mon 02/03 end on Mon 09/03; from Tue 03/03 on Tue 10/03; from Tue 10/02 on Tue 24/02.

D = date
IN_PERSON, ONLINE, POSTAL = Channel.IN_PERSON, Channel.ONLINE, Channel.POSTAL
P5 = Procedure(
    "1.001193", "Đăng ký khai sinh", "Hộ tịch", GovernmentLevel.COMMUNE,
    TimeLimit.working_days(5), service_level=ServiceLevel.FULL,
)  # fmt: skip
P_COPY = Procedure(
    "2.000815", "Chứng thực bản sao", "Chứng thực", GovernmentLevel.COMMUNE,
    TimeLimit.working_days(2), service_level=ServiceLevel.PARTIAL,
)  # fmt: skip
P_LAND = Procedure(
    "1.000948", "Đăng ký đất đai", "Đất đai", GovernmentLevel.PROVINCE, TimeLimit.working_days(10)
)


def mk(
    ident: str, received: date, channel: Channel = IN_PERSON, *events: object,
    agency: str | None = "UBND xã A", procedure: Procedure = P5,
) -> Dossier:  # fmt: skip
    first: list[object] = []
    if channel is ONLINE:
        first.append(Submitted.on(received))
    return Dossier(
        ident, procedure, [*first, Received.on(received, channel=channel), *events], agency=agency
    )


C = Form06Column
GOLDEN: list[tuple[str, Dossier, tuple[Form06Column, Form06Column] | None]] = [
    ("early in person", mk("A", D(2026, 3, 2), IN_PERSON, Resolved.on(D(2026, 3, 5))), (C.RECEIVED_IN_PERSON, C.EARLY)),
    ("on time online", mk("B", D(2026, 3, 2), ONLINE, Resolved.on(D(2026, 3, 9))), (C.RECEIVED_ONLINE, C.ON_TIME)),
    ("late by post", mk("C", D(2026, 3, 2), POSTAL, Resolved.on(D(2026, 3, 10))), (C.RECEIVED_IN_PERSON, C.LATE)),
    ("open within time", mk("D", D(2026, 3, 10), ONLINE), (C.RECEIVED_ONLINE, C.WITHIN_TIME)),
    ("open overdue", mk("E", D(2026, 3, 2)), (C.RECEIVED_IN_PERSON, C.OVERDUE)),
    ("carried over, late", mk("F", D(2026, 2, 10), IN_PERSON, Resolved.on(D(2026, 2, 26))), (C.CARRIED_OVER, C.LATE)),
    ("finished before the period", mk("G", D(2026, 2, 10), IN_PERSON, Resolved.on(D(2026, 2, 12))), None),
    ("received after the period", mk("H", D(2026, 3, 16)), None),
    ("withdrawn", mk("I", D(2026, 3, 3), IN_PERSON, Withdrawn.on(D(2026, 3, 4))), (C.RECEIVED_IN_PERSON, C.WITHDRAWN)),
    ("stopped", mk("J", D(2026, 3, 3), ONLINE, Stopped.on(D(2026, 3, 4))), (C.RECEIVED_ONLINE, C.STOPPED)),
    ("closed", mk("K", D(2026, 3, 3), IN_PERSON, SupplementRequested.on(D(2026, 3, 4)), Closed.on(D(2026, 3, 13))), (C.RECEIVED_IN_PERSON, C.CLOSED)),
    ("carried over, withdrawn", mk("L", D(2026, 2, 13), IN_PERSON, Withdrawn.on(D(2026, 3, 1))), (C.CARRIED_OVER, C.WITHDRAWN)),
    ("resolved after the period", mk("M", D(2026, 3, 2), IN_PERSON, Resolved.on(D(2026, 3, 20))), (C.RECEIVED_IN_PERSON, C.OVERDUE)),
    ("refused counts as resolved", mk("N", D(2026, 3, 2), IN_PERSON, Refused.on(D(2026, 3, 5))), (C.RECEIVED_IN_PERSON, C.EARLY)),
    ("resolved on the first day", mk("S", D(2026, 2, 12), IN_PERSON, Resolved.on(D(2026, 2, 15))), (C.CARRIED_OVER, C.EARLY)),
    ("received on the last day", mk("T", D(2026, 3, 14), IN_PERSON), (C.RECEIVED_IN_PERSON, C.WITHIN_TIME)),
    ("supplement outstanding", mk("Q", D(2026, 3, 2), IN_PERSON, SupplementRequested.on(D(2026, 3, 3))), (C.RECEIVED_IN_PERSON, C.WITHIN_TIME)),
    ("apology, new date kept", mk("R", D(2026, 3, 2), IN_PERSON, Apologized.on(D(2026, 3, 6), new_due=D(2026, 3, 12), reason="thẩm tra"), Resolved.on(D(2026, 3, 11))), (C.RECEIVED_IN_PERSON, C.LATE)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("dossier", "expected"), [g[1:] for g in GOLDEN], ids=[g[0] for g in GOLDEN]
)
def test_place_golden(dossier: Dossier, expected: tuple[Form06Column, Form06Column] | None) -> None:
    where = place(dossier, MARCH)
    if expected is None:
        assert where is None
    else:
        assert where is not None
        assert (where.received, where.outcome) == expected
        assert (where.classification is None) == (where.outcome.block is C.ENDED)


def test_form06_golden_table() -> None:
    dossiers = [g[1] for g in GOLDEN]
    dossiers.append(mk("U", D(2026, 3, 2), ONLINE, Resolved.on(D(2026, 3, 3)), procedure=P_COPY))
    dossiers.append(mk("V", D(2026, 3, 2), IN_PERSON, agency="UBND xã B"))
    dossiers.append(mk("W", D(2026, 3, 2), IN_PERSON, agency=None, procedure=P_LAND))
    t = form06(dossiers, MARCH)
    assert [r.key for r in t] == [
        ("", "Đất đai"), ("UBND xã A", "Chứng thực"), ("UBND xã A", "Hộ tịch"), ("UBND xã B", "Hộ tịch"),
    ]  # fmt: skip
    a = t.row("UBND xã A", "Hộ tịch")
    assert a.counts() == {
        C.RECEIVED: 16, C.RECEIVED_ONLINE: 3, C.RECEIVED_IN_PERSON: 10, C.CARRIED_OVER: 3,
        C.RESOLVED: 7, C.EARLY: 3, C.ON_TIME: 1, C.LATE: 3,
        C.IN_PROGRESS: 5, C.WITHIN_TIME: 3, C.OVERDUE: 2,
        C.ENDED: 4, C.WITHDRAWN: 2, C.STOPPED: 1, C.CLOSED: 1,
    }  # fmt: skip
    assert t.row("UBND xã A", "Chứng thực").early == 1
    assert t.row("UBND xã B", "Hộ tịch").overdue == 1
    assert t.row("", "Đất đai").within_time == 1  # 10 working days from 02/03: 16/03
    assert t.total.received == 19
    by_field = form06(dossiers, MARCH, group_by=("field",))
    assert by_field.total == t.total
    assert form06(dossiers, MARCH, group_by=()).rows[0].key == ()
    by_level = form06(dossiers, MARCH, group_by=("level", "procedure"))
    assert by_level.row("Cấp tỉnh", "1.000948").received == 1


def test_form06_calendar_convention() -> None:
    march = ReportingPeriod.month(2026, 3, convention=CAL_CONV)  # 01/03–31/03
    t = form06([g[1] for g in GOLDEN], march, group_by=())
    # F, G, S finished before 01/03; H (received 16/03) is in it now; L (received 13/02,
    # withdrawn 01/03) is carried over
    assert t.total.received == 15
    assert t.total.carried_over == 1
    assert place(GOLDEN[12][1], march).outcome is C.LATE  # type: ignore[union-attr]


def test_form06_bad_input() -> None:
    with pytest.raises(
        InvalidValueError, match=r"form06: dossiers\[1\] expected a Dossier, got str"
    ):
        form06([GOLDEN[0][1], "HS-2"], MARCH)  # type: ignore[list-item]
    with pytest.raises(
        InvalidValueError, match="form06: period expected a ReportingPeriod, got str"
    ):
        form06([], "2026-03")  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="group_by: expected names from"):
        form06([], MARCH, group_by=("province",))
    with pytest.raises(InvalidValueError, match="expected an iterable of Dossier"):
        form06("HS-1", MARCH)  # type: ignore[arg-type]


# -- properties over generated dossiers ----------------------------------------------------------

FINALS = [None, Resolved, Refused, Withdrawn, Stopped]


@st.composite
def dossiers_(draw: st.DrawFn, ident: str = "X") -> Dossier:
    received = draw(st.dates(D(2026, 1, 5), D(2026, 4, 30)))
    channel = draw(st.sampled_from(list(Channel)))
    events: list[object] = []
    day = received
    if draw(st.booleans()):
        day = day + timedelta(days=draw(st.integers(0, 3)))
        events.append(SupplementRequested.on(day))
        day = day + timedelta(days=draw(st.integers(0, 10)))
        events.append(SupplementReceived.on(day))
    final = draw(st.sampled_from(FINALS))
    if final is not None:
        events.append(final.on(day + timedelta(days=draw(st.integers(0, 30)))))
    agency = draw(st.sampled_from(["UBND xã A", "UBND xã B"]))
    procedure = draw(st.sampled_from([P5, P_COPY, P_LAND]))
    return mk(ident, received, channel, *events, agency=agency, procedure=procedure)


dossier_lists = st.lists(dossiers_(), max_size=8).map(
    lambda ds: [
        Dossier(f"HS-{i}", d.procedure, d.events, agency=d.agency) for i, d in enumerate(ds)
    ]
)
periods = st.sampled_from([
    MARCH, ReportingPeriod.quarter(2026, 1), ReportingPeriod.month(2026, 3, convention=CAL_CONV),
    ReportingPeriod.month(2026, 4),
])  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(ds=dossier_lists, period=periods)
def test_every_dossier_in_exactly_one_column_of_each_block(
    ds: list[Dossier], period: ReportingPeriod
) -> None:
    t = form06(ds, period, group_by=())
    placed = [p for p in (place(d, period) for d in ds) if p is not None]
    total = t.total
    assert total.received == len(placed)
    for column in C:
        if column.is_total:
            continue
        n = sum(1 for p in placed if column in (p.received, p.outcome))
        assert total.count(column) == n
    for p in placed:
        assert p.received.block is C.RECEIVED
        assert p.outcome.block in (C.RESOLVED, C.IN_PROGRESS, C.ENDED)


@settings(max_examples=40, deadline=None)
@given(a=dossier_lists, b=dossier_lists, period=periods)
def test_combine_of_partitions_equals_the_whole(
    a: list[Dossier], b: list[Dossier], period: ReportingPeriod
) -> None:
    b = [Dossier(f"B-{d.id}", d.procedure, d.events, agency=d.agency) for d in b]
    whole = form06([*a, *b], period)
    assert form06(a, period) + form06(b, period) == whole
    assert Form06.combine(form06(a, period), form06(b, period), form06([], period)) == whole
    for r in [*whole.rows, whole.total]:
        assert r.received == r.received_online + r.received_in_person + r.carried_over
        assert r.resolved == r.early + r.on_time + r.late
        assert r.in_progress == r.within_time + r.overdue


# -- QĐ 766 progress score -----------------------------------------------------------------------


def test_progress_score_golden() -> None:
    ds = {g[1].id: g[1] for g in GOLDEN}
    s = progress_score(ds.values(), MARCH)
    # in scope: 16 (all but G and H). On time: A B N S (early / on time), D T Q (within time),
    # I J (ended before the due date), K (closed; its outstanding request 04/03 is before the due
    # 10/03). Late: C F R (late), E M (overdue), L (withdrawn 01/03 after the due 27/02).
    assert (s.considered, s.on_time, s.late) == (16, 10, 6)
    assert s.rate == 10 / 16
    assert s.points == 12.5
    no_open = progress_score(ds.values(), MARCH, config=ProgressScoreConfig(include_open=False))
    assert (no_open.considered, no_open.on_time) == (11, 7)
    resolved_only = ProgressScoreConfig(include_open=False, include_ended=False)
    r = progress_score(ds.values(), MARCH, config=resolved_only)
    assert (r.considered, r.on_time) == (7, 4)


def test_progress_score_repeated_supplement_is_overdue() -> None:
    twice = mk(
        "O", D(2026, 3, 2), IN_PERSON,
        SupplementRequested.on(D(2026, 3, 3)), SupplementReceived.on(D(2026, 3, 4)),
        SupplementRequested.on(D(2026, 3, 5)), SupplementReceived.on(D(2026, 3, 6)),
        Resolved.on(D(2026, 3, 6)),
    )  # fmt: skip
    assert place(twice, MARCH).outcome is C.EARLY  # type: ignore[union-attr]
    assert progress_score([twice], MARCH).on_time == 0
    lenient = ProgressScoreConfig(repeated_supplement_overdue=False)
    assert progress_score([twice], MARCH, config=lenient).on_time == 1


def test_progress_score_config() -> None:
    assert QD766_PROGRESS.maximum == 20
    assert QD766_PROGRESS.target is None
    assert "ChippedTopaz/qd766" in QD766_PROGRESS.source
    # the linear conversion matches the portal's published scores; the appendix is unread
    assert "984 parent/child observations" in QD766_PROGRESS.status
    assert "appendix itself was not read" in QD766_PROGRESS.status
    assert "assumed" not in QD766_PROGRESS.status
    target = ProgressScoreConfig(target=0.8)
    assert target.points(0.8) == 20
    assert target.points(1.0) == 20
    assert target.points(0.6) == 15
    empty = progress_score([], MARCH)
    assert (empty.rate, empty.points, empty.considered) == (None, None, 0)
    with pytest.raises(
        InvalidValueError,
        match="ProgressScoreConfig.target: expected None or a rate in \\(0, 1\\], got 80",
    ):
        ProgressScoreConfig(target=80)
    with pytest.raises(
        InvalidValueError, match="ProgressScoreConfig.maximum: expected a number > 0"
    ):
        ProgressScoreConfig(maximum=0)
    with pytest.raises(InvalidValueError, match="expected a rate from 0 to 1, got 1.5"):
        QD766_PROGRESS.points(1.5)
    with pytest.raises(InvalidValueError, match="config expected a ProgressScoreConfig"):
        progress_score([], MARCH, config=None)  # type: ignore[arg-type]


# -- inspection report ---------------------------------------------------------------------------


def test_inspection_report() -> None:
    late_no_apology = GOLDEN[2][1]  # C: resolved late, no apology
    apology_kept = GOLDEN[17][1]  # R
    apology_late_broken = mk(
        "Y", D(2026, 3, 2), ONLINE,
        Apologized.on(D(2026, 3, 9), new_due=D(2026, 3, 11), reason="thẩm tra"),
        Resolved.on(D(2026, 3, 12), digitally_signed=True),
    )  # fmt: skip
    unsigned = mk("Z", D(2026, 3, 2), ONLINE, Resolved.on(D(2026, 3, 3), digitally_signed=False))
    other = mk("V", D(2026, 3, 2), IN_PERSON, Resolved.on(D(2026, 3, 3)), agency="UBND xã B")
    copy = mk(
        "U",
        D(2026, 3, 2),
        IN_PERSON,
        Resolved.on(D(2026, 3, 3), digitally_signed=True),
        procedure=P_COPY,
    )
    overdue = GOLDEN[4][1]  # E
    ds = [late_no_apology, apology_kept, apology_late_broken, unsigned, other, copy, overdue]
    r = inspection_report(
        ds, [P5, P_COPY, P_LAND], MARCH, agency="UBND xã A", level=GovernmentLevel.COMMUNE,
        published={"1.001193": [GovernmentLevel.COMMUNE], "2.000815": GovernmentLevel.PROVINCE},
    )  # fmt: skip
    assert r.dossiers == 6
    assert [(x.id, x.outcome, x.apologized, x.apology_in_time, x.new_due, x.new_due_kept) for x in r.late] == [
        ("C", Outcome.LATE, False, None, None, None),
        ("R", Outcome.LATE, True, True, D(2026, 3, 12), True),
        ("Y", Outcome.LATE, True, False, D(2026, 3, 11), False),
        ("E", Outcome.OVERDUE, False, None, None, None),
    ]  # fmt: skip
    assert [x.id for x in r.late_without_apology] == ["C", "E"]
    assert r.late[0].working_days_late == 1
    assert r.unsigned_results == ("Z",)
    assert r.unknown_signature == ("C", "R")
    assert r.unpublished == ("2.000815",)  # published for the province, not the commune
    assert [(c.level, c.procedures, c.received, c.received_online) for c in r.coverage] == [
        (ServiceLevel.PARTIAL, 1, 1, 0),
        (ServiceLevel.FULL, 1, 5, 2),
    ]
    assert r.coverage[1].share_online == 0.4
    assert r.coverage[1].label_en == "Fully online"
    assert r.findings == {
        FindingKind.LATE_WITHOUT_APOLOGY: 1,
        FindingKind.APOLOGY_TOO_LATE: 1,
        FindingKind.RESULT_NOT_DIGITALLY_SIGNED: 1,
    }


def test_inspection_report_whole_catalogue_and_no_publication_data() -> None:
    land = mk("W", D(2026, 3, 2), IN_PERSON, agency=None, procedure=P_LAND)
    r = inspection_report([land], [P5, P_LAND], MARCH)
    assert r.unpublished is None
    assert r.dossiers == 1
    assert [(c.level, c.procedures, c.received) for c in r.coverage] == [
        (ServiceLevel.FULL, 1, 0),
        (None, 1, 1),
    ]
    assert r.coverage[0].share_online is None
    assert r.coverage[1].label_vi == "Không có dịch vụ công trực tuyến"
    r2 = inspection_report(
        [land], [P5, P_LAND], MARCH, published={"1.000948": [GovernmentLevel.PROVINCE]}
    )
    assert r2.unpublished == ("1.001193",)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"procedures": ["1.001193"]}, r"procedures\[0\] expected a Procedure, got str"),
        ({"procedures": "1.001193"}, "procedures expected an iterable of Procedure"),
        ({"agency": 3}, "agency expected a str or None, got 3"),
        ({"level": "commune"}, "level expected a GovernmentLevel or None, got 'commune'"),
        ({"published": ["1.001193"]}, "published expected a mapping of procedure code"),
        ({"published": {"1.001193": ["commune"]}}, r"published\['1.001193'\] expected GovernmentLevel values, got 'commune'"),
        ({"published": {"1.001193": 3}}, "expected GovernmentLevel values, got 3"),
    ],
)  # fmt: skip
def test_inspection_report_bad_input(kwargs: dict[str, object], message: str) -> None:
    args: dict[str, object] = {"procedures": [P5]}
    args.update(kwargs)
    with pytest.raises(InvalidValueError, match=message):
        inspection_report([], period=MARCH, **args)  # type: ignore[arg-type]


def test_enum_labels_and_small_errors() -> None:
    assert "NĐ 09/2019" in PeriodConvention.CUTOFF_14.label_vi
    assert PeriodConvention.CALENDAR.label_en == "Calendar months"
    assert PeriodKind.NINE_MONTHS.label_vi == "9 tháng"
    assert PeriodKind.HALF.label_en == "Half year"
    with pytest.raises(
        InvalidValueError, match="Form06Row.count\\(column\\): expected a Form06Column"
    ):
        Form06Row.zero(("A",)).count("early")  # type: ignore[arg-type]
    with pytest.raises(ReportError, match="cannot add row \\('B',\\) to row \\('A',\\)"):
        Form06Row.zero(("A",)) + Form06Row.zero(("B",))
    with pytest.raises(InvalidValueError, match="Form06.combine: expected Form06 tables"):
        Form06.combine(Form06.empty(MARCH), 1)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="lang: expected 'vi' or 'en'"):
        Form06.empty(MARCH).to_rows(lang="fr")  # type: ignore[arg-type]


# -- the remaining paths: convention labels, operands, converters, aware moments ----------------


def test_convention_labels() -> None:
    assert (
        CUT.label_vi == "Kỳ báo cáo từ ngày 15 tháng trước đến ngày 14 (NĐ 09/2019/NĐ-CP Điều 12)"
    )
    assert CUT.label_en == "15th of the previous month to the 14th (NĐ 09/2019/NĐ-CP Art. 12)"
    assert CAL_CONV.label_vi == "Theo tháng dương lịch"
    assert CAL_CONV.label_en == "Calendar months"


def test_row_adds_only_rows() -> None:
    row = Form06Row.of(("A",), received_online=1, early=1)
    assert row.__add__(1) is NotImplemented
    with pytest.raises(TypeError, match="unsupported operand type"):
        row + 1


def test_table_rows_from_a_mapping_and_refused_non_iterables() -> None:
    row_a = Form06Row.of(("A",), received_online=1, early=1)
    row_b = Form06Row.of(("B",), received_in_person=2, overdue=2)
    t = Form06(MARCH, ("field",), {"b": row_b, "a": row_a})
    assert t.rows == (row_a, row_b)
    with pytest.raises(InvalidValueError) as info:
        Form06(MARCH, ("field",), "AB")
    assert str(info.value) == "Form06.rows: expected an iterable of Form06Row, got 'AB'"
    with pytest.raises(InvalidValueError) as info:
        Form06(MARCH, ("field",), 3)
    assert str(info.value) == "Form06.rows: expected an iterable of Form06Row, got 3"
    with pytest.raises(InvalidValueError) as info:
        Form06(MARCH, 3, [])
    assert str(info.value).startswith("group_by: expected a tuple of names from (")
    assert str(info.value).endswith("), got 3")


def test_place_uses_the_vietnamese_date_of_aware_moments() -> None:
    utc = timezone.utc
    # 14/03 20:00 UTC is 15/03 03:00 in Việt Nam: received in April's period (15/03–14/04).
    d = Dossier(
        "AW",
        P5,
        [
            Received(datetime(2026, 3, 14, 20, 0, tzinfo=utc)),
            Resolved(datetime(2026, 3, 16, 18, 0, tzinfo=utc)),  # 17/03 01:00 in Việt Nam
        ],
    )
    assert place(d, MARCH) is None
    where = place(d, ReportingPeriod.month(2026, 4))
    assert where is not None
    assert (where.received, where.outcome) == (C.RECEIVED_IN_PERSON, C.EARLY)
    assert where.classification is not None
    assert where.classification.outcome is Outcome.EARLY

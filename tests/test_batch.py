"""tthc.batch: vectorised working-day arithmetic equals the scalar calendar, element by element."""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.typing import NDArray

from tthc import (
    ArgumentTypeError,
    CalendarRangeError,
    DayKind,
    InvalidValueError,
    Override,
    WorkingCalendar,
    vietnam_calendar,
)
from tthc.batch import add_working_days, as_day_array, working_days_between

CAL = vietnam_calendar()
days_2019_2028 = st.dates(date(2019, 1, 1), date(2028, 12, 31))


def _local_calendar(overrides: list[tuple[date, bool]]) -> WorkingCalendar:
    made = []
    seen = set()
    for d, close in overrides:
        if d in seen:
            continue
        seen.add(d)
        working = CAL.is_working_day(d)
        if close and working:
            made.append(Override(d, DayKind.CLOSURE, "closure", "test"))
        elif not close and not working:
            made.append(Override(d, DayKind.EXTRA_WORKDAY, "extra", "test"))
    return CAL.with_overrides(*made)


@given(
    st.lists(days_2019_2028, min_size=1, max_size=40),
    st.integers(-300, 300),
    st.lists(st.tuples(days_2019_2028, st.booleans()), max_size=12),
)
def test_add_equals_scalar_with_overrides(
    ds: list[date], n: int, ovs: list[tuple[date, bool]]
) -> None:
    cal = _local_calendar(ovs)
    got = add_working_days(np.array(ds, dtype="datetime64[D]"), n, cal)
    assert got.dtype == np.dtype("datetime64[D]")
    assert [x.item() for x in got] == [cal.add_working_days(d, n) for d in ds]


@given(st.lists(st.tuples(days_2019_2028, st.integers(-50, 50)), min_size=1, max_size=40))
def test_add_with_an_array_of_amounts(pairs: list[tuple[date, int]]) -> None:
    ds = np.array([d for d, _ in pairs], dtype="datetime64[D]")
    ns = np.array([n for _, n in pairs])
    got = add_working_days(ds, ns)
    assert [x.item() for x in got] == [CAL.add_working_days(d, n) for d, n in pairs]


@given(
    st.lists(st.tuples(days_2019_2028, days_2019_2028), min_size=1, max_size=40),
    st.lists(st.tuples(days_2019_2028, st.booleans()), max_size=12),
)
def test_between_equals_scalar(
    pairs: list[tuple[date, date]], ovs: list[tuple[date, bool]]
) -> None:
    cal = _local_calendar(ovs)
    a = np.array([p[0] for p in pairs], dtype="datetime64[D]")
    b = np.array([p[1] for p in pairs], dtype="datetime64[D]")
    assert working_days_between(a, b, cal).tolist() == [
        cal.working_days_between(x, y) for x, y in pairs
    ]


def test_swap_days_that_numpy_busday_offset_misses() -> None:
    days = np.array(["2026-01-09", "2025-04-25", "2024-05-03"], dtype="datetime64[D]")
    expected = ["2026-01-10", "2025-04-26", "2024-05-04"]  # working Saturdays
    assert add_working_days(days, 1).astype(str).tolist() == expected


def test_sequences_of_dates_and_empty_arrays() -> None:
    got = add_working_days([date(2026, 2, 12)], 5)
    assert got.tolist() == [date(2026, 2, 26)]
    empty = np.array([], dtype="datetime64[D]")
    assert add_working_days(empty, 3).size == 0
    assert working_days_between(empty, empty).size == 0


def test_nat_and_out_of_range_name_the_position() -> None:
    with pytest.raises(InvalidValueError, match=r"dates\[1\]: expected a date, got NaT"):
        add_working_days(np.array(["2026-01-01", "NaT"], dtype="datetime64[D]"), 1)
    with pytest.raises(CalendarRangeError, match=r"dates\[2\]: 1999-12-31 is outside"):
        add_working_days(np.array(["2026-01-01", "2026-01-02", "1999-12-31"], "datetime64[D]"), 1)
    with pytest.raises(CalendarRangeError, match=r"dates\[1\]: \+30 working days from 2040-12-20"):
        add_working_days(np.array(["2026-01-01", "2040-12-20"], dtype="datetime64[D]"), 30)
    with pytest.raises(CalendarRangeError, match=r"end\[0\]: 2041-01-01 is outside"):
        working_days_between(
            np.array(["2026-01-01"], "datetime64[D]"), np.array(["2041-01-01"], "datetime64[D]")
        )


def test_wrong_types_are_refused() -> None:
    with pytest.raises(ArgumentTypeError, match=r"expected a datetime64\[D\] array, got dtype"):
        add_working_days(np.array(["2026-01-01T10:00"], dtype="datetime64[s]"), 1)
    with pytest.raises(
        ArgumentTypeError, match=r"dates\[0\]: expected a datetime.date, got datetime"
    ):
        as_day_array([datetime(2026, 1, 1, 10)])
    with pytest.raises(ArgumentTypeError, match="got str"):
        as_day_array("2026-01-01")
    with pytest.raises(ArgumentTypeError, match="n: expected an int or an integer array"):
        add_working_days(np.array(["2026-01-01"], dtype="datetime64[D]"), 1.5)  # type: ignore[arg-type]


def test_calendar_before_1970_is_supported() -> None:
    cal = WorkingCalendar([], date(1960, 1, 1), date(1980, 12, 31), date(1980, 12, 31))
    days = np.array(["1965-03-05", "1975-06-06"], dtype="datetime64[D]")
    got = add_working_days(days, 1, cal)
    assert got.tolist() == [date(1965, 3, 8), date(1975, 6, 9)]


def test_errors_of_working_days_between_name_a_or_b() -> None:
    ok = np.array(["2026-01-05"], dtype="datetime64[D]")
    with pytest.raises(InvalidValueError, match=r"^start\[0\]: expected a date, got NaT"):
        working_days_between(np.array(["NaT"], dtype="datetime64[D]"), ok)
    with pytest.raises(CalendarRangeError, match=r"^start\[0\]: 1999-12-31 is outside"):
        working_days_between(np.array(["1999-12-31"], dtype="datetime64[D]"), ok)
    with pytest.raises(
        ArgumentTypeError, match=r"^start\[0\]: expected a datetime.date, got datetime"
    ):
        working_days_between([datetime(2026, 1, 5, 10)], ok)
    with pytest.raises(
        ArgumentTypeError, match=r"^end\[0\]: expected a datetime.date, got datetime"
    ):
        working_days_between(ok, [datetime(2026, 1, 5, 10)])


_day_or_nat = st.one_of(st.just(None), st.integers(0, 60))


@given(
    rows=st.lists(
        st.tuples(st.lists(_day_or_nat, min_size=3, max_size=3), _day_or_nat), max_size=12
    ),
    cuts=st.lists(st.integers(0, 60), max_size=6, unique=True),
    anchored=st.booleans(),
)
def test_provisional_span_equals_a_row_by_row_reading(
    rows: list[tuple[list[int | None], int | None]], cuts: list[int], anchored: bool
) -> None:
    # The engine's provisional test (used by deadlines and classification of every row) against
    # its definition, row by row, on any disjoint spans: a provisional day between the row's
    # first and last used day (the anchor counts only for a row with a used day).
    from tthc.batch.arrays import NAT, RowContext

    edges = sorted(cuts)
    spans = list(zip(edges[::2], edges[1::2], strict=False))
    ctx = RowContext(np.array([f"HS-{i}" for i in range(len(rows))]), CAL)
    ctx.spans = (
        np.array([NAT] + [a for a, _ in spans], dtype=np.int64),
        np.array([NAT] + [b for _, b in spans], dtype=np.int64),
    )

    def column(values: list[int | None]) -> NDArray[np.int64]:
        return np.array([NAT if v is None else v for v in values], dtype=np.int64)

    used = [column([r[0][j] for r in rows]) for j in range(3)]
    anchor = column([r[1] for r in rows]) if anchored else None
    expected = []
    for days, a in rows:
        seen = [d for d in days if d is not None]
        if seen and anchored and a is not None:
            seen.append(a)
        expected.append(bool(seen) and any(s <= max(seen) and e >= min(seen) for s, e in spans))
    assert ctx.provisional_span(used, anchor).tolist() == expected

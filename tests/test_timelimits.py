"""TimeLimit: constructors, validation, the Vietnamese parser and its round trip."""

from __future__ import annotations

from datetime import time, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tthc.errors import ArgumentTypeError, InvalidValueError, TimeLimitParseError, TthcError
from tthc.timelimits import MAX_AMOUNT, Precision, TimeLimit, Unit

PARSED = [
    ("05 ngày làm việc", TimeLimit.working_days(5)),
    ("5 ngày làm việc", TimeLimit.working_days(5)),
    ("Không quá 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", TimeLimit.working_days(5)),
    ("20 ngày", TimeLimit.days(20)),
    ("Không quá 30 ngày", TimeLimit.days(30)),
    ("03 tháng", TimeLimit.months(3)),
    ("08 giờ làm việc", TimeLimit.working_hours(8)),
    ("24 giờ kể từ thời điểm nhận đủ hồ sơ hợp lệ", TimeLimit.hours(24)),
    ("Trong ngày", TimeLimit.same_day(cutoff=None)),
    ("ngay trong ngày", TimeLimit.same_day(cutoff=None)),
    ("Trong ngày làm việc", TimeLimit.same_day(cutoff=None)),
    (
        "Trong ngày làm việc; trường hợp nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm "
        "việc tiếp theo",
        TimeLimit.same_day(),
    ),
    (
        "Ngay trong ngày tiếp nhận yêu cầu hoặc trong ngày làm việc tiếp theo, nếu tiếp nhận "
        "yêu cầu sau 15 giờ",
        TimeLimit.same_day(time(15, 0)),
    ),
    (
        "trong ngày; nếu nhận hồ sơ sau 16 giờ 30 phút thì trả kết quả trong ngày làm việc tiếp theo",
        TimeLimit.same_day(time(16, 30)),
    ),
    (
        "20 ngày làm việc (không kể thời gian thực hiện nghĩa vụ tài chính)",
        TimeLimit(20, Unit.WORKING_DAY, excluding="thực hiện nghĩa vụ tài chính"),
    ),
    ("Không quy định", TimeLimit.none()),
    ("  KHÔNG QUÁ   10 NGÀY LÀM VIỆC. ", TimeLimit.working_days(10)),
    # Official wordings from the national procedure database (1.001193, 2.000815).
    (
        "Ngay trong ngày tiếp nhận yêu cầu, trường hợp nhận hồ sơ sau 15 giờ mà không giải quyết "
        "được ngay thì trả kết quả trong ngày làm việc tiếp theo.",
        TimeLimit.same_day(time(15, 0)),
    ),
    (
        "Trong ngày cơ quan, tổ chức tiếp nhận yêu cầu hoặc trong ngày làm việc tiếp theo, nếu "
        "tiếp nhận yêu cầu sau 15 giờ.",
        TimeLimit.same_day(time(15, 0)),
    ),
    (
        "30 ngày kể từ khi các cơ quan có thẩm quyền giải quyết nhận đầy đủ hồ sơ",
        TimeLimit.days(30),
    ),
]


@pytest.mark.parametrize(("text", "expected"), PARSED)
def test_parse_forms(text: str, expected: TimeLimit) -> None:
    assert TimeLimit.parse(text) == expected


def test_parse_nfd_text() -> None:
    import unicodedata

    assert TimeLimit.parse(unicodedata.normalize("NFD", "05 ngày làm việc")).amount == 5


@pytest.mark.parametrize(
    "text",
    ["05 tuần", "", "ngày làm việc", "05", "0 ngày", "abc", "05 ngày làm việc xyz",
     "Trong ngày; nếu nhận hồ sơ sau 25 giờ thì trả kết quả trong ngày làm việc tiếp theo",
     "٥ ngày"],
)  # fmt: skip
def test_parse_refuses_and_quotes(text: str) -> None:
    with pytest.raises(TimeLimitParseError) as err:
        TimeLimit.parse(text)
    assert repr(text) in str(err.value)
    assert isinstance(err.value, ValueError)
    assert isinstance(err.value, TthcError)


def test_parse_non_str() -> None:
    with pytest.raises(ArgumentTypeError):
        TimeLimit.parse(5)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("limit", "text"),
    [
        (TimeLimit.working_days(5), "05 ngày làm việc"),
        (TimeLimit.working_days(120), "120 ngày làm việc"),
        (TimeLimit.days(20), "20 ngày"),
        (TimeLimit.months(3), "03 tháng"),
        (TimeLimit.working_hours(8), "08 giờ làm việc"),
        (TimeLimit.hours(24), "24 giờ"),
        (TimeLimit.same_day(cutoff=None), "Trong ngày"),
        (
            TimeLimit.same_day(time(16, 30)),
            "Trong ngày làm việc; trường hợp nhận hồ sơ sau 16 giờ 30 phút thì trả kết quả "
            "trong ngày làm việc tiếp theo",
        ),
        (TimeLimit.none(), "Không quy định"),
    ],
)
def test_str_canonical(limit: TimeLimit, text: str) -> None:
    assert str(limit) == text


@pytest.mark.parametrize(
    ("build", "error"),
    [
        (lambda: TimeLimit(-1, Unit.WORKING_DAY), InvalidValueError),
        (lambda: TimeLimit(0, Unit.DAY), InvalidValueError),
        (lambda: TimeLimit(1, Unit.NONE), InvalidValueError),
        (lambda: TimeLimit(1, Unit.SAME_DAY), InvalidValueError),
        (lambda: TimeLimit(True, Unit.DAY), ArgumentTypeError),
        (lambda: TimeLimit(1.5, Unit.DAY), ArgumentTypeError),  # type: ignore[arg-type]
        (lambda: TimeLimit(1, "day"), ArgumentTypeError),  # type: ignore[arg-type]
        (lambda: TimeLimit(1, Unit.DAY, cutoff=time(15)), InvalidValueError),
        (lambda: TimeLimit.same_day(cutoff=time(15, 0, 5)), InvalidValueError),
        (lambda: TimeLimit.same_day(cutoff=time(15, tzinfo=timezone.utc)), InvalidValueError),
        (lambda: TimeLimit.same_day(cutoff="15:00"), ArgumentTypeError),  # type: ignore[arg-type]
        (lambda: TimeLimit(1, Unit.DAY, excluding=""), InvalidValueError),
        (lambda: TimeLimit(1, Unit.DAY, excluding="a (b)"), InvalidValueError),
        (lambda: TimeLimit(1, Unit.DAY, excluding="a  b"), InvalidValueError),
        (lambda: TimeLimit(1, Unit.DAY, excluding=5), ArgumentTypeError),  # type: ignore[arg-type]
        (lambda: TimeLimit(0, Unit.NONE, excluding="x"), InvalidValueError),
    ],
)
def test_validation(build: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        build()  # type: ignore[operator]


def test_error_names_field_and_value() -> None:
    with pytest.raises(InvalidValueError, match=r"TimeLimit.amount: expected 1..9999 .* got -3"):
        TimeLimit.working_days(-3)


def test_labels() -> None:
    for unit in Unit:
        assert unit.label_vi
        assert unit.label_en
    assert Unit.WORKING_DAY.label_vi == "ngày làm việc"
    assert Precision.DAY.label_en == "by day"
    assert Precision.HOUR.label_vi == "theo giờ"
    assert Precision.HOUR.label_en == "by hour"
    assert Precision.DAY.label_vi == "theo ngày"


excluding_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="()"),
    min_size=1,
    max_size=20,
).map(lambda s: " ".join(s.split()))


@st.composite
def time_limits(draw: st.DrawFn) -> TimeLimit:
    unit = draw(st.sampled_from(Unit))
    if unit is Unit.NONE:
        return TimeLimit.none()
    if unit is Unit.SAME_DAY:
        cutoff = draw(st.none() | st.builds(time, st.integers(0, 23), st.integers(0, 59)))
        return TimeLimit.same_day(cutoff=cutoff)
    import unicodedata

    excl = draw(st.none() | excluding_text.map(lambda s: unicodedata.normalize("NFC", s)))
    if excl is not None and (not excl or excl != " ".join(excl.split())):
        excl = None
    return TimeLimit(draw(st.integers(1, 9999)), unit, excluding=excl)


@given(time_limits())
def test_round_trip(limit: TimeLimit) -> None:
    assert TimeLimit.parse(str(limit)) == limit


# -- issue 13: amounts every path supports; clauses in capitals ------------------------------


@pytest.mark.parametrize("unit", [u for u in Unit if u.is_counted])
def test_amounts_are_bounded_by_what_the_text_holds(unit: Unit) -> None:
    largest = TimeLimit(MAX_AMOUNT, unit)
    assert TimeLimit.parse(str(largest)) == largest
    with pytest.raises(
        InvalidValueError, match=rf"TimeLimit.amount: expected 1..9999 for {unit.value}, got 10000"
    ):
        TimeLimit(MAX_AMOUNT + 1, unit)
    with pytest.raises(InvalidValueError, match="got 1000000000"):
        TimeLimit(10**9, unit)


def test_an_upper_case_exclusion_clause_is_read_in_lower_case() -> None:
    limit = TimeLimit.parse("20 NGÀY LÀM VIỆC (KHÔNG KỂ THỜI GIAN THẨM ĐỊNH)")
    assert limit.excluding == "thẩm định"
    assert TimeLimit.parse(str(limit)) == limit
    kept = TimeLimit.parse("20 ngày làm việc (không kể thời gian UBND tỉnh xem xét)")
    assert kept.excluding == "UBND tỉnh xem xét"

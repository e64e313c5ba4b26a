"""read_time_limit: the lenient reader of the national database's "Thời hạn giải quyết" texts."""

from __future__ import annotations

import unicodedata
from datetime import time

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tthc._timelimit_lexicon import words_to_int
from tthc.errors import DateTypeError, TimeLimitParseError
from tthc.models import SupplementPolicy
from tthc.timelimits import (
    Alternative,
    AlternativeKind,
    TimeLimit,
    TimeLimitReading,
    read_time_limit,
)

WD = TimeLimit.working_days
D = TimeLimit.days

# (text, limit) for texts that state one unconditional limit: what TimeLimit.parse accepts.
SINGLE = [
    # The plain cases of issue 11.
    ("03 ngày làm việc kể từ ngày nhận đủ hồ sơ theo quy định.", WD(3)),
    ("Trong thời hạn 03 (ba) ngày làm việc, kể từ ngày nhận được hồ sơ hợp lệ.", WD(3)),
    ("Thời hạn thẩm định không quá 20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.", WD(20)),
    ("0.5 Ngày làm việc", TimeLimit.working_hours(4)),
    ("1,5 ngày làm việc", TimeLimit.working_hours(12)),
    ("Trong 24 giờ", TimeLimit.hours(24)),
    (
        "Ngay trong ngày tiếp nhận yêu cầu, trường hợp sau 15 giờ mà không giải quyết được ngay "
        "thì trả kết quả trong ngày làm việc tiếp theo",
        TimeLimit.same_day(time(15, 0)),
    ),
    # Units as published, any case, NFD, stray punctuation.
    ("5 Ngày làm việc", WD(5)),
    ("30 Ngày", D(30)),
    ("1 Tháng", TimeLimit.months(1)),
    ("8 Giờ", TimeLimit.hours(8)),
    ("4 giờ làm việc", TimeLimit.working_hours(4)),
    ("  - 05 NGÀY LÀM VIỆC.;", WD(5)),
    (unicodedata.normalize("NFD", "Không quá 10 ngày làm việc"), WD(10)),
    ("Ba mươi (30) ngày", D(30)),
    ("hai mươi lăm (25) ngày làm việc", WD(25)),
    (
        "Chậm nhất 01 (một) giờ kể từ khi Biên phòng cửa khẩu cảng tiếp nhận đầy đủ các bản khai điện tử.",
        TimeLimit.hours(1),
    ),
    ("Không quá 20 ngày kể từ khi nhận đủ hồ sơ hợp lệ.-", D(20)),
    ("Trong thời hạn tối đa 07 ngày làm việc, kể từ ngày nhận được hồ sơ", WD(7)),
    ("06 tháng kể từ ngày nhận đầy đủ hồ sơ hợp lệ", TimeLimit.months(6)),
    ("10 ngày làm việc kế từ ngày nhận đủ hồ sơ", WD(10)),
    # Same-day forms.
    ("Trong ngày", TimeLimit.same_day(cutoff=None)),
    ("Trong ngày tiếp nhận hồ sơ", TimeLimit.same_day(cutoff=None)),
    (
        "Thực hiện trong ngày làm việc nhận được hồ sơ đầy đủ, chính xác",
        TimeLimit.same_day(cutoff=None),
    ),
    ("Giải quyết ngay", TimeLimit.same_day(cutoff=None)),
    ("Thời hạn giải quyết: Ngay khi tiếp nhận", TimeLimit.same_day(cutoff=None)),
    ("Ngay sau khi nhận đủ hồ sơ theo quy định.", TimeLimit.same_day(cutoff=None)),
    (  # (the NĐ 23/2015 Điều 7 wordings are in test_timelimits.py::test_parse_forms)
        "Ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận hồ sơ sau 15 giờ mà không giải quyết "
        "được ngay thì trả kết quả trong ngày làm việc tiếp theo.",
        TimeLimit.same_day(time(15, 0)),
    ),
    (
        "Trong ngày làm việc; nếu nhận hồ sơ sau 16 giờ 30 phút thì trả kết quả trong ngày làm "
        "việc tiếp theo",
        TimeLimit.same_day(time(16, 30)),
    ),
    # A start clause, an action, boilerplate: the limit stays one.
    (
        "Trong thời hạn 07 ngày làm việc kể từ ngày nhận đầy đủ hồ sơ hợp lệ, Bộ Văn hóa, Thể "
        "thao và Du lịch có văn bản trả lời, trường hợp không đồng ý phải nêu rõ lý do.",
        WD(7),
    ),
    (
        "Không quá 15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ. Các cơ quan liên quan đến quá trình "
        "thực hiện trình tự, thủ tục không được quy định thêm thủ tục.",
        D(15),
    ),
    ("Thời gian giải quyết của cơ quan: 10 ngày làm việc", WD(10)),
    (
        "30 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ (trong đó: Sở Xây dựng 20 ngày, UBND "
        "thành phố 10 ngày)",
        WD(30),
    ),
    (
        "12 ngày kể từ ngày nhận đủ hồ sơ hợp lệ; trong đó: - Trung tâm: 5 ngày. - Sở Xây dựng: 7 ngày",
        D(12),
    ),
    (
        "70 ngày, kể từ ngày tiếp nhận đủ hồ sơ hợp lệ (thời gian cụ thể quy định tại từng bước "
        "của quy trình thực hiện).",
        D(70),
    ),
    (
        "15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ. Địa chỉ trực tuyến: https://dichvucong.gov.vn",
        D(15),
    ),
]


@pytest.mark.parametrize(("text", "limit"), SINGLE)
def test_single_limit(text: str, limit: TimeLimit) -> None:
    r = read_time_limit(text)
    assert (r.limit, r.alternatives, r.stated, r.needs_review) == (limit, (), True, False), r
    assert r.is_single
    assert r.text == text
    assert TimeLimit.parse(text) == limit


def test_start_clause_as_written() -> None:
    r = read_time_limit("Trong thời hạn 03 (ba) ngày làm việc, kể từ khi nhận đủ hồ sơ hợp lệ.")
    assert r.start == "khi nhận đủ hồ sơ hợp lệ"
    assert read_time_limit("05 ngày làm việc").start is None


EXCLUSIONS = [
    (
        "12 ngày làm việc không kể thời gian bổ sung, hoàn thiện hồ sơ",
        TimeLimit(12, WD(1).unit, excluding="bổ sung, hoàn thiện hồ sơ"),
        "bổ sung, hoàn thiện hồ sơ",
        SupplementPolicy.PAUSE,
    ),
    (
        "20 ngày làm việc (không kể thời gian thực hiện nghĩa vụ tài chính)",
        TimeLimit(20, WD(1).unit, excluding="thực hiện nghĩa vụ tài chính"),
        "thực hiện nghĩa vụ tài chính",
        None,
    ),
    (
        "25 ngày làm việc (kể từ ngày nhận đủ hồ sơ, không tính thời gian khắc phục nếu có của "
        "tổ chức, cá nhân)",
        TimeLimit(25, WD(1).unit, excluding="khắc phục nếu có của tổ chức, cá nhân"),
        "khắc phục nếu có của tổ chức, cá nhân",
        SupplementPolicy.PAUSE,
    ),
    (
        "Thời hạn giải quyết: Trong thời hạn tối đa 07 ngày làm việc, kể từ ngày nhận được hồ sơ "
        "đăng ký nội quy lao động. Thời gian hoàn thiện hồ sơ không tính vào thời hạn giải quyết.",
        TimeLimit(7, WD(1).unit, excluding="hoàn thiện hồ sơ"),
        "hoàn thiện hồ sơ",
        SupplementPolicy.PAUSE,
    ),
    (
        "Không quá 20 ngày kể từ ngày nhận đủ hồ sơ hợp lệ. Thời gian này không bao gồm thời gian "
        "lấy ý kiến các cơ quan liên quan.",
        TimeLimit(20, D(1).unit, excluding="lấy ý kiến các cơ quan liên quan"),
        "lấy ý kiến các cơ quan liên quan",
        None,
    ),
]


@pytest.mark.parametrize(("text", "limit", "exclusion", "policy"), EXCLUSIONS)
def test_exclusions(
    text: str, limit: TimeLimit, exclusion: str, policy: SupplementPolicy | None
) -> None:
    r = read_time_limit(text)
    assert r.limit == limit
    assert r.exclusions == (exclusion,)
    assert r.supplement_policy is policy
    assert r.supplement_time_excluded is (policy is SupplementPolicy.PAUSE)


def test_restart_stated() -> None:
    r = read_time_limit(
        "07 ngày làm việc kể từ ngày nhận đầy đủ hồ sơ đạt yêu cầu (thời gian này được tính như "
        "nhau cho tất cả các lần nộp hồ sơ)."
    )
    assert (r.limit, r.restart_stated, r.supplement_policy) == (
        WD(7),
        True,
        SupplementPolicy.RESTART,
    )


def test_two_exclusions_are_kept_but_not_merged_into_the_limit() -> None:
    r = read_time_limit(
        "10 ngày làm việc (không kể thời gian A), không tính thời gian B bổ sung hồ sơ"
    )
    assert r.exclusions == ("A", "B bổ sung hồ sơ")
    assert r.limit == WD(10)
    assert r.supplement_policy is SupplementPolicy.PAUSE


def test_same_exclusion_twice_goes_into_the_limit() -> None:
    r = read_time_limit(
        "- 14 ngày làm việc không kể thời gian bổ sung, hoàn thiện hồ sơ. - 19 ngày làm việc không "
        "kể thời gian bổ sung, hoàn thiện hồ sơ đối với trường hợp hồ sơ đề nghị cấp trên 03 cây trồng."
    )
    assert r.limit == TimeLimit(14, WD(1).unit, excluding="bổ sung, hoàn thiện hồ sơ")
    assert [(a.condition, a.limit.amount) for a in r.alternatives] == [
        ("trường hợp hồ sơ đề nghị cấp trên 03 cây trồng", 19)
    ]


def alts(r: TimeLimitReading) -> list[tuple[str, TimeLimit, AlternativeKind]]:
    return [(a.condition, a.limit, a.kind) for a in r.alternatives]


COND = AlternativeKind.CONDITION
CASE = AlternativeKind.CASE

ALTERNATIVES = [
    (
        "07 ngày làm việc; trường hợp phải xác minh thì thời hạn giải quyết không quá 12 ngày làm việc.",
        WD(7),
        [("phải xác minh", WD(12), COND)],
    ),
    # The marriage example of DOMAIN §6b (Luật Hộ tịch 2014 Điều 18 k2).
    (
        "Ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận hồ sơ sau 15 giờ mà không giải quyết "
        "được ngay thì trả kết quả trong ngày làm việc tiếp theo. Trường hợp cần xác minh điều "
        "kiện kết hôn của hai bên nam, nữ thì thời hạn giải quyết không quá 05 ngày làm việc.",
        TimeLimit.same_day(time(15, 0)),
        [("cần xác minh điều kiện kết hôn của hai bên nam, nữ", WD(5), COND)],
    ),
    (
        "10 ngày làm việc (15 ngày làm việc đối với trường hợp cần có thêm thời gian để xác minh "
        "thông tin).",
        WD(10),
        [("trường hợp cần có thêm thời gian để xác minh thông tin", WD(15), COND)],
    ),
    (
        "05 (năm) ngày làm việc, kể từ ngày nhận đủ hồ sơ hoặc 10 ngày làm việc, kể từ ngày nhận "
        "đủ hồ sơ đối với trường hợp cơ quan có thẩm quyền cần kiểm tra thực tế hiện trường.",
        WD(5),
        [("trường hợp cơ quan có thẩm quyền cần kiểm tra thực tế hiện trường", WD(10), COND)],
    ),
    (
        "Không quá 10 ngày làm việc. Đối với các xã miền núi, vùng sâu, vùng xa, vùng có điều kiện "
        "kinh tế - xã hội khó khăn thì thời gian thực hiện được tăng thêm không quá 10 ngày làm "
        "việc so với tổng thời gian thực hiện thủ tục này.",
        WD(10),
        [
            (
                "các xã miền núi, vùng sâu, vùng xa, vùng có điều kiện kinh tế - xã hội khó khăn",
                WD(20),
                COND,
            )
        ],
    ),
    (
        "Không quá 07 ngày kể từ ngày nhận đủ hồ sơ hợp lệ. / Đối với các xã miền núi, biên giới; "
        "đảo; vùng có điều kiện kinh tế - xã hội khó khăn thì thời gian thực hiện không quá 17 ngày.",
        D(7),
        [
            (
                "các xã miền núi, biên giới; đảo; vùng có điều kiện kinh tế - xã hội khó khăn",
                D(17),
                COND,
            )
        ],
    ),
    (
        "Tổng thời gian giải quyết 11 ngày kể từ ngày nhận đủ hồ sơ theo quy định (trường hợp phải "
        "xác minh về điều kiện đương nhiên được xóa án tích thì thời hạn không quá 16 ngày).",
        D(11),
        [("phải xác minh về điều kiện đương nhiên được xóa án tích", D(16), COND)],
    ),
    (
        "Trong thời hạn 30 ngày, kể từ ngày nhận được đủ hồ sơ hợp lệ. Trường hợp cần xác minh thì "
        "thời hạn có thể kéo dài nhưng không quá 60 ngày.",
        D(30),
        [("cần xác minh", D(60), COND)],
    ),
    # Cases without a default.
    (
        "10 ngày làm việc đối với trường hợp cấp mới; 03 ngày làm việc đối với trường hợp cấp lại.",
        None,
        [("trường hợp cấp mới", WD(10), CASE), ("trường hợp cấp lại", WD(3), CASE)],
    ),
    (
        "30 ngày (đối với trường hợp cấp mới), 05 ngày (đối với trường hợp cấp lại) kể từ ngày "
        "nhận được hồ sơ đầy đủ theo quy định.",
        None,
        [("trường hợp cấp mới", D(30), CASE), ("trường hợp cấp lại", D(5), CASE)],
    ),
    (
        "- Trường hợp cấp mới: 13 ngày làm việc, kể từ ngày nhận đủ hồ sơ; - Trường hợp cấp lại: "
        "03 ngày làm việc, kể từ ngày nhận được hồ sơ hợp lệ.",
        None,
        [("cấp mới", WD(13), CASE), ("cấp lại", WD(3), CASE)],
    ),
    (
        "Trường hợp 1 (121 ngày làm việc) - Trường hợp 2 (89 ngày làm việc)",
        None,
        [("Trường hợp 1", WD(121), CASE), ("Trường hợp 2", WD(89), CASE)],
    ),
    (
        "- 05 ngày làm việc Trường hợp đề nghị cấp lại do thay đổi địa điểm; thay đổi quy trình "
        "sản xuất; - 03 ngày làm việc: Trường hợp còn lại",
        None,
        [
            ("đề nghị cấp lại do thay đổi địa điểm; thay đổi quy trình sản xuất", WD(5), CASE),
            ("còn lại", WD(3), CASE),
        ],
    ),
    (
        "Thời hạn giải quyết đối với trường hợp tặng cho quyền sử dụng đất là không quá 10 ngày "
        "làm việc.",
        None,
        [("trường hợp tặng cho quyền sử dụng đất", WD(10), CASE)],
    ),
    (
        "Trong thời hạn 03 ngày làm việc đối với trường hợp 1 hoặc 10 ngày đối với trường hợp 2 kể "
        "từ ngày nhận được hồ sơ hợp lệ, Sở Kế hoạch và Đầu tư điều chỉnh Giấy chứng nhận.",
        None,
        [("trường hợp 1", WD(3), CASE), ("trường hợp 2", D(10), CASE)],
    ),
    (
        "Không quá 36 ngày làm việc đối với đất ở của hộ gia đình, cá nhân; 46 ngày đối với đất "
        "thực hiện dự án của tổ chức (kể cả thời gian thực hiện nghĩa vụ tài chính).",
        None,
        [
            ("đất ở của hộ gia đình, cá nhân", WD(36), CASE),
            (
                "đất thực hiện dự án của tổ chức (kể cả thời gian thực hiện nghĩa vụ tài chính)",
                D(46),
                CASE,
            ),
        ],
    ),
    (
        "Thời gian giải quyết của cơ quan BHXH: - Trường hợp cấp sổ BHXH, thẻ BHYT mới không quá "
        "05 ngày. - Trường hợp điều chỉnh tăng tiền lương đã đóng không quá 03 ngày.",
        None,
        [
            ("cấp sổ BHXH, thẻ BHYT mới", D(5), CASE),
            ("điều chỉnh tăng tiền lương đã đóng", D(3), CASE),
        ],
    ),
    (
        "10 ngày làm việc; trường hợp cấp lại (mất; hỏng) thì 05 ngày làm việc",
        WD(10),
        [("cấp lại (mất; hỏng)", WD(5), COND)],
    ),
    # A range: the upper bound is the statutory maximum.
    ("Từ 5 đến 10 ngày", D(10), [("từ 05 ngày", D(5), AlternativeKind.LOWER_BOUND)]),
    ("Từ 5-10 ngày", D(10), [("từ 05 ngày", D(5), AlternativeKind.LOWER_BOUND)]),
    ("Từ 5 ngày đến 10 ngày", D(10), [("từ 05 ngày", D(5), AlternativeKind.LOWER_BOUND)]),
]


@pytest.mark.parametrize(("text", "limit", "expected"), ALTERNATIVES)
def test_alternatives(
    text: str, limit: TimeLimit | None, expected: list[tuple[str, TimeLimit, AlternativeKind]]
) -> None:
    r = read_time_limit(text)
    assert not r.needs_review, r.reason
    assert r.limit == limit
    assert alts(r) == expected
    assert not r.is_single
    with pytest.raises(TimeLimitParseError, match="use read_time_limit"):
        TimeLimit.parse(text)


NOT_STATED = [
    "",
    "   ",
    "Không có thông tin",
    "Khác",
    "Không",
    "Theo mô tả",
    "Cụ thể tại phần mô tả:",
    "Cụ thể:",
    "Theo quy định của pháp luật",
    "Theo kỳ họp HĐND tỉnh",
    "Tùy từng trường hợp",
    "Tuỷ theo từng phần",
    "Chưa xác định rõ",
    "Không phải trả kết quả cho người nộp thuế.",
    "Do sở giáo dục và đào tạo quy định",
    "0",
    "0 Ngày",
    "0 Ngày làm việc",
    "0 (khác)",
]


@pytest.mark.parametrize("text", NOT_STATED)
def test_not_stated(text: str) -> None:
    r = read_time_limit(text)
    assert (r.stated, r.needs_review, r.limit, r.alternatives) == (False, False, None, ())
    assert r.reason
    with pytest.raises(TimeLimitParseError, match="no limit stated"):
        TimeLimit.parse(text)


@pytest.mark.parametrize(
    "text",
    [
        "Không quy định",
        "Chưa quy định cụ thể.",
        "Không có quy định cụ thể",
        "không quy định thời hạn",
    ],
)
def test_law_sets_no_limit(text: str) -> None:
    r = read_time_limit(text)
    assert (r.stated, r.needs_review, r.limit) == (False, False, TimeLimit.none())
    assert TimeLimit.parse(text) == TimeLimit.none()


REVIEW = [
    ("1", "unit was lost"),
    ("10-25", "unit was lost"),
    ("03 tháng và 20 ngày làm việc", "sum"),
    ("24 giờ/07 ngày", "numbers without a unit"),
    ("15 hoặc 30 ngày (tùy thuộc cơ quan nào nhận được hồ sơ)", "stage or party"),
    ("trước ngày 30/11", "calendar date"),
    ("Chậm nhất là ngay trước khi tàu rời cảng", "no amount"),
    ("Cấp ngay sau khi kiểm tra đạt yêu cầu", "no amount"),
    ("3 năm một lần vào dịp Quốc Khánh", "năm"),
    ("30 phút", "phút"),
    ("2 tuần", "tuần"),
    ("trong vòng 15 làm việc kể từ ngày nhận đủ hồ sơ", "lost its unit"),
    ("0.3 ngày làm việc", "fraction"),
    ("0.5 ngày", "fraction"),
    ("Theo Nghị định 31/2021/NĐ-CP", "numbers without a unit"),
    ("Theo Điều 33 Luật Đầu tư", "numbers without a unit"),
    ("03 (bốn) ngày làm việc", "written in words"),
    ("Từ 10 đến 5 ngày", "not increasing"),
    ("Từ 5 ngày đến 10 tháng", "not increasing"),
    ("10 ngày làm việc kể từ ngày kết thúc kiểm tra.", "other than the receipt"),
    (
        "Thời hạn giải quyết khiếu nại lần hai không quá 45 ngày, kể từ ngày thụ lý",
        "other than the receipt",
    ),
    (
        "tối đa 01 tháng kể từ ngày nhận được đề nghị tuyển từ 100 đến dưới 500 người",
        "number in it",
    ),
    ("Thời gian thẩm định: 09 ngày. Thời gian phê duyệt: 05 ngày.", "2 amounts"),
    ("- Kiểm tra tính đầy đủ của hồ sơ: Trong thời hạn 03 ngày làm việc.", "stage"),
    ("Sở Kế hoạch và Đầu tư cấp đổi Giấy chứng nhận trong thời hạn 03 ngày làm việc", "stage"),
    (
        "Ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận hồ sơ sau 15 giờ mà không giải quyết "
        "được ngay thì trả kết quả vào 09 giờ ngày làm việc tiếp theo.",
        "set hour",
    ),
    (
        "Trong ngày; nếu nhận hồ sơ sau 25 giờ thì trả kết quả trong ngày làm việc tiếp theo",
        "not a time of day",
    ),
    ("Trả kết quả sau 15 giờ", "time of day"),
    (
        "Ngay trong ngày làm việc hoặc theo thời gian thống nhất với bên yêu cầu cung cấp",
        "cannot place",
    ),
    ("05 ngày làm việc xyz", "cannot place"),
    (
        "Không quá 02 (hai) ngày làm việc, kể từ ngày nhận đủ hồ sơ yêu cầu chứng thực hoặc có "
        "thể kéo dài hơn theo thỏa thuận bằng văn bản với người yêu cầu chứng thực.",
        "cannot place",
    ),
    (
        "90 ngày và 05 ngày làm việc đối với trường hợp cấp mới; 30 ngày đối với trường hợp cấp lại.",
        "và",
    ),
    (
        "- Trường hợp cấp mới: Trong thời hạn 15 ngày làm việc, hoặc 25 ngày làm việc đối "
        "với trường hợp phải lấy ý kiến hiệp y, kể từ ngày nhận đủ hồ sơ hợp lệ.",
        "within a condition",
    ),
    ("Trường hợp A: 05 ngày đối với trường hợp B", "two conditions"),
    (
        "Trường hợp hồ sơ chưa đầy đủ, trong thời hạn 03 ngày làm việc, cơ quan thông báo bổ sung",
        "completeness",
    ),
    ("05 ngày làm việc đối với Sở Nội vụ; 03 ngày làm việc đối với Ủy ban nhân dân tỉnh", "agency"),
    ("30 ngày, kể từ ngày nhận đầy đủ hồ sơ hợp lệ đối với mỗi bước.", "agency or step"),
    (
        "- Đối với trường hợp sử dụng ngân sách địa phương: 15 ngày làm việc. - Trường hợp sử dụng "
        "ngân sách trung ương thì thực hiện quy định của pháp luật về đầu tư công.",
        "a case without an amount",
    ),
    (
        "05 ngày làm việc. Lưu ý: thời gian xử lý theo nguyên tắc có đi có lại.",
        "sentence about time",
    ),
    ("05 ngày làm việc. Kể từ ngày nhận hồ sơ", "start clause stands apart"),
    ("10 ngày làm việc (trong đó: Sở 3 ngày, UBND 4 ngày)", "does not add up"),
    ("10 ngày làm việc; trong đó: Sở trong ngày", "without an amount"),
    ("Từ 5 đến 10 ngày; trường hợp phức tạp 20 ngày", "range among"),
    (
        "Không quá 10 ngày. Đối với các xã miền núi thì được tăng thêm 05 ngày làm việc",
        "another unit",
    ),
    ("Trong ngày. Đối với các xã miền núi thì được tăng thêm 05 ngày làm việc", "another unit"),
    ("Được tăng thêm 05 ngày làm việc", "extension without its condition"),
    (
        "Thời hạn kiểm tra hồ sơ: 03 ngày làm việc; đối với trường hợp phức tạp: 10 ngày làm việc",
        "stage",
    ),
    ("Thời gian ABC: 03 ngày làm việc; trường hợp X: 10 ngày làm việc", "labelled"),
    ("Không quy định (đề xuất 07 (bảy) ngày làm việc).", "stage or party"),
    ("mươi (05) ngày làm việc", "numbers without a unit"),
    ("0 ngày làm việc; trường hợp phức tạp thì 05 ngày làm việc", "amount 0"),
    ("05 ngày làm việc hoặc 10 ngày làm việc", "without a condition"),
    ("05 ngày (trừ thứ bảy, chủ nhật và ngày lễ)", "not in working days"),
    ("15 ngày kể từ ngày hết hạn nhận đơn phúc khảo", "other than the receipt"),
    (
        "30 ngày làm việc; trường hợp phức tạp thì có thể kéo dài thêm nhưng không quá 45 ngày "
        "làm việc",
        "the total or of the extension",
    ),
    ("30 ngày làm việc đối với trường hợp: • Giấy phép hết hạn; • cấp lại", "a list of cases"),
    ("10 ngày làm việc. Trường hợp không cấp thì trả lời sau 05 ngày", "completeness"),
    ("10 ngày làm việc. Trường hợp từ chối, trả lời ngay", "a case without an amount"),
]


@pytest.mark.parametrize(("text", "why"), REVIEW)
def test_needs_review(text: str, why: str) -> None:
    r = read_time_limit(text)
    assert r.needs_review, r
    assert (r.limit, r.alternatives) == (None, ())
    assert why in r.reason
    with pytest.raises(TimeLimitParseError, match="needs review: ") as err:
        TimeLimit.parse(text)
    assert repr(text) in str(err.value)


def test_condition_without_words_needs_review() -> None:
    r = read_time_limit("05 ngày làm việc; 10 ngày làm việc (đối với )")
    assert r.needs_review
    assert "without words" in r.reason


def test_non_str_is_refused() -> None:
    with pytest.raises(DateTypeError, match="read_time_limit: expected a str, got int 5"):
        read_time_limit(5)  # type: ignore[arg-type]


def test_token_characters_of_the_text_are_kept() -> None:
    text = "05 ngày làm việc (không kể thời gian \ue000L0\ue001 \ue002)"
    r = read_time_limit(text)
    assert r.exclusions == ("\ue000L0\ue001 \ue002",)
    assert TimeLimit.parse(str(r.limit)) == r.limit


def test_letter_with_longer_lower_case() -> None:
    r = read_time_limit("İ 05 ngày làm việc")
    assert r.needs_review
    assert read_time_limit("05 ngày (không kể thời gian İ)").exclusions == ("İ",)


def test_alternative_defaults_and_validation() -> None:
    a = Alternative("phải xác minh", WD(5))
    assert a.kind is AlternativeKind.CONDITION
    with pytest.raises(TypeError):
        Alternative("x", "05 ngày")  # type: ignore[arg-type]
    for kind in AlternativeKind:
        assert kind.label_vi
        assert kind.label_en


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("ba", 3),
        ("mười", 10),
        ("mười lăm", 15),
        ("hai mươi", 20),
        ("hai mươi mốt", 21),
        ("một trăm", 100),
        ("một trăm linh năm", 105),
        ("một trăm hai mươi", 120),
        ("không", 0),
        ("mươi", None),
        ("một trăm linh", None),
        ("hai ba", None),
    ],
)
def test_words_to_int(words: str, value: int | None) -> None:
    assert words_to_int(words) == value


# -- properties ---------------------------------------------------------------------------------

corpus_like = st.sampled_from([text for text, *_ in SINGLE + ALTERNATIVES] + [t for t, _ in REVIEW])
fragments = st.sampled_from(
    [
        "05 ngày làm việc", "trong ngày", "; trường hợp ", "kể từ ngày nhận đủ hồ sơ", "(", ")",
        " đối với ", "không kể thời gian ", " hoặc ", " và ", "từ 5 đến 10 ngày", "trong đó: ",
        "sau 15 giờ", "thì", ". ", " - ", "0.5", "ba (03)", "\ue000", "\ue001", "\ue002", "İ",
        "30/11", "tăng thêm", "ngay sau khi nhận hồ sơ",
    ]
)  # fmt: skip


@settings(max_examples=300)
@given(st.text() | corpus_like | st.lists(fragments, max_size=12).map("".join))
@example("05 ngày làm việc (không kể thời gian )")
@example("05 ngày làm việc (không kể thời gian ,)")
@example("05 ngày làm việc (không kể thời gian 0,)")
@example("05 ngày làm việc, không kể thời gian (x)")
def test_never_raises_on_a_str(text: str) -> None:
    r = read_time_limit(text)
    assert r.text == text
    if r.needs_review:
        assert r.limit is None
        assert not r.alternatives
        assert r.reason
    if r.limit is not None and r.stated:
        assert not r.needs_review
    for limit in r.limits:
        assert TimeLimit.parse(str(limit)) == limit


@given(corpus_like)
def test_parse_agrees_with_the_reader(text: str) -> None:
    r = read_time_limit(text)
    if r.is_single or (r.limit == TimeLimit.none() and not r.needs_review):
        assert TimeLimit.parse(text) == r.limit
    else:
        with pytest.raises(TimeLimitParseError):
            TimeLimit.parse(text)


def test_exclusion_without_words_is_dropped() -> None:
    r = read_time_limit("05 ngày làm việc không kể thời gian , đối với trường hợp A")
    assert r.exclusions == ()
    assert alts(r) == [("trường hợp A", WD(5), CASE)]


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("05 ngày làm việc kể từ ngày nhận đủ hồ sơ (trừ thứ bảy, chủ nhật và ngày lễ)", "5 wd"),
        ("15 ngày làm viêc kể từ ngày nhận hồ sơ", "15 wd"),
        ("07 ngày làm việc sau khi nhận đủ hồ sơ theo quy định", "7 wd"),
        ("10 ngày kể tử ngày nhận đủ hồ sơ. Trường hợp từ chối phải trả lời bằng văn bản", "10 d"),
        ("30 ngày (bao gồm 20 ngày thẩm định và 10 ngày cấp thẻ)", "30 d"),
        ("30 ngày (bao gồm 20 ngày thẩm định kể từ ngày nhận hồ sơ; 10 ngày cấp thẻ)", "30 d"),
        ("05 ngày làm việc. Nộp trực tiếp tại Sở, số 12 phố Huế (http://dvc.gov.vn/a1)", "5 wd"),
        ("05 ngày làm việc. Thời gian tiếp nhận hồ sơ: trong giờ hành chính, từ thứ 2", "5 wd"),
        ("Cấp ngay giấy đăng ký tạm thời sau khi tiếp nhận hồ sơ hợp lệ", "same"),
        ("20 ngày, Bộ Tài chính xem xét gia hạn Giấy phép", "20 d"),
    ],
)
def test_description_forms(text: str, limit: str) -> None:
    """Forms of the "Mô tả" cells of descriptions.txt read since (issue 11)."""
    r = read_time_limit(text)
    assert not r.needs_review, r.reason
    expected = {
        "5 wd": TimeLimit.working_days(5),
        "15 wd": TimeLimit.working_days(15),
        "7 wd": TimeLimit.working_days(7),
        "10 d": TimeLimit.days(10),
        "30 d": TimeLimit.days(30),
        "same": TimeLimit.same_day(cutoff=None),
        "20 d": TimeLimit.days(20),
    }[limit]
    assert r.limit == expected

"""Official days off and working days of Vietnamese state agencies, with their source documents.

Kept apart from the logic in :mod:`tthc.calendar` (which imports this module, never the reverse):
plain tuples, no imports, so a correction is a one-line data change.

For every year in ``OFFICIAL_YEARS`` this table is *complete*: it lists every weekday that state
agencies do not work and every weekend day they do work, and it replaces what the ``holidays``
package computes for that year. For a later year the table holds only the occasions announced so
far (``ANNOUNCED_OCCASIONS``: e.g. Tết and Quốc khánh 2027), each complete within its window; the
year's other occasions come from the package and stay provisional (see ``OCCASIONS``). Days the package has that the table does not (and the reverse)
are recorded in ``KNOWN_DIFFERENCES_FROM_HOLIDAYS`` and checked by the test suite, so a new
``holidays`` release that moves a date we rely on fails loudly.

Entry: ``(ISO date, kind, name_vi, name_en, source)`` where ``kind`` is a ``DayKind`` member name.
Holidays that fall on a weekend are listed too (kind ``HOLIDAY``) so ``day_info`` can name them.

Scope: cán bộ, công chức, viên chức of state agencies (cơ quan hành chính, sự nghiệp, tổ chức
chính trị, chính trị - xã hội) working Monday to Friday. Tết days off announced for them are
``HOLIDAY``, including the weekdays the announcement gives in lieu of Tết days that fall on a
weekend. The sources, with the addresses where each was read, are in ``docs/calendar-sources.md``.
"""

from __future__ import annotations

OFFICIAL_YEARS = range(2020, 2027)
"""Years whose every occasion the table holds (complete years)."""

# Fixed-date and lunar holidays by statute. The 2012 code applied until 31/12/2020.
_BLLD_2012 = "Bộ luật Lao động 2012 (10/2012/QH13), Điều 115"
_BLLD_2019 = "Bộ luật Lao động 2019 (45/2019/QH14), Điều 112"
# Nghỉ bù: a holiday on a weekly rest day moves to the next working day.
_NGHI_BU = "Bộ luật Lao động 2019 (45/2019/QH14), Điều 111 khoản 3 và Điều 112"

_SRC_2020_TET = "Văn bản số 4544 (Bộ LĐTBXH) ký ngày 25/10/2019, thông báo nghỉ Tết Âm lịch 2020"
_SRC_2021 = (
    "Thông báo 4875/TB-LĐTBXH (Bộ LĐTBXH; Thủ tướng đồng ý, báo đưa tin 27/11/2020), "
    "Tết Âm lịch và Quốc khánh 2021"
)
_SRC_2022 = "Công văn 245/VPCP-KGVX ngày 11/01/2022, Tết Âm lịch và Quốc khánh 2022"
_SRC_2023 = "Công văn 8056/VPCP-KGVX ngày 01/12/2022, Tết Âm lịch và Quốc khánh 2023"
_SRC_2024 = "Công văn 8662/VPCP-KGVX ngày 03/11/2023, Tết Âm lịch và Quốc khánh 2024"
_SRC_2024_SWAP = "Công văn 2450/VPCP-KGVX ngày 12/04/2024, hoán đổi ngày làm việc dịp 30/4-1/5"
_SRC_2025 = (
    "Công văn 8726/VPCP-KGVX ngày 26/11/2024; Thông báo 6150/TB-BLĐTBXH (2024), "
    "nghỉ Tết Âm lịch và một số dịp nghỉ lễ năm 2025"
)
_SRC_2026_NEW_YEAR = "Công văn 12729/VPCP-KGVX ngày 25/12/2025, nghỉ Tết Dương lịch 2026"
_SRC_2026 = (
    "Thông báo 9441/TB-BNV ngày 16/10/2025 (Bộ Nội vụ) theo Công văn 9859/VPCP-KGVX ngày "
    "13/10/2025 (Văn phòng Chính phủ), Tết Âm lịch và Quốc khánh 2026"
)
# Ngày Văn hóa Việt Nam: a holiday from 2026 (rule: CULTURE_DAY_SINCE); 2026's day for state
# agencies fixed by Công văn 10065/VPCP-KGVX.
_NQ_28 = "Nghị quyết 28/2026/QH16 về phát triển văn hóa Việt Nam (hiệu lực 01/07/2026)"
_SRC_10065 = (
    "Công văn 10065/VPCP-KGVX ngày 02/10/2026 (Văn phòng Chính phủ), nghỉ Ngày Văn hóa Việt Nam "
    "2026, Tết Âm lịch và Quốc khánh 2027"
)
_SRC_2026_CULTURE = f"{_NQ_28}; {_SRC_10065}"

_NEW_YEAR = ("Tết Dương lịch", "New Year's Day")
_TET = ("Tết Nguyên đán", "Lunar New Year (Tết)")
_HUNG = ("Giỗ Tổ Hùng Vương", "Hung Kings' Commemoration Day")
_APR30 = ("Ngày Chiến thắng", "Reunification Day")
_MAY1 = ("Ngày Quốc tế Lao động", "International Labour Day")
_NATIONAL = ("Quốc khánh", "National Day")
_CULTURE = ("Ngày Văn hóa Việt Nam", "Vietnamese Culture Day")
_NEW_YEAR_BU = ("Nghỉ bù Tết Dương lịch", "New Year's Day (compensatory)")
_HUNG_BU = ("Nghỉ bù Giỗ Tổ Hùng Vương", "Hung Kings' Commemoration Day (compensatory)")
_APR30_BU = ("Nghỉ bù Ngày Chiến thắng", "Reunification Day (compensatory)")
_MAY1_BU = ("Nghỉ bù Ngày Quốc tế Lao động", "International Labour Day (compensatory)")
_NATIONAL_BU = ("Nghỉ bù Quốc khánh", "National Day (compensatory)")

OFFICIAL_DAYS: tuple[tuple[str, str, str, str, str], ...] = (
    # 2020 (Bộ luật Lao động 2012: Quốc khánh is one day).
    ("2020-01-01", "HOLIDAY", *_NEW_YEAR, _BLLD_2012),
    ("2020-01-23", "HOLIDAY", *_TET, _SRC_2020_TET),
    ("2020-01-24", "HOLIDAY", *_TET, _SRC_2020_TET),
    ("2020-01-25", "HOLIDAY", *_TET, _SRC_2020_TET),
    ("2020-01-26", "HOLIDAY", *_TET, _SRC_2020_TET),
    ("2020-01-27", "HOLIDAY", *_TET, _SRC_2020_TET),
    ("2020-01-28", "HOLIDAY", *_TET, _SRC_2020_TET),
    ("2020-01-29", "HOLIDAY", *_TET, _SRC_2020_TET),
    ("2020-04-02", "HOLIDAY", *_HUNG, _BLLD_2012),
    ("2020-04-30", "HOLIDAY", *_APR30, _BLLD_2012),
    ("2020-05-01", "HOLIDAY", *_MAY1, _BLLD_2012),
    ("2020-09-02", "HOLIDAY", *_NATIONAL, _BLLD_2012),
    # 2021 (Bộ luật Lao động 2019 in force: Quốc khánh is two days).
    ("2021-01-01", "HOLIDAY", *_NEW_YEAR, _BLLD_2019),
    ("2021-02-10", "HOLIDAY", *_TET, _SRC_2021),
    ("2021-02-11", "HOLIDAY", *_TET, _SRC_2021),
    ("2021-02-12", "HOLIDAY", *_TET, _SRC_2021),
    ("2021-02-13", "HOLIDAY", *_TET, _SRC_2021),
    ("2021-02-14", "HOLIDAY", *_TET, _SRC_2021),
    ("2021-02-15", "HOLIDAY", *_TET, _SRC_2021),
    ("2021-02-16", "HOLIDAY", *_TET, _SRC_2021),
    ("2021-04-21", "HOLIDAY", *_HUNG, _BLLD_2019),
    ("2021-04-30", "HOLIDAY", *_APR30, _BLLD_2019),
    ("2021-05-01", "HOLIDAY", *_MAY1, _BLLD_2019),
    ("2021-05-03", "COMPENSATORY", *_MAY1_BU, _NGHI_BU),
    ("2021-09-02", "HOLIDAY", *_NATIONAL, _SRC_2021),
    ("2021-09-03", "HOLIDAY", *_NATIONAL, _SRC_2021),
    # 2022
    ("2022-01-01", "HOLIDAY", *_NEW_YEAR, _BLLD_2019),
    ("2022-01-03", "COMPENSATORY", *_NEW_YEAR_BU, _NGHI_BU),
    ("2022-01-31", "HOLIDAY", *_TET, _SRC_2022),
    ("2022-02-01", "HOLIDAY", *_TET, _SRC_2022),
    ("2022-02-02", "HOLIDAY", *_TET, _SRC_2022),
    ("2022-02-03", "HOLIDAY", *_TET, _SRC_2022),
    ("2022-02-04", "HOLIDAY", *_TET, _SRC_2022),
    ("2022-04-10", "HOLIDAY", *_HUNG, _BLLD_2019),
    ("2022-04-11", "COMPENSATORY", *_HUNG_BU, _NGHI_BU),
    ("2022-04-30", "HOLIDAY", *_APR30, _BLLD_2019),
    ("2022-05-01", "HOLIDAY", *_MAY1, _BLLD_2019),
    ("2022-05-02", "COMPENSATORY", *_APR30_BU, _NGHI_BU),
    ("2022-05-03", "COMPENSATORY", *_MAY1_BU, _NGHI_BU),
    ("2022-09-01", "HOLIDAY", *_NATIONAL, _SRC_2022),
    ("2022-09-02", "HOLIDAY", *_NATIONAL, _SRC_2022),
    # 2023
    ("2023-01-01", "HOLIDAY", *_NEW_YEAR, _BLLD_2019),
    ("2023-01-02", "COMPENSATORY", *_NEW_YEAR_BU, _NGHI_BU),
    ("2023-01-20", "HOLIDAY", *_TET, _SRC_2023),
    ("2023-01-21", "HOLIDAY", *_TET, _SRC_2023),
    ("2023-01-22", "HOLIDAY", *_TET, _SRC_2023),
    ("2023-01-23", "HOLIDAY", *_TET, _SRC_2023),
    ("2023-01-24", "HOLIDAY", *_TET, _SRC_2023),
    ("2023-01-25", "HOLIDAY", *_TET, _SRC_2023),
    ("2023-01-26", "HOLIDAY", *_TET, _SRC_2023),
    ("2023-04-29", "HOLIDAY", *_HUNG, _BLLD_2019),
    ("2023-04-30", "HOLIDAY", *_APR30, _BLLD_2019),
    ("2023-05-01", "HOLIDAY", *_MAY1, _BLLD_2019),
    ("2023-05-02", "COMPENSATORY", *_HUNG_BU, _NGHI_BU),
    ("2023-05-03", "COMPENSATORY", *_APR30_BU, _NGHI_BU),
    ("2023-09-01", "HOLIDAY", *_NATIONAL, _SRC_2023),
    ("2023-09-02", "HOLIDAY", *_NATIONAL, _SRC_2023),
    ("2023-09-04", "COMPENSATORY", *_NATIONAL_BU, _SRC_2023),
    # 2024
    ("2024-01-01", "HOLIDAY", *_NEW_YEAR, _BLLD_2019),
    ("2024-02-08", "HOLIDAY", *_TET, _SRC_2024),
    ("2024-02-09", "HOLIDAY", *_TET, _SRC_2024),
    ("2024-02-10", "HOLIDAY", *_TET, _SRC_2024),
    ("2024-02-11", "HOLIDAY", *_TET, _SRC_2024),
    ("2024-02-12", "HOLIDAY", *_TET, _SRC_2024),
    ("2024-02-13", "HOLIDAY", *_TET, _SRC_2024),
    ("2024-02-14", "HOLIDAY", *_TET, _SRC_2024),
    ("2024-04-18", "HOLIDAY", *_HUNG, _BLLD_2019),
    (
        "2024-04-29",
        "SWAP_DAY_OFF",
        "Hoán đổi: nghỉ (làm bù thứ Bảy 04/05/2024)",
        "Swap: day off (worked on Saturday 04/05/2024)",
        _SRC_2024_SWAP,
    ),
    ("2024-04-30", "HOLIDAY", *_APR30, _BLLD_2019),
    ("2024-05-01", "HOLIDAY", *_MAY1, _BLLD_2019),
    (
        "2024-05-04",
        "SWAP_WORKDAY",
        "Hoán đổi: làm bù (cho thứ Hai 29/04/2024)",
        "Swap: working Saturday (for Monday 29/04/2024)",
        _SRC_2024_SWAP,
    ),
    ("2024-09-02", "HOLIDAY", *_NATIONAL, _SRC_2024),
    ("2024-09-03", "HOLIDAY", *_NATIONAL, _SRC_2024),
    # 2025
    ("2025-01-01", "HOLIDAY", *_NEW_YEAR, _BLLD_2019),
    ("2025-01-27", "HOLIDAY", *_TET, _SRC_2025),
    ("2025-01-28", "HOLIDAY", *_TET, _SRC_2025),
    ("2025-01-29", "HOLIDAY", *_TET, _SRC_2025),
    ("2025-01-30", "HOLIDAY", *_TET, _SRC_2025),
    ("2025-01-31", "HOLIDAY", *_TET, _SRC_2025),
    ("2025-04-07", "HOLIDAY", *_HUNG, _BLLD_2019),
    (
        "2025-04-26",
        "SWAP_WORKDAY",
        "Hoán đổi: làm bù (cho thứ Sáu 02/05/2025)",
        "Swap: working Saturday (for Friday 02/05/2025)",
        _SRC_2025,
    ),
    ("2025-04-30", "HOLIDAY", *_APR30, _BLLD_2019),
    ("2025-05-01", "HOLIDAY", *_MAY1, _BLLD_2019),
    (
        "2025-05-02",
        "SWAP_DAY_OFF",
        "Hoán đổi: nghỉ (làm bù thứ Bảy 26/04/2025)",
        "Swap: day off (worked on Saturday 26/04/2025)",
        _SRC_2025,
    ),
    ("2025-09-01", "HOLIDAY", *_NATIONAL, _SRC_2025),
    ("2025-09-02", "HOLIDAY", *_NATIONAL, _SRC_2025),
    # 2026
    ("2026-01-01", "HOLIDAY", *_NEW_YEAR, _BLLD_2019),
    (
        "2026-01-02",
        "SWAP_DAY_OFF",
        "Hoán đổi: nghỉ (làm bù thứ Bảy 10/01/2026)",
        "Swap: day off (worked on Saturday 10/01/2026)",
        _SRC_2026_NEW_YEAR,
    ),
    (
        "2026-01-10",
        "SWAP_WORKDAY",
        "Hoán đổi: làm bù (cho thứ Sáu 02/01/2026)",
        "Swap: working Saturday (for Friday 02/01/2026)",
        _SRC_2026_NEW_YEAR,
    ),
    ("2026-02-16", "HOLIDAY", *_TET, _SRC_2026),
    ("2026-02-17", "HOLIDAY", *_TET, _SRC_2026),
    ("2026-02-18", "HOLIDAY", *_TET, _SRC_2026),
    ("2026-02-19", "HOLIDAY", *_TET, _SRC_2026),
    ("2026-02-20", "HOLIDAY", *_TET, _SRC_2026),
    ("2026-04-26", "HOLIDAY", *_HUNG, _BLLD_2019),
    ("2026-04-27", "COMPENSATORY", *_HUNG_BU, _NGHI_BU),
    ("2026-04-30", "HOLIDAY", *_APR30, _BLLD_2019),
    ("2026-05-01", "HOLIDAY", *_MAY1, _BLLD_2019),
    (
        "2026-08-22",
        "SWAP_WORKDAY",
        "Hoán đổi: làm bù (cho thứ Hai 31/08/2026)",
        "Swap: working Saturday (for Monday 31/08/2026)",
        _SRC_2026,
    ),
    (
        "2026-08-31",
        "SWAP_DAY_OFF",
        "Hoán đổi: nghỉ (làm bù thứ Bảy 22/08/2026)",
        "Swap: day off (worked on Saturday 22/08/2026)",
        _SRC_2026,
    ),
    ("2026-09-01", "HOLIDAY", *_NATIONAL, _SRC_2026),
    ("2026-09-02", "HOLIDAY", *_NATIONAL, _SRC_2026),
    ("2026-11-24", "HOLIDAY", *_CULTURE, _SRC_2026_CULTURE),
    # 2027: only the occasions of ANNOUNCED_OCCASIONS (Tết Đinh Mùi: Thu 04/02 to Wed 10/02, 7
    # days; Quốc khánh: Thu 02/09 to Sun 05/09, weekdays off 02 and 03/09).
    ("2027-02-04", "HOLIDAY", *_TET, _SRC_10065),
    ("2027-02-05", "HOLIDAY", *_TET, _SRC_10065),
    ("2027-02-06", "HOLIDAY", *_TET, _SRC_10065),
    ("2027-02-07", "HOLIDAY", *_TET, _SRC_10065),
    ("2027-02-08", "HOLIDAY", *_TET, _SRC_10065),
    ("2027-02-09", "HOLIDAY", *_TET, _SRC_10065),
    ("2027-02-10", "HOLIDAY", *_TET, _SRC_10065),
    ("2027-09-02", "HOLIDAY", *_NATIONAL, _SRC_10065),
    ("2027-09-03", "HOLIDAY", *_NATIONAL, _SRC_10065),
)
"""Every non-working weekday, working weekend day and weekend holiday of ``OFFICIAL_YEARS``, and
of each occasion of ``ANNOUNCED_OCCASIONS`` (within its window)."""

KNOWN_DIFFERENCES_FROM_HOLIDAYS: tuple[tuple[str, str], ...] = (
    (
        "2026-01-02",
        "Off here (swap, Công văn 12729/VPCP-KGVX ngày 25/12/2025); holidays 0.109 lacks the swap "
        "and has it as a working day.",
    ),
    (
        "2026-01-10",
        "Working Saturday here (swap, Công văn 12729/VPCP-KGVX ngày 25/12/2025); holidays 0.109 "
        "lacks the swap and has it as a weekend day.",
    ),
)
"""``(ISO date, why)`` for each day where tthc's table and ``holidays`` disagree."""

# -- occasions ----------------------------------------------------------------------------------

OCCASIONS: tuple[tuple[str, str, str], ...] = (
    ("NEW_YEAR", "Tết Dương lịch", "New Year's Day"),
    ("TET", "Tết Nguyên đán", "Lunar New Year (Tết)"),
    ("HUNG_KINGS", "Giỗ Tổ Hùng Vương", "Hung Kings' Commemoration Day"),
    (
        "REUNIFICATION_LABOUR",
        "Ngày Chiến thắng và Quốc tế Lao động (30/4, 1/5)",
        "30 April and 1 May",
    ),
    ("NATIONAL_DAY", "Quốc khánh", "National Day"),
    ("CULTURE_DAY", "Ngày Văn hóa Việt Nam", "Vietnamese Culture Day"),
)
"""``(key, name_vi, name_en)`` of each occasion for which days off are announced.

Each year, each occasion has a *core* (its statutory days: 1/1; Tết from 3 days before mùng 1 to
mùng 6; Giỗ Tổ 10/3 âm lịch; 30/4–1/5; 1/9–3/9; 24/11) and a *window*: the core widened by
``OCCASION_MARGIN_DAYS`` on each side, where its announcement may put days off, nghỉ bù and swaps.
An occasion whose announcement tthc does not hold is *provisional*: every day of its window is.
"""

OCCASION_MARGIN_DAYS = 14
"""Days added on each side of an occasion's core to make its window.

Every announced day since 2010 in the table and in the ``holidays`` package lies within it (the
farthest: Saturday 22/08/2026, worked for Quốc khánh, 10 days before the core; checked by
tests/test_calendar_occasions.py).
"""

CULTURE_DAY_SINCE = "2026-07-01"
"""Ngày Văn hóa Việt Nam (24/11) is a paid holiday from this date on (the rule's start)."""

CULTURE_DAY_SOURCE = _NQ_28
"""Source of the 24/11 rule."""

CULTURE_DAY_WEEKEND_NOTE = (
    "Whether a 24/11 on a weekend (2029, 2030, 2035) gives a nghỉ bù depends on whether "
    "Nghị quyết 28/2026/QH16 writes the day into Bộ luật Lao động Điều 112 khoản 1 (Điều 111 "
    "khoản 3 gives nghỉ bù only for those holidays); its text was not read. tthc follows the "
    "holidays package (nghỉ bù on the next working day) and keeps those days provisional."
)
"""What is not known about the 24/11 rule (docs/calendar-sources.md)."""

ANNOUNCED_OCCASIONS: tuple[tuple[int, str, str, str], ...] = (
    (2027, "TET", _SRC_10065, "2026-10-02"),
    (2027, "NATIONAL_DAY", _SRC_10065, "2026-10-02"),
)
"""``(year, occasion key, source, ISO date announced)`` for occasions of years after
``OFFICIAL_YEARS`` whose announcement the table holds (their days are in ``OFFICIAL_DAYS``)."""

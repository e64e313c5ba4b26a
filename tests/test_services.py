"""Levels of government, channels, online service levels and proactive levels (tthc.services)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tthc.errors import (
    ArgumentTypeError,
)
from tthc.law import ND42_2022_FROM, ND43_2011_FROM, ND224_2026_FROM
from tthc.services import Channel, GovernmentLevel, ProactiveLevel, ServiceLevel
from tthc.timelimits import SupplementPolicy


def test_enums_labels_and_levels() -> None:
    for enum_type in (GovernmentLevel, Channel, SupplementPolicy, ServiceLevel, ProactiveLevel):
        for member in enum_type:
            assert member.label_vi
            assert member.label_en
    assert GovernmentLevel.DISTRICT.is_valid_on(date(2025, 6, 30))
    assert not GovernmentLevel.DISTRICT.is_valid_on(date(2025, 7, 1))
    assert GovernmentLevel.COMMUNE.is_valid_on(date(2030, 1, 1))
    with pytest.raises(ArgumentTypeError):
        GovernmentLevel.COMMUNE.is_valid_on(datetime(2025, 1, 1))


def test_service_levels() -> None:
    assert ServiceLevel.LEVEL_3.to_nd42() is ServiceLevel.PARTIAL
    assert ServiceLevel.LEVEL_1.to_nd42() is ServiceLevel.INFORMATION
    assert ServiceLevel.FULL.to_nd42() is ServiceLevel.FULL
    assert ServiceLevel.LEVEL_4.decree == "NĐ 43/2011/NĐ-CP"
    assert ServiceLevel.PARTIAL.decree == "NĐ 42/2022/NĐ-CP"
    assert ServiceLevel.LEVEL_4.is_valid_on(date(2022, 7, 31))
    assert not ServiceLevel.LEVEL_4.is_valid_on(date(2022, 8, 1))
    assert not ServiceLevel.FULL.is_valid_on(date(2022, 7, 31))
    assert ServiceLevel.FULL.is_valid_on(date(2026, 1, 1))
    assert ServiceLevel.FULL.in_force_until is None


def test_service_levels_cite_the_decree_in_force_on_the_date() -> None:
    # NĐ 224/2026/NĐ-CP Điều 14 keeps toàn trình / một phần from 2026-07-01 (Điều 90 k1) and
    # repeals NĐ 42/2022 (Điều 90 k2b): the same word rests on different decrees
    for level in (ServiceLevel.FULL, ServiceLevel.PARTIAL):
        assert level.decree_on(date(2025, 9, 1)) == "NĐ 42/2022/NĐ-CP"
        assert level.decree_on(date(2026, 6, 30)) == "NĐ 42/2022/NĐ-CP"
        assert level.decree_on(date(2026, 7, 1)) == "NĐ 224/2026/NĐ-CP, Điều 14"
        assert level.in_force_from == ND42_2022_FROM
    # no information-only level in NĐ 224/2026 (information is Mục 1, Điều 10–13)
    assert ServiceLevel.INFORMATION.in_force_until == date(2026, 6, 30)
    assert ServiceLevel.INFORMATION.is_valid_on(date(2026, 6, 30))
    assert ServiceLevel.INFORMATION.decree_on(date(2026, 7, 1)) is None
    assert ServiceLevel.LEVEL_2.decree_on(date(2011, 8, 1)) == "NĐ 43/2011/NĐ-CP"
    assert ServiceLevel.LEVEL_2.decree_on(date(2011, 7, 31)) is None
    assert ServiceLevel.LEVEL_2.in_force_from == ND43_2011_FROM
    assert ServiceLevel.LEVEL_2.in_force_until == date(2022, 7, 31)
    with pytest.raises(ArgumentTypeError, match=r"ServiceLevel.decree_on\(d\)"):
        ServiceLevel.FULL.decree_on(datetime(2026, 7, 1))


def test_proactive_levels() -> None:
    # NĐ 224/2026/NĐ-CP Điều 16: four proactive levels, from 2026-07-01
    assert [p.value for p in ProactiveLevel] == [1, 2, 3, 4]
    assert ProactiveLevel.LEVEL_2.in_force_from == ND224_2026_FROM == date(2026, 7, 1)
    assert ProactiveLevel.LEVEL_2.decree_on(date(2026, 7, 1)) == (
        "NĐ 224/2026/NĐ-CP, Điều 16 khoản 2"
    )
    assert ProactiveLevel.LEVEL_2.decree_on(date(2026, 6, 30)) is None
    assert ProactiveLevel.LEVEL_3.is_valid_on(date(2027, 1, 1))
    assert ProactiveLevel.LEVEL_1.label_vi == (
        "Mức độ 1: dịch vụ công trực tuyến chủ động nhắc thực hiện"
    )
    assert ProactiveLevel.LEVEL_4.label_en.startswith("Proactive level 4: reminder, prepared")
    with pytest.raises(ArgumentTypeError, match=r"ProactiveLevel.decree_on\(d\)"):
        ProactiveLevel.LEVEL_1.is_valid_on(datetime(2026, 7, 1))

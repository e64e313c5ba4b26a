"""What a procedure is offered at: the level of government, the channels, the online service levels.

:class:`GovernmentLevel` (cấp thực hiện, with the 2025-07-01 two-tier reform), :class:`Channel`
(kênh tiếp nhận), :class:`ServiceLevel` (mức độ dịch vụ công trực tuyến, in every decree's
vocabulary, per date) and :class:`ProactiveLevel` (NĐ 224/2026/NĐ-CP Điều 16). Each names the
decree that defines it on a date. All are re-exported by :mod:`tthc.models` and :mod:`tthc`.

>>> Channel("online").label_vi
'Trực tuyến'
"""

from __future__ import annotations

import enum
from datetime import date, timedelta
from typing import TypeAlias

from tthc.labelled import LabelledEnum
from tthc.law import (
    ND42_2022_FROM,
    ND43_2011_FROM,
    ND224_2026_FROM,
    TWO_TIER_LOCAL_GOVERNMENT_FROM,
)
from tthc.validators import check_date

__all__ = [
    "REFORM_DATE",
    "Channel",
    "GovernmentLevel",
    "ProactiveLevel",
    "ServiceLevel",
]

REFORM_DATE = TWO_TIER_LOCAL_GOVERNMENT_FROM
"""Two-tier local government and NĐ 118/2025/NĐ-CP in force (:mod:`tthc.law`)."""


class GovernmentLevel(LabelledEnum):
    """Cấp thực hiện: the level of government that handles a procedure.

    ``DISTRICT`` (cấp huyện) exists only for dates before 2025-07-01: from then on local government
    has two tiers, and NĐ 118/2025/NĐ-CP Điều 7 sets up one-stop desks at ministry, province and
    commune level only.

    >>> GovernmentLevel.DISTRICT.is_valid_on(date(2025, 7, 1))
    False
    """

    CENTRAL = "central", "Cấp Trung ương", "Central"
    PROVINCE = "province", "Cấp tỉnh", "Province"
    DISTRICT = "district", "Cấp huyện", "District"
    COMMUNE = "commune", "Cấp xã", "Commune"

    def is_valid_on(self, d: date) -> bool:
        """Whether this level exists on date ``d`` (DISTRICT: only before 2025-07-01)."""
        check_date(d, "GovernmentLevel.is_valid_on(d)")
        return self is not GovernmentLevel.DISTRICT or d < REFORM_DATE


class Channel(LabelledEnum):
    """Kênh tiếp nhận: how a dossier reached the agency (NĐ 118/2025/NĐ-CP Điều 15)."""

    ONLINE = "online", "Trực tuyến", "Online"
    IN_PERSON = "in_person", "Trực tiếp", "In person"
    POSTAL = "postal", "Dịch vụ bưu chính", "Postal"


class ServiceLevel(enum.Enum):
    """Online public-service level, in every vocabulary the decrees used.

    NĐ 43/2011/NĐ-CP: levels 1–4 (``LEVEL_1`` … ``LEVEL_4``). NĐ 42/2022/NĐ-CP: ``FULL`` (toàn
    trình), ``PARTIAL`` (một phần) and ``INFORMATION`` (information only). NĐ 224/2026/NĐ-CP
    (in force 2026-07-01, Điều 90 k1; repeals NĐ 42/2022, Điều 90 k2b) keeps "dịch vụ công trực
    tuyến toàn trình" and "một phần" (Điều 14) but has no information-only level: providing
    information is its own section (Mục 1, Điều 10–13), not a kind of online service. So
    ``INFORMATION`` is valid until 2026-06-30 only, and ``FULL`` / ``PARTIAL`` rest on NĐ 42/2022
    before 2026-07-01 and on NĐ 224/2026 from then: :meth:`decree_on` answers per date. The
    proactive levels of NĐ 224/2026 Điều 16 are a separate axis (:class:`ProactiveLevel`).

    ``to_nd42()`` maps the old levels to the new (4 → toàn trình, 3 → một phần, 1–2 →
    information; the mapping is a secondary source's, DOMAIN.md §6 [medium]).

    >>> ServiceLevel.LEVEL_4.to_nd42()
    <ServiceLevel.FULL: 'full'>
    >>> ServiceLevel.FULL.decree_on(date(2025, 9, 1)), ServiceLevel.FULL.decree_on(date(2026, 9, 1))
    ('NĐ 42/2022/NĐ-CP', 'NĐ 224/2026/NĐ-CP, Điều 14')
    >>> ServiceLevel.INFORMATION.is_valid_on(date(2026, 7, 1))
    False
    """

    LEVEL_1 = "level_1"
    LEVEL_2 = "level_2"
    LEVEL_3 = "level_3"
    LEVEL_4 = "level_4"
    INFORMATION = "information"
    PARTIAL = "partial"
    FULL = "full"

    @property
    def decree(self) -> str:
        """The decree that introduced this level's vocabulary (NĐ 43/2011 or NĐ 42/2022).

        The decree in force on a given date is :meth:`decree_on`.
        """
        return _SERVICE_BASES[self][0][0]

    @property
    def in_force_from(self) -> date:
        """First day a decree defining this level applied."""
        return _SERVICE_BASES[self][0][1]

    @property
    def in_force_until(self) -> date | None:
        """Last day a decree defining this level applied (``None``: still in force)."""
        return _SERVICE_BASES[self][-1][2]

    def decree_on(self, d: date) -> str | None:
        """The decree (and article) defining this level on ``d``; ``None`` if none did."""
        check_date(d, "ServiceLevel.decree_on(d)")
        return _decree_on(_SERVICE_BASES[self], d)

    def is_valid_on(self, d: date) -> bool:
        """Whether a decree defining this level was in force on ``d``."""
        check_date(d, "ServiceLevel.is_valid_on(d)")
        return self.decree_on(d) is not None

    def to_nd42(self) -> ServiceLevel:
        """The NĐ 42/2022 level this one corresponds to (itself if already one)."""
        return _TO_ND42.get(self, self)

    @property
    def label_vi(self) -> str:
        """Vietnamese name."""
        return _SERVICE_LABELS[self][0]

    @property
    def label_en(self) -> str:
        """English name."""
        return _SERVICE_LABELS[self][1]


class ProactiveLevel(enum.Enum):
    """Mức độ dịch vụ công trực tuyến chủ động (NĐ 224/2026/NĐ-CP Điều 16), from 2026-07-01.

    How far the agency acts first: 1 reminds the applicant (nhắc thực hiện); 2 also prepares the
    dossier from existing data (chuẩn bị hồ sơ); 3 also recommends the best-suited service
    (khuyến nghị phương án dịch vụ); 4 also settles the procedure automatically without a
    dossier (tự động thực hiện). A service has one of these besides its :class:`ServiceLevel`;
    :class:`Procedure` does not carry it yet (no published catalogue states it).

    >>> ProactiveLevel.LEVEL_4.decree_on(date(2026, 7, 1))
    'NĐ 224/2026/NĐ-CP, Điều 16 khoản 4'
    >>> ProactiveLevel.LEVEL_1.is_valid_on(date(2026, 6, 30))
    False
    """

    LEVEL_1 = 1
    LEVEL_2 = 2
    LEVEL_3 = 3
    LEVEL_4 = 4

    @property
    def in_force_from(self) -> date:
        """First day NĐ 224/2026 applied."""
        return ND224_2026_FROM

    def decree_on(self, d: date) -> str | None:
        """``NĐ 224/2026/NĐ-CP, Điều 16 khoản n`` from 2026-07-01, ``None`` before."""
        check_date(d, "ProactiveLevel.decree_on(d)")
        if d < ND224_2026_FROM:
            return None
        return f"NĐ 224/2026/NĐ-CP, Điều 16 khoản {self.value}"

    def is_valid_on(self, d: date) -> bool:
        """Whether NĐ 224/2026 was in force on ``d``."""
        return self.decree_on(d) is not None

    @property
    def label_vi(self) -> str:
        """Vietnamese name (Điều 16)."""
        return f"Mức độ {self.value}: dịch vụ công trực tuyến chủ động {_PROACTIVE[self.value][0]}"

    @property
    def label_en(self) -> str:
        """English name."""
        return f"Proactive level {self.value}: {_PROACTIVE[self.value][1]}"


_ServiceBasis: TypeAlias = tuple[tuple[str, date, "date | None"], ...]
_ND43 = (("NĐ 43/2011/NĐ-CP", ND43_2011_FROM, ND42_2022_FROM - timedelta(days=1)),)
_ND42_UNTIL = ND224_2026_FROM - timedelta(days=1)
_SERVICE_BASES: dict[ServiceLevel, _ServiceBasis] = {
    ServiceLevel.LEVEL_1: _ND43,
    ServiceLevel.LEVEL_2: _ND43,
    ServiceLevel.LEVEL_3: _ND43,
    ServiceLevel.LEVEL_4: _ND43,
    ServiceLevel.INFORMATION: (("NĐ 42/2022/NĐ-CP", ND42_2022_FROM, _ND42_UNTIL),),
    ServiceLevel.PARTIAL: (
        ("NĐ 42/2022/NĐ-CP", ND42_2022_FROM, _ND42_UNTIL),
        ("NĐ 224/2026/NĐ-CP, Điều 14", ND224_2026_FROM, None),
    ),
    ServiceLevel.FULL: (
        ("NĐ 42/2022/NĐ-CP", ND42_2022_FROM, _ND42_UNTIL),
        ("NĐ 224/2026/NĐ-CP, Điều 14", ND224_2026_FROM, None),
    ),
}


def _decree_on(bases: _ServiceBasis, d: date) -> str | None:
    for decree, start, until in bases:
        if start <= d and (until is None or d <= until):
            return decree
    return None


_PROACTIVE = {
    1: ("nhắc thực hiện", "reminder"),
    2: ("nhắc và chuẩn bị hồ sơ", "reminder and prepared dossier"),
    3: (
        "nhắc, chuẩn bị hồ sơ và khuyến nghị phương án dịch vụ",
        "reminder, prepared dossier and recommended service",
    ),
    4: (
        "nhắc, chuẩn bị hồ sơ, khuyến nghị phương án dịch vụ và tự động thực hiện",
        "reminder, prepared dossier, recommendation and automatic settlement",
    ),
}
_TO_ND42 = {
    ServiceLevel.LEVEL_1: ServiceLevel.INFORMATION,
    ServiceLevel.LEVEL_2: ServiceLevel.INFORMATION,
    ServiceLevel.LEVEL_3: ServiceLevel.PARTIAL,
    ServiceLevel.LEVEL_4: ServiceLevel.FULL,
}
_SERVICE_LABELS = {
    ServiceLevel.LEVEL_1: ("Mức độ 1", "Level 1"),
    ServiceLevel.LEVEL_2: ("Mức độ 2", "Level 2"),
    ServiceLevel.LEVEL_3: ("Mức độ 3", "Level 3"),
    ServiceLevel.LEVEL_4: ("Mức độ 4", "Level 4"),
    ServiceLevel.INFORMATION: ("Cung cấp thông tin", "Information only"),
    ServiceLevel.PARTIAL: ("Dịch vụ công trực tuyến một phần", "Partly online"),
    ServiceLevel.FULL: ("Dịch vụ công trực tuyến toàn trình", "Fully online"),
}


# -- validators --------------------------------------------------------------------------------

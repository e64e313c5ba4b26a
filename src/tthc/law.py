"""The law in one place: every legal parameter tthc applies, with its citation and dates.

This is the data of the Rules layer. The rule functions (:mod:`tthc.deadlines`,
:mod:`tthc.outcomes`), the vectorised engine (:mod:`tthc.batch`) and the reports read their
numbers, dates and citations here; no legal number is written anywhere else (a test checks it).
The module depends on :mod:`tthc.errors`, :mod:`tthc.validators` and :mod:`tthc.labelled` only, so every layer may read it.

**Rule sets by receipt date.** A dossier follows the decree in force when it was received
(NĐ 118/2025/NĐ-CP Điều 40 k1; the transitional rule of Luật Hộ tịch 03/2026/QH16 Điều 30,
generalised): NĐ 61/2018/NĐ-CP from 2018-06-21, NĐ 118/2025/NĐ-CP from 2025-07-01.

>>> from datetime import date
>>> rule_set_for(date(2025, 6, 30)).label_vi
'Nghị định 61/2018/NĐ-CP'
>>> rule_set_for(date(2025, 7, 1))
<RuleSet.ND_118_2025: 'ND-118/2025'>
>>> RuleSet.ND_118_2025.citation("restart").quote
'Thời hạn giải quyết được tính lại từ đầu sau khi nhận đủ hồ sơ'

**Numbers.** Each is a module constant whose docstring cites its article:
:data:`SUPPLEMENT_REQUEST_WORKING_DAYS` (03), :data:`ONLINE_ACCEPTANCE_WORKING_HOURS` (08),
:data:`SUPPLEMENT_WAIT_DAYS` (15), :data:`APOLOGY_DAYS_BEFORE_DUE` (1),
:data:`SAME_DAY_CUTOFF` (15 giờ), and the reform dates :data:`ND61_2018_FROM`,
:data:`ND118_2025_FROM`, :data:`TWO_TIER_LOCAL_GOVERNMENT_FROM`.

Confidence marks follow DOMAIN.md: ``high`` (the article read in the text, two sources agree),
``medium`` (read in an unofficial full text, or one source).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import date, time, timedelta

import attrs
from dateutil.relativedelta import relativedelta

from tthc.errors import InvalidValueError
from tthc.labelled import LabelledEnum
from tthc.validators import check_date

__all__ = [
    "APOLOGY_DAYS_BEFORE_DUE",
    "ND42_2022_FROM",
    "ND43_2011_FROM",
    "ND61_2018_FROM",
    "ND118_2025_FROM",
    "ND224_2026_FROM",
    "ONLINE_ACCEPTANCE_WORKING_HOURS",
    "REPORTING_PERIOD_START_DAY",
    "SAME_DAY_CUTOFF",
    "SUPPLEMENT_REQUEST_WORKING_DAYS",
    "SUPPLEMENT_WAIT_DAYS",
    "TWO_TIER_LOCAL_GOVERNMENT_FROM",
    "Citation",
    "RuleSet",
    "months_later",
    "rule_set_for",
]

# -- dates -------------------------------------------------------------------------------------

ND61_2018_FROM = date(2018, 6, 21)
"""NĐ 61/2018/NĐ-CP in force: "có hiệu lực thi hành kể từ ngày 21/06/2018" (Pháp điển,
Điều 3.3.NĐ.7.19) [high]."""

ND118_2025_FROM = date(2025, 7, 1)
"""NĐ 118/2025/NĐ-CP in force, NĐ 61/2018 and NĐ 107/2021 cease (NĐ 118/2025 Điều 40 k1) [high]."""

TWO_TIER_LOCAL_GOVERNMENT_FROM = date(2025, 7, 1)
"""Two-tier local government: no district level from this day (Luật Tổ chức chính quyền địa
phương 2025; NĐ 118/2025/NĐ-CP Điều 7 sets one-stop desks at ministry, province and commune level
only) [high]."""

ND43_2011_FROM = date(2011, 8, 1)
"""NĐ 43/2011/NĐ-CP in force (levels 1–4 of online public services)."""

ND42_2022_FROM = date(2022, 8, 1)
"""NĐ 42/2022/NĐ-CP in force (toàn trình / một phần / information); it repealed NĐ 43/2011."""

ND224_2026_FROM = date(2026, 7, 1)
"""NĐ 224/2026/NĐ-CP in force (Điều 90 k1); NĐ 42/2022 ends the day before (Điều 90 k2b)
[high: read in ``diepxuan/diepxuan.github.io``, DOMAIN.md §6]."""

# -- numbers -----------------------------------------------------------------------------------

SUPPLEMENT_REQUEST_WORKING_DAYS = 3
"""A supplement is requested within 03 working days of receipt (NĐ 118/2025/NĐ-CP Điều 19 k5;
NĐ 61/2018/NĐ-CP Điều 19 k4) [high]."""

ONLINE_ACCEPTANCE_WORKING_HOURS = 8
"""An online dossier is accepted (or corrections asked) within 08 working hours of system receipt
(NĐ 118/2025/NĐ-CP Điều 17 k2 điểm c; none under NĐ 61/2018) [high]."""

SUPPLEMENT_WAIT_DAYS = 15
"""A dossier whose supplement is not delivered within 15 days of the notice is closed
(NĐ 118/2025/NĐ-CP Điều 19 k5; none under NĐ 61/2018) [high]."""

APOLOGY_DAYS_BEFORE_DUE = 1
"""The apology is sent at the latest 1 day before the due date (NĐ 118/2025/NĐ-CP Điều 19 k6;
NĐ 61/2018/NĐ-CP Điều 19 k9) [high]."""

SAME_DAY_CUTOFF = time(15, 0)
"""Same-day procedures received after 15 giờ are due the next working day (chứng thực,
NĐ 23/2015/NĐ-CP Điều 7; hộ tịch, Luật Hộ tịch 2014 Điều 5 k3) [high]; the cut-off is per
procedure, this is the common one."""

REPORTING_PERIOD_START_DAY = 15
"""Reporting periods run from the 15th of a month to the 14th (NĐ 09/2019/NĐ-CP Điều 12)
[high for the pattern]."""


# -- counting ----------------------------------------------------------------------------------


# Cached: both engines count the same few hundred (day, months) pairs again and again, and
# dateutil's arithmetic costs about 15 µs a pair (a pure function of immutable values).
@functools.lru_cache(maxsize=1 << 14)
def months_later(d: date, n: int) -> date:
    """The last day of a period of ``n`` months starting the day after ``d``.

    The same day-number ``n`` months later or, when that month is shorter, its last day (Bộ luật
    Dân sự 2015 Điều 148 k3) [high]: exactly ``dateutil.relativedelta``'s month arithmetic. Both
    engines count months with this function; the roll-forward of a last day that is not a working
    day (Điều 148 k5) is the calendar's.

    >>> months_later(date(2026, 5, 31), 1), months_later(date(2026, 1, 31), 1)
    (datetime.date(2026, 6, 30), datetime.date(2026, 2, 28))
    """
    out: date = d + relativedelta(months=n)
    return out


# -- citations ---------------------------------------------------------------------------------


@attrs.frozen
class Citation:
    """Where a rule is written: the reference, the words where tthc quotes them, a confidence.

    ``str()`` is the reference, as findings and adjustments print it.

    >>> str(RuleSet.ND_61_2018.citation("apology"))
    'NĐ 61/2018/NĐ-CP, Điều 19 khoản 9'
    """

    ref: str
    quote: str = ""
    confidence: str = "high"

    def __str__(self) -> str:
        return self.ref


_RESTART_QUOTE = "Thời hạn giải quyết được tính lại từ đầu sau khi nhận đủ hồ sơ"
_ONCE_QUOTE = "chỉ được yêu cầu sửa đổi, bổ sung một lần"

_ND61: Mapping[str, Citation] = {
    "restart": Citation("NĐ 61/2018/NĐ-CP, Điều 19 khoản 4", _RESTART_QUOTE),
    "supplement_deadline": Citation("NĐ 61/2018/NĐ-CP, Điều 19 khoản 4"),
    "supplement_once": Citation("NĐ 61/2018/NĐ-CP, Điều 15 khoản 3"),
    "apology": Citation("NĐ 61/2018/NĐ-CP, Điều 19 khoản 9"),
    "refusal_in_time": Citation("NĐ 61/2018/NĐ-CP, Điều 19 khoản 8"),
    "forwarding": Citation("NĐ 61/2018/NĐ-CP, Điều 18 khoản 2"),
}
_ND118: Mapping[str, Citation] = {
    "restart": Citation("NĐ 118/2025/NĐ-CP, Điều 19 khoản 5", _RESTART_QUOTE, "medium"),
    "supplement_deadline": Citation("NĐ 118/2025/NĐ-CP, Điều 19 khoản 5", "", "medium"),
    "supplement_once": Citation(
        "NĐ 118/2025/NĐ-CP, Điều 11 khoản 2 điểm c; Điều 16 khoản 3", _ONCE_QUOTE, "medium"
    ),
    "apology": Citation("NĐ 118/2025/NĐ-CP, Điều 19 khoản 6", "", "medium"),
    "refusal_in_time": Citation("NĐ 118/2025/NĐ-CP, Điều 19 khoản 3", "", "medium"),
    "forwarding": Citation("NĐ 118/2025/NĐ-CP, Điều 18 khoản 2", "", "medium"),
    # rules new in NĐ 118/2025 (absent from NĐ 61/2018)
    "online_acceptance": Citation("NĐ 118/2025/NĐ-CP, Điều 17 khoản 2 điểm c", "", "medium"),
    "digital_signature": Citation("NĐ 118/2025/NĐ-CP, Điều 22 khoản 1", "", "medium"),
    "closing": Citation("NĐ 118/2025/NĐ-CP, Điều 19 khoản 5", "", "medium"),
    "district_level": Citation(
        "NĐ 118/2025/NĐ-CP, Điều 7; Luật Tổ chức chính quyền địa phương 2025", "", "medium"
    ),
}

PAUSE_BASIS = Citation("SupplementPolicy.PAUSE (special law of the procedure)", "", "medium")
"""Basis of a paused (not restarted) clock: the procedure's special law (e.g. NĐ 101/2024/NĐ-CP
Điều 22 for land)."""

EXCLUSION_BASIS = Citation("the procedure's special law (excluded period)", "", "medium")
"""Basis of an excluded period: the procedure's special law."""


# -- rule sets ---------------------------------------------------------------------------------


class RuleSet(LabelledEnum):
    """The decree whose one-stop rules apply to a dossier, chosen by its receipt date.

    >>> RuleSet.ND_61_2018.effective_until
    datetime.date(2025, 6, 30)
    >>> RuleSet.ND_61_2018.has("online_acceptance"), RuleSet.ND_118_2025.has("online_acceptance")
    (False, True)
    """

    ND_61_2018 = "ND-61/2018", "Nghị định 61/2018/NĐ-CP", "Decree 61/2018/ND-CP"
    ND_118_2025 = "ND-118/2025", "Nghị định 118/2025/NĐ-CP", "Decree 118/2025/ND-CP"

    @property
    def effective_from(self) -> date:
        """First receipt date the rule set applies to."""
        return ND61_2018_FROM if self is RuleSet.ND_61_2018 else ND118_2025_FROM

    @property
    def effective_until(self) -> date | None:
        """Last receipt date it applies to (``None``: still in force)."""
        return ND118_2025_FROM - timedelta(days=1) if self is RuleSet.ND_61_2018 else None

    def has(self, rule: str) -> bool:
        """Whether this rule set contains ``rule`` (e.g. ``online_acceptance``: NĐ 118/2025 only)."""
        return rule in _CITATIONS[self]

    def citation(self, rule: str) -> Citation:
        """The :class:`Citation` of ``rule`` in this rule set (see :meth:`cite` for the names)."""
        return _CITATIONS[self][rule]

    def cite(self, rule: str) -> str:
        """The reference of ``rule`` in this rule set: ``restart``, ``supplement_deadline``,
        ``supplement_once``, ``apology``, ``refusal_in_time``, ``forwarding``, and under
        NĐ 118/2025 also ``online_acceptance``, ``digital_signature``, ``closing``,
        ``district_level``."""
        return str(_CITATIONS[self][rule])


_CITATIONS: Mapping[RuleSet, Mapping[str, Citation]] = {
    RuleSet.ND_61_2018: _ND61,
    RuleSet.ND_118_2025: _ND118,
}


def rule_set_for(received: date) -> RuleSet:
    """The rule set for a dossier received on ``received``.

    Basis: NĐ 118/2025/NĐ-CP, Điều 40 khoản 1 (in force 2025-07-01, NĐ 61/2018 and NĐ 107/2021
    cease); the law in force at receipt governs (the transitional rule of Luật Hộ tịch
    03/2026/QH16, Điều 30, generalised).

    >>> rule_set_for(date(2018, 6, 21))
    <RuleSet.ND_61_2018: 'ND-61/2018'>
    >>> rule_set_for(date(2018, 1, 1))
    Traceback (most recent call last):
    ...
    tthc.errors.InvalidValueError: rule_set_for: received 2018-01-01 is before NĐ 61/2018/NĐ-CP took effect (2018-06-21); expected a receipt on or after 2018-06-21
    """
    check_date(received, "rule_set_for")
    if received < ND61_2018_FROM:
        raise InvalidValueError(
            f"rule_set_for: received {received} is before NĐ 61/2018/NĐ-CP took effect "
            f"({ND61_2018_FROM}); expected a receipt on or after {ND61_2018_FROM}"
        )
    return RuleSet.ND_61_2018 if received < ND118_2025_FROM else RuleSet.ND_118_2025

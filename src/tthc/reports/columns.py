"""The count columns of Biểu số 06/VPCP/KSTT (:class:`Form06Column`): numbers, headers, blocks.

It may import :mod:`tthc.reports.periods` (for the language check) only.
"""

from __future__ import annotations

import enum

from tthc.reports.periods import Language, check_lang

__all__ = ["Form06Column"]


# -- Biểu số 06 ----------------------------------------------------------------------------------


class Form06Column(enum.Enum):
    """The count columns of Biểu số 06/VPCP/KSTT, numbered as on the form.

    (3)–(13) are the form's; (14)–(17) are tthc's addition for dossiers that ended without a
    decision (withdrawn, stopped, closed for want of a supplement), which the form has no column
    for. Each member's value is the ``Form06Row`` attribute it reads.

    Basis: TT 01/2020/TT-VPCP, Biểu số 06/VPCP/KSTT.

    >>> Form06Column.LATE.number, Form06Column.LATE.label_vi, Form06Column.LATE.label_en
    (10, 'Quá hạn', 'Late')
    >>> Form06Column.LATE.block_vi
    'Số hồ sơ đã giải quyết'
    """

    RECEIVED = "received"
    RECEIVED_ONLINE = "received_online"
    RECEIVED_IN_PERSON = "received_in_person"
    CARRIED_OVER = "carried_over"
    RESOLVED = "resolved"
    EARLY = "early"
    ON_TIME = "on_time"
    LATE = "late"
    IN_PROGRESS = "in_progress"
    WITHIN_TIME = "within_time"
    OVERDUE = "overdue"
    ENDED = "ended"
    WITHDRAWN = "withdrawn"
    STOPPED = "stopped"
    CLOSED = "closed"

    @property
    def number(self) -> int:
        """The column's number on the form: (3)–(13), then tthc's (14)–(17)."""
        return _COLUMN_INFO[self][0]

    @property
    def label_vi(self) -> str:
        """Vietnamese header."""
        return _COLUMN_INFO[self][1]

    @property
    def label_en(self) -> str:
        """English header."""
        return _COLUMN_INFO[self][2]

    @property
    def block(self) -> Form06Column:
        """The total column of the column's block (RECEIVED, RESOLVED, IN_PROGRESS or ENDED)."""
        return _COLUMN_INFO[self][3]

    @property
    def block_vi(self) -> str:
        """Vietnamese header of the column's block."""
        return _BLOCK_LABELS[self.block][0]

    @property
    def block_en(self) -> str:
        """English header of the column's block."""
        return _BLOCK_LABELS[self.block][1]

    @property
    def is_total(self) -> bool:
        """Whether this is a block's total column ("Tổng số")."""
        return self.block is self

    @property
    def official(self) -> bool:
        """Whether the column is on the official form ((3)–(13)), not a tthc addition."""
        return self.number <= 13

    def label(self, lang: Language = "vi") -> str:
        """The header in ``lang`` ("vi" or "en")."""
        return self.label_vi if check_lang(lang) == "vi" else self.label_en


_C = Form06Column
_COLUMN_INFO: dict[Form06Column, tuple[int, str, str, Form06Column]] = {
    _C.RECEIVED: (3, "Tổng số", "Total", _C.RECEIVED),
    _C.RECEIVED_ONLINE: (4, "Trực tuyến", "Online", _C.RECEIVED),
    _C.RECEIVED_IN_PERSON: (
        5,
        "Trực tiếp, dịch vụ bưu chính",
        "In person or by post",
        _C.RECEIVED,
    ),
    _C.CARRIED_OVER: (6, "Từ kỳ trước", "Carried over", _C.RECEIVED),
    _C.RESOLVED: (7, "Tổng số", "Total", _C.RESOLVED),
    _C.EARLY: (8, "Trước hạn", "Early", _C.RESOLVED),
    _C.ON_TIME: (9, "Đúng hạn", "On time", _C.RESOLVED),
    _C.LATE: (10, "Quá hạn", "Late", _C.RESOLVED),
    _C.IN_PROGRESS: (11, "Tổng số", "Total", _C.IN_PROGRESS),
    _C.WITHIN_TIME: (12, "Trong hạn", "Within time", _C.IN_PROGRESS),
    _C.OVERDUE: (13, "Quá hạn", "Overdue", _C.IN_PROGRESS),
    _C.ENDED: (14, "Tổng số", "Total", _C.ENDED),
    _C.WITHDRAWN: (15, "Rút hồ sơ", "Withdrawn", _C.ENDED),
    _C.STOPPED: (16, "Dừng giải quyết", "Stopped", _C.ENDED),
    _C.CLOSED: (17, "Đóng hồ sơ (không bổ sung)", "Closed (no supplement)", _C.ENDED),
}
_BLOCK_LABELS: dict[Form06Column, tuple[str, str]] = {
    _C.RECEIVED: ("Số hồ sơ nhận giải quyết", "Dossiers received"),
    _C.RESOLVED: ("Số hồ sơ đã giải quyết", "Dossiers resolved"),
    _C.IN_PROGRESS: ("Số hồ sơ đang giải quyết", "Dossiers in progress"),
    _C.ENDED: (
        "Số hồ sơ kết thúc không giải quyết (tthc bổ sung)",
        "Dossiers ended without a decision (tthc addition)",
    ),
}

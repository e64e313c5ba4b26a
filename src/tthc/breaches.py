"""Findings: the breaches of the one-stop rules a dossier's timeline shows, each with its citation.

:func:`findings` lists them in a fixed order (a supplement asked late or twice, a late result
without an apology, an online dossier not accepted within 08 working hours, …); inspections look
for them (:func:`tthc.inspection_report`). tthc reports them, it does not refuse the data.
Re-exported by :mod:`tthc.outcomes` and :mod:`tthc` (the module is not named ``findings``, which
would shadow the function ``tthc.findings``).

>>> FindingKind.SUPPLEMENT_REQUESTED_AGAIN.label_vi
'Yêu cầu bổ sung nhiều lần'
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import attrs

from tthc.calendar import WorkingCalendar, calendar_argument, wall_date
from tthc.classification import _in_range
from tthc.deadlines import Deadline, deadline
from tthc.errors import ArgumentTypeError
from tthc.events import (
    Apologized,
    Closed,
    CorrectionRequested,
    Received,
    Refused,
    Resolved,
    SupplementRequested,
)
from tthc.labelled import LabelledEnum
from tthc.law import (
    APOLOGY_DAYS_BEFORE_DUE,
    ONLINE_ACCEPTANCE_WORKING_HOURS,
    SUPPLEMENT_REQUEST_WORKING_DAYS,
    SUPPLEMENT_WAIT_DAYS,
    TWO_TIER_LOCAL_GOVERNMENT_FROM,
    RuleSet,
)
from tthc.models import Dossier
from tthc.services import GovernmentLevel

__all__ = [
    "ONLINE_RECEPTION_BASIS",
    "ONLINE_RECEPTION_LIMIT",
    "Finding",
    "FindingKind",
    "findings",
]

ONLINE_RECEPTION_LIMIT = timedelta(hours=ONLINE_ACCEPTANCE_WORKING_HOURS)
"""08 giờ làm việc: the desk accepts an online dossier or asks for corrections within this much
working time of the system receipt (NĐ 118/2025/NĐ-CP Điều 17 k2c, from 2025-07-01; a special
law may set another limit, which tthc does not yet take per procedure)."""
ONLINE_RECEPTION_BASIS = RuleSet.ND_118_2025.cite("online_acceptance")
"""Citation of :data:`ONLINE_RECEPTION_LIMIT`."""


class FindingKind(LabelledEnum):
    """A breach of the one-stop rules that inspections look for."""

    SUPPLEMENT_REQUEST_LATE = (
        "supplement_request_late",
        "Yêu cầu bổ sung quá 03 ngày làm việc",
        "Supplement requested more than 03 working days after receipt",
    )
    SUPPLEMENT_REQUESTED_AGAIN = (
        "supplement_requested_again",
        "Yêu cầu bổ sung nhiều lần",
        "Supplement requested more than once",
    )
    LATE_WITHOUT_APOLOGY = (
        "late_without_apology",
        "Quá hạn không có văn bản xin lỗi",
        "Late without a written apology",
    )
    APOLOGY_TOO_LATE = (
        "apology_too_late",
        "Xin lỗi muộn hơn 01 ngày trước ngày hết hạn",
        "Apology later than 1 day before the due date",
    )
    NEW_DATE_SET_AGAIN = (
        "new_date_set_again",
        "Hẹn lại ngày trả kết quả quá một lần",
        "New date set more than once",
    )
    ONLINE_ACCEPTANCE_LATE = (
        "online_acceptance_late",
        "Quá 08 giờ làm việc chưa tiếp nhận hoặc yêu cầu bổ sung hồ sơ trực tuyến",
        "Online dossier neither accepted nor sent back for corrections within 08 working hours",
    )
    RESULT_NOT_DIGITALLY_SIGNED = (
        "result_not_digitally_signed",
        "Kết quả không được ký số",
        "Result not digitally signed",
    )
    DISTRICT_LEVEL_AFTER_REFORM = (
        "district_level_after_reform",
        "Cấp huyện sau ngày 01/7/2025",
        "District level used on or after 2025-07-01",
    )
    REFUSAL_AFTER_DUE = (
        "refusal_after_due",
        "Từ chối giải quyết sau thời hạn",
        "Refusal notified after the due date",
    )
    CLOSED_TOO_EARLY = (
        "closed_too_early",
        "Đóng hồ sơ trước 15 ngày",
        "Closed less than 15 days after the supplement notice",
    )


@attrs.frozen
class Finding:
    """One breach: its kind, a message naming the events, and its legal basis."""

    kind: FindingKind
    message: str
    basis: str
    at: datetime | None = None


def findings(dossier: Dossier, *, calendar: WorkingCalendar | None = None) -> tuple[Finding, ...]:
    """The breaches a dossier's timeline shows, in a fixed order, each with its citation.

    - supplement requested more than 03 working days after receipt (NĐ 118/2025/NĐ-CP Điều 19
      k5; NĐ 61/2018/NĐ-CP Điều 19 k4), or more than once (NĐ 118/2025 Điều 11 k2c: "chỉ được
      yêu cầu sửa đổi, bổ sung một lần"; NĐ 61/2018 Điều 15 k3);
    - a finished dossier late without an apology, or with one sent later than 1 day before the
      due date; a new date set more than once (NĐ 118/2025 Điều 19 k6; NĐ 61/2018 Điều 19 k9);
    - a refusal notified after the due date (NĐ 118/2025 Điều 19 k3; NĐ 61/2018 Điều 19 k8);
    - from 2025-07-01: an online dossier neither accepted nor asked for corrections
      (:class:`~tthc.events.CorrectionRequested`) within 08 working hours of the system receipt
      (NĐ 118/2025 Điều 17 k2c; the first of the two answers counts); a result with ``digitally_signed=False`` (NĐ 118/2025
      Điều 22 k1: results are digitally signed); a dossier closed less than 15 days after the
      supplement notice (NĐ 118/2025 Điều 19 k5); a procedure at ``GovernmentLevel.DISTRICT``
      (NĐ 118/2025 Điều 7: one-stop desks at ministry, province and commune level only).

    Basis: as listed; tthc reports these, it does not refuse the data.

    >>> from tthc.models import Procedure, Received
    >>> from tthc.timelimits import TimeLimit
    >>> p = Procedure("1.000894", "Thủ tục", "Hộ tịch", GovernmentLevel.DISTRICT,
    ...               TimeLimit.working_days(5))
    >>> d = Dossier("HS-9", p, [Received(datetime(2025, 7, 2, 9))])
    >>> [f.kind.name for f in findings(d)]
    ['DISTRICT_LEVEL_AFTER_REFORM']
    """
    if not isinstance(dossier, Dossier):
        raise ArgumentTypeError(f"findings: expected a Dossier, got {type(dossier).__name__}")
    cal = calendar_argument(calendar)
    dl = deadline(dossier, calendar=cal)
    rules = dl.rule_set
    received = dossier.received
    rdate = wall_date(received.at)
    out: list[Finding] = []
    requests = [e for e in dossier.events if isinstance(e, SupplementRequested)]
    for r in requests:
        _in_range(cal, wall_date(r.at), r.describe(), dossier)
        days = cal.working_days_between(rdate, wall_date(r.at))
        if days > SUPPLEMENT_REQUEST_WORKING_DAYS:
            out.append(
                Finding(
                    FindingKind.SUPPLEMENT_REQUEST_LATE,
                    f"{r.describe()} is {days} working days after {received.describe()}; "
                    f"expected within {SUPPLEMENT_REQUEST_WORKING_DAYS:02d} working days",
                    rules.cite("supplement_deadline"),
                    r.at,
                )
            )
    for r in requests[1:]:
        out.append(
            Finding(
                FindingKind.SUPPLEMENT_REQUESTED_AGAIN,
                f"{r.describe()} follows {requests[0].describe()}; a supplement may be requested "
                "only once",
                rules.cite("supplement_once"),
                r.at,
            )
        )
    apologies = [e for e in dossier.events if isinstance(e, Apologized)]
    final = dossier.final_event
    due = dl.due
    if due is not None and isinstance(final, Resolved) and _late(dl, final.at) and not apologies:
        out.append(
            Finding(
                FindingKind.LATE_WITHOUT_APOLOGY,
                f"{final.describe()} is after the due date {due} and no apology was sent",
                rules.cite("apology"),
                final.at,
            )
        )
    if due is not None and apologies:
        first = apologies[0]
        if wall_date(first.at) > due - timedelta(days=APOLOGY_DAYS_BEFORE_DUE):
            out.append(
                Finding(
                    FindingKind.APOLOGY_TOO_LATE,
                    f"{first.describe()} is later than {APOLOGY_DAYS_BEFORE_DUE} day before the "
                    f"due date {due}"
                    f"{_original_due_reading(due)}",
                    rules.cite("apology"),
                    first.at,
                )
            )
    for a in apologies[1:]:
        out.append(
            Finding(
                FindingKind.NEW_DATE_SET_AGAIN,
                f"{a.describe()} sets another new date ({a.new_due}) after "
                f"{apologies[0].describe()} ({apologies[0].new_due}); a new date may be set once"
                f"{_original_due_reading(due)}",
                rules.cite("apology"),
                a.at,
            )
        )
    if due is not None and isinstance(final, Refused) and _late(dl, final.at):
        out.append(
            Finding(
                FindingKind.REFUSAL_AFTER_DUE,
                f"{final.describe()} is after the due date {due}; a refusal is notified within "
                "the time limit",
                rules.cite("refusal_in_time"),
                final.at,
            )
        )
    sub = dossier.submitted
    if rules.has("online_acceptance") and sub is not None:
        answer = next(e for e in dossier.events if isinstance(e, (CorrectionRequested, Received)))
        waited = cal.working_time_between(sub.at, answer.at)
        if waited > ONLINE_RECEPTION_LIMIT:
            what = "accepted" if answer is received else "asked for corrections"
            out.append(
                Finding(
                    FindingKind.ONLINE_ACCEPTANCE_LATE,
                    f"{answer.describe()} is {_hours(waited)} working hours after "
                    f"{sub.describe()}; expected acceptance or a correction request within "
                    f"{ONLINE_ACCEPTANCE_WORKING_HOURS:02d} (the dossier was {what} late)",
                    ONLINE_RECEPTION_BASIS,
                    answer.at,
                )
            )
    if (
        rules.has("digital_signature")
        and isinstance(final, Resolved)
        and final.digitally_signed is False
    ):
        out.append(
            Finding(
                FindingKind.RESULT_NOT_DIGITALLY_SIGNED,
                f"{final.describe()} was not digitally signed",
                rules.cite("digital_signature"),
                final.at,
            )
        )
    if rules.has("closing") and isinstance(final, Closed) and requests:
        notice = requests[-1]
        waited_days = (wall_date(final.at) - wall_date(notice.at)).days
        if waited_days < SUPPLEMENT_WAIT_DAYS:
            out.append(
                Finding(
                    FindingKind.CLOSED_TOO_EARLY,
                    f"{final.describe()} is {waited_days} days after {notice.describe()}; "
                    f"expected at least {SUPPLEMENT_WAIT_DAYS}",
                    rules.cite("closing"),
                    final.at,
                )
            )
    reform = TWO_TIER_LOCAL_GOVERNMENT_FROM
    if dossier.procedure.level is GovernmentLevel.DISTRICT and rdate >= reform:
        out.append(
            Finding(
                FindingKind.DISTRICT_LEVEL_AFTER_REFORM,
                f"procedure {dossier.procedure.code} is at district level but "
                f"{received.describe()} is on or after {reform}",
                RuleSet.ND_118_2025.cite("district_level"),
                received.at,
            )
        )
    return tuple(out)


def _original_due_reading(due: date | None) -> str:
    """The apology findings' note: the original due date stays (tthc's reading, not the text's)."""
    if due is None:
        return ""
    return (
        f"; tthc judges the dossier against the original due date {due} (tthc's reading: "
        "Điều 19 k6 allows one new date but does not say whether the dossier then stops being "
        "late)"
    )


def _late(dl: Deadline, moment: datetime) -> bool:
    if dl.due_at is not None:
        return moment > dl.due_at
    assert dl.due is not None
    return wall_date(moment) > dl.due


def _hours(delta: timedelta) -> str:
    hours = delta.total_seconds() / 3600
    return f"{hours:g}"

"""The events of a dossier's timeline: submitted, received, supplements, exclusions, results.

Every event is an attrs frozen, slotted class validated in its constructor (an object that exists
is valid; a bad value raises a :class:`~tthc.errors.TthcError` subclass naming the field, the
value and what was expected). The rules that tie events into a timeline are
:class:`~tthc.models.Dossier`'s. Every event class is re-exported by :mod:`tthc.models` and
:mod:`tthc`; :data:`EVENT_TYPES` lists them, :data:`AnyEvent` is their union.

**Moments.** Every event has ``at``, a :class:`~datetime.datetime`. A naive ``at`` is Vietnamese
wall time (Asia/Ho_Chi_Minh, UTC+7, no daylight saving); an aware one is any instant and is read
in Vietnamese time. One dossier's events are all naive or all aware: mixing them raises
:class:`~tthc.errors.TimelineTimezoneError` (both an ``InvalidTimelineError`` and a
``TimezoneError``). A plain :class:`~datetime.date` is refused where a moment is meant; a source
that only has dates is read with each event's ``on(date, ...)`` constructor, which takes the
**start of that day (00:00 wall time)**. Under :attr:`~tthc.timelimits.Precision.DAY` only the date
matters, so this is exact; under ``Precision.HOUR`` 00:00 is taken literally (a result dated only
by day then counts as produced at the start of that day).

>>> Received.on(date(2026, 2, 12)).at
datetime.datetime(2026, 2, 12, 0, 0)
>>> Received(date(2026, 2, 12))
Traceback (most recent call last):
...
tthc.errors.ArgumentTypeError: Received.at: expected a datetime, got date 2026-02-12 (use Received.on(date) for a date-only source)
"""

from __future__ import annotations

from datetime import date, datetime, time, timezone
from typing import Any, ClassVar, TypeAlias, TypeVar, Union, get_args

import attrs

from tthc.calendar import WorkingCalendar, calendar_argument, wall_date
from tthc.errors import ArgumentTypeError, InvalidValueError
from tthc.services import Channel
from tthc.validators import check_date, instance_of, nfc, non_empty_str, optional

__all__ = [
    "EVENT_TYPES",
    "AnyEvent",
    "Apologized",
    "Appointed",
    "Closed",
    "CorrectionRequested",
    "Event",
    "ExclusionEnded",
    "ExclusionStarted",
    "Received",
    "Refused",
    "Resolved",
    "Returned",
    "StepCompleted",
    "Stopped",
    "Submitted",
    "SupplementReceived",
    "SupplementRequested",
    "Withdrawn",
]

_STR = instance_of(str, "a str")
_E = TypeVar("_E", bound="Event")


def _check_at(instance: Event, attribute: attrs.Attribute[Any], value: object) -> None:
    name = f"{type(instance).__name__}.at"
    if not isinstance(value, datetime):
        hint = (
            f" (use {type(instance).__name__}.on(date) for a date-only source)"
            if isinstance(value, date)
            else ""
        )
        raise ArgumentTypeError(
            f"{name}: expected a datetime, got {type(value).__name__} {value}{hint}"
        )
    if value != value:  # pandas.NaT is a datetime that equals nothing, itself included
        raise InvalidValueError(f"{name}: expected a datetime, got a missing value {value!r}")
    if value.tzinfo is not None and value.utcoffset() is None:
        raise InvalidValueError(f"{name}: expected a naive or fully aware datetime, got {value!r}")
    _check_representable(value, name)


def _check_representable(value: datetime, name: str) -> None:
    """Refuse an aware moment whose UTC or Vietnamese time is outside ``datetime``'s range."""
    if value.tzinfo is not None:
        try:
            value.astimezone(timezone.utc)
            wall_date(value)
        except OverflowError:
            raise InvalidValueError(
                f"{name}: expected a moment whose UTC and Vietnamese times are between years 1 "
                f"and 9999, got {value.isoformat()}"
            ) from None


@attrs.frozen
class Event:
    """Base of the timeline's events; every event has ``at`` (see the module docstring)."""

    at: datetime = attrs.field(validator=_check_at)

    kind: ClassVar[str] = "event"
    final: ClassVar[bool] = False
    label_vi: ClassVar[str] = "Sự kiện"
    label_en: ClassVar[str] = "Event"

    @classmethod
    def on(cls: type[_E], d: date, /, **fields: Any) -> _E:
        """The event for a date-only source: ``at`` is 00:00 (wall time) of ``d``."""
        check_date(d, f"{cls.__name__}.on(d)")
        return cls(datetime.combine(d, time(0, 0)), **fields)

    def describe(self) -> str:
        """``Kind at <iso>``, as used in error messages."""
        return f"{type(self).__name__} at {self.at.isoformat(sep=' ')}"


@attrs.frozen
class Submitted(Event):
    """The online system received the dossier (Cổng Dịch vụ công; NĐ 118/2025 Điều 17 k2)."""

    kind: ClassVar[str] = "submitted"
    label_vi: ClassVar[str] = "Nộp trực tuyến"
    label_en: ClassVar[str] = "Submitted online"


@attrs.frozen
class CorrectionRequested(Event):
    """Before acceptance, the desk asked the online applicant to correct or complete the dossier.

    NĐ 118/2025/NĐ-CP Điều 17 khoản 2 điểm a and c: within 08 working hours of the system receipt
    (or the special law's limit) the desk either accepts an online dossier or asks, once and in
    full, for corrections. NĐ 309/2026 (from 2026-08-05) widened điểm a to data the databases lack
    and added a khoản 2a on kiosks; the 08 hours stand. It comes after a :class:`Submitted` and
    before :class:`Received`; the clock of the procedure still starts only at ``Received``.
    """

    reason: str = attrs.field(default="", validator=_STR, kw_only=True)
    kind: ClassVar[str] = "correction_requested"
    label_vi: ClassVar[str] = "Yêu cầu chỉnh sửa, bổ sung hồ sơ trực tuyến"
    label_en: ClassVar[str] = "Correction requested (online reception)"


@attrs.frozen
class Received(Event):
    """The dossier was accepted as complete and valid: the clock starts (NĐ 118/2025 Điều 17 k3).

    From 2026-08-05 a dossier received independently of administrative boundaries (không phụ
    thuộc vào địa giới hành chính) runs from the moment the competent agency receives it (Điều 17
    k3 as amended by NĐ 309/2026 Điều 8 k3): record that moment here, not the reception at the
    public administrative service centre; tthc cannot tell the two apart.

    ``inferred`` is true when the data had no acceptance time and it was taken from the online
    submission (:meth:`from_submission`); results computed from it say so
    (:attr:`tthc.deadlines.Deadline.receipt_inferred`).
    """

    channel: Channel = attrs.field(
        default=Channel.IN_PERSON, validator=instance_of(Channel, "a Channel"), kw_only=True
    )
    inferred: bool = attrs.field(default=False, validator=instance_of(bool, "a bool"), kw_only=True)
    kind: ClassVar[str] = "received"
    label_vi: ClassVar[str] = "Tiếp nhận hồ sơ"
    label_en: ClassVar[str] = "Received"

    @classmethod
    def from_submission(
        cls, submitted: datetime | Submitted, *, calendar: WorkingCalendar | None = None
    ) -> Received:
        """The receipt to use when the data has only the online submission time.

        The clock starts when an officer accepts the dossier, which NĐ 118/2025/NĐ-CP Điều 17
        k2 allows up to 08 working hours after the system receipt; without that time, take the
        first working instant at or after the submission (DOMAIN.md §4), channel ``ONLINE``,
        marked ``inferred``.

        Basis: NĐ 118/2025/NĐ-CP, Điều 17 khoản 2 và khoản 3.

        >>> Received.from_submission(datetime(2026, 2, 13, 17, 45))  # Friday after hours, then Tết
        Received(at=datetime.datetime(2026, 2, 23, 7, 30), channel=<Channel.ONLINE: 'online'>, inferred=True)
        """
        at = submitted.at if isinstance(submitted, Submitted) else submitted
        if not isinstance(at, datetime):
            raise ArgumentTypeError(
                f"Received.from_submission: expected a datetime or a Submitted event, got "
                f"{type(submitted).__name__} {submitted!r}"
            )
        cal = calendar_argument(calendar)
        return cls(cal.next_working_instant(at), channel=Channel.ONLINE, inferred=True)


@attrs.frozen
class SupplementRequested(Event):
    """Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ sent to the applicant (NĐ 118/2025 Điều 19 k5)."""

    reason: str = attrs.field(default="", validator=_STR, kw_only=True)
    kind: ClassVar[str] = "supplement_requested"
    label_vi: ClassVar[str] = "Yêu cầu bổ sung hồ sơ"
    label_en: ClassVar[str] = "Supplement requested"


@attrs.frozen
class SupplementReceived(Event):
    """The applicant handed in the requested supplement."""

    kind: ClassVar[str] = "supplement_received"
    label_vi: ClassVar[str] = "Nhận hồ sơ bổ sung"
    label_en: ClassVar[str] = "Supplement received"


@attrs.frozen
class ExclusionStarted(Event):
    """Start of a period a special law leaves out of the limit (e.g. land, NĐ 101/2024 Điều 22)."""

    reason: str = attrs.field(kw_only=True, validator=non_empty_str)
    kind: ClassVar[str] = "exclusion_started"
    label_vi: ClassVar[str] = "Bắt đầu thời gian không tính"
    label_en: ClassVar[str] = "Exclusion started"


@attrs.frozen
class ExclusionEnded(Event):
    """End of an excluded period."""

    kind: ClassVar[str] = "exclusion_ended"
    label_vi: ClassVar[str] = "Kết thúc thời gian không tính"
    label_en: ClassVar[str] = "Exclusion ended"


@attrs.frozen
class Apologized(Event):
    """Văn bản xin lỗi và đề nghị gia hạn with a new date (NĐ 118/2025 Điều 19 k6)."""

    new_due: date = attrs.field(kw_only=True)
    reason: str = attrs.field(kw_only=True, validator=non_empty_str)
    kind: ClassVar[str] = "apologized"
    label_vi: ClassVar[str] = "Xin lỗi và hẹn lại"
    label_en: ClassVar[str] = "Apologised"

    @new_due.validator
    def _check_new_due(self, attribute: attrs.Attribute[Any], value: object) -> None:
        check_date(value, "Apologized.new_due")


@attrs.frozen
class Appointed(Event):
    """The appointment date (ngày hẹn trả) the office gave: printed on the Giấy tiếp nhận hồ sơ
    và hẹn trả kết quả at receipt, or moved later (after a supplement, one-stop software
    re-issues it; DOMAIN.md §10). The latest one is :attr:`Dossier.promised_due`.

    It is data, not law: tthc computes the statutory due date itself (:func:`tthc.deadline`) and
    :func:`tthc.audit` explains where the two differ. Basis: NĐ 118/2025/NĐ-CP Điều 17 k3, Điều
    22 k3 (results returned on the date on the Giấy tiếp nhận); TT 03/2025/TT-VPCP, mẫu 01.
    """

    promised_due: date = attrs.field(kw_only=True)
    kind: ClassVar[str] = "appointed"
    label_vi: ClassVar[str] = "Hẹn ngày trả kết quả"
    label_en: ClassVar[str] = "Appointment date given"

    @promised_due.validator
    def _check_promised_due(self, attribute: attrs.Attribute[Any], value: object) -> None:
        check_date(value, "Appointed.promised_due")


@attrs.frozen
class StepCompleted(Event):
    """One step of an interlinked procedure was completed and handed on."""

    step: str = attrs.field(converter=nfc, kw_only=True, validator=non_empty_str)
    kind: ClassVar[str] = "step_completed"
    label_vi: ClassVar[str] = "Hoàn thành bước"
    label_en: ClassVar[str] = "Step completed"


@attrs.frozen
class Resolved(Event):
    """The result is ready (this moment is what is classified)."""

    digitally_signed: bool | None = attrs.field(
        default=None, kw_only=True, validator=optional(instance_of(bool, "a bool or None"))
    )
    kind: ClassVar[str] = "resolved"
    final: ClassVar[bool] = True
    label_vi: ClassVar[str] = "Có kết quả"
    label_en: ClassVar[str] = "Resolved"


@attrs.frozen
class Refused(Event):
    """A reasoned refusal (Phiếu từ chối giải quyết hồ sơ): a final decision."""

    reason: str = attrs.field(default="", validator=_STR, kw_only=True)
    kind: ClassVar[str] = "refused"
    final: ClassVar[bool] = True
    label_vi: ClassVar[str] = "Từ chối giải quyết"
    label_en: ClassVar[str] = "Refused"


@attrs.frozen
class Stopped(Event):
    """Processing stopped at the applicant's request (NĐ 118/2025 Điều 21)."""

    reason: str = attrs.field(default="", validator=_STR, kw_only=True)
    kind: ClassVar[str] = "stopped"
    final: ClassVar[bool] = True
    label_vi: ClassVar[str] = "Dừng giải quyết"
    label_en: ClassVar[str] = "Stopped"


@attrs.frozen
class Withdrawn(Event):
    """The applicant withdrew the dossier."""

    kind: ClassVar[str] = "withdrawn"
    final: ClassVar[bool] = True
    label_vi: ClassVar[str] = "Rút hồ sơ"
    label_en: ClassVar[str] = "Withdrawn"


@attrs.frozen
class Closed(Event):
    """Closed: the supplement was not delivered within 15 days (NĐ 118/2025 Điều 19 k5)."""

    kind: ClassVar[str] = "closed"
    final: ClassVar[bool] = True
    label_vi: ClassVar[str] = "Đóng hồ sơ"
    label_en: ClassVar[str] = "Closed"


@attrs.frozen
class Returned(Event):
    """The result (or the refusal) was handed to the applicant (NĐ 118/2025 Điều 22 k3)."""

    kind: ClassVar[str] = "returned"
    label_vi: ClassVar[str] = "Trả kết quả"
    label_en: ClassVar[str] = "Returned"


AnyEvent: TypeAlias = Union[  # noqa: UP007 (a runtime alias, kept for Python 3.10)
    Submitted,
    CorrectionRequested,
    Received,
    SupplementRequested,
    SupplementReceived,
    ExclusionStarted,
    ExclusionEnded,
    Apologized,
    StepCompleted,
    Resolved,
    Refused,
    Stopped,
    Withdrawn,
    Closed,
    Returned,
    Appointed,
]
EVENT_TYPES: tuple[type[Event], ...] = get_args(AnyEvent)
"""Every event class, in the order of :data:`AnyEvent` (a ``Dossier`` accepts only these)."""


# -- dossiers ----------------------------------------------------------------------------------

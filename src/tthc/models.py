"""Procedures, dossiers and the events of a dossier's timeline.

Every value is an attrs frozen, slotted class validated in its constructor: an object that exists
is valid, and a bad value raises a :class:`~tthc.errors.TthcError` subclass naming the field, the
value and what was expected.

**Moments.** Every event has ``at``, a :class:`~datetime.datetime`. A naive ``at`` is Vietnamese
wall time (Asia/Ho_Chi_Minh, UTC+7, no daylight saving); an aware one is any instant and is read
in Vietnamese time. One dossier's events are all naive or all aware: mixing them raises
:class:`~tthc.errors.TimelineTimezoneError` (both an ``InvalidTimelineError`` and a
``TimezoneError``). A plain :class:`~datetime.date` is refused where a moment is meant; a source
that only has dates is read with each event's ``on(date, ...)`` constructor, which takes the
**start of that day (00:00 wall time)**. Under :attr:`~tthc.timelimits.Precision.DAY` only the date
matters, so this is exact; under ``Precision.HOUR`` 00:00 is taken literally (a result dated only
by day then counts as produced at the start of that day).

>>> from datetime import datetime
>>> Received.on(date(2026, 2, 12)).at
datetime.datetime(2026, 2, 12, 0, 0)
>>> Received(date(2026, 2, 12))
Traceback (most recent call last):
...
tthc.errors.ArgumentTypeError: Received.at: expected a datetime, got date 2026-02-12 (use Received.on(date) for a date-only source)
"""

from __future__ import annotations

import enum
import itertools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta, timezone
from typing import Any, ClassVar, TypeAlias, TypeVar, Union

import attrs

from tthc.calendar import WorkingCalendar, vietnam_calendar, wall_date
from tthc.errors import (
    ArgumentTypeError,
    InvalidTimelineError,
    InvalidValueError,
    TimelineTimezoneError,
)
from tthc.labelled import LabelledEnum
from tthc.law import (
    ND42_2022_FROM,
    ND43_2011_FROM,
    ND224_2026_FROM,
    TWO_TIER_LOCAL_GOVERNMENT_FROM,
)
from tthc.timelimits import Alternative, Precision, SupplementPolicy, TimeLimit, Unit
from tthc.validators import check_date, instance_of, nfc, non_empty_str, optional, tuple_of

__all__ = [
    "ND42_2022_FROM",
    "ND43_2011_FROM",
    "ND224_2026_FROM",
    "REFORM_DATE",
    "UNCATALOGUED",
    "Apologized",
    "Appointed",
    "Channel",
    "Closed",
    "CorrectionRequested",
    "Dossier",
    "Event",
    "ExclusionEnded",
    "ExclusionStarted",
    "GovernmentLevel",
    "ProactiveLevel",
    "Procedure",
    "ProcessStep",
    "Received",
    "Refused",
    "Resolved",
    "Returned",
    "ServiceLevel",
    "StepCompleted",
    "Stopped",
    "Submitted",
    "SupplementPolicy",
    "SupplementReceived",
    "SupplementRequested",
    "Withdrawn",
]

REFORM_DATE = TWO_TIER_LOCAL_GOVERNMENT_FROM
"""Two-tier local government and NĐ 118/2025/NĐ-CP in force (:mod:`tthc.law`)."""


# -- enums -------------------------------------------------------------------------------------


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


def _as_tuple(value: object) -> tuple[Any, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        return (value,)  # a single value; the validator then names the field and the type
    return tuple(value)


CODE_RE = re.compile(r"[0-9]\.[0-9]{6}(?:\.[0-9A-Z]+)*")
"""Procedure code: national ``d.dddddd`` plus optional provincial dotted suffixes (DOMAIN.md §1)."""


_STR = instance_of(str, "a str")


def _check_code(instance: Procedure, attribute: attrs.Attribute[Any], value: str) -> None:
    _STR(instance, attribute, value)
    if CODE_RE.fullmatch(value) is None:
        raise InvalidValueError(
            f"Procedure.code: expected a code like '1.001193' or '1.000948.H38' "
            f"(^[0-9]\\.[0-9]{{6}}(\\.[0-9A-Z]+)*$), got {value!r}"
        )


# -- procedures --------------------------------------------------------------------------------


@attrs.frozen
class ProcessStep:
    """One agency's step of an interlinked (liên thông) procedure, with its time budget.

    >>> ProcessStep("Thẩm định", "Sở Tư pháp", TimeLimit.working_days(3)).budget.amount
    3
    """

    name: str = attrs.field(converter=nfc, validator=non_empty_str)
    agency: str = attrs.field(converter=nfc, validator=non_empty_str)
    budget: TimeLimit = attrs.field(validator=instance_of(TimeLimit, "a TimeLimit"))

    def __attrs_post_init__(self) -> None:
        if not self.budget.unit.is_counted and self.budget.unit is not Unit.SAME_DAY:
            raise InvalidValueError(
                f"ProcessStep.budget: expected a limit with a due moment, got {self.budget} "
                f"(step {self.name!r})"
            )


def _channel_limits(value: object) -> tuple[tuple[Channel, TimeLimit], ...]:
    if isinstance(value, Mapping):
        items = list(value.items())
    elif isinstance(value, Iterable) and not isinstance(value, (str, bytes)):
        items = list(value)
    else:
        raise ArgumentTypeError(
            "Procedure.channel_time_limits: expected a mapping Channel -> TimeLimit, got "
            f"{type(value).__name__} {value!r}"
        )
    out: list[tuple[Channel, TimeLimit]] = []
    for item in items:
        if not (isinstance(item, tuple) and len(item) == 2):
            raise ArgumentTypeError(
                f"Procedure.channel_time_limits: expected (Channel, TimeLimit) pairs, got {item!r}"
            )
        ch, limit = item
        if not isinstance(ch, Channel) or not isinstance(limit, TimeLimit):
            raise ArgumentTypeError(
                "Procedure.channel_time_limits: expected (Channel, TimeLimit) pairs, got "
                f"({ch!r}, {limit!r})"
            )
        out.append((ch, limit))
    channels = [ch for ch, _ in out]
    if len(set(channels)) != len(channels):
        raise InvalidValueError(
            f"Procedure.channel_time_limits: expected one limit per channel, got {channels}"
        )
    return tuple(sorted(out, key=lambda pair: pair[0].value))


def _check_basis(
    instance: Procedure, attribute: attrs.Attribute[Any], value: tuple[Any, ...]
) -> None:
    tuple_of(str, "citation strings")(instance, attribute, value)
    if any(not s.strip() for s in value):
        raise InvalidValueError(f"Procedure.legal_basis: expected non-empty citations, got {value}")


def _check_steps(
    instance: Procedure, attribute: attrs.Attribute[Any], value: tuple[Any, ...]
) -> None:
    tuple_of(ProcessStep, "ProcessStep values")(instance, attribute, value)
    names = [s.name for s in value]
    if len(set(names)) != len(names):
        raise InvalidValueError(f"Procedure.steps: expected distinct step names, got {names}")


def _check_alternatives(
    instance: Procedure, attribute: attrs.Attribute[Any], value: tuple[Any, ...]
) -> None:
    tuple_of(Alternative, "Alternative values")(instance, attribute, value)
    conditions = [a.condition for a in value]
    if "" in conditions or len(set(conditions)) != len(conditions):
        raise InvalidValueError(
            f"Procedure.time_limit_alternatives: expected distinct, non-empty conditions, got "
            f"{conditions}"
        )


def _same_words(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).lower().split())


@attrs.frozen
class Procedure:
    """A thủ tục hành chính: code, name, field, level and its statutory time limit.

    ``channel_time_limits`` gives a different limit for a channel (e.g. a shorter one online);
    ``time_limit_alternatives`` the limits of named cases, as
    :func:`~tthc.timelimits.read_time_limit` reads them ("trường hợp cần xác minh …: 05 ngày
    làm việc"), which a dossier chooses with ``Dossier.time_limit_case``; ``steps`` are the
    agencies' steps of an interlinked procedure, each with its budget.

    >>> p = Procedure("1.001193", "Đăng ký khai sinh", "Hộ tịch", GovernmentLevel.COMMUNE,
    ...               TimeLimit.same_day(), channel_time_limits={Channel.ONLINE: TimeLimit.working_days(1)})
    >>> str(p.time_limit_for(Channel.ONLINE)), str(p.time_limit_for(Channel.POSTAL))
    ('01 ngày làm việc', 'Trong ngày làm việc; trường hợp nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo')
    >>> Procedure("1001193", "x", "y", GovernmentLevel.COMMUNE, TimeLimit.none())
    Traceback (most recent call last):
    ...
    tthc.errors.InvalidValueError: Procedure.code: expected a code like '1.001193' or '1.000948.H38' (^[0-9]\\.[0-9]{6}(\\.[0-9A-Z]+)*$), got '1001193'
    """

    code: str = attrs.field(validator=_check_code)
    name: str = attrs.field(converter=nfc, validator=non_empty_str)
    field: str = attrs.field(converter=nfc, validator=_STR)
    level: GovernmentLevel = attrs.field(
        validator=instance_of(GovernmentLevel, "a GovernmentLevel")
    )
    time_limit: TimeLimit = attrs.field(validator=instance_of(TimeLimit, "a TimeLimit"))
    channel_time_limits: tuple[tuple[Channel, TimeLimit], ...] = attrs.field(
        default=(), converter=_channel_limits, kw_only=True
    )
    service_level: ServiceLevel | None = attrs.field(
        default=None,
        validator=optional(instance_of(ServiceLevel, "a ServiceLevel or None")),
        kw_only=True,
    )
    supplement_policy: SupplementPolicy = attrs.field(
        default=SupplementPolicy.RESTART,
        validator=instance_of(SupplementPolicy, "a SupplementPolicy"),
        kw_only=True,
    )
    legal_basis: tuple[str, ...] = attrs.field(
        default=(), converter=_as_tuple, validator=_check_basis, kw_only=True
    )
    steps: tuple[ProcessStep, ...] = attrs.field(
        default=(), converter=_as_tuple, validator=_check_steps, kw_only=True
    )
    precision: Precision = attrs.field(
        default=Precision.DAY, validator=instance_of(Precision, "a Precision"), kw_only=True
    )
    time_limit_alternatives: tuple[Alternative, ...] = attrs.field(
        default=(), converter=_as_tuple, validator=_check_alternatives, kw_only=True
    )

    def __attrs_post_init__(self) -> None:
        if self.precision is Precision.HOUR:
            limits = [
                ("time_limit", self.time_limit),
                *(
                    (f"channel_time_limits[{ch.value}]", lim)
                    for ch, lim in self.channel_time_limits
                ),
                *(
                    (f"time_limit_alternatives[{a.condition!r}]", a.limit)
                    for a in self.time_limit_alternatives
                ),
            ]
            for name, limit in limits:
                if limit.unit in (Unit.DAY, Unit.MONTH):
                    raise InvalidValueError(
                        f"Procedure.{name}: Precision.HOUR needs a limit in working days, hours "
                        f"or the same day, got '{limit}' (calendar days and months end at 24:00 "
                        f"of a day; use Precision.DAY) (procedure {self.code})"
                    )

    def time_limit_for(self, channel: Channel, case: str | None = None) -> TimeLimit:
        """The limit for a dossier received through ``channel``, in ``case`` if one is named.

        A case is one of ``time_limit_alternatives`` (see :meth:`alternative`); its limit
        applies whatever the channel. Without a case, the channel's limit or the default.
        """
        if not isinstance(channel, Channel):
            raise ArgumentTypeError(
                f"Procedure.time_limit_for: expected a Channel, got {type(channel).__name__} "
                f"{channel!r}"
            )
        if case is not None:
            return self.alternative(case).limit
        return dict(self.channel_time_limits).get(channel, self.time_limit)

    def alternative(self, case: str) -> Alternative:
        """The alternative whose condition is ``case``, or the only one whose condition holds it.

        Case, spacing and Unicode normalisation do not matter; an unknown or ambiguous case is
        refused with the conditions there are.

        >>> from tthc.timelimits import read_time_limit
        >>> r = read_time_limit("03 ngày làm việc; trường hợp phải xác minh thì không quá 08 ngày làm việc")
        >>> p = Procedure("1.001193", "Thủ tục", "Hộ tịch", GovernmentLevel.COMMUNE, r.limit,
        ...               time_limit_alternatives=r.alternatives)
        >>> str(p.alternative("xác minh").limit)
        '08 ngày làm việc'
        """
        if not isinstance(case, str):
            raise ArgumentTypeError(
                f"Procedure.alternative: expected a str, got {type(case).__name__} {case!r}"
            )
        wanted = _same_words(case)
        exact = [a for a in self.time_limit_alternatives if _same_words(a.condition) == wanted]
        inside = [a for a in self.time_limit_alternatives if wanted in _same_words(a.condition)]
        found = exact or inside
        if wanted and len(found) == 1:
            return found[0]
        conditions = [a.condition for a in self.time_limit_alternatives]
        how = "matches several" if len(found) > 1 else "matches none"
        raise InvalidValueError(
            f"Procedure {self.code}: case {case!r} {how} of its time-limit alternatives; "
            f"expected one of {conditions}"
        )

    @property
    def national_code(self) -> str:
        """The national part ``d.dddddd`` of the code, without provincial suffixes."""
        return self.code[:8]

    @classmethod
    def uncatalogued(
        cls,
        code: str,
        name: str = "",
        field: str = "",
        level: GovernmentLevel = GovernmentLevel.COMMUNE,
    ) -> Procedure:
        """A stand-in for a procedure missing from the catalogue (its limit is unknown).

        A dossier of such a procedure is classified on the appointment date the office gave
        (:attr:`Dossier.promised_due`), never on a guessed limit; ``level`` is ``COMMUNE``
        unless the data says otherwise. The marker :data:`UNCATALOGUED` is its only legal basis.

        >>> p = Procedure.uncatalogued("1.004946", "Cấp bản sao trích lục hộ tịch")
        >>> p.catalogued, str(p.time_limit)
        (False, 'Không quy định')
        """
        return cls(
            code,
            name.strip() or f"{UNCATALOGUED} {code}",
            field,
            level,
            TimeLimit.none(),
            legal_basis=(UNCATALOGUED,),
        )

    @property
    def catalogued(self) -> bool:
        """False for a stand-in built by :meth:`uncatalogued`."""
        return UNCATALOGUED not in self.legal_basis


UNCATALOGUED = "(not in the catalogue)"
"""Legal basis of a stand-in procedure (:meth:`Procedure.uncatalogued`): its limit is unknown."""


# -- events ------------------------------------------------------------------------------------

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
        cal = vietnam_calendar() if calendar is None else calendar
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
EVENT_TYPES: tuple[type[Event], ...] = (
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
)


# -- dossiers ----------------------------------------------------------------------------------


def _events_tuple(value: object) -> tuple[Any, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise ArgumentTypeError(
            f"Dossier.events: expected an iterable of events, got {type(value).__name__} {value!r}"
        )
    return tuple(value)


def _check_events(
    instance: Dossier, attribute: attrs.Attribute[Any], value: tuple[Any, ...]
) -> None:
    for item in value:
        if type(item) not in EVENT_TYPES:
            raise ArgumentTypeError(
                f"Dossier.events: expected timeline events (Received, Resolved, ...), got "
                f"{type(item).__name__} {item!r} (dossier {instance.id!r})"
            )


@attrs.frozen
class Dossier:
    """One application (hồ sơ) for one procedure, with its timeline of events.

    The timeline is checked when the dossier is built; a broken rule raises
    :class:`~tthc.errors.InvalidTimelineError` naming the dossier, the events and the rule:

    - events are in chronological order (equal moments keep the order given);
    - all ``at`` are naive or all are aware (else :class:`~tthc.errors.TimelineTimezoneError`);
    - exactly one ``Received``; only a ``Submitted`` (at most one, for an ONLINE receipt) before it,
      then at most one ``CorrectionRequested`` (it needs the ``Submitted``);
    - at most one final event (``Resolved``, ``Refused``, ``Stopped``, ``Withdrawn``, ``Closed``),
      and after it only ``Returned``, which needs a ``Resolved`` or ``Refused`` and comes once;
    - a ``SupplementReceived`` only while a ``SupplementRequested`` is outstanding, and no new
      request while one is; ``Closed`` only while one is; no ``Resolved`` while one is;
    - ``ExclusionStarted`` / ``ExclusionEnded`` alternate;
    - an ``Apologized.new_due`` is after the apology's date; an ``Appointed.promised_due`` is
      not before the appointment's;
    - a ``StepCompleted`` names a step of the procedure, each step at most once.

    >>> from datetime import datetime
    >>> p = Procedure("2.000815", "Chứng thực bản sao", "Chứng thực", GovernmentLevel.COMMUNE,
    ...               TimeLimit.same_day())
    >>> Dossier("HS-001", p, [Received(datetime(2026, 3, 5, 9)),
    ...                       SupplementReceived(datetime(2026, 3, 6, 9))])
    Traceback (most recent call last):
    ...
    tthc.errors.InvalidTimelineError: SupplementReceived at 2026-03-06 09:00:00 without an outstanding SupplementRequested (dossier 'HS-001')
    """

    id: str = attrs.field(converter=nfc, validator=non_empty_str)
    procedure: Procedure = attrs.field(validator=instance_of(Procedure, "a Procedure"))
    events: tuple[AnyEvent, ...] = attrs.field(converter=_events_tuple, validator=_check_events)
    agency: str | None = attrs.field(
        default=None,
        kw_only=True,
        converter=nfc,
        validator=optional(instance_of(str, "a str or None")),
    )
    time_limit_case: str | None = attrs.field(
        default=None, kw_only=True, validator=optional(instance_of(str, "a str or None"))
    )
    """Which of the procedure's ``time_limit_alternatives`` applies ("xác minh"); ``None``: the
    default limit."""

    def __attrs_post_init__(self) -> None:
        _validate_timeline(self)
        if self.time_limit_case is not None:
            try:
                self.procedure.alternative(self.time_limit_case)
            except InvalidValueError as exc:
                raise InvalidValueError(f"Dossier {self.id!r}: time_limit_case: {exc}") from None

    def _fail(self, message: str) -> InvalidTimelineError:
        return InvalidTimelineError(f"{message} (dossier {self.id!r})")

    @property
    def received(self) -> Received:
        """The ``Received`` event: the clock starts here."""
        return next(e for e in self.events if isinstance(e, Received))

    @property
    def submitted(self) -> Submitted | None:
        """The online ``Submitted`` event, if any."""
        return next((e for e in self.events if isinstance(e, Submitted)), None)

    @property
    def channel(self) -> Channel:
        """The channel of the ``Received`` event."""
        return self.received.channel

    @property
    def final_event(self) -> Resolved | Refused | Stopped | Withdrawn | Closed | None:
        """The final event, if the dossier is finished."""
        for e in self.events:
            if isinstance(e, (Resolved, Refused, Stopped, Withdrawn, Closed)):
                return e
        return None

    @property
    def promised_due(self) -> date | None:
        """The appointment date (ngày hẹn trả) last given (:class:`Appointed`), if any."""
        promised = None
        for e in self.events:
            if isinstance(e, Appointed):
                promised = e.promised_due
        return promised

    @property
    def is_aware(self) -> bool:
        """Whether the timeline's datetimes are aware (else naive wall time)."""
        return self.events[0].at.tzinfo is not None

    def until(self, moment: datetime) -> Dossier:
        """The same dossier with only the events at or before ``moment`` (what was known then).

        ``moment`` must be naive or aware as the timeline is. When no event is after ``moment``,
        the dossier itself (it is immutable).
        """
        if not isinstance(moment, datetime):
            raise ArgumentTypeError(
                f"Dossier.until: expected a datetime, got {type(moment).__name__} {moment!r}"
            )
        if moment != moment:
            raise InvalidValueError(f"Dossier.until: expected a datetime, got {moment!r}")
        _check_representable(moment, "Dossier.until")
        if (moment.tzinfo is not None) != self.is_aware:
            raise TimelineTimezoneError(
                f"Dossier.until: the timeline is {'aware' if self.is_aware else 'naive'} but "
                f"the moment {moment.isoformat()} is not (dossier {self.id!r})"
            )
        if _instant(moment) < _instant(self.received.at):
            raise InvalidValueError(
                f"Dossier.until: the dossier was received at {self.received.at.isoformat(sep=' ')}"
                f", after {moment.isoformat(sep=' ')} (dossier {self.id!r})"
            )
        if moment.tzinfo is None:  # naive wall time: compared as it is (the hot path)
            kept = tuple(e for e in self.events if e.at <= moment)
        else:
            limit = _instant(moment)
            kept = tuple(e for e in self.events if _instant(e.at) <= limit)
        if len(kept) == len(self.events):  # nothing after ``moment``: this very (frozen) dossier
            return self
        return attrs.evolve(self, events=kept)


def _instant(at: datetime) -> datetime:
    """``at`` comparable as an instant: aware values in UTC, naive ones as they are.

    Python compares two aware datetimes of the same ``tzinfo`` by wall time, ignoring ``fold``:
    in a zone with daylight saving, 02:30 (second pass, fold=1) would sort before 02:40 (first
    pass). In UTC every instant has one wall time.
    """
    return at if at.tzinfo is None else at.astimezone(timezone.utc)


def _validate_timeline(d: Dossier) -> None:
    events = d.events
    if not events:
        raise d._fail("a timeline needs at least a Received event, got no events")
    aware = [e.at.tzinfo is not None for e in events]
    if any(aware) and not all(aware):
        naive_e = next(e for e, a in zip(events, aware, strict=True) if not a)
        aware_e = next(e for e, a in zip(events, aware, strict=True) if a)
        raise TimelineTimezoneError(
            f"naive and aware datetimes mixed: {naive_e.describe()} is naive, "
            f"{aware_e.describe()} is aware (dossier {d.id!r})"
        )
    # naive wall times compare as they are; aware ones as instants (once per event)
    moments = [_instant(e.at) for e in events] if aware[0] else [e.at for e in events]
    for i, (a, b) in enumerate(itertools.pairwise(moments)):
        if b < a:
            prev, cur = events[i], events[i + 1]
            raise d._fail(f"{cur.describe()} precedes {prev.describe()}: events must be in order")
    received = [e for e in events if isinstance(e, Received)]
    if len(received) != 1:
        listed = ", ".join(e.describe() for e in received) or "none"
        raise d._fail(f"expected exactly one Received event, got {len(received)}: {listed}")
    seen_received = False
    final: Event | None = None
    returned: Event | None = None
    pending_request: Event | None = None
    open_exclusion: Event | None = None
    steps_done: set[str] = set()
    step_names = {s.name for s in d.procedure.steps}
    submitted: Event | None = None
    correction: Event | None = None
    for e in events:
        if returned is not None:
            raise d._fail(f"{e.describe()} after {returned.describe()}: Returned is the last event")
        if final is not None and not isinstance(e, Returned):
            raise d._fail(
                f"{e.describe()} after the final {final.describe()}: only Returned may follow"
            )
        if not seen_received and not isinstance(e, (Submitted, CorrectionRequested, Received)):
            raise d._fail(f"{e.describe()} before the dossier was Received")
        if isinstance(e, Submitted):
            if submitted is not None:
                raise d._fail(f"{e.describe()} after {submitted.describe()}: one Submitted only")
            if seen_received:
                raise d._fail(f"{e.describe()} after Received: Submitted comes first")
            submitted = e
        elif isinstance(e, CorrectionRequested):
            if submitted is None or seen_received:
                raise d._fail(
                    f"{e.describe()}: a correction is requested between an online Submitted "
                    "and Received"
                )
            if correction is not None:
                raise d._fail(
                    f"{e.describe()} after {correction.describe()}: corrections are requested "
                    "once, in full"
                )
            correction = e
        elif isinstance(e, Received):
            seen_received = True
            if submitted is not None and e.channel is not Channel.ONLINE:
                raise d._fail(
                    f"{submitted.describe()} is an online submission but {e.describe()} has "
                    f"channel {e.channel.name}"
                )
        elif isinstance(e, SupplementRequested):
            if pending_request is not None:
                raise d._fail(
                    f"{e.describe()} while {pending_request.describe()} is still outstanding"
                )
            pending_request = e
        elif isinstance(e, SupplementReceived):
            if pending_request is None:
                raise d._fail(f"{e.describe()} without an outstanding SupplementRequested")
            pending_request = None
        elif isinstance(e, ExclusionStarted):
            if open_exclusion is not None:
                raise d._fail(f"{e.describe()} while {open_exclusion.describe()} is still open")
            open_exclusion = e
        elif isinstance(e, ExclusionEnded):
            if open_exclusion is None:
                raise d._fail(f"{e.describe()} without an open ExclusionStarted")
            open_exclusion = None
        elif isinstance(e, Apologized):
            if e.new_due <= wall_date(e.at):
                raise d._fail(
                    f"{e.describe()} sets new_due {e.new_due}, which is not after the apology"
                )
        elif isinstance(e, Appointed):
            if e.promised_due < wall_date(e.at):
                raise d._fail(
                    f"{e.describe()} sets promised_due {e.promised_due}, before the appointment"
                )
        elif isinstance(e, StepCompleted):
            if e.step not in step_names:
                raise d._fail(
                    f"{e.describe()} names step {e.step!r}, not a step of procedure "
                    f"{d.procedure.code} (steps: {sorted(step_names)})"
                )
            if e.step in steps_done:
                raise d._fail(f"{e.describe()}: step {e.step!r} completed twice")
            steps_done.add(e.step)
        elif isinstance(e, Returned):
            if not isinstance(final, (Resolved, Refused)):
                raise d._fail(f"{e.describe()} without a Resolved or Refused before it")
            returned = e
        else:  # final events
            if isinstance(e, Closed) and pending_request is None:
                raise d._fail(f"{e.describe()} without an outstanding SupplementRequested")
            if isinstance(e, Resolved) and pending_request is not None:
                raise d._fail(
                    f"{e.describe()} while {pending_request.describe()} is still outstanding"
                )
            final = e

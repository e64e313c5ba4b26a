"""Procedures (thủ tục hành chính): code, name, level, time limits, cases and interlinked steps.

A :class:`Procedure` is validated in its constructor (an object that exists is valid; a bad value
raises a :class:`~tthc.errors.TthcError` subclass naming the field, the value and what was
expected); a :class:`ProcessStep` is one agency's step of an interlinked (liên thông) procedure.
Both are re-exported by :mod:`tthc.models` and :mod:`tthc`.

>>> from tthc.timelimits import TimeLimit
>>> Procedure("1.001193", "Đăng ký khai sinh", "Hộ tịch", GovernmentLevel.COMMUNE,
...           TimeLimit.same_day()).national_code
'1.001193'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from tthc.errors import ArgumentTypeError, InvalidValueError
from tthc.services import Channel, GovernmentLevel, ServiceLevel
from tthc.timelimits import Alternative, Precision, SupplementPolicy, TimeLimit, Unit
from tthc.validators import instance_of, nfc, non_empty_str, optional, tuple_of

__all__ = [
    "CODE_RE",
    "UNCATALOGUED",
    "Procedure",
    "ProcessStep",
]


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

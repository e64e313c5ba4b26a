"""The one cattrs converter of tthc and its hooks: builtins ↔ tthc values.

:data:`converter` is configured once for tthc's types (:func:`make_converter` builds another);
:func:`structure` and :func:`unstructure` go through it, and every failure on the way in becomes
a :class:`~tthc.errors.DataRowError` naming the JSON path of the bad value. It may import the
models layer (:mod:`tthc.models`, :mod:`tthc.timelimits`, :mod:`tthc.errors`), never another
format module.

No class has a hand-written ``to_dict``. The JSON forms (see ``docs/data-formats.md``):

* ``date`` → ``"2026-02-12"``; ``datetime`` → ISO 8601, naive stays naive
  (``"2026-02-12T09:30:00"``), aware keeps its UTC offset (``"2026-02-12T09:30:00+07:00"``; the
  zone's *name* is not kept, the instant is); ``time`` → ``"15:00:00"``; ``timedelta`` → an ISO 8601
  duration (``"PT1H30M"``, ``"-P1DT0.5S"``).
* enums by value (``"working_day"``, ``"commune"``, ``"online"``).
* :class:`~tthc.timelimits.TimeLimit` as its canonical Vietnamese text, ``"05 ngày làm việc"``
  (read back with :meth:`~tthc.timelimits.TimeLimit.parse`; ``parse(str(x)) == x`` for every
  limit). On input the structured form ``{"amount": 5, "unit": "working_day"}`` is accepted too.
* ``Procedure.channel_time_limits`` as an object ``{"online": "01 ngày làm việc"}``.
* timeline events as objects tagged by ``kind`` (the event class's ``kind``):
  ``{"kind": "received", "at": "2026-02-12T09:30:00", "channel": "in_person"}``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from datetime import date, datetime, time, timedelta
from typing import Any, TypeVar, cast, get_args, get_origin

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory, list_structure_factory
from cattrs.errors import (
    AttributeValidationNote,
    BaseValidationError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.strategies import configure_tagged_union

from tthc.catalogue import CatalogueEntry
from tthc.errors import DataRowError
from tthc.models import AnyEvent, Channel, Dossier, Event, Procedure, Received
from tthc.timelimits import TimeLimit

__all__ = ["converter", "make_converter", "structure", "unstructure"]

T = TypeVar("T")
_Hook = Callable[[object, type], T]


# -- scalar forms ------------------------------------------------------------------------------

_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIME = r"[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?"
_DATETIME_RE = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ]" + _TIME + r"(?:Z|[+-][0-9]{2}:[0-9]{2})?"
)
_TIME_RE = re.compile(_TIME)
_DURATION_RE = re.compile(
    r"(?P<sign>-)?P(?:(?P<d>[0-9]+)D)?"
    r"(?:T(?:(?P<h>[0-9]+)H)?(?:(?P<m>[0-9]+)M)?(?:(?P<s>[0-9]+)(?:\.(?P<f>[0-9]{1,6}))?S)?)?"
)


class _FormatError(ValueError):
    """A scalar in the wrong format (turned into a DataRowError naming the field)."""


def _got(value: object) -> str:
    """``value`` as an error message names it: its JSON kind's Python name and its repr."""
    return "null" if value is None else f"{type(value).__name__} {value!r}"


def _want_str(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise _FormatError(f"expected {what}, got {_got(value)}")
    return value


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _structure_str(value: object, _: type) -> str:
    text = _want_str(value, "a JSON string")
    if _SURROGATE_RE.search(text) is not None:
        raise _FormatError(f"expected text that UTF-8 can hold, got {text!r} (a lone surrogate)")
    return text


def _structure_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise _FormatError(f"expected a JSON boolean (true or false), got {_got(value)}")
    return value


def _structure_int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _FormatError(f"expected a JSON integer, got {_got(value)}")
    return value


def _structure_float(value: object, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        raise _FormatError(f"expected a JSON number, got {_got(value)}")
    if value in (float("inf"), float("-inf")):
        raise _FormatError(f"expected a finite JSON number, got {value!r}")
    return float(value)


def _is_array(t: Any) -> bool:
    """Whether ``t`` is read from a JSON array: ``list[X]``, ``tuple[X, ...]``, sets."""
    origin = get_origin(t)
    return origin in (list, tuple, set, frozenset, Sequence, AbstractSet)


def _strict_array_factory(t: Any, conv: cattrs.BaseConverter) -> _Hook[Any]:
    """A hook that accepts only a JSON array (a Python list), then reads it as cattrs would."""
    origin, args = get_origin(t), get_args(t)
    inner: _Hook[Any]
    if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
        inner = _fixed_tuple_hook(args, conv)
    elif origin is tuple:
        inner = homogenous_tuple_structure_factory(t, conv)
    else:  # list, Sequence, set, frozenset: read as a list, then made the wanted collection
        as_list = list_structure_factory(list[args[0]] if args else list, conv)  # type: ignore[valid-type]
        make = list if origin in (list, Sequence) else frozenset if origin is frozenset else set
        inner = lambda value, _: make(as_list(value, t))  # noqa: E731

    def structure_array(value: object, _: type) -> Any:
        if not isinstance(value, list):
            raise _FormatError(f"expected a JSON array, got {_got(value)}")
        return inner(value, t)

    return structure_array


def _strict_object_factory(t: Any, conv: cattrs.BaseConverter) -> _Hook[Any]:
    """A hook for an attrs class that accepts only a JSON object (unknown keys refused)."""
    inner = make_dict_structure_fn(t, conv, _cattrs_forbid_extra_keys=True)

    def structure_object(value: object, _: type) -> Any:
        if not isinstance(value, Mapping):
            raise _FormatError(f"expected a JSON object, got {_got(value)}")
        return inner(value, t)

    return structure_object


def _fixed_tuple_hook(args: tuple[Any, ...], conv: cattrs.BaseConverter) -> _Hook[Any]:
    def structure_fixed(value: Any, t: type) -> tuple[Any, ...]:
        if len(value) != len(args):
            raise _FormatError(f"expected a JSON array of {len(args)} values, got {value!r}")
        out = []
        for i, (item, arg) in enumerate(zip(value, args, strict=True)):
            try:
                out.append(conv.structure(item, arg))
            except Exception as exc:
                notes = [*getattr(exc, "__notes__", []), IterableValidationNote("", i, arg)]
                exc.__notes__ = notes  # type: ignore[attr-defined]
                raise IterableValidationError(f"While structuring {t!r}", [exc], t) from None
        return tuple(out)

    return structure_fixed


def _iso_hook(what: str, pattern: re.Pattern[str], parse: Callable[[str], T]) -> _Hook[T]:
    """A structure hook for an ISO 8601 text matching ``pattern``, read with ``parse``."""

    def structure_iso(value: object, _: type) -> T:
        text = _want_str(value, what)
        if pattern.fullmatch(text) is None:
            raise _FormatError(f"expected {what}, got {text!r}")
        try:
            return parse(text)
        except ValueError as exc:
            raise _FormatError(f"expected {what}, got {text!r}: {exc}") from None

    return structure_iso


_structure_date = _iso_hook("an ISO 8601 date 'YYYY-MM-DD'", _DATE_RE, date.fromisoformat)
_structure_datetime = _iso_hook(
    "an ISO 8601 datetime 'YYYY-MM-DDTHH:MM[:SS[.ffffff]][±HH:MM]' (or a space for T)",
    _DATETIME_RE,
    datetime.fromisoformat,
)
_structure_time = _iso_hook("an ISO 8601 time 'HH:MM[:SS]'", _TIME_RE, time.fromisoformat)


def _unstructure_timedelta(value: timedelta) -> str:
    """ISO 8601 duration of ``value``, e.g. ``PT1H30M``; negative values get a leading ``-``.

    >>> _unstructure_timedelta(timedelta(days=1, hours=2, microseconds=5))
    'P1DT2H0.000005S'
    >>> _unstructure_timedelta(-timedelta(minutes=90))
    '-PT1H30M'
    >>> _unstructure_timedelta(timedelta(0))
    'PT0S'
    """
    sign = "-" if value < timedelta(0) else ""
    value = abs(value)
    hours, rest = divmod(value.seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    out = f"{sign}P" + (f"{value.days}D" if value.days else "")
    clock = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    if value.microseconds:
        clock += f"{seconds}.{value.microseconds:06d}".rstrip("0") + "S"
    elif seconds:
        clock += f"{seconds}S"
    if clock or not value.days:
        out += "T" + (clock or "0S")
    return out


def _structure_timedelta(value: object, _: type) -> timedelta:
    text = _want_str(value, "an ISO 8601 duration like 'P1DT2H30M'")
    m = _DURATION_RE.fullmatch(text)
    if m is None or text.lstrip("-") in ("P", "PT") or text.endswith("T"):
        raise _FormatError(f"expected an ISO 8601 duration like 'P1DT2H30M', got {text!r}")
    try:
        delta = timedelta(
            days=int(m.group("d") or 0),
            hours=int(m.group("h") or 0),
            minutes=int(m.group("m") or 0),
            seconds=int(m.group("s") or 0),
            microseconds=int((m.group("f") or "0").ljust(6, "0")),
        )
    except OverflowError as exc:
        raise _FormatError(f"duration {text!r} out of range: {exc}") from None
    return -delta if m.group("sign") else delta


_ChannelLimits = tuple[tuple[Channel, TimeLimit], ...]


def _unstructure_channel_limits(value: _ChannelLimits) -> dict[str, str]:
    return {channel.value: str(limit) for channel, limit in value}


# -- the converter -----------------------------------------------------------------------------


def make_converter() -> cattrs.Converter:
    """A new converter with tthc's hooks (the module-level :data:`converter` is one of these).

    Build your own to add hooks for your types without touching tthc's.
    """
    conv = cattrs.Converter(
        forbid_extra_keys=True, unstruct_collection_overrides={frozenset: sorted}
    )
    # JSON types are checked, never coerced: no "false" for false, 5.9 for 5, "abc" for ["abc"].
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(float, _structure_float)
    conv.register_structure_hook_factory(_is_array, _strict_array_factory)
    conv.register_structure_hook_factory(attrs.has, _strict_object_factory)
    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_structure_hook(date, _structure_date)
    conv.register_unstructure_hook(datetime, datetime.isoformat)
    conv.register_structure_hook(datetime, _structure_datetime)
    conv.register_unstructure_hook(time, time.isoformat)
    conv.register_structure_hook(time, _structure_time)
    conv.register_unstructure_hook(timedelta, _unstructure_timedelta)
    conv.register_structure_hook(timedelta, _structure_timedelta)

    structured_limit = make_dict_structure_fn(TimeLimit, conv, _cattrs_forbid_extra_keys=True)

    def structure_limit(value: object, _: type) -> TimeLimit:
        if isinstance(value, Mapping):
            return structured_limit(value, TimeLimit)
        return TimeLimit.parse(_want_str(value, "a time-limit text such as '05 ngày làm việc'"))

    conv.register_unstructure_hook(TimeLimit, str)
    conv.register_structure_hook(TimeLimit, structure_limit)

    def is_channel_limits(t: Any) -> bool:
        return bool(t == _ChannelLimits)

    def structure_channel_limits(value: object, _: type) -> _ChannelLimits:
        if not isinstance(value, Mapping):
            raise _FormatError(
                "expected an object {channel: time limit}, e.g. {'online': '01 ngày làm việc'}, "
                f"got {type(value).__name__} {value!r}"
            )
        limits = conv.structure(dict(value), dict[Channel, TimeLimit])
        return tuple(limits.items())

    # Received.inferred is written only when true, so files without it stay as they were.
    conv.register_unstructure_hook(
        Received,
        make_dict_unstructure_fn(Received, conv, inferred=override(omit_if_default=True)),
    )
    conv.register_unstructure_hook_func(is_channel_limits, _unstructure_channel_limits)
    conv.register_structure_hook_func(is_channel_limits, structure_channel_limits)
    configure_tagged_union(AnyEvent, conv, tag_generator=_kind_of, tag_name="kind")

    def unstructure_event(value: Event) -> dict[str, Any]:
        # ``kind`` first, then the fields: the order a reader expects.
        return {"kind": type(value).kind, **conv.unstructure(value, type(value))}

    conv.register_unstructure_hook_func(lambda t: bool(t == AnyEvent), unstructure_event)
    # New optional fields are written only when set, so files without them stay as they were
    # (registered last: the generated functions use the hooks above).
    conv.register_unstructure_hook(
        Procedure,
        make_dict_unstructure_fn(
            Procedure, conv, time_limit_alternatives=override(omit_if_default=True)
        ),
    )
    conv.register_unstructure_hook(
        CatalogueEntry,
        make_dict_unstructure_fn(
            CatalogueEntry, conv, time_limit_alternatives=override(omit_if_default=True)
        ),
    )
    conv.register_unstructure_hook(
        Dossier,
        make_dict_unstructure_fn(Dossier, conv, time_limit_case=override(omit_if_default=True)),
    )

    return conv


def _kind_of(cls: type) -> str:
    return cast(str, cls.kind)  # type: ignore[attr-defined]


converter: cattrs.Converter = make_converter()
"""The converter for every public tthc type (a :class:`cattrs.Converter`; do not register hooks
on it, build your own with :func:`make_converter`)."""


def unstructure(value: object) -> Any:
    """``value`` as JSON-ready builtins (events carry their ``kind``).

    >>> unstructure(TimeLimit.same_day(cutoff=None))
    'Trong ngày'
    """
    if isinstance(value, Event):
        return converter.unstructure(value, unstructure_as=AnyEvent)
    return converter.unstructure(value)


def structure(data: Any, cls: type[T], *, source: str = "<data>") -> T:
    """Build a ``cls`` from builtins; any problem raises :class:`~tthc.errors.DataRowError`.

    An event class (or :data:`~tthc.models.AnyEvent`) reads the ``kind`` tag and checks it.
    """
    try:
        if isinstance(cls, type) and issubclass(cls, Event):
            event: Event = converter.structure(data, AnyEvent)  # type: ignore[arg-type]
            if not isinstance(event, cls):
                raise _FormatError(f"expected a {cls.kind!r} event, got kind {data.get('kind')!r}")
            return cast(T, event)
        return converter.structure(data, cls)
    except Exception as exc:  # the boundary with untrusted data: every failure becomes DataError
        raise _data_error(exc, source) from exc


def _data_error(exc: BaseException, source: str, line: int | None = None) -> DataRowError:
    path, message = describe(exc)
    where = f"{source}: " + (f"line {line}: " if line is not None else "")
    return DataRowError(
        f"{where}{path + ': ' if path else ''}{message}", file=source, line=line, field=path or None
    )


def describe(exc: BaseException, path: str = "$") -> tuple[str, str]:
    """The JSON path and message of the first leaf error of a cattrs error tree."""
    if isinstance(exc, BaseValidationError):
        for sub in exc.exceptions:
            note = _note_of(sub)
            if note is not None:
                return describe(sub, path + note)
        return describe(exc.exceptions[0], path)
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return path, f"unknown key(s) {sorted(exc.extra_fields)}"
    if isinstance(exc, KeyError):
        return path, "required but missing"
    if isinstance(exc, ValueError):  # tthc's errors, bad enum values, impossible dates
        return path if path != "$" else "", str(exc)
    return path if path != "$" else "", f"{type(exc).__name__}: {exc}"


def _note_of(exc: BaseException) -> str | None:
    """The path step a cattrs note gives: ``.name`` of an attribute, ``[i]`` of an item."""
    for note in getattr(exc, "__notes__", ()):
        if isinstance(note, AttributeValidationNote):
            return f".{note.name}"
        if isinstance(note, IterableValidationNote) and note.index is not None:
            index = note.index
            return f"[{index!r}]" if isinstance(index, str) else f"[{index}]"
    return None

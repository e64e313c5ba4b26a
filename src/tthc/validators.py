"""The argument and field checks every tthc module shares, with tthc's messages.

Functions ``check_*`` check an argument and return it; the others are attrs validators (called as
``validator(instance, attribute, value)``) that name the field as ``Class.attribute``. Every
message names the field, the value and what was expected, and every wrong type raises
:class:`~tthc.errors.ArgumentTypeError`.

**Dates.** A date argument is an instance of :class:`datetime.date` that is not a
:class:`~datetime.datetime` (``datetime`` is a subclass of ``date``: accepting it would silently
drop the time of day); subclasses of ``date`` are accepted.

>>> from datetime import date, datetime
>>> check_date(date(2026, 3, 6), "d")
datetime.date(2026, 3, 6)
>>> check_date(datetime(2026, 3, 6, 9), "d")
Traceback (most recent call last):
...
tthc.errors.ArgumentTypeError: d: expected a datetime.date, got the datetime datetime.datetime(2026, 3, 6, 9, 0); pass value.date() if the time of day does not matter
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import Any

import attrs

from tthc.errors import ArgumentTypeError, InvalidValueError

__all__ = [
    "all_nfc",
    "check_date",
    "check_int",
    "date_field",
    "instance_of",
    "nfc",
    "nfc_distinct",
    "non_empty_str",
    "optional",
    "tuple_of",
]

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def _name(instance: object, attribute: attrs.Attribute[Any]) -> str:
    return f"{type(instance).__name__}.{attribute.name}"


def check_date(value: object, field: str) -> date:
    """``value`` if it is a date (not a datetime), else :class:`ArgumentTypeError` naming ``field``
    (``pandas.NaT``, a datetime equal to nothing, is :class:`InvalidValueError`: a missing value)."""
    if isinstance(value, datetime) and value != value:
        raise InvalidValueError(f"{field}: expected a datetime.date, got a missing value {value!r}")
    if isinstance(value, datetime):
        raise ArgumentTypeError(
            f"{field}: expected a datetime.date, got the datetime {value!r}; "
            "pass value.date() if the time of day does not matter"
        )
    if not isinstance(value, date):
        raise ArgumentTypeError(
            f"{field}: expected a datetime.date, got {type(value).__name__} {value!r}"
        )
    return value


def check_int(value: object, field: str) -> int:
    """``value`` as a plain int; a bool (an int subclass) is refused.

    >>> check_int(True, "n")
    Traceback (most recent call last):
    ...
    tthc.errors.ArgumentTypeError: n: expected an int, got bool True
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise ArgumentTypeError(f"{field}: expected an int, got {type(value).__name__} {value!r}")
    return int(value)  # an int subclass (e.g. IntEnum) as a plain int


def date_field(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: a date, not a datetime (see :func:`check_date`)."""
    check_date(value, _name(instance, attribute))


def instance_of(kind: type | tuple[type, ...], label: str) -> Validator:
    """attrs validator: an instance of ``kind``; ``label`` says what is expected ("a str").

    >>> @attrs.frozen
    ... class P:
    ...     name: str = attrs.field(validator=instance_of(str, "a str"))
    >>> P(3)
    Traceback (most recent call last):
    ...
    tthc.errors.ArgumentTypeError: P.name: expected a str, got int 3
    """

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind):
            raise ArgumentTypeError(
                f"{_name(instance, attribute)}: expected {label}, got {type(value).__name__} "
                f"{value!r}"
            )

    return check


def optional(validator: Validator) -> Validator:
    """attrs validator: ``None``, or what ``validator`` accepts."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            validator(instance, attribute, value)

    return check


_STR = instance_of(str, "a str")


def non_empty_str(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: a str with some non-blank text."""
    _STR(instance, attribute, value)
    if not value.strip():  # type: ignore[attr-defined]
        raise InvalidValueError(
            f"{_name(instance, attribute)}: expected non-empty text, got {value!r}"
        )


def tuple_of(kind: type, label: str) -> Validator:
    """attrs validator: every item of a tuple is a ``kind`` (``label``: "ProcessStep values")."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
        for item in value:
            if not isinstance(item, kind):
                raise ArgumentTypeError(
                    f"{_name(instance, attribute)}: expected {label}, got {type(item).__name__} "
                    f"{item!r}"
                )

    return check


def nfc(value: Any) -> Any:
    """Converter: text in Unicode NFC (the same name typed in NFC and NFD is one key); any other
    value as it is (the field's validator then names it).

    >>> nfc("Hoa\u0300") == "Hoà", nfc(5)
    (True, 5)
    """
    if isinstance(value, str) and not unicodedata.is_normalized("NFC", value):
        return unicodedata.normalize("NFC", value)
    return value


def nfc_distinct(values: Sequence[Any]) -> tuple[list[Any], list[int] | None]:
    """The distinct values of a column (a categorical's categories, a factorisation's uniques) in
    NFC, and where each went: ``(new, moved)`` with ``new[moved[i]] == nfc(values[i])``; values
    equal after normalisation become one. ``moved`` is None when every value was NFC already
    (``new`` is then ``values``). Vectorised callers normalise a column this way, once per
    distinct value, never per row.

    >>> nfc_distinct(["Hoa\u0300", "Hoà", "X"])
    (['Hoà', 'X'], [0, 0, 1])
    >>> nfc_distinct(["A", None])
    (['A', None], None)
    """
    fixed = [nfc(v) for v in values]
    if all(a is b for a, b in zip(fixed, values, strict=True)):
        return list(values), None
    index: dict[Any, int] = {}
    moved = [index.setdefault(v, len(index)) for v in fixed]
    return list(index), moved


def all_nfc(texts: Iterable[Any]) -> bool:
    """Whether every item is text in NFC, by one scan of their concatenation (a NUL between
    items: it composes with nothing, so the whole is NFC exactly when every item is). False for
    an item that is not text.

    >>> all_nfc(["Hoà", "HS-1"]), all_nfc(["Hoa\u0300"]), all_nfc(["A", None])
    (True, False, False)
    """
    try:
        joined = "\x00".join(texts)
    except TypeError:
        return False
    return unicodedata.is_normalized("NFC", joined)

"""Strict JSON decoding shared by every reader of JSON files (dossiers, catalogues, announcements).

Valid JSON that tthc refuses rather than guessing: a key twice in one object (the standard
library keeps the last), ``NaN`` / ``Infinity`` (not JSON at all), an integer of more than 100
digits (``int()`` refuses 4,300 with a bare ``ValueError``) and a float out of range (``inf``).
Each raises :class:`JsonValueError` from :data:`STRICT_DECODER`.

>>> STRICT_DECODER.decode('{"a": 1, "a": 2}')
Traceback (most recent call last):
...
tthc._strict_json.JsonValueError: key 'a' appears twice in one object
"""

from __future__ import annotations

import json
import math
from typing import Any

__all__ = ["STRICT_DECODER", "JsonValueError"]


class JsonValueError(ValueError):
    """Valid JSON syntax that tthc refuses (a repeated key, a non-finite or huge number)."""


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise JsonValueError(f"key {key!r} appears twice in one object")
        out[key] = value
    return out


def _constant(name: str) -> Any:
    raise JsonValueError(f"{name} is not a JSON number")


def _integer(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > 100:
        raise JsonValueError(f"an integer of {digits} digits is out of any range tthc reads")
    return int(text)


def _number(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise JsonValueError(f"{text} is out of the range of a float")
    return value


STRICT_DECODER = json.JSONDecoder(
    object_pairs_hook=_object, parse_constant=_constant, parse_int=_integer, parse_float=_number
)

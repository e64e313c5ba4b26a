"""The base of tthc's enums: every member carries a Vietnamese and an English label.

A member is written ``NAME = value, label_vi, label_en``; its ``.value`` is ``value`` alone, so
``Outcome("late")`` and serialised values are unchanged.

>>> class Colour(LabelledEnum):
...     RED = "red", "Đỏ", "Red"
>>> Colour.RED.value, Colour.RED.label_vi, Colour.RED.label_en, Colour("red") is Colour.RED
('red', 'Đỏ', 'Red', True)
"""

from __future__ import annotations

import enum
from typing import Any

__all__ = ["LabelledEnum"]


class LabelledEnum(enum.Enum):
    """An enum whose members have a ``str`` value, a Vietnamese and an English label."""

    _value_: str
    label_vi: str
    """Vietnamese name."""
    label_en: str
    """English name."""

    # The defaults only let type checkers accept the value look-up ``Outcome("late")`` (which
    # enum's metaclass answers without calling __new__); every member gives both labels.
    def __new__(cls, value: str, label_vi: str = "", label_en: str = "") -> Any:
        member = object.__new__(cls)
        member._value_ = value
        member.label_vi = label_vi
        member.label_en = label_en
        return member

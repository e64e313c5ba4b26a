"""Enums whose members carry a Vietnamese and an English label.

Private: the base of the labelled enums of :mod:`tthc.calendar` and :mod:`tthc.timelimits`.
Each module that defines such enums holds their labels in a module-level mapping ``_LABELS``
(member → (Vietnamese, English)); it imports nothing of tthc.
"""

from __future__ import annotations

import enum
import sys
from collections.abc import Mapping
from typing import cast


class LabelledEnum(enum.Enum):
    """An enum whose labels are in ``_LABELS`` of the module that defines it."""

    def _labels(self) -> tuple[str, str]:
        module = sys.modules[type(self).__module__]
        table = cast(Mapping[enum.Enum, tuple[str, str]], module._LABELS)
        return table[self]

    @property
    def label_vi(self) -> str:
        """Vietnamese label."""
        return self._labels()[0]

    @property
    def label_en(self) -> str:
        """English label."""
        return self._labels()[1]

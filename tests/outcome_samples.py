"""The procedure and dossiers the tests of classification, findings and process control share.

A helper module (no tests): ``test_classification.py``, ``test_breaches.py`` and
``test_step_control.py`` import it, as the rule tests import ``engines``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tthc.events import Received
from tthc.models import Dossier
from tthc.procedures import Procedure
from tthc.services import GovernmentLevel
from tthc.timelimits import TimeLimit

RECEIVED = datetime(2026, 2, 12, 9, 30)  # 5 working days -> due Thu 2026-02-26 (§7.1)


def proc(limit: TimeLimit | None = None, **kwargs: Any) -> Procedure:
    return Procedure(
        "1.001193", "Thủ tục", "Hộ tịch", kwargs.pop("level", GovernmentLevel.COMMUNE),
        limit or TimeLimit.working_days(5), **kwargs,
    )  # fmt: skip


def dossier(*events: Any, procedure: Procedure | None = None) -> Dossier:
    return Dossier("HS-8", procedure or proc(), [Received(RECEIVED), *events])


MON = datetime(2026, 3, 2, 9)  # March 2026 has no holiday

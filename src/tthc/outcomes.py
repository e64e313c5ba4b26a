"""Outcomes of dossiers, the breaches inspections look for, and per-step process control.

The documented import path of the scalar rules after the due dates; each concept has its own
module and is re-exported here (``from tthc.outcomes import X`` and the former path
``tthc.classify`` keep working):

- :mod:`tthc.classification`: :func:`classify` says whether a dossier was early, on time or late
  (finished) or within time or overdue (open) **as of** a moment the caller gives;
- :mod:`tthc.breaches`: :func:`findings` lists the breaches of the one-stop rules a dossier's
  timeline shows, each with its citation;
- :mod:`tthc.step_control`: :func:`process_control` reports each step of an interlinked
  procedure against its budget.

>>> from tthc.outcomes import Outcome, classify
>>> classify.__module__
'tthc.classification'
"""

from __future__ import annotations

from tthc.breaches import (
    ONLINE_RECEPTION_BASIS,
    ONLINE_RECEPTION_LIMIT,
    Finding,
    FindingKind,
    findings,
)
from tthc.classification import Basis, Classification, Outcome, classify
from tthc.step_control import StepReport, process_control

__all__ = [
    "ONLINE_RECEPTION_BASIS",
    "ONLINE_RECEPTION_LIMIT",
    "Basis",
    "Classification",
    "Finding",
    "FindingKind",
    "Outcome",
    "StepReport",
    "classify",
    "findings",
    "process_control",
]

"""Hypothesis' entry point for tthc: registers the strategies of :mod:`tthc.strategies`.

Hypothesis calls :func:`_hypothesis_setup_hook` while it is itself being imported. The hook must
therefore not import :mod:`tthc.strategies` (which imports hypothesis): when a user's first import
is ``import tthc.strategies``, that module is only half-built at this point. Each registration is a
``st.deferred`` strategy that looks the real one up when it is first drawn.
"""

from __future__ import annotations

import importlib
from typing import Any


def _strategy(name: str, *args: Any) -> Any:
    from hypothesis import strategies as st

    def build() -> Any:
        return getattr(importlib.import_module("tthc.strategies"), name)(*args)

    return st.deferred(build)


def _hypothesis_setup_hook() -> None:
    """Register tthc's strategies for ``st.from_type``.

    >>> from hypothesis import strategies as st
    >>> import tthc
    >>> _hypothesis_setup_hook()
    >>> isinstance(st.from_type(tthc.Dossier).example(), tthc.Dossier)  # doctest: +SKIP
    True
    """
    from hypothesis import strategies as st

    from tthc.calendar import Session, WorkingCalendar
    from tthc.events import EVENT_TYPES
    from tthc.models import Dossier
    from tthc.procedures import Procedure, ProcessStep
    from tthc.timelimits import TimeLimit

    registered: list[tuple[type[Any], Any]] = [
        (TimeLimit, _strategy("time_limits")),
        (ProcessStep, _strategy("process_steps")),
        (Procedure, _strategy("procedures")),
        (Dossier, _strategy("dossiers")),
        (WorkingCalendar, _strategy("calendars")),
        (Session, _strategy("one_session")),
    ]
    registered += [(cls, _strategy("events", [cls])) for cls in EVENT_TYPES]
    for cls, strategy in registered:
        st.register_type_strategy(cls, strategy)

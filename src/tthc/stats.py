"""Reports: the former name of :mod:`tthc.reports`, kept working.

Every public name of :mod:`tthc.reports` is re-exported here unchanged; new code imports from
:mod:`tthc.reports`. It imports :mod:`tthc.reports` only.

>>> from tthc.stats import ReportingPeriod
>>> ReportingPeriod.quarter(2026, 1).label_en
'Q1 2026'
"""

from __future__ import annotations

from tthc import reports as _reports
from tthc.reports import *  # noqa: F403 - the shim re-exports the package's public names

__all__ = list(_reports.__all__)

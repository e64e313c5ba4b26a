"""Reading and writing tthc values: the former name of :mod:`tthc.formats`, kept working.

Every public name of :mod:`tthc.formats` is re-exported here unchanged; new code imports from
:mod:`tthc.formats`. It imports :mod:`tthc.formats` only.

>>> from tthc.serialization import dumps
>>> from tthc.timelimits import TimeLimit
>>> dumps(TimeLimit.working_days(5))
'"05 ngày làm việc"'
"""

from __future__ import annotations

from tthc import formats as _formats
from tthc.formats import *  # noqa: F403 - the shim re-exports the package's public names

__all__ = list(_formats.__all__)

"""Official days off and working days of Vietnamese state agencies, with their source documents.

Kept apart from the logic in :mod:`tthc.calendar` (which imports this module, never the reverse):
plain tuples, no imports, so a correction is a one-line data change.

For every year in ``OFFICIAL_YEARS`` this table is *complete*: it lists every weekday that state
agencies do not work and every weekend day they do work, and it replaces what the ``holidays``
package computes for that year. Days the package has that the table does not (and the reverse)
are recorded in ``KNOWN_DIFFERENCES_FROM_HOLIDAYS`` and checked by the test suite, so a new
``holidays`` release that moves a date we rely on fails loudly.

Entry: ``(ISO date, kind, name_vi, name_en, source)`` where ``kind`` is a ``DayKind`` member name.
Holidays that fall on a weekend are listed too (kind ``HOLIDAY``) so ``day_info`` can name them.
"""

from __future__ import annotations

OFFICIAL_YEARS = range(2020, 2027)
"""Years whose official announcements the table holds; later dates are provisional."""

# TODO(research helper): every source below is to be checked against the official announcement.
OFFICIAL_DAYS: tuple[tuple[str, str, str, str, str], ...] = ()

KNOWN_DIFFERENCES_FROM_HOLIDAYS: tuple[tuple[str, str], ...] = ()
"""``(ISO date, why)`` for each day where tthc's table and ``holidays`` disagree."""

"""``tthc calendar YEAR``: the year's non-working weekdays and working weekend days.

Each day with its kind, name, source document and provisional flag. It may import the library
and :mod:`tthc.cli._common`, never another subcommand.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import date
from typing import Any, TextIO

from tthc.calendar import DayInfo, vietnam_calendar
from tthc.cli._common import LANGUAGES, WEEKDAYS_EN, WEEKDAYS_VI, write_rows
from tthc.errors import CalendarRangeError

HEADERS = ("date", "weekday", "kind", "name", "source", "provisional")


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register ``tthc calendar`` on the subcommands ``sub``."""
    p = sub.add_parser("calendar", help="non-working weekdays and working weekend days of a year")
    p.add_argument("year", type=int)
    p.add_argument("--lang", choices=LANGUAGES, default="vi")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.set_defaults(handler=run)


def rows(year: int, lang: str) -> list[dict[str, str]]:
    """The special days of ``year`` as rows of :data:`HEADERS` (names in ``lang``)."""
    cal = vietnam_calendar()
    if not cal.first.year <= year <= cal.last.year:
        raise CalendarRangeError(
            f"year {year} is outside the calendar's range "
            f"{cal.first.isoformat()}..{cal.last.isoformat()}"
        )
    infos: Sequence[DayInfo] = cal.special_days_between(date(year, 1, 1), date(year, 12, 31))
    weekdays = WEEKDAYS_VI if lang == "vi" else WEEKDAYS_EN
    return [
        {
            "date": i.date.isoformat(),
            "weekday": weekdays[i.date.weekday()],
            "kind": i.kind.name,
            "name": i.name_vi if lang == "vi" else i.name_en,
            "source": i.source,
            "provisional": "true" if i.provisional else "false",
        }
        for i in infos
    ]


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Print the year's special days; returns the exit status."""
    write_rows(rows(args.year, args.lang), args.format, out, HEADERS)
    return 0

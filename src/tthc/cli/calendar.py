"""``tthc calendar YEAR``: the year's non-working weekdays and working weekend days.

Each day with its kind, name, source document and provisional flag. ``tthc calendar --status``
says how current the calendar's data is: the most recent announcement it holds, the occasions of
the current and next year still provisional, and how to add an announcement. It may import the
library and :mod:`tthc.cli._common`, never another subcommand.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from datetime import date
from typing import Any, TextIO

from tthc.calendar import DayInfo, Occasion, WorkingCalendar
from tthc.cli._common import (
    LANGUAGES,
    WEEKDAYS_EN,
    WEEKDAYS_VI,
    add_announcements_option,
    calendar_from,
    day_table,
    parse_moment,
    write_rows,
)
from tthc.errors import InvalidValueError

HEADERS = ("date", "weekday", "kind", "name", "source", "provisional")

HOW_TO_ADD = {
    "vi": (
        "Thêm thông báo mới (tệp JSON hoặc TOML, xem docs/calendar.md): "
        "tthc calendar 2027 --announcements thong-bao.toml; trong Python: "
        "vietnam_calendar(announcements=load_announcements('thong-bao.toml'))"
    ),
    "en": (
        "To add an announcement (a JSON or TOML file, see docs/calendar.md): "
        "tthc calendar 2027 --announcements notice.toml; in Python: "
        "vietnam_calendar(announcements=load_announcements('notice.toml'))"
    ),
}


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register ``tthc calendar`` on the subcommands ``sub``."""
    p = sub.add_parser("calendar", help="non-working weekdays and working weekend days of a year")
    p.add_argument("year", type=int, nargs="?", help="the year to list (not with --status)")
    p.add_argument(
        "--status",
        action="store_true",
        help="how current the data is: latest announcement, occasions still provisional",
    )
    p.add_argument(
        "--today", help="with --status: the current date (ISO; default: the system date)"
    )
    p.add_argument("--lang", choices=LANGUAGES, default="vi")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    add_announcements_option(p)
    p.set_defaults(handler=run)


def rows(year: int, lang: str, cal: WorkingCalendar) -> list[dict[str, str]]:
    """The special days of ``year`` as rows of :data:`HEADERS` (names in ``lang``)."""
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


def _occasion(o: Occasion, lang: str) -> dict[str, str]:
    return {
        "occasion": o.kind.name,
        "name": o.kind.label_vi if lang == "vi" else o.kind.label_en,
        "first": o.first.isoformat(),
        "last": o.last.isoformat(),
    }


def status(cal: WorkingCalendar, today: date, lang: str) -> dict[str, Any]:
    """What :func:`run` prints for ``--status``, as data (``today`` gives the current year)."""
    latest = cal.latest_announcement()
    years = (today.year, today.year + 1)
    return {
        "today": today.isoformat(),
        "latest_announcement": (
            None if latest is None else {"source": latest[0], "announced": latest[1].isoformat()}
        ),
        "official_through": cal.official_through.isoformat(),
        "provisional_occasions": {
            str(y): [_occasion(o, lang) for o in cal.provisional_occasions(y)] for y in years
        },
        "how_to_add": HOW_TO_ADD[lang],
    }


def _write_status(data: dict[str, Any], lang: str, out: TextIO) -> None:
    vi = lang == "vi"
    latest = data["latest_announcement"]
    none = "không có" if vi else "none"
    out.write("Thông báo mới nhất: " if vi else "Latest announcement: ")
    out.write(f"{latest['source']} ({latest['announced']})\n" if latest else f"{none}\n")
    out.write("Chính thức đến hết ngày: " if vi else "Official through: ")
    out.write(f"{data['official_through']}\n")
    for year, occasions in data["provisional_occasions"].items():
        title = (
            f"Các dịp năm {year} còn tạm tính" if vi else f"Occasions of {year} still provisional"
        )
        out.write(f"{title}: {'' if occasions else none}\n")
        for o in occasions:
            out.write(f"  {o['name']} ({o['first']} – {o['last']})\n")
    out.write(f"{data['how_to_add']}\n")


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Print the year's special days, or the data's status; returns the exit status."""
    cal = calendar_from(args)
    if args.status:
        # The system date is read here, at the command line's edge, and nowhere in the library.
        today = parse_moment(args.today, "--today").date() if args.today else date.today()
        data = status(cal, today, args.lang)
        if args.format == "json":
            json.dump(data, out, ensure_ascii=False, indent=2)
            out.write("\n")
        else:
            _write_status(data, args.lang, out)
        return 0
    if args.year is None:
        raise InvalidValueError("calendar: expected a YEAR (e.g. tthc calendar 2027) or --status")
    found = rows(args.year, args.lang, cal)
    if args.format == "table":
        day_table(found, out, HEADERS, args.lang == "vi")
    else:
        write_rows(found, args.format, out, HEADERS)
    return 0

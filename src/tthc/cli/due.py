"""``tthc due LIMIT --received WHEN``: the due date of a time limit and the days it skipped.

It may import the library (lazily: only this subcommand needs the deadline rules) and
:mod:`tthc.cli._common`, never another subcommand.
"""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime, timedelta
from typing import Any, TextIO

from tthc.cli._common import (
    LANGUAGES,
    WEEKDAYS_EN,
    WEEKDAYS_VI,
    add_announcements_option,
    calendar_from,
    day_table,
    parse_moment,
)


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register ``tthc due`` on the subcommands ``sub``."""
    p = sub.add_parser("due", help="due date of a time limit and the days it skipped")
    p.add_argument("limit", help='time limit text, e.g. "05 ngày làm việc"')
    p.add_argument("--received", required=True, help='e.g. "2026-02-12 09:30"')
    p.add_argument(
        "--precision",
        choices=("day", "hour"),
        default=None,
        help="day (default for day and month limits) or hour (default for hour limits)",
    )
    p.add_argument("--lang", choices=LANGUAGES, default="vi")
    p.add_argument("--format", choices=("table", "json"), default="table")
    add_announcements_option(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Print the due date and the non-working days skipped; returns the exit status."""
    # lazy: ``tthc calendar`` and ``tthc --help`` need no deadline rules
    from tthc.deadlines import due_date
    from tthc.law import months_later
    from tthc.timelimits import Precision, TimeLimit, Unit

    limit = TimeLimit.parse(args.limit)
    received = parse_moment(args.received)
    received_text = (
        received.isoformat(sep=" ", timespec="minutes")
        if len(args.received.strip()) > 10
        else received.date().isoformat()
    )
    hourly = limit.unit in (Unit.WORKING_HOUR, Unit.HOUR)
    wanted = args.precision or ("hour" if hourly else "day")
    cal = calendar_from(args)
    due: date | datetime = (
        due_date(received, limit, calendar=cal, precision=Precision.HOUR)
        if wanted == "hour"
        else due_date(received, limit, calendar=cal)
    )
    due_day = due.date() if isinstance(due, datetime) else due
    vi = args.lang == "vi"
    weekdays = WEEKDAYS_VI if vi else WEEKDAYS_EN
    skipped = []
    # only the days that moved the due date: every day off counted over for working days and
    # hours; for calendar days and months, the days the last day rolled forward over
    # (BLDS 2015 Điều 148 k5); none for plain hours
    day = received.date() + timedelta(days=1)
    if limit.unit is Unit.DAY:
        day = received.date() + timedelta(days=limit.amount)
    elif limit.unit is Unit.MONTH:
        day = months_later(received.date(), limit.amount)
    elif limit.unit is Unit.HOUR:
        day = due_day + timedelta(days=1)
    while day <= due_day:  # bounded by the limit itself: a listing, not arithmetic
        info = cal.day_info(day)
        if not info.is_working:
            skipped.append(
                {
                    "date": day.isoformat(),
                    "weekday": weekdays[day.weekday()],
                    "kind": info.kind.name,
                    "name": info.name_vi if vi else info.name_en,
                    "source": info.source,
                }
            )
        day += timedelta(days=1)
    provisional = cal.is_provisional_between(received.date(), due_day)
    due_text = (
        due.isoformat(sep=" ", timespec="minutes") if isinstance(due, datetime) else due.isoformat()
    )
    if args.format == "json":
        payload = {
            "time_limit": str(limit),
            "received": received_text,
            "due": due_text,
            "provisional": provisional,
            "skipped": skipped,
        }
        json.dump(payload, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    labels = (
        ("Thời hạn", "Tiếp nhận", "Hạn trả kết quả", "Ngày nghỉ làm lùi hạn trả", "tạm tính")
        if vi
        else ("Time limit", "Received", "Due", "Days off that moved the due date", "provisional")
    )
    out.write(f"{labels[0]}: {limit}\n")
    out.write(f"{labels[1]}: {received_text} ")
    out.write(f"({weekdays[received.weekday()]})\n")
    flag = f" [{labels[4]}]" if provisional else ""
    out.write(f"{labels[2]}: {due_text} ({weekdays[due_day.weekday()]}){flag}\n")
    if skipped:
        out.write(f"{labels[3]}:\n")
        day_table(skipped, out, ("date", "weekday", "kind", "name", "source"), vi)
    return 0

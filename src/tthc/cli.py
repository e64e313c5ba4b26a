"""The ``tthc`` command (also ``python -m tthc``).

``tthc calendar 2026`` lists the year's non-working weekdays and working weekend days of state
agencies, each with its kind, name, source document and provisional flag.

``tthc due "05 ngày làm việc" --received "2026-02-12 09:30"`` prints the due date of a time limit
and the non-working days it skipped, with why.

>>> main(["calendar", "2026", "--format", "csv"])  # doctest: +ELLIPSIS
date,weekday,kind,name,source,provisional
2026-01-01,Thứ Năm,HOLIDAY,Tết Dương lịch,...
0
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from typing import TextIO

from tthc.calendar import DayInfo, vietnam_calendar
from tthc.errors import DateTypeError, TthcError

__all__ = ["main"]

_WEEKDAYS_VI = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _calendar_rows(year: int, lang: str) -> list[dict[str, str]]:
    cal = vietnam_calendar()
    infos: Sequence[DayInfo] = cal.special_days_between(date(year, 1, 1), date(year, 12, 31))
    weekdays = _WEEKDAYS_VI if lang == "vi" else _WEEKDAYS_EN
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


def _write(rows: list[dict[str, str]], fmt: str, out: TextIO, headers: Sequence[str]) -> None:
    if fmt == "json":
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=list(headers), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        widths = {h: max([len(h)] + [len(r[h]) for r in rows]) for h in headers}
        out.write("  ".join(h.ljust(widths[h]) for h in headers).rstrip() + "\n")
        out.write("  ".join("-" * widths[h] for h in headers) + "\n")
        for r in rows:
            out.write("  ".join(r[h].ljust(widths[h]) for h in headers).rstrip() + "\n")


def _cmd_calendar(args: argparse.Namespace, out: TextIO) -> int:
    rows = _calendar_rows(args.year, args.lang)
    headers = ("date", "weekday", "kind", "name", "source", "provisional")
    _write(rows, args.format, out, headers)
    return 0


def _parse_moment(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        raise DateTypeError(
            f"--received: expected an ISO date or date-time such as '2026-02-12 09:30', got {text!r}"
        ) from None


def _cmd_due(args: argparse.Namespace, out: TextIO) -> int:
    from tthc.deadlines import due_date
    from tthc.timelimits import Precision, TimeLimit, Unit

    limit = TimeLimit.parse(args.limit)
    received = _parse_moment(args.received)
    received_text = (
        received.isoformat(sep=" ", timespec="minutes")
        if len(args.received.strip()) > 10
        else received.date().isoformat()
    )
    hourly = limit.unit in (Unit.WORKING_HOUR, Unit.HOUR)
    wanted = args.precision or ("hour" if hourly else "day")
    cal = vietnam_calendar()
    due: date | datetime = (
        due_date(received, limit, calendar=cal, precision=Precision.HOUR)
        if wanted == "hour"
        else due_date(received, limit, calendar=cal)
    )
    due_day = due.date() if isinstance(due, datetime) else due
    vi = args.lang == "vi"
    weekdays = _WEEKDAYS_VI if vi else _WEEKDAYS_EN
    skipped = []
    day = received.date() + timedelta(days=1)
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
    provisional = cal.is_provisional(due_day)
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
        ("Thời hạn", "Tiếp nhận", "Hạn trả kết quả", "Ngày không làm việc đã bỏ qua", "tạm tính")
        if vi
        else ("Time limit", "Received", "Due", "Non-working days skipped", "provisional")
    )
    out.write(f"{labels[0]}: {limit}\n")
    out.write(f"{labels[1]}: {received_text} ")
    out.write(f"({weekdays[received.weekday()]})\n")
    flag = f" [{labels[4]}]" if provisional else ""
    out.write(f"{labels[2]}: {due_text} ({weekdays[due_day.weekday()]}){flag}\n")
    if skipped:
        out.write(f"{labels[3]}:\n")
        _write(skipped, "table", out, ("date", "weekday", "kind", "name", "source"))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``tthc`` command (subcommands register themselves here)."""
    parser = argparse.ArgumentParser(
        prog="tthc", description="Vietnamese administrative-procedure deadlines and reports."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("calendar", help="non-working weekdays and working weekend days of a year")
    p.add_argument("year", type=int)
    p.add_argument("--lang", choices=("vi", "en"), default="vi")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.set_defaults(handler=_cmd_calendar)
    p = sub.add_parser("due", help="due date of a time limit and the days it skipped")
    p.add_argument("limit", help='time limit text, e.g. "05 ngày làm việc"')
    p.add_argument("--received", required=True, help='e.g. "2026-02-12 09:30"')
    p.add_argument(
        "--precision",
        choices=("day", "hour"),
        default=None,
        help="day (default for day and month limits) or hour (default for hour limits)",
    )
    p.add_argument("--lang", choices=("vi", "en"), default="vi")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(handler=_cmd_due)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit status (errors go to stderr with status 2)."""
    args = build_parser().parse_args(argv)
    handler: Callable[[argparse.Namespace, TextIO], int] = args.handler
    try:
        return handler(args, out if out is not None else sys.stdout)
    except TthcError as exc:
        print(f"tthc: error: {exc}", file=sys.stderr)
        return 2

"""The ``tthc`` command (also ``python -m tthc``).

``tthc calendar 2026`` lists the year's non-working weekdays and working weekend days of state
agencies, each with its kind, name, source document and provisional flag.

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
from datetime import date
from typing import TextIO

from tthc.calendar import DayInfo, vietnam_calendar
from tthc.errors import TthcError

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

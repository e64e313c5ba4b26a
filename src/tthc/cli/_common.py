"""Helpers shared by the subcommands of the ``tthc`` command: output, progress and parsing.

It holds the weekday names, the table / CSV / JSON writer, the progress bar, the parsers of
the ``--received`` / ``--as-of`` moments and the ``--period`` text, and the ``--announcements``
option with the calendar it gives. It may import the library
(lazily where a subcommand does not always need it), never a subcommand module.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, TextIO

from tthc.errors import ArgumentTypeError, InvalidValueError

if TYPE_CHECKING:
    import argparse

    from tthc.calendar import WorkingCalendar
    from tthc.reports.periods import ReportingPeriod

WEEKDAYS_VI = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

LANGUAGES = ("vi", "en")


def write_rows(rows: list[dict[str, str]], fmt: str, out: TextIO, headers: Sequence[str]) -> None:
    """Write ``rows`` to ``out`` as ``fmt``: ``"json"``, ``"csv"`` or an aligned ``"table"``."""
    if fmt == "json":
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "csv":  # cells escaped against formula injection, line breaks quoted
        from tthc.formats.csv_cells import csv_text

        out.write(csv_text(list(headers), ([r[h] for h in headers] for r in rows)))
    else:
        widths = {h: max([len(h)] + [len(r[h]) for r in rows]) for h in headers}
        out.write("  ".join(h.ljust(widths[h]) for h in headers).rstrip() + "\n")
        out.write("  ".join("-" * widths[h] for h in headers) + "\n")
        for r in rows:
            out.write("  ".join(r[h].ljust(widths[h]) for h in headers).rstrip() + "\n")


def parse_moment(text: str, option: str = "--received") -> datetime:
    """The ISO date or date-time ``text`` of ``option``; refused by name when it is not one."""
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        raise ArgumentTypeError(
            f"{option}: expected an ISO date or date-time such as '2026-02-12 09:30', got {text!r}"
        ) from None


PERIOD_FORMS = (
    "YYYY-MM (month), YYYY-Qn (quarter), YYYY-Hn (half), YYYY-9M (nine months), YYYY (year)"
)


def parse_period(text: str, convention: str) -> ReportingPeriod:
    """The reporting period of a ``--period`` text (:data:`PERIOD_FORMS`) under ``convention``."""
    # lazy: the reports take ~0.2 s to import and only ``tthc report`` reads a period
    from tthc.reports.periods import PeriodConvention, ReportingPeriod

    conv = PeriodConvention.CALENDAR if convention == "calendar" else PeriodConvention.CUTOFF_14
    t = text.strip().upper()
    m = re.fullmatch(r"([0-9]{4})(?:-(?:([0-9]{1,2})|Q([1-4])|H([12])|(9M)))?", t)
    if m is None:
        raise InvalidValueError(f"--period: expected {PERIOD_FORMS}, got {text!r}")
    year = int(m.group(1))
    if m.group(2):
        return ReportingPeriod.month(year, int(m.group(2)), convention=conv)
    if m.group(3):
        return ReportingPeriod.quarter(year, int(m.group(3)), convention=conv)
    if m.group(4):
        return ReportingPeriod.half(year, int(m.group(4)), convention=conv)
    if m.group(5):
        return ReportingPeriod.nine_months(year, convention=conv)
    return ReportingPeriod.year(year, convention=conv)


class Progress:
    """A plain progress bar on stderr for long inputs (silent for short ones or when not a tty)."""

    def __init__(self, total: int, label: str, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.total, self.label = total, label
        self.enabled = total >= 2000 and self.stream.isatty()
        self.shown = -1

    def update(self, done: int) -> None:
        if not self.enabled:
            return
        pct = done * 100 // self.total
        if pct != self.shown:
            self.shown = pct
            bar = "#" * (pct // 4)
            self.stream.write(f"\r{self.label} [{bar:<25}] {pct:3d}%")
            if done >= self.total:
                self.stream.write("\n")
            self.stream.flush()


ANNOUNCEMENTS_HELP = (
    "a JSON or TOML file of announcements of days off newer than tthc's data (repeatable); "
    "they win over tthc's table (format: docs/calendar.md)"
)


def add_announcements_option(p: argparse.ArgumentParser) -> None:
    """Register ``--announcements FILE`` (repeatable) on a subcommand that computes dates."""
    p.add_argument(
        "--announcements", action="append", default=[], metavar="FILE", help=ANNOUNCEMENTS_HELP
    )


def calendar_from(args: argparse.Namespace) -> WorkingCalendar:
    """The default calendar with the announcements of every ``--announcements`` file."""
    from tthc.announcements import load_announcements
    from tthc.calendar import vietnam_calendar

    files: list[Any] = args.announcements
    return vietnam_calendar(announcements=[a for f in files for a in load_announcements(f)])

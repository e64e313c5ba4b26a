"""The ``tthc`` command (also ``python -m tthc``).

``tthc calendar 2026`` lists the year's non-working weekdays and working weekend days of state
agencies, each with its kind, name, source document and provisional flag.

``tthc due "05 ngày làm việc" --received "2026-02-12 09:30"`` prints the due date of a time limit
and the non-working days it skipped, with why.

``tthc report FILE --period 2026-10`` reads dossiers (CSV one row per event, JSON, or the
one-row-per-dossier layout of :mod:`tthc.batch`) and prints Biểu số 06, the QĐ 766 progress score
and the inspection summary; bad rows are listed with their line numbers and the exit status is 1.

``tthc catalogue check FILE`` counts the procedures of a catalogue (the national database's
columns in CSV or XLSX, or a tthc catalogue) whose time limit reads as one limit, with
alternatives, not stated or needing review, and lists those needing review.

Each subcommand is a module of this package with ``add_parser(sub)`` (registers its options and
sets ``handler``) and ``run(args, out) -> int``; helpers they share are in
:mod:`tthc.cli._common`. To add a subcommand, add its module and list it in ``SUBCOMMANDS``.
The CLI is the top layer: it may import any of the library (lazily where only one subcommand
needs a module, to keep ``tthc --help`` quick); nothing in the library imports it.

>>> main(["calendar", "2026", "--format", "csv"])  # doctest: +ELLIPSIS
date,weekday,kind,name,source,provisional
2026-01-01,Thứ Năm,HOLIDAY,Tết Dương lịch,...
0
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import TextIO

from tthc.cli import audit, calendar, catalogue, due, report
from tthc.errors import TthcError

__all__ = ["SUBCOMMANDS", "build_parser", "main"]

SUBCOMMANDS: tuple[ModuleType, ...] = (calendar, due, report, audit, catalogue)
"""The subcommand modules, in the order ``tthc --help`` lists them."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``tthc`` command (each subcommand module registers itself)."""
    parser = argparse.ArgumentParser(
        prog="tthc", description="Vietnamese administrative-procedure deadlines and reports."
    )
    from tthc import __version__

    parser.add_argument("--version", action="version", version=f"tthc {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    for module in SUBCOMMANDS:
        module.add_parser(sub)
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
    except BrokenPipeError:  # the reader went away (``tthc … | head``): end quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0

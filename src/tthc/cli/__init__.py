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
from tthc.errors import DataError, DataFileError, TthcError

__all__ = [
    "EXIT_BAD_DATA",
    "EXIT_FILE",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_USAGE",
    "SUBCOMMANDS",
    "build_parser",
    "main",
]

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


EXIT_OK = 0
EXIT_BAD_DATA = 1
EXIT_USAGE = 2
EXIT_FILE = 3
EXIT_INTERNAL = 4
EXIT_INTERRUPTED = 130


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit status. Never prints a traceback.

    Exit status: 0 done; 1 bad data (a data file has bad records and ``--keep-going`` was not
    given, or a data file cannot be read as its format); 2 usage (an argument or option value is
    wrong or out of range: argparse's own errors exit 2 too); 3 a file cannot be read or written
    (missing, a folder, no permission, a closed output); 4 an internal error of tthc (a bug: please
    report it with the command line); 130 interrupted (Ctrl-C). Errors go to stderr, one line
    each, starting with ``tthc:``.
    """
    args = build_parser().parse_args(argv)
    handler: Callable[[argparse.Namespace, TextIO], int] = args.handler
    try:
        return handler(args, out if out is not None else sys.stdout)
    except DataFileError as exc:
        return _fail(f"tthc: error: {exc}", EXIT_FILE)
    except DataError as exc:
        return _fail(f"tthc: error: {exc}", EXIT_BAD_DATA)
    except TthcError as exc:
        return _fail(f"tthc: error: {exc}", EXIT_USAGE)
    except BrokenPipeError:  # the reader went away (``tthc … | head``): end quietly
        # point stdout at /dev/null so Python's own flush at exit does not fail again
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):  # stdout has no file descriptor (an embedding app)
            pass
        finally:
            os.close(devnull)
        return EXIT_OK
    except (OSError, UnicodeEncodeError) as exc:  # writing the output failed
        return _fail(f"tthc: error: cannot write the output: {exc}", EXIT_FILE)
    except KeyboardInterrupt:
        return _fail("tthc: interrupted", EXIT_INTERRUPTED)
    except Exception as exc:  # a bug: one line, no traceback (the command must not crash)
        return _fail(
            f"tthc: internal error: {type(exc).__name__}: {exc} (please report this with the "
            "command line that caused it)",
            EXIT_INTERNAL,
        )


def _fail(message: str, code: int) -> int:
    print(message, file=sys.stderr)
    return code

"""``tthc catalogue check FILE``: how much of a catalogue's time limits tthc reads.

FILE is the national database's published columns (CSV or XLSX, Vietnamese headers: see
:mod:`tthc.formats.national`) or a tthc catalogue (CSV or JSON). The command counts the
procedures whose "Thời hạn giải quyết" reads as one limit, with alternatives, not stated, or
needing review, and lists those needing review with the reason; as a table, CSV or JSON. The
exit status is 1 when some procedure needs review, 0 otherwise. It may import the library and
:mod:`tthc.cli._common`, never another subcommand.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, TextIO

from tthc.cli._common import write_rows

COUNT_HEADERS = ("kind", "label", "procedures", "share")
REVIEW_HEADERS = ("line", "code", "name", "time_limit_text", "reason")


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register ``tthc catalogue`` on the subcommands ``sub``."""
    p = sub.add_parser("catalogue", help="check the time limits of a procedure catalogue")
    actions = p.add_subparsers(dest="action", required=True)
    check = actions.add_parser(
        "check", help="count the time limits read, with alternatives, not stated, needing review"
    )
    check.add_argument("file", type=Path)
    check.add_argument("--format", choices=("table", "csv", "json"), default="table")
    check.add_argument("--lang", choices=("vi", "en"), default="vi")
    check.set_defaults(handler=run)


def check(path: Path) -> tuple[dict[str, int], list[dict[str, str]]]:
    """The counts by reading kind and the procedures needing review (rows of REVIEW_HEADERS)."""
    from tthc.catalogue import PublishedProcedure
    from tthc.formats import read_catalogue
    from tthc.formats.national import is_national_header, is_xlsx, read_published_procedures
    from tthc.timelimits import ReadingKind

    published: list[PublishedProcedure]
    suffix = path.suffix.lower()
    header = ""
    if suffix == ".csv":
        with open(path, encoding="utf-8-sig", newline="") as fh:
            header = fh.readline()
    if is_xlsx(path, None) or (suffix == ".csv" and is_national_header(header.split(","))):
        published = read_published_procedures(path)
    else:  # a tthc catalogue: the official wording of each entry, else its limit
        published = [
            PublishedProcedure(
                e.code,
                e.name,
                e.field,
                e.level.label_vi,
                time_limit_text=e.time_limit_text or str(e.time_limit),
            )
            for e in read_catalogue(path)
        ]
    counts = {kind.value: 0 for kind in ReadingKind}
    review: list[dict[str, str]] = []
    for p in published:
        kind = p.kind
        counts[kind.value] += 1
        if kind is ReadingKind.NEEDS_REVIEW:
            review.append(
                {
                    "line": "" if p.line is None else str(p.line),
                    "code": p.code,
                    "name": p.name,
                    "time_limit_text": p.time_limit_text,
                    "reason": p.review_reason,
                }
            )
    return counts, review


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Print the counts and the list needing review; returns 1 when some procedure needs review."""
    from tthc.timelimits import ReadingKind

    counts, review = check(args.file)
    total = sum(counts.values())
    rows = [
        {
            "kind": kind.value,
            "label": kind.label_vi if args.lang == "vi" else kind.label_en,
            "procedures": str(counts[kind.value]),
            "share": f"{100 * counts[kind.value] / total:.1f} %" if total else "",
        }
        for kind in ReadingKind
    ]
    if args.format == "json":
        json.dump(
            {"file": str(args.file), "procedures": total, "counts": counts, "needs_review": review},
            out,
            ensure_ascii=False,
            indent=2,
        )
        out.write("\n")
    else:
        write_rows(rows, args.format, out, COUNT_HEADERS)
        out.write("\n")
        if args.format == "table":
            out.write(f"{len(review)} of {total} procedures need review:\n")
            review = [
                {
                    **r,
                    "name": _short(r["name"], 40),
                    "time_limit_text": _short(r["time_limit_text"]),
                }
                for r in review
            ]
        write_rows(review, args.format, out, REVIEW_HEADERS)
    return 1 if review else 0


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"

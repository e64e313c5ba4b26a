"""``tthc report FILE --period P``: Biểu số 06, the QĐ 766 progress score and the inspection summary.

It reads dossiers (CSV one row per event, JSON, or the one-row-per-dossier layout of
:mod:`tthc.batch`); bad rows are listed with their line numbers and the exit status is 1. It may
import the library (lazily: reading files needs cattrs) and :mod:`tthc.cli._common`, never another
subcommand.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, TextIO

from tthc.calendar import VIETNAM_TZ
from tthc.cli._common import (
    LANGUAGES,
    PERIOD_FORMS,
    Progress,
    add_announcements_option,
    calendar_from,
    parse_moment,
    parse_period,
    write_rows,
)
from tthc.errors import InvalidValueError

if TYPE_CHECKING:
    from tthc.formats import ReadResult
    from tthc.models import Dossier


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register ``tthc report`` on the subcommands ``sub``."""
    p = sub.add_parser("report", help="Biểu 06, QĐ 766 progress score and inspection summary")
    p.add_argument("file", help="dossiers: CSV (one row per event or per dossier) or JSON")
    p.add_argument("--period", required=True, help=PERIOD_FORMS)
    p.add_argument("--convention", choices=("cutoff", "calendar"), default="cutoff",
                   help="cutoff: 15th to 14th (NĐ 09/2019/NĐ-CP Điều 12, default); calendar")  # fmt: skip
    p.add_argument("--as-of", help="only what was known then (ISO date or date-time)")
    p.add_argument("--catalogue", help="procedure catalogue (CSV or JSON); default: bundled")
    p.add_argument("--group-by", default="agency,field", help="e.g. agency,field (default)")
    p.add_argument("--keep-going", action="store_true", help="report the good dossiers anyway")
    p.add_argument("--lang", choices=LANGUAGES, default="vi")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    add_announcements_option(p)
    p.set_defaults(handler=run)


def _print_problems(result: ReadResult, file: str, keep_going: bool) -> None:
    """The bad records, the rejected dossiers and the reconciliation, on stderr (50 of each)."""
    for err in result.errors[:50]:
        print(
            f"tthc: {err.file}: line {err.line}: {err.field or '-'}: {err.message}", file=sys.stderr
        )
    if len(result.errors) > 50:
        print(f"tthc: ... and {len(result.errors) - 50} more errors", file=sys.stderr)
    for rejected in result.rejected[:50]:
        print(f"tthc: {rejected}", file=sys.stderr)
    if len(result.rejected) > 50:
        print(f"tthc: ... and {len(result.rejected) - 50} more rejected dossiers", file=sys.stderr)
    print(f"tthc: {file}: {result.summary()}", file=sys.stderr)
    if not keep_going:
        print(
            f"tthc: error: {len(result.errors)} bad record(s) in {file}; nothing reported "
            "(fix them, or pass --keep-going to report the good dossiers)",
            file=sys.stderr,
        )


def _as_of(dossiers: list[Dossier], text: str) -> list[Dossier]:
    """What was known at ``--as-of``: a date means its end; an aware moment is an instant,
    compared with naive (Vietnamese wall time) timelines in Vietnamese time."""
    as_of = parse_moment(text, "--as-of")
    if len(text.strip()) <= 10:
        as_of = datetime.combine(as_of.date(), datetime.max.time())
    try:
        wall = as_of.astimezone(VIETNAM_TZ).replace(tzinfo=None) if as_of.tzinfo else as_of
        aware = as_of if as_of.tzinfo else as_of.replace(tzinfo=VIETNAM_TZ)
        aware.astimezone(timezone.utc)
    except OverflowError:
        raise InvalidValueError(
            f"--as-of: {text!r} is outside the range of Vietnamese wall time"
        ) from None
    progress = Progress(len(dossiers), "as-of")
    known = []
    for i, d in enumerate(dossiers, 1):
        moment = aware if d.is_aware else wall
        if d.received.at <= moment:  # aware: compared as instants; naive: wall times
            known.append(d.until(moment))
        progress.update(i)
    return known


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Read the dossiers and print the reports; returns the exit status (1: bad records)."""
    # lazy: formats and reports (cattrs, the engines) take ~0.2 s to import; only this
    # subcommand needs them
    from tthc.formats import bundled_catalogue, read_catalogue, read_dossiers
    from tthc.models import GovernmentLevel
    from tthc.reports import FORM06_GROUP_KEYS, form06, inspection_report, progress_score

    period = parse_period(args.period, args.convention)
    group_by = tuple(name.strip() for name in args.group_by.split(","))
    unknown = [name for name in group_by if name not in FORM06_GROUP_KEYS]
    if unknown:
        raise InvalidValueError(
            f"--group-by: expected names from {', '.join(FORM06_GROUP_KEYS)}, got {args.group_by!r}"
        )
    cal = calendar_from(args)
    catalogue = read_catalogue(args.catalogue) if args.catalogue else bundled_catalogue()
    result = read_dossiers(args.file, strict=False, procedures=catalogue)
    if not result.ok:
        _print_problems(result, args.file, args.keep_going)
        if not args.keep_going:
            return 1
    dossiers = list(result.dossiers)
    if args.as_of:
        dossiers = _as_of(dossiers, args.as_of)
    table = form06(dossiers, period, group_by=group_by, calendar=cal)
    score = progress_score(dossiers, period, calendar=cal)
    published = {
        e.code: e.level
        for e in catalogue
        if e.published_in and e.level is not GovernmentLevel.DISTRICT
    }
    procedures = list(catalogue.procedures.values())
    inspection = inspection_report(dossiers, procedures, period, published=published, calendar=cal)
    lang = args.lang
    rows = table.to_rows(lang=lang)
    if args.format == "csv":
        from tthc.formats.csv_cells import csv_text

        headers = list(rows[0])
        out.write(csv_text(headers, ([r[h] for h in headers] for r in rows)))
        return 0
    late = inspection.late
    summary = {
        "period": period.label(lang),
        "period_start": period.start.isoformat(),
        "period_end": period.end.isoformat(),
        "dossiers": len(dossiers),
        "progress_score": {
            "considered": score.considered,
            "on_time": score.on_time,
            "rate": score.rate,
            "points": score.points,
            "maximum": score.config.maximum,
            "basis": score.config.source,
        },
        "inspection": {
            "late_or_overdue": len(late),
            "late_without_apology": len(inspection.late_without_apology),
            "apology_late": sum(1 for x in late if x.apology_in_time is False),
            "new_date_missed": sum(1 for x in late if x.new_due_kept is False),
            "unsigned_results": len(inspection.unsigned_results),
            "unknown_signature": len(inspection.unknown_signature),
            "unpublished_procedures": list(inspection.unpublished or ()),
            "online_coverage": [
                {
                    "level": c.level.value if c.level else None,
                    "label": c.label_vi if lang == "vi" or c.level is None else c.level.label_en,
                    "procedures": c.procedures,
                    "received": c.received,
                    "received_online": c.received_online,
                    "share_online": c.share_online,
                }
                for c in inspection.coverage
            ],
            "findings": {
                k.label_vi if lang == "vi" else k.label_en: n
                for k, n in inspection.findings_by_kind
            },
        },
    }
    if args.format == "json":
        json.dump({"form06": rows, **summary}, out, ensure_ascii=False, indent=2, default=str)
        out.write("\n")
        return 0
    _write_report_text(out, lang, table.headers(lang), rows, summary)
    return 0


def _write_report_text(
    out: TextIO,
    lang: str,
    headers: Sequence[str],
    rows: list[dict[str, object]],
    summary: dict[str, Any],
) -> None:
    vi = lang == "vi"
    title = "Biểu số 06/VPCP/KSTT" if vi else "Form 06/VPCP/KSTT"
    span = f"{summary['period_start']} – {summary['period_end']}"
    out.write(f"{title} — {summary['period']} ({span})\n\n")
    # Official headers carry their column number, "(3) Số hồ sơ ...": show the number as the
    # column title and the full header once in a legend below the table.
    short = {h: h.split(" ", 1)[0] if h.startswith("(") else h for h in headers}
    compact = [{short[h]: "" if r[h] is None else str(r[h]) for h in headers} for r in rows]
    write_rows(compact, "table", out, [short[h] for h in headers])
    legend = [f"  {h}" for h in headers if h.startswith("(")]
    out.write("\n".join(legend) + "\n\n")
    ps = summary["progress_score"]
    if ps["rate"] is None:
        score_text = "—"
    else:
        score_text = f"{ps['points']:.2f}/{ps['maximum']:.0f} ({ps['on_time']}/{ps['considered']} = {ps['rate']:.1%})"
    out.write(
        ("Điểm tiến độ giải quyết (QĐ 766/QĐ-TTg): " if vi else "Progress score (QĐ 766/QĐ-TTg): ")
        + score_text
        + "\n\n"
    )
    ins = summary["inspection"]
    labels = (
        ("Kiểm tra", "Hồ sơ trễ hạn / quá hạn", "trong đó chưa có văn bản xin lỗi", "xin lỗi muộn", "không đúng hẹn mới",
         "Kết quả không có chữ ký số", "chưa ghi nhận chữ ký số", "TTHC chưa công khai", "Dịch vụ công trực tuyến",
         "Phát hiện", "không có")
        if vi
        else ("Inspection", "Late / overdue dossiers", "of which without an apology", "apology late", "new date missed",
              "Results without a digital signature", "signature not recorded", "Procedures not published",
              "Online public services", "Findings", "none")
    )  # fmt: skip
    out.write(f"{labels[0]}:\n")
    out.write(
        f"  {labels[1]}: {ins['late_or_overdue']} ({labels[2]}: {ins['late_without_apology']}; "
    )
    out.write(f"{labels[3]}: {ins['apology_late']}; {labels[4]}: {ins['new_date_missed']})\n")
    out.write(
        f"  {labels[5]}: {ins['unsigned_results']} ({labels[6]}: {ins['unknown_signature']})\n"
    )
    out.write(f"  {labels[7]}: {', '.join(ins['unpublished_procedures']) or labels[10]}\n")
    out.write(f"  {labels[8]}:\n")
    for c in ins["online_coverage"]:
        share = "—" if c["share_online"] is None else f"{c['share_online']:.1%}"
        out.write(
            f"    {c['label']}: {c['procedures']} TTHC, {c['received_online']}/{c['received']} ({share})\n"
        )
    out.write(f"  {labels[9]}:\n")
    for name, n in ins["findings"].items():
        out.write(f"    {name}: {n}\n")
    if not ins["findings"]:
        out.write(f"    {labels[10]}\n")

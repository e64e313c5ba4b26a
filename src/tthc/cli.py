"""The ``tthc`` command (also ``python -m tthc``).

``tthc calendar 2026`` lists the year's non-working weekdays and working weekend days of state
agencies, each with its kind, name, source document and provisional flag.

``tthc due "05 ngày làm việc" --received "2026-02-12 09:30"`` prints the due date of a time limit
and the non-working days it skipped, with why.

``tthc report FILE --period 2026-10`` reads dossiers (CSV one row per event, JSON, or the
one-row-per-dossier layout of :mod:`tthc.batch`) and prints Biểu số 06, the QĐ 766 progress score
and the inspection summary; bad rows are listed with their line numbers and the exit status is 1.

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
from typing import Any, TextIO

from tthc.calendar import VIETNAM_TZ, DayInfo, vietnam_calendar
from tthc.errors import DateTypeError, InvalidValueError, TthcError

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


def _parse_moment(text: str, option: str = "--received") -> datetime:
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        raise DateTypeError(
            f"{option}: expected an ISO date or date-time such as '2026-02-12 09:30', got {text!r}"
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


_PERIOD_FORMS = (
    "YYYY-MM (month), YYYY-Qn (quarter), YYYY-Hn (half), YYYY-9M (nine months), YYYY (year)"
)


def _parse_period(text: str, convention: str) -> Any:
    import re

    from tthc.stats import PeriodConvention, ReportingPeriod

    conv = PeriodConvention.CALENDAR if convention == "calendar" else PeriodConvention.CUTOFF_14
    t = text.strip().upper()
    m = re.fullmatch(r"([0-9]{4})(?:-(?:([0-9]{1,2})|Q([1-4])|H([12])|(9M)))?", t)
    if m is None:
        raise InvalidValueError(f"--period: expected {_PERIOD_FORMS}, got {text!r}")
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


class _Progress:
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


def _cmd_report(args: argparse.Namespace, out: TextIO) -> int:
    from tthc import serialization
    from tthc.models import GovernmentLevel
    from tthc.stats import form06, inspection_report, progress_score

    period = _parse_period(args.period, args.convention)
    catalogue = (
        serialization.read_catalogue(args.catalogue)
        if args.catalogue
        else serialization.bundled_catalogue()
    )
    result = serialization.read_dossiers(args.file, strict=False, procedures=catalogue)
    if result.errors:
        for err in result.errors[:50]:
            print(
                f"tthc: {err.file}: line {err.line}: {err.field or '-'}: {err.message}",
                file=sys.stderr,
            )
        more = len(result.errors) - 50
        if more > 0:
            print(f"tthc: ... and {more} more errors", file=sys.stderr)
        if not args.keep_going:
            print(
                f"tthc: error: {len(result.errors)} bad record(s) in {args.file}; nothing reported "
                "(fix them, or pass --keep-going to report the good dossiers)",
                file=sys.stderr,
            )
            return 1
    dossiers = list(result.dossiers)
    if args.as_of:
        as_of = _parse_moment(args.as_of, "--as-of")
        if len(args.as_of.strip()) <= 10:
            as_of = datetime.combine(as_of.date(), datetime.max.time())
        progress = _Progress(len(dossiers), "as-of")
        known = []
        for i, d in enumerate(dossiers, 1):
            moment = as_of.replace(tzinfo=VIETNAM_TZ) if d.is_aware else as_of
            if d.received.at <= moment:
                known.append(d.until(moment))
            progress.update(i)
        dossiers = known
    table = form06(dossiers, period, group_by=tuple(args.group_by.split(",")))
    score = progress_score(dossiers, period)
    published = {
        e.code: e.level
        for e in catalogue
        if e.published_in and e.level is not GovernmentLevel.DISTRICT
    }
    procedures = list(catalogue.procedures.values())
    inspection = inspection_report(dossiers, procedures, period, published=published)
    lang = args.lang
    rows = table.to_rows(lang=lang)
    if args.format == "csv":
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
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
    _write(compact, "table", out, [short[h] for h in headers])
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
    p = sub.add_parser("report", help="Biểu 06, QĐ 766 progress score and inspection summary")
    p.add_argument("file", help="dossiers: CSV (one row per event or per dossier) or JSON")
    p.add_argument("--period", required=True, help=_PERIOD_FORMS)
    p.add_argument("--convention", choices=("cutoff", "calendar"), default="cutoff",
                   help="cutoff: 15th to 14th (NĐ 09/2019/NĐ-CP Điều 12, default); calendar")  # fmt: skip
    p.add_argument("--as-of", help="only what was known then (ISO date or date-time)")
    p.add_argument("--catalogue", help="procedure catalogue (CSV or JSON); default: bundled")
    p.add_argument("--group-by", default="agency,field", help="e.g. agency,field (default)")
    p.add_argument("--keep-going", action="store_true", help="report the good dossiers anyway")
    p.add_argument("--lang", choices=("vi", "en"), default="vi")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.set_defaults(handler=_cmd_report)
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

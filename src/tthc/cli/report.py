"""``tthc report FILE --period P``: Biểu số 06, the QĐ 766 progress score and the inspection summary.

It reads dossiers (CSV one row per event, JSON, the one-row-per-dossier layout of
:mod:`tthc.batch`, one-stop spreadsheet exports and the national portal's sync records); bad rows are listed with their line numbers and the exit status is 1. It may
import the library (lazily: reading files needs cattrs) and :mod:`tthc.cli._common`, never another
subcommand.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, TextIO

import attrs

from tthc.calendar import VIETNAM_TZ
from tthc.cli._common import (
    LANGUAGES,
    PERIOD_FORMS,
    Progress,
    add_announcements_option,
    add_engine_option,
    add_input_options,
    batch_only,
    calendar_from,
    columnar_because,
    load_catalogue,
    note_scalar,
    parse_moment,
    parse_period,
    print_batch_errors,
    read_input,
    write_rows,
    write_xlsx,
)
from tthc.errors import InvalidValueError, TthcError

if TYPE_CHECKING:
    from tthc.calendar import WorkingCalendar
    from tthc.catalogue import Catalogue
    from tthc.models import Dossier
    from tthc.outcomes import Basis
    from tthc.reports import Form06, InspectionReport, ProgressScore, ReportingPeriod

LIST_KINDS = (
    "received", "received_online", "received_in_person", "carried_over", "resolved", "early",
    "on_time", "late", "in_progress", "within_time", "overdue", "ended", "withdrawn", "stopped",
    "closed", "promised",
)  # fmt: skip
"""What ``--list`` can name: a Biểu 06 column, or ``promised`` (classified on the promised date)."""


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register ``tthc report`` on the subcommands ``sub``."""
    p = sub.add_parser("report", help="Biểu 06, QĐ 766 progress score and inspection summary")
    p.add_argument(
        "file",
        help="dossiers: tthc CSV / JSON, a one-stop spreadsheet export (.xlsx, .xls, .csv) or "
        "the national portal's sync records (.json, .jsonl)",
    )
    p.add_argument("--period", required=True, help=PERIOD_FORMS)
    p.add_argument("--convention", choices=("cutoff", "calendar"), default="cutoff",
                   help="cutoff: 15th to 14th (NĐ 09/2019/NĐ-CP Điều 12, default); calendar")  # fmt: skip
    p.add_argument("--as-of", help="only what was known then (ISO date or date-time)")
    p.add_argument(
        "--basis",
        choices=("statutory", "promised"),
        default="statutory",
        help="classify against the statutory due date (default) or the promised one (ngày hẹn "
        "trả, as the national portal scores)",
    )
    add_input_options(p)
    p.add_argument("--group-by", default="agency,field", help="e.g. agency,field (default)")
    p.add_argument(
        "--list",
        metavar="KIND[,KIND]",
        help=f"also list the dossier ids behind these counts: {', '.join(LIST_KINDS)}",
    )
    p.add_argument("--lang", choices=LANGUAGES, default="vi")
    p.add_argument("--format", choices=("table", "csv", "json", "xlsx"), default="table")
    p.add_argument("-o", "--output", metavar="FILE", help="the .xlsx file (--format xlsx)")
    p.add_argument(
        "--excel",
        action="store_true",
        help="CSV for Excel: UTF-8 with a BOM, separated by --separator (default ';')",
    )
    p.add_argument("--separator", choices=(";", ","), default=";", help="with --excel")
    add_engine_option(p)
    p.add_argument(
        "--dossiers-out",
        metavar="FILE",
        help="also write every dossier's classification (id, agency, procedure, level, channel, "
        "received, end, due, outcome, working days late) to FILE.parquet or FILE.csv",
    )
    add_announcements_option(p)
    p.set_defaults(handler=run)


def _as_of_moments(text: str) -> tuple[datetime, datetime]:
    """The ``--as-of`` moment as Vietnamese wall time and as an instant: a date means its end;
    an aware moment is an instant, compared with naive (Vietnamese wall time) timelines in
    Vietnamese time."""
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
    return wall, aware


def _as_of(dossiers: list[Dossier], text: str) -> list[Dossier]:
    """What was known at ``--as-of`` (see :func:`_as_of_moments`)."""
    wall, aware = _as_of_moments(text)
    progress = Progress(len(dossiers), "as-of")
    known = []
    for i, d in enumerate(dossiers, 1):
        moment = aware if d.is_aware else wall
        if d.received.at <= moment:  # aware: compared as instants; naive: wall times
            known.append(d.until(moment))
        progress.update(i)
    return known


def _kinds(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    kinds = tuple(k.strip() for k in text.split(",") if k.strip())
    unknown = [k for k in kinds if k not in LIST_KINDS]
    if unknown:
        raise InvalidValueError(
            f"--list: unknown kind(s) {', '.join(unknown)}; expected any of {', '.join(LIST_KINDS)}"
        )
    return kinds


@attrs.frozen
class _Facts:
    """What the report prints, from either path (the columnar one or the scalar one)."""

    table: Form06
    score: ProgressScore
    dossiers: int
    on_promised: int
    uncatalogued: list[str]  # codes, sorted
    names: dict[str, str]  # names of uncatalogued procedures the data gave
    late: dict[str, int]  # the counts of the inspection's late list (FileReport.late_counts)
    signatures: dict[str, int]  # unsigned_results, unknown_signature
    inspection: InspectionReport  # coverage, unpublished procedures, findings
    lists: dict[str, list[str]]
    classified: Any = None  # the per-dossier table (--dossiers-out), a pandas frame


def _scalar_facts(
    args: argparse.Namespace,
    catalogue: Catalogue,
    period: ReportingPeriod,
    group_by: tuple[str, ...],
    cal: WorkingCalendar,
    basis: Basis,
    kinds: tuple[str, ...],
    published: dict[str, Any],
) -> _Facts | int:
    """The facts of the report by the scalar path: every dossier an object, one at a time."""
    from tthc.outcomes import Basis, Outcome
    from tthc.procedures import UNCATALOGUED
    from tthc.reports import form06, inspection_report, place, progress_score

    read = read_input(args, catalogue)
    if isinstance(read, int):
        return read
    _, dossiers = read
    if args.as_of:
        dossiers = _as_of(dossiers, args.as_of)
    table = form06(dossiers, period, group_by=group_by, calendar=cal, basis=basis)
    score = progress_score(dossiers, period, calendar=cal, basis=basis)
    procedures = list(catalogue.procedures.values())
    inspection = inspection_report(dossiers, procedures, period, published=published, calendar=cal)
    lists: dict[str, list[str]] = {k: [] for k in kinds}
    on_promised = 0
    # only a dossier with a promised date can be classified on it: place the others for --list
    for d in dossiers if kinds else [d for d in dossiers if d.promised_due is not None]:
        where = place(d, period, calendar=cal, basis=basis)
        if where is None:
            continue
        c = where.classification
        promised = c is not None and c.basis is Basis.PROMISED
        on_promised += promised
        named = {where.received.value, where.received.block.value, where.outcome.value}
        named.add(where.outcome.block.value)
        if promised:
            named.add("promised")
        for k in kinds:
            if k in named:
                lists[k].append(d.id)
    late = inspection.late
    classified = None
    if args.dossiers_out:
        from tthc.columnar.classified import _classified_table, _scalar_classified

        positions = range(len(dossiers))
        classified = _classified_table([_scalar_classified(dossiers, positions, period, cal)])
    return _Facts(
        table=table,
        score=score,
        dossiers=len(dossiers),
        on_promised=on_promised,
        uncatalogued=sorted({d.procedure.code for d in dossiers if not d.procedure.catalogued}),
        names={
            d.procedure.code: d.procedure.name
            for d in dossiers
            if not d.procedure.catalogued and not d.procedure.name.startswith(UNCATALOGUED)
        },
        late={
            "late_or_overdue": len(late),
            "late_without_apology": len(inspection.late_without_apology),
            "late_without_apology_finished": sum(
                1 for x in inspection.late_without_apology if x.outcome is Outcome.LATE
            ),
            "apology_late": sum(1 for x in late if x.apology_in_time is False),
            "new_date_missed": sum(1 for x in late if x.new_due_kept is False),
        },
        signatures={
            "unsigned_results": len(inspection.unsigned_results),
            "unknown_signature": len(inspection.unknown_signature),
        },
        inspection=inspection,
        lists=lists,
        classified=classified,
    )


def _scalar_because(args: argparse.Namespace, kinds: tuple[str, ...], basis: Basis) -> str | None:
    """Why the file goes through the scalar path, or None when the columnar path reads it.

    The columnar path (:mod:`tthc.columnar`) reads tthc's event CSV, the one-row-per-dossier CSV
    and Parquet; it gives the scalar path's report byte for byte. ``--list``, ``--basis
    promised``, ``--columns``, other formats (JSON, sync records, spreadsheet exports) and
    ``--engine scalar`` go through the scalar path, and so does a file with bad records (after the
    columnar read found them), so that the problems and the reconciliation are the scalar reader's.
    """
    from tthc.outcomes import Basis

    if args.engine == "scalar":
        return "--engine scalar"
    if kinds:
        return "--list"
    if basis is not Basis.STATUTORY:
        return "--basis promised"
    return columnar_because(args)


def _columnar_facts(
    args: argparse.Namespace,
    catalogue: Catalogue,
    period: ReportingPeriod,
    group_by: tuple[str, ...],
    cal: WorkingCalendar,
    published: dict[str, Any],
) -> _Facts | int | None:
    """The facts of the report by the columnar path, or None when the file has bad records
    (the scalar path then reads it, to list them and reconcile as it always does); for a
    Parquet file, which only this path reads, its bad records listed here (and the exit status
    1 unless ``--keep-going``)."""
    from tthc.columnar import report_file
    from tthc.procedures import UNCATALOGUED

    try:
        wall = _as_of_moments(args.as_of)[0] if args.as_of else None
        r = report_file(
            args.file,
            period,
            procedures=catalogue,
            catalogue=list(catalogue.procedures.values()),
            published=published,
            calendar=cal,
            group_by=group_by,
            as_of=wall,
            lists=False,
            agency=args.agency,
            level=args.level,
            classified=bool(args.dossiers_out),
        )
    except (TthcError, ValueError):  # rows of a dossier far apart in a large file, a bad
        return None  # --as-of, ...: the scalar path reads it and says what is wrong, in its order
    if r.errors and not batch_only(args.file):
        return None
    if r.errors and not print_batch_errors(r.errors, args.file, args.keep_going):
        return 1
    return _Facts(
        table=r.form06,
        score=r.progress,
        dossiers=r.dossiers,
        on_promised=r.on_promised,
        uncatalogued=sorted(r.uncatalogued),
        names={
            code: name for code, name in r.uncatalogued.items() if not name.startswith(UNCATALOGUED)
        },
        late=r.late_counts,
        signatures=r.signature_counts,
        inspection=r.inspection_base,
        lists={},
        classified=r.classified,
    )


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Read the dossiers and print the reports; returns the exit status (1: bad records)."""
    # lazy: the reports and the classification rules take time to import; only this
    # subcommand needs them
    from tthc.outcomes import Basis
    from tthc.reports import FORM06_GROUP_KEYS
    from tthc.services import GovernmentLevel

    period = parse_period(args.period, args.convention)
    group_by = tuple(name.strip() for name in args.group_by.split(","))
    unknown = [name for name in group_by if name not in FORM06_GROUP_KEYS]
    if unknown:
        raise InvalidValueError(
            f"--group-by: expected names from {', '.join(FORM06_GROUP_KEYS)}, got {args.group_by!r}"
        )
    if args.format == "xlsx" and not args.output:
        raise InvalidValueError("--format xlsx: expected -o FILE.xlsx (a workbook is not text)")
    kinds = _kinds(args.list)
    basis = Basis(args.basis)
    cal = calendar_from(args)
    catalogue = load_catalogue(args)
    published = {
        e.code: e.level
        for e in catalogue
        if e.published_in and e.level is not GovernmentLevel.DISTRICT
    }
    why = _scalar_because(args, kinds, basis)  # None: the columnar path
    facts = (
        None
        if why is not None
        else _columnar_facts(args, catalogue, period, group_by, cal, published)
    )
    if isinstance(facts, int):
        return facts
    if facts is None:
        note_scalar(args.file, why)
        read = _scalar_facts(args, catalogue, period, group_by, cal, basis, kinds, published)
        if isinstance(read, int):
            return read
        facts = read
    if args.dossiers_out:
        from tthc.columnar import write_frame

        write_frame(facts.classified, args.dossiers_out)
    return _print(args, out, facts, period, basis, catalogue, kinds)


def _print(
    args: argparse.Namespace,
    out: TextIO,
    facts: _Facts,
    period: ReportingPeriod,
    basis: Basis,
    catalogue: Catalogue,
    kinds: tuple[str, ...],
) -> int:
    table, score, inspection, lists = facts.table, facts.score, facts.inspection, facts.lists
    lang = args.lang
    uncatalogued = facts.uncatalogued
    names = {e.code: e.name for e in catalogue}
    names.update(facts.names)
    if args.format == "xlsx":
        _write_form06_xlsx(args, table, period, lang, lists)
        return 0
    if args.format == "csv":
        from tthc.formats.csv_cells import csv_text

        if args.excel:
            out.write("\ufeff")
        sep = args.separator if args.excel else ","
        if kinds:
            out.write(
                csv_text(["list", "dossier_id"], ([k, i] for k in kinds for i in lists[k]), sep)
            )
            return 0
        rows = table.to_rows(lang=lang)
        headers = list(rows[0])
        out.write(csv_text(headers, ([r[h] for h in headers] for r in rows), sep))
        return 0
    late = facts.late
    summary: dict[str, Any] = {
        "period": period.label(lang),
        "period_start": period.start.isoformat(),
        "period_end": period.end.isoformat(),
        "basis": basis.value,
        "dossiers": facts.dossiers,
        "classified_on_promised_date": facts.on_promised,
        "uncatalogued_procedures": uncatalogued,
        "progress_score": {
            "considered": score.considered,
            "on_time": score.on_time,
            "rate": score.rate,
            "points": score.points,
            "maximum": score.config.maximum,
            "basis": score.config.source,
        },
        "inspection": {
            "late_or_overdue": late["late_or_overdue"],
            "late_without_apology": late["late_without_apology"],
            "late_without_apology_finished": late["late_without_apology_finished"],
            "late_without_apology_open": late["late_without_apology"]
            - late["late_without_apology_finished"],
            "apology_late": late["apology_late"],
            "new_date_missed": late["new_date_missed"],
            "unsigned_results": facts.signatures["unsigned_results"],
            "unknown_signature": facts.signatures["unknown_signature"],
            "unpublished_procedures": list(inspection.unpublished or ()),
            "procedure_names": {
                code: names.get(code, "")
                for code in sorted({*(inspection.unpublished or ()), *uncatalogued})
            },
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
            "findings": {k.value: n for k, n in inspection.findings_by_kind},
        },
    }
    if kinds:
        summary["lists"] = lists
    if args.format == "json":
        payload = {"form06": table.to_rows(), **summary}
        json.dump(payload, out, ensure_ascii=False, indent=2, default=str)
        out.write("\n")
        return 0
    summary["inspection"]["findings"] = {
        (k.label_vi if lang == "vi" else k.label_en): n for k, n in inspection.findings_by_kind
    }
    _write_report_text(out, lang, table.headers(lang), table.to_rows(lang=lang), summary)
    return 0


def _write_form06_xlsx(
    args: argparse.Namespace,
    table: Form06,
    period: ReportingPeriod,
    lang: str,
    lists: dict[str, list[str]],
) -> None:
    """Biểu số 06 as a workbook an official can file: title, unit, period, numbered headers,
    the rows and the total; the ``--list`` ids on a second sheet."""
    vi = lang == "vi"
    headers = table.headers("vi" if vi else "en")
    rows = table.to_rows(lang="vi" if vi else "en")
    unit = args.agency or ("Tất cả cơ quan trong tệp" if vi else "All agencies in the file")
    start, end = f"{period.start:%d/%m/%Y}", f"{period.end:%d/%m/%Y}"
    title = (
        [
            "Biểu số 06/VPCP/KSTT",
            "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT TTHC",
            f"Kỳ báo cáo: {period.label('vi')} (từ {start} đến {end})",
            f"Đơn vị báo cáo: {unit}",
            "Đơn vị tính: Số hồ sơ TTHC",
        ]
        if vi
        else [
            "Form 06/VPCP/KSTT",
            "ADMINISTRATIVE PROCEDURES HANDLED AT THE AGENCY",
            f"Period: {period.label('en')} ({start} – {end})",
            f"Reporting unit: {unit}",
            "Unit: dossiers",
        ]
    )
    groups = len(table.group_by)
    numbered = ["(1)", *["(2)"] * groups, *(h.split(" ", 1)[0] for h in headers[1 + groups :])]
    sheets: list[tuple[str, Sequence[str], Sequence[dict[str, object]]]] = [
        (
            "Biểu 06" if vi else "Form 06",
            headers,
            [dict(zip(headers, numbered, strict=True)), *rows],
        )
    ]
    if lists:
        head = ("Danh sách", "Mã hồ sơ") if vi else ("List", "Dossier")
        sheets.append(
            (head[0], head, [{head[0]: k, head[1]: i} for k, ids in lists.items() for i in ids])
        )
    write_xlsx(args.output, sheets, title="\n".join(title))


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
    out.write(f"{title} — {summary['period']} ({span})\n")
    from tthc.outcomes import Basis

    basis = Basis(summary["basis"])
    on_promised, stray = summary["classified_on_promised_date"], summary["uncatalogued_procedures"]
    if vi:
        out.write(f"Căn cứ xếp loại: {basis.label_vi.lower()}")
        out.write(f"; {on_promised} hồ sơ xếp loại theo ngày hẹn trả" if on_promised else "")
    else:
        out.write(f"Classified against: {basis.label_en.lower()}")
        out.write(f"; {on_promised} dossier(s) on their promised date" if on_promised else "")
    if stray:
        names = summary["inspection"]["procedure_names"]
        listed = "; ".join(f"{c} {names[c]}".rstrip() for c in stray)
        out.write(
            f"\n(TTHC không có trong danh mục: {listed})"
            if vi
            else f"\n(procedures not in the catalogue: {listed})"
        )
    out.write("\n\n")
    # Official headers carry their column number, "(3) Số hồ sơ ...": show the number as the
    # column title and the full header once in a legend below the table.
    short = {h: h.split(" ", 1)[0] if h.startswith("(") else h for h in headers}
    compact = [{short[h]: "" if r[h] is None else str(r[h]) for h in headers} for r in rows]
    groups = len(headers) - sum(1 for h in headers if h.startswith("("))
    write_rows(compact, "table", out, [short[h] for h in headers], keep=groups)
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
        ("Kiểm tra", "Hồ sơ trễ hạn / quá hạn (A)", "trong đó chưa có văn bản xin lỗi (B)", "xin lỗi muộn", "không đúng hẹn mới",
         "Kết quả không có chữ ký số", "chưa ghi nhận chữ ký số", "TTHC chưa công khai", "Dịch vụ công trực tuyến",
         "Phát hiện", "không có")
        if vi
        else ("Inspection", "Late / overdue dossiers (A)", "of which without an apology (B)", "apology late", "new date missed",
              "Results without a digital signature", "signature not recorded", "Procedures not published",
              "Online public services", "Findings", "none")
    )  # fmt: skip
    out.write(f"{labels[0]}:\n")
    out.write(f"  {labels[1]}: {ins['late_or_overdue']}\n")
    out.write(f"    {labels[2]}: {ins['late_without_apology']}\n")
    out.write(f"    {labels[3]}: {ins['apology_late']}; {labels[4]}: {ins['new_date_missed']}\n")
    finished, still_open = ins["late_without_apology_finished"], ins["late_without_apology_open"]
    out.write(
        f"    (A): có kết quả trễ hạn trong kỳ hoặc đang quá hạn ngày cuối kỳ;\n    (B) = {finished} đã có "
        f"kết quả + {still_open} đang quá hạn;\n    phát hiện 'Quá hạn không có văn bản xin lỗi' "
        "chỉ đếm hồ sơ đã có kết quả\n    (từ chối sau hạn là phát hiện riêng)\n"
        if vi
        else f"    (A): resolved late in the period or overdue on its last day;\n    (B) = {finished} "
        f"finished + {still_open} still open;\n    the finding 'Late without a written apology' "
        "counts finished results only\n    (a refusal after the due date is its own finding)\n"
    )
    out.write(
        f"  {labels[5]}: {ins['unsigned_results']} ({labels[6]}: {ins['unknown_signature']})\n"
    )
    names = ins["procedure_names"]
    unpublished = [f"{c} ({names[c]})" if names[c] else c for c in ins["unpublished_procedures"]]
    out.write(f"  {labels[7]}: {'; '.join(unpublished) or labels[10]}\n")
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
    for kind, ids in summary.get("lists", {}).items():
        head = "Danh sách hồ sơ" if vi else "Dossiers"
        out.write(f"\n{head} [{kind}] ({len(ids)}):\n")
        for start in range(0, len(ids), 6):
            out.write("  " + ", ".join(ids[start : start + 6]) + "\n")

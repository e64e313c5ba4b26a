"""``tthc audit FILE``: the appointment dates the software printed, against the statutory ones.

A summary by cause and by agency, then every dossier with a promised date (ngày hẹn trả): the
promised and statutory dates, the difference in working days and its cause
(:func:`tthc.appointments.audit`). ``--format json`` and ``csv`` use stable English keys whatever
``--lang``; ``xlsx`` writes a workbook (``-o FILE``). tthc's event CSV and Parquet files are
audited in batch (:func:`tthc.columnar.audit_file`) when the batch extra is installed, with the
same output as ``--engine scalar``. It may import the library (lazily) and
:mod:`tthc.cli._common`, never another subcommand.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any, TextIO

from tthc.cli._common import (
    LANGUAGES,
    add_announcements_option,
    add_engine_option,
    add_input_options,
    batch_only,
    calendar_from,
    columnar_because,
    load_catalogue,
    note_scalar,
    print_batch_errors,
    read_input,
    write_rows,
    write_xlsx,
)
from tthc.errors import InvalidValueError, TthcError

if TYPE_CHECKING:
    from tthc.appointments import AuditReport
    from tthc.calendar import WorkingCalendar
    from tthc.catalogue import Catalogue

_SHORT = {
    "after_hours_or_weekend": ("ngoài giờ / ngày nghỉ", "after hours / weekend"),
    "holiday_on_receipt_day": ("lễ ngày tiếp nhận", "holiday on receipt day"),
    "worked_saturday_not_counted": ("bỏ thứ Bảy làm bù", "worked Saturday skipped"),
    "lunch_break_ignored": ("tính giờ nghỉ trưa", "lunch break counted"),
    "supplement_paused": ("bổ sung: tạm dừng", "supplement paused"),
    "apology_new_date": ("ngày hẹn xin lỗi", "apology's new date"),
    "different_limit": ("thời hạn khác", "different limit"),
    "unexplained": ("không rõ", "unexplained"),
    "none": ("khớp", "agrees"),
}

FIELDS = (
    "id",
    "agency",
    "procedure_code",
    "procedure_name",
    "promised_due",
    "statutory_due",
    "difference_working_days",
    "cause",
    "basis",
    "detail",
)
"""The keys of each dossier in ``--format json`` / ``csv`` (stable, English)."""


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register ``tthc audit`` on the subcommands ``sub``."""
    p = sub.add_parser(
        "audit", help="promised dates (ngày hẹn trả) against statutory due dates, with causes"
    )
    p.add_argument("file", help="dossiers with promised dates (export, sync records, tthc files)")
    add_input_options(p)
    p.add_argument("--lang", choices=LANGUAGES, default="vi")
    p.add_argument("--format", choices=("table", "csv", "json", "xlsx"), default="table")
    p.add_argument("-o", "--output", metavar="FILE", help="the .xlsx file (--format xlsx)")
    add_engine_option(p)
    add_announcements_option(p)
    p.set_defaults(handler=run)


def _write_records(rows: list[dict[str, Any]], out: TextIO) -> None:
    """``rows`` (flat records of text and numbers) as ``json.dump(rows, ensure_ascii=False,
    indent=2)`` writes them one level down, the texts through the C string encoder: the same
    text, without the pure-Python encoder ``json.dump`` falls back on to indent (a million
    dossiers took 40 s)."""
    from json.encoder import encode_basestring as text

    if not rows:
        out.write("[]")
        return
    out.write("[\n")
    for start in range(0, len(rows), 10_000):
        out.write(
            ",\n".join(
                "    {\n"
                + ",\n".join(
                    f"      {text(k)}: {text(v) if isinstance(v, str) else json.dumps(v)}"
                    for k, v in r.items()
                )
                + "\n    }"
                for r in rows[start : start + 10_000]
            )
        )
        out.write(",\n" if start + 10_000 < len(rows) else "\n  ]")


def _short(cause: str, vi: bool) -> str:
    return " + ".join(_SHORT[c][0 if vi else 1] for c in cause.split("+"))


def _columnar(
    args: argparse.Namespace, catalogue: Catalogue, cal: WorkingCalendar
) -> AuditReport | int | None:
    """The audit by the columnar path, or None when the file has bad records (the scalar path
    then reads it, to list them and reconcile as it always does); for a Parquet file, which only
    this path reads, its bad records listed here (and the exit status 1 unless
    ``--keep-going``)."""
    from tthc.columnar import audit_file

    try:
        found = audit_file(
            args.file, procedures=catalogue, calendar=cal, agency=args.agency, level=args.level
        )
    except (TthcError, ValueError):  # the scalar path reads it and says what is wrong
        return None
    if found.errors and batch_only(args.file):
        return found.report if print_batch_errors(found.errors, args.file, args.keep_going) else 1
    return None if found.errors else found.report


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Audit the promised dates of the file's dossiers; returns the exit status."""
    from tthc.appointments import Cause, audit

    if args.format == "xlsx" and not args.output:
        raise InvalidValueError("--format xlsx: expected -o FILE.xlsx (a workbook is not text)")
    cal = calendar_from(args)
    catalogue = load_catalogue(args)
    why = "--engine scalar" if args.engine == "scalar" else columnar_because(args)
    report = None if why is not None else _columnar(args, catalogue, cal)
    if isinstance(report, int):
        return report
    if report is None:
        note_scalar(args.file, why)
        read = read_input(args, catalogue)
        if isinstance(read, int):
            return read
        report = audit(read[1], calendar=cal)
    vi = args.lang == "vi"
    items = [
        {
            "id": f.dossier_id,
            "agency": f.agency or "",
            "procedure_code": f.procedure_code,
            "procedure_name": f.procedure_name,
            "promised_due": f.promised_due.isoformat(),
            "statutory_due": f.statutory_due.isoformat(),
            "difference_working_days": f.difference_working_days,
            "cause": f.cause,
            "basis": f.basis,
            "detail": f.detail,
        }
        for f in sorted(report, key=lambda f: (f.agency or "", f.dossier_id))
    ]
    by_agency = [
        {"agency": a, "audited": n, "differ": k} for a, (n, k) in report.by_agency().items()
    ]
    labels = {c.value: (c.label_vi, c.label_en) for c in Cause}
    labels["none"] = ("Ngày hẹn trả đúng hạn theo quy định", "Promised date is the statutory one")
    if args.format == "json":
        head_json = {
            "audited": len(report),
            "differ": len(report.differences),
            "by_cause": report.by_cause(),
            "by_agency": by_agency,
        }
        out.write(json.dumps(head_json, ensure_ascii=False, indent=2).removesuffix("\n}"))
        out.write(',\n  "not_audited": ')
        _write_records([{"id": i, "reason": r} for i, r in report.not_audited], out)
        out.write(',\n  "dossiers": ')
        _write_records(items, out)
        out.write("\n}\n")
        return 0
    if args.format == "csv":  # cells escaped against formula injection, line breaks quoted
        from tthc.formats.csv_cells import csv_text

        out.write(csv_text(list(FIELDS), ([item[f] for f in FIELDS] for item in items)))
        return 0
    head = (
        ("Nguyên nhân", "Số hồ sơ", "Cơ quan", "Đã kiểm tra", "Chênh lệch")
        if vi
        else ("Cause", "Dossiers", "Agency", "Audited", "Differ")
    )
    causes: list[dict[str, str]] = [
        {head[0]: " + ".join(labels[one][0 if vi else 1] for one in c.split("+")), head[1]: str(n)}
        for c, n in report.by_cause().items()
    ]
    agencies: list[dict[str, str]] = [
        {head[2]: str(a["agency"]) or "—", head[3]: str(a["audited"]), head[4]: str(a["differ"])}
        for a in by_agency
    ]
    cols = (
        ("Mã hồ sơ", "Ngày hẹn trả", "Hạn theo quy định", "Chênh (ngày LV)", "Nguyên nhân")
        if vi
        else ("Dossier", "Promised", "Statutory", "Diff (working days)", "Cause")
    )
    detail: list[dict[str, str]] = [
        {
            cols[0]: str(i["id"]),
            cols[1]: str(i["promised_due"]),
            cols[2]: str(i["statutory_due"]),
            cols[3]: f"{i['difference_working_days']:+d}",
            cols[4]: _short(str(i["cause"]), vi),
        }
        for i in items
    ]
    if args.format == "xlsx":
        write_xlsx(
            args.output,
            [
                ("Nguyên nhân" if vi else "Causes", list(head[:2]), causes),
                ("Cơ quan" if vi else "Agencies", list(head[2:]), agencies),
                ("Hồ sơ" if vi else "Dossiers", list(cols), detail),
            ],
            title="Kiểm tra ngày hẹn trả" if vi else "Audit of promised dates",
        )
        return 0
    title = "Kiểm tra ngày hẹn trả kết quả" if vi else "Audit of the promised dates"
    out.write(f"{title}: {len(report)} " + ("hồ sơ" if vi else "dossiers"))
    out.write(f", {len(report.differences)} " + ("chênh lệch\n\n" if vi else "differ\n\n"))
    write_rows(causes, "table", out, head[:2])
    out.write("\n")
    write_rows(agencies, "table", out, head[2:])
    out.write("\n")
    write_rows(detail, "table", out, cols)
    if report.not_audited:
        out.write("\n" + ("Không kiểm tra được" if vi else "Not audited") + ":\n")
        reasons: dict[str, int] = {}
        for _, reason in report.not_audited:
            reasons[reason] = reasons.get(reason, 0) + 1
        for reason, n in sorted(reasons.items()):
            out.write(f"  {reason}: {n}\n")
    return 0

"""Write what a one-stop office would hand over for the dossiers of an event CSV sample.

From ``examples/commune-2026.events.csv`` (made by ``make_samples.py``; re-run this after it):

* ``commune-2026.sync.json``: the national portal's sync records (DOMAIN.md §10);
* ``commune-2026.export.xlsx`` and ``commune-2026.export.csv``: a spreadsheet export, one dossier
  per row with Vietnamese headers under two title rows, dates dd/mm/yyyy HH:mm, the CSV
  separated by ``;`` in UTF-8 with a BOM (as Excel with Vietnamese settings writes it).

Each dossier gets the appointment dates (ngày hẹn trả) one-stop software would have printed: the
statutory due date from receipt, moved after a supplement (the sync overwrites it). Some carry
the conventions of public one-stop code bases (DOMAIN.md §9) that ``tthc audit`` names:

* one dossier in 4 was handled by "software A": a receipt after 17:00 or on a weekend counted from
  the next working day, worked Saturdays not counted, supplements pausing the clock;
* one in 17 of the others (working-day limits) was given a limit 2 working days longer than the
  catalogue's.

What the formats cannot carry is left out: apologies, online submission times in the sync record
(it has the receipt only), more than one supplement in the spreadsheet (the first request and
the last receipt; the 11 dossiers with two requests may then differ), refusals (no sync code:
"Đã xử lý xong"), and dossiers closed for want of the supplement (written as "Dừng xử lý").

Usage: ``python examples/make_exports.py [EVENTS_CSV] [CATALOGUE_JSON]`` (from the repository).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

import attrs
import openpyxl

from tthc import calendar as _cal
from tthc.deadlines import deadline
from tthc.formats import read_catalogue, read_dossiers
from tthc.models import (
    Closed,
    Dossier,
    Received,
    Refused,
    Resolved,
    Returned,
    Stopped,
    Submitted,
    SupplementPolicy,
    SupplementReceived,
    SupplementRequested,
    Withdrawn,
)
from tthc.timelimits import Unit

HERE = Path(__file__).resolve().parent
CAL = _cal.vietnam_calendar()
HEADERS = (
    "STT", "Mã hồ sơ", "Mã thủ tục", "Tên thủ tục hành chính", "Đơn vị tiếp nhận", "Kênh",
    "Ngày nộp hồ sơ", "Ngày tiếp nhận", "Ngày yêu cầu bổ sung", "Ngày nhận bổ sung",
    "Ngày hẹn trả", "Ngày kết thúc xử lý", "Ngày trả", "Trạng thái",
)  # fmt: skip
CHANNEL_VI = {"in_person": "Trực tiếp", "online": "Trực tuyến", "postal": "Bưu chính công ích"}
CHANNEL_CODE = {"in_person": 1, "online": 2, "postal": 3}


def _software_a(d: Dossier) -> Dossier:
    """The dossier as software A counts it: receipt moved, worked Saturdays off, pauses."""
    r = d.received
    moved = r.at.time() > time(17, 0) or r.at.weekday() >= 5
    # what the due date depends on: the receipt and the supplements
    events = [
        e for e in d.events if isinstance(e, (Received, SupplementRequested, SupplementReceived))
    ]
    if moved:
        day = r.at.date() + timedelta(days=1)
        while not CAL.is_working_day(day) or day.weekday() >= 5:
            day += timedelta(days=1)
        start = datetime.combine(day, time(7, 30))
        events = [
            attrs.evolve(e, at=start) if e is r or (e.at < start and e.kind != "submitted") else e
            for e in events
        ]
    procedure = attrs.evolve(d.procedure, supplement_policy=SupplementPolicy.PAUSE)
    return attrs.evolve(d, procedure=procedure, events=events)


def _no_worked_saturdays(due: date, start: date) -> date:
    """``due`` moved one working day per worked Saturday between ``start`` and it."""
    extra = sum(
        1
        for i in range((due - start).days + 1)
        if (day := start + timedelta(days=i)).weekday() >= 5 and CAL.is_working_day(day)
    )
    while extra:
        due += timedelta(days=1)
        if CAL.is_working_day(due) and due.weekday() < 5:
            extra -= 1
    return due


def appointments(d: Dossier, index: int) -> tuple[date | None, date | None]:
    """(appointment given at receipt, appointment after the last supplement), or None."""
    limit = d.procedure.time_limit_for(d.channel)
    if limit.unit is Unit.NONE:
        return None, None
    plain = d.until(d.received.at)
    kind = "statutory"
    if index % 4 == 0:
        kind = "software_a"
    if kind == "statutory" and limit.unit is Unit.WORKING_DAY and index % 17 == 0:
        kind = "longer"
    if kind == "software_a":
        first = deadline(_software_a(plain), calendar=CAL).due
        last = deadline(_software_a(d), calendar=CAL).due
        assert first is not None
        assert last is not None
        if limit.unit is Unit.WORKING_DAY:
            start = d.received.at.date()
            first, last = _no_worked_saturdays(first, start), _no_worked_saturdays(last, start)
    else:
        first, last = deadline(plain, calendar=CAL).due, deadline(d, calendar=CAL).due
        assert first is not None
        assert last is not None
        if kind == "longer":
            first, last = CAL.add_working_days(first, 2), CAL.add_working_days(last, 2)
    return first, last


def _dmy(at: datetime | None, with_time: bool = True) -> str:
    if at is None:
        return ""
    return at.strftime("%d/%m/%Y %H:%M" if with_time else "%d/%m/%Y")


def _compact(at: datetime | date | None) -> str:
    if at is None:
        return ""
    if not isinstance(at, datetime):
        at = datetime.combine(at, time(17, 0))
    return at.strftime("%Y%m%d%H%M%S")


def _status(d: Dossier) -> tuple[int, str]:
    final = d.final_event
    returned = any(isinstance(e, Returned) for e in d.events)
    if isinstance(final, (Resolved, Refused)):
        return (10, "Đã trả kết quả") if returned else (9, "Đã xử lý xong")
    if isinstance(final, Withdrawn):
        return 7, "Công dân yêu cầu rút hồ sơ"
    if isinstance(final, (Stopped, Closed)):
        return 8, "Dừng xử lý"
    requested = sum(isinstance(e, SupplementRequested) for e in d.events)
    received = sum(isinstance(e, SupplementReceived) for e in d.events)
    return (5, "Yêu cầu bổ sung giấy tờ") if requested > received else (4, "Đang xử lý")


def main(argv: list[str]) -> int:
    events_csv = Path(argv[0]) if argv else HERE / "commune-2026.events.csv"
    catalogue = read_catalogue(
        Path(argv[1]) if len(argv) > 1 else HERE / "commune-2026.catalogue.json"
    )
    stem = events_csv.name.removesuffix(".events.csv")
    dossiers = read_dossiers(events_csv, procedures=catalogue)
    records: list[dict[str, object]] = []
    rows: list[list[object]] = []
    for index, d in enumerate(dossiers, 1):
        first, last = appointments(d, index)
        received = d.received
        asked = [e.at for e in d.events if isinstance(e, SupplementRequested)]
        got = [e.at for e in d.events if isinstance(e, SupplementReceived)]
        final = d.final_event
        end = final.at if final is not None else None
        returned = next((e.at for e in d.events if isinstance(e, Returned)), None)
        code, text = _status(d)
        supplements = []
        for i, when in enumerate(asked):
            back = got[i] if i < len(got) else None
            supplements.append(
                {
                    "NgayBoSung": _compact(when),
                    "NgayTiepNhanBoSung": _compact(back),
                    "NgayHenTraTruoc": _compact(first) if i == 0 else "",
                    "NgayHenTraMoi": (
                        _compact(last) if back is not None and last >= back.date() else ""
                    ),
                }
            )
        records.append(
            {
                "MaHoSo": d.id,
                "MaTTHC": d.procedure.code,
                "TenTTHC": d.procedure.name,
                "MaLinhVuc": "",
                "TenLinhVuc": d.procedure.field,
                "ChuHoSo": "",
                "LoaiDoiTuong": 1,
                "NgayTiepNhan": _compact(received.at),
                "NgayHenTra": _compact(last),
                "TrangThaiHoSo": code,
                "NgayTra": _compact(returned),
                "HinhThuc": 0,
                "NgayKetThucXuLy": _compact(end),
                "DonViXuLy": d.agency or "",
                "KenhThucHien": CHANNEL_CODE[d.channel.value],
                "DanhSachHoSoBoSung": supplements,
            }
        )
        submitted = next((e.at for e in d.events if isinstance(e, Submitted)), None)
        rows.append(
            [
                index, d.id, d.procedure.code, d.procedure.name, d.agency or "",
                CHANNEL_VI[d.channel.value], _dmy(submitted), _dmy(received.at),
                _dmy(asked[0] if asked else None), _dmy(got[-1] if got else None),
                _dmy(datetime.combine(last, time(0)), with_time=False) if last else "",
                _dmy(end), _dmy(returned), text,
            ]
        )  # fmt: skip
    (HERE / f"{stem}.sync.json").write_text(
        json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    title = ["DANH SÁCH HỒ SƠ"]
    period = ["Từ ngày 01/01/2026 đến ngày 31/12/2026"]
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerows([title, period, list(HEADERS), *rows])
    (HERE / f"{stem}.export.csv").write_bytes(buf.getvalue().encode("utf-8-sig"))
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Danh sách hồ sơ"
    for row in (title, period, list(HEADERS), *rows):
        sheet.append(row)
    # a reproducible file: fixed document times
    book.properties.created = book.properties.modified = datetime(2026, 12, 31)
    book.save(HERE / f"{stem}.export.xlsx")
    print(f"{len(records)} dossiers -> {stem}.sync.json, {stem}.export.csv, {stem}.export.xlsx")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The formats tthc reads and writes, as a table the fuzz and round-trip tests run over.

To add a reader (a new file layout, a national sync record, a columnar report), append a
:class:`FormatCase` to :data:`FORMATS`: the tests in ``test_formats_fuzz.py`` then feed it valid,
mutated and garbage files, check that only tthc errors come out, that every lenient read
reconciles, and that what its writer wrote reads back.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import attrs
from hypothesis import strategies as st

from tthc.announcements import announcements_from_data, load_announcements
from tthc.formats import (
    Catalogue,
    CatalogueEntry,
    ReadResult,
    bundled_catalogue,
    read_catalogue,
    read_dossiers,
    write_catalogue,
    write_dossiers,
)
from tthc.formats.frames import write_frame_csv
from tthc.formats.national import catalogue_of, read_published_procedures
from tthc.formats.sync_record import read_sync_records
from tthc.models import (
    Apologized,
    Channel,
    Dossier,
    Event,
    ExclusionStarted,
    Received,
    Refused,
    Resolved,
    StepCompleted,
    Stopped,
    SupplementRequested,
    Withdrawn,
)
from tthc.strategies import dossiers

CATALOGUE = bundled_catalogue()
PROCEDURES = [e.procedure for e in CATALOGUE]

# Text a hostile or careless source may hold: formula starters, quotes, separators, line breaks
# of every kind, NUL, byte-order marks, combining marks (NFD), right-to-left marks, emoji.
ADVERSARIAL = st.one_of(
    st.text(min_size=1, max_size=12),
    st.text(
        st.sampled_from("=+-@\t\r\n\",;'\\\x00\ufeff\u200f\u0301a ẫ😀"), min_size=1, max_size=8
    ),
    st.sampled_from(
        ["=1+1", "+1", "-1", "@A1", "\tx", "\rx", "'=x", "''", "a\r\nb", '"', "\ufeff"]
    ),
).filter(lambda s: bool(s.strip()))


@st.composite
def adversarial_dossiers(draw: st.DrawFn, *, aware: bool | None = None) -> Dossier:
    """A valid dossier of a bundled procedure whose id, agency and reasons are hostile text."""
    d = draw(dossiers(st.sampled_from(PROCEDURES), aware=aware))
    events = []
    for e in d.events:
        if isinstance(e, (SupplementRequested, Refused, Stopped, ExclusionStarted, Apologized)):
            e = attrs.evolve(e, reason=draw(ADVERSARIAL))
        events.append(e)
    agency = draw(st.none() | ADVERSARIAL)
    return Dossier(draw(ADVERSARIAL), d.procedure, events, agency=agency)


def _unique(items: list[Dossier]) -> list[Dossier]:
    seen: set[str] = set()
    out = []
    for d in items:
        if d.id not in seen:
            seen.add(d.id)
            out.append(d)
    return out


def dossier_lists(*, aware: bool | None = None) -> st.SearchStrategy[list[Dossier]]:
    return st.lists(adversarial_dossiers(aware=aware), max_size=4).map(_unique)


def _frame_fits(d: Dossier) -> bool:
    from tthc.batch import dossiers_to_frame

    try:
        dossiers_to_frame([d])
    except ValueError:
        return False
    return not any(isinstance(e, StepCompleted) for e in d.events)


def _via_frame(items: Sequence[Dossier]) -> list[Dossier]:
    from tthc.batch import dossiers_to_frame, frame_to_dossiers

    return list(frame_to_dossiers(dossiers_to_frame(items), PROCEDURES)) if items else []


def _empty_agency_is_none(items: Sequence[Dossier]) -> list[Dossier]:
    return [attrs.evolve(d, agency=d.agency or None) for d in items]


@dataclass(frozen=True)
class FormatCase:
    """One format: how to read a file strictly and leniently, write values, and compare."""

    name: str
    suffix: str
    read: Callable[[Path], object]
    """Strict read: returns the values or raises a tthc error."""
    read_lenient: Callable[[Path], ReadResult] | None
    """Lenient read (``strict=False``), or None when the format has none."""
    values: st.SearchStrategy[Any]
    """Valid values for the writer."""
    write: Callable[[Any, Path], None]
    expected: Callable[[Any], object]
    """What reading back what ``write`` wrote gives (the values, as the format keeps them)."""
    binary: bool = False
    """A binary file (XLSX): mutated byte by byte, not as text."""
    cli: tuple[str, ...] | None = ("report", "FILE", "--period", "2026")
    """The ``tthc`` command line that reads this format (``FILE``: the file), or None."""


def _catalogue_entries() -> st.SearchStrategy[list[CatalogueEntry]]:
    return st.lists(st.sampled_from(list(CATALOGUE)), max_size=3).flatmap(
        lambda entries: st.lists(ADVERSARIAL, min_size=len(entries), max_size=len(entries)).map(
            lambda notes: [attrs.evolve(e, notes=n) for e, n in zip(entries, notes, strict=True)]
        )
    )


def _announcement_data(sources: list[str]) -> dict[str, Any]:
    return {
        "announcements": [
            {
                "source": source,
                "announced": "2026-12-01",
                "occasions": [{"kind": "NEW_YEAR", "year": 2027}],
                "days": [
                    {"date": "2027-01-01", "kind": "HOLIDAY", "name_vi": "Tết Dương lịch"},
                    {"date": "2027-01-02", "kind": "SWAP_DAY_OFF", "name_vi": source},
                ],
            }
            for source in sources
        ]
    }


def _write_announcements(sources: list[str], path: Path) -> None:
    path.write_text(json.dumps(_announcement_data(sources), ensure_ascii=False), encoding="utf-8")


# -- what one-stop offices and the national database send: written here, read by tthc --------

_MOMENTS = st.integers(0, 330 * 86_400).map(
    lambda s: datetime(2026, 1, 1, 7) + timedelta(seconds=s)
)
_FINALS: dict[type[Event], tuple[int, str]] = {  # TrangThaiHoSo code, status text
    Resolved: (9, "Đã xử lý xong"),
    Withdrawn: (7, "Rút hồ sơ"),
    Stopped: (8, "Dừng xử lý"),
}
_CHANNEL_CODES = {Channel.IN_PERSON: 1, Channel.ONLINE: 2, Channel.POSTAL: 3}
_CHANNEL_TEXTS = {
    Channel.IN_PERSON: "Trực tiếp",
    Channel.ONLINE: "Trực tuyến",
    Channel.POSTAL: "Bưu chính",
}
# the one-stop readers strip their cells; XML (XLSX) cannot hold C0 controls but tab and line
# feed (a CR comes back as a line feed: XML's end-of-line rule)
TRIMMED = ADVERSARIAL.map(str.strip).filter(bool)
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b-\x1f]")
XLSX_TEXT = TRIMMED.filter(lambda s: _XML_ILLEGAL.search(s) is None)


@st.composite
def one_stop_dossiers(draw: st.DrawFn, text: st.SearchStrategy[str] = TRIMMED) -> Dossier:
    """A dossier of the shape one-stop exports hold: a receipt, then perhaps one final event;
    moments to the second, naive; hostile ids and agencies."""
    received = draw(_MOMENTS)
    events: list[Event] = [Received(received, channel=draw(st.sampled_from(Channel)))]
    final = draw(st.sampled_from([None, *_FINALS]))
    if final is not None:
        events.append(final(received + timedelta(seconds=draw(st.integers(0, 40 * 86_400)))))
    agency = draw(st.none() | text)
    return Dossier(draw(text), draw(st.sampled_from(PROCEDURES)), events, agency=agency)


def _compact(moment: datetime) -> str:
    return f"{moment:%Y%m%d%H%M%S}"


def sync_record(d: Dossier) -> dict[str, Any]:
    """The national portal's sync record of a dossier (DOMAIN.md §10)."""
    final = d.final_event
    record: dict[str, Any] = {
        "MaHoSo": d.id,
        "MaTTHC": d.procedure.code,
        "KenhThucHien": _CHANNEL_CODES[d.received.channel],
        "NgayTiepNhan": _compact(d.received.at),
        "TrangThaiHoSo": 4 if final is None else _FINALS[type(final)][0],
    }
    if d.agency is not None:
        record["DonViXuLy"] = d.agency
    if final is not None:
        record["NgayKetThucXuLy"] = _compact(final.at)
    return record


def _write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def write_sync_records(items: list[Dossier], path: Path) -> None:
    """JSON lines, as the portal's sync sends them (not ASCII-escaped: U+2028 stays itself)."""
    lines = [json.dumps(sync_record(d), ensure_ascii=False) + "\n" for d in items]
    path.write_text("".join(lines), encoding="utf-8")


_EXPORT_HEADERS = (
    "Mã hồ sơ",
    "Mã thủ tục",
    "Đơn vị xử lý",
    "Kênh",
    "Ngày tiếp nhận",
    "Ngày kết thúc xử lý",
    "Trạng thái",
)


def write_xlsx(path: Path, rows: Sequence[Sequence[object]]) -> None:
    """A workbook of ``rows`` with every text cell a text cell (openpyxl would store a text
    starting with ``=`` as a formula)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            cell = sheet.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = "s"
    book.save(path)


def write_export(items: list[Dossier], path: Path) -> None:
    """A one-stop spreadsheet export (XLSX): a title row, the header row, a dossier per row."""
    rows: list[Sequence[object]] = [["DANH SÁCH HỒ SƠ"], _EXPORT_HEADERS]
    for d in items:
        final = d.final_event
        rows.append(
            [
                d.id,
                d.procedure.code,
                d.agency,
                _CHANNEL_TEXTS[d.received.channel],
                d.received.at,
                None if final is None else final.at,
                "Đang xử lý" if final is None else _FINALS[type(final)][1],
            ]
        )
    write_xlsx(path, rows)


_NATIONAL_HEADERS = (
    "STT",
    "Mã thủ tục",
    "Tên thủ tục",
    "Lĩnh vực",
    "Cấp thực hiện",
    "Cơ quan thực hiện",
    "Thời hạn giải quyết",
    "Căn cứ pháp lý",
)
_LIMIT_TEXTS = sorted({e.time_limit_text for e in CATALOGUE if e.time_limit_text})


def _collapsed(cell: str) -> str:
    return " ".join(unicodedata.normalize("NFC", cell).split())


@st.composite
def national_rows(
    draw: st.DrawFn, text: st.SearchStrategy[str] = ADVERSARIAL
) -> list[tuple[str, ...]]:
    """Rows of the national database's columns (but STT): code, name, field, level, agency,
    time limit text, legal basis; hostile text, real time-limit texts among others."""
    rows: list[tuple[str, ...]] = []
    for _ in range(draw(st.integers(0, 3))):
        limit = draw(st.sampled_from(_LIMIT_TEXTS) | text)
        level = draw(st.sampled_from(["Cấp Xã", "Cấp Bộ, Cấp Tỉnh", "Cấp Huyện"]) | text)
        row = (draw(text), draw(text), draw(text), level, draw(text), limit, draw(text))
        if _collapsed(row[0]) and _collapsed(row[1]):
            rows.append(row)
    return rows


def write_national_csv(rows: Sequence[tuple[str, ...]], path: Path) -> None:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(_NATIONAL_HEADERS)
    writer.writerows((str(i), *row) for i, row in enumerate(rows, 1))
    path.write_text(out.getvalue(), encoding="utf-8", newline="")


def write_national_xlsx(rows: Sequence[tuple[str, ...]], path: Path) -> None:
    write_xlsx(path, [_NATIONAL_HEADERS, *((i, *row) for i, row in enumerate(rows, 1))])


def read_national(path: Path) -> tuple[tuple[str, ...], ...]:
    """The columns of each procedure of a national-database file, after building its catalogue
    and classifying every time limit (what ``tthc catalogue check`` does)."""
    published = read_published_procedures(path)
    catalogue_of(published)
    for p in published:
        assert isinstance(p.kind.value, str)
        assert isinstance(p.review_reason, str)
    return tuple(
        (p.code, p.name, p.field, p.level, p.agency, p.time_limit_text, p.legal_basis)
        for p in published
    )


def national_expected(rows: list[tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(_collapsed(cell) for cell in row) for row in rows)


def _dossier_format(
    name: str,
    suffix: str,
    values: st.SearchStrategy[Any],
    write: Callable[[Any, Path], None],
    expected: Callable[[Any], object] = tuple,
    **options: Any,
) -> FormatCase:
    """A format :func:`read_dossiers` reads (strictly and leniently) from its suffix."""
    return FormatCase(
        name=name,
        suffix=suffix,
        read=lambda path: read_dossiers(path),
        read_lenient=lambda path: read_dossiers(path, strict=False),
        values=values,
        write=write,
        expected=expected,
        **options,
    )


FORMATS: list[FormatCase] = [
    _dossier_format(
        "dossiers-json",
        ".json",
        dossier_lists(),
        lambda items, path: write_dossiers(items, path),
    ),
    _dossier_format(
        "events-csv",
        ".csv",
        dossier_lists(aware=False),
        lambda items, path: write_dossiers(items, path),
        lambda items: tuple(_empty_agency_is_none(items)),
    ),
    _dossier_format(
        "frame-csv",
        ".csv",
        dossier_lists(aware=False).map(lambda ds: [d for d in ds if _frame_fits(d)]),
        lambda items, path: write_frame_csv(items, path),
        lambda items: tuple(_empty_agency_is_none(_via_frame(items))),
    ),
    FormatCase(
        name="catalogue-json",
        suffix=".json",
        read=lambda path: read_catalogue(path),
        read_lenient=None,
        values=_catalogue_entries(),
        write=lambda entries, path: write_catalogue(entries, path),
        expected=lambda entries: Catalogue(entries),
        cli=("catalogue", "check", "FILE"),
    ),
    FormatCase(
        name="catalogue-csv",
        suffix=".csv",
        read=lambda path: read_catalogue(path),
        read_lenient=None,
        values=_catalogue_entries(),
        write=lambda entries, path: write_catalogue(entries, path),
        expected=lambda entries: Catalogue(entries),
        cli=("catalogue", "check", "FILE"),
    ),
    FormatCase(
        name="announcements-json",
        suffix=".json",
        read=lambda path: load_announcements(path),
        read_lenient=None,
        values=st.lists(ADVERSARIAL, max_size=3),
        write=_write_announcements,
        expected=lambda sources: announcements_from_data(_announcement_data(sources)),
        cli=None,
    ),
    _dossier_format(
        "sync-records-jsonl",
        ".jsonl",
        st.lists(one_stop_dossiers(), max_size=4).map(_unique),
        write_sync_records,
    ),
    FormatCase(
        name="sync-records-json",
        suffix=".json",
        read=lambda path: read_sync_records(path),
        read_lenient=lambda path: read_sync_records(path, strict=False),
        values=st.lists(one_stop_dossiers(), min_size=1, max_size=4).map(_unique),
        write=lambda items, path: _write_json(path, [sync_record(d) for d in items]),
        expected=tuple,
    ),
    _dossier_format(
        "spreadsheet-xlsx",
        ".xlsx",
        st.lists(one_stop_dossiers(XLSX_TEXT), max_size=4).map(_unique),
        write_export,
        binary=True,
    ),
    FormatCase(
        name="national-csv",
        suffix=".csv",
        read=read_national,
        read_lenient=None,
        values=national_rows(),
        write=write_national_csv,
        expected=national_expected,
        cli=("catalogue", "check", "FILE"),
    ),
    FormatCase(
        name="national-xlsx",
        suffix=".xlsx",
        read=read_national,
        read_lenient=None,
        values=national_rows(ADVERSARIAL.filter(lambda s: _XML_ILLEGAL.search(s) is None)),
        write=write_national_xlsx,
        expected=national_expected,
        binary=True,
        cli=("catalogue", "check", "FILE"),
    ),
]
"""Every format tthc reads, with its reader, writer and round-trip expectation."""

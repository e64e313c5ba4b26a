"""The event CSV: dossiers as one row per event (``docs/data-formats.md``).

:data:`DOSSIER_CSV_COLUMNS` are its columns. Rows name their procedure by code, looked up in a
catalogue (:func:`tthc.formats.catalogue_files.lookup`); a file whose header is the
one-row-per-dossier layout is handed to :mod:`tthc.formats.frames`. It may import the converter,
the results, :mod:`tthc.formats.catalogue_files`, :mod:`tthc.formats.frames` and the models layer.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from tthc.errors import DataRowError, TthcError
from tthc.formats._io import CellError
from tthc.formats.catalogue_files import procedure_for
from tthc.formats.converter import converter, describe, unstructure
from tthc.formats.csv_cells import csv_rows, csv_text
from tthc.formats.frames import read_frame_csv
from tthc.formats.results import (
    ReadResult,
    Record,
    RowError,
    csv_records,
    header_failed,
    settle,
)
from tthc.models import EVENT_TYPES, AnyEvent, Appointed, Dossier, Event, Procedure

__all__ = ["DOSSIER_CSV_COLUMNS"]


DOSSIER_CSV_COLUMNS: tuple[str, ...] = (
    "dossier_id",
    "agency",
    "procedure_code",
    "event",
    "at",
    "channel",
    "reason",
    "new_due",
    "step",
    "digitally_signed",
    "inferred",
    "promised_due",
)
"""Columns of the one-row-per-event CSV layout, in the order :func:`write_dossiers` writes them.

The first five are required in a file; the event fields may be left out when no row needs them.
"""

_REQUIRED_COLUMNS = DOSSIER_CSV_COLUMNS[:5]
_EVENT_FIELDS = DOSSIER_CSV_COLUMNS[5:]
_EVENTS_BY_KIND: dict[str, type[Event]] = {cls.kind: cls for cls in EVENT_TYPES}


def read_events_csv(
    text: str, source: str, table: Mapping[str, Procedure], strict: bool
) -> ReadResult:
    """Dossiers of an event CSV: every row a record, grouped by ``dossier_id``; a dossier with a
    bad row is rejected as a whole (see :func:`tthc.formats.results.settle`)."""
    rows = csv_rows(text)
    first = next(rows, None)
    if first is None:
        return header_failed(source, RowError(source, 1, None, _EMPTY), [], strict=strict)
    if first.cells is None:
        header_error = RowError(source, 1, None, first.problem)
        return header_failed(source, header_error, rows, strict=strict)
    header = [h.strip() for h in first.cells]
    if "dossier_id" not in header and {"id", "received"} <= set(header):
        return read_frame_csv(header, rows, source, table, strict)
    problem = _header_problem(header)
    if problem is not None:
        error = RowError(source, 1, problem[0], problem[1])
        return header_failed(source, error, rows, strict=strict)
    first_seen: dict[str, tuple[str | None, str]] = {}

    def read(
        row: dict[str, str], dossier_id: str
    ) -> tuple[Event, str | None, Procedure | None, str]:
        agency = _key(row["agency"]) or None
        code = row["procedure_code"].strip()
        if dossier_id in first_seen:
            prev_agency, prev_code = first_seen[dossier_id]
            if (prev_agency, prev_code) != (agency, code):
                raise CellError(
                    "agency" if prev_agency != agency else "procedure_code",
                    f"dossier {dossier_id!r} has agency/procedure_code "
                    f"{prev_agency!r}/{prev_code!r} on an earlier row, {agency!r}/{code!r} here",
                )
        else:
            first_seen[dossier_id] = (agency, code)
        procedure = procedure_for(table, code, required=False)
        return _event_from_row(row), agency, procedure, code

    records = csv_records(rows, source, header, "dossier_id", read)
    return settle(source, records, _build, strict=strict)


_EMPTY = "empty file: expected a header row"


def _key(text: str) -> str:
    """A text key (dossier id, agency) as tthc keeps it: Unicode NFC."""
    return unicodedata.normalize("NFC", text)


def _header_problem(header: list[str]) -> tuple[str, str] | None:
    unknown = [h for h in header if h not in DOSSIER_CSV_COLUMNS]
    missing = [c for c in _REQUIRED_COLUMNS if c not in header]
    duplicated = sorted({h for h in header if header.count(h) > 1})
    if not (unknown or missing or duplicated):
        return None
    problems = []
    if unknown:
        problems.append(f"unknown column(s) {unknown}")
    if missing:
        problems.append(f"missing column(s) {missing}")
    if duplicated:
        problems.append(f"repeated column(s) {duplicated}")
    return (
        (unknown or missing or duplicated)[0],
        "; ".join(problems) + f"; expected columns {list(DOSSIER_CSV_COLUMNS)}",
    )


def _build(dossier_id: str, records: Sequence[Record]) -> Dossier:
    _, agency, procedure, code = records[0].value
    events = [r.value[0] for r in records]
    if procedure is None:
        # not in the catalogue: a stand-in when the dossier carries a promised date to classify on
        if not any(isinstance(e, Appointed) for e in events):
            raise DataRowError(
                f"unknown procedure code {code!r}: not in the procedures given, and the dossier "
                "has no promised date (an 'appointed' row) to classify it on; pass a catalogue "
                "that has it (--catalogue on the command line, procedures=… in Python)",
                field="procedure_code",
            )
        procedure = Procedure.uncatalogued(code)
    try:
        return Dossier(dossier_id, procedure, events, agency=agency)
    except TthcError as exc:
        lines = ", ".join(str(r.line) for r in records)
        raise DataRowError(f"{exc} (rows on lines {lines})", field="events") from exc


def _event_from_row(row: Mapping[str, str]) -> Event:
    kind = row["event"].strip()
    cls = _EVENTS_BY_KIND.get(kind)
    if cls is None:
        raise CellError(
            "event", f"unknown event {kind!r}; expected one of {', '.join(sorted(_EVENTS_BY_KIND))}"
        )
    data: dict[str, Any] = {"kind": kind, "at": row["at"].strip()}
    accepted = {a.name for a in attrs.fields(cls)}
    for name in _EVENT_FIELDS:
        cell = row.get(name, "")
        if cell == "":
            continue
        if name not in accepted:
            raise CellError(name, f"a {kind!r} event has no field {name!r}, got {cell!r}")
        if name in ("digitally_signed", "inferred"):
            flag = cell.strip().lower()
            if flag not in ("true", "false"):
                raise CellError(name, f"expected true or false, got {cell!r}")
            data[name] = flag == "true"
        elif name in ("channel", "new_due", "promised_due"):
            data[name] = cell.strip()
        else:
            data[name] = cell
    try:
        return converter.structure(data, AnyEvent)  # type: ignore[arg-type]
    except Exception as exc:
        path, message = describe(exc)
        raise CellError(path.removeprefix("$.") or "at", message) from exc


def event_to_row(dossier: Dossier, event: Event) -> dict[str, str]:
    data = unstructure(event)
    row = {
        "dossier_id": dossier.id,
        "agency": dossier.agency or "",
        "procedure_code": dossier.procedure.code,
        "event": data.pop("kind"),
        "at": data.pop("at"),
    }
    for name, value in data.items():
        if value is None or (name == "inferred" and value is False):  # the default: no cell
            continue
        row[name] = ("true" if value else "false") if isinstance(value, bool) else str(value)
    return row


def write_events_csv(dossiers: Iterable[Dossier]) -> str:
    """The CSV text of ``dossiers``, one row per event (see :data:`DOSSIER_CSV_COLUMNS`); text
    cells are escaped against formula injection (:mod:`tthc.formats.csv_cells`)."""
    rows = [event_to_row(d, e) for d in dossiers for e in d.events]
    # "inferred" and "promised_due" are new: written only when a row needs them.
    optional = ("inferred", "promised_due")
    columns = [c for c in DOSSIER_CSV_COLUMNS if c not in optional or any(c in r for r in rows)]
    return csv_text(columns, ([r.get(c, "") for c in columns] for r in rows))

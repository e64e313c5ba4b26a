"""The event CSV: dossiers as one row per event (``docs/data-formats.md``).

:data:`DOSSIER_CSV_COLUMNS` are its columns. Rows name their procedure by code, looked up in a
catalogue (:func:`tthc.formats.catalogue_files.lookup`); a file whose header is the
one-row-per-dossier layout is handed to :mod:`tthc.formats.frames`. It may import the converter,
the results, :mod:`tthc.formats.catalogue_files`, :mod:`tthc.formats.frames` and the models layer.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from tthc.errors import TthcError
from tthc.formats._io import CellError
from tthc.formats.catalogue_files import lookup
from tthc.formats.converter import converter, describe, unstructure
from tthc.formats.frames import read_frame_csv
from tthc.formats.results import RowError
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


@attrs.frozen
class _Row:
    line: int
    event: Event


def read_events_csv(
    text: str, source: str, table: Mapping[str, Procedure], strict: bool
) -> tuple[list[Dossier], list[RowError]]:
    errors: list[RowError] = []
    try:
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        header = next(reader, None)
    except csv.Error as exc:
        return [], [RowError(source, 1, None, f"unreadable CSV: {exc}")]
    if header is None:
        return [], [RowError(source, 1, None, "empty file: expected a header row")]
    header = [h.strip() for h in header]
    if "dossier_id" not in header and {"id", "received"} <= set(header):
        return read_frame_csv(text, source, table, strict)
    unknown = [h for h in header if h not in DOSSIER_CSV_COLUMNS]
    missing = [c for c in _REQUIRED_COLUMNS if c not in header]
    duplicated = sorted({h for h in header if header.count(h) > 1})
    if unknown or missing or duplicated:
        problems = []
        if unknown:
            problems.append(f"unknown column(s) {unknown}")
        if missing:
            problems.append(f"missing column(s) {missing}")
        if duplicated:
            problems.append(f"repeated column(s) {duplicated}")
        return [], [
            RowError(
                source,
                1,
                (unknown or missing or duplicated)[0],
                "; ".join(problems) + f"; expected columns {list(DOSSIER_CSV_COLUMNS)}",
            )
        ]
    groups: dict[str, list[_Row]] = {}
    meta: dict[str, tuple[str | None, str, Procedure | None]] = {}
    bad_ids: set[str] = set()
    line = 1
    while True:
        start = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            errors.append(RowError(source, start, None, f"unreadable CSV: {exc}"))
            break
        line = start
        if not any(v.strip() for v in values):
            continue  # blank line
        if len(values) != len(header):
            errors.append(
                RowError(source, line, None, f"expected {len(header)} cells, got {len(values)}")
            )
            if strict:
                break
            continue
        row = dict(zip(header, values, strict=True))
        dossier_id = row["dossier_id"]
        try:
            agency = row["agency"] or None
            code = row["procedure_code"].strip()
            if not dossier_id.strip():
                raise CellError("dossier_id", "expected a dossier id, got an empty cell")
            event = _event_from_row(row)
            if dossier_id in meta:
                prev_agency, prev_code, _ = meta[dossier_id]
                if (prev_agency, prev_code) != (agency, code):
                    raise CellError(
                        "agency" if prev_agency != agency else "procedure_code",
                        f"dossier {dossier_id!r} has agency/procedure_code "
                        f"{prev_agency!r}/{prev_code!r} on an earlier row, {agency!r}/{code!r} here",
                    )
            else:
                # None: not in the catalogue; a stand-in if the dossier has a promised date
                meta[dossier_id] = (agency, code, lookup(table, code))
        except (CellError, TthcError) as exc:
            field = exc.field if isinstance(exc, CellError) else None
            errors.append(RowError(source, line, field, str(exc), dossier_id or None))
            bad_ids.add(dossier_id)
            if strict:
                break
            continue
        groups.setdefault(dossier_id, []).append(_Row(line, event))
    dossiers: list[Dossier] = []
    if strict and errors:
        return dossiers, errors
    for dossier_id, rows in groups.items():
        if dossier_id in bad_ids:
            continue
        agency, code, procedure = meta[dossier_id]
        if procedure is None:
            if not any(isinstance(r.event, Appointed) for r in rows):
                errors.append(
                    RowError(
                        source,
                        rows[0].line,
                        "procedure_code",
                        f"unknown procedure code {code!r}: not in the procedures given, and the "
                        "dossier has no promised date (an 'appointed' row) to classify it on; "
                        "pass a catalogue that has it (--catalogue on the command line, "
                        "procedures=… in Python)",
                        dossier_id,
                    )
                )
                if strict:
                    break
                continue
            procedure = Procedure.uncatalogued(code)
        try:
            dossiers.append(Dossier(dossier_id, procedure, [r.event for r in rows], agency=agency))
        except TthcError as exc:
            lines = ", ".join(str(r.line) for r in rows)
            errors.append(
                RowError(
                    source, rows[0].line, "events", f"{exc} (rows on lines {lines})", dossier_id
                )
            )
            if strict:
                break
    # errors of single rows in line order, then those of whole timelines
    errors.sort(key=lambda e: (e.field == "events", e.line or 0))
    return dossiers, errors


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
    """The CSV text of ``dossiers``, one row per event (see :data:`DOSSIER_CSV_COLUMNS`)."""
    rows = [event_to_row(d, e) for d in dossiers for e in d.events]
    # "inferred" and "promised_due" are new: written only when a row needs them.
    optional = ("inferred", "promised_due")
    columns = [c for c in DOSSIER_CSV_COLUMNS if c not in optional or any(c in r for r in rows)]
    buf = io.StringIO(newline="")
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()

"""Catalogue files: :class:`~tthc.catalogue.Catalogue` as CSV or JSON, and the bundled one.

Also where a dossier file's procedure codes are looked up (:func:`procedure_table`,
:func:`lookup`). It may import :mod:`tthc.catalogue`, the converter, :mod:`tthc.formats.json`
and the models layer.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import Any, Literal, cast, overload

import attrs

from tthc.catalogue import Catalogue, CatalogueEntry
from tthc.errors import DataRowError
from tthc.formats import national
from tthc.formats._io import (
    CellError,
    PathOrFile,
    detect_format,
    read_text,
    source_name,
    write_text,
)
from tthc.formats.converter import structure, unstructure
from tthc.formats.csv_cells import csv_text, unescape_cell
from tthc.formats.json import dumps, json_items
from tthc.formats.results import RowError
from tthc.models import CODE_RE, Procedure

__all__ = [
    "CATALOGUE_COLUMNS",
    "ProcedureSource",
    "bundled_catalogue",
    "read_catalogue",
    "write_catalogue",
]


CATALOGUE_COLUMNS: tuple[str, ...] = tuple(a.name for a in attrs.fields(CatalogueEntry) if a.init)
"""Columns (CSV) and keys (JSON) of the catalogue format, in order."""

_LIST_COLUMNS = ("legal_basis", "published_in", "sources")

ProcedureSource = Catalogue | Mapping[str, Procedure] | Iterable[Procedure] | None
"""Where procedure codes are looked up: a catalogue, a mapping code → procedure, or procedures."""


def procedure_table(procedures: ProcedureSource) -> Mapping[str, Procedure]:
    if procedures is None:
        return bundled_catalogue().procedures
    if isinstance(procedures, Catalogue):
        return procedures.procedures
    if isinstance(procedures, Mapping):
        return procedures
    return {p.code: p for p in procedures}


def lookup(table: Mapping[str, Procedure], code: str) -> Procedure | None:
    """The procedure for ``code``; a provincial code falls back to its national entry."""
    found = table.get(code)
    if found is None and len(code) > 8 and code[8] == "." and code[:8] in table:
        return attrs.evolve(table[code[:8]], code=code)  # a malformed code raises here
    return found


@overload
def procedure_for(
    table: Mapping[str, Procedure], code: str, *, required: Literal[True] = ...
) -> Procedure: ...
@overload
def procedure_for(
    table: Mapping[str, Procedure], code: str, *, required: bool
) -> Procedure | None: ...
def procedure_for(
    table: Mapping[str, Procedure], code: str, *, required: bool = True
) -> Procedure | None:
    """The procedure of a dossier file's ``code`` (see :func:`lookup`); a malformed code raises
    :class:`~tthc.formats._io.CellError` on ``procedure_code``, and so does an unknown one if
    ``required`` (else ``None``: the caller decides, e.g. a stand-in for a dossier with a promised
    date)."""
    if CODE_RE.fullmatch(code) is None:
        raise CellError(
            "procedure_code",
            f"malformed procedure code {code!r}: expected a code like '1.001193' or "
            "'2.000815.000.00.00.H55' (digits, dots, upper-case letters)",
        )
    procedure = lookup(table, code)
    if procedure is None and required:
        raise CellError(
            "procedure_code",
            f"unknown procedure code {code!r}: not in the procedures given "
            "(pass procedures=… with a catalogue that has it)",
        )
    return procedure


def _catalogue_row_to_data(row: Mapping[str, str]) -> dict[str, Any]:
    """A CSV row as the JSON form (lists split on newlines, steps and channel limits parsed)."""
    data: dict[str, Any] = {}
    for name, cell in row.items():
        if cell == "" and name not in ("code", "name", "field", "level", "time_limit"):
            continue
        if name in _LIST_COLUMNS:
            data[name] = [s.strip() for s in cell.splitlines() if s.strip()]
        elif name == "steps":
            steps = []
            for item in (s for s in cell.splitlines() if s.strip()):
                parts = [p.strip() for p in item.split("|")]
                if len(parts) != 3:
                    raise CellError(
                        "steps", f"expected 'name | agency | budget' per line, got {item!r}"
                    )
                steps.append(dict(zip(("name", "agency", "budget"), parts, strict=True)))
            data[name] = steps
        elif name == "time_limit_alternatives":
            data[name] = [
                _alternative_from_cell(item) for item in cell.splitlines() if item.strip()
            ]
        elif name == "channel_time_limits":
            limits = {}
            for item in (s for s in cell.splitlines() if s.strip()):
                channel, sep, limit = item.partition(":")
                if not sep:
                    raise CellError(name, f"expected 'channel: time limit' per line, got {item!r}")
                limits[channel.strip()] = limit.strip()
            data[name] = limits
        else:
            data[name] = cell
    return data


def _alternative_from_cell(item: str) -> dict[str, str]:
    """``"[kind] condition => time limit"`` (kind ``condition`` by default) as the JSON form."""
    m = re.fullmatch(
        r"\s*(?:\[(?P<kind>[a-z_]+)\]\s*)?(?P<condition>.+?)\s*=>\s*(?P<limit>.+?)\s*", item
    )
    if m is None:
        raise CellError(
            "time_limit_alternatives",
            f"expected 'condition => time limit' per line, got {item!r}",
        )
    return {"condition": m["condition"], "limit": m["limit"], "kind": m["kind"] or "condition"}


def _alternative_to_cell(data: Mapping[str, str]) -> str:
    kind = "" if data["kind"] == "condition" else f"[{data['kind']}] "
    return f"{kind}{data['condition']} => {data['limit']}"


def _catalogue_data_to_row(data: Mapping[str, Any]) -> dict[str, str]:
    row: dict[str, str] = {}
    for name in CATALOGUE_COLUMNS:
        value = data.get(name)
        if value is None:
            row[name] = ""
        elif name in _LIST_COLUMNS:
            row[name] = "\n".join(value)
        elif name == "steps":
            row[name] = "\n".join(f"{s['name']} | {s['agency']} | {s['budget']}" for s in value)
        elif name == "channel_time_limits":
            row[name] = "\n".join(f"{k}: {v}" for k, v in value.items())
        elif name == "time_limit_alternatives":
            row[name] = "\n".join(_alternative_to_cell(a) for a in value)
        else:
            row[name] = str(value)
    return row


def read_catalogue(
    path_or_file: PathOrFile | io.BufferedIOBase, *, format: str | None = None
) -> Catalogue:
    """A procedure catalogue from CSV or JSON (format: ``docs/data-formats.md``), or from the
    national database's published columns in CSV or XLSX (:mod:`tthc.formats.national`).

    Any bad entry raises :class:`~tthc.errors.DataRowError` with its line and field. Of a
    national-database file, the procedures whose time limit tthc cannot count without a person
    (it needs review, lists cases without a default, or states none) are kept apart in
    :attr:`Catalogue.unread <tthc.catalogue.Catalogue.unread>` with the reason.
    """
    if national.is_xlsx(path_or_file, format) and format != "json":
        return national.read_national_catalogue(path_or_file, format="xlsx")
    text_file = cast(PathOrFile, path_or_file)  # a binary file is refused by read_text
    source = source_name(text_file)
    fmt = detect_format(text_file, format)
    text = read_text(text_file, source)
    if fmt == "csv":
        try:
            header = next(csv.reader(io.StringIO(text, newline="")), [])
        except csv.Error:
            header = []
        if national.is_national_header(header):
            rows = list(csv.reader(io.StringIO(text, newline="")))
            return national.catalogue_of(national.published_of_rows(rows, source))
    entries: list[CatalogueEntry] = []
    if fmt == "json":
        for item in json_items(text, source, "catalogue entries"):
            if isinstance(item, RowError):
                raise item.as_exception()
            line, data = item
            try:
                entries.append(structure(data, CatalogueEntry, source=source))
            except DataRowError as exc:
                raise DataRowError(
                    str(exc).replace(f"{source}: ", f"{source}: line {line}: ", 1),
                    file=source,
                    line=line,
                    field=exc.field,
                ) from exc
        return Catalogue(entries)
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
        fields = [f.strip() for f in reader.fieldnames or ()]
    except csv.Error as exc:
        raise DataRowError(f"{source}: line 1: unreadable CSV: {exc}", file=source, line=1) from exc
    unknown = [f for f in fields if f not in CATALOGUE_COLUMNS]
    missing = [c for c in CATALOGUE_COLUMNS[:5] if c not in fields]
    if unknown or missing:
        raise DataRowError(
            f"{source}: line 1: unknown column(s) {unknown}, missing column(s) {missing}; "
            f"expected columns {list(CATALOGUE_COLUMNS)}",
            file=source,
            line=1,
            field=(unknown or missing)[0],
        )
    reader.fieldnames = fields
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise DataRowError(
                f"{source}: line {line}: unreadable CSV: {exc}", file=source, line=line
            ) from exc
        if None in row or any(v is None for v in row.values()):
            raise DataRowError(
                f"{source}: line {line}: expected {len(fields)} cells", file=source, line=line
            )
        row = {name: unescape_cell(cell) for name, cell in row.items()}
        try:
            data = _catalogue_row_to_data(row)
        except CellError as exc:
            raise DataRowError(
                f"{source}: line {line}: field {exc.field!r}: {exc}",
                file=source,
                line=line,
                field=exc.field,
            ) from exc
        try:
            entries.append(structure(data, CatalogueEntry, source=source))
        except DataRowError as exc:
            field = (exc.field or "").removeprefix("$.") or None
            raise DataRowError(
                str(exc).replace(f"{source}: ", f"{source}: line {line}: ", 1),
                file=source,
                line=line,
                field=field,
            ) from exc
    return Catalogue(entries)


def write_catalogue(
    catalogue: Catalogue | Iterable[CatalogueEntry],
    path_or_file: PathOrFile,
    *,
    format: str | None = None,
) -> None:
    """Write a catalogue as CSV or JSON; :func:`read_catalogue` reads it back unchanged."""
    fmt = detect_format(path_or_file, format)
    entries = list(catalogue)
    if fmt == "json":
        write_text(path_or_file, dumps(entries, indent=2) + "\n")
        return
    rows = (_catalogue_data_to_row(unstructure(entry)) for entry in entries)
    text = csv_text(CATALOGUE_COLUMNS, ([row[c] for c in CATALOGUE_COLUMNS] for row in rows))
    write_text(path_or_file, text)


@functools.cache
def bundled_catalogue() -> Catalogue:
    """The catalogue shipped with tthc: real procedures, each with its sources.

    >>> cat = bundled_catalogue()
    >>> "1.001193" in cat and "1.000894" in cat
    True
    >>> [s.name for s in cat["2.002621"].steps]
    ['Đăng ký khai sinh', 'Đăng ký thường trú', 'Cấp thẻ bảo hiểm y tế']
    """
    ref = resources.files("tthc").joinpath("data/catalogue.json")
    return read_catalogue(io.StringIO(ref.read_text(encoding="utf-8")), format="json")

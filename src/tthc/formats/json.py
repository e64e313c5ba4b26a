"""JSON text of tthc values (:func:`dumps`, :func:`loads`) and JSON files of dossiers.

A JSON dossier file is an array of dossiers; its elements are read one by one with the line each
starts on, so a bad dossier is reported by line and the others are kept. The text is read
strictly: a key twice in one object, ``NaN`` / ``Infinity``, an integer of more than 100 digits
and a float out of range are errors, never a silent last-wins or a crash. It may import
:mod:`tthc.formats.converter`, :mod:`tthc.formats.results` and the models layer.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

from tthc._strict_json import STRICT_DECODER, JsonValueError
from tthc.errors import DataRowError
from tthc.formats.converter import structure, unstructure
from tthc.formats.results import ReadResult, Record, RowError, refuse_repeated_ids, settle
from tthc.models import Dossier

__all__ = ["dumps", "loads"]

T = TypeVar("T")


def dumps(value: object, *, indent: int | None = None) -> str:
    """``value`` as JSON text (UTF-8 characters kept as they are).

    >>> from tthc.timelimits import TimeLimit
    >>> dumps([TimeLimit.working_days(5), TimeLimit.months(3)])
    '["05 ngày làm việc", "03 tháng"]'
    """
    return json.dumps(unstructure(value), ensure_ascii=False, indent=indent)


def loads(text: str | bytes, cls: type[T], *, source: str = "<string>") -> T:
    """The ``cls`` value encoded in JSON ``text``; the inverse of :func:`dumps`.

    Raises :class:`~tthc.errors.DataRowError` (a :class:`~tthc.errors.DataError`) for invalid
    JSON (with its line) and for any value that does not fit ``cls`` (with its path).
    """
    try:
        if isinstance(text, (bytes, bytearray)):
            text = text.decode(json.detect_encoding(text))
        data = STRICT_DECODER.decode(text)
    except json.JSONDecodeError as exc:
        raise DataRowError(
            f"{source}: line {exc.lineno}: invalid JSON: {exc.msg}", file=source, line=exc.lineno
        ) from exc
    except (UnicodeDecodeError, RecursionError, JsonValueError) as exc:
        message = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise DataRowError(f"{source}: invalid JSON: {message}", file=source) from exc
    return structure(data, cls, source=source)


def json_items(
    text: str, source: str, what: str = "dossiers"
) -> Iterator[tuple[int, Any] | RowError]:
    """The elements of a top-level JSON array of ``what`` with the line each starts on."""
    decoder = STRICT_DECODER
    ws = re.compile(r"[ \t\n\r]*")
    seen = [0, 1]  # newlines are counted once, up to seen[0]; seen[1] is the line there

    def line_at(pos: int) -> int:
        seen[1] += text.count("\n", seen[0], pos)
        seen[0] = pos
        return seen[1]

    pos = ws.match(text, 0).end()  # type: ignore[union-attr]
    if not text.startswith("[", pos):
        yield RowError(source, line_at(pos), None, f"expected a JSON array of {what}")
        return
    pos = ws.match(text, pos + 1).end()  # type: ignore[union-attr]
    if text.startswith("]", pos):
        pos += 1
    else:
        while True:
            line = line_at(pos)
            try:
                item, pos = decoder.raw_decode(text, pos)
            except (json.JSONDecodeError, RecursionError, JsonValueError) as exc:
                if isinstance(exc, json.JSONDecodeError):
                    line, msg = exc.lineno, exc.msg
                else:
                    msg = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
                yield RowError(source, line, None, f"invalid JSON: {msg}")
                return
            yield line, item
            pos = ws.match(text, pos).end()  # type: ignore[union-attr]
            if text.startswith(",", pos):
                pos = ws.match(text, pos + 1).end()  # type: ignore[union-attr]
                continue
            if text.startswith("]", pos):
                pos += 1
                break
            yield RowError(source, line_at(pos), None, "invalid JSON: expected ',' or ']'")
            return
    pos = ws.match(text, pos).end()  # type: ignore[union-attr]
    if pos != len(text):
        yield RowError(source, line_at(pos), None, "invalid JSON: extra data")


def read_json_dossiers(text: str, source: str, *, strict: bool) -> ReadResult:
    """Dossiers of a JSON file: each array element is a record; a dossier id seen twice is
    refused on every occurrence after the first (and the dossier is rejected as a whole)."""
    records: list[Record] = []
    for item in json_items(text, source):
        if isinstance(item, RowError):  # the rest of the file is unreadable: one record
            records.append(Record(item.line or 1, None, item))
            continue
        line, data = item
        raw_id = data.get("id") if isinstance(data, dict) else None
        dossier_id = (
            unicodedata.normalize("NFC", raw_id)
            if isinstance(raw_id, str) and raw_id.strip()
            else None
        )
        try:
            records.append(Record(line, dossier_id, None, structure(data, Dossier, source=source)))
        except DataRowError as exc:
            message = str(exc).removeprefix(f"{source}: ")
            field = exc.field
            if field and message.startswith(field + ": "):
                message = message[len(field) + 2 :]
            records.append(
                Record(line, dossier_id, RowError(source, line, field, message, dossier_id))
            )
    records = refuse_repeated_ids(records, source, "more than once")
    return settle(source, records, _only, strict=strict)


def _only(dossier_id: str, records: Sequence[Record]) -> Dossier:
    dossier: Dossier = records[0].value
    return dossier

"""Reading and writing tthc values: one cattrs converter, JSON, CSV data files, the catalogue.

Everything goes through :data:`converter`, a :class:`cattrs.Converter` configured once for tthc's
types; no class has a hand-written ``to_dict``. The JSON forms (see ``docs/data-formats.md``):

* ``date`` → ``"2026-02-12"``; ``datetime`` → ISO 8601, naive stays naive
  (``"2026-02-12T09:30:00"``), aware keeps its UTC offset (``"2026-02-12T09:30:00+07:00"``; the
  zone's *name* is not kept, the instant is); ``time`` → ``"15:00:00"``; ``timedelta`` → an ISO 8601
  duration (``"PT1H30M"``, ``"-P1DT0.5S"``).
* enums by value (``"working_day"``, ``"commune"``, ``"online"``).
* :class:`~tthc.timelimits.TimeLimit` as its canonical Vietnamese text, ``"05 ngày làm việc"``
  (read back with :meth:`~tthc.timelimits.TimeLimit.parse`; ``parse(str(x)) == x`` for every
  limit). On input the structured form ``{"amount": 5, "unit": "working_day"}`` is accepted too.
* ``Procedure.channel_time_limits`` as an object ``{"online": "01 ngày làm việc"}``.
* timeline events as objects tagged by ``kind`` (the event class's ``kind``):
  ``{"kind": "received", "at": "2026-02-12T09:30:00", "channel": "in_person"}``.

>>> from datetime import datetime
>>> from tthc.models import Received, Resolved
>>> dumps(Received(datetime(2026, 2, 12, 9, 30)))
'{"kind": "received", "at": "2026-02-12T09:30:00", "channel": "in_person"}'
>>> loads('{"kind": "resolved", "at": "2026-02-26T16:45:00+07:00"}', Resolved)
Resolved(at=datetime.datetime(2026, 2, 26, 16, 45, tzinfo=datetime.timezone(datetime.timedelta(seconds=25200))), digitally_signed=None)
>>> loads('"05 ngày làm việc"', TimeLimit) == TimeLimit.working_days(5)
True
>>> loads('{"kind": "received", "at": "12/02/2026"}', Received)
Traceback (most recent call last):
...
tthc.errors.DataRowError: <string>: $.at: expected an ISO 8601 datetime 'YYYY-MM-DDTHH:MM[:SS[.ffffff]][±HH:MM]' (or a space for T), got '12/02/2026'

Data files: :func:`read_dossiers` / :func:`write_dossiers` (CSV one row per event, or JSON) and
:func:`read_catalogue` / :func:`write_catalogue` / :func:`bundled_catalogue` for procedure
catalogues. Bad rows are never dropped silently: they raise :class:`~tthc.errors.DataRowError`
naming the file, line and field, or (``strict=False``) come back in :attr:`ReadResult.errors`.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime, time, timedelta
from importlib import resources
from pathlib import Path
from typing import IO, Any, Literal, TypeVar, Union, cast, overload

import attrs
import cattrs
from cattrs.errors import BaseValidationError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.strategies import configure_tagged_union

from tthc.errors import DataRowError, TthcError
from tthc.models import (
    EVENT_TYPES,
    AnyEvent,
    Channel,
    Dossier,
    Event,
    GovernmentLevel,
    Procedure,
    ProcessStep,
    Received,
    ServiceLevel,
    SupplementPolicy,
)
from tthc.timelimits import Precision, TimeLimit

__all__ = [
    "CATALOGUE_COLUMNS",
    "DOSSIER_CSV_COLUMNS",
    "Catalogue",
    "CatalogueEntry",
    "ReadResult",
    "RowError",
    "bundled_catalogue",
    "converter",
    "dumps",
    "loads",
    "make_converter",
    "read_catalogue",
    "read_dossiers",
    "structure",
    "unstructure",
    "write_catalogue",
    "write_dossiers",
]

T = TypeVar("T")
PathOrFile = Union[str, "os.PathLike[str]", IO[str]]

# -- scalar forms ------------------------------------------------------------------------------

_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIME = r"[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?"
_DATETIME_RE = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ]" + _TIME + r"(?:Z|[+-][0-9]{2}:[0-9]{2})?"
)
_TIME_RE = re.compile(_TIME)
_DURATION_RE = re.compile(
    r"(?P<sign>-)?P(?:(?P<d>[0-9]+)D)?"
    r"(?:T(?:(?P<h>[0-9]+)H)?(?:(?P<m>[0-9]+)M)?(?:(?P<s>[0-9]+)(?:\.(?P<f>[0-9]{1,6}))?S)?)?"
)


class _FormatError(ValueError):
    """A scalar in the wrong format (turned into a DataRowError naming the field)."""


def _want_str(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise _FormatError(f"expected {what}, got {type(value).__name__} {value!r}")
    return value


def _structure_date(value: object, _: type) -> date:
    text = _want_str(value, "an ISO 8601 date 'YYYY-MM-DD'")
    if _DATE_RE.fullmatch(text) is None:
        raise _FormatError(f"expected an ISO 8601 date 'YYYY-MM-DD', got {text!r}")
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise _FormatError(f"expected an ISO 8601 date 'YYYY-MM-DD', got {text!r}: {exc}") from None


def _structure_datetime(value: object, _: type) -> datetime:
    what = "an ISO 8601 datetime 'YYYY-MM-DDTHH:MM[:SS[.ffffff]][±HH:MM]' (or a space for T)"
    text = _want_str(value, what)
    if _DATETIME_RE.fullmatch(text) is None:
        raise _FormatError(f"expected {what}, got {text!r}")
    try:
        return datetime.fromisoformat(text)
    except ValueError as exc:
        raise _FormatError(f"expected {what}, got {text!r}: {exc}") from None


def _structure_time(value: object, _: type) -> time:
    text = _want_str(value, "an ISO 8601 time 'HH:MM[:SS]'")
    if _TIME_RE.fullmatch(text) is None:
        raise _FormatError(f"expected an ISO 8601 time 'HH:MM[:SS]', got {text!r}")
    try:
        return time.fromisoformat(text)
    except ValueError as exc:
        raise _FormatError(f"expected an ISO 8601 time 'HH:MM[:SS]', got {text!r}: {exc}") from None


def _unstructure_timedelta(value: timedelta) -> str:
    """ISO 8601 duration of ``value``, e.g. ``PT1H30M``; negative values get a leading ``-``.

    >>> _unstructure_timedelta(timedelta(days=1, hours=2, microseconds=5))
    'P1DT2H0.000005S'
    >>> _unstructure_timedelta(-timedelta(minutes=90))
    '-PT1H30M'
    >>> _unstructure_timedelta(timedelta(0))
    'PT0S'
    """
    sign = "-" if value < timedelta(0) else ""
    value = abs(value)
    hours, rest = divmod(value.seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    out = f"{sign}P" + (f"{value.days}D" if value.days else "")
    clock = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    if value.microseconds:
        clock += f"{seconds}.{value.microseconds:06d}".rstrip("0") + "S"
    elif seconds:
        clock += f"{seconds}S"
    if clock or not value.days:
        out += "T" + (clock or "0S")
    return out


def _structure_timedelta(value: object, _: type) -> timedelta:
    text = _want_str(value, "an ISO 8601 duration like 'P1DT2H30M'")
    m = _DURATION_RE.fullmatch(text)
    if m is None or text.lstrip("-") in ("P", "PT") or text.endswith("T"):
        raise _FormatError(f"expected an ISO 8601 duration like 'P1DT2H30M', got {text!r}")
    try:
        delta = timedelta(
            days=int(m.group("d") or 0),
            hours=int(m.group("h") or 0),
            minutes=int(m.group("m") or 0),
            seconds=int(m.group("s") or 0),
            microseconds=int((m.group("f") or "0").ljust(6, "0")),
        )
    except OverflowError as exc:
        raise _FormatError(f"duration {text!r} out of range: {exc}") from None
    return -delta if m.group("sign") else delta


_ChannelLimits = tuple[tuple[Channel, TimeLimit], ...]


def _unstructure_channel_limits(value: _ChannelLimits) -> dict[str, str]:
    return {channel.value: str(limit) for channel, limit in value}


# -- the converter -----------------------------------------------------------------------------


def make_converter() -> cattrs.Converter:
    """A new converter with tthc's hooks (the module-level :data:`converter` is one of these).

    Build your own to add hooks for your types without touching tthc's.
    """
    conv = cattrs.Converter(
        forbid_extra_keys=True, unstruct_collection_overrides={frozenset: sorted}
    )
    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_structure_hook(date, _structure_date)
    conv.register_unstructure_hook(datetime, datetime.isoformat)
    conv.register_structure_hook(datetime, _structure_datetime)
    conv.register_unstructure_hook(time, time.isoformat)
    conv.register_structure_hook(time, _structure_time)
    conv.register_unstructure_hook(timedelta, _unstructure_timedelta)
    conv.register_structure_hook(timedelta, _structure_timedelta)

    structured_limit = make_dict_structure_fn(TimeLimit, conv, _cattrs_forbid_extra_keys=True)

    def structure_limit(value: object, _: type) -> TimeLimit:
        if isinstance(value, Mapping):
            return structured_limit(value, TimeLimit)
        return TimeLimit.parse(_want_str(value, "a time-limit text such as '05 ngày làm việc'"))

    conv.register_unstructure_hook(TimeLimit, str)
    conv.register_structure_hook(TimeLimit, structure_limit)

    def is_channel_limits(t: Any) -> bool:
        return bool(t == _ChannelLimits)

    def structure_channel_limits(value: object, _: type) -> _ChannelLimits:
        if not isinstance(value, Mapping):
            raise _FormatError(
                "expected an object {channel: time limit}, e.g. {'online': '01 ngày làm việc'}, "
                f"got {type(value).__name__} {value!r}"
            )
        limits = conv.structure(dict(value), dict[Channel, TimeLimit])
        return tuple(limits.items())

    # Received.inferred is written only when true, so files without it stay as they were.
    conv.register_unstructure_hook(
        Received,
        make_dict_unstructure_fn(Received, conv, inferred=override(omit_if_default=True)),
    )
    conv.register_unstructure_hook_func(is_channel_limits, _unstructure_channel_limits)
    conv.register_structure_hook_func(is_channel_limits, structure_channel_limits)
    configure_tagged_union(AnyEvent, conv, tag_generator=_kind_of, tag_name="kind")

    def unstructure_event(value: Event) -> dict[str, Any]:
        # ``kind`` first, then the fields: the order a reader expects.
        return {"kind": type(value).kind, **conv.unstructure(value, type(value))}

    conv.register_unstructure_hook_func(lambda t: bool(t == AnyEvent), unstructure_event)
    return conv


def _kind_of(cls: type) -> str:
    return cast(str, cls.kind)  # type: ignore[attr-defined]


converter: cattrs.Converter = make_converter()
"""The converter for every public tthc type (a :class:`cattrs.Converter`; do not register hooks
on it, build your own with :func:`make_converter`)."""


def unstructure(value: object) -> Any:
    """``value`` as JSON-ready builtins (events carry their ``kind``).

    >>> unstructure(TimeLimit.same_day(cutoff=None))
    'Trong ngày'
    """
    if isinstance(value, Event):
        return converter.unstructure(value, unstructure_as=AnyEvent)
    return converter.unstructure(value)


def structure(data: Any, cls: type[T], *, source: str = "<data>") -> T:
    """Build a ``cls`` from builtins; any problem raises :class:`~tthc.errors.DataRowError`.

    An event class (or :data:`~tthc.models.AnyEvent`) reads the ``kind`` tag and checks it.
    """
    try:
        if isinstance(cls, type) and issubclass(cls, Event):
            event: Event = converter.structure(data, AnyEvent)  # type: ignore[arg-type]
            if not isinstance(event, cls):
                raise _FormatError(f"expected a {cls.kind!r} event, got kind {data.get('kind')!r}")
            return cast(T, event)
        return converter.structure(data, cls)
    except Exception as exc:  # the boundary with untrusted data: every failure becomes DataError
        raise _data_error(exc, source) from exc


def dumps(value: object, *, indent: int | None = None) -> str:
    """``value`` as JSON text (UTF-8 characters kept as they are).

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
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataRowError(
            f"{source}: line {exc.lineno}: invalid JSON: {exc.msg}", file=source, line=exc.lineno
        ) from exc
    except (UnicodeDecodeError, RecursionError, ValueError) as exc:
        raise DataRowError(f"{source}: invalid JSON: {exc}", file=source) from exc
    return structure(data, cls, source=source)


def _data_error(exc: BaseException, source: str, line: int | None = None) -> DataRowError:
    path, message = _describe(exc)
    where = f"{source}: " + (f"line {line}: " if line is not None else "")
    return DataRowError(
        f"{where}{path + ': ' if path else ''}{message}", file=source, line=line, field=path or None
    )


def _describe(exc: BaseException, path: str = "$") -> tuple[str, str]:
    """The JSON path and message of the first leaf error of a cattrs error tree."""
    if isinstance(exc, BaseValidationError):
        for sub in exc.exceptions:
            note = _note_of(sub)
            if note is not None:
                return _describe(sub, path + note)
        return _describe(exc.exceptions[0], path)
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return path, f"unknown key(s) {sorted(exc.extra_fields)}"
    if isinstance(exc, KeyError):
        return path, "required but missing"
    if isinstance(exc, ValueError):  # tthc's errors, bad enum values, impossible dates
        return path if path != "$" else "", str(exc)
    return path if path != "$" else "", f"{type(exc).__name__}: {exc}"


def _note_of(exc: BaseException) -> str | None:
    for note in getattr(exc, "__notes__", ()):
        if type(note) is str:  # a plain note: no path (and str.index is a method, not a place)
            continue
        name = getattr(note, "name", None)
        index = getattr(note, "index", None)
        if name is not None:
            return f".{name}"
        if index is not None:
            return f"[{index!r}]" if isinstance(index, str) else f"[{index}]"
    return None


# -- results of reading files ------------------------------------------------------------------


@attrs.frozen
class RowError:
    """One bad record of a data file: where it is and what is wrong with it."""

    file: str
    line: int | None
    field: str | None
    message: str
    dossier_id: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}: " + (f"line {self.line}: " if self.line is not None else "")
        field = f"field {self.field!r}: " if self.field else ""
        return f"{where}{field}{self.message}"

    def as_exception(self) -> DataRowError:
        """This error as a :class:`~tthc.errors.DataRowError`."""
        return DataRowError(str(self), file=self.file, line=self.line, field=self.field)


@attrs.frozen
class ReadResult:
    """What a lenient read (``strict=False``) found: the good dossiers and every bad record.

    A dossier with a bad row is left out as a whole (its other rows are not guessed at); each
    bad row is in ``errors`` with its line number.
    """

    dossiers: tuple[Dossier, ...]
    errors: tuple[RowError, ...]

    @property
    def ok(self) -> bool:
        """Whether no record was bad."""
        return not self.errors


# -- dossier files -----------------------------------------------------------------------------

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
)
"""Columns of the one-row-per-event CSV layout, in the order :func:`write_dossiers` writes them.

The first five are required in a file; the event fields may be left out when no row needs them.
"""

_REQUIRED_COLUMNS = DOSSIER_CSV_COLUMNS[:5]
_EVENT_FIELDS = DOSSIER_CSV_COLUMNS[5:]
_EVENTS_BY_KIND: dict[str, type[Event]] = {cls.kind: cls for cls in EVENT_TYPES}

ProcedureSource = Union["Catalogue", Mapping[str, Procedure], Iterable[Procedure], None]


def _procedure_table(procedures: ProcedureSource) -> Mapping[str, Procedure]:
    if procedures is None:
        return bundled_catalogue().procedures
    if isinstance(procedures, Catalogue):
        return procedures.procedures
    if isinstance(procedures, Mapping):
        return procedures
    return {p.code: p for p in procedures}


def _lookup(table: Mapping[str, Procedure], code: str) -> Procedure | None:
    """The procedure for ``code``; a provincial code falls back to its national entry."""
    found = table.get(code)
    if found is None and len(code) > 8 and code[8] == "." and code[:8] in table:
        try:
            return attrs.evolve(table[code[:8]], code=code)
        except TthcError:
            return None
    return found


def _source_name(path_or_file: PathOrFile) -> str:
    if isinstance(path_or_file, (str, os.PathLike)):
        return os.fspath(path_or_file)
    return str(getattr(path_or_file, "name", "<file>"))


def _detect_format(path_or_file: PathOrFile, fmt: str | None) -> str:
    if fmt is not None:
        if fmt not in ("csv", "json"):
            raise DataRowError(f"format: expected 'csv' or 'json', got {fmt!r}")
        return fmt
    suffix = Path(_source_name(path_or_file)).suffix.lower()
    if suffix in (".csv", ".json"):
        return suffix[1:]
    raise DataRowError(
        f"{_source_name(path_or_file)}: cannot tell the format from the name; pass format='csv' "
        "or format='json'"
    )


def _read_text(path_or_file: PathOrFile, source: str) -> str:
    try:
        if isinstance(path_or_file, (str, os.PathLike)):
            with open(path_or_file, encoding="utf-8-sig", newline="") as fh:
                return fh.read()
        text = path_or_file.read()
    except UnicodeDecodeError as exc:
        raise DataRowError(f"{source}: not UTF-8 text: {exc}", file=source) from exc
    if not isinstance(text, str):
        raise DataRowError(
            f"{source}: expected a text file, got {type(text).__name__}", file=source
        )
    return text.removeprefix("\ufeff")


@overload
def read_dossiers(
    path_or_file: PathOrFile,
    *,
    strict: Literal[True] = ...,
    procedures: ProcedureSource = ...,
    format: str | None = ...,
) -> tuple[Dossier, ...]: ...
@overload
def read_dossiers(
    path_or_file: PathOrFile,
    *,
    strict: Literal[False],
    procedures: ProcedureSource = ...,
    format: str | None = ...,
) -> ReadResult: ...
def read_dossiers(
    path_or_file: PathOrFile,
    *,
    strict: bool = True,
    procedures: ProcedureSource = None,
    format: str | None = None,
) -> tuple[Dossier, ...] | ReadResult:
    """Dossiers from a CSV (one row per event) or JSON (a list of dossiers) file.

    ``path_or_file`` is a path (the suffix ``.csv`` / ``.json`` gives the format unless
    ``format`` is passed) or an open text file. CSV rows name their procedure by
    ``procedure_code``, looked up in ``procedures`` (a :class:`Catalogue`, a mapping code →
    :class:`~tthc.models.Procedure`, or procedures; default: the bundled catalogue); a provincial
    code such as ``2.000815.000.00.00.H55`` falls back to its national entry. JSON dossiers carry
    their procedure in full.

    ``strict=True`` (default) raises :class:`~tthc.errors.DataRowError` at the first bad record,
    naming the file, line and field; ``strict=False`` returns a :class:`ReadResult` with the good
    dossiers and every error with its line.

    >>> import io
    >>> rows = io.StringIO(
    ...     "dossier_id,agency,procedure_code,event,at\\n"
    ...     "HS-1,UBND xã A,2.000815,received,2026-01-09T15:20:00\\n"
    ...     "HS-1,UBND xã A,2.000815,resolved,2026-01-10T08:00:00\\n")
    >>> [d.final_event for d in read_dossiers(rows, format="csv")]
    [Resolved(at=datetime.datetime(2026, 1, 10, 8, 0), digitally_signed=None)]
    >>> bad = io.StringIO("dossier_id,agency,procedure_code,event,at\\nHS-2,,2.000815,recieved,2026-01-09\\n")
    >>> read_dossiers(bad, format="csv", strict=False).errors[0].message
    "unknown event 'recieved'; expected one of apologized, closed, exclusion_ended, exclusion_started, received, refused, resolved, returned, step_completed, stopped, submitted, supplement_received, supplement_requested, withdrawn"
    """
    source = _source_name(path_or_file)
    fmt = _detect_format(path_or_file, format)
    text = _read_text(path_or_file, source)
    if fmt == "json":
        dossiers, errors = _read_dossiers_json(text, source)
    else:
        dossiers, errors = _read_dossiers_csv(text, source, _procedure_table(procedures), strict)
    if strict and errors:
        raise errors[0].as_exception()
    if strict:
        return tuple(dossiers)
    return ReadResult(tuple(dossiers), tuple(errors))


def _json_items(
    text: str, source: str, what: str = "dossiers"
) -> Iterator[tuple[int, Any] | RowError]:
    """The elements of a top-level JSON array of ``what`` with the line each starts on."""
    decoder = json.JSONDecoder()
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
            except (json.JSONDecodeError, RecursionError) as exc:
                msg = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
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


def _read_dossiers_json(text: str, source: str) -> tuple[list[Dossier], list[RowError]]:
    dossiers: list[Dossier] = []
    errors: list[RowError] = []
    for item in _json_items(text, source):
        if isinstance(item, RowError):
            errors.append(item)  # always the last item: _json_items stops after an error
            continue
        line, data = item
        try:
            dossiers.append(structure(data, Dossier, source=source))
        except DataRowError as exc:
            dossier_id = data.get("id") if isinstance(data, dict) else None
            message = str(exc).removeprefix(f"{source}: ")
            field = exc.field
            if field and message.startswith(field + ": "):
                message = message[len(field) + 2 :]
            errors.append(
                RowError(
                    source,
                    line,
                    field,
                    message,
                    dossier_id if isinstance(dossier_id, str) else None,
                )
            )
    return dossiers, errors


@attrs.frozen
class _Row:
    line: int
    event: Event


def _read_dossiers_csv(
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
        return _read_frame_csv(text, source, table, strict)
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
                raise _CellError("dossier_id", "expected a dossier id, got an empty cell")
            event = _event_from_row(row)
            if dossier_id in meta:
                prev_agency, prev_code, _ = meta[dossier_id]
                if (prev_agency, prev_code) != (agency, code):
                    raise _CellError(
                        "agency" if prev_agency != agency else "procedure_code",
                        f"dossier {dossier_id!r} has agency/procedure_code "
                        f"{prev_agency!r}/{prev_code!r} on an earlier row, {agency!r}/{code!r} here",
                    )
            else:
                procedure = _lookup(table, code)
                if procedure is None:
                    raise _CellError(
                        "procedure_code",
                        f"unknown procedure code {code!r}: not in the procedures given "
                        "(pass procedures=… with a catalogue that has it)",
                    )
                meta[dossier_id] = (agency, code, procedure)
        except (_CellError, TthcError) as exc:
            field = exc.field if isinstance(exc, _CellError) else None
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
        agency, _, procedure = meta[dossier_id]
        assert procedure is not None
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
    return dossiers, errors


def _read_frame_csv(
    text: str, source: str, table: Mapping[str, Procedure], strict: bool
) -> tuple[list[Dossier], list[RowError]]:
    """The one-row-per-dossier layout of :mod:`tthc.batch` (``docs/batch.md``), via pandas.

    Line numbers assume one line per record (no line breaks inside cells).
    """
    try:
        import pandas as pd

        from tthc.batch import FRAME_DATETIME_COLUMNS, frame_to_dossiers
    except ImportError as exc:
        message = f"the one-row-per-dossier layout needs tthc[batch] (numpy, pandas): {exc}"
        return [], [RowError(source, 1, None, message)]

    def frame(rows: Any) -> Any:
        df = rows.copy()
        for name in FRAME_DATETIME_COLUMNS:
            if name in df.columns:
                df[name] = pd.to_datetime(df[name].replace("", None), format="ISO8601")
        if "signed" in df.columns:
            df["signed"] = (
                df["signed"]
                .map({"True": True, "False": False, "true": True, "false": False})
                .astype("boolean")
            )
        if "agency" in df.columns:
            df["agency"] = df["agency"].replace("", None)
        return df

    raw = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    try:
        return list(frame_to_dossiers(frame(raw), table)), []
    except Exception:  # find the bad rows one by one, with their lines
        pass
    dossiers: list[Dossier] = []
    errors: list[RowError] = []
    for i in range(len(raw)):
        row = raw.iloc[[i]].reset_index(drop=True)
        try:
            dossiers.extend(frame_to_dossiers(frame(row), table))
        except Exception as exc:
            dossier_id = str(row["id"].iloc[0])
            errors.append(RowError(source, i + 2, None, f"{type(exc).__name__}: {exc}", dossier_id))
            if strict:
                break
    return dossiers, errors


class _CellError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _event_from_row(row: Mapping[str, str]) -> Event:
    kind = row["event"].strip()
    cls = _EVENTS_BY_KIND.get(kind)
    if cls is None:
        raise _CellError(
            "event", f"unknown event {kind!r}; expected one of {', '.join(sorted(_EVENTS_BY_KIND))}"
        )
    data: dict[str, Any] = {"kind": kind, "at": row["at"].strip()}
    accepted = {a.name for a in attrs.fields(cls)}
    for name in _EVENT_FIELDS:
        cell = row.get(name, "")
        if cell == "":
            continue
        if name not in accepted:
            raise _CellError(name, f"a {kind!r} event has no field {name!r}, got {cell!r}")
        if name in ("digitally_signed", "inferred"):
            flag = cell.strip().lower()
            if flag not in ("true", "false"):
                raise _CellError(name, f"expected true or false, got {cell!r}")
            data[name] = flag == "true"
        elif name in ("channel", "new_due"):
            data[name] = cell.strip()
        else:
            data[name] = cell
    try:
        return converter.structure(data, AnyEvent)  # type: ignore[arg-type]
    except Exception as exc:
        path, message = _describe(exc)
        raise _CellError(path.removeprefix("$.") or "at", message) from exc


def _event_to_row(dossier: Dossier, event: Event) -> dict[str, str]:
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


def write_dossiers(
    dossiers: Iterable[Dossier],
    path_or_file: PathOrFile,
    *,
    format: str | None = None,
) -> None:
    """Write ``dossiers`` as CSV (one row per event) or JSON; :func:`read_dossiers` reads it back.

    CSV keeps only each procedure's code: read it back with the same ``procedures``. Fields at
    their default (e.g. ``channel`` of an in-person receipt) are written all the same.
    """
    fmt = _detect_format(path_or_file, format)
    items = list(dossiers)
    if fmt == "json":
        text = dumps(items, indent=1) + "\n"
    else:
        rows = [_event_to_row(d, e) for d in items for e in d.events]
        # "inferred" is new and rare: the column is written only when a row needs it.
        columns = [c for c in DOSSIER_CSV_COLUMNS if c != "inferred" or any(c in r for r in rows)]
        buf = io.StringIO(newline="")
        writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        text = buf.getvalue()
    _write_text(path_or_file, text)


def _write_text(path_or_file: PathOrFile, text: str) -> None:
    if isinstance(path_or_file, (str, os.PathLike)):
        with open(path_or_file, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    else:
        path_or_file.write(text)


# -- the procedure catalogue -------------------------------------------------------------------


def _tuple_of_str(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(cast(Iterable[str], value))


def _check_confidence(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value not in ("high", "medium", "low"):
        raise DataRowError(
            f"CatalogueEntry.confidence: expected 'high', 'medium' or 'low', got {value!r}",
            field="confidence",
        )


@attrs.frozen
class CatalogueEntry:
    """One procedure of a catalogue, with the record of where it is published and verified.

    The procedure's own fields (``code`` … ``precision``) are those of
    :class:`~tthc.models.Procedure`; :attr:`procedure` builds it (and the constructor checks it).
    ``time_limit_text`` keeps the official wording as published; ``time_limit`` is what tthc
    counts. ``published_in`` says where the procedure is published (decision, portal),
    ``sources`` what was read to verify it, ``valid_from`` / ``valid_until`` the dates the entry
    applies to dossiers received on (``None``: open), ``confidence`` how sure the entry is.
    """

    code: str
    name: str
    field: str
    level: GovernmentLevel
    time_limit: TimeLimit
    time_limit_text: str = ""
    channel_time_limits: tuple[tuple[Channel, TimeLimit], ...] = ()
    service_level: ServiceLevel | None = None
    supplement_policy: SupplementPolicy = SupplementPolicy.RESTART
    precision: Precision = Precision.DAY
    legal_basis: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    steps: tuple[ProcessStep, ...] = attrs.field(default=(), converter=tuple)
    published_in: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    sources: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    valid_from: date | None = None
    valid_until: date | None = None
    confidence: str = attrs.field(default="high", validator=_check_confidence)
    notes: str = ""
    _procedure: Procedure = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        procedure = Procedure(
            self.code,
            self.name,
            self.field,
            self.level,
            self.time_limit,
            channel_time_limits=self.channel_time_limits,
            service_level=self.service_level,
            supplement_policy=self.supplement_policy,
            legal_basis=self.legal_basis,
            steps=self.steps,
            precision=self.precision,
        )
        object.__setattr__(self, "_procedure", procedure)
        object.__setattr__(self, "channel_time_limits", procedure.channel_time_limits)
        if (
            self.valid_from is not None
            and self.valid_until is not None
            and self.valid_until < self.valid_from
        ):
            raise DataRowError(
                f"CatalogueEntry {self.code}: valid_until {self.valid_until} is before valid_from "
                f"{self.valid_from}",
                field="valid_until",
            )

    @property
    def procedure(self) -> Procedure:
        """The :class:`~tthc.models.Procedure` this entry describes."""
        return self._procedure

    def applies_on(self, received: date) -> bool:
        """Whether the entry applies to a dossier received on ``received``."""
        return (self.valid_from is None or self.valid_from <= received) and (
            self.valid_until is None or received <= self.valid_until
        )

    @classmethod
    def from_procedure(cls, procedure: Procedure, **record: Any) -> CatalogueEntry:
        """The entry for ``procedure`` with the publication record ``record`` (keywords)."""
        own = {a.name: getattr(procedure, a.name) for a in attrs.fields(Procedure)}
        return cls(**own, **record)


def _tuple_of_entries(value: Iterable[CatalogueEntry]) -> tuple[CatalogueEntry, ...]:
    return tuple(value)


CATALOGUE_COLUMNS: tuple[str, ...] = tuple(a.name for a in attrs.fields(CatalogueEntry) if a.init)
"""Columns (CSV) and keys (JSON) of the catalogue format, in order."""

_LIST_COLUMNS = ("legal_basis", "published_in", "sources")


@attrs.frozen
class Catalogue:
    """A procedure catalogue: entries by code (several entries of one code may differ in dates).

    >>> cat = bundled_catalogue()
    >>> str(cat["2.000815"].time_limit)
    'Trong ngày làm việc; trường hợp nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo'
    """

    entries: tuple[CatalogueEntry, ...] = attrs.field(converter=_tuple_of_entries)

    @property
    def procedures(self) -> Mapping[str, Procedure]:
        """Code → procedure (for a code with several dated entries, the latest one)."""
        out: dict[str, Procedure] = {}
        for entry in sorted(self.entries, key=lambda e: e.valid_from or date.min):
            out[entry.code] = entry.procedure
        return out

    def __getitem__(self, code: str) -> CatalogueEntry:
        matches = [e for e in self.entries if e.code == code]
        if not matches:
            raise KeyError(code)
        return max(matches, key=lambda e: e.valid_from or date.min)

    def __contains__(self, code: object) -> bool:
        return any(e.code == code for e in self.entries)

    def __iter__(self) -> Iterator[CatalogueEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def entry_for(self, code: str, received: date) -> CatalogueEntry:
        """The entry of ``code`` that applies to a dossier received on ``received``.

        Raises :class:`KeyError` when no entry of that code covers the date.
        """
        for entry in self.entries:
            if entry.code == code and entry.applies_on(received):
                return entry
        raise KeyError(f"{code} on {received.isoformat()}")


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
                    raise _CellError(
                        "steps", f"expected 'name | agency | budget' per line, got {item!r}"
                    )
                steps.append(dict(zip(("name", "agency", "budget"), parts, strict=True)))
            data[name] = steps
        elif name == "channel_time_limits":
            limits = {}
            for item in (s for s in cell.splitlines() if s.strip()):
                channel, sep, limit = item.partition(":")
                if not sep:
                    raise _CellError(name, f"expected 'channel: time limit' per line, got {item!r}")
                limits[channel.strip()] = limit.strip()
            data[name] = limits
        else:
            data[name] = cell
    return data


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
        else:
            row[name] = str(value)
    return row


def read_catalogue(path_or_file: PathOrFile, *, format: str | None = None) -> Catalogue:
    """A procedure catalogue from CSV or JSON (format: ``docs/data-formats.md``).

    Any bad entry raises :class:`~tthc.errors.DataRowError` with its line and field.
    """
    source = _source_name(path_or_file)
    fmt = _detect_format(path_or_file, format)
    text = _read_text(path_or_file, source)
    entries: list[CatalogueEntry] = []
    if fmt == "json":
        for item in _json_items(text, source, "catalogue entries"):
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
        try:
            data = _catalogue_row_to_data(row)
        except _CellError as exc:
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
    fmt = _detect_format(path_or_file, format)
    entries = list(catalogue)
    if fmt == "json":
        _write_text(path_or_file, dumps(entries, indent=2) + "\n")
        return
    buf = io.StringIO(newline="")
    writer = csv.DictWriter(buf, fieldnames=CATALOGUE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for entry in entries:
        writer.writerow(_catalogue_data_to_row(unstructure(entry)))
    _write_text(path_or_file, buf.getvalue())


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

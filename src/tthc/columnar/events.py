"""Events into the one-row-per-dossier layout, vectorised (:func:`events_to_frame`).

A dossier whose timeline the layout cannot hold, or whose rows are bad, is left out of the frame
and handed back by position, for the scalar path."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from tthc.calendar import WorkingCalendar
from tthc.columnar._common import _CHANNELS, _DAY_US, _END_KINDS, _NAT
from tthc.errors import InvalidValueError
from tthc.formats.csv_cells import unescape_cell
from tthc.formats.frame_cells import nfc_codes
from tthc.models import Procedure

if TYPE_CHECKING:
    from numpy.typing import NDArray


# event kinds the layout holds, in the order frame_to_dossiers lays equal moments out
_KINDS = {
    "submitted": 0,
    "received": 1,
    "supplement_requested": 2,
    "supplement_received": 3,
    "apologized": 4,
    "resolved": 5,
    "refused": 6,
    "stopped": 7,
    "withdrawn": 8,
    "closed": 9,
    "returned": 10,
}

_OTHER = 11  # a known kind the layout cannot hold (exclusions, steps)
_APPOINTED = 12  # an appointment date given: the layout keeps the last one (``promised_due``)
_NKINDS = 13  # the codes of a row's kind: those of _KINDS, _OTHER and _APPOINTED

# cells each kind accepts (others must be empty)
_ACCEPTS = {
    "channel": (1,),
    "inferred": (1,),
    "reason": (2, 4, 6, 7),
    "new_due": (4,),
    "digitally_signed": (5,),
    "step": (),
    "promised_due": (_APPOINTED,),
}
_EVENT_CSV_COLUMNS = ("dossier_id", "agency", "procedure_code", "event", "at")


@attrs.frozen(eq=False)
class EventsFrame:
    """What :func:`events_to_frame` makes of a table of events.

    ``frame``: one row per dossier that fits the layout (:data:`tthc.batch.FRAME_COLUMNS`), in the
    order of each dossier's first event; ``first_row``: for each, the position of its first event
    in the table; ``scalar_rows``: positions of the events of every other dossier (for the scalar
    path), ascending; ``procedures``: the procedure of every code in ``frame``; ``ids``: the
    distinct dossier ids of the table (text), as the scalar reader keeps them (NFC, formula
    guards dropped).
    """

    frame: pd.DataFrame
    first_row: NDArray[np.int64]
    scalar_rows: NDArray[np.int64]
    procedures: dict[str, Procedure]
    ids: pd.Series[str] = attrs.field(factory=lambda: _text_series(pa.array([], pa.string())))


def _text_series(arr: pa.Array) -> pd.Series[str]:
    """A pandas text column (``str``) of Arrow text, without a Python object per value."""
    out: pd.Series[str] = pd.Series(pd.array(arr, dtype="str"))
    return out


def _ids(arr: pa.Array) -> tuple[NDArray[np.int64], pa.Array, NDArray[np.bool_]]:
    """(codes, ids, blank) of the ``dossier_id`` column, without a Python object per row.

    ``ids`` is Arrow text: ``ids[codes[i]]`` is row i's id; the last id is missing (a row too
    short to have one); ``blank`` flags the ids the scalar reader refuses (empty or spaces only).
    """
    if pa.types.is_dictionary(arr.type):
        codes = pc.fill_null(arr.indices, -1).to_numpy(zero_copy_only=False).astype(np.int64)
        text = arr.dictionary.cast(pa.large_string())
    else:
        codes, text = _run_codes(arr)
    codes[codes < 0] = len(text)
    # blank: only the ids without an ASCII letter or digit (rare) are looked at in Python
    # (most ids start with one: the regular expression runs only on the others)
    first = pc.ascii_is_alnum(pc.utf8_slice_codeunits(text, 0, 1))
    blank = ~pc.fill_null(first, False).to_numpy(zero_copy_only=False)
    maybe = np.flatnonzero(blank)
    alnum = pc.match_substring_regex(text.take(pa.array(maybe)), "[0-9A-Za-z]")
    blank[maybe] = ~pc.fill_null(alnum, False).to_numpy(zero_copy_only=False)
    odd = _odd_cells(text)
    if odd.size:  # ids as the scalar reader keeps them: un-escaped, in NFC; equal ones merged
        values = text.to_numpy(zero_copy_only=False).astype(object)
        values[odd] = [_cell(v, nfc=True) for v in values[odd].tolist()]
        blank[odd] = True  # looked at again below
        remap, uniques = pd.factorize(values)
        codes = np.r_[remap, len(uniques)].astype(np.int64)[codes]
        merged = np.zeros(len(uniques), dtype=bool)
        merged[remap] = blank
        text = pa.array(np.asarray(uniques, dtype=object), type=pa.large_string())
        blank = merged
    maybe = np.flatnonzero(blank)
    blank[maybe] = [not v.strip() for v in text.take(pa.array(maybe)).to_pylist()]
    missing = pa.nulls(1, type=pa.large_string())
    return codes, pa.concat_arrays([text, missing]), np.r_[blank, True]


def _run_codes(arr: pa.Array) -> tuple[NDArray[np.int64], pa.Array]:
    """(codes, distinct texts) of a text column (-1: missing), in the order first met.

    Only the first cell of each run of equal cells is hashed (Arrow compares neighbours at C
    speed): the rows of a dossier are mostly consecutive. When the runs' texts ascend (a file
    sorted by id) they are distinct already, and nothing is hashed.
    """
    n = len(arr)
    starts = np.ones(n, dtype=bool)
    if n > 1:
        same = pc.fill_null(pc.equal(arr.slice(1), arr.slice(0, n - 1)), False)
        starts[1:] = ~same.to_numpy(zero_copy_only=False)
    run: NDArray[np.int64] = np.cumsum(starts) - 1  # each row, its run
    heads = arr.filter(pa.array(starts))
    if not heads.null_count and _ascending(heads):
        # only the distinct texts to large_string, not the column (a copy of every id)
        return run, heads.cast(pa.large_string())
    encoded = pc.dictionary_encode(heads)
    head = pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False).astype(np.int64)
    return head[run], encoded.dictionary.cast(pa.large_string())


def _ascending(texts: pa.Array) -> bool:
    """Whether each of ``texts`` (no nulls) comes after the one before (so all are distinct)."""
    n = len(texts)
    return n < 2 or bool(pc.all(pc.less(texts.slice(0, n - 1), texts.slice(1))).as_py())


def _arrow_table(events: pd.DataFrame) -> pa.Table:
    """A frame of events as Arrow text columns (categoricals as dictionaries, without a copy of
    Arrow-backed text): each cell as the frame holds it, a missing value null, any other value
    through ``str``."""
    arrays = [_arrow_column(events.iloc[:, i]) for i in range(events.shape[1])]
    return pa.Table.from_arrays(arrays, names=[str(c) for c in events.columns])


def _arrow_column(s: pd.Series[Any]) -> pa.Array:
    if isinstance(s.dtype, pd.CategoricalDtype):
        codes = s.cat.codes.to_numpy().astype(np.int32)
        cats = pa.array([str(v) for v in s.cat.categories.tolist()], type=pa.large_string())
        return pa.DictionaryArray.from_arrays(pa.array(codes, mask=codes < 0), cats)
    try:
        arr = pa.array(s.array, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        arr = pa.array([None], type=pa.int8())  # not text: converted below
    arr = arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr
    if pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type):
        return arr
    missing = s.isna().to_numpy(dtype=bool)
    values = [None if m else str(v) for v, m in zip(s.tolist(), missing.tolist(), strict=True)]
    return pa.array(values, type=pa.large_string())


def _as_text(table: pa.Table) -> pa.Table:
    """``table`` with every column as text: a column of another type (numbers, moments in a
    Parquet file) through ``str``, each cell as the pandas path reads it (integers and moments
    without a zone at C speed, the same text: a Python string per cell took 8.1 s instead of
    1.0 s for 10^6 dossiers with their moments as timestamps)."""
    for i, field in enumerate(table.schema):
        kind = field.type.value_type if pa.types.is_dictionary(field.type) else field.type
        if not (pa.types.is_string(kind) or pa.types.is_large_string(kind)):
            column = table.column(i)
            text = _str_of(column.combine_chunks()) if field.type == kind else None
            if text is None:
                text = pa.array(_cells_as_str(column), type=pa.large_string())
            table = table.set_column(i, field.name, text)
    return table


def _cells_as_str(column: pa.ChunkedArray) -> list[str | None]:
    """``str`` of each cell; a moment or a day Python cannot hold (outside the years 1..9999)
    as Arrow names such a value, ``<value out of range: N>`` (N: its count of the column's unit
    since 1970). No reader takes that for a moment, so its row is refused with a message that
    shows it, not the whole file with Python's ``OverflowError``."""
    try:
        return [None if v is None else str(v) for v in column.to_pylist()]
    except (OverflowError, ValueError):
        pass
    out: list[str | None] = []
    for cell in column:
        try:
            v = cell.as_py()
        except (OverflowError, ValueError):
            out.append(f"<value out of range: {cell.value}>")
            continue
        out.append(None if v is None else str(v))
    return out


_DATETIME_RANGE = (-62135596800 * 10**6, 253402300799999999)  # µs: 0001-01-01 .. 9999-12-31


def _str_of(arr: pa.Array) -> pa.Array | None:
    """``str`` of each cell of an integer column, or of a moment column without a zone (as
    ``datetime`` prints it: a space before the time, the microseconds only when not 0); None for
    any other column (and for moments finer than a microsecond, or outside the years 1..9999,
    which ``datetime`` cannot hold)."""
    if pa.types.is_integer(arr.type):
        return pc.cast(arr, pa.large_string())
    if not pa.types.is_timestamp(arr.type) or arr.type.tz is not None:
        return None
    try:
        us = arr.cast(pa.timestamp("us")).cast(pa.int64())  # refuses to drop nanoseconds
    except pa.ArrowInvalid:
        return None
    v = pc.fill_null(us, 0).to_numpy(zero_copy_only=False)
    missing = ~us.is_valid().to_numpy(zero_copy_only=False)
    known = v[~missing]
    if known.size and (known.min() < _DATETIME_RANGE[0] or known.max() > _DATETIME_RANGE[1]):
        return None
    # floor, not Arrow's truncation: a moment before 1970 with microseconds is in the second before
    seconds = pa.array(np.floor_divide(v, 1_000_000), pa.timestamp("s"), mask=missing)
    whole = pc.cast(seconds, pa.large_string())  # "YYYY-MM-DD HH:MM:SS" (strftime: 25x slower)
    micro = np.remainder(v, 1_000_000)
    digits = pc.utf8_lpad(pc.cast(pa.array(micro), pa.large_string()), 6, "0")
    with_fraction = pc.binary_join_element_wise(whole, digits, pa.scalar(".", pa.large_string()))
    return pc.if_else(pa.array(micro != 0, mask=missing), with_fraction, whole)


def _column(table: pa.Table, name: str) -> pa.Array:
    """One column of a table as one array (dictionaries unified when chunks differ)."""
    col = table.column(name)
    if col.num_chunks == 1:
        return col.chunk(0)
    if pa.types.is_dictionary(col.type):
        col = col.unify_dictionaries()
        return pa.concat_arrays(col.chunks) if col.num_chunks else pa.array([], type=col.type)
    return pa.concat_arrays(col.chunks) if col.num_chunks else pa.array([], type=col.type)


def _cells(table: pa.Table, rows: NDArray[np.int64]) -> list[list[str]]:
    """The cells of ``rows`` of a table of text, as a CSV writer takes them ("" if missing)."""
    sub = table.take(pa.array(rows))
    columns = [_column(sub, name).to_pylist() for name in sub.column_names]
    return [["" if v is None else str(v) for v in row] for row in zip(*columns, strict=True)]


def _codes(arr: pa.Array) -> tuple[NDArray[np.int64], list[str | None]]:
    """(codes, values) of a text column, as :func:`~tthc.formats.frame_cells.coded` gives them:
    ``values[codes[i]]`` is row i's cell in NFC (equal ones merged), None (the last) if missing."""
    enc = arr if pa.types.is_dictionary(arr.type) else pc.dictionary_encode(arr)
    indices = pc.fill_null(enc.indices, -1) if enc.null_count else enc.indices
    codes = indices.to_numpy(zero_copy_only=False).astype(np.int64)
    return nfc_codes(codes, enc.dictionary.to_pylist())


def _cell(text: str, *, nfc: bool) -> str:
    """A cell as the scalar reader takes it: un-escaped (a formula guard dropped), and for the
    dossier id and the agency in Unicode NFC."""
    out = unescape_cell(text)
    return unicodedata.normalize("NFC", out) if nfc else out


def _odd_cells(arr: pa.Array) -> NDArray[np.int64]:
    """Positions of the texts :func:`_cell` may change (non-ASCII, or a leading apostrophe),
    found at C speed: few in practice."""
    maybe = pc.or_(pc.invert(pc.string_is_ascii(arr)), pc.starts_with(arr, "'"))
    out: NDArray[np.int64] = np.flatnonzero(
        pc.fill_null(maybe, False).to_numpy(zero_copy_only=False)
    )
    return out


def _canonical(
    coded: tuple[NDArray[np.int64], list[str | None]], *, nfc: bool
) -> tuple[NDArray[np.int64], list[str | None]]:
    """A coded column (its last value None) with every value through :func:`_cell`; values
    that become equal are merged."""
    codes, values = coded
    new = [None if v is None else _cell(v, nfc=nfc) for v in values]
    if new == values:
        return coded
    merged: dict[str | None, int] = {}
    remap = np.array([merged.setdefault(v, len(merged)) for v in new[:-1]] + [-1], np.int64)
    remap[-1] = len(merged)
    return remap[codes], [*merged, None]


def _lookup_codes(
    coded: tuple[NDArray[np.int64], list[str | None]], mapping: Mapping[str, int], default: int
) -> NDArray[np.int64]:
    """Each cell through ``mapping`` (after stripping), ``default`` for the rest and for None."""
    codes, values = coded
    table = np.array(
        [default if v is None else mapping.get(v.strip(), default) for v in values],
        dtype=np.int64,
    )
    out: NDArray[np.int64] = table[codes]
    return out


def _test(coded: tuple[NDArray[np.int64], list[str | None]], predicate: Any) -> NDArray[np.bool_]:
    """``predicate(cell)`` of every row, evaluated once per distinct cell."""
    codes, values = coded
    out: NDArray[np.bool_] = np.array([bool(predicate(v)) for v in values], dtype=bool)[codes]
    return out


_DATETIME_RE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?"


def _parse_moments(text: pa.Array) -> NDArray[np.int64]:
    """µs since 1970 of naive ISO 8601 texts the scalar reader accepts; NaT for anything else.

    The form ``YYYY-MM-DDTHH:MM:SS`` (what tthc writes) is parsed by Arrow at C speed; the other
    forms the scalar reader accepts (a space for T, no seconds, fractions, spaces around) through
    pandas; moments with a UTC offset are NaT here (the scalar path keeps them aware). When
    every moment is in tthc's form the array is Arrow's, read-only (the callers only read it).
    """
    n = len(text)
    if pa.types.is_dictionary(text.type):
        text = text.dictionary_decode()
    got = pc.fill_null(pc.equal(pc.binary_length(text), 19), False)
    try:  # Arrow's ISO 8601 cast: 'YYYY-MM-DDTHH:MM:SS' or with a space for T, all valid
        every = pc.all(got).as_py()  # most files: every moment in this form, nothing to filter
        parsed = pc.cast(text if every else text.filter(got), pa.timestamp("us"))
    except pa.ArrowInvalid:  # an invalid date among them: each on its own
        every = False
        fmt = "%Y-%m-%dT%H:%M:%S"
        parsed = pc.strptime(text, format=fmt, unit="us", error_is_null=True)
        # strptime rolls 2026-02-30 over to 2026-03-02: only a moment written back as read
        same = pc.equal(pc.strftime(parsed, format=fmt), text)
        got = pc.fill_null(pc.and_(same, got), False)
        parsed = parsed.filter(got)
    if every:  # every moment parsed (none missing): Arrow's array as it is, no copy
        whole: NDArray[np.int64] = parsed.cast(pa.int64()).to_numpy()
        return whole
    got_np = got.to_numpy(zero_copy_only=False)
    out = np.full(n, _NAT, dtype=np.int64)
    out[got_np] = parsed.cast(pa.int64()).to_numpy()
    rest = np.flatnonzero(~got_np & text.is_valid().to_numpy(zero_copy_only=False))
    if rest.size:
        sub = pd.Series(text.take(pa.array(rest)).to_pylist(), dtype=object).str.strip()
        ok = sub.str.fullmatch(_DATETIME_RE).fillna(False).to_numpy(dtype=bool)
        if ok.any():
            when = pd.to_datetime(sub[ok], format="ISO8601", errors="coerce")
            good = when.notna().to_numpy()
            out[rest[ok][good]] = when[good].to_numpy(dtype="datetime64[us]").view(np.int64)
    return out


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_day(text: str | None) -> int:
    """Days since 1970 of an ISO date 'YYYY-MM-DD' (spaces around allowed), else NaT."""
    t = "" if text is None else text.strip()
    if _ISO_DATE.fullmatch(t) is None:
        return _NAT
    try:
        return (date.fromisoformat(t) - date(1970, 1, 1)).days
    except ValueError:
        return _NAT


def _lookup_procedures(
    codes: Iterable[str], table: Mapping[str, Procedure]
) -> dict[str, Procedure | None]:
    from tthc.formats.catalogue_files import lookup as _lookup

    return {c: _lookup(table, c) for c in codes}


def _bad_precision(p: Procedure) -> bool:
    from tthc.models import Channel
    from tthc.timelimits import Precision, Unit

    if p.precision is not Precision.HOUR:
        return False
    return any(p.time_limit_for(ch).unit in (Unit.DAY, Unit.MONTH) for ch in Channel)


def events_to_frame(
    events: pd.DataFrame,
    procedures: Mapping[str, Procedure] | Iterable[Procedure] | None = None,
    *,
    calendar: WorkingCalendar | None = None,
) -> EventsFrame:
    """The one-row-per-dossier frame of a table of events, vectorised (no loop per dossier).

    ``events`` has the columns of the one-row-per-event CSV layout
    (:data:`tthc.formats.DOSSIER_CSV_COLUMNS`) as text, e.g. ``pandas.read_csv(path,
    dtype=str, keep_default_na=False)``; ``procedures`` as for
    :func:`~tthc.formats.read_dossiers` (default: the bundled catalogue). A dossier goes to
    the frame only when it gives exactly the :class:`~tthc.models.Dossier` the scalar reader would
    build (its events in the frame's order, every cell valid, a procedure found); the rest are
    returned as ``scalar_rows``.

    >>> ev = pd.DataFrame({"dossier_id": ["A", "A", "B"], "agency": ["X", "X", "X"],
    ...     "procedure_code": ["2.000815"] * 3, "event": ["received", "resolved", "received"],
    ...     "at": ["2026-01-09T15:20:00", "2026-01-12T08:00:00", "2026-01-12T09:00"]})
    >>> out = events_to_frame(ev)
    >>> out.frame[["id", "received", "end_kind"]].to_string(index=False)
    'id            received end_kind\\n A 2026-01-09 15:20:00 resolved\\n B 2026-01-12 09:00:00      NaN'
    >>> out.scalar_rows.tolist()
    []
    """
    from tthc.formats.catalogue_files import procedure_table as _procedure_table

    del calendar  # the layout needs none (the deadlines are counted later)
    table = (
        _procedure_table(procedures)
        if procedures is None or not isinstance(procedures, Mapping)
        else procedures
    )
    return _events_to_frame(_arrow_table(events), table)


def _events_to_frame(events: pa.Table, table: Mapping[str, Procedure]) -> EventsFrame:
    """:func:`events_to_frame` of a table of events in Arrow (text or dictionary columns), as the
    readers of the columnar path make them: no pandas frame in between."""
    read = _events_read(events, table)
    return EventsFrame(
        _build_frame(read.dossiers),
        read.first_row,
        read.scalar_rows,
        read.procedures,
        _text_series(read.ids),
    )


def _events_read(events: pa.Table, table: Mapping[str, Procedure]) -> _EventsRead:
    """:func:`_events_to_frame` without a pandas frame: the dossiers as arrays."""
    from tthc.batch.layout import timeline_breaks

    names = events.column_names
    for col in _EVENT_CSV_COLUMNS:
        if col not in names:
            raise InvalidValueError(f"events: missing column {col!r} (columns: {', '.join(names)})")
    idc, id_values, id_blank = _ids(_column(events, "dossier_id"))
    nd = len(id_values)  # the last one is None: a short row without an id
    # the scalar reader skips blank lines: rows whose cells are all blank (checked only on the
    # rare rows with a blank id)
    blank = id_blank[idc]
    if blank.any():
        for col in names:
            blank &= _test(_codes(_column(events, col)), lambda v: v is not None and not v.strip())
    keep = np.flatnonzero(~blank)
    ev = events.take(pa.array(keep)) if blank.any() else events
    g = idc[keep] if blank.any() else idc
    bad = id_blank.copy()
    bad[nd - 1] = True
    coded = {
        c: _canonical(_codes(_column(ev, c)), nfc=c == "agency")
        for c in names
        if c not in ("at", "dossier_id")
    }
    kinds = {**_KINDS, **dict.fromkeys(_OTHER_KINDS, _OTHER), "appointed": _APPOINTED}
    kind = _lookup_codes(coded["event"], kinds, -1)
    at_text = _column(ev, "at")
    at = _parse_moments(at_text)
    row_bad = (
        (kind < 0)
        | (kind == _OTHER)
        | (at == _NAT)
        | at_text.is_null().to_numpy(zero_copy_only=False)
    )
    for col, cd in coded.items():
        row_bad |= cd[0] == len(cd[1]) - 1  # None, the last value: a short row
        if col in _ACCEPTS:  # a cell the row's kind does not take (a table by kind, -1 first)
            refuses = np.ones(_NKINDS + 1, dtype=bool)
            refuses[np.asarray(_ACCEPTS[col], dtype=np.int64) + 1] = False
            filled = np.flatnonzero(_test(cd, lambda v: v != ""))  # most cells are empty
            row_bad[filled] |= refuses[kind[filled] + 1]
    for col in _ACCEPTS:  # a column the file does not have: every cell empty (one value, no copy)
        coded.setdefault(col, (np.broadcast_to(np.int64(0), (ev.num_rows,)), [""]))
    channel = _lookup_codes(coded["channel"], {c: i for i, c in enumerate(_CHANNELS)}, -1)
    channel = np.where(_test(coded["channel"], lambda v: v == ""), 1, channel)  # in person
    row_bad |= (kind == 1) & (channel < 0)
    # an inferred receipt is not in the layout
    row_bad |= _test(
        coded["inferred"], lambda v: v is not None and v.strip().lower() not in ("", "false")
    )
    signed = _lookup_codes(
        (
            coded["digitally_signed"][0],
            [None if v is None else v.lower() for v in coded["digitally_signed"][1]],
        ),
        {"true": 1, "false": 0},
        -2,
    )
    signed = np.where(_test(coded["digitally_signed"], lambda v: v == ""), -1, signed)
    row_bad |= signed == -2
    nd_codes, nd_values = coded["new_due"]
    new_due = np.array([_iso_day(v) for v in nd_values], dtype=np.int64)[nd_codes]
    apology = kind == 4
    row_bad |= apology & (new_due == _NAT)
    row_bad |= apology & _test(coded["reason"], lambda v: v is None or not v.strip())
    # an appointment: a valid date (as an apology's new date is read), not before its day
    pd_codes, pd_values = coded["promised_due"]
    promised = np.array([_iso_day(v) for v in pd_values], dtype=np.int64)[pd_codes]
    appointed = kind == _APPOINTED
    row_bad |= appointed & ((promised == _NAT) | (promised < at // _DAY_US))
    # agency and procedure: the same on every row of a dossier
    agency_codes, agency_values = coded["agency"]
    proc_codes, proc_values = coded["procedure_code"]
    stripped = [None if v is None else v.strip() for v in proc_values]
    canon = {v: i for i, v in reversed(list(enumerate(stripped)))}
    proc_codes = np.array([canon[v] for v in stripped], dtype=np.int64)[proc_codes]
    # rows of each dossier together, in file order: most files have them so (no sort, no copy)
    ordered = bool((g[1:] >= g[:-1]).all())
    order = np.arange(g.size, dtype=np.int64) if ordered else np.argsort(g, kind="stable")

    def sort(x: NDArray[np.int64]) -> NDArray[np.int64]:
        return x if ordered else x[order]

    gs = sort(g)
    starts = np.flatnonzero(np.r_[True, gs[1:] != gs[:-1]]) if gs.size else np.zeros(0, np.int64)
    first = np.full(nd, -1, dtype=np.int64)
    first[gs[starts]] = order[starts]
    fr = first[g]
    bad[g[(agency_codes != agency_codes[fr]) | (proc_codes != proc_codes[fr])]] = True
    bad[g[row_bad]] = True
    # counts and occurrence of each kind in each dossier
    k = np.where(kind < 0, _OTHER, kind)
    counts = np.bincount(g * _NKINDS + k, minlength=nd * _NKINDS).reshape(nd, _NKINDS)
    finals = counts[:, 5] + counts[:, 6] + counts[:, 7] + counts[:, 8] + counts[:, 9]
    bad |= (counts[:, 1] != 1) | (counts[:, 0] > 1) | (counts[:, 2] > 2) | (counts[:, 3] > 2)
    bad |= (counts[:, 4] > 2) | (finals > 1) | (counts[:, 10] > 1) | (counts[:, 11] > 0)
    bad |= (counts[:, 10] > 0) & (counts[:, 5] + counts[:, 6] == 0)
    ks = sort(k)
    key = gs * _NKINDS + ks
    occ = _occurrence(key, order, (ks >= 2) & (ks <= 4))
    again = np.flatnonzero(occ)  # a second request, supplement or apology (few rows)
    # the layout's order of equal moments: submitted, received, request 1, supplement 1,
    # request 2, supplement 2, apology 1, apology 2, the end, returned
    rank = np.array([0, 1, 2, 3, 6, 8, 8, 8, 8, 8, 9, 9, 9], dtype=np.int64)[k]
    rank[again] += occ[again] * np.array([0, 0, 2, 2, 1, *[0] * 8], dtype=np.int64)[k[again]]
    ats, rks = sort(at), sort(rank)
    if appointed.any():  # the rows the frame's order lays out: all but the appointments
        held = np.flatnonzero(ks != _APPOINTED)
        gh, ah, rh = gs[held], ats[held], rks[held]
    else:
        gh, ah, rh = gs, ats, rks
    same = gh[1:] == gh[:-1]
    disorder = same & ((ah[1:] < ah[:-1]) | ((ah[1:] == ah[:-1]) & (rh[1:] <= rh[:-1])))
    bad[gh[1:][disorder]] = True
    bad |= _appointments_out_of_place(gs, ks, ats, nd)
    # procedures
    procs = _lookup_procedures([v for v in stripped if v is not None], table)
    found_p = [None if v is None else procs[v] for v in stripped]
    proc_bad = np.array([p is None or _bad_precision(p) for p in found_p], dtype=np.bool_)
    bad[g[proc_bad[proc_codes]]] = True
    # each dossier's row of each place; the columns are read from those rows
    place = _places(g, k, occ, again, nd)
    at_none = np.append(at, _NAT)  # the row len(at): none
    cols = {name: at_none[place[j]] for j, name in enumerate(_PLACES)}
    cols["promised_due"] = _last_appointment(gs, ks, sort(promised), nd)
    for j, nd_name in ((6, "apology_new_due"), (7, "apology2_new_due")):  # an apology's date
        day = _pick(new_due, place[j], _NAT)
        cols[nd_name] = np.where(day != _NAT, day * _DAY_US, _NAT)
    end = _pick(k, place[8], -1)  # the kind of the final event
    end_kind = np.where(end >= 0, end - 5, -1)
    sgn = np.where(end == 5, _pick(signed, place[8], -1), -1)  # a result's signature
    chan = _pick(channel, place[1], 1)  # the receipt's channel
    # the timeline rules of the layout (batch.layout.read_frame's), as masks: one bad dossier
    # goes to the scalar path without stopping the others
    bad |= timeline_breaks(cols, chan, end_kind, cols["returned"])
    good = np.flatnonzero(~bad & (first >= 0))
    good = good[np.argsort(first[good], kind="stable")]
    good_first = first[good]
    # every dossier fits, in the order first met (most files): views, not copies
    in_order = bool(np.array_equal(good, np.arange(good.size)))
    atext = ["" if v is None else v for v in agency_values]  # an empty agency: missing
    acodes = np.array([-1 if t == "" else i for i, t in enumerate(atext)], np.int64)
    dossiers = _Dossiers(
        ids=id_values.slice(0, good.size) if in_order else id_values.take(pa.array(good)),
        agency=_present(acodes[agency_codes[good_first]], atext),
        procedure=_present(proc_codes[good_first], stripped),  # type: ignore[arg-type]
        channel=chan[good],
        moments={c: v[: good.size] if in_order else v[good] for c, v in cols.items()},
        end_kind=end_kind[good],
        signed=sgn[good],
    )
    found = {str(c): procs[str(c)] for c in dossiers.procedure[1]}
    return _EventsRead(
        dossiers,
        keep[good_first].astype(np.int64),
        keep[bad[g]].astype(np.int64),
        found,  # type: ignore[arg-type]
        _used(
            id_values.slice(0, nd - 1),
            idc,
            pa.types.is_dictionary(events.schema.field("dossier_id").type),
        ),
    )


def _used(values: pa.Array, codes: NDArray[np.int64], dictionary: bool) -> pa.Array:
    """The ``values`` some row's code names: all of them, but for a dictionary column (whose
    values are not only those of its rows)."""
    if not dictionary:
        return values
    return values.filter(pa.array(np.bincount(codes, minlength=len(values) + 1)[:-1] > 0))


@attrs.frozen(eq=False)
class _Dossiers:
    """The dossiers of a table of events that fit the layout, as arrays (an item per dossier):
    what :func:`_build_frame` makes a pandas frame of, and the columnar report reads as it is.

    ``ids``: Arrow text, NFC; ``agency`` and ``procedure``: (codes, values), the values present
    (in the order of the table's distinct values), -1 for a missing agency; ``channel``: an
    index into :data:`~tthc.batch.layout.CHANNELS`;
    ``moments``: every moment column of the layout (µs since 1970, NaT); ``end_kind``: an index
    into :data:`~tthc.batch.layout.END_KINDS` (-1 while open); ``signed``: 1, 0, -1 unknown.
    """

    ids: pa.Array
    agency: tuple[NDArray[np.int64], list[str]]
    procedure: tuple[NDArray[np.int64], list[str]]
    channel: NDArray[np.int64]
    moments: dict[str, NDArray[np.int64]]
    end_kind: NDArray[np.int64]
    signed: NDArray[np.int64]


@attrs.frozen(eq=False)
class _EventsRead:
    """:class:`EventsFrame` before its pandas frame: the dossiers as arrays, and the ids as
    Arrow text."""

    dossiers: _Dossiers
    first_row: NDArray[np.int64]
    scalar_rows: NDArray[np.int64]
    procedures: dict[str, Procedure]
    ids: pa.Array


def _present(
    codes: NDArray[np.int64], labels: Sequence[str]
) -> tuple[NDArray[np.int64], list[str]]:
    """``codes`` into ``labels`` recoded to the labels present (in the order of ``labels``);
    -1 stays missing."""
    present = np.flatnonzero(np.bincount(codes + 1, minlength=len(labels) + 1)[1:])
    remap = np.full(len(labels) + 1, -1, dtype=np.int64)
    remap[present] = np.arange(present.size)
    return remap[codes], [labels[i] for i in present.tolist()]


_OTHER_KINDS = ("exclusion_started", "exclusion_ended", "step_completed")


def _occurrence(
    key: NDArray[np.int64], order: NDArray[np.int64], repeated: NDArray[np.bool_]
) -> NDArray[np.int64]:
    """For each row (by ``order``), how many rows of the same key came before it in that order.

    Only the rows flagged ``repeated`` (kinds that may occur twice: requests, supplements,
    apologies; few rows) are counted; the others get 0.
    """
    occ = np.zeros(key.shape[0], dtype=np.int64)
    sel = np.flatnonzero(repeated)  # positions in ``order``
    k = key[sel]
    by = np.argsort(k, kind="stable")
    ks = k[by]
    starts = np.r_[True, ks[1:] != ks[:-1]] if ks.size else np.zeros(0, dtype=bool)
    first = np.maximum.accumulate(np.where(starts, np.arange(ks.size), 0)) if ks.size else ks
    occ[order[sel[by]]] = np.arange(ks.size) - first
    return occ


def _appointments_out_of_place(
    gs: NDArray[np.int64], ks: NDArray[np.int64], ats: NDArray[np.int64], nd: int
) -> NDArray[np.bool_]:
    """Dossiers with an appointment out of its place (rows in the order ``gs``, ``ks``,
    ``ats``: each dossier's rows together, in file order).

    The scalar reader keeps the rows in file order and takes an ``appointed`` row anywhere in
    time order after the receipt and before the final event (not after it, even at the same
    moment); the frame lays the others out in its own order, so an appointment is checked
    against its neighbours, the receipt and the end only.
    """
    bad = np.zeros(nd, dtype=bool)
    if not (ks == _APPOINTED).any():  # no appointment: none out of place (most files)
        return bad
    same = gs[1:] == gs[:-1]
    near = (ks[1:] == _APPOINTED) | (ks[:-1] == _APPOINTED)
    bad[gs[1:][same & near & (ats[1:] < ats[:-1])]] = True
    idx = np.arange(gs.size, dtype=np.int64)
    received = np.full(nd, gs.size, dtype=np.int64)
    rec = ks == 1
    received[gs[rec]] = idx[rec]
    end = np.full(nd, gs.size, dtype=np.int64)
    fin = (ks >= 5) & (ks <= 9)
    end[gs[fin]] = idx[fin]
    ap = np.flatnonzero(ks == _APPOINTED)
    bad[gs[ap][(ap < received[gs[ap]]) | (ap > end[gs[ap]])]] = True
    return bad


def _last_appointment(
    gs: NDArray[np.int64], ks: NDArray[np.int64], promised: NDArray[np.int64], nd: int
) -> NDArray[np.int64]:
    """The ``promised_due`` column (µs): each dossier's last appointment in file order, as
    :attr:`Dossier.promised_due <tthc.models.Dossier.promised_due>` takes the last one."""
    ap = np.flatnonzero(ks == _APPOINTED)
    last = np.ones(ap.size, dtype=bool)
    last[:-1] = gs[ap][1:] != gs[ap][:-1]
    out = np.full(nd, _NAT, dtype=np.int64)
    out[gs[ap[last]]] = promised[ap[last]] * _DAY_US
    return out


_PLACES = (
    "submitted",
    "received",
    "supplement_requested",
    "supplement_received",
    "supplement2_requested",
    "supplement2_received",
    "apologized",
    "apology2",
    "end",
    "returned",
)


# the place of a row by its kind (a code of _KINDS, _OTHER, _APPOINTED), as an index into
# _PLACES (10: none): the first occurrence, and the second of the kinds that may occur twice
_PLACE_FIRST = np.array([0, 1, 2, 3, 6, 8, 8, 8, 8, 8, 9, 10, 10], dtype=np.int64)
_PLACE_SECOND = np.array([10, 10, 4, 5, 7, *[10] * 8], dtype=np.int64)


def _places(
    g: NDArray[np.int64],
    k: NDArray[np.int64],
    occ: NDArray[np.int64],
    again: NDArray[np.int64],
    nd: int,
) -> NDArray[np.int64]:
    """The row of each place of each dossier, a row of the table per place of :data:`_PLACES`
    (``len(g)``: none); ``again``: the rows whose ``occ`` is not 0.

    One scatter into a table of every place (and one for "none"): each dossier has at most one
    row per place unless it goes scalar (its counts), so no order between rows of the same place
    and dossier matters.
    """
    n = g.size
    slot = _PLACE_FIRST[k]
    slot[again] = np.where(occ[again] == 1, _PLACE_SECOND[k[again]], len(_PLACES))
    rows = np.full((len(_PLACES) + 1, nd), n, dtype=np.int64)
    rows[slot, g] = np.arange(n, dtype=np.int64)
    return rows


def _pick(values: NDArray[np.int64], rows: NDArray[np.int64], default: int) -> NDArray[np.int64]:
    """``values`` at ``rows``, ``default`` where a row is ``len(values)`` (none)."""
    if not values.size:
        return np.full(rows.size, default, dtype=np.int64)
    out: NDArray[np.int64] = np.where(rows < values.size, values.take(rows, mode="clip"), default)
    return out


def _build_frame(d: _Dossiers) -> pd.DataFrame:
    """The pandas frame (:data:`tthc.batch.FRAME_COLUMNS`) of the dossiers."""
    from tthc.batch import FRAME_COLUMNS

    def categorical(coded: tuple[NDArray[np.int64], list[str]]) -> pd.Categorical:
        return pd.Categorical.from_codes(coded[0], categories=pd.Index(coded[1]))

    data: dict[str, Any] = {
        "id": _text_series(d.ids),
        "agency": categorical(d.agency),
        "procedure_code": categorical(d.procedure),
        "channel": pd.Categorical.from_codes(d.channel, categories=pd.Index(list(_CHANNELS))),
        **{name: v.view("datetime64[us]") for name, v in d.moments.items()},
        "end_kind": pd.Categorical.from_codes(d.end_kind, categories=pd.Index(list(_END_KINDS))),
        "signed": pd.arrays.BooleanArray(d.signed == 1, d.signed < 0),
    }
    # copy=False: the columns are new arrays of ours; no consolidation into 2-D blocks (a copy)
    frame: pd.DataFrame = pd.DataFrame({n: data[n] for n, _, _ in FRAME_COLUMNS}, copy=False)
    return frame

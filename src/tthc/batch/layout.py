"""The one-row-per-dossier layout of :mod:`tthc.batch`: its columns, reading and validating a
frame into arrays, and converting between frames and :class:`~tthc.models.Dossier` objects.

Every code of the layout is derived from the models' enums and event classes: ``channel`` holds
:class:`~tthc.models.Channel` values, ``end_kind`` the ``kind`` of a final event, the limit table
the index of a :class:`~tthc.timelimits.Unit`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import pandas as pd

from tthc.batch.arrays import DAY_US, EPOCH, NAT, RowContext
from tthc.calendar import VIETNAM_TZ, WorkingCalendar, calendar_argument, wall_time
from tthc.errors import ArgumentTypeError, InvalidTimelineError, InvalidValueError
from tthc.law import ND61_2018_FROM
from tthc.models import (
    EVENT_TYPES,
    Apologized,
    Appointed,
    Channel,
    Closed,
    CorrectionRequested,
    Dossier,
    GovernmentLevel,
    Procedure,
    Received,
    Refused,
    Resolved,
    Returned,
    Submitted,
    SupplementPolicy,
    SupplementReceived,
    SupplementRequested,
)
from tthc.timelimits import Precision, Unit
from tthc.validators import all_nfc, nfc_distinct

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = [
    "FRAME_COLUMNS",
    "FRAME_DATETIME_COLUMNS",
    "dossiers_to_frame",
    "frame_to_dossiers",
    "read_frame_csv",
]

# =============================================================================================
# The columnar layout: one row per dossier
# =============================================================================================

FRAME_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("id", "str", "dossier id (required, unique is not checked)"),
    ("agency", "str or missing", "the agency handling the dossier"),
    ("procedure_code", "str", "code of a procedure given in ``procedures`` (required)"),
    ("channel", "str", "``online``, ``in_person`` or ``postal`` (required)"),
    ("submitted", "datetime64", "online system receipt (``Submitted``); NaT if none"),
    ("received", "datetime64", "accepted complete: the clock starts (``Received``, required)"),
    ("supplement_requested", "datetime64", "first ``SupplementRequested``; NaT if none"),
    ("supplement_received", "datetime64", "its ``SupplementReceived``; NaT if none"),
    ("supplement2_requested", "datetime64", "a second request (a breach); NaT if none"),
    ("supplement2_received", "datetime64", "its supplement; NaT if none"),
    ("apologized", "datetime64", "first ``Apologized`` (văn bản xin lỗi); NaT if none"),
    ("apology_new_due", "datetime64 (a date)", "its new date; NaT if none"),
    ("apology2", "datetime64", "a second apology (another new date: a breach); NaT if none"),
    ("apology2_new_due", "datetime64 (a date)", "its new date; NaT if none"),
    (
        "promised_due",
        "datetime64 (a date)",
        "the last appointment date given (``Appointed``, ngày hẹn trả), read as given at receipt; "
        "NaT if none",
    ),
    ("end", "datetime64", "the final event's moment; NaT while open"),
    (
        "end_kind",
        "str or missing",
        "``resolved``, ``refused``, ``stopped``, ``withdrawn`` or ``closed``; missing while open",
    ),
    ("signed", "bool or missing", "``Resolved.digitally_signed`` (missing: unknown)"),
    ("returned", "datetime64", "result handed over (``Returned``); NaT if not yet"),
)
"""The columns of the one-row-per-dossier layout: (name, dtype, meaning).

Moments are naive Vietnamese wall time (Asia/Ho_Chi_Minh), any ``datetime64`` resolution; an
aware column is converted to Vietnamese wall time. Only ``id``, ``procedure_code``, ``channel``
and ``received`` are required: a missing optional column reads as all NaT / missing.
"""

FRAME_DATETIME_COLUMNS: tuple[str, ...] = tuple(
    name for name, dtype, _ in FRAME_COLUMNS if dtype.startswith("datetime64")
)
"""The columns holding moments, e.g. for ``pandas.read_csv(..., parse_dates=...)``."""

EVENT_COLUMNS = FRAME_DATETIME_COLUMNS[:-1]  # every moment column but ``returned`` is read as is

# The layout's codes, derived from the models (not public API; shared with the engine).
FINAL_EVENTS: tuple[type[Any], ...] = tuple(t for t in EVENT_TYPES if t.final)
"""The final event classes; ``end_kind`` holds their ``kind`` and the code is the position."""
END_KINDS: tuple[str, ...] = tuple(t.kind for t in FINAL_EVENTS)
END_CODE: dict[str, int] = {kind: i for i, kind in enumerate(END_KINDS)}
RESOLVED, REFUSED = END_CODE[Resolved.kind], END_CODE[Refused.kind]
CLOSED = END_CODE[Closed.kind]
CHANNELS: tuple[str, ...] = tuple(c.value for c in Channel)
ONLINE = CHANNELS.index(Channel.ONLINE.value)
UNIT_CODE: dict[Unit, int] = {u: i for i, u in enumerate(Unit)}
"""The code of each unit in the per-row limit table."""
WD, DAYS, MONTHS = UNIT_CODE[Unit.WORKING_DAY], UNIT_CODE[Unit.DAY], UNIT_CODE[Unit.MONTH]
WH, HOURS = UNIT_CODE[Unit.WORKING_HOUR], UNIT_CODE[Unit.HOUR]
SAME, NONE = UNIT_CODE[Unit.SAME_DAY], UNIT_CODE[Unit.NONE]


@attrs.define
class Limits:
    """The time limit of each row, gathered from the (procedure, channel) table."""

    unit: NDArray[np.int64]
    amount: NDArray[np.int64]
    cutoff: NDArray[np.int64]  # microseconds after midnight; -1: no cut-off
    pause: NDArray[np.bool_]
    hour: NDArray[np.bool_]  # Precision.HOUR
    district: NDArray[np.bool_]  # GovernmentLevel.DISTRICT

    def take(self, rows: NDArray[np.int64]) -> Limits:
        return Limits(*(getattr(self, f.name)[rows] for f in attrs.fields(Limits)))

    @property
    def instant(self) -> NDArray[np.bool_]:
        out: NDArray[np.bool_] = (
            (self.unit == WH) | (self.unit == HOURS) | (self.hour & (self.unit == WD))
        )
        return out


# -- reading a frame -------------------------------------------------------------------------


@attrs.define
class Frame:
    """A validated frame as arrays: moments in µs since 1970 (wall time), NaT = int64 min."""

    ctx: RowContext
    ev: dict[str, NDArray[np.int64]]
    lim: Limits
    end_kind: NDArray[np.int64]  # index into END_KINDS, -1 while open
    signed: NDArray[np.int64]  # 1 True, 0 False, -1 unknown
    returned: NDArray[np.int64]
    channel: NDArray[np.int64]  # index into CHANNELS
    procedure: NDArray[np.int64]  # index into ``codes``
    codes: list[str]
    nfc: dict[str, pd.Series[Any]]  # the text key columns that were not all NFC, normalised


TEXT_KEY_COLUMNS = ("id", "agency", "procedure_code")
"""The text columns that are keys (a dossier, a row of Biểu 06, a procedure): read in NFC."""


def nfc_column(s: pd.Series[Any]) -> pd.Series[Any]:
    """``s`` with its text in Unicode NFC, normalising each distinct value once (a categorical's
    categories; otherwise one scan of the column, and a factorisation only when some value is
    not NFC). Returns ``s`` itself when nothing changes.

    >>> s = pd.Series(["UBND xã A", "UBND xã A", None])
    >>> nfc_column(s).nunique(), nfc_column(s.astype("category")).cat.categories.tolist()
    (1, ['UBND xã A'])
    """
    if isinstance(s.dtype, pd.CategoricalDtype):
        new, moved = nfc_distinct(s.cat.categories.tolist())
        if moved is None:
            return s
        codes = np.asarray([*moved, -1], dtype=np.int64)[s.cat.codes.to_numpy()]
        cat = pd.Categorical.from_codes(codes, categories=pd.Index(new))
        normal: pd.Series[Any] = pd.Series(cat, index=s.index, name=s.name)
        return normal
    if s.dtype.kind != "O" and not isinstance(s.dtype, pd.StringDtype):
        return s
    if _ascii(s) or all_nfc(s.to_numpy(dtype=object)):  # the usual cases: one scan
        return s
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    new, moved = nfc_distinct(list(uniques))
    if moved is None:  # only missing values stopped the scan
        return s
    out = s.to_numpy(dtype=object, copy=True)
    present = codes >= 0
    out[present] = np.asarray(new, dtype=object)[np.asarray(moved, dtype=np.int64)[codes[present]]]
    result: pd.Series[Any] = pd.Series(out, index=s.index, name=s.name, dtype=s.dtype)
    return result


def _ascii(s: pd.Series[Any]) -> bool:
    """Whether an Arrow-backed text column is all ASCII (so NFC), in Arrow's compute kernel."""
    if not (isinstance(s.dtype, pd.StringDtype) and s.dtype.storage == "pyarrow"):
        return False
    import pyarrow as pa
    import pyarrow.compute as pc

    return pc.all(pc.string_is_ascii(pa.array(s.array))).as_py() is not False


def procedure_map(procedures: Any) -> dict[str, Any]:
    items = list(procedures.values()) if isinstance(procedures, Mapping) else list(procedures)
    out: dict[str, Any] = {}
    for i, p in enumerate(items):
        if not isinstance(p, Procedure):
            raise ArgumentTypeError(
                f"procedures[{i}]: expected a Procedure, got {type(p).__name__} {p!r}"
            )
        out[p.code] = p
    return out


def _moments(df: pd.DataFrame, col: str, ctx: RowContext) -> NDArray[np.int64]:
    n = len(df)
    if col not in df.columns:
        return np.full(n, NAT, dtype=np.int64)
    s = df[col]
    if isinstance(s.dtype, pd.DatetimeTZDtype):
        s = s.dt.tz_convert(VIETNAM_TZ).dt.tz_localize(None)
    if s.dtype.kind != "M":
        if s.isna().all():
            return np.full(n, NAT, dtype=np.int64)
        bad = int(np.flatnonzero(s.notna().to_numpy())[0])
        raise ArgumentTypeError(
            f"{ctx.where(bad)}: {col} expected a datetime64 column, got dtype {s.dtype} "
            f"(value {s.iloc[bad]!r}); read CSV files with parse_dates=FRAME_DATETIME_COLUMNS"
        )
    out: NDArray[np.int64] = s.to_numpy(dtype="datetime64[us]").view(np.int64)
    return out


def _factorize(df: pd.DataFrame, col: str, allowed: Sequence[str] | None, ctx: RowContext) -> Any:
    """(codes, uniques) of a text column; -1 for missing values."""
    if col not in df.columns:
        return np.full(len(df), -1, dtype=np.int64), []
    s = df[col]
    if isinstance(s.dtype, pd.CategoricalDtype):  # its codes, without hashing every cell
        raw = s.cat.codes.to_numpy()
        # the categories present, in the order first met (as pandas.factorize gives them)
        cats, first = np.unique(raw[raw >= 0], return_index=True)
        used = cats[np.argsort(first, kind="stable")]
        remap = np.full(len(s.cat.categories) + 1, -1, dtype=np.int64)
        remap[used] = np.arange(used.size)
        codes, uniques = remap[raw], s.cat.categories[used]
    else:
        codes, uniques = pd.factorize(s, use_na_sentinel=True)
    values = [str(u) for u in uniques]
    if allowed is not None:
        for i, v in enumerate(values):
            if v not in allowed:
                pos = int(np.flatnonzero(codes == i)[0])
                raise InvalidValueError(
                    f"{ctx.where(pos)}: {col} expected one of {', '.join(allowed)}, got {v!r}"
                )
        remap = np.array([allowed.index(v) for v in values] + [-1], dtype=np.int64)
        return remap[codes], list(allowed)
    return codes.astype(np.int64), values


def read_frame(df: Any, procedures: Any, calendar: WorkingCalendar | None) -> Frame:
    if not isinstance(df, pd.DataFrame):
        raise ArgumentTypeError(f"df: expected a pandas DataFrame, got {type(df).__name__}")
    for col in ("id", "procedure_code", "channel", "received"):
        if col not in df.columns:
            raise InvalidValueError(
                f"df: missing required column {col!r} (columns: {', '.join(map(str, df.columns))})"
            )
    cal = calendar_argument(calendar)
    columns = {c: df[c] for c in TEXT_KEY_COLUMNS if c in df.columns}
    nfc = {c: normal for c, s in columns.items() if (normal := nfc_column(s)) is not s}
    if nfc:
        df = df.assign(**nfc)
    # the ids as stored (read only to name a row in an error): to_numpy() would build a Python
    # string per row out of an Arrow-backed column, 60 MB per 10^6 rows
    ctx = RowContext(df["id"].array, cal)
    n = len(df)
    procs = procedure_map(procedures)
    pcode, pvalues = _factorize(df, "procedure_code", None, ctx)
    channel, _ = _factorize(df, "channel", CHANNELS, ctx)
    for field, codes in (("procedure_code", pcode), ("channel", channel)):
        if (codes < 0).any():
            pos = int(np.flatnonzero(codes < 0)[0])
            raise InvalidValueError(f"{ctx.where(pos)}: {field} is missing")
    _check_codes(ctx, pcode, pvalues, procs)  # before the moments' errors (frame_of checks too)
    ev = {col: _moments(df, col, ctx) for col in EVENT_COLUMNS}
    end_kind, _ = _factorize(df, "end_kind", END_KINDS, ctx)
    if "signed" in df.columns:
        sg: Any = df["signed"].astype("boolean")
        signed = np.where(
            sg.isna().to_numpy(), -1, sg.fillna(False).to_numpy(dtype=bool).astype(np.int64)
        )
    else:
        signed = np.full(n, -1, dtype=np.int64)
    return frame_of(
        ctx,
        ev,
        (end_kind, signed.astype(np.int64), _moments(df, "returned", ctx)),
        (pcode, pvalues, channel),
        procs,
        nfc,
    )


def _check_codes(
    ctx: RowContext, pcode: NDArray[np.int64], pvalues: Sequence[str], procs: Mapping[str, Any]
) -> None:
    for i, code in enumerate(pvalues):
        if code not in procs:
            pos = int(np.flatnonzero(pcode == i)[0])
            raise InvalidValueError(
                f"{ctx.where(pos)}: procedure_code {code!r} is not among the {len(procs)} "
                "procedures given"
            )


def frame_of(
    ctx: RowContext,
    ev: dict[str, NDArray[np.int64]],
    end: tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]],
    codes: tuple[NDArray[np.int64], list[str], NDArray[np.int64]],
    procs: Mapping[str, Procedure],
    nfc: dict[str, pd.Series[Any]],
) -> Frame:
    """The :class:`Frame` of arrays already read (what :func:`read_frame` reads of a frame):
    the limits of each row from its procedure and channel, and the timeline rules checked.

    ``ev``: the moments of :data:`EVENT_COLUMNS`; ``end``: (end_kind, signed, returned);
    ``codes``: (procedure codes, the procedure code of each, channel codes); a code not among
    ``procs`` is refused. The columnar report builds a frame of events with it, without a pandas
    frame.
    """
    end_kind, signed, returned = end
    pcode, pvalues, channel = codes
    _check_codes(ctx, pcode, pvalues, procs)
    m = len(pvalues) * len(CHANNELS)
    table = {k: np.zeros(m, dtype=np.int64) for k in ("unit", "amount", "cutoff")}
    flags = {k: np.zeros(m, dtype=bool) for k in ("pause", "hour", "district")}
    channels = [Channel(c) for c in CHANNELS]
    for i, code in enumerate(pvalues):
        p = procs[code]
        for j, ch in enumerate(channels):
            limit = p.time_limit_for(ch)
            k = i * len(CHANNELS) + j
            table["unit"][k] = UNIT_CODE[limit.unit]
            table["amount"][k] = limit.amount
            c = limit.cutoff
            table["cutoff"][k] = -1 if c is None else (c.hour * 60 + c.minute) * 60_000_000
            flags["pause"][k] = p.supplement_policy is SupplementPolicy.PAUSE
            flags["hour"][k] = p.precision is Precision.HOUR
            flags["district"][k] = p.level is GovernmentLevel.DISTRICT
    # Precision.HOUR with a limit in calendar days or months cannot occur: Procedure refuses it.
    key = pcode * len(CHANNELS) + channel
    lim = Limits(
        table["unit"][key],
        table["amount"][key],
        table["cutoff"][key],
        flags["pause"][key],
        flags["hour"][key],
        flags["district"][key],
    )
    frame = Frame(ctx, ev, lim, end_kind, signed, returned, channel, pcode, pvalues, nfc)
    _validate(frame, channel)
    return frame


def _validate(f: Frame, channel: NDArray[np.int64]) -> None:
    """The timeline rules of :class:`~tthc.models.Dossier`, checked on every row at once: the
    first rule broken raises, naming its first row."""
    for bad, message, kind in _timeline_rules(f.ev, channel, f.end_kind, f.returned):
        if bad.any():
            pos = int(np.flatnonzero(bad)[0])
            raise kind(f"{f.ctx.where(pos)}: {message}")


def timeline_breaks(
    ev: Mapping[str, NDArray[np.int64]],
    channel: NDArray[np.int64],
    end_kind: NDArray[np.int64],
    returned: NDArray[np.int64],
) -> NDArray[np.bool_]:
    """The rows breaking any rule :func:`read_frame` checks (the arrays of a :class:`Frame`):
    the columnar path sends those dossiers to the scalar reader, which says what is wrong."""
    bad = np.zeros(channel.shape, dtype=bool)
    for rule, _, _ in _timeline_rules(ev, channel, end_kind, returned):
        bad |= rule
    return bad


def _timeline_rules(
    ev: Mapping[str, NDArray[np.int64]],
    channel: NDArray[np.int64],
    end_kind: NDArray[np.int64],
    returned: NDArray[np.int64],
) -> Iterator[tuple[NDArray[np.bool_], str, type[Exception]]]:
    """Each timeline rule as (the rows breaking it, the message, the error class), in the order
    :func:`read_frame` checks them (computed one at a time: it stops at the first broken)."""
    present = {c: v != NAT for c, v in ev.items()}
    rec = ev["received"]
    yield (
        ~present["received"],
        "received is missing (NaT): every dossier is received",
        InvalidValueError,
    )
    yield (
        rec // DAY_US < ND61_2018_FROM.toordinal() - EPOCH,
        f"received is before NĐ 61/2018/NĐ-CP took effect ({ND61_2018_FROM}); expected a receipt "
        f"on or after {ND61_2018_FROM}",
        InvalidValueError,
    )
    tl = InvalidTimelineError
    yield (
        present["submitted"] & (channel != ONLINE),
        "submitted is set but channel is not 'online' (an online submission is received online)",
        tl,
    )
    yield present["submitted"] & (ev["submitted"] > rec), "submitted is after received", tl
    chain = (
        ("supplement_requested", "received"),
        ("supplement_received", "supplement_requested"),
        ("supplement2_requested", "supplement_received"),
        ("supplement2_received", "supplement2_requested"),
        ("apologized", "received"),
        ("apology2", "apologized"),
    )
    for col, prev in chain:
        p = present[col]
        yield p & ~present[prev], f"{col} is set but {prev} is not", tl
        yield p & present[prev] & (ev[col] < ev[prev]), f"{col} is before {prev}", tl
    promised = ev["promised_due"]
    yield (
        present["promised_due"] & (promised % DAY_US != 0),
        "promised_due expected a date",
        InvalidValueError,
    )
    yield (
        present["promised_due"] & (promised // DAY_US < rec // DAY_US),
        "promised_due is before the day of received",
        tl,
    )
    for ap, nd in (("apologized", "apology_new_due"), ("apology2", "apology2_new_due")):
        yield present[ap] != present[nd], f"{ap} and {nd} go together (one is missing)", tl
        yield (
            present[nd] & (ev[nd] % DAY_US != 0),
            f"{nd} expected a date (00:00), got a time",
            InvalidValueError,
        )
        yield (
            present[ap] & (ev[nd] // DAY_US <= ev[ap] // DAY_US),
            f"{nd} is not after the day of {ap}",
            tl,
        )
    end, kind = ev["end"], end_kind
    yield present["end"] != (kind >= 0), "end and end_kind go together (one is missing)", tl
    dates = ("end", "apology_new_due", "apology2_new_due", "promised_due")
    for col in (c for c in EVENT_COLUMNS if c not in dates):
        yield present["end"] & present[col] & (ev[col] > end), f"{col} is after end", tl
    outstanding = (present["supplement_requested"] & ~present["supplement_received"]) | (
        present["supplement2_requested"] & ~present["supplement2_received"]
    )
    yield (
        (kind == RESOLVED) & outstanding,
        "end_kind 'resolved' while a supplement is outstanding",
        tl,
    )
    yield (
        (kind == CLOSED) & ~outstanding,
        "end_kind 'closed' without an outstanding supplement",
        tl,
    )
    ret = returned != NAT
    yield (
        ret & ~((kind == RESOLVED) | (kind == REFUSED)),
        "returned without a resolved or refused end",
        tl,
    )
    yield ret & (returned < end), "returned is before end", tl


# -- between objects and frames --------------------------------------------------------------


def dossiers_to_frame(dossiers: Iterable[Any]) -> pd.DataFrame:
    """The frame (layout :data:`FRAME_COLUMNS`) of :class:`~tthc.models.Dossier` objects.

    Aware moments become Vietnamese wall time. A timeline the layout cannot hold (an excluded
    period, a completed step, a third supplement request or apology) raises
    :class:`~tthc.errors.InvalidValueError` naming the dossier: use the scalar functions for it.

    >>> from datetime import datetime
    >>> from tthc.models import Dossier, GovernmentLevel, Procedure, Received, Resolved
    >>> from tthc.timelimits import TimeLimit
    >>> p = Procedure("2.000815", "Chứng thực", "Chứng thực", GovernmentLevel.COMMUNE,
    ...               TimeLimit.same_day())
    >>> d = Dossier("HS-1", p, [Received(datetime(2026, 1, 9, 15, 20)),
    ...                         Resolved(datetime(2026, 1, 10, 9), digitally_signed=True)])
    >>> row = dossiers_to_frame([d]).iloc[0]
    >>> row["received"], row["end_kind"], row["signed"]
    (Timestamp('2026-01-09 15:20:00'), 'resolved', np.True_)
    """
    cols: dict[str, list[Any]] = {name: [] for name, _, _ in FRAME_COLUMNS}
    for i, d in enumerate(dossiers):
        if not isinstance(d, Dossier):
            raise ArgumentTypeError(f"dossiers[{i}]: expected a Dossier, got {type(d).__name__}")
        if d.time_limit_case is not None:
            raise InvalidValueError(
                f"dossiers[{i}] (id {d.id!r}): the time-limit case {d.time_limit_case!r} does "
                "not fit the one-row layout, which counts the procedure's default limit; "
                "classify it with tthc.classify"
            )
        row: dict[str, Any] = dict.fromkeys(cols)
        row.update(id=d.id, agency=d.agency, procedure_code=d.procedure.code)
        requests = received = apologies = 0
        for e in d.events:
            at = wall_time(e.at)
            if isinstance(e, Submitted):
                row["submitted"] = at
            elif isinstance(e, CorrectionRequested):
                raise InvalidValueError(
                    f"dossiers[{i}] (id {d.id!r}): {e.describe()} (a correction request at "
                    "online reception) does not fit the one-row layout, which has no column for "
                    "it; classify it with tthc.classify"
                )
            elif isinstance(e, Received):
                if e.inferred:
                    raise InvalidValueError(
                        f"dossiers[{i}] (id {d.id!r}): an inferred receipt (taken from the "
                        "submission) does not fit the one-row layout, which records accepted "
                        "receipts only; classify it with tthc.classify"
                    )
                row["received"], row["channel"] = at, e.channel.value
            elif isinstance(e, SupplementRequested) and requests < 2:
                row[("supplement_requested", "supplement2_requested")[requests]] = at
                requests += 1
            elif isinstance(e, SupplementReceived) and received < 2:
                row[("supplement_received", "supplement2_received")[received]] = at
                received += 1
            elif isinstance(e, Apologized) and apologies < 2:
                row[("apologized", "apology2")[apologies]] = at
                row[("apology_new_due", "apology2_new_due")[apologies]] = datetime.combine(
                    e.new_due, datetime.min.time()
                )
                apologies += 1
            elif isinstance(e, Appointed):  # the last one; the layout keeps no moment for it
                row["promised_due"] = datetime.combine(e.promised_due, datetime.min.time())
            elif isinstance(e, Returned):
                row["returned"] = at
            elif e.final:
                row["end"], row["end_kind"] = at, e.kind
                if isinstance(e, Resolved):
                    row["signed"] = e.digitally_signed
            else:
                raise InvalidValueError(
                    f"dossiers[{i}] (id {d.id!r}): {e.describe()} does not fit the one-row "
                    "layout (at most two supplement requests and two apologies, no excluded "
                    "periods or steps); classify it with tthc.classify"
                )
        for name, value in row.items():
            cols[name].append(value)
    frame: pd.DataFrame = pd.DataFrame(cols)
    for name in FRAME_DATETIME_COLUMNS:
        frame[name] = pd.to_datetime(frame[name]).astype("datetime64[us]")
    frame["signed"] = frame["signed"].astype("boolean")
    return frame


def frame_to_dossiers(
    df: pd.DataFrame,
    procedures: Mapping[str, Any] | Iterable[Any],
    *,
    calendar: WorkingCalendar | None = None,
) -> list[Any]:
    """The :class:`~tthc.models.Dossier` of every row (the scalar path; one object per row).

    Validates the frame as :func:`classify_frame` does, then builds each dossier (naive wall
    time; apologies carry the reason ``"(from frame)"``).
    """
    f = read_frame(df, procedures, calendar)
    procs = procedure_map(procedures)
    codes = df["procedure_code"].astype(str).to_numpy()
    channels = df["channel"].astype(str).to_numpy()
    agencies = df["agency"].to_numpy() if "agency" in df.columns else [None] * len(df)
    ids = np.asarray(f.ctx.ids)  # NFC, as read_frame read them
    epoch = datetime(1970, 1, 1)
    # one list per column, converted once (the per-row loop only builds objects)
    vals: dict[str, list[Any]] = {
        c: [None if x == NAT else epoch + timedelta(microseconds=int(x)) for x in v.tolist()]
        for c, v in f.ev.items()
    }
    returned: list[Any] = [
        None if x == NAT else epoch + timedelta(microseconds=int(x)) for x in f.returned.tolist()
    ]
    kinds, signed = f.end_kind.tolist(), f.signed.tolist()
    out: list[Any] = []
    for i in range(len(df)):
        events: list[Any] = []
        if vals["submitted"][i] is not None:
            events.append(Submitted(vals["submitted"][i]))
        events.append(Received(vals["received"][i], channel=Channel(channels[i])))
        if vals["promised_due"][i] is not None:
            given = vals["received"][i]
            events.append(Appointed(given, promised_due=vals["promised_due"][i].date()))
        for col, cls in (
            ("supplement_requested", SupplementRequested),
            ("supplement_received", SupplementReceived),
            ("supplement2_requested", SupplementRequested),
            ("supplement2_received", SupplementReceived),
        ):
            if vals[col][i] is not None:
                events.append(cls(vals[col][i]))
        for ap, nd in (("apologized", "apology_new_due"), ("apology2", "apology2_new_due")):
            if vals[ap][i] is not None:
                new_due = vals[nd][i]
                assert new_due is not None
                events.append(
                    Apologized(vals[ap][i], new_due=new_due.date(), reason="(from frame)")
                )
        if kinds[i] >= 0:
            end_cls = FINAL_EVENTS[kinds[i]]
            if end_cls is Resolved:
                sg = None if signed[i] < 0 else bool(signed[i])
                events.append(Resolved(vals["end"][i], digitally_signed=sg))
            else:
                events.append(end_cls(vals["end"][i]))
            if returned[i] is not None:
                events.append(Returned(returned[i]))
        events.sort(key=lambda e: e.at)  # stable: equal moments keep the layout's order
        agency = agencies[i]
        out.append(
            Dossier(
                str(ids[i]),
                procs[codes[i]],
                events,
                agency=None if agency is None or agency != agency else str(agency),
            )
        )
    return out


def read_frame_csv(path_or_file: Any) -> pd.DataFrame:
    """Read a CSV file of the one-row-per-dossier layout (as ``DataFrame.to_csv`` wrote it).

    Text columns stay text (a code like ``9.000010`` is not a number), moments are parsed,
    ``signed`` is a nullable bool.

    >>> import io
    >>> text = "id,procedure_code,channel,received,signed\\nHS-1,9.000010,online,2026-03-02 09:00,\\n"
    >>> df = read_frame_csv(io.StringIO(text))
    >>> df["procedure_code"].iloc[0], df["received"].iloc[0], df["signed"].iloc[0]
    ('9.000010', Timestamp('2026-03-02 09:00:00'), <NA>)
    """
    text_cols = {name: str for name, dtype, _ in FRAME_COLUMNS if dtype.startswith("str")}
    frame: pd.DataFrame = pd.read_csv(path_or_file, dtype=text_cols, keep_default_na=True)
    for name in FRAME_DATETIME_COLUMNS:
        if name in frame.columns:
            frame[name] = pd.to_datetime(frame[name], format="ISO8601").astype("datetime64[us]")
    if "signed" in frame.columns:
        frame["signed"] = frame["signed"].astype("boolean")
    return frame

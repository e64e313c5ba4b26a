"""What one part of the data (a chunk, the scalar dossiers) adds to the report: :class:`_Part`,
computed in batch from a frame or by the scalar functions from dossiers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import pandas as pd

from tthc.calendar import WorkingCalendar
from tthc.columnar._common import _DAY_US, _NAT, _OUTCOMES, _complete, _moment_us
from tthc.columnar.classified import _frame_classified, _scalar_classified
from tthc.columnar.frames import truncate_frame
from tthc.models import Dossier, Procedure

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from tthc.batch.layout import Frame
    from tthc.reports import Form06, ReportingPeriod


@attrs.define
class _Part:
    """What one part of the data adds to the report (summed over chunks and paths)."""

    form06: Form06
    dossiers: int = 0
    considered: int = 0
    on_time: int = 0
    inspected: int = 0
    late: list[tuple[int, Any]] = attrs.field(factory=list)  # LateDossier of the scalar path
    late_tables: list[pd.DataFrame] = attrs.field(factory=list)  # and of frames, as tables
    signatures: list[pd.DataFrame] = attrs.field(factory=list)  # pos, id, unsigned (else unknown)
    tallies: dict[str, int] = attrs.field(factory=dict)  # the lists' counts, once compacted
    received: dict[Any, list[int]] = attrs.field(factory=dict)
    kinds: dict[Any, int] = attrs.field(factory=dict)
    on_promised: int = 0  # dossiers classified on their promised date (uncatalogued ones)
    uncatalogued: dict[str, str] = attrs.field(factory=dict)  # code -> name
    classified: list[pd.DataFrame] = attrs.field(factory=list)  # per-dossier tables, if asked
    more_form06: list[Form06] = attrs.field(factory=list)  # the tables added, summed by table()

    def add(self, other: _Part) -> None:
        self.more_form06 += [other.form06, *other.more_form06]
        self.dossiers += other.dossiers
        self.considered += other.considered
        self.on_time += other.on_time
        self.inspected += other.inspected
        self.late += other.late
        self.late_tables += other.late_tables
        self.signatures += other.signatures
        for name, n in other.tallies.items():
            self.tallies[name] = self.tallies.get(name, 0) + n
        for lv, (a, b) in other.received.items():
            t = self.received.setdefault(lv, [0, 0])
            t[0] += a
            t[1] += b
        for kind, n in other.kinds.items():
            self.kinds[kind] = self.kinds.get(kind, 0) + n
        self.on_promised += other.on_promised
        self.uncatalogued.update(other.uncatalogued)
        self.classified += other.classified

    def table(self) -> Form06:
        """Biểu 06 of everything added, summed once (a sum per chunk built a table per chunk)."""
        from tthc.reports import Form06

        if self.more_form06:
            self.form06 = Form06.combine(self.form06, *self.more_form06)
            self.more_form06 = []
        return self.form06

    def compact(self) -> None:
        """Keep only the counts of the late and signature lists (flat memory over chunks)."""
        late = _late_table(self)
        for name, n in (
            *_late_counts(late).items(),
            *_signature_counts(_sorted(self.signatures)).items(),
        ):
            self.tallies[name] = self.tallies.get(name, 0) + n
        self.late, self.late_tables, self.signatures = [], [], []


def _frame_part(
    df: pd.DataFrame,
    period: ReportingPeriod,
    procedures: Mapping[str, Procedure],
    *,
    positions: NDArray[np.int64],
    calendar: WorkingCalendar,
    group_by: tuple[str, ...],
    config: Any,
    classified: bool = False,
    lists: bool = True,
) -> _Part:
    """Biểu 06, the progress score's counts and the inspection's of a frame, in batch; with
    ``lists=False`` only the counts of the late and signature lists (as :meth:`_Part.compact`
    leaves them), without building the lists."""
    from tthc.batch.form06 import agency_codes
    from tthc.batch.layout import procedure_map, read_frame

    keep = (df["received"] <= np.datetime64(_moment_us(period.end), "us")).to_numpy()
    view = _complete(truncate_frame(df, period.end))
    f = read_frame(view, procedures, calendar)
    agency = agency_codes(f, view) if "agency" in group_by else None
    return _counts(
        _Read(f, agency, view, positions[keep], len(df)),
        period,
        procedure_map(procedures),
        group_by=group_by,
        config=config,
        classified=classified,
        lists=lists,
    )


@attrs.frozen(eq=False)
class _Read:
    """A part's dossiers read for the engine: the frame of arrays, each dossier's agency
    (codes and labels, when Biểu 06 is grouped by it), the pandas frame when there is one (the
    lists and the classification are built from it), the file positions and how many dossiers
    the part had, counting those received after the period (``total``)."""

    f: Frame
    agency: tuple[NDArray[np.int64], list[str]] | None
    view: pd.DataFrame | None
    positions: NDArray[np.int64]
    total: int


def _counts(
    read: _Read,
    period: ReportingPeriod,
    procedures: Mapping[str, Procedure],
    *,
    group_by: tuple[str, ...],
    config: Any,
    classified: bool = False,
    lists: bool = True,
) -> _Part:
    """What :func:`_frame_part` computes, from the dossiers read (the lists and the
    classification need ``read.view``)."""
    from tthc.batch.engine import OUTCOMES
    from tthc.batch.form06 import form06_of_frame
    from tthc.batch.layout import CHANNELS
    from tthc.outcomes import FindingKind

    start_day = (period.start - date(1970, 1, 1)).days
    f, view, pos = read.f, read.view, read.positions
    # Biểu 06 and the classification as of the period's end, in one pass of the engine
    table, rows, by_kind = form06_of_frame(
        f, read.agency, period, procedures, group_by, findings=True
    )
    assert by_kind is not None
    part = _Part(table, dossiers=read.total)
    if not f.procedure.size:
        if not lists:
            part.compact()  # the counts, all 0 (they also say the lists were not kept)
        return part
    # indices into _OUTCOMES, whatever the order of the engine's codes (-1: missing)
    outcome = np.array([*(_OUTCOMES.index(o) for o in OUTCOMES), -1])[rows.outcome]
    due = rows.due  # days since 1970, NaT: no limit
    if classified:
        assert view is not None
        part.classified.append(
            _frame_classified(view, pos, procedures, outcome, due, rows.late_days)
        )
    end = f.ev["end"]
    has_end = end != _NAT
    eday = np.where(has_end, end // _DAY_US, _NAT)
    rday = f.ev["received"] // _DAY_US
    inside = ~(has_end & (eday < start_day))
    kind = f.end_kind
    ended = has_end & (kind >= 2)  # withdrawn, stopped, closed in the period
    # progress score (stats.progress_score)
    count = inside.copy()
    open_ = inside & ~has_end
    if not config.include_open:
        count &= ~open_
    if not config.include_ended:
        count &= ~ended
    good = np.isin(outcome, (0, 1, 3))
    proc_end = _processing_end(f.ev, eday)
    good = np.where(ended, (due == _NAT) | (proc_end <= due), good)
    if config.repeated_supplement_overdue:
        good &= f.ev["supplement2_requested"] == _NAT
    part.considered = int(count.sum())
    part.on_time = int((good & count).sum())
    # inspection (stats.inspection_report)
    part.inspected = int(inside.sum())
    new = inside & (rday >= start_day)
    pcodes, plevels = _level_codes(f, procedures)
    online = f.channel == CHANNELS.index("online")
    for j, lv in enumerate(plevels):
        sel = new & (pcodes == j)
        if sel.any():
            part.received[lv] = [int(sel.sum()), int((sel & online).sum())]
    for kind_, counts in by_kind.items():
        total = int(counts[inside].sum(dtype=np.int64))
        if total:
            part.kinds[kind_] = total
    resolved = inside & has_end & (kind == 0)
    unsigned = resolved & (f.signed == 0)
    listed = unsigned | (resolved & (f.signed < 0))
    late = np.flatnonzero(inside & np.isin(outcome, (2, 4)))
    if not lists:
        ap = f.ev["apologized"][late] != _NAT
        too_late = by_kind[FindingKind.APOLOGY_TOO_LATE][late] > 0
        n_unsigned = int(unsigned.sum())
        part.tallies = {
            "late_or_overdue": int(late.size),
            "late_without_apology": int((~ap).sum()),
            "late_without_apology_finished": int((~ap & (outcome[late] == 2)).sum()),
            "apology_late": int((ap & too_late).sum()),
            "new_date_missed": int((rows.kept[late] == 0).sum()),
            "unsigned_results": n_unsigned,
            "unknown_signature": int(listed.sum()) - n_unsigned,
        }
        return part
    assert view is not None
    ids = view["id"].to_numpy(dtype=object)
    part.signatures.append(_signatures(pos[listed], ids[listed], unsigned[listed]))
    if late.size:
        sub = view.iloc[late]
        ap = sub["apologized"].notna().to_numpy()
        too_late = by_kind[FindingKind.APOLOGY_TOO_LATE][late] > 0
        kept = rows.kept[late]
        is_late = outcome[late] == 2
        part.late_tables.append(
            pd.DataFrame(
                {
                    "pos": pos[late],
                    "id": pd.Series(ids[late], dtype="str"),
                    "procedure": pd.Series(
                        sub["procedure_code"].astype(object).to_numpy(), dtype=object
                    ),
                    "agency": pd.Series(
                        sub["agency"].astype(object).to_numpy(dtype=object, na_value=None),
                        dtype=object,
                    ),
                    "outcome": np.array(_OUTCOMES, dtype=object)[outcome[late]],
                    "due": due[late].astype("datetime64[D]"),
                    "finished": np.where(
                        is_late, sub["end"].to_numpy(dtype="datetime64[us]"), np.datetime64("NaT")
                    ),
                    "working_days_late": rows.late_days[late],
                    "apologized": ap,
                    "apology_in_time": pd.arrays.BooleanArray(~too_late, ~ap),
                    "new_due": sub["apology_new_due"].to_numpy(dtype="datetime64[D]"),
                    "new_due_kept": pd.arrays.BooleanArray(kept == 1, kept < 0),
                }
            )
        )
    return part


def _signatures(
    pos: NDArray[np.int64], ids: NDArray[Any], unsigned: NDArray[np.bool_]
) -> pd.DataFrame:
    """Resolved dossiers without a digital signature (``unsigned``) or with none recorded."""
    out: pd.DataFrame = pd.DataFrame(
        {"pos": pos, "id": pd.Series(ids, dtype="str"), "unsigned": unsigned.astype(bool)}
    )
    return out


def _level_codes(
    f: Frame, procedures: Mapping[str, Procedure]
) -> tuple[NDArray[np.int64], list[Any]]:
    levels = [procedures[c].service_level for c in f.codes]
    distinct = list(dict.fromkeys(levels))
    table = np.array([distinct.index(lv) for lv in levels], dtype=np.int64)
    return table[f.procedure], distinct


def _processing_end(
    ev: Mapping[str, NDArray[np.int64]], eday: NDArray[np.int64]
) -> NDArray[np.int64]:
    """stats._processing_end: the day of a supplement request still outstanding at the end."""

    def days(col: str) -> NDArray[np.int64]:
        x = ev[col]
        return np.where(x == _NAT, _NAT, x // _DAY_US)

    r1, s1 = days("supplement_requested"), days("supplement_received")
    r2, s2 = days("supplement2_requested"), days("supplement2_received")
    out = np.where((r1 != _NAT) & (s1 == _NAT), r1, eday)
    last: NDArray[np.int64] = np.where((r2 != _NAT) & (s2 == _NAT), r2, out)
    return last


def _scalar_part(
    dossiers: Sequence[Dossier],
    positions: Sequence[int],
    period: ReportingPeriod,
    *,
    calendar: WorkingCalendar,
    group_by: tuple[str, ...],
    config: Any,
    classified: bool = False,
) -> _Part:
    """The same counts from :class:`~tthc.models.Dossier` objects, by the scalar functions."""
    from tthc.reports import form06, inspection_report, progress_score

    table = form06(dossiers, period, group_by=group_by, calendar=calendar)
    part = _Part(table, dossiers=len(dossiers))
    if not dossiers:
        return part
    score = progress_score(dossiers, period, calendar=calendar, config=config)
    part.considered, part.on_time = score.considered, score.on_time
    ins = inspection_report(dossiers, [], period, calendar=calendar)
    where = {d.id: p for d, p in zip(dossiers, positions, strict=True)}
    part.inspected = ins.dossiers
    part.late = [(where[x.id], x) for x in ins.late]
    listed = [*ins.unsigned_results, *ins.unknown_signature]
    part.signatures.append(
        _signatures(
            np.array([where[i] for i in listed], dtype=np.int64),
            np.array(listed, dtype=object),
            np.arange(len(listed)) < len(ins.unsigned_results),
        )
    )
    part.received = {c.level: [c.received, c.received_online] for c in ins.coverage}
    part.kinds = dict(ins.findings_by_kind)
    _notes(part, dossiers, period, calendar)
    if classified:
        part.classified.append(_scalar_classified(dossiers, positions, period, calendar))
    return part


def _notes(
    part: _Part, dossiers: Sequence[Dossier], period: ReportingPeriod, calendar: WorkingCalendar
) -> None:
    """What ``tthc report`` notes: the procedures not in the catalogue, and how many dossiers
    were classified on their promised date (those of such procedures: the layout's dossiers are
    all catalogued and classified on the statutory due date)."""
    from tthc.outcomes import Basis
    from tthc.reports import place

    for d in dossiers:
        if not d.procedure.catalogued:
            part.uncatalogued[d.procedure.code] = d.procedure.name
        if d.promised_due is not None:
            where = place(d, period, calendar=calendar)
            c = None if where is None else where.classification
            part.on_promised += c is not None and c.basis is Basis.PROMISED


def _signature_counts(table: pd.DataFrame) -> dict[str, int]:
    unsigned = int(table["unsigned"].sum())
    return {"unsigned_results": unsigned, "unknown_signature": len(table) - unsigned}


def _late_counts(t: pd.DataFrame) -> dict[str, int]:
    return {
        "late_or_overdue": len(t),
        "late_without_apology": int((~t["apologized"].astype(bool)).sum()),
        "late_without_apology_finished": int(
            ((~t["apologized"].astype(bool)) & (t["outcome"] == "late")).sum()
        ),
        "apology_late": int(t["apology_in_time"].eq(False).fillna(False).sum()),
        "new_date_missed": int(t["new_due_kept"].eq(False).fillna(False).sum()),
    }


_LATE_COLUMNS = (
    "pos",
    "id",
    "procedure",
    "agency",
    "outcome",
    "due",
    "finished",
    "working_days_late",
    "apologized",
    "apology_in_time",
    "new_due",
    "new_due_kept",
)


def _late_table(part: _Part) -> pd.DataFrame:
    """The late list of every path as one table, in file order (scalar rows keep their object)."""
    rows = [
        {
            "pos": p,
            "id": x.id,
            "outcome": x.outcome.value,
            "apologized": x.apologized,
            "apology_in_time": x.apology_in_time,
            "new_due_kept": x.new_due_kept,
            "object": x,
        }
        for p, x in part.late
    ]
    tables = [t.assign(object=None) for t in part.late_tables]
    if rows or not tables:
        scalar = pd.DataFrame(rows, columns=[*_LATE_COLUMNS, "object"])
        for col in ("apology_in_time", "new_due_kept"):
            scalar[col] = scalar[col].astype("boolean")
        scalar["apologized"] = scalar["apologized"].astype(bool)
        tables.append(
            scalar.astype(
                {"due": "datetime64[s]", "finished": "datetime64[us]", "new_due": "datetime64[s]"}
            )
        )
    table = pd.concat(tables, ignore_index=True) if len(tables) > 1 else tables[0]
    out: pd.DataFrame = table.sort_values("pos", kind="stable").reset_index(drop=True)
    return out


def _sorted(tables: list[pd.DataFrame]) -> pd.DataFrame:
    empty = _signatures(np.zeros(0, np.int64), np.zeros(0, object), np.zeros(0, bool))
    table = pd.concat(tables, ignore_index=True) if tables else empty
    out: pd.DataFrame = table.sort_values("pos", kind="stable").reset_index(drop=True)
    return out

"""Biểu số 06/VPCP/KSTT: the table (:class:`Form06Row`, :class:`Form06`) and :func:`form06`.

:class:`Form06` is the table "Tình hình, kết quả giải quyết TTHC tại cơ quan, đơn vị trực tiếp
giải quyết TTHC" (Biểu số 06/VPCP/KSTT, TT 01/2020/TT-VPCP): one :class:`Form06Row` per group
(by default per agency and field), columns (3)–(13) (:class:`Form06Column`) and three columns
tthc adds after them for dossiers that ended without a decision (withdrawn, stopped, closed).
Every row's sums are checked when it is built, and so is the conservation law "every dossier
received is resolved, in progress or ended without a decision":

* (3) = (4) + (5) + (6); (7) = (8) + (9) + (10); (11) = (12) + (13); (14) = (15) + (16) + (17);
* (3) = (7) + (11) + (14).

Tables of the same period and grouping add up (``a + b``, :meth:`Form06.combine`), so partitions
of a data set can be counted apart (in processes, in Dask) and summed.

>>> row = Form06Row.of(("UBND xã A", "Hộ tịch"), received_online=3, received_in_person=2,
...                    carried_over=1, early=2, on_time=1, late=1, within_time=1, overdue=0,
...                    withdrawn=1)
>>> row.received, row.resolved, row.in_progress, row.ended
(6, 4, 1, 1)
>>> table = Form06(ReportingPeriod.month(2026, 3), ("agency", "field"), [row])
>>> (table + table).total.received
12

It may import :mod:`tthc.reports.placement`, :mod:`tthc.reports.columns`,
:mod:`tthc.reports.periods`, the models layer and the calendar.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from tthc.calendar import WorkingCalendar, calendar_argument
from tthc.classification import Basis, _check_basis
from tthc.collation import vietnamese_key
from tthc.errors import InvalidValueError, ReportError
from tthc.models import Dossier
from tthc.reports.columns import Form06Column
from tthc.reports.periods import Language, ReportingPeriod, check_lang
from tthc.reports.placement import check_dossiers, check_period, place

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FORM06_GROUP_KEYS", "Form06", "Form06Row", "form06"]

_BLOCKS: dict[Form06Column, tuple[Form06Column, ...]] = {
    total: tuple(c for c in Form06Column if c.block is total and c is not total)
    for total in Form06Column
    if total.is_total
}
_LEAVES: tuple[Form06Column, ...] = tuple(c for c in Form06Column if not c.is_total)


FORM06_GROUP_KEYS: tuple[str, ...] = ("agency", "field", "procedure", "level")
"""The row groupings ``form06`` knows: the dossier's agency, the procedure's field (lĩnh vực), the
procedure's code, and the procedure's level of government (its ``label_vi``)."""

ROW_LABELS = {
    "agency": ("Cơ quan, đơn vị", "Agency"),
    "field": ("Lĩnh vực", "Field"),
    "procedure": ("Thủ tục", "Procedure"),
    "level": ("Cấp thực hiện", "Level"),
}


def _count(instance: Form06Row, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidValueError(
            f"Form06Row.{attribute.name} (row {instance.key!r}): expected an int >= 0, got "
            f"{type(value).__name__} {value!r}"
        )


def _as_key(value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidValueError(
            f"Form06Row.key: expected a tuple of str (one per grouping), got {value!r}"
        )
    out = tuple(value)
    for part in out:
        if not isinstance(part, str):
            raise InvalidValueError(
                f"Form06Row.key: expected a tuple of str (one per grouping), got {out!r}"
            )
    return out


_counter = attrs.field(validator=_count)


@attrs.frozen
class Form06Row:
    """One row of Biểu số 06: the counts of one group (e.g. one agency's field).

    Every column is stored; the constructor checks the sums and raises
    :class:`~tthc.errors.ReportError` naming the row and the sum that fails. Use :meth:`of` to
    give only the detail columns and have the totals computed.

    >>> Form06Row(("X",), received=2, received_online=1, received_in_person=0, carried_over=0,
    ...           resolved=0, early=0, on_time=0, late=0, in_progress=0, within_time=0,
    ...           overdue=0, ended=0, withdrawn=0, stopped=0, closed=0)
    Traceback (most recent call last):
    ...
    tthc.errors.ReportError: Biểu 06 row ('X',): (3) received = 2 but (4) + (5) + (6) = 1 + 0 + 0 = 1
    """

    key: tuple[str, ...] = attrs.field(converter=_as_key)
    received: int = _counter
    received_online: int = _counter
    received_in_person: int = _counter
    carried_over: int = _counter
    resolved: int = _counter
    early: int = _counter
    on_time: int = _counter
    late: int = _counter
    in_progress: int = _counter
    within_time: int = _counter
    overdue: int = _counter
    ended: int = _counter
    withdrawn: int = _counter
    stopped: int = _counter
    closed: int = _counter

    def __attrs_post_init__(self) -> None:
        for total, parts in _BLOCKS.items():
            values = [getattr(self, p.value) for p in parts]
            if getattr(self, total.value) != sum(values):
                numbers = " + ".join(f"({p.number})" for p in parts)
                shown = " + ".join(str(v) for v in values)
                raise ReportError(
                    f"Biểu 06 row {self.key!r}: ({total.number}) {total.value} = "
                    f"{getattr(self, total.value)} but {numbers} = {shown} = {sum(values)}"
                )
        out = self.resolved + self.in_progress + self.ended
        if self.received != out:
            raise ReportError(
                f"Biểu 06 row {self.key!r}: (3) received = {self.received} but (7) resolved + "
                f"(11) in progress + (14) ended = {self.resolved} + {self.in_progress} + "
                f"{self.ended} = {out}: every dossier received must be in exactly one of them"
            )

    @classmethod
    def of(
        cls,
        key: Sequence[str],
        *,
        received_online: int = 0,
        received_in_person: int = 0,
        carried_over: int = 0,
        early: int = 0,
        on_time: int = 0,
        late: int = 0,
        within_time: int = 0,
        overdue: int = 0,
        withdrawn: int = 0,
        stopped: int = 0,
        closed: int = 0,
    ) -> Form06Row:
        """A row from its detail columns; the totals (3), (7), (11), (14) are computed.

        The conservation law (3) = (7) + (11) + (14) is still checked.
        """
        counts = {
            "received_online": received_online,
            "received_in_person": received_in_person,
            "carried_over": carried_over,
            "early": early,
            "on_time": on_time,
            "late": late,
            "within_time": within_time,
            "overdue": overdue,
            "withdrawn": withdrawn,
            "stopped": stopped,
            "closed": closed,
        }
        for name, value in counts.items():
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise InvalidValueError(
                    f"Form06Row.{name} (row {tuple(key)!r}): expected an int >= 0, got "
                    f"{type(value).__name__} {value!r}"
                )
        totals = {
            total.value: sum(counts[p.value] for p in parts) for total, parts in _BLOCKS.items()
        }
        return cls(key, **counts, **totals)

    @classmethod
    def zero(cls, key: Sequence[str]) -> Form06Row:
        """A row of zeros."""
        return cls.of(key)

    def count(self, column: Form06Column) -> int:
        """The value of ``column``."""
        if not isinstance(column, Form06Column):
            raise InvalidValueError(
                f"Form06Row.count(column): expected a Form06Column, got {column!r}"
            )
        value: int = getattr(self, column.value)
        return value

    def counts(self) -> dict[Form06Column, int]:
        """Every column's value, in the form's order."""
        return {c: getattr(self, c.value) for c in Form06Column}

    @property
    def is_zero(self) -> bool:
        """Whether every count is 0."""
        return self.received == 0

    def with_key(self, key: Sequence[str]) -> Form06Row:
        """The same counts under another key."""
        return attrs.evolve(self, key=tuple(key))

    def __add__(self, other: object) -> Form06Row:
        if not isinstance(other, Form06Row):
            return NotImplemented
        if other.key != self.key:
            raise ReportError(
                f"Biểu 06: cannot add row {other.key!r} to row {self.key!r} (different groups)"
            )
        return Form06Row(
            self.key,
            **{c.value: getattr(self, c.value) + getattr(other, c.value) for c in Form06Column},
        )


def _as_rows(value: object) -> tuple[Form06Row, ...]:
    if isinstance(value, Mapping):
        value = value.values()
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidValueError(f"Form06.rows: expected an iterable of Form06Row, got {value!r}")
    merged: dict[tuple[str, ...], Form06Row] = {}
    for row in value:
        if not isinstance(row, Form06Row):
            raise InvalidValueError(
                f"Form06.rows: expected Form06Row items, got {type(row).__name__} {row!r}"
            )
        if row.key in merged:
            raise ReportError(f"Biểu 06: two rows for the group {row.key!r}")
        merged[row.key] = row
    order = sorted(merged, key=lambda key: tuple(vietnamese_key(part) for part in key))
    return tuple(merged[k] for k in order if not merged[k].is_zero)


def _as_group_by(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = (value,)
    if not isinstance(value, Iterable):
        raise InvalidValueError(
            f"group_by: expected a tuple of names from {FORM06_GROUP_KEYS}, got {value!r}"
        )
    out = tuple(value)
    for name in out:
        if name not in FORM06_GROUP_KEYS:
            raise InvalidValueError(
                f"group_by: expected names from {FORM06_GROUP_KEYS}, got {name!r} in {out!r}"
            )
    if len(set(out)) != len(out):
        raise InvalidValueError(f"group_by: expected distinct names, got {out!r}")
    return out


@attrs.frozen
class Form06:
    """Biểu số 06/VPCP/KSTT for one period: rows per group and a total row.

    "Tình hình, kết quả giải quyết TTHC tại cơ quan, đơn vị trực tiếp giải quyết TTHC"; unit:
    dossiers (hồ sơ). ``rows`` are sorted by key in Vietnamese alphabetical order
    (:func:`~tthc.collation.vietnamese_key`: Đ after D), with all-zero rows dropped, so two tables with
    the same counts are equal however they were built. Each row's key has one value per
    ``group_by`` name. Build it from dossiers with :func:`form06`, or from counts (a columnar
    batch run) with the constructor.

    Basis: TT 01/2020/TT-VPCP (21/10/2020), Biểu số 06/VPCP/KSTT; NĐ 09/2019/NĐ-CP Điều 12 for
    the period.

    >>> p = ReportingPeriod.month(2026, 3)
    >>> a = Form06(p, ("field",), [Form06Row.of(("Hộ tịch",), received_online=2, early=2)])
    >>> b = Form06(p, ("field",), [Form06Row.of(("Chứng thực",), received_in_person=1, late=1),
    ...                            Form06Row.of(("Hộ tịch",), carried_over=1, overdue=1)])
    >>> [(r.key, r.received) for r in (a + b).rows]
    [(('Chứng thực',), 1), (('Hộ tịch',), 3)]
    >>> (a + b).total.counts()[Form06Column.RESOLVED]
    3
    >>> a + Form06(ReportingPeriod.month(2026, 4), ("field",), [])
    Traceback (most recent call last):
    ...
    tthc.errors.ReportError: Biểu 06: cannot combine tables of different periods (Tháng 03 năm 2026 (15/02/2026–14/03/2026) and Tháng 04 năm 2026 (15/03/2026–14/04/2026))
    """

    period: ReportingPeriod = attrs.field(validator=attrs.validators.instance_of(ReportingPeriod))
    group_by: tuple[str, ...] = attrs.field(converter=_as_group_by)
    rows: tuple[Form06Row, ...] = attrs.field(converter=_as_rows)

    TOTAL_LABEL: ClassVar[dict[str, str]] = {"vi": "Tổng cộng", "en": "Total"}

    @rows.validator
    def _check_keys(self, attribute: attrs.Attribute[Any], value: tuple[Form06Row, ...]) -> None:
        for row in value:
            if len(row.key) != len(self.group_by):
                raise ReportError(
                    f"Biểu 06: row {row.key!r} has {len(row.key)} key values but the table is "
                    f"grouped by {self.group_by!r}"
                )

    @property
    def total(self) -> Form06Row:
        """The total row (tổng cộng): the column sums, with an empty key."""
        total = Form06Row.zero(())
        for row in self.rows:
            total = total + row.with_key(())
        return total

    def __iter__(self) -> Iterator[Form06Row]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def row(self, *key: str) -> Form06Row:
        """The row of ``key`` (a row of zeros if the group had no dossier)."""
        for r in self.rows:
            if r.key == key:
                return r
        if len(key) != len(self.group_by):
            raise InvalidValueError(
                f"Form06.row(*key): expected {len(self.group_by)} values ({self.group_by!r}), "
                f"got {key!r}"
            )
        return Form06Row.zero(key)

    # -- combining

    @classmethod
    def empty(
        cls, period: ReportingPeriod, group_by: Sequence[str] = ("agency", "field")
    ) -> Form06:
        """A table with no rows (the neutral element of ``+``)."""
        return cls(period, tuple(group_by), ())

    @classmethod
    def combine(cls, *tables: Form06) -> Form06:
        """The sum of tables counted on disjoint parts of the data (same period and grouping).

        Raises :class:`~tthc.errors.ReportError` when the periods or groupings differ: adding a
        March table to an April one would double-count carried-over dossiers.
        """
        if not tables:
            raise ReportError("Form06.combine: expected at least one table, got none")
        first = tables[0]
        for t in tables:
            if not isinstance(t, Form06):
                raise InvalidValueError(
                    f"Form06.combine: expected Form06 tables, got {type(t).__name__} {t!r}"
                )
            if t.period != first.period:
                raise ReportError(
                    f"Biểu 06: cannot combine tables of different periods ({first.period} and "
                    f"{t.period})"
                )
            if t.group_by != first.group_by:
                raise ReportError(
                    f"Biểu 06: cannot combine tables grouped differently ({first.group_by!r} and "
                    f"{t.group_by!r})"
                )
        # the counts summed as plain numbers, each row built once (a report in chunks adds
        # hundreds of tables of hundreds of rows)
        names = [c.value for c in Form06Column]
        sums: dict[tuple[str, ...], list[int]] = {}
        for t in tables:
            for r in t.rows:
                counts = [getattr(r, name) for name in names]
                total = sums.setdefault(r.key, [0] * len(names))
                total[:] = [a + b for a, b in zip(total, counts, strict=True)]
        rows = [Form06Row(key, **dict(zip(names, c, strict=True))) for key, c in sums.items()]
        return cls(first.period, first.group_by, rows)

    def __add__(self, other: object) -> Form06:
        if not isinstance(other, Form06):
            return NotImplemented
        return Form06.combine(self, other)

    # -- output

    def headers(self, lang: Language = "vi", *, extra: bool = True) -> tuple[str, ...]:
        """Flat column headers: STT, the grouping names, then "(n) block: column".

        >>> Form06.empty(ReportingPeriod.month(2026, 3), ("field",)).headers("en", extra=False)[:4]
        ('No.', 'Field', '(3) Dossiers received: Total', '(4) Dossiers received: Online')
        """
        lang = check_lang(lang)
        i = 0 if lang == "vi" else 1
        stt = "STT" if lang == "vi" else "No."
        names = tuple(ROW_LABELS[g][i] for g in self.group_by)
        cols = tuple(
            f"({c.number}) {(c.block_vi, c.block_en)[i]}: {c.label(lang)}" for c in _columns(extra)
        )
        return (stt, *names, *cols)

    def to_rows(
        self, *, lang: Language | None = None, total: bool = True, extra: bool = True
    ) -> list[dict[str, object]]:
        """The table as a list of dicts, one per row, then the total row (``total=True``).

        With ``lang=None`` the keys are machine names: ``"stt"``, the ``group_by`` names, then
        the column names (:class:`Form06Column` values); with ``"vi"`` / ``"en"`` they are the
        headers of :meth:`headers`. The total row has ``stt`` None, "Tổng cộng" / "Total" in the
        first grouping and "" in the others. ``extra=False`` leaves out tthc's columns (14)–(17).

        >>> p = ReportingPeriod.month(2026, 3)
        >>> t = Form06(p, ("field",), [Form06Row.of(("Hộ tịch",), received_online=1, early=1)])
        >>> t.to_rows(extra=False)[0]["received"], t.to_rows()[-1]["field"]
        (1, 'Tổng cộng')
        """
        if lang is not None:
            lang = check_lang(lang)
        header = self.headers(lang or "vi", extra=extra)
        names = ("stt", *self.group_by, *(c.value for c in _columns(extra)))
        keys = header if lang is not None else names
        out: list[dict[str, object]] = []
        for n, row in enumerate(self.rows, start=1):
            values: list[object] = [n, *row.key, *(getattr(row, c.value) for c in _columns(extra))]
            out.append(dict(zip(keys, values, strict=True)))
        if total:
            label = self.TOTAL_LABEL[lang or "vi"]
            key = [label, *([""] * (len(self.group_by) - 1))] if self.group_by else []
            t = self.total
            values = [None, *key, *(getattr(t, c.value) for c in _columns(extra))]
            out.append(dict(zip(keys, values, strict=True)))
        return out

    def to_frame(
        self, *, lang: Language | None = None, total: bool = True, extra: bool = True
    ) -> pd.DataFrame:
        """The table as a pandas DataFrame (extra ``batch``), one column per :meth:`to_rows` key.

        With ``lang`` set, the columns are a two-level index (block, column) as on the printed
        form, the grouping names and STT under an empty block.
        """
        try:
            import pandas as pd  # deferred: pandas is an optional extra and slow to import
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ImportError("Form06.to_frame needs pandas: pip install 'tthc[batch]'") from exc
        rows = self.to_rows(lang=lang, total=total, extra=extra)
        if lang is None:
            columns: list[str] = ["stt", *self.group_by, *(c.value for c in _columns(extra))]
            plain: pd.DataFrame = pd.DataFrame(rows, columns=columns)
            plain["stt"] = plain["stt"].astype("Int64")
            return plain
        lang = check_lang(lang)
        i = 0 if lang == "vi" else 1
        flat = list(self.headers(lang, extra=extra))
        frame: pd.DataFrame = pd.DataFrame(rows, columns=flat)
        frame[flat[0]] = frame[flat[0]].astype("Int64")
        lead = [("", h) for h in flat[: 1 + len(self.group_by)]]
        blocks = [
            ((c.block_vi, c.block_en)[i], f"({c.number}) {c.label(lang)}") for c in _columns(extra)
        ]
        frame.columns = pd.MultiIndex.from_tuples(lead + blocks)
        return frame


def _columns(extra: bool) -> tuple[Form06Column, ...]:
    return tuple(c for c in Form06Column if extra or c.official)


def _group_key(dossier: Dossier, group_by: tuple[str, ...]) -> tuple[str, ...]:
    parts: list[str] = []
    for name in group_by:
        if name == "agency":
            parts.append(dossier.agency or "")
        elif name == "field":
            parts.append(dossier.procedure.field)
        elif name == "procedure":
            parts.append(dossier.procedure.code)
        else:
            parts.append(dossier.procedure.level.label_vi)
    return tuple(parts)


def form06(
    dossiers: Iterable[Dossier],
    period: ReportingPeriod,
    *,
    calendar: WorkingCalendar | None = None,
    group_by: Sequence[str] = ("agency", "field"),
    basis: Basis | str = Basis.STATUTORY,
) -> Form06:
    """Biểu số 06/VPCP/KSTT of ``dossiers`` for ``period``, one row per ``group_by`` group.

    Each dossier in the period falls in exactly one column of the received block and exactly one
    of the resolved / in progress / ended blocks (see :func:`place`); dossiers outside the period
    are left out. ``group_by`` names come from :data:`FORM06_GROUP_KEYS` ("agency": the
    dossier's agency, "" when unknown; "field": the procedure's lĩnh vực; "procedure": its code;
    "level": its level's Vietnamese name); ``()`` gives the total row only. ``basis`` chooses the
    due date dossiers are classified against (:class:`~tthc.outcomes.Basis`: the statutory one,
    default, or the promised one as the national portal scores).

    Basis: TT 01/2020/TT-VPCP, Biểu số 06/VPCP/KSTT; NĐ 09/2019/NĐ-CP Điều 12 (period).

    >>> from datetime import date
    >>> from tthc.models import Channel, Dossier, Procedure, GovernmentLevel, Received, Resolved
    >>> from tthc.timelimits import TimeLimit
    >>> p = Procedure("1.001193", "Đăng ký khai sinh", "Hộ tịch", GovernmentLevel.COMMUNE,
    ...               TimeLimit.working_days(5))
    >>> d = Dossier("HS-1", p, [Received.on(date(2026, 2, 12), channel=Channel.ONLINE),
    ...                         Resolved.on(date(2026, 2, 27))], agency="UBND xã A")
    >>> t = form06([d], ReportingPeriod.month(2026, 3))
    >>> t.row("UBND xã A", "Hộ tịch").late, t.total.carried_over  # received before 15/02
    (1, 1)
    """
    period = check_period(period, "form06")
    basis = _check_basis(basis)
    keys = _as_group_by(group_by)
    items = check_dossiers(dossiers, "form06")
    cal = calendar_argument(calendar)
    tallies: dict[tuple[str, ...], dict[str, int]] = {}
    for d in items:
        where = place(d, period, calendar=cal, basis=basis)
        if where is None:
            continue
        tally = tallies.setdefault(_group_key(d, keys), {c.value: 0 for c in _LEAVES})
        tally[where.received.value] += 1
        tally[where.outcome.value] += 1
    rows = [Form06Row.of(k, **v) for k, v in tallies.items()]
    return Form06(period, keys, rows)

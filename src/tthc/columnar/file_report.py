"""The report of a file or frame (:class:`FileReport`), built from the summed parts."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import pandas as pd

from tthc.columnar.classified import _classified_table
from tthc.columnar.parts import _late_counts, _late_table, _Part, _signature_counts, _sorted
from tthc.errors import InvalidValueError
from tthc.models import Procedure

if TYPE_CHECKING:
    from tthc.formats.results import RowError
    from tthc.reports import Form06, InspectionReport, ProgressScore, ReportingPeriod


@attrs.frozen(eq=False, slots=False)
class FileReport:
    """What ``tthc report`` prints, computed by :func:`report_file` or :func:`report_frame`.

    ``form06``, ``progress`` and ``inspection`` equal :func:`tthc.reports.form06`,
    :func:`~tthc.reports.progress_score` and :func:`~tthc.reports.inspection_report` of the same
    dossiers; ``dossiers`` counts the dossiers read (those received by ``as_of`` when given);
    ``frame_dossiers`` of them went through the columnar path and ``scalar_dossiers`` through the
    scalar one (timelines the one-row layout cannot hold); ``errors`` are the bad records, each
    with its line; ``chunks`` is the number of parts the file was read in. ``late_table`` holds
    the late and overdue dossiers of the inspection as a frame (one row each, in file order);
    :attr:`inspection` builds their :class:`~tthc.reports.LateDossier` objects when first asked.
    ``on_promised`` counts the dossiers classified on their promised date (those of a procedure
    not in the catalogue), ``uncatalogued`` maps the code of each such procedure to its name;
    ``classified`` is the table of every dossier's classification
    (:data:`~tthc.columnar.classified.CLASSIFIED_COLUMNS`) when asked for (``classified=True``).
    """

    form06: Form06
    progress: ProgressScore
    inspection_base: InspectionReport = attrs.field(repr=False)
    late_table: pd.DataFrame = attrs.field(repr=False)
    signature_table: pd.DataFrame = attrs.field(repr=False)
    tallies: dict[str, int] = attrs.field(repr=False)
    dossiers: int
    frame_dossiers: int
    scalar_dossiers: int
    errors: tuple[RowError, ...] = ()
    chunks: int = 1
    on_promised: int = 0
    uncatalogued: dict[str, str] = attrs.field(factory=dict, repr=False)
    classified: pd.DataFrame | None = attrs.field(default=None, repr=False)

    @functools.cached_property
    def inspection(self) -> InspectionReport:
        """:func:`tthc.reports.inspection_report` of the dossiers (its ``late`` built here)."""
        from tthc.outcomes import Outcome
        from tthc.reports import LateDossier

        if self.tallies:
            raise InvalidValueError(
                "FileReport.inspection: the lists of late and unsigned dossiers were not kept "
                "(lists=False); read the counts in late_counts and signature_counts, or report "
                "with lists=True"
            )
        t = self.late_table
        outcomes = {o.value: o for o in Outcome}
        columns = [
            t["id"].tolist(),
            t["procedure"].tolist(),
            t["agency"].astype(object).where(t["agency"].notna(), None).tolist(),
            [outcomes[o] for o in t["outcome"].tolist()],
            t["due"].to_numpy(dtype="datetime64[D]").astype(object).tolist(),
            t["finished"].to_numpy(dtype="datetime64[us]").astype(object).tolist(),
            t["working_days_late"].tolist(),
            t["apologized"].tolist(),
            t["apology_in_time"].astype(object).where(t["apology_in_time"].notna(), None).tolist(),
            t["new_due"].to_numpy(dtype="datetime64[D]").astype(object).tolist(),
            t["new_due_kept"].astype(object).where(t["new_due_kept"].notna(), None).tolist(),
        ]
        late = tuple(
            LateDossier(*row) if obj is None else obj
            for obj, *row in zip(t["object"].tolist(), *columns, strict=True)
        )
        sig = self.signature_table
        unsigned = sig["unsigned"].to_numpy(dtype=bool)
        return attrs.evolve(
            self.inspection_base,
            late=late,
            unsigned_results=tuple(sig["id"][unsigned].tolist()),
            unknown_signature=tuple(sig["id"][~unsigned].tolist()),
        )

    @property
    def signature_counts(self) -> dict[str, int]:
        """``unsigned_results`` and ``unknown_signature``: the sizes of those inspection lists."""
        counts = _signature_counts(self.signature_table)
        return {k: n + self.tallies.get(k, 0) for k, n in counts.items()}

    @property
    def late_counts(self) -> dict[str, int]:
        """Counts of the inspection's late list: ``late_or_overdue``, ``late_without_apology``
        (``late_without_apology_finished`` of them with a late result, the others still open),
        ``apology_late`` (sent later than 1 day before the due date), ``new_date_missed``."""
        counts = _late_counts(self.late_table)
        return {k: n + self.tallies.get(k, 0) for k, n in counts.items()}


def _finish(
    part: _Part,
    period: ReportingPeriod,
    catalogue: Sequence[Procedure],
    published: Mapping[str, Any] | None,
    config: Any,
    counts: tuple[int, int, int],
    errors: Sequence[RowError],
    chunks: int,
    classified: bool = False,
) -> FileReport:
    from tthc.models import ServiceLevel
    from tthc.outcomes import FindingKind
    from tthc.reports import InspectionReport, OnlineCoverage, ProgressScore, inspection_report

    base = inspection_report([], catalogue, period, published=published)
    procs = {c.level: c.procedures for c in base.coverage}
    order: list[ServiceLevel | None] = [*ServiceLevel, None]
    coverage = tuple(
        OnlineCoverage(
            lv, procs.get(lv, 0), part.received.get(lv, [0, 0])[0], part.received.get(lv, [0, 0])[1]
        )
        for lv in order
        if lv in procs or lv in part.received
    )
    inspection = InspectionReport(
        period=period,
        agency=None,
        level=None,
        dossiers=part.inspected,
        late=(),
        coverage=coverage,
        unsigned_results=(),
        unknown_signature=(),
        unpublished=base.unpublished,
        findings_by_kind=tuple((k, part.kinds[k]) for k in FindingKind if part.kinds.get(k)),
    )
    rate = part.on_time / part.considered if part.considered else None
    points = None if rate is None else config.points(rate)
    progress = ProgressScore(period, part.considered, part.on_time, rate, points, config)
    return FileReport(
        part.table(),
        progress,
        inspection,
        _late_table(part),
        _sorted(part.signatures),
        dict(part.tallies),
        counts[0],
        counts[1],
        counts[2],
        tuple(errors),
        chunks,
        part.on_promised,
        dict(sorted(part.uncatalogued.items())),
        _classified_table(part.classified) if classified else None,
    )

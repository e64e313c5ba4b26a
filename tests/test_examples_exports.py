"""The bundled exports (make_exports.py) agree with the event CSV they were made from."""

from __future__ import annotations

import io
import json
from functools import cache
from pathlib import Path

import pytest

from tthc.appointments import audit
from tthc.cli import main
from tthc.formats import read_catalogue, read_dossiers
from tthc.models import Dossier, SupplementRequested
from tthc.reports import ReportingPeriod, form06, place, progress_score

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CATALOGUE = EXAMPLES / "commune-2026.catalogue.json"
FILES = ("events.csv", "sync.json", "export.csv", "export.xlsx")
YEAR = ReportingPeriod.year(2026)


@cache
def _read(name: str) -> tuple[Dossier, ...]:
    return read_dossiers(EXAMPLES / f"commune-2026.{name}", procedures=read_catalogue(CATALOGUE))


def _twice_asked() -> set[str]:
    """Dossiers asked for supplements twice: a one-row export holds one supplement."""
    return {
        d.id
        for d in _read("events.csv")
        if sum(isinstance(e, SupplementRequested) for e in d.events) > 1
    }


@pytest.mark.parametrize("basis", ["statutory", "promised"])
def test_form06_agrees_across_formats(basis: str) -> None:
    names = FILES if basis == "statutory" else FILES[1:]  # the event CSV has no promised dates
    # Biểu 06's own columns (3)–(13) and (14); the sync record has no code for a dossier closed
    # for want of the supplement, so tthc's (16) stopped / (17) closed split differs
    columns = (
        "received", "received_online", "received_in_person", "carried_over", "resolved", "early",
        "on_time", "late", "in_progress", "within_time", "overdue", "ended",
    )  # fmt: skip
    totals = {}
    for n in names:
        total = form06(_read(n), YEAR, group_by=(), basis=basis).total
        totals[n] = tuple(getattr(total, c) for c in columns)
    assert totals["sync.json"] == totals[names[0]]
    assert totals["export.csv"] == totals["export.xlsx"]
    # a one-row export holds one supplement: only the dossiers asked twice may be placed apart
    twice = _twice_asked()
    sync = {d.id: place(d, YEAR, basis=basis) for d in _read("sync.json")}
    for d in _read("export.xlsx"):
        here, there = place(d, YEAR, basis=basis), sync[d.id]
        if d.id not in twice:
            assert (here and here.outcome) == (there and there.outcome), d.id
    scores = {n: progress_score(_read(n), YEAR, basis=basis).on_time for n in names}
    # QĐ 766 counts a dossier asked twice as overdue; the exports carry one request
    assert max(scores.values()) - min(scores.values()) <= len(twice)
    assert scores["sync.json"] == scores[names[0]]


def test_audit_agrees_across_formats() -> None:
    twice = _twice_asked()
    found = {}
    for name in FILES[1:]:
        report = audit(_read(name))
        assert not report.not_audited or all("no time limit" in r for _, r in report.not_audited)
        found[name] = {
            f.dossier_id: (f.promised_due, f.statutory_due, f.cause)
            for f in report
            if f.dossier_id not in twice
        }
    sync = found["sync.json"]
    assert found["export.csv"] == sync == found["export.xlsx"]
    causes = {part for _, _, c in sync.values() for part in c.split("+")}
    # the conventions the generator applied, each named (which of them show depends on the
    # sample: a worked Saturday, say, only matters to a dossier whose count spans one)
    applied = {
        "after_hours_or_weekend",
        "worked_saturday_not_counted",
        "supplement_paused",
        "different_limit",
        "none",
    }
    assert causes <= applied
    assert {"different_limit", "none"} < causes
    assert len(causes - {"different_limit", "none"}) >= 2


def test_the_cli_reads_each_file_without_flags() -> None:
    for name in ("sync.json", "export.xlsx"):
        path = str(EXAMPLES / f"commune-2026.{name}")
        out = io.StringIO()
        args = ["report", path, "--catalogue", str(CATALOGUE), "--period", "2026"]
        assert main([*args, "--basis", "promised", "--format", "json"], out) == 0
        report = json.loads(out.getvalue())
        assert report["basis"] == "promised"
        assert report["classified_on_promised_date"] > 2000
        out = io.StringIO()
        assert main(["audit", path, "--catalogue", str(CATALOGUE), "--format", "json"], out) == 0
        found = json.loads(out.getvalue())
        assert found["audited"] == report["dossiers"]
        assert set(found["dossiers"][0]) >= {
            "id", "promised_due", "statutory_due", "difference_working_days", "cause",
        }  # fmt: skip

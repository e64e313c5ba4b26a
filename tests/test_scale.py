"""At scale (opt-in, ``--run-slow`` / ``TTHC_SLOW=1``): serialization round trips and batch ==
scalar on about 10^5 generated dossiers. Each test prints its counts and durations.

* ``test_csv_file_round_trip_at_scale``: :func:`~tthc.serialization.write_dossiers` /
  :func:`~tthc.serialization.read_dossiers` in the one-row-per-event CSV layout, 10^5 dossiers.
* ``test_dumps_loads_round_trip_at_scale``: :func:`~tthc.serialization.dumps` /
  :func:`~tthc.serialization.loads` of the list of 10^5 dossiers, and of each one.
* ``test_json_file_round_trip_at_scale``: the JSON data file, 10^5 dossiers;
  ``test_json_file_line_numbers_at_scale``: the line of a broken last item in a large file (the
  reader once recounted lines from the start for every item: quadratic).
* ``test_batch_equals_scalar_at_scale``: :func:`~tthc.batch.classify_frame` against
  :func:`~tthc.classify` and :func:`~tthc.outcomes.findings` row by row, 10^5 rows, three
  ``as_of`` and a calendar with closures.
"""

from __future__ import annotations

import io
import time as clock
from datetime import date, datetime
from typing import Any

import pandas as pd
import pytest

from engines import SCALAR, classification_views, finding_views
from tthc import DayKind, Override, vietnam_calendar
from tthc.batch import classify_frame, frame_to_dossiers
from tthc.calendar import WorkingCalendar
from tthc.models import Dossier
from tthc.serialization import dumps, loads, read_dossiers, write_dossiers
from tthc.synthetic import catalogue, generate_frame

pytestmark = pytest.mark.slow

N = 100_000
N_JSON_FILE = N
PROCS = catalogue(extra=30, seed=7)
START, END = date(2024, 9, 1), date(2027, 3, 1)


def _report(capsys: pytest.CaptureFixture[str], line: str) -> None:
    with capsys.disabled():
        print(f"\n[scale] {line}")


class _Timer:
    def __init__(self) -> None:
        self.laps: list[str] = []

    def lap(self, name: str, started: float) -> None:
        self.laps.append(f"{name} {clock.perf_counter() - started:.1f} s")

    def __str__(self) -> str:
        return ", ".join(self.laps)


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return generate_frame(N, seed=2026, procedures=PROCS, start=START, end=END)


@pytest.fixture(scope="module")
def dossiers(frame: pd.DataFrame) -> list[Dossier]:
    out: list[Dossier] = frame_to_dossiers(frame, PROCS)
    return out


def _kinds(ds: list[Dossier]) -> str:
    counts: dict[str, int] = {}
    for d in ds:
        for e in d.events:
            counts[e.kind] = counts.get(e.kind, 0) + 1
    return ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))


def test_csv_file_round_trip_at_scale(
    dossiers: list[Dossier], tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    timer = _Timer()
    path = tmp_path / "dossiers.csv"
    started = clock.perf_counter()
    write_dossiers(dossiers, path)
    timer.lap("write", started)
    started = clock.perf_counter()
    back = read_dossiers(path, procedures=PROCS)
    timer.lap("read", started)
    rows = sum(len(d.events) for d in dossiers)
    _report(
        capsys,
        f"CSV file: {len(dossiers)} dossiers, {rows} event rows, "
        f"{path.stat().st_size / 1e6:.1f} MB; {timer}; events: {_kinds(dossiers)}",
    )
    assert len(dossiers) == N
    assert len(back) == N
    mismatches = [d.id for d, b in zip(dossiers, back, strict=True) if d != b]
    assert mismatches == []
    lenient = read_dossiers(path, procedures=PROCS, strict=False)
    assert lenient.ok
    assert lenient.dossiers == back


def test_dumps_loads_round_trip_at_scale(
    dossiers: list[Dossier], capsys: pytest.CaptureFixture[str]
) -> None:
    timer = _Timer()
    started = clock.perf_counter()
    text = dumps(dossiers)
    timer.lap("dumps (list)", started)
    started = clock.perf_counter()
    back = loads(text, list[Dossier])
    timer.lap("loads (list)", started)
    started = clock.perf_counter()
    one_by_one = [d for d in dossiers if loads(dumps(d), Dossier) != d]
    timer.lap("dumps+loads (each)", started)
    _report(capsys, f"dumps/loads: {len(dossiers)} dossiers, {len(text) / 1e6:.1f} MB; {timer}")
    assert len(back) == N
    assert [d.id for d, b in zip(dossiers, back, strict=True) if d != b] == []
    assert one_by_one == []


def test_json_file_round_trip_at_scale(
    dossiers: list[Dossier], tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    some = dossiers[:N_JSON_FILE]
    timer = _Timer()
    path = tmp_path / "dossiers.json"
    started = clock.perf_counter()
    write_dossiers(some, path)
    timer.lap("write", started)
    started = clock.perf_counter()
    back = read_dossiers(path)
    timer.lap("read", started)
    _report(
        capsys,
        f"JSON file: {len(some)} dossiers, {path.stat().st_size / 1e6:.1f} MB; {timer}",
    )
    assert len(back) == N_JSON_FILE
    assert [d.id for d, b in zip(some, back, strict=True) if d != b] == []


def test_json_file_line_numbers_at_scale(
    dossiers: list[Dossier], capsys: pytest.CaptureFixture[str]
) -> None:
    # Line numbers are counted incrementally (the reader was quadratic when it recounted from the
    # start for every item); the error of the last, broken item must still name its own line.
    buf = io.StringIO()
    write_dossiers(dossiers[:8_000], buf, format="json")
    text = buf.getvalue().rstrip().removesuffix("]") + ',\n  {"id": "HS-BROKEN"}\n]\n'
    broken_line = text.count("\n", 0, text.index('{"id": "HS-BROKEN"}')) + 1
    started = clock.perf_counter()
    result = read_dossiers(io.StringIO(text), format="json", strict=False)
    _report(capsys, f"JSON read of 8000 dossiers: {clock.perf_counter() - started:.2f} s")
    assert len(result.dossiers) == 8_000
    assert [e.line for e in result.errors] == [broken_line]


def _closures() -> WorkingCalendar:
    days = (date(2025, 9, 30), date(2025, 10, 1), date(2026, 3, 5), date(2026, 11, 16))
    return vietnam_calendar().with_overrides(
        *(Override(d, DayKind.CLOSURE, "bão", "test") for d in days),
        Override(date(2025, 10, 4), DayKind.EXTRA_WORKDAY, "làm bù", "test"),
    )


@pytest.mark.parametrize(
    ("as_of", "closures"),
    [
        (date(2026, 6, 30), False),
        (datetime(2025, 11, 3, 15, 0), False),
        (date(2027, 4, 1), True),
    ],
    ids=["2026-06-30", "2025-11-03T15:00", "2027-04-01-closures"],
)
def test_batch_equals_scalar_at_scale(
    frame: pd.DataFrame,
    dossiers: list[Dossier],
    as_of: date | datetime,
    closures: bool,
    capsys: pytest.CaptureFixture[str],
) -> None:
    cal = _closures() if closures else None
    ds = dossiers
    timer = _Timer()
    started = clock.perf_counter()
    out = classify_frame(frame, as_of=as_of, procedures=PROCS, calendar=cal, finding_kinds=True)
    timer.lap("classify_frame", started)
    started = clock.perf_counter()
    compared = 0
    unclassified = 0
    mismatches: list[tuple[str, Any, Any]] = []
    outcomes: dict[str, int] = {}
    # the parity views of tests/engines.py: the same comparison as assert_engines_agree, counted
    batch = zip(classification_views(out), finding_views(out), strict=True)
    for d, got in zip(ds, batch, strict=True):
        expected = (
            SCALAR.classify(d, as_of=as_of, calendar=cal),
            SCALAR.findings(d, calendar=cal),
        )
        outcome = expected[0].outcome
        if outcome is None:
            unclassified += 1
        else:
            compared += 1
            outcomes[outcome.value] = outcomes.get(outcome.value, 0) + 1
        if got != expected:
            mismatches.append((d.id, expected, got))
    timer.lap("scalar classify+findings", started)
    _report(
        capsys,
        f"batch == scalar as of {as_of}{' (closures)' if closures else ''}: {len(ds)} rows, "
        f"{compared} compared, {unclassified} received later, {len(mismatches)} mismatches; "
        f"{timer}; outcomes {dict(sorted(outcomes.items()))}",
    )
    assert len(ds) == N
    assert compared + unclassified == N
    assert compared > N // 3
    assert mismatches[:5] == []

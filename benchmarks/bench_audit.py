"""``tthc audit`` of a large event file with promised dates: columnar against scalar (issue 15).

Run::

    python benchmarks/bench_audit.py --dossiers 1000000 --scalar-dossiers 100000

It writes ``<dir>/audit-<n>.csv`` once for each size (synthetic dossiers of
:mod:`tthc.synthetic`, 90% with a promised date, in the CSV layout of
:func:`tthc.formats.write_dossiers`), then in one process times ``pandas.read_csv`` of the large
file, :func:`tthc.columnar.audit_file` of it (best of ``--repeat``), and the scalar path
(:func:`tthc.formats.read_dossiers` then :func:`tthc.appointments.audit`, what ``tthc audit
--engine scalar`` does) of the smaller file, and prints the times per million dossiers. Times on
a shared machine vary: re-run when the machine is busy.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _year_of_events import write_year_of_events


def _events_file(folder: Path, n: int) -> Path:
    """The event CSV of ``n`` dossiers with promised dates, generated when missing."""
    return write_year_of_events(folder / f"audit-{n}.csv", n, step=500_000, promised=0.9)


def _best(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


def main() -> None:
    """Measure and print one JSON line of figures."""
    p = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    p.add_argument("--dossiers", type=int, default=1_000_000)
    p.add_argument("--scalar-dossiers", type=int, default=100_000)
    p.add_argument("--dir", default=os.environ.get("TMPDIR", "/tmp"))
    p.add_argument("--repeat", type=int, default=2)
    args = p.parse_args()
    import pandas as pd

    from tthc.appointments import audit
    from tthc.columnar import audit_file
    from tthc.formats import read_dossiers
    from tthc.synthetic import catalogue

    procs = catalogue()

    big = _events_file(Path(args.dir), args.dossiers)
    small = _events_file(Path(args.dir), args.scalar_dossiers)
    read_s, _ = _best(lambda: pd.read_csv(big), args.repeat)  # the reference of bench_report
    col_s, found = _best(lambda: audit_file(big, procedures=procs), args.repeat)
    col_small_s, small_found = _best(lambda: audit_file(small, procedures=procs), args.repeat)
    scalar_s, report = _best(lambda: audit(read_dossiers(small, procedures=procs)), 1)
    assert report == small_found.report  # the same audit both ways
    figures = {
        "file_mb": round(big.stat().st_size / 1e6, 1),
        "dossiers": args.dossiers,
        "audited": len(found.report),
        "differ": len(found.report.differences),
        "scalar_dossiers_in_columnar_run": found.scalar_dossiers,
        "read_csv_s": round(read_s, 2),
        "columnar_s": round(col_s, 2),
        "ratio_to_read_csv": round(col_s / read_s, 2),
        "scalar_sample": args.scalar_dossiers,
        "columnar_sample_s": round(col_small_s, 2),
        "scalar_sample_s": round(scalar_s, 2),
        "scalar_over_columnar": round(scalar_s / col_small_s, 1),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()

"""``tthc report`` of a large event file against the time pandas takes to read it (issue 15).

Run::

    python benchmarks/bench_report.py --dossiers 1000000            # CSV: time ratio, peak RSS
    python benchmarks/bench_report.py --dossiers 1000000 --parquet  # and the Parquet input
    python benchmarks/bench_report.py --dossiers 5000000 --rss-only # flat memory of chunks

It writes ``<dir>/events-<n>.csv`` once (synthetic dossiers of :mod:`tthc.synthetic`, the CSV
layout of :func:`tthc.formats.write_dossiers`), then in one process times ``pandas.read_csv`` of
it and :func:`tthc.columnar.report_file` of it (in turn, best of ``--repeat`` each), and prints
their ratio;
the peak resident memory of each is measured in a fresh child process (its own high-water mark,
``VmHWM``: a forked child's ``ru_maxrss`` starts at its parent's peak, so the file is also
generated in a child of its own). Times on a shared machine vary: compare the ratio, and re-run
when the machine is busy.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _year_of_events import write_year_of_events

PERIOD = ("year", 2026)


def _events_file(folder: Path, n: int) -> Path:
    """The event CSV of ``n`` dossiers, generated in a child process when missing (so that this
    process, and the children it starts to measure memory, stay small)."""
    path = folder / f"events-{n}.csv"
    if not path.exists():
        args = [sys.executable, __file__, "--child", "generate", "--file", str(path)]
        subprocess.run([*args, "--dossiers", str(n)], check=True)
    return path


def _generate(path: Path, n: int) -> None:
    write_year_of_events(path, n, step=1_000_000)


def _parquet_file(csv_path: Path) -> Path:
    path = csv_path.with_suffix(".parquet")
    if not path.exists():
        import pandas as pd

        pd.read_csv(csv_path, dtype=str, keep_default_na=False).to_parquet(path, index=False)
    return path


def _report(path: Path, chunk_size: int | None) -> Any:
    from tthc.columnar import report_file
    from tthc.reports import ReportingPeriod
    from tthc.synthetic import catalogue

    return report_file(
        path,
        ReportingPeriod.year(PERIOD[1]),
        procedures=catalogue(),
        chunk_size=chunk_size,
        lists=False,  # as tthc report: the counts of the inspection lists
    )


def _best_of_pairs(a: Callable[[], Any], b: Callable[[], Any], repeat: int) -> tuple[float, float]:
    """The best time of ``a`` and of ``b``, run in turn ``repeat`` times each: a machine whose
    speed drifts during the run (a shared one) then slows both alike."""
    best = [float("inf"), float("inf")]
    for _ in range(repeat):
        for i, fn in enumerate((a, b)):
            t = time.perf_counter()
            fn()
            best[i] = min(best[i], time.perf_counter() - t)
    return best[0], best[1]


def _peak_mb() -> float:
    """This process's peak resident memory in MB: ``VmHWM`` (its own, from the exec on) where
    Linux gives it, else ``ru_maxrss`` (which a child inherits from its parent at the fork)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(what: str, path: Path, chunk_size: int | None) -> None:
    """Run one thing and print this process's peak RSS (MB) as JSON (for the parent)."""
    import pandas as pd

    t = time.perf_counter()
    if what == "read_csv":
        pd.read_csv(path)
    elif what == "read_parquet":
        pd.read_parquet(path)
    else:
        r = _report(path, chunk_size)
        assert not r.errors, r.errors[:3]
    seconds = time.perf_counter() - t
    peak = _peak_mb()
    print(json.dumps({"peak_mb": round(peak), "seconds": round(seconds, 2)}))


def _peak(what: str, path: Path, chunk_size: int | None) -> dict[str, Any]:
    args = [sys.executable, __file__, "--child", what, "--file", str(path)]
    if chunk_size is not None:
        args += ["--chunk-size", str(chunk_size)]
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def main() -> None:
    """Parse the arguments and print the measurements."""
    p = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    p.add_argument("--dossiers", type=int, default=1_000_000)
    p.add_argument("--dir", default=os.environ.get("TMPDIR", "/tmp"))
    p.add_argument("--repeat", type=int, default=2)
    p.add_argument("--chunk-size", type=int, default=None)
    p.add_argument("--parquet", action="store_true")
    p.add_argument("--rss-only", action="store_true")
    p.add_argument("--child", choices=("read_csv", "read_parquet", "report", "generate"))
    p.add_argument("--file")
    a = p.parse_args()
    if a.child == "generate":
        _generate(Path(a.file), a.dossiers)
        return
    if a.child:
        _child(a.child, Path(a.file), a.chunk_size)
        return
    path = _events_file(Path(a.dir), a.dossiers)
    size = path.stat().st_size / 2**20
    print(f"file: {path} ({size:.0f} MB, {a.dossiers:,} dossiers)")
    report = _peak("report", path, a.chunk_size)
    print(f"tthc report (child): {report['seconds']} s, peak RSS {report['peak_mb']} MB "
          f"= {report['peak_mb'] / size:.2f}x the file")  # fmt: skip
    if a.rss_only:
        return
    import pandas as pd

    read, rep = _best_of_pairs(
        lambda: pd.read_csv(path), lambda: _report(path, a.chunk_size), a.repeat
    )
    print(f"pandas.read_csv: {read:.2f} s; report_file: {rep:.2f} s; ratio {rep / read:.2f}")
    peak_read = _peak("read_csv", path, None)
    print(f"pandas.read_csv (child): peak RSS {peak_read['peak_mb']} MB")
    if a.parquet:
        pq = _parquet_file(path)
        read, rep = _best_of_pairs(lambda: pd.read_parquet(pq), lambda: _report(pq, None), a.repeat)
        print(f"pandas.read_parquet: {read:.2f} s; report_file: {rep:.2f} s; "
              f"ratio {rep / read:.2f}")  # fmt: skip


if __name__ == "__main__":
    main()

"""Time of :func:`tthc.dask.report` against the number of partitions, on a local cluster.

Run::

    python benchmarks/bench_dask.py --dossiers 400000 --workers 2

It writes the same synthetic dossiers (one row per dossier, Parquet) split into 1, 2, 4, 8 and 16
files, starts a ``dask.distributed.LocalCluster`` (``--workers`` processes, one thread each),
and prints for each split the best of ``--repeat`` runs of ``tthc.dask.report`` (Biểu 06, the
QĐ 766 score and the inspection), next to :func:`tthc.columnar.report_frame` of the whole frame
in this process. To measure a real cluster, pass ``--scheduler tcp://host:8786`` (the dataset
directory must then be readable by every worker, e.g. on shared storage: ``--dir``).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any


def main() -> None:
    """Parse the arguments, write the splits, time them."""
    p = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    p.add_argument("--dossiers", type=int, default=400_000)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--repeat", type=int, default=2)
    p.add_argument("--dir", default="/tmp/tthc-bench-dask")
    p.add_argument("--scheduler", default=None)
    a = p.parse_args()

    from dask.distributed import Client, LocalCluster

    import tthc.dask as tdask
    from tthc.columnar import report_frame, write_frame
    from tthc.reports import ReportingPeriod
    from tthc.synthetic import catalogue, generate_frame

    procs = catalogue()
    period = ReportingPeriod.year(2026)
    frame = generate_frame(a.dossiers, seed=1, procedures=procs)
    t = time.perf_counter()
    single = report_frame(frame, period, procedures=procs)
    print(f"{a.dossiers:,} dossiers; report_frame in this process: "
          f"{time.perf_counter() - t:.2f} s")  # fmt: skip
    root = Path(a.dir)
    splits = (1, 2, 4, 8, 16)
    for n in splits:
        folder = root / f"parts-{n}"
        folder.mkdir(parents=True, exist_ok=True)
        size = -(-len(frame) // n)
        for i in range(n):
            write_frame(frame.iloc[i * size : (i + 1) * size], folder / f"part-{i:03d}.parquet")
    cluster: Any = None
    if a.scheduler is None:
        cluster = LocalCluster(n_workers=a.workers, threads_per_worker=1, dashboard_address=None)
    with Client(a.scheduler or cluster) as client:
        print(f"cluster: {len(client.scheduler_info()['workers'])} workers")
        for n in splits:
            ddf = tdask.read_dataset(root / f"parts-{n}")
            best = float("inf")
            for _ in range(a.repeat):
                t = time.perf_counter()
                got = tdask.report(ddf, period, procedures=procs)
                best = min(best, time.perf_counter() - t)
            assert got.form06 == single.form06
            assert got.progress == single.progress
            print(f"partitions {n:>2}: {best:.2f} s")
    if cluster is not None:
        cluster.close()


if __name__ == "__main__":
    main()

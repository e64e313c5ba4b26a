"""Batch benchmarks (issue 5), run on demand: ``.venv/bin/python benchmarks/bench_batch.py [n]``.

Prints, in one process:

1. ``tthc.batch.add_working_days`` on ``n`` dates vs ``numpy.busday_offset`` on the same arrays
   (with the same holidays; it has no working Saturdays), as a ratio (target <= 1.0x);
2. ``classify_frame`` + ``form06_frame`` (Biểu 06) of ``n`` synthetic dossiers: seconds
   (target <= 2 s) and peak memory allocated while they run, measured with ``tracemalloc`` in a
   second, separate run (target <= 500 MB);
3. the scalar ``tthc.classify`` per dossier (µs), and the batch per dossier for comparison.
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import numpy as np

from tthc import vietnam_calendar
from tthc.batch import add_working_days, classify_frame, form06_frame, frame_to_dossiers
from tthc.outcomes import classify
from tthc.stats import ReportingPeriod
from tthc.synthetic import catalogue, generate_frame


def best(fn: Callable[[], Any], repeat: int = 3) -> float:
    """The best wall time of ``repeat`` runs, in seconds."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main(n: int = 1_000_000) -> None:
    cal = vietnam_calendar()
    rng = np.random.default_rng(0)
    days = (np.datetime64("2020-01-01") + rng.integers(0, 365 * 6, n)).astype("datetime64[D]")
    holidays = np.array(
        [d for d in np.arange("2019-01-01", "2028-12-31", dtype="datetime64[D]")
         if not cal.is_working_day(d.item()) and d.item().weekday() < 5]
    )  # fmt: skip
    add_working_days(days[:1], 5, cal)  # builds and caches the lookup tables
    ours = best(lambda: add_working_days(days, 5, cal))
    theirs = best(lambda: np.busday_offset(days, 5, roll="forward", holidays=holidays))
    print(f"add_working_days x{n:,}: {ours * 1e3:.1f} ms; numpy.busday_offset: "
          f"{theirs * 1e3:.1f} ms; ratio {ours / theirs:.2f}x (target <= 1.0x)")  # fmt: skip

    procs = catalogue()
    df = generate_frame(n, seed=1, procedures=procs)
    period = ReportingPeriod.half(2026, 1)
    as_of = period.end

    def batch() -> None:
        classify_frame(df, as_of=as_of, procedures=procs)
        form06_frame(df, period, procedures=procs)

    batch_s = best(batch, repeat=2)
    tracemalloc.start()
    batch()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"classify_frame + form06_frame x{n:,}: {batch_s:.2f} s (target <= 2 s); "
          f"peak {peak / 1e6:.0f} MB allocated (tracemalloc; target <= 500 MB; the frame itself "
          f"{df.memory_usage(deep=True).sum() / 1e6:.0f} MB)")  # fmt: skip

    head = df.head(20_000)
    sample = frame_to_dossiers(head[head["received"].dt.date <= as_of].head(5000), procs)
    scalar = best(lambda: [classify(d, as_of=as_of, calendar=cal) for d in sample], repeat=1)
    per = scalar / len(sample)
    print(f"scalar classify: {per * 1e6:.1f} µs per dossier; batch classify_frame + Biểu 06: "
          f"{batch_s / n * 1e6:.2f} µs per dossier ({per / (batch_s / n):.0f}x faster)")  # fmt: skip


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)

"""Calendar benchmarks: tthc against the tools people use today, as ratios in one process.

Run on demand (never as a test):  python benchmarks/bench_calendar.py [--quick]

Each figure is the best of several repeats of a timed loop; the ratios matter, not the absolute
numbers, since the machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import timeit
from collections.abc import Callable
from datetime import date, datetime, timedelta


def best_per_call(fn: Callable[[], object], number: int, repeat: int = 7) -> float:
    """Best seconds per call over ``repeat`` timed loops of ``number`` calls."""
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number


def process_time(code: str, runs: int) -> float:
    """Median wall time of ``python -c code`` in a fresh interpreter (seconds)."""
    times = []
    for _ in range(runs):
        out = subprocess.run(
            [
                sys.executable,
                "-c",
                f"import time; t = time.perf_counter(); {code}; print(time.perf_counter() - t)",
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer loops (smoke run)")
    args = parser.parse_args(argv)
    scale = 10 if args.quick else 1
    import holidays
    import numpy as np

    import tthc

    cal = tthc.vietnam_calendar()
    start = date(2026, 2, 12)
    rows: list[tuple[str, float, float, str]] = []

    # add_working_days(d, 30) against holidays' own working-day function.
    vn = holidays.country_holidays("VN", years=range(2025, 2028))
    assert vn.get_nth_working_day(start, 30) is not None
    ours = best_per_call(lambda: cal.add_working_days(start, 30), 20_000 // scale)
    theirs = best_per_call(lambda: vn.get_nth_working_day(start, 30), 2_000 // scale)
    rows.append(
        ("add_working_days(d, 30) vs holidays.get_nth_working_day", ours, theirs, ">= 100x")
    )

    # ... and against numpy.busday_offset on a scalar (with the same holidays, no Saturdays).
    hol = np.array(sorted(d for d in vn if d.weekday() < 5), dtype="datetime64[D]")
    cal_np = np.busdaycalendar(weekmask="1111100", holidays=hol)
    d64 = np.datetime64(start, "D")
    theirs = best_per_call(
        lambda: np.busday_offset(d64, 30, roll="forward", busdaycal=cal_np), 20_000 // scale
    )
    rows.append(("add_working_days(d, 30) vs numpy.busday_offset (scalar)", ours, theirs, ">= 3x"))

    # add_working_time(+240 h) against pandas' CustomBusinessHour.
    import importlib.util

    if importlib.util.find_spec("pandas") is not None:
        import pandas as pd

        moment = datetime(2026, 3, 2, 9, 0)
        delta = timedelta(hours=240)
        ours = best_per_call(lambda: cal.add_working_time(moment, delta), 20_000 // scale)
        cbh = pd.offsets.CustomBusinessHour(
            n=1, start=["07:30", "13:00"], end=["11:30", "17:00"], holidays=list(hol)
        )
        ts = pd.Timestamp(moment)
        offset = 240 * cbh
        theirs = best_per_call(lambda: ts + offset, 20 if args.quick else 100, repeat=3)
        rows.append(
            ("add_working_time(+240 h) vs pandas CustomBusinessHour", ours, theirs, ">= 10x")
        )

    print(f"{'benchmark':62} {'tthc':>10} {'baseline':>10} {'speed-up':>9}  target")
    for name, a, b, target in rows:
        print(f"{name:62} {a * 1e6:8.2f}µs {b * 1e6:8.2f}µs {b / a:8.1f}x  {target}")

    runs = 5 if args.quick else 15
    t_tthc = process_time("import tthc", runs)
    t_hol = process_time("import holidays", runs)
    print(
        f"{'import tthc vs import holidays (fresh process, median)':62} "
        f"{t_tthc * 1e3:8.1f}ms {t_hol * 1e3:8.1f}ms {t_tthc / t_hol:8.2f}x  <= 1.5x (tthc/holidays)"
    )
    t_first = process_time("import tthc; tthc.vietnam_calendar()", runs) - t_tthc
    print(f"{'first vietnam_calendar() call (fresh process, median)':62} {t_first * 1e3:8.1f}ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

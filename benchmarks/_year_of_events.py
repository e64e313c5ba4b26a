"""The synthetic event CSV the report and audit benchmarks read (one writer for both)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any


def write_year_of_events(path: Path, n: int, *, step: int, **options: Any) -> Path:
    """Write, unless it exists, the event CSV of ``n`` synthetic dossiers received over the
    reporting year 15/12/2025–14/12/2026, in tthc's layout (:func:`tthc.columnar.frame_to_events`).

    Generated in slices of ``step`` dossiers (seeds 0, 1, …; ids ``HS<slice>-…``) so that the
    generator's memory stays small, into a ``.tmp`` file renamed at the end (an interrupted run
    leaves no half file behind). ``options`` go to :func:`tthc.synthetic.generate_frame`.
    """
    if path.exists():
        return path
    from tthc.columnar import frame_to_events
    from tthc.synthetic import catalogue, generate_frame

    procs = catalogue()
    tmp = path.with_suffix(".tmp")
    for i in range(0, n, step):
        frame = generate_frame(
            min(step, n - i),
            seed=i // step,
            procedures=procs,
            start=date(2025, 12, 15),
            end=date(2026, 12, 14),
            **options,
        )
        frame["id"] = frame["id"].str.replace("HS-", f"HS{i // step}-", regex=False)
        frame_to_events(frame).to_csv(tmp, index=False, mode="a" if i else "w", header=i == 0)
    tmp.rename(path)
    return path

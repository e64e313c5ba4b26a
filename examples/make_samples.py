"""Make the sample data in ``examples/`` reproducibly: ``python examples/make_samples.py``.

Two data sets for report year 2026 under the NĐ 09/2019 cut-off (15/12/2025–14/12/2026), exported
as of 2026-12-14 (so the last weeks hold open dossiers), from :mod:`tthc.synthetic` with fixed
seeds:

* ``commune-2026``: one commune's one-stop desk, its commune-level procedures, 2,500 dossiers;
* ``province-2026``: six agencies of a province, every procedure of the catalogue, 12,000 dossiers.

Each set is written as ``<name>.dossiers.csv`` (one row per dossier, the layout of
:mod:`tthc.batch`: read it with ``tthc.batch.read_frame_csv(path)``),
``<name>.procedures.json`` (the procedures, ``tthc.serialization.loads(text, list[Procedure])``)
and, when :mod:`tthc.serialization` is available, ``<name>.events.csv`` (one row per event,
``tthc.serialization.read_dossiers``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tthc.batch import frame_to_dossiers
from tthc.models import GovernmentLevel, Procedure
from tthc.synthetic import COMMUNE_AGENCIES, PROVINCE_AGENCIES, catalogue, generate_frame

HERE = Path(__file__).resolve().parent
START, END = date(2025, 12, 15), date(2026, 12, 14)


def write(
    name: str, n: int, seed: int, procedures: tuple[Procedure, ...], agencies: tuple[str, ...]
) -> None:
    frame = generate_frame(
        n, seed=seed, start=START, end=END, procedures=procedures, agencies=agencies
    )
    frame.to_csv(HERE / f"{name}.dossiers.csv", index=False, date_format="%Y-%m-%d %H:%M:%S")
    try:
        from tthc import serialization
    except ImportError:  # pragma: no cover - serialization not installed
        print(f"{name}: tthc.serialization missing; wrote the one-row-per-dossier CSV only")
    else:
        (HERE / f"{name}.procedures.json").write_text(
            serialization.dumps(list(procedures), indent=1) + "\n", encoding="utf-8"
        )
        serialization.write_dossiers(
            frame_to_dossiers(frame, procedures), HERE / f"{name}.events.csv"
        )
    print(f"{name}: {n} dossiers, {len(procedures)} procedures, seed {seed}")


def main() -> None:
    procs = catalogue(extra=15, seed=2026)
    commune = tuple(p for p in procs if p.level is GovernmentLevel.COMMUNE)
    write("commune-2026", 2500, 1, commune, COMMUNE_AGENCIES)
    write("province-2026", 12000, 2, tuple(procs), PROVINCE_AGENCIES)


if __name__ == "__main__":
    main()

"""Make the sample data in ``examples/`` reproducibly: ``python examples/make_samples.py``.

Two data sets for report year 2026 under the NĐ 09/2019 cut-off (15/12/2025–14/12/2026), exported
as of 2026-12-14 (so the last weeks hold open dossiers), from :mod:`tthc.synthetic` with fixed
seeds:

* ``commune-2026``: one commune's one-stop desk, its commune-level procedures, 2,500 dossiers;
* ``province-2026``: six agencies of a province, every procedure of the catalogue, 12,000 dossiers.

Each set is written as ``<name>.dossiers.csv`` (one row per dossier, the layout of
:mod:`tthc.batch`: read it with ``tthc.batch.read_frame_csv(path)``),
``<name>.catalogue.json`` (the procedure catalogue, ``tthc.serialization.read_catalogue``: each
procedure with an online service level and, for all but a few, the decision that published it)
and ``<name>.events.csv`` (one row per event, ``tthc.serialization.read_dossiers``).

The README's main job runs on them::

    tthc report examples/commune-2026.events.csv --catalogue examples/commune-2026.catalogue.json --period 2026
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import attrs

from tthc.batch import frame_to_dossiers
from tthc.models import GovernmentLevel, Procedure, ServiceLevel
from tthc.serialization import CatalogueEntry, write_catalogue, write_dossiers
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
    write_catalogue(catalogue_of(procedures), HERE / f"{name}.catalogue.json")
    write_dossiers(frame_to_dossiers(frame, procedures), HERE / f"{name}.events.csv")
    print(f"{name}: {n} dossiers, {len(procedures)} procedures, seed {seed}")


_LEVELS = (ServiceLevel.FULL, ServiceLevel.PARTIAL, ServiceLevel.FULL, ServiceLevel.INFORMATION)


def catalogue_of(procedures: tuple[Procedure, ...]) -> list[CatalogueEntry]:
    """Catalogue entries: a service level for each procedure, a publication record for most.

    Every seventh procedure is left unpublished, so the inspection's check has something to find.
    """
    entries = []
    for i, p in enumerate(procedures):
        level = p.service_level or _LEVELS[i % len(_LEVELS)]
        published = () if i % 7 == 6 else (f"Quyết định công bố danh mục TTHC (mẫu) số {100 + i}",)
        entries.append(
            CatalogueEntry.from_procedure(
                attrs.evolve(p, service_level=level),
                published_in=published,
                sources=("tthc.synthetic (dữ liệu mẫu)",),
                confidence="low" if p.code.startswith("9.") else "high",
            )
        )
    return entries


def main() -> None:
    procs = catalogue(extra=15, seed=2026)
    commune = tuple(p for p in procs if p.level is GovernmentLevel.COMMUNE)
    write("commune-2026", 2500, 1, commune, COMMUNE_AGENCIES)
    write("province-2026", 12000, 2, tuple(procs), PROVINCE_AGENCIES)


if __name__ == "__main__":
    main()

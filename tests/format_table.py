"""The formats tthc reads and writes, as a table the fuzz and round-trip tests run over.

To add a reader (a new file layout, a national sync record, a columnar report), append a
:class:`FormatCase` to :data:`FORMATS`: the tests in ``test_formats_fuzz.py`` then feed it valid,
mutated and garbage files, check that only tthc errors come out, that every lenient read
reconciles, and that what its writer wrote reads back.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import attrs
from hypothesis import strategies as st

from tthc.announcements import announcements_from_data, load_announcements
from tthc.formats import (
    Catalogue,
    CatalogueEntry,
    ReadResult,
    bundled_catalogue,
    read_catalogue,
    read_dossiers,
    write_catalogue,
    write_dossiers,
)
from tthc.formats.frames import write_frame_csv
from tthc.formats.national import catalogue_of, read_published_procedures
from tthc.formats.sync_record import read_sync_records
from tthc.models import (
    Apologized,
    Channel,
    Dossier,
    Event,
    ExclusionStarted,
    Received,
    Refused,
    Resolved,
    StepCompleted,
    Stopped,
    SupplementRequested,
    Withdrawn,
)
from tthc.strategies import dossiers

CATALOGUE = bundled_catalogue()
PROCEDURES = [e.procedure for e in CATALOGUE]

# Text a hostile or careless source may hold: formula starters, quotes, separators, line breaks
# of every kind, NUL, byte-order marks, combining marks (NFD), right-to-left marks, emoji.
ADVERSARIAL = st.one_of(
    st.text(min_size=1, max_size=12),
    st.text(
        st.sampled_from("=+-@\t\r\n\",;'\\\x00\ufeff\u200f\u0301a ẫ😀"), min_size=1, max_size=8
    ),
    st.sampled_from(
        ["=1+1", "+1", "-1", "@A1", "\tx", "\rx", "'=x", "''", "a\r\nb", '"', "\ufeff"]
    ),
).filter(lambda s: bool(s.strip()))


@st.composite
def adversarial_dossiers(draw: st.DrawFn, *, aware: bool | None = None) -> Dossier:
    """A valid dossier of a bundled procedure whose id, agency and reasons are hostile text."""
    d = draw(dossiers(st.sampled_from(PROCEDURES), aware=aware))
    events = []
    for e in d.events:
        if isinstance(e, (SupplementRequested, Refused, Stopped, ExclusionStarted, Apologized)):
            e = attrs.evolve(e, reason=draw(ADVERSARIAL))
        events.append(e)
    agency = draw(st.none() | ADVERSARIAL)
    return Dossier(draw(ADVERSARIAL), d.procedure, events, agency=agency)


def _unique(items: list[Dossier]) -> list[Dossier]:
    seen: set[str] = set()
    out = []
    for d in items:
        if d.id not in seen:
            seen.add(d.id)
            out.append(d)
    return out


def dossier_lists(*, aware: bool | None = None) -> st.SearchStrategy[list[Dossier]]:
    return st.lists(adversarial_dossiers(aware=aware), max_size=4).map(_unique)


def _frame_fits(d: Dossier) -> bool:
    from tthc.batch import dossiers_to_frame

    try:
        dossiers_to_frame([d])
    except ValueError:
        return False
    return not any(isinstance(e, StepCompleted) for e in d.events)


def _via_frame(items: Sequence[Dossier]) -> list[Dossier]:
    from tthc.batch import dossiers_to_frame, frame_to_dossiers

    return list(frame_to_dossiers(dossiers_to_frame(items), PROCEDURES)) if items else []


def _empty_agency_is_none(items: Sequence[Dossier]) -> list[Dossier]:
    return [attrs.evolve(d, agency=d.agency or None) for d in items]


@dataclass(frozen=True)
class FormatCase:
    """One format: how to read a file strictly and leniently, write values, and compare."""

    name: str
    suffix: str
    read: Callable[[Path], object]
    """Strict read: returns the values or raises a tthc error."""
    read_lenient: Callable[[Path], ReadResult] | None
    """Lenient read (``strict=False``), or None when the format has none."""
    values: st.SearchStrategy[Any]
    """Valid values for the writer."""
    write: Callable[[Any, Path], None]
    expected: Callable[[Any], object]
    """What reading back what ``write`` wrote gives (the values, as the format keeps them)."""
    binary: bool = False
    """A binary file (XLSX): mutated byte by byte, not as text."""
    cli: tuple[str, ...] | None = ("report", "--period", "2026")
    """The ``tthc`` subcommand that reads this format (the file goes after it), or None."""


def _catalogue_entries() -> st.SearchStrategy[list[CatalogueEntry]]:
    return st.lists(st.sampled_from(list(CATALOGUE)), max_size=3).flatmap(
        lambda entries: st.lists(ADVERSARIAL, min_size=len(entries), max_size=len(entries)).map(
            lambda notes: [attrs.evolve(e, notes=n) for e, n in zip(entries, notes, strict=True)]
        )
    )


def _announcement_data(sources: list[str]) -> dict[str, Any]:
    return {
        "announcements": [
            {
                "source": source,
                "announced": "2026-12-01",
                "occasions": [{"kind": "NEW_YEAR", "year": 2027}],
                "days": [
                    {"date": "2027-01-01", "kind": "HOLIDAY", "name_vi": "Tết Dương lịch"},
                    {"date": "2027-01-02", "kind": "SWAP_DAY_OFF", "name_vi": source},
                ],
            }
            for source in sources
        ]
    }


def _write_announcements(sources: list[str], path: Path) -> None:
    path.write_text(json.dumps(_announcement_data(sources), ensure_ascii=False), encoding="utf-8")


FORMATS: list[FormatCase] = [
    FormatCase(
        name="dossiers-json",
        suffix=".json",
        read=lambda path: read_dossiers(path),
        read_lenient=lambda path: read_dossiers(path, strict=False),
        values=dossier_lists(),
        write=lambda items, path: write_dossiers(items, path),
        expected=tuple,
    ),
    FormatCase(
        name="events-csv",
        suffix=".csv",
        read=lambda path: read_dossiers(path),
        read_lenient=lambda path: read_dossiers(path, strict=False),
        values=dossier_lists(aware=False),
        write=lambda items, path: write_dossiers(items, path),
        expected=lambda items: tuple(_empty_agency_is_none(items)),
    ),
    FormatCase(
        name="frame-csv",
        suffix=".csv",
        read=lambda path: read_dossiers(path),
        read_lenient=lambda path: read_dossiers(path, strict=False),
        values=dossier_lists(aware=False).map(lambda ds: [d for d in ds if _frame_fits(d)]),
        write=lambda items, path: write_frame_csv(items, path),
        expected=lambda items: tuple(_empty_agency_is_none(_via_frame(items))),
    ),
    FormatCase(
        name="catalogue-json",
        suffix=".json",
        read=lambda path: read_catalogue(path),
        read_lenient=None,
        values=_catalogue_entries(),
        write=lambda entries, path: write_catalogue(entries, path),
        expected=lambda entries: Catalogue(entries),
    ),
    FormatCase(
        name="catalogue-csv",
        suffix=".csv",
        read=lambda path: read_catalogue(path),
        read_lenient=None,
        values=_catalogue_entries(),
        write=lambda entries, path: write_catalogue(entries, path),
        expected=lambda entries: Catalogue(entries),
    ),
    FormatCase(
        name="announcements-json",
        suffix=".json",
        read=lambda path: load_announcements(path),
        read_lenient=None,
        values=st.lists(ADVERSARIAL, max_size=3),
        write=_write_announcements,
        expected=lambda sources: announcements_from_data(_announcement_data(sources)),
    ),
]
"""Every format tthc reads, with its reader, writer and round-trip expectation."""

"""``loads(dumps(x)) == x`` for every public type of tthc, with hostile text (issue 13).

The table :data:`VALUES` holds a strategy per public type; a test checks that every attrs class
and enum ``tthc`` exports is in it, so a new type cannot go without its round trip. Text fields
are drawn from :data:`format_table.ADVERSARIAL` (formula starters, quotes, separators, line ends
of every kind, NUL, BOM, NFD marks, right-to-left marks, emoji) where the type holds free text.
The files of every format have their round trip in ``test_formats_fuzz.py``.
"""

from __future__ import annotations

import enum
import unicodedata
from datetime import date, datetime
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tthc
from format_table import ADVERSARIAL, PROCEDURES, adversarial_dossiers
from tthc.formats import dumps, loads
from tthc.strategies import procedures

TEXT = ADVERSARIAL.map(lambda s: unicodedata.normalize("NFC", s))
DAYS = st.dates(date(2026, 1, 1), date(2027, 12, 31))
PERIODS = st.one_of(
    st.builds(tthc.ReportingPeriod.month, st.integers(2019, 2030), st.integers(1, 12)),
    st.builds(tthc.ReportingPeriod.quarter, st.integers(2019, 2030), st.integers(1, 4)),
    st.builds(tthc.ReportingPeriod.year, st.integers(2019, 2030)),
)


@st.composite
def _procedures_with_hostile_text(draw: st.DrawFn) -> tthc.Procedure:
    p = draw(procedures())
    basis = tuple(draw(st.lists(TEXT, max_size=2)))
    return attrs.evolve(p, name=draw(TEXT), field=draw(TEXT), legal_basis=basis)


def _occasions() -> st.SearchStrategy[tthc.Occasion]:
    return st.builds(
        lambda kind, first, span, official, source, announced: tthc.Occasion(
            kind, first.year, first, date.fromordinal(first.toordinal() + span), official, source,
            announced,
        ),
        st.sampled_from(tthc.OccasionKind),
        DAYS,
        st.integers(0, 9),
        st.booleans(),
        TEXT,
        st.none() | DAYS,
    )  # fmt: skip


def _announced_days() -> st.SearchStrategy[tthc.AnnouncedDay]:
    kinds = [k for k in tthc.DayKind if k is not tthc.DayKind.WEEKEND]
    return st.builds(tthc.AnnouncedDay, DAYS, st.sampled_from(kinds), TEXT, TEXT)


def _announcements() -> st.SearchStrategy[tthc.Announcement]:
    occasions = st.lists(
        st.tuples(st.sampled_from(tthc.OccasionKind), st.integers(2026, 2027)),
        min_size=1,
        max_size=2,
        unique=True,
    )
    return st.builds(
        tthc.Announcement,
        TEXT,
        DAYS,
        days=st.lists(_announced_days(), max_size=2, unique_by=lambda d: d.date),
        occasions=occasions,
    )


def _overrides() -> st.SearchStrategy[tthc.Override]:
    kinds = [k for k in tthc.DayKind if k not in (tthc.DayKind.WORKING, tthc.DayKind.WEEKEND)]
    return st.builds(tthc.Override, DAYS, st.sampled_from(kinds), TEXT, TEXT)


def _reports(kind: str) -> st.SearchStrategy[Any]:
    """A report of hostile dossiers (agencies, ids, reasons) over a period of 2026."""
    dossiers = st.lists(adversarial_dossiers(), max_size=4)
    period = st.builds(tthc.ReportingPeriod.quarter, st.just(2026), st.integers(1, 4))
    if kind == "form06":
        return st.builds(lambda ds, p: tthc.form06(ds, p, group_by=("agency",)), dossiers, period)
    if kind == "progress":
        return st.builds(tthc.progress_score, dossiers, period)
    return st.builds(lambda ds, p: tthc.inspection_report(ds, PROCEDURES, p), dossiers, period)


def _form06_rows() -> st.SearchStrategy[tthc.Form06Row]:
    return _reports("form06").filter(lambda t: bool(t.rows)).map(lambda t: t.rows[-1])


VALUES: dict[type[Any], st.SearchStrategy[Any]] = {
    tthc.Procedure: _procedures_with_hostile_text(),
    tthc.Dossier: adversarial_dossiers(aware=None),
    tthc.Occasion: _occasions(),
    tthc.AnnouncedDay: _announced_days(),
    tthc.Announcement: _announcements(),
    tthc.Override: _overrides(),
    tthc.ReportingPeriod: PERIODS,
    tthc.ProgressScoreConfig: st.builds(
        tthc.ProgressScoreConfig,
        maximum=st.floats(1, 100),
        target=st.none() | st.floats(0.01, 1),
        source=TEXT,
        status=TEXT,
    ),
    tthc.Form06: _reports("form06"),
    tthc.Form06Row: _form06_rows(),
    tthc.ProgressScore: _reports("progress"),
    tthc.InspectionReport: _reports("inspection"),
}
"""The types whose registered strategy (``st.from_type``) does not give hostile text or valid
values by itself; every other public type round-trips its ``st.from_type`` values."""


def _public_types() -> list[type[Any]]:
    out = []
    for name in sorted(tthc.__all__):
        obj = getattr(tthc, name)
        if isinstance(obj, type) and (attrs.has(obj) or issubclass(obj, enum.Enum)):
            out.append(obj)
    return out


def _strategy(cls: type[Any]) -> st.SearchStrategy[Any]:
    return VALUES[cls] if cls in VALUES else st.from_type(cls)


@pytest.mark.parametrize("cls", _public_types(), ids=lambda c: c.__name__)
@settings(max_examples=10)
@given(data=st.data())
def test_every_public_type_round_trips_through_json(cls: type[Any], data: st.DataObject) -> None:
    value = data.draw(_strategy(cls))
    text = dumps(value)
    assert loads(text, cls) == value
    assert dumps(loads(text, cls)) == text


def test_the_table_knows_every_public_type_it_builds_by_hand() -> None:
    assert set(VALUES) <= set(_public_types())
    assert len(_public_types()) > 50


def test_hostile_text_survives_a_procedure_and_a_calendar() -> None:
    hostile = "=1+1\r\n\"'\x00\ufeff\u200f😀 ẫ"
    p = attrs.evolve(PROCEDURES[0], name=hostile, field=hostile, legal_basis=(hostile,))
    assert loads(dumps(p), tthc.Procedure) == p
    storm = tthc.Override(date(2026, 10, 27), tthc.DayKind.CLOSURE, hostile, hostile)
    cal = tthc.vietnam_calendar().with_overrides(storm)
    assert loads(dumps(cal), tthc.WorkingCalendar) == cal
    received = tthc.Received(datetime(2026, 3, 2, 9))
    d = tthc.Dossier(hostile, p, [received], agency=hostile)
    assert loads(dumps([d]), list[tthc.Dossier]) == [d]

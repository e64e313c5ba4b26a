"""tthc.synthetic: seeded, valid, and with the mix the reports need."""

from __future__ import annotations

from datetime import date, time

import numpy as np
import pandas as pd
import pytest

from tthc import InvalidValueError
from tthc.batch import FRAME_COLUMNS, classify_frame, frame_to_dossiers
from tthc.models import Dossier, GovernmentLevel, SupplementPolicy
from tthc.synthetic import (
    builtin_procedures,
    catalogue,
    generate_dossiers,
    generate_frame,
    random_procedures,
)
from tthc.timelimits import Precision, TimeLimit, Unit

PROCS = catalogue()


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return generate_frame(4000, seed=11, procedures=PROCS)


def test_same_seed_same_data_and_other_seed_other_data() -> None:
    a = generate_frame(300, seed=5)
    assert a.equals(generate_frame(300, seed=5))
    assert not a.equals(generate_frame(300, seed=6))
    assert [d.events for d in generate_dossiers(300, seed=5)][:20] == [
        d.events for d in frame_to_dossiers(a.head(20), PROCS)
    ]


def test_layout_columns_and_dtypes(frame: pd.DataFrame) -> None:
    assert list(frame.columns) == [name for name, _, _ in FRAME_COLUMNS]
    assert frame["received"].dtype == np.dtype("datetime64[us]")
    assert frame["id"].is_unique
    assert frame["id"].iloc[0] == "HS-11-0000001"


def test_every_row_is_a_valid_dossier(frame: pd.DataFrame) -> None:
    dossiers = frame_to_dossiers(frame, PROCS)
    assert len(dossiers) == len(frame)
    assert all(isinstance(d, Dossier) for d in dossiers)


def test_received_on_working_days_in_the_range(frame: pd.DataFrame) -> None:
    days = frame["received"].dt.date
    assert days.min() >= date(2025, 7, 1)
    assert days.max() <= date(2026, 6, 30)
    assert frame["end"].dropna().max() <= pd.Timestamp("2026-06-30 23:59:59")


def test_the_mix(frame: pd.DataFrame) -> None:
    out = classify_frame(frame, as_of=date(2026, 6, 30), procedures=PROCS, finding_kinds=True)
    assert set(frame["channel"]) == {"online", "in_person", "postal"}
    assert set(frame["end_kind"].dropna()) == {
        "resolved",
        "refused",
        "stopped",
        "withdrawn",
        "closed",
    }
    assert set(out["outcome"].dropna()) == {
        "early",
        "on_time",
        "late",
        "within_time",
        "overdue",
        "not_classified",
    }
    assert frame["agency"].nunique() == 6
    assert frame["supplement_requested"].notna().mean() == pytest.approx(0.12, abs=0.03)
    assert frame["supplement2_requested"].notna().sum() > 0
    assert frame["apologized"].notna().sum() > 0
    assert frame["apology2"].notna().sum() > 0
    # every kind of finding occurs, except the district level (only on the DISTRICT procedure)
    for column in [c for c in out.columns if c.startswith("finding_")]:
        assert out[column].sum() > 0, column
    late = out["outcome"] == "late"
    assert 0.05 < late.mean() < 0.25


def test_builtin_procedures_are_the_real_ones() -> None:
    codes = {p.code: p for p in builtin_procedures()}
    assert codes["2.000815"].time_limit.cutoff is not None
    assert codes["1.001193"].time_limit.unit is Unit.SAME_DAY
    # marriage is same day, after 15:00 the next working day (Luật Hộ tịch 2014 Điều 18 k2, Điều 5 k3)
    assert codes["1.000894"].time_limit == TimeLimit.same_day(cutoff=time(15, 0))
    # the land and construction procedures are real codes of the national portal (issue 10)
    assert {"1.013831", "1.009979"} <= set(codes)
    assert codes["1.013831"].supplement_policy is SupplementPolicy.PAUSE
    assert all(p.legal_basis for p in codes.values())


def test_random_procedures_cover_units_precisions_and_levels() -> None:
    procs = random_procedures(20, seed=1)
    assert {p.time_limit.unit for p in procs} == set(Unit)
    assert any(p.precision is Precision.HOUR for p in procs)
    assert any(p.level is GovernmentLevel.DISTRICT for p in procs)
    assert all(p.code.startswith("9.") for p in procs)


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(InvalidValueError, match="n expected an int >= 0"):
        generate_frame(-1)
    with pytest.raises(InvalidValueError, match="expected start <= end"):
        generate_frame(3, start=date(2026, 1, 2), end=date(2026, 1, 1))
    with pytest.raises(InvalidValueError, match="weights expected 5 non-negative numbers"):
        generate_frame(3, procedures=builtin_procedures(), weights=[1.0])
    with pytest.raises(InvalidValueError, match="expected at least one procedure"):
        generate_frame(3, procedures=())
    with pytest.raises(InvalidValueError, match="no working day"):
        generate_frame(3, start=date(2026, 2, 14), end=date(2026, 2, 15))


def test_empty_and_custom_weights() -> None:
    assert len(generate_frame(0)) == 0
    only = generate_frame(50, procedures=builtin_procedures(), weights=[0, 0, 1, 0, 0])
    assert set(only["procedure_code"]) == {"2.000815"}

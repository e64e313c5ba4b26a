"""Opt-in (``--run-slow``): Biểu 06 over a Dask DataFrame, one table per partition, summed."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import pytest

from tthc.batch import classify_frame, form06_frame
from tthc.reports import Form06, ReportingPeriod
from tthc.synthetic import catalogue, generate_frame

dd = pytest.importorskip("dask.dataframe")

PROCS = catalogue()


@pytest.mark.slow
def test_form06_over_dask_partitions_equals_single_process() -> None:
    df = generate_frame(20_000, seed=12, procedures=PROCS)
    period = ReportingPeriod.quarter(2026, 2)
    ddf = dd.from_pandas(df, npartitions=7)

    def per_partition(part: pd.DataFrame) -> pd.Series[Any]:
        out: pd.Series[Any] = pd.Series(
            [form06_frame(part, period, procedures=PROCS)], dtype=object
        )
        return out

    tables = ddf.map_partitions(per_partition, meta=(None, "object")).compute().tolist()
    assert len(tables) == 7
    assert Form06.combine(*tables) == form06_frame(df, period, procedures=PROCS)

    classified = ddf.map_partitions(
        lambda part: classify_frame(part, as_of=date(2026, 6, 14), procedures=PROCS)[
            ["outcome", "findings"]
        ].astype({"outcome": "str"}),
        meta={"outcome": "str", "findings": "int64"},
    ).compute()
    single = classify_frame(df, as_of=date(2026, 6, 14), procedures=PROCS)
    assert classified["findings"].tolist() == single["findings"].tolist()
    assert classified["outcome"].tolist() == single["outcome"].astype("str").tolist()

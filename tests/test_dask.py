"""tthc.dask on a two-worker LocalCluster equals the single-machine result (default CI run)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import dask
import pandas as pd
import pytest
from dask.distributed import Client, LocalCluster

import tthc.dask as tdask
from tthc.batch import classify_frame, form06_frame, frame_to_dossiers
from tthc.calendar import DayKind, Override, vietnam_calendar
from tthc.columnar import report_file, write_frame
from tthc.errors import DataRowError, InvalidValueError
from tthc.formats import write_dossiers
from tthc.reports import ReportingPeriod
from tthc.synthetic import catalogue, generate_frame

PROCS = catalogue()
# a storm closure and a worked Saturday: the workers must get this calendar, not the default one
CAL = vietnam_calendar().with_overrides(
    Override(date(2026, 2, 24), DayKind.CLOSURE, "Bão", "QĐ 1/QĐ-UBND (ví dụ)"),
    Override(date(2026, 3, 7), DayKind.EXTRA_WORKDAY, "Làm bù", "QĐ 2/QĐ-UBND (ví dụ)"),
)
PERIOD = ReportingPeriod.quarter(2026, 1)


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as c,
    ):
        yield c


@pytest.fixture(scope="module")
def parts(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, pd.DataFrame]:
    folder = tmp_path_factory.mktemp("dataset")
    frames = [generate_frame(600, seed=i, procedures=PROCS) for i in range(4)]
    for i, f in enumerate(frames):
        write_frame(f, folder / f"part-{i}.parquet")
    return folder, pd.concat(frames, ignore_index=True)


def test_form06_and_classify_on_two_workers(
    client: Client, parts: tuple[Path, pd.DataFrame]
) -> None:
    folder, whole = parts
    ddf = tdask.read_dataset(folder)
    assert ddf.npartitions == 4
    table = tdask.form06(ddf, PERIOD, procedures=PROCS, calendar=CAL)
    assert table == form06_frame(whole, PERIOD, procedures=PROCS, calendar=CAL)
    assert table != form06_frame(whole, PERIOD, procedures=PROCS)  # the overrides count
    got = tdask.classify(ddf, as_of=date(2026, 3, 14), procedures=PROCS, calendar=CAL).compute()
    single = classify_frame(whole, as_of=date(2026, 3, 14), procedures=PROCS, calendar=CAL)
    assert got["outcome"].tolist() == single["outcome"].astype(str).tolist()
    assert got["due"].tolist() == single["due"].tolist()
    assert got["findings"].tolist() == single["findings"].tolist()


def test_the_report_of_an_event_csv_glob(
    client: Client, parts: tuple[Path, pd.DataFrame], tmp_path: Path
) -> None:
    _, whole = parts
    dossiers = frame_to_dossiers(whole, PROCS, calendar=CAL)
    for i in range(3):  # each file holds whole dossiers
        write_dossiers(dossiers[i::3], tmp_path / f"events-{i}.csv")
    write_dossiers(dossiers, tmp_path / "all.events", format="csv")
    ddf = tdask.read_dataset(tmp_path / "events-*.csv")
    got = tdask.report(ddf, PERIOD, procedures=PROCS, calendar=CAL)
    single = report_file(
        tmp_path / "all.events", PERIOD, procedures=PROCS, calendar=CAL, format="csv"
    )
    assert (got.form06, got.progress) == (single.form06, single.progress)
    assert got.inspection.findings_by_kind == single.inspection.findings_by_kind
    assert sorted(x.id for x in got.inspection.late) == sorted(x.id for x in single.inspection.late)
    assert (got.dossiers, got.frame_dossiers, got.chunks) == (2400, 2400, 3)
    assert tdask.form06(ddf, PERIOD, procedures=PROCS, calendar=CAL) == single.form06


def test_in_process_equals_the_cluster(parts: tuple[Path, pd.DataFrame], tmp_path: Path) -> None:
    # the same functions on the synchronous scheduler (what runs on each worker, measured here)
    folder, whole = parts
    ddf = tdask.read_dataset(folder / "part-1.parquet")
    with dask.config.set(scheduler="synchronous"):
        got = tdask.report(ddf, PERIOD, procedures=PROCS, calendar=CAL, group_by="agency")
        classified = tdask.classify(ddf, as_of=date(2026, 3, 14), procedures=PROCS).compute()
        dossiers = frame_to_dossiers(whole.iloc[600:1200], PROCS, calendar=CAL)
        write_dossiers(dossiers, tmp_path / "events.csv")
        events = tdask.read_dataset(tmp_path / "events.csv")
        assert tdask.form06(events, PERIOD, procedures=PROCS, calendar=CAL, group_by="agency") == got.form06 == (
            report_file(tmp_path / "events.csv", PERIOD, procedures=PROCS, calendar=CAL,
                        group_by="agency").form06
        )  # fmt: skip
        assert tdask.report(events, PERIOD, procedures=PROCS, calendar=CAL).dossiers == 600
    assert len(classified) == 600


def test_bad_partitions(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text(
        "id,procedure_code,channel,received\nHS-1,2.000815,fax,2026-01-09 10:00\n"
    )
    sync = dask.config.set(scheduler="synchronous")
    sync.__enter__()
    with pytest.raises(DataRowError, match="channel"):
        tdask.form06(tdask.read_dataset(tmp_path / "a.csv"), PERIOD, procedures=PROCS)
    (tmp_path / "b.csv").write_text(
        "dossier_id,agency,procedure_code,event,at\nHS-1,A,2.000815,resolved,2026-01-09T10:00:00\n"
    )
    with pytest.raises(DataRowError, match="HS-1"):
        tdask.form06(tdask.read_dataset(tmp_path / "b.csv"), PERIOD)
    with pytest.raises(InvalidValueError, match="dask DataFrame"):
        tdask.form06(pd.DataFrame(), PERIOD)
    with pytest.raises(InvalidValueError, match="format"):
        tdask.read_dataset(tmp_path, format="xlsx")
    sync.__exit__(None, None, None)

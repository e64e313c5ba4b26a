"""Every public value can be pickled (multiprocessing, Dask) and copied (issue 13, item 11)."""

from __future__ import annotations

import copy
import functools
import pickle
import threading
import time
from datetime import date, datetime, timezone

import pandas as pd
import pytest
from hypothesis import given, settings

import tthc.calendar as calendar_module
from tthc.calendar import WorkingCalendar, vietnam_calendar
from tthc.deadlines import deadline
from tthc.errors import CalendarRangeError, InvalidValueError
from tthc.formats import bundled_catalogue, read_dossiers
from tthc.models import Dossier
from tthc.outcomes import classify, findings
from tthc.strategies import calendars, dossiers


def _same_after_round_trips(value: object) -> None:
    assert pickle.loads(pickle.dumps(value)) == value
    assert copy.deepcopy(value) == value
    assert copy.copy(value) == value


def test_the_default_calendar_pickles_and_copies() -> None:
    cal = vietnam_calendar()
    back = pickle.loads(pickle.dumps(cal))
    assert back == cal
    assert back.add_working_days(date(2026, 2, 12), 5) == date(2026, 2, 26)
    clone = copy.deepcopy(cal)
    assert clone == cal
    assert clone.is_working_day(date(2026, 1, 10))


@settings(max_examples=10)
@given(calendars())
def test_custom_calendars_pickle_and_copy(cal: WorkingCalendar) -> None:
    back = pickle.loads(pickle.dumps(cal))
    assert back == cal
    assert back.daily_working_time == cal.daily_working_time
    assert copy.deepcopy(cal) == cal


@settings(max_examples=30)
@given(dossiers())
def test_dossiers_and_results_pickle_and_copy(d: Dossier) -> None:
    _same_after_round_trips(d)
    _same_after_round_trips(d.procedure)
    _same_after_round_trips(deadline(d))
    as_of = d.events[-1].at
    _same_after_round_trips(classify(d, as_of=as_of))
    _same_after_round_trips(findings(d))


def test_catalogue_and_read_results_pickle_and_copy() -> None:
    _same_after_round_trips(bundled_catalogue())
    import io

    text = (
        "dossier_id,agency,procedure_code,event,at\nHS-1,A,2.000815,received,2026-01-09T08:00:00\n"
    )
    _same_after_round_trips(read_dossiers(io.StringIO(text), format="csv", strict=False))


def test_the_default_calendar_is_built_once_under_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[WorkingCalendar] = []
    real = calendar_module._default_calendar.__wrapped__

    def slow_build() -> WorkingCalendar:
        time.sleep(0.05)  # widen the window in which unsynchronised threads would all build
        cal = real()
        built.append(cal)
        return cal

    monkeypatch.setattr(calendar_module, "_default_calendar", functools.cache(slow_build))
    start = threading.Barrier(8)
    seen: list[WorkingCalendar] = []

    def worker() -> None:
        start.wait()
        seen.append(vietnam_calendar())

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(built) == 1
    assert len(seen) == 8
    assert all(cal is seen[0] for cal in seen)


@pytest.mark.parametrize(
    "call",
    [
        lambda cal: cal.is_working_day(pd.NaT),
        lambda cal: cal.add_working_days(pd.NaT, 1),
        lambda cal: cal.next_working_instant(pd.NaT),
        lambda cal: cal.is_working_instant(pd.NaT),
        lambda cal: cal.add_working_time(pd.NaT, pd.Timedelta(hours=1).to_pytimedelta()),
    ],
)
def test_nat_is_refused_by_the_calendar(call: object) -> None:
    with pytest.raises(InvalidValueError, match="got a missing value NaT"):
        call(vietnam_calendar())  # type: ignore[operator]


def test_aware_moments_near_the_end_of_time_are_range_errors() -> None:
    far = datetime.max.replace(tzinfo=timezone.utc)
    with pytest.raises(CalendarRangeError, match="outside the range of Vietnamese wall time"):
        vietnam_calendar().next_working_instant(far)


def test_reports_pickle_and_copy() -> None:
    from tthc.reports import ReportingPeriod, form06, inspection_report, progress_score

    catalogue = bundled_catalogue()
    period = ReportingPeriod.month(2026, 1)
    import io

    text = (
        "dossier_id,agency,procedure_code,event,at\n"
        "HS-1,A,2.000815,received,2026-01-09T08:00:00\n"
        "HS-1,A,2.000815,resolved,2026-01-09T10:00:00\n"
    )
    ds = read_dossiers(io.StringIO(text), format="csv")
    procedures = list(catalogue.procedures.values())
    for value in (
        period,
        form06(ds, period),
        progress_score(ds, period),
        inspection_report(ds, procedures, period),
    ):
        _same_after_round_trips(value)

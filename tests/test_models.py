"""Dossiers: timeline validation, accessors, ``until``; the names tthc.models re-exports."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from tthc.errors import (
    ArgumentTypeError,
    InvalidTimelineError,
    InvalidValueError,
    TimelineTimezoneError,
    TimezoneError,
)
from tthc.models import (
    Apologized,
    Channel,
    Closed,
    Dossier,
    ExclusionEnded,
    ExclusionStarted,
    GovernmentLevel,
    Procedure,
    ProcessStep,
    Received,
    Refused,
    Resolved,
    Returned,
    StepCompleted,
    Stopped,
    Submitted,
    SupplementReceived,
    SupplementRequested,
    Withdrawn,
)
from tthc.timelimits import TimeLimit

STEPS = (
    ProcessStep("A", "Sở A", TimeLimit.working_days(2)),
    ProcessStep("B", "UBND", TimeLimit.working_days(3)),
)


PROC = Procedure(
    "1.000894", "Đăng ký kết hôn", "Hộ tịch", GovernmentLevel.COMMUNE, TimeLimit.working_days(5),
    steps=STEPS,
)  # fmt: skip


def t(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 3, day, hour)


def good_events() -> list[Any]:
    return [
        Submitted(t(2, 8)),
        Received(t(2, 10), channel=Channel.ONLINE),
        SupplementRequested(t(3), reason="thiếu giấy tờ"),
        SupplementReceived(t(4)),
        ExclusionStarted(t(5), reason="thẩm định"),
        ExclusionEnded(t(6)),
        StepCompleted(t(6, 10), step="A"),
        Apologized(t(9), new_due=date(2026, 3, 20), reason="chậm"),
        StepCompleted(t(10), step="B"),
        Resolved(t(11), digitally_signed=True),
        Returned(t(12)),
    ]


def test_valid_dossier_and_accessors() -> None:
    d = Dossier("HS-1", PROC, good_events(), agency="UBND xã")
    assert d.received.at == t(2, 10)
    assert d.submitted == Submitted(t(2, 8))
    assert d.channel is Channel.ONLINE
    assert isinstance(d.final_event, Resolved)
    assert not d.is_aware
    part = d.until(t(4))
    assert len(part.events) == 4
    assert part.final_event is None
    assert part.submitted is not None
    assert d.until(t(12)) is d  # nothing after the moment: the (immutable) dossier itself
    assert Dossier("x", PROC, [Received(t(2))]).submitted is None


def test_until_errors() -> None:
    d = Dossier("HS-1", PROC, [Received(t(2))])
    with pytest.raises(InvalidValueError):
        d.until(t(1))
    with pytest.raises(TimelineTimezoneError):
        d.until(t(3).replace(tzinfo=timezone.utc))
    with pytest.raises(ArgumentTypeError):
        d.until(date(2026, 3, 3))  # type: ignore[arg-type]


BAD_TIMELINES: list[tuple[list[Any], str]] = [
    ([], "at least a Received"),
    ([Received(t(3)), Resolved(t(2))], "precedes"),
    ([Received(t(2)), Received(t(3))], "exactly one Received"),
    ([Resolved(t(1)), Received(t(2))], "before the dossier was Received"),
    ([Submitted(t(1)), Submitted(t(1)), Received(t(2), channel=Channel.ONLINE)], "one Submitted"),
    ([Received(t(2)), Submitted(t(3))], "Submitted comes first"),
    ([Submitted(t(1)), Received(t(2))], "channel IN_PERSON"),
    ([Received(t(2)), SupplementReceived(t(3))], "without an outstanding"),
    ([Received(t(2)), SupplementRequested(t(3)), SupplementRequested(t(4))], "still outstanding"),
    ([Received(t(2)), SupplementRequested(t(3)), Resolved(t(4))], "still outstanding"),
    ([Received(t(2)), Closed(t(3))], "without an outstanding"),
    ([Received(t(2)), ExclusionEnded(t(3))], "without an open"),
    ([Received(t(2)), ExclusionStarted(t(3), reason="a"), ExclusionStarted(t(4), reason="b")],
     "still open"),
    ([Received(t(2)), Apologized(t(3), new_due=date(2026, 3, 3), reason="x")], "not after"),
    ([Received(t(2)), StepCompleted(t(3), step="Z")], "not a step"),
    ([Received(t(2)), StepCompleted(t(3), step="A"), StepCompleted(t(4), step="A")], "twice"),
    ([Received(t(2)), Returned(t(3))], "without a Resolved or Refused"),
    ([Received(t(2)), Withdrawn(t(3)), Returned(t(4))], "without a Resolved or Refused"),
    ([Received(t(2)), Resolved(t(3)), Refused(t(4))], "only Returned may follow"),
    ([Received(t(2)), Stopped(t(3)), Apologized(t(4), new_due=date(2026, 4, 1), reason="x")],
     "only Returned"),
    ([Received(t(2)), Refused(t(3)), Returned(t(4)), Returned(t(5))], "Returned is the last"),
]  # fmt: skip


@pytest.mark.parametrize(("events", "rule"), BAD_TIMELINES)
def test_bad_timelines(events: list[Any], rule: str) -> None:
    with pytest.raises(InvalidTimelineError, match=rule) as err:
        Dossier("HS-BAD", PROC, events)
    assert "dossier 'HS-BAD'" in str(err.value)


def test_error_message_names_events() -> None:
    with pytest.raises(InvalidTimelineError) as err:
        Dossier("HS-001", PROC, [Received(t(2)), Resolved(t(5)), Returned(t(4))])
    assert str(err.value) == (
        "Returned at 2026-03-04 09:00:00 precedes Resolved at 2026-03-05 09:00:00: events must "
        "be in order (dossier 'HS-001')"
    )


def test_mixed_naive_aware() -> None:
    vn = timezone(timedelta(hours=7))
    with pytest.raises(TimelineTimezoneError) as err:
        Dossier("HS-TZ", PROC, [Received(t(2)), Resolved(t(3).replace(tzinfo=vn))])
    assert isinstance(err.value, InvalidTimelineError)
    assert isinstance(err.value, TimezoneError)
    aware = Dossier("HS-A", PROC, [Received(t(2).replace(tzinfo=vn))])
    assert aware.is_aware


def test_dossier_type_checks() -> None:
    with pytest.raises(ArgumentTypeError):
        Dossier("x", PROC, [Received(t(2)), "Resolved"])
    with pytest.raises(ArgumentTypeError):
        Dossier("x", "proc", [Received(t(2))])  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError):
        Dossier("", PROC, [Received(t(2))])
    with pytest.raises(ArgumentTypeError):
        Dossier("x", PROC, [Received(t(2))], agency=5)
    with pytest.raises(ArgumentTypeError):
        Dossier("x", PROC, Received(t(2)))


# -- issue 13: invalid states cannot be built ------------------------------------------------


_PARIS = ZoneInfo("Europe/Paris")


_P = Procedure(
    "1.001193", "Đăng ký khai sinh", "Hộ tịch", GovernmentLevel.COMMUNE, TimeLimit.days(5)
)


def test_events_in_a_dst_fold_are_ordered_by_instant() -> None:
    # 2026-10-25 in Paris: 02:40 (first pass, UTC+2) is 00:40 UTC; 02:30 (second pass, UTC+1)
    # is 01:30 UTC, later, though its wall time is earlier.
    first = datetime(2026, 10, 25, 2, 40, fold=0, tzinfo=_PARIS)
    later = datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=_PARIS)
    d = Dossier("HS-1", _P, [Received(first), Resolved(later)])
    assert d.final_event is not None
    assert d.until(first).final_event is None
    assert d.until(later).final_event is not None
    assert d.until(later) is d
    with pytest.raises(InvalidTimelineError, match="precedes"):
        Dossier("HS-1", _P, [Received(later), Resolved(first)])
    with pytest.raises(InvalidValueError, match="received at"):
        d.until(first - timedelta(minutes=1))


def test_until_refuses_nat_and_unrepresentable_moments() -> None:
    d = Dossier("HS-1", _P, [Received(datetime(2026, 3, 2, 9))])
    with pytest.raises(InvalidValueError, match="Dossier.until: expected a datetime, got NaT"):
        d.until(pd.NaT)  # type: ignore[arg-type]
    aware = Dossier("HS-1", _P, [Received(datetime(2026, 3, 2, 9, tzinfo=timezone.utc))])
    with pytest.raises(InvalidValueError, match="between years 1 and 9999"):
        aware.until(datetime.max.replace(tzinfo=timezone(timedelta(hours=-5))))


def test_text_keys_are_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "UBND xã Hòa Bình")
    assert nfd != "UBND xã Hòa Bình"
    step = ProcessStep(nfd, nfd, TimeLimit.working_days(1))
    p = Procedure(
        "1.001193", nfd, nfd, GovernmentLevel.COMMUNE, TimeLimit.working_days(3), steps=[step]
    )
    d = Dossier(
        nfd,
        p,
        [Received(datetime(2026, 3, 2, 9)), StepCompleted(datetime(2026, 3, 3, 9), step=nfd)],
        agency=nfd,
    )
    done = d.events[1]
    assert isinstance(done, StepCompleted)
    for text in (d.id, d.agency, p.name, p.field, step.name, step.agency, done.step):
        assert text == "UBND xã Hòa Bình"


# -- issue 14: tthc.models was split by concept; every name it held is still importable ---------

# tthc.models.__all__ before the split.
FORMER_ALL = (
    "ND42_2022_FROM", "ND43_2011_FROM", "ND224_2026_FROM", "REFORM_DATE", "UNCATALOGUED",
    "Apologized", "Appointed", "Channel", "Closed", "CorrectionRequested", "Dossier", "Event",
    "ExclusionEnded", "ExclusionStarted", "GovernmentLevel", "ProactiveLevel", "Procedure",
    "ProcessStep", "Received", "Refused", "Resolved", "Returned", "ServiceLevel", "StepCompleted",
    "Stopped", "Submitted", "SupplementPolicy", "SupplementReceived", "SupplementRequested",
    "Withdrawn",
)  # fmt: skip
# Its other public names: constants it defined and the tthc names it imported.
FORMER_OTHERS = (
    "AnyEvent", "CODE_RE", "EVENT_TYPES", "TWO_TIER_LOCAL_GOVERNMENT_FROM", "Alternative",
    "Precision", "TimeLimit", "Unit", "WorkingCalendar", "vietnam_calendar", "wall_date",
    "ArgumentTypeError", "InvalidTimelineError", "InvalidValueError", "TimelineTimezoneError",
    "LabelledEnum", "check_date", "instance_of", "nfc", "non_empty_str", "optional", "tuple_of",
)  # fmt: skip
HOMES = (
    "tthc.services", "tthc.procedures", "tthc.events", "tthc.models", "tthc.law",
    "tthc.timelimits", "tthc.calendar", "tthc.errors", "tthc.labelled", "tthc.validators",
)  # fmt: skip


@pytest.mark.parametrize("name", FORMER_ALL + FORMER_OTHERS)
def test_every_former_name_is_still_importable_from_tthc_models(name: str) -> None:
    import importlib

    import tthc.models

    value = getattr(tthc.models, name)
    # the very object of the module that holds it now, not a copy
    assert any(getattr(importlib.import_module(m), name, None) is value for m in HOMES)
    if name in FORMER_ALL:
        assert name in tthc.models.__all__


def test_moved_classes_pickle_by_their_new_module() -> None:
    import copy
    import pickle

    import tthc.events
    import tthc.models

    d = Dossier("HS-1", PROC, [Received(t(2))])
    assert pickle.loads(pickle.dumps(d)) == d == copy.deepcopy(d)
    # a pickle written before the split names tthc.models.Received (same length as tthc.events)
    before = pickle.dumps(d).replace(b"tthc.events", b"tthc.models")
    assert b"tthc.events" not in before
    assert pickle.loads(before) == d
    assert tthc.models.Received is tthc.events.Received
    assert Received.__module__ == "tthc.events"
    assert Dossier.__module__ == "tthc.models"

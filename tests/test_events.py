"""Timeline events: moments, date-only sources, validation, labels (tthc.events)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import Any

import pandas as pd
import pytest

from tthc.errors import (
    ArgumentTypeError,
    InvalidValueError,
)
from tthc.events import (
    EVENT_TYPES,
    Apologized,
    Closed,
    ExclusionStarted,
    Received,
    Resolved,
    Submitted,
    SupplementReceived,
)


def t(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 3, day, hour)


def test_event_date_only_source() -> None:
    assert Resolved.on(date(2026, 2, 26), digitally_signed=True) == Resolved(
        datetime(2026, 2, 26), digitally_signed=True
    )
    with pytest.raises(ArgumentTypeError, match=r"Received.on\(date\)"):
        Received(date(2026, 2, 12))  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError):
        Received("2026-02-12")  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError):
        Received.on(datetime(2026, 2, 12))


class _NoOffset(tzinfo):
    def utcoffset(self, dt: datetime | None) -> None:
        return None

    def dst(self, dt: datetime | None) -> None:
        return None

    def tzname(self, dt: datetime | None) -> str:
        return "none"


def test_event_validation() -> None:
    with pytest.raises(InvalidValueError, match="fully aware"):
        Received(datetime(2026, 3, 2, tzinfo=_NoOffset()))
    with pytest.raises(ArgumentTypeError):
        Received(t(2), channel="online")  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError):
        ExclusionStarted(t(2), reason="")
    with pytest.raises(ArgumentTypeError):
        Apologized(t(2), new_due=t(3), reason="x")
    with pytest.raises(ArgumentTypeError):
        Resolved(t(2), digitally_signed=1)  # type: ignore[arg-type]
    for kind in EVENT_TYPES:
        assert kind.label_vi
        assert kind.label_en
        assert kind.kind


@pytest.mark.parametrize("cls", [Submitted, Received, SupplementReceived, Resolved, Closed])
def test_nat_is_not_a_moment(cls: type[Any]) -> None:
    with pytest.raises(
        InvalidValueError, match=rf"{cls.__name__}.at: expected a datetime, got a missing value NaT"
    ):
        cls(pd.NaT)


@pytest.mark.parametrize(
    "at",
    [
        datetime(9999, 12, 31, 23, tzinfo=timezone(timedelta(hours=-5))),  # UTC overflows
        datetime(9999, 12, 31, 20, tzinfo=timezone.utc),  # Vietnamese time overflows
        datetime.min.replace(tzinfo=timezone(timedelta(hours=5))),
    ],
)
def test_aware_moments_outside_datetime_range_are_refused(at: datetime) -> None:
    with pytest.raises(InvalidValueError, match=r"Received.at: expected a moment whose UTC"):
        Received(at)

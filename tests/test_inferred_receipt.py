"""A receipt taken from the online submission when the data has no acceptance time (DOMAIN §4)."""

from __future__ import annotations

import io
from datetime import date, datetime, timezone

import pytest

from tthc import (
    ArgumentTypeError,
    Channel,
    Dossier,
    GovernmentLevel,
    InvalidValueError,
    Procedure,
    Received,
    Resolved,
    Submitted,
    TimeLimit,
    classify,
    deadline,
)
from tthc.calendar import VIETNAM_TZ
from tthc.serialization import dumps, loads, read_dossiers, write_dossiers

PROC = Procedure(
    "1.000894", "Đăng ký kết hôn", "Hộ tịch", GovernmentLevel.COMMUNE, TimeLimit.working_days(5)
)


@pytest.mark.parametrize(
    ("submitted", "expected"),
    [
        (datetime(2026, 3, 4, 9, 15), datetime(2026, 3, 4, 9, 15)),  # in office hours: itself
        (datetime(2026, 3, 4, 12, 0), datetime(2026, 3, 4, 13, 0)),  # lunch: the afternoon
        (datetime(2026, 3, 6, 17, 0), datetime(2026, 3, 9, 7, 30)),  # Friday close: Monday
        (datetime(2026, 2, 13, 17, 45), datetime(2026, 2, 23, 7, 30)),  # before Tết: after it
        (datetime(2026, 1, 9, 18, 0), datetime(2026, 1, 10, 7, 30)),  # the worked Saturday
    ],
)
def test_next_working_instant_at_or_after_the_submission(
    submitted: datetime, expected: datetime
) -> None:
    r = Received.from_submission(submitted)
    assert (r.at, r.channel, r.inferred) == (expected, Channel.ONLINE, True)
    assert Received.from_submission(Submitted(submitted)) == r


def test_aware_submission_gives_an_aware_receipt_in_vietnam_time() -> None:
    r = Received.from_submission(datetime(2026, 3, 6, 10, 0, tzinfo=timezone.utc))  # 17:00 VN
    assert r.at == datetime(2026, 3, 9, 7, 30, tzinfo=VIETNAM_TZ)


def test_the_deadline_says_the_receipt_was_inferred() -> None:
    sub = Submitted(datetime(2026, 2, 13, 17, 45))
    d = Dossier("HS-1", PROC, [sub, Received.from_submission(sub)])
    dl = deadline(d)
    assert dl.receipt_inferred
    assert dl.due == date(2026, 3, 2)  # 5 working days after Mon 23/02
    plain = Dossier("HS-2", PROC, [Received(datetime(2026, 2, 23, 7, 30))])
    assert not deadline(plain).receipt_inferred
    assert deadline(plain).due == dl.due
    assert classify(d, as_of=date(2026, 2, 27)).deadline.receipt_inferred


def test_bad_input() -> None:
    with pytest.raises(ArgumentTypeError, match="Received.from_submission: expected a datetime"):
        Received.from_submission(date(2026, 3, 4))  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match="Received.inferred: expected a bool"):
        Received(datetime(2026, 3, 4, 9), inferred="yes")  # type: ignore[arg-type]


def test_round_trips_keep_the_flag() -> None:
    sub = Submitted(datetime(2026, 3, 6, 17, 0))
    d = Dossier(
        "HS-1", PROC, [sub, Received.from_submission(sub), Resolved(datetime(2026, 3, 9, 9))]
    )
    assert loads(dumps(d), Dossier) == d
    buf = io.StringIO()
    write_dossiers([d], buf, format="csv")
    text = buf.getvalue()
    assert text.splitlines()[0].endswith(",inferred")
    assert read_dossiers(io.StringIO(text), format="csv", procedures=[PROC]) == (d,)
    plain = Dossier("HS-2", PROC, [Received(datetime(2026, 3, 9, 9))])
    buf = io.StringIO()
    write_dossiers([plain], buf, format="csv")
    assert "inferred" not in buf.getvalue()  # the column appears only when a row needs it


def test_csv_inferred_cell_must_be_a_boolean() -> None:
    text = (
        "dossier_id,agency,procedure_code,event,at,channel,inferred\n"
        "HS-1,A,1.000894,received,2026-03-09T07:30:00,online,maybe\n"
    )
    result = read_dossiers(io.StringIO(text), format="csv", procedures=[PROC], strict=False)
    assert result.dossiers == ()
    assert (result.errors[0].line, result.errors[0].field) == (2, "inferred")
    assert "expected true or false, got 'maybe'" in result.errors[0].message


def test_the_batch_layout_refuses_an_inferred_receipt() -> None:
    from tthc.batch import dossiers_to_frame

    sub = Submitted(datetime(2026, 3, 6, 17, 0))
    d = Dossier("HS-1", PROC, [sub, Received.from_submission(sub)])
    with pytest.raises(
        InvalidValueError, match=r"dossiers\[0\] \(id 'HS-1'\): an inferred receipt"
    ):
        dossiers_to_frame([d])

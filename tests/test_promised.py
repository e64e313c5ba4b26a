"""The appointment date as data: Appointed, Dossier.promised_due, classify(basis=...)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tthc import serialization
from tthc.errors import DateTypeError, InvalidTimelineError, InvalidValueError
from tthc.models import (
    Appointed,
    Dossier,
    GovernmentLevel,
    Procedure,
    Received,
    Resolved,
    SupplementReceived,
    SupplementRequested,
)
from tthc.outcomes import Basis, Outcome, classify
from tthc.timelimits import TimeLimit

P = Procedure("1.001193", "Đăng ký khai sinh", "Hộ tịch", GovernmentLevel.COMMUNE,
              TimeLimit.working_days(5))  # fmt: skip
R = datetime(2026, 3, 2, 9)  # Monday; statutory due 9/3


def _d(*events: object, procedure: Procedure = P) -> Dossier:
    return Dossier("HS-1", procedure, [Received(R), *events])


def test_appointed_validation() -> None:
    with pytest.raises(DateTypeError, match="Appointed.promised_due: expected a date"):
        Appointed(R, promised_due=R)
    with pytest.raises(InvalidTimelineError, match="before the appointment"):
        _d(Appointed(R, promised_due=date(2026, 3, 1)))
    with pytest.raises(InvalidTimelineError, match="before the dossier was Received"):
        Dossier("X", P, [Appointed(R, promised_due=date(2026, 3, 9)), Received(R)])


def test_promised_due_is_the_last_appointment() -> None:
    d = _d(
        Appointed(R, promised_due=date(2026, 3, 9)),
        SupplementRequested(datetime(2026, 3, 3, 9)),
        SupplementReceived(datetime(2026, 3, 5, 9)),
        Appointed(datetime(2026, 3, 5, 9), promised_due=date(2026, 3, 12)),
    )
    assert d.promised_due == date(2026, 3, 12)
    assert d.until(datetime(2026, 3, 4)).promised_due == date(2026, 3, 9)
    assert _d().promised_due is None


def test_classify_on_either_basis() -> None:
    d = _d(Appointed(R, promised_due=date(2026, 3, 10)), Resolved(datetime(2026, 3, 10, 9)))
    statutory = classify(d, as_of=date(2026, 3, 31))
    promised = classify(d, as_of=date(2026, 3, 31), basis="promised")
    assert (statutory.outcome, statutory.basis) == (Outcome.LATE, Basis.STATUTORY)
    assert (promised.outcome, promised.basis, promised.due) == (
        Outcome.ON_TIME, Basis.PROMISED, date(2026, 3, 10),
    )  # fmt: skip
    assert classify(d, as_of=date(2026, 3, 31), basis=Basis.PROMISED).outcome is Outcome.ON_TIME
    # no promised date: the statutory one, and it says so
    plain = _d(Resolved(datetime(2026, 3, 10, 9)))
    c = classify(plain, as_of=date(2026, 3, 31), basis="promised")
    assert (c.outcome, c.basis) == (Outcome.LATE, Basis.STATUTORY)
    with pytest.raises(InvalidValueError, match="basis expected 'statutory' or 'promised'"):
        classify(d, as_of=date(2026, 3, 31), basis="portal")


def test_uncatalogued_procedure_is_classified_on_its_promised_date() -> None:
    stray = Procedure.uncatalogued("1.004946", field="Hộ tịch")
    assert not stray.catalogued
    assert P.catalogued
    assert stray.name.endswith("1.004946")
    d = _d(Appointed(R, promised_due=date(2026, 3, 4)), procedure=stray)
    c = classify(d, as_of=date(2026, 3, 5))
    assert (c.outcome, c.basis, c.due) == (Outcome.OVERDUE, Basis.PROMISED, date(2026, 3, 4))
    with pytest.raises(InvalidValueError, match=r"'HS-1': procedure 1.004946 is not in the"):
        classify(_d(procedure=stray), as_of=date(2026, 3, 5))


def test_json_round_trip() -> None:
    d = _d(Appointed(R, promised_due=date(2026, 3, 10)))
    text = serialization.dumps(d)
    assert '"kind": "appointed"' in text
    assert '"promised_due": "2026-03-10"' in text
    assert serialization.loads(text, Dossier) == d
    stray = _d(
        Appointed(R, promised_due=date(2026, 3, 4)), procedure=Procedure.uncatalogued("1.004946")
    )
    assert serialization.loads(serialization.dumps(stray), Dossier) == stray


def test_labels() -> None:
    assert Basis.STATUTORY.label_vi == "Hạn theo quy định"
    assert Basis.PROMISED.label_en == "Promised date"
    assert Basis.STATUTORY.label_en == "Statutory due date"
    assert Appointed.label_vi == "Hẹn ngày trả kết quả"


def test_one_row_layout_round_trip() -> None:
    import pandas as pd

    from tthc.batch import dossiers_to_frame, frame_to_dossiers

    d = _d(Appointed(R, promised_due=date(2026, 3, 10)))
    frame = dossiers_to_frame([d])
    assert frame["promised_due"].iloc[0] == pd.Timestamp("2026-03-10")
    assert frame_to_dossiers(frame, [P]) == [d]
    # a date promised for the day of receipt is not before it (Dossier's rule): kept
    same_day = _d(Appointed(R, promised_due=R.date()))
    assert frame_to_dossiers(dossiers_to_frame([same_day]), [P]) == [same_day]
    # a result before the promised date is no timeline error (the promised date is a date, not a
    # moment of the timeline): kept
    early = _d(Appointed(R, promised_due=date(2026, 3, 10)), Resolved(datetime(2026, 3, 5, 9)))
    assert frame_to_dossiers(dossiers_to_frame([early]), [P]) == [early]
    frame.loc[0, "promised_due"] = pd.Timestamp("2026-03-01")
    with pytest.raises(InvalidTimelineError) as timeline:
        frame_to_dossiers(frame, [P])
    frame.loc[0, "promised_due"] = pd.Timestamp("2026-03-10 10:00")
    with pytest.raises(InvalidValueError) as value:
        frame_to_dossiers(frame, [P])
    # the whole messages, naming the row
    where = f"row 0 (id {d.id!r})"
    assert str(timeline.value) == f"{where}: promised_due is before the day of received"
    assert str(value.value) == f"{where}: promised_due expected a date"


def test_vietnamese_collation_edges() -> None:
    from tthc.collation import vietnamese_key

    # letters outside the Vietnamese alphabet sort after the letter they follow in Latin
    assert sorted(["za", "ya", "fa", "ea"], key=vietnamese_key) == ["ea", "fa", "ya", "za"]
    # a stray tone mark is ignored; a stray letter mark is an ordinary character, after letters
    assert sorted(["\u0306b", "b", "\u0301a"], key=vietnamese_key) == ["\u0301a", "b", "\u0306b"]
    assert vietnamese_key("Ư")[:2] == vietnamese_key("ư")[:2]
    assert vietnamese_key("uơ")[0][1] == vietnamese_key("ơ")[0][0]

"""Online reception: accept or ask for corrections within 08 working hours (NĐ 118/2025 Điều 17 k2c).

Mon 2026-03-02 08:00 + 08 working hours (sessions 07:30–11:30, 13:00–17:00) = Tue 03/03 08:00.
"""

from __future__ import annotations

import io
from datetime import datetime, timedelta

import pytest

from tthc import (
    Channel,
    CorrectionRequested,
    Dossier,
    FindingKind,
    GovernmentLevel,
    InvalidTimelineError,
    InvalidValueError,
    Procedure,
    Received,
    Resolved,
    Submitted,
    TimeLimit,
    findings,
)
from tthc.outcomes import ONLINE_RECEPTION_BASIS, ONLINE_RECEPTION_LIMIT
from tthc.serialization import dumps, loads, read_dossiers, write_dossiers

PROC = Procedure(
    "1.001193", "Đăng ký khai sinh", "Hộ tịch", GovernmentLevel.COMMUNE, TimeLimit.working_days(5)
)
SUB = Submitted(datetime(2026, 3, 2, 8))


def _dossier(*events: object) -> Dossier:
    return Dossier("OL-1", PROC, [SUB, *events])


def _kinds(d: Dossier) -> list[FindingKind]:
    return [f.kind for f in findings(d)]


def test_a_correction_request_in_time_is_compliance_even_when_acceptance_comes_later() -> None:
    asked = CorrectionRequested(datetime(2026, 3, 2, 15), reason="thiếu tờ khai")
    accepted = Received(datetime(2026, 3, 6, 9), channel=Channel.ONLINE)
    assert _kinds(_dossier(asked, accepted)) == []
    # exactly 08 working hours is still in time
    assert _kinds(_dossier(CorrectionRequested(datetime(2026, 3, 3, 8)), accepted)) == []
    assert timedelta(hours=8) == ONLINE_RECEPTION_LIMIT


def test_the_finding_names_the_first_answer_when_neither_came_in_time() -> None:
    asked = CorrectionRequested(datetime(2026, 3, 3, 8, 30))
    accepted = Received(datetime(2026, 3, 4, 9), channel=Channel.ONLINE)
    (found,) = findings(_dossier(asked, accepted))
    assert (found.kind, found.basis, found.at) == (
        FindingKind.ONLINE_ACCEPTANCE_LATE,
        ONLINE_RECEPTION_BASIS,
        asked.at,
    )
    assert found.message == (
        "CorrectionRequested at 2026-03-03 08:30:00 is 8.5 working hours after Submitted at "
        "2026-03-02 08:00:00; expected acceptance or a correction request within 08 (the "
        "dossier was asked for corrections late)"
    )
    # without a correction request, acceptance is the answer
    late = Received(datetime(2026, 3, 3, 9), channel=Channel.ONLINE)
    (only,) = findings(_dossier(late, Resolved(datetime(2026, 3, 4, 9))))
    assert only.at == late.at
    assert only.message.endswith("(the dossier was accepted late)")


def test_before_the_reform_there_is_no_such_duty() -> None:
    sub = Submitted(datetime(2025, 6, 2, 8))
    d = Dossier(
        "OL-2",
        PROC,
        [
            sub,
            CorrectionRequested(datetime(2025, 6, 5, 8)),
            Received(datetime(2025, 6, 6, 8), channel=Channel.ONLINE),
        ],
    )
    assert _kinds(d) == []


@pytest.mark.parametrize(
    ("events", "message"),
    [
        (
            [CorrectionRequested(datetime(2026, 3, 2, 9)), Received(datetime(2026, 3, 2, 10))],
            "CorrectionRequested at 2026-03-02 09:00:00: a correction is requested between an "
            "online Submitted and Received",
        ),
        (
            [
                SUB,
                Received(datetime(2026, 3, 2, 10), channel=Channel.ONLINE),
                CorrectionRequested(datetime(2026, 3, 2, 11)),
            ],
            "CorrectionRequested at 2026-03-02 11:00:00: a correction is requested between",
        ),
        (
            [
                SUB,
                CorrectionRequested(datetime(2026, 3, 2, 9)),
                CorrectionRequested(datetime(2026, 3, 2, 10)),
                Received(datetime(2026, 3, 2, 11), channel=Channel.ONLINE),
            ],
            "CorrectionRequested at 2026-03-02 10:00:00 after CorrectionRequested at 2026-03-02 "
            "09:00:00: corrections are requested once, in full",
        ),
    ],
)
def test_bad_timelines_are_refused_by_name(events: list[object], message: str) -> None:
    with pytest.raises(InvalidTimelineError, match=message):
        Dossier("OL-3", PROC, events)


def test_round_trips_through_json_and_csv() -> None:
    d = _dossier(
        CorrectionRequested(datetime(2026, 3, 2, 14), reason="ảnh mờ"),
        Received(datetime(2026, 3, 5, 9), channel=Channel.ONLINE),
        Resolved(datetime(2026, 3, 6, 9)),
    )
    assert loads(dumps(d), Dossier) == d
    assert '"kind": "correction_requested"' in dumps(d)
    buf = io.StringIO()
    write_dossiers([d], buf, format="csv")
    assert ",correction_requested,2026-03-02T14:00:00,,ảnh mờ," in buf.getvalue()
    assert read_dossiers(io.StringIO(buf.getvalue()), format="csv", procedures=[PROC]) == (d,)


def test_labels() -> None:
    assert CorrectionRequested.kind == "correction_requested"
    assert CorrectionRequested.label_vi == "Yêu cầu chỉnh sửa, bổ sung hồ sơ trực tuyến"
    assert not CorrectionRequested.final


def test_the_batch_layout_refuses_a_correction_request_by_name() -> None:
    from tthc.batch import dossiers_to_frame

    d = _dossier(
        CorrectionRequested(datetime(2026, 3, 2, 14)),
        Received(datetime(2026, 3, 5, 9), channel=Channel.ONLINE),
    )
    with pytest.raises(
        InvalidValueError,
        match=r"dossiers\[0\] \(id 'OL-1'\): CorrectionRequested at 2026-03-02 14:00:00 \(a "
        r"correction request at online reception\) does not fit the one-row layout",
    ):
        dossiers_to_frame([d])

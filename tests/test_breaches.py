"""Findings: the breaches of the one-stop rules a timeline shows, with their citations."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from engines import Engine
from outcome_samples import dossier, proc
from tthc import (
    ArgumentTypeError,
    DayKind,
    Override,
    vietnam_calendar,
)
from tthc.breaches import FindingKind, findings
from tthc.events import (
    Apologized,
    Closed,
    Received,
    Refused,
    Resolved,
    Submitted,
    SupplementReceived,
    SupplementRequested,
)
from tthc.models import Dossier
from tthc.procedures import Procedure
from tthc.services import Channel, GovernmentLevel
from tthc.timelimits import Precision, TimeLimit


def kinds(engine: Engine, d: Dossier) -> list[FindingKind]:
    return list(engine.findings(d))


def test_findings_clean(engine: Engine) -> None:
    assert engine.findings(dossier(Resolved(datetime(2026, 2, 20), digitally_signed=True))) == ()


def test_findings_supplements(engine: Engine) -> None:
    d = dossier(
        SupplementRequested(datetime(2026, 2, 24)),  # 3rd working day (Tết 14-22 Feb off)
        SupplementReceived(datetime(2026, 2, 25)),
        SupplementRequested(datetime(2026, 2, 26)),
        SupplementReceived(datetime(2026, 2, 27)),
    )
    assert kinds(engine, d) == [
        FindingKind.SUPPLEMENT_REQUEST_LATE,
        FindingKind.SUPPLEMENT_REQUESTED_AGAIN,
    ]
    found = findings(d)
    assert found[0].basis == "NĐ 118/2025/NĐ-CP, Điều 19 khoản 5"
    assert "is 5 working days after" in found[0].message
    assert found[0].at == datetime(2026, 2, 26)
    on_time = dossier(SupplementRequested(datetime(2026, 2, 23)))  # 3rd working day
    assert kinds(engine, on_time) == []


def test_findings_apology(engine: Engine) -> None:
    late = dossier(Resolved(datetime(2026, 2, 27)))
    assert kinds(engine, late) == [FindingKind.LATE_WITHOUT_APOLOGY]
    good = Apologized(datetime(2026, 2, 25), new_due=date(2026, 3, 3), reason="x")
    assert kinds(engine, dossier(good, Resolved(datetime(2026, 2, 27)))) == []
    too_late = Apologized(datetime(2026, 2, 26), new_due=date(2026, 3, 3), reason="x")
    again = Apologized(datetime(2026, 2, 27), new_due=date(2026, 3, 5), reason="y")
    assert kinds(engine, dossier(too_late, again)) == [
        FindingKind.APOLOGY_TOO_LATE,
        FindingKind.NEW_DATE_SET_AGAIN,
    ]
    refused = dossier(Refused(datetime(2026, 2, 27)))
    assert kinds(engine, refused) == [FindingKind.REFUSAL_AFTER_DUE]


def test_findings_nd118_only(engine: Engine) -> None:
    online = [
        Submitted(datetime(2026, 3, 2, 8)),
        Received(datetime(2026, 3, 3, 9), channel=Channel.ONLINE),  # 7.5 h + 1.5 h of work
        Resolved(datetime(2026, 3, 4), digitally_signed=False),
    ]
    assert kinds(engine, Dossier("O", proc(), online)) == [
        FindingKind.ONLINE_ACCEPTANCE_LATE,
        FindingKind.RESULT_NOT_DIGITALLY_SIGNED,
    ]
    found = findings(Dossier("O", proc(), online))
    assert "is 9 working hours after" in found[0].message
    quick = [
        Submitted(datetime(2026, 3, 2, 8)),
        Received(datetime(2026, 3, 2, 16), channel=Channel.ONLINE),
    ]
    assert kinds(engine, Dossier("O", proc(), quick)) == []
    closed = dossier(SupplementRequested(datetime(2026, 2, 13)), Closed(datetime(2026, 2, 20)))
    assert kinds(engine, closed) == [FindingKind.CLOSED_TOO_EARLY]
    closed_ok = dossier(SupplementRequested(datetime(2026, 2, 13)), Closed(datetime(2026, 3, 2)))
    assert kinds(engine, closed_ok) == []
    # after a second request the 15 days run from the second notice (Điều 19 k5): 02/3 is 17 days
    # after 13/02 but 13 after 17/02
    again = dossier(
        SupplementRequested(datetime(2026, 2, 13)),
        SupplementReceived(datetime(2026, 2, 16)),
        SupplementRequested(datetime(2026, 2, 17)),
        Closed(datetime(2026, 3, 2)),
    )
    assert FindingKind.CLOSED_TOO_EARLY in kinds(engine, again)
    old = [
        Submitted(datetime(2025, 6, 2, 8)),
        Received(datetime(2025, 6, 4, 9), channel=Channel.ONLINE),
        Resolved(datetime(2025, 6, 5), digitally_signed=False),
    ]
    assert kinds(engine, Dossier("O", proc(), old)) == []  # NĐ 61/2018 had neither rule
    first_day = [  # NĐ 118/2025 in force from 01/7/2025 (Điều 40 k1): its first day included
        Received(datetime(2025, 7, 1, 9)),
        Resolved(datetime(2025, 7, 2), digitally_signed=False),
    ]
    assert kinds(engine, Dossier("O", proc(), first_day)) == [
        FindingKind.RESULT_NOT_DIGITALLY_SIGNED
    ]


def test_findings_district_and_hour(engine: Engine) -> None:
    district = proc(level=GovernmentLevel.DISTRICT)
    assert kinds(engine, Dossier("D", district, [Received(datetime(2025, 6, 30, 9))])) == []
    after = Dossier("D", district, [Received(datetime(2025, 7, 1, 9))])
    assert kinds(engine, after) == [FindingKind.DISTRICT_LEVEL_AFTER_REFORM]
    found = findings(after)
    assert "Điều 7" in found[0].basis
    p = proc(TimeLimit.working_hours(8), precision=Precision.HOUR)
    d = Dossier("H", p, [Received(datetime(2026, 3, 2, 9)), Resolved(datetime(2026, 3, 3, 9, 30))])
    assert kinds(engine, d) == [FindingKind.LATE_WITHOUT_APOLOGY]
    assert kinds(engine, dossier(procedure=proc(TimeLimit.none()))) == []
    for k in FindingKind:
        assert k.label_vi
        assert k.label_en
    with pytest.raises(ArgumentTypeError):
        findings("HS")  # type: ignore[arg-type]


def test_a_second_new_date_without_a_time_limit_has_no_original_due_to_cite() -> None:
    p = Procedure("1.001193", "Thủ tục", "Hộ tịch", GovernmentLevel.COMMUNE, TimeLimit.none())
    a1 = Apologized(datetime(2026, 3, 2, 9), new_due=date(2026, 3, 9), reason="x")
    a2 = Apologized(datetime(2026, 3, 3, 9), new_due=date(2026, 3, 10), reason="y")
    d = Dossier("N", p, [Received(datetime(2026, 3, 2, 8)), a1, a2])
    (found,) = findings(d)
    assert found.kind is FindingKind.NEW_DATE_SET_AGAIN
    assert found.message.endswith("a new date may be set once")  # no "original due date"


# ==== details that killed mutants (of outcomes.py before its split; docs/mutation.md) ====


def _found(d: Dossier, **kwargs: Any) -> list[tuple[FindingKind, str, str, datetime | None]]:
    return [(f.kind, f.message, f.basis, f.at) for f in findings(d, **kwargs)]


def test_supplement_findings_name_both_requests_and_the_basis() -> None:
    # NĐ 118/2025 Điều 19 k5: within 03 working days; Điều 11 k2c: only once. Wed 25/02 is the
    # 4th working day after Thu 12/02 (13/02, 23/02, 24/02, 25/02).
    first, second = datetime(2026, 2, 25), datetime(2026, 3, 2)
    d = dossier(
        SupplementRequested(first),
        SupplementReceived(datetime(2026, 2, 26)),
        SupplementRequested(second),
        SupplementReceived(datetime(2026, 3, 3)),
    )
    late, once = "NĐ 118/2025/NĐ-CP, Điều 19 khoản 5", "NĐ 118/2025/NĐ-CP, Điều 11 khoản 2 điểm c"
    found = _found(d)
    assert found[0] == (
        FindingKind.SUPPLEMENT_REQUEST_LATE,
        "SupplementRequested at 2026-02-25 00:00:00 is 4 working days after Received at "
        "2026-02-12 09:30:00; expected within 03 working days",
        late,
        first,
    )
    assert found[1][0] is FindingKind.SUPPLEMENT_REQUEST_LATE
    assert found[2][0] is FindingKind.SUPPLEMENT_REQUESTED_AGAIN
    assert found[2][1] == (
        "SupplementRequested at 2026-03-02 00:00:00 follows SupplementRequested at "
        "2026-02-25 00:00:00; a supplement may be requested only once"
    )
    assert found[2][2].startswith(once)
    assert found[2][3] == second
    assert len(found) == 3


def test_apology_and_refusal_findings() -> None:
    apology = "NĐ 118/2025/NĐ-CP, Điều 19 khoản 6"
    late = _found(dossier(Resolved(datetime(2026, 2, 27, 8))))
    assert late == [
        (
            FindingKind.LATE_WITHOUT_APOLOGY,
            "Resolved at 2026-02-27 08:00:00 is after the due date 2026-02-26 and no apology was "
            "sent",
            apology,
            datetime(2026, 2, 27, 8),
        )
    ]
    # a result any time on the due date is on time (BLDS Điều 148; DOMAIN §3)
    assert _found(dossier(Resolved(datetime(2026, 2, 26, 23, 59)))) == []
    # that the dossier stays late against the original due date is tthc's reading, said so
    reading = (
        "; tthc judges the dossier against the original due date 2026-02-26 (tthc's reading: "
        "Điều 19 k6 allows one new date but does not say whether the dossier then stops being "
        "late)"
    )
    a1 = Apologized(datetime(2026, 2, 26), new_due=date(2026, 3, 3), reason="x")
    a2 = Apologized(datetime(2026, 2, 27), new_due=date(2026, 3, 5), reason="y")
    a3 = Apologized(datetime(2026, 3, 2), new_due=date(2026, 3, 9), reason="z")
    assert _found(dossier(a1, a2, a3)) == [
        (
            FindingKind.APOLOGY_TOO_LATE,
            "Apologized at 2026-02-26 00:00:00 is later than 1 day before the due date 2026-02-26"
            + reading,
            apology,
            a1.at,
        ),
        (
            FindingKind.NEW_DATE_SET_AGAIN,
            "Apologized at 2026-02-27 00:00:00 sets another new date (2026-03-05) after "
            "Apologized at 2026-02-26 00:00:00 (2026-03-03); a new date may be set once" + reading,
            apology,
            a2.at,
        ),
        (
            FindingKind.NEW_DATE_SET_AGAIN,
            "Apologized at 2026-03-02 00:00:00 sets another new date (2026-03-09) after "
            "Apologized at 2026-02-26 00:00:00 (2026-03-03); a new date may be set once" + reading,
            apology,
            a3.at,
        ),
    ]
    refused = _found(dossier(Refused(datetime(2026, 2, 27))))
    assert refused == [
        (
            FindingKind.REFUSAL_AFTER_DUE,
            "Refused at 2026-02-27 00:00:00 is after the due date 2026-02-26; a refusal is "
            "notified within the time limit",
            "NĐ 118/2025/NĐ-CP, Điều 19 khoản 3",
            datetime(2026, 2, 27),
        )
    ]


def test_online_acceptance_after_exactly_08_working_hours_in_both_engines(engine: Engine) -> None:
    # the boundary of Điều 17 k2c (NĐ 118/2025): 08 working hours are in time, 8.5 are not
    sub = Submitted(datetime(2026, 3, 2, 8))
    exact = Received(datetime(2026, 3, 3, 8), channel=Channel.ONLINE)
    assert kinds(engine, Dossier("O", proc(), [sub, exact])) == []
    late = Received(datetime(2026, 3, 3, 8, 30), channel=Channel.ONLINE)
    assert kinds(engine, Dossier("O", proc(), [sub, late])) == [FindingKind.ONLINE_ACCEPTANCE_LATE]


def test_online_acceptance_within_08_working_hours_is_no_finding() -> None:
    # Mon 02/03 08:00 -> Tue 03/03 08:00 is 3.5 h + 4 h + 0.5 h = 08 working hours: in time
    # (NĐ 118/2025 Điều 17 k2c); 08:30 is 8.5 h: late
    sub = Submitted(datetime(2026, 3, 2, 8))
    exact = Received(datetime(2026, 3, 3, 8), channel=Channel.ONLINE)
    assert _found(Dossier("O", proc(), [sub, exact])) == []
    late = Received(datetime(2026, 3, 3, 8, 30), channel=Channel.ONLINE)
    signed_no = Resolved(datetime(2026, 3, 4), digitally_signed=False)
    assert _found(Dossier("O", proc(), [sub, late, signed_no])) == [
        (
            FindingKind.ONLINE_ACCEPTANCE_LATE,
            "Received at 2026-03-03 08:30:00 is 8.5 working hours after Submitted at "
            "2026-03-02 08:00:00; expected acceptance or a correction request within 08 (the "
            "dossier was accepted late)",
            "NĐ 118/2025/NĐ-CP, Điều 17 khoản 2 điểm c",
            late.at,
        ),
        (
            FindingKind.RESULT_NOT_DIGITALLY_SIGNED,
            "Resolved at 2026-03-04 00:00:00 was not digitally signed",
            "NĐ 118/2025/NĐ-CP, Điều 22 khoản 1",
            signed_no.at,
        ),
    ]


def test_closing_15_days_after_the_notice_is_no_finding() -> None:
    # NĐ 118/2025 Điều 19 k5: the applicant has 15 days from the notice
    notice = SupplementRequested(datetime(2026, 2, 13))
    assert _found(dossier(notice, Closed(datetime(2026, 2, 28)))) == []
    assert _found(dossier(notice, Closed(datetime(2026, 2, 27)))) == [
        (
            FindingKind.CLOSED_TOO_EARLY,
            "Closed at 2026-02-27 00:00:00 is 14 days after SupplementRequested at "
            "2026-02-13 00:00:00; expected at least 15",
            "NĐ 118/2025/NĐ-CP, Điều 19 khoản 5",
            datetime(2026, 2, 27),
        )
    ]


def test_district_finding_names_the_procedure_and_the_reform_date() -> None:
    at = datetime(2025, 7, 1, 9)
    district = proc(level=GovernmentLevel.DISTRICT)
    assert _found(Dossier("D", district, [Received(at)])) == [
        (
            FindingKind.DISTRICT_LEVEL_AFTER_REFORM,
            "procedure 1.001193 is at district level but Received at 2025-07-01 09:00:00 is on "
            "or after 2025-07-01",
            "NĐ 118/2025/NĐ-CP, Điều 7; Luật Tổ chức chính quyền địa phương 2025",
            at,
        )
    ]


def test_findings_use_the_given_calendar() -> None:
    # a storm closure on Wed 25/02 moves the due date to Fri 27/02
    closure = Override(date(2026, 2, 25), DayKind.CLOSURE, "Bão", "QĐ 7/QĐ-UBND")
    local = vietnam_calendar().with_overrides(closure)
    d = dossier(Resolved(datetime(2026, 2, 27, 9), digitally_signed=True))
    assert [f.kind for f in findings(d)] == [FindingKind.LATE_WITHOUT_APOLOGY]
    assert findings(d, calendar=local) == ()


def test_findings_refuse_a_non_dossier_by_name() -> None:
    with pytest.raises(ArgumentTypeError, match="^findings: expected a Dossier, got str$"):
        findings("HS")  # type: ignore[arg-type]


def test_a_result_at_the_due_instant_is_not_late_under_hour_precision() -> None:
    # 08 working hours from Mon 02/03 09:00 end Tue 03/03 09:00 (Precision.HOUR, DOMAIN §3)
    p = proc(TimeLimit.working_hours(8), precision=Precision.HOUR)
    at_due = Resolved(datetime(2026, 3, 3, 9), digitally_signed=True)
    assert findings(Dossier("H", p, [Received(datetime(2026, 3, 2, 9)), at_due])) == ()
    after = Resolved(datetime(2026, 3, 3, 9, 0, 1), digitally_signed=True)
    found = findings(Dossier("H", p, [Received(datetime(2026, 3, 2, 9)), after]))
    assert [f.kind for f in found] == [FindingKind.LATE_WITHOUT_APOLOGY]

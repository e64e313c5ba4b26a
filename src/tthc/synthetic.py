"""Seeded synthetic dossiers for tests, benchmarks and sample data (extra ``batch``).

:func:`generate_frame` draws ``n`` dossiers in the one-row-per-dossier layout of
:mod:`tthc.batch` (:data:`~tthc.batch.FRAME_COLUMNS`) with numpy only, fast enough for millions
of rows; :func:`generate_dossiers` gives the same dossiers as :class:`~tthc.models.Dossier`
objects. The same ``seed`` and arguments always give the same data.

The mix: the real procedures of :func:`builtin_procedures` (birth and marriage registration,
certified copies with the 15:00 cut-off, a land procedure that pauses for supplements, a
construction permit in calendar days) and seeded random ones (codes ``9.xxxxxx``, never a real
code); online, in-person and postal channels, online submissions accepted after a delay (some
beyond 08 working hours); supplement requests (some after 03 working days, a few twice), some
never answered and closed; results early, on time and late, apologies for most late ones (some
too late, a few with a second new date), refusals, withdrawals and stops, unsigned results; and
open dossiers: every event after ``as_of`` is dropped, as an export made that day would.

>>> df = generate_frame(1000, seed=7)
>>> len(df), df["received"].min() >= pd.Timestamp("2025-07-01")
(1000, True)
>>> generate_frame(50, seed=7).equals(generate_frame(50, seed=7))
True
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from tthc.batch import add_working_days, due_frame, frame_to_dossiers
from tthc.calendar import WorkingCalendar, calendar_argument
from tthc.errors import InvalidValueError
from tthc.law import ND118_2025_FROM, SAME_DAY_CUTOFF
from tthc.models import Dossier
from tthc.procedures import Procedure
from tthc.services import Channel, GovernmentLevel
from tthc.timelimits import Precision, SupplementPolicy, TimeLimit

_DAY_US = 86_400_000_000  # microseconds in a day: the frame's moments are µs since 1970
_NAT = np.iinfo(np.int64).min  # NaT as an int64

__all__ = [
    "COMMUNE_AGENCIES",
    "PROVINCE_AGENCIES",
    "builtin_procedures",
    "catalogue",
    "generate_dossiers",
    "generate_frame",
    "random_procedures",
]

COMMUNE_AGENCIES = ("UBND xã Tân Thịnh",)
"""A commune's one-stop desk (the agency of the commune sample)."""

PROVINCE_AGENCIES = (
    "Sở Tư pháp",
    "Sở Nông nghiệp và Môi trường",
    "Sở Xây dựng",
    "UBND phường Hòa Bình",
    "UBND xã Tân Thịnh",
    "UBND xã Phú Lộc",
)
"""Agencies of a synthetic province (departments and communes)."""


def builtin_procedures() -> tuple[Procedure, ...]:
    """Five real procedures with their codes and limits (sources in ``legal_basis``).

    Marriage registration is same day (Luật Hộ tịch 2014 Điều 18 k2; after 15:00 the next
    working day, Điều 5 k3); the 05 working days when the conditions must be verified are not
    modelled here. The land and construction procedures are as the national portal published
    them, read in public crawls of it (GitHub chatbot-tthc/chatbot_tthc, July 2026;
    C-zu/RAG4PublicSector, 2024) [medium: one crawl each].

    >>> [p.code for p in builtin_procedures()][:3]
    ['1.001193', '1.000894', '2.000815']
    """
    civil = "Luật Hộ tịch 2014"
    return (
        Procedure(
            "1.001193",
            "Thủ tục đăng ký khai sinh",
            "Hộ tịch",
            GovernmentLevel.COMMUNE,
            TimeLimit.same_day(),
            legal_basis=(
                f"{civil}, Điều 16 khoản 2 (ngay sau khi nhận đủ giấy tờ); Điều 5 khoản 3 "
                "(sau 15 giờ: ngày làm việc tiếp theo)",
            ),
        ),
        Procedure(
            "1.000894",
            "Thủ tục đăng ký kết hôn",
            "Hộ tịch",
            GovernmentLevel.COMMUNE,
            TimeLimit.same_day(),
            legal_basis=(
                f"{civil}, Điều 18 khoản 2 (ngay trong ngày; cần xác minh: không quá 05 ngày "
                "làm việc); Điều 5 khoản 3 (sau 15 giờ: ngày làm việc tiếp theo)",
            ),
        ),
        Procedure(
            "2.000815",
            "Chứng thực bản sao từ bản chính",
            "Chứng thực",
            GovernmentLevel.COMMUNE,
            TimeLimit.same_day(cutoff=SAME_DAY_CUTOFF),
            legal_basis=("NĐ 23/2015/NĐ-CP, Điều 7",),
        ),
        Procedure(
            "1.013831",
            "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất "
            "(chuyển nhượng, thừa kế, tặng cho, góp vốn …)",
            "Đất đai",
            GovernmentLevel.PROVINCE,
            TimeLimit.working_days(18),
            supplement_policy=SupplementPolicy.PAUSE,
            legal_basis=(
                "Luật Đất đai 31/2024/QH15; NĐ 151/2025/NĐ-CP; NĐ 226/2025/NĐ-CP (18 ngày làm "
                "việc as the national portal published it, crawl of July 2026) [medium]",
            ),
        ),
        Procedure(
            "1.009979",
            "Cấp lại giấy phép xây dựng đối với công trình cấp đặc biệt, cấp I, cấp II",
            "Hoạt động xây dựng",
            GovernmentLevel.PROVINCE,
            TimeLimit.days(5),
            legal_basis=(
                "Luật Xây dựng 50/2014/QH13 (sửa đổi 62/2020/QH14); NĐ 15/2021/NĐ-CP (05 ngày as "
                "the national portal published it, crawl of 2024) [medium]",
            ),
        ),
    )


_FIELDS = ("Hộ tịch", "Chứng thực", "Đất đai", "Hoạt động xây dựng", "Lao động", "Giáo dục")


def random_procedures(n: int, *, seed: int = 0) -> tuple[Procedure, ...]:
    """``n`` seeded random procedures (codes ``9.000001`` …, never real) covering every unit,
    both supplement policies, ``Precision.HOUR``, per-channel limits and one DISTRICT level.

    >>> len({p.time_limit.unit for p in random_procedures(40, seed=1)}) >= 6
    True
    """
    rng = np.random.default_rng(seed)
    limits = [
        *(TimeLimit.working_days(k) for k in (1, 2, 3, 5, 7, 10, 15, 20, 30)),
        *(TimeLimit.days(k) for k in (7, 15, 30)),
        TimeLimit.months(1),
        TimeLimit.months(3),
        TimeLimit.working_hours(8),
        TimeLimit.working_hours(40),
        TimeLimit.hours(24),
        TimeLimit.same_day(),
        TimeLimit.same_day(cutoff=None),
        TimeLimit.none(),
    ]
    out = []
    for i in range(n):
        limit = limits[i % len(limits)] if i < len(limits) else limits[rng.integers(len(limits))]
        hour = limit.unit.value in ("working_day", "same_day") and (
            i in (1, 17) or rng.random() < 0.2
        )
        online = (
            {Channel.ONLINE: TimeLimit.working_days(2)}
            if limit.unit.value == "working_day" and limit.amount > 2 and rng.random() < 0.2
            else {}
        )
        level = (
            GovernmentLevel.DISTRICT
            if i == 5
            else (GovernmentLevel.COMMUNE, GovernmentLevel.PROVINCE)[int(rng.integers(2))]
        )
        out.append(
            Procedure(
                f"9.{i + 1:06d}",
                f"Thủ tục tổng hợp số {i + 1}",
                _FIELDS[int(rng.integers(len(_FIELDS)))],
                level,
                limit,
                channel_time_limits=online,
                supplement_policy=SupplementPolicy.PAUSE
                if rng.random() < 0.3
                else SupplementPolicy.RESTART,
                precision=Precision.HOUR if hour else Precision.DAY,
            )
        )
    return tuple(out)


def catalogue(*, extra: int = 15, seed: int = 0) -> tuple[Procedure, ...]:
    """:func:`builtin_procedures` followed by ``extra`` :func:`random_procedures`."""
    return builtin_procedures() + random_procedures(extra, seed=seed)


def _office_times(rng: np.random.Generator, n: int, cal: WorkingCalendar) -> Any:
    """Random moments (µs after midnight) inside the calendar's sessions, whole minutes."""
    bounds = [((s.start.hour * 60 + s.start.minute), (s.end.hour * 60 + s.end.minute))
              for s in cal.sessions]  # fmt: skip
    total = sum(e - s for s, e in bounds)
    r = rng.integers(0, total, n)
    minute = np.zeros(n, dtype=np.int64)
    offset = 0
    for s, e in bounds:
        m = (r >= offset) & (r < offset + e - s)
        minute[m] = s + r[m] - offset
        offset += e - s
    return minute * 60_000_000


def generate_frame(
    n: int,
    *,
    seed: int = 0,
    start: date = ND118_2025_FROM,  # the first year of NĐ 118/2025
    end: date = date(2026, 6, 30),
    as_of: date | None = None,
    procedures: Sequence[Procedure] | None = None,
    weights: Sequence[float] | None = None,
    agencies: Sequence[str] = PROVINCE_AGENCIES,
    calendar: WorkingCalendar | None = None,
    promised: float = 0.0,
) -> pd.DataFrame:
    """``n`` synthetic dossiers received on working days from ``start`` to ``end``, as a frame.

    ``procedures`` defaults to :func:`catalogue`; ``weights`` (one per procedure, any scale)
    to a mix where the real procedures dominate. Events after ``as_of`` (default ``end``) are
    dropped, so the last weeks hold open dossiers. ``id``, ``agency``, ``procedure_code``,
    ``channel`` and ``end_kind`` are categoricals except ``id``. ``promised`` is the share of
    dossiers with an appointment date printed (ngày hẹn trả, ``promised_due``): mostly the
    statutory due date, some a working day later or earlier (as one-stop software counts), a
    date for a procedure without a time limit; drawn from a generator of its own, so the rest of
    the frame is the same whatever the share.

    >>> generate_frame(3, seed=1, procedures=builtin_procedures()[:1])["procedure_code"].tolist()
    ['1.001193', '1.001193', '1.001193']
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise InvalidValueError(f"generate_frame: n expected an int >= 0, got {n!r}")
    if end < start:
        raise InvalidValueError(f"generate_frame: expected start <= end, got {start} > {end}")
    cal = calendar_argument(calendar)
    procs = tuple(catalogue() if procedures is None else procedures)
    if not procs:
        raise InvalidValueError("generate_frame: expected at least one procedure")
    if weights is None:
        base = {"1.001193": 20.0, "1.000894": 5.0, "2.000815": 35.0, "1.013831": 8.0}
        w = np.array([base.get(p.code, 4.0 if p.code == "1.009979" else 1.5) for p in procs])
    else:
        w = np.asarray(weights, dtype=float)
        if w.shape != (len(procs),) or (w < 0).any() or w.sum() <= 0:
            raise InvalidValueError(
                f"generate_frame: weights expected {len(procs)} non-negative numbers, got {weights!r}"
            )
    horizon_day = (as_of or end).toordinal() - date(1970, 1, 1).toordinal()
    horizon = (horizon_day + 1) * _DAY_US - 1
    rng = np.random.default_rng(seed)
    minute = 60_000_000
    pool = np.fromiter(cal.working_days(start, end), "datetime64[D]").astype(np.int64)
    if pool.size == 0:
        raise InvalidValueError(f"generate_frame: no working day from {start} to {end}")

    def day_array(x: Any) -> Any:
        return np.asarray(x, dtype=np.int64).astype("datetime64[D]")

    def add_wd(day: Any, k: Any) -> Any:
        return add_working_days(day_array(day), np.asarray(k, dtype=np.int64), cal).astype(np.int64)

    def office(day: Any) -> Any:
        return day * _DAY_US + _office_times(rng, len(day), cal)

    pidx = rng.choice(len(procs), size=n, p=w / w.sum())
    mix = {Channel.ONLINE: 0.45, Channel.IN_PERSON: 0.5, Channel.POSTAL: 0.05}
    channel = rng.choice(len(Channel), size=n, p=[mix[c] for c in Channel])
    rday = pool[rng.integers(0, pool.size, n)]
    received = office(rday)
    online = channel == list(Channel).index(Channel.ONLINE)
    delay = np.where(
        rng.random(n) < 0.9, rng.exponential(3.0, n), rng.uniform(24, 96, n)
    )  # hours before acceptance
    submitted = np.where(online, received - (delay * 60).astype(np.int64) * minute, _NAT)
    # supplements: asked within 0-3 working days (some later), answered 1-20 days later or not
    asked = rng.random(n) < 0.12
    k_ask = np.where(rng.random(n) < 0.85, rng.integers(0, 4, n), rng.integers(4, 7, n))
    req = np.where(asked, office(add_wd(rday, k_ask)), _NAT)
    req = np.where(asked, np.maximum(req, received + 20 * minute), _NAT)
    answered = asked & (rng.random(n) < 0.8)
    req_day = np.where(asked, req, received) // _DAY_US
    rec_day = add_wd(req_day + rng.integers(1, 21, n), 0)
    supp = np.where(answered, np.maximum(office(rec_day), req + 5 * minute), _NAT)
    again = answered & (rng.random(n) < 0.05)
    req2 = np.where(again, supp + rng.integers(60, 3 * 24 * 60, n) * minute, _NAT)
    supp2 = np.where(again, req2 + rng.integers(1, 10, n) * _DAY_US, _NAT)
    codes = np.array([p.code for p in procs], dtype=object)
    channels = np.array([c.value for c in Channel], dtype=object)
    frame: pd.DataFrame = pd.DataFrame(
        {
            "id": pd.Series(np.arange(1, n + 1)).map(f"HS-{seed}-{{:07d}}".format),
            "agency": pd.Categorical.from_codes(
                rng.integers(0, len(agencies), n),
                categories=pd.Index(list(dict.fromkeys(agencies))),
            )
            if len(set(agencies)) == len(agencies)
            else pd.Categorical(
                np.asarray(agencies, dtype=object)[rng.integers(0, len(agencies), n)]
            ),
            "procedure_code": pd.Categorical.from_codes(pidx, categories=pd.Index(list(codes))),
            "channel": pd.Categorical.from_codes(channel, categories=pd.Index(list(channels))),
        }
    )

    def moments(x: Any) -> Any:
        return np.asarray(x, dtype=np.int64).view("datetime64[us]")

    frame["submitted"] = moments(submitted)
    frame["received"] = moments(received)
    frame["supplement_requested"] = moments(req)
    frame["supplement_received"] = moments(supp)
    frame["supplement2_requested"] = moments(req2)
    frame["supplement2_received"] = moments(supp2)
    due = (
        due_frame(frame, procedures=procs, calendar=cal)["due"]
        .to_numpy()
        .astype("datetime64[D]")
        .astype(np.int64)
    )
    has_due = due != _NAT
    last = np.maximum.reduce([received, np.where(asked, req, _NAT), supp, supp2])
    last_day = last // _DAY_US
    # the result: early, on time or late against the due date
    r = rng.random(n)
    offset = np.where(
        r < 0.3, -rng.integers(1, 4, n), np.where(r < 0.85, 0, rng.integers(1, 11, n))
    )
    target = np.where(
        has_due, add_wd(np.where(has_due, due, rday), offset), add_wd(rday, rng.integers(1, 20, n))
    )
    end_day = np.maximum(target, last_day)
    end_at = np.maximum(office(end_day), last + 15 * minute)
    pending = asked & ~answered
    u = rng.random(n)
    kind = np.where(u < 0.93, 0, np.where(u < 0.97, 1, np.where(u < 0.985, 2, 3)))
    closing = pending & (rng.random(n) < 0.8)
    kind = np.where(pending, np.where(closing, 4, np.where(kind < 2, 3, kind)), kind)
    close_days = np.where(rng.random(n) < 0.9, rng.integers(15, 20, n), rng.integers(5, 15, n))
    end_at = np.where(closing, office(add_wd(req_day + close_days, 0)), end_at)
    end_at = np.maximum(end_at, last + 15 * minute)
    # apologies for most late results, usually 1-3 working days before the due date
    late = has_due & (end_at // _DAY_US > due) & (kind <= 1)
    apol = late & (rng.random(n) < 0.7)
    k_ap = np.where(rng.random(n) < 0.8, -rng.integers(1, 4, n), rng.integers(0, 2, n))
    ap_day = add_wd(np.where(has_due, due, rday), k_ap)
    ap_at = np.maximum(office(ap_day), received + 30 * minute)
    apol &= ap_at < end_at
    new_due = add_wd(np.maximum(due, ap_at // _DAY_US), rng.integers(1, 6, n))
    ap2 = apol & (rng.random(n) < 0.05) & (ap_at + _DAY_US < end_at)
    ap2_at = ap_at + _DAY_US
    new_due2 = add_wd(np.maximum(new_due, ap2_at // _DAY_US), 3)
    u = rng.random(n)
    signed = np.where(u < 0.9, 1, np.where(u < 0.97, 0, -1))
    ret_at = end_at + rng.integers(0, 6, n) * _DAY_US + rng.integers(0, 120, n) * minute
    # the export is made on ``as_of``: later events are unknown
    cols = {
        "submitted": submitted,
        "received": received,
        "supplement_requested": req,
        "supplement_received": supp,
        "supplement2_requested": req2,
        "supplement2_received": supp2,
        "apologized": np.where(apol, ap_at, _NAT),
        "apology2": np.where(ap2, ap2_at, _NAT),
        "end": end_at,
        "returned": np.where(kind <= 1, ret_at, _NAT),
    }
    for c, v in cols.items():
        cols[c] = np.where(v > horizon, _NAT, v)
    known = cols["end"] != _NAT
    frame["supplement_requested"] = moments(cols["supplement_requested"])
    frame["supplement_received"] = moments(cols["supplement_received"])
    frame["supplement2_requested"] = moments(cols["supplement2_requested"])
    frame["supplement2_received"] = moments(cols["supplement2_received"])
    frame["apologized"] = moments(cols["apologized"])
    frame["apology_new_due"] = moments(
        np.where(cols["apologized"] != _NAT, new_due * _DAY_US, _NAT)
    )
    frame["apology2"] = moments(cols["apology2"])
    frame["apology2_new_due"] = moments(
        np.where(cols["apology2"] != _NAT, new_due2 * _DAY_US, _NAT)
    )
    frame["promised_due"] = moments(np.full(n, _NAT))  # the generator prints no appointments
    frame["end"] = moments(cols["end"])
    frame["end_kind"] = pd.Categorical.from_codes(
        np.where(known, kind, -1),
        categories=pd.Index(["resolved", "refused", "stopped", "withdrawn", "closed"]),
    )
    frame["signed"] = pd.arrays.BooleanArray(signed == 1, ~(known & (kind == 0)) | (signed < 0))
    frame["returned"] = moments(cols["returned"])
    if promised:
        frame["promised_due"] = moments(_promised(frame, promised, seed, procs, cal))
    return frame


def _promised(
    frame: pd.DataFrame,
    share: float,
    seed: int,
    procs: Sequence[Procedure],
    cal: WorkingCalendar,
) -> Any:
    """The ``promised_due`` column (µs) of :func:`generate_frame`'s ``promised`` share."""
    if not 0 <= share <= 1:
        raise InvalidValueError(
            f"generate_frame: promised expected a share in [0, 1], got {share!r}"
        )
    n = len(frame)
    rng = np.random.default_rng([seed, 15])
    due = due_frame(frame, procedures=procs, calendar=cal)["due"].to_numpy()
    due = due.astype("datetime64[D]").astype(np.int64)
    rday = frame["received"].to_numpy(dtype="datetime64[D]").astype(np.int64)
    has = due != _NAT
    r = rng.random(n)
    shift = np.where(r < 0.9, 0, np.where(r < 0.97, 1, -1))
    later = rng.integers(1, 10, n)
    day = np.where(has, due, rday).astype("datetime64[D]")
    day = add_working_days(day, np.where(has, shift, later), cal).astype(np.int64)
    day = np.maximum(day, rday)
    return np.where(rng.random(n) < share, day * _DAY_US, _NAT)


def generate_dossiers(
    n: int, *, seed: int = 0, procedures: Sequence[Procedure] | None = None, **kwargs: Any
) -> list[Dossier]:
    """The dossiers of :func:`generate_frame` as :class:`~tthc.models.Dossier` objects.

    >>> d = generate_dossiers(5, seed=3)[0]
    >>> d.id, d.received.at.year in (2025, 2026)
    ('HS-3-0000001', True)
    """
    procs = tuple(catalogue() if procedures is None else procedures)
    frame = generate_frame(n, seed=seed, procedures=procs, **kwargs)
    return frame_to_dossiers(frame, procs, calendar=kwargs.get("calendar"))

"""Make the sample data in ``examples/`` reproducibly: ``python examples/make_samples.py``.

Two data sets for report year 2026 under the NĐ 09/2019 cut-off (15/12/2025–14/12/2026), exported
as of 2026-12-14 (so the last weeks hold open dossiers), from :mod:`tthc.synthetic` with fixed
seeds:

* ``commune-2026``: one commune's one-stop desk (UBND xã Tân Thịnh) and the commune-level
  procedures it handles, 2,500 dossiers;
* ``province-2026``: six agencies of a province, 12,000 dossiers; each agency receives only the
  procedures of its own field and level: Sở Tư pháp (công chứng, luật sư, hòa giải thương mại,
  the hộ tịch matters the province keeps), Sở Xây dựng (xây dựng, nhà ở, kinh doanh bất động
  sản, đường bộ), Sở Nông nghiệp và Môi trường (đất đai through the Văn phòng đăng ký đất đai),
  and three communes (hộ tịch, chứng thực, đất đai at commune level, tổ hợp tác, giảm nghèo).

Every procedure is a real one: its code, name, field, level and time limit as the national public
service portal published them (the bundled catalogue, or public crawls of the portal:
``chatbot-tthc/chatbot_tthc``, July 2026, and ``C-zu/RAG4PublicSector``, 2024), named in each
entry's ``sources`` with a confidence mark; the dossiers and the publication decisions are made
up. Birth and marriage registration and certified copies are same day (after 15:00 the next
working day). A procedure offered as information only (``ServiceLevel.INFORMATION``, as
catalogues published it before NĐ 224/2026/NĐ-CP, which has no such level from 2026-07-01)
receives no online dossiers.

Each set is written as ``<name>.dossiers.csv`` (one row per dossier, the layout of
:mod:`tthc.batch`: read it with ``tthc.batch.read_frame_csv(path)``),
``<name>.catalogue.json`` (the procedure catalogue, ``tthc.formats.read_catalogue``: each
procedure with an online service level and, for all but a few, the decision that published it)
and ``<name>.events.csv`` (one row per event, ``tthc.formats.read_dossiers``).

The README's main job runs on them::

    tthc report examples/commune-2026.events.csv --catalogue examples/commune-2026.catalogue.json --period 2026
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import attrs
import numpy as np
import pandas as pd

from tthc.batch import frame_to_dossiers
from tthc.formats import CatalogueEntry, write_catalogue, write_dossiers
from tthc.models import Channel, GovernmentLevel, Procedure, ServiceLevel, SupplementPolicy
from tthc.synthetic import builtin_procedures, generate_frame
from tthc.timelimits import TimeLimit

HERE = Path(__file__).resolve().parent
START, END = date(2025, 12, 15), date(2026, 12, 14)

CRAWL_2026 = "national portal as crawled in GitHub chatbot-tthc/chatbot_tthc (June–July 2026)"
CRAWL_2024 = "national portal as crawled in GitHub C-zu/RAG4PublicSector (2024)"
BUNDLED = "tthc's bundled catalogue (src/tthc/data/catalogue.json), with its sources"

_P, _C = GovernmentLevel.PROVINCE, GovernmentLevel.COMMUNE
_FULL, _PART, _INFO = ServiceLevel.FULL, ServiceLevel.PARTIAL, ServiceLevel.INFORMATION
_WD = TimeLimit.working_days


Entry = tuple[Procedure, ServiceLevel, str, str]
"""(procedure, service level, source, confidence)."""


def _portal(service: ServiceLevel, source: str, *procedure: Any, **kw: Any) -> Entry:
    """A procedure as a crawl of the national portal shows it (one source: medium)."""
    return (Procedure(*procedure, **kw), service, source, "medium")


_BUILTIN = {p.code: p for p in builtin_procedures()}

COMMUNE = (
    (_BUILTIN["1.001193"], _FULL, BUNDLED, "high"),
    # both parties must be present (Luật Hộ tịch 2014 Điều 18 k1): partly online
    (_BUILTIN["1.000894"], _PART, BUNDLED, "high"),
    (_BUILTIN["2.000815"], _FULL, BUNDLED, "high"),
    _portal(
        _PART,
        CRAWL_2026,
        "2.000756",
        "Thủ tục đăng ký chấm dứt giám hộ có yếu tố nước ngoài",
        "Hộ tịch",
        _C,
        _WD(2),
    ),
    _portal(
        _PART,
        CRAWL_2026,
        "1.012818",
        "Thu hồi Giấy chứng nhận đã cấp lần đầu không đúng quy định của pháp luật đất đai "
        "do người sử dụng đất phát hiện và cấp lại Giấy chứng nhận sau khi thu hồi",
        "Đất đai",
        _C,
        _WD(35),
        channel_time_limits={Channel.ONLINE: _WD(25), Channel.POSTAL: _WD(25)},
        supplement_policy=SupplementPolicy.PAUSE,
    ),
    _portal(
        _FULL,
        CRAWL_2026,
        "2.002639",
        "Đăng ký thay đổi nội dung đăng ký tổ hợp tác",
        "Thành lập và hoạt động của tổ hợp tác, hợp tác xã, liên hiệp hợp tác xã",
        _C,
        _WD(3),
    ),
    _portal(
        _INFO,
        CRAWL_2026,
        "1.011608",
        "Công nhận hộ thoát nghèo, hộ thoát cận nghèo thường xuyên hằng năm",
        "Giảm nghèo",
        _C,
        TimeLimit.days(15),
    ),
)

JUSTICE = (
    _portal(
        _FULL,
        CRAWL_2026,
        "2.001716",
        "Đăng ký hoạt động của Chi nhánh Trung tâm hòa giải thương mại",
        "Hòa giải thương mại",
        _P,
        _WD(5),
    ),
    _portal(
        _FULL,
        CRAWL_2026,
        "1.002055",
        "Thay đổi người đại diện theo pháp luật của Văn phòng luật sư, công ty luật trách "
        "nhiệm hữu hạn một thành viên",
        "Luật sư",
        _P,
        _WD(5),
    ),
    _portal(
        _PART,
        CRAWL_2024,
        "1.001071",
        "Đăng ký tập sự hành nghề công chứng",
        "Công chứng",
        _P,
        _WD(7),
    ),
    _portal(
        _PART,
        CRAWL_2024,
        "1.008942",
        "Cấp lại giấy đăng ký hoạt động của Trung tâm tư vấn, hỗ trợ hôn nhân và gia đình",
        "Hộ tịch",
        _P,
        TimeLimit.none(),  # "Không quy định (đề xuất 07 ngày làm việc)"
    ),
)

CONSTRUCTION = (
    (_BUILTIN["1.009979"], _FULL, CRAWL_2024, "medium"),
    _portal(
        _FULL,
        CRAWL_2026,
        "1.012907",
        "Cấp lại chứng chỉ hành nghề môi giới bất động sản (chứng chỉ bị cháy, mất, rách, "
        "hủy hoại do thiên tai hoặc lý do bất khả kháng khác)",
        "Kinh doanh bất động sản",
        _P,
        _WD(10),
    ),
    _portal(
        _FULL,
        CRAWL_2026,
        "1.013061",
        "Cấp giấy phép thi công công trình trên đường bộ đang khai thác",
        "Đường bộ",
        _P,
        _WD(5),
    ),
    _portal(
        _PART,
        CRAWL_2026,
        "1.012884",
        "Thông báo đơn vị đủ điều kiện quản lý vận hành nhà chung cư",
        "Nhà ở và công sở",
        _P,
        TimeLimit.days(30),
    ),
)

LAND = (
    (_BUILTIN["1.013831"], _PART, CRAWL_2026, "medium"),
    _portal(
        _PART,
        CRAWL_2026,
        "1.013947",
        "Xác nhận tiếp tục sử dụng đất nông nghiệp",
        "Đất đai",
        _P,
        TimeLimit.days(17),
        channel_time_limits={Channel.ONLINE: _WD(7), Channel.POSTAL: _WD(7)},
    ),
    _portal(
        _PART,
        CRAWL_2026,
        "1.012781",
        "Đăng ký, cấp Giấy chứng nhận đối với thửa đất có diện tích tăng thêm do thay đổi "
        "ranh giới so với Giấy chứng nhận đã cấp",
        "Đất đai",
        _P,
        _WD(20),
        channel_time_limits={Channel.ONLINE: _WD(10), Channel.POSTAL: _WD(10)},
        supplement_policy=SupplementPolicy.PAUSE,
    ),
)

COMMUNES = ("UBND xã Tân Thịnh", "UBND xã Phú Lộc", "UBND phường Hòa Bình")
PROVINCE = (
    ("Sở Tư pháp", JUSTICE, 1200),
    ("Sở Xây dựng", CONSTRUCTION, 1500),
    ("Sở Nông nghiệp và Môi trường", LAND, 2300),
    (COMMUNES[0], COMMUNE, 2400),
    (COMMUNES[1], COMMUNE, 2300),
    (COMMUNES[2], COMMUNE, 2300),
)
UNPUBLISHED = {"1.011608", "1.013061"}
"""Procedures left without a publication record, so the inspection's check has something to find."""


def _frame(
    seed: int,
    parts: tuple[tuple[str, tuple[Entry, ...], int], ...],
) -> pd.DataFrame:
    frames = []
    for k, (agency, entries, n) in enumerate(parts):
        procs = tuple(p for p, *_ in entries)
        f = generate_frame(
            n, seed=seed * 100 + k, start=START, end=END, procedures=procs, agencies=(agency,)
        )
        info = {p.code for p, level, *_ in entries if level is _INFO}
        offline = f["procedure_code"].astype(str).isin(info).to_numpy()
        channel = f["channel"].astype(str).to_numpy(dtype=object)
        channel[offline & (channel == "online")] = "in_person"
        f["channel"] = channel
        f.loc[offline, "submitted"] = pd.NaT
        for col in ("agency", "procedure_code"):
            f[col] = f[col].astype(str)
        frames.append(f)
    frame: pd.DataFrame = pd.concat(frames, ignore_index=True)
    frame = frame.sort_values("received", kind="stable").reset_index(drop=True)
    frame["id"] = [f"HS-{seed}-{i:07d}" for i in range(1, len(frame) + 1)]
    for col in ("agency", "procedure_code", "channel"):
        frame[col] = frame[col].astype("category")
    assert not (frame["channel"].astype(str).eq("online") & frame["submitted"].isna()).any()
    assert np.all(frame["received"].notna())
    return frame


def catalogue_of(
    entries: tuple[Entry, ...],
) -> list[CatalogueEntry]:
    """Catalogue entries: the service level, source and confidence of each procedure."""
    out = []
    for i, (p, level, source, confidence) in enumerate(entries):
        published = (
            ()
            if p.code in UNPUBLISHED
            else (f"Quyết định số {120 + i}/QĐ-UBND công bố danh mục TTHC (dữ liệu mẫu)",)
        )
        out.append(
            CatalogueEntry.from_procedure(
                attrs.evolve(p, service_level=level),
                published_in=published,
                sources=(source,),
                confidence=confidence,
            )
        )
    return out


def write(
    name: str,
    seed: int,
    parts: tuple[tuple[str, tuple[Entry, ...], int], ...],
) -> None:
    frame = _frame(seed, parts)
    entries = tuple(dict.fromkeys(e for _, group, _ in parts for e in group))
    procedures = tuple(p for p, *_ in entries)
    frame.to_csv(HERE / f"{name}.dossiers.csv", index=False, date_format="%Y-%m-%d %H:%M:%S")
    write_catalogue(catalogue_of(entries), HERE / f"{name}.catalogue.json")
    write_dossiers(frame_to_dossiers(frame, procedures), HERE / f"{name}.events.csv")
    print(f"{name}: {len(frame)} dossiers, {len(procedures)} procedures, seed {seed}")


def main() -> None:
    write("commune-2026", 1, ((COMMUNES[0], COMMUNE, 2500),))
    write("province-2026", 2, PROVINCE)


if __name__ == "__main__":
    main()

"""Sample values shared by the tests of tthc.formats (not a test module)."""

from __future__ import annotations

from datetime import date, datetime

from tthc.formats import bundled_catalogue, dumps
from tthc.models import (
    Apologized,
    Channel,
    Dossier,
    Received,
    Resolved,
    Returned,
    StepCompleted,
    Submitted,
    SupplementReceived,
    SupplementRequested,
)

CERT = bundled_catalogue()["2.000815"].procedure
LIENTHONG = bundled_catalogue()["2.002621"].procedure
EVENTS_HEADER = (
    "dossier_id,agency,procedure_code,event,at,channel,reason,new_due,step,digitally_signed\n"
)


def full_dossier(dossier_id: str = "HS-001", agency: str | None = "UBND xã Tân Hòa") -> Dossier:
    """An interlinked dossier with one event of most kinds."""
    return Dossier(
        dossier_id,
        LIENTHONG,
        [
            Submitted(datetime(2026, 2, 12, 21, 5)),
            Received(datetime(2026, 2, 23, 8, 0), channel=Channel.ONLINE),
            SupplementRequested(datetime(2026, 2, 23, 9, 0), reason="Thiếu giấy chứng sinh"),
            SupplementReceived(datetime(2026, 2, 24, 10, 0)),
            StepCompleted(datetime(2026, 2, 24, 15, 0), step="Đăng ký khai sinh"),
            Apologized(
                datetime(2026, 2, 26, 9, 0), new_due=date(2026, 3, 2), reason="Chờ xác minh"
            ),
            Resolved(datetime(2026, 2, 27, 16, 45), digitally_signed=True),
            Returned(datetime(2026, 3, 2, 8, 0)),
        ],
        agency=agency,
    )


CERT_DOSSIER_JSON = dumps(full_dossier())
"""One dossier as JSON (``"agency": "UBND xã Tân Hòa"``; event 1 is the receipt)."""

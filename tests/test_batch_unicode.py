"""The batch and columnar paths read text keys in NFC, like the scalar path (issue 13, item 13).

The same agency typed in NFC and in NFD is one row of Biểu 06; ids come back in NFC. Only the
distinct values are normalised (a categorical's categories, a factorisation's uniques).
"""

from __future__ import annotations

import io
import unicodedata
from datetime import date, datetime
from typing import Any

import pandas as pd
import pytest

from tthc.batch import classify_frame, dossiers_to_frame, due_frame, form06_frame
from tthc.batch.layout import nfc_column
from tthc.columnar import report_file
from tthc.formats.frame_cells import coded
from tthc.models import Dossier, GovernmentLevel, Procedure, Received, Resolved
from tthc.reports import ReportingPeriod, form06
from tthc.timelimits import TimeLimit

AGENCY = "UBND xã Ẫm Hòa"
AGENCY_NFD = unicodedata.normalize("NFD", AGENCY)
ID = "HỒ-SƠ-1"
ID_NFD = unicodedata.normalize("NFD", ID)
PROC = Procedure(
    "1.000894", "Đăng ký kết hôn", "Hộ tịch", GovernmentLevel.COMMUNE, TimeLimit.working_days(5)
)
PERIOD = ReportingPeriod.month(2026, 3)
assert AGENCY != AGENCY_NFD
assert ID != ID_NFD


def _frame(kind: str) -> pd.DataFrame:
    dossiers = [
        Dossier(
            f"HS-{i}",
            PROC,
            [Received(datetime(2026, 3, 2, 9)), Resolved(datetime(2026, 3, 3, 9))],
            agency=AGENCY,
        )
        for i in range(4)
    ]
    df = dossiers_to_frame(dossiers)
    agencies = [AGENCY, AGENCY_NFD, AGENCY_NFD, None]
    df["agency"] = pd.Series(agencies, dtype=object if kind == "object" else kind)
    df["id"] = pd.Series([ID, ID_NFD + "x", "HS-2", "HS-3"], dtype=object)
    return df


@pytest.mark.parametrize("kind", ["object", "category", "string[python]", "string[pyarrow]"])
def test_form06_frame_counts_an_agency_in_nfc_and_nfd_once(kind: str) -> None:
    df = _frame(kind)
    table = form06_frame(df, PERIOD, procedures=[PROC], group_by=("agency",))
    assert [row.key for row in table.rows] == [("",), (AGENCY,)]
    assert [row.resolved for row in table.rows] == [1, 3]
    # the scalar path (whose Dossier reads the agency in NFC) gives the same table
    scalar = [
        Dossier(
            i,
            PROC,
            [Received(datetime(2026, 3, 2, 9)), Resolved(datetime(2026, 3, 3, 9))],
            agency=a,
        )
        for i, a in zip(["a", "b", "c", "d"], [AGENCY, AGENCY_NFD, AGENCY_NFD, None], strict=True)
    ]
    assert form06(scalar, PERIOD, group_by=("agency",)).rows == table.rows


def test_classify_frame_gives_text_keys_in_nfc_and_leaves_the_input_alone() -> None:
    df = _frame("object")
    before = df.copy()
    out = classify_frame(df, as_of=date(2026, 3, 31), procedures=[PROC])
    assert out["agency"].tolist() == [AGENCY, AGENCY, AGENCY, None]
    assert out["id"].tolist() == [ID, ID + "x", "HS-2", "HS-3"]
    assert out.index.equals(df.index)
    pd.testing.assert_frame_equal(df, before)
    assert due_frame(df, procedures=[PROC])["due"].notna().all()


def test_nfc_columns_are_returned_as_they_are() -> None:
    for s in (
        pd.Series(["A", None, "Hòa"]),
        pd.Series(["A", "Hòa"], dtype="category"),
        pd.Series([1, 2]),
        pd.Series([AGENCY_NFD, None]).iloc[1:],
        pd.Series(["HS-1", None], dtype="string[pyarrow]"),
        pd.Series(["Hòa", None], dtype="string[pyarrow]"),
        pd.Series(["HS-1", None], dtype="string[python]"),
    ):
        assert nfc_column(s) is s


def test_nfc_column_keeps_missing_values_and_the_dtype() -> None:
    s = pd.Series([AGENCY_NFD, None, AGENCY, float("nan")], index=[5, 6, 7, 8], name="agency")
    out = nfc_column(s)
    assert out.tolist()[::2] == [AGENCY, AGENCY]
    assert out.isna().tolist() == [False, True, False, True]
    assert (out.index.tolist(), out.name, out.dtype) == ([5, 6, 7, 8], "agency", s.dtype)
    cat = nfc_column(s.astype("category"))
    assert cat.cat.categories.tolist() == [AGENCY]
    assert cat.isna().tolist() == [False, True, False, True]
    # a categorical column keeps its index and name too
    assert (cat.index.tolist(), cat.name) == ([5, 6, 7, 8], "agency")


def test_coded_gives_one_code_to_values_equal_in_nfc() -> None:
    codes, values = coded(pd.DataFrame({"a": [AGENCY, None, AGENCY_NFD, "B"]}), "a")
    assert values == [AGENCY, "B", None]
    assert codes.tolist() == [0, 2, 0, 1]


def test_the_columnar_report_counts_an_agency_in_nfc_and_nfd_once() -> None:
    text = "dossier_id,agency,procedure_code,event,at\n" + "".join(
        f"HS-{i},{agency},2.000815,received,2026-03-02T09:00:00\n"
        for i, agency in enumerate([AGENCY, AGENCY_NFD, AGENCY_NFD])
    )
    report: Any = report_file(io.StringIO(text), PERIOD, format="csv", group_by=("agency",))
    assert [row.key for row in report.form06.rows] == [(AGENCY,)]
    assert report.scalar_dossiers == 0

"""JSON is checked, not coerced: wrong types, duplicates, non-finite numbers (issue 13)."""

from __future__ import annotations

import io
import json
import unicodedata
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

import pytest

from formats_samples import CERT_DOSSIER_JSON
from tthc.errors import DataRowError
from tthc.formats import dumps, loads, read_catalogue, read_dossiers, structure
from tthc.models import Dossier, Procedure, Received, Resolved
from tthc.timelimits import TimeLimit


def _dossier(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(CERT_DOSSIER_JSON)
    for path, value in changes.items():
        target = data
        *head, last = path.split("__")
        for key in head:
            target = target[int(key)] if isinstance(target, list) else target[key]
        target[last] = value
    return data


@pytest.mark.parametrize(
    ("text", "cls", "path", "message"),
    [
        (
            '{"kind": "resolved", "at": "2026-10-01T09:00:00", "digitally_signed": "false"}',
            Resolved,
            "$.digitally_signed",
            "expected a JSON boolean (true or false), got str 'false'",
        ),
        (
            '{"kind": "received", "at": "2026-10-01T09:00:00", "inferred": "no"}',
            Received,
            "$.inferred",
            "expected a JSON boolean (true or false), got str 'no'",
        ),
        (
            '{"kind": "received", "at": "2026-10-01T09:00:00", "inferred": 1}',
            Received,
            "$.inferred",
            "expected a JSON boolean (true or false), got int 1",
        ),
        (
            '{"amount": 5.9, "unit": "working_day"}',
            TimeLimit,
            "$.amount",
            "expected a JSON integer, got float 5.9",
        ),
        (
            '{"amount": true, "unit": "working_day"}',
            TimeLimit,
            "$.amount",
            "expected a JSON integer, got bool True",
        ),
        (
            '{"amount": "5", "unit": "working_day"}',
            TimeLimit,
            "$.amount",
            "expected a JSON integer, got str '5'",
        ),
    ],
)
def test_loads_refuses_wrong_json_types(text: str, cls: type, path: str, message: str) -> None:
    with pytest.raises(DataRowError) as info:
        loads(text, cls)
    assert info.value.field == path
    assert str(info.value) == f"<string>: {path}: {message}"


@pytest.mark.parametrize(
    ("changes", "path", "message"),
    [
        ({"id": 123}, "$.id", "expected a JSON string, got int 123"),
        ({"agency": None}, None, None),  # agency is optional: null is None, not "None"
        ({"procedure__field": None}, "$.procedure.field", "expected a JSON string, got null"),
        ({"procedure__name": 1.5}, "$.procedure.name", "expected a JSON string, got float 1.5"),
        (
            {"procedure__legal_basis": "abc"},
            "$.procedure.legal_basis",
            "expected a JSON array, got str 'abc'",
        ),
        (
            {"procedure__legal_basis": {"a": "b"}},
            "$.procedure.legal_basis",
            "expected a JSON array, got dict {'a': 'b'}",
        ),
        ({"events": "x"}, "$.events", "expected a JSON array, got str 'x'"),
        (
            {"events__6__digitally_signed": 0},
            "$.events[6].digitally_signed",
            "expected a JSON boolean (true or false), got int 0",
        ),
    ],
)
def test_dossier_files_refuse_wrong_json_types(
    changes: dict[str, Any], path: str | None, message: str | None
) -> None:
    text = json.dumps([_dossier(**changes)])
    if path is None:
        (d,) = read_dossiers(io.StringIO(text), format="json")
        assert d.agency is None
        return
    with pytest.raises(DataRowError) as info:
        read_dossiers(io.StringIO(text), format="json")
    assert info.value.field == path
    assert message is not None
    assert str(info.value).endswith(f"field {path!r}: {message}")


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_numbers_are_refused(constant: str) -> None:
    text = json.dumps([_dossier()], ensure_ascii=False).replace('"UBND xã Tân Hòa"', constant)
    with pytest.raises(DataRowError, match=rf"invalid JSON: {constant} is not a JSON number"):
        read_dossiers(io.StringIO(text), format="json")
    with pytest.raises(DataRowError, match=rf"invalid JSON: {constant} is not a JSON number"):
        loads(f'{{"amount": {constant}, "unit": "day"}}', TimeLimit)


def test_huge_integers_are_refused_not_crashed_on() -> None:
    digits = "9" * 5000
    with pytest.raises(DataRowError, match="invalid JSON: an integer of 5000 digits"):
        loads(f'{{"amount": {digits}, "unit": "day"}}', TimeLimit)
    text = json.dumps([_dossier()], ensure_ascii=False).replace('"UBND xã Tân Hòa"', digits)
    with pytest.raises(DataRowError, match="line 1: invalid JSON: an integer of 5000 digits"):
        read_dossiers(io.StringIO(text), format="json")


def test_lone_surrogates_are_refused_on_input() -> None:
    text = json.dumps([_dossier(agency="\ud800x")])  # json writes it as the escape \\ud800
    with pytest.raises(
        DataRowError, match=r"field '\$\.agency': expected text that UTF-8 can hold"
    ):
        read_dossiers(io.StringIO(text), format="json")


def test_duplicate_keys_are_refused_by_name() -> None:
    text = '{"kind": "resolved", "at": "2026-10-01T09:00:00", "at": "2026-10-02T09:00:00"}'
    with pytest.raises(DataRowError, match="invalid JSON: key 'at' appears twice in one object"):
        loads(text, Resolved)
    dossier = json.dumps(_dossier())
    doubled = dossier.replace('"agency": ', '"agency": "A", "agency": ', 1)
    with pytest.raises(DataRowError, match="line 1: invalid JSON: key 'agency' appears twice"):
        read_dossiers(io.StringIO(f"[{doubled}]"), format="json")


def test_the_same_dossier_twice_is_refused_by_id() -> None:
    one = json.dumps(_dossier())
    text = f"[\n{one},\n{one}\n]"
    with pytest.raises(DataRowError) as info:
        read_dossiers(io.StringIO(text), format="json")
    assert info.value.line == 3
    assert "dossier 'HS-001' appears more than once (lines 2, 3)" in str(info.value)
    result = read_dossiers(io.StringIO(text), format="json", strict=False)
    assert result.dossiers == ()
    assert [r.dossier_id for r in result.rejected] == ["HS-001"]
    assert result.dossiers_seen == 1
    assert result.records_read == 2
    assert result.records_rejected == 2


def test_nfd_text_is_read_as_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "UBND xã Tân Hòa")
    (d,) = read_dossiers(io.StringIO(json.dumps([_dossier(agency=nfd)])), format="json")
    assert d.agency == "UBND xã Tân Hòa"


def test_catalogue_json_is_checked_too() -> None:
    text = '[{"code": "1.001193", "name": "x", "field": 5, "level": "commune", "time_limit": "Trong ngày"}]'
    with pytest.raises(DataRowError, match=r"line 1: \$\.field: expected a JSON string, got int 5"):
        read_catalogue(io.StringIO(text), format="json")


def test_valid_json_still_round_trips() -> None:
    (d,) = read_dossiers(io.StringIO(f"[{CERT_DOSSIER_JSON}]"), format="json")
    assert loads(dumps(d), Dossier) == d
    assert loads(dumps(d.procedure), Procedure) == d.procedure


def test_numbers_and_collections_are_checked_by_type() -> None:
    assert structure(1.5, float) == 1.5
    assert structure(2, float) == 2.0
    for bad in (True, "1.5", None, float("nan"), float("inf")):
        with pytest.raises(DataRowError, match="expected a (finite )?JSON number"):
            structure(bad, float)
    assert loads("[1, 2]", list[int]) == [1, 2]
    assert loads("[1, 2, 2]", set[int]) == {1, 2}
    assert loads("[3]", frozenset[int]) == frozenset({3})
    assert loads("[4]", Sequence[int]) == [4]  # type: ignore[type-abstract]
    with pytest.raises(DataRowError, match=r"\$\[1\]: expected a JSON integer, got str 'x'"):
        loads('[1, "x"]', tuple[int, int])
    with pytest.raises(DataRowError, match="expected a JSON array, got dict"):
        loads('{"a": 1}', list[int])
    with pytest.raises(DataRowError, match="invalid JSON: 1e400 is out of the range of a float"):
        loads("1e400", float)
    with pytest.raises(DataRowError, match="invalid JSON: nested too deeply"):
        loads("[" * 100_000 + "]" * 100_000, list[Any])
    assert loads(b'{"amount": 5, "unit": "day"}', TimeLimit) == TimeLimit.days(5)


def test_fixed_tuples_durations_and_odd_tags() -> None:
    assert loads('[1, "x"]', tuple[int, str]) == (1, "x")
    assert dumps(timedelta(seconds=5)) == '"PT5S"'
    with pytest.raises(DataRowError, match="TypeError: .*unhashable"):
        loads('{"kind": [1], "at": "2026-01-01T08:00:00"}', Received)

"""Every hand-labelled text of the corpus is read as labelled.

``tests/data/time_limit_labels.tsv``: every text of ``time-limits.tsv`` (the national database's
"Thời hạn giải quyết" field, see ``/work/shared/corpus/README.md``);
``tests/data/time_limit_description_labels.tsv``: texts of ``descriptions.txt`` (the "Mô tả" cells
that begin with a limit: 125 drawn at random with a fixed seed among those of at most 230
characters, and 27 others chosen for the forms the grammar reads since). The labels were written by
reading each text, not from the reader's output.
Columns: ``text``; ``expected``, the reading a careful official gives; ``tthc``, ``read`` when
tthc reads it, ``review`` when tthc leaves it for a person (a conservative miss, never a wrong
reading).

Notation of ``expected``: ``5 wd`` / ``30 d`` / ``3 mo`` / ``8 h`` / ``4 wh`` / ``same`` /
``same@15:00``, with `` x`` when the text excludes a period; then `` | condition => limit`` for
each alternative (``~`` for a range's lower bound); ``-`` as the default when the text lists
cases without one; ``NOT`` (no limit given), ``NONE`` (the law sets none), ``REVIEW`` (even a
person cannot state the limit from the text: stages without a total, a lost unit, a date …).
"""

from __future__ import annotations

import re
from datetime import time
from pathlib import Path

import pytest

from tthc.timelimits import AlternativeKind, TimeLimit, TimeLimitReading, Unit, read_time_limit

LABELS = Path(__file__).parent / "data" / "time_limit_labels.tsv"
DESCRIPTION_LABELS = Path(__file__).parent / "data" / "time_limit_description_labels.tsv"
_UNITS = {
    "wd": Unit.WORKING_DAY,
    "d": Unit.DAY,
    "mo": Unit.MONTH,
    "h": Unit.HOUR,
    "wh": Unit.WORKING_HOUR,
}


def _rows(path: Path = LABELS) -> list[tuple[str, str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "text\texpected\ttthc"
    rows = [tuple(line.split("\t")) for line in lines[1:]]
    assert all(len(r) == 3 for r in rows)
    return rows  # type: ignore[return-value]


ROWS = _rows()
DESCRIPTION_ROWS = _rows(DESCRIPTION_LABELS)


def _limit(spec: str) -> tuple[TimeLimit, bool]:
    """A limit from its notation, and whether an exclusion is expected."""
    excluded = spec.endswith(" x")
    spec = spec.removesuffix(" x")
    m = re.fullmatch(r"same(?:@(\d\d):(\d\d))?", spec)
    if m is not None:
        cutoff = time(int(m.group(1)), int(m.group(2))) if m.group(1) else None
        return TimeLimit.same_day(cutoff=cutoff), excluded
    n, unit = spec.split(" ")
    return TimeLimit(int(n), _UNITS[unit]), excluded


def _same(read: TimeLimit | None, expected: TimeLimit) -> bool:
    return read is not None and (read.amount, read.unit, read.cutoff) == (
        expected.amount,
        expected.unit,
        expected.cutoff,
    )


def check(reading: TimeLimitReading, expected: str) -> None:
    """Assert that ``reading`` is the labelled one."""
    if expected == "REVIEW":
        assert reading.needs_review
        return
    assert not reading.needs_review, reading.reason
    if expected == "NOT":
        assert (reading.stated, reading.limit, reading.alternatives) == (False, None, ())
        return
    if expected == "NONE":
        assert (reading.stated, reading.limit) == (False, TimeLimit.none())
        return
    default, *alternatives = expected.split(" | ")
    assert reading.stated
    excluded = False
    if default == "-":
        assert reading.limit is None
    else:
        limit, excluded = _limit(default)
        assert _same(reading.limit, limit), (reading.limit, limit)
        assert reading.limit is not None
        assert (reading.limit.excluding is not None) is excluded
    assert len(reading.alternatives) == len(alternatives)
    for alt, spec in zip(reading.alternatives, alternatives, strict=True):
        condition, limit_spec = spec.split(" => ")
        limit, alt_excluded = _limit(limit_spec)
        excluded = excluded or alt_excluded
        assert _same(alt.limit, limit), (alt, limit)
        if condition == "~":
            assert alt.kind is AlternativeKind.LOWER_BOUND
        else:
            assert alt.condition == condition
            expected_kind = AlternativeKind.CASE if default == "-" else AlternativeKind.CONDITION
            assert alt.kind is expected_kind
    assert bool(reading.exclusions) is excluded


def test_enough_labels() -> None:
    assert len(ROWS) >= 300
    assert len(DESCRIPTION_ROWS) >= 100
    texts = [text for text, _, _ in ROWS + DESCRIPTION_ROWS]
    assert len(set(texts)) == len(texts)


@pytest.mark.parametrize(("text", "expected", "tthc"), ROWS, ids=range(len(ROWS)))
def test_label(text: str, expected: str, tthc: str) -> None:
    _check_label(text, expected, tthc)


@pytest.mark.parametrize(
    ("text", "expected", "tthc"), DESCRIPTION_ROWS, ids=range(len(DESCRIPTION_ROWS))
)
def test_description_label(text: str, expected: str, tthc: str) -> None:
    _check_label(text, expected, tthc)


def _check_label(text: str, expected: str, tthc: str) -> None:
    reading = read_time_limit(text)
    if tthc == "review":
        assert reading.needs_review, f"tthc now reads {text!r}: {reading}; update the label"
    else:
        check(reading, expected)


def test_no_wrong_reading() -> None:
    """Whatever tthc reads, it reads as labelled: misses are reviews, never other limits."""
    wrong = []
    for text, expected, _ in ROWS + DESCRIPTION_ROWS:
        reading = read_time_limit(text)
        if reading.needs_review:
            continue
        try:
            check(reading, expected)
        except AssertionError:
            wrong.append(text)
    assert wrong == []

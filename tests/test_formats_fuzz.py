"""Every reader, fed valid, mutated and garbage files: only tthc errors, and nothing lost.

Table-driven over :data:`format_table.FORMATS` (add a reader there). Bounded in the default run;
``--run-slow`` runs many more examples (issue 13).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from format_table import FORMATS, FormatCase
from tthc.errors import TthcError
from tthc.formats import ReadResult

_IDS = [case.name for case in FORMATS]
_NO_FIXTURE_CHECK = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
# Files that go through a writer cost more: 20 examples by default, the slow profile's (1000) else.
_WRITTEN = settings(
    max_examples=20 if settings().max_examples <= 100 else settings().max_examples,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

# Characters that break formats: separators, quotes, brackets, escapes, line ends, NUL, BOM.
_NASTY = st.sampled_from(
    [*list("\",;'\\{}[]:\n\r\t\x00\ufeff=+-@ 0123456789eE.ntfu"), "NaN", "\\ud800", "9" * 400]
)


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """``text`` with a few random edits: characters inserted, deleted, lines swapped or cut."""
    for _ in range(draw(st.integers(1, 4))):
        what = draw(st.sampled_from(["insert", "delete", "swap", "cut", "repeat"]))
        lines = text.split("\n")
        if what == "insert":
            i = draw(st.integers(0, len(text)))
            text = text[:i] + draw(_NASTY) + text[i:]
        elif what == "delete" and text:
            i = draw(st.integers(0, len(text) - 1))
            text = text[:i] + text[i + draw(st.integers(1, 5)) :]
        elif what == "swap" and len(lines) > 2:
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        elif what == "cut":
            text = text[: draw(st.integers(0, len(text)))]
        elif what == "repeat" and len(lines) > 1:
            i = draw(st.integers(1, len(lines) - 1))
            text = "\n".join(lines[: i + 1] + lines[i:])
    return text


@st.composite
def mutated_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` (a binary file: XLSX is a zip) with a few bytes changed, inserted or cut."""
    for _ in range(draw(st.integers(1, 4))):
        what = draw(st.sampled_from(["flip", "insert", "delete", "cut"]))
        # a position drawn independently of the length (a workbook's size varies with the clock)
        i = draw(st.integers(0, 2**20)) % max(len(data), 1)
        if what == "flip" and data:
            data = data[:i] + bytes([data[i] ^ draw(st.integers(1, 255))]) + data[i + 1 :]
        elif what == "insert":
            data = data[:i] + draw(st.binary(min_size=1, max_size=8)) + data[i:]
        elif what == "delete":
            data = data[:i] + data[i + draw(st.integers(1, 16)) :]
        else:
            data = data[:i]
    return data


def _valid_text(case: FormatCase, values: Any, folder: Path) -> str:
    path = folder / f"valid{case.suffix}"
    case.write(values, path)
    return path.read_text(encoding="utf-8")


def _write_mutated(case: FormatCase, data: st.DataObject, folder: Path) -> Path:
    """A valid file of ``case`` written, then mutated (as text, or as bytes if binary)."""
    path = folder / f"bad{case.suffix}"
    if case.binary:
        valid = folder / f"valid{case.suffix}"
        case.write(data.draw(case.values), valid)
        path.write_bytes(data.draw(mutated_bytes(valid.read_bytes())))
    else:
        text = _valid_text(case, data.draw(case.values), folder)
        path.write_text(data.draw(mutated(text)), encoding="utf-8", errors="surrogatepass")
    return path


def check_reader(case: FormatCase, path: Path) -> None:
    """The reader contract: a strict read returns or raises a tthc error; a lenient one reconciles."""
    try:
        strict: object = case.read(path)
    except TthcError:
        strict = None
    if case.read_lenient is None:
        return
    try:
        result = case.read_lenient(path)
    except TthcError:  # a file-level problem (not text at all): nothing could be counted
        assert strict is None
        return
    assert isinstance(result, ReadResult)
    assert result.records_read == result.records_used + result.records_rejected
    assert result.dossiers_seen == len(result.dossiers) + len(result.rejected)
    assert len({d.id for d in result.dossiers}) == len(result.dossiers)
    assert not {r.dossier_id for r in result.rejected} & {d.id for d in result.dossiers}
    if strict is not None:
        assert result.ok
        assert result.dossiers == strict
    else:
        assert not result.ok


@pytest.mark.parametrize("case", FORMATS, ids=_IDS)
@_WRITTEN
@given(data=st.data())
def test_valid_files_round_trip(case: FormatCase, data: st.DataObject, tmp_path: Path) -> None:
    values = data.draw(case.values)
    path = tmp_path / f"x{case.suffix}"
    case.write(values, path)
    assert case.read(path) == case.expected(values)
    check_reader(case, path)


@pytest.mark.parametrize("case", FORMATS, ids=_IDS)
@_WRITTEN
@given(data=st.data())
def test_mutated_files_give_only_tthc_errors(
    case: FormatCase, data: st.DataObject, tmp_path: Path
) -> None:
    check_reader(case, _write_mutated(case, data, tmp_path))


@pytest.mark.parametrize("case", FORMATS, ids=_IDS)
@_NO_FIXTURE_CHECK
@given(garbage=st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_garbage_files_give_only_tthc_errors(
    case: FormatCase, garbage: bytes, tmp_path: Path
) -> None:
    path = tmp_path / f"garbage{case.suffix}"
    path.write_bytes(garbage)
    check_reader(case, path)


# -- the command line as a subprocess: few examples by default ----------------------------------


def _cli(case: FormatCase, path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    assert case.cli is not None
    words = [str(path) if w == "FILE" else w for w in case.cli]
    return subprocess.run(
        [sys.executable, "-m", "tthc", *words, *extra],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def cli_examples(request: pytest.FixtureRequest) -> int:
    slow = request.config.getoption("--run-slow") or os.environ.get("TTHC_SLOW") == "1"
    return 40 if slow else 1


_CLI_CASES = [c for c in FORMATS if c.cli is not None]


def test_every_reader_the_cli_has_is_fuzzed_through_it() -> None:
    assert {c.name for c in _CLI_CASES} >= {
        "dossiers-json",
        "events-csv",
        "frame-csv",
        "sync-records-jsonl",
        "spreadsheet-xlsx",
        "national-csv",
        "national-xlsx",
        "catalogue-csv",
    }


@pytest.mark.parametrize("case", _CLI_CASES, ids=[c.name for c in _CLI_CASES])
def test_the_cli_on_mutated_files(case: FormatCase, cli_examples: int) -> None:
    command = case.cli[0] if case.cli else ""

    @settings(max_examples=cli_examples, database=None)
    @given(st.data())
    def run(data: st.DataObject) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = _write_mutated(case, data, Path(folder))
            lenient = command == "report"
            # --dossiers-out writes a second file from the same read: it must fail as cleanly
            out = Path(folder) / "dossiers.parquet"
            extras = (
                ((), ("--keep-going",), ("--keep-going", "--dossiers-out", str(out)))
                if lenient
                else ((),)
            )
            for extra in extras:
                done = _cli(case, path, *extra)
                if "--dossiers-out" in extra and done.returncode == 0:
                    assert out.stat().st_size > 0
                assert "Traceback" not in done.stderr, done.stderr
                assert done.returncode in (0, 1), done.stderr
                if done.returncode:  # bad data; or (catalogue check) some limit needs review
                    assert done.stderr.startswith("tthc:") or (
                        not done.stderr and command == "catalogue"
                    ), done.stderr
                if extra and "rejected" in done.stderr:
                    assert "records read:" in done.stderr
            if lenient:  # tthc audit reads the same files (its columnar path too)
                done = subprocess.run(
                    [sys.executable, "-m", "tthc", "audit", str(path)],
                    capture_output=True,
                    text=True,
                    check=False,
                )
                assert "Traceback" not in done.stderr, done.stderr
                assert done.returncode in (0, 1), done.stderr
                assert not done.returncode or done.stderr.startswith("tthc:"), done.stderr

    run()

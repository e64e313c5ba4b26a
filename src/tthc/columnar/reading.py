"""Reading files for the columnar path: the format from the name, the CSV header, CSV in blocks
and chunks that never split a record (nor, when it can tell, a dossier)."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import warnings
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

import pandas as pd
import pyarrow as pa

from tthc.columnar._common import PathOrFile
from tthc.errors import InvalidValueError

if TYPE_CHECKING:
    pass


_T = TypeVar("_T")
_U = TypeVar("_U")
Buffer = bytes | memoryview

AUTO_CHUNK_BYTES = 64 * 1024 * 1024
"""Files larger than this are read in chunks by :func:`report_file` unless told otherwise."""

DEFAULT_CHUNK_ROWS = 200_000
"""Rows per chunk of the automatic chunked mode (about 55,000 dossiers of events)."""


def _source_name(path_or_file: PathOrFile) -> str:
    if isinstance(path_or_file, (str, os.PathLike)):
        return os.fspath(path_or_file)
    return str(getattr(path_or_file, "name", "<file>"))


def _format_of(path_or_file: PathOrFile, fmt: str | None) -> str:
    if fmt is not None:
        if fmt not in _FORMATS:
            raise InvalidValueError(f"format: expected one of {', '.join(_FORMATS)}, got {fmt!r}")
        return fmt
    suffix = Path(_source_name(path_or_file)).suffix.lower()
    found = {".csv": "csv", ".json": "json", ".jsonl": "jsonl", ".parquet": "parquet"}.get(suffix)
    if found is None:
        raise InvalidValueError(
            f"{_source_name(path_or_file)}: cannot tell the format from the name; expected a "
            f"name ending in .csv, .json, .jsonl or .parquet, or format= one of {', '.join(_FORMATS)}"
        )
    return found


_FORMATS = ("csv", "json", "jsonl", "parquet")


def _header(path_or_file: PathOrFile) -> list[str]:
    """The stripped header row of a CSV file (the file's position is restored)."""
    if isinstance(path_or_file, (str, os.PathLike)):
        with open(path_or_file, encoding="utf-8-sig", newline="") as fh:
            line = fh.readline()
    else:
        start = path_or_file.tell()
        line = path_or_file.readline().removeprefix("\ufeff")
        path_or_file.seek(start)
    row = next(csv.reader([line]), [])
    return [h.strip() for h in row]


def _csv_frame(path_or_file: PathOrFile, text_cols: Sequence[str], engine: str) -> pd.DataFrame:
    """A whole CSV file as one frame of text (``text_cols`` as categoricals)."""
    if engine == "pyarrow":
        with contextlib.closing(_arrow_csv(path_or_file, None, text_cols)) as tables:
            table, _ = next(tables)  # one block: the whole file
        frame: pd.DataFrame = table.to_pandas(
            memory_pool=pa.system_memory_pool(), types_mapper=_arrow_text
        )
        return frame
    with contextlib.closing(_pandas_csv(path_or_file, None, text_cols)) as frames:
        return next(frames)


def _pandas_csv(
    path_or_file: PathOrFile, chunk_rows: int | None, text_cols: Sequence[str]
) -> Generator[pd.DataFrame, None, None]:
    """The rows of a CSV file as frames of text, by pandas' parser (``text_cols`` as
    categoricals), in chunks of ``chunk_rows`` (None: all at once)."""
    # every cell as text: pandas' parser would read a categorical's values as numbers when they
    # all look like numbers (procedure code 9.000010 as 9.00001)
    options: dict[str, Any] = {"dtype": str, "keep_default_na": False, "index_col": False}
    if chunk_rows is not None:
        options["chunksize"] = chunk_rows
    with warnings.catch_warnings():
        # a row longer than the header: an error, not a warning and lost cells
        warnings.simplefilter("error", pd.errors.ParserWarning)
        result = pd.read_csv(path_or_file, **options)
    if chunk_rows is None:
        yield _categories(result, text_cols)
        return
    while True:
        with warnings.catch_warnings():
            warnings.simplefilter("error", pd.errors.ParserWarning)
            chunk = next(result, None)
        if chunk is None:
            return
        yield _categories(chunk, text_cols)


def _categories(frame: pd.DataFrame, text_cols: Sequence[str]) -> pd.DataFrame:
    """``frame`` with its ``text_cols`` as categoricals of text."""
    cols = [c for c in frame.columns if c in text_cols]
    return frame.astype(dict.fromkeys(cols, "category")) if cols else frame


def _csv_tables(
    path_or_file: PathOrFile, chunk_rows: int | None, text_cols: Sequence[str], engine: str
) -> Iterator[tuple[pa.Table, bool]]:
    """The rows of a CSV file of events as Arrow tables of text (``text_cols`` as dictionaries),
    each with whether its dossiers are whole (see :func:`_blocks`): no pandas frame in between,
    whose columns cost the GIL to build (measured: 0.2 s of a 10^6-dossier report)."""
    if engine == "pyarrow":
        yield from _arrow_csv(path_or_file, chunk_rows, text_cols)
        return
    from tthc.columnar.events import _arrow_table

    for frame in _pandas_csv(path_or_file, chunk_rows, text_cols):
        yield _arrow_table(frame), False


def _arrow_csv(
    path_or_file: PathOrFile, chunk_rows: int | None, text_cols: Sequence[str]
) -> Generator[tuple[pa.Table, bool], None, None]:
    """Arrow's parser over :func:`_blocks`, in threads: tables of text (``text_cols`` as
    dictionaries), each with whether its dossiers are whole."""
    import pyarrow.csv as pacsv

    header = _header(path_or_file)
    # low-cardinality text as dictionaries (codes: little memory); ids and moments as text
    types = {
        h: pa.dictionary(pa.int32(), pa.string())
        if h in text_cols and h != "dossier_id"
        else pa.string()
        for h in header
    }
    convert = pacsv.ConvertOptions(
        column_types=types, strings_can_be_null=False, quoted_strings_can_be_null=False
    )
    # in chunks, blocks are parsed in threads of our own: Arrow's threads on top of them
    # only cost time (measured: 1.9 CPU-seconds instead of 1.0 on 10^6 dossiers)
    read = pacsv.ReadOptions(use_threads=chunk_rows is None, column_names=header)
    pool = pa.system_memory_pool()  # returns freed memory: flat resident memory in chunks
    empty = pa.table({h: pa.array([], type=t) for h, t in types.items()})

    def parse(job: tuple[Buffer, bool]) -> tuple[pa.Table, bool]:
        block, whole = job
        if not len(block):
            return empty, whole
        table = pacsv.read_csv(
            pa.BufferReader(pa.py_buffer(block)),
            read_options=read,
            convert_options=convert,
            memory_pool=pool,
        )
        return table, whole

    yield from _in_threads(
        parse, _blocks(path_or_file, chunk_rows, header[:1] == ["dossier_id"]), WORKERS
    )


def _blocks(
    path_or_file: PathOrFile, chunk_rows: int | None, key_first: bool = False
) -> Iterator[tuple[Buffer, bool]]:
    """The records of a CSV file after its header line, in blocks of about ``chunk_rows``.

    Blocks are cut after a line break outside quotes, so a record is never split; the size in
    bytes is ``chunk_rows`` times the mean length of the first lines. With ``key_first`` (the
    first column is ``dossier_id``) a block ends before the rows of its last dossier, which start
    the next block: each block comes with True when it ends at such a boundary (its dossiers are
    whole, if their rows are consecutive). Reading the blocks ourselves
    (rather than Arrow's streaming reader, which keeps about 200 MB of buffers) keeps memory to
    what one block needs; a block is a view of what was read, not a copy.
    """
    if isinstance(path_or_file, (str, os.PathLike)):
        fh: IO[bytes] = open(path_or_file, "rb")  # noqa: SIM115 - closed below
    else:
        fh = io.BytesIO(path_or_file.read().encode("utf-8"))
    with fh:
        fh.readline()  # the header: the parser is given the names
        if chunk_rows is None:
            yield fh.read(), True
            return
        start = fh.tell()
        sample = fh.read(1 << 16)
        mean = max(len(sample) / max(sample.count(b"\n"), 1), 1.0)
        size = max(int(chunk_rows * mean), 1)
        while True:
            # Each block is one read from where the last one was cut (the rows held back are
            # read again): never a copy of what was read, whose pages would then be touched with
            # the GIL held (measured: 0.2 s of 10^6 dossiers' 2 s, the other threads waiting).
            fh.seek(start)
            rest = fh.read(size)
            if len(rest) < size:  # the end of the file
                if rest:
                    yield rest, True
                return
            cut = rest.rfind(b"\n") + 1
            quoted = rest.find(b'"', 0, cut) >= 0  # a fast scan: most files quote nothing
            while quoted and cut > 0 and rest.count(b'"', 0, cut) % 2:  # inside a quoted cell
                cut = rest.rfind(b"\n", 0, cut - 1) + 1
            boundary = _dossier_start(rest, cut, quoted) if key_first and cut > 0 else None
            if boundary is not None:
                cut = boundary
            if cut <= 0:  # one record (or dossier) longer than the block: read on
                size *= 2
                continue
            yield memoryview(rest)[:cut], boundary is not None
            start += cut


def _dossier_start(data: bytes, cut: int, quoted: bool = True) -> int | None:
    """Where the rows of the last dossier before ``cut`` start (0: they fill the block).

    The dossier id is the text before the first comma of a line. None when it cannot tell (a
    quoted id, or a start inside a quoted cell): the caller then cuts at ``cut`` as usual.
    ``quoted=False`` says there is no quote before ``cut`` (the caller has looked: a second
    scan of the block costs as much as the first, with the GIL held).
    """
    start = data.rfind(b"\n", 0, cut - 1) + 1
    if data.startswith(b'"', start):
        return None
    key = data[start:cut].split(b",", 1)[0] + b","
    while start > 0:
        prev = data.rfind(b"\n", 0, start - 1) + 1
        if not data.startswith(key, prev):
            break
        start = prev
    unquoted = not quoted or data.find(b'"', 0, start) < 0 or data.count(b'"', 0, start) % 2 == 0
    return start if unquoted else None


def _arrow_text(t: pa.DataType) -> pd.ArrowDtype | None:
    """Text columns stay Arrow arrays in pandas (``ArrowDtype``): no copy out of Arrow, none back
    in :func:`~tthc.columnar.events.events_to_frame` (ids and moments are read with Arrow)."""
    return pd.ArrowDtype(t) if t in (pa.string(), pa.large_string()) else None


_PARSE_ERRORS = (pd.errors.ParserError, pd.errors.ParserWarning, pa.ArrowInvalid)


def _rewind(path_or_file: PathOrFile) -> None:
    if not isinstance(path_or_file, (str, os.PathLike)):
        path_or_file.seek(0)


def _engine(engine: str | None) -> str:
    if engine is None:
        return "pyarrow"
    if engine not in ("pyarrow", "pandas"):
        raise InvalidValueError(f"engine: expected 'pyarrow' or 'pandas', got {engine!r}")
    return engine


def _chunk_rows(path_or_file: PathOrFile, chunk_size: int | None) -> int | None:
    if chunk_size is not None:
        return chunk_size or None
    if (
        isinstance(path_or_file, (str, os.PathLike))
        and os.path.getsize(path_or_file) > AUTO_CHUNK_BYTES
    ):
        return DEFAULT_CHUNK_ROWS
    return None


def _one_line_per_record(path_or_file: PathOrFile, rows: int) -> bool:
    """Whether record i is on line i + 2 (no blank lines, no line breaks inside cells)."""
    newlines = 0
    last = b"\n"
    if isinstance(path_or_file, (str, os.PathLike)):
        with open(path_or_file, "rb") as fh:
            while block := fh.read(1 << 24):
                newlines += block.count(b"\n")
                last = block[-1:]
    else:
        path_or_file.seek(0)
        text = path_or_file.read().encode("utf-8")
        path_or_file.seek(0)
        newlines, last = text.count(b"\n"), text[-1:] or b"\n"
    return newlines - (last == b"\n") == rows


_FRAME_TEXT = ("id", "agency", "procedure_code", "channel", "end_kind", "signed")
_EVENT_TEXT = ("event", "channel", "reason", "new_due", "step", "digitally_signed", "inferred")


def _parquet_tables(
    path_or_file: Any, chunk_size: int | None
) -> tuple[Iterator[tuple[pa.Table, bool]], bool]:
    """The rows of a Parquet file of events in tables of about ``chunk_size`` rows (``0``: all
    at once; ``None``: :data:`DEFAULT_CHUNK_ROWS` when the file has more rows), read batch by
    batch, low-cardinality text as dictionaries; and whether there is more than one table. A
    table's dossiers may go on in the next one (False with each)."""
    import pyarrow.parquet as pq

    names = set(pq.read_schema(path_or_file).names)
    wanted = [c for c in (*_EVENT_TEXT, *_FRAME_TEXT) if c in names and c != "id"]
    pf = pq.ParquetFile(path_or_file, read_dictionary=wanted)
    size = chunk_size if chunk_size is not None else DEFAULT_CHUNK_ROWS
    from tthc.columnar.events import _as_text  # numbers or moments in a column: as text

    if not size or pf.metadata.num_rows <= size:
        return iter([(_as_text(pf.read()), True)]), False
    batches = pf.iter_batches(batch_size=size)
    return ((_as_text(pa.Table.from_batches([b])), False) for b in batches), True


WORKERS = 2
"""Threads that parse blocks, and threads that classify chunks, at once: Arrow and numpy release
the GIL for most of the work (two threads classified 10^6 dossiers in 0.65x the time of one on
2 cores, docs/performance.md); memory grows by about one chunk per thread."""


def _in_threads(
    fn: Callable[[_T], _U], items: Iterable[_T], workers: int, ahead: int | None = None
) -> Generator[_U, None, None]:
    """``fn`` of each of ``items``, in order, computed by ``workers`` threads ahead of the caller.

    Items are taken in the caller's thread, at most ``ahead`` (default ``workers``) before their
    results are used (memory: that many chunks); one more than ``workers`` keeps a thread busy
    while the caller takes the next item. Errors come in order: an error of ``fn`` is raised
    where its result would come, and an error met taking an item after the results of the
    items taken before it (or their errors). When the caller stops early the items not started
    are dropped, and the running ones end before this returns (nothing works on after it).
    """
    from concurrent.futures import Future, ThreadPoolExecutor

    most = workers if ahead is None else ahead
    pending: deque[Future[_U]] = deque()
    taken = iter(items)
    with ThreadPoolExecutor(workers, thread_name_prefix="tthc") as pool:
        try:
            while True:
                try:
                    item = next(taken)
                except StopIteration:
                    break
                except Exception:
                    while pending:  # the items before it first (taken ahead of their results)
                        yield pending.popleft().result()
                    raise
                pending.append(pool.submit(fn, item))
                if len(pending) >= most:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()

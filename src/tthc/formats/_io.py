"""File helpers shared by the formats: paths or open files, format detection, text in and out.

Writes are atomic: the text is encoded first (a value UTF-8 cannot hold fails before any file is
touched), written to a temporary file in the target's folder and renamed over the target with
:func:`os.replace`, so a failed write leaves the old file as it was (the target keeps its
permission bits; no ``fsync``: this guards against a failing write, not a power cut). A file that cannot be read
or written raises :class:`~tthc.errors.DataFileError` (also an :class:`OSError`).

Package-internal (no public API). It may import :mod:`tthc.errors` only.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import IO, Union

from tthc.errors import DataFileError, DataRowError

PathOrFile = Union[str, "os.PathLike[str]", IO[str]]
"""A path (``str`` or path-like) or an open text file."""


def source_name(path_or_file: PathOrFile) -> str:
    if isinstance(path_or_file, (str, os.PathLike)):
        return os.fspath(path_or_file)
    return str(getattr(path_or_file, "name", "<file>"))


def detect_format(path_or_file: PathOrFile, fmt: str | None) -> str:
    if fmt is not None:
        if fmt not in ("csv", "json"):
            raise DataRowError(f"format: expected 'csv' or 'json', got {fmt!r}")
        return fmt
    suffix = Path(source_name(path_or_file)).suffix.lower()
    if suffix in (".csv", ".json"):
        return suffix[1:]
    if suffix == ".parquet":
        raise DataRowError(
            f"{source_name(path_or_file)}: a Parquet file is read in batch only "
            "(tthc.columnar.report_file / audit_file, or tthc report / tthc audit without "
            "--engine scalar, --list or --basis promised); this reader takes CSV and JSON"
        )
    raise DataRowError(
        f"{source_name(path_or_file)}: cannot tell the format from the name; pass format='csv' "
        "or format='json'"
    )


def read_text(path_or_file: PathOrFile, source: str) -> str:
    try:
        if isinstance(path_or_file, (str, os.PathLike)):
            with open(path_or_file, encoding="utf-8-sig", newline="") as fh:
                return fh.read()
        text = path_or_file.read()
    except UnicodeDecodeError as exc:
        raise DataRowError(f"{source}: not UTF-8 text: {exc}", file=source) from exc
    except OSError as exc:
        raise DataFileError(f"{source}: cannot read the file: {_reason(exc)}") from exc
    if not isinstance(text, str):
        raise DataRowError(
            f"{source}: expected a text file, got {type(text).__name__}", file=source
        )
    return text.removeprefix("\ufeff")


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def encode(text: str, source: str) -> bytes:
    """``text`` as UTF-8; a lone surrogate (which UTF-8 cannot hold) is a DataRowError."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start : exc.end]
        raise DataRowError(
            f"{source}: {bad!r} at character {exc.start} cannot be written as UTF-8 "
            "(a lone surrogate: fix the text it came from)",
            file=source,
        ) from None


def write_text(path_or_file: PathOrFile, text: str) -> None:
    """Write ``text`` to a path atomically (see the module docstring) or to an open file."""
    source = source_name(path_or_file)
    data = encode(text, source)
    if not isinstance(path_or_file, (str, os.PathLike)):
        path_or_file.write(text)
        return
    write_bytes(path_or_file, data)


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically: a temporary file in the same folder, renamed over
    the target (which keeps its permissions); a failure leaves the target as it was."""
    target = Path(path)
    temp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    try:
        try:
            mode = target.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = None
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            if mode is not None:
                os.chmod(temp, mode)
            os.replace(temp, target)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise DataFileError(f"{os.fspath(path)}: cannot write the file: {_reason(exc)}") from exc


class CellError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def xlsx_rows(book_file: object, source: str) -> list[list[object]]:
    """The cells of the first sheet of an XLSX workbook (a path or a binary file), ``None`` for
    an empty cell. Whatever openpyxl, zipfile or zlib raise for a file that is not a readable
    workbook (while opening it or while reading its rows) is a :class:`DataRowError`."""
    try:
        import openpyxl
    except ImportError as exc:  # pragma: no cover - the test extra installs openpyxl
        raise DataRowError(
            f"{source}: reading .xlsx needs the excel extra (pip install 'tthc[excel]')",
            file=source,
        ) from exc
    try:
        book = openpyxl.load_workbook(book_file, read_only=True, data_only=True)
        try:
            return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
        finally:
            book.close()
    except Exception as exc:  # zipfile, zlib, KeyError, XML and openpyxl's own errors
        raise DataRowError(f"{source}: not a readable .xlsx workbook: {exc}", file=source) from exc

"""File helpers shared by the formats: paths or open files, format detection, text in and out.

Package-internal (no public API). It may import :mod:`tthc.errors` only.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Union

from tthc.errors import DataRowError

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
    if not isinstance(text, str):
        raise DataRowError(
            f"{source}: expected a text file, got {type(text).__name__}", file=source
        )
    return text.removeprefix("\ufeff")


def write_text(path_or_file: PathOrFile, text: str) -> None:
    if isinstance(path_or_file, (str, os.PathLike)):
        with open(path_or_file, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    else:
        path_or_file.write(text)


class CellError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field

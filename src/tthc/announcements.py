"""Announcements of days off read from JSON or TOML files, so a calendar can be brought up to date
the day a notice appears (thông báo nghỉ lễ, Tết; hoán đổi ngày làm việc), without a tthc release.

A file holds a list ``announcements``; each has a ``source`` (the document), the date it was
``announced``, its ``days`` (``date``, ``kind``, ``name_vi``, optional ``name_en``) and, optionally,
the ``occasions`` it settles (``{kind, year}``; by default those whose window holds one of its
days). TOML:

.. code-block:: toml

    [[announcements]]
    source = "Công văn 1234/VPCP-KGVX ngày 15/12/2026"
    announced = 2026-12-15
    occasions = [{ kind = "NEW_YEAR", year = 2027 }]

    [[announcements.days]]
    date = 2027-01-01
    kind = "HOLIDAY"
    name_vi = "Tết Dương lịch"

JSON has the same shape, dates as ``"YYYY-MM-DD"`` strings. Every error is a
:class:`~tthc.errors.DataRowError` naming the file, the field (``announcements[0].days[1].kind``)
and the value.

>>> anns = announcements_from_data({"announcements": [{
...     "source": "Công văn 1/VPCP-KGVX (ví dụ)", "announced": "2026-12-01",
...     "days": [{"date": "2027-04-29", "kind": "SWAP_DAY_OFF", "name_vi": "Nghỉ hoán đổi"}]}]})
>>> from tthc import vietnam_calendar
>>> vietnam_calendar(announcements=anns).is_working_day(date(2027, 4, 29))
False
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from tthc._strict_json import STRICT_DECODER
from tthc.calendar import AnnouncedDay, Announcement, DayKind, OccasionKind
from tthc.errors import DataFileError, DataRowError, TthcError

__all__ = ["announcements_from_data", "load_announcements"]

_TOP = {"announcements"}
_FIELDS = {"source", "announced", "days", "occasions"}
_DAY_FIELDS = {"date", "kind", "name_vi", "name_en"}
_OCCASION_FIELDS = {"kind", "year"}


def _fail(file: str, field: str, message: str) -> DataRowError:
    return DataRowError(f"{file}: {field}: {message}", file=file, field=field)


def _mapping(value: object, file: str, field: str, allowed: set[str]) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise _fail(file, field, f"expected a table/object, got {value!r}")
    unknown = sorted(set(value) - allowed)
    if unknown:
        raise _fail(file, field, f"unknown keys {unknown}; expected some of {sorted(allowed)}")
    return value


def _list(value: object, file: str, field: str) -> list[Any]:
    if not isinstance(value, list):
        raise _fail(file, field, f"expected a list, got {value!r}")
    return value


def _date(value: object, file: str, field: str) -> date:
    if type(value) is date:
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise _fail(file, field, f"expected a date YYYY-MM-DD, got {value!r}")


def _str(value: object, file: str, field: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(file, field, f"expected a non-empty string, got {value!r}")
    return value


def _enum(cls: Any, value: object, file: str, field: str) -> Any:
    names = [m.name for m in cls]
    if not isinstance(value, str) or value not in names:
        raise _fail(file, field, f"expected one of {', '.join(names)}, got {value!r}")
    return cls[value]


def _day(item: object, file: str, field: str) -> AnnouncedDay:
    row = _mapping(item, file, field, _DAY_FIELDS)
    for key in ("date", "kind", "name_vi"):
        if key not in row:
            raise _fail(file, f"{field}.{key}", "missing")
    kind = _enum(DayKind, row["kind"], file, f"{field}.kind")
    if kind is DayKind.WEEKEND:
        raise _fail(file, f"{field}.kind", "expected a kind other than WEEKEND, got 'WEEKEND'")
    name_en = row.get("name_en", "")
    if not isinstance(name_en, str):
        raise _fail(file, f"{field}.name_en", f"expected a string, got {name_en!r}")
    return AnnouncedDay(
        _date(row["date"], file, f"{field}.date"),
        kind,
        _str(row["name_vi"], file, f"{field}.name_vi"),
        name_en,
    )


def _occasion(item: object, file: str, field: str) -> tuple[OccasionKind, int]:
    row = _mapping(item, file, field, _OCCASION_FIELDS)
    for key in ("kind", "year"):
        if key not in row:
            raise _fail(file, f"{field}.{key}", "missing")
    year = row["year"]
    if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2100:
        raise _fail(file, f"{field}.year", f"expected a year (an integer), got {year!r}")
    return _enum(OccasionKind, row["kind"], file, f"{field}.kind"), year


def _announcement(item: object, file: str, field: str) -> Announcement:
    row = _mapping(item, file, field, _FIELDS)
    for key in ("source", "announced"):
        if key not in row:
            raise _fail(file, f"{field}.{key}", "missing")
    days = [
        _day(d, file, f"{field}.days[{i}]")
        for i, d in enumerate(_list(row.get("days", []), file, f"{field}.days"))
    ]
    occasions = [
        _occasion(o, file, f"{field}.occasions[{i}]")
        for i, o in enumerate(_list(row.get("occasions", []), file, f"{field}.occasions"))
    ]
    try:
        return Announcement(
            _str(row["source"], file, f"{field}.source"),
            _date(row["announced"], file, f"{field}.announced"),
            days,
            occasions,
        )
    except DataRowError:
        raise
    except TthcError as exc:  # e.g. a day listed twice, or neither days nor occasions
        raise _fail(file, field, str(exc)) from exc


def announcements_from_data(data: object, file: str = "<data>") -> tuple[Announcement, ...]:
    """The announcements of already-parsed data (``{"announcements": [...]}``), validated.

    >>> announcements_from_data({"announcements": [{"source": "x", "announced": "2026-13-01",
    ...     "occasions": [{"kind": "NEW_YEAR", "year": 2027}]}]}, "a.json")
    Traceback (most recent call last):
    ...
    tthc.errors.DataRowError: a.json: announcements[0].announced: expected a date YYYY-MM-DD, got '2026-13-01'
    """
    top = _mapping(data, file, "(top level)", _TOP)
    if "announcements" not in top:
        raise _fail(file, "announcements", "missing")
    items = _list(top["announcements"], file, "announcements")
    return tuple(_announcement(a, file, f"announcements[{i}]") for i, a in enumerate(items))


def _load_toml(text: str, file: str) -> object:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10 reads TOML with the tomli backport
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataRowError(f"{file}: invalid TOML: {exc}", file=file) from exc


def load_announcements(path: str | os.PathLike[str]) -> tuple[Announcement, ...]:
    """The announcements of a ``.json`` or ``.toml`` file (see the module's format).

    >>> load_announcements("announcements.yaml")
    Traceback (most recent call last):
    ...
    tthc.errors.DataRowError: announcements.yaml: expected a .json or .toml file
    """
    file = os.fspath(path)
    suffix = Path(file).suffix.lower()
    if suffix not in (".json", ".toml"):
        raise DataRowError(f"{file}: expected a .json or .toml file", file=file)
    try:
        text = Path(file).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataRowError(f"{file}: cannot read the file: {exc}", file=file) from exc
    except OSError as exc:
        raise DataFileError(f"{file}: cannot read the file: {exc.strerror or exc}") from exc
    if suffix == ".toml":
        data = _load_toml(text, file)
    else:
        try:
            data = STRICT_DECODER.decode(text)
        except (ValueError, RecursionError) as exc:  # syntax, repeated keys, NaN, huge integers
            raise DataRowError(f"{file}: invalid JSON: {exc}", file=file) from exc
    return announcements_from_data(data, file)

"""Procedure catalogues: :class:`CatalogueEntry` (a procedure with its publication record) and
:class:`Catalogue` (entries by code, with dates of validity).

A models-layer module: it may import :mod:`tthc.models`, :mod:`tthc.timelimits` and
:mod:`tthc.errors`. Reading and writing catalogue files is :mod:`tthc.formats.catalogue_files`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any, cast

import attrs

from tthc.errors import DataRowError
from tthc.models import (
    Channel,
    GovernmentLevel,
    Procedure,
    ProcessStep,
    ServiceLevel,
    SupplementPolicy,
)
from tthc.timelimits import Precision, TimeLimit

__all__ = ["Catalogue", "CatalogueEntry"]


def _tuple_of_str(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(cast(Iterable[str], value))


def _check_confidence(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value not in ("high", "medium", "low"):
        raise DataRowError(
            f"CatalogueEntry.confidence: expected 'high', 'medium' or 'low', got {value!r}",
            field="confidence",
        )


@attrs.frozen
class CatalogueEntry:
    """One procedure of a catalogue, with the record of where it is published and verified.

    The procedure's own fields (``code`` … ``precision``) are those of
    :class:`~tthc.models.Procedure`; :attr:`procedure` builds it (and the constructor checks it).
    ``time_limit_text`` keeps the official wording as published; ``time_limit`` is what tthc
    counts. ``published_in`` says where the procedure is published (decision, portal),
    ``sources`` what was read to verify it, ``valid_from`` / ``valid_until`` the dates the entry
    applies to dossiers received on (``None``: open), ``confidence`` how sure the entry is.
    """

    code: str
    name: str
    field: str
    level: GovernmentLevel
    time_limit: TimeLimit
    time_limit_text: str = ""
    channel_time_limits: tuple[tuple[Channel, TimeLimit], ...] = ()
    service_level: ServiceLevel | None = None
    supplement_policy: SupplementPolicy = SupplementPolicy.RESTART
    precision: Precision = Precision.DAY
    legal_basis: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    steps: tuple[ProcessStep, ...] = attrs.field(default=(), converter=tuple)
    published_in: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    sources: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    valid_from: date | None = None
    valid_until: date | None = None
    confidence: str = attrs.field(default="high", validator=_check_confidence)
    notes: str = ""
    _procedure: Procedure = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        procedure = Procedure(
            self.code,
            self.name,
            self.field,
            self.level,
            self.time_limit,
            channel_time_limits=self.channel_time_limits,
            service_level=self.service_level,
            supplement_policy=self.supplement_policy,
            legal_basis=self.legal_basis,
            steps=self.steps,
            precision=self.precision,
        )
        object.__setattr__(self, "_procedure", procedure)
        object.__setattr__(self, "channel_time_limits", procedure.channel_time_limits)
        if (
            self.valid_from is not None
            and self.valid_until is not None
            and self.valid_until < self.valid_from
        ):
            raise DataRowError(
                f"CatalogueEntry {self.code}: valid_until {self.valid_until} is before valid_from "
                f"{self.valid_from}",
                field="valid_until",
            )

    @property
    def procedure(self) -> Procedure:
        """The :class:`~tthc.models.Procedure` this entry describes."""
        return self._procedure

    def applies_on(self, received: date) -> bool:
        """Whether the entry applies to a dossier received on ``received``."""
        return (self.valid_from is None or self.valid_from <= received) and (
            self.valid_until is None or received <= self.valid_until
        )

    @classmethod
    def from_procedure(cls, procedure: Procedure, **record: Any) -> CatalogueEntry:
        """The entry for ``procedure`` with the publication record ``record`` (keywords)."""
        own = {a.name: getattr(procedure, a.name) for a in attrs.fields(Procedure)}
        return cls(**own, **record)


def _tuple_of_entries(value: Iterable[CatalogueEntry]) -> tuple[CatalogueEntry, ...]:
    return tuple(value)


@attrs.frozen
class Catalogue:
    """A procedure catalogue: entries by code (several entries of one code may differ in dates).

    >>> from tthc.formats import bundled_catalogue
    >>> cat = bundled_catalogue()
    >>> str(cat["2.000815"].time_limit)
    'Trong ngày làm việc; trường hợp nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo'
    """

    entries: tuple[CatalogueEntry, ...] = attrs.field(converter=_tuple_of_entries)

    @property
    def procedures(self) -> Mapping[str, Procedure]:
        """Code → procedure (for a code with several dated entries, the latest one)."""
        out: dict[str, Procedure] = {}
        for entry in sorted(self.entries, key=lambda e: e.valid_from or date.min):
            out[entry.code] = entry.procedure
        return out

    def __getitem__(self, code: str) -> CatalogueEntry:
        matches = [e for e in self.entries if e.code == code]
        if not matches:
            raise KeyError(code)
        return max(matches, key=lambda e: e.valid_from or date.min)

    def __contains__(self, code: object) -> bool:
        return any(e.code == code for e in self.entries)

    def __iter__(self) -> Iterator[CatalogueEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def entry_for(self, code: str, received: date) -> CatalogueEntry:
        """The entry of ``code`` that applies to a dossier received on ``received``.

        Raises :class:`KeyError` when no entry of that code covers the date.
        """
        for entry in self.entries:
            if entry.code == code and entry.applies_on(received):
                return entry
        raise KeyError(f"{code} on {received.isoformat()}")

"""Procedure catalogues: :class:`CatalogueEntry` (a procedure with its publication record) and
:class:`Catalogue` (entries by code, with dates of validity).

A models-layer module: it may import :mod:`tthc.models`, :mod:`tthc.timelimits` and
:mod:`tthc.errors`. Reading and writing catalogue files is :mod:`tthc.formats.catalogue_files`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any, cast

import attrs

from tthc.errors import DataRowError, TthcError
from tthc.procedures import Procedure, ProcessStep
from tthc.services import Channel, GovernmentLevel, ServiceLevel
from tthc.timelimits import (
    Alternative,
    Precision,
    ReadingKind,
    SupplementPolicy,
    TimeLimit,
    TimeLimitReading,
    read_time_limit,
)

__all__ = ["Catalogue", "CatalogueEntry", "PublishedProcedure", "channel_parts", "default_text"]


def _tuple_of_str(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(cast(Iterable[str], value))


def _tuple_of_alternatives(value: Iterable[Alternative]) -> tuple[Alternative, ...]:
    return tuple(value)


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
    :class:`~tthc.procedures.Procedure`; :attr:`procedure` builds it (and the constructor checks it).
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
    time_limit_alternatives: tuple[Alternative, ...] = attrs.field(
        default=(), converter=_tuple_of_alternatives
    )
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
            time_limit_alternatives=self.time_limit_alternatives,
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
    def time_limit_reading(self) -> TimeLimitReading:
        """How :func:`~tthc.timelimits.read_time_limit` reads ``time_limit_text`` (the official
        wording; of a text per channel, the in-person part); for an entry without one, the reading
        of ``str(time_limit)``."""
        return read_time_limit(default_text(self.time_limit_text or str(self.time_limit)))

    @property
    def procedure(self) -> Procedure:
        """The :class:`~tthc.procedures.Procedure` this entry describes."""
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


_LEVEL_WORDS = {
    "bộ": GovernmentLevel.CENTRAL,
    "trung ương": GovernmentLevel.CENTRAL,
    "tỉnh": GovernmentLevel.PROVINCE,
    "huyện": GovernmentLevel.DISTRICT,
    "xã": GovernmentLevel.COMMUNE,
}


_CHANNEL_WORDS = {
    "trực tiếp": Channel.IN_PERSON,
    "trực tuyến": Channel.ONLINE,
    "dịch vụ bưu chính": Channel.POSTAL,
    "qua dịch vụ bưu chính": Channel.POSTAL,
    "bưu chính": Channel.POSTAL,
}
_CHANNEL_NAME = r"(?:trực tiếp|trực tuyến|(?:qua )?dịch vụ bưu chính|bưu chính)"
_CHANNEL_PART = re.compile(
    rf"(?P<channels>{_CHANNEL_NAME}(?:\s*,\s*{_CHANNEL_NAME})*)\s*:\s*(?P<text>.+)", re.IGNORECASE
)


def channel_parts(text: str) -> list[tuple[tuple[Channel, ...], str]] | None:
    """The parts of a text that gives a limit per channel, as the portal's pages join them
    ("Trực tiếp: 8 Giờ ; Trực tuyến, Dịch vụ bưu chính: 6 Giờ"), or ``None`` for another text.

    >>> channel_parts("Trực tiếp: 05 Ngày làm việc ; Dịch vụ bưu chính: 5 Ngày làm việc")
    [((<Channel.IN_PERSON: 'in_person'>,), '05 Ngày làm việc'), ((<Channel.POSTAL: 'postal'>,), '5 Ngày làm việc')]
    """
    out: list[tuple[tuple[Channel, ...], str]] = []
    for part in text.split(" ; "):
        m = _CHANNEL_PART.fullmatch(" ".join(unicodedata.normalize("NFC", part).split()))
        if m is None:
            return None
        names = re.split(r"\s*,\s*", m["channels"].lower())
        out.append((tuple(_CHANNEL_WORDS[n] for n in names), m["text"]))
    return out


def default_text(text: str) -> str:
    """The part of ``text`` the default limit is read from: of a text per channel
    (:func:`channel_parts`), the in-person part or else the first; otherwise the whole text."""
    parts = channel_parts(text)
    if parts is None:
        return text
    in_person = [t for channels, t in parts if Channel.IN_PERSON in channels]
    return (in_person or [parts[0][1]])[0]


def _reading_of_text(instance: PublishedProcedure) -> TimeLimitReading:
    return read_time_limit(instance.by_channel[0])


def _tuple_of_published(value: Iterable[PublishedProcedure]) -> tuple[PublishedProcedure, ...]:
    return tuple(value)


def _tuple_of_channel_texts(
    value: Iterable[tuple[Channel, str]],
) -> tuple[tuple[Channel, str], ...]:
    return tuple(value)


@attrs.frozen
class PublishedProcedure:
    """A procedure as the national database publishes it: its columns as written, and the
    reading of its "Thời hạn giải quyết".

    The columns are Mã thủ tục (``code``), Tên thủ tục (``name``), Lĩnh vực (``field``), Cấp
    thực hiện (``level``, e.g. "Cấp Bộ, Cấp Tỉnh"), Cơ quan thực hiện (``agency``), Thời hạn giải
    quyết (``time_limit_text``), Căn cứ pháp lý (``legal_basis``) and, where a file has them,
    the limits per channel (``channel_time_limit_texts``). ``line`` is where it was read.
    :attr:`problem` says why it cannot be a :class:`CatalogueEntry`; :meth:`entry` builds one.

    >>> p = PublishedProcedure("1.001193", "Đăng ký khai sinh", "Hộ tịch", "Cấp Xã",
    ...                        time_limit_text="Trong thời hạn 03 (ba) ngày làm việc.")
    >>> str(p.entry().time_limit), p.entry().level
    ('03 ngày làm việc', <GovernmentLevel.COMMUNE: 'commune'>)
    >>> PublishedProcedure("1.000001", "X", "Y", "Cấp Bộ", time_limit_text="1").problem
    "Thời hạn giải quyết '1' needs review: bare number '1': its unit was lost"
    """

    code: str
    name: str
    field: str = ""
    level: str = ""
    agency: str = ""
    time_limit_text: str = ""
    legal_basis: str = ""
    channel_time_limit_texts: tuple[tuple[Channel, str], ...] = attrs.field(
        default=(), converter=_tuple_of_channel_texts
    )
    line: int | None = None
    reading: TimeLimitReading = attrs.field(
        default=attrs.Factory(_reading_of_text, takes_self=True), eq=False, repr=False
    )

    @property
    def levels(self) -> tuple[GovernmentLevel, ...]:
        """The levels named in ``level`` ("Cấp Bộ, Cấp Tỉnh" → central, province); other words
        ("Cơ quan khác") name none."""
        found: list[GovernmentLevel] = []
        for part in self.level.split(","):
            words = " ".join(part.lower().split()).removeprefix("cấp ").strip()
            level = _LEVEL_WORDS.get(words)
            if level is not None and level not in found:
                found.append(level)
        return tuple(found)

    @property
    def by_channel(self) -> tuple[str, tuple[tuple[Channel, str], ...], str | None]:
        """The default text, the texts of the other channels, and a conflict if any.

        A text that gives a limit per channel (:func:`channel_parts`) is split: the in-person
        limit (or the first) is the default. Two different limits for one channel are a
        conflict (two procedures or cases share the row).
        """
        parts = channel_parts(self.time_limit_text)
        if parts is None:
            return self.time_limit_text, self.channel_time_limit_texts, None
        texts: dict[Channel, str] = {}
        conflict = None
        for channels, text in parts:
            for channel in channels:
                if texts.get(channel, text) != text:
                    conflict = f"two limits for {channel.label_vi}: {texts[channel]!r} and {text!r}"
                texts.setdefault(channel, text)
        for channel, text in self.channel_time_limit_texts:
            texts.setdefault(channel, text)
        first = Channel.IN_PERSON if Channel.IN_PERSON in texts else next(iter(texts))
        default = texts.pop(first)
        return default, tuple(texts.items()), conflict

    @property
    def kind(self) -> ReadingKind:
        """The class of the row's time limit: the reading's, or needs review when a channel's
        limit does or two limits claim one channel."""
        _, channels, conflict = self.by_channel
        if conflict is not None or any(
            read_time_limit(text).kind is ReadingKind.NEEDS_REVIEW for _, text in channels
        ):
            return ReadingKind.NEEDS_REVIEW
        return self.reading.kind

    @property
    def review_reason(self) -> str:
        """Why the time limit needs review (empty when it does not)."""
        _, channels, conflict = self.by_channel
        if conflict is not None:
            return conflict
        for channel, text in channels:
            reading = read_time_limit(text)
            if reading.needs_review:
                return f"({channel.label_vi}) {reading.reason}"
        return self.reading.reason if self.reading.needs_review else ""

    @property
    def problem(self) -> str | None:
        """Why this row cannot be a catalogue entry, or ``None``."""
        r = self.reading
        _, channels, conflict = self.by_channel
        quoted = f"Thời hạn giải quyết {self.time_limit_text!r}"
        if conflict is not None:
            return f"{quoted} needs review: {conflict}"
        if r.kind is ReadingKind.NEEDS_REVIEW:
            return f"{quoted} needs review: {r.reason}"
        if r.limit is None:
            what = "states cases without a default" if r.alternatives else "states no limit"
            return f"{quoted} {what}: choose the limit by hand"
        for channel, text in channels:
            reading = read_time_limit(text)
            if not reading.is_single:
                return (
                    f"Thời hạn giải quyết ({channel.label_vi}) {text!r} is not one limit: "
                    f"{reading.reason or 'states alternatives'}"
                )
        if not self.levels:
            return f"Cấp thực hiện {self.level!r} names none of Cấp Bộ, Cấp Tỉnh, Cấp Huyện, Cấp Xã"
        try:
            self._build()
        except TthcError as exc:
            return str(exc)
        return None

    def entry(self) -> CatalogueEntry:
        """The :class:`CatalogueEntry` of this row: the first level named, the reading's limit
        and alternatives, the supplement policy its exclusions imply; the raw columns kept in
        ``time_limit_text`` and ``notes``. Raises :class:`~tthc.errors.DataRowError` with
        :attr:`problem` when the row cannot be one."""
        problem = self.problem
        if problem is not None:
            raise DataRowError(
                f"procedure {self.code!r}"
                + (f" (line {self.line})" if self.line else "")
                + f": {problem}",
                line=self.line,
                field="time_limit_text" if "Thời hạn" in problem else None,
            )
        return self._build()

    def _build(self) -> CatalogueEntry:
        r = self.reading
        assert r.limit is not None
        notes = [f"Cấp thực hiện: {self.level}"] if len(self.levels) > 1 else []
        if self.agency:
            notes.append(f"Cơ quan thực hiện: {self.agency}")
        basis = tuple(
            b.strip() for b in self.legal_basis.replace("\n", ";").split(";") if b.strip()
        )
        return CatalogueEntry(
            self.code,
            self.name,
            self.field,
            self.levels[0],
            r.limit,
            time_limit_text=self.time_limit_text,
            channel_time_limits=tuple(
                (channel, limit)
                for channel, text in self.by_channel[1]
                if (limit := TimeLimit.parse(text)) != r.limit
            ),
            supplement_policy=r.supplement_policy or SupplementPolicy.RESTART,
            legal_basis=basis,
            published_in=("Cơ sở dữ liệu quốc gia về thủ tục hành chính",),
            confidence="medium",
            notes="; ".join(notes),
            time_limit_alternatives=r.alternatives,
        )


@attrs.frozen
class Catalogue:
    """A procedure catalogue: entries by code (several entries of one code may differ in dates).

    >>> from tthc.formats import bundled_catalogue
    >>> cat = bundled_catalogue()
    >>> str(cat["2.000815"].time_limit)
    'Trong ngày làm việc; trường hợp nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo'
    """

    entries: tuple[CatalogueEntry, ...] = attrs.field(converter=_tuple_of_entries)
    unread: tuple[PublishedProcedure, ...] = attrs.field(
        default=(), converter=_tuple_of_published, eq=False
    )
    """Procedures of a national-database file that could not become entries, each with its
    :attr:`~PublishedProcedure.problem` (a limit that needs review, cases without a default, no
    limit stated, no level): a person decides their limits."""

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

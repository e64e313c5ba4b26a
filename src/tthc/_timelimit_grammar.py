"""The grammar of the "Thời hạn giải quyết" field, as the national procedure database writes it.

Private to :func:`tthc.timelimits.read_time_limit`. The reader works in three passes over the
normalised text (NFC, one space, lower case kept aligned with the text as written), each in its
own private module, this one reading the result:

- ``_timelimit_lexicon``: the normalised text and its tokens, numbers written as words, the units;
- ``_timelimit_tokens``: pass 1, the phrases that carry time (the amount/unit grammar, same-day
  forms, ranges, "kể từ …" start clauses, exclusions, breakdowns);
- ``_timelimit_items``: pass 2, segments, pieces and the words of their conditions;
- ``_timelimit_grammar`` (here): pass 3 and the entry points :func:`read`,
  :func:`supplement_excluded`.

1. *Tokens*: number words in parentheses are checked and dropped ("03 (ba)", "ba (03)"); then the
   phrases that carry time are replaced by tokens: same-day forms with their cut-off clause
   (``D``), ranges (``R``), amounts with a unit (``L``), "kể từ …" start clauses (``S``),
   "(không kể thời gian …)" exclusions (``X``) and "(trong đó: …)" breakdowns (``B``).
2. *Items*: the text is cut into segments (";", sentence ends, list bullets, line breaks) and
   pieces (a second amount after "hoặc", "và", "," or inside parentheses); each piece holding one
   amount becomes an item, unconditional or with the words of its condition ("trường hợp …",
   "đối với …", "nếu …").
3. *Reading*: one unconditional item is the limit; conditional items are its alternatives, or the
   cases of a text without a default. Anything else — two unconditional amounts (stages), a date,
   an amount without a unit, an event that is not the receipt of the dossier, an unknown unit,
   a sum of units — is left for a person (``needs_review``), never guessed.
"""

from __future__ import annotations

import functools
import re

import attrs

from tthc._timelimit_items import _Item, _items
from tthc._timelimit_lexicon import _EDGE_JUNK, _UNITS, _normalise, _restore, _Review
from tthc._timelimit_tokens import _DIGIT, _Tokens
from tthc.timelimits import Alternative, AlternativeKind, TimeLimit, TimeLimitReading, Unit

_SUPPLEMENT = re.compile(r"bổ sung|hoàn thiện|hoàn chỉnh|khắc phục|sửa đổi")

_NOT_STATED = re.compile(
    r"(?:không|khác|không có(?: thông tin)?|không có thông tin|(?:không|chưa) xác định(?: rõ)?"
    r"|theo mô tả|(?:cụ thể|chi tiết|xem)(?: tại| ở| trong)?(?: phần)? mô tả|cụ thể"
    r"|không phải trả kết quả(?: .*)?|t(?:ùy|uỳ|ủy|uỷ)(?: .*)?|theo .*|thực hiện theo .*"
    r"|do .* quy định|(?:hệ thống|cơ quan) .*(?:phản hồi|trả lời) tự động.*)"
)

_NO_LIMIT = re.compile(
    r"(?:không|chưa) (?:có )?quy định(?: cụ thể)?(?: (?:về )?thời hạn(?: giải quyết)?)?"
)

_BARE_NUMBER = re.compile(r"[0-9]{1,4}(?:[.,][0-9]+)?(?: ?- ?[0-9]{1,4})?")

_ZEROS = re.compile(r"0+")

_ZERO_AMOUNT = re.compile(r"0+(?: (?:ngày làm việc|ngày|giờ làm việc|giờ|tháng))?(?: ?\([^()]*\))?")


@functools.lru_cache(maxsize=4096)
def read(text: str) -> TimeLimitReading:
    """The reading of ``text`` (see :func:`tthc.timelimits.read_time_limit`), remembered.

    A catalogue repeats a few hundred texts thousands of times; the readings are frozen, so the
    last 4,096 distinct texts are kept (:func:`read_uncached` reads without the cache).
    """
    return read_uncached(text)


def read_uncached(text: str) -> TimeLimitReading:
    """The reading of ``text``, computed afresh."""
    clean = _normalise(text)
    try:
        return _read(text, clean)
    except _Review as why:
        return TimeLimitReading(text, needs_review=True, reason=str(why))


_SIMPLE = re.compile(
    r"(?:(?:không quá|tối đa|trong thời hạn|trong vòng|trong) )?([0-9]{1,4}) "
    r"(ngày làm việc|giờ làm việc|ngày|giờ|tháng)"
)


def _read(text: str, clean: str) -> TimeLimitReading:
    low = clean.lower()
    m = _SIMPLE.fullmatch(low)
    if m is not None and m.group(1).strip("0"):  # fast path: "05 Ngày làm việc"
        return TimeLimitReading(text, limit=TimeLimit(int(m.group(1)), _UNITS[m.group(2)]))
    if not clean:
        return TimeLimitReading(text, stated=False, reason="empty text")
    if _NO_LIMIT.fullmatch(low):
        return TimeLimitReading(
            text, limit=TimeLimit.none(), stated=False, reason="the text says no limit is set"
        )
    if _BARE_NUMBER.fullmatch(low):
        if _ZEROS.fullmatch(low):
            return TimeLimitReading(text, stated=False, reason="amount 0: no limit given")
        raise _Review(f"bare number {clean!r}: its unit was lost")
    if _ZERO_AMOUNT.fullmatch(low):
        return TimeLimitReading(text, stated=False, reason="amount 0: no limit given")

    tokens = _Tokens(clean)
    if not tokens.amounts():
        return _no_limit(text, tokens.t.s)
    tokens.clauses()
    items = _items(tokens.t, tokens.found)
    if tokens.shares and (
        len(items) != 1
        or items[0].condition is not None
        or items[0].limit.amount != sum(tokens.shares)
    ):
        raise _Review("a breakdown that does not add up to one total")
    if tokens.weekdays_only and any(
        i.limit.unit not in (Unit.WORKING_DAY, Unit.WORKING_HOUR) for i in items
    ):
        raise _Review("'trừ thứ bảy, chủ nhật' beside an amount that is not in working days")
    return _combine(text, items, tokens.starts, tokens.exclusions, tokens.restart)


def _no_limit(text: str, low: str) -> TimeLimitReading:
    """A text with no amount of time: not stated, or left for review."""
    if _DIGIT.search(low):
        raise _Review("numbers without a unit of time tthc reads")
    if _NOT_STATED.fullmatch(low.strip(_EDGE_JUNK)):
        return TimeLimitReading(text, stated=False, reason="the text gives no limit")
    raise _Review("no amount of time tthc can read")


def _combine(
    text: str,
    items: list[_Item],
    starts: list[str],
    exclusions: list[str],
    restart: bool,
) -> TimeLimitReading:
    plain = [i for i in items if i.condition is None]
    conditional = [i for i in items if i.condition is not None]
    if len(plain) > 1:
        raise _Review(f"{len(plain)} amounts without conditions: stages or parties, no total")
    if plain and plain[0].extension:
        raise _Review("an extension without its condition")
    if len(items) > 1 and any(i.labelled for i in items):
        raise _Review("labelled amounts: stages or parties, no total")
    if any(i.low is not None for i in items) and len(items) > 1:
        raise _Review("a range among other amounts")
    alternatives: list[Alternative] = []
    limit: TimeLimit | None = None
    if plain:
        limit = plain[0].limit
        if plain[0].low is not None:
            alternatives.append(
                Alternative(
                    condition=f"từ {plain[0].low}",
                    limit=plain[0].low,
                    kind=AlternativeKind.LOWER_BOUND,
                )
            )
    for item in conditional:
        assert item.condition is not None
        alt = item.limit
        if item.extension:
            if limit is None or not limit.unit.is_counted or limit.unit is not alt.unit:
                raise _Review("an extension in another unit than the limit it extends")
            alt = TimeLimit(limit.amount + alt.amount, alt.unit)
        if not item.condition:
            raise _Review("a condition without words")
        alternatives.append(
            Alternative(
                condition=_restore(item.condition),
                limit=alt,
                kind=AlternativeKind.CONDITION if plain else AlternativeKind.CASE,
            )
        )
    if len(set(exclusions)) == 1:  # one exclusion: every counted limit leaves it out
        excluding = _excluding_text(exclusions[0])
        if limit is not None and limit.unit.is_counted:
            limit = attrs.evolve(limit, excluding=excluding)
        alternatives = [
            attrs.evolve(a, limit=attrs.evolve(a.limit, excluding=excluding))
            if a.limit.unit.is_counted
            else a
            for a in alternatives
        ]
    return TimeLimitReading(
        text,
        limit=limit,
        alternatives=tuple(alternatives),
        start=starts[0] if starts else None,
        exclusions=tuple(dict.fromkeys(exclusions)),
        restart_stated=restart,
    )


def _excluding_text(x: str) -> str:
    return " ".join(x.replace("(", " ").replace(")", " ").split())


def supplement_excluded(exclusions: tuple[str, ...]) -> bool:
    """Whether one of the exclusions is the applicant's time to supplement the dossier."""
    return any(_SUPPLEMENT.search(x.lower()) for x in exclusions)

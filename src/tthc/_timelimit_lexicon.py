"""The words of the time-limit grammar: the normalised text, its tokens, numbers in words, units.

Private to :mod:`tthc._timelimit_grammar` (which describes the three passes). The text is
normalised (NFC, one space, no stray punctuation at the ends) and kept twice, as written and in
lower case, aligned by every edit (:class:`_Text`); the phrases that carry time are replaced by
tokens (``\ue000`` kind index ``\ue001``); a number written twice ("03 (ba)") is checked against
its words; every pass raises :class:`_Review` when the text needs a person.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from tthc.timelimits import Unit

_TOKEN_OPEN = "\ue000"

_TOKEN_CLOSE = "\ue001"

_TOKEN_RE = re.compile(_TOKEN_OPEN + r"([A-Z])([0-9]+)" + _TOKEN_CLOSE)

_ESCAPE = "\ue002"  # the token characters of the text itself are escaped, then restored

_ESCAPES = {_ESCAPE: _ESCAPE + "0", _TOKEN_OPEN: _ESCAPE + "1", _TOKEN_CLOSE: _ESCAPE + "2"}

_TO_ESCAPE = re.compile("[" + "".join(_ESCAPES) + "]")

_ESCAPED = re.compile(_ESCAPE + "[012]")

_UNESCAPES = {v: k for k, v in _ESCAPES.items()}

_EDGE_JUNK = " .;,:-–—+•*\"'“”/"


def _normalise(text: str) -> str:
    """NFC, one space between words, no stray punctuation at the ends, token characters escaped."""
    t = " ".join(unicodedata.normalize("NFC", text).split()).strip(_EDGE_JUNK)
    if not t.isascii() and _TO_ESCAPE.search(t):
        t = _TO_ESCAPE.sub(lambda m: _ESCAPES[m.group(0)], t)
    return t


def _restore(text: str) -> str:
    """Text taken from the normalised text, with escaped characters as the input wrote them."""
    if _ESCAPE in text:
        return _ESCAPED.sub(lambda m: _UNESCAPES[m.group(0)], text)
    return text


class _Text:
    """The text as written (``o``) and in lower case (``s``), kept aligned by every edit."""

    __slots__ = ("o", "s")

    def __init__(self, o: str) -> None:
        s = o.lower()
        if len(s) != len(o):  # a letter whose lower case is longer ("İ"): keep it as it is
            s = "".join(c if len(c.lower()) != 1 else c.lower() for c in o)
        self.o = o
        self.s = s

    def sub(
        self,
        pattern: re.Pattern[str],
        repl: Callable[[re.Match[str]], str | None],
        needle: str | tuple[str, ...] | re.Pattern[str] = "",
    ) -> None:
        """Replace each match of ``pattern`` in ``s`` (and the same span of ``o``) by ``repl``.

        ``repl`` returns the replacement, or ``None`` to keep the match. A pattern runs only on
        texts that contain ``needle``, one of ``needle``, or a match of the ``needle`` pattern
        (every match contains it): long texts are read faster.
        """
        if isinstance(needle, str):
            if needle not in self.s:
                return
        elif isinstance(needle, tuple):
            if not any(map(self.s.__contains__, needle)):
                return
        elif needle.search(self.s) is None:
            return
        out_o: list[str] = []
        out_s: list[str] = []
        pos = 0
        for m in pattern.finditer(self.s):
            new = repl(m)
            if new is None:
                continue
            out_o.append(self.o[pos : m.start()])
            out_s.append(self.s[pos : m.start()])
            out_o.append(new)
            out_s.append(new)
            pos = m.end()
        if pos:
            out_o.append(self.o[pos:])
            out_s.append(self.s[pos:])
            self.o = "".join(out_o)
            self.s = "".join(out_s)


_DIGIT_WORDS = {
    "không": 0,
    "một": 1,
    "mốt": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "lăm": 5,
    "sáu": 6,
    "bảy": 7,
    "bẩy": 7,
    "tám": 8,
    "chín": 9,
}


_NUMBER_WORD = (
    r"(?:không|một|mốt|hai|ba|bốn|tư|năm|lăm|sáu|bảy|bẩy|tám|chín|mười|mươi|trăm|linh|lẻ)"
)

_NUMBER_WORDS = _NUMBER_WORD + r"(?: " + _NUMBER_WORD + r")*"


def words_to_int(words: str) -> int | None:
    """The value of a Vietnamese number written in words (0–999), or ``None``.

    >>> words_to_int("hai mươi lăm"), words_to_int("mười"), words_to_int("một trăm linh năm")
    (25, 10, 105)
    >>> words_to_int("mươi") is None
    True
    """
    toks = words.split()
    value = 0
    if len(toks) >= 2 and toks[1] == "trăm" and toks[0] in _DIGIT_WORDS:
        value = _DIGIT_WORDS[toks[0]] * 100
        toks = toks[2:]
        if not toks:
            return value
        if toks[0] in ("linh", "lẻ"):
            return (
                value + _DIGIT_WORDS[toks[1]]
                if len(toks) == 2 and toks[1] in _DIGIT_WORDS
                else None
            )
    if toks and toks[0] == "mười":
        value += 10
        toks = toks[1:]
    elif len(toks) >= 2 and toks[1] == "mươi" and _DIGIT_WORDS.get(toks[0], 0) >= 2:
        value += _DIGIT_WORDS[toks[0]] * 10
        toks = toks[2:]
    if not toks:
        return value if value else None
    if len(toks) == 1 and toks[0] in _DIGIT_WORDS:
        return value + _DIGIT_WORDS[toks[0]]
    return None


# Gates: a text without them has no number written twice (most texts).
_DIGITS_THEN_PAREN = re.compile(r"[0-9] ?\([^0-9()]")

_PAREN_DIGITS = re.compile(r"\([0-9]{1,4}\)")

_DIGITS_THEN_WORDS = re.compile(r"(?<![0-9])([0-9]{1,4}) ?\((" + _NUMBER_WORDS + r")\)")

_WORDS_THEN_DIGITS = re.compile(r"(?<!\w)(" + _NUMBER_WORDS + r") ?\(([0-9]{1,4})\)")

_UNITS = {
    "ngày làm việc": Unit.WORKING_DAY,
    "ngày": Unit.DAY,
    "tháng": Unit.MONTH,
    "giờ làm việc": Unit.WORKING_HOUR,
    "giờ": Unit.HOUR,
}


def _tok(kind: str, index: int) -> str:
    return f"{_TOKEN_OPEN}{kind}{index}{_TOKEN_CLOSE}"


class _Review(Exception):
    """Raised inside the reader: the text needs a person; the message says why."""

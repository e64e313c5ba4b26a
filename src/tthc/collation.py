"""Vietnamese alphabetical order (thứ tự chữ cái tiếng Việt) for sorting names.

Python sorts strings by code point, which puts ``Đ`` (U+0110) after ``Z`` and orders tone marks
arbitrarily. :func:`vietnamese_key` sorts by the Vietnamese alphabet, A Ă Â B C D Đ E Ê G H I K L
M N O Ô Ơ P Q R S T U Ư V X Y, ignoring case and tone marks first, then by tone (none, huyền,
sắc, hỏi, ngã, nặng), then by case.

>>> sorted(["Đất đai", "Hộ tịch", "Dân tộc", "Chứng thực"], key=vietnamese_key)
['Chứng thực', 'Dân tộc', 'Đất đai', 'Hộ tịch']
>>> sorted(["ma", "mà", "má", "mả", "mã", "mạ"], key=vietnamese_key) == ["ma", "mà", "má", "mả", "mã", "mạ"]
True
"""

from __future__ import annotations

import unicodedata

__all__ = ["vietnamese_key"]

_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
# letters outside the Vietnamese alphabet (f, j, w, z) sort after the letter they follow in Latin
_ORDER = {c: 2 * i for i, c in enumerate(_ALPHABET)}
_ORDER.update({"f": _ORDER["e"] + 1, "j": _ORDER["i"] + 1, "w": _ORDER["v"] + 1, "z": 99})
_TONES = {"\u0300": 1, "\u0301": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter


def vietnamese_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...], str]:
    """A sort key putting ``text`` in Vietnamese alphabetical order (see the module)."""
    letters: list[int] = []
    tones: list[int] = []
    for ch in unicodedata.normalize("NFD", text.lower()):
        if ch in _TONES:
            if tones:
                tones[-1] = _TONES[ch]
            continue
        if ch in _LETTER_MARKS and letters:
            base = unicodedata.normalize("NFC", _ALPHABET_CHARS.get(letters[-1], "") + ch)
            letters[-1] = _ORDER.get(base, letters[-1])
            continue
        letters.append(_ORDER.get(ch, 1000 + ord(ch)))
        tones.append(0)
    return tuple(letters), tuple(tones), text


_ALPHABET_CHARS = {v: k for k, v in _ORDER.items()}

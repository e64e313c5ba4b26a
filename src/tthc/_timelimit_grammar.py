"""The grammar of the "Thời hạn giải quyết" field, as the national procedure database writes it.

Private to :func:`tthc.timelimits.read_time_limit`. The reader works in three passes over the
normalised text (NFC, one space, lower case kept aligned with the text as written):

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
import itertools
import re
import unicodedata
from collections.abc import Callable
from datetime import time

import attrs

from tthc.timelimits import Alternative, AlternativeKind, TimeLimit, TimeLimitReading, Unit

# -- normalisation -----------------------------------------------------------------------------

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


# -- numbers written as words ------------------------------------------------------------------

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

# -- vocabulary ---------------------------------------------------------------------------------

_UNITS = {
    "ngày làm việc": Unit.WORKING_DAY,
    "ngày": Unit.DAY,
    "tháng": Unit.MONTH,
    "giờ làm việc": Unit.WORKING_HOUR,
    "giờ": Unit.HOUR,
}
_UNIT = r"(?P<unit>ngày làm việc|giờ làm việc|ngày|giờ|tháng|tuần|năm|phút|làm việc)"
_AMOUNT = r"(?P<n>[0-9]{1,4}(?:[.,][0-9]{1,2})?)"
_RECEIPT_OBJECT = (
    r"(?:các |bộ |toàn bộ )?(?:hồ sơ|đơn|yêu cầu|đề nghị|văn bản đề nghị|văn bản yêu cầu|giấy đề nghị|"
    r"văn bản thông báo|tờ khai|bản khai|giấy tờ|bản đăng ký|phiếu yêu cầu)"
)
# The clock starts when the dossier (or the request, the declaration …) is received or filed.
# Between "ngày" and "nhận" only who receives ("ngày Sở Xây dựng nhận đủ hồ sơ"), never another
# event: "ngày hết hạn nhận hồ sơ", "khi tiếp nhận văn bản về việc đã tiếp nhận đơn".
_RECEIVER = r"(?:(?!hết hạn|hạn |văn bản|về việc|thông báo|kết thúc)[^,;:()]){1,80}?"
_RECEIPT_START = re.compile(
    r"(?:ngày|khi|thời điểm|lúc)(?: " + _RECEIVER + r")??(?: đã)? (?:tiếp nhận|nhận|nộp)"
    r"(?: được)?(?: đủ| đầy đủ)? " + _RECEIPT_OBJECT + r"(?!\w)"
    r"|ngày hồ sơ (?:đầy đủ|đủ|hợp lệ)(?!\w)"  # "kể từ ngày hồ sơ đầy đủ, hợp lệ"
)
_CUTOFF = r"sau (?P<hh>[0-9]{1,2}) ?(?:giờ|h)(?: ?(?P<mm>[0-9]{1,2})(?: phút)?)?(?: cùng ngày)?"
_SAME_DAY_HEAD = (
    r"(?:(?:thực hiện|giải quyết|trả kết quả|cấp) )?(?:ngay )?trong (?:ngày làm việc|ngày|cùng ngày)"
    r"(?! làm việc tiếp theo| tiếp theo)"
    r"(?: (?:cơ quan, tổ chức |cơ quan )?(?:tiếp )?nhận(?: được)?(?: đủ| đầy đủ)? (?:hồ sơ|yêu cầu)"
    r"(?: đầy đủ)?(?:,? (?:hợp lệ|chính xác))*)?"
)
_SAME_DAY = re.compile(
    r"(?=[tgcn])"  # the first letters of the head: fewer positions tried on long texts
    + _SAME_DAY_HEAD
    + r"(?:(?P<a>[;,.]? ?(?:trường hợp|nếu) (?:(?:thời điểm )?(?:tiếp )?nhận(?: được)? (?:hồ sơ|yêu cầu) )?"
    + _CUTOFF
    + r"(?: mà không giải quyết được ngay)?,? thì (?:có thể hoàn thành việc đăng ký |trả kết quả "
    r"|giải quyết )?(?:ngay )?(?:trong ngày làm việc tiếp theo|(?P<at>vào [0-9]{1,2} giờ) ngày làm "
    r"việc tiếp theo))"
    r"|(?P<b>,? hoặc trong ngày làm việc tiếp theo,? nếu (?:tiếp )?nhận (?:hồ sơ|yêu cầu) "
    + _CUTOFF.replace("?P<hh>", "?P<hh2>").replace("?P<mm>", "?P<mm2>")
    + r"))?"
)
# "Ngay sau khi nhận đủ hồ sơ", "giải quyết ngay": at once, i.e. within the day of receipt.
_IMMEDIATE = re.compile(
    r"(?=[gctn])(?:(?:(?:giải quyết|cấp|trả kết quả|thực hiện) )?ngay(?: sau)? khi(?: [^,;:()]{1,60}?)?"
    r"(?: đã)? (?:tiếp nhận|nhận)(?: được)?(?: đủ| đầy đủ)? " + _RECEIPT_OBJECT + r"(?!\w)"
    r"(?:(?: [^;:().]{0,80}?)?(?: hợp lệ| theo quy định| đầy đủ)|(?: [^;:().]{0,80})?(?=[.;]|$))?"
    r"|^(?:giải quyết|trả kết quả|cấp|thực hiện) ngay$|(?<!\w)ngay (?:sau )?khi (?:tiếp )?nhận$"
    # "Cấp ngay biển số tạm thời … sau khi tiếp nhận hồ sơ đăng ký xe hợp lệ"
    r"|^(?:cấp|trả|giải quyết) ngay [^,;:().0-9]{1,80}? sau khi (?:tiếp nhận|nhận)(?: được)?"
    r"(?: đủ| đầy đủ)? "
    + _RECEIPT_OBJECT
    + r"(?!\w)(?: [^;:().0-9]{0,40}?)?(?: hợp lệ)?(?=[.;]|$))"
)
_RANGE = re.compile(
    r"(?=t)(?<!\w)từ (?P<lo>[0-9]{1,4})(?: (?P<lounit>ngày làm việc|giờ làm việc|ngày|giờ|tháng))?"
    r" ?(?:-|đến) ?(?P<hi>[0-9]{1,4}) (?P<unit>ngày làm việc|giờ làm việc|ngày|giờ|tháng)(?!\w)"
)
# Not after a letter, a digit, "." "," or "/" (a number inside a code): checked by the reader.
_LIMIT = re.compile(_AMOUNT + r" ?" + _UNIT + r"(?![\w/]| [0-9])")
_NOT_BEFORE_AMOUNT = re.compile(r"[\w.,/]")
_START = re.compile(
    r"(?=[,ktđs ])(?:,? ?)(?:được tính |tính )?"
    r"(?:kể từ|kế từ|kể tử|kề từ|tính từ|từ(?= khi| ngày| thời điểm)|sau(?= khi| ngày))"
    r" (?P<start>(?:ngày|khi|thời điểm|lúc)(?:[^;.()]*?))"
    r"(?=$|[;.()]| đối với| hoặc| trong đó| (?:trong )?trường hợp| nếu"
    r"|,? (?:không|chưa) (?:kể|tính|bao gồm)"
    r"|, (?!hợp lệ|đúng|đầy đủ|đạt|theo quy định)| - | nộp (?:trực tiếp|trực tuyến|qua) )"
)
_START_NEEDLES = (
    *("kể từ", "kế từ", "kể tử", "kề từ", "tính từ"),
    *("từ khi", "từ ngày", "từ thời điểm", "sau khi", "sau ngày"),
)
_UNIT_TYPO = re.compile(r"ngày (?:làm viêc|lảm việc|làm việc làm việc)(?!\w)")
_WEEKDAYS_NOTE = re.compile(
    r",? ?\(trừ (?:các )?(?:ngày )?thứ bảy, chủ nhật(?:,| và| hoặc) (?:các )?ngày (?:nghỉ )?lễ"
    r"(?:,? tết)?\)"
)
_EXCLUDES = r"(?:không kể|không tính|chưa tính|chưa bao gồm|không bao gồm)(?: thời gian)?"
_PAREN_EXCLUSION = re.compile(r"(?=[, (]),? ?\(" + _EXCLUDES + r" (?P<p>[^()]+)\)")
_EXCLUSION = re.compile(
    r"(?=[, kc]),? ?" + _EXCLUDES + r" (?P<p>[^;.()]+?)(?=$|[;.)]| đối với| trong trường hợp)"
)
_EXCLUSION_NOTE = re.compile(
    r"(?=t)(?:(?<!\w)thời gian (?P<x>[^;.()]+?) không (?:được )?tính vào (?:thời hạn|thời gian)"
    r"(?: giải quyết)?(?: thủ tục hành chính)?(?: của [^;.()]{1,60}?)?(?=$|[;.])"
    r"|(?<!\w)(?:thời hạn|thời gian)(?: giải quyết)? (?:nêu )?(?:trên|này) không bao gồm:?"
    r"(?: thời gian)? (?P<y>[^;.()]+?)(?=$|[;.]))"
)
# "(thời gian cụ thể quy định tại từng bước của quy trình thực hiện)": a pointer, not a limit.
_STEP_NOTE = re.compile(r" ?\((?:thời gian|thời hạn) cụ thể[^()]*(?:từng bước|quy trình)[^()]*\)")
_RESTART_NOTE = re.compile(
    r"\(?thời gian này được tính như nhau cho (?:tất cả )?các lần nộp hồ sơ\)?"
)
# "(trong đó: Sở Xây dựng 20 ngày, UBND thành phố 10 ngày)": how the total is shared out.
# "(bao gồm 20 ngày bổ nhiệm và 10 ngày cấp thẻ)": the same, when it adds up to the total.
_BREAKDOWN = re.compile(
    r"[;,]? ?\((?:trong đó|bao gồm):?(?P<p>[^()]*)\)|[;,]? ?\(?trong đó:?(?P<b>.*)$"
)
_SUPPLEMENT = re.compile(r"bổ sung|hoàn thiện|hoàn chỉnh|khắc phục|sửa đổi")
_DATE = re.compile(
    r"(?=[0-9ntcđ])(?:(?<![0-9])[0-9]{1,2}/[0-9]{1,2}(?![0-9/]*/(?:nđ|tt|qđ|qh|nq))|ngày [0-9]{1,2} tháng [0-9]{1,2}"
    r"|(?:trước|chậm nhất|đến) ngày [0-9])"
)
_TIME_WORDS = re.compile(
    r"[0-9]|thời hạn|thời gian|ngày|giờ|tháng|tuần|kéo dài|ngay|chậm nhất|trước|sau"
    r"|gia hạn(?! giấy| chứng chỉ| chứng nhận| và cấp)"  # not "gia hạn Giấy phép": a renewal
)
_NOT_STATED = re.compile(
    r"(?:không|khác|không có(?: thông tin)?|không có thông tin|(?:không|chưa) xác định(?: rõ)?"
    r"|theo mô tả|(?:cụ thể|chi tiết|xem)(?: tại| ở| trong)?(?: phần)? mô tả|cụ thể"
    r"|không phải trả kết quả(?: .*)?|t(?:ùy|uỳ|ủy|uỷ)(?: .*)?|theo .*|thực hiện theo .*"
    r"|do .* quy định|(?:hệ thống|cơ quan) .*(?:phản hồi|trả lời) tự động.*)"
)
_NO_LIMIT = re.compile(
    r"(?:không|chưa) (?:có )?quy định(?: cụ thể)?(?: (?:về )?thời hạn(?: giải quyết)?)?"
)
_BULLET = re.compile(r"^(?:[-+•*]|[a-zđ]\)|\(?[0-9]{1,2}\)|[0-9]{1,2}\.(?!\w))\s")
_STAGE_LABEL = re.compile(r"kiểm tra (?:tính đầy đủ|hồ sơ)|tiếp nhận hồ sơ|lấy ý kiến|công khai")
_HEADER = re.compile(r"^(?:thời hạn|thời gian)(?: giải quyết| thực hiện)?(?: hồ sơ)?\s*:?\s*$")


_DECIMAL_POINT = re.compile(r"[.,]")
_BARE_NUMBER = re.compile(r"[0-9]{1,4}(?:[.,][0-9]+)?(?: ?- ?[0-9]{1,4})?")
_ZEROS = re.compile(r"0+")
_ZERO_AMOUNT = re.compile(r"0+(?: (?:ngày làm việc|ngày|giờ làm việc|giờ|tháng))?(?: ?\([^()]*\))?")
_CLOCK_TIME = re.compile(r"(?:sau|trước) [0-9]{1,2} ?giờ(?! làm việc| kể từ)")
_DIGIT = re.compile(r"[0-9]")
_DIGITS = re.compile(r"[0-9]+")
_CASE_NUMBER = re.compile(r"[0-9]{1,2}")
_PERIOD_LABEL = re.compile(r"(?:tổng )?(?:thời hạn|thời gian) ")


def _tok(kind: str, index: int) -> str:
    return f"{_TOKEN_OPEN}{kind}{index}{_TOKEN_CLOSE}"


@attrs.frozen
class _Found:
    """An amount of time found in pass 1 (for a range, the upper bound and the lower one)."""

    limit: TimeLimit
    low: TimeLimit | None = None


@attrs.frozen
class _Item:
    limit: TimeLimit
    condition: str | None
    extension: bool
    labelled: bool
    head_condition: bool
    tail_condition: bool
    low: TimeLimit | None = None


class _Review(Exception):
    """Raised inside the reader: the text needs a person; the message says why."""


_LEGAL_REFERENCE = re.compile(
    r"(?:điều|khoản|điểm|số|nghị định|thông tư|luật|quyết định)\s*[0-9]+[^\s,;]*|[0-9]+/[0-9]+\S*"
)


@functools.lru_cache(maxsize=512)
def _amount_limit(n: str, unit: str) -> TimeLimit:
    """The limit of ``n`` ``unit``; half working days become working hours (8 a day)."""
    if unit in ("tuần", "năm", "phút"):
        raise _Review(f"unit {unit!r} is not one tthc counts")
    if unit == "làm việc":
        raise _Review(f"'{n} làm việc' has lost its unit")
    if "," in n or "." in n:
        whole, frac = _DECIMAL_POINT.split(n)
        hours = int(whole) * 8 + int(frac) * 8 / 10 ** len(frac)
        if unit != "ngày làm việc" or hours != int(hours):
            raise _Review(f"fraction {n} {unit} is not a whole number of working hours")
        return TimeLimit.working_hours(int(hours))
    amount = int(n)
    if amount == 0:
        raise _Review(f"amount 0 {unit}")
    return TimeLimit(amount, _UNITS[unit])


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

    return _Reader(text, clean).read()


class _Reader:
    """Pass 1 over one text: its tokens and what they stand for."""

    def __init__(self, text: str, clean: str) -> None:
        self.text = text
        self.t = _Text(clean)
        self.found: list[_Found] = []
        self.starts: list[str] = []
        self.exclusions: list[str] = []
        self.shares: list[int] = []
        self.restart = False
        self.weekdays_only = False  # "(trừ thứ bảy, chủ nhật và ngày lễ)": working days

    def read(self) -> TimeLimitReading:
        t = self.t
        # First the "(không kể thời gian …)" clauses: whatever they say is kept as written.
        t.sub(_UNIT_TYPO, lambda m: "ngày làm việc", ("làm viêc", "lảm việc", "việc làm việc"))
        t.sub(_WEEKDAYS_NOTE, self.weekdays_note, "(trừ thứ")
        t.sub(_PAREN_EXCLUSION, self.exclusion, "(")
        t.sub(_DIGITS_THEN_WORDS, self.number_words, _DIGITS_THEN_PAREN)
        t.sub(_WORDS_THEN_DIGITS, self.number_words, _PAREN_DIGITS)
        if _DATE.search(t.s):
            raise _Review("states a calendar date")
        t.sub(_SAME_DAY, self.same_day, ("trong ngày", "trong cùng ngày"))
        t.sub(_IMMEDIATE, self.immediate, "ngay")
        t.sub(
            _RANGE,
            self.a_range,
            ("từ 0", "từ 1", "từ 2", "từ 3", "từ 4", "từ 5", "từ 6", "từ 7", "từ 8", "từ 9"),
        )
        if _CLOCK_TIME.search(t.s):
            raise _Review("'sau … giờ' may be a time of day")
        t.sub(_LIMIT, self.a_limit)
        if not self.found:
            return _no_limit(self.text, t.s)
        t.sub(_RESTART_NOTE, self.restart_note, "như nhau")
        t.sub(_EXCLUSION_NOTE, self.exclusion, ("tính vào", "không bao gồm"))
        t.sub(_STEP_NOTE, lambda m: " ", "cụ thể")
        t.sub(
            _START,
            self.start,
            _START_NEEDLES,
        )
        t.sub(_EXCLUSION, self.exclusion, ("không kể", "không tính", "chưa tính", "bao gồm"))
        t.sub(_BREAKDOWN, self.breakdown, ("trong đó", "(bao gồm"))
        items = _items(t, self.found)
        if self.shares and (
            len(items) != 1
            or items[0].condition is not None
            or items[0].limit.amount != sum(self.shares)
        ):
            raise _Review("a breakdown that does not add up to one total")
        if self.weekdays_only and any(
            i.limit.unit not in (Unit.WORKING_DAY, Unit.WORKING_HOUR) for i in items
        ):
            raise _Review("'trừ thứ bảy, chủ nhật' beside an amount that is not in working days")
        return _combine(self.text, items, self.starts, self.exclusions, self.restart)

    def _limit_token(self, found: _Found) -> str:
        self.found.append(found)
        return _tok("L", len(self.found) - 1)

    def number_words(self, m: re.Match[str]) -> str | None:
        first, second = m.group(1), m.group(2)
        digits, words = (first, second) if first[0].isdigit() else (second, first)
        value = words_to_int(words)
        if value is None:
            return None
        if value != int(digits):
            raise _Review(f"number {digits} is written in words as {words!r}")
        return digits

    def same_day(self, m: re.Match[str]) -> str:
        if m.group("at"):
            raise _Review(f"the next-day result is due at a set hour ({m.group('at')})")
        hh = m.group("hh") or m.group("hh2")
        cutoff: time | None = None
        if hh is not None:
            mm = m.group("mm") or m.group("mm2") or "0"
            if int(hh) > 23 or int(mm) > 59:
                raise _Review(f"cut-off {hh} giờ {mm} phút is not a time of day")
            cutoff = time(int(hh), int(mm))
        return self._limit_token(_Found(TimeLimit.same_day(cutoff=cutoff)))

    def immediate(self, m: re.Match[str]) -> str:
        return self._limit_token(_Found(TimeLimit.same_day(cutoff=None)))

    def a_range(self, m: re.Match[str]) -> str:
        unit = m.group("unit")
        hi = _amount_limit(m.group("hi"), unit)
        lo = _amount_limit(m.group("lo"), m.group("lounit") or unit)
        if lo.unit is not hi.unit or lo.amount >= hi.amount:
            raise _Review(f"range {m.group(0)!r} is not increasing in one unit")
        return self._limit_token(_Found(hi, low=lo))

    def a_limit(self, m: re.Match[str]) -> str | None:
        if m.start() and _NOT_BEFORE_AMOUNT.match(self.t.s, m.start() - 1):
            return None
        return self._limit_token(_Found(_amount_limit(m.group("n"), m.group("unit"))))

    def start(self, m: re.Match[str]) -> str:
        start = self.t.o[m.start("start") : m.end("start")].strip(" ,")
        if not _RECEIPT_START.match(start.lower()):
            raise _Review(f"counted from an event other than the receipt: 'kể từ {start}'")
        if _DIGIT.search(_LEGAL_REFERENCE.sub(" ", start.lower())):
            raise _Review(f"a start clause with a number in it: 'kể từ {start}'")
        self.starts.append(_restore(start))
        return " " + _tok("S", len(self.starts) - 1)

    def exclusion(self, m: re.Match[str]) -> str:
        name = next(g for g in ("p", "x", "y") if g in m.re.groupindex and m.group(g) is not None)
        words = self.t.o[m.start(name) : m.end(name)]
        # In parentheses the words are kept as written; elsewhere without the joining comma.
        words = words.strip() if m.re is _PAREN_EXCLUSION else words.strip(" ,")
        if not words:
            return " "
        self.exclusions.append(_restore(words))
        return " " + _tok("X", len(self.exclusions) - 1)

    def weekdays_note(self, m: re.Match[str]) -> str:
        self.weekdays_only = True
        return " "

    def restart_note(self, m: re.Match[str]) -> str:
        self.restart = True
        return " "

    def breakdown(self, m: re.Match[str]) -> str:
        for tk in _TOKEN_RE.finditer(m.group(0)):
            if tk.group(1) == "L":
                share = self.found[int(tk.group(2))].limit
                if not share.unit.is_counted:
                    raise _Review("a share of the total in days without an amount")
                self.shares.append(share.amount)
        return " " + _tok("B", 0)


def _no_limit(text: str, low: str) -> TimeLimitReading:
    """A text with no amount of time: not stated, or left for review."""
    if _DIGIT.search(low):
        raise _Review("numbers without a unit of time tthc reads")
    if _NOT_STATED.fullmatch(low.strip(_EDGE_JUNK)):
        return TimeLimitReading(text, stated=False, reason="the text gives no limit")
    raise _Review("no amount of time tthc can read")


def _split_segments(s: str, o: str) -> list[tuple[int, int]]:
    """Spans of the segments: cut at ";", sentence ends, bullets, line breaks, outside ().

    A dash or plus cuts only before a capital, a digit or a token ("kinh tế - xã hội" does not).
    """
    spans: list[tuple[int, int]] = []
    begin = 0
    n = len(s)
    depth = last = 0
    for m in _CUT_CANDIDATE.finditer(s):
        i = m.start()
        depth += s.count("(", last, i) - s.count(")", last, i)
        last = i
        if depth > 0:
            continue  # inside parentheses
        c = s[i]
        if c == " " and _SENTENCE_CASE.match(s, i + 1):
            # "10 ngày làm việc Đối với các xã miền núi … thì …": a new sentence without its
            # full stop, when it opens with a capital, after an amount, and says "thì".
            if o[i + 1].isupper() and _TOKEN_OPEN + "L" in s[begin:i]:
                spans.append((begin, i))
                begin = i + 1
            continue
        if (
            c == ";"
            or (c == "." and (i + 1 == n or s[i + 1] in " -+" or o[i + 1].isupper()))
            or (c == " " and _bullet_starts_item(s, o, i))
        ):
            spans.append((begin, i))
            begin = i + 1
    spans.append((begin, n))
    return [(a, b) for a, b in spans if s[a:b].strip(_EDGE_JUNK)]


_CUT_CANDIDATE = re.compile(
    r"[;.]| (?=(?:[-+•/]|[a-zđ]\)|\([0-9]{1,2}\)|[0-9]{1,2}\.) )"
    r"| (?=(?:đối với|trường hợp|nếu) [^;.]*? thì |nộp (?:trực tiếp|trực tuyến|qua) )"
)
# A capital after an amount, without a full stop: "… 10 ngày làm việc Đối với các xã … thì …",
# "… theo quy định Nộp trực tuyến qua Cổng dịch vụ công …".
_SENTENCE_CASE = re.compile(r"(?:đối với|trường hợp|nếu|nộp) ")


def _bullet_starts_item(s: str, o: str, i: int) -> bool:
    if s[i + 1] not in "-+":
        return True
    nxt = o[i + 3 : i + 4]
    return nxt == "" or nxt.isupper() or nxt.isdigit() or nxt == _TOKEN_OPEN or nxt == "("


_PIECE_SPLIT = re.compile(
    r"(?:,? (?:hoặc|và) |, | \(|\()(?=(?:(?:không quá|tối đa|trong thời hạn|trong vòng) )?"
    + _TOKEN_OPEN
    + r"L)|(?: ?\(|, )(?=(?:trong trường hợp|trường hợp|đối với|nếu) [^()]*"
    + _TOKEN_OPEN
    + r"L)"
)


def _items(t: _Text, found: list[_Found]) -> list[_Item]:
    items: list[_Item] = []
    tail_condition_open = False  # the last item's condition ends its segment: it may go on
    glue: int | None = None  # start of a condition cut by ";" before its amount
    for a, b in _split_segments(t.s, t.o):
        if glue is not None:
            a, glue = glue, None
        seg_s, seg_o = t.s[a:b], t.o[a:b]
        if (
            t.s[b : b + 1] == ";"
            and _TOKEN_OPEN + "L" not in seg_s
            and _HEAD_CONDITION.match(_BULLET.sub("", seg_s.lstrip(" /")))
        ):
            glue = a  # "Đối với các xã miền núi, biên giới; đảo; vùng … thì … 17 ngày"
            continue
        if not any(m.group(1) == "L" for m in _TOKEN_RE.finditer(seg_s)):
            first_letter = seg_o.strip(_EDGE_JUNK)[:1]
            if (
                tail_condition_open
                and t.s[a - 1 : a] == ";"
                and _TOKEN_OPEN + "L" not in seg_s
                and ":" not in seg_s
                and first_letter.islower()
            ):
                # "05 ngày làm việc trường hợp A, B; C hoặc D; - 03 ngày làm việc: …": the
                # condition runs on after a semicolon, up to the next item.
                last = items[-1]
                assert last.condition is not None
                more = _EMPTY_PARENS_INSIDE.sub("", _TOKEN_RE.sub("", seg_o)).strip(_EDGE_JUNK)
                items[-1] = attrs.evolve(last, condition=f"{last.condition}; {more}")
                continue
            _check_ignorable(seg_s)
            tail_condition_open = False
            continue
        cuts = [0]
        joins: list[str] = []
        for m in _PIECE_SPLIT.finditer(seg_s):
            if _TOKEN_OPEN + "L" in seg_s[cuts[-1] : m.start()]:
                cuts.append(m.start())
                joins.append(m.group(0))
        cuts.append(len(seg_s))
        seg_items = [
            _piece(seg_s[cuts[k] : cuts[k + 1]], seg_o[cuts[k] : cuts[k + 1]], found)
            for k in range(len(cuts) - 1)
        ]
        if len(seg_items) > 1 and seg_items[0].head_condition:
            raise _Review("conditions within a condition")
        for join, (before, after) in zip(joins, itertools.pairwise(seg_items), strict=True):
            if " và " in join and before.condition is None:
                raise _Review("amounts joined by 'và': a sum of periods, not alternatives")
            if after.condition is None:
                raise _Review("two amounts in one clause without a condition between them")
        items.extend(seg_items)
        tail_condition_open = seg_items[-1].tail_condition
    return items


def _check_ignorable(seg: str) -> None:
    """A segment without an amount must say nothing about time (an action, a boilerplate line)."""
    kinds = {m.group(1) for m in _TOKEN_RE.finditer(seg)}
    body = _TOKEN_RE.sub(" ", seg).strip(_EDGE_JUNK.replace(":", "") + "() ")
    if "S" in kinds:
        raise _Review("a start clause stands apart from any amount")
    if not body or _HEADER.match(body):
        return
    case = _HEAD_CONDITION.match(_BULLET.sub("", body.lstrip(" /")) + " ")
    if case is not None:
        if _OUTCOME_CASE.match(case.string[case.end() :]) and not _TIME_WORDS.search(body):
            return  # "Trường hợp từ chối, phải thông báo bằng văn bản và nêu rõ lý do": no time
        raise _Review(f"a case without an amount: {body[:60]!r}")
    if _HEADING.fullmatch(body):
        return  # "Thời gian giải quyết của cơ quan BHXH:"
    if _OFFICE_HOURS.match(body) or (
        _CONTACT.match(body) and not _TIME_WORDS.search(_plain_numbers(_URL.sub(" ", body)))
    ):
        return  # where to file the dossier (an address, a link), when the office is open
    if _TIME_WORDS.search(body):
        raise _Review(f"a sentence about time without an amount tthc can read: {body[:60]!r}")


# Where to file or collect (house numbers and links are not amounts), and the office hours.
_CONTACT = re.compile(
    r"\(?(?:địa chỉ|(?:trực tiếp )?nộp (?:hồ sơ )?(?:trực tiếp|trực tuyến|qua|tại)|nhận kết quả"
    r"|(?:hoặc )?(?:link )?đăng ký trực tuyến)(?!\w)"
)
_URL = re.compile(r"https?://\S*")
_OFFICE_HOURS = re.compile(
    r"thời gian tiếp nhận(?: và trả)?(?: hồ sơ| kết quả)*:? (?:trong giờ (?:làm việc|hành chính)"
    r"|từ thứ)[^;]*$"
)
_HEADING = re.compile(
    r"(?:tổng )?(?:thời hạn|thời gian)(?: giải quyết| thực hiện)?(?: của [^:]*)?\s*:|cụ thể\s*:"
)
# The words between a condition or label and its amount ("… thì thời hạn giải quyết không quá").
_QUALIFIER_PHRASES = [
    f"{total}{period}{what}{of}"
    for total in ("", "tổng ")
    for period in ("thời hạn", "thời gian")
    for what in ("", " giải quyết", " thực hiện")
    for of in ("", " hồ sơ", " khiếu nại")
] + [
    "trong thời hạn",
    "tối đa",
    "không quá",
    "không vượt quá",
    "không được quá",
    "trong vòng",
    "trong",
    "chậm nhất",
    "chậm nhất là",
    "chậm nhất sau",
    "chậm nhất là sau",
    "có thể",
    "được",
    "dài hơn nhưng",
    "kéo dài hơn nhưng",
    "kéo dài thêm",
    "tăng thêm",
    "cộng thêm",
    "thì",
    "hoặc",
    "và",
    "là",
]
# Matched on the reversed text, from its start: as fast as the prefix is long.
_QUALIFIERS_REVERSED = re.compile(
    r"(?:\s*(?:[:,(]|(?:"
    + "|".join(re.escape(p[::-1]) for p in sorted(_QUALIFIER_PHRASES, key=len, reverse=True))
    + r")(?!\w)))*\s*"
)


def _qualifiers_start(prefix: str) -> int:
    """Where the qualifiers that end ``prefix`` begin."""
    m = _QUALIFIERS_REVERSED.match(prefix[::-1])
    assert m is not None  # the pattern matches the empty string
    return len(prefix) - m.end()


_CAPPED_EXTENSION = re.compile(r"(?:kéo dài|tăng|cộng) thêm,? nhưng")
_EXTENSION = re.compile(r"(?:tăng thêm|kéo dài thêm|cộng thêm)")
_HEAD_CONDITION = re.compile(
    r"^(?:(?:thời hạn|thời gian)(?: giải quyết)? )?(?:trong trường hợp|trường hợp|đối với|nếu|riêng) "
)
_TAIL_CONDITION = re.compile(r"^:?\s*\(?(?:đối với|trong trường hợp|trường hợp|cho trường hợp) ")
# A case on whether the dossier is complete or eligible is the supplement or refusal path, whose
# amounts are deadlines for a notice, not the procedure's limit.
_OUTCOME_CASE = re.compile(
    r"^(?:trường hợp |nếu )?(?:(?:hồ sơ|đơn) (?:nộp )?(?:chưa|không|đã|đầy đủ|hợp lệ|đủ|cần|phải"
    r"|thiếu)|(?:không )?đủ điều kiện|không (?:cấp|đồng ý|chấp thuận|phê duyệt|đáp ứng|công nhận)"
    r"|từ chối)"
    r"|(?:bổ sung|hoàn thiện|sửa đổi, bổ sung) hồ sơ"
)


def _piece(s: str, o: str, found: list[_Found]) -> _Item:
    limit_tokens = [m for m in _TOKEN_RE.finditer(s) if m.group(1) == "L"]
    if len(limit_tokens) != 1:
        raise _Review("two amounts in one clause")
    tok = limit_tokens[0]
    f = found[int(tok.group(2))]
    pre_s, pre_o = _TOKEN_RE.sub(" ", s[: tok.start()]), _TOKEN_RE.sub(" ", o[: tok.start()])
    # After the amount, between start clauses and exclusions: a condition, then an action.
    post_s, post_o = s[tok.end() :], o[tok.end() :]
    chunks: list[tuple[str, str, bool]] = []  # (lower, as written, last before the segment's end)
    pos = 0
    for m in [*_TOKEN_RE.finditer(post_s), None]:
        end = m.start() if m is not None else len(post_s)
        chunks.append((post_s[pos:end], post_o[pos:end], m is None))
        pos = m.end() if m is not None else end
    lead = len(pre_s) - len(pre_s.lstrip(" /"))
    bullet = _BULLET.match(pre_s[lead:])
    if bullet is not None:
        lead += bullet.end()
    pre_s, pre_o = pre_s[lead:], pre_o[lead:]
    cut = _qualifiers_start(pre_s)
    if _CAPPED_EXTENSION.search(pre_s):
        raise _Review("'kéo dài thêm nhưng không quá': the cap of the total or of the extension?")
    extension = bool(_EXTENSION.search(pre_s[cut:]))
    head_s, head_o = pre_s[:cut].strip(" ,:-("), pre_o[:cut].strip(" ,:-(")
    condition: str | None = None
    head_condition = tail_condition = labelled = False
    if head_s:
        m = _HEAD_CONDITION.match(head_s)
        if m is not None:
            condition = _condition_words(head_o[m.end() :])
            if _CASE_NUMBER.fullmatch(condition):  # "Trường hợp 1 (121 ngày làm việc)"
                condition = head_o[m.start() :].strip()
            head_condition = True
        else:
            labelled = True
            if not _PERIOD_LABEL.match(head_s) or _STAGE_LABEL.search(head_s):
                raise _Review(f"an amount for one stage or party: {head_o[:60]!r}")
    for k, (chunk_s, chunk_o, last) in enumerate(chunks):
        tail_s, tail_o = chunk_s.strip(" .;,"), chunk_o.strip(" .;,")
        if k == 0 and tail_s.startswith(")") and "(" in pre_s:
            tail_s, tail_o = tail_s[1:].strip(" .;,"), tail_o[1:].strip(" .;,")
        if _EMPTY_PARENS.fullmatch(tail_s):
            continue
        m = _TAIL_CONDITION.match(tail_s)
        if m is not None:
            if condition is not None:
                raise _Review("two conditions for one amount")
            condition = _condition_words(_balanced(tail_o[m.end() :]))
            if _LIST_OF_CASES.fullmatch(condition.lower()):
                raise _Review(f"a list of cases follows the amount: {tail_o[:60]!r}")
            tail_condition = last
        elif extension and tail_s.startswith("so với"):
            pass  # "… tăng thêm 10 ngày làm việc so với tổng thời gian thực hiện thủ tục này"
        elif chunk_s.lstrip(" )").startswith(",") and not _TIME_WORDS.search(
            _plain_numbers(tail_s)
        ):
            pass  # the action the agency takes within the limit ("…, Sở Xây dựng cấp giấy phép")
        else:
            raise _Review(f"words after the amount tthc cannot place: {tail_o[:60]!r}")
    if condition is not None and _PARTY.search(condition) and not head_condition:
        raise _Review(f"an amount for one agency or step: {condition[:60]!r}")
    if condition is not None and _OUTCOME_CASE.search(condition.lower()):
        raise _Review(f"a case on the dossier's completeness or eligibility: {condition[:60]!r}")
    return _Item(f.limit, condition, extension, labelled, head_condition, tail_condition, low=f.low)


# "… 30 ngày đối với trường hợp: • A; • B": the cases are listed after, one amount for them all.
_LIST_OF_CASES = re.compile(r"(?:các |những )?(?:trường hợp|đối tượng)(?: sau(?: đây)?)?:?")
_CONDITION_END = re.compile(r"(?i)(?:,?\s+thì\s|,\s*(?:thời hạn|thời han|thời gian)\s)")
# "đối với Sở Nội vụ: 12 ngày": an agency's share of the time, a stage, not a case.
_PARTY = re.compile(
    r"(?i)^(?:các |mỗi )?(?:cơ quan|sở|ủy ban|uỷ ban|ubnd|bộ|cục|chủ tịch|ban|phòng|chi cục"
    r"|tổng cục|hội đồng|bảo hiểm xã hội|trung tâm|cảng vụ|văn phòng|kho bạc|tòa án|viện"
    r"|bước|giai đoạn)(?!\w)|(?:mỗi|từng) (?:bước|giai đoạn|cấp)"
)


def _balanced(text: str) -> str:
    """``text`` without a closing parenthesis that has no opening one."""
    text = text.strip(" .;,")
    while text.endswith(")") and text.count(")") > text.count("("):
        text = text[:-1].strip(" .;,")
    return text


_EMPTY_PARENS = re.compile(r"[\s().;,]*")
_EMPTY_PARENS_INSIDE = re.compile(r"\s*\([\s,]*\)")


def _plain_numbers(s: str) -> str:
    """``s`` without numbers that count things other than time ("03 cây trồng", "Điều 33")."""
    return _DIGITS.sub(" ", s)


def _condition_words(o: str) -> str:
    """The condition as written, up to the words that join it to its amount ("thì", ", thời hạn")."""
    return _balanced(_CONDITION_END.split(o, maxsplit=1)[0].strip(" ,:")).strip(" ,:")


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

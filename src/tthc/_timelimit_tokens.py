"""Pass 1 of the time-limit grammar: the phrases that carry time become tokens.

Private to :mod:`tthc._timelimit_grammar`. The amount/unit grammar ("05 ngày làm việc", "1,5
ngày làm việc" = 12 working hours), same-day forms with their cut-off clause (``D``), ranges
(``R``), amounts (``L``), "kể từ …" start clauses (``S``, the receipt only), "(không kể thời
gian …)" exclusions (``X``) and "(trong đó: …)" breakdowns (``B``); a calendar date or a time of
day is left for review.
"""

from __future__ import annotations

import functools
import re
from datetime import time

import attrs

from tthc._timelimit_lexicon import (
    _DIGITS_THEN_PAREN,
    _DIGITS_THEN_WORDS,
    _PAREN_DIGITS,
    _TOKEN_RE,
    _UNITS,
    _WORDS_THEN_DIGITS,
    _restore,
    _Review,
    _Text,
    _tok,
    words_to_int,
)
from tthc.timelimits import TimeLimit

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

_DATE = re.compile(
    r"(?=[0-9ntcđ])(?:(?<![0-9])[0-9]{1,2}/[0-9]{1,2}(?![0-9/]*/(?:nđ|tt|qđ|qh|nq))|ngày [0-9]{1,2} tháng [0-9]{1,2}"
    r"|(?:trước|chậm nhất|đến) ngày [0-9])"
)

_DECIMAL_POINT = re.compile(r"[.,]")

_CLOCK_TIME = re.compile(r"(?:sau|trước) [0-9]{1,2} ?giờ(?! làm việc| kể từ)")

_DIGIT = re.compile(r"[0-9]")


@attrs.frozen
class _Found:
    """An amount of time found in pass 1 (for a range, the upper bound and the lower one)."""

    limit: TimeLimit
    low: TimeLimit | None = None


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


class _Tokens:
    """Pass 1 over one text: the phrases that carry time become tokens; what they stand for."""

    def __init__(self, clean: str) -> None:
        self.t = _Text(clean)
        self.found: list[_Found] = []
        self.starts: list[str] = []
        self.exclusions: list[str] = []
        self.shares: list[int] = []
        self.restart = False
        self.weekdays_only = False  # "(trừ thứ bảy, chủ nhật và ngày lễ)": working days

    def amounts(self) -> bool:
        """Tokens for the amounts of time (``D``, ``R``, ``L``); whether there is any."""
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
        return bool(self.found)

    def clauses(self) -> None:
        """Tokens for the clauses around the amounts: "kể từ …" (``S``), exclusions (``X``),
        breakdowns (``B``); the notes on restarts and steps are dropped."""
        t = self.t
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
        if self.t.o[m.start() : m.start(name)].isupper():  # "(KHÔNG KỂ THỜI GIAN …)": a heading
            words = words.lower()  # in capitals, not a proper name: read as the canonical case
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

"""Pass 2 of the time-limit grammar: segments, pieces and the words of their conditions.

Private to :mod:`tthc._timelimit_grammar`. The tokenised text is cut into segments (";",
sentence ends, list bullets, line breaks) and pieces (a second amount after "hoặc", "và", "," or
inside parentheses); each piece holding one amount becomes an :class:`_Item`, unconditional or
with the words of its condition ("trường hợp …", "đối với …", "nếu …"). A segment without an
amount must say nothing about time.
"""

from __future__ import annotations

import itertools
import re

import attrs

from tthc._timelimit_lexicon import _EDGE_JUNK, _TOKEN_OPEN, _TOKEN_RE, _Review, _Text
from tthc._timelimit_tokens import _Found
from tthc.timelimits import TimeLimit

_TIME_WORDS = re.compile(
    r"[0-9]|thời hạn|thời gian|ngày|giờ|tháng|tuần|kéo dài|ngay|chậm nhất|trước|sau"
    r"|gia hạn(?! giấy| chứng chỉ| chứng nhận| và cấp)"  # not "gia hạn Giấy phép": a renewal
)

_BULLET = re.compile(r"^(?:[-+•*]|[a-zđ]\)|\(?[0-9]{1,2}\)|[0-9]{1,2}\.(?!\w))\s")

_STAGE_LABEL = re.compile(r"kiểm tra (?:tính đầy đủ|hồ sơ)|tiếp nhận hồ sơ|lấy ý kiến|công khai")

_HEADER = re.compile(r"^(?:thời hạn|thời gian)(?: giải quyết| thực hiện)?(?: hồ sơ)?\s*:?\s*$")

_DIGITS = re.compile(r"[0-9]+")

_CASE_NUMBER = re.compile(r"[0-9]{1,2}")

_PERIOD_LABEL = re.compile(r"(?:tổng )?(?:thời hạn|thời gian) ")


@attrs.frozen
class _Item:
    limit: TimeLimit
    condition: str | None
    extension: bool
    labelled: bool
    head_condition: bool
    tail_condition: bool
    low: TimeLimit | None = None


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

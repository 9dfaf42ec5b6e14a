"""Key facts of a cluster: figures with units and named entities, each with its sources.

Figures: money (``20 tỷ USD``, ``476,8 triệu USD``), percentages (``12%``) and counts
(``205 dự án``, ``640.000 lượt khách``); dates and ordinals (``thứ 3``, ``top 5``) are not
figures. Each figure gets the noun phrase it measures when one is found (``kim ngạch thương
mại``). A figure is marked ``conflict`` when another document gives a different amount for the
same subject and unit in a sentence naming the same entities and years.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from tomtat.dates import find_dates
from tomtat.confidence import SHOWN, figure_bucket, figure_confidence, name_confidence
from tomtat.entities import PERSON, canonical_name, find_entities, merge_aliases
from tomtat.tagging import DEFAULT_TAGGER, may_hold_figure, pos_tokens
from tomtat.models import Cluster, Fact, Sentence
from tomtat.text.language import _marked, language_warning
from tomtat.text.words import LETTER_RUN

__all__ = ["FIGURE_KINDS", "NAME_KINDS", "Figure", "extract_facts", "find_figures"]

_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_SCALES = {
    "nghìn tỷ": 1e12, "ngàn tỷ": 1e12, "nghìn": 1e3, "ngàn": 1e3, "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9
}  # fmt: skip
_CURRENCIES = {
    "usd": "USD", "đô la mỹ": "USD", "đô la": "USD", "đôla": "USD", "vnd": "đồng", "vnđ": "đồng",
    "đồng": "đồng", "euro": "euro", "eur": "euro", "yen": "yen", "yên": "yen",
    "nhân dân tệ": "nhân dân tệ", "ndt": "nhân dân tệ", "bảng anh": "bảng Anh", "won": "won",
    "baht": "baht", "kíp": "kíp", "riel": "riel",
}  # fmt: skip
_SCALE_RE = "|".join(sorted(_SCALES, key=len, reverse=True))
_CUR_RE = "|".join(sorted(_CURRENCIES, key=len, reverse=True))
_MONEY = re.compile(
    rf"(?<![\w.,/])(?P<num>{_NUM})\s*(?P<scale>{_SCALE_RE})?\s*(?P<unit>{_CUR_RE})(?!\w)(?!\s+chí\b)", re.I
)
_PERCENT = re.compile(rf"(?<![\w.,/])(?P<num>{_NUM})\s*(?:%|phần\s+trăm\b)", re.I)
_NUMBER = re.compile(rf"(?:{_NUM})$")
_TIME_UNITS = frozenset(
    "năm tháng ngày tuần giờ tiếng phút giây quý thế kỷ đêm buổi lần thứ".split()
)
_CLASSIFIERS = frozenset("lượt chiếc con cái căn ngôi tấn tòa bức cuốn quả trận".split())
_NOT_COUNT_BEFORE = frozenset("thứ top tốp số hạng khoản điều mục phòng tầng lần".split())
# a number after these names a thing or a rank, it counts nothing: "phường 1", "quốc lộ 13",
# "sinh viên năm 2", "vòng 16", "cả 2 quyết định", "tổ 7", "ấp 3"
_NAME_NUMBER_BEFORE = frozenset(
    """phường quận tổ ấp khu điểm chương lớp năm vòng ván khóa kỳ đường ngõ hẻm ngách kiệt
    nhà garage trạm bến gói cả lộ mã hiệu kênh bảng nhóm đội số đai""".split()
)
_SKIP_BEFORE = frozenset(
    """hơn|khoảng|gần|trên|dưới|chừng|tới|lên|đến|mức|mốc|con số|tổng cộng|xấp xỉ|ước|ước tính|
    đạt|là|vượt|có|chiếm|tăng|giảm|lên tới|trị giá|bằng|thêm|còn|hiện|đã|sẽ|được|trung bình|
    bình quân|khiến|làm|gồm|tới|với|từ|ở""".replace("\n", "").replace("    ", "").split("|")
)
_STOP_POS = frozenset({"E", "C", "CC", "CH", "P", "L", "R", "X", "T", "I", "Z"})
_CUT_WORDS = frozenset(
    """phấn đấu|đề xuất|đề nghị|nhấn mạnh|cho biết|khẳng định|chứng kiến|ký|thông báo|công bố|
    ghi nhận|dự kiến|trong|tại|của|cho|vào|và|khi|để|nhằm|so|theo|như"""
    .replace("\n", "").replace("    ", "").split("|")
)
_TEMPORAL = re.compile(
    r"\b(?:trong\s+)?\d+\s+tháng\s+(?:đầu|cuối)(?:\s+năm)?|\btrong\s+thời\s+gian\s+tới|"
    r"\bcùng\s+kỳ|\b(?:giai\s+đoạn\s+)?(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\b",
    re.I,
)
_CLAUSE_BREAK = re.compile(r"[,;:()\n]")


@dataclass(frozen=True)
class Figure:
    """A figure in a text: ``value`` normalised, ``amount`` comparable within one ``unit``."""

    kind: str  # "money" | "percent" | "count"
    value: str
    amount: float
    unit: str
    surface: str
    start: int
    end: int
    subject: str = ""
    role: str = "current"  # "current" | "earlier" | "forecast" | "hypothetical" | "range"
    direction: str = ""  # "tăng" | "giảm" when the figure is a change


# what a figure is to its clause (docs/facts-guideline.md): a cue before it in its clause, or
# "nếu" anywhere before it in the sentence
_HYPOTHETICAL = re.compile(r"\b(?:nếu|giả sử|giả định|có thể|trường hợp|tối đa|lên đến|lên tới)\b", re.I)
_FORECAST = re.compile(
    r"\b(?:dự kiến|dự báo|kế hoạch|mục tiêu|phấn đấu|sẽ|kỳ vọng|dự định|đặt ra|năm tới|năm sau|"
    r"(?:đến|tới|vào)\s+(?:cuối\s+)?năm\s+20[2-9]\d)\b",
    re.I,
)
_EARLIER = re.compile(
    r"\b(?:so với|từ mức|trước đó|kỳ trước|năm ngoái|năm trước|cùng kỳ|ban đầu|từng|trước đây|"
    r"hồi|trước khi|thời điểm trước|tháng trước)\b",
    re.I,
)
_HYPOTHETICAL_SENTENCE = re.compile(r"\b(?:nếu|có thể|giả sử)\b", re.I)
_EARLIER_CLAUSE = re.compile(r"\b(?:kỳ trước|năm ngoái|trước đó|cùng kỳ|sau vụ|kể từ vụ)\b", re.I)
_EARLIER_SENTENCE = re.compile(r"\b(?:năm ngoái|trước đó|hồi|trước đây|cách đây|cũng đã xảy ra|đã từng)\b", re.I)
_RANGE_BEFORE = re.compile(r"\d\s*(?:đến|tới|-|–)\s*$")
_RANGE_AFTER = re.compile(r"^\s*(?:đến|tới|-|–)\s*\d")
_DIRECTION = re.compile(
    r"(?:^|\s)(tăng trưởng|tăng|giảm|sụt giảm|sụt|nhích|cao hơn|thấp hơn|hạ)"
    r"(?:\s+(?:thêm|khoảng|hơn|gần|trên|dưới|chừng|mạnh|nhẹ|giá|được|tiếp))*\s*$",
    re.I,
)
_DIRECTIONS = {"tăng trưởng": "tăng", "tăng": "tăng", "nhích": "tăng", "cao hơn": "tăng",
               "giảm": "giảm", "sụt giảm": "giảm", "sụt": "giảm", "thấp hơn": "giảm", "hạ": "giảm"}


def _role(text: str, start: int, end: int) -> str:
    """``current`` unless a cue of its clause (or ``nếu`` before it) says otherwise."""
    if _RANGE_BEFORE.search(text[max(0, start - 12) : start]) or _RANGE_AFTER.match(text[end : end + 12]):
        return "range"
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)]
    lo = breaks[-1] if breaks else 0
    after = _CLAUSE_BREAK.search(text, end)
    hi = after.start() if after else len(text)
    before = text[lo:start]
    if _HYPOTHETICAL.search(before) or _HYPOTHETICAL_SENTENCE.search(text[:start]):
        return "hypothetical"
    later = _EARLIER_CLAUSE.search(text, end, hi)  # "500 tỷ đồng năm ngoái", not "tăng 8% so với cùng kỳ"
    if later and re.search(r"\bso\b", text[end : later.start()]):
        later = None
    if _EARLIER.search(before) or _EARLIER_CLAUSE.search(before) or later or _EARLIER_SENTENCE.search(text[:start]):
        return "earlier"
    if _FORECAST.search(before) or _FORECAST.search(text[lo:start]):
        return "forecast"
    return "current"


def _direction(text: str, start: int) -> str:
    m = _DIRECTION.search(text[max(0, start - 40) : start])
    return _DIRECTIONS[m.group(1).lower()] if m else ""


def _glued(text: str, start: int, end: int) -> bool:
    """A number written into a code, a name or a date: ``T-14``, ``12C-04429``, ``Covid-19``,
    ``2-7``, ``3-1``, ``0-0``, ``93A-317.49``."""
    before = text[start - 1] if start else " "
    if before in "-–" and start > 1 and text[start - 2].isdigit():
        return False  # the upper end of "500-5.500 km", "5-7%": a range (see _role)
    if before.isalnum() or before in "-–/.":
        return True
    return bool(re.match(r"[-–/.:]\d", text[end : end + 2]))


_HOUR_G = re.compile(r"(?:lúc|khoảng|vào|từ|đến)\s*$|^\|?\s*(?:\d|cùng ngày|ngày|sáng|trưa|chiều|tối|đêm|hôm)", re.I)
_NOT_UNIT_POS = frozenset("E C CC CH P L R T X I Z".split())
_NOT_UNIT_WORDS = frozenset(
    "thuộc được là bao gồm gồm do quyết định có chỉ đến để trước sau cho từ với và hoặc khi nếu thì đã sẽ cần".split()
    + ["bao gồm", "quyết định"]
)
def _foreign(doc) -> bool:
    """A document that does not look Vietnamese (ingest says so in its warnings; a document
    built in code is checked here, cheaply: Vietnamese has many letters beyond ASCII, but not
    as many as Chinese or Japanese)."""
    if any(w.startswith("does not look Vietnamese") for w in doc.warnings):
        return True
    head = doc.text[:3000]
    extra = (len(head.encode()) - len(head)) / max(1, len(head))
    return (extra < 0.05 or extra > 0.6) and language_warning(head) is not None


_DEFINED = re.compile(r"((?:[A-ZĐ]\w*\s+){2,})\(([^()\s]{2,12})\)")


def _looks_vietnamese(text: str) -> bool:
    """False for a sentence of six or more words of which under a tenth carry a Vietnamese
    letter or tone mark (an English quotation in a Vietnamese article)."""
    if len(text.encode()) - len(text) >= 0.05 * len(text):
        return True  # many letters beyond ASCII: Vietnamese (most of them carry a mark)
    words = LETTER_RUN.findall(text)
    return len(words) < 6 or sum(1 for w in words if _marked(w)) >= 0.1 * len(words)


def _vietnamese_around(text: str, start: int, end: int) -> bool:
    """Whether the three words before a figure or a word of it is Vietnamese: not in
    "the economy grew 5 percent in 2023", quoted in English."""
    before = LETTER_RUN.findall(text[max(0, start - 40) : start])[-3:]
    words = before + LETTER_RUN.findall(text[start:end])
    return not before or any(_marked(w) for w in words)


_TO_BASE = {"km": ("m", 1000.0), "m": ("m", 1.0), "cm": ("m", 0.01), "mm": ("m", 0.001),
            "tấn": ("kg", 1000.0), "kg": ("kg", 1.0), "g": ("kg", 0.001)}
_SAME_UNIT = {"cây số": "km", "mét": "m", "ki-lô-mét": "km", "kilomet": "km", "ký": "kg", "tỉ": "tỷ"}


def _amount(num: str) -> float:
    return float(num.replace(".", "").replace(",", "."))


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < b and a < end for a, b in spans)


_FOLLOW_STOP = frozenset(
    "so là và hoặc nhưng trong từ với tại ở do của cho theo khi nếu để nhằm thì mà như".split()
)
_REPORTING = frozenset("cho biết|cho thấy|rằng|nói|thông báo|công bố|cho hay".split("|"))
Token = tuple[str, str, int, int]
# verbs that take a quantity ("đạt 20 tỷ USD", "thu giữ 25 xe máy"): not part of the subject
_MEASURE_VERBS = frozenset(
    """đạt|tăng|giảm|lên|xuống|rơi|chiếm|thu|thu về|mất|tốn|lùi|giữ|dừng|vượt|chở|gồm|có|còn|là|
    bằng|cần|chi|trả|nộp|vay|cho vay|bán|mua|nhận|đưa|giao|đầu tư|huy động|xuất khẩu|nhập khẩu|
    thu hút|khai thác|tiếp nhận|ghi nhận|đón|phục vụ|cưỡng đoạt|chiếm đoạt|bồi thường|thu giữ|
    tạm giữ|bắt giữ|chuyển|gây|khiến|làm|tặng|thưởng|kéo dài|kéo lê|tăng trưởng|suy giảm|
    sụt giảm|sụt|bốc hơi|ủng hộ|chiếm hưởng|tham ô"""
    .replace("\n", "").replace("    ", "").split("|")
)  # fmt: skip
_NOUNS = frozenset({"mức", "mốc", "con số"})  # in _SKIP_BEFORE, yet nouns inside a phrase
_COPULAS = frozenset("là gồm đạt bằng".split())
_ADVERB_BEFORE = frozenset("khoảng hơn gần trên dưới chừng xấp xỉ tới đến về".split())
_MEASURE_ADJECTIVES = frozenset("nặng cao dài rộng sâu".split())  # "cá nặng 411 kg"
_TENSE = frozenset("sẽ đã đang vừa mới cũng vẫn thì".split())
_DEMONSTRATIVES = frozenset("này đó kia ấy".split())
_QUANTIFIERS = frozenset("một các những mọi mỗi".split())
# word sets the rules below test every token against, built once
_STOP_BUT_ADVERB = _STOP_POS - {"R"}
_SKIP_NOT_NOUN = _SKIP_BEFORE - _NOUNS
_NO_PHRASE_OPENING = (_SKIP_BEFORE - {"mức"}) | _DEMONSTRATIVES | _QUANTIFIERS
_NO_VERB_SUBJECT = _SKIP_BEFORE | _MEASURE_ADJECTIVES
_YEAR = re.compile(r"(?:19|20)\d\d$")
_CLAUSE_VERB = re.compile(r"(?:^|[,;]\s*)(tăng|giảm)\s+\S*\s*$")
_MEASURE = re.compile(
    rf"(?<![\w.,/])(?P<num>{_NUM})\s*(?P<unit>km/h|km2|m2|m3|km|cm|mm|m|kg|g|ha|lít|MW|kW|kV)(?!\w)"
)


def _clause_tokens(text: str, tokens: tuple[Token, ...], lo: int, hi: int) -> list[Token]:
    """The tokens between ``lo`` and ``hi`` minus dates and time phrases (``9 tháng đầu năm``)."""
    part = text[lo:hi]
    gaps = [(lo + m.start, lo + m.end) for m in find_dates(part)]
    gaps += [(lo + m.start(), lo + m.end()) for m in _TEMPORAL.finditer(part)]
    inside = [t for t in tokens if lo <= t[2] and t[3] <= hi]
    dropped = [_overlaps(t[2], t[3], gaps) for t in inside]
    for i in range(len(inside) - 1):  # "trong quý I năm 2024": the preposition goes with it
        if inside[i][1] == "E" and dropped[i + 1]:
            dropped[i] = True
    return [t for t, gone in zip(inside, dropped) if not gone]


def _following(tokens: list[Token], need_noun: bool) -> list[Token]:
    """The phrase right after a figure: ``48% doanh nghiệp có dự định ...``, ``205 dự án còn
    hiệu lực``; it ends at a preposition, conjunction, punctuation or another number (a count's
    phrase may go on with ``của``: ``4 thi hài của người hiến tặng``)."""
    phrase: list[Token] = []
    for word, pos, start, end in tokens[:8]:
        after = tokens[len(phrase) + 1] if len(tokens) > len(phrase) + 1 else ("", "", 0, 0)
        owner = (  # "4 thi hài của người hiến tặng"
            word == "của" and not need_noun and after[1].startswith("N") and after[0][:1].islower()
        )
        tense = not need_noun and word.lower() in _TENSE  # a count's phrase ends at "sẽ"
        if not owner and (
            word.lower() in _FOLLOW_STOP or pos in _STOP_BUT_ADVERB or pos == "M" or tense
        ):
            break
        if not any(ch.isalpha() for ch in word) or any(ch.isdigit() for ch in word):
            break
        phrase.append((word, pos, start, end))
    if need_noun and phrase and not phrase[0][1].startswith("N"):
        return []
    while phrase and phrase[-1][1] == "R":
        phrase.pop()
    return phrase


def _preceding(tokens: list[Token]) -> list[Token]:
    """The noun phrase before a figure, past the words that lead to it (``đạt``, ``khoảng``,
    ``tăng``, ``nặng``): ``tổng vốn đăng ký đạt 2,95 tỷ USD``; an owner, place or beneficiary
    written as a name (``giá dầu tại Venezuela``, ``thiệt hại cho Công ty X``) is left out,
    and so is a clause's own subject (``Vietinbank thực hiện thoái vốn`` -> ``thoái vốn``)."""
    k = len(tokens)
    verbs: list[Token] = []
    while k:
        word, pos = tokens[k - 1][0].lower(), tokens[k - 1][1]
        if word in _REPORTING:
            break
        before = tokens[k - 2] if k > 1 else ("", "", 0, 0)
        measure_adjective = word in _MEASURE_ADJECTIVES and before[0].lower() not in ("chiều", "độ")
        if word in _MEASURE_VERBS or measure_adjective or (
            pos == "V"
            and (before[1] in ("R", "P", "Np") or before[0].lower() in _SKIP_BEFORE or not verbs
                 and word in _CUT_WORDS)
        ):
            verbs.insert(0, tokens[k - 1])
            k -= 1
        elif word in ("nhất", "hơn") and before[1] == "A":  # "nhiệt độ thấp nhất"
            break
        elif word in _SKIP_BEFORE or word in _ADVERB_BEFORE or pos in ("CH", "R", "M"):
            k -= 1  # "từ 24 – 27 độ C": the range's first number too
        else:
            break
    end = k
    while k and (_in_phrase(tokens, k - 1) or (tokens[k - 1][0] in ("nhất", "hơn") and k == end)):
        if tokens[k - 1][0].lower() in _REPORTING:
            break
        k -= 1
    while (
        k
        and tokens[k - 1][0] in ("của", "tại", "ở", "cho")
        and k < end
        and (tokens[k][0][:1].isupper() or tokens[k][0].lower() in _QUANTIFIERS)
    ):
        end = k = k - 1  # "cổ phiếu của một TCTD khác", "thiệt hại cho Công ty X"
        while k and _in_phrase(tokens, k - 1):
            k -= 1
    phrase = tokens[k:end][-6:]
    for m in range(len(phrase) - 1, 0, -1):  # "Vietinbank thực hiện | thoái vốn"
        if phrase[m][1] == "V" and phrase[m - 1][1] in ("Np", "Ny", "P") and m + 1 < len(phrase):
            return phrase[m + 1 :]
    while phrase and (
        phrase[0][1] in ("V", "A")
        or phrase[0][0].lower() in _NO_PHRASE_OPENING
    ):
        phrase = phrase[1:]  # a noun phrase does not open with a verb, "một" or "các"
    if not phrase:
        phrase = [v for v in verbs if v[0].lower() not in _NO_VERB_SUBJECT]
    return phrase


def _opening_phrase(tokens: tuple[Token, ...], before: int) -> list[Token]:
    """The sentence's opening noun phrase (its grammatical subject), when it ends in a verb
    before ``before``: what the figures of its predicate measure."""
    phrase: list[Token] = []
    as_list = list(tokens)
    for i, token in enumerate(tokens):
        if token[2] >= before:
            return []
        if token[1] in ("V", "R") and phrase:
            break
        if not _in_phrase(as_list, i) or token[1] == "Np" and not phrase:
            return []
        phrase.append(token)
    while phrase and phrase[0][0].lower() in _QUANTIFIERS:
        phrase = phrase[1:]
    return phrase[:6] if len(phrase) >= 1 and phrase[0][1].startswith("N") else []


def _subject(text: str, figure: Figure, tokens: tuple[Token, ...], opening: bool = False) -> str:
    """What a figure measures, from the sentence's tagged ``tokens``, or ``""``."""
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, figure.start)]
    lo = breaks[-1] if breaks else 0
    if breaks and text[lo - 1] == ":" and not text[lo : figure.start].strip():
        lo = breaks[-2] if len(breaks) > 1 else 0  # "mức hỗ trợ là: 25.000 đồng"
    after = _CLAUSE_BREAK.search(text, figure.end)
    hi = after.start() if after else len(text)
    right = _clause_tokens(text, tokens, figure.end, hi)
    phrase: list[Token] = []
    left = _clause_tokens(text, tokens, lo, figure.start)
    lead = [t[0].lower() for t in left[-3:] if t[0].lower() not in _ADVERB_BEFORE]
    if lead and lead[-1] in _COPULAS:  # "Quy mô đàn bò ban đầu là 35.700 con bò sinh sản"
        phrase = _preceding(left)
    elif figure.kind == "count" and right and right[0][0].lower() == "là":
        phrase = _following(right[1:], need_noun=True)  # "4 người là thanh thiếu niên"
    elif figure.kind == "count":
        modifiers = _following(right, need_noun=False)
        unit_pos = next((t[1] for t in tokens if t[2] < figure.end <= t[3]), "")
        if modifiers and (unit_pos == "Nu" or _MEASURE.fullmatch(figure.surface)):
            if modifiers[0][1].startswith("N"):  # "30 kg ma túy đá": what is weighed
                phrase = modifiers
        elif any(t[1] in ("V", "A") or t[0] == "của" for t in modifiers) or (
            len(modifiers) > 1 and modifiers[0][1] == "R"  # "dự án còn hiệu lực"
        ):  # "người chết", not "độ C"
            phrase = [(figure.unit, "N", -1, -1), *modifiers]
    else:
        if right and right[0][0].lower() == "là" and figure.kind == "percent":
            right = right[1:]  # "80% là người nhập cư"
        phrase = _following(right, need_noun=True)
    if not phrase:
        phrase = _preceding(left)
    verbs_only = bool(phrase) and all(  # "nâng", "xuống": no subject
        t[1] == "V" or t[0].lower() in _MEASURE_VERBS for t in phrase
    )
    if (not phrase or verbs_only) and opening:  # "Thương mại hai chiều ..., tăng hơn 20% ..."
        phrase = _opening_phrase(tokens, figure.start) or phrase
    elif verbs_only:
        return ""  # the caller looks further: the figure before, the sentence's subject
    while phrase and (phrase[-1][1] in ("M", "CH") or phrase[0][1] == "CH"):
        phrase = phrase[:-1] if phrase[-1][1] in ("M", "CH") else phrase[1:]
    if not phrase:
        return ""
    words = [w for w, *_ in phrase]
    first = words[0].split()
    if phrase[0][2] >= 0 and not text[: phrase[0][2]].strip(" \"“'‘(") and (
        any(s[:1].islower() for s in first[1:]) or (len(first) == 1 and phrase[0][1] != "Np")
    ) and not (len(first[0]) > 1 and first[0].isupper()):  # "VKSND" stays as written
        words[0] = words[0][:1].lower() + words[0][1:]  # the sentence's capital, not a name's
    return " ".join(words).replace(" - ", "-")


def _in_phrase(tokens: list[Token], i: int) -> bool:
    """Whether token ``i`` can belong to a figure's subject noun phrase."""
    word, pos = tokens[i][0], tokens[i][1]
    if word.lower() in _SKIP_NOT_NOUN or word.lower() in _CUT_WORDS:
        return False
    if word == "-":  # "Việt - Lào"
        return 0 < i < len(tokens) - 1 and all(t[0][:1].isupper() for t in tokens[i - 1 : i + 2 : 2])
    if word.lower() in _DEMONSTRATIVES:  # "giá loại nhiên liệu này"
        return i > 0
    has_letter = any(ch.isalpha() for ch in word)
    return pos not in _STOP_POS and has_letter and not any(ch.isdigit() for ch in word)


def find_figures(text: str, tagger: str = DEFAULT_TAGGER) -> list[Figure]:
    """Money, percentages and counts in one sentence, left to right, with their subjects."""
    figures: list[Figure] = []
    taken = [(m.start, m.end) for m in find_dates(text)]
    for m in _MONEY.finditer(text):
        if _glued(text, m.start(), m.start()):
            continue
        num, scale, unit = m.group("num"), (m.group("scale") or "").lower(), m.group("unit")
        currency = _CURRENCIES[unit.lower()]
        amount = _amount(num) * _SCALES.get(scale, 1.0)
        value = " ".join(x for x in (num, scale, currency) if x)
        figures.append(Figure("money", value, amount, currency, m.group(), m.start(), m.end()))
    for m in _PERCENT.finditer(text):
        if _glued(text, m.start(), m.start()):
            continue
        num = m.group("num")
        value, amount = f"{num}%", _amount(num)
        figures.append(Figure("percent", value, amount, "%", m.group(), m.start(), m.end()))
    taken += [(f.start, f.end) for f in figures]
    for m in _MEASURE.finditer(text):  # "10m", "340km/h", "7,02ha": the tagger keeps them whole
        if m.group("unit") == "g" and _HOUR_G.search(text[max(0, m.start() - 12) : m.start()] + "|" + text[m.end() : m.end() + 12]):
            continue  # "khoảng 18g cùng ngày": an hour
        if not _overlaps(m.start(), m.end(), taken) and not _glued(text, m.start(), m.start()):
            num, unit = m.group("num"), m.group("unit")
            figures.append(Figure("count", f"{num} {unit}", _amount(num), unit, m.group(), m.start(), m.end()))
    taken += [(f.start, f.end) for f in figures]
    tokens = pos_tokens(text, tagger)
    for i, (word, _pos, start, _end) in enumerate(tokens):
        if not _NUMBER.match(word) or _overlaps(start, start + len(word), taken):
            continue
        if i and tokens[i - 1][0].lower() in _NOT_COUNT_BEFORE:
            continue
        if _YEAR.match(word):
            continue
        if _glued(text, start, start + len(word)):
            continue
        previous = tokens[i - 1] if i else ("", "", 0, 0)
        if previous[0].lower() in _NAME_NUMBER_BEFORE or previous[0].lower().endswith(" lộ"):
            continue  # "phường 1", "quốc lộ 13", "cả 2"
        if previous[0].lower() in ("trên", "cứ", "mỗi", "/") and word == "1":
            continue  # "số ca trên 1 triệu dân": a rate's denominator
        if previous[1] == "Np" or (previous[0][:1].isupper() and i > 1):
            continue  # a number in a name: "Mông Dương 2", "KIT 95"
        j = i + 1
        scale = ""
        if j < len(tokens) and tokens[j][0].lower() in _SCALES:
            scale = tokens[j][0].lower()
            j += 1
        if j >= len(tokens):
            continue
        unit_word = tokens[j][0]
        if not unit_word.replace(" ", "").isalpha() or not unit_word.islower():
            continue
        if tokens[j][1] in _NOT_UNIT_POS or unit_word in _NOT_UNIT_WORDS:
            continue  # "1 để", "37 do", "cả 2 quyết định", "1 thuộc", "14 được": it counts nothing
        if unit_word.split()[0] in _TIME_UNITS:
            continue
        unit = unit_word
        end = tokens[j][3]
        if unit in _CLASSIFIERS and j + 1 < len(tokens) and tokens[j + 1][0].islower():
            unit = f"{unit} {tokens[j + 1][0]}"
            end = tokens[j + 1][3]
        amount = _amount(word) * _SCALES.get(scale, 1.0)
        value = " ".join(x for x in (word, scale, unit) if x)
        figures.append(Figure("count", value, amount, unit, text[start:end], start, end))
    figures = [f for f in figures if _vietnamese_around(text, f.start, f.end)]
    figures.sort(key=lambda f: f.start)
    out: list[Figure] = []
    for f in figures:
        subject = _subject(text, f, tokens)
        clause_verb = _CLAUSE_VERB.search(text[: f.start])
        if not subject and clause_verb and out:  # "đạt 476,8 triệu USD, tăng 12%"
            subject = out[-1].subject
        if not subject:
            subject = _subject(text, f, tokens, opening=True)
        role = _role(text, f.start, f.end)
        out.append(replace(f, subject=subject, role=role, direction=_direction(text, f.start)))
    return out


@dataclass
class _Acc:
    """Everything known about one fact while reading the cluster."""

    kind: str
    value: str
    text: str
    order: tuple[int, int, int]
    unit: str = ""
    amount: float = 0.0
    subjects: list[str] = field(default_factory=list)
    sources: list[tuple[str, int]] = field(default_factory=list)
    docs: set[str] = field(default_factory=set)
    roles: list[str] = field(default_factory=list)
    directions: list[str] = field(default_factory=list)
    sure: bool = False  # a figure whose confidence reaches the short list's
    comparable: bool = False  # a figure that may be told in conflict (see extract_facts)

    def add(self, sentence: Sentence, subject: str = "") -> None:
        if sentence.key not in self.sources:
            self.sources.append(sentence.key)
        self.docs.add(sentence.doc_id)
        if subject:
            self.subjects.append(subject)

    @property
    def role(self) -> str:
        """``current`` when every mention states it as current, else the other role stated most
        ("chiều dài dự kiến 385 m" in one article, "dài 385 m" in another: a forecast)."""
        if not self.roles:
            return ""
        others = [r for r in self.roles if r != "current"]
        return Counter(others).most_common(1)[0][0] if others else "current"

    @property
    def direction(self) -> str:
        found = [d for d in self.directions if d]
        return Counter(found).most_common(1)[0][0] if found else ""

    @property
    def subject(self) -> str:
        """The subject stated most often (the first one on a tie)."""
        if not self.subjects:  # every name, many figures
            return ""
        counts = Counter(self.subjects)
        return max(counts, key=lambda s: (counts[s], -self.subjects.index(s)), default="")


def _same_subject(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return bool(a and b) and (a == b or a.startswith(b + " ") or b.startswith(a + " "))


FIGURE_KINDS = ("money", "percent", "count")
NAME_KINDS = ("person", "organization", "location")


def _names(cluster: Cluster, accs: dict[str, list[_Acc]]) -> dict[str, _Acc]:
    """One fact a name: mentions of a value with different kinds ("Hải Vân" a person in one
    sentence, a place in another) become the kind stated most often; aliases are merged
    ("Nhật" -> "Nhật Bản", "Hun Manet" -> "Samdech Hun Manet", "TP HCM" -> "TP.HCM")."""
    position = {s.key: i for i, s in enumerate(cluster.sentences)}
    merged: dict[str, _Acc] = {}
    for value, group in accs.items():
        counts = Counter(a.kind for a in group for _ in a.sources)
        kind = max(counts, key=lambda k: (counts[k], -NAME_KINDS.index(k)))
        target = min(group, key=lambda a: a.order)
        target = replace_acc(target, kind=kind)
        for other in group:
            if other is not target:
                _absorb(target, other, position)
        merged[value] = target
    people = [a.value for a in merged.values() if a.kind == PERSON]
    renames = {short.lower(): full.lower() for short, full in merge_aliases(people).items()}
    for value, acc in list(merged.items()):
        if acc.kind != PERSON:
            canonical = canonical_name(acc.value).lower()
            if canonical != value:
                renames[value] = canonical
    for short, full in renames.items():
        if short not in merged:
            continue
        if full not in merged:  # "TP HCM" alone: it takes the canonical spelling
            acc = merged.pop(short)
            acc.value = canonical_name(acc.value)
            merged[full] = acc
            continue
        source, target = merged.pop(short), merged[full]
        _absorb(target, source, position)
    return merged


def replace_acc(acc: _Acc, **changes) -> _Acc:
    return _Acc(**{**acc.__dict__, **changes})


def _absorb(target: _Acc, source: _Acc, position: dict[tuple[str, int], int]) -> None:
    target.sources = sorted(set(target.sources) | set(source.sources), key=position.get)
    target.docs |= source.docs
    if source.order < target.order:
        target.order, target.text = source.order, source.text


def _flag_conflicts(
    mentions: list[tuple[_Acc, Sentence, str]],
    years: dict[tuple[str, int], frozenset[int]],
    context: dict[tuple[str, int], frozenset[str]],
    conflicts: set[tuple[str, str]],
    conflict_with: dict[tuple[str, str], dict[str, set[str]]] | None = None,
) -> None:
    """Add to ``conflicts`` the figures two documents give differently for one measured thing
    (the same subject of two words or more, the same direction, both stated as current), in
    sentences naming the same years and mostly the same entities. Not a conflict: amounts that
    one article states side by side (parts and whole: "3 xe ... 1 xe ... 4 xe"), or one amount
    the sum of the other article's amounts for that subject; ``conflict_with`` records, for
    each conflicting figure, the other amounts and the documents giving them."""
    amounts_in: dict[tuple[str, str], list[float]] = {}
    for acc, sentence, subject in mentions:
        amounts_in.setdefault((sentence.doc_id, subject.lower()), []).append(acc.amount)
    for a, sa, subject_a in mentions:
        for b, sb, subject_b in mentions:
            if a is b or a.kind != b.kind or a.unit != b.unit or sa.doc_id == sb.doc_id:
                continue
            if abs(a.amount - b.amount) <= 0.01 * max(a.amount, b.amount):
                continue
            if not _same_subject(subject_a, subject_b) or years[sa.key] != years[sb.key]:
                continue
            if min(len(subject_a.split()), len(subject_b.split())) < 2:
                continue  # "người", "số tiền": not one measured thing
            if a.role != "current" or b.role != "current" or a.direction != b.direction:
                continue
            if not (a.sure and b.sure) and not (a.comparable and b.comparable and years[sa.key]):
                continue  # see extract_facts
            ca, cb = context[sa.key], context[sb.key]
            if not (ca & cb) or len(ca & cb) / len(ca | cb) < 0.5:
                continue  # nothing named in common, or different places or people
            in_a = [x for (doc, subj), xs in amounts_in.items() if doc == sa.doc_id and _same_subject(subj, subject_b) for x in xs]
            in_b = [x for (doc, subj), xs in amounts_in.items() if doc == sb.doc_id and _same_subject(subj, subject_a) for x in xs]
            if any(abs(x - b.amount) < 1e-9 for x in in_a) or any(abs(x - a.amount) < 1e-9 for x in in_b):
                continue  # one article states both amounts: parts, or two different things
            if len(in_a) > 1 and abs(sum(set(in_a)) - b.amount) < 1e-9:
                continue  # 3 + 1 = 4
            if len(in_b) > 1 and abs(sum(set(in_b)) - a.amount) < 1e-9:
                continue
            conflicts.update({(a.kind, a.value), (b.kind, b.value)})
            if conflict_with is not None:
                conflict_with.setdefault((a.kind, a.value), {}).setdefault(b.value, set()).add(sb.doc_id)
                conflict_with.setdefault((b.kind, b.value), {}).setdefault(a.value, set()).add(sa.doc_id)


def extract_facts(
    cluster: Cluster,
    max_figures: int | None = None,
    max_entities: int | None = None,
    *,
    summary: Iterable[Sentence] = (),
    tagger: str = DEFAULT_TAGGER,
) -> tuple[Fact, ...]:
    """The cluster's figures then its named entities, each list ranked for a reader.

    A fact stated in one of the ``summary`` sentences comes first, then facts stated by more
    documents, then by where they are first stated. All are returned unless ``max_figures``
    / ``max_entities`` say otherwise (``tomtat.render`` shows a short list). Only sentences
    with a digit or a run of capitalised syllables are tagged
    (:func:`tomtat.tagging.needs_tags`); the others are read syllable by syllable.
    """
    in_summary = {s.key for s in summary}
    figures: dict[tuple[str, str], _Acc] = {}
    entities: dict[str, list[_Acc]] = {}
    context: dict[tuple[str, int], frozenset[str]] = {}
    years: dict[tuple[str, int], frozenset[int]] = {}
    mentions: list[tuple[_Acc, Sentence, str]] = []
    # a sentence repeated by several articles is read once (names and figures are frozen)
    entities_of: dict[str, list] = {}
    figures_of: dict[str, list[Figure]] = {}
    # text that is not Vietnamese gets no facts ("billion USD in: 10 billion")
    foreign = {d.id for d in cluster.documents if _foreign(d)}
    for sentence in cluster.sentences:
        order = (sentence.doc_position, sentence.index)
        if sentence.doc_id in foreign or not _looks_vietnamese(sentence.text):
            continue
        found = entities_of.get(sentence.text)
        if found is None:
            found = entities_of[sentence.text] = find_entities(sentence.text, tagger)
        context[sentence.key] = frozenset(e.value.lower() for e in found)
        for e in found:
            group = entities.setdefault(e.value.lower(), [])
            acc = next((a for a in group if a.kind == e.kind), None)
            if acc is None:
                acc = _Acc(e.kind, e.value, e.surface, (*order, e.start))
                group.append(acc)
            acc.add(sentence)
        if not may_hold_figure(sentence.text):
            continue
        years[sentence.key] = frozenset(m.year for m in find_dates(sentence.text) if m.year)
        found_figures = figures_of.get(sentence.text)
        if found_figures is None:
            found_figures = figures_of[sentence.text] = find_figures(sentence.text, tagger)
        for f in found_figures:
            first = _Acc(f.kind, f.value, f.surface, (*order, f.start), f.unit, f.amount)
            # one fact a quantity: "2000 m" and "2.000 m", "50 km" and "50 cây số"
            unit = _SAME_UNIT.get(f.unit, f.unit)
            scale = _TO_BASE.get(unit, (unit, 1.0))
            acc = figures.setdefault((f.kind, scale[0], round(f.amount * scale[1], 6)), first)
            acc.add(sentence, f.subject)
            acc.roles.append(f.role)
            acc.directions.append(f.direction)
            mentions.append((acc, sentence, f.subject))
    names = _names(cluster, entities)
    latest = max((y for ys in years.values() for y in ys), default=None)
    if latest is not None:  # "năm 2013, khiến 3 hành khách thiệt mạng" in a 2016 story;
        # "Năm 2021, 640 ứng viên" in a story of 2022
        for acc, sentence, _subject in mentions:
            old_years = years.get(sentence.key)
            if old_years and max(old_years) < latest and "current" in acc.roles:
                acc.roles[acc.roles.index("current")] = "earlier"

    conflicts: set[tuple[str, str]] = set()
    others: dict[tuple[str, str], dict[str, set[str]]] = {}
    # only mentions of one kind and unit whose subjects share their first word can conflict
    buckets: dict[tuple[str, str, str], list[tuple[_Acc, Sentence, str]]] = {}
    for mention in mentions:
        acc, _sentence, subject = mention
        if subject:
            first = subject.split()[0].lower()
            buckets.setdefault((acc.kind, acc.unit, first), []).append(mention)
    # a conflict needs two figures sure enough to be shown, or dated alike with a subject of
    # three words or more that is neither generic nor cut by a name: "đảng viên nhận Huy hiệu"
    # for several badges, or a price change on two days, pair amounts of different things
    for a in figures.values():
        a.sure = figure_confidence(a.kind, a.unit, a.subject, a.role) >= SHOWN
        a.comparable = a.sure or (
            len(a.subject.split()) >= 3
            and figure_bucket(a.kind, a.unit, a.subject, a.role) in ("money-phrase", "percent-phrase", "count-phrase", "measure")
        )
    for bucket in buckets.values():
        _flag_conflicts(bucket, years, context, conflicts, others)
    conflict_with = {
        key: tuple((value, tuple(sorted(docs))) for value, docs in sorted(values.items()))
        for key, values in others.items()
    }

    by_key = {s.key: s for s in cluster.sentences}
    # abbreviations spelled out as a name: "Sở Giao dịch Chứng khoán Hà Nội (HNX)", not
    # "an ninh Tổ quốc (ANTQ)" or "trái phiếu doanh nghiệp (TPDN)"
    defined_names = {
        m.group(2) for d in cluster.documents for m in _DEFINED.finditer(d.text)
        if m.group(2)[:1] in {w[:1] for w in m.group(1).split()}  # "Hà Nội (HNX)", not "Omenchk (HCV)"
    }

    def confidence(a: _Acc) -> float:
        if a.kind in FIGURE_KINDS:
            return figure_confidence(a.kind, a.unit, a.subject, a.role)
        contexts = []
        for key in a.sources:
            t = by_key[key].text
            i = t.find(a.value)
            if i < 0:
                i = t.find(a.text)
            if i >= 0:
                contexts.append((t[max(0, i - 60) : i], t[i + len(a.value) : i + len(a.value) + 20]))
        return name_confidence(a.kind, a.value, contexts, a.value in defined_names)

    def rank(accs: Iterable[_Acc], limit: int | None) -> list[Fact]:
        ordered = sorted(
            accs, key=lambda a: (not in_summary.intersection(a.sources), -len(a.docs), a.order)
        )
        return [
            Fact(
                kind=a.kind,
                value=a.value,
                text=a.text,
                subject=a.subject,
                sources=tuple(a.sources),
                n_documents=len(a.docs),
                conflict=(a.kind, a.value) in conflicts,
                confidence=round(confidence(a), 3),
                role=a.role,
                direction=a.direction,
                conflict_with=conflict_with.get((a.kind, a.value), ()),
            )
            for a in ordered[:limit]
        ]

    return tuple(rank(figures.values(), max_figures) + rank(names.values(), max_entities))

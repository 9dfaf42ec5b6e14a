"""Named people, organisations and places in Vietnamese news text.

underthesea's default NER tags most names as places (``Phạm Minh Chính`` -> LOC). Here its
part-of-speech tagger finds the proper nouns and rules classify them: a title before a
name marks a person (``Thủ tướng X``, ``Bộ trưởng Ngoại giao X``, ``ông X``), a gazetteer
marks countries and cities, a head word marks an organisation (``Bộ ...``, ``Đảng ...``,
``Công ty ...``), an all-capitals word is an organisation (``ASEAN``). Photo credits
(``Ảnh: X``) are skipped. :func:`baseline_entities` is underthesea's NER as is, kept for
comparison.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from tomtat.tagging import DEFAULT_TAGGER, may_hold_figure, name_tokens, name_windows, pos_tokens
from tomtat.text.words import LETTER_RUN, syllables

__all__ = ["Entity", "baseline_entities", "canonical_name", "find_entities", "merge_aliases", "pos_tokens"]

PERSON, ORGANIZATION, LOCATION = "person", "organization", "location"

_TITLES = """thủ tướng|phó thủ tướng|chủ tịch nước|phó chủ tịch nước|chủ tịch quốc hội|
phó chủ tịch quốc hội|chủ tịch|phó chủ tịch|tổng bí thư|bí thư|thường trực ban bí thư|
bộ trưởng|thứ trưởng|quốc vương|nhà vua|hoàng tử|công chúa|nữ hoàng|tổng thống|phó tổng thống|
ngoại trưởng|đại sứ|tổng giám đốc|phó tổng giám đốc|giám đốc|phó giám đốc|chánh án|viện trưởng|
cục trưởng|vụ trưởng|thống đốc|trưởng ban|phó trưởng ban|tổng thư ký|thủ hiến|thị trưởng|
đại tướng|thượng tướng|trung tướng|thiếu tướng|đại tá|thượng tá|trung tá|thiếu tá|
giáo sư|phó giáo sư|tiến sĩ|bác sĩ|luật sư|nhà báo|nghệ sĩ|ca sĩ|diễn viên|huấn luyện viên|
cầu thủ|tiền vệ|tiền đạo|hậu vệ|thủ môn|ông|bà|anh|chị|cô|thầy|cụ|bé|em|gs|pgs|ts|ths|bs|
hlv|vđv|đối tượng|bị cáo|bị can|nghi phạm|nạn nhân|nhạc sĩ|đạo diễn|nhà văn|nhà thơ|nghị sĩ|
thượng nghị sĩ|hoa hậu|á hậu|người mẫu|danh thủ|tay vợt|võ sĩ|rapper|thái tử"""
_ORG_HEADS = """bộ|đảng|đội|công ty|tổng công ty|tập đoàn|tổng cục|cục|sở|ủy ban|uỷ ban|ban|viện|
học viện|trường|đại học|ngân hàng|hội|hiệp hội|liên đoàn|tòa án|toà án|viện kiểm sát|văn phòng|
đài|báo|bệnh viện|câu lạc bộ|clb|mặt trận|quỹ|tổ chức|hội đồng|công an|quân đội|quân khu|
ủy ban nhân dân|ubnd|hđnd|sở giao dịch|đt"""
# organisations that need no name after them
_ORG_ALONE = """chính phủ|quốc hội|liên hợp quốc|liên hiệp quốc|bộ chính trị|ban bí thư|
trung ương đảng|ban chấp hành trung ương|tòa án nhân dân tối cao|ngân hàng nhà nước|
bộ ngoại giao|bộ công an|bộ quốc phòng|bộ tài chính|bộ y tế|bộ văn hóa thể thao và du lịch|
bộ lao động thương binh và xã hội|bộ tài nguyên và môi trường|bộ giáo dục và đào tạo|
bộ nông nghiệp và phát triển nông thôn|bộ khoa học và công nghệ|bộ thông tin và truyền thông|
bộ giao thông vận tải|bộ kế hoạch và đầu tư|bộ công thương|bộ xây dựng|bộ tư pháp|bộ nội vụ"""
_PLACES = """việt nam|lào|campuchia|thái lan|trung quốc|nhật bản|nhật|hàn quốc|triều tiên|mỹ|hoa kỳ|
nga|pháp|đức|anh|ý|italy|tây ban nha|bồ đào nha|hà lan|bỉ|thụy sĩ|thụy điển|na uy|phần lan|
đan mạch|ba lan|ukraine|belarus|áo|séc|hungary|romania|hy lạp|thổ nhĩ kỳ|iran|iraq|israel|
palestine|syria|ai cập|ả rập xê út|saudi arabia|uae|qatar|ấn độ|pakistan|bangladesh|indonesia|
malaysia|singapore|philippines|myanmar|brunei|đông timor|timor-leste|úc|australia|new zealand|
canada|mexico|brazil|argentina|chile|peru|colombia|venezuela|cuba|nam phi|nigeria|kenya|
mông cổ|đài loan|hong kong|hồng kông|kazakhstan|jordan|ireland|scotland|greenland|miên|
đông nam á|trung đông|châu á|châu âu|châu phi|châu mỹ|biển đông|mekong|mê kông|
hà nội|tp.hcm|tp hcm|tphcm|tp hồ chí minh|thành phố hồ chí minh|sài gòn|hải phòng|đà nẵng|
cần thơ|huế|thừa thiên huế|quảng ninh|hạ long|khánh hòa|nha trang|đà lạt|lâm đồng|bình dương|
đồng nai|nghệ an|thanh hóa|quảng nam|quảng ngãi|bình định|phú yên|gia lai|đắk lắk|kon tum|
lào cai|hà giang|cao bằng|lạng sơn|sơn la|điện biên|lai châu|yên bái|tuyên quang|thái nguyên|
bắc giang|bắc ninh|vĩnh phúc|phú thọ|hòa bình|hải dương|hưng yên|thái bình|nam định|ninh bình|
hà nam|hà tĩnh|quảng bình|quảng trị|bình thuận|ninh thuận|bình phước|tây ninh|vũng tàu|
bà rịa - vũng tàu|long an|tiền giang|bến tre|vĩnh long|trà vinh|đồng tháp|an giang|kiên giang|
phú quốc|hậu giang|sóc trăng|bạc liêu|cà mau|đắk nông|bắc kạn|tokyo|bắc kinh|thượng hải|seoul|
washington|new york|los angeles|london|paris|moskva|moscow|berlin|bangkok|vientiane|viêng chăn|
phnom penh|jakarta|manila|kuala lumpur|geneva|brussels|sydney|canberra|ashgabat|amman|
đại tây dương|thái bình dương|ấn độ dương|bắc băng dương|địa trung hải|
phủ chủ tịch|nhà quốc hội|dinh độc lập"""
# a word before a proper noun that makes it a place
_PLACE_CUES = frozenset(
    "tại ở sông biển núi tỉnh huyện quận xã phường thủ đô đảo vịnh đến tới từ".split()
)
# lowercase words right before a capitalised run that say what it names
_PLACE_WORDS = """thôn|bản|ấp|làng|xóm|cầu|đường|phố|quần đảo|thị trấn|thị xã|thành phố|khu|hồ|đèo|
hầm|chợ|sân bay|cảng|đại lộ|sông|biển|núi|tỉnh|huyện|quận|xã|phường|thủ đô|đảo|vịnh|bang|vùng|
miền|địa phận|kênh đào|eo biển|bán đảo"""
_ORG_WORDS = """hãng|công ty|tập đoàn|ngân hàng|đội bóng|câu lạc bộ|clb|tờ|báo|kênh|đài|siêu thị|
nhà mạng|hãng tin|trường|nhóm|ban nhạc|đội tuyển|hãng hàng không|nhãn hàng|thương hiệu|
điện máy|hãng thông tấn|mạng xã hội"""
_ORG_SUFFIXES = frozenset(
    "airlines airways bank group corp corporation inc ltd holdings university fc united motors "
    "electronics telecom tv news times post daily".split()
)
_ADMIN_WORDS = frozenset("tỉnh huyện quận xã phường thị xã thành phố tp".split())
_NOT_ACRONYM = frozenset(
    "CHDCND CHND CHXHCN CHLB TP USD VND VNĐ EUR GDP FDI ODA CPI CEO PGS TS THS GS BS".split()
)
_STATE_PREFIXES = frozenset("CHDCND CHND CHXHCN CHLB".split())
_ROMAN = re.compile(r"^[IVXLC]+$")
_CREDIT = re.compile(r"(?:Ảnh|Nguồn|Video|Clip|Theo)\s*:\s*$")


def _phrases(spec: str) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(p.split()) for p in spec.replace("\n", "").split("|") if p.strip())


TITLES = _phrases(_TITLES)
PLACE_WORDS = _phrases(_PLACE_WORDS)
ORG_WORDS = _phrases(_ORG_WORDS)
ORG_HEADS = _phrases(_ORG_HEADS)
ORG_ALONE = _phrases(_ORG_ALONE)
PLACES = _phrases(_PLACES)
_MAX_PHRASE = 8
# each table's first syllables, by the table's identity: most positions fail on them at once
# (first syllable -> its longest phrase)
_FIRST_SYLLABLES: dict[int, dict[str, int]] = {}
for _table in (TITLES, PLACE_WORDS, ORG_WORDS, ORG_HEADS, ORG_ALONE, PLACES):
    _longest: dict[str, int] = {}
    for _phrase in _table:
        _longest[_phrase[0]] = max(_longest.get(_phrase[0], 0), len(_phrase))
    _FIRST_SYLLABLES[id(_table)] = _longest


@dataclass(frozen=True)
class Entity:
    """A name found in a text: ``text[start:end]`` is ``surface``."""

    kind: str  # "person" | "organization" | "location"
    value: str  # normalised: title stripped, single spaces
    surface: str
    start: int
    end: int


@dataclass(slots=True)
class _Syl:
    text: str
    start: int
    end: int
    pos: str
    token_start: bool
    token_end: bool
    cap: bool = False  # capitalised
    low: str = ""  # lower case


@lru_cache(maxsize=8192)
def _word_syllables(word: str) -> tuple[tuple[int, int], ...]:
    """Offsets of the syllables of one word (``tomtat.text.words.syllables``) in it; read
    once per word (punctuation and the common words recur in every sentence)."""
    if word.isalpha():  # one syllable, the common case
        return ((0, len(word)),)
    parts = word.split(" ")
    if all(p.isalpha() for p in parts):  # syllables joined by one space: "Hà Nội"
        spans, cursor = [], 0
        for p in parts:
            spans.append((cursor, cursor + len(p)))
            cursor += len(p) + 1
        return tuple(spans)
    lowered, spans, cursor = word.lower(), [], 0
    if len(lowered) != len(word):  # a letter whose lower case is longer: no offsets to trust
        return ((0, len(word)),) if any(c.isalnum() for c in word) else ()
    for syllable in syllables(word):
        at = lowered.find(syllable, cursor)
        if at < 0:
            continue
        cursor = at + len(syllable)
        spans.append((at, cursor))
    return tuple(spans)


def _syllables(text: str, tagger: str = DEFAULT_TAGGER) -> list[_Syl]:
    syls: list[_Syl] = []
    tokens = name_tokens(text, tagger)
    if tagger == "lexicon" and may_hold_figure(text):  # tagged whole for its figures
        tokens = _near_capitals(tokens)
    append, syl = syls.append, _Syl
    for word, pos, start, end in tokens:
        if word.isalpha():  # one syllable, the common case
            append(syl(word, start, end, pos, True, True, word[0].isupper(), word.lower()))
            continue
        parts = _word_syllables(word)
        if len(parts) == 2 and pos != "Np" and len(word.lower()) == len(word):  # no place inside
            (a, b), (c, d) = parts
            low = word.lower()
            syls.append(_Syl(word[a:b], start + a, start + b, pos, True, False, word[a].isupper(), low[a:b]))
            syls.append(_Syl(word[c:d], start + c, start + d, pos, False, True, word[c].isupper(), low[c:d]))
            continue
        cut = _place_prefix(word, parts) if tagger == "lexicon" and pos == "Np" else 0
        for k, (a, b) in enumerate(parts):
            first, last = k in (0, cut), k in (len(parts) - 1, cut - 1)
            text_ = word[a:b]
            syls.append(
                _Syl(text_, start + a, start + b, pos, first, last, text_[:1].isupper(), text_.lower())
            )
    return syls


def _place_prefix(word: str, parts: tuple[tuple[int, int], ...]) -> int:
    """Syllables of a known place opening a longer capitalised word, or 0: the lexicon
    tagger glues unseen capitalised pairs ("Triều Tiên Kim Jong Un"), names of a place do not
    go on into a person's."""
    for n in range(min(len(parts) - 1, 3), 0, -1):
        if tuple(word[a:b].lower() for a, b in parts[:n]) in PLACES:
            # one syllable ("Lào", "Anh") only before a foreign name of two: "Anh Tú" is a name
            if n > 1 or (len(parts) > 2 and word[parts[1][0] :].isascii()):
                return n
    return 0


def _near_capitals(tokens: tuple, before: int = 5, after: int = 4) -> list:
    """The tokens at most ``before`` tokens before or ``after`` after a capitalised one: a
    name, its title and its cue lie there (``phó chủ tịch quốc hội X``, ``siêu thị điện máy
    X``); the rest of the sentence holds no name."""
    keep = [False] * len(tokens)
    last = -1
    for i, token in enumerate(tokens):
        if token[0][:1].isupper():
            for k in range(max(i - before, last + 1), min(len(tokens), i + after + 1)):
                keep[k] = True
            last = min(len(tokens), i + after + 1) - 1
    return [t for t, kept in zip(tokens, keep) if kept]


@lru_cache(maxsize=16)
def _first_syllables(table: frozenset[tuple[str, ...]]) -> frozenset[str]:
    return frozenset(phrase[0] for phrase in table)


def _match(
    syls: list[_Syl], i: int, table: frozenset[tuple[str, ...]], whole_words: bool = True
) -> int:
    """Length of the longest phrase of ``table`` at ``i`` (ending on a word boundary if asked)."""
    longest = _FIRST_SYLLABLES[id(table)].get(syls[i].low, 0)
    for n in range(min(longest, len(syls) - i), 0, -1):
        if whole_words and not syls[i + n - 1].token_end and i + n < len(syls):
            # a place ends where its capitals do, even when the segmenter glued on a word
            # ("Việt Nam thắng")
            if table is not PLACES or syls[i + n].cap or not syls[i + n - 1].cap:
                continue
        if tuple(s.low for s in syls[i : i + n]) in table:
            return n
    return 0


def _is_acronym(word: str) -> bool:
    return (
        len(word) >= 2
        and word.isalpha()
        and word.isupper()
        and word not in _NOT_ACRONYM
        and not _ROMAN.match(word)
    )


def _gap_is_space(text: str, a: _Syl, b: _Syl) -> bool:
    return text[a.end : b.start].strip() in ("", "-")


def _entity(kind: str, text: str, syls: list[_Syl], value: str | None = None) -> Entity:
    while len(syls) > 1 and syls[0].text in _STATE_PREFIXES:  # "CHDCND Lào" -> "Lào"
        syls = syls[1:]
    start, end = syls[0].start, syls[-1].end
    surface = text[start:end]
    return Entity(kind, value or " ".join(s.text for s in syls), surface, start, end)


_PLACE_WORD_FIRST = _FIRST_SYLLABLES[id(PLACE_WORDS)]
_ORG_WORD_FIRST = _FIRST_SYLLABLES[id(ORG_WORDS)]


# first syllables of the tables find_entities tries at each position (a cheap test first)
_TITLE_FIRST = _FIRST_SYLLABLES[id(TITLES)]
_PLACE_FIRST = _FIRST_SYLLABLES[id(PLACES)]
_ORG_ALONE_FIRST = _FIRST_SYLLABLES[id(ORG_ALONE)]
_ORG_HEAD_FIRST = _FIRST_SYLLABLES[id(ORG_HEADS)]


def _cue_before(syls: list[_Syl], i: int) -> str:
    """``location`` or ``organization`` when lowercase words just before ``i`` say so."""
    k = i
    while k > 0 and i - k < 4 and not syls[k - 1].cap and syls[k - 1].text.isalpha():
        k -= 1
    if k == i:
        return ""
    words = [s.low for s in syls[k:i]]
    for n in range(min(3, len(words)), 0, -1):
        if words[-n] in _PLACE_WORD_FIRST and tuple(words[-n:]) in PLACE_WORDS:
            return LOCATION
    for start in range(len(words)):
        if words[start] not in _ORG_WORD_FIRST:  # no phrase of the table opens here
            continue
        for n in range(min(3, len(words) - start), 0, -1):
            if tuple(words[start : start + n]) in ORG_WORDS:
                return ORGANIZATION
    return ""


# heads of names that may hold lowercase words between capitalised ones ("Công ty TNHH một
# thành viên Phát triển Công viên phần mềm Quang Trung", "Công ty Cổ phần nông nghiệp NUTI")
_LOWERCASE_HEADS = _phrases(
    "công ty|tổng công ty|tập đoàn|ngân hàng|hiệp hội|học viện|viện|bệnh viện|trung tâm|trường"
)
_INNER_POS = frozenset({"N", "M", "A"})  # a lowercase word inside such a name: a noun, "một"
_INNER_WORDS = frozenset("một hai ba nhà".split())


def _lowercase_inside(syls: list[_Syl], head_at: int, j: int, head: int) -> int:
    """Where an organisation name goes on after lowercase words at ``j`` (``phần mềm`` in
    ``... Công viên phần mềm Quang Trung``): at most three syllables of nouns, after a head
    of :data:`_LOWERCASE_HEADS` and a capitalised word, before another capitalised word
    (not a title, a place or another organisation's head); else 0."""
    if tuple(s.low for s in syls[head_at : head_at + head]) not in _LOWERCASE_HEADS:
        return 0
    k, n = j, len(syls)
    while k < n and k - j < 3 and not syls[k].cap and syls[k].text.isalpha():
        if syls[k].pos not in _INNER_POS and syls[k].low not in _INNER_WORDS:
            return 0
        if syls[k].low in _ADMIN_WORDS or (syls[k].token_start and _match(syls, k, TITLES)):
            return 0
        if k > j and syls[k].token_start and not _gap_is_space_syl(syls[k - 1], syls[k]):
            return 0
        k += 1
    if k == j or k >= n or not syls[k].cap or not _gap_is_space_syl(syls[k - 1], syls[k]):
        return 0
    if _match(syls, k, PLACES) or _match(syls, k, TITLES) or _match(syls, k, ORG_HEADS, whole_words=False):
        return 0
    return k


def _gap_is_space_syl(a: _Syl, b: _Syl) -> bool:
    return b.start - a.end <= 1


def _is_camel(word: str) -> bool:
    if word[1:].islower():  # no capital after the first letter (most names): no hump
        return False
    return word.isalpha() and any(a.islower() and b.isupper() for a, b in zip(word, word[1:]))


def _foreign_name(text: str, syl: _Syl) -> bool:
    """A lone capitalised word that is a name, not a Vietnamese word that happens to be
    capitalised ("Năm Chủ tịch ASEAN"): no Vietnamese mark, not all capitals, not opening
    a sentence."""
    word = syl.text
    return (
        not _VIETNAMESE_LETTERS.search(word)
        and not word.isupper()
        and not _opens_sentence(text, syl)
    )


def _opens_sentence(text: str, syl: _Syl) -> bool:
    """Whether ``syl`` is capitalised because it opens a sentence, a quote or a clause after ':'."""
    before = text[: syl.start].rstrip(" \"“‘'(")
    return not before or before[-1] in ".!?:…-–"


_VIETNAMESE_LETTERS = re.compile(r"[^\x00-\x7f]")


def _looks_vietnamese(syls: list[_Syl]) -> bool:
    """Whether the sentence is Vietnamese: most of its lowercase syllables carry a mark (``ư``,
    ``ế``, ``đ``); an English sentence has none, and its capitals are no names to tag."""
    lower = [s.text for s in syls if not s.cap and s.text.isalpha()]
    if len(lower) < 4:  # a list of names ("Hậu vệ: Chris Gunter, James Chester")
        return True
    marked = sum(1 for w in lower if _VIETNAMESE_LETTERS.search(w))
    return marked >= 0.15 * len(lower)


_NOT_UPPER_LETTER = "".join(
    c for c in map(chr, range(0x2000)) if c.isalpha() and not c.isupper()
).replace("\\", "").replace("]", "").replace("^", "").replace("-", "")
# a run of letters that does not open with a capital, digits and "_" neither inside nor around
_LOWER_RUN = re.compile(rf"(?<![^\W_])[{_NOT_UPPER_LETTER}][^\W\d_]*(?![^\W_])")


_OPENING_HEADS = frozenset().union(
    *(_FIRST_SYLLABLES[id(t)] for t in (PLACES, ORG_ALONE, ORG_HEADS))
)
_OPENING_PUNCTUATION = "\"“‘'(«[-–"


def _no_name_can_start(text: str) -> bool:
    """Whether ``text`` holds no name for sure, read without tagging: no capital but its
    first letter, and a first word that opens no place or organisation of the tables (a
    name needs a capitalised syllable; a title or a cue needs one after it)."""
    chunks = text.split()
    if not chunks:
        return True
    first = chunks[0].lstrip(_OPENING_PUNCTUATION)
    if any(c.isupper() for c in first[1:]):
        return False
    for chunk in chunks[1:]:
        if chunk[:1].isupper() or (not chunk[:1].isalnum() and any(c.isupper() for c in chunk)):
            return False
    head = LETTER_RUN.match(first)
    return not head or head.group().lower() not in _OPENING_HEADS


def _text_looks_vietnamese(text: str) -> bool:
    """:func:`_looks_vietnamese` read from the whole text (the lexicon tagger reads only the
    parts around capitalised words)."""
    lower = _LOWER_RUN.findall(text)
    if len(lower) < 4:
        return True
    marked = len(lower) - sum(map(str.isascii, lower))
    return marked >= 0.15 * len(lower)


def find_entities(text: str, tagger: str = DEFAULT_TAGGER) -> list[Entity]:
    """People, organisations and places in one sentence, left to right.

    A sentence that does not look Vietnamese (``The Prime Minister met ...``) has none.
    """
    if _no_name_can_start(text):
        return []
    syls = _syllables(text, tagger)
    if not any(s.cap for s in syls):
        return []  # every name needs a capitalised syllable
    title_first = _first_syllables(TITLES)
    out: list[Entity] = []
    i, n = 0, len(syls)

    def name_run(j: int, need_np: bool) -> int:
        """End of a run of capitalised syllables starting at ``j`` (no title/place/org inside)."""
        k = j
        while k < n and syls[k].cap and k - j < 5:
            if k > j and (
                not _gap_is_space(text, syls[k - 1], syls[k])
                or (
                    syls[k].token_start
                    and (syls[k].low in _TITLE_FIRST or syls[k].low in _PLACE_FIRST)
                    and (_match(syls, k, TITLES) or _match(syls, k, PLACES))
                )
            ):
                break
            if need_np and syls[k].pos != "Np":
                break
            k += 1
        # stop on a word boundary ("Hội nghị" is no name), unless the tagger glued a lowercase
        # word to a longer name ("Phạm Minh Chính đề nghị" tagged "Chính đề")
        while k > j and not syls[k - 1].token_end and k < n and (syls[k].cap or k - j < 3):
            k -= 1
        return k

    while i < n:
        syl = syls[i]
        if not syl.token_start or (not syl.cap and syl.low not in title_first):
            i += 1  # a lowercase syllable can only open a title ("ông X")
            continue
        if syl.cap and ":" in text[max(0, syl.start - 12) : syl.start] and _CREDIT.search(
            text[max(0, syl.start - 12) : syl.start]
        ):
            i = max(name_run(i, need_np=False), i + 1)  # "Ảnh: Ngọc Thành" is a credit
            continue
        if syl.text in _STATE_PREFIXES:  # "CHDCND" before "Lào"
            i += 1
            continue
        title = _match(syls, i, TITLES) if syl.low in _TITLE_FIRST else 0
        if (
            title
            and i + title < n
            and syls[i + title].cap
            and _gap_is_space(text, syls[i + title - 1], syls[i + title])
        ):
            j = i + title
            # "Thủ tướng Lào X", "Chủ tịch nước CHDCND Lào X", "Bộ trưởng Ngoại giao X"
            while j < n:
                place = _match(syls, j, PLACES)
                ministry = _match(syls, j, ORG_ALONE) if syls[j].cap else 0
                if place:
                    out.append(_entity(LOCATION, text, syls[j : j + place]))
                    j += place
                elif ministry:  # "Thứ trưởng Bộ Văn hóa, Thể thao và Du lịch Lê Khánh Hải"
                    out.append(_entity(ORGANIZATION, text, syls[j : j + ministry]))
                    j += ministry
                elif (
                    syls[j].token_start
                    and syls[j].cap
                    and syls[j].pos != "Np"
                    and not _is_acronym(syls[j].text)
                ):
                    k = j + 1
                    while k < n and not syls[k].token_start:
                        k += 1
                    if k < n and syls[k].cap:
                        j = k  # a portfolio word ("Ngoại giao") before the name
                    else:
                        break
                elif syls[j].text in _NOT_ACRONYM:
                    j += 1
                else:
                    break
            end = name_run(j, need_np=False)
            if end > j and not _is_acronym(syls[j].text):
                out.append(_entity(PERSON, text, syls[j:end]))
                i = end
            else:
                i = max(j, i + 1)
            continue
        alone = _match(syls, i, ORG_ALONE) if syl.low in _ORG_ALONE_FIRST else 0
        # "Đảng Cộng sản" may be one word
        head = _match(syls, i, ORG_HEADS, whole_words=False) if syl.low in _ORG_HEAD_FIRST else 0
        if syl.cap and (alone or head):
            j = i + max(alone, head)
            while j < n and _gap_is_space(text, syls[j - 1], syls[j]):
                if syls[j].cap and not (syls[j].token_start and _match(syls, j, TITLES)):
                    j += 1
                    while j < n and not syls[j].token_start:  # the rest of "Khoa học"
                        j += 1
                elif (
                    syls[j].low in _ADMIN_WORDS
                    and j + 1 < n
                    and (syls[j + 1].cap or syls[j + 1].low in _ADMIN_WORDS)
                    and j > i + max(alone, head) - 1
                ):
                    j += 1  # "UBND tỉnh Gia Lai", "Công an thị xã Phú Mỹ"
                elif (
                    syls[j].text == "và"
                    and j + 1 < n
                    and syls[j + 1].cap
                    and not _match(syls, j + 1, ORG_HEADS, whole_words=False)
                    and not _match(syls, j + 1, ORG_ALONE)
                ):
                    j += 1
                elif j > i + max(alone, head) and _lowercase_inside(syls, i, j, max(alone, head)):
                    j = _lowercase_inside(syls, i, j, max(alone, head))
                else:
                    break
            if j > i + head or alone:
                out.append(_entity(ORGANIZATION, text, syls[i:j]))
                i = j
                continue
        place = _match(syls, i, PLACES) if syl.low in _PLACE_FIRST else 0
        if place and syl.cap:
            out.append(_entity(LOCATION, text, syls[i : i + place]))
            i += place
            continue
        cue = _cue_before(syls, i) if syl.cap and syl.token_start else ""
        if cue:  # "thôn Đông Xuyên", "cầu Phú Mỹ", "hãng Sony", "siêu thị điện máy Kim Nguyên"
            end = name_run(i, need_np=False)
            if end > i:
                out.append(_entity(cue, text, syls[i:end]))
                i = end
                continue
        if _is_acronym(syl.text) and syl.token_end:
            out.append(_entity(ORGANIZATION, text, [syl]))
            i += 1
            continue
        if syl.cap and _is_camel(syl.text):  # "VietinBank", "SaigonBank"
            out.append(_entity(ORGANIZATION, text, [syl]))
            i += 1
            continue
        if syl.cap and syl.pos == "Np":
            end = name_run(i, need_np=True)
            if end > i:
                before = syls[i - 1].low if i else ""
                last = syls[end - 1].low
                if before in _PLACE_CUES:
                    out.append(_entity(LOCATION, text, syls[i:end]))
                elif last in _ORG_SUFFIXES and end - i >= 2:  # "Vietnam Airlines", "Sun Group"
                    out.append(_entity(ORGANIZATION, text, syls[i:end]))
                elif end - i >= 2 or _foreign_name(text, syl):  # "Karius", "Alves"
                    out.append(_entity(PERSON, text, syls[i:end]))
                i = end
                continue
        i += 1
    # read last: most sentences with a capital hold no name, and need no such check
    if out and not (_text_looks_vietnamese(text) if tagger == "lexicon" else _looks_vietnamese(syls)):
        return []
    return out


# other spellings of one place or organisation -> the one shown (matched case-insensitively)
_ALIASES = {
    "TP.HCM": "tp hcm|tp. hcm|tphcm|tp hồ chí minh|tp. hồ chí minh|thành phố hồ chí minh|"
    "thành phố hcm|tp.hồ chí minh",
    "Nhật Bản": "nhật",
    "Mỹ": "hoa kỳ",
    "Campuchia": "miên|cam-pu-chia",
    "Liên Hợp Quốc": "liên hiệp quốc|lhq",
    "Vientiane": "viêng chăn",
    "Moskva": "moscow|matxcơva|mát-xcơ-va",
    "Mekong": "mê kông|mê-kông",
    "Hong Kong": "hồng kông",
    "Australia": "úc",
    "Ý": "italy|italia",
    "Hà Nội": "tp hà nội|tp. hà nội|thành phố hà nội|thủ đô hà nội",
}  # fmt: skip
_CANONICAL = {
    alias: name for name, spec in _ALIASES.items() for alias in (name.lower(), *spec.split("|"))
}


def canonical_name(value: str) -> str:
    """The spelling shown for a place or organisation written several ways
    (``"TP HCM"``, ``"Thành phố Hồ Chí Minh"`` -> ``"TP.HCM"``; ``"Nhật"`` -> ``"Nhật Bản"``)."""
    key = re.sub(r"\s+", " ", value.lower()).strip()
    return _CANONICAL.get(key, _CANONICAL.get(key.replace(".", ". ").replace("  ", " "), value))


def merge_aliases(names: Iterable[str]) -> dict[str, str]:
    """Map a short person name to the one longer name ending with it.

    ``"Siphandone"`` -> ``"Sonexay Siphandone"``, ``"Manet"`` and ``"Hun Manet"`` ->
    ``"Samdech Hun Manet"``; left out when several different longer names fit.
    """
    names = sorted(set(names), key=lambda s: (-len(s.split()), s))
    ending_with: dict[str, list[str]] = {}  # "Manet" -> ["Hun Manet", "Samdech Hun Manet"]
    for name in names:
        words = name.split()
        for k in range(1, len(words)):
            ending_with.setdefault(" ".join(words[k:]), []).append(name)
    alias: dict[str, str] = {}
    for short in names:
        # longest first, so that "Hun Manet" already points to "Samdech Hun Manet"
        longer = {alias.get(n, n) for n in ending_with.get(short, [])}
        if len(longer) == 1:
            alias[short] = longer.pop()
    return alias


_NER_KINDS = {"PER": PERSON, "ORG": ORGANIZATION, "LOC": LOCATION}


def baseline_entities(text: str) -> list[Entity]:
    """underthesea's default NER, spans as it tags them (for comparison only)."""
    from underthesea import ner

    out: list[Entity] = []
    cursor = 0
    current: list[tuple[str, int, int]] = []
    kind = ""

    def flush() -> None:
        if current and kind in _NER_KINDS:
            start, end = current[0][1], current[-1][2]
            value = " ".join(w for w, _, _ in current)
            out.append(Entity(_NER_KINDS[kind], value, text[start:end], start, end))
        current.clear()

    for word, _pos, _chunk, tag in ner(text):
        start = text.find(word, cursor)
        if start < 0:
            continue
        cursor = start + len(word)
        if tag.startswith("B-"):
            flush()
            kind = tag[2:]
            current.append((word, start, cursor))
        elif tag.startswith("I-") and current:
            current.append((word, start, cursor))
        else:
            flush()
    flush()
    return out

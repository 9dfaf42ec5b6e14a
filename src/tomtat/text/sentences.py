"""Split Vietnamese text into sentences, as character spans.

A rule-based splitter (underthesea's ``sent_tokenize`` breaks "PGS.TS. Trần", splits inside
quotes and loses offsets): a sentence ends at ``.``, ``!``, ``?`` or an ellipsis (plus any
closing quotes/brackets) followed by white space and a capital letter, a digit or an
opening quote; never after a known abbreviation ("TS.", "PGS.TS.", "TP.") or a list number
("1."). A full stop glued to a capitalised word ("ASEAN.Việt Nam", a scraping artefact) also
ends a sentence. A newline always ends one.

A person's initial (news anonymises names: "Nguyễn Hữu T.", "anh L.", "bà Đ. T.H", "chị P.T.N",
"Kh.", "Ng.") ends a sentence only before a capitalised word ("… chém anh L. Anh L. bỏ chạy"):
before "(", ",", a dash, a digit ("SN 1990", "anh L. 40 triệu đồng"), another initial or a
lower-case word it does not. An initial is a capital letter or a Vietnamese initial consonant,
or a run of them joined by stops, after a capitalised name word or a title word ("anh", "bị
cáo", "nạn nhân"); "H.", "Q.", "P." after anything else stay the place abbreviations (huyện,
quận, phường). On 3,000 VNDS held-out articles this takes the cuts inside a gold sentence after
an initial from 215 to 35 (``benchmarks/splitter_bench.py``).
"""

from __future__ import annotations

import re

# abbreviations that take a full stop and are followed by a capitalised name
ABBREVIATIONS = frozenset(
    """ts ths th.s pgs gs bs bsck ks ls ns nsnd nsưt tp tx tt q p h ql tl ng mr mrs ms dr st
    prof no vol nxb ttg ubnd hđnd đc ttxvn""".split()
)
_CLOSERS = "\"”’'»)]"
_OPENERS = "\"“‘'«([-–—"
_END = re.compile(r"(?:\.\.\.|[.!?…])+[" + re.escape(_CLOSERS) + r"]*")
_PREV_TOKEN = re.compile(r"([\w.]+)$")
_ENUMERATOR = re.compile(r"^(?:\d{1,3}|[a-zA-Z]|[IVXLC]{1,5})$")

# a person's initial: one capital letter, or a Vietnamese initial consonant ("Kh.", "Ng.", "Th.")
_DIGRAPHS = {"C": ("h",), "G": ("h", "i"), "K": ("h",), "N": ("g", "h", "gh"), "P": ("h",), "Q": ("u",), "T": ("h", "r")}
# words a name follows: kinship and title words, the last syllable of "bị cáo", "đối tượng",
# "nạn nhân", "nghi phạm", "nghi can", "nữ sinh"...
TITLE_WORDS = frozenset(
    """anh chị ông bà cháu bé em cô chú bác cụ cậu dì thím mợ cáo tượng nhân phạm can tên gã
    thầy sinh con vợ chồng mẹ bố cha""".split()
)
_NEXT_INITIALS = re.compile(r"((?:[^\W\d_]{1,3}\.\s?)*[^\W\d_]{1,3})(\.|\s*[(,]|\s*$)")
_BIRTH = re.compile(r"SN\s*\d")
_NEXT_WORD = re.compile(r"[^\W\d_]+")
_VOWELS = "AĂÂEÊIOÔƠUƯYÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ"
# An initial before a capitalised word: a new sentence. Measured on 3,000 VNDS held-out
# articles, the cuts this rule makes fall on a gold line end 30 times and inside a line 14 times,
# 8 of which read as sentence ends VNDS's own segmenter missed ("… cãi nhau với anh M. Trong cơn
# say …"); the other 6 are Western middle initials ("Andrew M. Stroth") and photo credits.
INITIAL_BEFORE_CAPITAL_ENDS = True


def _is_initial(part: str) -> bool:
    """"T", "Đ", "Kh", "Ng", "Ngh", "Th", "Tr", "Qu": a name shortened to its first letters."""
    part = part.lstrip("_")
    if not part or not part[0].isupper() or not part.isalpha():
        return False
    return len(part) == 1 or part[1:] in _DIGRAPHS.get(part[0], ())


def _initials(token: str) -> bool:
    """"T", "T.H", "P.T.N", "H._P": initials joined by stops."""
    parts = token.split(".")
    return all(_is_initial(p) for p in parts)


def _name_initial(text: str, start: int, end_punct: int) -> bool:
    """Does the stop at ``end_punct`` close a person's initial ("Nguyễn Hữu T.", "anh L.",
    "bà Đ. T.H", "chị P.T.N")? The initials must follow a capitalised word or a title word."""
    head = text[max(start, end_punct - 80) : end_punct].split()
    if not head or not _initials(head[-1]):
        return False
    k = len(head) - 1
    if "." in head[k].strip("."):
        return True  # a run "N.T", "P.T.N": initials whatever comes before
    while k > 0 and head[k - 1].endswith(".") and _initials(head[k - 1][:-1]):
        k -= 1  # "Đ. T. H": the initials before this one
        if "." in head[k].strip("."):
            return True  # "V.Đ. T."
    if k == 0:
        return False
    before = head[k - 1].strip("\"“”'(,;:")
    if before in TITLE_WORDS:
        return True  # lower case: "anh", not the place "Tam Bố"
    # "Nguyễn Văn T.", not "UBND Q.", "TAND H.", "T X." (huyện, quận, phường, thị xã) nor
    # "Đông Nam Á.", "Dana Ý." (Asia, Italy)
    return (
        len(before) > 1
        and before[0].isupper()
        and before[1:].islower()
        and before.isalpha()
        and head[-1].lower() not in ABBREVIATIONS
        and head[-1] not in ("Á", "Ý")
    )


def _after_initial_ends(rest: str) -> bool:
    """After a person's initial and its stop, does a new sentence start at ``rest``?"""
    nxt = rest.lstrip()
    if not nxt:
        return True
    if nxt[0] in "(,;:-–—" or nxt[0].isdigit() or _BIRTH.match(nxt):
        return False  # "T. (SN 1990)", "N.Q. D. - phó phòng", "đưa bà V. 500 triệu đồng"
    m = _NEXT_INITIALS.match(nxt)
    if m and _initials(m.group(1).replace(". ", ".").replace(" ", ".")):
        return False  # "bà N.T. L. (SN 1967)", "Ph. T.T. H. cùng ..."
    m = _NEXT_WORD.match(nxt)
    if m and _is_initial(m.group(0)) and m.group(0)[0] not in _VOWELS:
        return False  # "anh N.T. D đã qua cơn nguy kịch": no Vietnamese word is a lone consonant
    return INITIAL_BEFORE_CAPITAL_ENDS


def _is_boundary(text: str, start: int, end_punct: int, after: int) -> bool:
    """Does the sentence started at ``start`` end with the punctuation run ending at ``after``?"""
    rest = text[after : after + 64]
    glued = not rest[:1].isspace()
    nxt = rest.lstrip(" ")
    if not nxt:
        return True
    if glued:
        # "ASEAN.Việt Nam": only a full stop glued to a capitalised word of lower-case letters
        word = re.match(r"\w+", nxt)
        if text[after - 1] != "." or not word or len(word.group(0)) < 2:
            return False
        w = word.group(0)
        if not (w[0].isupper() and w[1:].islower() and w[1:].isalpha()):
            return False
    else:
        i = 0
        while i < len(nxt) - 1 and nxt[i] in _OPENERS:
            i += 1
        first = nxt[i]
        if first.isalpha() and not first.isupper():
            return False
    punct = text[end_punct:after]
    if punct.startswith(".") and not punct.startswith("..."):
        prev = _PREV_TOKEN.search(text[max(start, end_punct - 40) : end_punct])
        if prev:
            if punct == "." and _name_initial(text, start, end_punct):
                return _after_initial_ends(text[after : after + 64])
            token = prev.group(1).lower().strip(".")
            last = token.rsplit(".", 1)[-1]
            if token in ABBREVIATIONS or last in ABBREVIATIONS:
                return False
            if _ENUMERATOR.match(token) and end_punct - start <= 12 and text[start:end_punct].strip() == prev.group(1):
                return False  # "1. Thay vì ..." is a numbered item, not a sentence
    return True


def _split_line(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = lo
    for m in _END.finditer(text, lo, hi):
        if not _is_boundary(text, start, m.start(), m.end()):
            continue
        after = m.end()
        spans.append((start, after))
        start = after
    spans.append((start, hi))
    return spans


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of ``text``; ``text[start:end]`` is stripped."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        for a, b in _split_line(text, pos, pos + len(line)):
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if b > a:
                spans.append((a, b))
        pos += len(line) + 1
    return spans


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` as strings."""
    return [text[a:b] for a, b in split_sentences(text)]

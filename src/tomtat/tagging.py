"""Part-of-speech tags of a sentence: one tagging, cached per sentence, for every stage.

Facts (figures and their subjects) and names are the stages that need words and tags; they
call :func:`pos_tokens` here, so a sentence is tagged once however many stages read it, and
:func:`needs_tags` says which sentences are worth tagging at all (those with a digit or a
capitalised syllable after the first: a sentence without either holds no figure and no name).

Three taggers are available. ``"lexicon"`` (the default) needs no sequence model: words from a
table of syllable pairs that VNDS's own word segmentation joins, and each word's most frequent
tag from pyvi, both built once by ``scripts/train_tagger.py`` into
``tomtat/data/tagger.json.gz`` (capitalised words are proper nouns, numbers ``M``); it costs
about 0.04 ms of CPU a sentence and scores at least as well as pyvi on both halves of the
gold set.
Two CRF taggers from well-kept libraries ship in their wheels (nothing is downloaded):
``"pyvi"`` (pyvi's ViTokenizer + ViPosTagger, about half a millisecond a sentence) and
``"underthesea"`` (underthesea's ``pos_tag``, five times slower). ``benchmarks/facts_bench.py``
compares them on the gold set in ``tests/data``. Models load on first use, once.
"""

from __future__ import annotations

import gzip
import json
import re
import threading
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources

from tomtat.text.words import syllables

__all__ = [
    "DEFAULT_TAGGER", "TAGGERS", "may_hold_figure", "name_tokens", "name_windows", "needs_tags",
    "pos_tokens", "syllable_tokens",
]  # fmt: skip

TAGGERS = ("lexicon", "pyvi", "underthesea")
DEFAULT_TAGGER = "lexicon"
POS_CHUNK = 120  # syllables: both sequence models slow down on very long inputs

Token = tuple[str, str, int, int]  # (word, pos, start, end): text[start:end] is the word

_LOAD = threading.Lock()
# pyvi's CRF taggers (pycrfsuite objects shared by every caller) are not known to be safe
# across threads, and the web app summarizes in a thread pool: one tagging at a time
_RUN = threading.Lock()
_DIGIT = re.compile(r"\d")
_FIRST_LETTER = re.compile(r"[^\W\d_]")


_NUMBER_THEN = re.compile(r"(?<![\w.,/])(\d[\d.,]*)\s*(%|[^\W\d_]+)")
_NOT_A_UNIT = frozenset("năm tháng ngày tuần giờ phút giây quý h g tuổi lần thứ".split())


_MEASURE_UNITS = frozenset("m km cm mm kg g tấn ha lít m2 m3 km2 MW kW".split())


@lru_cache(maxsize=8192)
def may_hold_figure(text: str) -> bool:
    """Whether ``text`` may hold a figure (a number followed by ``%``, a currency or a
    lowercase word other than a time unit): only those sentences need parts of speech.
    ``"Ngày 11/12, năm 2023"`` holds none."""
    for m in _NUMBER_THEN.finditer(text):
        number, after = m.group(1).rstrip(".,"), m.group(2)
        if re.fullmatch(r"(?:19|20)\d\d", number) and after not in _MEASURE_UNITS:
            continue  # "năm 2023", but "dài 2000 m"
        if after == "%" or after in ("USD", "VND", "VNĐ", "EUR") or (
            after[:1].islower() and after.lower() not in _NOT_A_UNIT
        ):
            return True
    return False


def needs_tags(text: str) -> bool:
    """Whether ``text`` needs the tagger: a digit (a figure, whose subject needs the parts of
    speech) or a run of two capitalised syllables (a name of several syllables: ``Hà Nội``,
    ``Phạm Minh Chính``). Other sentences (``"Ông Trump đến Lào."``) are read syllable by
    syllable: titles, gazetteers and acronyms still find their names, untitled people of
    several syllables cannot be there."""
    if _DIGIT.search(text):
        return True
    previous = False
    for token in text.split():
        letter = _FIRST_LETTER.search(token)
        capitalised = bool(letter and letter.group().isupper())
        if capitalised and previous:
            return True
        previous = capitalised and not token[-1:] in ",;:.!?)”\"'"
    return False


def syllable_tokens(text: str, offset: int = 0) -> tuple[Token, ...]:
    """``text`` as syllables (``tomtat.text.words.syllables``) with offsets (plus ``offset``)
    and no tag (``pos == ""``): what a sentence that needs no tagger is read as."""
    out: list[Token] = []
    for m in re.finditer(r"\S+", text):
        word, lowered, cursor = m.group(), m.group().lower(), 0
        if len(lowered) != len(word):
            continue
        for syllable in syllables(word):
            at = lowered.find(syllable, cursor)
            if at < 0:
                continue
            cursor = at + len(syllable)
            out.append((word[at:cursor], "", offset + m.start() + at, offset + m.start() + cursor))
    return tuple(out)


def _chunks(text: str, size: int = POS_CHUNK) -> Iterator[tuple[int, str]]:
    """``(offset, piece)`` of ``text`` cut at whitespace every ``size`` syllables."""
    spaces = [m.start() for m in re.finditer(r"\s+", text)]
    start = 0
    for cut in spaces[size - 1 :: size]:
        yield start, text[start:cut]
        start = cut
    yield start, text[start:]


def _punctuation(word: str, tag: str) -> str:
    """pyvi marks punctuation F (underthesea: CH), and may call a dash a noun: CH for both."""
    return "CH" if tag == "F" or not any(c.isalnum() for c in word) else tag


LEXICON_VERSION = 2  # the tables this code reads; scripts/train_tagger.py writes this version


@lru_cache(maxsize=1)
def _lexicon() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str], dict[str, str]]:
    """The fast tagger's tables: joined pairs, capitalised pairs apart, syllables that end /
    start a word next to a capital, word -> tag."""
    data = resources.files("tomtat").joinpath("data/tagger.json.gz").read_bytes()
    model = json.loads(gzip.decompress(data))
    if model.get("version") != LEXICON_VERSION:
        raise RuntimeError(
            f"tomtat/data/tagger.json.gz is version {model.get('version')}, this code reads "
            f"version {LEXICON_VERSION}: rebuild it with scripts/train_tagger.py"
        )
    sets = (frozenset(model[k]) for k in ("joined", "apart", "ends", "starts"))
    return (*sets, model["tags"])  # type: ignore[return-value]


# a token: an abbreviation with inner full stops (TP.HCM), a number (2,95  35.225  22/6), a
# run of letters (a syllable) or of letters and digits (U23, 10m), one punctuation mark
_LEX_TOKEN = re.compile(
    r"[^\W\d_]+(?:\.[^\W\d_]+)+|\d+(?:[.,/:]\d+)*(?![^\W_])|[^\W_]+|[^\w\s]|_"
)
_OPENERS = frozenset('.!?:;"“‘\'(…-–')
MAX_WORD_SYLLABLES = 4


def _pieces(text: str, near_capitals: bool = False) -> Iterator[tuple[str | None, int, int]]:
    """The :data:`_LEX_TOKEN` pieces of ``text`` with their offsets; a chunk between spaces
    that is one syllable (most are) skips the regular expression. With ``near_capitals``,
    only chunks at most 5 before or 4 after a capitalised one (room for a title or a cue:
    ``phó chủ tịch quốc hội X``, ``siêu thị điện máy X``); each run left out is one
    ``(None, opens, 0)``, ``opens`` saying whether the run ended a sentence or clause."""
    chunks = text.split(" ")
    keep = None
    if near_capitals:
        keep = [False] * len(chunks)
        for i, chunk in enumerate(chunks):
            head = chunk[:1]
            if head.isupper() or (head in _OPENERS and chunk[1:2].isupper()):  # capitalised
                keep[max(0, i - 5) : i + 5] = [True] * (min(len(chunks), i + 5) - max(0, i - 5))
    cursor = 0
    skipped = False
    for i, chunk in enumerate(chunks):
        if keep is not None and not keep[i]:
            skipped = True
            cursor += len(chunk) + 1
            continue
        if skipped:
            yield None, bool(chunks[i - 1][-1:] in _OPENERS), 0
            skipped = False
        if chunk.isalpha():
            yield chunk, cursor, cursor + len(chunk)
        elif chunk:
            for m in _LEX_TOKEN.finditer(chunk):
                a, b = m.span()
                yield m.group(), cursor + a, cursor + b
        cursor += len(chunk) + 1


def _lexicon_tokens(
    text: str, offset: int = 0, opens: bool = True, near_capitals: bool = False
) -> tuple[Token, ...]:
    """Words and tags from the lexicon tables: adjacent syllables join when VNDS's segmentation
    mostly joins them (or, unseen, when both are capitalised: a name); a word's tag is its
    most frequent pyvi tag, ``Np`` when every syllable is capitalised (``Ny`` all capitals;
    a sentence's opening word only when the lexicon does not know it), ``M`` a number.
    Offsets are shifted by ``offset``; ``opens`` says whether ``text`` opens a sentence;
    ``near_capitals`` reads only the words around capitalised ones (:func:`_pieces`)."""
    joined, apart, ends, starts, tags = _lexicon()
    low = text.lower()
    if len(low) != len(text):  # a letter whose lower case is longer: lower each piece alone
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    out: list[Token] = []
    # the word being read: start, end, syllables, every syllable capitalised, opens the text
    w_start = w_end = -2
    w_count = 0
    w_caps = w_first = False
    last = last_low = ""

    def word_pos() -> str:
        if w_caps:
            if w_count == 1 and w_end - w_start > 1 and text[w_start:w_end].isupper():
                return "Ny"
            if w_first and w_count == 1:
                return tags.get(low[w_start:w_end], "N")
            return "Np"
        return tags.get(low[w_start:w_end], "N")

    append = out.append
    for piece, start, end in _pieces(text, near_capitals):
        if piece is None:  # words left out: no word goes on across them
            if w_count:
                pos = word_pos() if w_caps else tags.get(low[w_start:w_end], "N")
                append((text[w_start:w_end], pos, offset + w_start, offset + w_end))
                w_count = 0
            opens = bool(start)
            w_end = -2
            continue
        if piece.isalpha():
            piece_low = low[start:end]
            cap = piece[0].isupper()
            if w_count and w_end == start - 1 and text[w_end] == " " and w_count < MAX_WORD_SYLLABLES:
                pair = f"{last_low} {piece_low}"
                if pair in joined or (
                    cap
                    and last[0].isupper()
                    and pair not in apart
                    and last_low not in ends
                    and piece_low not in starts
                    and not (len(piece) > 1 and piece.isupper())
                    and not (len(last) > 1 and last.isupper())
                    and not (w_first and w_count == 1 and tags.get(last_low, "Np") != "Np")
                ):
                    w_end, w_count, w_caps = end, w_count + 1, w_caps and cap
                    last, last_low = piece, piece_low
                    opens = False
                    continue
            if w_count:  # the word before ends here (its tag read in line unless capitalised)
                pos = word_pos() if w_caps else tags.get(low[w_start:w_end], "N")
                append((text[w_start:w_end], pos, offset + w_start, offset + w_end))
            w_start, w_end, w_count, w_caps, w_first = start, end, 1, cap, opens
            last, last_low = piece, piece_low
            opens = False  # no letter is an opener
        else:
            if w_count:
                pos = word_pos() if w_caps else tags.get(low[w_start:w_end], "N")
                append((text[w_start:w_end], pos, offset + w_start, offset + w_end))
                w_count = 0
            ch = piece[0]
            pos = "M" if ch.isdigit() else ("CH" if not ch.isalnum() else ("Ny" if piece.isupper() else "Np"))
            append((piece, pos, offset + start, offset + end))
            w_end = end
            opens = piece in _OPENERS
    if w_count:
        append((text[w_start:w_end], word_pos(), offset + w_start, offset + w_end))
    return tuple(out)


@lru_cache(maxsize=2)
def _tag_function(tagger: str):
    """The tagger as ``piece -> [(word, pos)]`` with words as spaced syllables; loaded once."""
    with _LOAD:
        if tagger == "underthesea":
            from underthesea import pos_tag

            return pos_tag
        if tagger == "pyvi":
            from pyvi import ViPosTagger, ViTokenizer

            def pyvi_tag(piece: str) -> list[tuple[str, str]]:
                words, tags = ViPosTagger.postagging(ViTokenizer.tokenize(piece))
                # pyvi marks punctuation F where underthesea says CH
                return [(w.replace("_", " "), _punctuation(w, t)) for w, t in zip(words, tags)]

            return pyvi_tag
    raise ValueError(f"unknown tagger {tagger!r}: choose one of {', '.join(TAGGERS)}")


def _align(piece: str, word: str, cursor: int) -> tuple[int, int] | None:
    """Where ``word`` (syllables separated by spaces) lies in ``piece`` from ``cursor``."""
    start = end = -1
    for k, syllable in enumerate(word.split()):
        at = piece.find(syllable, cursor if k == 0 else end)
        if at < 0 or (k and piece[end:at].strip()):
            return None
        if k == 0:
            start = at
        end = at + len(syllable)
    return (start, end) if start >= 0 else None


@lru_cache(maxsize=2)
def _word_function(tagger: str):
    """The tagger's word segmenter alone, as ``piece -> [word]`` (syllables spaced)."""
    with _LOAD:
        if tagger == "underthesea":
            from underthesea import word_tokenize

            return word_tokenize
        if tagger == "pyvi":
            from pyvi import ViTokenizer

            return lambda piece: [w.replace("_", " ") for w in ViTokenizer.tokenize(piece).split()]
    raise ValueError(f"unknown tagger {tagger!r}: choose one of {', '.join(TAGGERS)}")


def _proper(word: str, first: bool) -> bool:
    """A word read as a proper noun: every syllable capitalised (``Bùi Thanh Sơn``, not
    ``Ngoại giao``); the sentence's first word only when it has several (not ``Trong``)."""
    heads = [s[:1] for s in word.split()]
    if not heads or not all(h.isupper() for h in heads):
        return False
    return not first or len(heads) > 1


@lru_cache(maxsize=8192)
def name_tokens(text: str, tagger: str = DEFAULT_TAGGER) -> tuple[Token, ...]:
    """The tokens names are read from, at the least cost that still finds them.

    A sentence that may hold a figure (:func:`may_hold_figure`) gets :func:`pos_tokens` (its
    figures need them too: one tagging for both); one with a run of capitalised syllables
    gets the tagger's word segmentation around its capitalised words (:func:`_name_windows`;
    syllables elsewhere), capitalised words marked ``Np`` and the rest ``X`` (the segmenter
    is half the tagger's time, and names are what is capitalised); any other sentence its
    syllables (:func:`syllable_tokens`). The lexicon tagger tags every sentence whole: that
    costs no more than its words alone."""
    if tagger == "lexicon" and not may_hold_figure(text):  # the words around capitals
        return _lexicon_tokens(text, near_capitals=True)
    if tagger == "lexicon" or may_hold_figure(text):
        return pos_tokens(text, tagger)
    if not needs_tags(text):
        return syllable_tokens(text)
    segment = _word_function(tagger)
    opening = len(text) - len(text.lstrip())
    out: list[Token] = []
    cursor_text = 0
    for lo, hi in _name_windows(text):
        out += [(w, "X", a, b) for w, _p, a, b in syllable_tokens(text[cursor_text:lo], cursor_text)]
        for offset, piece in _chunks(text[lo:hi]):
            offset += lo
            cursor = 0
            with _RUN:
                words = segment(piece) if piece.strip() else []
            for word in words:
                span = _align(piece, word, cursor)
                if span is None:
                    continue
                start, cursor = span
                written = piece[start:cursor]
                first = offset + start == opening
                pos = "Np" if _proper(written, first) else ("CH" if not written[:1].isalnum() else "X")
                out.append((written, pos, offset + start, offset + cursor))
        cursor_text = hi
    out += [(w, "X", a, b) for w, _p, a, b in syllable_tokens(text[cursor_text:], cursor_text)]
    return tuple(out)


def _window_syllables(text: str, offset: int, _opens: bool) -> tuple[Token, ...]:
    return syllable_tokens(text, offset)


def _name_windows(text: str, context: int = 2) -> list[tuple[int, int]]:
    """Spans of ``text`` around its capitalised words, ``context`` words either side: the
    only parts whose word boundaries matter for names (the segmenter sees that much context
    anyway)."""
    return name_windows(text, context, context)


_WORD = re.compile(r"\S+")


def name_windows(text: str, before: int = 5, after: int = 4) -> list[tuple[int, int]]:
    """Spans of ``text`` around its capitalised words, ``before`` words before each (room for
    a title or a cue: ``phó chủ tịch quốc hội X``, ``siêu thị điện máy X``) and ``after``
    after it; overlapping spans merged. A name, its title and its cue lie inside them."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    windows: list[tuple[int, int]] = []
    for i, (_a, _b, word) in enumerate(words):
        letter = _FIRST_LETTER.search(word)
        if not (letter and letter.group().isupper()):
            continue
        lo, hi = words[max(0, i - before)][0], words[min(len(words) - 1, i + after)][1]
        if windows and lo <= windows[-1][1] + 1:
            windows[-1] = (windows[-1][0], max(hi, windows[-1][1]))
        else:
            windows.append((lo, hi))
    return windows


@lru_cache(maxsize=8192)
def pos_tokens(text: str, tagger: str = DEFAULT_TAGGER) -> tuple[Token, ...]:
    """Words of ``text`` with POS tags and offsets: ``(word, pos, start, end)``.

    ``text[start:end]`` is the word as written. Long sentences (scraped text without full
    stops) are tagged in pieces of ``POS_CHUNK`` syllables, so the time stays linear.
    """
    if tagger == "lexicon":
        return _lexicon_tokens(text)
    tag = _tag_function(tagger)
    out: list[Token] = []
    for offset, piece in _chunks(text):
        if not piece.strip():
            continue
        cursor = 0
        with _RUN:
            tagged = tag(piece)
        for word, pos in tagged:
            span = _align(piece, word, cursor)
            if span is None:
                continue
            start, cursor = span
            out.append((piece[start:cursor], pos, offset + start, offset + cursor))
    return tuple(out)

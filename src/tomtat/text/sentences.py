"""Split Vietnamese text into sentences, as character spans.

A rule-based splitter (underthesea's ``sent_tokenize`` breaks "PGS.TS. Trần", splits inside
quotes and loses offsets): a sentence ends at ``.``, ``!``, ``?`` or an ellipsis (plus any
closing quotes/brackets) followed by white space and a capital letter, a digit or an
opening quote; never after a known abbreviation ("TS.", "PGS.TS.", "TP.") or a list number
("1."). A full stop glued to a capitalised word ("ASEAN.Việt Nam", a scraping artefact) also
ends a sentence. A newline always ends one.
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

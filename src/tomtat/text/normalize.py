"""Unicode and spacing normalisation for Vietnamese text.

NFC, one tone-mark convention (``hòa``, ``thủy``, ``khỏe``: the mark on the first vowel of a
final ``oa``/``oe``/``uy``), ``Ð`` (U+00D0) -> ``Đ``, invisible characters and odd spaces
-> plain spaces, terminal escape sequences and control characters dropped, runs of spaces
collapsed within lines. Nothing else changes: no spacing
around punctuation, no spelling fixes.
"""

from __future__ import annotations

import re
import unicodedata

from tomtat.text.words import LETTER_RUN

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền sắc ngã hỏi nặng
_LOOKALIKES = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})  # Ð ð -> Đ đ
# zero-width and BOM characters vanish; other unusual spaces become a plain space
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_ODD_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\v\f]")
_SPACE_RUN = re.compile(" {2,}")
# What a terminal would act on rather than show: whole escape sequences (OSC such as a window
# title ``ESC ] 0 ; ... BEL``, CSI such as colours ``ESC [ 31 m``) and every other C0/C1 control
# character but tab and newline. An unterminated sequence loses only its control characters.
_CONTROL = re.compile(
    r"\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)"  # OSC ... BEL or ST
    r"|\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"  # the rest of C0 (but \t \n), DEL, C1
)


# a word _fix_tone may change ends in o + toned a/e or u + toned y; the rest skip the work
_OLD_TONE_ENDING = re.compile("(?:o[àáảãạèéẻẽẹ]|u[ỳýỷỹỵ])$", re.IGNORECASE)
# onset, nucleus, coda of a syllable (tone marks removed, lower-cased)
_SYLLABLE = re.compile(
    r"(qu|gi|ngh|ng|nh|ch|gh|kh|ph|th|tr|[bcdđghklmnpqrstvx])?"
    r"([aăâeêioôơuưy]+)([cghmnpt]*)"
)


def strip_control(text: str) -> str:
    """``text`` without terminal escape sequences and control characters (tab, newline kept)."""
    return _CONTROL.sub("", text)


def _split_tones(word: str) -> tuple[list[str], list[str]]:
    """Per character of an NFC word: its letter without tone, and its tone mark ('' if none)."""
    bases, tones = [], []
    for ch in word:
        decomposed = unicodedata.normalize("NFD", ch)
        tone = "".join(c for c in decomposed if c in _TONES)
        bases.append(unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES)))
        tones.append(tone)
    return bases, tones


def _fix_tone(word: str) -> str:
    """Move the tone of an open ``oa``/``oe``/``uy`` syllable from the 2nd to the 1st vowel."""
    if len(word) < 2 or len(word) > 7:
        return word
    bases, tones = _split_tones(word)
    if not tones[-1] or sum(1 for t in tones if t) != 1:
        return word
    match = _SYLLABLE.fullmatch("".join(bases).lower())
    if not match or match.group(3) or match.group(2) not in ("oa", "oe", "uy"):
        return word
    first = len(word) - 2
    chars = list(word)
    chars[first] = unicodedata.normalize("NFC", bases[first] + tones[-1])
    chars[-1] = bases[-1]
    return "".join(chars)


def normalize_tones(text: str) -> str:
    """Rewrite old-style tone placement (``hoà``, ``thuỷ``) as ``hòa``, ``thủy``; NFC in and out."""
    def fix(match: re.Match) -> str:
        word = match.group(0)
        return _fix_tone(word) if _OLD_TONE_ENDING.search(word) else word

    return LETTER_RUN.sub(fix, text)


def normalize(text: str) -> str:
    """NFC, one tone convention, ``Đ`` not ``Ð``, plain single spaces, no terminal escapes or
    other control characters; newlines are kept."""
    text = unicodedata.normalize("NFC", text)
    text = text.translate(_LOOKALIKES)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _INVISIBLE.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    text = strip_control(text)
    text = normalize_tones(text)
    text = _SPACE_RUN.sub(" ", text)
    return "\n".join(line.strip(" ") for line in text.split("\n"))

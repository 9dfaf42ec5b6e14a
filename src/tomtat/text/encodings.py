"""Legacy Vietnamese encodings: Windows-1258, TCVN3 (ABC), VNI-Windows; UTF-16 without a BOM.

Bytes that are not UTF-8 are decoded by every candidate and the one whose words are valid
Vietnamese syllables wins (:func:`vietnamese_share`); a caller warns naming it. TCVN3 and VNI
are font encodings laid over Windows-1252: a file in them is Windows-1252 bytes whose letters
a Vietnamese font draws otherwise. Their tables below are the public ones (TCVN 5712:1993 VN3,
the ``.Vn`` fonts; VNI's ``VNI-`` fonts): TCVN3 gives a precomposed letter a byte of its own;
VNI writes a base vowel and then a byte for its marks (``a`` + ``ù`` = ``á``). Windows-1258
writes the tone as a combining mark after the letter (NFC joins them).

:func:`mojibake` tells, for text that is already a ``str``, whether it is Vietnamese in one of
these encodings read as Windows-1252/Latin-1 (``"ChuyÕn bay cña h·ng"``), for the language check.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

# --- TCVN3 (ABC): byte -> letter; the bytes it does not use stay Windows-1252 -------------------
_TCVN3_LETTERS = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}

# --- VNI-Windows: single bytes for some letters, then a base vowel + a byte for its marks --------
_VNI_SINGLE = {
    0xF4: "ơ", 0xF6: "ư", 0xF1: "đ", 0xEC: "ì", 0xED: "í", 0xE6: "ỉ", 0xF3: "ĩ", 0xF2: "ị", 0xEE: "ỵ",
    0xD4: "Ơ", 0xD6: "Ư", 0xD1: "Đ", 0xCC: "Ì", 0xCD: "Í", 0xC6: "Ỉ", 0xD3: "Ĩ", 0xD2: "Ị", 0xCE: "Ỵ",
}
_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
_CIRCUMFLEX, _BREVE = "\u0302", "\u0306"
_VNI_TONE = {0xF8: _GRAVE, 0xF9: _ACUTE, 0xFB: _HOOK, 0xF5: _TILDE, 0xEF: _DOT}  # after any vowel
_VNI_HAT = {  # after a, e, o: circumflex, with or without a tone
    0xE2: "", 0xE0: _GRAVE, 0xE1: _ACUTE, 0xE5: _HOOK, 0xE3: _TILDE, 0xE4: _DOT,
}
_VNI_BREVE = {0xEA: "", 0xE8: _GRAVE, 0xE9: _ACUTE, 0xFA: _HOOK, 0xFC: _TILDE, 0xEB: _DOT}  # after a
# the capital forms of the mark bytes are the same less 0x20 (ù 0xF9 / Ù 0xD9 ...)


def _cp1252(data: bytes) -> str:
    """Windows-1252, its five unused bytes read as Latin-1 (they never fail)."""
    return "".join(
        chunk.decode("cp1252") if i % 2 == 0 else chunk.decode("latin-1")
        for i, chunk in enumerate(re.split(rb"([\x81\x8d\x8f\x90\x9d]+)", data))
    )


def _byte_map(table: dict[int, str]) -> dict[int, str]:
    """A str.translate table from the Windows-1252 character of each byte to its letter."""
    return {ord(_cp1252(bytes([b]))): letter for b, letter in table.items()}


_TCVN3_TRANSLATE = _byte_map(_TCVN3_LETTERS)


def decode_tcvn3(data: bytes) -> str:
    return _cp1252(data).translate(_TCVN3_TRANSLATE)


def _vni_marks() -> dict[str, tuple[str, str]]:
    """Mark character -> (which bases it follows, combining marks)."""
    marks: dict[str, tuple[str, str]] = {}
    for table, bases, first in (
        (_VNI_TONE, "aeiouyơư", ""), (_VNI_HAT, "aeo", _CIRCUMFLEX), (_VNI_BREVE, "a", _BREVE),
    ):
        for byte, tone in table.items():
            for b in (byte, byte - 0x20):  # small and capital forms
                marks[_cp1252(bytes([b]))] = (bases, first + tone)
    return marks


_VNI_MARKS = _vni_marks()
_VNI_SINGLE_TRANSLATE = _byte_map(_VNI_SINGLE)
_VNI_PAIR = re.compile("([aeiouyơưAEIOUYƠƯ])([" + re.escape("".join(_VNI_MARKS)) + "])")


def decode_vni(data: bytes) -> str:
    text = _cp1252(data)
    # marks first: ô ö (ơ ư as single bytes) are never marks, and î (ỵ) is never one either
    def join(match: re.Match) -> str:
        base, mark = match.group(1), match.group(2)
        bases, combining = _VNI_MARKS[mark]
        if base.lower() not in bases:
            return match.group(0)
        return unicodedata.normalize("NFC", base + combining)

    text = text.translate(_VNI_SINGLE_TRANSLATE)
    return _VNI_PAIR.sub(join, text)


def decode_cp1258(data: bytes) -> str:
    return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))


LEGACY = (
    ("Windows-1258", decode_cp1258),
    ("TCVN3 (ABC)", decode_tcvn3),
    ("VNI-Windows", decode_vni),
)

# --- how Vietnamese is a text? its words that carry a non-ASCII letter, read as syllables ------
_TONES = {_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT}
_NUCLEI = (
    "a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iu oa oă oe oi ôi ơi ua uâ uê ui uô uơ uy "
    "ưa ưi ưu ươ iê yê oai oao oay oeo uây uôi uya uyê uyu ươi ươu iêu yêu"
).split()
_SYLLABLE = re.compile(
    r"(?:qu|gi|ngh|ng|nh|ch|gh|kh|ph|th|tr|[bcdđghklmnpqrstvx])?"
    r"(?:" + "|".join(sorted(_NUCLEI, key=len, reverse=True)) + r")"
    r"(?:ch|ng|nh|[cmnpt])?"
)
_WORD = re.compile(r"[^\W\d_]+")


def is_syllable(word: str) -> bool:
    """A Vietnamese syllable (any case), at most one tone mark: ``"Nguyễn"`` yes, ``"cña"`` no."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for c in decomposed if c in _TONES)
    if tones > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    return _SYLLABLE.fullmatch(base) is not None


def vietnamese_share(text: str, limit: int = 20000) -> tuple[float, int]:
    """Of the words of ``text[:limit]`` that hold a non-ASCII letter: the share that are
    Vietnamese syllables, and how many such words there are."""
    words = [w for w in _WORD.findall(unicodedata.normalize("NFC", text[:limit])) if not w.isascii()]
    if not words:
        return 0.0, 0
    return sum(1 for w in words if is_syllable(w)) / len(words), len(words)


MIN_WORDS = 5  # non-ASCII words below this are too few to tell an encoding by
MIN_SHARE = 0.6  # Vietnamese news: 95% and more of its accented words are syllables


def best_legacy(data: bytes) -> tuple[str, str, float] | None:
    """The legacy Vietnamese encoding that reads ``data`` best: (name, text, share), or None
    when none reads it as Vietnamese."""
    best: tuple[str, str, float] | None = None
    for name, decode in LEGACY:
        text = decode(data)
        share, n = vietnamese_share(text)
        if n >= MIN_WORDS and share >= MIN_SHARE and (best is None or share > best[2]):
            best = (name, text, share)
    return best


def utf16_without_bom(data: bytes) -> str | None:
    """``data`` as UTF-16 when its zero bytes say so (text mostly of Latin letters and
    spaces: every other byte is zero) and it decodes; else None."""
    sample = data[:65536]
    if len(sample) < 8:
        return None
    even = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd = sample[1::2].count(0) / max(1, len(sample[1::2]))
    if odd > 0.3 and even < 0.02:
        codec = "utf-16-le"
    elif even > 0.3 and odd < 0.02:
        codec = "utf-16-be"
    else:
        return None
    try:
        return codecs.decode(data[: len(data) - len(data) % 2], codec)
    except UnicodeDecodeError:
        return None


_UNLOOKALIKE = str.maketrans({"\u0110": "\u00d0", "\u0111": "\u00f0"})


def mojibake(text: str) -> str | None:
    """The legacy encoding ``text`` is Vietnamese in, read as Windows-1252 or Latin-1 by
    mistake (``"ChuyÕn bay cña h·ng"`` is TCVN3), or None. Cheap when the text is fine: most
    Vietnamese words are valid syllables already."""
    share, n = vietnamese_share(text, limit=5000)
    if n < MIN_WORDS or share >= 0.8:
        return None
    # tomtat's normalize has made the Windows-1252 Ð ð (TCVN3's é, VNI's Đ) the Đ đ they look like
    sample = text[:5000].translate(_UNLOOKALIKE)
    for codec in ("cp1252", "latin-1"):
        data = sample.encode(codec, errors="replace")
        if data.count(b"?") - sample.count("?") > 0.02 * sum(1 for c in sample if not c.isascii()):
            continue  # letters this code page never had: real Unicode text
        found = best_legacy(data)
        if found is not None and found[2] > share + 0.2:
            return found[0]
    return None


# --- the other way, for tests and fixtures: Unicode -> legacy bytes -----------------------------
def encode_tcvn3(text: str) -> bytes:
    """NFC ``text`` in TCVN3 bytes; a capital letter with a tone (which TCVN3 has no byte for:
    its documents set capitals in a separate font) raises UnicodeEncodeError."""
    back = {letter: bytes([b]) for b, letter in _TCVN3_LETTERS.items()}
    return b"".join(back.get(ch) or ch.encode("cp1252") for ch in unicodedata.normalize("NFC", text))


def encode_vni(text: str) -> bytes:
    """NFC ``text`` in VNI-Windows bytes."""
    single = {letter: bytes([b]) for b, letter in _VNI_SINGLE.items()}
    mark_byte: dict[tuple[str, str], int] = {}
    for table, first in ((_VNI_TONE, ""), (_VNI_HAT, _CIRCUMFLEX), (_VNI_BREVE, _BREVE)):
        for byte, tone in table.items():
            mark_byte[(first, tone)] = byte
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in single:
            out.append(single[ch])
            continue
        parts = unicodedata.normalize("NFD", ch)
        base, marks = parts[0], parts[1:]
        if not marks or not base.isascii():
            out.append(ch.encode("cp1252"))
            continue
        tone = "".join(m for m in marks if m in _TONES)
        shape = "".join(m for m in marks if m not in _TONES)
        if shape == "\u031b":  # horn: ơ ư are single bytes, their tone follows
            horn = unicodedata.normalize("NFC", base + shape)
            out.append(single[horn] + bytes([mark_byte[("", tone)] - (0x20 if base.isupper() else 0)]))
            continue
        if base in "iI" and not shape:  # ì í ỉ ĩ ị are single bytes
            out.append(single[ch])
            continue
        byte = mark_byte[(shape, tone)]
        out.append(base.encode("ascii") + bytes([byte - (0x20 if base.isupper() else 0)]))
    return b"".join(out)


def encode_cp1258(text: str) -> bytes:
    """NFC ``text`` in Windows-1258 bytes, as Word writes them: a letter it has a byte for
    (â ê ô ă ơ ư đ, some toned vowels) is that byte, else its base letter then the tone."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(ch.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        tone = "".join(c for c in parts if c in _TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        out.append(base.encode("cp1258") + tone.encode("cp1258"))
    return b"".join(out)

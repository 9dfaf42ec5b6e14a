"""Does a text look Vietnamese? A cheap check on letters, for a warning, never a refusal.

Vietnamese writes most words with letters no other Latin-script language uses together
(ă â đ ê ô ơ ư and five tone marks): in news text about half of the syllables carry one.
English (or Vietnamese typed without accents) carries almost none; Chinese and Japanese are
written in Han/kana script.
"""

from __future__ import annotations

import re
import unicodedata

from tomtat.text.words import LETTER_RUN

_VIETNAMESE_LETTERS = frozenset("ăâđêôơư")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
MIN_WORDS = 20  # too short to judge below this
MIN_MARKED_SHARE = 0.10  # Vietnamese news: about half the syllables carry a mark (a squad list of foreign names: 14%)


def _marked(word: str) -> bool:
    lower = word.lower()
    if any(c in _VIETNAMESE_LETTERS for c in lower):
        return True
    return any(c in _TONES for c in unicodedata.normalize("NFD", lower))


def _han_or_kana(ch: str) -> bool:
    code = ord(ch)
    return 0x3040 <= code <= 0x30FF or 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF


def language_warning(text: str) -> str | None:
    """A one-line warning when ``text`` does not look Vietnamese, else None."""
    letters = [c for c in text[:20000] if c.isalpha()]
    if not letters:
        return None
    from tomtat.text.encodings import mojibake

    wrong = mojibake(text)
    if wrong is not None:
        return (
            f"looks like Vietnamese in the {wrong} encoding read as another one (mojibake): "
            "convert it to Unicode first; the summary would be garbage"
        )
    han = sum(1 for c in letters if _han_or_kana(c))
    if han / len(letters) > 0.2:
        return "does not look Vietnamese (Chinese or Japanese script): the summary may be poor"
    words = [w for w in LETTER_RUN.findall(text[:20000]) if not any(_han_or_kana(c) for c in w)]
    if len(words) < MIN_WORDS:
        return None
    share = sum(1 for w in words if _marked(w)) / len(words)
    if share < MIN_MARKED_SHARE:
        return (
            f"does not look Vietnamese ({share:.0%} of words carry Vietnamese letters or tone marks): "
            "the summary may be poor"
        )
    return None

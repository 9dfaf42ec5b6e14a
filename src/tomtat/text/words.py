"""Tokens of a sentence: syllables (cheap, what the summarizers use) and underthesea words.

The one definition of a syllable and of a syllable bigram: features, selection, ROUGE, events
and entities import them from here.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

LETTER_RUN = re.compile(r"[^\W\d_]+")  # a run of letters: a written word without digits or "_"
_FIRST_CALL = threading.Lock()
_loaded = False


def _segment(sentence: str) -> list[str]:
    """underthesea loads its model on first use without a lock: make that first call alone."""
    from underthesea import word_tokenize  # imported on first use: a third of a second

    global _loaded
    if not _loaded:
        with _FIRST_CALL:
            tokens = word_tokenize(sentence)
            _loaded = True
            return tokens
    return word_tokenize(sentence)

_EDGE = ".,;:!?\"'“”‘’()[]…"


def _has_word_char(token: str) -> bool:
    return any(c.isalnum() for c in token)


@lru_cache(maxsize=65536)
def tokenize(sentence: str) -> tuple[str, ...]:
    """Lower-cased word tokens of one sentence, punctuation dropped.

    ``"Thủ tướng Phạm Minh Chính đến Hà Nội."`` -> ``("thủ_tướng", "phạm_minh_chính", "đến", "hà_nội")``.
    Call it per sentence: the segmenter is a sequence model and slows down on long inputs.
    """
    if not sentence.strip():
        return ()
    tokens = _segment(sentence)
    # the segmenter may keep a sentence-final stop on an abbreviation ("TP.HCM.")
    return tuple(
        "_".join(t.lower().strip(_EDGE).split()) for t in tokens if _has_word_char(t)
    )


_SYLLABLE = re.compile(r"[^\W_]+")


def syllables(text: str) -> list[str]:
    """Lower-cased NFC syllables of ``text``; punctuation and ``_`` split tokens.

    Cheap (no model): the unit of the summarizers' features and of Vietnamese ROUGE.
    ``"Thủ_tướng, ngày 2,95"`` -> ``["thủ", "tướng", "ngày", "2", "95"]``.
    """
    return _SYLLABLE.findall(unicodedata.normalize("NFC", text).lower())


def bigram_set(tokens: Sequence[str]) -> set[tuple[str, str]]:
    """The distinct adjacent pairs of ``tokens``: ``["a", "b", "c"]`` -> ``{("a", "b"), ("b", "c")}``."""
    return set(zip(tokens, tokens[1:]))


def syllable_bigrams(text: str) -> set[tuple[str, str]]:
    """Distinct bigrams of :func:`syllables`, the units ROUGE-2 and the features count."""
    return bigram_set(syllables(text))


def unigrams_and_bigrams(tokens: Sequence[str]) -> list[str]:
    """``tokens`` followed by their bigrams as ``"a b"`` strings (a TF-IDF analyzer's terms)."""
    return list(tokens) + [f"{a} {b}" for a, b in zip(tokens, tokens[1:])]

"""ROUGE on Vietnamese syllables, with google's ``rouge-score`` doing the counting.

The stock ``rouge-score`` tokenizer keeps only ``[a-z0-9]`` and so erases every
Vietnamese diacritic ("Thủ tướng" would become "th t ng"). Here a token is a run of
letters or digits in the Unicode sense, after NFC and lower-casing; word segmenters'
underscores ("thủ_tướng") count as spaces, so segmented and plain text score alike.
"""

from __future__ import annotations

import unicodedata

from rouge_score import rouge_scorer, tokenizers
from rouge_score.scoring import Score

__all__ = ["METRICS", "Score", "Tokenizer", "score", "syllables"]

METRICS: tuple[str, ...] = ("rouge1", "rouge2", "rougeL")


def _is_word_char(char: str) -> bool:
    return unicodedata.category(char)[0] in "LN" or unicodedata.category(char) == "Mn"


def syllables(text: str) -> list[str]:
    """Lower-cased NFC syllables of ``text``; punctuation and ``_`` split tokens.

    Every character that is not a letter or digit (Unicode categories L*, N*; combining
    marks stay with their letter) becomes a space, so "2,95" gives ``["2", "95"]``.
    """
    text = unicodedata.normalize("NFC", text).lower()
    return "".join(c if _is_word_char(c) else " " for c in text).split()


class Tokenizer(tokenizers.Tokenizer):
    """``rouge_score`` tokenizer that splits Vietnamese text into :func:`syllables`."""

    def tokenize(self, text: str) -> list[str]:
        return syllables(text)


_scorer: rouge_scorer.RougeScorer | None = None


def _get_scorer() -> rouge_scorer.RougeScorer:
    global _scorer
    if _scorer is None:
        _scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=False, tokenizer=Tokenizer())
    return _scorer


def score(reference: str, candidate: str) -> dict[str, Score]:
    """ROUGE-1, ROUGE-2 and ROUGE-L (precision, recall, F1) of ``candidate`` against ``reference``."""
    return _get_scorer().score(reference, candidate)

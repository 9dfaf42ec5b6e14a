"""ROUGE on Vietnamese syllables, with google's ``rouge-score`` doing the counting.

The stock ``rouge-score`` tokenizer keeps only ``[a-z0-9]`` and so erases every
Vietnamese diacritic ("Thủ tướng" would become "th t ng"). Here a token is a run of
letters or digits in the Unicode sense, after NFC and lower-casing; word segmenters'
underscores ("thủ_tướng") count as spaces, so segmented and plain text score alike.
"""

from __future__ import annotations

from rouge_score import rouge_scorer, tokenizers
from rouge_score.scoring import Score

from tomtat.text.words import syllables

__all__ = ["METRICS", "Score", "Tokenizer", "score", "syllables"]

METRICS: tuple[str, ...] = ("rouge1", "rouge2", "rougeL")


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

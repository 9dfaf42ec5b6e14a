"""Stage: scored sentences -> the summary's sentences, under a budget, without repeats, in order."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from tomtat.models import Cluster, Sentence
from tomtat.text.words import syllable_bigrams as _syllable_bigrams

Key = tuple[str, int]

MIN_SYLLABLES = 6  # shorter "sentences" are headings, captions or fragments


def summary_worthy(sentence: Sentence) -> bool:
    """Long enough to state something, and not a question (interviews, rhetorical leads)."""
    return sentence.n_syllables >= MIN_SYLLABLES and not sentence.text.rstrip(' "”’)').endswith("?")


def syllable_bigrams(text: str) -> set[tuple[str, str]]:
    """Bigrams of :func:`tomtat.text.words.syllables`, as features and ROUGE count them."""
    return _syllable_bigrams(text)


def overlap(a: set, b: set) -> float:
    """Share of the smaller set found in the other (1.0 = one contains the other)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def select(
    cluster: Cluster,
    scores: Mapping[Key, float],
    max_words: int,
    max_sentences: int | None = None,
    max_overlap: float = 0.5,
) -> list[Sentence]:
    """Greedy selection by score: skip sentences that do not fit or repeat a chosen one.

    A sentence never gets cut: one that does not fit the remaining budget is skipped and a
    shorter one may still fill the space. Ties are broken by document then sentence position.
    Empty only when no sentence at all fits the budget.
    """
    ranked = sorted(
        cluster.sentences, key=lambda s: (-scores.get(s.key, 0.0), s.doc_position, s.index)
    )
    chosen: list[Sentence] = []
    chosen_bigrams: list[set] = []
    used = 0
    for sentence in ranked:
        if max_sentences is not None and len(chosen) >= max_sentences:
            break
        length = sentence.n_syllables
        if used + length > max_words or not summary_worthy(sentence):
            continue
        bigrams = syllable_bigrams(sentence.text)
        if any(overlap(bigrams, other) > max_overlap for other in chosen_bigrams):
            continue
        chosen.append(sentence)
        chosen_bigrams.append(bigrams)
        used += length
    if not chosen:  # only fragments: the best one that fits is better than nothing
        chosen = [s for s in ranked if s.n_syllables <= max_words][:1]
    return reading_order(cluster, chosen)


def reading_order(cluster: Cluster, sentences: Iterable[Sentence]) -> list[Sentence]:
    """Order by article date (undated articles keep their place), then position in the article."""
    dates = {doc.id: doc.date or "" for doc in cluster.documents}
    dated = all(dates.values())
    return sorted(
        sentences,
        key=lambda s: ((dates[s.doc_id] if dated else ""), s.doc_position, s.index),
    )

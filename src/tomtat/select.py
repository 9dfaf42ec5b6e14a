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
    repeat_penalty: float = 0.0,
) -> list[Sentence]:
    """Greedy selection by score: skip sentences that do not fit or repeat a chosen one.

    A sentence never gets cut: one that does not fit the remaining budget is skipped and a
    shorter one may still fill the space. Ties are broken by document then sentence position.
    Empty only when no sentence at all fits the budget.

    ``repeat_penalty`` > 0 (maximal marginal relevance): each step takes the sentence with the
    best ``score - repeat_penalty * overlap`` with the sentences already chosen (its largest
    :func:`overlap` with one of them), so a sentence that half-repeats the summary gives way to
    one that adds to it; above ``max_overlap`` a sentence is still skipped outright. 0: plain
    greedy by score.
    """
    ranked = sorted(
        cluster.sentences, key=lambda s: (-scores.get(s.key, 0.0), s.doc_position, s.index)
    )
    if repeat_penalty > 0:
        picked = _marginal_relevance(ranked, scores, max_words, max_sentences, max_overlap, repeat_penalty)
        if not picked:  # only fragments: the best one that fits is better than nothing
            picked = [s for s in ranked if s.n_syllables <= max_words][:1]
        return reading_order(cluster, picked)
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


def _marginal_relevance(
    ranked: list[Sentence],
    scores: Mapping[Key, float],
    max_words: int,
    max_sentences: int | None,
    max_overlap: float,
    repeat_penalty: float,
) -> list[Sentence]:
    """:func:`select` with ``repeat_penalty`` > 0: ``ranked`` is in score order (ties broken)."""
    left = [s for s in ranked if summary_worthy(s)]
    bigrams = [syllable_bigrams(s.text) for s in left]
    repeats = [0.0] * len(left)  # each one's largest overlap with a chosen sentence
    alive = list(range(len(left)))  # positions into ``left``, still in score order
    chosen: list[Sentence] = []
    used = 0
    while alive and (max_sentences is None or len(chosen) < max_sentences):
        fits = [k for k in alive if used + left[k].n_syllables <= max_words]
        if not fits:
            break
        # the first in score order wins a tie, as in plain greedy selection
        best = max(fits, key=lambda k: (scores.get(left[k].key, 0.0) - repeat_penalty * repeats[k], -k))
        chosen.append(left[best])
        used += left[best].n_syllables
        alive = []
        for k in fits:
            if k == best:
                continue
            share = overlap(bigrams[k], bigrams[best])
            if share > max_overlap:
                continue
            repeats[k] = max(repeats[k], share)
            alive.append(k)
    return chosen


def reading_order(cluster: Cluster, sentences: Iterable[Sentence]) -> list[Sentence]:
    """Order by article date (undated articles keep their place), then position in the article."""
    dates = {doc.id: doc.date or "" for doc in cluster.documents}
    dated = all(dates.values())
    return sorted(
        sentences,
        key=lambda s: ((dates[s.doc_id] if dated else ""), s.doc_position, s.index),
    )

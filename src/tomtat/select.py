"""Stage: scored sentences -> the summary's sentences, under a budget, without repeats, in order."""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping

from tomtat.models import Cluster, Sentence
from tomtat.reading import can_open, credit_line, needs_antecedent, opener_scores
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
    reading: bool = False,
    first: Sentence | None = None,
) -> list[Sentence]:
    """Greedy selection by score: skip sentences that do not fit or repeat a chosen one.

    ``reading`` turns on the reading rules (:func:`select_reading`): the summary opens with
    the news (``first`` when given), no sentence leans on one it lacks, no credit line.
    Without it, selection is as the scorer was trained with.

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
    if reading and repeat_penalty == 0:
        return select_reading(cluster, ranked, scores, max_words, max_sentences, max_overlap, first)
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


OPENER_FIRST = False  # reorder a long summary to open with the opener model's best: off, see select_reading
# score lost, in standard deviations of the candidates' scores, by a sentence that needs the one
# before it (tomtat.reading.needs_antecedent) while that one is not chosen. Six cross-source
# figures (docs/reading.md) stay within 0.3 ROUGE-2 for 0.4-0.7; 0.6 took the quality gate's
# in-sample ViMs ROUGE-1 to 62.45, under its floor of 62.5 (0.5: 62.61)
LEANING_PENALTY = 0.5
SHORT_BUDGET = 80  # syllables: at most about three sentences, the opener is chosen first
OPENER_CANDIDATES = 30  # sentences in score order the opener is looked for among, when chosen first
SALIENCE = 2.0  # weight of the summary score beside the opener score (both z-scored) in that choice


def _mean_spread(values: Iterable[float]) -> tuple[float, float]:
    """Mean and (population) standard deviation of ``values``; (0, 0) when there are none."""
    values = list(values)
    if not values:
        return 0.0, 0.0
    mean = sum(values) / len(values)
    return mean, (sum((v - mean) ** 2 for v in values) / len(values)) ** 0.5


def _z(values: dict[Key, float]) -> dict[Key, float]:
    """``values`` as z-scores (all zero when they do not vary)."""
    mean, spread = _mean_spread(values.values())
    return {k: (v - mean) / spread if spread > 0 else 0.0 for k, v in values.items()}


def pick_opener(
    cluster: Cluster, ranked: list[Sentence], scores: Mapping[Key, float], max_words: int
) -> Sentence | None:
    """The sentence to open with, chosen before the rest: among the first
    ``OPENER_CANDIDATES`` of ``ranked`` (score order) that fit ``max_words``, are summary-worthy,
    lean on nothing and are no credit, the best by opener score plus ``SALIENCE`` times the
    summary score (each z-scored over them); ties to the earlier in score order."""
    fitting = [s for s in ranked if s.n_syllables <= max_words and summary_worthy(s) and can_open(s)]
    fitting = fitting[:OPENER_CANDIDATES]
    if not fitting:
        return None
    oz = _z(opener_scores(cluster, fitting))
    sz = _z({s.key: scores.get(s.key, 0.0) for s in fitting})
    return max(enumerate(fitting), key=lambda item: (oz[item[1].key] + SALIENCE * sz[item[1].key], -item[0]))[1]


def supported(sentence: Sentence, taken: set[Key]) -> bool:
    """Whether a sentence that leans on the one before it has that one among ``taken``."""
    return (sentence.doc_id, sentence.index - 1) in taken


def select_reading(
    cluster: Cluster,
    ranked: list[Sentence],
    scores: Mapping[Key, float],
    max_words: int,
    max_sentences: int | None = None,
    max_overlap: float = 0.5,
    first: Sentence | None = None,
) -> list[Sentence]:
    """Greedy selection that reads like news (``ranked``: the sentences in score order).

    1. A credit, byline or source line is never taken (``tomtat.reading.credit_line``).
    2. At a short budget (``SHORT_BUDGET``) the opener is chosen first (:func:`pick_opener`;
       ``first`` when the caller chose it), so the news is told before anything else.
    3. Then, as :func:`select`, the best sentence left that fits and repeats no chosen one,
       except that a sentence needing the one before it (``tomtat.reading.needs_antecedent``:
       "Theo đó", "Đây là", a bare "Ông") counts ``LEANING_PENALTY`` standard deviations of
       the scores less while that one is not chosen: it gives way to a sentence about as good
       that stands alone, and is taken at full score once the one it leans on is in. Measured
       (docs/reading.md): such sentences told alone fall from 7-8% of summary sentences to
       2-3%, ROUGE-2 within 0.3 on every source. Taking only supported ones (always another
       instead) or bringing in the sentence before cost up to 0.9 ROUGE-2.
    4. The opener: the given or pre-chosen one (short budgets, each event of a story); else
       the first in reading order, unless it cannot open (it leans, is a fragment or a
       headline line): then the selection is made again with :func:`pick_opener`'s choice
       chosen first, as at a short budget. With ``OPENER_FIRST`` (off: on AbMuSu validation
       it lowered the opener-hit rate 29.0% -> 27.0% and ROUGE-L 35.64 -> 34.70;
       docs/reading.md), the chosen one the opener model scores best. Told opener first,
       then the sentences right after it in its article, then the rest in reading order
       (:func:`opener_order`).
    """
    worthy = [s for s in ranked if summary_worthy(s) and not credit_line(s.text)]
    if first is None and max_words <= SHORT_BUDGET:
        first = pick_opener(cluster, worthy, scores, max_words)
    if first is not None and first.n_syllables > max_words:
        first = None
    values = [scores.get(s.key, 0.0) for s in worthy]
    penalty = LEANING_PENALTY * _mean_spread(values)[1]
    chosen = _greedy(worthy, values, penalty, first, max_words, max_sentences, max_overlap)
    if not chosen:  # only fragments: the best one that fits is better than nothing
        fitting = [s for s in ranked if s.n_syllables <= max_words]
        return ([s for s in fitting if can_open(s)] or fitting)[:1]
    if first is not None:
        return opener_order(cluster, chosen, first)
    if OPENER_FIRST:
        able = [s for s in chosen if can_open(s)]
        if able:
            openers = opener_scores(cluster, able)
            first = max(enumerate(able), key=lambda item: (openers[item[1].key], -item[0]))[1]
        return opener_order(cluster, chosen, first)
    ordered = reading_order(cluster, chosen)
    if can_open(ordered[0]):
        return ordered
    # it would open leaning on nothing, or with a headline line or a fragment: the opener is
    # chosen first, as at a short budget, and the rest around it
    first = pick_opener(cluster, worthy, scores, max_words)
    if first is None:
        return ordered
    chosen = _greedy(worthy, values, penalty, first, max_words, max_sentences, max_overlap)
    return opener_order(cluster, chosen, first)


def _greedy(
    worthy: list[Sentence],
    values: list[float],
    penalty: float,
    first: Sentence | None,
    max_words: int,
    max_sentences: int | None,
    max_overlap: float,
) -> list[Sentence]:
    """:func:`select_reading`'s step 3: ``worthy`` in score order, ``values`` their scores,
    ``first`` already chosen; ``penalty`` less for a sentence that needs the sentence before it
    while that one is not chosen."""
    chosen: list[Sentence] = []
    taken: set[Key] = set()
    grams: list[set] = []
    used = 0
    if first is not None:
        chosen, taken, grams, used = [first], {first.key}, [syllable_bigrams(first.text)], first.n_syllables
    # a heap of (-score as it counts now, rank, weighed down): a sentence is looked at when it
    # comes out; one that needs the sentence before it, which is not chosen, goes back in
    # ``penalty`` lower, and again at full score when that sentence gets chosen
    heap = [(-value, rank, False) for rank, value in enumerate(values)]
    heapq.heapify(heap)
    follower = {(s.doc_id, s.index - 1): rank for rank, s in enumerate(worthy)}
    weighed: set[int] = set()  # ranks that went back in weighed down
    done: set[int] = set()
    while heap and (max_sentences is None or len(chosen) < max_sentences):
        _, rank, down = heapq.heappop(heap)
        sentence = worthy[rank]
        if rank in done or (down and supported(sentence, taken)):
            continue  # taken or turned down already, or a stale entry
        if sentence.key in taken or used + sentence.n_syllables > max_words:
            done.add(rank)
            continue
        if not down and penalty > 0 and rank not in weighed and not supported(sentence, taken) \
                and needs_antecedent(sentence.text):  # fmt: skip
            weighed.add(rank)
            heapq.heappush(heap, (-(values[rank] - penalty), rank, True))
            continue
        done.add(rank)
        bigrams = syllable_bigrams(sentence.text)
        if any(overlap(bigrams, other) > max_overlap for other in grams):
            continue
        chosen.append(sentence)
        taken.add(sentence.key)
        grams.append(bigrams)
        used += sentence.n_syllables
        after = follower.get(sentence.key)
        if after is not None and after in weighed and after not in done:
            heapq.heappush(heap, (-values[after], after, False))
    return chosen


def opener_order(cluster: Cluster, sentences: Iterable[Sentence], opener: Sentence | None) -> list[Sentence]:
    """``opener`` first, then the sentences right after it in its article (a run of
    consecutive ones), then the rest in :func:`reading_order`."""
    ordered = reading_order(cluster, sentences)
    if opener is None or opener not in ordered:
        return ordered
    keys = {s.key: s for s in ordered}
    run = [opener]
    while (opener.doc_id, run[-1].index + 1) in keys:
        run.append(keys[(opener.doc_id, run[-1].index + 1)])
    in_run = {s.key for s in run}
    return run + [s for s in ordered if s.key not in in_run]

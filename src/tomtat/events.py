"""Group a pile of articles into events (the number of events is found, not given).

0. Near-duplicates collapse first: each article's MinHash (syllable 3-shingles of its first
   ``_SHINGLE_CHARS`` characters) is looked up in a MinHash LSH index of the representatives so
   far; an article whose estimated Jaccard with one of them reaches ``DUPLICATE_JACCARD`` joins
   it, any other becomes a representative. Articles are visited longest first (then by id), so
   the representative is the fullest copy and the result does not depend on input order. A
   pile of wire copies or live updates of one story costs about what one copy costs.
1. Each representative is read as its head: title, lead and first ``_HEAD_SENTENCES`` sentences
   (``tomtat.text.sentences``): TF-IDF of syllable 1-2 grams (``tomtat.text.words``; each text
   kept as syllable numbers, bigram codes computed in numpy, no bigram string), plus its
   "anchors" (capitalised names and numbers) and its day: ``Document.date``, else the first
   day/month its head states, without a year (a year is never guessed).
2. Candidate pairs, without comparing every pair: an inverted index over each article's most
   distinctive terms, skipping terms held by more than ``_MAX_POSTING`` articles (so at most
   n x ``_TOP_TERMS`` x ``_MAX_POSTING`` pairs), plus LSH near-duplicate pairs. Up to
   ``_ALL_PAIRS_UP_TO`` articles, every pair is scored.
3. A candidate pair scores ``HEAD_WEIGHT`` x TF-IDF cosine of the heads + ``BODY_WEIGHT`` x that of
   the bodies' starts + ``ANCHOR_WEIGHT`` x anchor overlap (Jaccard), less
   ``DATE_PENALTY`` when the two days are more than ``MAX_DAYS`` apart. (A hard veto instead
   cost 0.03 ARI on AbMuSu train, whose clusters are stories spanning weeks; without any date
   term the demo's 17/12 Tokyo and 22/4 Hanoi meetings, same leaders, same words, would merge.)
   Two ``Document.date`` (metadata, not text) more than ``FAR_DAYS`` apart are a veto: a follow-up
   a month later is another event, however alike the words (near-duplicates still join).
4. Pairs scoring at least ``threshold`` (or near duplicates) are linked; events are the linked
   groups, merged one link at a time, best first, and only while the two groups' average
   score stays above the threshold (average linkage on the candidate graph).
   A second pass merges events whose centroids are close (``CENTROID_THRESHOLD`` of a head and
   body centroid cosine, average linkage again over event pairs that share a candidate pair;
   far ``Document.date`` values still never merge): a lone article that tells the story in
   other words, or two halves of a broad story, meet through their centroids.
   Last, an article still alone joins the event of its best-scoring partner when that pair
   reaches ``threshold``: average linkage counts the pairs the index never proposed as 0, so
   one strong pair with a member of a large event was not enough to join it.
5. Every article takes its representative's event: each input article is in exactly one event.

Nothing is n x n: memory and time grow with the number of distinct articles and their candidate
pairs. Output is deterministic: events ordered by their first article, indices ascending.
"""

from __future__ import annotations

import heapq
import unicodedata
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from tomtat.dates import EventDay, days_apart, find_dates
from tomtat.models import Document
from tomtat.text.sentences import split_sentences
from tomtat.text.words import syllables

__all__ = [
    "ANCHOR_WEIGHT",
    "THRESHOLD",
    "ScoredPile",
    "group_articles",
    "group_documents",
    "group_from_scores",
    "near_duplicate_representatives",
    "pair_scores",
    "score_pile",
]

# chosen by the worse of AbMuSu train and ViMs (benchmarks/events_quality.py; with the lone-article
# step, 0.175 -> 0.1825)
THRESHOLD = 0.1825
HEAD_WEIGHT = 0.5  # TF-IDF cosine of the heads ...
BODY_WEIGHT = 0.5  # ... and of the first _BODY_CHARS characters of the bodies
ANCHOR_WEIGHT = 0.5
MAX_DAYS = 3  # 7 would merge the demo's 11/12 visit with the 17/12 Tokyo meeting
DATE_PENALTY = 0.3
FAR_DAYS = 30  # two articles whose Document.date are further apart are never linked
_FAR_PENALTY = 10.0
DUPLICATE_JACCARD = 0.6
CENTROID_THRESHOLD = 0.4  # second pass: events whose centroids are this close merge
CENTROID_HEAD_WEIGHT = 0.3
CENTROID_BODY_WEIGHT = 0.7
_BODY_CHARS = 3000
_HEAD_SENTENCES = 8
_HEAD_CHARS = 4000  # sentences are looked for in this much of the body (the head is its start)
_SHINGLE_CHARS = 2500
_TOP_TERMS = 20
_ALL_PAIRS_UP_TO = 100
_MAX_POSTING = 30  # terms held by more articles than this do not propose pairs
_NUM_PERM = 64
_PAIRS_PER_CHUNK = 5_000
_ROWS_PER_CHUNK = 1_000  # TF-IDF counts are gathered this many articles at a time
_DUPLICATE_SCORE = 10.0  # a near-duplicate pair is always linked


def _head_parts(doc: Document) -> list[str]:
    """Title, lead and the first body sentences: what says which event an article is about."""
    text = unicodedata.normalize("NFC", doc.text[:_HEAD_CHARS])
    first = [text[a:b] for a, b in split_sentences(text)[:_HEAD_SENTENCES]]
    parts = [unicodedata.normalize("NFC", p).strip() for p in (doc.title, doc.lead)]
    return [p for p in parts + first if p]


def _head(doc: Document) -> str:
    return " ".join(_head_parts(doc))


def _cased_syllables(sentence: str) -> list[tuple[str, bool]]:
    """``tomtat.text.words.syllables`` of ``sentence``, each with whether it was capitalised."""
    lowered = syllables(sentence)
    nfc = unicodedata.normalize("NFC", sentence)
    low = nfc.lower()
    if len(low) != len(nfc):  # lower-casing changed the length (not Vietnamese): no case info
        return [(s, False) for s in lowered]
    out: list[tuple[str, bool]] = []
    pos = 0
    for syllable in lowered:
        k = low.find(syllable, pos)
        out.append((syllable, nfc[k].isupper()))
        pos = k + len(syllable)
    return out


def _anchors(parts: Sequence[str]) -> frozenset[str]:
    """Capitalised names (runs of capitalised syllables, not a lone sentence opener) and numbers
    (a white-space token of digits only, "11/12" -> "11.12", longer than one character)."""
    names: set[str] = set()
    numbers: set[str] = set()
    for part in parts:
        for a, b in split_sentences(part):
            sentence = part[a:b]
            run: list[str] = []
            words = _cased_syllables(sentence) + [("", False)]
            for k, (word, capital) in enumerate(words):
                if capital:
                    run.append(word)
                    continue
                if run and not (len(run) == 1 and k == 1):
                    names.add(" ".join(run))
                run = []
            if not any(word[:1].isdigit() for word, _ in words):
                continue
            for token in sentence.split():
                if token.isalpha():  # a word: no digit in it
                    continue
                digits = syllables(token)
                if digits and all(s.isdigit() for s in digits):
                    number = ".".join(digits)
                    if len(number) > 1:
                        numbers.add(number)
    return frozenset(names | numbers)


def _event_day(parts: Sequence[str], doc: Document) -> EventDay | None:
    if doc.date:
        try:
            d = date.fromisoformat(doc.date)
        except ValueError:  # Document.date is validated at ingest; a stray value reads as none
            d = None
        if d is not None:
            return EventDay(d.year, d.month, d.day)
    for m in find_dates(" ".join(parts)):
        if m.day is not None and m.month is not None and 1 <= m.day <= 31 and 1 <= m.month <= 12:
            return EventDay(None, m.month, m.day)
    return None


def article_day(doc: Document) -> EventDay | None:
    """The day pair scores compare for an article (its date penalty): ``Document.date``, else
    the first day and month its head states, year unknown."""
    return _event_day(_head_parts(doc), doc)


def _shingles(text: str) -> np.ndarray:
    """Hashes of the syllable 3-shingles of the start of ``text``."""
    words = syllables(text[:_SHINGLE_CHARS])
    if len(words) < 3:
        grams = {" ".join(words)} - {""}
    else:
        grams = {f"{a} {b} {c}" for a, b, c in zip(words, words[1:], words[2:])}
    return np.fromiter(map(zlib.crc32, map(str.encode, grams)), dtype=np.uint64, count=len(grams))


@lru_cache(maxsize=1)
def _permutations() -> np.ndarray:
    from datasketch import MinHash

    return MinHash(num_perm=_NUM_PERM, seed=1, scheme="affine32").permutations


@lru_cache(maxsize=1)
def _lsh_params() -> tuple[int, int]:
    """datasketch's optimal (bands, rows) for our threshold: computed once, not per call."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=DUPLICATE_JACCARD, num_perm=_NUM_PERM)
    return lsh.b, lsh.r


def _new_lsh():
    from datasketch import MinHashLSH

    return MinHashLSH(threshold=DUPLICATE_JACCARD, num_perm=_NUM_PERM, params=_lsh_params())


def _minhash(doc: Document):
    from datasketch import LeanMinHash, MinHash

    mh = MinHash(num_perm=_NUM_PERM, hashfunc=int, permutations=_permutations(), scheme="affine32")
    values = _shingles(doc.text or _head(doc))
    if len(values):
        mh.update_batch(values)
    return LeanMinHash(mh)


def near_duplicate_representatives(documents: Sequence[Document]) -> list[int]:
    """For each document, the index of its representative (itself when it is one).

    Documents are visited longest first, then by id and position; each joins the
    representative, among those its MinHash LSH buckets hold, with the highest estimated
    Jaccard if that reaches ``DUPLICATE_JACCARD``, else becomes one. Memory: one MinHash per
    representative.
    """
    return _collapse(documents)[0]


def _collapse(documents: Sequence[Document]) -> tuple[list[int], dict[int, object]]:
    """Each document's representative, and each representative's MinHash."""
    lsh = _new_lsh()
    kept: dict[int, object] = {}
    representative = list(range(len(documents)))
    order = sorted(range(len(documents)), key=lambda i: (-len(documents[i].text), documents[i].id, i))
    for i in order:
        mh = _minhash(documents[i])
        best, best_jaccard = None, DUPLICATE_JACCARD
        for r in sorted(lsh.query(mh)):
            jaccard = mh.jaccard(kept[r])
            if jaccard > best_jaccard or (jaccard == best_jaccard and best is None):
                best, best_jaccard = r, jaccard
        if best is None:
            kept[i] = mh
            lsh.insert(i, mh, check_duplication=False)
        else:
            representative[i] = best
    return representative, kept


def _duplicate_pairs(
    documents: Sequence[Document], hashes: Sequence | None = None
) -> set[tuple[int, int]]:
    lsh = _new_lsh()
    hashes = list(hashes) if hashes is not None else [_minhash(doc) for doc in documents]
    for i, mh in enumerate(hashes):
        lsh.insert(i, mh, check_duplication=False)
    pairs = set()
    for i, mh in enumerate(hashes):
        for j in lsh.query(mh):
            if j != i:
                pairs.add((min(i, j), max(i, j)))
    return pairs


def _tfidf(texts: list[str]):
    """Sublinear TF-IDF (l2-normalised CSR rows) of the syllable 1-2 grams of each text
    (``tomtat.text.words.syllables``).

    Each text is kept as an array of syllable numbers (not a list of strings); syllables are
    renumbered in sorted order and a bigram's code is computed from its two numbers in numpy
    (exact, no hashing), so the columns do not depend on the input order and no bigram string
    is built. Counts are gathered ``_ROWS_PER_CHUNK`` texts at a time.
    """
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import TfidfTransformer

    number_of: dict[str, int] = {}
    numbered = []
    for text in texts:
        words = syllables(text)
        numbered.append(np.array([number_of.setdefault(w, len(number_of)) for w in words], dtype=np.int32))
    vocabulary = list(number_of)
    rank = np.empty(len(vocabulary), dtype=np.int64)
    rank[sorted(range(len(vocabulary)), key=vocabulary.__getitem__)] = np.arange(len(vocabulary))
    size = max(1, len(vocabulary))
    span = size + size * size  # codes: unigrams below size, bigrams above
    n = len(numbered)
    row_keys, row_counts = [], []  # distinct (row, code) keys and their counts, a chunk at a time
    for start in range(0, n, _ROWS_PER_CHUNK):
        keys = []
        for i in range(start, min(n, start + _ROWS_PER_CHUNK)):
            if len(numbered[i]):
                ids = rank[numbered[i]]
                keys.append(np.concatenate([ids, size + ids[:-1] * size + ids[1:]]) + i * span)
        if keys:
            distinct, counts = np.unique(np.concatenate(keys), return_counts=True)
            row_keys.append(distinct)
            row_counts.append(counts.astype(np.float32))
    keys_all = np.concatenate(row_keys) if row_keys else np.empty(0, dtype=np.int64)
    rows, codes = keys_all // span, keys_all % span
    del keys_all
    used, columns = np.unique(codes, return_inverse=True)  # within a row, columns stay ascending
    indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=n))])
    counts = np.concatenate(row_counts) if row_counts else np.empty(0, dtype=np.float32)
    matrix = csr_matrix((counts, columns.ravel(), indptr), shape=(n, max(1, len(used))))
    return TfidfTransformer(sublinear_tf=True).fit_transform(matrix).astype(np.float32).tocsr()


def _term_pair_codes(matrix) -> np.ndarray:
    """Pairs sharing one of their top terms, among terms held by few articles, as sorted
    unique codes ``a * n + b`` (``a < b``)."""
    n = matrix.shape[0]
    cap = _MAX_POSTING  # constant: at most n * _TOP_TERMS * cap pairs, linear in n
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    postings: dict[int, list[int]] = {}
    for i in range(n):
        start, end = matrix.indptr[i], matrix.indptr[i + 1]
        cols, vals = matrix.indices[start:end], matrix.data[start:end]
        keep = (df[cols] >= 2) & (df[cols] <= cap)
        cols, vals = cols[keep], vals[keep]
        for c in cols[np.lexsort((cols, -vals))][:_TOP_TERMS]:
            postings.setdefault(int(c), []).append(i)
    chunks = []
    for members in postings.values():
        if len(members) > 1:
            m = np.asarray(members, dtype=np.int64)  # ascending: members were added in order
            a, b = np.triu_indices(len(m), k=1)
            chunks.append(m[a] * n + m[b])
    return np.unique(np.concatenate(chunks)) if chunks else np.empty(0, dtype=np.int64)


def _term_pairs(matrix) -> set[tuple[int, int]]:
    """``_term_pair_codes`` as ``(a, b)`` pairs."""
    n = matrix.shape[0]
    return {(int(c // n), int(c % n)) for c in _term_pair_codes(matrix)}


def _row_dots(matrix, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """``matrix[left[k]] . matrix[right[k]]`` for each k, a chunk of pairs at a time."""
    out = np.empty(len(left), dtype=np.float64)
    for s in range(0, len(left), _PAIRS_PER_CHUNK):
        e = s + _PAIRS_PER_CHUNK
        out[s:e] = np.asarray(matrix[left[s:e]].multiply(matrix[right[s:e]]).sum(axis=1)).ravel()
    return out


def pair_scores(
    documents: Sequence[Document],
) -> tuple[dict[tuple[int, int], float], set[tuple[int, int]]]:
    """Candidate pairs ``(i, j)``, ``i < j``, with their scores; and the near-duplicate pairs.

    Over ``documents`` as given (no collapse: ``score_pile`` collapses near-duplicates first).
    """
    return _pair_scores(documents, None)


class _PairParts(NamedTuple):
    """The parts of each candidate pair's score (``left[k] < right[k]``, positions)."""

    left: np.ndarray
    right: np.ndarray
    head_cosine: np.ndarray
    body_cosine: np.ndarray
    anchor_overlap: np.ndarray
    days_apart: np.ndarray  # -1: a day unknown
    both_dated: np.ndarray  # both days come from Document.date (have a year)


def _candidate_parts(documents: Sequence[Document], hashes: Sequence | None) -> tuple[_PairParts, set]:
    parts = [_head_parts(d) for d in documents]
    matrix = _tfidf([" ".join(p) for p in parts])
    duplicates = _duplicate_pairs(documents, hashes)
    n = len(documents)
    if n <= _ALL_PAIRS_UP_TO:  # few articles: every pair is a candidate
        left, right = (x.astype(np.int64) for x in np.triu_indices(n, k=1))
    else:
        codes = _term_pair_codes(matrix)
        if duplicates:
            codes = np.union1d(codes, np.array([a * n + b for a, b in duplicates], dtype=np.int64))
        left, right = codes // n, codes % n
    head_cosine = _row_dots(matrix, left, right)
    body = _tfidf([d.text[:_BODY_CHARS] for d in documents])
    body_cosine = _row_dots(body, left, right)
    anchors = [_anchors(p) for p in parts]
    days = [_event_day(p, d) for p, d in zip(parts, documents)]
    overlap = np.empty(len(left), dtype=np.float64)
    gaps = np.full(len(left), -1, dtype=np.int64)
    both_dated = np.zeros(len(left), dtype=bool)
    for k, (a, b) in enumerate(zip(left.tolist(), right.tolist())):
        union = len(anchors[a] | anchors[b])
        overlap[k] = len(anchors[a] & anchors[b]) / union if union else 0.0
        da, db = days[a], days[b]
        if da is not None and db is not None:
            gaps[k] = days_apart(da, db)
            both_dated[k] = da.year is not None and db.year is not None
    parts_of_pairs = _PairParts(left, right, head_cosine, body_cosine, overlap, gaps, both_dated)
    dated = np.array([date(*d).toordinal() if d and d.year is not None else -1 for d in days], dtype=np.int64)
    closeness = CENTROID_HEAD_WEIGHT * head_cosine + CENTROID_BODY_WEIGHT * body_cosine
    return parts_of_pairs, duplicates, (matrix, body, dated, closeness)


def _combine(p: _PairParts) -> np.ndarray:
    """Each candidate pair's score from its parts (see the module doc, step 3)."""
    score = HEAD_WEIGHT * p.head_cosine + BODY_WEIGHT * p.body_cosine + ANCHOR_WEIGHT * p.anchor_overlap
    score = score - DATE_PENALTY * (p.days_apart > MAX_DAYS)
    return score - _FAR_PENALTY * ((p.days_apart > FAR_DAYS) & p.both_dated)


def _pair_scores(
    documents: Sequence[Document], hashes: Sequence | None
) -> tuple[dict[tuple[int, int], float], set[tuple[int, int]]]:
    p, duplicates, _ = _candidate_parts(documents, hashes)
    scores = dict(zip(zip(p.left.tolist(), p.right.tolist()), _combine(p).tolist()))
    return scores, duplicates


@dataclass(frozen=True)
class ScoredPile:
    """A pile scored once, ready to group at any threshold.

    ``representative[i]`` is the index of article ``i``'s near-duplicate representative;
    ``representatives`` are those indices, ascending; ``scores`` and ``duplicates`` are keyed
    by positions in ``representatives``.
    """

    representative: tuple[int, ...]
    representatives: tuple[int, ...]
    scores: dict[tuple[int, int], float]
    duplicates: frozenset[tuple[int, int]]
    # (heads, bodies, dated, pair_closeness): TF-IDF rows, Document.date ordinals (-1), and each
    # scored pair's centroid closeness as two lone articles (see _merge_close_events)
    profiles: tuple | None = None


    def group(self, threshold: float = THRESHOLD) -> list[list[int]]:
        """Article indices grouped by event, each article in exactly one; events in order of
        their first article, indices ascending."""
        rep_groups = group_from_scores(
            len(self.representatives), self.scores, set(self.duplicates), threshold
        )
        if self.profiles is not None:
            rep_groups = _merge_close_events(rep_groups, self.scores, *self.profiles)
            rep_groups = _attach_lone_articles(rep_groups, self.scores, self.profiles[2], threshold)
        event_of = {}
        for e, members in enumerate(rep_groups):
            for position in members:
                event_of[self.representatives[position]] = e
        groups: dict[int, list[int]] = {}
        for i, r in enumerate(self.representative):
            groups.setdefault(event_of[r], []).append(i)
        events = sorted(groups.values(), key=lambda g: g[0])
        if sum(len(g) for g in events) != len(self.representative):  # pragma: no cover
            raise AssertionError("events lost or doubled an article")
        return events


def score_pile(documents: Sequence[Document]) -> ScoredPile:
    """Collapse near-duplicates, then score candidate pairs of the representatives."""
    representative, hashes = _collapse(documents)
    representatives = sorted(hashes)
    parts, duplicates, profiles = _candidate_parts(
        [documents[i] for i in representatives], [hashes[i] for i in representatives]
    )
    scores = dict(zip(zip(parts.left.tolist(), parts.right.tolist()), _combine(parts).tolist()))
    return ScoredPile(
        tuple(representative), tuple(representatives), scores, frozenset(duplicates), profiles
    )


def _merge_close_events(
    groups: list[list[int]], scores: dict, heads, bodies, dated, pair_closeness
) -> list[list[int]]:
    """Second pass: events whose centroids are close merge (average linkage again, over the
    event pairs that share a candidate article pair), at ``CENTROID_THRESHOLD`` of
    ``CENTROID_HEAD_WEIGHT`` x cosine of the head centroids + ``CENTROID_BODY_WEIGHT`` x that of
    the body centroids. A centroid averages its articles, so a lone article that shares the
    story but few words with each member, or two halves of one broad story, can still meet.
    Two events holding ``Document.date`` values more than ``FAR_DAYS`` apart never merge.
    Two lone articles' closeness is their pair's (``pair_closeness``, in ``scores`` order), so
    centroids are computed only for event pairs with a larger event."""
    from scipy.sparse import csr_matrix
    from sklearn.preprocessing import normalize

    n_events, n = len(groups), heads.shape[0]
    if n_events < 2 or not scores:
        return groups
    event_of = np.empty(n, dtype=np.int64)
    for e, members in enumerate(groups):
        event_of[members] = e
    pairs = np.array(list(scores), dtype=np.int64)
    a, b = event_of[pairs[:, 0]], event_of[pairs[:, 1]]
    apart = a != b
    event_pair = np.minimum(a, b)[apart] * n_events + np.maximum(a, b)[apart]
    codes, first_pair = np.unique(event_pair, return_index=True)
    if not len(codes):
        return groups
    left, right = codes // n_events, codes % n_events
    known = np.asarray(pair_closeness)[apart][first_pair]
    has_date = dated >= 0
    first = np.full(n_events, np.iinfo(np.int64).max)
    last = np.full(n_events, -1)
    np.minimum.at(first, event_of[has_date], dated[has_date])
    np.maximum.at(last, event_of[has_date], dated[has_date])
    both = (last[left] >= 0) & (last[right] >= 0)
    spread = np.maximum(last[left] - first[right], last[right] - first[left])
    near = ~both | (spread <= FAR_DAYS)
    left, right, closeness = left[near], right[near], known[near]
    size = np.bincount(event_of, minlength=n_events)
    larger = (size[left] > 1) | (size[right] > 1)  # the others are two lone articles: known
    if larger.any():
        membership = csr_matrix((np.ones(n, dtype=np.float32), (event_of, np.arange(n))), shape=(n_events, n))
        l, r = left[larger], right[larger]
        computed = CENTROID_HEAD_WEIGHT * _row_dots(normalize(membership @ heads), l, r)
        computed += CENTROID_BODY_WEIGHT * _row_dots(normalize(membership @ bodies), l, r)
        closeness[larger] = computed
    event_scores = dict(zip(zip(left.tolist(), right.tolist()), closeness.tolist()))
    merged = group_from_scores(n_events, event_scores, set(), CENTROID_THRESHOLD)
    return sorted((sorted(i for e in events for i in groups[e]) for events in merged), key=lambda g: g[0])


def _attach_lone_articles(
    groups: list[list[int]], scores: dict, dated: np.ndarray, threshold: float
) -> list[list[int]]:
    """Third step: an article left alone joins the event of its best-scoring partner when that
    pair reaches ``threshold`` (the bar any pair must pass to link).

    Average linkage counts the pairs the candidate index never proposed as 0, so one article
    that tells the story in other words can pass the threshold with one member of a large
    event (even 0.57) and still average below it over the whole event. Two lone articles
    whose pair passes are already one event, so a partner is always in a larger event, and
    each lone article moves on its own (order does not matter). An event holding
    ``Document.date`` values more than ``FAR_DAYS`` from the article's does not take it."""
    n_events, n = len(groups), len(dated)
    if n_events < 2 or not scores:
        return groups
    event_of = np.empty(n, dtype=np.int64)
    for e, members in enumerate(groups):
        event_of[members] = e
    size = np.bincount(event_of, minlength=n_events)
    pairs = np.array(list(scores), dtype=np.int64)
    values = np.fromiter(scores.values(), dtype=np.float64, count=len(scores))
    lone = np.concatenate([pairs[:, 0], pairs[:, 1]])  # each pair seen from both ends
    partner = np.concatenate([pairs[:, 1], pairs[:, 0]])
    values = np.concatenate([values, values])
    keep = (size[event_of[lone]] == 1) & (values >= threshold)
    lone, partner, values = lone[keep], partner[keep], values[keep]
    if not len(lone):
        return groups
    order = np.lexsort((partner, -values, lone))  # per lone article: best score, then lowest partner
    lone, partner = lone[order], partner[order]
    first = np.concatenate([[True], lone[1:] != lone[:-1]])
    has_date = dated >= 0
    first_day = np.full(n_events, np.iinfo(np.int64).max)
    last_day = np.full(n_events, -1)
    np.minimum.at(first_day, event_of[has_date], dated[has_date])
    np.maximum.at(last_day, event_of[has_date], dated[has_date])
    target = event_of.copy()
    for article, other in zip(lone[first].tolist(), partner[first].tolist()):
        e = event_of[other]
        day = dated[article]
        if day >= 0 and last_day[e] >= 0 and max(last_day[e] - day, day - first_day[e]) > FAR_DAYS:
            continue
        target[article] = e
    events: dict[int, list[int]] = {}
    for i, e in enumerate(target.tolist()):
        events.setdefault(e, []).append(i)
    return sorted(events.values(), key=lambda g: g[0])


def group_articles(documents: Sequence[Document], threshold: float = THRESHOLD) -> list[list[int]]:
    """Indices of ``documents`` grouped by event; events in order of their first article.

    Every index appears in exactly one event. ``documents`` need not have unique ids here
    (grouping works on positions); ``tomtat.rows.summarize_events`` rejects duplicate ids.
    """
    if not documents:
        return []
    return score_pile(documents).group(threshold)


def group_documents(
    documents: Sequence[Document], threshold: float = THRESHOLD
) -> list[tuple[Document, ...]]:
    """``documents`` grouped by event, as ``group_articles`` orders them."""
    return [tuple(documents[i] for i in g) for g in group_articles(documents, threshold)]


def group_from_scores(
    n: int,
    scores: dict[tuple[int, int], float],
    duplicates: set[tuple[int, int]],
    threshold: float = THRESHOLD,
) -> list[list[int]]:
    """Average-linkage grouping of ``n`` items over scored candidate pairs (see module doc)."""
    scores = dict(scores)
    for pair in duplicates:
        scores[pair] = max(scores.get(pair, 0.0), _DUPLICATE_SCORE)
    # average linkage restricted to candidate edges; missing edges count as score 0
    parent = list(range(n))
    size = [1] * n
    links: dict[int, dict[int, float]] = {i: {} for i in range(n)}  # group -> group -> summed score
    for (a, b), s in scores.items():
        links[a][b] = links[a].get(b, 0.0) + s
        links[b][a] = links[b].get(a, 0.0) + s

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    heap = [(-s, a, b) for (a, b), s in scores.items() if s >= threshold]
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if find(a) != a or find(b) != b or a == b:
            continue
        current = links[a].get(b, 0.0) / (size[a] * size[b])
        if abs(current + neg) > 1e-9:  # stale entry: push the up-to-date average
            if current >= threshold:
                heapq.heappush(heap, (-current, a, b))
            continue
        keep, gone = (a, b) if a < b else (b, a)
        parent[gone] = keep
        size[keep] += size[gone]
        for other, s in links.pop(gone).items():
            if other == keep:
                continue
            links[other].pop(gone, None)
            links[keep][other] = links[keep].get(other, 0.0) + s
            links[other][keep] = links[keep][other]
        links[keep].pop(gone, None)
        for other, s in links[keep].items():
            avg = s / (size[keep] * size[other])
            if avg >= threshold:
                x, y = (keep, other) if keep < other else (other, keep)
                heapq.heappush(heap, (-avg, x, y))
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])

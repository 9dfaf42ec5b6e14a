"""Group a pile of articles into events (the number of events is found, not given).

1. Each article is read as its title, lead and first sentences: TF-IDF of syllable 1-2 grams,
   plus its "anchors" (capitalised names and numbers) and the first day/month it states.
2. Candidate pairs, without comparing every pair: MinHash LSH over syllable 3-shingles of the
   whole text (wire copies, near duplicates), and an inverted index over each article's most
   distinctive terms, skipping terms held by more than ``_MAX_POSTING`` articles (so at most
   n x ``_TOP_TERMS`` x ``_MAX_POSTING`` pairs). Up to 100 articles, every pair is scored.
3. A candidate pair scores TF-IDF cosine + ``ANCHOR_WEIGHT`` x anchor overlap (Jaccard), less
   ``DATE_PENALTY`` when the two articles' dates (``Document.date``, else the first day/month
   their heads state) are more than ``MAX_DAYS`` apart. (A hard veto instead cost 0.03 ARI on AbMuSu
   train, whose clusters are stories spanning weeks; without any date term the demo's
   17/12 Tokyo and 22/4 Hanoi meetings, same leaders, same words, would merge.)
4. Pairs scoring at least ``threshold`` (or near duplicates) are linked; events are the linked
   groups, merged one link at a time, best first, and only while the two groups' average
   score stays above the threshold (average linkage on the candidate graph).

Output is deterministic: events ordered by their first article, indices ascending.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
import zlib
from collections.abc import Sequence
from datetime import date

import numpy as np

from tomtat.models import Document
from tomtat.timeline import find_dates

__all__ = ["ANCHOR_WEIGHT", "THRESHOLD", "group_articles", "group_from_scores", "pair_scores"]

THRESHOLD = 0.15  # tuned on AbMuSu train (benchmarks/events_quality.py)
ANCHOR_WEIGHT = 0.5
MAX_DAYS = 3
DATE_PENALTY = 0.3
DUPLICATE_JACCARD = 0.6
_HEAD_SENTENCES = 3
_TOP_TERMS = 20
_ALL_PAIRS_UP_TO = 100
_MAX_POSTING = 30  # terms held by more articles than this do not propose pairs
_NUM_PERM = 64

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
_SYLLABLE = re.compile(r"[^\W_]+", re.UNICODE)
_NUMBER = re.compile(r"\d+(?:[.,/]\d+)*")


def _head(doc: Document) -> str:
    """Title, lead and the first sentences: what says which event an article is about."""
    sentences = _SENTENCE_END.split(doc.text.strip(), maxsplit=_HEAD_SENTENCES)
    first = " ".join(sentences[:_HEAD_SENTENCES])
    return unicodedata.normalize("NFC", " ".join(p for p in (doc.title, doc.lead, first) if p))


def _anchors(head: str) -> frozenset[str]:
    """Capitalised names (runs of capitalised syllables, not a lone sentence opener) and numbers."""
    names: set[str] = set()
    for sentence in _SENTENCE_END.split(head):
        run: list[str] = []
        words = _SYLLABLE.findall(sentence) + [""]
        for k, word in enumerate(words):
            if word[:1].isupper():
                run.append(word)
                continue
            if run and not (len(run) == 1 and k == 1):
                names.add(" ".join(run).lower())
            run = []
    numbers = {n for n in _NUMBER.findall(head) if len(n) > 1}
    return frozenset(names | numbers)


def _lead_day(head: str, doc: Document) -> date | None:
    """The article's date if known, else the first day/month its head states (year 2000)."""
    if doc.date:
        try:
            return date.fromisoformat(doc.date[:10])
        except ValueError:
            pass
    for m in find_dates(head):
        if m.day is not None and m.month is not None:
            try:
                return date(2000, m.month, m.day)
            except ValueError:
                continue
    return None


def _days_apart(a: date, b: date) -> int:
    if a.year == 2000 or b.year == 2000:  # day/month only: compare within a year, wrapping
        gap = abs(a.replace(year=2000).toordinal() - b.replace(year=2000).toordinal()) % 366
        return min(gap, 366 - gap)
    return abs(a.toordinal() - b.toordinal())


def _shingles(text: str) -> np.ndarray:
    syllables = _SYLLABLE.findall(text.lower()[:2500])
    grams = {" ".join(syllables[i : i + 3]) for i in range(max(1, len(syllables) - 2))}
    return np.array(sorted(zlib.crc32(g.encode()) for g in grams if g), dtype=np.uint64)


def _duplicate_pairs(documents: Sequence[Document]) -> set[tuple[int, int]]:
    from datasketch import LeanMinHash, MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=DUPLICATE_JACCARD, num_perm=_NUM_PERM)
    hashes = []
    for i, doc in enumerate(documents):
        mh = MinHash(num_perm=_NUM_PERM, seed=1, hashfunc=lambda x: x)
        values = _shingles(doc.text or _head(doc))
        if len(values):
            mh.update_batch(values)
        lean = LeanMinHash(mh)
        hashes.append(lean)
        lsh.insert(i, lean, check_duplication=False)
    pairs = set()
    for i, mh in enumerate(hashes):
        for j in lsh.query(mh):
            if j != i:
                pairs.add((min(i, j), max(i, j)))
    return pairs


def _tfidf(heads: list[str]):
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(
        lowercase=True, token_pattern=r"(?u)[^\W_]+", ngram_range=(1, 2), sublinear_tf=True,
        dtype=np.float32,
    )  # fmt: skip
    return vectorizer.fit_transform(heads)


def _term_pairs(matrix) -> set[tuple[int, int]]:
    """Pairs sharing one of their top terms, among terms held by few articles."""
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
    pairs: set[tuple[int, int]] = set()
    for members in postings.values():
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                pairs.add((members[a], members[b]))
    return pairs


def pair_scores(
    documents: Sequence[Document],
) -> tuple[dict[tuple[int, int], float], set[tuple[int, int]]]:
    """Candidate pairs ``(i, j)``, ``i < j``, with their scores; and the near-duplicate pairs."""
    heads = [_head(d) for d in documents]
    matrix = _tfidf(heads).tocsr()
    duplicates = _duplicate_pairs(documents)
    n = len(documents)
    if n <= _ALL_PAIRS_UP_TO:  # few articles: every pair is a candidate
        candidates = [(a, b) for a in range(n) for b in range(a + 1, n)]
    else:
        candidates = sorted(_term_pairs(matrix) | duplicates)
    if not candidates:
        return {}, duplicates
    left = np.array([a for a, _ in candidates])
    right = np.array([b for _, b in candidates])
    cosine = np.asarray(matrix[left].multiply(matrix[right]).sum(axis=1)).ravel()
    anchors = [_anchors(h) for h in heads]
    days = [_lead_day(h, d) for h, d in zip(heads, documents)]
    scores: dict[tuple[int, int], float] = {}
    for (a, b), cos in zip(candidates, cosine):
        union = anchors[a] | anchors[b]
        overlap = len(anchors[a] & anchors[b]) / len(union) if union else 0.0
        score = float(cos) + ANCHOR_WEIGHT * overlap
        da, db = days[a], days[b]
        if da is not None and db is not None and _days_apart(da, db) > MAX_DAYS:
            score -= DATE_PENALTY
        scores[(a, b)] = score
    return scores, duplicates


def group_articles(documents: Sequence[Document], threshold: float = THRESHOLD) -> list[list[int]]:
    """Indices of ``documents`` grouped by event; events in order of their first article."""
    if not documents:
        return []
    scores, duplicates = pair_scores(documents)
    return group_from_scores(len(documents), scores, duplicates, threshold)


def group_from_scores(
    n: int,
    scores: dict[tuple[int, int], float],
    duplicates: set[tuple[int, int]],
    threshold: float = THRESHOLD,
) -> list[list[int]]:
    """Average-linkage grouping of ``n`` items over scored candidate pairs (see module doc)."""
    scores = dict(scores)
    for pair in duplicates:
        scores[pair] = max(scores.get(pair, 0.0), 10.0)
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


EVENT_MAX_WORDS = 100  # an event's summary is a paragraph, not a page


def event_row(members: tuple[Document, ...], event_id: str, options) -> dict:
    """One event: its articles, a title (the first article title, else the first summary
    sentence), a short summary and the dates its articles carry."""
    from tomtat import summarize
    from tomtat.render import sentence_dict

    from tomtat.errors import InputError

    try:
        summary = summarize(members, options=options, cluster_id=event_id)
    except InputError:  # no sentence fits the budget: the event still gets its best sentence
        best = options.with_(max_words=10**9, max_sentences=1)
        summary = summarize(members, options=best, cluster_id=event_id)
    lead = summary.sentences[0].text if summary.sentences else members[0].text[:120]
    return {
        "event_id": event_id,
        "articles": [d.id for d in members],
        "title": next((d.title for d in members if d.title), "") or lead,
        "summary": summary.text,
        "dates": sorted({d.date for d in members if d.date}),
        "sentences": [sentence_dict(s) for s in summary.sentences],
    }


def _event_row(item: tuple[tuple[Document, ...], str], options) -> dict:
    return event_row(item[0], item[1], options)


def summarize_events(documents: Sequence[Document], options=None, workers: int = 1):
    """Group ``documents`` into events and yield each event's row, in order of first article.

    ``options`` (a SummarizeOptions) shapes each event's summary; by default
    ``EVENT_MAX_WORDS`` words without facts or timeline.
    """
    from tomtat.batch import ordered_map
    from tomtat.options import SummarizeOptions

    if options is None:
        options = SummarizeOptions(max_words=EVENT_MAX_WORDS, facts=False, timeline=False)
    groups = group_articles(documents)
    items = ((tuple(documents[i] for i in group), f"e{n}") for n, group in enumerate(groups))
    yield from ordered_map(_event_row, items, options, workers=workers)

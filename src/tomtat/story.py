"""Stage: a pile holding several events -> a summary told event by event, in date order.

In the spirit of CLUST (Gholipour Ghalandari & Ifrim, ACL 2020, news timeline summarization):
articles are grouped by content (``tomtat.events``), each group is dated by the day its
articles' heads state most often, and each dated event is summarized on its own.

1. Gate (cheap, necessary conditions): the days the articles' heads (their first
   ``HEAD_SENTENCES`` sentences) state span more than ``STORY_SPAN_DAYS``, or the articles
   fall apart into groups that share little head wording (``CONTENT_GATE``) and few names
   (``SHARED_NAMES``). Else the pile is one event, summarized as before.
2. Groups: ``events.score_pile(...).group()`` (pair scores, average linkage, and its second
   pass over event centroids), then merged back unless they are distinct: unrelated (best
   pair score with the date penalty added back below ``LINK``, and few shared names), or,
   in a pile spanning more than ``STORY_SPAN_DAYS``, dated more than ``events.MAX_DAYS``
   apart with a best pair score below ``LINK_OTHER_DAY``. The penalty is added back where
   ``events`` took it: on the days it reads (``Document.date``, else the first day and month
   of its longer head), not the group days below. A group's day is the day most of its
   articles' heads state first. Fewer than two groups left: one event. An article covering
   several events: a later paragraph opening with another event's day (and far from its
   own) goes to that event, with the paragraphs after it.
3. Budget: each event gets a share of the words by its number of articles to the power
   ``SHARE_POWER`` (at least one sentence), chosen by the cluster's summarizer scoring the
   event's own articles; words left over go to the best remaining sentences of any event.
4. Order: events with a year by date; an event whose year stays unknown where every year
   the evidence leaves it (``timeline.YearEvidence.possible_years``) puts it between the same
   two dated events (``order="placed"``, no year printed); the rest last (``order="open"``),
   told under a line that says their order is open (``render.open_lead``). Sentences of an
   event in reading order.

A day's year comes from its head article (the year written with it, the same day written with
its year in the article, the article's date), else the event's other articles (the same, when
they agree), else evidence (``timeline.year_guesses``, marked ``inferred``); else it stays
unknown.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date

from tomtat.dates import DateMention, EventDay, closest_year, days_apart, find_dates, parse_iso, year_table
from tomtat.models import Cluster, Sentence, StoryEvent
from tomtat.reading import credit_line, needs_antecedent
from tomtat.text.words import LETTER_RUN
from tomtat.timeline import YearGuess, sentence_mentions, year_evidence

__all__ = [
    "HEAD_SENTENCES",
    "LINK",
    "LINK_OTHER_DAY",
    "SHARE_POWER",
    "StoryGroup",
    "find_story",
    "tell_story",
]

HEAD_SENTENCES = 3
CONTENT_GATE = 0.08  # head bigrams two articles of one story share at least (AbMuSu, ViMs)
# events' pair score scale (0.5 head + 0.5 body cosine + 0.5 anchors, less the date penalty),
# chosen by the worse of AbMuSu validation and ViMs piles (benchmarks/piles_bench.py)
LINK = 0.15  # best pair score, date penalty added back, below which two groups are unrelated
LINK_OTHER_DAY = 0.175  # = events.THRESHOLD: groups at other days not linked by one pair this well
SHARED_NAMES = 0.05  # share of names two unrelated stories may have in common
STORY_SPAN_DAYS = 30  # a pile whose days span more may hold several events of the same actors
Key = tuple[str, int]


@dataclass(frozen=True)
class StoryGroup:
    """Articles (positions in the cluster) on one event, and the day their heads state."""

    documents: tuple[int, ...]
    month_day: tuple[int, int] | None
    mention: DateMention | None
    sentence: Sentence | None
    moved_in: tuple[Key, ...] = ()  # paragraphs of other events' articles that tell this one
    moved_out: tuple[Key, ...] = ()  # paragraphs of this event's articles telling another


def _head_days(cluster: Cluster) -> list[tuple[DateMention, Sentence] | None]:
    """The first day (day and month known, not relative) each article's head states."""
    firsts: list[tuple[DateMention, Sentence] | None] = [None] * len(cluster.documents)
    for sentence in cluster.sentences:
        if sentence.index >= HEAD_SENTENCES or firsts[sentence.doc_position] is not None:
            continue
        for mention in find_dates(sentence.text):
            if mention.day is not None and mention.month is not None:
                firsts[sentence.doc_position] = (mention, sentence)
                break
    return firsts


def _penalty_days(cluster: Cluster) -> list:
    """The day events' pair scores compare (its date penalty), read by ``events.article_day``
    so the penalty can be added back exactly."""
    from tomtat.events import article_day

    return [article_day(doc) for doc in cluster.documents]


def _penalized(a, b) -> bool:
    """Whether events' pair score took its date penalty off this pair's score."""
    from tomtat.events import MAX_DAYS

    return a is not None and b is not None and days_apart(a, b) > MAX_DAYS


def _days_apart(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Days between two (month, day), around the calendar (events' own measure)."""
    return days_apart(EventDay(None, *a), EventDay(None, *b))


def _month_day(mention: DateMention) -> tuple[int, int] | None:
    try:
        date(2000, mention.month, mention.day)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return (mention.month, mention.day)  # type: ignore[return-value]


def _head_bigrams(cluster: Cluster) -> list[set[tuple[str, str]]]:
    heads: list[set[tuple[str, str]]] = [set() for _ in cluster.documents]
    for sentence in cluster.sentences:
        if sentence.index < HEAD_SENTENCES:
            heads[sentence.doc_position] |= set(zip(sentence.words, sentence.words[1:]))
    return heads


def _head_wording(heads: list[set[tuple[str, str]]], i: int, j: int) -> float:
    """The share of head bigrams two articles have in common (of the smaller head)."""
    return len(heads[i] & heads[j]) / max(1, min(len(heads[i]), len(heads[j])))


def _falls_apart(n: int, linked: Callable[[int, int], bool]) -> bool:
    """True when the articles ``0..n-1``, joined where ``linked(i, j)``, form several groups."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    pairs = [(i, j) for i in range(n) for j in range(i + 1, n) if linked(i, j)]
    rows, cols = [i for i, _ in pairs], [j for _, j in pairs]
    graph = coo_matrix(([1] * len(pairs), (rows, cols)), shape=(n, n))
    return connected_components(graph, directed=False)[0] > 1


def _apart_by_wording(heads: list[set[tuple[str, str]]]) -> bool:
    """True when the articles fall apart into groups sharing less than ``CONTENT_GATE`` of
    their head bigrams: a cheap sign of unrelated stories, before the real grouping."""
    return _falls_apart(len(heads), lambda i, j: _head_wording(heads, i, j) >= CONTENT_GATE)


_EVERYWHERE_NAMES = frozenset({"việt nam", "hà nội", "hồ chí minh", "tp hcm", "trung quốc", "hoa kỳ"})


def _names(sentences: Iterable[str]) -> set[str]:
    """Runs of two or more capitalised syllables (people, places, organisations) in an
    article's sentences, lower-cased; names found in most Vietnamese news ("Việt Nam",
    "Hà Nội") left out."""
    found: set[str] = set()
    for sentence in sentences:
        run: list[str] = []
        for word in [*LETTER_RUN.findall(sentence), "."]:
            if word[:1].isupper():
                run.append(word)
                continue
            if len(run) >= 2:
                found.add(" ".join(run).lower())
            run = []
    return found - _EVERYWHERE_NAMES


def _shared_names(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(1, min(len(a), len(b)))


def _apart(heads: list[set[tuple[str, str]]], names: list[set[str]]) -> bool:
    """True when the articles fall apart into groups that share neither head wording
    (``CONTENT_GATE``) nor names (``SHARED_NAMES``) with each other."""
    return _falls_apart(
        len(names),
        lambda i, j: _head_wording(heads, i, j) >= CONTENT_GATE
        or _shared_names(names[i], names[j]) >= SHARED_NAMES,
    )


def _article_days(cluster: Cluster, heads) -> list[tuple[int, int] | None]:
    return [_month_day(h[0]) if h else None for h in heads]


def find_story(cluster: Cluster) -> list[StoryGroup] | None:
    """The events of a pile, or None when it reads as one event (see the module doc)."""
    from tomtat.events import DATE_PENALTY, MAX_DAYS, score_pile

    if len(cluster.documents) < 2:
        return None
    heads = _head_days(cluster)
    days = _article_days(cluster, heads)
    known = [d for d in days if d is not None]
    span = max((_days_apart(a, b) for a in known for b in known), default=0)
    # necessary conditions, cheap, before the grouping: days months apart, or articles that
    # share neither wording nor names with the others (names read only when wording allows)
    heads_wording = _head_bigrams(cluster)
    if span <= STORY_SPAN_DAYS and not _apart_by_wording(heads_wording):
        return None
    texts: list[list[str]] = [[] for _ in cluster.documents]
    for sentence in cluster.sentences:  # the cluster's sentences: the articles are split once
        texts[sentence.doc_position].append(sentence.text)
    names = [_names(t) for t in texts]
    if span <= STORY_SPAN_DAYS and not _apart(heads_wording, names):
        return None
    pile = score_pile(cluster.documents)  # near-copies collapsed, scores of representatives
    groups = pile.group()  # with the second pass: halves of one broad story meet again
    position = {r: k for k, r in enumerate(pile.representatives)}
    representative = [position[r] for r in pile.representative]
    if len(groups) < 2:
        return None
    penalty_days = _penalty_days(cluster)

    def pair(i: int, j: int) -> tuple[float, float]:
        """(score, score without the date penalty) of two articles."""
        ri, rj = representative[i], representative[j]
        score = pile.scores.get((min(ri, rj), max(ri, rj)), 0.0)
        apart = _penalized(penalty_days[i], penalty_days[j])
        return score, score + (DATE_PENALTY if apart else 0.0)

    def day_of(group: list[int]) -> tuple[int, int] | None:
        counts = Counter(days[i] for i in group if days[i])
        if not counts:
            return None
        top = max(counts.values())
        return next(days[i] for i in sorted(group) if days[i] and counts[days[i]] == top)  # type: ignore[return-value]

    def distinct(a: list[int], b: list[int]) -> bool:
        """Unrelated (little shared wording, no shared name), or, in a pile spanning months,
        another time with little shared wording."""
        pairs = [pair(i, j) for i in a for j in b]
        if max(raw for _, raw in pairs) < LINK:
            names_a = set().union(*(names[i] for i in a))
            names_b = set().union(*(names[i] for i in b))
            if _shared_names(names_a, names_b) < SHARED_NAMES:
                return True
        da, db = day_of(a), day_of(b)
        if da is None or db is None or span <= STORY_SPAN_DAYS:
            return False
        return _days_apart(da, db) > MAX_DAYS and max(s for s, _ in pairs) < LINK_OTHER_DAY

    merged: list[list[int]] = []
    for group in groups:  # groups in order of their first article
        same = next((m for m in merged if not distinct(m, group)), None)
        if same is None:
            merged.append(list(group))
        else:
            same.extend(group)
    if len(merged) < 2:
        return None
    out = []
    for group in merged:
        day = day_of(group)
        mention = sentence = None
        if day is not None:
            first = next(i for i in sorted(group) if days[i] == day)
            mention, sentence = heads[first]  # type: ignore[misc]
        out.append(StoryGroup(tuple(sorted(group)), day, mention, sentence))
    return _move_paragraphs(cluster, out)


def _move_paragraphs(cluster: Cluster, groups: list[StoryGroup]) -> list[StoryGroup]:
    """An article that covers several events: a paragraph (after the head) that opens by
    stating another event's day, far from its own event's, tells that event, and so do the
    paragraphs after it until one states a day again."""
    from tomtat.events import MAX_DAYS

    days = [g.month_day for g in groups]
    owner = {i: n for n, g in enumerate(groups) for i in g.documents}
    moved: dict[Key, int] = {}
    for position, doc in enumerate(cluster.documents):
        own = days[owner[position]]
        if own is None:
            continue
        target: int | None = None
        paragraph = -1
        for sentence in cluster.sentences_of(doc.id):
            starts_paragraph = doc.text.count("\n", 0, sentence.start) != paragraph
            paragraph = doc.text.count("\n", 0, sentence.start)
            if starts_paragraph and sentence.index >= HEAD_SENTENCES:
                day = next(
                    (_month_day(m) for m in find_dates(sentence.text) if _month_day(m)), None
                )
                if day is not None:
                    near = [n for n, d in enumerate(days) if d and _days_apart(d, day) <= MAX_DAYS]
                    far_from_own = _days_apart(own, day) > MAX_DAYS
                    target = near[0] if near and far_from_own else None
            if target is not None:
                moved[sentence.key] = target
    if not moved:
        return groups
    return [
        replace(
            g,
            moved_in=tuple(k for k, t in moved.items() if t == n),
            moved_out=tuple(k for k, t in moved.items() if owner[_position(cluster, k)] == n),
        )
        for n, g in enumerate(groups)
    ]


def _position(cluster: Cluster, key: Key) -> int:
    return next(i for i, d in enumerate(cluster.documents) if d.id == key[0])


def _event_cluster(cluster: Cluster, group: StoryGroup) -> Cluster:
    """The event's articles as a cluster of their own, with paragraphs moved in and out."""
    from tomtat.pipeline import build_cluster

    own = build_cluster([cluster.documents[i] for i in group.documents], cluster.id)
    if not group.moved_in and not group.moved_out:
        return own
    from dataclasses import replace

    out = set(group.moved_out)
    moved_in = [s for s in cluster.sentences if s.key in set(group.moved_in)]
    extra_docs = [d for d in cluster.documents if d.id in {s.doc_id for s in moved_in}]
    extra_docs = [d for d in extra_docs if d not in own.documents]
    documents = own.documents + tuple(extra_docs)
    positions = {d.id: n for n, d in enumerate(documents)}
    sentences = [s for s in own.sentences if s.key not in out]
    sentences += [replace(s, doc_position=positions[s.doc_id]) for s in moved_in]
    sentences.sort(key=lambda s: (s.doc_position, s.index))
    return Cluster(id=own.id, documents=documents, sentences=tuple(sentences))


def _event_date(
    group: StoryGroup, cluster: Cluster, guesses: Mapping[tuple[str, int, int], YearGuess]
) -> tuple[str | None, bool, bool, YearGuess | None]:
    """``(iso, certain, inferred, guess)`` of a group's day: the year written with the day in
    its head, the same day written with its year in its article, the article's date; then the
    same from the event's other articles (when they agree); then evidence
    (``timeline.year_guesses``); else unknown."""
    if group.month_day is None or group.sentence is None or group.mention is None:
        return None, False, False, None
    month, day = group.month_day
    head = group.sentence.doc_position
    year = group.mention.year if group.mention.year is not None else _written_year(cluster.documents[head], month, day)
    if year is None:  # the event's other articles: the day written with its year, their dates
        years = {_written_year(cluster.documents[i], month, day) for i in group.documents if i != head}
        years.discard(None)
        year = years.pop() if len(years) == 1 else None
    if year is not None:
        try:
            return date(year, month, day).isoformat(), True, False, None
        except ValueError:
            return None, False, False, None
    ids = [cluster.documents[head].id] + [cluster.documents[i].id for i in group.documents if i != head]
    guess = next((guesses[(i, month, day)] for i in ids if (i, month, day) in guesses), None)
    if guess is None:
        return None, False, False, None
    return date(guess.year, month, day).isoformat(), False, True, guess


def _written_year(doc, month: int, day: int) -> int | None:
    """The year of day/month by an article: the day written with its year in it, else the
    year its ``Document.date`` puts nearest (``dates.closest_year``), else None."""
    year = year_table(find_dates(doc.text)).get((day, month))
    reference = parse_iso(doc.date)
    if year is None and reference is not None:
        year = closest_year(month, day, reference)
    return year


Span = tuple[int | None, int | None] | None  # the years evidence leaves an undated day (None: any)


def _story_order(told: list[tuple[StoryEvent, Span]]) -> list[StoryEvent]:
    """The events as told: those with a year by date; one whose year stays unknown where the
    evidence leaves it a single place among them (``order="placed"``: every year its span
    allows puts it between the same two dated events); the rest, whose place the evidence
    leaves open, last (``order="open"``, by day and month), in a part that says so."""
    dated = sorted((e for e, _ in told if e.date is not None), key=lambda e: e.date)  # type: ignore[arg-type,return-value]
    days = [parse_iso(e.date).timetuple()[:3] for e in dated]  # type: ignore[union-attr]
    keyed: list[tuple[tuple, StoryEvent]] = [((2 * i + 1,), e) for i, e in enumerate(dated)]
    opened = []
    for event, span in told:
        if event.date is not None:
            continue
        place = _place(event, span, days)
        if place is None:
            opened.append(replace(event, order="open"))
        else:
            keyed.append(((2 * place, span[0] or 0, event.month_day), replace(event, order="placed")))  # type: ignore[index]
    keyed.sort(key=lambda item: item[0])
    opened.sort(key=lambda e: (e.month_day is None, e.month_day or (0, 0)))
    return [e for _, e in keyed] + opened


def _place(event: StoryEvent, span: Span, days: list[tuple[int, int, int]]) -> int | None:
    """How many dated events (their days, in order) come before an undated one, when every
    year its span allows gives the same answer; else None."""
    if span is None or event.month_day is None or not days:
        return None
    month, day = event.month_day
    first, last = span
    low = 0 if first is None else bisect_right(days, (first, month, day))
    high = len(days) if last is None else bisect_right(days, (last, month, day))
    return low if low == high else None


SHARE_POWER = 0.75  # an event's share of the words grows as (its articles) ** SHARE_POWER


def _quota(n_articles: list[int], max_words: int) -> list[int]:
    """Each event's share of ``max_words``, by its number of articles to ``SHARE_POWER``: a
    story told by one article keeps a fair share beside one told by ten. Chosen among 1, 0.75,
    0.5 and 0 by the worse source of the piles (weakest story vs each story apart, AbMuSu
    validation and ViMs), the ROUGE of single-story clusters told as several events held: 1
    left AbMuSu's weakest story at 80% of apart, 0.5 cost AbMuSu validation 0.34 ROUGE-L."""
    weights = [n**SHARE_POWER for n in n_articles]
    total = sum(weights)
    return [int(max_words * w / total) for w in weights]


def tell_story(
    cluster: Cluster,
    groups: list[StoryGroup],
    summarizer,
    max_words: int,
    max_sentences: int | None = None,
) -> tuple[tuple[StoryEvent, ...], dict[Key, float]] | None:
    """Summarize each event of ``groups`` with its share of ``max_words``; events in date order.

    Each event opens with its news (``tomtat.select.pick_opener``), chosen before its other
    sentences, then the sentences after it in its article, then reading order; no sentence
    leans on one the event lacks, no credit line (``tomtat.select.select_reading``).

    Returns the events (each with its sentences) and every sentence's score within its event;
    None when ``max_words`` cannot hold an opener for every event (the caller tells the pile
    as one summary).
    """
    from tomtat.select import opener_order, overlap, pick_opener, select, summary_worthy, syllable_bigrams

    evidence, guesses = year_evidence(cluster, sentence_mentions(cluster))
    subs = [_event_cluster(cluster, g) for g in groups]
    by_key = {s.key: s for s in cluster.sentences}
    scores: dict[Key, float] = {}
    sub_scores = []
    for sub in subs:
        sub_scores.append(summarizer.score(sub))
        scores.update(sub_scores[-1])
    # each event opens with its news: its opener is chosen first, and its share of the words
    # holds it; when the openers do not fit together, each event's best opener within its
    # share (the web page's 100-word demo keeps its four events); else one summary
    quotas = _quota([len(g.documents) for g in groups], max_words)
    rankings = [
        sorted(sub.sentences, key=lambda s: (-sub_score.get(s.key, 0.0), s.doc_position, s.index))
        for sub, sub_score in zip(subs, sub_scores)
    ]
    firsts = [pick_opener(sub, r, sc, max_words) for sub, r, sc in zip(subs, rankings, sub_scores)]
    if sum(f.n_syllables for f in firsts if f is not None) > max_words:  # openers within shares
        firsts = [pick_opener(sub, r, sc, max(q, 1)) for sub, r, sc, q in zip(subs, rankings, sub_scores, quotas)]
    if sum(f.n_syllables for f in firsts if f is not None) > max_words:
        return None
    chosen: list[list[Sentence]] = []
    per_event_max = None if max_sentences is None else max(1, max_sentences // len(groups))
    for sub, sub_score, quota, first in zip(subs, sub_scores, quotas, firsts):
        quota = max(quota, first.n_syllables if first is not None else 1)
        picked = select(sub, sub_score, max_words=quota, max_sentences=per_event_max,
                        max_overlap=summarizer.max_overlap, repeat_penalty=summarizer.repeat_penalty,
                        reading=True, first=first)  # fmt: skip
        chosen.append([by_key[s.key] for s in picked])
    openers = {f.key for f in firsts if f is not None}
    used = sum(s.n_syllables for event in chosen for s in event)
    while used > max_words:  # an opener or a fallback may overshoot a small share: drop the weakest
        droppable = [e for e in chosen if any(s.key not in openers for s in e)]
        event = max(droppable or chosen, key=len)
        weakest = min((s for s in event if s.key not in openers or not droppable), key=lambda s: scores.get(s.key, 0.0))
        event.remove(weakest)
        used -= weakest.n_syllables
        leaners = [s for s in event if needs_antecedent(s.text) and (s.doc_id, s.index - 1) == weakest.key]
        for s in leaners:  # a sentence leaning on the one dropped goes with it
            event.remove(s)
            used -= s.n_syllables
    bigrams = {s.key: syllable_bigrams(s.text) for event in chosen for s in event}
    n_chosen = sum(len(e) for e in chosen)
    leftovers = sorted(
        ((scores.get(s.key, 0.0), n, s) for n, sub in enumerate(subs) for s in sub.sentences),
        key=lambda item: (-item[0], item[2].doc_position, item[2].index),
    )
    for _, n, sub_sentence in leftovers:  # words left over: the best remaining sentences
        if max_sentences is not None and n_chosen >= max_sentences:
            break
        sentence = by_key[sub_sentence.key]
        if sentence.key in bigrams or used + sentence.n_syllables > max_words:
            continue
        if not summary_worthy(sentence) or credit_line(sentence.text):
            continue
        if needs_antecedent(sentence.text) and (sentence.doc_id, sentence.index - 1) not in {s.key for s in chosen[n]}:
            continue
        grams = syllable_bigrams(sentence.text)
        if any(overlap(grams, other) > summarizer.max_overlap for other in bigrams.values()):
            continue
        chosen[n].append(sentence)
        bigrams[sentence.key] = grams
        used += sentence.n_syllables
        n_chosen += 1
    told: list[tuple[StoryEvent, Span]] = []
    for group, sentences, first in zip(groups, chosen, firsts):
        if not sentences:
            continue
        iso, certain, inferred, guess = _event_date(group, cluster, guesses)
        span = None
        if iso is None and group.month_day is not None:
            ids = [cluster.documents[i].id for i in group.documents]
            span = evidence.possible_years(ids, *group.month_day)
        told.append((
            StoryEvent(
                date=iso,
                date_text=group.mention.text if group.mention else "",
                certain=certain,
                inferred=inferred,
                documents=tuple(cluster.documents[i].id for i in group.documents),
                sentences=tuple(opener_order(cluster, sentences, _told(first, sentences))),
                evidence=guess.evidence if guess else None,
                evidence_text=guess.evidence_text if guess else "",
                month_day=group.month_day,
                end_month_day=_end_month_day(group.mention),
            ),
            span,
        ))  # fmt: skip
    return tuple(_story_order(told)), scores


def _told(first: Sentence | None, sentences: list[Sentence]) -> Sentence | None:
    """The event's opener as told (the pile's sentence of the same key), if still chosen."""
    return next((s for s in sentences if first is not None and s.key == first.key), None)


def _end_month_day(mention: DateMention | None) -> tuple[int, int] | None:
    if mention is None or mention.end_day is None:
        return None
    return (mention.end_month or mention.month, mention.end_day)  # type: ignore[return-value]

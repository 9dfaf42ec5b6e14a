from __future__ import annotations

import random
import re
from dataclasses import replace

import pytest

from tomtat.events import _term_pairs, _tfidf, group_articles, group_from_scores
from tomtat.models import Document


def _ids(groups, docs):
    return sorted(sorted(docs[i].id[:3] for i in g) for g in groups)


def test_demo_events(demo_documents):
    # 002 and 004: the 11/12 Hun Manet visit; 000 Tokyo 17/12, 001 Hanoi 22/4, 003 state visit 11-13/7
    groups = group_articles(demo_documents)
    assert _ids(groups, demo_documents) == [["000"], ["001"], ["002", "004"], ["003"]]
    assert groups == sorted(groups) and all(g == sorted(g) for g in groups)


def test_input_order_does_not_change_the_events(demo_documents):
    docs = list(reversed(demo_documents))
    assert _ids(group_articles(docs), docs) == _ids(group_articles(demo_documents), demo_documents)
    assert group_articles(docs) == group_articles(docs)


def test_article_dates_far_apart_keep_similar_articles_apart(demo_documents):
    published = {"000": "2023-12-18", "001": "2024-04-22", "002": "2023-12-11", "003": "2024-07-15"}
    docs = [replace(d, date=published.get(d.id[:3], "2024-02-20")) for d in demo_documents]
    assert _ids(group_articles(docs), docs) == [["000"], ["001"], ["002"], ["003"], ["004"]]
    docs[4] = replace(docs[4], date="2023-12-12")
    assert ["002", "004"] in _ids(group_articles(docs), docs)


def test_wire_copy_joins_its_source(demo_documents):
    source = demo_documents[1]
    sentences = re.split(r"(?<=[.!?])\s+", source.text)
    copy = Document(id="copy", text=" ".join(sentences[:-2]), title="Tin vắn: " + source.title)
    docs = [copy, *demo_documents]
    groups = group_articles(docs)
    assert [0, 2] in groups  # the copy (0) with 001 (index 2 in this pile)


def test_empty_and_single():
    assert group_articles([]) == []
    assert group_articles([Document(id="a", text="Một bài báo.")]) == [[0]]


def test_grouping_from_scores_uses_average_linkage():
    # a-b strong, b-c strong, a-c absent: average a+b vs c = (0.9 + 0) / 2 < 0.6 keeps c apart
    scores = {(0, 1): 0.95, (1, 2): 0.9}
    assert group_from_scores(3, scores, set(), threshold=0.6) == [[0, 1], [2]]
    assert group_from_scores(3, scores, set(), threshold=0.4) == [[0, 1, 2]]
    assert group_from_scores(3, {}, {(0, 2)}, threshold=0.6) == [[0, 2], [1]]


SYLLABLES = "an bình cao dân đông giang hà hải hòa khánh lâm long minh nam ninh phú quang sơn tân thành".split()


def _synthetic_pile(n_events: int, seed: int = 0) -> list[Document]:
    """``n_events`` events of 3 articles sharing 8 of 12 event words, plus 6 noise words each.

    The noise vocabulary grows with the pile, as a real vocabulary does.
    """
    rng = random.Random(seed)
    noise_words = [f"{rng.choice(SYLLABLES)}x{k}" for k in range(4 * n_events)]
    docs = []
    for event in range(n_events):
        words = [rng.choice(SYLLABLES) + str(event) for _ in range(12)]
        for copy in range(3):
            noise = rng.sample(noise_words, 6)
            docs.append(Document(id=f"{event}-{copy}", text=" ".join(rng.sample(words, 8) + noise) + "."))
    return docs


def test_candidate_pairs_grow_linearly_and_keep_same_event_pairs():
    per_article = []
    for n_events in (60, 240):
        docs = _synthetic_pile(n_events)
        n = len(docs)
        pairs = _term_pairs(_tfidf([d.text for d in docs]).tocsr())
        event = [d.id.split("-")[0] for d in docs]
        same = {(a, b) for a in range(n) for b in range(a + 1, n) if event[a] == event[b]}
        assert len(same & pairs) / len(same) > 0.95
        per_article.append(len(pairs) / n)
    # all pairs would grow 4x per article; candidates per article stay about flat
    assert per_article[1] < 1.5 * per_article[0]


def test_synthetic_events_recovered():
    docs = _synthetic_pile(60)
    groups = group_articles(docs)
    assert sorted(sorted(docs[i].id.split("-")[0] for i in g) for g in groups) == sorted(
        [str(e)] * 3 for e in range(60)
    )


@pytest.mark.parametrize("threshold", [0.0, 0.15, 1.0])
def test_every_article_is_in_exactly_one_event(demo_documents, threshold):
    groups = group_articles(demo_documents, threshold=threshold)
    assert sorted(i for g in groups for i in g) == list(range(len(demo_documents)))

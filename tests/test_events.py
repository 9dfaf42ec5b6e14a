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


def test_a_lone_article_joins_the_event_of_its_best_pair_when_that_pair_passes():
    import numpy as np

    from tomtat.events import _attach_lone_articles

    groups = [[0, 1, 2, 3], [4], [5]]
    # 4 passes the threshold with one member only: its average over the event is 0.1, below it
    scores = {(0, 1): 0.9, (0, 2): 0.8, (1, 3): 0.7, (2, 3): 0.8, (3, 4): 0.4, (4, 5): 0.2}
    undated = np.full(6, -1)
    assert group_from_scores(6, scores, set(), threshold=0.3) == [[0, 1, 2, 3], [4], [5]]
    assert _attach_lone_articles(groups, scores, undated, 0.3) == [[0, 1, 2, 3, 4], [5]]
    assert _attach_lone_articles(groups, scores, undated, 0.45) == groups  # best pair below: alone
    # an event whose Document.date values are more than FAR_DAYS from the article's keeps it out
    dated = np.array([738000, 738001, 738002, 738003, 738000 + 60, -1])
    assert _attach_lone_articles(groups, scores, dated, 0.3) == groups
    dated[4] = 738010
    assert _attach_lone_articles(groups, scores, dated, 0.3) == [[0, 1, 2, 3, 4], [5]]


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


# ---- near-duplicate piles, one event per article, duplicate ids, dates ----------------------

def _near_copies(doc: Document, n: int, seed: int = 0) -> list[Document]:
    """Wire copies / live updates of ``doc``: one sentence dropped, a figure changed, a dated
    update appended, a retitled head."""
    from tomtat.text.sentences import sentences

    lines = sentences(doc.text)
    rng = random.Random(seed)
    copies = []
    for k in range(n):
        kept = list(lines)
        del kept[rng.randrange(len(kept))]
        kept.append(f"Cập nhật lúc {rng.randrange(24)}:{rng.randrange(60):02d}: thêm {rng.randint(2, 99)} trường hợp.")
        title = rng.choice(["Cập nhật: ", "(TTXVN) ", ""]) + doc.title
        copies.append(Document(id=f"copy{k}", title=title, text=" ".join(kept)))
    return copies


def test_a_pile_of_near_copies_collapses_to_one_representative_and_one_event(demo_documents):
    from tomtat.events import near_duplicate_representatives, score_pile

    source = demo_documents[1]  # the 22/4 Hanoi meeting
    copies = _near_copies(source, 300)
    assert near_duplicate_representatives(copies) == [near_duplicate_representatives(copies)[0]] * 300
    pile = score_pile(copies)
    assert len(pile.representatives) == 1 and pile.scores == {}  # nothing left to compare
    assert group_articles(copies) == [list(range(300))]


def test_near_copies_join_their_source_and_leave_other_events_alone(demo_documents):
    from tomtat.events import score_pile

    copies = _near_copies(demo_documents[1], 40, seed=1)
    docs = list(demo_documents) + copies
    random.Random(2).shuffle(docs)
    pile = score_pile(docs)
    assert len(pile.representatives) == len(demo_documents)  # each copy folded into 001
    groups = _ids(group_articles(docs), docs)
    assert sorted(len(g) for g in groups) == [1, 1, 2, 41]
    assert ["000"] in groups and ["003"] in groups and ["002", "004"] in groups
    assert sorted(i for g in group_articles(docs) for i in g) == list(range(len(docs)))


def test_representative_and_events_do_not_depend_on_input_order(demo_documents):
    docs = list(demo_documents) + _near_copies(demo_documents[0], 25, seed=3)
    shuffled = list(docs)
    random.Random(4).shuffle(shuffled)
    by_id = lambda ds, gs: sorted(sorted(ds[i].id for i in g) for g in gs)  # noqa: E731
    assert by_id(docs, group_articles(docs)) == by_id(shuffled, group_articles(shuffled))


def test_duplicate_ids_are_rejected_before_any_event_is_written(demo_documents):
    from tomtat.errors import InputError
    from tomtat.rows import summarize_events

    docs = [*demo_documents, replace(demo_documents[2], text="Một bài khác hẳn về thời tiết.")]
    with pytest.raises(InputError, match="duplicate document id"):
        summarize_events(docs)  # raised by the call itself: no row exists yet


def test_event_rows_list_every_article_once_and_summarize_one_copy(demo_documents):
    from tomtat.rows import summarize_events
    from tomtat.options import SummarizeOptions

    copies = _near_copies(demo_documents[1], 30, seed=5)
    docs = list(demo_documents) + copies
    options = SummarizeOptions(max_words=30, facts=False, timeline=False)
    rows = list(summarize_events(docs, options))
    listed = [a for r in rows for a in r["articles"]]
    assert sorted(listed) == sorted(d.id for d in docs)
    big = next(r for r in rows if len(r["articles"]) == 31)
    assert len(big["summarized_articles"]) == 1 and big["summarized_articles"][0] in big["articles"]


def test_an_in_text_day_never_gets_a_year_and_document_date_wins():
    from tomtat.dates import EventDay
    from tomtat.events import _event_day, _head_parts

    doc = Document(id="a", title="Hội nghị", text="Sáng 11/12, hội nghị khai mạc tại Hà Nội. Năm 2022 là mốc.")
    assert _event_day(_head_parts(doc), doc) == EventDay(None, 12, 11)
    dated = replace(doc, date="2023-12-12")
    assert _event_day(_head_parts(dated), dated) == EventDay(2023, 12, 12)
    assert _event_day(_head_parts(Document(id="b", text="Không có ngày.")), Document(id="b", text="x")) is None


def test_names_and_numbers_read_the_same_from_nfd_and_segmented_text():
    import unicodedata

    from tomtat.events import _anchors

    text = "Thủ tướng Phạm Minh Chính tiếp Thủ tướng Hun Manet ngày 11/12 tại Hà Nội."
    expected = _anchors([text])
    assert {"phạm minh chính", "hun manet", "hà nội", "11.12"} <= expected
    assert _anchors([unicodedata.normalize("NFD", text)]) == expected
    segmented = "Thủ_tướng Phạm_Minh_Chính tiếp Thủ_tướng Hun_Manet ngày 11/12 tại Hà_Nội ."
    assert _anchors([segmented]) == expected


def test_second_pass_merges_events_whose_centroids_are_close(demo_documents):
    from tomtat.events import score_pile

    pile = score_pile(demo_documents)
    # a pair threshold no pair reaches: every article is its own event after the first pass;
    # the second pass joins the two reports of the 11/12 visit (their centroids are close) only
    groups = pile.group(threshold=5.0)
    assert _ids(groups, demo_documents) == [["000"], ["001"], ["002", "004"], ["003"]]
    published = {"002": "2023-12-11", "004": "2024-02-20"}
    dated = [replace(d, date=published.get(d.id[:3])) for d in demo_documents]
    apart = [["000"], ["001"], ["002"], ["003"], ["004"]]
    assert _ids(score_pile(dated).group(threshold=5.0), dated) == apart

from tomtat.models import Cluster, Document, Sentence
from tomtat.select import overlap, select, syllable_bigrams


def _cluster(texts_by_doc: list[list[str]], dates=None) -> Cluster:
    documents, sentences = [], []
    for d, texts in enumerate(texts_by_doc):
        text = " ".join(texts)
        documents.append(Document(id=f"d{d}", text=text, date=(dates or [None] * 9)[d]))
        start = 0
        for i, t in enumerate(texts):
            sentences.append(Sentence(f"d{d}", d, i, start, start + len(t), t))
            start += len(t) + 1
    return Cluster("c", tuple(documents), tuple(sentences))


A = "Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Campuchia Hun Manet tại Hà Nội."
A_COPY = "Sáng 11/12, Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Campuchia Hun Manet tại Hà Nội."
B = "Hai bên nhất trí phấn đấu đưa kim ngạch thương mại song phương lên 20 tỷ USD."
C = "Thương mại hai chiều tăng trưởng trung bình hơn 20% trong giai đoạn 2015-2022."


def test_bigrams_ignore_case_and_punctuation():
    assert syllable_bigrams("Hà Nội, Việt Nam.") == {("hà", "nội"), ("nội", "việt"), ("việt", "nam")}
    assert overlap(syllable_bigrams(A), syllable_bigrams(A_COPY)) == 1.0


def test_the_same_fact_from_two_outlets_appears_once():
    cluster = _cluster([[A, B], [A_COPY, C]])
    scores = {("d0", 0): 3.0, ("d1", 0): 2.9, ("d0", 1): 1.0, ("d1", 1): 0.5}
    chosen = select(cluster, scores, max_words=200)
    assert [s.key for s in chosen] == [("d0", 0), ("d0", 1), ("d1", 1)]


def test_budget_is_never_exceeded_and_no_sentence_is_cut():
    cluster = _cluster([[A, B], [C]])
    scores = {("d0", 0): 3.0, ("d0", 1): 2.0, ("d1", 0): 1.0}
    budget = len(A.split()) + len(C.split())
    chosen = select(cluster, scores, max_words=budget)
    # B does not fit after A; the shorter C fills the room instead
    assert [s.key for s in chosen] == [("d0", 0), ("d1", 0)]
    assert sum(s.n_syllables for s in chosen) <= budget
    assert all(s.text in (A, B, C) for s in chosen)


def test_max_sentences():
    cluster = _cluster([[A, B], [C]])
    scores = {("d0", 0): 3.0, ("d0", 1): 2.0, ("d1", 0): 1.0}
    assert len(select(cluster, scores, max_words=500, max_sentences=2)) == 2


def test_reading_order_follows_article_dates():
    cluster = _cluster([[B], [C]], dates=["2023-12-11", "2023-04-22"])
    scores = {("d0", 0): 3.0, ("d1", 0): 1.0}
    chosen = select(cluster, scores, max_words=200)
    assert [s.doc_id for s in chosen] == ["d1", "d0"]


def test_questions_and_fragments_are_not_summary_material():
    question = "Xin Bộ trưởng cho biết ý nghĩa của chuyến thăm cấp Nhà nước tới Lào và Campuchia?"
    cluster = _cluster([[question, "Ảnh minh họa.", B]])
    scores = {("d0", 0): 3.0, ("d0", 1): 2.0, ("d0", 2): 1.0}
    assert [s.text for s in select(cluster, scores, max_words=200)] == [B]


def test_a_cluster_of_fragments_still_gets_its_best_fragment():
    cluster = _cluster([["Hà Nội mưa lớn.", "Trời rét."]])
    scores = {("d0", 0): 1.0, ("d0", 1): 2.0}
    assert [s.text for s in select(cluster, scores, max_words=200)] == ["Trời rét."]
    assert select(cluster, scores, max_words=1) == []


# One more sentence on Hà Nội talks: it shares the leaders' names and the place with A, not its news.
D = "Thủ tướng Phạm Minh Chính cũng tiếp Chủ tịch Quốc hội Lào tại Hà Nội chiều cùng ngày."


def test_a_repeat_penalty_lets_a_sentence_that_adds_news_pass_one_that_half_repeats():
    cluster = _cluster([[A, D], [B]])
    shared = overlap(syllable_bigrams(A), syllable_bigrams(D))
    assert 0.2 < shared < 0.5  # below the repeat threshold: plain greedy selection keeps D
    scores = {("d0", 0): 3.0, ("d0", 1): 2.0, ("d1", 0): 2.0 - shared / 2}
    plain = select(cluster, scores, max_words=200, max_sentences=2)
    assert [s.key for s in plain] == [("d0", 0), ("d0", 1)]
    penalised = select(cluster, scores, max_words=200, max_sentences=2, repeat_penalty=1.0)
    assert [s.key for s in penalised] == [("d0", 0), ("d1", 0)]
    # with room for all three, the same sentences are chosen either way, in reading order
    both = [select(cluster, scores, max_words=200, repeat_penalty=p) for p in (0.0, 1.0)]
    assert [s.key for s in both[0]] == [s.key for s in both[1]] == [("d0", 0), ("d0", 1), ("d1", 0)]


def test_a_repeat_penalty_keeps_the_threshold_the_budget_and_the_fallback():
    cluster = _cluster([[A, B], [A_COPY, C]])
    scores = {("d0", 0): 3.0, ("d1", 0): 2.9, ("d0", 1): 1.0, ("d1", 1): 0.5}
    chosen = select(cluster, scores, max_words=200, repeat_penalty=2.0)
    assert [s.key for s in chosen] == [("d0", 0), ("d0", 1), ("d1", 1)]  # A_COPY still skipped
    budget = len(A.split()) + len(C.split())
    chosen = select(_cluster([[A, B], [C]]), {("d0", 0): 3.0, ("d0", 1): 2.0, ("d1", 0): 1.0}, max_words=budget, repeat_penalty=1.0)
    assert [s.key for s in chosen] == [("d0", 0), ("d1", 0)]
    fragments = _cluster([["Hà Nội mưa lớn.", "Trời rét."]])
    assert [s.text for s in select(fragments, {("d0", 0): 1.0, ("d0", 1): 2.0}, max_words=200, repeat_penalty=1.0)] == ["Trời rét."]

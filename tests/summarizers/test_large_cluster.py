"""Memory linear in the input: past MAX_CANDIDATES sentences, features (and their one dense
sentence x sentence matrix) cover a bounded set of candidates; the rest is ranked by position."""

import random
import tracemalloc

import pytest

import tomtat.features as features
from tomtat import summarize
from tomtat.models import Document
from tomtat.pipeline import build_cluster
from tomtat.summarizers import get_summarizer

SUBJECTS = ("Bộ Y tế", "Ngân hàng Nhà nước", "UBND TP Hà Nội", "Tổng cục Thống kê", "Bộ Công Thương",
            "Sở Giao thông vận tải", "Quốc hội", "Chính phủ", "Hải quan Hải Phòng", "EVN")  # fmt: skip
VERBS = ("cho biết", "công bố", "đề xuất", "yêu cầu", "báo cáo", "khẳng định")
OBJECTS = ("giá xăng dầu", "kim ngạch xuất khẩu", "số ca mắc mới", "vốn đầu tư công", "dự án cao tốc",
           "lãi suất cho vay", "sản lượng điện", "chỉ số giá tiêu dùng", "đường sắt đô thị")  # fmt: skip


def distinct_article(n: int, seed: int) -> str:
    """``n`` distinct sentences (each carries its own figures), five to a paragraph."""
    rng = random.Random(seed)
    lines, paragraph = [], []
    for i in range(n):
        paragraph.append(
            f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} trong tháng "
            f"{rng.randint(1, 12)} đạt {i + 1},{rng.randint(0, 99)} tỷ đồng, tăng {rng.randint(1, 40)}% so với cùng kỳ."
        )
        if len(paragraph) == 5:
            lines.append(" ".join(paragraph))
            paragraph = []
    return "\n".join(lines + [" ".join(paragraph)])


@pytest.mark.parametrize("method", ["learned", "centroid"])
def test_features_cover_at_most_the_candidates_and_the_rest_ranks_by_position(monkeypatch, method):
    monkeypatch.setattr(features, "MAX_CANDIDATES", 40)
    seen = []
    original = features.feature_columns

    def recording(cluster, indexes=None):
        seen.append(len(cluster.sentences) if indexes is None else len(indexes))
        return original(cluster, indexes)

    module = "tomtat.summarizers.learned" if method == "learned" else "tomtat.summarizers.centroid"
    monkeypatch.setattr(f"{module}.feature_columns", recording)
    docs = [Document(id="a", text=distinct_article(90, 1)), Document(id="b", text=distinct_article(70, 2))]
    cluster = build_cluster(docs)
    assert len(cluster.sentences) == 160
    scores = get_summarizer(method).score(cluster)

    assert seen == [40]
    assert set(scores) == {s.key for s in cluster.sentences}
    candidates = {cluster.sentences[k].key for k in features.candidate_sentences(cluster)}
    # the candidates are the articles' first sentences, taken round-robin
    assert candidates == {(d, i) for d in ("a", "b") for i in range(20)}
    rest = [s for s in cluster.sentences if s.key not in candidates]
    assert max(scores[s.key] for s in rest) < min(scores[k] for k in candidates)
    by_position = sorted(rest, key=lambda s: (s.index, s.doc_position))
    assert [scores[s.key] for s in by_position] == sorted((scores[s.key] for s in rest), reverse=True)


def test_a_large_article_never_allocates_a_sentence_by_sentence_matrix():
    n = 3 * features.MAX_CANDIDATES
    documents = [Document(id="big", text=distinct_article(n, 3))]
    cluster = build_cluster(documents)
    assert len(cluster.sentences) == n
    summarize([distinct_article(20, 4)], max_words=60)  # imports and the model file, loaded once
    tracemalloc.start()
    try:
        summary = summarize(cluster, max_words=200)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # one dense float64 n x n matrix alone would take n * n * 8 bytes (72 MB here); the
    # candidates' matrices take a ninth of that each
    assert peak < n * n * 8, f"peak {peak / 1e6:.0f} MB"
    assert 0 < summary.n_words <= 200

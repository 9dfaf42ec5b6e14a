"""Sentence features: one finite row per sentence, whatever the cluster holds."""

import numpy as np

from tomtat.features import FEATURE_NAMES, sentence_features
from tomtat.models import Document
from tomtat.pipeline import build_cluster

BODY = (
    "Thủ tướng Phạm Minh Chính đã tiếp Bộ trưởng Ngoại giao Nhật Bản tại Hà Nội chiều 11/12.\n"
    "Hai bên nhất trí thúc đẩy hợp tác kinh tế, đầu tư và lao động trong năm 2023.\n"
    "Kim ngạch thương mại song phương đạt 20 tỷ USD, tăng 12% so với cùng kỳ."
)
OTHER = (
    "Chiều 11/12, Thủ tướng Phạm Minh Chính tiếp Bộ trưởng Ngoại giao Nhật Bản.\n"
    "Ông cho biết Việt Nam coi Nhật Bản là đối tác quan trọng hàng đầu."
)


def _column(name):
    return FEATURE_NAMES.index(name)


def test_one_sentence_cluster_has_finite_features():
    cluster = build_cluster([Document(id="a", text="Giá xăng giảm mạnh từ 15 giờ chiều nay.")])
    features = sentence_features(cluster)
    assert features.shape == (1, len(FEATURE_NAMES))
    assert np.isfinite(features).all()
    assert features[0, _column("is_lead")] == 1.0


def test_cluster_without_titles_or_leads_has_finite_features_and_zero_lead_overlap():
    cluster = build_cluster([Document(id="a", text=BODY), Document(id="b", text=OTHER)])
    features = sentence_features(cluster)
    assert features.shape == (5, len(FEATURE_NAMES))
    assert np.isfinite(features).all()
    for name in ("lead_bigram_share", "lead_align_f1_any", "ng_title_max", "title_similarity"):
        assert (features[:, _column(name)] == 0).all(), name


def test_lead_and_cross_article_features_see_shared_content():
    lead = "Thủ tướng Phạm Minh Chính tiếp Bộ trưởng Ngoại giao Nhật Bản tại Hà Nội."
    cluster = build_cluster(
        [Document(id="a", text=BODY, title="Thủ tướng tiếp Ngoại trưởng Nhật Bản", lead=lead),
         Document(id="b", text=OTHER)]
    )
    features = sentence_features(cluster)
    share = features[:, _column("lead_bigram_share")]
    # the meeting sentence repeats the sapo; the trade figures do not
    assert share[0] > 0.5 > share[2]
    support = features[:, _column("ng_support_03")]
    assert support[0] == 1 and support[2] == 0  # article b restates sentence 0 only
    assert features[3, _column("doc_position")] == 1
    assert features[4, _column("reporting_verb")] == 1


def test_empty_text_sentences_do_not_break_the_vector_spaces():
    cluster = build_cluster([Document(id="a", text="Xin chào.\n…")])
    assert np.isfinite(sentence_features(cluster)).all()


def test_columns_are_built_by_name_and_stacked_in_feature_names_order():
    from tomtat.features import feature_columns, stack

    cluster = build_cluster([Document(id="a", text=BODY), Document(id="b", text=OTHER)])
    columns = feature_columns(cluster)
    assert set(columns) == set(FEATURE_NAMES) and len(FEATURE_NAMES) == len(set(FEATURE_NAMES))
    matrix = sentence_features(cluster)
    for name in ("is_lead", "ng_centroid", "rank_ng_centroid", "sapo_cluster"):
        assert np.array_equal(matrix[:, _column(name)], columns[name]), name
    assert np.array_equal(stack(columns, ("is_lead", "doc_position")), matrix[:, [_column("is_lead"), _column("doc_position")]])


def test_relative_columns_do_not_move_with_an_outlets_sentence_length():
    """z-scores and ranks within the cluster: the same story written with every sentence padded
    by a clause keeps its relative length columns."""
    padded = BODY.replace(".\n", ", theo nguồn tin của phóng viên.\n").replace("kỳ.", "kỳ, theo nguồn tin của phóng viên.")
    plain = sentence_features(build_cluster([Document(id="a", text=BODY)]))
    longer = sentence_features(build_cluster([Document(id="a", text=padded)]))
    assert (longer[:, _column("n_syllables")] > plain[:, _column("n_syllables")]).all()
    for name in ("rank_n_syllables", "z_n_syllables"):
        assert np.allclose(longer[:, _column(name)], plain[:, _column(name)], atol=0.05), name


def test_sapo_columns_repeat_every_column_only_for_clusters_with_sapos():
    lead = "Thủ tướng Phạm Minh Chính tiếp Bộ trưởng Ngoại giao Nhật Bản tại Hà Nội."
    without = sentence_features(build_cluster([Document(id="a", text=BODY), Document(id="b", text=OTHER)]))
    with_sapo = sentence_features(
        build_cluster([Document(id="a", text=BODY, lead=lead), Document(id="b", text=OTHER, lead=lead)])
    )
    sapo_columns = [i for i, name in enumerate(FEATURE_NAMES) if name.startswith("sapo_x_")]
    assert (without[:, sapo_columns] == 0).all() and (without[:, _column("sapo_cluster")] == 0).all()
    assert (with_sapo[:, _column("sapo_cluster")] == 1).all()
    own = _column("ng_lead_own")
    assert np.array_equal(with_sapo[:, _column("sapo_x_ng_lead_own")], with_sapo[:, own])
    assert with_sapo[0, own] > 0.5

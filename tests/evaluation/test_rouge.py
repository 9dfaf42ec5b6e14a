"""ROUGE on Vietnamese syllables: tokenization and hand-checked scores."""

from __future__ import annotations

import unicodedata

import pytest
from rouge_score import rouge_scorer

from tomtat.evaluation import Tokenizer, aggregate, score, syllables

REFERENCE = "Thủ tướng Phạm Minh Chính chủ trì phiên họp Chính phủ thường kỳ tháng 6."


def test_syllables_keep_diacritics_and_drop_punctuation() -> None:
    assert syllables("Thủ tướng: “Tăng trưởng GDP đạt 2,95%!”") == [
        "thủ", "tướng", "tăng", "trưởng", "gdp", "đạt", "2", "95",
    ]


def test_syllables_treat_segmenter_underscores_as_spaces() -> None:
    assert syllables("Thủ_tướng Phạm_Minh_Chính") == syllables("Thủ tướng Phạm Minh Chính")
    assert syllables("Thủ_tướng") == ["thủ", "tướng"]


def test_syllables_normalize_nfd_to_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "Đà Nẵng mưa lớn")
    assert nfd != "Đà Nẵng mưa lớn"
    assert syllables(nfd) == ["đà", "nẵng", "mưa", "lớn"]


def test_diacritics_distinguish_syllables() -> None:
    plain = score("Thủ tướng", "thu tuong")
    assert plain["rouge1"].fmeasure == 0.0
    assert score("Thủ tướng", "thủ tướng")["rouge1"].fmeasure == 1.0
    # the stock rouge-score tokenizer keeps only [a-z0-9]: both become "th t ng"
    stock = rouge_scorer.RougeScorer(["rouge1"]).score("Thủ tướng", "thú tượng")
    assert stock["rouge1"].fmeasure == 1.0
    assert score("Thủ tướng", "thú tượng")["rouge1"].fmeasure == 0.0


def test_bigram_overlap_computed_by_hand() -> None:
    # reference bigrams: (hà nội) (nội mưa) (mưa lớn) (lớn kéo) (kéo dài)  -> 5
    # candidate bigrams: (mưa lớn) (lớn kéo) (kéo dài) (dài hai) (hai ngày) -> 5, 3 shared
    result = score("Hà Nội mưa lớn kéo dài.", "Mưa lớn kéo dài hai ngày")
    assert result["rouge2"].precision == pytest.approx(3 / 5)
    assert result["rouge2"].recall == pytest.approx(3 / 5)
    # unigrams: 6 vs 6 with mưa lớn kéo dài shared -> 4/6; LCS is the same 4 syllables
    assert result["rouge1"].fmeasure == pytest.approx(4 / 6)
    assert result["rougeL"].fmeasure == pytest.approx(4 / 6)


def test_nfd_and_segmented_candidates_score_like_plain_ones() -> None:
    candidate = "Phiên họp Chính phủ thường kỳ tháng 6 do Thủ tướng chủ trì."
    expected = score(REFERENCE, candidate)
    assert score(REFERENCE, unicodedata.normalize("NFD", candidate)) == expected
    assert score(REFERENCE, "Phiên_họp Chính_phủ thường_kỳ tháng 6 do Thủ_tướng chủ_trì .") == expected
    assert 0.0 < expected["rouge2"].fmeasure < 1.0


def test_empty_candidate_scores_zero() -> None:
    result = score(REFERENCE, "")
    for metric in ("rouge1", "rouge2", "rougeL"):
        assert result[metric].fmeasure == 0.0
        assert result[metric].recall == 0.0


def test_identical_text_scores_one() -> None:
    result = score(REFERENCE, REFERENCE.upper())
    assert result["rouge2"].fmeasure == pytest.approx(1.0)


def test_tokenizer_plugs_into_rouge_scorer() -> None:
    scorer = rouge_scorer.RougeScorer(["rouge2"], tokenizer=Tokenizer())
    assert scorer.score("Đà Nẵng", "đà nẵng")["rouge2"].fmeasure == pytest.approx(1.0)


def test_aggregate_means_and_interval() -> None:
    rows = [
        score("Hà Nội mưa lớn kéo dài.", "Mưa lớn kéo dài hai ngày"),  # R2 F1 = 0.6
        score(REFERENCE, REFERENCE),  # R2 F1 = 1.0
    ]
    summary = aggregate(rows)
    assert summary["n"] == 2
    assert summary["rouge2"]["f1"] == pytest.approx(0.8)
    assert summary["rouge2"]["precision"] == pytest.approx(0.8)
    low, high = summary["rouge2_f1_ci"]
    assert 0.6 <= low <= 0.8 <= high <= 1.0


def test_aggregate_rejects_no_scores() -> None:
    with pytest.raises(ValueError):
        aggregate([])

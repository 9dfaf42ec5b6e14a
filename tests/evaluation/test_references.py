"""Several reference summaries: every one is read, the best-matching one scores."""

import json

import pytest

from tomtat.evaluation import best_reference_score, references_of, score
from tomtat.evaluation.run import evaluate_file
from tomtat.options import SummarizeOptions

REF_A = "Giá xăng RON 95 giảm 500 đồng mỗi lít từ 15 giờ chiều nay theo quyết định của liên bộ."
REF_B = "Ngân hàng Nhà nước giữ nguyên lãi suất điều hành trong quý tới để hỗ trợ doanh nghiệp."


def test_references_of_reads_summaries_then_summary_without_repeats():
    row = {"summaries": [REF_A, " ", REF_B], "summary": REF_A}
    assert references_of(row) == (REF_A, REF_B)
    assert references_of({"summary": "  Một   câu  tóm tắt. "}) == ("Một câu tóm tắt.",)
    assert references_of({"single_documents": []}) == ()
    assert references_of(["not", "a", "row"]) == ()


def test_the_best_reference_gives_every_score():
    candidate = "Từ 15 giờ chiều nay, giá xăng RON 95 giảm 500 đồng mỗi lít."
    best = best_reference_score([REF_B, REF_A], candidate)
    assert best == score(REF_A, candidate)
    assert best["rouge2"].fmeasure > score(REF_B, candidate)["rouge2"].fmeasure
    with pytest.raises(ValueError):
        best_reference_score([], candidate)


def test_evaluate_file_scores_each_cluster_against_its_best_reference(tmp_path):
    article = (
        "Giá xăng RON 95 giảm 500 đồng mỗi lít từ 15 giờ chiều nay theo quyết định của liên bộ "
        "Công Thương và Tài chính. Giá dầu diesel cũng giảm 300 đồng mỗi lít. Đây là lần giảm "
        "thứ ba liên tiếp kể từ đầu tháng."
    )
    unrelated = "Đội tuyển bóng đá nữ Việt Nam tập trung chuẩn bị cho giải vô địch Đông Nam Á sắp tới."
    row = {"id": "c1", "single_documents": [{"raw_text": article}]}
    one = tmp_path / "one.jsonl"
    many = tmp_path / "many.jsonl"
    one.write_text(json.dumps({**row, "summary": unrelated}, ensure_ascii=False) + "\n", encoding="utf-8")
    many.write_text(
        json.dumps({**row, "summary": unrelated, "summaries": [unrelated, REF_A]}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    options = SummarizeOptions(max_words=40, method="lead", facts=False, timeline=False)
    single = evaluate_file(one, options)
    multiple = evaluate_file(many, options)
    assert single["n"] == multiple["n"] == 1
    assert multiple["rouge2"]["f1"] > 0.3 > single["rouge2"]["f1"]

"""Photo captions told by the learned model (tomtat.text.captions), in cleaning.

Real text only: three held-out VNDS articles (ids hash into the fifth the model never saw;
their ``captions`` say which body line is a caption), three ViMs articles and one AbMuSu
article, copied into tests/fixtures/captions_real.json.
"""

from __future__ import annotations

import gzip
import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tomtat.ingest.files import document_from_text
from tomtat.text import clean_article_report
from tomtat.text.captions import FEATURE_NAMES, CaptionModel, judged, load_model
from tomtat.text.normalize import normalize
from tomtat.text.segmented import restore
from tomtat.evaluation.corpora import SHARED_DATA, is_vnds_held_out

FIXTURES = json.loads((Path(__file__).parents[1] / "fixtures" / "captions_real.json").read_text(encoding="utf-8"))
VNDS = {row["id"]: row for row in FIXTURES["vnds"]}
VIMS = {doc["title"]: doc for doc in FIXTURES["vims"]}
DATA = SHARED_DATA


def _plain(text: str) -> str:
    return restore(normalize(text))


def _vnds_report(row: dict):
    return clean_article_report(row["body"], known_title=row["title"], known_lead=row["abstract"])


@pytest.mark.parametrize("article_id", ["020352", "020793"])
def test_a_caption_between_sentences_is_removed_and_reported(article_id):
    row = VNDS[article_id]
    report = _vnds_report(row)
    captions = {_plain(c) for c in row["captions"]}
    dropped = [r for r in report.removed if r.reason == "caption"]
    assert [r.text for r in dropped] == [c for c in map(_plain, row["body"].split("\n")) if c in captions]
    assert not any(r.text in report.body.split("\n") for r in dropped)
    # every other line of the story is kept, in order
    others = [_plain(x) for x in row["body"].split("\n") if _plain(x) not in captions]
    assert [x for x in others if x in report.body.split("\n")] == [x for x in others if len(x.split()) > 2]


def test_the_top_photo_caption_after_the_sapo_is_removed():
    row = VNDS["007976"]
    report = _vnds_report(row)
    assert report.body.split("\n")[0].startswith("Một ngư dân Marshall")
    assert [r.text for r in report.removed if r.reason == "caption"] == ["Quần đảo san hô Kwajalein."]


def test_without_the_sapo_the_first_line_is_the_lead_and_stays():
    # the same article with its sapo printed first, as a page pasted whole reads
    row = VNDS["007976"]
    raw = row["abstract"] + "\n" + row["body"]
    report = clean_article_report(raw, known_title=row["title"])
    assert report.body.split("\n")[0].startswith("Một ngư dân quần đảo Marshall")
    assert "Quần đảo san hô Kwajalein." not in report.body.split("\n")


@pytest.mark.parametrize(
    "title",
    [
        "18 phụ nữ Đức bị quấy rối tình dục trong lễ hội âm nhạc",
        "Vietjet tưng bừng vũ điệu quốc hoa Malaysia",
    ],
)
def test_vims_leads_and_sentences_stay(title):
    # the earlier model took "Vietjet tưng bừng khai trương đường bay ..." (the lead) for a
    # caption; the sentence after the first one here scores just under the threshold
    doc = VIMS[title]
    report = clean_article_report(doc["raw_text"], known_title=doc["title"])
    assert not [r for r in report.removed if r.reason == "caption"]
    assert report.body.split("\n")[:2] == [x.strip() for x in doc["raw_text"].split("\n")[:2]]


def test_a_vims_caption_goes_to_document_removed():
    doc = VIMS["Họp báo chính phủ: Đã tìm ra nguyên nhân cá chết"]
    document = document_from_text(doc["raw_text"], id="d1", title=doc["title"])
    assert ("Hàng trăm nhà báo tham buổi họp báo tại phiên họp thường kỳ.", "caption") in document.removed
    assert "Hàng trăm nhà báo" not in document.text
    assert document.text.startswith("Chủ trì cuộc họp là Chủ nhiệm Văn phòng Chính phủ")


def test_abmusu_caption_after_the_given_sapo():
    doc = FIXTURES["abmusu"][0]
    document = document_from_text(doc["raw_text"], id="a1", title=doc["title"], lead=doc["anchor_text"])
    caption = "Chủ tịch nước Nguyễn Xuân Phúc tặng bức tranh ảnh Chủ tịch Hồ Chí Minh cho lãnh đạo xã Quế Phú."
    assert (caption, "caption") in document.removed
    assert caption not in document.text
    # the sentence that tells the same thing is kept
    assert "đã tặng nhiều phần quà cho các gia đình thương binh" in document.text


def test_captions_false_keeps_the_lines():
    row = VNDS["020352"]
    report = clean_article_report(row["body"], known_title=row["title"], known_lead=row["abstract"], captions=False)
    assert _plain(row["captions"][0]) in report.body.split("\n")


def test_cleaning_never_lets_the_model_take_a_third_of_an_article():
    # an article made only of two VNDS captions: the model would take both
    row = VNDS["020793"]
    raw = "\n".join([row["captions"][0], VNDS["007976"]["captions"][0]])
    probabilities = load_model().probabilities([_plain(x) for x in raw.split("\n")], _plain(row["title"]))
    report = clean_article_report(raw, known_title=row["title"])
    assert report.body.split("\n") == [_plain(x) for x in raw.split("\n")]
    if any(p >= load_model().threshold for p in probabilities):
        assert any("caption model would remove" in w for w in report.warnings)


@pytest.mark.parametrize(
    "line, next_line, ok",
    [
        ("Quần đảo san hô Kwajalein.", "Một ngư dân Marshall câu được một chiếc túi nhựa lớn.", True),
        ("Công an TP.", "Việt Trì phối hợp với Công an tỉnh Phú Thọ đang điều tra.", False),  # cut at "TP."
        ("Theo chị Tr.", "quyết định đưa con trai 4 tuổi về nhà bố mẹ đẻ sinh sống.", False),
        ("Vĩnh Long, tỉnh Vĩnh Long).", "Qua kiểm tra, lực lượng chức năng phát hiện 6 thanh niên.", False),
        ("Quy trình đăng ký dịch vụ công mức độ 4 cấp GPLX quốc tế gồm 4 bước:", "Bước 1: Khai báo.", False),
        ("Nhà anh Nguyễn Văn Đạt.", "và hàng xóm chạy đến.", False),  # a lower-case next line continues it
    ],
)
def test_lines_the_model_never_judges(line, next_line, ok):
    assert judged(line, next_line) is ok


def test_trees_walk_as_written():
    # one stump on the line's word count: at most 5 words -> +2, more -> -2; a second tree
    # adds +1 to lines with an n-gram score above 0.5 (the n-gram "u:sân" weighs 1)
    words = FEATURE_NAMES.index("words")
    score = FEATURE_NAMES.index("ngram_score")
    model = CaptionModel(
        {
            "ngram_weights": {"u:sân": 1.0},
            "ngram_bias": 0.0,
            "baseline": -0.5,
            "threshold": 0.5,
            "trees": [
                [[words, 5.0, 1, 2, 0.0], [-1, 0.0, 0, 0, 2.0], [-1, 0.0, 0, 0, -2.0]],
                [[score, 0.5, 1, 2, 0.0], [-1, 0.0, 0, 0, 0.0], [-1, 0.0, 0, 0, 1.0]],
            ],
        }
    )
    lines = ["Sân bay Đồng Hới.", "Ngày 28/3, Chánh thanh tra Cục Hàng không phạt Cảng hàng không Đồng Hới."]
    first, second = model.probabilities(lines)
    assert first == pytest.approx(1 / (1 + math.exp(-(-0.5 + 2.0 + 1.0))))
    assert second == pytest.approx(1 / (1 + math.exp(-(-0.5 - 2.0))))
    assert model.captions(lines) == [True, False]


@pytest.mark.skipif(not (DATA / "vnds" / "val.jsonl.gz").exists(), reason="shared data absent")
def test_held_out_vnds_sample_precision():
    """Every fourth held-out VNDS article (about 1,100): the shipped model's precision stays
    >= 0.95 and its recall >= 0.5 (benchmark figures: 0.97 and 0.60 on all of them)."""
    model = load_model()
    flagged = right = captions = 0
    with gzip.open(DATA / "vnds" / "val.jsonl.gz", "rt", encoding="utf-8") as f:
        seen = 0
        for line in f:
            row = json.loads(line)
            if not is_vnds_held_out(str(row["id"])):
                continue
            seen += 1
            if seen % 4:
                continue
            caps = {normalize(c).strip() for c in row["captions"]}
            raw = [normalize(x).strip() for x in row["body"].split("\n") if x.strip()]
            lead = [_plain(row["abstract"])]
            flags = model.captions(lead + [restore(x) for x in raw], _plain(row["title"]))[1:]
            for x, flag in zip(raw, flags):
                captions += x in caps
                flagged += flag
                right += flag and x in caps
    assert flagged and right / flagged >= 0.95
    assert right / captions >= 0.5


def test_a_video_title_line_goes_as_a_caption():
    # VNDS 014466 (held out): the page's video title, printed as the first body line
    raw = (
        "Clip : Tai_nạn giữa 3 xe ô_tô trên Quốc_lộ 1A .\n"
        "Sáng 1/1/2019 ( trong ngày nghỉ Tết_Dương_lịch 2019 ) , đoạn đi qua ấp Cây_Trâm , xã Định_Bình , "
        "TP. Cà_Mau ( tỉnh Cà_Mau ) xảy ra vụ tai_nạn giao_thông nghiêm_trọng giữa xe_khách Phương_Trang "
        "với xe_khách Ngọc_Hoa và xe ô_tô 7 chỗ ."
    )
    report = clean_article_report(raw, known_title="Tai_nạn liên_hoàn giữa xe Phương_Trang với hàng_loạt ô_tô")
    assert [(r.text, r.reason) for r in report.removed] == [("Clip: Tai nạn giữa 3 xe ô tô trên Quốc lộ 1A.", "caption")]
    assert report.body.startswith("Sáng 1/1/2019 (trong ngày nghỉ Tết Dương lịch 2019), đoạn đi qua ấp Cây Trâm")


def test_without_a_sapo_the_first_line_is_taken_for_the_lead_and_kept():
    # the model never takes a body's first line for the top photo's caption unless it knows
    # what came before it: on ViMs (no sapo given) the first line is the lead
    row = VNDS["007976"]
    report = clean_article_report(row["body"], known_title=row["title"])
    assert report.body.split("\n")[0] == "Quần đảo san hô Kwajalein."
    assert not [r for r in report.removed if r.reason == "caption"]


@pytest.mark.slow
@pytest.mark.skipif(not (DATA / "vnds" / "val.jsonl.gz").exists(), reason="shared data absent")
def test_the_model_file_is_rebuilt_byte_for_byte():
    # the shipped model is what scripts/train_captions.py makes from the shared data (~2 min)
    repo = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(repo / "src")}
    done = subprocess.run([sys.executable, str(repo / "scripts" / "train_captions.py"), "--check"],
                          env=env, capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]

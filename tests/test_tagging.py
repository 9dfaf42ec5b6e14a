"""The lexicon tagger (tomtat.tagging, "lexicon"): its model file, words and tags on real
ViMs and VNDS sentences, word boundaries against VNDS's own segmentation on articles it was
never built from, and quality on the gold set against pyvi's CRF tagger."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tomtat.entities import find_entities
from tomtat.facts import find_figures
from tomtat.tagging import DEFAULT_TAGGER, _lexicon_tokens, name_tokens, pos_tokens
from tomtat.evaluation.corpora import SHARED_DATA

REPO = Path(__file__).parents[1]
DATA = Path(__file__).parent / "data"
SHARED = SHARED_DATA
MODEL = REPO / "src" / "tomtat" / "data" / "tagger.json.gz"


def _gold(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def test_the_model_is_small_and_the_default():
    assert DEFAULT_TAGGER == "lexicon"
    assert MODEL.stat().st_size < 200_000
    model = json.loads(gzip.decompress(MODEL.read_bytes()))
    assert {"joined", "apart", "ends", "starts", "tags"} <= set(model)
    assert "quyết định" in model["joined"] and model["tags"]["đạt"] == "V"


def _words(text: str) -> list[tuple[str, str]]:
    return [(w, p) for w, p, _s, _e in pos_tokens(text, "lexicon")]


def test_words_and_tags_of_a_vims_sentence():
    text = (  # ViMs (tests/data/names_gold.jsonl)
        "Ông Lâm Nguyễn Hải Long, Giám đốc Công ty TNHH một thành viên Phát triển Công viên phần "
        "mềm Quang Trung cho biết: Đơn vị này hiện làm ra hơn 220 triệu USD sản phẩm/năm, đi đầu "
        "cả nước về sản xuất phần mềm."
    )
    words = _words(text)
    assert ("Lâm Nguyễn Hải Long", "Np") in words and ("Quang Trung", "Np") in words
    assert ("Giám đốc", "N") in words and ("phần mềm", "N") in words and ("cho biết", "V") in words
    assert ("220", "M") in words and ("TNHH", "Ny") in words
    assert ("Ông", "Nc") in words  # a sentence's first word: the lexicon's tag, not Np


def test_words_of_a_vnds_sentence_and_names_apart_from_places():
    text = "Ngày 22/6, cơ quan CSĐT Công an TX.Phú Mỹ đã ra quyết định khởi tố 2 nhân viên."  # VNDS
    words = _words(text)
    assert ("22/6", "M") in words and ("quyết định", "V") in words and ("khởi tố", "V") in words
    assert ("TX.Phú", "Ny") not in words  # an abbreviation with a full stop stays one word
    # the tagger may glue an unseen name to a place; names split the known place off (AbMuSu)
    text = "Tổng thống Hàn Quốc Yoon Suk-yeol cho biết Seoul sẽ viện trợ."
    found = [(e.kind, e.value) for e in find_entities(text)]
    assert found[:2] == [("location", "Hàn Quốc"), ("person", "Yoon Suk")]
    places = [e.value for e in find_entities("Ông gặp nhà lãnh đạo Triều Tiên Kim Jong Un.")]
    assert places == ["Triều Tiên", "Kim Jong Un"]


def test_offsets_point_into_the_text_whole_and_near_capitals():
    texts = [r["text"] for r in _gold("figures_gold.jsonl") + _gold("names_gold.jsonl")]
    texts.append("Giá\u00a0tăng  5%\n tại  Hà Nội (TP.HCM), “Việt Nam”…")
    for text in texts:
        for near in (False, True):
            tokens = _lexicon_tokens(text, near_capitals=near)
            assert all(text[s:e] == w for w, _p, s, e in tokens)
            assert [s for _w, _p, s, _e in tokens] == sorted(s for _w, _p, s, _e in tokens)


def test_near_capitals_reads_what_names_need():
    text = (
        "Theo thông tin từ cơ quan chức năng, trong suốt nhiều ngày liền vừa qua, các lực lượng "
        "đã tìm kiếm không ngừng nghỉ và cuối cùng Thủ tướng Phạm Minh Chính đã đến thăm."
    )
    near = name_tokens(text)  # no figure: only the words around capitals are read
    assert len(near) < len(pos_tokens(text))
    assert [e.value for e in find_entities(text)] == ["Phạm Minh Chính"]


def _vnds_boundaries(line: str) -> tuple[str, set[int]]:
    """VNDS's sentence as plain text and the offsets where its segmentation ends a word."""
    out, ends = [], set()
    cursor = 0
    for token in line.split():
        for k, syllable in enumerate(token.split("_")):
            if out:
                out.append(" ")
                cursor += 1
            out.append(syllable)
            cursor += len(syllable)
        ends.add(cursor)
    return "".join(out), ends


def test_word_boundaries_agree_with_vnds_on_articles_never_read():
    if not (SHARED / "vnds" / "val.jsonl.gz").exists():
        pytest.skip("../shared/data is not here")
    held_out = {r["row"] for r in _gold("figures_gold.jsonl") + _gold("names_gold.jsonl")
                if r["source"].startswith("vnds")}  # fmt: skip
    right = predicted = gold = 0
    with gzip.open(SHARED / "vnds" / "val.jsonl.gz", "rt", encoding="utf-8") as f:
        for row, line in enumerate(f):
            if row not in held_out:
                continue
            for sentence in json.loads(line)["body"].split("\n")[:20]:
                text, ends = _vnds_boundaries(sentence)
                found = {e for _w, p, _s, e in pos_tokens(text, "lexicon") if p != "CH"}
                ends = {e for e in ends if text[e - 1].isalnum()}
                right += len(found & ends)
                predicted += len(found)
                gold += len(ends)
    precision, recall = right / predicted, right / gold
    assert gold > 1000
    assert precision > 0.97 and recall > 0.98  # measured 0.985 and 0.995 (pyvi: 0.961, 0.991)


def test_the_lexicon_tagger_scores_at_least_pyvi_on_both_halves_of_the_gold_set():
    sys.path.insert(0, str(REPO / "benchmarks"))
    from facts_gold import score_figures, score_names

    for source in ("vims", "vnds"):
        figures = [r for r in _gold("figures_gold.jsonl") if r["source"].startswith(source)]
        names = [r for r in _gold("names_gold.jsonl") if r["source"].startswith(source)]
        scores = {
            tagger: (
                score_figures(lambda t, tg=tagger: find_figures(t, tg), figures).subject_accuracy,
                score_names(lambda t, tg=tagger: find_entities(t, tg), names).f1,
            )
            for tagger in ("lexicon", "pyvi")
        }
        assert scores["lexicon"][0] >= scores["pyvi"][0], source
        assert scores["lexicon"][1] >= scores["pyvi"][1], source


@pytest.mark.slow
@pytest.mark.skipif(
    not (SHARED / "vnds" / "val.jsonl.gz").exists(),
    reason="the rebuild reads ../shared/data/vnds (absent); about 40 s of pyvi over VNDS",
)
def test_the_model_file_is_rebuilt_byte_for_byte():
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run([sys.executable, str(REPO / "scripts" / "train_tagger.py"), "--check"],
                          env=env, capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_model_of_another_version_says_how_to_rebuild_it(monkeypatch):
    import tomtat.tagging as tagging

    tagging._lexicon.cache_clear()
    monkeypatch.setattr(tagging, "LEXICON_VERSION", tagging.LEXICON_VERSION + 1)
    try:
        with pytest.raises(RuntimeError, match="rebuild it with scripts/train_tagger.py"):
            tagging._lexicon()
    finally:
        tagging._lexicon.cache_clear()

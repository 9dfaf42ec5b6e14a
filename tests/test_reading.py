"""How a summary reads: the opener first, no sentence leaning on one it lacks, no credit line."""

from __future__ import annotations

import json

import pytest

from tomtat import SummarizeOptions, summarize
from tomtat.models import Cluster, Document, Sentence
from tomtat.reading import can_open, credit_line, leaning, needs_antecedent, opener_scores
from tomtat.render import render, to_dict, to_text
import tomtat.select
from tomtat.select import opener_order, select


@pytest.fixture
def opener_first(monkeypatch):
    """The reading rule that is off by default (it cost ROUGE-L beyond the quality gate,
    docs/reading.md) is still built and tested: a long summary reordered to open with the
    opener model's best."""
    monkeypatch.setattr(tomtat.select, "OPENER_FIRST", True)

PLAIN = SummarizeOptions(facts=False, timeline=False)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("Trước đó, cơ quan công an đã triệu tập hai người liên quan.", "discourse"),
        ("Tuy nhiên, giá xăng vẫn chưa giảm như kỳ vọng của người dân.", "discourse"),
        ("Theo đó, mỗi hộ dân được hỗ trợ 5 triệu đồng để sửa nhà.", "discourse"),
        ("Dịp này, nữ ca sĩ cũng ra mắt album mới gồm 10 ca khúc.", "discourse"),
        ("Đó là chùm 3 ca khúc được sáng tác trong thời gian giãn cách.", "discourse"),
        ("Ông cho biết sẽ đề nghị xử lý nghiêm các sai phạm.", "pronoun"),
        ("Theo bà, việc này cần được làm rõ trong tháng tới.", "pronoun"),
        ("Họ đã rời khỏi hiện trường trước khi cảnh sát tới.", "pronoun"),
        ("Vụ việc đang được Công an quận Cầu Giấy điều tra làm rõ.", "demonstrative"),
        ("Sự việc này khiến nhiều phụ huynh bức xúc.", "demonstrative"),
        ("Các trang tin này đã bị yêu cầu gỡ bỏ nội dung sai sự thật.", "demonstrative"),
        ("Đối tượng này khai nhận đã trộm 5 xe máy.", "demonstrative"),
        ("Cụ thể, mức án dành cho các bị cáo như sau.", "discourse"),
        ("Nhưng Bộ Y tế vẫn chưa trả lời kiến nghị của cử tri.", "discourse"),
    ],
)
def test_sentences_that_lean_on_the_one_before(text, why):
    assert leaning(text) == why


@pytest.mark.parametrize(
    "text",
    [
        "Ông Nguyễn Văn Thắng, Bộ trưởng Bộ Tài chính, cho biết ngân sách năm nay vượt thu.",
        "Theo ông Trần Hồng Hà, dự án sẽ khởi công vào quý II.",
        "Bà Rịa - Vũng Tàu có thêm 12 ca mắc sốt xuất huyết trong tuần.",
        "Thông tin trên Zing cho biết giá vé máy bay Tết tăng 20%.",
        "Trong tuần này, giá vàng miếng SJC tăng thêm 500.000 đồng mỗi lượng.",
        "Ngày 5/7, UBND tỉnh Yên Bái công bố quyết định thành lập đoàn kiểm tra.",
        "Và Xái Vừ bị truy tố về tội mua bán trái phép chất ma túy.",  # a Hmong family name
    ],
)
def test_sentences_that_stand_on_their_own(text):
    assert leaning(text) is None


@pytest.mark.parametrize(
    ("text", "credit"),
    [
        ("Theo TTXVN và Báo Chính phủ", True),
        ("Theo VnExpress.", True),
        ("Nguồn: Bộ Y tế", True),
        ("(Ảnh: Ngọc Thành)", True),
        ("Theo ông Lê Minh Hoan, xuất khẩu nông sản sẽ đạt 50 tỷ USD.", False),
        ("Theo thống kê của Bộ Y tế, cả nước ghi nhận thêm 120 ca mắc mới.", False),
        ("Theo Bộ Công Thương, giá điện sẽ tăng từ tháng sau.", False),
    ],
)
def test_credit_and_source_lines(text, credit):
    assert credit_line(text) is credit


def _cluster(texts_by_doc: list[list[str]], titles=None) -> Cluster:
    documents, sentences = [], []
    for d, texts in enumerate(texts_by_doc):
        text = " ".join(texts)
        documents.append(Document(id=f"d{d}", text=text, title=(titles or [""] * 9)[d]))
        start = 0
        for i, t in enumerate(texts):
            sentences.append(Sentence(f"d{d}", d, i, start, start + len(t), t))
            start += len(t) + 1
    return Cluster("c", tuple(documents), tuple(sentences))



@pytest.mark.parametrize(
    ("text", "points_back"),
    [
        ("Theo đó, mỗi hộ dân được hỗ trợ 5 triệu đồng để sửa nhà.", True),
        ("Đây là lần thứ ba trong năm nay tuyến đường này bị sạt lở.", True),
        ("Cụ thể, mức án dành cho các bị cáo như sau.", True),
        ("Do đó, nhiều chuyến bay phải lùi giờ cất cánh.", True),
        ("Bà nói thêm rằng hồ sơ đã được chuyển cho cơ quan điều tra.", True),
        ("Vụ việc đang được Công an quận Cầu Giấy điều tra làm rõ.", True),
        ("Ngoài ra, tỉnh còn hỗ trợ 200 tấn gạo cho các hộ bị ảnh hưởng.", False),
        ("Trước đó, đài khí tượng đã cảnh báo nguy cơ lũ quét.", False),
        ("Tuy nhiên, giá xăng vẫn chưa giảm như kỳ vọng của người dân.", False),
        ("Trong khi đó, chỉ số VN-Index giảm 12 điểm.", False),
        ("Ngày 5/7, UBND tỉnh Yên Bái công bố quyết định thành lập đoàn kiểm tra.", False),
    ],
)
def test_which_leaning_sentences_need_the_one_before(text, points_back):
    # a connective relates the sentence to whatever came before; the others point at
    # something only the sentence before names
    assert leaning(text) is not None or not points_back
    assert needs_antecedent(text) is points_back


STORM = [
    "Bão số 3 đổ bộ vào Quảng Ninh trưa 7/9 với sức gió giật cấp 17, làm tốc mái hàng nghìn ngôi nhà.",
    "Theo đó, các tỉnh ven biển đã cấm tàu thuyền ra khơi từ chiều 6/9.",
    "Hơn 50.000 hộ dân ở Hải Phòng bị mất điện trong đêm.",
]
AFTER = [
    "Bộ Nông nghiệp ước tính hơn 120.000 ha lúa bị ngập úng sau bão.",
    "Ngành đường sắt dừng chạy tàu qua Hà Nội trong hai ngày.",
    "Các trường học ở Quảng Ninh cho học sinh nghỉ học đến hết tuần.",
    "Ngoài ra, tỉnh còn hỗ trợ 200 tấn gạo cho các hộ bị ảnh hưởng.",
]


def _storm_scores(pointing: float, before: float) -> dict:
    return {("d0", 0): before, ("d0", 1): pointing, ("d0", 2): 0.1,
            ("d1", 0): 1.9, ("d1", 1): 0.0, ("d1", 2): -0.5, ("d1", 3): -1.0}  # fmt: skip


def test_a_sentence_pointing_back_gives_way_to_one_about_as_good():
    cluster = _cluster([STORM, AFTER])
    scores = _storm_scores(pointing=2.0, before=-1.0)
    # "Theo đó" is the scorer's best, but without the sentence it leans on a sentence scored
    # a little lower that stands alone goes first
    keys = [s.key for s in select(cluster, scores, max_words=200, max_sentences=1, reading=True)]
    assert keys == [("d1", 0)]
    # without the reading rules, selection is as the scorer was trained with
    assert [s.key for s in select(cluster, scores, max_words=200, max_sentences=1)] == [("d0", 1)]
    # far ahead of the rest, it is still taken: the rule weighs, it does not forbid (told
    # after a sentence of an earlier article, as it never opens a summary)
    later = _cluster([AFTER, STORM])
    swapped = {(("d1" if d == "d0" else "d0"), i): v for (d, i), v in scores.items()}
    swapped[("d1", 1)] = 6.0
    keys = [s.key for s in select(later, swapped, max_words=200, max_sentences=2, reading=True)]
    assert keys == [("d0", 0), ("d1", 1)]
    # alone, it would open the summary: another is chosen instead
    keys = [s.key for s in select(later, swapped, max_words=200, max_sentences=1, reading=True)]
    assert keys == [("d0", 0)]


def test_a_connective_is_not_weighed_down_but_never_opens():
    cluster = _cluster([STORM, AFTER])
    scores = _storm_scores(pointing=-2.0, before=0.5)
    scores[("d1", 3)] = 2.0  # "Ngoài ra" is the best
    chosen = select(cluster, scores, max_words=200, max_sentences=2, reading=True)
    assert {s.key for s in chosen} == {("d1", 3), ("d1", 0)}
    # told in reading order, but a leaning sentence does not open the summary
    assert can_open(chosen[0]) and chosen[0].key == ("d1", 0)
    docs_first = select(cluster, {**scores, ("d1", 0): -3.0}, max_words=200, max_sentences=2, reading=True)
    assert [s.key for s in docs_first] == [("d0", 0), ("d1", 3)]


def test_a_pointing_sentence_is_taken_at_its_score_once_the_one_before_is_in():
    cluster = _cluster([STORM, AFTER])
    scores = _storm_scores(pointing=2.0, before=2.5)
    keys = [s.key for s in select(cluster, scores, max_words=200, max_sentences=2, reading=True)]
    assert keys == [("d0", 0), ("d0", 1)]
    # the credit line of a flood report is never chosen, whatever its score
    flood = _cluster([[*STORM[::2], "Theo TTXVN và Báo Chính phủ"]])
    picked = select(flood, {("d0", 0): 0.0, ("d0", 1): 1.0, ("d0", 2): 5.0}, max_words=200, reading=True)
    assert ("d0", 2) not in {s.key for s in picked}


LEAD = "Ngày 11/12, Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Campuchia Hun Manet tại Hà Nội."
BACKGROUND = [
    "Việt Nam và Campuchia thiết lập quan hệ ngoại giao ngày 24/6/1967.",
    "Thương mại hai chiều tăng trưởng trung bình hơn 20% trong giai đoạn 2015-2022.",
]


def test_a_short_budget_opens_with_the_news_when_background_scores_about_as_high():
    cluster = _cluster([[LEAD, *BACKGROUND]], titles=["Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Hun Manet"])
    scores = {("d0", 0): 0.95, ("d0", 1): 1.0, ("d0", 2): 0.2}
    chosen = select(cluster, scores, max_words=40, reading=True)
    assert chosen[0].key == ("d0", 0)
    openers = opener_scores(cluster)
    assert openers[("d0", 0)] > max(openers[("d0", 1)], openers[("d0", 2)])


def test_the_opener_goes_first_then_the_sentences_after_it_then_reading_order():
    later = ["Giá cà phê xuất khẩu tháng 11 giảm 3% so với tháng trước.", "Lượng xuất khẩu vẫn tăng 8%."]
    cluster = _cluster([later, [LEAD, *BACKGROUND]])
    every = list(cluster.sentences)
    opener = next(s for s in every if s.key == ("d1", 0))
    keys = [s.key for s in opener_order(cluster, every, opener)]
    assert keys == [("d1", 0), ("d1", 1), ("d1", 2), ("d0", 0), ("d0", 1)]
    gap = [s for s in every if s.key != ("d1", 1)]  # only a run right after it follows it
    assert [s.key for s in opener_order(cluster, gap, opener)] == [("d1", 0), ("d0", 0), ("d0", 1), ("d1", 2)]


def _docs(texts: list[str], prefix: str) -> list[Document]:
    return [Document(id=f"{prefix}{i}", text=t) for i, t in enumerate(texts)]


# two events of the same ministers; the December one gives no year anywhere
APRIL = [
    "Ngày 22/4/2024, Thủ tướng Phạm Minh Chính tiếp Thủ tướng Lào Sonexay Siphandone tại Hà Nội. "
    "Hai lãnh đạo nhất trí tăng cường kết nối hạ tầng giao thông giữa hai nước. Thương mại song "
    "phương Việt - Lào trong quý I năm 2024 đạt 476,8 triệu USD.",
    "Chiều 22/4, Thủ tướng Sonexay Siphandone hội kiến Chủ tịch Quốc hội tại Nhà Quốc hội. Hai "
    "bên đánh giá cao hợp tác giữa hai cơ quan lập pháp và cam kết hỗ trợ nhau tại các diễn đàn.",
]
DECEMBER = [
    "Ngày 17/12, tại Tokyo, Thủ tướng Phạm Minh Chính gặp Thủ tướng Lào và Thủ tướng Campuchia "
    "bên lề hội nghị cấp cao ASEAN - Nhật Bản. Ba Thủ tướng nhất trí tăng cường hợp tác an ninh "
    "và kết nối hạ tầng cứng và mềm.",
]


def test_an_event_without_a_year_says_so_and_json_carries_the_told_text():
    summary = summarize(_docs(APRIL, "apr") + _docs(DECEMBER, "dec"), max_words=120, options=PLAIN)
    assert len(summary.events) == 2
    text = to_text(summary)
    undated = [e for e in summary.events if e.date is None]
    assert undated and "17/12 (chưa rõ năm) — " in text
    assert text.index("22/4/2024") < text.index("17/12 (chưa rõ năm)")
    # nothing places 17/12 (2023 before 22/4/2024, or 2024 after): told last, and said so
    lead = "Sự kiện dưới đây chưa rõ năm, nên chưa rõ diễn ra trước hay sau sự kiện trên:"
    assert f"\n\n{lead}\n\n17/12 (chưa rõ năm) — " in text
    assert [e.order for e in summary.events] == ["dated", "open"]
    data = json.loads(render(summary, "json"))
    assert data["text"] == text  # facts and timeline off: the text output is the summary
    assert data == json.loads(json.dumps(to_dict(summary)))
    assert data["summary"] == " ".join(s["text"] for s in data["sentences"])
    assert [(e["order"], e["lead"]) for e in data["events"]] == [("dated", ""), ("open", lead)]
    for event in summary.events:  # each event opens with a sentence that leans on nothing
        assert can_open(event.sentences[0])


@pytest.mark.slow
def test_the_opener_training_script_rebuilds_the_shipped_model_exactly():
    import subprocess
    import sys
    from pathlib import Path

    from tomtat.evaluation import corpora

    repo = Path(__file__).resolve().parents[1]
    missing = [str(p) for p in (corpora.ABMUSU_TRAIN, corpora.VIMS, corpora.VNDS) if not p.exists()]
    if missing:
        pytest.skip(f"{', '.join(missing)} not found")
    result = subprocess.run(
        [sys.executable, str(repo / "scripts" / "train_opener.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]


def test_a_headline_line_or_a_fragment_never_opens():
    headline = "Điều tra vụ người đàn ông bị đâm tử vong trong tiệc tân gia"
    fragment = "(SN 2001), trú thôn Lệ Xuyên, xã Triệu Trạch, hiện sống cùng mẹ."
    cluster = _cluster([[headline, fragment, LEAD]])
    assert not can_open(cluster.sentences[0]) and not can_open(cluster.sentences[1])
    assert can_open(cluster.sentences[2])
    scores = {("d0", 0): 3.0, ("d0", 1): 2.0, ("d0", 2): 1.0}
    assert select(cluster, scores, max_words=200, reading=True)[0].key == ("d0", 2)


def test_with_opener_first_a_long_summary_opens_with_the_opener_models_best(opener_first):
    cluster = _cluster([BACKGROUND, [LEAD]], titles=["", "Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Hun Manet"])
    scores = {("d0", 0): 1.0, ("d0", 1): 0.9, ("d1", 0): 0.8}
    keys = [s.key for s in select(cluster, scores, max_words=200, reading=True)]
    assert keys == [("d1", 0), ("d0", 0), ("d0", 1)]


def test_by_default_a_long_summary_keeps_reading_order():
    cluster = _cluster([BACKGROUND, [LEAD]], titles=["", "Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Hun Manet"])
    scores = {("d0", 0): 1.0, ("d0", 1): 0.9, ("d1", 0): 0.8}
    keys = [s.key for s in select(cluster, scores, max_words=200, reading=True)]
    assert keys == [("d0", 0), ("d0", 1), ("d1", 0)]

"""A pile of several events, told event by event in date order; one-event clusters unchanged."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from tomtat import SummarizeOptions, summarize
from tomtat.models import Document
from tomtat.pipeline import build_cluster
from tomtat.render import render, to_dict
from tomtat.story import find_story
from tomtat.evaluation.corpora import SHARED_DATA

DATA = SHARED_DATA
ABMUSU = DATA / "abmusu" / "validation.jsonl"
needs_data = pytest.mark.skipif(not ABMUSU.exists(), reason="shared data absent")

FLAT = SummarizeOptions(facts=False, timeline=False, story=False)
STORY = SummarizeOptions(facts=False, timeline=False)

# Real-style articles: the same two ministries, two meetings five months apart
MARCH = [
    "Bộ trưởng Bộ Nông nghiệp và Phát triển nông thôn Lê Minh Hoan ngày 14/3 tiếp Bộ trưởng "
    "Nông nghiệp Australia Murray Watt tại Hà Nội. Hai bên thảo luận việc mở cửa thị trường "
    "cho trái bưởi và thanh long của Việt Nam. Trong quý IV năm 2022, kim ngạch xuất khẩu nông "
    "sản sang Australia đạt 1,2 tỷ USD, tăng 15% so với cùng kỳ. Ông Murray Watt cho biết "
    "Australia sẵn sàng hỗ trợ kỹ thuật về kiểm dịch thực vật cho các doanh nghiệp Việt Nam.",
    "Sáng 14/3, Bộ trưởng Lê Minh Hoan và Bộ trưởng Murray Watt đã ký bản ghi nhớ hợp tác về "
    "nông nghiệp thông minh. Theo bản ghi nhớ, hai nước sẽ trao đổi chuyên gia và công nghệ "
    "tưới tiết kiệm nước cho vùng Đồng bằng sông Cửu Long. Ông Lê Minh Hoan đề nghị phía "
    "Australia sớm hoàn tất thủ tục cho quả bưởi tươi của Việt Nam.",
]
AUGUST = [
    "Ngày 21/8, tại Canberra, Bộ trưởng Lê Minh Hoan hội đàm với Bộ trưởng Murray Watt về kết "
    "quả thực hiện bản ghi nhớ nông nghiệp thông minh. Sáu tháng đầu năm 2023, Việt Nam xuất "
    "khẩu sang Australia 650 tấn thanh long và 120 tấn bưởi. Hai bộ trưởng thống nhất lập "
    "nhóm công tác chung về chuỗi cung ứng nông sản, họp định kỳ sáu tháng một lần.",
]


def _docs(texts: list[str], prefix: str) -> list[Document]:
    return [Document(id=f"{prefix}{i}", text=t) for i, t in enumerate(texts)]


def test_the_demo_is_told_event_by_event_in_date_order_with_years_inferred(demo_documents):
    summary = summarize(demo_documents, max_words=200)
    dates = [e.date for e in summary.events]
    assert dates == ["2023-12-11", "2023-12-17", "2024-04-22", "2024-07-11"]
    assert all(e.inferred and not e.certain and e.evidence_text for e in summary.events)
    assert all(e.sentences for e in summary.events)
    assert summary.sentences == tuple(s for e in summary.events for s in e.sentences)
    assert summary.n_words <= 200
    text = render(summary, "text").split("\n\n")
    for paragraph, opener in zip(text, ["11/12/2023", "17/12/2023", "22/4/2024", "11-13/7/2024"]):
        assert paragraph.startswith(f"{opener} (năm suy ra) — ")


def test_two_meetings_of_the_same_ministers_months_apart_are_two_events():
    docs = _docs(AUGUST, "aug") + _docs(MARCH, "mar")
    summary = summarize(docs, max_words=120, options=STORY)
    assert [e.documents for e in summary.events] == [("mar0", "mar1"), ("aug0",)]
    march, august = summary.events
    assert march.date == "2023-03-14" and march.inferred  # after quý IV năm 2022
    assert august.date == "2023-08-21" and august.inferred  # after 6 tháng đầu năm 2023
    assert summary.n_words <= 120
    markdown = render(summary, "markdown")
    assert "**14/3/2023 (năm suy ra) —** " in markdown and "**21/8/2023 (năm suy ra) —** " in markdown


def test_follow_up_articles_of_one_story_days_apart_stay_one_summary():
    # one story, the same people, three days apart: no events, the flat summary as before
    docs = _docs(MARCH, "mar") + [
        Document(
            id="follow",
            text="Ngày 17/3, Bộ Nông nghiệp và Phát triển nông thôn cho biết Bộ trưởng Lê Minh Hoan "
            "đã giao Cục Bảo vệ thực vật hoàn thiện hồ sơ kiểm dịch quả bưởi tươi xuất khẩu sang "
            "Australia theo đề nghị của Bộ trưởng Murray Watt.",
        )
    ]
    assert find_story(build_cluster(docs)) is None
    assert summarize(docs, options=STORY) == summarize(docs, options=FLAT)


def test_each_event_gets_a_sentence_even_with_a_small_budget():
    docs = _docs(MARCH, "mar") + _docs(AUGUST, "aug")
    summary = summarize(docs, max_words=60, options=STORY)
    assert len(summary.events) == 2 and all(e.sentences for e in summary.events)
    assert summary.n_words <= 60
    two = summarize(docs, max_sentences=2, options=STORY)
    assert len(two.sentences) <= 2 and len(two.events) == 2
    one = summarize(docs, max_sentences=1, options=STORY)  # fewer sentences than events
    assert len(one.sentences) == 1 and one.events == ()


def test_json_lists_the_events_beside_the_flat_sentences():
    docs = _docs(MARCH, "mar") + _docs(AUGUST, "aug")
    data = json.loads(render(summarize(docs, max_words=120, options=STORY), "json"))
    assert data == json.loads(json.dumps(to_dict(summarize(docs, max_words=120, options=STORY))))
    flat = [(s["doc"], s["index"]) for s in data["sentences"]]
    told = [(s["doc"], s["index"]) for e in data["events"] for s in e["sentences"]]
    assert flat == told
    first = data["events"][0]
    assert {"date", "date_text", "certain", "inferred", "sentences"} <= set(first)
    assert first["evidence"]["doc"].startswith("mar") and "quý IV năm 2022" in first["evidence_text"]


def _shared_clusters():
    from tomtat.ingest import ClusterInput, read_jsonl

    return [c for c in read_jsonl(ABMUSU) if isinstance(c, ClusterInput)]


@needs_data
def test_a_pile_of_two_unrelated_shared_data_stories_is_told_as_two():
    clusters = _shared_clusters()
    plane, teachers = clusters[0], clusters[1]  # a plane's engine fire; teachers and pupils
    docs = [replace(d, id=f"a{d.id}") for d in plane.documents]
    docs += [replace(d, id=f"b{d.id}") for d in teachers.documents]
    docs = [docs[0], docs[2], docs[1], docs[3]]  # shuffled
    summary = summarize(docs, options=STORY)
    assert sorted("".join(sorted({d[0] for d in e.documents})) for e in summary.events) == ["a", "b"]
    assert {s.doc_id[0] for s in summary.sentences} == {"a", "b"}


@needs_data
def test_single_story_shared_data_clusters_read_exactly_as_before():
    clusters = _shared_clusters()[:12]
    kept = [c for c in clusters if find_story(build_cluster(c.documents)) is None]
    assert len(kept) >= 10
    for cluster in kept:
        assert summarize(cluster.documents, options=STORY) == summarize(cluster.documents, options=FLAT)


def test_a_later_paragraph_on_another_event_is_told_with_that_event():
    # the March article ends with a paragraph on the August talks: it belongs to August
    roundup = Document(
        id="mar-roundup",
        text="\n".join(MARCH) + "\nNgày 21/8, hai bộ trưởng gặp lại nhau tại Canberra để đánh giá "
        "kết quả thực hiện bản ghi nhớ. Hai bên thống nhất lập nhóm công tác chung về chuỗi cung "
        "ứng nông sản.",
    )
    docs = [roundup, *_docs(AUGUST, "aug")]
    groups = find_story(build_cluster(docs))
    assert groups is not None and len(groups) == 2
    march = next(g for g in groups if g.month_day == (3, 14))
    august = next(g for g in groups if g.month_day == (8, 21))
    last_paragraph = [("mar-roundup", 7), ("mar-roundup", 8)]
    assert list(august.moved_in) == last_paragraph and list(march.moved_out) == last_paragraph
    summary = summarize(docs, max_words=150, options=STORY)
    told = {s.key: e.month_day for e in summary.events for s in e.sentences}
    assert all(told.get(k, (8, 21)) == (8, 21) for k in last_paragraph)


def test_a_day_its_month_lacks_in_a_head_does_not_stop_the_story():
    # "30/2" is read as a day and month by the date finder; the story must not fail on it
    docs = _docs(MARCH, "mar") + [
        Document(id="feb", text="Ngày 30/2, " + AUGUST[0][len("Ngày 21/8, "):]),
        *_docs(AUGUST, "aug"),
    ]
    groups = find_story(build_cluster(docs))
    assert groups is not None and sum(len(g.documents) for g in groups) == len(docs)
    summary = summarize(docs, max_words=120, options=STORY)
    assert summary.n_words <= 120 and summary.events


# the years of an undated event: its articles' dates, the pile's days, or told apart as open
AUGUST_2024 = [AUGUST[0].replace("Sáu tháng đầu năm 2023", "Sáu tháng đầu năm 2024")]
JUNE = [
    "Ngày 1/6, tại Thành phố Hồ Chí Minh, Bộ trưởng Lê Minh Hoan tiếp đoàn doanh nghiệp "
    "Australia sang tìm hiểu vùng trồng bưởi và thanh long. Đoàn đã làm việc với các hợp tác xã "
    "ở Đồng bằng sông Cửu Long, nơi từ ngày 10/12/2023 bắt đầu áp dụng quy trình tưới tiết kiệm "
    "nước theo bản ghi nhớ giữa hai bộ."
]
DECEMBER = [
    "Ngày 17/12, tại Cần Thơ, Bộ trưởng Lê Minh Hoan và Bộ trưởng Murray Watt dự lễ xuất khẩu lô "
    "bưởi tươi đầu tiên sang Australia. Hai bộ trưởng đánh giá cao nỗ lực của các hợp tác xã "
    "trong việc đáp ứng yêu cầu kiểm dịch thực vật."
]


def test_the_date_of_another_article_of_the_event_gives_its_year():
    # the head that states 14/3 is undated and says no year; its companion is dated
    march = [MARCH[0].replace("Trong quý IV năm 2022, kim ngạch xuất khẩu nông sản sang Australia "
                              "đạt 1,2 tỷ USD, tăng 15% so với cùng kỳ. ", ""), MARCH[1]]  # fmt: skip
    docs = _docs(march, "mar") + _docs(AUGUST, "aug")
    docs[1] = replace(docs[1], date="2023-03-15")
    summary = summarize(docs, max_words=120, options=STORY)
    march_event = next(e for e in summary.events if e.month_day == (3, 14))
    assert march_event.documents == ("mar0", "mar1")
    assert march_event.date == "2023-03-14" and march_event.certain and march_event.order == "dated"
    assert render(summary, "text").startswith("14/3/2023 — ")


def test_an_undated_event_the_pile_allows_one_place_is_told_there_without_a_year():
    # 1/6 has no year; the pile's days (14/3/2023, 10/12/2023, 21/8/2024) leave it 2023 or
    # 2024: either way between the March 2023 and August 2024 events, and no year is printed
    docs = _docs(MARCH, "mar") + _docs(AUGUST_2024, "aug") + _docs(JUNE, "jun")
    summary = summarize(docs, max_words=150, options=STORY)
    assert [(e.month_day, e.date, e.order) for e in summary.events] == [
        ((3, 14), "2023-03-14", "dated"), ((6, 1), None, "placed"), ((8, 21), "2024-08-21", "dated"),
    ]  # fmt: skip
    text = render(summary, "text")
    assert "\n\n1/6 (chưa rõ năm) — " in text and "chưa rõ thứ tự" not in text and "trước hay sau" not in text
    data = to_dict(summary)
    assert [e["order"] for e in data["events"]] == ["dated", "placed", "dated"]
    assert all(e["lead"] == "" for e in data["events"]) and data["text"] == text


def test_an_event_the_evidence_cannot_place_is_told_last_under_a_line_saying_so():
    # 17/12 could be 2022 (before March 2023) or 2023 (between): its place is open
    docs = _docs(DECEMBER, "dec") + _docs(MARCH, "mar") + _docs(AUGUST_2024, "aug") + _docs(JUNE, "jun")
    summary = summarize(docs, max_words=200, options=STORY)
    assert [(e.month_day, e.order) for e in summary.events] == [
        ((3, 14), "dated"), ((6, 1), "placed"), ((8, 21), "dated"), ((12, 17), "open"),
    ]  # fmt: skip
    paragraphs = render(summary, "text").split("\n\n")
    lead = "Sự kiện dưới đây chưa rõ năm, nên chưa rõ diễn ra trước hay sau các sự kiện trên:"
    assert paragraphs[3] == lead and paragraphs[4].startswith("17/12 (chưa rõ năm) — ")
    data = to_dict(summary)
    assert [e["lead"] for e in data["events"]] == ["", "", "", lead]
    assert f"\n*{lead}*\n" in render(summary, "markdown")


def test_story_order_places_an_undated_event_only_where_every_year_it_may_have_agrees():
    from tomtat.models import StoryEvent
    from tomtat.story import _story_order

    def event(month_day, iso=None):
        return StoryEvent(date=iso, date_text="", certain=iso is not None, inferred=False,
                          documents=(), sentences=(), month_day=month_day)  # fmt: skip

    march, august = event((3, 14), "2023-03-14"), event((8, 21), "2024-08-21")
    told = _story_order([
        (event((12, 1)), (2022, 2023)),  # 1/12/2022 before March, 1/12/2023 between: open
        (august, None),
        (event((6, 1)), (2023, 2024)),  # between either way: placed
        (event((9, 1)), (2024, None)),  # 2024 or later: after August, placed
        (event((1, 5)), (None, 2023)),  # 5/1/2023 or earlier: first, placed
        (event((2, 2)), None),  # nothing known: open
        (march, None),
    ])  # fmt: skip
    assert [(e.month_day, e.order) for e in told] == [
        ((1, 5), "placed"), ((3, 14), "dated"), ((6, 1), "placed"), ((8, 21), "dated"),
        ((9, 1), "placed"), ((2, 2), "open"), ((12, 1), "open"),
    ]  # fmt: skip

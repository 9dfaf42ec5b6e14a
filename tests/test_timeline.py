from __future__ import annotations

from dataclasses import replace

import pytest

from tomtat.dates import find_dates
from tomtat.models import Cluster, Document
from tomtat.pipeline import build_cluster
from tomtat.timeline import extract_timeline

DATES = {  # the day each demo article was published
    "000": "2023-12-18",
    "001": "2024-04-22",
    "002": "2023-12-11",
    "003": "2024-07-15",
    "004": "2023-12-12",
}


@pytest.fixture(scope="module")
def undated(demo_cluster):
    return extract_timeline(demo_cluster)


@pytest.fixture(scope="module")
def dated(demo_documents):
    docs = [replace(d, date=DATES[d.id[:3]]) for d in demo_documents]
    return extract_timeline(build_cluster(docs))


def _events(timeline, doc_prefix, fragment):
    return [e for e in timeline if e.sentence[0].startswith(doc_prefix) and fragment in e.date_text]


def test_demo_meetings_get_their_year_from_evidence_marked_inferred(undated):
    expected = {"000": "2023-12-17", "001": "2024-04-22", "002": "2023-12-11", "004": "2023-12-11"}
    for doc, fragment in [("000", "17/12"), ("001", "22/4"), ("002", "11/12"), ("004", "11/12")]:
        found = _events(undated, doc, fragment)
        assert found, (doc, fragment)
        # no article writes these years beside the day: inferred, with the sentence it rests on
        assert {e.date for e in found} == {expected[doc]}
        assert all(e.inferred and not e.certain and e.evidence and e.evidence_text for e in found)
    visit = _events(undated, "003", "11-13/7")
    assert visit and visit[0].date_text == "từ ngày 11-13/7"
    assert (visit[0].date, visit[0].end_date, visit[0].inferred) == ("2024-07-11", "2024-07-13", True)


def test_demo_dates_resolve_against_the_article_date(dated):
    assert {e.date for e in _events(dated, "002", "11/12")} == {"2023-12-11"}
    assert {e.date for e in _events(dated, "004", "11/12")} == {"2023-12-11"}
    assert {e.date for e in _events(dated, "000", "17/12")} == {"2023-12-17"}
    assert {e.date for e in _events(dated, "001", "22/4")} == {"2024-04-22"}
    visit = _events(dated, "003", "11-13/7")
    assert {(e.date, e.end_date) for e in visit} == {("2024-07-11", "2024-07-13")}
    assert all(e.certain and not e.inferred for e in dated)
    # "hôm nay" in 002 is the article's own day
    assert {e.date for e in _events(dated, "002", "hôm nay")} == {"2023-12-11"}


def test_timeline_is_chronological(dated):
    dates = [e.date for e in dated]
    assert dates == sorted(dates)
    firsts = {}
    for e in dated:
        firsts.setdefault(e.date_text.split()[-1], e.date)
    assert firsts["11/12"] < firsts["17/12"] < firsts["22/4"] < firsts["11-13/7"]


def test_full_dates_ranges_and_quarters_in_the_demo(undated):
    by_text = {e.date_text: e for e in undated}
    assert by_text["ngày 24/6/1967"].date == "1967-06-24"
    assert by_text["quý I năm 2024"].date == "2024-01"
    assert by_text["quý I năm 2024"].end_date == "2024-03"
    # "kỷ niệm 45 năm ... (7/1/1979 - 7/1/2024) ... dự lễ kỷ niệm ngày 7/1": the anniversary,
    # dated once by the day it marks; 1979 then no longer makes "ngày 7/1" ambiguous
    anniversary = by_text["7/1/1979 - 7/1/2024"]
    assert (anniversary.date, anniversary.end_date) == ("2024-01-07", None)
    assert [e.date for e in undated if e.sentence == anniversary.sentence] == ["2024-01-07"]
    assert not any(e.date and e.date.startswith("1979") for e in undated)
    # "giai đoạn 2015-2022" is background, not an event; "năm 2022" in the same sentence is
    assert not any("2015" in e.date_text for e in undated)
    assert any(e.date == "2022" and e.sentence[0].startswith("004") for e in undated)


def test_unknown_years_follow_dated_events_and_keys_point_at_sentences(undated, demo_cluster):
    known = [i for i, e in enumerate(undated) if e.date is not None]
    unknown = [i for i, e in enumerate(undated) if e.date is None]
    assert max(known) < min(unknown)
    texts = {s.key: s.text for s in demo_cluster.sentences}
    assert all(texts[e.sentence] == e.text for e in undated)


def _one_doc(text: str, date: str | None = None) -> Cluster:
    return build_cluster([Document(id="a", text=text, date=date)])


def test_year_taken_from_the_same_article_when_written_there():
    timeline = extract_timeline(
        _one_doc("Hội nghị khai mạc ngày 11/12/2023 tại Hà Nội. Chiều 11/12, các đại biểu thảo luận.")
    )
    assert [e.date for e in timeline] == ["2023-12-11", "2023-12-11"]
    assert timeline[1].date_text == "Chiều 11/12"


def test_one_event_per_date_and_sentence_and_relative_days():
    timeline = extract_timeline(
        _one_doc("Sáng nay (5/1), đoàn đến Huế; hôm qua đoàn ở Đà Nẵng và sáng 5/1 họp báo.", "2024-01-05")
    )
    assert [(e.date, e.date_text) for e in timeline] == [
        ("2024-01-04", "hôm qua"),
        ("2024-01-05", "Sáng nay"),
    ]


def test_relative_days_without_article_date_are_kept_uncertain():
    (event,) = extract_timeline(_one_doc("Hôm qua, giá vàng tăng mạnh."))
    assert (event.date, event.certain, event.date_text) == (None, False, "Hôm qua")


def test_nearest_year_crosses_new_year():
    (event,) = extract_timeline(_one_doc("Lễ kỷ niệm sẽ diễn ra ngày 7/1 tại Phnom Penh.", "2023-12-20"))
    assert event.date == "2024-01-07"


@pytest.mark.parametrize(
    "text, parts",
    [
        ("tối 24/8 (giờ địa phương)", (None, 8, 24)),
        ("ngày 11 tháng 12 năm 2023", (2023, 12, 11)),
        ("tháng 7/2024", (2024, 7, None)),
        ("trong tháng 7 năm 2024", (2024, 7, None)),
        ("11/12/2023", (2023, 12, 11)),
    ],
)
def test_find_dates_parts(text, parts):
    (mention,) = find_dates(text)
    assert (mention.year, mention.month, mention.day) == parts


@pytest.mark.parametrize("text", ["2/3 số dân", "giai đoạn 2021 - 2030", "ngày 31/13", "50 năm ASEAN"])
def test_find_dates_ignores_non_dates(text):
    assert find_dates(text) == []


def test_empty_cluster():
    assert extract_timeline(Cluster("x", (), ())) == ()


def test_an_anniversary_range_is_its_last_day_but_a_real_range_stays_a_range():
    (anniversary,) = find_dates("Kỷ niệm 80 năm Quốc khánh (2/9/1945 - 2/9/2025) được tổ chức trọng thể.")
    assert (anniversary.day, anniversary.month, anniversary.year, anniversary.end_month) == (2, 9, 2025, None)
    (holiday,) = find_dates("Kỳ nghỉ kéo dài từ 30/12/2023 - 2/1/2024.")
    assert (holiday.year, holiday.month, holiday.day) == (2023, 12, 30)
    assert (holiday.end_year, holiday.end_month, holiday.end_day) == (2024, 1, 2)


def _pile(*texts: str) -> Cluster:
    return build_cluster([Document(id=f"d{i}", text=t) for i, t in enumerate(texts)])


def _dated(timeline, fragment):
    return [(e.date, e.inferred) for e in timeline if fragment in e.date_text]


def test_a_past_period_and_a_coming_date_settle_the_year_of_an_undated_day():
    timeline = extract_timeline(_one_doc(
        "Sáng 20/11, Bộ Công Thương họp báo về xuất khẩu gạo. "
        "Trong 10 tháng đầu năm 2022, xuất khẩu gạo đạt 6 triệu tấn. "
        "Hiệp hội dự kiến sẽ tổ chức hội nghị tổng kết vào ngày 15/1/2023."
    ))
    (talk,) = [e for e in timeline if e.date_text == "Sáng 20/11"]
    assert (talk.date, talk.certain, talk.inferred) == ("2022-11-20", False, True)
    assert "10 tháng đầu năm 2022" in talk.evidence_text


def test_evidence_that_disagrees_or_is_absent_leaves_the_year_unknown():
    # only a bare year, which may be this year or last: 20/11 could be 2022 or 2023
    vague = extract_timeline(_one_doc("Sáng 20/11, giá lúa tăng. Năm 2022, sản lượng lúa đạt 43 triệu tấn."))
    assert _dated(vague, "20/11") == [(None, False)]
    # a period reported as over (after 30/9/2023) and a day still to come (before 1/6/2023)
    clash = extract_timeline(_one_doc(
        "Chiều 5/3, Quốc hội họp. Trong 9 tháng đầu năm 2023, GDP tăng 4,2%. "
        "Luật sẽ có hiệu lực từ ngày 1/6/2023."
    ))
    assert _dated(clash, "5/3") == [(None, False)]
    assert _dated(extract_timeline(_one_doc("Tối 2/9, pháo hoa được bắn ở 12 điểm.")), "2/9") == [(None, False)]


def test_an_undated_day_takes_its_year_from_the_other_articles_of_the_pile():
    timeline = extract_timeline(_pile(
        "Ngày 3/12/2023, Hà Nội khởi công tuyến đường sắt đô thị số 3 đoạn ngầm.",
        "Tuyến đường sắt được thông xe thử nghiệm ngày 28/11/2023 trên đoạn trên cao.",
        "Tối 17/12, hàng nghìn người dân đã đi thử tuyến đường sắt trên cao.",
    ))
    (ride,) = [e for e in timeline if e.date_text == "Tối 17/12"]
    assert (ride.date, ride.inferred, ride.evidence[0]) == ("2023-12-17", True, "d0")
    # days of two different years around the undated one: no year
    far = extract_timeline(_pile(
        "Ngày 3/3/2021, dự án được phê duyệt.",
        "Ngày 3/3/2024, dự án hoàn thành.",
        "Tối 17/12, người dân đi thử tuyến đường.",
    ))
    assert _dated(far, "17/12") == [(None, False)]


def test_an_article_date_is_never_taken_from_its_body_text():
    # the body writes a full date, but the article's own date is unknown (no metadata, no
    # caller): "hôm nay" stays undated; the full date is a date of the text, not of the article
    timeline = extract_timeline(_one_doc(
        "Ngày 5/3/2024, Sở Y tế Hà Nội ghi nhận 120 ca sốt xuất huyết. "
        "Hôm nay, Sở tiếp tục phun thuốc diệt muỗi tại quận Hoàng Mai."
    ))
    assert _dated(timeline, "Hôm nay") == [(None, False)]
    assert _dated(timeline, "5/3/2024") == [("2024-03-05", False)]
    # given by the caller, the date resolves it
    given = extract_timeline(_one_doc("Hôm nay, Sở tiếp tục phun thuốc diệt muỗi.", "2024-03-06"))
    assert [(e.date, e.certain) for e in given] == [("2024-03-06", True)]

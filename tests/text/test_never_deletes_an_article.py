"""Cleaning never deletes an article (issue #20): a paragraph of several sentences ending in
"…" is not a related-story teaser, and the one-third guard counts every reason."""

from __future__ import annotations

import tomtat
from tomtat.text import clean_article_report

# our own one-line article, ending in "…" as many do
ONE_LINE = (
    "Chiều 20/5, mưa đá kèm gió lốc bất ngờ xảy ra tại huyện Bắc Hà, tỉnh Lào Cai, làm tốc mái "
    "hơn 200 ngôi nhà. Theo báo cáo ban đầu, không có thiệt hại về người nhưng nhiều diện tích hoa "
    "màu bị dập nát. Chính quyền xã đã huy động dân quân giúp người dân lợp lại mái nhà trước khi "
    "trời tối. Người dân cho biết đây là trận mưa đá lớn nhất trong nhiều năm qua, hạt đá to bằng "
    "quả trứng gà…"
)


def test_one_line_article_after_a_related_heading_is_kept():
    for marker in ("TIN BÀI LIÊN QUAN:", "Xem thêm:", "Tin liên quan"):
        text = f"Lào Cai: thiệt hại sau mưa đá\n{marker}\n{ONE_LINE}"
        doc = tomtat.to_documents([{"title": "Mưa đá ở Lào Cai", "text": text}])[0]
        assert "hạt đá to bằng quả trứng gà" in doc.text, marker
        assert "huyện Bắc Hà" in doc.text


def test_one_line_article_after_an_inline_marker_is_kept():
    text = f"Lào Cai: thiệt hại sau mưa đá\nXem thêm: {ONE_LINE}"
    doc = tomtat.to_documents([{"title": "Mưa đá ở Lào Cai", "text": text}])[0]
    assert "huyện Bắc Hà" in doc.text and "quả trứng gà" in doc.text


def test_a_real_teaser_still_goes():
    text = (
        ONE_LINE.replace("…", ".") + "\nTIN BÀI LIÊN QUAN:\nMưa đá trắng trời ở Sa Pa\n"
        "Du khách thích thú khi thấy mưa đá rơi dày trên đường phố…"
    )
    report = clean_article_report(text, known_title="Mưa đá ở Lào Cai")
    assert "Du khách thích thú" not in report.body
    assert "huyện Bắc Hà" in report.body


def test_the_guard_covers_related_removals():
    # one-sentence lines after "Xem thêm:" are related headlines, but when they are most of
    # the article they are kept, with the warning
    body = "Mưa đá làm tốc mái hơn 200 ngôi nhà ở Bắc Hà."
    related = (
        "Xem thêm: Nhiều ngôi nhà ở Bắc Hà bị tốc mái sau trận mưa đá lớn chiều qua.\n"
        "Xem thêm: Dân quân giúp người dân lợp lại mái nhà trước khi trời tối."
    )
    report = clean_article_report(f"{body}\n{related}", known_title="Mưa đá ở Lào Cai")
    assert "Nhiều ngôi nhà ở Bắc Hà bị tốc mái" in report.body
    assert any("every sentence kept" in w for w in report.warnings)

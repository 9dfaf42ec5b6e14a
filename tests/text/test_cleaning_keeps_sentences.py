"""Cleaning never removes a real sentence (issue #11 item 1), on real AbMuSu text."""

import pytest

from tomtat.text import clean_article_report
from tomtat.text.clutter import clean_lines
from tomtat.text.language import language_warning

# AbMuSu validation, cluster 41, the second article (Yonhap via TTXVN), first paragraphs
KOREA = [
    "Ngày 22/8, Bộ trưởng Công nghiệp Hàn Quốc Lee Chang-yang cho biết Seoul sẽ xem xét liệu có đệ đơn "
    "khiếu nại lên Tổ chức Thương mại Thế giới (WTO) về đạo luật mới của Mỹ, trong đó loại trừ xe điện được "
    "sản xuất bên ngoài Bắc Mỹ khỏi danh sách được giảm thuế tại Mỹ.",
    "Đạo luật giảm lạm phát, vốn được Tổng thống Mỹ Joe Biden ký ban hành hồi tuần trước, kêu gọi tăng cường "
    "các khoản trợ thuế cho người mua xe điện, song chỉ áp dụng cho xe điện lắp ráp tại Bắc Mỹ.",
    "Các hãng sản xuất xe lớn của Hàn Quốc, trong đó có Hyundai Motor và Kia, bày tỏ quan ngại về đạo luật "
    "trên khi các công ty này sản xuất những chiếc xe điện hàng đầu như IONIQ 5 và EV6 tại các nhà máy trong "
    "nước và chuyển sản phẩm ra nước ngoài.",
]
HEADLINE = "Hàn Quốc xem xét khả năng khiếu nại đạo luật giảm lạm phát của Mỹ"


def kept(text: str) -> str:
    return clean_article_report(text, find_title=False).body


@pytest.mark.parametrize("marker", ["TIN BÀI LIÊN QUAN:", "Xem thêm:", "Đọc thêm:", "Tin liên quan:"])
def test_an_article_on_one_line_after_a_marker_keeps_its_text(marker):
    body = kept(f"{marker} " + " ".join(KOREA))
    for sentence in KOREA:
        assert sentence in body
    assert marker.rstrip(":") not in body


@pytest.mark.parametrize("marker", ["Xem thêm:", "Đọc thêm:"])
def test_a_read_more_headline_in_the_middle_takes_only_its_line(marker):
    text = "\n".join([KOREA[0], f"{marker} Hyundai tăng đầu tư vào nhà máy xe điện tại Mỹ", KOREA[1], KOREA[2]])
    assert kept(text).split("\n") == KOREA


def test_the_article_after_a_one_line_box_heading_stays():
    text = "\n".join(["Tin liên quan", "Mỹ thông qua đạo luật giảm lạm phát", "Giá xăng tại Mỹ giảm tuần thứ 8 liên tiếp", *KOREA])
    assert kept(text).split("\n") == KOREA


@pytest.mark.parametrize("credit", ["(Ảnh: Yonhap)", "(Nguồn: TTXVN)", "Ảnh: Yonhap", "Nguồn: Yonhap"])
def test_a_credit_ends_where_it_ends(credit):
    paragraph = f"{KOREA[0]} {KOREA[1]} {credit}"
    lines = kept(f"{paragraph}\n{KOREA[2]}").split("\n")
    assert lines == [f"{KOREA[0]} {KOREA[1]}", KOREA[2]]
    removed = clean_lines(f"{paragraph}\n{KOREA[2]}").removed
    assert [(r.text, r.reason) for r in removed] == [(credit, "credit")]


def test_a_caption_line_with_its_credit_goes_whole():
    caption = "Bộ trưởng Công nghiệp Hàn Quốc Lee Chang-yang. (Ảnh: Yonhap)"
    assert kept("\n".join([KOREA[0], caption, KOREA[1]])).split("\n") == [KOREA[0], KOREA[1]]


# another story appended after a bottom box (as on VNDS digest pages)
OTHER = [
    "Theo lịch dự kiến, ngày mai, tòa án nhân dân thành phố sẽ mở phiên xét xử bị cáo trong vụ án gây rối trật tự công cộng.",
    "Trước đó, đêm 4/3, bị cáo đi biểu diễn ở tỉnh Hà Nam về đến nhà đã gọi điện cho người quen đến chơi.",
]


def test_another_story_after_a_bottom_box_is_dropped_and_said():
    report = clean_article_report("\n".join([*KOREA, "Xem thêm tại đây.", "Ngày mai xét xử vụ ca sĩ", *OTHER]), known_title=HEADLINE)
    assert report.body.split("\n") == KOREA
    assert report.other_story == tuple(OTHER)
    assert any("another story" in w for w in report.warnings)


def test_the_same_story_after_a_bottom_box_stays():
    more = (
        "Bộ trưởng Lee Chang-yang cho biết Hàn Quốc sẽ đề nghị Mỹ xem xét lại đạo luật giảm lạm phát "
        "để xe điện sản xuất tại Hàn Quốc được hưởng trợ thuế."
    )
    report = clean_article_report("\n".join([KOREA[0], KOREA[1], "Xem thêm tại đây.", more]), known_title=HEADLINE)
    assert report.body.split("\n") == [KOREA[0], KOREA[1], more]
    assert not report.warnings


def test_heavy_cleaning_keeps_the_sentences_and_says_so():
    # every line ends in a credit: the rules would take them all as captions
    text = "\n".join(f"{s} (Ảnh: Yonhap)" for s in KOREA)
    report = clean_article_report(text, find_title=False)
    for sentence in KOREA:
        assert sentence in report.body
    assert report.warnings and "every sentence kept" in report.warnings[0]


def test_an_article_cleaning_would_empty_is_kept_as_it_came():
    report = clean_article_report("Tin liên quan\nĐọc thêm: Hội đàm Việt Nam - Hàn Quốc", find_title=False)
    assert report.body == "Tin liên quan\nĐọc thêm: Hội đàm Việt Nam - Hàn Quốc"
    assert report.warnings == ("nothing would be left after cleaning; the text is kept as it came",)


ENGLISH = (
    "South Korea will consider filing a complaint with the World Trade Organization over a new US law "
    "that excludes electric vehicles made outside North America from tax credits, its industry minister said."
)
CHINESE = "韩国产业通商资源部长官李昌洋表示，韩国将考虑就美国新法律向世界贸易组织提出申诉，该法律将北美以外生产的电动汽车排除在税收抵免之外。"


def test_english_and_chinese_text_are_flagged_vietnamese_is_not():
    assert "does not look Vietnamese" in language_warning(ENGLISH)
    assert "Chinese or Japanese" in language_warning(CHINESE)
    assert language_warning(" ".join(KOREA)) is None
    report = clean_article_report(ENGLISH, find_title=False)
    assert report.body == ENGLISH and any("does not look Vietnamese" in w for w in report.warnings)


def test_a_glued_run_of_related_headlines_goes_whole():
    # AbMuSu train, cluster 166: four headlines after the marker, no sentence among them
    line = (
        "Tin liên quan Cảnh báo nguy cơ dịch chồng dịch Dịch COVID-19: Số ca sốt mới ở Triều Tiên giảm mạnh "
        "Cơn sốt mới tràn về Hà Nội, ghế nhựa vỉa hè lại 1 lần đổi vận Bộ Y tế cảnh báo: Bệnh sốt mò xuất hiện "
        "quanh năm ở Việt Nam"
    )
    assert kept("\n".join([KOREA[0], line, KOREA[1]])).split("\n") == [KOREA[0], KOREA[1]]
    assert kept("\n".join([KOREA[0], "Xem thêm video: Nhóm người dàn cảnh cướp xe máy lúc nửa đêm tại TP HCM", KOREA[1]])).split("\n") == [KOREA[0], KOREA[1]]


def test_a_caption_block_that_names_its_photo_goes():
    # AbMuSu train, cluster 2: "Ảnh trái: …(Ảnh: …). Ảnh phải: …"
    block = "Ảnh trái: Biển cảnh báo nắng nóng gay gắt tại Anh (Ảnh: Evening Standard). Ảnh phải: Đường ray tại ga Battersea, London."
    assert kept("\n".join([KOREA[0], block, KOREA[1]])).split("\n") == [KOREA[0], KOREA[1]]
    assert kept("Ảnh hưởng của đạo luật tới xe điện Hàn Quốc là rất lớn.") == "Ảnh hưởng của đạo luật tới xe điện Hàn Quốc là rất lớn."

import re
from pathlib import Path

import pytest

from tomtat.text.clutter import strip_clutter, strip_inline_captions
from tomtat.text.normalize import normalize
from tomtat.text.segmented import restore

SEEDS = Path(__file__).parents[1] / "fixtures" / "seeds"


def seed(prefix: str) -> str:
    return normalize(next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def page():
    raw = seed("003")
    return raw, strip_clutter(raw).split("\n")


def test_every_body_paragraph_of_003_survives(page):
    raw, kept = page
    lines = raw.split("\n")
    start = lines.index("Bộ trưởng Ngoại giao Bùi Thanh Sơn nhấn mạnh về kết quả chuyến thăm cấp Nhà nước tới Lào và Campuchia từ ngày 11-13/7 của Chủ tịch nước Tô Lâm.")
    end = lines.index("Xin cảm ơn Bộ trưởng.")
    body = [
        ln for ln in lines[start : end + 1]
        if len(ln.split()) > 12 and re.search(r"[.?…]$", ln) and "(Nguồn:" not in ln and not ln.startswith("Bộ trưởng Ngoại giao Bùi Thanh Sơn trả lời")
    ]
    assert len(body) >= 25
    for paragraph in body:
        assert paragraph in kept
    assert "Xin Bộ trưởng cho biết kết quả nổi bật của chuyến thăm?" in kept  # Q&A question stays
    assert kept[-1] == "Xin cảm ơn Bộ trưởng."


def test_related_boxes_and_read_more_list_removed(page):
    _, kept = page
    text = "\n".join(kept)
    assert "Tin liên quan" not in kept
    assert "Hội nghị Geneva 1954" not in text
    assert "Đọc thêm" not in text
    assert "Greenland" not in text and "ASEAN Cup 2026" not in text
    # cards before "Đọc thêm": headline twice plus a teaser ending in "..."
    assert "Trường song ngữ Lào-Việt Nam" not in text
    assert "Metfone" not in text


def test_widgets_removed(page):
    _, kept = page
    assert "Theo dõi Baoquocte.vn trên" not in kept
    assert "Phiên bản di động" not in kept


def test_photo_alt_text_and_captions_removed(page):
    _, kept = page
    text = "\n".join(kept)
    assert "(Nguồn: TTXVN)" not in text
    assert "duyệt đội danh dự" not in text
    assert not any(ln.startswith("Bộ trưởng Ngoại giao Bùi Thanh Sơn trả lời phỏng vấn") for ln in kept)


def test_byline_under_title_removed_title_kept(page):
    _, kept = page
    assert kept[0].startswith("Dấu mốc cho giai đoạn phát triển mới")
    assert "Chu Văn" not in kept


def test_repeated_lines_keep_first():
    text = "Tiêu đề bài báo về hợp tác\nTiêu đề bài báo về hợp tác\nĐoạn một nói về hợp tác kinh tế.\nĐoạn hai.\nĐoạn một nói về hợp tác kinh tế."
    assert strip_clutter(text).split("\n") == ["Tiêu đề bài báo về hợp tác", "Đoạn một nói về hợp tác kinh tế.", "Đoạn hai."]


def test_repeated_long_paragraph_at_end_is_not_a_card():
    para = "Hai bên nhất trí tăng cường hợp tác kinh tế, thương mại và đầu tư trong thời gian tới."
    assert strip_clutter(f"Mở đầu bài viết có nội dung.\n{para}\n{para}").split("\n") == ["Mở đầu bài viết có nội dung.", para]


@pytest.mark.parametrize(
    "caption",
    [
        "Cục Dự trữ Nhà nước xuất gạo hỗ trợ người dân. Ảnh: Khánh Huyền",
        "Thủ tướng Phạm Minh Chính phát biểu tại hội nghị. (Ảnh: TTXVN)",
        "Ảnh: TTXVN",
        "Người mẫu xuất hiện trên đường phố Paris. Ảnh: Vogue.",
        "Ảnh minh họa.",
        "Nguồn: Tổng cục Thống kê",
    ],
)
def test_caption_lines_removed(caption):
    body = "Hai nước nhất trí tăng cường hợp tác.\n" + caption + "\nKim ngạch thương mại đạt 20 tỷ USD."
    assert strip_clutter(body).split("\n") == ["Hai nước nhất trí tăng cường hợp tác.", "Kim ngạch thương mại đạt 20 tỷ USD."]


def test_lines_starting_with_anh_huong_or_nguon_are_not_captions():
    body = "Ảnh hưởng của nắng nóng tới sản xuất là rất lớn.\nNguồn động viên rất lớn từ hậu phương\nNgười dân vui mừng."
    assert strip_clutter(body).split("\n") == body.split("\n")


def test_byline_at_end_removed():
    assert strip_clutter("Hai nước ký kết ba văn kiện hợp tác.\nHoài Thu") == "Hai nước ký kết ba văn kiện hợp tác."
    assert strip_clutter("Hai nước ký kết ba văn kiện hợp tác. Hoài Thu") == "Hai nước ký kết ba văn kiện hợp tác."
    assert strip_clutter("Hai nước ký kết văn kiện.\nTheo TTXVN") == "Hai nước ký kết văn kiện."


def test_inline_caption_in_segmented_000():
    cleaned = restore(strip_inline_captions(seed("000")))
    assert "Ảnh" not in cleaned
    assert "Nhật Bắc" not in cleaned
    assert "cửa khẩu trên đất liền. Ba nước cũng sẽ tăng cường hợp tác an ninh" in cleaned
    assert "(giữa)" not in cleaned  # the caption sentence itself
    assert cleaned.endswith("các hoạt động song phương ngày 15-18/12.")  # byline "Hoài_Thu" gone


def test_inline_captions_in_segmented_001_and_002():
    one = restore(strip_inline_captions(seed("001")))
    assert "Ảnh" not in one and "Giang Huy" not in one and "Thanh Danh" not in one
    assert "vai trò Chủ tịch ASEAN. Việt - Lào thiết lập quan hệ ngoại giao năm 1962." in one
    two = restore(strip_inline_captions(seed("002")))
    assert "Ảnh" not in two and "Ngọc Thành" not in two and not two.endswith("Ngọc Ánh")
    for sentence in (
        "Về hợp tác quốc phòng - an ninh, hai lãnh đạo kiên định nguyên tắc",
        "Trong cuộc tiếp tại Trụ sở Trung ương Đảng hôm nay",
        "Chủ tịch nước Võ Văn Thưởng hôm nay tiếp Thủ tướng Hun Manet",
        "Chủ tịch Quốc hội Vương Đình Huệ chiều nay có cuộc hội kiến",
    ):
        assert sentence in two

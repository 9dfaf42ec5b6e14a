from pathlib import Path

import pytest

from tomtat.text.segmented import is_segmented, restore, split_headline

SEEDS = Path(__file__).parents[1] / "fixtures" / "seeds"


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


@pytest.mark.parametrize("prefix", ["000", "001", "002"])
def test_segmented_seeds_detected(prefix):
    assert is_segmented(seed(prefix))


def test_short_segmented_sentence_detected():
    assert is_segmented("Thủ_tướng Phạm_Minh_Chính , ngày 17/12 .")


@pytest.mark.parametrize(
    "text",
    [
        "Liên hệ ban biên tập qua địa chỉ toa_soan@baoquocte.vn hoặc gọi đường dây nóng.",
        "Biến snake_case và my_var thường dùng khi lập trình Python, theo tài liệu hướng dẫn.",
        "",
    ],
)
def test_ordinary_text_not_segmented(text):
    assert not is_segmented(text)


def test_plain_seeds_not_segmented():
    assert not is_segmented(seed("003"))


@pytest.mark.parametrize(
    ("segmented", "plain"),
    [
        ("Thủ_tướng Phạm_Minh_Chính , ngày 17/12 .", "Thủ tướng Phạm Minh Chính, ngày 17/12."),
        ("Thủ_tướng Phạm_Minh_Chính ( giữa ) và Thủ_tướng Lào", "Thủ tướng Phạm Minh Chính (giữa) và Thủ tướng Lào"),
        ('quan_hệ " láng_giềng tốt_đẹp " Việt_Nam - Campuchia', 'quan hệ "láng giềng tốt đẹp" Việt Nam - Campuchia'),
        ('" một hành_trình , ba điểm đến " và " hai " .', '"một hành trình, ba điểm đến" và "hai".'),
        ("hoạt_động song_phương ngày 15-18 / 12 .", "hoạt động song phương ngày 15-18/12."),
        ("Hội_nghị cấp cao 50 năm ASEAN - Nhật_Bản tại Tokyo", "Hội nghị cấp cao 50 năm ASEAN - Nhật Bản tại Tokyo"),
        ("tăng 12 % so với cùng kỳ ; đạt 476,8 triệu USD", "tăng 12% so với cùng kỳ; đạt 476,8 triệu USD"),
    ],
)
def test_restore(segmented, plain):
    assert restore(segmented) == plain


@pytest.mark.parametrize(
    ("prefix", "headline", "body_start"),
    [
        ("000", "Việt Nam, Lào, Campuchia sẽ tăng kết nối kinh tế", "Thủ tướng Việt Nam, Lào, Campuchia nhất trí"),
        ("001", "Việt - Lào nhất trí tăng cường kết nối giao thông", "Thủ tướng Phạm Minh Chính và Thủ tướng Lào"),
        (
            "002",
            "Việt Nam - Campuchia phấn đấu tăng gấp đôi kim ngạch thương mại",
            "Thủ tướng Việt Nam và Campuchia đề xuất",
        ),
    ],
)
def test_split_headline_on_seeds(prefix, headline, body_start):
    head, body = split_headline(seed(prefix))
    assert head == headline
    assert body.startswith(body_start)
    assert "_" not in body


def test_split_headline_skips_words_that_need_an_object():
    text = (
        "Thủ_tướng Phạm_Minh_Chính gặp Tổng_thống Mỹ bàn hợp_tác kinh_tế Thủ_tướng Phạm_Minh_Chính "
        "ngày 10/9 đã hội_đàm với Tổng_thống Mỹ tại Hà_Nội ."
    )
    head, body = split_headline(text)
    assert head == "Thủ tướng Phạm Minh Chính gặp Tổng thống Mỹ bàn hợp tác kinh tế"
    assert body.startswith("Thủ tướng Phạm Minh Chính ngày 10/9")


@pytest.mark.parametrize(
    "text",
    [
        "Giá vàng hôm_nay tăng mạnh . Giá vàng SJC sáng nay tăng 200.000 đồng .",
        "ngày 17/12 , các bên ký_kết Hiệp_định hợp_tác .",
    ],
)
def test_split_headline_unsure_returns_input(text):
    assert split_headline(text) == ("", text)


def test_segmented_text_with_few_compound_words_is_still_seen():
    # VNDS article 'Ghi dấu trong lòng thầy cô ...': two joined words, spacing on every line
    text = (
        "Những giáo viên tận tụy sẽ để lại trong lòng học trò mình hình ảnh khó phai .\n"
        "Tuy_nhiên mỗi năm học , các thầy các cô lại đón một lứa học trò mới .\n"
        "Theo thời gian , những hình ảnh về ta sẽ dần_dần mờ phai ."
    )
    assert is_segmented(text)
    assert restore(text).split("\n")[1] == "Tuy nhiên mỗi năm học, các thầy các cô lại đón một lứa học trò mới."
    plain = "Hai nước ký kết văn kiện về hợp tác.\nThủ tướng nói rằng quan hệ hai nước tốt đẹp.\nsnake_case là một kiểu đặt tên ."
    assert not is_segmented(plain)

import pytest

from tomtat.text.sentences import split_sentences


def sents(text):
    spans = split_sentences(text)
    for a, b in spans:
        assert text[a:b] == text[a:b].strip() and text[a:b]
    return [text[a:b] for a, b in spans]


@pytest.mark.parametrize(
    "sentence",
    [
        "Việt Nam đầu tư 205 dự án với tổng vốn đăng ký đạt 2,95 tỷ USD.",
        "Có hơn 640.000 lượt khách, tức khoảng 5.000 lượt mỗi ngày.",
        "Thủ tướng Phạm Minh Chính ngày 11/12 gặp Thủ tướng Hun Manet tại TP.HCM và Hà Nội.",
        "TS. Nguyễn Văn Sánh và Th.S Lê Minh cho biết như vậy.",
        "PGS.TS. Trần Văn A, Viện trưởng, phát biểu tại hội thảo.",
        "Đội U.23 Việt Nam thắng 3.5 điểm trước các đối thủ Lào, Campuchia v.v. ngay trên sân nhà.",
        "Hai bên hợp tác về khoa học - công nghệ… và nhiều lĩnh vực khác.",
    ],
)
def test_one_sentence_stays_whole(sentence):
    assert sents(sentence) == [sentence]


def test_quotes_close_sentences():
    text = 'Ông nói: "Chúng tôi đồng ý." Sau đó hai bên ký kết. Bà hỏi: “Có kịp không?” Ông đáp có.'
    assert sents(text) == [
        'Ông nói: "Chúng tôi đồng ý."',
        "Sau đó hai bên ký kết.",
        "Bà hỏi: “Có kịp không?”",
        "Ông đáp có.",
    ]


def test_question_ellipsis_and_digits_start_sentences():
    text = "Xin Bộ trưởng cho biết kết quả? Chuyến thăm đã thành công… Ba nước nhất trí. 2024 là năm Lào làm Chủ tịch ASEAN."
    assert sents(text) == [
        "Xin Bộ trưởng cho biết kết quả?",
        "Chuyến thăm đã thành công…",
        "Ba nước nhất trí.",
        "2024 là năm Lào làm Chủ tịch ASEAN.",
    ]


def test_newline_always_ends_a_sentence_and_blank_lines_vanish():
    text = "Dấu mốc cho giai đoạn phát triển mới\n\n  Chu Văn  \nBộ trưởng trả lời phỏng vấn."
    assert sents(text) == ["Dấu mốc cho giai đoạn phát triển mới", "Chu Văn", "Bộ trưởng trả lời phỏng vấn."]


def test_glued_full_stop_before_capitalised_word_splits():
    text = "Đây là chuyến thăm đầu tiên tới một nước ASEAN.Việt Nam - Campuchia thiết lập quan hệ ngoại giao ngày 24/6/1967."
    assert sents(text) == [
        "Đây là chuyến thăm đầu tiên tới một nước ASEAN.",
        "Việt Nam - Campuchia thiết lập quan hệ ngoại giao ngày 24/6/1967.",
    ]


def test_numbered_item_is_not_a_sentence():
    text = "1. Thay vì lo lắng, các em cần rà soát kiến thức. 2. Tự kiểm tra lại kỹ năng."
    assert sents(text) == ["1. Thay vì lo lắng, các em cần rà soát kiến thức.", "2. Tự kiểm tra lại kỹ năng."]


def test_lowercase_after_stop_does_not_split():
    assert len(sents("Các nước Anh, Pháp v.v. đã đồng ý. ông ấy nói vậy.")) == 1


def test_empty_and_whitespace():
    assert split_sentences("") == []
    assert split_sentences(" \n \n") == []

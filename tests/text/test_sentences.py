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


# Initials of anonymised names (crime news: VNDS, AbMuSu, ViMs) are not sentence ends when what
# follows continues the sentence; sentences from the corpora, names as printed there.
@pytest.mark.parametrize(
    "sentence",
    [
        # a capital initial after the name, then "(SN ...)" or "(NN tuổi)"
        "Danh tính 2 nạn nhân được xác định là ông D.V.T. (SN 1975, quê Hưng Yên) và chị Đ.T.T.H. (SN 1980).",
        "Theo cáo trạng, Trần Đình Thịnh và vợ là chị Quách Thị T. (SN 1985, quê Nga Sơn, Thanh Hóa) có với nhau hai con.",
        "Nạn nhân là cháu Trần Bảo K. (SN 2019), con ông Trần Văn T., bà Cao Thị M.",
        # a consonant-cluster initial ("Th.", "Nh.", "Kh.")
        "Theo đó, 2 nạn nhân là Lê Phú Nh. (28 tuổi, trú xã Ia Kla) và Võ Xuân Th. (25 tuổi, trú thị xã An Khê).",
        # spaced runs of initials, the last with or without its stop
        "Để ổn định tình hình, cơ quan công an đã mời bà Ph. T.T. H. cùng những người liên quan về trụ sở.",
        "Sau một ngày được cấp cứu, anh N.T. D đã qua cơn nguy kịch.",
        "Ngày 28-10, bà L.T. S. (38 tuổi, trú xã Quảng Hải) đã bỏ thuốc vào ca sữa cho hai con là V.Đ. T. (4 tuổi) và V.T. T. (9 tuổi).",
        # an initial after a title word, then a dash, a comma or a sum of money
        "Ông Nguyễn Văn Hưng có nợ của anh L. 40 triệu đồng, bà N.T. M.H 150 triệu đồng.",
        "Trong nhóm này, người tên T.V. T. - chủ một cơ sở vật liệu ở huyện Thăng Bình - đòi nợ.",
        "Theo đó, do nạn nhân T.P. S., SN 1995, quê tỉnh Long An nợ tiền nên bị đánh.",
        # place abbreviations keep their old reading: "Q. 1", "H. Nhà Bè"
        "Ông Đoàn Ngọc Hải, phó chủ tịch UBND Q. 1, cho biết như vậy.",
        "Anh Trần Thiên Bảo (xã Phước Kiểng, H. Nhà Bè) nói nước ngập sâu.",
    ],
)
def test_initials_do_not_end_the_sentence(sentence):
    assert sents(sentence) == [sentence]


@pytest.mark.parametrize(
    "text, first",
    [
        # a capitalised word after an initial starts a sentence (measured on VNDS)
        ("Quán ăn gần đó lấy con dao lớn lao đến chém anh L. Anh L. hoảng sợ bỏ chạy vào một nhà ngư dân.", "Quán ăn gần đó lấy con dao lớn lao đến chém anh L."),
        ("Anh nuôi con gái lớn, chị H. nuôi bé P. Sau khi ly hôn, chị H. và bé P. ở trọ tại ấp 3.", "Anh nuôi con gái lớn, chị H. nuôi bé P."),
        ("Nạn nhân được xác định là ông Bùi Văn Đ. Ông Đ. đi làm từ sáng sớm.", "Nạn nhân được xác định là ông Bùi Văn Đ."),
        ("Đối tượng tạt axít vào chị Nh. Cụ thể, vào khoảng 21h ngày 18/8, chị Nh. đang ngủ.", "Đối tượng tạt axít vào chị Nh."),
        # a stop glued twice after an initial, and places that look like initials
        ("Nhóm thanh niên đuổi theo nhóm của anh em D.. Khi chạy được khoảng 30m, xe ngã.", "Nhóm thanh niên đuổi theo nhóm của anh em D.."),
        ("Nguồn khách đến từ khu vực Đông Nam Á. Số lượng khách du lịch tăng mạnh.", "Nguồn khách đến từ khu vực Đông Nam Á."),
    ],
)
def test_a_new_sentence_after_an_initial_still_splits(text, first):
    assert sents(text)[0] == first
    assert len(sents(text)) == 2

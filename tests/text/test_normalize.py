import unicodedata

from tomtat.text.normalize import normalize


def test_old_tone_placement_becomes_new_style():
    assert normalize("Hoà bình, thuỷ lợi, sức khoẻ, toà án") == "Hòa bình, thủy lợi, sức khỏe, tòa án"
    assert normalize("HOÀ BÌNH, Tuỳ, Nguỵ") == "HÒA BÌNH, Tùy, Ngụy"


def test_qu_and_closed_syllables_untouched():
    text = "Quý, quỳ, quà, huỳnh, khuya, ngoài, hoàng, thuyền, khuỷu, giữa"
    assert normalize(text) == text


def test_nfd_input_is_composed():
    nfd = unicodedata.normalize("NFD", "Thủ tướng Phạm Minh Chính hoà giải")
    out = normalize(nfd)
    assert out == "Thủ tướng Phạm Minh Chính hòa giải"
    assert unicodedata.is_normalized("NFC", out)


def test_lookalike_eth_becomes_d_with_stroke():
    assert normalize("\u00d0ại hội \u00d0ảng") == "\u0110ại hội \u0110ảng"


def test_invisible_and_odd_spaces():
    text = "Việt\u00a0Nam  và\u200b Lào\t\tký kết\u202fhiệp định"
    assert normalize(text) == "Việt Nam và Lào ký kết hiệp định"


def test_newlines_kept_and_punctuation_spacing_untouched():
    text = "Dòng một , có dấu phẩy .\r\n\r\n  Dòng hai:  “trích dẫn” !"
    assert normalize(text) == "Dòng một , có dấu phẩy .\n\nDòng hai: “trích dẫn” !"

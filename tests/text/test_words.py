from tomtat.text.words import tokenize


def test_multi_syllable_words_joined_and_lowercased():
    words = tokenize("Thủ tướng Phạm Minh Chính đến Hà Nội, đạt 2,95 tỷ USD tại TP.HCM.")
    assert words[:4] == ("thủ_tướng", "phạm_minh_chính", "đến", "hà_nội")
    assert "2,95" in words and "usd" in words and "tp.hcm" in words


def test_punctuation_tokens_dropped():
    words = tokenize("“Một hành trình, ba điểm đến” – ... !")
    assert words and all(any(c.isalnum() for c in w) for w in words)
    assert "," not in words and "..." not in words


def test_empty_sentence():
    assert tokenize("   ") == ()

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


def test_first_calls_from_many_threads_all_succeed():
    # underthesea loads its model lazily and without a lock; a cold start from threads failed
    import subprocess
    import sys

    code = (
        "from concurrent.futures import ThreadPoolExecutor\n"
        "from tomtat.text.words import tokenize\n"
        "texts = [f'Thủ tướng Phạm Minh Chính đến Hà Nội lần {i}.' for i in range(16)]\n"
        "with ThreadPoolExecutor(8) as pool:\n"
        "    out = list(pool.map(tokenize, texts))\n"
        "assert all('phạm_minh_chính' in t for t in out), out\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_bigrams_of_syllables_are_defined_once_here():
    from tomtat.select import syllable_bigrams as select_bigrams
    from tomtat.text.words import bigram_set, syllable_bigrams, syllables, unigrams_and_bigrams

    text = "Thủ_tướng, ngày 2,95 Thủ tướng"
    tokens = syllables(text)
    assert tokens == ["thủ", "tướng", "ngày", "2", "95", "thủ", "tướng"]
    assert syllable_bigrams(text) == bigram_set(tokens) == select_bigrams(text)
    assert ("thủ", "tướng") in syllable_bigrams(text) and len(syllable_bigrams(text)) == 5
    assert unigrams_and_bigrams(["a", "b", "c"]) == ["a", "b", "c", "a b", "b c"]
    assert bigram_set(["một"]) == set()

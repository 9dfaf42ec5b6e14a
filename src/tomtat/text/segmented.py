"""Word-segmented input ("Thủ_tướng Phạm_Minh_Chính , ngày 17/12 .") back to plain text.

Some corpora ship articles run through a word segmenter: syllables of a word joined by
``_``, punctuation set apart by spaces, and the headline glued to the first sentence.
"""

from __future__ import annotations

import re

_UNDERSCORE_WORD = re.compile(r"^[^\W\d_]+(?:_[^\W\d_0-9]+)+$")
_SPACED_PUNCT = re.compile(r"(?:^| )[,.;:!?)(](?= |$)", re.M)
_JOINER = re.compile(r"(?<=[^\W_])_(?=[^\W_])")
_NO_SPACE_BEFORE = re.compile(r" +([,.;:!?%)\]}…])")
_NO_SPACE_AFTER = re.compile(r"([(\[{]) +")
_DIGIT_SLASH = re.compile(r"(?<=\d) */ *(?=\d)")
_QUOTE_TOKEN = re.compile(r'(?<!\S)["“”](?!\S)')


def is_segmented(text: str) -> bool:
    """True when ``text`` looks word-segmented (many ``a_b`` words, spaced punctuation).

    A stray underscore or two (an e-mail, a ``snake_case`` name) is not enough.
    """
    tokens = text.split()
    if not tokens:
        return False
    joined = sum(1 for t in tokens if _UNDERSCORE_WORD.match(t))
    ratio = joined / len(tokens)
    spaced = len(_SPACED_PUNCT.findall(text))
    if joined >= 5 and ratio >= 0.05:
        return True
    if joined >= 2 and ratio >= 0.1 and spaced >= 1:
        return True
    # few compound words but the segmenter's spacing everywhere: "… mãi .\nTuy_nhiên mỗi …"
    lines = [ln for ln in text.split("\n") if ln.strip()]
    spaced_ends = sum(1 for ln in lines if re.search(r" [.!?]$", ln.rstrip()))
    return joined >= 1 and spaced_ends >= 2 and spaced_ends >= 0.5 * len(lines) and spaced >= 3


def _pair_quotes(text: str) -> str:
    """Attach free-standing straight quotes to their words: '" a b "' -> '"a b"'."""
    out: list[str] = []
    pos = 0
    opening = True
    for m in _QUOTE_TOKEN.finditer(text):
        out.append(text[pos : m.start()])
        if opening:
            out.append('"')
            pos = m.end()
            if text[pos : pos + 1] == " ":
                pos += 1
        else:
            if out and out[-1].endswith(" "):
                out[-1] = out[-1][:-1]
            out.append('"')
            pos = m.end()
        opening = not opening
    out.append(text[pos:])
    return "".join(out)


def restore(text: str) -> str:
    """Undo word segmentation: ``_`` -> space, punctuation re-attached, quotes paired.

    ``"Thủ_tướng Phạm_Minh_Chính , ngày 17/12 ."`` -> ``"Thủ tướng Phạm Minh Chính, ngày 17/12."``;
    spaced dashes (``"ASEAN - Nhật_Bản"``) stay spaced. Lines are handled one by one.
    """
    lines = []
    for line in text.split("\n"):
        line = _JOINER.sub(" ", line)
        line = _pair_quotes(line)
        line = line.replace("“ ", "“").replace(" ”", "”")
        line = _NO_SPACE_BEFORE.sub(r"\1", line)
        line = _NO_SPACE_AFTER.sub(r"\1", line)
        line = _DIGIT_SLASH.sub("/", line)
        lines.append(re.sub(" {2,}", " ", line).strip())
    return "\n".join(lines)


# words that cannot end a headline: they need an object (the capitalised word after them)
_NEEDS_OBJECT = frozenset(
    "và với của tại ở cho về gặp tiếp thăm từ đến tới là như cùng giữa trong ngoài theo vì do "
    "bởi hay hoặc mời trao tặng ông bà anh chị các những một nói hỏi đón đối_với hội_đàm "
    "điện_đàm hội_kiến tiếp_kiến kêu_gọi chúc_mừng cảm_ơn gửi thăm_hỏi sang rời qua".split()
)


def _is_capitalised(token: str) -> bool:
    return token[:1].isupper()


def _is_lower_word(token: str) -> bool:
    letters = token.replace("_", "")
    return letters.isalpha() and letters.islower()


def split_headline(text: str, min_syllables: int = 5, max_syllables: int = 30) -> tuple[str, str]:
    """Split a segmented article whose headline runs into its first sentence.

    The headline ends at the first capitalised word that follows a lower-case word, within
    the first sentence and ``min_syllables..max_syllables`` syllables from the start, while the
    remaining first sentence is at least as long as the headline-free part needs to be.
    Returns restored ``(headline, body)``, or ``("", text)`` unchanged when unsure.
    """
    first_line, sep, rest_lines = text.partition("\n")
    tokens = first_line.split(" ")
    if not tokens or not _is_capitalised(tokens[0]):
        return "", text
    syllables = 0
    for i, token in enumerate(tokens):
        if token in {".", "!", "?"}:
            return "", text  # first sentence ended: no headline glued to it
        if i > 0 and syllables >= min_syllables and _is_capitalised(token) and token[:1].isalpha():
            prev = tokens[i - 1]
            head_tokens = tokens[:i]
            lower = sum(1 for t in head_tokens[1:] if _is_lower_word(t))
            words = sum(1 for t in head_tokens[1:] if any(c.isalpha() for c in t))
            body_sentence = " ".join(tokens[i:]).split(" . ")[0].split()
            if (
                _is_lower_word(prev)
                and prev.lower() not in _NEEDS_OBJECT
                and words
                and lower / words >= 0.3
                and len(body_sentence) >= 4
            ):
                head = restore(" ".join(head_tokens))
                body = restore(" ".join(tokens[i:]) + sep + rest_lines)
                return head, body
        syllables += token.count("_") + 1
        if syllables > max_syllables:
            break
    return "", text

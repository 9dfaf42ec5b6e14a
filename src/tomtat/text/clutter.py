"""Remove what a web page adds around an article: related-story boxes, photo captions and
credits, bylines, share/follow prompts, repeated lines.

``strip_clutter`` is a line filter for pasted or extracted page text; ``strip_inline_captions``
works inside one word-segmented paragraph, where captions are glued into the running text
("... tại Tokyo , Nhật_Bản . Ảnh : Nhật Bắc_Ba nước cũng sẽ ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tomtat.text.sentences import ABBREVIATIONS

# a heading that introduces other stories' headlines
_RELATED = re.compile(
    r"^(tin|bài|bài viết|tin bài) (liên quan|cùng chuyên mục|cùng sự kiện|khác|mới|mới nhất|"
    r"nổi bật|đọc nhiều|xem nhiều)|^(đọc|xem) (thêm|nhiều|tiếp)|^có thể bạn (quan tâm|muốn đọc)",
    re.I,
)
# the boxes after which the page holds nothing of the article
_TAIL = re.compile(
    r"^(đọc thêm|xem thêm|tin cùng chuyên mục|tin khác|tin mới|có thể bạn|tin đọc nhiều|"
    r"đọc nhiều|xem nhiều|tin nổi bật)",
    re.I,
)
_WIDGET = re.compile(
    r"^(theo dõi .{1,60} trên\b.*|trang chủ|phiên bản di động|phiên bản máy tính|chia sẻ|bình luận|"
    r"bản in|in bài( viết)?|gửi bài( viết)?|lên đầu trang|về đầu trang|trở về đầu trang|"
    r"(tags?|từ khóa|chủ đề)\s*:.*|xem video.*|video:.*)$",
    re.I,
)
_CREDIT_LINE = re.compile(
    r"^(\(\*\)\s*)?\(?\s*((ảnh|nguồn|nguồn ảnh|nguồn video|video|đồ họa|clip)\s*:[^.!?]*|ảnh minh họa\b[^.!?]*)\)?\.?$",
    re.I,
)
_CAPTION_END = re.compile(r"\(\s*(ảnh|nguồn|nguồn ảnh)\s*:[^()]{1,80}\)\s*\.?$", re.I)
_CREDIT_END = re.compile(r"(?<=[.!?)”\"])\s+(ảnh|nguồn)\s*:\s*([^.!?]{1,60})\.?$", re.I)
_SENTENCE_END = re.compile(r"[.!?…:;”\"')]$")
_NAME_SYLLABLE = re.compile(r"^[^\W\d_][^\W\d_]*$")


def _is_name(words: list[str], max_words: int = 4) -> bool:
    """1-4 capitalised syllables, no digits or punctuation: a byline like "Chu Văn"."""
    return (
        0 < len(words) <= max_words
        and all(_NAME_SYLLABLE.match(w) and w[0].isupper() for w in words)
    )


def _headline_like(line: str) -> bool:
    return not _SENTENCE_END.search(line) and len(line.split()) <= 40


def _teaser(line: str) -> bool:
    return line.endswith("...") or line.endswith("…")


def _one_teaser(line: str) -> bool:
    """A teaser under a related headline: "..." at its end and one sentence at most. A line
    holding several sentences that ends in "…" is an article's paragraph (many end so)."""
    return _teaser(line) and _n_sentences(line) <= 1


# ---------------------------------------------------------------- segmented paragraphs


def _cap_parts(token: str) -> list[str] | None:
    parts = token.split("_")
    if all(p[:1].isupper() and p.isalpha() for p in parts):
        return parts
    return None


def _ends_sentence(token: str) -> bool:
    """A segmented token that closes a sentence: ".", "?", or a glued "ASEAN."."""
    if token in {".", "!", "?"}:
        return True
    return len(token) > 2 and token.endswith(".") and token[:-1].lower() not in ABBREVIATIONS


def _strip_segmented_line(line: str) -> str:
    tokens = line.split(" ")
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if tokens[i] == "Ảnh" and i + 2 < len(tokens) and tokens[i + 1] == ":" and _cap_parts(tokens[i + 2]):
            j = i + 2
            parts = _cap_parts(tokens[j]) or []
            nxt = tokens[j + 1] if j + 1 < len(tokens) else ""
            rest: list[str] = []  # what follows the credit in the same token
            if len(parts) == 1 and nxt and _cap_parts(nxt) and "_" in nxt:
                # "Ảnh : Nhật Bắc_Ba nước": the name's last syllable glued to the next sentence
                j += 1
                rest = ["_".join(nxt.split("_")[1:])]
            elif len(parts) > 1 and nxt and nxt[:1].islower():
                # "Ảnh : Nhật_Bắc_Ba nước": the sentence starts inside the token
                rest = [parts[-1]]
            # drop the caption sentence before the credit when it is short
            if out and out[-1] == ".":
                k = len(out) - 2
                while k >= 0 and not _ends_sentence(out[k]):
                    k -= 1
                caption = out[k + 1 : -1]
                if k >= 0 and 0 < sum(t.count("_") + 1 for t in caption) <= 40:
                    del out[k + 1 :]
            out.extend(rest)
            i = j + 1
            continue
        out.append(tokens[i])
        i += 1
    # a byline after the last full stop: ". Hoài_Thu"
    if len(out) >= 2 and out[-2] in {".", "!", "?"}:
        parts = _cap_parts(out[-1])
        if parts and len(parts) <= 4 and not out[-1].isupper():
            out.pop()
    return " ".join(out)


def strip_inline_captions(text: str) -> str:
    """Remove photo credits glued into segmented paragraphs, with their caption sentence,
    and a trailing byline: "... Nhật_Bản . Ảnh : Nhật Bắc_Ba nước ..." -> "... Ba nước ...".
    """
    return "\n".join(_strip_segmented_line(line) for line in text.split("\n"))


# ---------------------------------------------------------------- page lines


@dataclass(frozen=True)
class Removed:
    """A piece of page text that cleaning took out, and why."""

    text: str
    reason: str  # related | widget | card | caption | credit | byline | repeat | other-story
    line: int  # its line number (0-based) in the text given to :func:`clean_lines`
    sentence_like: bool = False  # ends like a sentence and is long enough to be one


@dataclass(frozen=True)
class CleanedLines:
    """The kept lines of a page, and every removed piece with its reason."""

    kept: tuple[str, ...]
    removed: tuple[Removed, ...] = ()

    @property
    def text(self) -> str:
        return "\n".join(self.kept)


_MARKER = re.compile(
    r"^\s*(tin bài liên quan|tin liên quan|bài liên quan|bài viết liên quan|(?:xem|đọc) thêm(?: video| clip| ảnh)?|"
    r"xem tiếp|đọc tiếp|tin cùng chuyên mục|có thể bạn (?:quan tâm|muốn đọc))\s*(?:[:>»\-–]+|(?=\s(?-i:[A-ZĐÀÁẢÃẠĂÂÈÉÊÌÍÒÓÔƠÙÚƯÝ])))\s*",
    re.I,
)
_HAS_STOP = re.compile(r"[.!?…](?:\s|$)")  # a run of glued headlines has none
_CAPTION_START = re.compile(r"^(ảnh|hình|video|clip)( (trái|phải|trên|dưới|bên trái|bên phải|minh họa|chụp màn hình))?\s*:", re.I)
_FINAL = re.compile(r"[.!?…”\"')]$")


# removed as a whole block that is not the article's: never put back by ``keep_sentences``
_FURNITURE = frozenset({"card", "repeat", "other-story", "widget"})


def _card_teaser(line: str) -> bool:
    """The teaser under a card's headline: "..." at its end, or one sentence."""
    return bool(line) and (_teaser(line) or (len(line.split()) <= 50 and _n_sentences(line) == 1))


def sentence_like(line: str) -> bool:
    return bool(_FINAL.search(line)) and len(line.split()) >= 6 and not (_teaser(line) and _n_sentences(line) <= 1)


def _n_sentences(text: str) -> int:
    from tomtat.text.sentences import split_sentences

    return len(split_sentences(text))


def _strip_credit(line: str) -> tuple[str, str]:
    """``"... sentence. (Ảnh: TTXVN)"`` -> ``("... sentence.", "(Ảnh: TTXVN)")``; ``(line, "")``
    when the line does not end with a photo credit or a source."""
    m = _CAPTION_END.search(line) or _CREDIT_END.search(line)
    if not m or len(line.split()) > 400:
        return line, ""
    return line[: m.start()].rstrip(), line[m.start() :].strip()


def _bigrams(text: str) -> set[tuple[str, str]]:
    from tomtat.text.words import syllables

    words = syllables(text)
    return set(zip(words, words[1:]))


# a tail shares less than this share of its syllable bigrams with the article before it when
# it is another story. Measured on VNDS (benchmarks/cleaning_bench.py --story): the second
# half of an article shares 11% of its bigrams with the first (median; 1 in 100 below 3%),
# the stories a digest appends after "Xem thêm tại đây." 7% (1 in 10 below 3%): overlap
# cannot tell them apart well, so only a tail with almost nothing in common goes.
OTHER_STORY_OVERLAP = 0.02


def continues_story(before: str, tail: str) -> float:
    """Share of ``tail``'s syllable bigrams that ``before`` (title and article so far) holds."""
    tail_bigrams = _bigrams(tail)
    if not tail_bigrams:
        return 1.0
    return len(tail_bigrams & _bigrams(before)) / len(tail_bigrams)


def clean_lines(text: str, title: str = "", *, keep_sentences: bool = False) -> CleanedLines:
    """Drop page furniture line by line; never a sentence of the article.

    Removed, each with its reason: a related-story heading alone on its line and the short
    headline lines (no final stop) or teasers under it; a line "Xem thêm: <one headline>"
    (an article written on one line after such a marker keeps its text, only the marker
    goes); after a bottom box ("Xem thêm tại đây."), what follows when it is another story
    (few of its syllable bigrams in the title and article before it); photo captions and
    credits, a credit only where it ends ("… câu. (Ảnh: TTXVN)" keeps the sentences when
    there are several); follow/share prompts; bylines next to the title or at the end; cards
    (a headline printed twice plus a teaser "..."); repeated lines (the first copy stays).
    ``keep_sentences=True`` removes only what cannot be a sentence (the fallback when the
    rules would take a large share of an article).
    """
    lines = [ln.strip() for ln in text.split("\n")]
    idx = [i for i, ln in enumerate(lines) if ln]
    kept: dict[int, str] = {i: lines[i] for i in idx}
    removed: list[Removed] = []

    def drop(i: int, reason: str, piece: str | None = None) -> None:
        piece = lines[i] if piece is None else piece
        sentence = reason not in _FURNITURE and sentence_like(piece)
        # the fallback keeps every sentence but a repeated one (its first copy stays)
        if keep_sentences and reason != "repeat" and sentence_like(piece):
            return
        if piece == lines[i]:
            kept.pop(i, None)
        removed.append(Removed(piece, reason, i, sentence))

    n = len(idx)
    pos = 0
    while pos < n:
        i = idx[pos]
        line = lines[i]
        nxt = lines[idx[pos + 1]] if pos + 1 < n else ""
        after = lines[idx[pos + 2]] if pos + 2 < n else ""
        head = line.rstrip(":").strip()
        marker = _MARKER.match(line)
        bare = _RELATED.match(head) and len(head.split()) <= 8 and (not marker or not line[marker.end() :].strip() or line.endswith(":"))
        if bare or (marker and not line[marker.end() :].strip()):
            # a box heading alone on its line: the short headlines under it go with it
            drop(i, "related")
            k = pos + 1
            if _TAIL.match(head):
                pos = _drop_other_story(lines, idx, k, title, kept, drop)
                continue
            while k < n and (_headline_like(lines[idx[k]]) or _one_teaser(lines[idx[k]])) and not _MARKER.match(lines[idx[k]]):
                drop(idx[k], "related")
                k += 1
            pos = k
            continue
        if marker:  # "Xem thêm: <headline>", or an article on one line after the marker
            rest = line[marker.end() :].strip()
            if _one_teaser(rest) or not _HAS_STOP.search(rest) or (len(rest.split()) <= 40 and _n_sentences(rest) <= 1):
                drop(i, "related")
            else:
                kept[i] = rest
                removed.append(Removed(line[: marker.end()].strip(), "related", i))
            pos += 1
            continue
        if _WIDGET.match(line) and len(line.split()) <= 15:
            drop(i, "widget")
        elif pos > 0 and line == nxt and _headline_like(line) and (_card_teaser(after) or pos + 3 >= n):
            drop(i, "card")  # a card: the same headline twice and a teaser
            drop(idx[pos + 1], "card")
            if _card_teaser(after):
                drop(idx[pos + 2], "card")
                pos += 1
            pos += 1
        elif pos > 1 and not _SENTENCE_END.search(line) and nxt.rstrip(".") == line and nxt != line:
            drop(i, "caption")  # a photo's alt text, then the same as caption
            drop(idx[pos + 1], "caption")
            pos += 1
        elif _CAPTION_START.match(line) and 10 < len(line.split()) <= 80 or (
            _CAPTION_START.match(line) and len(line.split()) <= 10 and not _CREDIT_LINE.match(line)
        ):
            # "Ảnh trái: <caption>. Ảnh phải: <caption>", "Clip: <a video's title>"
            drop(i, "caption")
        elif _CREDIT_LINE.match(line) and len(line.split()) <= 10:
            drop(i, "credit")
            _drop_alt_text(lines, idx, pos, kept, drop)
        else:
            body, credit = _strip_credit(line)
            if credit:
                if _n_sentences(body) <= 1 and len(body.split()) <= 60:
                    drop(i, "caption")  # a caption: one sentence and its credit
                    _drop_alt_text(lines, idx, pos, kept, drop)
                else:  # a paragraph that ends with a credit keeps its sentences
                    kept[i] = body
                    removed.append(Removed(credit, "credit", i))
            elif 0 < pos <= 2 and _is_name(line.split()):
                drop(i, "byline")  # byline under the title
        pos += 1
    out: list[str] = []
    out_lines: list[int] = []
    seen: set[str] = set()
    for i in idx:
        if i not in kept:
            continue
        if kept[i] in seen:
            removed.append(Removed(kept[i], "repeat", i, sentence_like(kept[i])))
            continue
        seen.add(kept[i])
        out.append(kept[i])
        out_lines.append(i)
    # byline or source at the very end
    while len(out) > 1 and (_is_name(out[-1].split()) or re.match(r"^\(?theo [^.]{1,40}\)?$", out[-1], re.I)):
        removed.append(Removed(out[-1], "byline", out_lines[-1]))
        out.pop()
        out_lines.pop()
    if out:
        last = _drop_tail_byline(out[-1])
        if last != out[-1]:
            removed.append(Removed(out[-1][len(last) :].strip(), "byline", out_lines[-1]))
            out[-1] = last
    return CleanedLines(tuple(out), tuple(removed))


def _drop_alt_text(lines, idx, pos, kept, drop) -> None:
    """The photo's alt text: a headline-like line just before its caption."""
    prev = [p for p in idx[1:pos] if p in kept]
    if prev and prev[-1] == idx[pos - 1] and _headline_like(lines[prev[-1]]) and not _is_caption(lines[prev[-1]]):
        drop(prev[-1], "caption")


def _drop_other_story(lines, idx, k, title, kept, drop) -> int:
    """After a bottom box at ``idx[k-1]``: cards (a headline twice and its teaser) and
    widgets go; the other lines up to the next marker go when they tell another story.
    Returns the position to go on from."""
    end = k
    while end < len(idx) and not (_MARKER.match(lines[idx[end]]) or _RELATED.match(lines[idx[end]])):
        end += 1
    rest: list[int] = []
    p = k
    while p < end:
        line = lines[idx[p]]
        if p + 1 < end and line == lines[idx[p + 1]] and (_headline_like(line) or line.endswith("?")):
            drop(idx[p], "card")
            drop(idx[p + 1], "card")
            if p + 2 < end and _card_teaser(lines[idx[p + 2]]):
                drop(idx[p + 2], "card")
                p += 1
            p += 2
            continue
        if _WIDGET.match(line) and len(line.split()) <= 15:
            drop(idx[p], "widget")
        elif _headline_like(line) or _one_teaser(line):
            drop(idx[p], "related")
        else:
            rest.append(idx[p])
        p += 1
    if rest:
        before = "\n".join([title] + [kept[i] for i in idx[:k] if i in kept])
        if continues_story(before, "\n".join(lines[i] for i in rest)) < OTHER_STORY_OVERLAP:
            for i in rest:
                drop(i, "other-story")
    return end


def _is_caption(line: str) -> bool:
    words = len(line.split())
    if _CREDIT_LINE.match(line) and words <= 10:
        return True
    return words <= 60 and bool(_CAPTION_END.search(line) or _CREDIT_END.search(line))


def _drop_tail_byline(line: str) -> str:
    """"... ngày 15-18/12. Hoài Thu" -> "... ngày 15-18/12."."""
    m = re.search(r"([.!?…”\"])\s+([^.!?…\d]+)$", line)
    if m and _is_name(m.group(2).split()) and not m.group(2).isupper() and len(line[: m.start(2)].split()) >= 4:
        return line[: m.end(1)]
    return line


def strip_clutter(text: str) -> str:
    """The kept lines of :func:`clean_lines`, joined by newlines (blank lines dropped)."""
    text = strip_inline_captions(text) if " Ảnh : " in text else text
    return clean_lines(text).text
